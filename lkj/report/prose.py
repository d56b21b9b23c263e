"""The analysts' prose (``data/<unit>/<year>/narasi/<period>/*.md``): split, rendered, sanitised.

The files are read through :class:`lkj.inputs.narrative.NarrativeFolder` (inside the project
root only).

Markdown is rendered with markdown-it-py (CommonMark plus tables); raw HTML in a file is
stripped (tags dropped, their text kept, except what is inside ``<script>``, ``<style>`` and the
like, which goes too), then nh3 keeps only a small set of tags (paragraphs, bold, italics,
lists, tables, https links) and no event handler or style attribute. A missing file or
section becomes a visible ``<div class="lkj-missing">`` in its place; nothing is invented or
carried over. A unit that writes no narrative at all (no ``narasi/`` folder for the year) has
none: its report leaves the prose out, without marks, and the parts that hold only prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from lkj.errors import DataError, Problems
from lkj.figures.placeholders import expand
from lkj.inputs.narrative import NarrativeFolder
from lkj.report.blocks import Blank, Missing, Prose
from lkj.rules.periods import Period

# The files of a period and the `##` sections each may have (see docs/narasi.md).
# None: a single block of text without sections.
SECTIONS: dict[str, tuple[str, ...] | None] = {
    "kata-pengantar": None,
    "ringkasan-eksekutif": None,
    "bab1-renstra": ("Pengantar", "Pengantar Visi", "Pengantar Misi", "Pengantar Tujuan"),
    "bab1-perjanjian-kinerja": None,
    "bab2-capaian-triwulan": None,
    "bab2-evaluasi": None,
    "bab2-realisasi-anggaran": ("Pengantar", "Penutup"),
    "bab3-permasalahan": None,
    "bab3-tindak-lanjut": None,
    # the annual report's own (docs/annual.md)
    "pendahuluan": None,
    "penutup": None,
}
IKU_SECTIONS = (
    "Informasi Kinerja",
    "Evaluasi Kinerja",
    "Faktor Pendorong/Penghambat",
    "Strategi Penyelesaian Masalah",
)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h5",
    "h6",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# Raw HTML elements whose content goes with their tags (code or data, never prose).
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "svg"}
)
_TAG = re.compile(r"<\s*(?P<end>/)?\s*(?P<name>[a-zA-Z][\w:-]*)")

#: The prose files (by name) the report's blocks asked for in this process since the last
#: :func:`take_asked`: how ``lkj preview`` learns which chapter shows which file.
_asked: set[str] = set()


def take_asked() -> list[str]:
    """The names of the prose files asked for since the last call (and forget them)."""
    names = sorted(_asked)
    _asked.clear()
    return names


def iku_file(iku: int) -> str:
    return f"iku-{iku:02d}"


def sections_of(name: str) -> tuple[str, ...] | None:
    if name.startswith("iku-"):
        return IKU_SECTIONS
    return SECTIONS[name]


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def _strip_raw_html(tokens: list[Token]) -> None:
    """Drop raw HTML: inline tags go, a raw HTML block keeps only its text."""
    for token in tokens:
        if token.type == "html_block":
            text = Markup(nh3.clean(token.content, tags=set()).strip())  # escaped by nh3
            token.type, token.tag, token.nesting = "html_block", "", 0
            token.content = str(Markup("<p>{}</p>\n").format(text)) if text else ""
        elif token.type == "inline" and token.children:
            token.children = _without_inline_html(token.children)
        if token.type.startswith("heading_"):
            level = min(int(token.tag[1]) + 2, 6)
            token.tag = f"h{level}"


def _without_inline_html(children: list[Token]) -> list[Token]:
    """Inline raw HTML tags dropped; ``<script>…</script>`` and the like with their content
    (an unclosed one takes the rest of the paragraph with it, as a browser would)."""
    kept: list[Token] = []
    inside: str | None = None
    for token in children:
        if token.type == "html_inline":
            tag = _TAG.match(token.content)
            name = tag["name"].lower() if tag else ""
            if inside is None and tag and not tag["end"] and name in DROPPED_WITH_CONTENT:
                inside = name
            elif inside is not None and tag and tag["end"] and name == inside:
                inside = None
            continue
        if inside is None:
            kept.append(token)
    return kept


def render_markdown(text: str) -> Markup:
    """Markdown to sanitised HTML (no raw HTML, no scripts, only https links)."""
    md = _markdown()
    tokens = md.parse(text)
    _strip_raw_html(tokens)
    rendered = md.renderer.render(tokens, md.options, {})
    return Markup(
        nh3.clean(
            rendered,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"https"},
            url_relative="deny",
            link_rel="noopener noreferrer",
        ).strip()
    )


def split_sections(text: str) -> dict[str, tuple[str, int]]:
    """``{section title: (markdown, first line)}``; text before the first ``##`` is under ``""``."""
    return {title: (body, line) for title, body, line in _sections(text)}


@lru_cache(maxsize=64)
def _sections(text: str) -> tuple[tuple[str, str, int], ...]:
    """:func:`split_sections` of ``text``, parsed once: a chapter asks for each section of a
    file separately, and a file is split again for each."""
    tokens = _markdown().parse(text)
    lines = text.splitlines(keepends=True)
    heads: list[tuple[str, int, int]] = []  # title, heading start line, body start line
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0 and token.map:
            heads.append((tokens[i + 1].content.strip(), token.map[0], token.map[1]))
    result: dict[str, tuple[str, int]] = {}
    first = heads[0][1] if heads else len(lines)
    if "".join(lines[:first]).strip():
        result[""] = ("".join(lines[:first]), 1)
    for n, (title, _start, body) in enumerate(heads):
        end = heads[n + 1][1] if n + 1 < len(heads) else len(lines)
        result[title] = ("".join(lines[body:end]), body + 1)
    return tuple((title, body, line) for title, (body, line) in result.items())


@dataclass(frozen=True)
class ProseFile:
    """One narasi file, split into its sections."""

    name: str
    shown: str
    text: str

    def sections(self) -> dict[str, tuple[str, int]]:
        return split_sections(self.text)

    def check(self) -> None:
        """Refuse sections docs/narasi.md does not list (a misspelt title would lose its text)."""
        allowed = sections_of(self.name)
        found = self.sections()
        if allowed is None:
            extra = [t for t in found if t]
            if extra:
                _, line = found[extra[0]]
                raise DataError(
                    self.shown,
                    f"unexpected section '## {extra[0]}'",
                    line=line - 1,
                    expected="plain text without '##' headings in this file",
                )
            return
        for title, (body, line) in found.items():
            if title == "" and body.strip():
                raise DataError(
                    self.shown,
                    "text before the first '##' section",
                    line=line,
                    expected="every paragraph under one of: " + ", ".join(allowed),
                )
            if title and title not in allowed:
                raise DataError(
                    self.shown,
                    f"unknown section '## {title}'",
                    line=line - 1,
                    expected="one of: " + ", ".join(f"## {a}" for a in allowed),
                )


@dataclass(frozen=True)
class Narasi:
    """The prose of one period: ``data/<unit>/<year>/narasi/<period>/``.

    ``figures``: what placeholders (``{{ iku[2].capaian }}``) may name
    (:func:`lkj.figures.placeholders.context`); each file's placeholders are replaced by their
    figures as it is read. None: the text as written (no figures to fill in, e.g. ``lkj
    check`` of data that do not load).
    """

    files: NarrativeFolder
    period: Period
    figures: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def directory(self) -> Path:
        return self.files.directory

    @property
    def shown(self) -> str:
        return self.files.shown

    @property
    def claimed(self) -> bool:
        """Whether the unit writes narrative this year (``narasi/`` exists): then a missing
        file is marked as missing; without it the report has no prose and no marks."""
        return self.directory.parent.is_dir()

    def file(self, name: str) -> ProseFile | None:
        """The file ``<name>.md``, None when it is not there or holds only HTML comments (the
        instructions ``lkj new`` writes); the name is recorded as asked for, present or not:
        see :func:`take_asked`."""
        _asked.add(name)
        return self._read(name)

    def _read(self, name: str) -> ProseFile | None:
        text = self.files.read(name)
        if text is None or not _COMMENTS.sub("", text).strip():
            return None
        shown = self.files.shown_file(name)
        if self.figures is not None:
            text = expand(text, self.figures, shown)
        return ProseFile(name, shown, text)

    def check(self, problems: Problems | None = None) -> None:
        """Every file present is readable and has only known sections (with ``problems``
        collecting: every file's problem, not only the first)."""
        problems = problems or Problems()
        for name in self.files.names():
            if name in SECTIONS or (name.startswith("iku-") and name[4:].isdigit()):
                with problems.guard():
                    prose = self._read(name)
                    if prose is not None:
                        prose.check()

    def missing(self, name: str, what: str, section: str | None = None) -> Missing:
        """The visible note for prose that is not there, and a record the build warns about."""
        where = self.period.title
        return Missing(
            text=f"Narasi analis untuk {what} ({where}) belum tersedia.",
            file=f"{self.shown}/{name}.md",
            what=what,
            section=section,
            folder=self.shown,
            folder_missing=not self.files.exists,
        )

    def block(
        self, name: str, what: str, section: str | None = None, *, optional: bool = False
    ) -> Prose | Missing | None:
        """A file (or one ``##`` section of it) as HTML; a note when missing; None when the
        unit writes no narrative.

        ``optional``: a section the analysts may leave out (the reference has none for some
        IKU); then None when the file exists without it.
        """
        if not self.claimed:
            return None
        prose = self.file(name)
        if prose is None:
            return self.missing(name, what, section)
        if section is None:
            return Prose(render_markdown(prose.text))
        found = prose.sections().get(section)
        if found is None or not found[0].strip():
            return None if optional else self.missing(name, what, section)
        return Prose(render_markdown(found[0]))

    def parts(
        self, name: str, what: str, split_after: int = 1
    ) -> tuple[Prose | Missing | Blank, Prose | Blank]:
        """A section-less file cut after its first ``split_after`` paragraphs.

        For text that frames a generated paragraph (Bab III A): the first part goes before it,
        the rest after. A missing file gives the missing note and a blank; a unit that writes
        no narrative, two blanks.
        """
        if not self.claimed:
            return Blank(), Blank()
        prose = self.file(name)
        if prose is None:
            return self.missing(name, what), Blank()
        chunks = prose.text.strip().split("\n\n")
        head = "\n\n".join(chunks[:split_after])
        tail = "\n\n".join(chunks[split_after:])
        return (
            Prose(render_markdown(head)),
            Prose(render_markdown(tail)) if tail.strip() else Blank(),
        )

    def blocks(
        self, name: str, what: str, section: str | None = None, *, optional: bool = False
    ) -> list[Prose | Missing]:
        """:meth:`block` as a list: empty when there is nothing to show."""
        found = self.block(name, what, section, optional=optional)
        return [] if found is None else [found]


_COMMENTS = re.compile(r"<!--.*?-->", re.S)
