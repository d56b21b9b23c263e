"""Parts only the annual Laporan Kinerja has (PermenPANRB 53/2014): Bab I Pendahuluan, Bab III
B Realisasi Anggaran per program and kegiatan, Bab IV Penutup and the Lampiran's Pengukuran
Kinerja table. Everything else in the annual chapters is the quarterly report's blocks,
applied to the year (docs/annual.md).
"""

from __future__ import annotations

from lkj.figures import format as fmt
from lkj.report import sentences
from lkj.report.block import Block
from lkj.report.blocks import ReviewStatement, TableFigure
from lkj.report.context import ReportContext
from lkj.report.front import signed_by
from lkj.report.structure import chapter, generated, heading
from lkj.report.table import Table, c, num, row, strong, table_block
from lkj.report.terbilang import dengan_kata
from lkj.rules.achievement import Kelas
from lkj.rules.budget import ProgramBudget, absorption, program_totals, supporting

#: The chapters of the annual report, in order (Bab I's systematic overview names them).
CHAPTERS = (
    "Bab I Pendahuluan",
    "Bab II Perencanaan Kinerja",
    "Bab III Akuntabilitas Kinerja",
    "Bab IV Penutup",
)


def pendahuluan(ctx: ReportContext) -> list[Block]:
    """Bab I: what the report is and what it measures (generated), then the analysts'
    ``pendahuluan.md`` (organisation, tasks and functions, structure, strategic issues), which
    is optional."""
    s = ctx.summary
    year = ctx.period.year
    goals = len({r.indicator.sasaran for r in s.indicators})
    text = generated(
        [
            f"Laporan Kinerja {ctx.info.nama} Tahun {year} merupakan pertanggungjawaban atas "
            f"pelaksanaan Perjanjian Kinerja {ctx.singkatan} Tahun {year}, disusun menurut "
            "Peraturan Menteri PANRB Nomor 53 Tahun 2014. Pengukuran kinerja dilakukan "
            f"terhadap {dengan_kata(goals)} Sasaran Strategis dengan "
            f"{dengan_kata(len(s.indicators))} Indikator Kinerja Utama.",
            "Sistematika penyajian laporan ini adalah sebagai berikut:",
        ],
        CHAPTERS,
    )
    return [text, *ctx.narasi.blocks("pendahuluan", "Pendahuluan")]


def realisasi_program(ctx: ReportContext) -> list[Block]:
    """Bab III B: each program with its kegiatan, ceiling, realisation and absorption, and the
    total (its sums equal anggaran.yaml, checked when the data are read); nothing without
    ``realisasi_kegiatan.csv``."""
    programs = ctx.summary.data.programs
    if not programs:
        return []
    table = _program_table(programs)
    pagu, realisasi = program_totals(programs)
    title = f"Realisasi Anggaran per Program dan Kegiatan Tahun {ctx.period.year}"
    if ctx.summary.has_budget:  # the total was stated just above (and equals these sums)
        text = (
            f"Realisasi anggaran tersebut dilaksanakan melalui {dengan_kata(len(programs))} "
            "program, dengan rincian per program dan kegiatan sebagai berikut:"
        )
    else:
        text = (
            f"Realisasi anggaran {ctx.singkatan} tahun {ctx.period.year} untuk "
            f"{dengan_kata(len(programs))} program sebesar {fmt.rupiah(realisasi)} atau "
            f"{fmt.persen(absorption(realisasi, pagu))} dari pagu {fmt.rupiah(pagu)}, "
            "dengan rincian per program dan kegiatan sebagai berikut:"
        )
    lead = generated([text])
    return [
        heading("Realisasi Anggaran per Program dan Kegiatan", 3, id="realisasi-program"),
        lead,
        table_block(title, table),
    ]


def _program_table(programs: tuple[ProgramBudget, ...]) -> Table:
    """Each program (bold) with its kegiatan: pagu, realisasi, absorption; the total."""
    head = [[c("No"), c("Program / Kegiatan"), c("Pagu (Rp)"), c("Realisasi (Rp)"), c("%")]]
    body = []
    for n, p in enumerate(programs, 1):
        body.append(
            row(
                strong(str(n)),
                c(p.program, bold=True),
                strong(fmt.angka(p.pagu, 0)),
                strong(fmt.angka(p.realisasi, 0)),
                strong(fmt.capaian(p.persen)),
            )
        )
        for k in p.kegiatan:
            body.append(
                row(
                    c(),
                    c(k.kegiatan),
                    num(fmt.angka(k.pagu, 0)),
                    num(fmt.angka(k.realisasi, 0)),
                    num(fmt.capaian(k.persen)),
                )
            )
    pagu, realisasi = program_totals(programs)
    foot = [
        row(
            c("Jumlah", colspan=2, bold=True),
            strong(fmt.angka(pagu, 0)),
            strong(fmt.angka(realisasi, 0)),
            strong(fmt.capaian(absorption(realisasi, pagu))),
        )
    ]
    return Table(head, [body], foot)


def pendukung(ctx: ReportContext, iku: int) -> list[Block]:
    """Bab III A (7): the programs and kegiatan behind the IKU's result (the kegiatan of
    ``realisasi_kegiatan.csv`` whose ``iku`` column names it), their budget and its absorption
    beside the IKU's capaian; nothing when no kegiatan names the IKU."""
    programs = supporting(ctx.summary.data.programs, iku)
    if not programs:
        return []
    r = ctx.summary.result(iku)
    pagu, realisasi = program_totals(programs)
    count = sum(len(p.kegiatan) for p in programs)
    capaian_text = (
        f"capaian IKU {iku} sebesar {fmt.persen(r.capaian_kumulatif)}"
        if r.capaian_kumulatif is not None
        else f"IKU {iku}, yang capaiannya tidak terukur,"
    )
    lead = generated(
        [
            f"Pada tahun {ctx.period.year}, {capaian_text} didukung oleh "
            f"{dengan_kata(count)} kegiatan dalam {dengan_kata(len(programs))} program, dengan "
            f"realisasi anggaran {fmt.rupiah(realisasi)} atau "
            f"{fmt.persen(absorption(realisasi, pagu))} dari pagu {fmt.rupiah(pagu)}:"
        ]
    )
    title = f"Program dan Kegiatan Pendukung IKU {iku} Tahun {ctx.period.year}"
    return [lead, table_block(title, _program_table(programs))]


def penutup(ctx: ReportContext) -> list[Block]:
    """Bab IV: the key figures of the year (generated) and the analysts' conclusions and next
    steps (``penutup.md``, optional)."""
    s = ctx.summary
    year = ctx.period.year
    measured = sum(1 for r in s.indicators if r.capaian_kumulatif is not None)
    reached = s.count(Kelas.DI_ATAS) + s.count(Kelas.TEPAT)
    figures = [
        f"Capaian kinerja {ctx.singkatan} tahun {year} rata-rata "
        f"{fmt.persen(s.capaian_rata_rata)} dari {dengan_kata(measured)} IKU yang terukur: "
        f"{dengan_kata(reached)} IKU mencapai atau melampaui target dan "
        f"{dengan_kata(s.count(Kelas.DI_BAWAH))} IKU belum mencapainya"
        + (
            f"; {dengan_kata(s.count(Kelas.TIDAK_TERUKUR))} IKU tidak terukur."
            if s.count(Kelas.TIDAK_TERUKUR)
            else "."
        )
    ]
    return [
        generated(figures),
        *sentences.ringkasan_anggaran(ctx),
        *ctx.narasi.blocks("penutup", "Penutup"),
    ]


def pengukuran(ctx: ReportContext) -> TableFigure:
    """Lampiran: the Pengukuran Kinerja table, each IKU's target, realisation and capaian of
    the year."""
    head = [
        [
            c("No"),
            c("Sasaran Strategis"),
            c("Indikator Kinerja"),
            c("Target"),
            c("Realisasi"),
            c("Capaian (%)"),
        ]
    ]
    body = [
        row(
            num(str(r.iku)),
            c(r.sasaran, cls="lkj-sasaran"),
            c(r.indicator.nama, cls="lkj-indikator"),
            num(fmt.nilai(r.indicator, r.target)),
            num(fmt.nilai(r.indicator, r.realisasi_kumulatif)),
            strong(fmt.capaian(r.capaian_kumulatif)),
        )
        for r in ctx.summary.indicators
    ]
    return table_block(f"Pengukuran Kinerja Tahun {ctx.period.year}", Table(head, [body]))


#: The conclusion of a review that found nothing, as the Pedoman Reviu atas Laporan Kinerja
#: words it (PermenPANRB 53/2014); ``pernyataan_reviu.catatan`` replaces it.
REVIEW_CLEAN = (
    "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan "
    "dalam meyakini keandalan informasi yang disajikan di dalam laporan kinerja ini."
)


def pernyataan_reviu(ctx: ReportContext) -> list[Block]:
    """The page "Pernyataan Telah Direviu": the internal auditor's statement that it reviewed
    the report, signed (``pernyataan_reviu`` in the params); nothing without it."""
    review = ctx.params.pernyataan_reviu
    if review is None:
        return []
    year = ctx.period.year
    unit = ctx.info.nama
    paragraphs = (
        f"Kami, {review.pereviu}, telah mereviu Laporan Kinerja {unit} untuk tahun anggaran "
        f"{year} sesuai "
        "Pedoman Reviu atas Laporan Kinerja. Substansi informasi yang dimuat dalam Laporan "
        f"Kinerja menjadi tanggung jawab manajemen {unit}.",
        "Reviu bertujuan untuk memberikan keyakinan terbatas laporan kinerja telah disajikan "
        "secara akurat, andal, dan valid.",
        " ".join(review.catatan.split()) or REVIEW_CLEAN,
    )
    return [
        chapter("Pernyataan Telah Direviu", id="pernyataan-telah-direviu", numbering="arabic"),
        ReviewStatement(unit, year, paragraphs),
        signed_by(review.penandatangan),
    ]
