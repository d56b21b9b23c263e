"""The report as an editable Word document (``lkj build PERIOD --to docx``), with python-docx.

It renders the same assembled blocks as the HTML (:mod:`lkj.report.blocks`, read back from
the merged notebook), in the same order and with the same numbers (``BAB II``, ``A.``,
``Tabel 2.1``, ``Gambar 2.1``): chapters, sections and headings in Word's heading styles (so
Word's own table of contents works; the Daftar Isi is a TOC field, showing the entries until
Word updates it with page numbers), tables as real Word tables whose header rows repeat on
every page (tables of :data:`LANDSCAPE_COLUMNS` columns or more on landscape pages), charts as
PNG images drawn by vl-convert from the same Vega-Lite spec. Each chapter starts a new page;
A4 with page numbers. The same report gives the same bytes
(:func:`lkj.inputs.ooxml.document_bytes`). HTML and PDF remain the primary renditions.

Each kind of block has its Word rendering here, registered with :func:`renders`; a kind
without one stops the build (``tests/test_docx.py`` checks that every kind has one).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from lkj.errors import BuildError
from lkj.inputs.ooxml import document_bytes
from lkj.report.block import MIME, Block, from_record
from lkj.report.blocks import (
    Analysis,
    Blank,
    Chapter,
    Chart,
    Contents,
    Cover,
    FigureList,
    Generated,
    GoalHeading,
    Heading,
    LetteredList,
    Missing,
    Prose,
    ReviewStatement,
    Section,
    Signature,
    TableFigure,
    TableList,
    Visi,
)
from lkj.report.docx_html import (
    LANDSCAPE_WIDTH_CM,
    PLAIN,
    TABLE_WIDTH_CM,
    Frame,
    Node,
    Writer,
    column_count,
    parse,
)

FONT = "Liberation Sans"
CHART_WIDTH_CM = 15.0
PNG_SCALE = 2  # pixels per CSS pixel: sharp in print
LANDSCAPE_COLUMNS = 9  # a table of this many columns or more gets a landscape page
GENERATED = Frame(indent_cm=0.4, rule=True)  # generated text: a rule on the left, as in HTML

B = TypeVar("B", bound=Block)
_RENDERERS: dict[type[Block], Callable[[_Document, Any], None]] = {}


def renders(kind: type[B]) -> Callable[[Callable[[_Document, B], None]], Callable[..., None]]:
    """Register the Word rendering of the block kind ``kind``."""

    def register(function: Callable[[_Document, B], None]) -> Callable[..., None]:
        _RENDERERS[kind] = function
        return function

    return register


def rendered_kinds() -> set[type[Block]]:
    """The block kinds that have a Word rendering."""
    return set(_RENDERERS)


def render(notebook: Any, *, title: str, created: date) -> bytes:
    """The assembled notebook (:func:`lkj.report.assemble.assemble`) as .docx bytes."""
    import docx

    out = _Document(docx.Document())
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME)
            if record is not None:
                out.add(from_record(record))
    when = datetime(created.year, created.month, created.day)
    return document_bytes(out.doc, when, title=title)


class _Document:
    """The Word document being written, and what the renderings share."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.writer = Writer(doc)
        self.started = False  # something precedes: the next chapter starts a new page
        _setup(doc)

    def add(self, block: Block) -> None:
        renderer = _RENDERERS.get(type(block))
        if renderer is None:
            raise BuildError(f"no Word rendering for the block kind {type(block).__name__}")
        renderer(self, block)
        self.started = True

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        return self.doc.add_paragraph(text, style=style)

    def html(self, markup: str, frame: Frame = PLAIN) -> None:
        """Trusted HTML (the analysts' sanitised Markdown, a list) as paragraphs and lists."""
        self.writer.blocks(self.doc, parse(markup), frame)

    def items(self, texts: tuple[str, ...], cls: str, tag: str, frame: Frame) -> None:
        """A list of plain texts: ``tag`` ``ol`` (numbered as ``cls`` says) or ``ul``."""
        node = Node(tag, {"class": cls}, [Node("li", children=[t]) for t in texts])
        self.writer.list(self.doc, node, 0, frame)

    def framed(self, text: str, frame: Frame, *, bold: bool = False) -> Any:
        node = Node("p", children=[Node("strong", children=[text]) if bold else text])
        return self.writer.paragraph(self.doc, node, frame)


def _setup(doc: Any) -> None:
    """A4, 2.5 cm margins, the report's font, page numbers in the footer, and Word asked to
    update the fields (the table of contents) when the file is opened."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for level in range(1, 7):
        doc.styles[f"Heading {level}"].font.name = FONT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field_start(footer, "PAGE")
    footer.add_run("1")
    _field_char(footer, "end")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


# ---- the renderings, one per kind of block --------------------------------------------------


@renders(Cover)
def _cover(out: _Document, b: Cover) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for text, size in ((b.unit.upper(), 16), ("LAPORAN KINERJA", 26), (b.period.upper(), 18)):
        paragraph = out.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(24)
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    for contact in (b.alamat, b.telepon, b.email, b.situs, b.media_sosial):
        if contact:
            out.paragraph(contact).alignment = WD_ALIGN_PARAGRAPH.CENTER


@renders(Signature)
def _signature(out: _Document, b: Signature) -> None:
    from docx.shared import Pt

    frame = Frame(indent_cm=9.0, signature=True)  # at 55% of the line, as in the HTML
    out.framed(f"{b.location}, {b.date}", frame)
    out.framed(f"{b.office},", frame).paragraph_format.space_after = Pt(54)  # room to sign
    out.framed(b.name, frame, bold=True)
    if b.identity:
        out.framed(b.identity, frame, bold=True)


@renders(Chapter)
def _chapter(out: _Document, b: Chapter) -> None:
    paragraph = out.paragraph(b.title, "Heading 1")
    paragraph.paragraph_format.page_break_before = out.started


@renders(Section)
def _section(out: _Document, b: Section) -> None:
    out.paragraph(f"{b.letter}. {b.title}" if b.letter else b.title, "Heading 2")


@renders(Heading)
def _heading(out: _Document, b: Heading) -> None:
    out.paragraph(b.title, f"Heading {b.level}")


@renders(GoalHeading)
def _goal_heading(out: _Document, b: GoalHeading) -> None:
    out.paragraph(f"SASARAN STRATEGIS {b.number} \u201c{b.name.upper()}\u201d", "Heading 3")


@renders(Contents)
def _contents(out: _Document, b: Contents) -> None:
    """A TOC field over heading levels 1-2; until Word updates it (adding page numbers), it
    shows the entries as the HTML lists them."""
    from docx.shared import Cm

    entries = list(b.entries or ())
    first = out.paragraph()
    _field_start(first, 'TOC \\o "1-2" \\h \\z \\u')
    paragraphs = [first, *(out.paragraph() for _ in entries[1:])]
    for paragraph, entry in zip(paragraphs, entries, strict=False):
        paragraph.add_run(entry.text)
        paragraph.paragraph_format.left_indent = Cm(0.8 * (entry.level - 1))
    _field_char(paragraphs[-1], "end")


@renders(TableList)
def _table_list(out: _Document, b: TableList) -> None:
    for entry in b.entries or ():
        out.paragraph(f"{entry.number} {entry.text}")


@renders(FigureList)
def _figure_list(out: _Document, b: FigureList) -> None:
    for entry in b.entries or ():
        out.paragraph(f"{entry.number} {entry.text}")


@renders(Prose)
def _prose(out: _Document, b: Prose) -> None:
    out.html(str(b.markup))


@renders(Blank)
def _blank(out: _Document, b: Blank) -> None:
    pass


@renders(Missing)
def _missing(out: _Document, b: Missing) -> None:
    out.framed(b.text, Frame(italic=True))


@renders(Generated)
def _generated(out: _Document, b: Generated) -> None:
    for text in b.paragraphs:
        out.framed(text, GENERATED)
    if b.items:
        out.items(b.items, "lkj-list-paren", "ol", GENERATED)
    for text in b.tail:
        out.framed(text, GENERATED)


@renders(Analysis)
def _analysis(out: _Document, b: Analysis) -> None:
    out.framed(b.label, GENERATED, bold=True)
    for text in b.paragraphs:
        out.framed(text, GENERATED)
    if b.items:
        out.items(b.items, "", "ul", GENERATED)
    if b.flag:
        out.framed(b.flag, GENERATED, bold=True)


@renders(Visi)
def _visi(out: _Document, b: Visi) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = out.framed(f"\u201c{b.text}\u201d", PLAIN, bold=True)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


@renders(ReviewStatement)
def _review_statement(out: _Document, b: ReviewStatement) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for line in (b.unit.upper(), f"TAHUN ANGGARAN {b.year}"):
        out.framed(line, PLAIN, bold=True).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in b.paragraphs:
        out.framed(text, PLAIN)


@renders(LetteredList)
def _lettered_list(out: _Document, b: LetteredList) -> None:
    out.items(b.items, "lkj-list-alpha", "ol", PLAIN)


@renders(TableFigure)
def _table(out: _Document, b: TableFigure) -> None:
    from docx.shared import Pt

    table = parse(str(b.table)).find("table")
    across = table is not None and column_count(table) >= LANDSCAPE_COLUMNS
    if across:
        _orientation(out.doc, landscape=True)
    caption = out.paragraph(f"{b.number} {b.title}" if b.number else b.title, "Caption")
    caption.paragraph_format.keep_with_next = True
    if table is not None:
        out.writer.table(out.doc, table, LANDSCAPE_WIDTH_CM if across else TABLE_WIDTH_CM)
    for note in b.notes:
        for run in out.paragraph(note).runs:
            run.font.size = Pt(9)
    if across:
        _orientation(out.doc, landscape=False)


@renders(Chart)
def _chart(out: _Document, b: Chart) -> None:
    import vl_convert as vlc
    from docx.shared import Cm

    from lkj.report.charts import FORMAT_LOCALE, VL_VERSION

    png = vlc.vegalite_to_png(
        b.spec, vl_version=VL_VERSION, scale=PNG_SCALE, format_locale=FORMAT_LOCALE
    )
    out.doc.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    out.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    out.paragraph(f"{b.number} {b.title}" if b.number else b.title, "Caption")
    if b.description:
        out.paragraph(b.description)


# ---- Word's machinery ------------------------------------------------------------------------


def _field_char(paragraph: Any, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def _field_start(paragraph: Any, instruction: str) -> None:
    """Begin a field (``PAGE``, ``TOC …``): what follows, in this and later paragraphs, up to
    its ``end`` (:func:`_field_char`), is its result until Word updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _field_char(paragraph, "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    _field_char(paragraph, "separate")


def _orientation(doc: Any, *, landscape: bool) -> None:
    """A new section (from a new page) in landscape or portrait; page numbers continue."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
