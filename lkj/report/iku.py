"""Bab II B, one IKU at a time: headings, its table, the analysts' text and supporting tables.

Each function returns the blocks of one part, so a notebook shows an IKU as a few plain
``display(...)`` calls and another part (an analysis) can be slotted in between.
"""

from __future__ import annotations

from lkj.report import indicator_tables, support_tables
from lkj.report.block import Block
from lkj.report.blocks import GoalHeading, TableFigure
from lkj.report.context import ReportContext
from lkj.report.prose import iku_file
from lkj.report.structure import heading


def judul(ctx: ReportContext, iku: int) -> list[Block]:
    """The strategic goal's heading (before its first IKU) and the IKU's heading."""
    r = ctx.summary.result(iku)
    blocks: list[Block] = []
    first = next(x for x in ctx.summary.indicators if x.indicator.sasaran == r.indicator.sasaran)
    if first.iku == iku:
        n = r.indicator.sasaran
        blocks.append(GoalHeading(f"sasaran-strategis-{n}", n, r.sasaran))
    blocks.append(heading(f"IKU {iku} \u2013 {r.indicator.nama}", 4, id=f"iku-{iku}"))
    return blocks


def tabel(ctx: ReportContext, iku: int) -> TableFigure:
    """The IKU's table (Tabel 2.3, 2.5, ...)."""
    return indicator_tables.capaian_iku(ctx, iku)


def _what(iku: int, section: str) -> str:
    return f"IKU {iku}, {section}"


def informasi(ctx: ReportContext, iku: int) -> list[Block]:
    """a. Informasi Kinerja; nothing when the unit writes no narrative."""
    section = "Informasi Kinerja"
    text = ctx.narasi.blocks(iku_file(iku), _what(iku, section), section)
    if not text:
        return []
    return [heading(f"a. {section}", 5, id=f"iku-{iku}-informasi-kinerja"), *text]


def evaluasi(ctx: ReportContext, iku: int) -> list[Block]:
    """b. Evaluasi Kinerja, with the supporting tables the params name for this IKU; nothing
    when there is neither text nor table."""
    section = "Evaluasi Kinerja"
    text = ctx.narasi.blocks(iku_file(iku), _what(iku, section), section)
    before = [support_tables.supporting(ctx, t) for t in ctx.tables_of(iku, "sebelum_evaluasi")]
    after = [support_tables.supporting(ctx, t) for t in ctx.tables_of(iku, "setelah_evaluasi")]
    if not (text or before or after):
        return []
    letter = "b" if ctx.narasi.claimed else "a"
    head = heading(f"{letter}. {section}", 5, id=f"iku-{iku}-evaluasi-kinerja")
    return [head, *before, *text, *after]


def faktor(ctx: ReportContext, iku: int) -> list[Block]:
    """c. Faktor pendorong, penghambat, dan strategi; nothing when the analysts wrote none."""
    name = iku_file(iku)
    pendorong = "Faktor Pendorong/Penghambat"
    strategi = "Strategi Penyelesaian Masalah"
    a = ctx.narasi.block(name, _what(iku, pendorong), pendorong, optional=True)
    b = ctx.narasi.block(name, _what(iku, strategi), strategi, optional=True)
    if a is None and b is None:
        return []
    blocks: list[Block] = [
        heading(
            "c. Faktor pendorong, penghambat, dan strategi penyelesaian masalah",
            5,
            id=f"iku-{iku}-faktor",
        )
    ]
    if ctx.narasi.file(name) is None:  # the whole file is missing: one note is enough
        return [
            *blocks,
            ctx.narasi.missing(name, f"IKU {iku}, faktor pendorong, penghambat, dan strategi"),
        ]
    if a is not None:
        blocks += [heading(f"i. {pendorong}", 6, id=f"iku-{iku}-faktor-pendorong"), a]
    if b is not None:
        blocks += [heading(f"ii. {strategi}", 6, id=f"iku-{iku}-strategi"), b]
    return blocks
