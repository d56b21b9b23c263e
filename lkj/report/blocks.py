"""The kinds of report block: one frozen dataclass each, rendered by its own template.

The functions notebooks call (:mod:`lkj.report.structure`, ``indicator_tables``, ``prose``,
…) return these; the finisher reads them back from the executed notebooks and places them
(:mod:`lkj.report.assemble`). Their fields are plain data; text is escaped by the template,
and only fields typed :class:`~markupsafe.Markup` (already rendered or sanitised HTML) are
printed as they are.

To add a kind of block:

1. write a frozen dataclass here that subclasses :class:`~lkj.report.block.Block`, with
   ``template = "<name>.html.j2"`` and fields of JSON-friendly types (``str``, ``int``,
   ``bool``, ``None``, ``Markup``, ``tuple[...]`` of those, or another frozen dataclass);
2. write ``lkj/templates/blocks/<name>.html.j2``: the block is ``b`` in it; leave escaping to
   autoescape (never ``|safe``);
3. if the block takes part in the report's structure (an id, a number, an entry in a list),
   override ``place`` (and ``fill`` for something that needs every block placed first),
   using what :class:`~lkj.report.assemble.Assembly` offers; otherwise nothing more.

The class name is the block's kind in the notebook (``{"block": "Chart", ...}``), so a kind
is defined here, where the finisher finds it, and renaming one needs the notebooks run again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from markupsafe import Markup

from lkj.report.block import Block
from lkj.rules.periods import roman

if TYPE_CHECKING:
    from lkj.report.assemble import Assembly

TOC_ID = "daftar-isi"
LOT_ID = "daftar-tabel"
LOF_ID = "daftar-gambar"

Numbering = Literal["roman", "arabic"]

# ---- the cover and the signature ---------------------------------------------------------


@dataclass(frozen=True)
class Cover(Block):
    """``<section class="lkj-cover">``: unit, LAPORAN KINERJA, the period, contacts (empty:
    left out)."""

    template: ClassVar[str] = "cover.html.j2"
    outside_chapters: ClassVar[bool] = True
    unit: str
    period: str
    alamat: str = ""
    telepon: str = ""
    email: str = ""
    situs: str = ""  # a host name, linked over https
    media_sosial: str = ""


@dataclass(frozen=True)
class Signature(Block):
    """Place and date, office and name of the signatory; ``date_set`` False: ``date`` is the
    note that the date is not set yet."""

    template: ClassVar[str] = "signature.html.j2"
    location: str
    date: str
    date_set: bool
    office: str
    name: str
    identity: str = ""


@dataclass(frozen=True)
class ReviewStatement(Block):
    """The annual report's "Pernyataan Telah Direviu": the unit and year reviewed, then the
    statement's paragraphs (its signature is a :class:`Signature` after it)."""

    template: ClassVar[str] = "review_statement.html.j2"
    unit: str
    year: int
    paragraphs: tuple[str, ...]


# ---- structure ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Chapter(Block):
    """``<h1>`` of a chapter: ``BAB I`` (when it has a number) and its name. Its
    ``<section>`` is opened by the page template, from the assembly's notes."""

    template: ClassVar[str] = "chapter.html.j2"
    id: str
    name: str
    number: int | None
    numbering: Numbering  # how print numbers its pages: i, ii, … or 1, 2, …

    @property
    def label(self) -> str:
        """``BAB I``; empty for an unnumbered chapter."""
        return f"BAB {roman(self.number)}" if self.number else ""

    @property
    def title(self) -> str:
        """``BAB I PERENCANAAN KINERJA``: the Daftar Isi entry."""
        return f"{self.label} {self.name}" if self.label else self.name

    def describe(self) -> str:
        return f"Chapter: {self.title}"

    def place(self, asm: Assembly) -> Block:
        asm.open_chapter(self)
        return self


@dataclass(frozen=True)
class Section(Block):
    """A chapter's section (``<h2>``), lettered A., B., C. by the assembly."""

    template: ClassVar[str] = "section.html.j2"
    id: str
    title: str
    letter: str = ""

    def describe(self) -> str:
        return f"Section: {self.title}"

    def place(self, asm: Assembly) -> Block:
        return replace(self, letter=asm.letter_section(self.id, self.title))


@dataclass(frozen=True)
class Heading(Block):
    """A sub-section heading, ``<h3>`` to ``<h6>``, with a stable id."""

    template: ClassVar[str] = "heading.html.j2"
    id: str
    title: str
    level: int
    cls: str = ""

    def __post_init__(self) -> None:
        if not 3 <= self.level <= 6:
            raise ValueError(f"heading level {self.level}: chapters are h1, sections h2; use 3-6")

    def describe(self) -> str:
        return f"Heading: {self.title}"

    def place(self, asm: Assembly) -> Block:
        asm.claim(self.id)
        return self


@dataclass(frozen=True)
class GoalHeading(Block):
    """A strategic goal's ``<h3>``: ``SASARAN STRATEGIS 1 “NAME”``."""

    template: ClassVar[str] = "goal_heading.html.j2"
    id: str
    number: int
    name: str

    def describe(self) -> str:
        return f"Heading: Sasaran Strategis {self.number}"

    def place(self, asm: Assembly) -> Block:
        asm.claim(self.id)
        return self


@dataclass(frozen=True)
class Entry:
    """One line of the Daftar Isi, the Daftar Tabel or the Daftar Gambar; ``roman``: it points
    into a chapter numbered i, ii, … (the PDF prints its page number so)."""

    id: str
    text: str
    number: str = ""  # a table's or a chart's number
    level: int = 1  # 1 chapter, 2 section
    roman: bool = False


@dataclass(frozen=True)
class Contents(Block):
    """The Daftar Isi: every chapter and its sections, filled once all are placed."""

    template: ClassVar[str] = "contents.html.j2"
    anchor: ClassVar[str] = TOC_ID
    entries: tuple[Entry, ...] | None = None  # None: not assembled yet

    @property
    def chapters(self) -> list[tuple[Entry, list[Entry]]]:
        """Each chapter's entry with the entries of its sections."""
        out: list[tuple[Entry, list[Entry]]] = []
        for entry in self.entries or ():
            if entry.level == 1 or not out:
                out.append((entry, []))
            else:
                out[-1][1].append(entry)
        return out

    def place(self, asm: Assembly) -> Block:
        asm.claim(self.anchor)
        return self

    def fill(self, asm: Assembly) -> Block:
        return replace(self, entries=tuple(asm.toc))


@dataclass(frozen=True)
class TableList(Block):
    """The Daftar Tabel: every numbered table, filled once all are placed."""

    template: ClassVar[str] = "table_list.html.j2"
    anchor: ClassVar[str] = LOT_ID
    entries: tuple[Entry, ...] | None = None  # None: not assembled yet

    def place(self, asm: Assembly) -> Block:
        asm.claim(self.anchor)
        return self

    def fill(self, asm: Assembly) -> Block:
        return replace(self, entries=tuple(asm.tables))


@dataclass(frozen=True)
class FigureList(Block):
    """The Daftar Gambar: every numbered chart, filled once all are placed."""

    template: ClassVar[str] = "figure_list.html.j2"
    anchor: ClassVar[str] = LOF_ID
    entries: tuple[Entry, ...] | None = None  # None: not assembled yet

    def place(self, asm: Assembly) -> Block:
        asm.claim(self.anchor)
        return self

    def fill(self, asm: Assembly) -> Block:
        return replace(self, entries=tuple(asm.figures))


# ---- text ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prose(Block):
    """The analysts' text: Markdown rendered and sanitised by :mod:`lkj.report.prose`."""

    template: ClassVar[str] = "prose.html.j2"
    markup: Markup


@dataclass(frozen=True)
class Blank(Block):
    """Nothing: the place of optional text that is absent, so a notebook can display it."""

    template: ClassVar[str] = "blank.html.j2"


@dataclass(frozen=True)
class Missing(Block):
    """The visible note for prose that is not there; the build warns about each one."""

    template: ClassVar[str] = "missing.html.j2"
    text: str
    file: str  # data/<unit>/<year>/narasi/<period>/<name>.md
    what: str
    section: str | None
    folder: str
    folder_missing: bool

    def describe(self) -> str:
        return f"Missing: {self.file}"

    def place(self, asm: Assembly) -> Block:
        asm.note_missing(self)
        return self


@dataclass(frozen=True)
class Generated(Block):
    """Text lkj writes from its figures (never the analysts'): paragraphs, then ``items`` as
    a numbered list, then ``tail`` paragraphs."""

    template: ClassVar[str] = "generated.html.j2"
    paragraphs: tuple[str, ...]
    items: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis(Block):
    """Generated analysis under its label: paragraphs, a bulleted list, a flag in bold."""

    template: ClassVar[str] = "analysis.html.j2"
    label: ClassVar[str] = "Analisis otomatis (dihasilkan dari angka)"
    paragraphs: tuple[str, ...]
    items: tuple[str, ...] = ()
    flag: str = ""


@dataclass(frozen=True)
class Visi(Block):
    """The unit's vision, quoted in bold."""

    template: ClassVar[str] = "visi.html.j2"
    text: str


@dataclass(frozen=True)
class LetteredList(Block):
    """A list lettered a., b., c. (missions, goals)."""

    template: ClassVar[str] = "lettered_list.html.j2"
    items: tuple[str, ...]


# ---- figures ------------------------------------------------------------------------------

#: The caption number a numbered table shows before the assembly numbers it.
TABLE_PREVIEW = "Tabel"


@dataclass(frozen=True)
class TableFigure(Block):
    """A captioned table (``table``: :meth:`lkj.report.table.Table.render`). A ``numbered``
    one gets ``Tabel <chapter>.<n>`` and its id from the assembly; ``id`` names another."""

    template: ClassVar[str] = "table_figure.html.j2"
    title: str
    table: Markup
    numbered: bool = True
    notes: tuple[str, ...] = ()
    id: str | None = None
    number: str | None = None  # TABLE_PREVIEW until placed

    def describe(self) -> str:
        return f"Table: {self.title}"

    def place(self, asm: Assembly) -> Block:
        number, ident = asm.number_table(self.title) if self.numbered else (None, None)
        ident = ident or self.id
        asm.claim(ident)
        return replace(self, number=number, id=ident)


@dataclass(frozen=True)
class Chart(Block):
    """A chart: its Vega-Lite ``spec`` for the interactive view, ``svg`` for print and for
    readers without scripts, a caption and a note."""

    template: ClassVar[str] = "chart.html.j2"
    id: str
    title: str
    spec: dict[str, Any]
    svg: Markup
    description: str = ""
    number: str | None = None

    def describe(self) -> str:
        return f"Chart: {self.title}"

    @property
    def spec_json(self) -> Markup:
        """The spec as JSON safe inside ``<script type="application/json">``: no ``<``,
        ``>`` or ``&`` (written as JSON escapes), keys sorted."""
        text = json.dumps(self.spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))

    def place(self, asm: Assembly) -> Block:
        asm.claim(self.id)
        return replace(self, number=asm.number_chart(self.id, self.title))
