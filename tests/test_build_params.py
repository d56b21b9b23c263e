"""params/<unit>/<period>.yaml: strict, checked before any notebook runs; --to parsing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lkj.build.finish import parse_formats, report_name
from lkj.cli import main
from lkj.errors import LkjError, ParamsError
from lkj.inputs.params import NO_DATE, load_params
from lkj.inputs.project import Project
from lkj.report.context import load_report
from lkj.rules.periods import Period
from tests.conftest import REPO

Q2 = "params/bp3mi-jabar/2025-Q2.yaml"


def test_shipped_params() -> None:
    project = Project.at(REPO)
    q2 = load_params(project, "bp3mi-jabar", "2025-Q2")
    p = q2.penandatangan
    assert (p.tempat, p.tanggal, p.jabatan) == ("Bandung", date(2025, 7, 21), "Kepala")
    assert (p.nama, p.identitas) == ("Mulia Nugraha, S.I.K., M.H.", "Kombes Pol. NRP. 69110405")
    q1 = load_params(project, "bp3mi-jabar", "2025-Q1")
    assert q1.penandatangan.tanggal is None  # the reference gives none; none is invented
    assert NO_DATE == "(tanggal belum ditetapkan)"


def edit(root: Path, old: str, new: str) -> None:
    path = root / Q2
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_error(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["--root", str(root), "build", "2025-Q2", "--to", "html"])
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert "Traceback" not in captured.err and "[1/" not in captured.out  # nothing ran
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert not (root / "build").exists()
    return lines[0]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  jabatan: Kepala",
            "  jabatn: Kepala",
            "key 'penandatangan.jabatn': unknown key; did you mean 'jabatan'?",
        ),
        ("  jabatan: Kepala\n", "", "key 'penandatangan.jabatan': required key is missing"),
        (
            "tanggal: 2025-07-21",
            "tanggal: 21 Juli 2025",
            "key 'penandatangan.tanggal': value "
            "is not valid; found '21 Juli 2025'; expected a date written YYYY-MM-DD",
        ),
        ('nama: "Mulia Nugraha, S.I.K., M.H."', "nama: 12", "key 'penandatangan.nama'"),
        (
            "  - iku: 3\n",
            "  - iku: 30\n",
            "key 'tabel_pendukung.2.iku': IKU 30 is not in the performance agreement",
        ),
        ("    letak: setelah_evaluasi", "    letak: sesudah", "key 'tabel_pendukung.2.letak'"),
        (
            "    judul: Rekap Jumlah Pencatatan Aduan\n",
            "",
            "key 'tabel_pendukung.1.judul': required key is missing",
        ),
        (
            "    letak: setelah_evaluasi\n",
            "",
            "key 'tabel_pendukung.2.letak': required key is missing",
        ),
        (
            "    berkas: mou.csv",
            "    berkas: ../mou.csv",
            "key 'tabel_pendukung.2.berkas': not a CSV file name",
        ),
        (
            "{singkatan} dengan",
            "{unit} dengan",
            "key 'tabel_pendukung.2.judul': unknown placeholder {unit}",
        ),
        (
            "period: 2025-Q2",
            "period: 2025-Q3",
            "key 'period': the period does not match the "
            "file name; found '2025-Q3'; expected 2025-Q2",
        ),
        ("period: 2025-Q2\n", "period: 2025-Q2\nwarna: biru\n", "key 'warna': unknown key"),
    ],
)
def test_bad_params_stop_the_build_before_any_notebook(
    project_copy: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    edit(project_copy, old, new)
    msg = build_error(project_copy, capsys)
    assert msg.startswith(f"lkj: error: {Q2}"), msg
    assert expected in msg, msg


def test_missing_params_file(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / Q2).unlink()
    msg = build_error(project_copy, capsys)
    assert f"{Q2}: params file is missing" in msg


def test_counts_table_needs_the_labels(project_copy: Path) -> None:
    edit(project_copy, "  - iku: 2\n", "  - iku: 3\n")
    with pytest.raises(ParamsError, match="IKU 3 has no counts to show"):
        load_report("bp3mi-jabar", "2025-Q2", project_copy)


def test_signing_date_may_be_null(project_copy: Path) -> None:
    edit(project_copy, "tanggal: 2025-07-21", "tanggal: null")
    signed = load_report("bp3mi-jabar", "2025-Q2", project_copy).params.penandatangan
    assert signed is not None and signed.tanggal is None


def test_parse_formats() -> None:
    assert parse_formats("html") == ("html",)
    assert parse_formats(" HTML , html ") == ("html",)
    assert parse_formats("html,docx") == ("html", "docx")
    with pytest.raises(LkjError, match="unknown output format 'odt'"):
        parse_formats("html,odt")
    with pytest.raises(LkjError, match="at least one format"):
        parse_formats(" , ")


def test_report_name() -> None:
    assert report_name("bp3mi-jabar", Period(2025, 2)) == "lkj-bp3mi-jabar-2025-tw2"
