"""`lkj build PERIOD --to docx`: the same report as an editable Word document: the same blocks
and numbers, Word heading styles, real tables with repeated header rows, charts as images; the
same bytes on every build; LibreOffice opens it (converted to PDF) with its tables."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from lkj.cli import main
from tests.conftest import REPO, BuiltReport
from tests.libreoffice import convert

pytestmark = pytest.mark.slow

NAME = "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Built:
    root: Path
    path: Path
    data: bytes


def build(root: Path, *extra: str) -> None:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "build", "2025-Q2", "--to", "docx", *extra])
    assert code == 0, err.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("docx") / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    build(root)
    path = root / f"{NAME}.docx"
    assert not (root / f"{NAME}.html").exists()  # only what was asked for
    return Built(root, path, path.read_bytes())


def html_texts(html: str, pattern: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(pattern, html, re.S)]


def test_the_same_bytes_when_built_again(built: Built) -> None:
    build(built.root, "--force")  # new kernel, new worker processes
    assert built.path.read_bytes() == built.data


def test_headings_are_word_heading_styles(built: Built, built_report: BuiltReport) -> None:
    doc = docx.Document(str(built.path))
    by_style: dict[str, list[str]] = {}
    for paragraph in doc.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    chapters = html_texts(built_report.html, r'<h1 class="lkj-chapter-title">(.*?)</h1>')
    sections = html_texts(built_report.html, r'<h2 id="[^"]+">(.*?)</h2>')
    assert by_style["Heading 1"] == [re.sub(r"\s+", " ", c) for c in chapters]
    assert by_style["Heading 2"] == [re.sub(r"\s+", " ", s) for s in sections]
    assert "BAB II AKUNTABILITAS KINERJA" in by_style["Heading 1"]
    assert "A. Capaian Kinerja Triwulan" in by_style["Heading 2"]
    assert len(by_style["Heading 3"]) == len(re.findall(r'<h3 id="', built_report.html)) == 12


def test_tables_numbered_as_in_the_html(built: Built, built_report: BuiltReport) -> None:
    doc = docx.Document(str(built.path))
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    numbered = html_texts(
        built_report.html, r'<figcaption><span class="lkj-table-number">(.*?)</figcaption>'
    )
    assert [c for c in captions if c.startswith("Tabel ")] == numbered
    assert numbered[0].startswith("Tabel 1.1 ") and numbered[-1].startswith("Tabel 2.19 ")
    charts = html_texts(
        built_report.html, r'<figcaption><span class="lkj-chart-number">(.*?)</figcaption>'
    )
    assert [c for c in captions if c.startswith("Gambar ")] == charts and len(charts) == 3
    # the Daftar Tabel lists them all
    listed = [
        p.text for p in doc.paragraphs if p.text.startswith("Tabel ") and p.style.name != "Caption"
    ]
    assert listed == numbered


def test_real_tables_with_repeated_header_rows(built: Built, built_report: BuiltReport) -> None:
    doc = docx.Document(str(built.path))
    # 21 and the reconciliation appendix's table (the params of Triwulan II turn it on)
    assert len(doc.tables) == built_report.html.count('<figure class="lkj-table') == 22
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
    # Tabel 2.1 (the third table): two header rows, IKU 2's Triwulan II realisation 80,77%
    table = doc.tables[2]
    assert [r._tr.find(f"{W}trPr/{W}tblHeader") is not None for r in table.rows[:3]] == [
        True,
        True,
        False,
    ]
    cells = {c.text for row in table.rows for c in row.cells}
    assert {"80,77%", "7.410 Orang", "Triwulan I", "Target"} <= cells


def test_charts_are_images(built: Built) -> None:
    with zipfile.ZipFile(built.path) as zf:
        images = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert len(images) == 3
        for name in images:
            assert zf.read(name)[:8] == b"\x89PNG\r\n\x1a\n"
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
    doc = docx.Document(str(built.path))
    assert doc.core_properties.created.year == 2025


def test_libreoffice_opens_it_with_its_tables(built: Built, tmp_path: Path) -> None:
    (pdf,) = convert(built.path, "pdf", tmp_path / "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "LAPORAN KINERJA",
        "BAB II AKUNTABILITAS KINERJA",
        "Tabel 2.1 Pengukuran Capaian Kinerja Triwulan",
        "Tabel 2.19 Capaian Anggaran dan Kinerja Triwulan II 2025",
        "Gambar 2.3",
        "80,77%",
        "Rp 6.318.828.000",
        "Mulia Nugraha",
    ):
        assert expected in text, expected
    assert text.count("\f") >= 25  # pages


def test_every_block_kind_has_a_word_rendering() -> None:
    import lkj.report.blocks  # noqa: F401  (defines the kinds)
    from lkj.report.block import KINDS
    from lkj.report.docx import rendered_kinds

    assert set(KINDS.values()) <= rendered_kinds()
