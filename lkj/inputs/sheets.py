"""Writing a year's tables as a workbook: sheets with a frozen header, column widths and
drop-down lists for the fixed vocabularies (the template, ``lkj convert``).

Cells are typed as a person would type them: a number written plainly (``7410``, ``80.76``)
becomes a number cell, an ISO date in a date column a date cell, and anything else (``7.410
Orang``, ``Baik``, ``11 12 13``) stays text, so that reading the sheet back
(:mod:`lkj.inputs.workbook`) gives exactly the text it was written from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from lkj.inputs.layout import TableSpec
from lkj.inputs.workbook import number_text
from lkj.rules.indicators import Jenis, Kumulasi, Polaritas

#: Columns whose values come from a fixed list: a drop-down list in the workbook.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "jenis": tuple(j.value for j in Jenis),
    "polaritas": tuple(p.value for p in Polaritas),
    "kumulasi": tuple(k.value for k in Kumulasi),
    "triwulan": ("1", "2", "3", "4"),
}
#: Columns of amounts in rupiah: shown with thousands grouping.
MONEY = frozenset({"pagu", "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4"})
#: How many rows the drop-down lists cover below the header.
VALIDATED_ROWS = 500
HEADER_FILL = "DDE5F0"

_INTEGER = re.compile(r"-?[1-9]\d{0,14}|0")
_DECIMAL = re.compile(r"-?\d{1,15}\.\d{1,15}")


def cell_value(text: str, column: str, spec: TableSpec) -> str | int | float | date | None:
    """What to put in a cell for the CSV text ``text``: a number or date only when reading it
    back gives ``text`` again."""
    if text == "":
        return None
    if column in spec.dates:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return text
        return day if day.isoformat() == text else text
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and number_text(float(text)) == text:
        return float(text)
    return text


def add_table(
    wb: Any, spec: TableSpec, header: Sequence[str], rows: Sequence[Sequence[str]]
) -> Any:
    """A sheet named after ``spec`` with ``header`` in row 1 and ``rows`` (CSV texts) below."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(spec.name)
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="top")
    for values in rows:
        ws.append([cell_value(t, c, spec) for t, c in zip(values, header, strict=True)])
    for index, column in enumerate(header, start=1):
        letter = get_column_letter(index)
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif column in MONEY and isinstance(cell.value, int | float):
                cell.number_format = "#,##0"
        texts = [column, *(str(r[index - 1]) for r in rows)]
        ws.column_dimensions[letter].width = min(max(len(t) for t in texts) + 2, 60)
    ws.freeze_panes = "A2"
    _drop_downs(ws, header)
    return ws


def _drop_downs(ws: Any, header: Sequence[str]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(header, start=1):
        words = VOCABULARIES.get(column)
        if not words:
            continue
        letter = get_column_letter(index)
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(words) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"Nilai {column} tidak dikenal",
            error=f"Pilih salah satu: {', '.join(words)}",
        )
        rule.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
        ws.add_data_validation(rule)
