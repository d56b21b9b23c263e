"""A plain table model and its HTML: header rows, body rows, cells that span rows or columns."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from lkj.report.block import Block
from lkj.report.html import attrs, esc

T = TypeVar("T")


@dataclass(frozen=True)
class Cell:
    """One cell; ``html`` is trusted markup (already escaped), ``text`` is escaped on output."""

    text: str = ""
    html: str | None = None
    rowspan: int = 1
    colspan: int = 1
    cls: str | None = None
    header: bool = False

    def render(self, tag: str | None = None) -> str:
        name = tag or ("th" if self.header else "td")
        content = self.html if self.html is not None else esc(self.text)
        return (
            f"<{name}"
            + attrs(
                class_=self.cls,
                rowspan=self.rowspan if self.rowspan > 1 else None,
                colspan=self.colspan if self.colspan > 1 else None,
            )
            + f">{content}</{name}>"
        )


def c(text: str = "", **kw: object) -> Cell:
    """A text cell."""
    return Cell(text, **kw)  # type: ignore[arg-type]


def num(text: str, **kw: object) -> Cell:
    """A right-aligned figure."""
    return Cell(text, cls="lkj-num", **kw)  # type: ignore[arg-type]


def strong(text: str, **kw: object) -> Cell:
    """A figure in bold, as the reference prints its capaian."""
    return Cell(html=f"<strong>{esc(text)}</strong>", cls="lkj-num", **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Table:
    """Header rows, one or more bodies of rows, optional footer rows."""

    head: Sequence[Sequence[Cell]]
    bodies: Sequence[Sequence[Sequence[Cell]]]
    foot: Sequence[Sequence[Cell]] = field(default_factory=tuple)
    cls: str | None = None

    def render(self) -> str:
        out = [f"<table{attrs(class_=self.cls)}>", "<thead>"]
        out += ["<tr>" + "".join(x.render("th") for x in row) + "</tr>" for row in self.head]
        out.append("</thead>")
        for body in self.bodies:
            out.append("<tbody>")
            out += ["<tr>" + "".join(x.render() for x in row) + "</tr>" for row in body]
            out.append("</tbody>")
        if self.foot:
            out.append("<tfoot>")
            out += ["<tr>" + "".join(x.render() for x in row) + "</tr>" for row in self.foot]
            out.append("</tfoot>")
        out.append("</table>")
        return "\n".join(out)


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


def figure_html(
    title: str, table_html: str, number: str | None, id: str | None, notes: Sequence[str] = ()
) -> str:
    """``<figure class="lkj-table" id="tabel-2-12"><figcaption>…</figcaption><table>…``."""
    cls = "lkj-table" if number else "lkj-table lkj-table-unnumbered"
    caption = (f'<span class="lkj-table-number">{esc(number)}</span> ' if number else "") + (
        f'<span class="lkj-table-title">{esc(title)}</span>'
    )
    tail = "".join(f'\n<p class="lkj-table-note">{esc(n)}</p>' for n in notes)
    return (
        f"<figure{attrs(class_=cls, id=id)}><figcaption>{caption}</figcaption>"
        f"{table_html}{tail}\n</figure>"
    )


def table_block(
    title: str,
    table: Table,
    *,
    numbered: bool = True,
    notes: Sequence[str] = (),
    id: str | None = None,
) -> Block:
    """A captioned table. Numbered ones get ``Tabel <chapter>.<n>`` and their id when the
    report is assembled; ``id`` names an unnumbered one."""
    markup = table.render()
    preview = figure_html(title, markup, "Tabel" if numbered else None, id, notes)
    return Block(
        "table",
        preview,
        {"title": title, "table": markup, "numbered": numbered, "notes": list(notes), "id": id},
    )
