"""A prototype, for measurement only: the report's PDF through Typst instead of WeasyPrint.

    .venv/bin/python benchmarks/typst_pdf.py build/<unit>/<period>/<name>.ipynb [MORE.ipynb]
        [--rounds 3] [--out report.pdf] [--typ report.typ] [--png DIR] [--standard ua-1]
        [--no-tags]

It reads an assembled report (the merged notebook `lkj build` writes under build/), takes
each block back from its record (:mod:`lkj.report.blocks`), writes the report as Typst markup
(the look of ``lkj/templates/print.css``: A4, the shipped LKJ Sans fonts only, the running
header, i, ii, ... then 1, 2, ... from Bab I, the Daftar Isi, Tabel and Gambar with page
numbers, tables with their header rows repeated, the charts' SVGs as vector images, headings
as PDF bookmarks) and compiles it with the ``typst`` package (``pip install typst``; not a
dependency of lkj), with one compiler for the process (fonts loaded once). For each report,
``--rounds`` times through the list: the CPU time of conversion and compilation, the page
count, the size and the SHA-256 of the bytes (the first round is a report new to the
process; later rounds may reuse Typst's cache). :func:`render` is what the scratch branch
that measured `lkj build` with it called.

It is not lkj's PDF: no test covers it, and Typst's layout differs from WeasyPrint's (spacing,
page breaks). benchmarks/README.md compares the two.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lkj.report.block import MIME, Block, from_record  # noqa: E402
from lkj.report.blocks import (  # noqa: E402
    Analysis,
    Blank,
    Chapter,
    Chart,
    Contents,
    Cover,
    Entry,
    FigureList,
    Generated,
    GoalHeading,
    Heading,
    LetteredList,
    Missing,
    Prose,
    Section,
    Signature,
    TableFigure,
    TableList,
    Visi,
)
from lkj.report.docx_html import Node, parse  # noqa: E402
from lkj.report.pdf import FONTS_DIR  # noqa: E402
from lkj.report.table import WIDE_TABLE_COLUMNS  # noqa: E402

_SPACE = re.compile(r"\s+")
_LABEL = re.compile(r"^[A-Za-z0-9_.:-]+$")

# The page and the styles of print.css, in Typst. `lkj-front` / `lkj-main` switch the page
# numbering (the cover has none); the header shows unit and period from sys.inputs.
PREAMBLE = r"""
#let unit = sys.inputs.at("unit", default: "")
#let period = sys.inputs.at("period", default: "")
#set document(title: sys.inputs.at("title", default: ""))
#set page(
  paper: "a4",
  margin: (top: 25mm, right: 20mm, bottom: 22mm, left: 25mm),
  header-ascent: 3mm,
  header: context {
    if counter(page).get().first() > 0 and here().page() > 1 {
      set text(8pt, fill: rgb("#555555"))
      grid(columns: (1fr, auto), unit, period)
      v(-1mm)
      line(length: 100%, stroke: 0.5pt + rgb("#7f7f7f"))
    }
  },
  footer-descent: 4mm,
  footer: context {
    if here().page() > 1 {
      set align(center)
      set text(9pt)
      counter(page).display()
    }
  },
)
#set text(font: "LKJ Sans", size: 10.5pt, lang: "id", hyphenate: false,
  top-edge: "ascender", bottom-edge: "descender")
#set par(justify: true, leading: 0.283em, spacing: 0.6em + 0.283em)
#set list(indent: 0.4em, body-indent: 0.6em)
#set enum(indent: 0.4em, body-indent: 0.6em)
#set heading(numbering: none)
#show heading: set par(justify: false)
#show heading: set block(sticky: true)
#show heading.where(level: 1): it => {
  set align(center)
  set text(14pt)
  block(below: 8mm, upper(it.body))
}
#show heading.where(level: 2): it => block(above: 1.2em, below: 0.5em, text(12pt, upper(it.body)))
#show heading.where(level: 3): it => block(above: 1em, below: 0.4em, text(11pt, it.body))
#show heading.where(level: 4): it => block(above: 0.9em, below: 0.4em, text(10.5pt, it.body))
#show heading.where(level: 5): it => block(above: 0.8em, below: 0.3em, text(10.5pt, it.body))
#show heading.where(level: 6): it => block(above: 0.8em, below: 0.3em,
  text(10.5pt, style: "italic", it.body))
#let lkj-table(wide: false, ..args) = {
  set text(if wide { 7.5pt } else { 8.5pt })
  set par(justify: false, leading: 0.133em)
  table(
    stroke: 0.5pt + rgb("#404040"),
    // print.css's padding, plus the half-leading of CSS's line-height 1.25 (0.0665em)
    inset: if wide { (x: 2pt, y: 1.2pt + 0.5pt) } else { (x: 3pt, y: 1.5pt + 0.57pt) },
    align: left + top,
    ..args,
  )
}
#let th(..args, body) = table.cell(fill: rgb("#dbe5f1"), align: center + horizon, ..args,
  strong(body))
#let generated(body) = block(width: 100%, fill: rgb("#f2f6fb"), inset: (x: 3mm, y: 2mm + 1.5pt),
  stroke: (left: 2pt + rgb("#1f4e79")), below: 0.8em, body)
#let missing(body) = block(width: 100%, fill: rgb("#fff7ed"), inset: (x: 3mm, y: 2mm + 1.5pt),
  stroke: 0.75pt + rgb("#b45309"), below: 0.8em, breakable: false,
  text(fill: rgb("#7c2d12"), style: "italic", body))
#let page-of(target, roman) = context {
  let at = locate(target)
  numbering(if roman { "i" } else { "1" }, ..counter(page).at(at))
}
#let toc-entry(target, roman, body) = link(target, block(width: 100%,
  [#body #box(width: 1fr, repeat[.]) #page-of(target, roman)]))
"""


def string(value: str) -> str:
    """A Typst string literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def text(value: str) -> str:
    """Plain text as a Typst string in markup: nothing in it is markup."""
    return f"#{string(value)}"


def label(ident: str | None) -> str:
    return f" <{ident}>" if ident and _LABEL.match(ident) else ""


def inline(node: Node) -> str:
    """The inline content of an element (text, strong, em, a, br, code)."""
    out: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            collapsed = _SPACE.sub(" ", child)
            if collapsed:
                out.append(text(collapsed))
        elif child.tag in ("strong", "b"):
            out.append(f"#strong[{inline(child)}]")
        elif child.tag in ("em", "i"):
            out.append(f"#emph[{inline(child)}]")
        elif child.tag == "br":
            out.append("#linebreak()")
        elif child.tag in ("p", "div"):  # a paragraph inside a table cell
            out.append(inline(child))
        else:
            out.append(inline(child))
    return "".join(out).strip()


def flow(node: Node) -> Iterator[str]:
    """Block content: paragraphs, lists, quotations."""
    for child in node.children:
        if isinstance(child, str):
            if child.strip():
                yield f"#par[{text(_SPACE.sub(' ', child).strip())}]"
            continue
        if child.tag == "p":
            yield f"#par[{inline(child)}]"
        elif child.tag in ("ul", "ol"):
            yield list_markup(child)
        elif child.tag == "blockquote":
            yield f"#pad(left: 1.5em)[{''.join(flow(child))}]"
        elif child.tag in ("h3", "h4", "h5", "h6"):
            yield f"#heading(level: {child.tag[1]}, outlined: false)[{inline(child)}]"
        else:
            yield f"#par[{inline(child)}]"


def list_markup(node: Node, style: str = "") -> str:
    items = []
    for li in node.elements("li"):
        nested = [c for c in li.elements("ul", "ol")]
        body = inline(Node("span", children=[c for c in li.children if c not in nested]))
        items.append(f"[{body}{''.join(list_markup(n) for n in nested)}]")
    if node.tag == "ul":
        return f"#list({', '.join(items)})"
    pattern = style or ("a." if node.attrs.get("type") == "a" else "1.")
    return f'#enum(numbering: "{pattern}", {", ".join(items)})'


TEXT_WIDTH_PT = (210 - 25 - 20) / 25.4 * 72  # A4 less print.css's side margins
_BREAK = re.compile(r"(?<=[\s/-])")


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, int], float]:
    """Each character's advance in the shipped font (regular or bold), and units per em."""
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS_DIR / f"LKJSans-{'Bold' if bold else 'Regular'}.ttf", lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
    return widths, float(font["head"].unitsPerEm)


def text_width(value: str, size: float, bold: bool) -> float:
    widths, em = _advances(bold)
    return sum(widths.get(ord(c), em / 2) for c in value) * size / em


def column_widths(rows: list[list[tuple[Node, int]]], columns: int, size: float,
                  padding: float) -> list[float]:  # fmt: skip
    """CSS 2.1's automatic table layout, as WeasyPrint does it for a table of width 100%:
    each column's min-content (longest word) and max-content (longest line) from the glyph
    advances of the shipped fonts; the width is shared between them."""
    low = [0.0] * columns
    high = [0.0] * columns
    for row in rows:
        for cell, col in row:
            if int(cell.attrs.get("colspan", "1")) > 1:
                continue
            bold = cell.tag == "th"
            pieces = [cell.text()]
            if cell.tag == "td" and cell.find("strong") is not None:
                bold = True
            full = text_width(pieces[0], size, bold)
            if "lkj-date" in cell.classes:
                word = full
            else:
                word = max((text_width(w.strip(), size, bold) for w in _BREAK.split(pieces[0])),
                           default=0.0)  # fmt: skip
            low[col] = max(low[col], word + padding)
            high[col] = max(high[col], full + padding)
    total = TEXT_WIDTH_PT
    if sum(high) <= total:
        return [h + (total - sum(high)) * h / sum(high) for h in high]
    if sum(low) >= total:
        return low
    ratio = (total - sum(low)) / (sum(high) - sum(low))
    return [lo + (hi - lo) * ratio for lo, hi in zip(low, high, strict=True)]


def _grid(rows: list[Node]) -> list[list[tuple[Node, int]]]:
    """Each row's cells with the column each starts in (rowspans taken into account)."""
    taken: dict[tuple[int, int], bool] = {}
    out = []
    for r, row in enumerate(rows):
        col = 0
        placed = []
        for cell in row.elements("th", "td"):
            while taken.get((r, col)):
                col += 1
            placed.append((cell, col))
            rs, cs = int(cell.attrs.get("rowspan", "1")), int(cell.attrs.get("colspan", "1"))
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, col + dc)] = True
            col += cs
        out.append(placed)
    return out


def table_markup(html: str) -> str:
    table = parse(html).find("table")
    if table is None:
        return ""
    header_rows: list[Node] = []
    body_rows: list[Node] = []
    for group in table.elements("thead", "tbody", "tfoot", "tr"):
        rows = [group] if group.tag == "tr" else list(group.elements("tr"))
        (header_rows if group.tag == "thead" else body_rows).extend(rows)
    columns = max(
        (
            sum(int(c.attrs.get("colspan", "1")) for c in r.elements("th", "td"))
            for r in header_rows + body_rows
        ),
        default=1,
    )

    def cells(row: Node) -> list[str]:
        out = []
        for cell in row.elements("th", "td"):
            args = []
            for span in ("rowspan", "colspan"):
                if int(cell.attrs.get(span, "1")) > 1:
                    args.append(f"{span}: {cell.attrs[span]}")
            classes = cell.classes
            if cell.tag == "th":
                out.append(f"th({', '.join([*args, f'[{inline(cell)}]'])})")
                continue
            if "lkj-num" in classes:
                args.append("align: right + top")
            elif "lkj-center" in classes:
                args.append("align: center + top")
            body = inline(cell)
            if "lkj-date" in classes:
                body = f"#box[{body}]"
            if "lkj-no-data" in classes:
                body = f'#text(fill: rgb("#555555"), style: "italic")[{body}]'
                args.append("align: center + top")
            out.append(f"table.cell({', '.join([*args, f'[{body}]'])})")
        return out

    wide = "lkj-wide" in table.classes or columns >= WIDE_TABLE_COLUMNS
    size, padding = (7.5, 4.5) if wide else (8.5, 6.5)
    widths = column_widths(_grid(header_rows + body_rows), columns, size, padding)
    parts = [f"columns: ({', '.join(f'{w:.2f}pt' for w in widths)},)"]
    if header_rows:
        header = ", ".join(c for r in header_rows for c in cells(r))
        parts.append(f"table.header({header})")
    parts.extend(c for r in body_rows for c in cells(r))
    return f"#lkj-table(wide: {'true' if wide else 'false'}, {', '.join(parts)})"


def entry_markup(entry: Entry, table: bool, number_width: str = "20mm") -> str:
    target = f'label("{entry.id}")'
    roman = "true" if entry.roman else "false"
    if table:
        body = f"#box(width: {number_width})[#strong[{text(entry.number)}]]{text(entry.text)}"
        return f"#block(above: 1.5mm, below: 0mm)[#toc-entry({target}, {roman}, [{body}])]"
    if entry.level == 1:
        body = f"#upper[{text(entry.text)}]"
        return f"#block(above: 2.5mm, below: 0mm)[#strong[#toc-entry({target}, {roman}, [{body}])]]"
    body = f"#h(6mm){text(entry.text)}"
    return f"#block(above: 1mm, below: 0mm)[#toc-entry({target}, {roman}, [{body}])]"


class Writer:
    def __init__(self) -> None:
        self.out: list[str] = [PREAMBLE]
        self.charts: dict[str, bytes] = {}
        self.started = False
        self.front = False
        self.main = False

    def add(self, block: Block) -> None:
        method = getattr(self, f"_{type(block).__name__}", None)
        if method is None:
            raise SystemExit(f"no Typst rendering for {type(block).__name__}")
        method(block)

    def _Cover(self, b: Cover) -> None:
        contacts = [c for c in (b.alamat, b.telepon, b.email, b.situs, b.media_sosial) if c]
        self.out.append(
            "#page(margin: (top: 30mm, bottom: 25mm, x: 25mm))[#set align(center)\n"
            "#set par(justify: false)\n"
            f"#text(15pt, weight: 700)[{text(b.unit.upper())}]\n"
            f'#v(60mm)#text(30pt, weight: 700, fill: rgb("#1f3864"), tracking: 0.04em)'
            f"[LAPORAN KINERJA]\n#v(4mm)#text(20pt, weight: 700)[{text(b.period.upper())}]\n"
            "#place(bottom + center, block(width: 100%, stroke: (top: 0.75pt), inset: "
            f"(top: 4mm), text(10pt)[{' #h(10mm) '.join(text(c) for c in contacts)}]))]"
        )
        self.started = True

    def _Chapter(self, b: Chapter) -> None:
        if b.numbering == "roman" and not self.front:
            self.out.append('#set page(numbering: "i")\n#counter(page).update(1)')
            self.front = True
        elif b.numbering == "arabic" and not self.main:
            self.out.append('#pagebreak(weak: true)\n#set page(numbering: "1")\n'
                            "#counter(page).update(1)")  # fmt: skip
            self.main = True
        else:
            self.out.append("#pagebreak(weak: true)")
        title = f"{b.label} #linebreak(){text(b.name)}" if b.label else text(b.name)
        self.out.append(f"#heading(level: 1)[{title}]{label(b.id)}")

    def _Section(self, b: Section) -> None:
        title = f"{b.letter}. {b.title}" if b.letter else b.title
        self.out.append(f"#heading(level: 2)[{text(title)}]{label(b.id)}")

    def _Heading(self, b: Heading) -> None:
        outlined = "true" if b.level <= 4 else "false"
        self.out.append(
            f"#heading(level: {b.level}, outlined: {outlined}, bookmarked: {outlined})"
            f"[{text(b.title)}]{label(b.id)}"
        )

    def _GoalHeading(self, b: GoalHeading) -> None:
        name = text(chr(0x201C) + b.name.upper() + chr(0x201D))
        body = f"SASARAN STRATEGIS {b.number}#linebreak(){name}"
        self.out.append(f"#align(center)[#heading(level: 3)[{body}]{label(b.id)}]")

    def _Contents(self, b: Contents) -> None:
        self.out.append("#align(right)[#strong[HAL]]")
        self.out.extend(entry_markup(e, table=False) for e in b.entries or ())

    def _TableList(self, b: TableList) -> None:
        self.out.append("#align(right)[#strong[HAL]]")
        self.out.extend(entry_markup(e, table=True) for e in b.entries or ())

    def _FigureList(self, b: FigureList) -> None:
        self.out.append("#align(right)[#strong[HAL]]")
        self.out.extend(entry_markup(e, table=True, number_width="25mm") for e in b.entries or ())

    def _Prose(self, b: Prose) -> None:
        self.out.extend(flow(parse(str(b.markup))))

    def _Blank(self, b: Blank) -> None:
        pass

    def _Missing(self, b: Missing) -> None:
        self.out.append(f"#missing[{text(b.text)}]")

    def _items(self, items: tuple[str, ...], kind: str) -> str:
        body = ", ".join(f"[{text(i)}]" for i in items)
        if kind == "ul":
            return f"#list({body})"
        return f'#enum(numbering: "{kind}", {body})'

    def _Generated(self, b: Generated) -> None:
        parts = [f"#par[{text(p)}]" for p in b.paragraphs]
        if b.items:
            parts.append(self._items(b.items, "1)"))
        parts += [f"#par[{text(p)}]" for p in b.tail]
        self.out.append(f"#generated[{''.join(parts)}]")

    def _Analysis(self, b: Analysis) -> None:
        parts = [f"#block(sticky: true)[#par[#strong[{text(b.label)}]]]"]
        parts += [f"#par[{text(p)}]" for p in b.paragraphs]
        if b.items:
            parts.append(self._items(b.items, "ul"))
        if b.flag:
            parts.append(f"#par[#strong[{text(b.flag)}]]")
        self.out.append(f"#generated[{''.join(parts)}]")

    def _Visi(self, b: Visi) -> None:
        self.out.append(f"#align(center)[#strong[{text(chr(0x201C) + b.text + chr(0x201D))}]]")

    def _LetteredList(self, b: LetteredList) -> None:
        self.out.append(self._items(b.items, "a."))

    def _TableFigure(self, b: TableFigure) -> None:
        number = f"{text(b.number)}#linebreak()" if b.number else ""
        caption = (
            f"#block(sticky: true, below: 2mm, width: 100%)[#set align(center)\n"
            f"#strong[{number}{text(b.title)}]]{label(b.id)}"
        )
        notes = "".join(
            f'#block(above: 1.5mm)[#text(8pt, style: "italic", fill: rgb("#333333"))[{text(n)}]]'
            for n in b.notes
        )
        self.out.append(f"#block(below: 1em)[{caption}\n{table_markup(str(b.table))}{notes}]")

    def _Chart(self, b: Chart) -> None:
        name = f"chart-{len(self.charts) + 1}.svg"
        svg = str(b.svg)
        style = '<style>text { font-family: "LKJ Sans"; }</style>'
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m[1] + style, svg, count=1)
        self.charts[name] = svg.encode("utf-8")
        number = f"{text(b.number)} " if b.number else ""
        note = (
            f'#block(above: 1.5mm)[#text(8pt, style: "italic", fill: rgb("#333333"))'
            f"[{text(b.description)}]]"
            if b.description
            else ""
        )
        self.out.append(
            f"#block(breakable: false, width: 100%, below: 1em)[#set align(center)\n"
            f'#image("{name}", width: 100%, alt: {string(b.title)})\n'
            f"#block(above: 2mm)[#strong[{number}{text(b.title)}]]{label(b.id)}{note}]"
        )

    def _Signature(self, b: Signature) -> None:
        date = text(b.date) if b.date_set else f"#missing[{text(b.date)}]"
        identity = f"#par[#strong[{text(b.identity)}]]" if b.identity else ""
        self.out.append(
            f"#block(above: 10mm, breakable: false)[#pad(left: 55%)[#set par(justify: false)\n"
            f"#par[{text(b.location)}, {date}]#par[{text(b.office)},]#v(20mm)"
            f"#par[#strong[{text(b.name)}]]{identity}]]"
        )


def blocks(notebook: dict[str, Any]) -> Iterator[Block]:
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME)
            if record is not None:
                yield from_record(record)


def typst_source(notebook: dict[str, Any]) -> tuple[str, dict[str, bytes]]:
    """The report as Typst markup, and the chart files it refers to."""
    writer = Writer()
    for block in blocks(notebook):
        writer.add(block)
    return "\n\n".join(writer.out) + "\n", writer.charts


def compiler(root: Path) -> Any:
    import typst

    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS_DIR)]
    )
    return typst.Compiler(root=str(root), font_paths=fonts, ignore_system_fonts=True)


@functools.cache
def _workspace() -> tuple[Any, Path]:
    """A compiler and a temporary folder for this process (fonts loaded once)."""
    folder = Path(tempfile.mkdtemp(prefix="lkj-typst-"))
    return compiler(folder), folder


def render(notebook: Any, *, title: str, unit: str, period: str, created: datetime) -> bytes:
    """The assembled report (``notebook``) as PDF bytes, with a compiler kept per process."""
    comp, folder = _workspace()
    source, charts = typst_source(notebook)
    for name, svg in charts.items():
        (folder / name).write_bytes(svg)
    (folder / "report.typ").write_text(source, encoding="utf-8")
    data = comp.compile(
        input=str(folder / "report.typ"), format="pdf", timestamp=created,
        sys_inputs={"title": title, "unit": unit, "period": period},
    )  # fmt: skip
    assert isinstance(data, bytes)
    return data


def _header(period: str) -> dict[str, str]:
    """Title and running header as `lkj build` gives them to the PDF writer."""
    from lkj.report.context import load_report
    from lkj.rules.periods import Period

    ctx = load_report(None, Period.parse(period), REPO)
    return {"title": f"Laporan Kinerja {ctx.singkatan} {ctx.periode}", "unit": ctx.singkatan,
            "period": f"Laporan Kinerja {ctx.periode}"}  # fmt: skip


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "notebooks", type=Path, nargs="+", help="build/<unit>/<period>/<name>.ipynb"
    )
    parser.add_argument("--rounds", type=int, default=3, help="times through the notebooks")
    parser.add_argument("--out", type=Path, help="the first notebook's PDF")
    parser.add_argument("--typ", type=Path, help="the first notebook's Typst source")
    parser.add_argument("--png", type=Path, help="the first notebook's pages as PNG, here")
    parser.add_argument("--no-tags", action="store_true", help="untagged PDF")
    parser.add_argument("--standard", help="a PDF standard Typst checks and follows, e.g. ua-1")
    args = parser.parse_args()

    import typst

    created = datetime(2025, 7, 21, tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="lkj-typst-") as tmp:
        root = Path(tmp)
        start = time.process_time()
        comp = compiler(root)
        (root / "warm.typ").write_text('#set text(font: "LKJ Sans")\nLKJ *Sans* _x_', "utf-8")
        comp.compile(input=str(root / "warm.typ"), format="pdf")
        made = time.process_time() - start
        print(f"compiler made, fonts loaded (a one-page document): CPU {made:.3f} s, "
              f"peak RSS {_rss_mb():.0f} MB")  # fmt: skip
        for round_ in range(max(args.rounds, 1)):
            for index, path in enumerate(args.notebooks):
                notebook = json.loads(path.read_text(encoding="utf-8"))
                inputs = _header(path.parent.name)
                folder = root / f"r{index}"
                folder.mkdir(exist_ok=True)
                start, wall = time.process_time(), time.perf_counter()
                source, charts = typst_source(notebook)
                for name, svg in charts.items():
                    (folder / name).write_bytes(svg)
                (folder / "report.typ").write_text(source, encoding="utf-8")
                converted = time.process_time() - start
                data = comp.compile(
                    input=str(folder / "report.typ"),
                    format="pdf",
                    sys_inputs=inputs,
                    timestamp=created,
                    pdf_tags=not args.no_tags,
                    pdf_standards=[args.standard] if args.standard else [],
                )
                cpu, wall = time.process_time() - start, time.perf_counter() - wall
                assert isinstance(data, bytes)
                from io import BytesIO

                from pypdf import PdfReader

                pages = len(PdfReader(BytesIO(data)).pages)
                digest = hashlib.sha256(data).hexdigest()[:16]
                kind = "new to this process" if round_ == 0 else "again (Typst's cache)"
                print(f"round {round_ + 1} {path.parent.name}: {pages} pages, "
                      f"{len(data) / 1e3:.0f} kB, sha256 {digest}; CPU {cpu:.3f} s (conversion "
                      f"{converted:.3f} s), wall {wall:.3f} s, peak RSS {_rss_mb():.0f} MB "
                      f"[{kind}]")  # fmt: skip
                if round_ == 0 and index == 0:
                    if args.out:
                        args.out.write_bytes(data)
                    if args.typ:
                        args.typ.write_text(source, encoding="utf-8")
                    if args.png:
                        args.png.mkdir(parents=True, exist_ok=True)
                        pngs = comp.compile(
                            input=str(folder / "report.typ"), format="png", ppi=60,
                            sys_inputs=inputs, timestamp=created,
                        )  # fmt: skip
                        for n, png in enumerate(pngs if isinstance(pngs, list) else [pngs], 1):
                            (args.png / f"page-{n:02d}.png").write_bytes(png)
    print(f"typst {getattr(typst, '__version__', '?')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
