"""A plain table model: header rows, body rows, cells that span rows or columns; its HTML
(template ``table.html.j2``) carries the classes print needs, so no later step looks for them:

- ``lkj-wide`` on a table of :data:`WIDE_TABLE_COLUMNS` columns or more (smaller type);
- ``lkj-rowspan-cont`` on a row that a cell of an earlier row spans into (no page break
  before it: a strategic goal stays on one page with its indicators).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from markupsafe import Markup

from lkj.report.blocks import TABLE_PREVIEW, TableFigure
from lkj.report.html import render

T = TypeVar("T")

#: Tables with this many columns or more print in smaller type (``lkj-wide`` in print.css).
WIDE_TABLE_COLUMNS = 8
WIDE = "lkj-wide"
ROWSPAN_CONTINUATION = "lkj-rowspan-cont"


@dataclass(frozen=True)
class Cell:
    """One cell; ``bold`` prints its text in ``<strong>``; ``header`` makes it a ``<th>``."""

    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    cls: str | None = None
    header: bool = False
    bold: bool = False


def c(text: str = "", **kw: object) -> Cell:
    """A text cell."""
    return Cell(text, **kw)  # type: ignore[arg-type]


def num(text: str, **kw: object) -> Cell:
    """A right-aligned figure."""
    return Cell(text, cls="lkj-num", **kw)  # type: ignore[arg-type]


def strong(text: str, **kw: object) -> Cell:
    """A figure in bold, as the reference prints its capaian."""
    return Cell(text, cls="lkj-num", bold=True, **kw)  # type: ignore[arg-type]


Row = Sequence[Cell]


@dataclass(frozen=True)
class Table:
    """Header rows, one or more bodies of rows, optional footer rows."""

    head: Sequence[Row]
    bodies: Sequence[Sequence[Row]]
    foot: Sequence[Row] = field(default_factory=tuple)
    cls: str | None = None

    @property
    def columns(self) -> int:
        """The most columns any row fills (``colspan`` counted; cells spanned from a row
        above are not in the row)."""
        rows = [*self.head, *(r for body in self.bodies for r in body), *self.foot]
        return max((sum(x.colspan for x in r) for r in rows), default=0)

    def render(self) -> Markup:
        wide = WIDE if self.columns >= WIDE_TABLE_COLUMNS else None
        return render(
            "table.html.j2",
            classes=" ".join(x for x in (self.cls, wide) if x),
            head=_marked(self.head),
            bodies=[_marked(body) for body in self.bodies],
            foot=_marked(self.foot),
        )


def _marked(rows: Sequence[Row]) -> list[tuple[str | None, Row]]:
    """Each row with its class: :data:`ROWSPAN_CONTINUATION` when a rowspan above covers it;
    the cell in the table's first column gets :data:`FIRST_COLUMN` (a row whose first column a
    rowspan above fills has none)."""
    out: list[tuple[str | None, Row]] = []
    covered = 0  # how many of the following rows an earlier rowspan still covers
    first = 0  # how many of the following rows a first-column cell above still covers
    for r in rows:
        cells = list(r)
        if cells and first == 0:
            cell = cells[0]
            cells[0] = replace(cell, cls=f"{cell.cls} {FIRST_COLUMN}" if cell.cls else FIRST_COLUMN)
            first = cell.rowspan
        out.append((ROWSPAN_CONTINUATION if covered > 0 else None, cells))
        covered = max(covered - 1, max((x.rowspan for x in r), default=1) - 1)
        first = max(first - 1, 0)
    return out


FIRST_COLUMN = "lkj-first-col"
"""The class of the cells in a table's first column (a row under a rowspan has none): on a
narrow screen the column stays in view while the table scrolls sideways."""


def runs(items: Iterable[T], key: Callable[[T], Hashable]) -> list[tuple[int, int]]:
    """``(start, length)`` of each run of consecutive items with the same key."""
    result: list[tuple[int, int]] = []
    previous: object = object()
    for i, item in enumerate(items):
        k = key(item)
        if result and k == previous:
            start, length = result[-1]
            result[-1] = (start, length + 1)
        else:
            result.append((i, 1))
        previous = k
    return result


def spanned(
    items: Sequence[T], key: Callable[[T], Hashable], make: Callable[[T, int], Cell]
) -> list[Cell | None]:
    """One cell per run of equal keys (``make(first_item, rowspan)``), None for the rows it spans.

    Used for a strategic goal's cell spanning the rows of its indicators.
    """
    cells: list[Cell | None] = [None] * len(items)
    for start, length in runs(items, key):
        cells[start] = make(items[start], length)
    return cells


def row(*cells: Cell | None) -> list[Cell]:
    """A row without the cells that a rowspan above covers."""
    return [x for x in cells if x is not None]


def table_block(
    title: str,
    table: Table,
    *,
    numbered: bool = True,
    notes: Sequence[str] = (),
    id: str | None = None,
) -> TableFigure:
    """A captioned table. Numbered ones get ``Tabel <chapter>.<n>`` and their id when the
    report is assembled; ``id`` names an unnumbered one."""
    return TableFigure(
        title,
        table.render(),
        numbered=numbered,
        notes=tuple(notes),
        id=id,
        number=TABLE_PREVIEW if numbered else None,
    )
