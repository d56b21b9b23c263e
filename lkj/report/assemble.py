"""The pass over the merged chapters: number tables and charts, letter sections, fill the
Daftar Isi, the Daftar Tabel and the Daftar Gambar, mark each output with its chapter, collect
warnings.

It reads only the :data:`~lkj.report.block.MIME` records of the outputs (never parses HTML):
each becomes its block again, takes its place (:meth:`~lkj.report.block.Block.place`, in
document order, then :meth:`~lkj.report.block.Block.fill`, once all are placed) and its
output's ``text/html`` becomes the block's final HTML. What a block kind does there is its
own business; this module only offers the means (:class:`Assembly`). Outputs that are not
lkj blocks (a stray print, a DataFrame) are dropped with a warning: the report shows no code
and no debugging output.

Each output's metadata ``lkj`` says which chapter it belongs to (``chapter``: the chapter's
id, ``numbering``: roman or arabic, ``first_arabic``: the chapter where print restarts the
page count at 1), from which the page template wraps chapters in their ``<section>``.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from lkj.errors import BuildError
from lkj.report.block import MIME, Block, from_record
from lkj.report.blocks import Chapter, Entry, Missing


@dataclass
class _Chapter:
    block: Chapter
    first_arabic: bool
    tables: int = 0
    charts: int = 0
    sections: int = 0


@dataclass
class Assembly:
    """What the pass found so far: the lists, the warnings and the ids in use; and what
    blocks call as they take their place."""

    toc: list[Entry] = field(default_factory=list)  # chapters and sections
    tables: list[Entry] = field(default_factory=list)  # numbered tables
    figures: list[Entry] = field(default_factory=list)  # numbered charts
    charts: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)  # file -> places
    missing_folders: dict[str, int] = field(default_factory=dict)  # folder -> places
    dropped: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # id -> where
    where: str = ""  # the cell being placed: "chapter 04_bab2b, cell 7"
    chapter: _Chapter | None = None
    _arabic_seen: bool = False

    @property
    def warnings(self) -> list[str]:
        result = [
            f"narasi missing: {folder}/ does not exist; the report marks the prose as missing "
            f"in {places} places"
            for folder, places in self.missing_folders.items()
        ]
        result += [
            f"narasi missing: {file} ({'; '.join(places)})" for file, places in self.missing.items()
        ]
        return result + self.dropped

    # ---- for blocks, as they take their place ----

    def claim(self, ident: str | None) -> None:
        """Reserve an element id; the same id twice is an error."""
        if not ident:
            return
        if ident in self.ids:
            raise BuildError(f"id '{ident}' is used twice: {self.ids[ident]} and {self.where}")
        self.ids[ident] = self.where

    def open_chapter(self, chapter: Chapter) -> None:
        """From here on, blocks are in ``chapter``."""
        first_arabic = chapter.numbering == "arabic" and not self._arabic_seen
        self._arabic_seen |= first_arabic
        self.chapter = _Chapter(chapter, first_arabic)
        self.claim(chapter.id)
        self.toc.append(Entry(chapter.id, chapter.title, roman=self._roman))

    def letter_section(self, ident: str, title: str) -> str:
        """The next letter (A, B, …) of the current chapter's sections; listed in the toc."""
        current = self._current("a section")
        letter = string.ascii_uppercase[current.sections]
        current.sections += 1
        self.claim(ident)
        self.toc.append(Entry(ident, f"{letter}. {title}", level=2, roman=self._roman))
        return letter

    def number_table(self, title: str) -> tuple[str | None, str | None]:
        """``("Tabel 2.3", "tabel-2-3")`` in a numbered chapter (listed in the Daftar
        Tabel); ``(None, None)`` elsewhere."""
        if self.chapter is None or not self.chapter.block.number:
            return None, None
        n = self.chapter.block.number
        self.chapter.tables += 1
        number, ident = f"Tabel {n}.{self.chapter.tables}", f"tabel-{n}-{self.chapter.tables}"
        self.tables.append(Entry(ident, title, number=number, roman=self._roman))
        return number, ident

    def number_chart(self, ident: str, title: str) -> str | None:
        """``Gambar 2.1`` in a numbered chapter (listed in the Daftar Gambar), None
        elsewhere."""
        self.charts += 1
        if self.chapter is None or not self.chapter.block.number:
            return None
        self.chapter.charts += 1
        number = f"Gambar {self.chapter.block.number}.{self.chapter.charts}"
        self.figures.append(Entry(ident, title, number=number, roman=self._roman))
        return number

    def note_missing(self, block: Missing) -> None:
        """Prose that is not there: one warning per file (or one for a missing folder)."""
        if block.folder_missing:
            self.missing_folders[block.folder] = self.missing_folders.get(block.folder, 0) + 1
        else:
            self.missing.setdefault(block.file, []).append(block.what or "")

    def chapter_of(self, block: Block) -> dict[str, Any]:
        """The output metadata ``lkj`` of ``block``, placed just now."""
        if self.chapter is None or block.outside_chapters:
            return {"chapter": None, "numbering": None, "first_arabic": False}
        return {
            "chapter": self.chapter.block.id,
            "numbering": self.chapter.block.numbering,
            "first_arabic": self.chapter.first_arabic,
        }

    @property
    def _roman(self) -> bool:
        return self.chapter is not None and self.chapter.block.numbering == "roman"

    def _current(self, what: str) -> _Chapter:
        if self.chapter is None:
            raise BuildError(f"{self.where}: {what} before any chapter")
        return self.chapter


def _where(cell: Any) -> str:
    meta = cell.get("metadata", {}).get("lkj", {})
    return f"chapter {meta.get('source', '?')}, cell {meta.get('index', '?')}"


def assemble(nb: Any) -> Assembly:
    """Finish the merged notebook in place; return the lists and warnings."""
    asm = Assembly()
    placed: list[tuple[Any, Block]] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        asm.where = _where(cell)
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME) if "data" in output else None
            if record is None:
                asm.dropped.append(f"{asm.where}: an output that is not an lkj block was left out")
                continue
            try:
                block = from_record(record)
            except (ValueError, TypeError) as exc:
                raise BuildError(f"{asm.where}: a block that cannot be read back: {exc}") from None
            block = block.place(asm)
            output.setdefault("metadata", {})["lkj"] = asm.chapter_of(block)
            placed.append((output, block))
            kept.append(output)
        cell["outputs"] = kept
    for output, block in placed:
        final = block.fill(asm)
        output["data"] = {"text/html": str(final.html()), MIME: final.record()}
    return asm
