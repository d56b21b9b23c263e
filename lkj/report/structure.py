"""Chapters, sections and headings, the two generated lists, and generated text.

Chapter titles are ``<h1 class="lkj-chapter-title">``; the chapter's ``<section>`` is opened by
the assembly, which also letters the sections (``A.``, ``B.``) and fills the Daftar Isi and
the Daftar Tabel. Front matter (Kata Pengantar ... Ringkasan Eksekutif) is numbered ``roman``,
Bab I onwards ``arabic``.
"""

from __future__ import annotations

from collections.abc import Sequence

from lkj.report.block import Block
from lkj.report.html import attrs, esc, slug
from lkj.rules.periods import roman

TOC_ID = "daftar-isi"
LOT_ID = "daftar-tabel"


def chapter(title: str, number: int | None = None, id: str | None = None) -> Block:
    """``chapter("Kata Pengantar")`` or ``chapter("Perencanaan Kinerja", 1)`` (BAB I ...)."""
    name = title.upper()
    label = f"BAB {roman(number)}" if number else None
    text = f"{label} {name}" if label else name
    ident = id or slug(text)
    inner = (
        f'<span class="lkj-chapter-number">{esc(label)}</span> ' if label else ""
    ) + f'<span class="lkj-chapter-name">{esc(name)}</span>'
    return Block(
        "chapter",
        f'<h1 class="lkj-chapter-title">{inner}</h1>',
        {
            "id": ident,
            "title": text,
            "number": number,
            "numbering": "arabic" if number else "roman",
        },
    )


def section_html(title: str, id: str, letter: str | None) -> str:
    number = f'<span class="lkj-section-number">{esc(letter)}.</span> ' if letter else ""
    return f'<h2 id="{esc(id)}">{number}<span class="lkj-section-title">{esc(title)}</span></h2>'


def section(title: str, id: str | None = None) -> Block:
    """A chapter's section (``<h2>``); the assembly letters it A., B., C. in order."""
    ident = id or slug(title)
    return Block("section", section_html(title, ident, None), {"id": ident, "title": title})


def heading(title: str, level: int, id: str | None = None, cls: str | None = None) -> Block:
    """A sub-section heading, ``<h3>`` to ``<h6>``, with a stable id."""
    if not 3 <= level <= 6:
        raise ValueError(f"heading level {level}: chapters are h1, sections h2, use 3 to 6")
    ident = id or slug(title)
    return Block(
        "heading",
        f"<h{level}{attrs(id=ident, class_=cls)}>{esc(title)}</h{level}>",
        {"id": ident, "title": title, "level": level},
    )


def heading_html(markup: str, level: int, id: str, title: str, cls: str | None = None) -> Block:
    """A heading whose content is trusted markup (e.g. a number and a quoted name)."""
    return Block(
        "heading",
        f"<h{level}{attrs(id=id, class_=cls)}>{markup}</h{level}>",
        {"id": id, "title": title, "level": level},
    )


def toc() -> Block:
    """The Daftar Isi; filled by the assembly with every chapter and section."""
    return Block(
        "toc",
        f'<nav class="lkj-toc" id="{TOC_ID}"><p class="lkj-placeholder">'
        "Daftar isi disusun saat laporan dirakit (lkj build).</p></nav>",
    )


def lot() -> Block:
    """The Daftar Tabel; filled by the assembly with every numbered table."""
    return Block(
        "lot",
        f'<nav class="lkj-lot" id="{LOT_ID}"><p class="lkj-placeholder">'
        "Daftar tabel disusun saat laporan dirakit (lkj build).</p></nav>",
    )


def generated(
    paragraphs: Sequence[str], items: Sequence[str] = (), tail: Sequence[str] = ()
) -> Block:
    """Text lkj writes from its figures (never the analysts'): ``<div class="lkj-generated">``.

    ``items`` become a numbered list after the paragraphs, ``tail`` paragraphs follow it.
    """
    parts = [f"<p>{esc(p)}</p>" for p in paragraphs]
    if items:
        parts.append('<ol class="lkj-list-paren">')
        parts += [f"<li>{esc(i)}</li>" for i in items]
        parts.append("</ol>")
    parts += [f"<p>{esc(p)}</p>" for p in tail]
    return Block("html", '<div class="lkj-generated">\n' + "\n".join(parts) + "\n</div>")
