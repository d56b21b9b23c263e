"""The generated analysis and the reconciliation appendix as report blocks.

Everything here is written by lkj from its figures (:mod:`lkj.figures.analysis`, :mod:`lkj.audit`),
never by the analysts, and shows so: a ``<div class="lkj-generated lkj-analysis">`` headed
"Analisis otomatis (dihasilkan dari angka)" (:class:`~lkj.report.blocks.Analysis`).
"""

from __future__ import annotations

from lkj.figures import analysis
from lkj.report.block import Block
from lkj.report.blocks import Analysis
from lkj.report.context import ReportContext
from lkj.report.structure import chapter, generated
from lkj.report.table import Table, c, num, table_block

LABEL = Analysis.label
APPENDIX = "Lampiran: Rekonsiliasi Angka"


def iku(ctx: ReportContext, number: int) -> Analysis:
    """Bab II B: the analysis of one IKU (trend, quarterly target, year to date, outlook), and
    what the analysts' prose of this IKU says that contradicts lkj's figures (a score where a
    predicate is reported, a stale figure)."""
    result = analysis.indicator_analysis(ctx.summary, number)
    flag = (
        analysis.attention_note(number, result.attention, ctx.period)
        if result.needs_attention
        else ""
    )
    contradictions = tuple(f.sentence() for f in ctx.prose_check.of_iku(number))
    return Analysis((" ".join(result.sentences), *contradictions), flag=flag)


def metode(ctx: ReportContext) -> Analysis:
    """Bab II B, before the IKU: how their generated analysis is made, said once."""
    return Analysis((" ".join(analysis.method(ctx.summary)),))


def ringkasan(ctx: ReportContext) -> Analysis:
    """Ringkasan Eksekutif: a short overview and the IKU needing attention."""
    return Analysis(
        tuple(analysis.overview(ctx.summary)), tuple(analysis.attention_items(ctx.summary))
    )


def anggaran(ctx: ReportContext) -> list[Analysis]:
    """Realisasi Anggaran: budget absorption against performance per strategic goal; nothing
    without a budget."""
    statements = analysis.budget_statements(ctx.summary)
    if not statements:
        return []
    method, *per_goal = statements
    return [Analysis((method,), tuple(per_goal))]


def rekonsiliasi(ctx: ReportContext) -> list[Block]:
    """The appendix "Lampiran: Rekonsiliasi Angka": the audit's findings, when params ask for
    it (``lampiran_rekonsiliasi: true``); nothing otherwise."""
    if not ctx.params.lampiran_rekonsiliasi:
        return []
    from lkj.audit import audit_summary

    result = audit_summary(ctx.summary, ctx.project)
    # An appendix follows Bab III, so its pages keep arabic numbers (an unnumbered chapter
    # is front matter, numbered roman, by default).
    head = chapter(APPENDIX, id="lampiran-rekonsiliasi-angka", numbering="arabic")
    blocks: list[Block] = [head, generated([result.intro()])]
    if result.findings:
        header = [
            [
                c("No"),
                c("Tempat"),
                c("IKU"),
                c("Tercetak"),
                c("Dihitung"),
                c("Kemungkinan penyebab"),
            ]
        ]
        body = [
            [
                num(str(n)),
                c(f.where),
                num("" if f.iku is None else str(f.iku)),
                num(f.stated),
                num(f.computed),
                c(f.note),
            ]
            for n, f in enumerate(result.findings, start=1)
        ]
        table = Table(header, [body], cls="lkj-reconciliation")
        blocks.append(
            table_block(
                "Selisih angka tercetak dan angka hasil perhitungan",
                table,
                numbered=False,
                id="tabel-rekonsiliasi-angka",
            )
        )
    return blocks
