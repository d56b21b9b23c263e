"""Reading a year's tables from one Excel workbook, as the same rows the CSV reader gives.

Each table is a sheet named as its CSV file without ``.csv`` (:mod:`lkj.inputs.layout`), with
the column names in row 1 and one record per row below. A cell becomes the text a CSV cell
would hold, so every check after it is the CSV's (:class:`lkj.inputs.files.Row`); errors name
the workbook, the sheet and the cell (``data/x/2025.xlsx, sheet realisasi, cell C5, column
'realisasi': …``). The rules, documented in docs/excel.md:

- a number cell is its value, written plainly (``7410``, ``80.76``); one formatted as a
  percentage (shown ``80,76%``, stored 0.8076) is the percentage it shows (``80.76%``), which
  only a percentage column accepts; a text cell is its text, read by the CSV's number rules;
- a formula is read by the value Excel or LibreOffice saved with it; one saved without a value
  (by a program that does not calculate) is refused, as are error cells (``#DIV/0!``), dates
  outside a date column, times, and TRUE/FALSE;
- a cell merged over several rows of one column gives its value to each of those rows; any
  other merged range in a table (across columns, or in the header row) is refused;
- a table sheet that is hidden, and hidden rows or columns in it, are refused: what lkj reads
  is what people see; sheets that are not tables (instructions, notes) are ignored;
- cells right of the header's last column, and values under a blank header cell, are refused.
"""

from __future__ import annotations

import difflib
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj.errors import DataError
from lkj.inputs.files import FileKind, Row, check_header, read_bytes
from lkj.inputs.layout import TableSpec
from lkj.inputs.limits import MAX_CELL_CHARS, MAX_WORKBOOK_BYTES, MAX_WORKBOOK_UNPACKED

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_QUOTED = re.compile(r'"[^"]*"|\\.')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


@dataclass(frozen=True)
class SheetRow(Row):
    """A row of a table sheet: :class:`Row`, whose errors name the sheet and the cell."""

    sheet: str
    cells: dict[str, str]  # column -> cell reference, "C5"

    def error(self, column: str | None, problem: str, expected: str | None = None) -> DataError:
        return DataError(
            self.file,
            problem,
            sheet=self.sheet,
            cell=self.cells.get(column) if column else None,
            row=self.number,
            column=column,
            found=self.values.get(column) if column else None,
            expected=expected,
        )


def plain(value: Decimal) -> str:
    """``Decimal`` as plain digits without exponent or trailing zeros: 7410, 80.76."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def number_text(value: int | float) -> str:
    """A number cell's value as text: floats to the 15 significant digits Excel shows."""
    if isinstance(value, float):
        return plain(Decimal(format(value, ".15g")))
    return plain(Decimal(value))


def is_percent_format(number_format: str) -> bool:
    """Whether a number format scales by 100 (``0.00%``; not ``0.00"%"`` or ``0.00\\%``)."""
    return "%" in _QUOTED.sub("", number_format)


def _check_magic(raw: bytes, shown: str) -> None:
    """Refuse what is not an .xlsx file by its first bytes, saying what it is."""
    if raw.startswith(ZIP_MAGIC):
        if b"application/vnd.oasis.opendocument" in raw[:120]:  # its first part: mimetype
            raise DataError(
                shown,
                "this is an OpenDocument spreadsheet (.ods)",
                expected="an Excel workbook (.xlsx): in LibreOffice, File > Save As > "
                "'Excel 2007-365 (.xlsx)'",
            )
        return
    if raw.startswith(OLE_MAGIC):
        if _ENCRYPTED in raw:
            raise DataError(
                shown,
                "the workbook is protected by a password (encrypted)",
                expected="a workbook saved without a password to open it",
            )
        raise DataError(
            shown,
            "this is an Excel 97-2003 workbook (.xls)",
            expected="an Excel workbook (.xlsx): save it as 'Excel Workbook (*.xlsx)'",
        )
    head = raw[:200].decode("utf-8", errors="replace")
    looks = "a text (CSV?) file" if "," in head or ";" in head else "not an Excel workbook"
    raise DataError(
        shown,
        f"the file is {looks} with the name of a workbook",
        expected="an Excel workbook (.xlsx) saved by Excel or LibreOffice",
    )


def _has_formulas(raw: bytes) -> bool:
    """Whether any sheet holds a formula (``<f>`` in its XML): only then is the workbook
    loaded a second time, with its formulas, to tell a formula without a value from a blank."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            return any(
                _FORMULA.search(zf.read(name))
                for name in zf.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            )
    except (zipfile.BadZipFile, KeyError, OSError):
        return True  # let openpyxl say what is wrong


def _load(raw: bytes, shown: str, *, data_only: bool) -> Any:
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it does not keep (extensions, slicers): not data.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(raw), data_only=data_only, rich_text=False)
    except Exception as exc:  # a damaged zip or XML can raise almost anything
        raise DataError(
            shown,
            f"the workbook cannot be read ({type(exc).__name__}); it may be damaged",
            expected="an Excel workbook (.xlsx) that Excel or LibreOffice opens without repair",
        ) from None


WORKBOOK_FILE = FileKind(
    "the workbook to exist",
    "an Excel workbook (.xlsx)",
    MAX_WORKBOOK_BYTES,
    "the workbook is larger than 10 MiB",
    "a workbook",
)


def _check_unpacked(raw: bytes, shown: str) -> None:
    """Refuse a workbook whose parts unpack to more than
    :data:`~lkj.inputs.limits.MAX_WORKBOOK_UNPACKED` (before anything unpacks them)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            size = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # damaged: openpyxl says so, below
    if size > MAX_WORKBOOK_UNPACKED:
        raise DataError(
            shown,
            f"the workbook unpacks to {size // (1024 * 1024)} MiB",
            expected=f"at most {MAX_WORKBOOK_UNPACKED // (1024 * 1024)} MiB unpacked (lkj's "
            "limit for a workbook)",
        )


class Workbook:
    """An open workbook: its table sheets, read as rows.

    ``root``: the project root the workbook must lie in (None only in tests of the reader)."""

    def __init__(self, path: Path, shown: str, *, root: Path | None) -> None:
        raw = read_bytes(path, shown, WORKBOOK_FILE, root=root)
        _check_magic(raw, shown)
        _check_unpacked(raw, shown)
        self.path, self.shown = path, shown
        self._values = _load(raw, shown, data_only=True)
        self._formulas: Any = None
        self._raw = raw
        self._has_formulas = _has_formulas(raw)

    @property
    def sheet_names(self) -> list[str]:
        names: list[str] = self._values.sheetnames
        return names

    def formula(self, sheet: str, ref: str) -> str | None:
        """The formula saved in cell ``ref`` (``=SUM(B2:B4)``), or None."""
        if not self._has_formulas:
            return None
        value = self._formula_sheet(sheet)[ref].value
        if value is None:
            return None
        text = str(getattr(value, "text", value))  # an ArrayFormula keeps its text
        return text if text.startswith("=") else None

    def _formula_sheet(self, name: str) -> Any:
        """The sheet as saved (formulas, not their values); loaded on first need."""
        if self._formulas is None:
            self._formulas = _load(self._raw, self.shown, data_only=False)
        return self._formulas[name]

    def has(self, spec: TableSpec) -> bool:
        return spec.name in self.sheet_names

    def rows(self, spec: TableSpec) -> list[SheetRow]:
        """The data rows of ``spec``'s sheet, checked like a CSV file's."""
        return self.table(spec)[1]

    def table(self, spec: TableSpec) -> tuple[list[str], list[SheetRow]]:
        """The column names (in the sheet's order) and the data rows of ``spec``'s sheet."""
        if spec.name not in self.sheet_names:
            close = difflib.get_close_matches(spec.name, self.sheet_names, n=1, cutoff=0.6)
            case = [n for n in self.sheet_names if n.lower() == spec.name.lower()]
            hint = f"; did you mean '{(case or close)[0]}'?" if case or close else ""
            raise DataError(
                self.shown,
                f"sheet '{spec.name}' is missing{hint}",
                expected=f"a sheet named {spec.name} with columns {', '.join(spec.columns)}",
            )
        reader = _SheetReader(self, spec)
        rows = list(reader.rows())  # reads the header first
        return reader.names, rows


class _SheetReader:
    def __init__(self, book: Workbook, spec: TableSpec) -> None:
        self.book, self.spec = book, spec
        self.ws = book._values[spec.name]
        self.names: list[str] = []

    def fail(
        self,
        problem: str,
        *,
        cell: str | None = None,
        row: int | None = None,
        column: str | None = None,
        found: object = None,
        expected: str | None = None,
    ) -> DataError:
        return DataError(
            self.book.shown,
            problem,
            sheet=self.spec.name,
            cell=cell,
            row=row,
            column=column,
            found=found,
            expected=expected,
        )

    def rows(self) -> Iterator[SheetRow]:
        from openpyxl.utils import get_column_letter

        ws, spec = self.ws, self.spec
        if ws.sheet_state != "visible":
            raise self.fail(
                "the sheet is hidden",
                expected="the sheet shown (lkj reads only what people can see), or deleted",
            )
        header, width = self._header()
        fills = self._merged(width)
        letters = [get_column_letter(i) for i in range(1, max(ws.max_column, width) + 1)]
        self._hidden_columns(letters, header)
        for number, cells in enumerate(
            ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=ws.max_column), start=2
        ):
            values: dict[str, str] = {}
            own = False  # a value of the row's own, not only of a merge from above
            for index, cell in enumerate(cells):
                ref = f"{letters[index]}{number}"
                value = fills.get(ref, cell)
                own = own or (ref not in fills and not _blank(cell))
                if index >= width or not header[index]:
                    if _blank(value):
                        continue
                    raise self.fail(
                        "a value outside the table: this column has no name in row 1",
                        cell=ref,
                        found=_shown_value(value),
                        expected="values only under the named columns (or name the column)",
                    )
                values[header[index]] = self._text(value, ref, header[index])
            if not own:  # blank (a merge reaching into a blank row adds no record)
                continue
            if ws.row_dimensions[number].hidden:
                raise self.fail(
                    "the row is hidden",
                    row=number,
                    expected="every row with data shown (lkj reads hidden rows too), "
                    "or the row deleted",
                )
            refs = {name: f"{letters[i]}{number}" for i, name in enumerate(header) if name}
            named = {name: values.get(name, "") for name in header if name}
            yield SheetRow(self.book.shown, number, named, spec.name, refs)

    def _header(self) -> tuple[list[str], int]:
        from openpyxl.utils import get_column_letter

        ws, spec = self.ws, self.spec
        header = []
        for cell in next(ws.iter_rows(min_row=1, max_row=1, max_col=max(ws.max_column, 1))):
            value = cell.value
            header.append("" if value is None else str(value).strip())
        while header and not header[-1]:
            header.pop()
        names = [h for h in header if h]

        def at(index: int | None, column: str, problem: str, expected: str | None) -> DataError:
            if index is None:
                return self.fail(problem, row=1, column=column, expected=expected)
            position = [i for i, h in enumerate(header) if h][index]
            cell = f"{get_column_letter(position + 1)}1"
            return self.fail(problem, cell=cell, column=column, expected=expected)

        check_header(names, spec.columns, spec.optional, at)
        self.names = names
        return header, len(header)

    def _merged(self, width: int) -> dict[str, Any]:
        """Cells covered by a vertical merge -> the merge's top-left cell; other merges in
        the table are refused."""
        fills: dict[str, Any] = {}
        for merged in sorted(self.ws.merged_cells.ranges, key=lambda r: r.coord):
            if merged.min_col > width:  # outside the table: its cells are checked one by one
                continue
            if merged.min_row == 1:
                raise self.fail(
                    f"cells {merged.coord} are merged in the header row",
                    cell=merged.coord.split(":")[0],
                    expected="one column name per cell (unmerge them)",
                )
            if merged.min_col != merged.max_col:
                raise self.fail(
                    f"cells {merged.coord} are merged across columns",
                    cell=merged.coord.split(":")[0],
                    expected="one value per column (unmerge them); only cells of one column "
                    "may be merged over several rows",
                )
            top = self.ws.cell(merged.min_row, merged.min_col)
            for r in range(merged.min_row + 1, merged.max_row + 1):
                fills[f"{top.column_letter}{r}"] = top
        return fills

    def _hidden_columns(self, letters: list[str], header: list[str]) -> None:
        from openpyxl.utils import column_index_from_string

        for key, dim in sorted(self.ws.column_dimensions.items()):
            if not dim.hidden:
                continue
            first = dim.min or column_index_from_string(key)
            last = dim.max or first
            for index in range(first, min(last, len(letters)) + 1):
                if header[index - 1]:
                    raise self.fail(
                        "the column is hidden",
                        cell=f"{letters[index - 1]}1",
                        column=header[index - 1],
                        expected="every column of the table shown (lkj reads hidden columns too)",
                    )

    def _text(self, cell: Any, ref: str, column: str) -> str:
        """What a CSV cell would hold for this cell."""
        value = cell.value
        if value is None:
            formula = self.book.formula(self.spec.name, ref)
            if formula is not None:
                raise self.fail(
                    "a formula without a saved value",
                    cell=ref,
                    column=column,
                    found=formula,
                    expected="the workbook saved by a program that calculates formulas "
                    "(Excel, LibreOffice), or the value typed in",
                )
            return ""
        if cell.data_type == "e":
            raise self.fail(
                f"an error cell ({value})",
                cell=ref,
                column=column,
                expected="a value; correct the formula or type the value",
            )
        if isinstance(value, bool):
            raise self.fail(
                "a TRUE/FALSE cell",
                cell=ref,
                column=column,
                found=value,
                expected="a number or a text",
            )
        if isinstance(value, datetime | date):
            if column in self.spec.dates:
                day = value.date() if isinstance(value, datetime) else value
                if isinstance(value, datetime) and value.time() != time(0):
                    raise self.fail(
                        "a date with a time of day",
                        cell=ref,
                        column=column,
                        found=value.isoformat(sep=" "),
                        expected="a date only, e.g. 2025-06-30",
                    )
                return day.isoformat()
            raise self.fail(
                "a date cell where a number or text belongs",
                cell=ref,
                column=column,
                found=value.isoformat(),
                expected="the cell formatted as a number (Format Cells > Number) and the "
                "value typed again",
            )
        if isinstance(value, time | timedelta):
            raise self.fail(
                "a time cell",
                cell=ref,
                column=column,
                found=str(value),
                expected="a number or a text, the cell formatted as a number",
            )
        if isinstance(value, int | float):
            if not math.isfinite(value):
                raise self.fail("a number that is not finite", cell=ref, column=column)
            text = number_text(value)
            if is_percent_format(cell.number_format):
                return plain(Decimal(text) * 100) + "%"
            return text
        text = str(value)
        if len(text) > MAX_CELL_CHARS:
            raise self.fail(
                f"the cell holds {len(text)} characters",
                cell=ref,
                column=column,
                expected=f"at most {MAX_CELL_CHARS} characters (lkj's limit for a cell)",
            )
        control = _CONTROL.search(text)
        if control:
            raise self.fail(
                f"the cell has the control character U+{ord(control.group()):04X}",
                cell=ref,
                column=column,
                expected="text without control characters (line breaks are fine)",
            )
        return text


def _blank(cell: Any) -> bool:
    value = cell.value
    return value is None or (isinstance(value, str) and not value.strip())


def _shown_value(cell: Any) -> object:
    value = cell.value
    return value if isinstance(value, str | int | float) else str(value)
