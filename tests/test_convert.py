"""`lkj convert`: a CSV year to one workbook and back, losslessly; nothing written on error."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from lkj.cli import main
from tests.conftest import REPO
from tests.test_workbook_input import BOOK, load_year, same_year

YEAR_DIR = "data/bp3mi-jabar/2025"


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "convert", "2025", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_round_trip_of_bp3mi_2025(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = load_year(project_copy)
    code, out, _ = run(project_copy, capsys, "--to", "xlsx")
    assert code == 0
    assert f"wrote {BOOK}" in out and f"removed {YEAR_DIR}/realisasi.csv" in out
    # the supporting tables (params' tabel_pendukung) stay CSV files beside the prose
    assert sorted(p.name for p in (project_copy / YEAR_DIR).iterdir()) == [
        "mou.csv",
        "narasi",
        "pengaduan_status.csv",
        "published",
    ]
    assert same_year(load_year(project_copy), original)

    code, out, _ = run(project_copy, capsys, "--to", "csv")
    assert code == 0 and f"removed {BOOK}" in out
    assert not (project_copy / BOOK).exists()
    for csv in sorted((REPO / YEAR_DIR).glob("*.csv")):  # byte for byte
        assert (project_copy / YEAR_DIR / csv.name).read_bytes() == csv.read_bytes(), csv.name
    # anggaran.yaml: the same figures (its comments are not data and are not carried)
    ours = yaml.safe_load((project_copy / YEAR_DIR / "anggaran.yaml").read_text())
    assert ours == yaml.safe_load((REPO / YEAR_DIR / "anggaran.yaml").read_text())
    assert ours == {"pagu": 9721224000, "realisasi": {2: 3515820174}}
    assert same_year(load_year(project_copy), original)


def test_cells_keep_the_text_they_were_written_with(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = project_copy / YEAR_DIR / "realisasi.csv"
    text = (
        real.read_text()
        .replace("1,1,25.33,,", '1,1,"25,33%",,')
        .replace("1,2,13.33,,", "1,2,13.330,,")
    )
    real.write_text(text)
    (project_copy / YEAR_DIR / "anggaran.yaml").write_text(
        "pagu: '9.721.224.000'\nrealisasi:\n  2: 'Rp 3.515.820.174'\n"
    )
    assert run(project_copy, capsys, "--to", "xlsx")[0] == 0
    wb = openpyxl.load_workbook(project_copy / BOOK)
    assert wb["realisasi"]["C2"].value == "25,33%"  # text stays text
    assert wb["realisasi"]["C3"].value == "13.330"  # a number would lose the trailing zero
    assert wb["realisasi"]["C4"].value == 75.75  # a plain number is a number
    assert wb["anggaran"]["A2"].value == "9.721.224.000"
    assert run(project_copy, capsys, "--to", "csv")[0] == 0
    assert real.read_text() == text
    assert (project_copy / YEAR_DIR / "anggaran.yaml").read_text() == (
        "pagu: '9.721.224.000'\nrealisasi:\n  2: 'Rp 3.515.820.174'\n"
    )


def test_the_same_bytes_every_time(project_copy: Path, tmp_path: Path) -> None:
    from lkj.inputs.convert import to_workbook
    from lkj.inputs.project import Project

    first = to_workbook(Project.at(project_copy), "bp3mi-jabar", 2025).write
    second = to_workbook(Project.at(project_copy), "bp3mi-jabar", 2025).write
    assert first == second


def test_bad_data_is_refused_and_nothing_is_written(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = project_copy / YEAR_DIR / "realisasi.csv"
    real.write_text(real.read_text().replace("1,1,25.33,,", "1,1,25.33 Orang,,"))
    code, out, err = run(project_copy, capsys, "--to", "xlsx")
    assert code == 2 and out == ""
    assert err.startswith(f"lkj: error: {YEAR_DIR}/realisasi.csv, row 2, column 'realisasi':")
    assert not (project_copy / BOOK).exists()
    assert len(list((project_copy / YEAR_DIR).glob("*.csv"))) == 8


def test_no_workbook_over_a_workbook(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project_copy / BOOK).write_bytes(b"x")
    code, _, err = run(project_copy, capsys, "--to", "xlsx")
    assert code == 2
    assert err.strip() == (
        f"lkj: error: {BOOK}: the workbook exists already; expected no workbook beside the CSV "
        "files (remove it, or convert it with --to csv)"
    )
    assert (project_copy / BOOK).read_bytes() == b"x"


def test_back_to_csv_needs_a_workbook(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(project_copy, capsys, "--to", "csv")
    assert code == 2
    assert err.strip() == f"lkj: error: {BOOK}: file is missing; expected the workbook"


def test_the_kegiatan_of_a_year_travel_with_it(project_copy: Path) -> None:
    """Cianjur DKP 2015's realisasi_kegiatan.csv (the annual report's Bab III B) becomes the
    sheet realisasi_kegiatan and back, the same programs; a year without it has no sheet."""
    from lkj.inputs.project import Project
    from lkj.inputs.unit import load

    folder = project_copy / "data/cianjur-dkp/2015"
    before = load(Project.at(project_copy), "cianjur-dkp", 2015).programs
    args = ["--root", str(project_copy), "convert", "2015", "--unit", "cianjur-dkp"]
    assert main([*args, "--to", "xlsx"]) == 0
    assert not (folder / "realisasi_kegiatan.csv").exists()
    book = openpyxl.load_workbook(project_copy / "data/cianjur-dkp/2015.xlsx")
    assert "realisasi_kegiatan" in book.sheetnames
    assert load(Project.at(project_copy), "cianjur-dkp", 2015).programs == before
    assert main([*args, "--to", "csv"]) == 0
    assert (folder / "realisasi_kegiatan.csv").is_file()  # its comments are not carried
    assert load(Project.at(project_copy), "cianjur-dkp", 2015).programs == before
    assert before  # the programs of the file, not none
    bp3mi = ["--root", str(project_copy), "convert", "2025", "--to", "xlsx"]
    assert main(bp3mi) == 0
    book = openpyxl.load_workbook(project_copy / BOOK)
    assert "realisasi_kegiatan" not in book.sheetnames
