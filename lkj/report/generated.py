"""The generated analysis and the reconciliation appendix as report blocks.

Everything here is written by lkj from its figures (:mod:`lkj.figures.analysis`, :mod:`lkj.audit`),
never by the analysts, and shows so: a ``<div class="lkj-generated lkj-analysis">`` headed
"Analisis otomatis (dihasilkan dari angka)".
"""

from __future__ import annotations

from collections.abc import Sequence

from lkj.figures import analysis
from lkj.report.block import Block
from lkj.report.context import ReportContext
from lkj.report.html import esc
from lkj.report.structure import chapter, generated
from lkj.report.table import Table, c, num, table_block

LABEL = "Analisis otomatis (dihasilkan dari angka)"
APPENDIX = "Lampiran: Rekonsiliasi Angka"


def _box(paragraphs: Sequence[str], items: Sequence[str] = (), flag: str | None = None) -> Block:
    """Generated paragraphs (and a list) under the label; ``flag`` in bold at the end."""
    parts = [f'<p class="lkj-generated-label"><strong>{esc(LABEL)}</strong></p>']
    parts += [f"<p>{esc(p)}</p>" for p in paragraphs]
    if items:
        parts += ["<ul>", *(f"<li>{esc(i)}</li>" for i in items), "</ul>"]
    if flag:
        parts.append(f'<p class="lkj-attention"><strong>{esc(flag)}</strong></p>')
    html = '<div class="lkj-generated lkj-analysis">\n' + "\n".join(parts) + "\n</div>"
    return Block("html", html)


def iku(ctx: ReportContext, number: int) -> Block:
    """Bab II B: the analysis of one IKU (trend, quarterly target, year to date, outlook)."""
    result = analysis.indicator_analysis(ctx.summary, number)
    flag = analysis.attention_note(number) if result.needs_attention else None
    return _box([" ".join(result.sentences)], flag=flag)


def ringkasan(ctx: ReportContext) -> Block:
    """Ringkasan Eksekutif: a short overview and the IKU needing attention."""
    return _box(analysis.overview(ctx.summary), analysis.attention_items(ctx.summary))


def anggaran(ctx: ReportContext) -> Block:
    """Realisasi Anggaran: budget absorption against performance per strategic goal."""
    method, *per_goal = analysis.budget_statements(ctx.summary)
    return _box([method], per_goal)


def rekonsiliasi(ctx: ReportContext) -> list[Block]:
    """The appendix "Lampiran: Rekonsiliasi Angka": the audit's findings, when params ask for
    it (``lampiran_rekonsiliasi: true``); nothing otherwise."""
    if not ctx.params.lampiran_rekonsiliasi:
        return []
    from lkj.audit import audit_summary

    result = audit_summary(ctx.summary, ctx.project)
    head = chapter(APPENDIX, id="lampiran-rekonsiliasi-angka")
    # An appendix follows Bab III, so its pages keep arabic numbers (an unnumbered chapter
    # is front matter, numbered roman, by default).
    head = Block(head.kind, head.html, {**head.props, "numbering": "arabic"})
    blocks = [head, generated([result.intro()])]
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
