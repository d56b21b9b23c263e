"""Every kind of block: it survives the trip through a notebook and escapes all its text."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any, get_type_hints

import nbformat
import pytest
from markupsafe import Markup

from lkj.errors import BuildError
from lkj.report import blocks as b
from lkj.report.assemble import assemble
from lkj.report.block import KINDS, MIME, Block, from_record
from lkj.report.table import Table, c, strong

HOSTILE = 'Aduan <lkj-x> & "Co"'
ESCAPED = "Aduan &lt;lkj-x&gt; &amp; &#34;Co&#34;"
ESCAPED_UPPER = "ADUAN &lt;LKJ-X&gt; &amp; &#34;CO&#34;"  # where a template upper-cases it
TABLE = Table([[c("IKU")]], [[[strong("80,77%")]]]).render()

SAMPLES: list[Block] = [
    b.Cover("Balai X", "Triwulan II 2025", telepon="022", situs="x.go.id"),
    b.Signature("Bandung", "(tanggal belum ditetapkan)", False, "Kepala", "Nama", "NIP 1"),
    b.Chapter("bab-i", "PERENCANAAN KINERJA", 1, "arabic"),
    b.Section("renstra", "Rencana Strategis", "A"),
    b.Heading("visi", "1. Visi", 3, "lkj-x"),
    b.GoalHeading("sasaran-strategis-1", 1, "Meningkatkan Layanan"),
    b.Contents((b.Entry("bab-i", "BAB I X"), b.Entry("a", "A. Y", level=2, roman=True))),
    b.TableList((b.Entry("tabel-1-1", "Perjanjian", number="Tabel 1.1"),)),
    b.Prose(Markup("<p>Teks <strong>analis</strong>.</p>")),
    b.Blank(),
    b.Missing("Narasi belum tersedia.", "d/iku-01.md", "IKU 1", None, "d", False),
    b.Generated(("Satu.",), ("a;", "b."), ("Akhir.",)),
    b.ReviewStatement("Dinas X", 2015, ("Kami telah mereviu.", "Simpulan.")),
    b.Analysis(("Naik.",), ("IKU 9",), "Perlu perhatian."),
    b.Visi("Terwujudnya pelindungan"),
    b.LetteredList(("Misi satu", "Misi dua")),
    b.TableFigure("Perjanjian Kinerja", TABLE, notes=("Catatan.",), number="Tabel 1.1"),
    b.Chart("grafik-x", "Capaian", {"mark": "bar"}, Markup("<svg></svg>"), "Keterangan."),
    b.FigureList((b.Entry("grafik-x", "Capaian", number="Gambar 2.1"),)),
]


def test_every_kind_has_a_sample() -> None:
    assert sorted(type(s).__name__ for s in SAMPLES) == sorted(KINDS)


@pytest.mark.parametrize("block", SAMPLES, ids=lambda s: type(s).__name__)
def test_block_survives_the_notebook(block: Block) -> None:
    """As stored in an executed notebook (JSON), read back equal, rendering the same HTML."""
    bundle = block._repr_mimebundle_()
    again = from_record(json.loads(json.dumps(bundle[MIME])))
    assert again == block and type(again) is type(block)
    assert again.html() == bundle["text/html"] == block.html()


def _hostile(block: Block) -> tuple[Block, list[str]]:
    """``block`` with every text field (str, or tuple of str) set to HOSTILE."""
    hints = get_type_hints(type(block))
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(block):  # type: ignore[arg-type]
        hint = hints[f.name]
        if hint in (str, str | None):
            changes[f.name] = HOSTILE
        elif hint == tuple[str, ...]:
            changes[f.name] = (HOSTILE,)
        elif hint == tuple[b.Entry, ...] | None:
            changes[f.name] = (b.Entry(HOSTILE, HOSTILE, number=HOSTILE),)
    return dataclasses.replace(block, **changes), sorted(changes)  # type: ignore[type-var]


@pytest.mark.parametrize("block", SAMPLES, ids=lambda s: type(s).__name__)
def test_block_escapes_every_text_field(block: Block) -> None:
    hostile, fields = _hostile(block)
    html = hostile.html()
    assert not re.search("<lkj-x", html, re.IGNORECASE), html
    assert '"Co"' not in html and '& "' not in html
    assert (ESCAPED in html or ESCAPED_UPPER in html) == bool(fields), html


def test_missing_and_chart_text_is_escaped_too() -> None:
    missing = dataclasses.replace(SAMPLES[10], text=HOSTILE)
    assert missing.html() == f'<div class="lkj-missing">{ESCAPED}</div>'
    chart = b.Chart("grafik-x", HOSTILE, {"title": HOSTILE}, Markup("<svg/>"), HOSTILE)
    html = chart.html()
    assert f'aria-label="{ESCAPED}"' in html and f'"lkj-chart-note">{ESCAPED}<' in html
    assert '{"title":"Aduan \\u003clkj-x\\u003e \\u0026 \\"Co\\""}' in html  # JSON in a script


def _notebook(*blocks: Block) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.metadata["lkj"] = {"source": "t", "index": 1}
    cell.outputs = [
        nbformat.v4.new_output("display_data", data=x._repr_mimebundle_()) for x in blocks
    ]
    nb.cells.append(cell)
    return nb


def test_charts_are_numbered_in_numbered_chapters_only() -> None:
    chart = b.Chart("grafik-a", "A", {}, Markup("<svg/>"))
    nb = _notebook(
        b.Chapter("ringkasan", "RINGKASAN", None, "roman"),
        chart,
        b.Chapter("bab-ii", "AKUNTABILITAS", 2, "arabic"),
        dataclasses.replace(chart, id="grafik-b"),
    )
    asm = assemble(nb)
    first, second = (o.data["text/html"] for o in nb.cells[0].outputs[1::2])
    assert "lkj-chart-number" not in first
    assert '<span class="lkj-chart-number">Gambar 2.1</span>' in second
    assert asm.charts == 2


def test_unknown_block_kind_names_the_cell() -> None:
    nb = _notebook(b.Blank())
    nb.cells[0].outputs[0].data[MIME] = {"block": "Gone"}
    with pytest.raises(BuildError, match=r"chapter t, cell 1: .*unknown block kind 'Gone'"):
        assemble(nb)


def test_section_before_any_chapter_is_an_error() -> None:
    with pytest.raises(BuildError, match="a section before any chapter"):
        assemble(_notebook(b.Section("x", "X")))


def test_two_kinds_may_not_share_a_name() -> None:
    """The class name is the kind in the notebook: a second ``Visi`` elsewhere is refused."""
    with pytest.raises(TypeError, match="two block kinds named Visi"):

        @dataclasses.dataclass(frozen=True)
        class Visi(Block):  # a kind of the same name, in another module
            text: str

    assert KINDS["Visi"] is b.Visi
