"""Bab I A: the unit's vision, missions and goals (unit data, not prose)."""

from __future__ import annotations

from lkj.report.block import Block
from lkj.report.context import ReportContext
from lkj.report.html import esc


def visi(ctx: ReportContext) -> Block:
    text = " ".join(ctx.info.renstra.visi.split())
    return Block("html", f'<p class="lkj-visi"><strong>“{esc(text)}”</strong></p>')


def _list(items: list[str]) -> Block:
    lines = [f"<li>{esc(' '.join(i.split()))}</li>" for i in items]
    return Block("html", '<ol class="lkj-list-alpha">\n' + "\n".join(lines) + "\n</ol>")


def misi(ctx: ReportContext) -> Block:
    return _list(ctx.info.renstra.misi)


def tujuan(ctx: ReportContext) -> Block:
    return _list(ctx.info.renstra.tujuan)
