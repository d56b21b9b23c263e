"""Supporting tables of an IKU's evaluation, as the unit's params declare them: a CSV file of
the unit's year with a caption (docs/supporting-tables.md), or the IKU's own counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lkj.figures import format as fmt
from lkj.figures.support import STATUS, Column, TableFigures, compute_table
from lkj.inputs.support import Cell as Value
from lkj.inputs.support import SupportTable
from lkj.report.blocks import TableFigure
from lkj.report.context import ReportContext
from lkj.report.table import Cell, Table, c, num, strong, table_block


def _no_data(text: str, columns: int) -> list[Cell]:
    return [Cell(text, colspan=columns, cls="lkj-no-data")]


def _text(col: Column, value: Value) -> str:
    if value is None:
        return fmt.DASH
    if isinstance(value, date):
        return fmt.tanggal(value)
    if isinstance(value, str):
        return value
    if col.format == "rupiah":
        return fmt.rupiah(value)
    if col.format == "persen":
        return fmt.persen(value)
    text = fmt.angka(value)
    return f"{text} {col.satuan}" if col.satuan else text


def _cell(col: Column, value: Value) -> Cell:
    text = _text(col, value)
    if col.format == "tanggal":
        return c(text, cls="lkj-date")
    if col.format == "status":
        return c(text, cls=f"lkj-status-{text.lower()}")
    if col.format == "nomor" or (isinstance(value, Decimal) and not col.satuan):
        return num(text)
    return c(text)


def file_table(figures: TableFigures) -> TableFigure:
    """A table from a CSV file: its columns, rows, the footer of sums, and notes."""
    cols = figures.columns
    head = [[c(col.judul) for col in cols]]
    if not figures.rows:
        return table_block(figures.judul, Table(head, [[_no_data(figures.kosong, len(cols))]]))
    body = [[_cell(col, row.get(col.key)) for col in cols] for row in figures.rows]
    foot: list[list[Cell]] = []
    if figures.spec.jumlah is not None:
        first = next((i for i, col in enumerate(cols) if col.key in figures.sums), len(cols))
        cells: list[Cell] = [Cell(figures.spec.jumlah, colspan=max(first, 1), header=True)]
        for col in cols[max(first, 1) :]:
            value = figures.sums.get(col.key)
            cells.append(strong(_text(col, value)) if col.key in figures.sums else c(""))
        foot = [cells]
    return table_block(figures.judul, Table(head, [body], foot), notes=list(figures.notes))


def hitungan_iku(ctx: ReportContext, table: SupportTable) -> TableFigure:
    """An IKU's counts (label_penyebut, then label_pembilang) and the resulting capaian."""
    spec = table.spec
    r = ctx.summary.result(spec.iku)
    ind = r.indicator
    label = ctx.period.label
    real = ctx.summary.data.realisation(spec.iku, ctx.period.quarter)
    penyebut = real.penyebut if real is not None else None
    pembilang = real.pembilang if real is not None else None
    word = spec.hitungan_iku or ""
    head = [[c("No"), c(word), c(label)]]
    body = [
        [num("1"), c(ind.label_penyebut), num(fmt.angka(penyebut))],
        [num("2"), c(ind.label_pembilang), num(fmt.angka(pembilang))],
    ]
    foot = [[Cell("Capaian", colspan=2, header=True), strong(fmt.persen(r.capaian))]]
    notes = []
    if penyebut is None:
        notes.append(
            f"Jumlah {word.lower()} {label} tidak tercatat dalam data; capaian dari realisasi "
            f"{fmt.nilai(ind, r.realisasi)}."
        )
    title = ctx.fill(spec.judul)
    return table_block(title, Table(head, [body], foot), notes=notes)


def supporting(ctx: ReportContext, table: SupportTable) -> TableFigure:
    """The supporting table as declared in params."""
    if table.file is None:
        return hitungan_iku(ctx, table)
    return file_table(compute_table(ctx.summary, table))


__all__ = ["STATUS", "file_table", "hitungan_iku", "supporting"]
