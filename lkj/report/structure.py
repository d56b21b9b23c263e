"""Chapters, sections and headings, the two generated lists, and generated text.

Chapter titles are ``<h1 class="lkj-chapter-title">``; the chapter's ``<section>`` is opened by
the page template, after the assembly, which also letters the sections (``A.``, ``B.``) and
fills the Daftar Isi and the Daftar Tabel. Front matter (Kata Pengantar ... Ringkasan
Eksekutif) is numbered ``roman``, Bab I onwards ``arabic``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lkj.report.block import Block
from lkj.report.blocks import (
    Chapter,
    Contents,
    FigureList,
    Generated,
    Heading,
    Numbering,
    Section,
    TableList,
)
from lkj.report.html import slug


def chapter(
    title: str, number: int | None = None, id: str | None = None, numbering: Numbering | None = None
) -> Chapter:
    """``chapter("Kata Pengantar")`` or ``chapter("Perencanaan Kinerja", 1)`` (BAB I ...).

    An unnumbered chapter is front matter (pages numbered i, ii, … in print) unless
    ``numbering`` is ``"arabic"`` (an appendix after the last chapter)."""
    block = Chapter("", title.upper(), number, numbering or ("arabic" if number else "roman"))
    return replace(block, id=id or slug(block.title))


def section(title: str, id: str | None = None) -> Section:
    """A chapter's section (``<h2>``); the assembly letters it A., B., C. in order."""
    return Section(id or slug(title), title)


def heading(title: str, level: int, id: str | None = None, cls: str | None = None) -> Heading:
    """A sub-section heading, ``<h3>`` to ``<h6>``, with a stable id."""
    return Heading(id or slug(title), title, level, cls or "")


def toc() -> Contents:
    """The Daftar Isi; filled by the assembly with every chapter and section."""
    return Contents()


def lof() -> FigureList:
    """The Daftar Gambar; filled by the assembly with every numbered chart."""
    return FigureList()


def lot() -> TableList:
    """The Daftar Tabel; filled by the assembly with every numbered table."""
    return TableList()


def generated(
    paragraphs: Sequence[str], items: Sequence[str] = (), tail: Sequence[str] = ()
) -> Generated:
    """Text lkj writes from its figures (never the analysts'): ``<div class="lkj-generated">``.

    ``items`` become a numbered list after the paragraphs, ``tail`` paragraphs follow it.
    """
    return Generated(tuple(paragraphs), tuple(items), tuple(tail))


def prose_section(title: str, id: str, prose: Sequence[Block]) -> list[Block]:
    """A section that holds only the analysts' prose: nothing when there is none."""
    return [section(title, id=id), *prose] if prose else []
