"""The report as an editable Word document (``lkj build PERIOD --to docx``), with python-docx.

It renders the same assembled blocks as the HTML, in the same order and with the same numbers
(``BAB II``, ``A.``, ``Tabel 2.1``, ``Gambar 2.1``): chapters, sections and headings in Word's
heading styles (so Word's own table of contents works; the Daftar Isi is a TOC field that Word
fills with page numbers when asked to update it), tables as real Word tables whose header rows
repeat on every page, charts as PNG images drawn by vl-convert from the same Vega-Lite spec.
Each chapter starts a new page; A4 with page numbers. The same report gives the same bytes
(:func:`lkj.inputs.ooxml.document_bytes`). HTML and PDF remain the primary renditions.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from lkj.inputs.ooxml import document_bytes
from lkj.report.block import MIME
from lkj.report.docx_html import (
    LANDSCAPE_WIDTH_CM,
    TABLE_WIDTH_CM,
    Node,
    Writer,
    column_count,
    parse,
)

FONT = "Liberation Sans"
CHART_WIDTH_CM = 15.0
PNG_SCALE = 2  # pixels per CSS pixel: sharp in print
LANDSCAPE_COLUMNS = 9  # a table of this many columns gets a landscape page


def render(notebook: Any, *, title: str, created: date) -> bytes:
    """The assembled notebook (:func:`lkj.report.assemble.assemble`) as .docx bytes."""
    import docx

    doc = docx.Document()
    _setup(doc)
    out = _Renderer(doc)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME)
            if record is not None:
                out.block(record, output["data"].get("text/html", ""))
    out.finish()
    when = datetime(created.year, created.month, created.day)
    return document_bytes(doc, when, title=title)


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
    _field(footer, "PAGE", "1")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A complex field (``PAGE``) with ``shown`` as its result until updated."""
    _field_start(paragraph, instruction)
    paragraph.add_run(shown)
    _field_end(paragraph)


def _field_char(paragraph: Any, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def _field_start(paragraph: Any, instruction: str) -> None:
    """Begin a field: its instruction; what follows in this and later paragraphs, up to
    :func:`_field_end`, is its result."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _field_char(paragraph, "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    _field_char(paragraph, "separate")


def _field_end(paragraph: Any) -> None:
    _field_char(paragraph, "end")


def _remove(paragraph: Any) -> None:
    element = paragraph._element
    element.getparent().remove(element)


class _Renderer:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.writer = Writer(doc)
        self.toc: list[tuple[int, str]] = []  # level, text: for the TOC field's first result
        self.tables: list[str] = []  # "Tabel 2.1 Title"
        self.toc_at: Any = None
        self.lot_at: Any = None
        self.started = False

    def block(self, record: dict[str, Any], html: str) -> None:
        kind = record["kind"]
        tree = parse(html)
        if kind == "cover":
            self.cover(tree)
        elif kind in ("chapter", "section", "heading"):
            self.heading(kind, tree)
        elif kind == "table":
            self.table(tree)
        elif kind == "chart":
            self.chart(record, tree)
        elif kind == "toc":
            self.toc_at = self.doc.add_paragraph()
        elif kind == "lot":
            self.lot_at = self.doc.add_paragraph()
        else:  # html, missing: prose, lists, signature, notes
            self.prose(tree)

    def finish(self) -> None:
        """Fill the Daftar Isi and the Daftar Tabel, now that every entry is known: the
        Daftar Isi as a TOC field over the chapters and sections (Word adds the page numbers
        when it updates it), showing the entries until then; the Daftar Tabel as a list."""
        from docx.shared import Cm

        if self.toc_at is not None:
            entries = self.toc or [(1, "")]
            first = self.toc_at.insert_paragraph_before()
            _field_start(first, 'TOC \\o "1-2" \\h \\z \\u')
            paragraphs = [first]
            paragraphs += [self.toc_at.insert_paragraph_before() for _ in entries[1:]]
            for paragraph, (level, text) in zip(paragraphs, entries, strict=True):
                paragraph.add_run(text)
                paragraph.paragraph_format.left_indent = Cm(0.8 * (level - 1))
            _field_end(self.toc_at)
        if self.lot_at is not None:
            for text in self.tables:
                self.lot_at.insert_paragraph_before(text)
            _remove(self.lot_at)

    def cover(self, tree: Node) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        sizes = {"lkj-cover-unit": 16, "lkj-cover-title": 26, "lkj-cover-period": 18}
        for node in _walk(tree):
            if node.tag == "p":
                paragraph = self.doc.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = paragraph.add_run(node.text())
                run.bold = True
                size = next((s for c, s in sizes.items() if c in node.classes), 12)
                run.font.size = Pt(size)
                paragraph.paragraph_format.space_before = Pt(24)
            elif node.tag == "li":
                paragraph = self.doc.add_paragraph(node.text())
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def heading(self, kind: str, tree: Node) -> None:
        node = next(n for n in _walk(tree) if n.tag in ("h1", "h2", "h3", "h4", "h5", "h6"))
        level = int(node.tag[1])
        text = node.text()
        paragraph = self.doc.add_paragraph(text, style=f"Heading {level}")
        if kind == "chapter":
            if self.started:
                paragraph.paragraph_format.page_break_before = True
            self.started = True
        if level <= 2:
            self.toc.append((level, text))

    def table(self, tree: Node) -> None:
        from docx.shared import Pt

        figure = tree.find("figure") or tree
        table = figure.find("table")
        across = table is not None and column_count(table) >= LANDSCAPE_COLUMNS
        if across:
            _orientation(self.doc, landscape=True)
        caption = figure.find("figcaption")
        if caption is not None:
            paragraph = self.doc.add_paragraph(caption.text(), style="Caption")
            paragraph.paragraph_format.keep_with_next = True
            if "lkj-table-unnumbered" not in figure.classes:
                self.tables.append(caption.text())
        if table is not None:
            width = LANDSCAPE_WIDTH_CM if across else TABLE_WIDTH_CM
            self.writer.table(self.doc, table, width)
        for note in figure.elements("p"):
            paragraph = self.writer.paragraph(self.doc, note)
            for run in paragraph.runs:
                run.font.size = Pt(9)
        if across:
            _orientation(self.doc, landscape=False)

    def chart(self, record: dict[str, Any], tree: Node) -> None:
        import vl_convert as vlc
        from docx.shared import Cm

        from lkj.report.charts import FORMAT_LOCALE, VL_VERSION

        png = vlc.vegalite_to_png(
            record["spec"], vl_version=VL_VERSION, scale=PNG_SCALE, format_locale=FORMAT_LOCALE
        )
        self.doc.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        caption = tree.find("figcaption")
        if caption is not None:
            self.doc.add_paragraph(caption.text(), style="Caption")
        figure = tree.find("figure")
        for note in figure.elements("p") if figure is not None else ():
            self.writer.paragraph(self.doc, note)

    def prose(self, tree: Node) -> None:
        self.writer.blocks(self.doc, tree)


def _orientation(doc: Any, *, landscape: bool) -> None:
    """A new section (from a new page) in landscape or portrait; page numbers continue."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def _walk(node: Node) -> Any:
    for child in node.elements():
        yield child
        yield from _walk(child)
