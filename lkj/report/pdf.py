"""The print rendition: the report's HTML, paged to an A4 PDF by WeasyPrint.

The HTML is the one ``lkj.build.finish`` writes for the screen; the PDF applies
``lkj/templates/print.css`` to it instead of the screen stylesheet. Everything the PDF needs
is local: the body font ships in ``lkj/assets/fonts``, and the URL fetcher refuses anything
but ``file:`` and ``data:`` URLs, so rendering never touches the network.

The same HTML and arguments give the same bytes: the document dates come from ``created``
(written into ``<meta name="dcterms.created">`` / ``dcterms.modified``), the PDF ``/ID`` is
derived from the title and that date, and nothing reads the clock. (WeasyPrint 70 does not
read ``SOURCE_DATE_EPOCH``; it writes no dates unless the HTML has them.)

Print-only adjustments made to the parsed HTML before layout:

- ``<script>`` elements are dropped from the source (the Vega bundle is several MB);
- each chart's static SVG becomes an ``<img>`` of a ``data:`` URL (still vector graphics);
- the inline stylesheets ``<style id="lkj-screen-css">`` and ``<style id="lkj-print-css">``
  are removed: ``print.css`` (passed to WeasyPrint directly) is the whole look of the PDF;
- the first arabic chapter (Bab I) gets the class ``lkj-first-arabic``, where the page count
  restarts at 1; links of the Daftar Isi / Daftar Tabel that point into a front-matter
  chapter get ``data-lkj-numbering="roman"``, so their page numbers print as i, ii, ...;
- tables get print-only classes: ``lkj-wide`` (8 columns or more: smaller type) and, on a
  row under a rowspan, ``lkj-rowspan-cont`` (no page break before it);
- the static chart SVGs get the body font, so chart text is embedded like the rest;
- the PDF gets page labels (cover, i, ii, ..., 1, 2, ...) matching the printed numbers.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import hashlib
import logging
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from lkj.errors import BuildError, LkjError

if TYPE_CHECKING:  # WeasyPrint is imported lazily: it is slow to import.
    import pydyf
    from weasyprint import HTML
    from weasyprint.document import Document

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PRINT_CSS = PACKAGE_DIR / "templates" / "print.css"
FONTS_DIR = PACKAGE_DIR / "assets" / "fonts"  # what print.css's @font-face rules load

#: The family name print.css gives the shipped font (Liberation Sans).
FONT_FAMILY = "LKJ Sans"

#: Inline stylesheets of the HTML that the PDF replaces with ``stylesheet``: the screen CSS,
#: and the copy of print.css that lkj.build.finish inlines for printing from a browser (its relative
#: font URLs do not resolve from the report's folder).
REPLACED_STYLES = frozenset({"lkj-screen-css", "lkj-print-css"})

#: URL schemes the renderer may read; anything else is an error.
ALLOWED_SCHEMES = frozenset({"file", "data"})

#: Tables with this many columns or more print in smaller type (``lkj-wide`` in print.css).
WIDE_TABLE_COLUMNS = 8

SVG_NS = "http://www.w3.org/2000/svg"
_SVG_FONT_CSS = f'text {{ font-family: "{FONT_FAMILY}", sans-serif; }}'
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_STATIC_SVG = re.compile(
    r'(<div class="lkj-chart-static">\s*)(<svg\b[^>]*>)(.*?</svg>)', re.IGNORECASE | re.DOTALL
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class RemoteResourceError(LkjError):
    """The report refers to a resource that is not local (e.g. an ``https:`` image)."""


class PdfError(BuildError):
    """WeasyPrint could not render the report."""


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
) -> bytes:
    """Render ``html`` to the bytes of an A4 PDF (the build layer writes them atomically).

    ``base_url`` is the folder (or file) relative URLs in the HTML resolve against;
    ``created`` (and ``modified``, default ``created``) become the PDF's document dates;
    ``title`` its title; ``unit`` and ``period`` the running header (left and right).
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _local_fetcher()
    source = _static_charts_as_images(_SCRIPT.sub("", html))
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
        _add_page_labels, first_roman=first_roman, first_arabic=first_arabic
    )
    with _quiet_weasyprint_warnings():
        try:
            data: bytes = document.write_pdf(
                None,
                stylesheets=css,
                font_config=fonts,
                pdf_identifier=identifier.encode(),
                finisher=finisher,
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
        svg = f"{match[2]}<style>{_SVG_FONT_CSS}</style>{match[3]}"
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        src = f"data:image/svg+xml;base64,{data}"
        return f'{match[1]}<img class="lkj-chart-svg" alt="" src="{src}">'

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

    roman_ids: set[str] = set()
    first: dict[str, str | None] = {"roman": None, "arabic": None}
    for element in root.iter():
        numbering = element.get("data-numbering")
        if numbering not in first or not _has_class(element, "lkj-chapter"):
            continue
        if first[numbering] is None:
            first[numbering] = element.get("id")
            if numbering == "arabic":  # Bab I: print.css restarts the page count here
                element.set("class", f"{element.get('class', '')} lkj-first-arabic".strip())
        if numbering == "roman":
            roman_ids.update(e.get("id", "") for e in element.iter() if e.get("id"))
    for nav in root.iter("nav"):
        if _has_class(nav, "lkj-toc") or _has_class(nav, "lkj-lot"):
            for link in nav.iter("a"):
                href = link.get("href", "")
                if href.startswith("#") and href[1:] in roman_ids:
                    link.set("data-lkj-numbering", "roman")

    for table in root.iter("table"):
        _mark_rowspan_continuations(table)
        if _column_count(table) >= WIDE_TABLE_COLUMNS:
            table.set("class", f"{table.get('class', '')} lkj-wide".strip())

    for element in root.iter():  # static charts left inline: the body font all the same
        if _has_class(element, "lkj-chart-static"):
            for svg in element.iter(f"{{{SVG_NS}}}svg"):
                style = ElementTree.Element(f"{{{SVG_NS}}}style")
                style.text = _SVG_FONT_CSS
                svg.insert(0, style)
    return first["roman"], first["arabic"]


def _mark_rowspan_continuations(table: ElementTree.Element) -> None:
    """Mark rows covered by a rowspan from an earlier row (``lkj-rowspan-cont``).

    print.css forbids a page break before such a row, so a strategic goal's cell stays on
    one page with all its indicators (unless the group is longer than a page).
    """
    for group in table:
        if group.tag not in {"thead", "tbody", "tfoot"}:
            continue
        covered = 0  # how many of the following rows an earlier rowspan still covers
        for row in group.iter("tr"):
            if covered > 0:
                row.set("class", f"{row.get('class', '')} lkj-rowspan-cont".strip())
            spans = [_int(cell.get("rowspan"), 1) for cell in row if cell.tag in {"td", "th"}]
            covered = max(covered - 1, max(spans, default=1) - 1)


def _column_count(table: ElementTree.Element) -> int:
    """The most columns any row of the table fills (``colspan`` counted)."""
    widest = 0
    for row in table.iter("tr"):
        cells = [cell for cell in row if cell.tag in {"td", "th"}]
        widest = max(widest, sum(_int(cell.get("colspan"), 1) for cell in cells))
    return widest


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


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


# ---- PDF finishing ----------------------------------------------------------------------


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
