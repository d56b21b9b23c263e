"""lkj's own HTML fragments (prose, lists, tables) written into a Word document.

The report's blocks carry their content as HTML that lkj generated itself or sanitised from the
analysts' Markdown, so only a small, well-formed subset occurs: ``p``, ``h1`` to ``h6``, ``ul``,
``ol``, ``li``, ``div``, ``section``, ``span``, ``strong``/``b``, ``em``/``i``, ``a``, ``br``,
``code``, ``blockquote``, and tables (``thead``/``tbody``/``tfoot``, ``th``/``td`` with
``rowspan``/``colspan``). They are parsed into a small tree (:func:`parse`) and written with
python-docx: paragraphs with bold and italic runs, lists, and real Word tables whose header rows
repeat on every page (:class:`Writer`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "col", "wbr"})
BLOCKS = frozenset(
    {"p", "div", "section", "ul", "ol", "li", "table", "figure", "figcaption", "nav",
     "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "thead", "tbody", "tfoot", "tr", "pre"}
)  # fmt: skip
_SPACE = re.compile(r"\s+")
HEADER_FILL = "DDE5F0"
TOTAL_FILL = "F2F2F2"
TABLE_WIDTH_CM = 16.0  # A4 less 2.5 cm margins
LANDSCAPE_WIDTH_CM = 24.7  # A4 across
RULE_COLOR = "9BB3CF"
TABLE_POINTS = 9.0
WIDE_COLUMNS = 8  # tables of this many columns or more: smaller type (as print.css does)
WIDE_POINTS = 7.5
TEXT_MIN_CM = 3.0  # what a text column (a name) keeps at least before figures may wrap


@dataclass
class Node:
    """An element: its tag, attributes and children (nodes and texts)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def elements(self, *tags: str) -> Iterator[Node]:
        """Child elements, only those with one of ``tags`` when given."""
        for child in self.children:
            if isinstance(child, Node) and (not tags or child.tag in tags):
                yield child

    def find(self, tag: str) -> Node | None:
        """The first descendant ``tag``."""
        for child in self.elements():
            if child.tag == tag:
                return child
            found = child.find(tag)
            if found is not None:
                return found
        return None

    def text(self) -> str:
        """All text inside, whitespace collapsed."""
        return _SPACE.sub(" ", "".join(_texts(self))).strip()


def _texts(node: Node) -> Iterator[str]:
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif child.tag == "br":
            yield " "
        else:
            yield from _texts(child)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    """The fragment as a tree under a ``root`` node."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.root


# ---- writing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """How the paragraphs of a block are set: indented (a quotation, the signature), marked
    with a rule on the left (generated text, as the HTML marks it), in italics (the note that
    prose is missing)."""

    indent_cm: float = 0.0
    rule: bool = False
    italic: bool = False
    signature: bool = False  # the signature's lines: no space between them

    def inside(self, node: Node) -> Frame:
        """The frame of ``node``'s content: a quotation is indented further."""
        if node.tag == "blockquote":
            return Frame(self.indent_cm + 1, self.rule, self.italic, self.signature)
        return self


PLAIN = Frame()


@dataclass(frozen=True)
class Style:
    """How the text of a run looks."""

    bold: bool = False
    italic: bool = False
    mono: bool = False

    def but(self, **changes: bool) -> Style:
        return Style(**{**self.__dict__, **changes})


def _inline_style(node: Node, style: Style) -> Style:
    if node.tag in ("strong", "b"):
        return style.but(bold=True)
    if node.tag in ("em", "i"):
        return style.but(italic=True)
    if node.tag == "code":
        return style.but(mono=True)
    return style


def _marker(kind: str, number: int) -> str:
    """The number of an ordered list's item as the report shows it: 1. a. 1)."""
    if kind == "alpha":
        return f"{chr(ord('a') + (number - 1) % 26)}."
    if kind == "paren":
        return f"{number})"
    return f"{number}."


class Writer:
    """Writes parsed fragments into a python-docx document (or a table cell)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    # -- paragraphs and runs

    def runs(self, paragraph: Any, node: Node, style: Style = Style()) -> None:
        """The inline content of ``node`` as runs of ``paragraph`` (whitespace collapsed)."""
        for child in node.children:
            if isinstance(child, str):
                text = _SPACE.sub(" ", child)
                if not paragraph.runs or paragraph.text.endswith((" ", "\n")):
                    text = text.lstrip()
                if text:
                    self._run(paragraph, text, style)
            elif child.tag == "br":
                paragraph.add_run().add_break()
            elif child.tag not in BLOCKS:
                self.runs(paragraph, child, _inline_style(child, style))

    def _run(self, paragraph: Any, text: str, style: Style) -> None:
        run = paragraph.add_run(text)
        if style.bold:
            run.bold = True
        if style.italic:
            run.italic = True
        if style.mono:
            run.font.name = "Liberation Mono"

    def paragraph(
        self, container: Any, node: Node, frame: Frame = PLAIN, style_name: str | None = None
    ) -> Any:
        paragraph = container.add_paragraph(style=style_name)
        self.runs(paragraph, node, Style(italic=frame.italic))
        _strip_end(paragraph)
        _frame(paragraph, frame)
        return paragraph

    # -- blocks

    def blocks(self, container: Any, node: Node, frame: Frame = PLAIN) -> None:
        """Each block of ``node`` in turn; loose inline content becomes a paragraph."""
        loose = Node("p")
        for child in node.children:
            if isinstance(child, Node) and child.tag in BLOCKS:
                self._flush(container, loose, frame)
                loose = Node("p")
                self.block(container, child, frame)
            elif isinstance(child, Node) or child.strip():
                loose.children.append(child)
        self._flush(container, loose, frame)

    def _flush(self, container: Any, loose: Node, frame: Frame) -> None:
        if loose.text():
            self.paragraph(container, loose, frame)

    def block(self, container: Any, node: Node, frame: Frame = PLAIN) -> None:
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            container.add_paragraph(node.text(), style=f"Heading {tag[1]}")
        elif tag == "p":
            self.paragraph(container, node, frame)
        elif tag in ("ul", "ol"):
            self.list(container, node, 0, frame)
        elif tag == "table":
            self.table(container, node)
        elif tag == "pre":
            paragraph = container.add_paragraph()
            self._run(paragraph, node.text(), Style(mono=True))
            _frame(paragraph, frame)
        else:  # div, section, figure, nav, blockquote, li: their content
            self.blocks(container, node, frame.inside(node))

    def list(self, container: Any, node: Node, depth: int, frame: Frame = PLAIN) -> None:
        """A list: bullets in Word's bullet styles; numbers written as the report shows them
        (1. a. 1)), so every list starts from 1 as it does there."""
        from docx.shared import Cm

        kind = "alpha" if "lkj-list-alpha" in node.classes else ""
        kind = "paren" if "lkj-list-paren" in node.classes else kind
        for number, item in enumerate(node.elements("li"), start=1):
            inline = Node("li", children=[c for c in item.children if not _is_block(c)])
            if node.tag == "ul":
                style = "List Bullet" if depth == 0 else f"List Bullet {min(depth + 1, 3)}"
                paragraph = container.add_paragraph(style=style)
            else:
                paragraph = container.add_paragraph()
                fmt = paragraph.paragraph_format
                fmt.left_indent = Cm(0.9 * (depth + 1))
                fmt.first_line_indent = Cm(-0.7)
                self._run(paragraph, _marker(kind, number) + "\t", Style())
                fmt.tab_stops.add_tab_stop(Cm(0.9 * (depth + 1)))
            self.runs(paragraph, inline, Style(italic=frame.italic))
            _strip_end(paragraph)
            if frame.rule or frame.indent_cm:
                _frame(paragraph, Frame(0, frame.rule, frame.italic))
            for child in item.elements():
                if child.tag in ("ul", "ol"):
                    self.list(container, child, depth + 1, frame)
                elif _is_block(child):
                    self.block(container, child, frame)

    # -- tables

    def table(self, container: Any, node: Node, width_cm: float = TABLE_WIDTH_CM) -> Any:
        """A Word table ``width_cm`` wide: header rows repeat on every page, spans merged,
        figures right-aligned, the header shaded."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        rows = _rows(node)
        grid = _layout([tr for _, tr in rows])
        width = max((len(r) for r in grid), default=0)
        table = container.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _column_widths(table, grid, width, width_cm)
        for r, (part, _) in enumerate(rows):
            if part == "thead":
                _repeat_header(table.rows[r])
            for c, placed in enumerate(grid[r]):
                if placed is None or placed.row != r or placed.col != c:
                    continue
                cell = table.cell(r, c)
                if placed.rowspan > 1 or placed.colspan > 1:
                    cell = cell.merge(table.cell(r + placed.rowspan - 1, c + placed.colspan - 1))
                paragraph = cell.paragraphs[0]
                self.runs(paragraph, placed.node, Style(bold=placed.node.tag == "th"))
                _strip_end(paragraph)
                for run in paragraph.runs:
                    run.font.size = Pt(WIDE_POINTS if width >= WIDE_COLUMNS else TABLE_POINTS)
                if "lkj-num" in placed.node.classes:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif placed.node.tag == "th":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if part == "thead":
                    _shade(cell, HEADER_FILL)
                elif part == "tfoot":
                    _shade(cell, TOTAL_FILL)
        return table


def _frame(paragraph: Any, frame: Frame) -> None:
    from docx.shared import Cm, Pt

    fmt = paragraph.paragraph_format
    if frame.indent_cm:
        fmt.left_indent = Cm(frame.indent_cm)
    if frame.signature:
        fmt.space_after = Pt(0)
    if frame.rule:
        _left_rule(paragraph)


def _left_rule(paragraph: Any) -> None:
    """A rule on the paragraph's left, as the HTML marks generated analysis."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "8"), ("color", RULE_COLOR)):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    p_pr.append(borders)


def _rows(table: Node) -> list[tuple[str, Node]]:
    """The table's rows with the part each belongs to (thead, tbody, tfoot)."""
    rows: list[tuple[str, Node]] = []
    for group in table.elements("thead", "tbody", "tfoot", "tr"):
        if group.tag == "tr":
            rows.append(("tbody", group))
        else:
            rows += [(group.tag, tr) for tr in group.elements("tr")]
    return rows


def column_count(table: Node) -> int:
    """How many columns the table has, spans counted."""
    return max((len(line) for line in _layout([tr for _, tr in _rows(table)])), default=0)


def _is_block(child: Node | str) -> bool:
    return isinstance(child, Node) and child.tag in BLOCKS


def _strip_end(paragraph: Any) -> None:
    """No trailing space at the end of a paragraph (from the HTML's line breaks)."""
    if paragraph.runs and paragraph.runs[-1].text.endswith(" "):
        paragraph.runs[-1].text = paragraph.runs[-1].text.rstrip(" ")


@dataclass(frozen=True)
class _Placed:
    node: Node
    row: int
    col: int
    rowspan: int
    colspan: int


def _layout(rows: list[Node]) -> list[list[_Placed | None]]:
    """Each cell at its place in the grid, as a browser lays out rowspans and colspans."""
    grid: list[list[_Placed | None]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.elements("th", "td"):
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            rowspan = max(1, int(cell.attrs.get("rowspan") or 1))
            colspan = max(1, int(cell.attrs.get("colspan") or 1))
            placed = _Placed(cell, r, c, min(rowspan, len(rows) - r), colspan)
            for rr in range(r, r + placed.rowspan):
                line = grid[rr]
                while len(line) < c + colspan:
                    line.append(None)
                for cc in range(c, c + colspan):
                    line[cc] = placed
            c += colspan
    width = max((len(r) for r in grid), default=0)
    for line in grid:
        line.extend([None] * (width - len(line)))
    return grid


def _column_widths(
    table: Any, grid: list[list[_Placed | None]], width: int, width_cm: float
) -> None:
    """Widths from what each column's single-column cells hold: a figure its full length when
    the figures fit so (else its longest word: the unit goes under the figure, as in the
    HTML), a text column at least its longest word and up to 30 characters' worth, sharing
    what the figures leave of ``width_cm``."""
    from docx.shared import Cm

    if not width:
        return
    size = WIDE_POINTS if width >= WIDE_COLUMNS else TABLE_POINTS
    whole = [0.0] * width  # cm a column needs for its figures unbroken
    word = [0.0] * width  # cm for the longest word of any of its cells
    text = [0.0] * width  # characters of its longest text, up to 30
    for line in grid:
        for c, placed in enumerate(line):
            if placed is None or placed.colspan != 1 or placed.col != c:
                continue
            content = placed.node.text()
            longest = max((len(w) for w in content.split()), default=0)
            word[c] = max(word[c], _cm(longest, size))
            if "lkj-num" in placed.node.classes:
                whole[c] = max(whole[c], _cm(len(content), size))
            elif placed.node.tag == "td":
                text[c] = max(text[c], min(float(len(content)), 30.0))
    minimum = _cm(3, size)
    base = [max(whole[c], word[c], minimum) for c in range(width)]
    texts = sum(1 for t in text if t)
    if sum(base) + texts * TEXT_MIN_CM > width_cm:  # figures may wrap at their spaces
        base = [max(word[c], minimum) for c in range(width)]
    spare = max(width_cm - sum(base), 0.0)
    weights = sum(text) or 1.0
    widths = [base[c] + spare * text[c] / weights for c in range(width)]
    scale = min(1.0, width_cm / sum(widths))
    table.autofit = False
    for c, column in enumerate(table.columns):
        column.width = Cm(widths[c] * scale)
        for cell in column.cells:
            cell.width = Cm(widths[c] * scale)


def _cm(characters: int, points: float) -> float:
    """The width of ``characters`` of (bold) text at ``points`` plus the cell's margins, in
    cm."""
    return characters * points * 0.022 + 0.45


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)
