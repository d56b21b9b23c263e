"""`lkj template`: the workbook analysts fill in; LibreOffice opens it, with its drop-downs."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from lkj.cli import main
from lkj.inputs.layout import TABLES
from lkj.inputs.template import INSTRUCTIONS, template_bytes
from tests.conftest import REPO
from tests.libreoffice import CSV_ALL_SHEETS, convert
from tests.test_workbook_input import load_year

DROP_DOWNS = {
    ("indikator", "D"): '"persen,jumlah,ukuran,nilai,rupiah,durasi,rasio,predikat"',
    ("indikator", "E"): '"naik,turun,rentang"',
    ("indikator", "F"): '"jumlah,terakhir,rata_rata,rasio"',
    ("realisasi", "B"): '"1,2,3,4"',
    ("realisasi_anggaran", "A"): '"1,2,3,4"',
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "2026.xlsx"
    assert main(["template", str(path)]) == 0
    return path


def drop_downs(path: Path) -> dict[tuple[str, str], str]:
    found = {}
    for ws in openpyxl.load_workbook(path):
        for rule in ws.data_validations.dataValidation:
            assert rule.type == "list"
            first = str(rule.sqref).split(":")[0]
            found[(ws.title, first.rstrip("0123456789"))] = rule.formula1
            assert str(rule.sqref) == f"{first}:{first[0]}501"
    return found


def test_sheets_headers_and_examples(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [INSTRUCTIONS, *(t.name for t in TABLES)]
    for spec in TABLES:
        ws = wb[spec.name]
        assert [c.value for c in ws[1]] == list(spec.all_columns)
        assert ws.max_row == 2, f"{spec.name}: one example row"
        assert ws.freeze_panes == "A2"
    assert wb["realisasi"]["C2"].value == 85.5  # a number cell, not text
    text = " ".join(str(c.value) for row in wb[INSTRUCTIONS].iter_rows() for c in row if c.value)
    assert "Petunjuk pengisian" in text and "data/<unit>/<tahun>.xlsx" in text
    for spec in TABLES:
        for column in spec.all_columns:
            assert column in text


def test_drop_down_lists_for_the_fixed_vocabularies(template: Path) -> None:
    assert drop_downs(template) == DROP_DOWNS


def test_the_template_is_a_valid_year(template: Path, tmp_path: Path) -> None:
    unit = tmp_path / "data" / "dinas-contoh"
    unit.mkdir(parents=True)
    shutil.copy(REPO / "data/bp3mi-jabar/unit.yaml", unit / "unit.yaml")
    shutil.copy(template, unit / "2025.xlsx")
    year = load_year_of(tmp_path, "dinas-contoh")
    assert [i.iku for i in year.indicators] == [1]
    assert str(year.realisations[(1, 1)].nilai) == "85.5"


def load_year_of(root: Path, unit: str):  # type: ignore[no-untyped-def]
    from lkj.inputs.project import Project
    from lkj.inputs.unit import load

    return load(Project.at(root), unit, 2025)


def test_the_same_bytes_every_time(template: Path) -> None:
    assert template.read_bytes() == template_bytes()


def test_no_overwrite_without_force(template: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", str(template)]) == 2
    assert "exists already; add --force to replace it" in capsys.readouterr().err
    assert main(["template", str(template.with_suffix(".csv"))]) == 2
    assert main(["template", str(template), "--force"]) == 0


def test_libreoffice_opens_it_with_its_sheets(template: Path, tmp_path: Path) -> None:
    written = convert(template, CSV_ALL_SHEETS, tmp_path / "csv")
    assert [p.name for p in written] == sorted(
        f"2026-{name}.csv" for name in (INSTRUCTIONS, *(t.name for t in TABLES))
    )
    for spec in TABLES:
        with (tmp_path / "csv" / f"2026-{spec.name}.csv").open(encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[0] == list(spec.all_columns)
        assert len(rows) == 2
    real = (tmp_path / "csv" / "2026-realisasi.csv").read_text(encoding="utf-8")
    assert real.splitlines()[1] == "1,1,85.5,,"


def test_libreoffice_keeps_its_drop_downs(template: Path, tmp_path: Path) -> None:
    """Saved again by LibreOffice, the lists are still there: it read them."""
    (again,) = convert(template, "xlsx", tmp_path / "xlsx")
    assert drop_downs(again) == DROP_DOWNS


def test_bp3mi_workbook_is_read_back_after_libreoffice_saves_it(
    project_copy: Path, tmp_path: Path
) -> None:
    """A workbook saved by LibreOffice (cached values, its own styles) reads the same."""
    from tests.test_workbook_input import as_workbook, same_year

    original = load_year(project_copy)
    book = as_workbook(project_copy)
    (again,) = convert(book, "xlsx", tmp_path / "lo")
    shutil.copy(again, book)
    assert same_year(load_year(project_copy), original)
