"""`lkj export PERIOD --to xlsx`: the computed tables as numbers, equal to `lkj summary
--format json`, the same bytes on every run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lkj.cli import main

XLSX = "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.xlsx"


def export(root: Path, capsys: pytest.CaptureFixture[str], period: str = "2025-Q2") -> Path:
    name = f"reports/bp3mi-jabar/{period}/lkj-bp3mi-jabar-2025-tw{period[-1]}.xlsx"
    assert main(["--root", str(root), "export", period, "--to", "xlsx"]) == 0
    assert capsys.readouterr().out == f"wrote {name}\n"
    return root / name


def summary_json(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["--root", str(root), "summary", "2025-Q2", "--format", "json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def records(ws: Any) -> list[dict[str, Any]]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def book(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    return openpyxl.load_workbook(export(project_copy, capsys))


def test_values_equal_the_summary_json(
    project_copy: Path, capsys: pytest.CaptureFixture[str], book: Any
) -> None:
    expected = summary_json(project_copy, capsys)
    assert book.sheetnames == ["Pengukuran Kinerja", "Ringkasan", "Anggaran"]
    rows = records(book["Pengukuran Kinerja"])
    assert len(rows) == len(expected["indicators"]) == 13
    for row, ind in zip(rows, expected["indicators"], strict=True):
        assert row["IKU"] == ind["iku"]
        assert row["Uraian Sasaran"] == ind["sasaran"]
        assert row["Indikator"] == ind["indikator"]
        assert row["Jenis"] == ind["jenis"] and (row["Satuan"] or "") == ind["satuan"]
        assert row["Target Tahunan"] == ind["target"]
        assert row["Realisasi TW II"] == ind["realisasi"]
        assert row["Capaian TW II (%)"] == ind["capaian"]
        assert row["Realisasi s.d. TW II"] == ind["realisasi_kumulatif"]
        assert row["Capaian s.d. TW II (%)"] == ind["capaian_kumulatif"]
    summary = {r["Uraian"]: r["Nilai"] for r in records(book["Ringkasan"])}
    assert summary["Capaian rata-rata s.d. TW II (%)"] == expected["capaian_rata_rata"]
    assert summary["Jumlah IKU capaian di atas 100%"] == expected["jumlah_di_atas_100"]
    assert summary["Jumlah IKU capaian tepat 100%"] == expected["jumlah_100"]
    assert summary["Jumlah IKU capaian di bawah 100%"] == expected["jumlah_di_bawah_100"]
    assert summary["Jumlah IKU tidak terukur"] == expected["jumlah_tidak_terukur"]
    assert summary["Pagu anggaran (Rp)"] == expected["anggaran"]["pagu"]
    assert summary["Realisasi anggaran s.d. TW II (Rp)"] == expected["anggaran"]["realisasi"]
    assert summary["Realisasi anggaran s.d. TW II (%)"] == expected["anggaran"]["persen"]


def test_figures_worked_by_hand(book: Any) -> None:
    rows = {r["IKU"]: r for r in records(book["Pengukuran Kinerja"])}
    # IKU 1 (persen, jumlah, target 70): TW I 25.33 / 70 = 36.1857… -> 36.19
    assert rows[1]["Target TW I"] == 17.5 and rows[1]["Realisasi TW I"] == 25.33
    assert rows[1]["Capaian TW I (%)"] == 36.19
    # to date 25.33 + 13.33 = 38.66; / 70 = 55.2285… -> 55.23
    assert rows[1]["Realisasi s.d. TW II"] == 38.66 and rows[1]["Capaian s.d. TW II (%)"] == 55.23
    # IKU 13 is a predicate: text, and Baik against Baik scores 100
    assert rows[13]["Realisasi TW II"] == "Baik" and rows[13]["Capaian TW II (%)"] == 100
    lines = {r["Baris"]: r for r in records(book["Anggaran"])}
    # line 1: 12,571,096 of 115,260,000 = 10.9067… -> 10.91
    assert lines[1]["Pagu (Rp)"] == 115260000
    assert lines[1]["Realisasi s.d. TW II (Rp)"] == 12571096
    assert lines[1]["Realisasi s.d. TW II (%)"] == 10.91
    assert lines[2]["Realisasi s.d. TW II (%)"] is None  # a ceiling of 0: no percentage


def test_numbers_formats_and_frozen_headers(book: Any) -> None:
    ws = book["Pengukuran Kinerja"]
    assert ws.freeze_panes == "B2"
    assert book["Ringkasan"].freeze_panes == book["Anggaran"].freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    iku1 = ws[2]
    target = iku1[header.index("Target Tahunan")]
    assert target.data_type == "n" and target.number_format == '#,##0.00"%"'
    capaian = iku1[header.index("Capaian s.d. TW II (%)")]
    assert capaian.data_type == "n" and capaian.number_format == "#,##0.00"
    iku7 = ws[8]
    assert iku7[header.index("Realisasi TW II")].number_format == "#,##0"  # persons
    money = book["Anggaran"]["D2"]
    assert money.data_type == "n" and money.number_format == '"Rp "#,##0'
    assert ws.column_dimensions["D"].width == 50


def test_the_same_bytes_in_another_process(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = export(project_copy, capsys).read_bytes()
    subprocess.run(
        [sys.executable, "-m", "lkj.cli", "--root", str(project_copy), "export", "2025-Q2",
         "--to", "xlsx"],
        check=True,
        capture_output=True,
        env={"PYTHONHASHSEED": "123", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert (project_copy / XLSX).read_bytes() == first


def test_first_quarter(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = openpyxl.load_workbook(export(project_copy, capsys, "2025-Q1"))["Pengukuran Kinerja"]
    header = [c.value for c in ws[1]]
    assert "Target TW II" not in header and header[-3:] == [
        "Realisasi s.d. TW I",
        "Capaian s.d. TW I (%)",
        "Kelas",
    ]


def test_bad_input_writes_nothing(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = project_copy / "data/bp3mi-jabar/2025/realisasi.csv"
    real.write_text(real.read_text().replace("1,1,25.33,,", "1,1,x,,"))
    assert main(["--root", str(project_copy), "export", "2025-Q2", "--to", "xlsx"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lkj: error: data/bp3mi-jabar/2025/realisasi.csv, row 2")
    assert not (project_copy / "reports").exists()


def test_no_export_through_a_link_out_of_the_project(
    project_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project_copy / "reports").symlink_to(outside)
    assert main(["--root", str(project_copy), "export", "2025-Q2", "--to", "xlsx"]) == 2
    assert "outside the project" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
