"""The pass over the merged chapters: number tables and charts, letter sections, fill the
Daftar Isi and the Daftar Tabel, mark each output with its chapter, collect warnings.

It reads only the :data:`~lkj.report.block.MIME` records of the outputs (never parses HTML)
and replaces each output's ``text/html`` with its final form. Outputs that are not lkj blocks
(a stray print, a DataFrame) are dropped with a warning: the report shows no code and no
debugging output.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from lkj.errors import BuildError
from lkj.report import charts
from lkj.report.block import MIME
from lkj.report.html import esc
from lkj.report.structure import LOT_ID, TOC_ID, section_html
from lkj.report.table import figure_html


@dataclass
class _Chapter:
    id: str
    title: str
    number: int | None
    numbering: str
    tables: int = 0
    charts: int = 0
    sections: int = 0


@dataclass
class Assembly:
    """What the pass found: the lists, the warnings and the ids in use."""

    toc: list[tuple[int, str, str]] = field(default_factory=list)  # level, id, text
    tables: list[tuple[str, str, str]] = field(default_factory=list)  # id, number, title
    charts: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)  # file -> places
    missing_folders: dict[str, int] = field(default_factory=dict)  # folder -> places
    dropped: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # id -> where

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


def _claim(asm: Assembly, ident: str | None, where: str) -> None:
    if not ident:
        return
    if ident in asm.ids:
        raise BuildError(f"id '{ident}' is used twice: {asm.ids[ident]} and {where}")
    asm.ids[ident] = where


def _where(cell: Any) -> str:
    meta = cell.get("metadata", {}).get("lkj", {})
    return f"chapter {meta.get('source', '?')}, cell {meta.get('index', '?')}"


def assemble(nb: Any) -> Assembly:
    """Finish the merged notebook in place; return the lists and warnings."""
    asm = Assembly()
    current: _Chapter | None = None
    toc_outputs: list[Any] = []
    lot_outputs: list[Any] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME) if "data" in output else None
            if record is None:
                asm.dropped.append(
                    f"{_where(cell)}: an output that is not an lkj block was left out"
                )
                continue
            kind = record["kind"]
            html = output["data"].get("text/html", "")
            if kind == "chapter":
                current = _Chapter(
                    record["id"], record["title"], record["number"], record["numbering"]
                )
                _claim(asm, current.id, _where(cell))
                asm.toc.append((1, current.id, current.title))
            elif kind == "section":
                if current is None:
                    raise BuildError(f"{_where(cell)}: a section before any chapter")
                letter = string.ascii_uppercase[current.sections]
                current.sections += 1
                html = section_html(record["title"], record["id"], letter)
                _claim(asm, record["id"], _where(cell))
                asm.toc.append((2, record["id"], f"{letter}. {record['title']}"))
            elif kind == "heading":
                _claim(asm, record["id"], _where(cell))
            elif kind == "table":
                number = ident = None
                if record["numbered"] and current is not None and current.number:
                    current.tables += 1
                    number = f"Tabel {current.number}.{current.tables}"
                    ident = f"tabel-{current.number}-{current.tables}"
                    asm.tables.append((ident, number, record["title"]))
                else:
                    ident = record.get("id")
                _claim(asm, ident, _where(cell))
                html = figure_html(
                    record["title"], record["table"], number, ident, record.get("notes", [])
                )
            elif kind == "chart":
                number = None
                if current is not None and current.number:
                    current.charts += 1
                    number = f"Gambar {current.number}.{current.charts}"
                asm.charts += 1
                _claim(asm, record["id"], _where(cell))
                html = charts.figure_html(record, number)
            elif kind == "toc":
                toc_outputs.append(output)
                _claim(asm, TOC_ID, _where(cell))
            elif kind == "lot":
                lot_outputs.append(output)
                _claim(asm, LOT_ID, _where(cell))
            elif kind == "missing":
                if record.get("folder_missing"):
                    folder = record["folder"]
                    asm.missing_folders[folder] = asm.missing_folders.get(folder, 0) + 1
                else:
                    place = record.get("what") or ""
                    asm.missing.setdefault(record["file"], []).append(place)
            elif kind not in ("cover", "html"):
                raise BuildError(f"{_where(cell)}: unknown block kind {kind!r}")
            output["data"] = {"text/html": html, MIME: record}
            output.setdefault("metadata", {})["lkj"] = (
                {"chapter": None, "numbering": None}
                if current is None or kind == "cover"
                else {"chapter": current.id, "numbering": current.numbering}
            )
            kept.append(output)
        cell["outputs"] = kept
    for output in toc_outputs:
        output["data"]["text/html"] = toc_html(asm.toc)
    for output in lot_outputs:
        output["data"]["text/html"] = lot_html(asm.tables)
    return asm


def toc_html(entries: list[tuple[int, str, str]]) -> str:
    """``<nav class="lkj-toc">``: chapters, each with its sections, as nested lists."""
    out = [f'<nav class="lkj-toc" id="{TOC_ID}">', "<ol>"]
    open_item = False
    open_sub = False
    for level, ident, text in entries:
        link = f'<a href="#{esc(ident)}">{esc(text)}</a>'
        if level == 1:
            if open_sub:
                out.append("</ol>")
                open_sub = False
            if open_item:
                out.append("</li>")
            out.append(f'<li class="lkj-toc-chapter">{link}')
            open_item = True
        else:
            if not open_sub:
                out.append("<ol>")
                open_sub = True
            out.append(f'<li class="lkj-toc-section">{link}</li>')
    if open_sub:
        out.append("</ol>")
    if open_item:
        out.append("</li>")
    out += ["</ol>", "</nav>"]
    return "\n".join(out)


def lot_html(tables: list[tuple[str, str, str]]) -> str:
    """``<nav class="lkj-lot">``: every numbered table, number and caption, linked."""
    out = [f'<nav class="lkj-lot" id="{LOT_ID}">', "<ol>"]
    for ident, number, title in tables:
        out.append(
            f'<li><a href="#{esc(ident)}"><span class="lkj-lot-number">{esc(number)}</span> '
            f'<span class="lkj-lot-title">{esc(title)}</span></a></li>'
        )
    out += ["</ol>", "</nav>"]
    return "\n".join(out)
