"""Supporting tables of an IKU's evaluation: complaints by status, the IKU's own counts, and
the register of cooperation agreements (MoU) with their status at the period's end."""

from __future__ import annotations

from collections.abc import Callable

from lkj.figures import format as fmt
from lkj.report.blocks import TableFigure
from lkj.report.context import ReportContext
from lkj.report.table import Cell, Table, c, num, strong, table_block


def _no_data(text: str, columns: int) -> list[Cell]:
    return [Cell(text, colspan=columns, cls="lkj-no-data")]


def status_pengaduan(ctx: ReportContext) -> TableFigure:
    """Complaints received in the quarter, by handling status, with their total."""
    label = ctx.period.label
    rows = [p for p in ctx.summary.data.pengaduan if p.triwulan == ctx.period.quarter]
    head = [[c("No"), c("Status Penanganan Aduan"), c(label)]]
    if not rows:
        body = [_no_data(f"Data status pengaduan {label} belum tersedia.", 3)]
        return table_block(
            "Rekap Jumlah Pengaduan berdasarkan Status Penanganan", Table(head, [body])
        )
    body = [[num(str(p.no)), c(p.status), num(fmt.angka(p.jumlah))] for p in rows]
    total = sum(p.jumlah for p in rows)
    foot = [[Cell("Jumlah", colspan=2, header=True), strong(fmt.angka(total))]]
    return table_block(
        "Rekap Jumlah Pengaduan berdasarkan Status Penanganan", Table(head, [body], foot)
    )


def pencatatan_aduan(ctx: ReportContext, iku: int) -> TableFigure:
    """An IKU's counts (label_penyebut, then label_pembilang) and the resulting capaian."""
    r = ctx.summary.result(iku)
    ind = r.indicator
    label = ctx.period.label
    real = ctx.summary.data.realisation(iku, ctx.period.quarter)
    penyebut = real.penyebut if real is not None else None
    pembilang = real.pembilang if real is not None else None
    head = [[c("No"), c("Aduan"), c(label)]]
    body = [
        [num("1"), c(ind.label_penyebut), num(fmt.angka(penyebut))],
        [num("2"), c(ind.label_pembilang), num(fmt.angka(pembilang))],
    ]
    foot = [[Cell("Capaian", colspan=2, header=True), strong(fmt.persen(r.capaian))]]
    notes = []
    if penyebut is None:
        notes.append(
            f"Jumlah aduan {label} tidak tercatat dalam data; capaian dari realisasi "
            f"{fmt.nilai(ind, r.realisasi)}."
        )
    return table_block("Rekap Jumlah Pencatatan Aduan", Table(head, [body], foot), notes=notes)


def mou(ctx: ReportContext) -> TableFigure:
    """Agreements signed by the period's end: start (TMT), term, end date and status then."""
    on = ctx.period.end_date
    mous = [m for m in ctx.summary.data.mous if m.tmt <= on]
    head = [
        [
            c("No"),
            c("Pemerintah Kab./Kota"),
            c("TMT"),
            c("Jangka Waktu"),
            c("TMT Berakhir"),
            c("Status"),
        ]
    ]
    body = [
        [
            num(str(n)),
            c(m.pemerintah),
            c(fmt.tanggal(m.tmt), cls="lkj-date"),
            c(f"{m.jangka_waktu_tahun} Tahun"),
            c(fmt.tanggal(m.berakhir), cls="lkj-date"),
            c(m.status(on), cls=f"lkj-status-{m.status(on).lower()}"),
        ]
        for n, m in enumerate(mous, start=1)
    ]
    berlaku = sum(1 for m in mous if m.status(on) == "Berlaku")
    notes = [
        f"Status per {fmt.tanggal(on)} (akhir {ctx.period.label}): {berlaku} berlaku, "
        f"{len(mous) - berlaku} habis; tanggal berakhir = TMT ditambah jangka waktu."
    ]
    title = f"Pelaksanaan MoU antara {ctx.singkatan} dengan Pemerintah Daerah"
    return table_block(title, Table(head, [body]), notes=notes)


#: The supporting tables params may name (``tabel_pendukung``), each given the IKU it is for.
SUPPORTING: dict[str, Callable[[ReportContext, int], TableFigure]] = {
    "status_pengaduan": lambda ctx, iku: status_pengaduan(ctx),
    "pencatatan_aduan": pencatatan_aduan,
    "mou": lambda ctx, iku: mou(ctx),
}


def supporting(ctx: ReportContext, name: str, iku: int) -> TableFigure:
    """The supporting table ``name`` (see :mod:`lkj.inputs.params`) for ``iku``."""
    if name not in SUPPORTING:
        raise ValueError(f"unknown supporting table {name!r}")
    return SUPPORTING[name](ctx, iku)
