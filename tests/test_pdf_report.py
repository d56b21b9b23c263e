"""End to end: the PDF that `lkj build 2025-Q2` writes next to the HTML (session build)."""

from __future__ import annotations

import contextlib
import html as htmllib
import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, BuiltReport
from pdf_inspect import A4_POINTS, ReportPdf, squash

from lkj.cli import main

pytestmark = pytest.mark.slow

PDF_NAME = "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.pdf"


@pytest.fixture(scope="module")
def report_pdf(built_report: BuiltReport) -> Path:
    path = built_report.root / PDF_NAME
    assert path.is_file(), f"lkj build wrote no PDF; stdout:\n{built_report.stdout}"
    return path


@pytest.fixture(scope="module")
def doc(report_pdf: Path) -> ReportPdf:
    return ReportPdf(report_pdf)


def _text(fragment: str) -> str:
    return squash(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def test_build_reports_the_pdf(built_report: BuiltReport) -> None:
    assert f"pdf: {PDF_NAME}" in built_report.stdout


def test_pdf_is_a4_and_titled(doc: ReportPdf) -> None:
    (size,) = doc.page_sizes()
    assert size == pytest.approx(A4_POINTS, abs=0.5)
    meta = doc.reader.metadata
    assert meta.title == "Laporan Kinerja BP3MI Jawa Barat Triwulan II 2025"
    assert meta["/CreationDate"].startswith("D:20250721")  # the signing date in params


def test_numbering_follows_the_reference(doc: ReportPdf) -> None:
    """Cover unnumbered; Kata Pengantar .. Ringkasan Eksekutif i, ii, ...; Bab I from 1."""
    tops = {b.title: doc.labels[b.page] for b in doc.bookmarks if b.level == 1}
    assert doc.labels[0] == "Sampul"
    assert tops["KATA PENGANTAR"] == "i"
    assert tops["DAFTAR ISI"] == "ii"
    assert tops["DAFTAR TABEL"] == "iii"
    assert tops["DAFTAR GAMBAR"] == "iv"
    assert tops["RINGKASAN EKSEKUTIF"] == "v"
    assert tops["BAB I PERENCANAAN KINERJA"] == "1"
    for index, text in enumerate(doc.texts[1:], 1):  # the printed number is the label
        assert text.strip().splitlines()[-1].strip() == doc.labels[index]


def test_bookmarks_for_every_chapter_and_section(built_report: BuiltReport, doc: ReportPdf) -> None:
    html = built_report.html
    chapters = [_text(m) for m in re.findall(r'<h1 class="lkj-chapter-title">(.*?)</h1>', html)]
    sections = [_text(m) for m in re.findall(r"<h2 id=[^>]*>(.*?)</h2>", html, re.S)]
    assert len(chapters) >= 7 and len(sections) >= 7
    assert [b.title for b in doc.bookmarks if b.level == 1] == chapters
    assert [b.title for b in doc.bookmarks if b.level == 2] == sections
    for b in doc.bookmarks:  # each bookmark's page shows its heading
        assert b.title.upper()[:40] in squash(doc.texts[b.page]).upper(), b


def test_every_table_caption_is_on_the_page_the_daftar_tabel_gives(
    built_report: BuiltReport, doc: ReportPdf
) -> None:
    numbers = [
        "Tabel " + n.replace("-", ".")
        for n in re.findall(r'<figure class="lkj-table" id="tabel-([0-9-]+)"', built_report.html)
    ]
    entries = doc.list_entries("DAFTAR TABEL")
    assert [e.number for e in entries] == numbers
    for entry in entries:
        page = doc.page_of_label(entry.label)
        assert f"{entry.number} {entry.title}" in squash(doc.texts[page]), entry


def test_daftar_isi_page_numbers_match_the_bookmarks(doc: ReportPdf) -> None:
    text = "\n".join(doc.texts[i] for i in doc.chapter_pages("DAFTAR ISI"))
    printed = {
        squash(m[1]).upper(): m[2]
        for m in re.finditer(r"^(.+?)\s*\.{2,}\s*(\d+|[ivxlcdm]+)\s*$", text, re.MULTILINE)
    }
    for b in doc.bookmarks:
        if b.level <= 2:
            assert printed.get(b.title.upper()) == doc.labels[b.page], b


def test_fonts_embedded_and_charts_vector(doc: ReportPdf) -> None:
    fonts = doc.fonts()
    assert fonts and all(fonts.values())
    assert all("LKJ-Sans" in name for name in fonts), sorted(fonts)
    assert sum(doc.image_count(i) for i in range(len(doc.texts))) == 0  # no raster at all
    lists = set(doc.chapter_pages("DAFTAR GAMBAR"))
    charts = [
        i for i, t in enumerate(doc.texts) if re.search(r"Gambar \d+\.\d+", t) and i not in lists
    ]
    assert charts
    for i in charts:  # chart labels are text, not pixels
        assert "IKU" in doc.texts[i] or "SS" in doc.texts[i]


def test_rebuild_elsewhere_is_byte_identical(
    tmp_path: Path, report_pdf: Path, built_report: BuiltReport
) -> None:
    """A second `lkj build --to pdf`, in another copy of the tree: the same bytes."""
    root = tmp_path / "elsewhere"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "build", "2025-Q2", "--to", "pdf"])
    assert code == 0, err.getvalue()
    assert not (root / PDF_NAME).with_suffix(".html").exists()
    assert (root / PDF_NAME).read_bytes() == report_pdf.read_bytes()
