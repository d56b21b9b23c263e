"""The generated analysis in the report: marked blocks, the attention flag, the optional
reconciliation appendix and its params switch, and the notebook cells that show them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lkj.errors import DataError, ParamsError
from lkj.report import generated
from lkj.report.block import MIME, from_record
from lkj.report.blocks import Analysis, Chapter, TableFigure
from lkj.report.context import load_report
from tests.conftest import REPO

LABEL = "Analisis otomatis (dihasilkan dari angka)"
PARAMS = "params/bp3mi-jabar/2025-Q2.yaml"


@pytest.fixture(scope="module")
def ctx():  # type: ignore[no-untyped-def]
    return load_report("bp3mi-jabar", "2025-Q2", REPO)


def test_iku_block_is_marked_as_generated(ctx) -> None:  # type: ignore[no-untyped-def]
    block = generated.iku(ctx, 9)
    assert isinstance(block, Analysis)
    html = block.html()
    assert html.startswith('<div class="lkj-generated lkj-analysis">')
    assert LABEL in html
    # IKU 9: 619 of the 1.000 planned by Triwulan II -> 619 / 1.000 x 2.000 = 1.238 of 2.000
    assert "tertinggal 381 orang dari target s.d. Triwulan II" in html
    assert "diproyeksikan 1.238 orang atau 61,90% dari target tahunan 2.000 orang" in html
    assert "Perlu perhatian: target tahunan IKU 9 diperkirakan tidak tercapai." in html
    # IKU 10 is above its annual target already: no flag
    assert "Perlu perhatian" not in generated.iku(ctx, 10).html()


def test_overview_lists_the_iku_needing_attention(ctx) -> None:  # type: ignore[no-untyped-def]
    html = generated.ringkasan(ctx).html()
    assert LABEL in html
    # IKU 4 is on plan (its 40 persons are planned for Triwulan III): not flagged
    assert "4 IKU perlu perhatian" in html and "IKU 2, 5, 6 dan 9" in html
    assert html.count("<li>") == 4
    assert "0,00%" not in html.split("<ul>")[1]
    assert "<li>IKU 9 (Data Supply): capaian s.d. Triwulan II 30,95%, proyeksi akhir tahun " \
           "61,90% dari target tahunan.</li>" in html  # fmt: skip


def test_method_is_said_once_before_the_iku(ctx) -> None:  # type: ignore[no-untyped-def]
    html = generated.metode(ctx).html()
    assert LABEL in html and "dinilai terhadap rencana triwulanan" in html
    assert html.count("<p>") == 1


def test_budget_block(ctx) -> None:  # type: ignore[no-untyped-def]
    (block,) = generated.anggaran(ctx)
    html = block.html()
    assert LABEL in html and "indeks efisiensi" in html
    # Sasaran 1: 12.571.096 / 115.260.000 = 10,91%; 55,23 / 10,91 = 5,06
    assert "indeks efisiensi 5,06" in html
    # one method paragraph, one line per goal group (8 groups: 8 and 9 share a line), the total
    assert html.count("<li>") == 9


def test_appendix_is_off_by_default(project_copy: Path) -> None:
    path = project_copy / PARAMS
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^lampiran_rekonsiliasi:.*$", "", text), encoding="utf-8")
    ctx = load_report("bp3mi-jabar", "2025-Q2", project_copy)
    assert ctx.params.lampiran_rekonsiliasi is False
    assert generated.rekonsiliasi(ctx) == []


def test_shipped_triwulan_ii_explains_its_departures(ctx) -> None:  # type: ignore[no-untyped-def]
    """Q2 has a transcription of its published report: the appendix is on (params)."""
    assert ctx.params.lampiran_rekonsiliasi is True
    assert len(generated.rekonsiliasi(ctx)) == 3


def switch_on(root: Path, value: str = "true") -> None:
    path = root / PARAMS
    text = path.read_text(encoding="utf-8")
    if "lampiran_rekonsiliasi:" in text:
        text = re.sub(r"(?m)^lampiran_rekonsiliasi:.*$", f"lampiran_rekonsiliasi: {value}", text)
    else:
        text += f"\nlampiran_rekonsiliasi: {value}\n"
    path.write_text(text, encoding="utf-8")


def test_appendix_lists_the_findings(project_copy: Path) -> None:
    switch_on(project_copy)
    blocks = generated.rekonsiliasi(load_report("bp3mi-jabar", "2025-Q2", project_copy))
    head, intro, table = blocks
    assert isinstance(head, Chapter) and head.id == "lampiran-rekonsiliasi-angka"
    assert head.numbering == "arabic"  # after Bab III, not front matter
    assert "LAMPIRAN: REKONSILIASI ANGKA" in head.html()
    assert "lkj-generated" in intro.html() and "ditemukan 34 selisih" in intro.html()
    assert isinstance(table, TableFigure) and table.numbered is False
    assert table.table.count("<tr>") == 1 + 34
    assert "13-04-2027" in table.table and "13-04-2028" in table.table


def test_appendix_without_transcription_is_a_clear_error(project_copy: Path) -> None:
    switch_on(project_copy)
    (project_copy / "data/bp3mi-jabar/2025/published/2025-Q2.yaml").unlink()
    ctx = load_report("bp3mi-jabar", "2025-Q2", project_copy)
    with pytest.raises(DataError, match="no transcription of the published report"):
        generated.rekonsiliasi(ctx)


def test_switch_must_be_a_boolean(project_copy: Path) -> None:
    switch_on(project_copy, "ya")
    with pytest.raises(ParamsError, match="lampiran_rekonsiliasi"):
        load_report("bp3mi-jabar", "2025-Q2", project_copy)


def cells(name: str) -> list[str]:
    nb = json.loads((REPO / "notebooks" / name).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("01_ringkasan_eksekutif.ipynb", "display(generated.ringkasan(ctx))"),
        ("04_bab2b_evaluasi_analisis.ipynb", "display(generated.iku(ctx, r.iku))"),
        ("04_bab2b_evaluasi_analisis.ipynb", "display(generated.metode(ctx))"),
        ("05_bab2c_realisasi_anggaran.ipynb", "display(*budget_table.section(ctx))"),
        ("07_lampiran_rekonsiliasi.ipynb", "display(*generated.rekonsiliasi(ctx))"),
    ],
)
def test_notebooks_show_the_analysis(name: str, call: str) -> None:
    assert any(call in source for source in cells(name))


def test_blocks_carry_the_lkj_record(ctx) -> None:  # type: ignore[no-untyped-def]
    block = generated.iku(ctx, 1)
    bundle = block._repr_mimebundle_()
    assert bundle[MIME]["block"] == "Analysis" and bundle["text/html"] == block.html()
    assert from_record(json.loads(json.dumps(bundle[MIME]))) == block
