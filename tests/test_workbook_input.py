"""A year kept as one workbook (data/<unit>/<year>.xlsx): read as the CSV files are, and every
mistake named by workbook, sheet and cell (docs/excel.md)."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lkj.errors import DataError
from lkj.inputs.convert import to_workbook
from lkj.inputs.project import Project
from lkj.inputs.unit import UnitYear, load
from lkj.inputs.workbook import is_percent_format, number_text
from tests.test_bad_input import COMMANDS, fail

UNIT = "bp3mi-jabar"
BOOK = "data/bp3mi-jabar/2025.xlsx"


def as_workbook(root: Path) -> Path:
    """Keep the 2025 tables of ``root`` as a workbook (lkj convert), CSV files removed."""
    conversion = to_workbook(Project.at(root), UNIT, 2025)
    for path, data in conversion.write.items():
        path.write_bytes(data)
    for path in conversion.remove:
        path.unlink()
    return root / BOOK


@pytest.fixture
def book(project_copy: Path) -> Path:
    return as_workbook(project_copy)


def load_year(root: Path) -> UnitYear:
    return load(Project.at(root), UNIT, 2025)


def message(root: Path) -> str:
    with pytest.raises(DataError) as info:
        load_year(root)
    return str(info.value)


def edit(path: Path, change: Callable[[Any], None]) -> None:
    """Open the workbook with openpyxl, ``change(wb)``, save it."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def patch_xml(path: Path, sheet: str, ref: str, cell_xml: str) -> None:
    """Replace the XML of cell ``ref`` of ``sheet`` (for what openpyxl cannot write: a formula
    with its saved value, an error value)."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    wb = openpyxl.load_workbook(path)
    part = f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml"
    xml = parts[part].decode()
    xml, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell_xml, xml, count=1, flags=re.S)
    assert n == 1, f"no cell {ref} in {part}"
    parts[part] = xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    path.write_bytes(out.getvalue())


def same_year(a: UnitYear, b: UnitYear) -> bool:
    return dataclasses.replace(a, files=()) == dataclasses.replace(b, files=())


# ---- the same data as the CSV files ---------------------------------------------------------


def test_bp3mi_2025_as_a_workbook_is_the_same_year(project_copy: Path) -> None:
    from_csv = load_year(project_copy)
    as_workbook(project_copy)
    from_book = load_year(project_copy)
    assert same_year(from_book, from_csv)
    assert from_book.files[1:] == (project_copy / BOOK,)
    assert from_book.sources["realisasi"] == f"{BOOK}, sheet realisasi"


def test_numbers_are_typed_as_numbers_in_the_workbook(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["realisasi"]
    assert ws["C2"].value == pytest.approx(25.33) and ws["C2"].data_type == "n"
    assert ws["D5"].value == 21 and ws["C5"].value is None


def test_text_cells_follow_the_csv_number_rules(book: Path) -> None:
    def change(wb: Any) -> None:
        wb["realisasi"]["C2"] = "25,33%"  # text, Indonesian form, a percent IKU
        wb["realisasi"]["C8"] = "0 Orang"  # IKU 4 counts persons

    before = load_year(book.parents[2])
    edit(book, change)
    assert same_year(load_year(book.parents[2]), before)


def test_a_percent_formatted_cell_is_the_percentage_it_shows(book: Path) -> None:
    before = load_year(book.parents[2])

    def change(wb: Any) -> None:
        cell = wb["realisasi"]["C2"]
        cell.value, cell.number_format = 0.2533, "0.00%"  # shown 25,33%

    edit(book, change)
    assert same_year(load_year(book.parents[2]), before)

    def persons(wb: Any) -> None:
        cell = wb["realisasi"]["C8"]  # IKU 4, orang
        cell.value, cell.number_format = 0.5, "0%"

    edit(book, persons)
    assert message(book.parents[2]) == (
        f"{BOOK}, sheet realisasi, cell C8, column 'realisasi': '%' does not fit IKU 4, whose "
        "jenis is jumlah (Orang), whole; found '50%'; expected a whole number of Orang, "
        "e.g. 7410 (also accepted: 7.410 or 7.410 Orang) (docs/indicators.md)"
    )


def test_a_formula_is_read_by_its_saved_value(book: Path) -> None:
    before = load_year(book.parents[2])
    patch_xml(book, "realisasi", "C2", '<c r="C2"><f>25+0.33</f><v>25.33</v></c>')
    assert same_year(load_year(book.parents[2]), before)


def test_a_formula_without_a_saved_value_is_refused(book: Path) -> None:
    edit(book, lambda wb: wb["realisasi"].__setitem__("C2", "=25+0.33"))
    assert message(book.parents[2]) == (
        f"{BOOK}, sheet realisasi, cell C2, column 'realisasi': a formula without a saved "
        "value; found '=25+0.33'; expected the workbook saved by a program that calculates "
        "formulas (Excel, LibreOffice), or the value typed in"
    )


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!"])
def test_an_error_cell_is_refused(book: Path, error: str) -> None:
    patch_xml(book, "realisasi", "C3", f'<c r="C3" t="e"><f>1/0</f><v>{error}</v></c>')
    assert message(book.parents[2]) == (
        f"{BOOK}, sheet realisasi, cell C3, column 'realisasi': an error cell ({error}); "
        "expected a value; correct the formula or type the value"
    )


def test_a_date_where_a_number_belongs_is_refused(book: Path) -> None:
    edit(book, lambda wb: wb["realisasi"].__setitem__("C2", datetime(2025, 3, 31)))
    assert message(book.parents[2]).startswith(
        f"{BOOK}, sheet realisasi, cell C2, column 'realisasi': a date cell where a number or "
        "text belongs; found '2025-03-31T00:00:00'"
    )


def test_a_date_column_takes_date_cells_and_text(tmp_path: Path) -> None:
    """No table of a year holds dates since the agreements became a supporting table; a
    table spec with a date column still reads a date cell and its text alike."""
    from lkj.inputs.layout import TableSpec
    from lkj.inputs.workbook import Workbook

    spec = TableSpec("perjanjian", ("no", "tmt"), dates=("tmt",))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "perjanjian"
    ws.append(["no", "tmt"])
    ws.append([1, datetime(2023, 4, 13)])
    ws.append([2, "2023-04-13"])
    path = tmp_path / "2025.xlsx"
    wb.save(path)
    rows = Workbook(path, "2025.xlsx", root=None).rows(spec)
    assert [r.values["tmt"] for r in rows] == ["2023-04-13", "2023-04-13"]


def test_a_merged_cell_down_one_column_fills_its_rows(book: Path) -> None:
    before = load_year(book.parents[2])
    # IKU 4, 5 and 6 (rows 5-7) serve strategic goal 4: one merged cell, as reports print it.
    edit(book, lambda wb: wb["indikator"].merge_cells("B5:B7"))
    assert openpyxl.load_workbook(book)["indikator"]["B6"].value is None
    assert same_year(load_year(book.parents[2]), before)


def test_a_merge_reaching_into_blank_rows_adds_no_record(book: Path) -> None:
    before = load_year(book.parents[2])
    edit(book, lambda wb: wb["sasaran"].merge_cells("A10:A12"))  # the last goal, 2 rows more
    assert same_year(load_year(book.parents[2]), before)


def test_cells_merged_across_columns_are_refused(book: Path) -> None:
    edit(book, lambda wb: wb["realisasi"].merge_cells("D3:E3"))
    assert message(book.parents[2]) == (
        f"{BOOK}, sheet realisasi, cell D3: cells D3:E3 are merged across columns; expected "
        "one value per column (unmerge them); only cells of one column may be merged over "
        "several rows"
    )


def test_a_merged_header_is_refused(book: Path) -> None:
    edit(book, lambda wb: wb["realisasi"].merge_cells("D1:D2"))
    assert "cells D1:D2 are merged in the header row" in message(book.parents[2])


def test_extra_and_hidden_sheets_that_are_not_tables_are_ignored(book: Path) -> None:
    before = load_year(book.parents[2])

    def change(wb: Any) -> None:
        wb.create_sheet("Catatan")["A1"] = "catatan analis"
        wb.create_sheet("rumus").sheet_state = "hidden"

    edit(book, change)
    assert same_year(load_year(book.parents[2]), before)


def test_a_hidden_table_sheet_is_refused(book: Path) -> None:
    edit(book, lambda wb: setattr(wb["kegiatan"], "sheet_state", "hidden"))
    assert message(book.parents[2]) == (
        f"{BOOK}, sheet kegiatan: the sheet is hidden; expected the sheet shown (lkj reads only "
        "what people can see), or deleted"
    )


def test_hidden_rows_and_columns_are_refused(book: Path) -> None:
    edit(book, lambda wb: setattr(wb["realisasi"].row_dimensions[4], "hidden", True))
    assert message(book.parents[2]).startswith(f"{BOOK}, sheet realisasi, row 4: the row is hidden")
    edit(book, lambda wb: setattr(wb["realisasi"].row_dimensions[4], "hidden", False))
    edit(book, lambda wb: setattr(wb["realisasi"].column_dimensions["D"], "hidden", True))
    assert message(book.parents[2]).startswith(
        f"{BOOK}, sheet realisasi, cell D1, column 'pembilang': the column is hidden"
    )


def test_a_value_outside_the_table_is_refused(book: Path) -> None:
    edit(book, lambda wb: wb["realisasi"].__setitem__("G3", "cek lagi"))
    assert message(book.parents[2]) == (
        f"{BOOK}, sheet realisasi, cell G3: a value outside the table: this column has no "
        "name in row 1; found 'cek lagi'; expected values only under the named columns (or "
        "name the column)"
    )


def test_long_and_control_character_cells_are_refused(book: Path) -> None:
    edit(book, lambda wb: wb["sasaran"].__setitem__("B2", "x" * 10_001))
    assert message(book.parents[2]).startswith(
        f"{BOOK}, sheet sasaran, cell B2, column 'nama': the cell holds 10001 characters; "
    )
    edit(book, lambda wb: wb["sasaran"].__setitem__("B2", "Sasaran\nkedua"))  # a line break
    load_year(book.parents[2])
    # (XML itself allows no other control character than DEL in a cell's text)
    patch_xml(book, "sasaran", "B2", '<c r="B2" t="inlineStr"><is><t>a\x7fb</t></is></c>')
    assert message(book.parents[2]).startswith(
        f"{BOOK}, sheet sasaran, cell B2, column 'nama': the cell has the control character U+007F"
    )


def test_a_workbook_linked_from_outside_the_project_is_refused(book: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.xlsx"
    book.rename(outside)
    book.symlink_to(outside)
    assert message(book.parents[2]).startswith(f"{BOOK}: ")
    assert "outside the project" in message(book.parents[2])


def test_a_workbook_too_large_is_refused(book: Path) -> None:
    book.write_bytes(b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024))
    assert message(book.parents[2]) == (
        f"{BOOK}: the workbook is larger than 10 MiB; expected at most 10485760 bytes (lkj's "
        "limit for a workbook)"
    )


def test_a_workbook_that_unpacks_too_large_is_refused(book: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (101 * 1024 * 1024))
    book.write_bytes(out.getvalue())
    assert len(out.getvalue()) < 1024 * 1024
    assert message(book.parents[2]) == (
        f"{BOOK}: the workbook unpacks to 101 MiB; expected at most 100 MiB unpacked (lkj's "
        "limit for a workbook)"
    )


def test_csv_files_beside_the_workbook_are_refused(book: Path) -> None:
    (book.parent / "2025" / "kegiatan.csv").write_text("no,kegiatan,pagu\n")
    assert message(book.parents[2]) == (
        f"{BOOK}: the 2025 tables are kept twice: in this workbook and as files in "
        "data/bp3mi-jabar/2025/ (kegiatan.csv); expected one of the two: remove the files or the "
        "workbook (`lkj convert` turns one into the other)"
    )


def test_excel_and_csv_read_numbers_alike() -> None:
    assert number_text(7410) == "7410"
    assert number_text(7410.0) == "7410"
    assert number_text(25.33) == "25.33"
    assert number_text(0.1 + 0.2) == "0.3"  # 15 significant digits, as Excel shows it
    assert number_text(3515820174.5) == "3515820174.5"
    assert is_percent_format("0.00%") and is_percent_format("#,##0%")
    assert not is_percent_format('0.00"%"') and not is_percent_format("0.00\\%")
    assert not is_percent_format("General")


# ---- bad workbooks: one line naming workbook, sheet and cell; exit 2; nothing written --------


@pytest.fixture(params=COMMANDS)
def fails_on_book(
    request: pytest.FixtureRequest, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Callable[[], str]]:
    as_workbook(project_copy)
    command: str = request.param
    return project_copy / BOOK, lambda: fail(project_copy, capsys, command)


def test_bad_value_names_workbook_sheet_and_cell(
    fails_on_book: tuple[Path, Callable[[], str]],
) -> None:
    path, fails = fails_on_book
    edit(path, lambda wb: wb["realisasi"].__setitem__("C2", "80,76 Orang"))
    assert fails() == (
        f"lkj: error: {BOOK}, sheet realisasi, cell C2, column 'realisasi': 'Orang' does not "
        "fit IKU 1, whose jenis is persen; found '80,76 Orang'; expected a percentage, e.g. "
        "80.76 (also accepted: 80,76 or 80,76%) (docs/indicators.md)"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"iku,triwulan,realisasi\n1,1,25.33\n",
            "the file is a text (CSV?) file with the name of a workbook; expected an Excel "
            "workbook (.xlsx) saved by Excel or LibreOffice",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
            "this is an Excel 97-2003 workbook (.xls); expected an Excel workbook (.xlsx): "
            "save it as 'Excel Workbook (*.xlsx)'",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "the workbook is protected by a password (encrypted); expected a workbook saved "
            "without a password to open it",
        ),
        (
            b"PK\x03\x04" + b"\0" * 100,
            "the workbook cannot be read (BadZipFile); it may be damaged; expected an Excel "
            "workbook (.xlsx) that Excel or LibreOffice opens without repair",
        ),
    ],
    ids=["renamed-csv", "xls", "encrypted", "corrupt"],
)
def test_not_a_workbook(
    fails_on_book: tuple[Path, Callable[[], str]], content: bytes, expected: str
) -> None:
    path, fails = fails_on_book
    path.write_bytes(content)
    assert fails() == f"lkj: error: {BOOK}: {expected}"


def test_an_opendocument_spreadsheet_is_named(
    fails_on_book: tuple[Path, Callable[[], str]],
) -> None:
    path, fails = fails_on_book
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:  # as LibreOffice writes .ods: mimetype first, stored
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    path.write_bytes(out.getvalue())
    assert fails() == (
        f"lkj: error: {BOOK}: this is an OpenDocument spreadsheet (.ods); expected an Excel "
        "workbook (.xlsx): in LibreOffice, File > Save As > 'Excel 2007-365 (.xlsx)'"
    )


def test_a_truncated_workbook_is_refused(fails_on_book: tuple[Path, Callable[[], str]]) -> None:
    path, fails = fails_on_book
    path.write_bytes(path.read_bytes()[:3000])
    assert fails().startswith(f"lkj: error: {BOOK}: the workbook cannot be read (")


def test_a_missing_sheet_is_named(fails_on_book: tuple[Path, Callable[[], str]]) -> None:
    path, fails = fails_on_book
    edit(path, lambda wb: setattr(wb["realisasi"], "title", "x"))
    edit(path, lambda wb: setattr(wb["x"], "title", "Realisasi"))
    assert fails() == (
        f"lkj: error: {BOOK}: sheet 'realisasi' is missing; did you mean 'Realisasi'?; "
        "expected a sheet named realisasi with columns iku, triwulan, realisasi"
    )


def test_wrong_headers_are_named_by_cell(fails_on_book: tuple[Path, Callable[[], str]]) -> None:
    path, fails = fails_on_book
    edit(path, lambda wb: wb["realisasi"].__setitem__("C1", "realisai"))
    assert fails() == (
        f"lkj: error: {BOOK}, sheet realisasi, cell C1, column 'realisai': unknown column "
        "'realisai'; did you mean 'realisasi'?; expected columns iku, triwulan, realisasi"
    )


def test_a_missing_column_is_named(fails_on_book: tuple[Path, Callable[[], str]]) -> None:
    path, fails = fails_on_book
    edit(path, lambda wb: wb["pagu"].delete_cols(3))
    assert fails() == (
        f"lkj: error: {BOOK}, sheet pagu, row 1, column 'pagu': column 'pagu' is missing; "
        "expected columns baris, iku, pagu"
    )


def test_duplicates_name_the_sheet_row(fails_on_book: tuple[Path, Callable[[], str]]) -> None:
    path, fails = fails_on_book
    edit(path, lambda wb: wb["realisasi"].__setitem__("B3", 1))  # IKU 1, Triwulan 1 again
    assert fails() == (
        f"lkj: error: {BOOK}, sheet realisasi, row 3: duplicate row: same iku and triwulan as "
        "row 2; expected one row per iku and triwulan"
    )


def test_anggaran_sheet_is_checked(fails_on_book: tuple[Path, Callable[[], str]]) -> None:
    path, fails = fails_on_book
    edit(path, lambda wb: wb["anggaran"].__setitem__("A2", 0))
    assert fails() == (
        f"lkj: error: {BOOK}, sheet anggaran, cell A2, column 'pagu': the total ceiling must "
        "be above zero; found '0'; expected an amount above 0"
    )
