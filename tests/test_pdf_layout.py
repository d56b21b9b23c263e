"""The PDF's page layout, checked on real pages: the generated-analysis label never ends a page,
a table never breaks after its first body row, the Misi/Tujuan lists print "a. b.", a chart
that would leave a half-empty page floats past the text after it.

The built reports (Triwulan I and II of the shipped data) are read back with pypdf, text with
its position on the page; the rules themselves are also checked on small documents laid out
where the break would fall.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lkj.cli import main
from lkj.report import pdf
from tests.conftest import REPO, BuiltReport
from tests.pdf_inspect import ReportPdf, squash

LABEL = "Analisis otomatis"
BODY_BOTTOM = 62.0  # pt: the bottom page margin (22 mm); the page number prints below it
BODY_TOP = 770.0  # pt: the running header prints above it


def positioned(path: Path) -> list[list[tuple[float, str]]]:
    """Per page, every text run with the height of its baseline (pt from the bottom)."""
    return [_runs(page) for page in PdfReader(path).pages]


def _runs(page: Any) -> list[tuple[float, str]]:
    runs: list[tuple[float, str]] = []

    def visitor(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            runs.append((tm[5] * cm[3] + tm[4] * cm[1] + cm[5], text.strip()))

    page.extract_text(visitor_text=visitor)
    return runs


def body(runs: list[tuple[float, str]]) -> list[tuple[float, str]]:
    return [(y, t) for y, t in runs if BODY_BOTTOM < y < BODY_TOP]


@pytest.fixture(scope="module")
def q1_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("q1") / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "build", "2025-Q1", "--to", "html,pdf"])
    assert code == 0, err.getvalue()
    return root / "reports/bp3mi-jabar/2025-Q1/lkj-bp3mi-jabar-2025-tw1.pdf"


@pytest.fixture(scope="module")
def reports(built_report: BuiltReport, q1_pdf: Path) -> dict[str, list[list[tuple[float, str]]]]:
    return {
        "2025-Q1": positioned(q1_pdf),
        "2025-Q2": positioned(built_report.html_path.with_suffix(".pdf")),
    }


@pytest.mark.slow
@pytest.mark.parametrize("period", ["2025-Q1", "2025-Q2"])
def test_generated_label_never_ends_a_page(reports: dict, period: str) -> None:  # type: ignore[type-arg]
    labels = 0
    for number, runs in enumerate(reports[period], start=1):
        text = body(runs)
        for y, t in text:
            if LABEL in t:
                labels += 1
                below = [u for v, u in text if v < y - 1]
                assert below, f"{period}, page {number}: the label ends the page"
    assert labels >= 13  # one per IKU at least


@pytest.mark.slow
def test_misi_and_tujuan_print_letters(reports: dict) -> None:  # type: ignore[type-arg]
    text = [t for page in reports["2025-Q2"] for _, t in page]
    start = next(i for i, t in enumerate(text) if "menetapkan 4" in t or "4 (empat) misi" in t)
    window = text[start : start + 40]
    assert any(t.startswith("a.") for t in window) and any(t.startswith("b.") for t in window)
    assert not any(t == "1." or t.startswith("1. Memberikan") for t in window)


@pytest.fixture(scope="module")
def docs(built_report: BuiltReport, q1_pdf: Path) -> dict[str, ReportPdf]:
    return {
        "2025-Q1": ReportPdf(q1_pdf),
        "2025-Q2": ReportPdf(built_report.html_path.with_suffix(".pdf")),
    }


@pytest.mark.slow
def test_no_half_empty_page_before_a_chart(reports: dict, docs: dict) -> None:  # type: ignore[type-arg]
    checked = 0
    for period, pages in reports.items():
        doc = docs[period]
        lists = set(doc.chapter_pages("DAFTAR GAMBAR"))
        starts = {b.page for b in doc.bookmarks if b.level == 1}
        for index in range(1, len(pages)):
            captions = [t for _, t in body(pages[index]) if re.match(r"Gambar \d+\.\d+", t)]
            if not captions or index in lists or index in starts:
                continue
            checked += 1
            lowest = min(y for y, _ in body(pages[index - 1]))
            # the page before may end early (a chart moves down past the text after it),
            # but never leaves 30% of its text area empty
            assert lowest - BODY_BOTTOM < 0.3 * (BODY_TOP - BODY_BOTTOM), (
                f"{period}: the page before {captions[0]} (PDF page {index + 1}) is "
                f"{lowest - BODY_BOTTOM:.0f} pt short"
            )
    assert checked >= 6  # three charts in each quarter


@pytest.mark.slow
def test_daftar_gambar_gives_the_page_of_every_chart(built_report: BuiltReport) -> None:
    doc = ReportPdf(built_report.html_path.with_suffix(".pdf"))
    charts = re.findall(
        r'<figure class="lkj-chart" id="(grafik-[a-z0-9-]+)">.*?'
        r'<span class="lkj-chart-number">(Gambar [0-9.]+)</span>',
        built_report.html,
        re.DOTALL,
    )
    entries = doc.list_entries("DAFTAR GAMBAR")
    assert [e.number for e in entries] == [number for _, number in charts]
    assert len(entries) == 3
    for entry in entries:
        page = doc.page_of_label(entry.label)  # the printed number, then the real page
        assert f"{entry.number} {entry.title}" in squash(doc.texts[page]), entry
    # the list has its place in the Daftar Isi, after the Daftar Tabel
    titles = [b.title for b in doc.bookmarks if b.level == 1]
    assert titles.index("DAFTAR GAMBAR") == titles.index("DAFTAR TABEL") + 1


# ---- the rules on small documents, laid out where the break falls --------------------------


def page_texts(html: str, tmp_path: Path) -> list[str]:
    data = pdf.render(html, base_url=tmp_path, created=date(2025, 7, 21), title="uji")
    path = tmp_path / "uji.pdf"
    path.write_bytes(data)
    return [" ".join(t for _, t in body(runs)) for runs in positioned(path)]


def doc(spacer_mm: float, content: str) -> str:
    return (
        "<!DOCTYPE html><html><body><main><section class='lkj-chapter' id='bab' "
        f"data-numbering='arabic'><div style='height:{spacer_mm}mm'>Pengisi.</div>{content}"
        "</section></main></body></html>"
    )


TABLE = (
    "<figure class='lkj-table' id='tabel-1-1'><figcaption>Tabel 1.1 Judul</figcaption><table>"
    "<thead><tr><th>A</th><th>B</th></tr></thead><tbody>"
    + "".join(f"<tr><td>Baris {i}</td><td>{i}</td></tr>" for i in range(1, 8))
    + "</tbody></table></figure>"
)
BOX = (
    "<div class='lkj-generated lkj-analysis'><p class='lkj-generated-label'><strong>"
    "Analisis otomatis (dihasilkan dari angka)</strong></p><p>"
    + "Kalimat analisis. " * 60
    + "</p></div>"
)


def test_a_table_never_breaks_after_its_first_row(tmp_path: Path) -> None:
    # find spacers that leave room for caption, header and exactly one row, or two
    placed = {}
    for spacer in range(200, 232, 2):
        pages = page_texts(doc(spacer, TABLE), tmp_path)
        first = pages[0]
        placed[spacer] = sum(f"Baris {i}" in first for i in range(1, 8))
    assert 1 not in placed.values(), placed  # never the first row alone
    assert 0 in placed.values() and any(n >= 2 for n in placed.values())


def test_the_label_goes_with_its_text(tmp_path: Path) -> None:
    seen = set()
    for spacer in range(214, 236, 2):
        first, *_ = page_texts(doc(spacer, BOX), tmp_path)
        seen.add(LABEL in first)
        if LABEL in first:
            assert "Kalimat analisis" in first, spacer
    assert seen == {True, False}  # the spacers did put the label at the foot of the page
