"""The computed content of a supporting table: its cells, computed columns, sums and notes.

A supporting table is data (:mod:`lkj.inputs.support`); what lkj adds is documented in
docs/supporting-tables.md: a capaian column (realisation / target x 100, also of the sums),
and for agreements the end date (start + term in years) and the status at the period's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lkj.figures import format as fmt
from lkj.figures.summary import Summary
from lkj.inputs.params import Pendukung
from lkj.inputs.support import Cell, SupportRow, SupportTable, fill
from lkj.rules.decimals import percent
from lkj.rules.mou import add_years

BERLAKU, HABIS = "Berlaku", "Habis"
BERAKHIR, STATUS, CAPAIAN = "berakhir", "status", "capaian"


@dataclass(frozen=True)
class Column:
    """A column as shown: its key (CSV column or computed name), header and format."""

    key: str
    judul: str
    format: str  # teks, nomor, angka, desimal, rupiah, persen, tanggal, status
    satuan: str = ""
    jumlahkan: bool = False


@dataclass(frozen=True)
class TableFigures:
    """One supporting table for one report: columns, rows (by column key), sums and notes."""

    spec: Pendukung
    id: str
    judul: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Cell], ...]
    sums: dict[str, Decimal | None]  # the footer (with spec.jumlah): summed and computed
    kosong: str  # the text shown when no row is left
    notes: tuple[str, ...] = ()

    @property
    def key_column(self) -> str | None:
        """The column that names a row (for the audit): the first text column."""
        return next((c.key for c in self.columns if c.format == "teks"), None)

    def row(self, key: str) -> dict[str, Cell] | None:
        name = self.key_column
        if name is None:
            return None
        wanted = key.casefold()
        return next((r for r in self.rows if str(r.get(name, "")).casefold() == wanted), None)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.get(STATUS) == status)


def table_id(spec: Pendukung) -> str:
    """How the audit names a table: its ``id``, else its file name without ``.csv``."""
    if spec.id:
        return spec.id
    return (spec.berkas or f"hitungan-iku-{spec.iku}").removesuffix(".csv")


def compute_table(summary: Summary, table: SupportTable) -> TableFigures:
    """The shown content of a file-based supporting table for the summary's period."""
    spec, period = table.spec, summary.period
    singkatan = summary.data.info.singkatan
    columns = [
        Column(c.kolom, fill(c.judul, singkatan, period), c.format, c.satuan, c.jumlahkan)
        for c in spec.kolom
    ]
    rows = list(table.rows)
    notes: list[str] = []
    cells = [dict(r.cells) for r in rows]
    if spec.masa_berlaku is not None:
        mb = spec.masa_berlaku
        on = period.end_date
        kept: list[dict[str, Cell]] = []
        for cell in cells:
            start, years = cell.get(mb.mulai), cell.get(mb.jangka_tahun)
            if not isinstance(start, date) or start > on:
                continue  # signed after the period's end (or without a date)
            end = add_years(start, int(years)) if isinstance(years, Decimal) else start
            cell[BERAKHIR] = end
            cell[STATUS] = BERLAKU if on <= end else HABIS
            kept.append(cell)
        cells = kept
        columns += [
            Column(BERAKHIR, mb.judul_berakhir, "tanggal"),
            Column(STATUS, mb.judul_status, "status"),
        ]
    if spec.capaian is not None:
        cp = spec.capaian
        for cell in cells:
            cell[CAPAIAN] = _ratio(cell.get(cp.realisasi), cell.get(cp.target))
        columns.append(Column(CAPAIAN, fill(cp.judul, singkatan, period), "persen"))
    sums: dict[str, Decimal | None] = {}
    if spec.jumlah is not None:
        for col in columns:
            if col.jumlahkan:
                values = [v for c in cells if isinstance(v := c.get(col.key), Decimal)]
                sums[col.key] = sum(values, Decimal(0))
        if spec.capaian is not None:
            sums[CAPAIAN] = _ratio(sums.get(spec.capaian.realisasi), sums.get(spec.capaian.target))
    if spec.masa_berlaku is not None:
        berlaku = sum(1 for c in cells if c.get(STATUS) == BERLAKU)
        notes.append(
            f"Status per {fmt.tanggal(period.end_date)} (akhir {period.label}): {berlaku} berlaku, "
            f"{len(cells) - berlaku} habis; tanggal berakhir = TMT ditambah jangka waktu."
        )
    return TableFigures(
        spec,
        table_id(spec),
        fill(spec.judul, singkatan, period),
        tuple(columns),
        tuple(cells),
        sums,
        fill(spec.kosong, singkatan, period),
        tuple(notes),
    )


def _ratio(real: Cell, target: Cell) -> Decimal | None:
    if not isinstance(real, Decimal) or not isinstance(target, Decimal) or target == 0:
        return None
    return percent(real, target)


__all__ = ["Column", "SupportRow", "TableFigures", "compute_table", "table_id"]
