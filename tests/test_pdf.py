"""The PDF mechanics (lkj.report.pdf + print.css) on a small sample report that follows the HTML
contract: cover, front matter, three chapters, a long table, rowspans, a chart."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pdf_inspect import A4_POINTS, ReportPdf, squash

from lkj.errors import LkjError
from lkj.report import pdf

FIXTURE = Path(__file__).parent / "fixtures" / "sample_report.html"
TITLE = "Laporan Kinerja BP3MI Jawa Barat Triwulan II 2025"
UNIT = "BP3MI Jawa Barat"
PERIOD = "Laporan Kinerja Triwulan II 2025"
CREATED = date(2025, 7, 22)  # differs from the fixture's own <meta>: the argument wins
MOU_SCOPE = (
    "Sosialisasi migrasi aman, pendataan calon PMI dan fasilitasi pelatihan calon pekerja migran"
)
MOU_ROWS = 42


def _render(out: Path, html: str | None = None, **kw: object) -> Path:
    args: dict[str, object] = {
        "base_url": FIXTURE.parent,
        "created": CREATED,
        "title": TITLE,
        "unit": UNIT,
        "period": PERIOD,
    }
    args.update(kw)
    source = FIXTURE.read_text(encoding="utf-8") if html is None else html
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf.render(source, **args))  # type: ignore[arg-type]
    return out


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _render(tmp_path_factory.mktemp("pdf") / "sample.pdf")


@pytest.fixture(scope="module")
def doc(sample_pdf: Path) -> ReportPdf:
    return ReportPdf(sample_pdf)


def _chapter_titles() -> list[str]:
    html = FIXTURE.read_text(encoding="utf-8")
    return [
        squash(re.sub(r"<[^>]+>", " ", m))
        for m in re.findall(r'<h1 class="lkj-chapter-title">(.*?)</h1>', html)
    ]


def _table_ids() -> list[str]:
    html = FIXTURE.read_text(encoding="utf-8")
    return re.findall(r'<figure class="lkj-table" id="(tabel-[0-9-]+)"', html)


# ---- the page -----------------------------------------------------------------------------


def test_pdf_is_a4_with_metadata(sample_pdf: Path, doc: ReportPdf) -> None:
    assert sample_pdf.read_bytes().startswith(b"%PDF-")
    (size,) = doc.page_sizes()
    assert size == pytest.approx(A4_POINTS, abs=0.5)
    meta = doc.reader.metadata
    assert meta.title == TITLE
    assert meta["/CreationDate"].startswith("D:20250722")
    assert meta["/ModDate"].startswith("D:20250722")


def test_body_font_is_the_shipped_one_and_embedded(doc: ReportPdf) -> None:
    fonts = doc.fonts()
    assert fonts, "no fonts found"
    assert all(fonts.values()), f"not embedded: {[n for n, e in fonts.items() if not e]}"
    # Chart text included: nothing falls back to whatever the machine has installed.
    assert all("LKJ-Sans" in name for name in fonts), sorted(fonts)


def test_shipped_fonts_are_small_licensed_and_used() -> None:
    fonts = sorted(pdf.FONTS_DIR.glob("*.ttf"))
    assert len(fonts) == 4
    assert sum(f.stat().st_size for f in fonts) < 2_000_000
    assert "SIL OPEN FONT LICENSE Version 1.1" in (pdf.FONTS_DIR / "LICENSE-OFL.txt").read_text()
    css = pdf.PRINT_CSS.read_text(encoding="utf-8")
    used = re.findall(r'url\("\.\./assets/fonts/([^"]+)"\)', css)
    assert sorted(used) == [f.name for f in fonts]


def test_page_numbers_cover_roman_then_arabic(doc: ReportPdf) -> None:
    labels = doc.labels
    assert labels[:5] == ["Sampul", "i", "ii", "iii", "iv"]
    assert labels[5:] == [str(n) for n in range(1, len(labels) - 4)]
    # The printed number (footer) matches the page label; the cover has none.
    for index, text in enumerate(doc.texts):
        last_line = text.strip().splitlines()[-1].strip()
        if index == 0:
            assert last_line not in labels
            assert not re.search(r"(?m)^\s*(?:[ivx]+|\d+)\s*$", text), text
        else:
            assert last_line == labels[index], (index, text[-200:])


def test_front_matter_and_chapters_start_where_expected(doc: ReportPdf) -> None:
    tops = [b for b in doc.bookmarks if b.level == 1]
    assert [doc.labels[b.page] for b in tops[:5]] == ["i", "ii", "iii", "iv", "1"]
    for bookmark in tops:  # each chapter opens its page
        first_line = doc.texts[bookmark.page].strip().splitlines()[0]
        assert squash(first_line) in bookmark.title


def test_running_header_on_every_page_but_the_cover(doc: ReportPdf) -> None:
    assert UNIT not in doc.texts[0].replace("\n", " ").split("JAWA BARAT")[-1]
    assert PERIOD not in doc.texts[0]
    for text in doc.texts[1:]:
        assert UNIT in text and PERIOD in text


# ---- bookmarks and lists --------------------------------------------------------------------


def test_bookmarks_for_every_chapter_and_section(doc: ReportPdf) -> None:
    tops = [b.title for b in doc.bookmarks if b.level == 1]
    assert tops == _chapter_titles()
    sections = [b.title for b in doc.bookmarks if b.level == 2]
    assert sections[:2] == [
        "A. Rencana Strategis BP3MI Jawa Barat Tahun 2025-2029",
        "B. Perjanjian Kinerja BP3MI Jawa Barat",
    ]
    assert len(sections) == 7
    # The cover and the lists themselves add no bookmarks of their own.
    assert not any(b.title == "LAPORAN KINERJA" for b in doc.bookmarks)


def test_daftar_tabel_gives_the_page_of_every_table(doc: ReportPdf) -> None:
    entries = doc.list_entries("DAFTAR TABEL")
    expected = [f"Tabel {i.removeprefix('tabel-').replace('-', '.')}" for i in _table_ids()]
    assert [e.number for e in entries] == expected
    lists = set(doc.chapter_pages("DAFTAR TABEL"))
    for entry in entries:
        page = doc.page_of_label(entry.label)
        caption = squash(f"{entry.number} {entry.title}")
        assert caption in squash(doc.texts[page]), (entry, doc.texts[page][:300])
        others = [i for i, t in enumerate(doc.texts) if i not in lists and caption in squash(t)]
        assert others == [page]


def test_daftar_isi_gives_the_page_of_every_chapter_and_section(doc: ReportPdf) -> None:
    text = "\n".join(doc.texts[i] for i in doc.chapter_pages("DAFTAR ISI"))
    printed = {
        squash(m[1]).upper(): m[2]
        for m in re.finditer(r"^(.+?)\s*\.{2,}\s*(\d+|[ivxlcdm]+)\s*$", text, re.MULTILINE)
    }
    for bookmark in doc.bookmarks:
        if bookmark.level > 2:
            continue
        assert printed.get(bookmark.title.upper()) == doc.labels[bookmark.page], bookmark


# ---- tables -------------------------------------------------------------------------------


def _mou_pages(doc: ReportPdf) -> list[int]:
    return [i for i, t in enumerate(doc.texts) if MOU_SCOPE[:30] in squash(t)]


def test_long_table_spans_pages_with_its_header_repeated(doc: ReportPdf) -> None:
    pages = _mou_pages(doc)
    assert len(pages) >= 2, "the sample's long table should run over a page break"
    for i in pages:
        text = squash(doc.texts[i])
        assert "Mitra Kerja Sama" in text and "Ruang Lingkup" in text, i


def test_table_rows_are_never_split(doc: ReportPdf) -> None:
    whole_rows = sum(squash(doc.texts[i]).count(MOU_SCOPE) for i in _mou_pages(doc))
    assert whole_rows == MOU_ROWS


def test_caption_stays_with_its_table(doc: ReportPdf) -> None:
    (page,) = [i for i, t in enumerate(doc.texts) if "Tabel 2.5 Pelaksanaan MoU" in squash(t)
               and i not in doc.chapter_pages("DAFTAR TABEL")]  # fmt: skip
    text = squash(doc.texts[page])
    assert text.index("Tabel 2.5") < text.index("Mitra Kerja Sama") < text.index(MOU_SCOPE)


def test_rowspan_group_is_kept_on_one_page(doc: ReportPdf) -> None:
    """Tabel 1.1: the strategic goal with three indicators does not straddle a page break."""
    goal = "Mewujudkan optimalisasi pemberdayaan"
    indicators = ("Rehabilitasi dan Reintegrasi", "Fasilitasi Pemberdayaan", "112 Orang")
    first, last = doc.page_of_label("1"), doc.page_of_label("2")
    pages = [i for i in (first, last) if goal in squash(doc.texts[i])]
    assert len(pages) == 1
    text = squash(doc.texts[pages[0]])
    assert all(x in text for x in indicators)


# ---- charts and screen-only content -----------------------------------------------------------


def test_chart_is_vector_with_text(doc: ReportPdf) -> None:
    (page,) = [i for i, t in enumerate(doc.texts) if "Gambar 2.1" in t]
    text = doc.texts[page]
    assert "Indikator Kinerja Utama" in text and "IKU 13" in text  # SVG text stays text
    assert all(doc.image_count(i) == 0 for i in range(len(doc.texts)))


def test_screen_only_parts_are_left_out(doc: ReportPdf) -> None:
    everything = "\n".join(doc.texts)
    assert '"mark"' not in everything  # the interactive chart's spec
    assert "</scr" not in everything and "Vega" not in everything


# ---- reproducibility and offline rendering ----------------------------------------------------


def test_rebuild_is_byte_identical(tmp_path: Path, sample_pdf: Path) -> None:
    """Same inputs, same bytes: in another process, another folder, another time zone."""
    out = tmp_path / "again" / "sample.pdf"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from pathlib import Path
        from test_pdf import _render
        _render(Path({str(out)!r}))
        """
    )
    env = {**os.environ, "TZ": "Asia/Jakarta", "SOURCE_DATE_EPOCH": "1"}
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path, env=env)
    assert out.read_bytes() == sample_pdf.read_bytes()


def test_dates_come_from_the_argument(tmp_path: Path) -> None:
    created = datetime(2025, 7, 21, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    out = _render(tmp_path / "dated.pdf", created=created, modified=date(2025, 7, 25))
    meta = ReportPdf(out).reader.metadata
    assert meta["/CreationDate"] == "D:20250721093000+07'00"
    assert meta["/ModDate"].startswith("D:20250725")


@pytest.mark.parametrize(
    "snippet",
    [
        '<img src="https://example.invalid/logo.png" alt="">',
        '<link rel="stylesheet" href="http://example.invalid/x.css">',
        '<style>@import url("https://example.invalid/y.css");</style>',
        '<div style="background: url(ftp://example.invalid/z.png)">x</div>',
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<image href="https://example.invalid/i.png" width="10" height="10"/></svg>',
    ],
)
def test_no_remote_fetch(tmp_path: Path, snippet: str) -> None:
    html = FIXTURE.read_text(encoding="utf-8").replace(
        '<section class="lkj-chapter" id="kata-pengantar"',
        f'{snippet}\n<section class="lkj-chapter" id="kata-pengantar"',
    )
    out = tmp_path / "remote.pdf"
    with pytest.raises(pdf.RemoteResourceError, match=r"example\.invalid") as info:
        _render(out, html)
    assert isinstance(info.value, LkjError)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_local_files_and_data_urls_are_allowed(tmp_path: Path) -> None:
    (tmp_path / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
        '<rect width="4" height="4"/></svg>',
        encoding="utf-8",
    )
    pixel = (
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'>"
        "<rect width='4' height='4'/></svg>"
    )
    html = FIXTURE.read_text(encoding="utf-8").replace(
        '<p class="lkj-cover-title">',
        f'<img src="dot.svg" alt=""><img src="{pixel}" alt=""><p class="lkj-cover-title">',
    )
    out = _render(tmp_path / "local.pdf", html, base_url=tmp_path)
    assert out.exists()


def test_missing_local_file_is_an_error_not_a_gap(tmp_path: Path) -> None:
    html = FIXTURE.read_text(encoding="utf-8").replace(
        '<p class="lkj-cover-title">',
        '<img src="no-such-logo.png" alt=""><p class="lkj-cover-title">',
    )
    with pytest.raises(pdf.PdfError, match=r"no-such-logo\.png"):
        _render(tmp_path / "missing.pdf", html, base_url=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_failed_render_keeps_the_previous_pdf(tmp_path: Path, sample_pdf: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(sample_pdf.read_bytes())
    html = FIXTURE.read_text(encoding="utf-8").replace(
        "<main", '<img src="https://example.invalid/a.png" alt=""><main'
    )
    with pytest.raises(pdf.RemoteResourceError):
        _render(out, html)
    assert out.read_bytes() == sample_pdf.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
