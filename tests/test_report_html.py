"""The report's HTML pieces: small snapshots of tables, prose sanitising, words, assembly."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from lkj.errors import BuildError, DataError
from lkj.inputs.narrative import NarrativeFolder
from lkj.report import structure
from lkj.report.assemble import assemble
from lkj.report.block import Block
from lkj.report.blocks import Missing, TableFigure
from lkj.report.prose import Narasi, ProseFile, render_markdown
from lkj.report.table import Cell, Table, c, num, row, spanned, table_block
from lkj.report.terbilang import dengan_kata, terbilang
from lkj.rules.periods import Period


def test_table_snapshot_with_rowspan() -> None:
    rows = [
        ("Sasaran A", "IKU 1", "70%"),
        ("Sasaran B", "IKU 2", "40 Orang"),
        ("Sasaran B", "IKU 3", "1.250 Orang"),
    ]
    goals = spanned(rows, lambda r: r[0], lambda r, n: Cell(r[0], rowspan=n))
    body = [row(goals[i], c(r[1]), num(r[2])) for i, r in enumerate(rows)]
    table = Table([[c("Sasaran"), c("IKU"), c("Target")]], [body])
    assert table.render() == (
        "<table>\n"
        "<thead>\n"
        '<tr><th class="lkj-first-col">Sasaran</th><th>IKU</th><th>Target</th></tr>\n'
        "</thead>\n"
        "<tbody>\n"
        '<tr><td class="lkj-first-col">Sasaran A</td><td>IKU 1</td>'
        '<td class="lkj-num">70%</td></tr>\n'
        '<tr><td class="lkj-first-col" rowspan="2">Sasaran B</td><td>IKU 2</td>'
        '<td class="lkj-num">40 Orang</td></tr>\n'
        '<tr class="lkj-rowspan-cont"><td>IKU 3</td><td class="lkj-num">1.250 Orang</td></tr>\n'
        "</tbody>\n"
        "</table>"
    )


def test_wide_table_and_rows_under_a_rowspan_carry_their_print_classes() -> None:
    """Print needs them (smaller type, no page break inside a goal's rows): the table sets
    them, so nothing downstream has to rediscover them from the HTML."""
    head = [
        [c("Sasaran", rowspan=2), c("IKU", rowspan=2), c("Triwulan", colspan=6)],
        [c(f"TW {q}") for q in range(1, 7)],
    ]
    body = [[c("S", rowspan=3), *[c("x")] * 7], [c("y")] * 7, [c("z")] * 7, [c("T")] * 8]
    html = Table(head, [body], cls="lkj-x").render()
    assert html.startswith('<table class="lkj-x lkj-wide">')  # 8 columns
    rows = html.splitlines()
    assert [r.startswith('<tr class="lkj-rowspan-cont">') for r in rows if "<tr" in r] == [
        False,  # header
        True,  # under the header's rowspans
        False,  # S spans this one and the next two
        True,
        True,
        False,
    ]
    assert Table([[c("a")] * 7], [[]]).render().startswith("<table>")  # 7 columns: not wide


def test_figure_snapshot_and_escaping() -> None:
    table = Table([[c("A & B")]], [[[c("<x>")]]])
    figure = TableFigure(
        "Capaian Indikator Kinerja Utama 7", table.render(), number="Tabel 2.12", id="tabel-2-12"
    )
    assert figure.html() == (
        '<figure class="lkj-table" id="tabel-2-12"><figcaption>'
        '<span class="lkj-table-number">Tabel 2.12</span> '
        '<span class="lkj-table-title">Capaian Indikator Kinerja Utama 7</span></figcaption>'
        '<table>\n<thead>\n<tr><th class="lkj-first-col">A &amp; B</th></tr>\n</thead>\n'
        '<tbody>\n<tr><td class="lkj-first-col">&lt;x&gt;</td></tr>\n</tbody>\n</table>\n'
        "</figure>"
    )


def test_terbilang() -> None:
    assert [terbilang(n) for n in (0, 9, 11, 13, 21, 100, 112, 1000, 2025)] == [
        "nol",
        "sembilan",
        "sebelas",
        "tiga belas",
        "dua puluh satu",
        "seratus",
        "seratus dua belas",
        "seribu",
        "dua ribu dua puluh lima",
    ]
    assert dengan_kata(13) == "13 (tiga belas)"


def test_markdown_is_sanitised() -> None:
    out = render_markdown(
        "Para <b>raw</b> **bold** *it*\n\n<div>x<script>alert(1)</script></div>\n\n"
        "- a\n- b\n\n| h | i |\n|---|---|\n| 1 | 2 |\n\n"
        "[ok](https://example.org) [plain](http://example.org) [js](javascript:alert(1))\n\n"
        "![img](https://example.org/x.png)\n"
    )
    assert "<b>" not in out and "<script" not in out and "alert(1)</" not in out
    assert "<div" not in out and "<img" not in out
    assert "<strong>bold</strong>" in out and "<em>it</em>" in out
    assert "<ul>" in out and "<table>" in out and "<td>2</td>" in out
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in out
    assert 'href="http://example.org"' not in out and "javascript:" not in out.replace(
        "[js](javascript:alert(1))", ""
    )


def test_narasi_missing_and_sections(tmp_path: Path) -> None:
    folder = tmp_path / "2025-Q2"
    folder.mkdir()
    (folder / "iku-01.md").write_text(
        "## Informasi Kinerja\n\nTeks **info**.\n\n## Evaluasi Kinerja\n\nTeks evaluasi.\n"
    )
    narasi = Narasi(
        NarrativeFolder(folder, "data/x/2025/narasi/2025-Q2", tmp_path), Period(2025, 2)
    )
    info = narasi.block("iku-01", "IKU 1", "Informasi Kinerja")
    assert info is not None and "<strong>info</strong>" in info.html()
    assert narasi.block("iku-01", "IKU 1", "Strategi Penyelesaian Masalah", optional=True) is None
    missing = narasi.block("iku-02", "IKU 2, Informasi Kinerja", "Informasi Kinerja")
    assert isinstance(missing, Missing)
    assert missing.html() == (
        '<div class="lkj-missing">Narasi analis untuk IKU 2, Informasi Kinerja '
        "(Triwulan II 2025) belum tersedia.</div>"
    )
    assert missing.file == "data/x/2025/narasi/2025-Q2/iku-02.md"


def test_misspelt_section_is_an_error() -> None:
    prose = ProseFile("iku-01", "data/x/iku-01.md", "## Informasi kinerja\n\nTeks.\n")
    with pytest.raises(DataError, match=r"line 1: unknown section '## Informasi kinerja'"):
        prose.check()


def _notebook(*outputs: list[Block | str]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for n, blocks in enumerate(outputs, start=1):
        cell = nbformat.v4.new_code_cell("")
        cell.metadata["lkj"] = {"source": "t", "index": n}
        cell.outputs = [
            nbformat.v4.new_output("stream", name="stdout", text=b)
            if isinstance(b, str)
            else nbformat.v4.new_output("display_data", data=b._repr_mimebundle_())
            for b in blocks
        ]
        nb.cells.append(cell)
    return nb


def _html(output: nbformat.NotebookNode) -> str:
    return output["data"]["text/html"]


def test_assembly_numbers_tables_letters_sections_and_fills_lists() -> None:
    small = Table([[c("x")]], [[[c("1")]]])
    nb = _notebook(
        [structure.chapter("Kata Pengantar"), structure.toc(), structure.lot()],
        [structure.chapter("Akuntabilitas Kinerja", 2), structure.section("Capaian", id="cap")],
        [
            table_block("Satu", small),
            table_block("Tanpa nomor", small, numbered=False),
            table_block("Dua", small),
            "debug",
        ],
    )
    asm = assemble(nb)
    cells = nb.cells
    assert _html(cells[1].outputs[1]) == (
        '<h2 id="cap"><span class="lkj-section-number">A.</span> '
        '<span class="lkj-section-title">Capaian</span></h2>'
    )
    first, unnumbered, second = cells[2].outputs  # the stray print is left out
    assert 'id="tabel-2-1"' in _html(first) and ">Tabel 2.1<" in _html(first)
    assert "lkj-table-number" not in _html(unnumbered)
    assert 'id="tabel-2-2"' in _html(second)
    assert cells[1].outputs[0]["metadata"]["lkj"] == {
        "chapter": "bab-ii-akuntabilitas-kinerja",
        "numbering": "arabic",
        "first_arabic": True,  # print restarts the page count here
    }
    assert cells[0].outputs[0]["metadata"]["lkj"]["numbering"] == "roman"
    toc = _html(cells[0].outputs[1])
    # front matter: its page numbers print as i, ii, ...
    assert '<a href="#kata-pengantar" data-lkj-numbering="roman">KATA PENGANTAR</a>' in toc
    assert '<a href="#cap">A. Capaian</a>' in toc
    lot = _html(cells[0].outputs[2])
    assert lot == (
        '<nav class="lkj-lot" id="daftar-tabel">\n<ol>\n'
        '<li><a href="#tabel-2-1"><span class="lkj-lot-number">Tabel 2.1</span> '
        '<span class="lkj-lot-title">Satu</span></a></li>\n'
        '<li><a href="#tabel-2-2"><span class="lkj-lot-number">Tabel 2.2</span> '
        '<span class="lkj-lot-title">Dua</span></a></li>\n</ol>\n</nav>'
    )
    assert asm.warnings == ["chapter t, cell 3: an output that is not an lkj block was left out"]


def test_assembly_refuses_a_duplicate_id() -> None:
    nb = _notebook(
        [
            structure.chapter("Satu", 1),
            structure.heading("X", 3, id="sama"),
            structure.heading("Y", 3, id="sama"),
        ]
    )
    with pytest.raises(BuildError, match="id 'sama' is used twice"):
        assemble(nb)
