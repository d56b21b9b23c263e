"""The print rendition: the report's HTML, paged to an A4 PDF by WeasyPrint.

The HTML is the one ``lkj.build.finish`` writes for the screen; the PDF applies
``lkj/templates/print.css`` to it instead of the screen stylesheet. Everything the PDF needs
is local: the body font ships in ``lkj/assets/fonts``, and the URL fetcher refuses anything
but ``file:`` and ``data:`` URLs, so rendering never touches the network.

The same HTML and arguments give the same bytes: the document dates come from ``created``
(written into ``<meta name="dcterms.created">`` / ``dcterms.modified``), the PDF ``/ID`` is
derived from the title and that date, and nothing reads the clock. (WeasyPrint 70 does not
read ``SOURCE_DATE_EPOCH``; it writes no dates unless the HTML has them.)

The same bytes on every machine, too: the fonts are embedded whole (``full_fonts=True``), as
shipped. They are already cut to the characters reports use (``tools/subset_fonts.py``), so
WeasyPrint subsets nothing: its subsetting uses HarfBuzz-Subset where the machine has it and
fontTools where not, which give different bytes (and fontTools stamps the time into each
font). Nor may a font of the machine stand in for a missing character (fontconfig's
fallback, or the empty ``.notdef`` box that depends on there being none): a character the
shipped fonts lack is a :class:`MissingGlyphError` that names it, and no PDF is written.

What print needs to know is already in the HTML, put there by the blocks and the assembly
that know it: the first arabic chapter (Bab I) has the class ``lkj-first-arabic``, where
print.css restarts the page count at 1; links of the Daftar Isi / Daftar Tabel into a
front-matter chapter have ``data-lkj-numbering="roman"`` (their page numbers print as i, ii,
...); tables of many columns have ``lkj-wide`` and rows under a rowspan ``lkj-rowspan-cont``
(:mod:`lkj.report.table`). This module only adapts the page to print:

- ``<script>`` elements are dropped from the source (the Vega bundle is several MB);
- each chart's static SVG becomes an ``<img>`` of a ``data:`` URL (still vector graphics);
- the inline stylesheets ``<style id="lkj-screen-css">`` and ``<style id="lkj-print-css">``
  are removed: ``print.css`` (passed to WeasyPrint directly) is the whole look of the PDF;
- the static chart SVGs get the body font, so chart text is embedded like the rest;
- the PDF gets page labels (cover, i, ii, ..., 1, 2, ...) matching the printed numbers.

Charts float: a chart that does not fit on the rest of a page moves to the next one and leaves
the rest of the page empty. When that would empty more than :data:`FLOAT_GAP` of a page, the
chart is moved down past the text that follows it, as much of it as fills the gap (never
past a heading, a table or another chart, and never out of its section), and the document is
laid out once more (:func:`_float_charts`). Its number, caption and Daftar Gambar entry go
with it.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from markupsafe import Markup

from lkj.errors import BuildError, LkjError

if TYPE_CHECKING:  # WeasyPrint is imported lazily: it is slow to import.
    import pydyf
    from weasyprint import HTML
    from weasyprint.document import Document

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PRINT_CSS = PACKAGE_DIR / "templates" / "print.css"
FONTS_DIR = PACKAGE_DIR / "assets" / "fonts"  # what print.css's @font-face rules load

#: The family name of the shipped fonts (Liberation Sans, cut by tools/subset_fonts.py).
FONT_FAMILY = "LKJ Sans"

#: Inline stylesheets of the HTML that the PDF replaces with ``stylesheet``: the screen CSS,
#: and the copy of print.css that lkj.build.finish inlines for printing from a browser (its relative
#: font URLs do not resolve from the report's folder).
REPLACED_STYLES = frozenset({"lkj-screen-css", "lkj-print-css"})

#: URL schemes the renderer may read; anything else is an error.
ALLOWED_SCHEMES = frozenset({"file", "data"})

#: A chart moves down past the following text when it would leave more than this share of the
#: page before it empty.
FLOAT_GAP = 0.25

#: What a floating chart may move past: prose and generated text (never a heading, a table,
#: another chart, or anything else).
_FLOATS_PAST = ("lkj-prose", "lkj-generated", "lkj-missing")

SVG_NS = "http://www.w3.org/2000/svg"
_SVG_FONT_CSS = f'text {{ font-family: "{FONT_FAMILY}", sans-serif; }}'
_SVG_FONT_STYLE = str(Markup("<style>{}</style>").format(Markup(_SVG_FONT_CSS)))  # CSS, trusted
_CHART_IMAGE = Markup('<img class="lkj-chart-svg" alt="" src="{src}">')
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_STATIC_SVG = re.compile(
    r'(<div class="lkj-chart-static">\s*)(<svg\b[^>]*>)(.*?</svg>)', re.IGNORECASE | re.DOTALL
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class RemoteResourceError(LkjError):
    """The report refers to a resource that is not local (e.g. an ``https:`` image)."""


class PdfError(BuildError):
    """WeasyPrint could not render the report."""


class MissingGlyphError(LkjError):
    """The report has a character that the shipped fonts lack (an emoji, a CJK character, ...)."""


@contextlib.contextmanager
def _one_collection() -> Iterator[None]:
    """Python's cyclic garbage collector off while WeasyPrint works, one collection after.

    Laying out and drawing the report creates some 190,000 objects that live until the
    PDF is written; the collector, left on, walks them again and again as they pile up
    (about a tenth of the PDF step). Off, they are collected once, at the end (0.1 s), and
    the process peaks some 40 MB higher meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()


@_one_collection()
def render(
    html: str,
    *,
    base_url: Path,
    created: date | datetime,
    title: str,
    unit: str = "",
    period: str = "",
    modified: date | datetime | None = None,
    stylesheet: Path = PRINT_CSS,
    between: Callable[[], None] | None = None,
) -> bytes:
    """Render ``html`` to the bytes of an A4 PDF (the build layer writes them atomically).

    ``base_url`` is the folder (or file) relative URLs in the HTML resolve against;
    ``created`` (and ``modified``, default ``created``) become the PDF's document dates;
    ``title`` its title; ``unit`` and ``period`` the running header (left and right).
    ``between`` is called between the two layouts of a report whose charts float; it may
    raise to stop there (a worker whose build has ended).
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _local_fetcher()
    text = _SCRIPT.sub("", html)
    source = _static_charts_as_images(text)
    base = base_url.resolve()
    base_uri = base.as_uri() + ("/" if base.is_dir() else "")
    document = HTML(string=source, base_url=base_uri, url_fetcher=fetcher)
    first_roman, first_arabic = _prepare(
        document, title=title, created=created, modified=modified or created
    )
    fonts = FontConfiguration()  # @font-face rules only take effect through this
    css = [
        CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=fonts),
        CSS(string=_running_header_css(unit, period), url_fetcher=fetcher, font_config=fonts),
    ]
    identifier = hashlib.sha256(f"lkj\n{title}\n{_w3c(created)}".encode()).hexdigest()[:32]

    finisher = functools.partial(
        _finish, text=text, first_roman=first_roman, first_arabic=first_arabic
    )
    with _quiet_weasyprint_warnings():
        try:
            options = {"stylesheets": css, "full_fonts": True}
            laid_out = document.render(font_config=fonts, **options)
            if _float_charts(document.etree_element, laid_out):
                if between is not None:
                    between()
                laid_out = document.render(font_config=fonts, **options)
            data: bytes = laid_out.write_pdf(
                None,
                pdf_identifier=identifier.encode(),
                finisher=finisher,
                **options,
            )
        except FatalURLFetchingError as exc:
            if fetcher.refused:
                raise _refusal(fetcher.refused[0]) from None
            raise PdfError(f"PDF: {_fetch_failure(exc, base)}") from None
        if fetcher.refused:
            raise _refusal(fetcher.refused[0])
    return data


# ---- resources ------------------------------------------------------------------------


def _local_fetcher() -> Any:
    """A WeasyPrint URL fetcher that reads ``file:`` and ``data:`` URLs and nothing else."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=set(ALLOWED_SCHEMES), fail_on_errors=True)
            #: Every refused URL. WeasyPrint swallows some fetch errors (an image inside an
            #: SVG), so render() also checks this list after the layout.
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            match = _SCHEME.match(url)
            scheme = match.group(1).lower() if match else ""
            if scheme not in ALLOWED_SCHEMES:
                self.refused.append(url)
                raise _refusal(url)
            return super().fetch(url, headers)

    return LocalFetcher()


def _fetch_failure(exc: BaseException, base: Path) -> str:
    """``cannot read 'logo.png' (No such file or directory)`` from WeasyPrint's fatal error."""
    match = re.search(r'"(.*)"', str(exc))
    url = match.group(1) if match else "a resource"
    shown = url
    if url.startswith("file:"):
        from urllib.request import url2pathname

        path = Path(url2pathname(url.removeprefix("file://").removeprefix("file:")))
        root = base if base.is_dir() else base.parent
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    reason: object = getattr(exc.__cause__, "reason", exc.__cause__)
    if isinstance(reason, OSError) and reason.strerror:
        reason = reason.strerror
    return f"cannot read {shown!r} ({reason})"


def _refusal(url: str) -> RemoteResourceError:
    shown = url if len(url) <= 120 else url[:117] + "..."
    return RemoteResourceError(
        f"the report refers to {shown!r}, which is not a local file; "
        "the PDF is built offline, from file: and data: URLs only"
    )


# ---- print-only adjustments of the source and of the parsed HTML -------------------------


def _static_charts_as_images(html: str) -> str:
    """Each chart's static SVG as an ``<img>`` of a ``data:`` URL, with the body font.

    WeasyPrint draws it as vector graphics either way; as an image its hundreds of elements
    skip the HTML parser and the CSS cascade (about a tenth of the PDF step).
    """

    def image(match: re.Match[str]) -> str:
        svg = match[2] + _SVG_FONT_STYLE + match[3]
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return match[1] + str(_CHART_IMAGE.format(src="data:image/svg+xml;base64," + data))

    return _STATIC_SVG.sub(image, html)


def _prepare(
    document: HTML, *, title: str, created: date | datetime, modified: date | datetime
) -> tuple[str | None, str | None]:
    """Adjust the parsed HTML for print; return the ids of the first roman and arabic chapter."""
    root = document.etree_element
    head = root.find("head")
    if head is None:
        head = ElementTree.Element("head")
        root.insert(0, head)
    _set_metadata(head, title=title, created=created, modified=modified)

    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == "style" and child.get("id") in REPLACED_STYLES:
                parent.remove(child)

    first_roman = first_arabic = None  # where the page labels switch to i and to 1
    for element in root.iter():
        if (
            first_roman is None
            and element.get("data-numbering") == "roman"
            and _has_class(element, "lkj-chapter")
        ):
            first_roman = element.get("id")
        if first_arabic is None and _has_class(element, "lkj-first-arabic"):
            first_arabic = element.get("id")

    for element in root.iter():  # static charts left inline: the body font all the same
        if _has_class(element, "lkj-chart-static"):
            for svg in element.iter(f"{{{SVG_NS}}}svg"):
                style = ElementTree.Element(f"{{{SVG_NS}}}style")
                style.text = _SVG_FONT_CSS
                svg.insert(0, style)
    return first_roman, first_arabic


def _set_metadata(
    head: ElementTree.Element,
    *,
    title: str,
    created: date | datetime,
    modified: date | datetime,
) -> None:
    for element in list(head):
        if element.tag == "title" or (
            element.tag == "meta"
            and element.get("name", "").lower() in {"dcterms.created", "dcterms.modified"}
        ):
            head.remove(element)
    title_element = ElementTree.SubElement(head, "title")
    title_element.text = title
    for name, value in (("dcterms.created", created), ("dcterms.modified", modified)):
        ElementTree.SubElement(head, "meta", {"name": name, "content": _w3c(value)})


def _has_class(element: ElementTree.Element, name: str) -> bool:
    return name in element.get("class", "").split()


def _w3c(value: date | datetime) -> str:
    """A W3C date (``2025-07-21``) or date-time (``2025-07-21T09:00:00+07:00``)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def _running_header_css(unit: str, period: str) -> str:
    return f"html {{ string-set: lkj-unit {_css_string(unit)}, lkj-period {_css_string(period)}; }}"


# ---- floating charts ----------------------------------------------------------------------


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def _float_charts(root: ElementTree.Element, document: Document) -> bool:
    """Move each chart that leaves a large gap on the page before it down past the text that
    follows it, in ``root`` (the parsed HTML ``document`` was laid out from); whether any
    chart moved."""
    parents = {id(child): parent for parent in root.iter() for child in parent}
    pages = []  # per page: content top, content height, lowest content, its boxes
    for page in document.pages:
        page_box = page._page_box
        top = page_box.content_box_y()
        boxes = [
            b
            for child in page_box.children
            if getattr(child, "element_tag", None) == "html"
            for b in _boxes(child)
        ]
        lowest = max(
            (
                b.position_y + b.margin_height()
                for b in boxes
                if type(b).__name__ in ("LineBox", "TableRowBox", "BlockReplacedBox")
            ),
            default=top,
        )
        pages.append((top, page_box.height, lowest, boxes))
    heights: dict[int, float] = {}  # id(element): its height, over every page it is on
    for _top, _height, _lowest, boxes in pages:
        for b in boxes:
            if type(b).__name__ == "BlockBox" and getattr(b, "element", None) is not None:
                heights[id(b.element)] = heights.get(id(b.element), 0.0) + b.margin_height()
    moved = False
    for index in range(1, len(pages)):
        top, _height, _lowest, boxes = pages[index]
        before_top, before_height, before_lowest, _ = pages[index - 1]
        gap = before_top + before_height - before_lowest
        if gap <= FLOAT_GAP * before_height:
            continue
        for b in boxes:
            element = getattr(b, "element", None)
            if (
                type(b).__name__ == "BlockBox"
                and element is not None
                and _has_class(element, "lkj-chart")
                and b.position_y - top < 1
            ):
                moved |= _move_down(element, parents.get(id(element)), gap, heights)
                break
    return moved


def _move_down(
    chart: ElementTree.Element,
    parent: ElementTree.Element | None,
    gap: float,
    heights: dict[int, float],
) -> bool:
    """Put ``chart`` after the prose that follows it, as much as fills ``gap``."""
    if parent is None:
        return False
    siblings = list(parent)
    at = siblings.index(chart)
    if at == 0 or _has_class(siblings[at - 1], "lkj-chapter-title"):
        return False  # the gap is a chapter's or section's start, not the chart's doing
    filled = 0.0
    after = at
    for sibling in siblings[at + 1 :]:
        if filled >= gap or not any(_has_class(sibling, c) for c in _FLOATS_PAST):
            break
        filled += heights.get(id(sibling), 0.0)
        after += 1
    if after == at:
        return False
    parent.remove(chart)
    parent.insert(after, chart)
    return True


# ---- PDF finishing ----------------------------------------------------------------------


def _finish(
    document: Document,
    pdf: pydyf.PDF,
    *,
    text: str,
    first_roman: str | None,
    first_arabic: str | None,
) -> None:
    _check_fonts(document, text)
    _add_page_labels(document, pdf, first_roman=first_roman, first_arabic=first_arabic)


@functools.cache
def _shipped_fonts() -> frozenset[bytes]:
    """The SHA-256 of each font file in ``FONTS_DIR``: the only fonts a PDF may embed."""
    return frozenset(hashlib.sha256(f.read_bytes()).digest() for f in FONTS_DIR.glob("*.ttf"))


@functools.cache
def _shipped_characters() -> frozenset[str]:
    """Every character the shipped fonts have (each face has the same ones)."""
    from fontTools.ttLib import TTFont

    chars: set[str] = set()
    for path in FONTS_DIR.glob("*.ttf"):
        with TTFont(path, lazy=True) as font:
            chars.update(map(chr, font.getBestCmap()))
    return frozenset(chars)


def _check_fonts(document: Document, html: str) -> None:
    """Raise :class:`MissingGlyphError` unless every glyph drawn comes from a shipped font.

    ``html`` is the report's source, where the error looks for the characters' context.
    """
    foreign: dict[str, str] = {}  # character -> the font of this machine that drew it
    notdef: set[str] = set()  # characters no font here has, drawn as an empty box
    for font in document.fonts.values():
        if hashlib.sha256(font.file_content).digest() not in _shipped_fonts():
            for text in font.to_unicode.values():
                for char in text:
                    foreign.setdefault(char, font.family)
        notdef.update(map(chr, font.missing))
    if not foreign and not notdef:
        return
    # A fallback font also draws the spaces around what it stands in for: name only what the
    # shipped fonts lack.
    lacking = {c for c in foreign if c not in _shipped_characters()} | notdef
    if not lacking:  # another font for characters LKJ Sans has: the stylesheet names it
        families = ", ".join(sorted(set(foreign.values())))
        raise PdfError(
            f"PDF: some text is set in {families}, not in the shipped {FONT_FAMILY} (does the "
            f"stylesheet name another font?), e.g. {''.join(sorted(foreign))[:20]!r}"
        )

    def position(char: str) -> int:  # in the source; not found (e.g. an entity): last
        at = html.find(char)
        return at if at >= 0 else len(html)

    chars = sorted(lacking, key=lambda c: (position(c), c))
    shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars[:5])
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    where = f", first in {_context(html, chars[0])!r}" if chars[0] in html else ""
    fallback = sorted({foreign[c] for c in chars if c in foreign})
    instead = f" (this machine would use {', '.join(fallback)})" if fallback else ""
    raise MissingGlyphError(
        f"PDF: the report has characters that its font {FONT_FAMILY} lacks: {shown}{more}"
        f"{where}; other fonts differ from machine to machine{instead}, so write them "
        "otherwise (tools/subset_fonts.py lists the characters the font has)"
    )


_NOT_TEXT = re.compile(r"<(style|svg)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def _context(html: str, char: str, width: int = 30) -> str:
    """The text around the first ``char`` of the HTML source (tags and styles left out)."""
    at = html.find(char)
    before = _NOT_TEXT.sub(" ", html[:at])[-width:]
    after = _NOT_TEXT.sub(" ", html[at : at + 20 * width])[:width]
    return " ".join(f"{before}{after}".split())


def _add_page_labels(
    document: Document,
    pdf: pydyf.PDF,
    *,
    first_roman: str | None,
    first_arabic: str | None,
) -> None:
    """Page labels as printed: the cover, then i, ii, ... then 1, 2, ... from Bab I."""
    import pydyf

    roman_start = arabic_start = None
    for index, page in enumerate(document.pages):
        if roman_start is None and first_roman in page.anchors:
            roman_start = index
        if arabic_start is None and first_arabic in page.anchors:
            arabic_start = index
    nums: list[Any] = []
    if roman_start != 0:
        nums += [0, pydyf.Dictionary({"P": pydyf.String("Sampul")})]
    if roman_start is not None:
        nums += [roman_start, pydyf.Dictionary({"S": "/r"})]
    if arabic_start is not None:
        nums += [arabic_start, pydyf.Dictionary({"S": "/D"})]
    if len(nums) > 2:
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(nums)})


# ---- plumbing -------------------------------------------------------------------------------


@contextlib.contextmanager
def _quiet_weasyprint_warnings() -> Iterator[None]:
    """Keep WeasyPrint's warnings (e.g. unsupported CSS in notebook output) off stderr."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
