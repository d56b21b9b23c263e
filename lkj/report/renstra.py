"""Bab I A: the unit's vision, missions and goals (unit data, not prose).

Each part is shown only when the unit gives it; without a Renstra the section is left out.
"""

from __future__ import annotations

from lkj.inputs.unit import Renstra
from lkj.report.block import Block
from lkj.report.blocks import LetteredList, Visi
from lkj.report.context import ReportContext
from lkj.report.structure import heading
from lkj.report.structure import section as section_heading


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _renstra(ctx: ReportContext) -> Renstra:
    return ctx.info.renstra or Renstra()


def visi(ctx: ReportContext) -> Visi:
    return Visi(_one_line(_renstra(ctx).visi))


def misi(ctx: ReportContext) -> LetteredList:
    return LetteredList(tuple(_one_line(i) for i in _renstra(ctx).misi))


def tujuan(ctx: ReportContext) -> LetteredList:
    return LetteredList(tuple(_one_line(i) for i in _renstra(ctx).tujuan))


def section(ctx: ReportContext) -> list[Block]:
    """The Renstra section: its heading, the analysts' lead-ins, and the visi, misi and tujuan
    the unit gives (numbered in that order); nothing without a Renstra."""
    r = ctx.info.renstra
    if r is None or r.is_empty:
        return []
    title = f"Rencana Strategis {ctx.singkatan}" + (f" Tahun {r.periode}" if r.periode else "")
    blocks: list[Block] = [
        section_heading(title, id="rencana-strategis"),
        *ctx.narasi.blocks("bab1-renstra", "Rencana Strategis", "Pengantar"),
    ]
    parts = (
        ("Visi", bool(r.visi.strip()), visi),
        ("Misi", bool(r.misi), misi),
        ("Tujuan", bool(r.tujuan), tujuan),
    )
    number = 0
    for name, given, content in parts:
        if not given:
            continue
        number += 1
        blocks += [
            heading(f"{number}. {name}", 3, id=name.lower()),
            *ctx.narasi.blocks("bab1-renstra", f"Rencana Strategis, {name}", f"Pengantar {name}"),
            content(ctx),
        ]
    return blocks
