"""Sentences that state figures. They are written here from lkj's own figures, never taken
from the analysts' prose (which keeps the published wording, right or wrong)."""

from __future__ import annotations

from decimal import Decimal

from lkj.figures import format as fmt
from lkj.report.blocks import Generated
from lkj.report.context import ReportContext
from lkj.report.structure import generated
from lkj.report.terbilang import dengan_kata
from lkj.rules.achievement import Kelas


def _counts(ctx: ReportContext) -> list[str]:
    s = ctx.summary
    return [
        *(
            f"Target dengan capaian realisasi {k.label} sebanyak {s.count(k)} target;{tail}"
            for k, tail in ((Kelas.DI_ATAS, ""), (Kelas.TEPAT, ""), (Kelas.DI_BAWAH, " dan"))
        ),
        f"Target yang tidak dapat diperoleh hasil pengukurannya sebanyak "
        f"{s.count(Kelas.TIDAK_TERUKUR)} target.",
    ]


def ringkasan_capaian(ctx: ReportContext) -> Generated:
    """Executive summary: how many goals, indicators and targets; the counts per class."""
    s = ctx.summary
    year = ctx.period.year
    goals = len({r.indicator.sasaran for r in s.indicators})
    n = len(s.indicators)
    return generated(
        [
            f"Laporan Kinerja {ctx.singkatan} Tahun {year} menyajikan capaian kinerja atas "
            f"Perjanjian Kinerja {ctx.singkatan} Tahun {year}. {ctx.singkatan} pada tahun "
            f"{year} memiliki {dengan_kata(goals)} Sasaran Strategis dengan total "
            f"{dengan_kata(n)} Indikator Kinerja, dan {dengan_kata(n)} Target Kinerja yang "
            "harus dicapai.",
            f"Dari hasil pengukuran realisasi {fmt.sampai(ctx.period)} terhadap {dengan_kata(n)} "
            "target tersebut, dapat disimpulkan sebagai berikut:",
        ],
        _counts(ctx),
        [
            "Rincian realisasi masing-masing target indikator kinerja pada masing-masing "
            "Sasaran Strategis yang diperjanjikan pada Perjanjian Kinerja "
            f"{ctx.singkatan} tahun {year} dapat dilihat pada tabel berikut ini."
        ],
    )


def _budget_sentence(ctx: ReportContext) -> str:
    """The budget's realisation; of a quarter to date (``tahun 2025 s.d. Triwulan II``), of
    a year its own (``tahun 2015``)."""
    s = ctx.summary
    period = ctx.period
    upto = "" if period.annual else f" s.d. {period.label}"
    if s.realisasi_anggaran is None:
        return (
            f"Total pagu anggaran {ctx.singkatan} tahun {period.year} sebesar "
            f"{fmt.rupiah(s.pagu)}; realisasi anggaran{upto} belum tersedia dalam data."
        )
    return (
        f"Kinerja keuangan {ctx.singkatan} tahun {period.year}{upto} "
        f"menunjukkan realisasi sebesar {fmt.rupiah(s.realisasi_anggaran)} atau "
        f"{fmt.persen(s.persen_anggaran)} dari total pagu anggaran sebesar {fmt.rupiah(s.pagu)}."
    )


def ringkasan_anggaran(ctx: ReportContext) -> list[Generated]:
    """Executive summary: the budget's realisation against its ceiling; nothing when the data
    hold no total budget."""
    if not ctx.summary.has_budget:
        return []
    return [generated([_budget_sentence(ctx)])]


def capaian_rata_rata(ctx: ReportContext) -> Generated:
    """Bab II B: the overall achievement, the plain mean of the IKU's capaian to date."""
    s = ctx.summary
    measured = sum(1 for r in s.indicators if r.capaian_kumulatif is not None)
    if ctx.period.annual:
        year = ctx.period.year
        return generated(
            [
                f"Kinerja {ctx.singkatan} tahun {year} diukur dari seluruh pencapaian IKU. "
                f"Capaian kinerja tahun {year} sebesar {fmt.persen(s.capaian_rata_rata)}, "
                f"rata-rata capaian {dengan_kata(measured)} IKU yang terukur. Berikut "
                f"ringkasan capaian kinerja {ctx.singkatan} tahun {year}:"
            ]
        )
    return generated(
        [
            f"Kinerja {ctx.singkatan} Tahun {ctx.period.year} diukur dari seluruh pencapaian "
            f"IKU. Capaian kinerja sampai dengan {ctx.period.label} tahun {ctx.period.year} "
            f"sebesar {fmt.persen(s.capaian_rata_rata)} yang dihitung dari rata-rata capaian "
            f"{dengan_kata(measured)} IKU. Berikut ringkasan capaian kinerja {ctx.singkatan} "
            f"{ctx.period.label} tahun {ctx.period.year}:"
        ]
    )


def anggaran_tabel(ctx: ReportContext) -> Generated:
    """Bab II C: the totals of the unit and of the budget lines in the table that follows."""
    s = ctx.summary
    text = [_budget_sentence(ctx)] if s.has_budget else []
    if s.data.budget_lines:
        lines_pagu = sum((b.pagu for b in s.data.budget_lines), Decimal(0))
        realised = s.data.budget_realisations.get(ctx.period.quarter)
        if realised is None:
            text.append(
                "Baris anggaran per sasaran strategis pada tabel berikut berjumlah pagu "
                f"{fmt.rupiah(lines_pagu)}; realisasinya per baris belum tersedia dalam data."
            )
        else:
            lines_real = sum(realised.values(), Decimal(0))
            text.append(
                "Baris anggaran per sasaran strategis pada tabel berikut berjumlah pagu "
                f"{fmt.rupiah(lines_pagu)} dengan realisasi {fmt.rupiah(lines_real)}."
            )
    return generated(text)


def permasalahan_capaian(ctx: ReportContext) -> Generated:
    """Bab III A: how many targets reached 100% or more, with the counts per class."""
    s = ctx.summary
    n = len(s.indicators)
    reached = s.count(Kelas.DI_ATAS) + s.count(Kelas.TEPAT)
    when = (
        f"Pada tahun {ctx.period.year}"
        if ctx.period.annual
        else f"Sampai dengan {ctx.period.label} tahun {ctx.period.year}"
    )
    return generated(
        [
            f"{when}, realisasi {reached} "
            f"dari {dengan_kata(n)} target indikator kinerja sasaran strategis mencapai 100% "
            "atau lebih, dengan rincian:"
        ],
        _counts(ctx),
    )
