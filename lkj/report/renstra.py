"""Bab I A: the unit's vision, missions and goals (unit data, not prose)."""

from __future__ import annotations

from lkj.report.blocks import LetteredList, Visi
from lkj.report.context import ReportContext


def _one_line(text: str) -> str:
    return " ".join(text.split())


def visi(ctx: ReportContext) -> Visi:
    return Visi(_one_line(ctx.info.renstra.visi))


def misi(ctx: ReportContext) -> LetteredList:
    return LetteredList(tuple(_one_line(i) for i in ctx.info.renstra.misi))


def tujuan(ctx: ReportContext) -> LetteredList:
    return LetteredList(tuple(_one_line(i) for i in ctx.info.renstra.tujuan))
