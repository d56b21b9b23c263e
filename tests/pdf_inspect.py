"""Reading a rendered report PDF back (pypdf): page texts, labels, bookmarks, lists, fonts.

Shared by tests/test_pdf.py (the sample HTML) and tests/test_pdf_report.py (the real build).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject

A4_POINTS = (595.276, 841.89)  # 210 mm x 297 mm

_ENTRY = re.compile(
    r"(?P<number>(?:Tabel|Gambar) \d+\.\d+)\s+(?P<title>.+?)\s*\.{2,}\s*"
    r"(?P<page>\d+|[ivxlcdm]+)\s*$",
    re.MULTILINE | re.DOTALL,
)


def squash(text: str) -> str:
    """Whitespace runs (line breaks included) as one space."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Bookmark:
    level: int
    title: str
    page: int  # 0-based index


@dataclass(frozen=True)
class ListEntry:
    number: str  # "Tabel 2.5"
    title: str
    label: str  # the printed page number, "6" or "iii"


class ReportPdf:
    """One rendered report."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = PdfReader(path)

    @cached_property
    def texts(self) -> list[str]:
        return [page.extract_text() or "" for page in self.reader.pages]

    @cached_property
    def labels(self) -> list[str]:
        return list(self.reader.page_labels)

    def page_of_label(self, label: str) -> int:
        return self.labels.index(label)

    @cached_property
    def bookmarks(self) -> list[Bookmark]:
        out: list[Bookmark] = []

        def walk(items: list[Any], level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    page = self.reader.get_destination_page_number(item)
                    out.append(Bookmark(level, squash(str(item.title)), page))

        walk(self.reader.outline, 1)
        return out

    def chapter_pages(self, title: str) -> range:
        """The pages of the chapter whose top-level bookmark is ``title``."""
        top = [b for b in self.bookmarks if b.level == 1]
        for i, b in enumerate(top):
            if b.title == title:
                end = top[i + 1].page if i + 1 < len(top) else len(self.texts)
                return range(b.page, max(end, b.page + 1))
        raise AssertionError(f"no bookmark {title!r}; top level: {[b.title for b in top]}")

    def list_entries(self, chapter_title: str) -> list[ListEntry]:
        """The entries ``Tabel x.y  title ..... page`` (or ``Gambar x.y``) printed in a list
        chapter."""
        text = "\n".join(self.texts[i] for i in self.chapter_pages(chapter_title))
        return [
            ListEntry(m["number"], squash(m["title"]), m["page"]) for m in _ENTRY.finditer(text)
        ]

    def page_sizes(self) -> set[tuple[float, float]]:
        return {
            (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
            for p in self.reader.pages
        }

    def fonts(self) -> dict[str, bool]:
        """Base font name -> whether its program is embedded, over all pages."""
        found: dict[str, bool] = {}
        for page in self.reader.pages:
            for font in _resources(page, "/Font").values():
                font = _resolve(font)
                name = str(font.get("/BaseFont", "?"))
                descendants = font.get("/DescendantFonts")
                descriptor = (
                    _resolve(_resolve(descendants)[0]).get("/FontDescriptor")
                    if descendants
                    else font.get("/FontDescriptor")
                )
                descriptor = _resolve(descriptor) if descriptor is not None else {}
                found[name] = any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
        return found

    def image_count(self, page_index: int) -> int:
        """Raster images drawn on a page (directly or inside form XObjects)."""
        return _count_images(self.reader.pages[page_index])


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _resources(owner: Any, kind: str) -> dict[str, Any]:
    resources = _resolve(owner.get("/Resources")) or {}
    return dict(_resolve(resources.get(kind)) or {})


def _count_images(owner: Any, seen: set[int] | None = None) -> int:
    seen = set() if seen is None else seen
    count = 0
    for xobject in _resources(owner, "/XObject").values():
        obj = _resolve(xobject)
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        subtype = obj.get("/Subtype")
        if subtype == "/Image":
            count += 1
        elif subtype == "/Form":
            count += _count_images(obj, seen)
    return count
