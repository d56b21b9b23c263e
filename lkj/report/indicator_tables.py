"""Tables of the indicators: the agreement (1.1), the quarters (2.1), the year to date (2.2),
one per IKU (2.3, 2.5, ...), and the executive summary's table."""

from __future__ import annotations

from lkj.figures import format as fmt
from lkj.figures.summary import IndicatorResult
from lkj.report.blocks import TableFigure
from lkj.report.context import ReportContext
from lkj.report.table import Cell, Table, c, num, row, spanned, strong, table_block
from lkj.rules.achievement import TidakTerukur
from lkj.rules.indicators import Target
from lkj.rules.periods import QUARTERS, quarter_label, quarter_short_label


def _sasaran_cells(results: tuple[IndicatorResult, ...]) -> list[Cell | None]:
    """A strategic goal's cell spans the rows of its indicators."""
    return spanned(
        results,
        lambda r: r.indicator.sasaran,
        lambda r, n: Cell(r.sasaran, rowspan=n, cls="lkj-sasaran"),
    )


def _value(r: IndicatorResult, value: Target | None) -> str:
    return fmt.nilai(r.indicator, value)


def realisasi_triwulan(ctx: ReportContext, r: IndicatorResult, quarter: int) -> Target | None:
    """The realisation of ``quarter`` as the report of this period knows it (later: none)."""
    if quarter > ctx.period.quarter:
        return None
    return r.realisasi_per_triwulan[quarter - 1]


def perjanjian_kinerja(ctx: ReportContext) -> TableFigure:
    """Tabel 1.1: goals, indicators and annual targets; then activities and their budget."""
    results = ctx.summary.indicators
    goals = _sasaran_cells(results)
    body = [
        row(goals[i], c(r.indicator.nama, cls="lkj-indikator"), strong(_value(r, r.target)))
        for i, r in enumerate(results)
    ]
    bodies: list[list[list[Cell]]] = [body]
    if ctx.summary.data.kegiatan:  # the activities and their budget, when the unit lists them
        activities: list[list[Cell]] = [
            [
                Cell("Kegiatan", colspan=2, header=True),
                Cell("Anggaran", header=True, cls="lkj-num"),
            ]
        ]
        activities += [
            [c(f"{k.no}. {k.nama}", colspan=2), num(fmt.rupiah(k.pagu))]
            for k in ctx.summary.data.kegiatan
        ]
        bodies.append(activities)
    table = Table(
        head=[[c("Sasaran Strategis"), c("Indikator Kinerja Utama"), c("Target")]],
        bodies=bodies,
    )
    return table_block(f"Perjanjian Kinerja {ctx.singkatan} Tahun {ctx.period.year}", table)


def capaian_triwulan(ctx: ReportContext) -> TableFigure:
    """Tabel 2.1: each quarter's target and realisation (quarters after the period: -)."""
    results = ctx.summary.indicators
    goals = _sasaran_cells(results)
    head = [
        [
            c("Sasaran Strategis", rowspan=2),
            c("Indikator Kinerja Utama", rowspan=2),
            *(c(quarter_label(q), colspan=2) for q in QUARTERS),
        ],
        [c(x) for _ in range(4) for x in ("Target", "Realisasi")],
    ]
    body = []
    for i, r in enumerate(results):
        cells: list[Cell | None] = [goals[i], c(r.indicator.nama, cls="lkj-indikator")]
        for q in range(1, 5):
            cells.append(num(_value(r, r.indicator.quarter_target(q))))
            cells.append(num(_value(r, realisasi_triwulan(ctx, r, q))))
        body.append(row(*cells))
    return table_block("Pengukuran Capaian Kinerja Triwulan", Table(head, [body]))


def capaian_kumulatif(ctx: ReportContext) -> TableFigure:
    """Tabel 2.2: target, realisation per quarter, year to date, and capaian s.d. the quarter
    (for a year: the year's realisation and capaian)."""
    results = ctx.summary.indicators
    goals = _sasaran_cells(results)
    tw = ctx.period.short_label
    to_date = f"Tahun {ctx.period.year}" if ctx.period.annual else f"s.d. {tw}"
    head = [
        [
            c("Sasaran Strategis", rowspan=2),
            c("Indikator Kinerja Utama", rowspan=2),
            c("Target", rowspan=2),
            c("Realisasi", colspan=4),
            c(f"Realisasi {to_date}", rowspan=2),
            c(f"Capaian {to_date} (%)", rowspan=2),
        ],
        [c(quarter_short_label(q)) for q in QUARTERS],
    ]
    body = []
    for i, r in enumerate(results):
        body.append(
            row(
                goals[i],
                c(r.indicator.nama, cls="lkj-indikator"),
                num(_value(r, r.target)),
                *(num(_value(r, realisasi_triwulan(ctx, r, q))) for q in range(1, 5)),
                num(_value(r, r.realisasi_kumulatif)),
                strong(fmt.capaian(r.capaian_kumulatif)),
            )
        )
    title = f"Capaian Kinerja Tahun {ctx.period.year}" + (
        "" if ctx.period.annual else " Berdasarkan Realisasi Triwulanan"
    )
    return table_block(title, Table(head, [body]), notes=capaian_notes(ctx))


def capaian_notes(ctx: ReportContext) -> list[str]:
    """What a reader needs to read the capaian column: the IKU whose target of 0 cannot be
    measured against, and the unit's cap when it changed a figure."""
    s = ctx.summary
    notes = []
    zero = [r.iku for r in s.indicators if r.tidak_terukur is TidakTerukur.TARGET_NOL]
    if zero:
        which = ", ".join(map(str, zero))
        notes.append(
            f"IKU {which}: target 0 dengan polaritas naik tidak dapat dilampaui, sehingga "
            "capaiannya tidak terukur (-)."
        )
    if s.capped and s.batas_capaian is not None:
        which = ", ".join(map(str, s.capped))
        notes.append(
            f"Capaian setiap indikator dibatasi paling tinggi {fmt.persen(s.batas_capaian, 0)} "
            f"(berlaku pada IKU {which})."
        )
    return notes


def capaian_iku(ctx: ReportContext, iku: int) -> TableFigure:
    """Tabel 2.3, 2.5, ...: one IKU's target, the quarter's realisation and capaian, and the
    year to date."""
    r = ctx.summary.result(iku)
    label = ctx.period.label
    title = f"Capaian Indikator Kinerja Utama {iku}"
    if ctx.period.annual:  # a year: its own realisation and capaian, not Triwulan IV's
        year = f"Tahun {ctx.period.year}"
        head = [
            [
                c("Indikator Kinerja Utama"),
                c("Target"),
                c(f"Realisasi {year}"),
                c(f"Capaian {year}"),
            ]
        ]
        body = [
            [
                c(r.indicator.nama, cls="lkj-indikator"),
                num(_value(r, r.target)),
                num(_value(r, r.realisasi_kumulatif)),
                strong(fmt.persen(r.capaian_kumulatif)),
            ]
        ]
        return table_block(title, Table(head, [body]))
    head = [
        [
            c("Indikator Kinerja Utama"),
            c("Target"),
            c(f"Realisasi {label}"),
            c("Capaian"),
            c(f"Realisasi s.d. {label}"),
            c(f"Capaian s.d. {label}"),
        ]
    ]
    body = [
        [
            c(r.indicator.nama, cls="lkj-indikator"),
            num(_value(r, r.target)),
            num(_value(r, r.realisasi)),
            strong(fmt.persen(r.capaian)),
            num(_value(r, r.realisasi_kumulatif)),
            strong(fmt.persen(r.capaian_kumulatif)),
        ]
    ]
    return table_block(f"Capaian Indikator Kinerja Utama {iku}", Table(head, [body]))


def ringkasan(ctx: ReportContext) -> TableFigure:
    """The executive summary's table: the quarter and the year to date side by side.

    From Triwulan II on, the quarter's realisation and capaian (the basis of the summary table
    of a published quarterly report) stand next to those up to the quarter (the basis of the
    counts above, at and below 100%); in Triwulan I both are the same and shown once. A note
    under the table says which is which, and where the published report's figures that differ
    are explained.
    """
    results = ctx.summary.indicators
    goals = _sasaran_cells(results)
    label = ctx.period.label
    first = ctx.period.quarter == 1
    if ctx.period.annual:  # a year: one figure per IKU, the year's
        return _ringkasan_tahun(ctx, goals)
    head = [
        [
            c("Sasaran Strategis", rowspan=2),
            c("Indikator Kinerja Utama", rowspan=2),
            c("Target", rowspan=2),
            c(label if first else f"{label} (triwulan ini)", colspan=2),
        ],
        [c("Realisasi"), c("Capaian (%)")],
    ]
    if not first:
        head[0].append(c(f"s.d. {label} (kumulatif)", colspan=2))
        head[1] += [c("Realisasi"), c("Capaian (%)")]
    body = []
    for i, r in enumerate(results):
        cells: list[Cell | None] = [
            goals[i],
            c(r.indicator.nama, cls="lkj-indikator"),
            num(_value(r, r.target)),
            num(_value(r, r.realisasi)),
            num(fmt.capaian(r.capaian)) if not first else strong(fmt.capaian(r.capaian)),
        ]
        if not first:
            cells += [
                num(_value(r, r.realisasi_kumulatif)),
                strong(fmt.capaian(r.capaian_kumulatif)),
            ]
        body.append(row(*cells))
    return table_block(
        f"Ringkasan Capaian Kinerja {ctx.periode}",
        Table(head, [body], cls="lkj-wide"),
        numbered=False,
        notes=ringkasan_notes(ctx),
        id="tabel-ringkasan",
    )


def _ringkasan_tahun(ctx: ReportContext, goals: list[Cell | None]) -> TableFigure:
    """The executive summary's table of a year: target, the year's realisation and capaian."""
    head = [
        [
            c("Sasaran Strategis"),
            c("Indikator Kinerja Utama"),
            c("Target"),
            c(f"Realisasi Tahun {ctx.period.year}"),
            c("Capaian (%)"),
        ]
    ]
    body = [
        row(
            goals[i],
            c(r.indicator.nama, cls="lkj-indikator"),
            num(_value(r, r.target)),
            num(_value(r, r.realisasi_kumulatif)),
            strong(fmt.capaian(r.capaian_kumulatif)),
        )
        for i, r in enumerate(ctx.summary.indicators)
    ]
    return table_block(
        f"Ringkasan Capaian Kinerja {ctx.periode}",
        Table(head, [body], cls="lkj-wide"),
        numbered=False,
        notes=ringkasan_notes(ctx),
        id="tabel-ringkasan",
    )


def ringkasan_notes(ctx: ReportContext) -> list[str]:
    """What the summary table's columns are, and where departures from the published report
    are explained."""
    label = ctx.period.label
    if ctx.period.annual:
        basis = (
            f"Catatan: realisasi tahun {ctx.period.year} adalah realisasi setahun menurut aturan "
            "kumulasi masing-masing indikator (atau angka tahunan bagi indikator yang dilaporkan "
            f"sekali setahun); capaiannya terhadap target tahun {ctx.period.year} menjadi dasar "
            "jumlah target di atas, tepat dan di bawah 100%."
        )
    elif ctx.period.quarter == 1:
        basis = (
            f"Catatan: realisasi {label} dibandingkan dengan target tahunan (capaian = realisasi "
            "÷ target tahunan); pada triwulan pertama, angka triwulan ini sama dengan angka "
            "kumulatif yang menjadi dasar jumlah target di atas, tepat dan di bawah 100%."
        )
    else:
        basis = (
            f"Catatan: kolom {label} (triwulan ini) memuat realisasi triwulan ini saja, seperti "
            f"tabel ringkasan laporan triwulanan; kolom s.d. {label} (kumulatif) memuat "
            f"realisasi sejak awal tahun sampai dengan akhir {label} menurut aturan kumulasi "
            "masing-masing indikator, yang menjadi dasar jumlah target di atas, tepat dan di "
            "bawah 100%. Capaian keduanya dihitung terhadap target tahunan."
        )
    notes = [basis]
    if ctx.params.lampiran_rekonsiliasi:
        notes.append(
            "Angka pada laporan ini yang berbeda dengan laporan yang telah diterbitkan, beserta "
            "kemungkinan penyebabnya, tercantum pada Lampiran: Rekonsiliasi Angka."
        )
    return notes
