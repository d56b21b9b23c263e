"""A fresh machine makes the same PDF: the bytes do not depend on what the machine has installed.

WeasyPrint subsets the fonts it embeds with HarfBuzz-Subset (Debian's libharfbuzz-subset0)
where the machine has it, else with fontTools, which writes the current time into each font:
the two give different bytes, and fontTools a different PDF on every run. lkj ships its
fonts already cut (tools/subset_fonts.py) and embeds them whole, so neither runs; and a
character the shipped fonts lack is an error rather than a font of the machine.

Here the real report is rendered in separate processes: with HarfBuzz-Subset hidden from
WeasyPrint (a machine without it) at two different clock readings (``SOURCE_DATE_EPOCH``,
which fontTools stamps), as the machine is, with both subsetters booby-trapped, and with
no font installed at all (an empty fontconfig): the same bytes each time, and the same as
`lkj build` wrote.
"""

# ruff: noqa: RUF001  (the typographic characters are what is tested)

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import REPO, BuiltReport, require_program
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from lkj.report import pdf

pytestmark = pytest.mark.slow

PDF_NAME = "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.pdf"
SAMPLE = Path(__file__).parent / "fixtures" / "sample_report.html"

#: Renders the HTML at argv[2] to the PDF at argv[3] as `lkj build` does, WeasyPrint as
#: argv[1] says; prints what WeasyPrint saw as JSON.
RENDER = textwrap.dedent(
    """
    import json, sys
    from datetime import date
    from pathlib import Path

    import fontTools.subset
    import weasyprint.pdf.fonts as fonts
    import weasyprint.text.ffi as ffi

    mode, html, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    machine_has_it = fonts.harfbuzz_subset is not None
    if mode == "hidden":  # a machine without libharfbuzz-subset0
        ffi.harfbuzz_subset = fonts.harfbuzz_subset = None
    elif mode == "trapped":  # HarfBuzz-Subset there, and any use of either subsetter fails
        class Trap:
            def __bool__(self):
                return True
            def __getattr__(self, name):
                raise AssertionError(f"WeasyPrint used HarfBuzz-Subset ({name})")
        def refuse(self, *args, **kwargs):
            raise AssertionError("WeasyPrint subset a font with fontTools")
        ffi.harfbuzz_subset = fonts.harfbuzz_subset = Trap()
        fontTools.subset.Subsetter.subset = refuse
    else:
        assert mode == "machine", mode

    from lkj.build.finish import FORMATS, Rendition, ReportMeta

    meta = ReportMeta(
        "Laporan Kinerja BP3MI Jawa Barat Triwulan II 2025",
        "BP3MI Jawa Barat",
        "Laporan Kinerja Triwulan II 2025",
        date(2025, 7, 21),
    )
    FORMATS["pdf"][1](Rendition(html.read_text(encoding="utf-8"), None), out, meta)

    # How many fonts fontconfig offers (FONTCONFIG_FILE can hide them all).
    import ctypes
    class FontSet(ctypes.Structure):
        _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.c_void_p)]
    fc = ctypes.CDLL("libfontconfig.so.1")
    fc.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
    fc.FcConfigGetFonts.restype = ctypes.POINTER(FontSet)
    fc.FcConfigGetFonts.argtypes = [ctypes.c_void_p, ctypes.c_int]
    system = fc.FcConfigGetFonts(fc.FcInitLoadConfigAndFonts(), 0)  # FcSetSystem
    print(json.dumps({
        "machine_has_hb_subset": machine_has_it,
        "mode": mode,
        "system_fonts": system.contents.nfont if system else 0,
    }))
    """
)


def _render(mode: str, html: Path, out: Path, **env: str) -> dict[str, Any]:
    out.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-c", RENDER, mode, str(html), str(out)],
        capture_output=True,
        text=True,
        cwd=out.parent,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        timeout=300,
    )
    assert result.returncode == 0, f"{mode}: {result.stderr[-3000:]}"
    info: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return info


def _embedded_fonts(path: Path) -> dict[str, bytes]:
    """Every font program in the PDF (pages and form XObjects): base font name -> bytes."""
    reader = PdfReader(path)
    found: dict[str, bytes] = {}
    seen: set[int] = set()

    def resolve(obj: Any) -> Any:
        return obj.get_object() if isinstance(obj, IndirectObject) else obj

    def walk(owner: Any) -> None:
        resources = resolve(resolve(owner).get("/Resources")) or {}
        for font in (resolve(resources.get("/Font")) or {}).values():
            font = resolve(font)
            for descendant in resolve(font.get("/DescendantFonts")) or [font]:
                descriptor = resolve(resolve(descendant).get("/FontDescriptor")) or {}
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        data = resolve(descriptor[key]).get_data()
                        found[str(font["/BaseFont"])] = data
        for xobject in (resolve(resources.get("/XObject")) or {}).values():
            obj = resolve(xobject)
            if id(obj) not in seen:
                seen.add(id(obj))
                walk(obj)

    for page in reader.pages:
        walk(page)
    return found


def _shipped() -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(pdf.FONTS_DIR.glob("*.ttf"))}


def _subset_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("subset_fonts", REPO / "tools/subset_fonts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- the same bytes, whichever subsetter the machine has -------------------------------------


def test_pdf_is_the_same_with_and_without_harfbuzz_subset(
    tmp_path: Path, built_report: BuiltReport
) -> None:
    html = built_report.html_path
    no_fonts = tmp_path / "fonts.conf"  # a fontconfig that knows no font: none installed
    no_fonts.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n"
    )
    runs = {  # name -> (mode, environment)
        "without HarfBuzz-Subset": ("hidden", {"SOURCE_DATE_EPOCH": "0", "TZ": "UTC"}),
        "without HarfBuzz-Subset, a day later": (
            "hidden",
            {"SOURCE_DATE_EPOCH": "86400", "TZ": "Asia/Jakarta"},
        ),
        "as this machine is": ("machine", {}),
        "with both subsetters trapped": ("trapped", {}),
        "without HarfBuzz-Subset and without any font installed": (
            "hidden",
            {"FONTCONFIG_FILE": str(no_fonts)},
        ),
    }
    outs = {name: tmp_path / f"run{i}" / "report.pdf" for i, name in enumerate(runs)}
    with ThreadPoolExecutor(max_workers=2) as pool:  # one process per core
        infos = dict(
            zip(
                runs,
                pool.map(lambda n: _render(runs[n][0], html, outs[n], **runs[n][1]), runs),
                strict=True,
            )
        )
    digests = {name: hashlib.sha256(out.read_bytes()).hexdigest() for name, out in outs.items()}
    built = (built_report.root / PDF_NAME).read_bytes()
    digests["lkj build (session)"] = hashlib.sha256(built).hexdigest()
    machine = "with" if infos["as this machine is"]["machine_has_hb_subset"] else "without"
    assert len(set(digests.values())) == 1, (
        f"this machine is {machine} HarfBuzz-Subset; " + json.dumps(digests, indent=1)
    )
    assert infos["without HarfBuzz-Subset and without any font installed"]["system_fonts"] == 0


def test_pdf_embeds_exactly_the_shipped_font_files(built_report: BuiltReport) -> None:
    embedded = _embedded_fonts(built_report.root / PDF_NAME)
    shipped = _shipped()
    assert sorted(embedded) == [
        # The hash prefix is WeasyPrint's, from the font description: stable.
        "/FFGJRI+LKJ-Sans-Bold",
        "/MDTJPF+LKJ-Sans-Bold-Italic",
        "/PSYCOT+LKJ-Sans-Italic",
        "/SOETSQ+LKJ-Sans",
    ]
    by_digest = {hashlib.sha256(d).hexdigest(): n for n, d in shipped.items()}
    assert sorted(by_digest[hashlib.sha256(d).hexdigest()] for d in embedded.values()) == sorted(
        shipped
    ), "an embedded font is not byte for byte a shipped file"


# ---- no font of the machine stands in -------------------------------------------------------


def _render_sample(out: Path, extra: str) -> Path:
    html = SAMPLE.read_text(encoding="utf-8").replace("<main", f"<p>{extra}</p><main", 1)
    out.write_bytes(pdf.render(html, base_url=SAMPLE.parent, created=date(2025, 7, 22), title="t"))
    return out


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Capaian naik 😀 pesat", "'😀' (U+1F600), first in '"),
        ("Target ✓ tercapai", "'✓' (U+2713), first in '"),
        ("Laporan 中文", "'中' (U+4E2D), '文' (U+6587), first in '"),
    ],
)
def test_a_character_the_fonts_lack_is_an_error(tmp_path: Path, text: str, named: str) -> None:
    with pytest.raises(pdf.MissingGlyphError) as caught:
        _render_sample(tmp_path / "report.pdf", text)
    message = str(caught.value)
    assert message.startswith("PDF: the report has characters that its font LKJ Sans lacks: ")
    assert named in message and f"{text} BALAI" in message  # where: the text around it
    assert " (U+0020)" not in message  # the spaces a fallback font drew too are not named


def test_code_prints_in_the_shipped_font(tmp_path: Path) -> None:
    """WeasyPrint's own stylesheet sets code in monospace, a font of the machine: not here."""
    code = "<code>IKU-01</code> <kbd>Ctrl</kbd> <samp>ok</samp> <tt>tt</tt><pre>x = 1</pre>"
    out = _render_sample(tmp_path / "report.pdf", code)
    assert set(_embedded_fonts(out).values()) <= set(_shipped().values())


def test_a_font_that_is_not_shipped_is_an_error(tmp_path: Path) -> None:
    """Text set in another font, even one with every glyph, fails the PDF: the stylesheet's."""
    from fontTools.ttLib import TTFont

    other = TTFont(pdf.FONTS_DIR / "LKJSans-Regular.ttf")
    other["name"].setName("Other Sans", 1, 3, 1, 0x409)
    other.save(tmp_path / "other.ttf")
    shipped_css = pdf.PRINT_CSS.read_text(encoding="utf-8").replace(
        'url("../assets/fonts/', f'url("{pdf.FONTS_DIR.as_uri()}/'
    )
    (tmp_path / "shipped.css").write_text(shipped_css, encoding="utf-8")
    (tmp_path / "other.css").write_text(
        shipped_css
        + '@font-face { font-family: "Other Sans"; src: url("other.ttf"); }\n'
        + 'h1 { font-family: "Other Sans"; }\n',
        encoding="utf-8",
    )
    html = SAMPLE.read_text(encoding="utf-8")
    args: dict[str, Any] = {"base_url": SAMPLE.parent, "created": date(2025, 7, 22), "title": "t"}
    assert pdf.render(html, **args, stylesheet=tmp_path / "shipped.css").startswith(b"%PDF-")
    expected = r"^PDF: some text is set in Other Sans, not in the shipped LKJ Sans \(does the"
    with pytest.raises(pdf.PdfError, match=expected):
        pdf.render(html, **args, stylesheet=tmp_path / "other.css")


def test_the_characters_reports_use_need_no_other_font(tmp_path: Path) -> None:
    text = (
        "Capaian ≥ 100% – “Baik” — realisasi 7.410 Orang … • × ÷ → ≤ ± − · ‘a’ € ½ ² "
        "№ ™ ≈ ≠ ▲ ▼ ■ ◦ Δ α µ Ş ş ğ İ ı é ü ñ Ø ą ł ő ř ž"
        " Kafe\u0301 (decomposed) dan R\u0113sum\u00e9"
    )
    out = _render_sample(tmp_path / "report.pdf", f"<b>{text}</b> <i>{text}</i> {text}")
    texts = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Capaian ≥ 100% – “Baik” — realisasi" in texts
    assert set(_embedded_fonts(out).values()) <= set(_shipped().values())


# ---- the shipped fonts --------------------------------------------------------------------------


def test_shipped_fonts_are_the_cut_renamed_liberation_sans() -> None:
    from fontTools.ttLib import TTFont

    tool = _subset_tool()
    kept = set(tool.unicodes())
    shipped = _shipped()
    styles = ("Bold", "BoldItalic", "Italic", "Regular")
    assert sorted(shipped) == [f"LKJSans-{style}.ttf" for style in styles]
    cmaps = []
    for name, data in shipped.items():
        font = TTFont(io.BytesIO(data))
        names = {r.nameID: r.toUnicode() for r in font["name"].names}
        assert names[1] == "LKJ Sans" and names[6] == name.removesuffix(".ttf"), names
        for user_facing in (1, 3, 4, 6, 16, 17):  # OFL: a modified font drops the RFN
            assert "Liberation" not in names.get(user_facing, ""), (name, user_facing)
        assert "Red Hat" in names[0] and "Liberation is a trademark" in names[7]
        assert "SIL Open Font License" in names[13]
        assert not {"fpgm", "prep", "cvt ", "FFTM"} & set(font.keys())  # no hinting, no stamps
        assert "kern" in font and "GPOS" in font  # kerning kept: layout as with the full font
        cmap = set(font.getBestCmap())
        assert cmap <= kept, sorted(map(hex, cmap - kept))
        cmaps.append(cmap)
        assert 40_000 < len(data) < 80_000, (name, len(data))
    assert all(c == cmaps[0] for c in cmaps), "the four faces differ in their characters"
    needed = "AZaz09 ≥≤–—…•◦▪×÷→−±·“”‘’€%½²№ÀÿĀſ"  # and the Latin blocks, whole
    assert {ord(c) for c in needed} <= cmaps[0]
    assert set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) <= cmaps[0]
    assert "SIL OPEN FONT LICENSE Version 1.1" in (pdf.FONTS_DIR / "LICENSE-OFL.txt").read_text()


def test_fonts_readme_lists_the_shipped_files() -> None:
    readme = (pdf.FONTS_DIR / "README.md").read_text(encoding="utf-8")
    for name, data in _shipped().items():
        assert f"{hashlib.sha256(data).hexdigest()}  {name}" in readme, name
    tool = _subset_tool()
    for filename, digest in tool.SOURCES.values():  # and the sources the tool checks
        assert f"{digest}  {filename}" in readme, filename


# ---- as a PDF reader sees it (poppler-utils) --------------------------------------------------


def test_a_pdf_reader_finds_and_draws_the_embedded_fonts(
    tmp_path: Path, built_report: BuiltReport
) -> None:
    pdffonts = require_program("pdffonts", "poppler-utils")
    pdftoppm = require_program("pdftoppm", "poppler-utils")
    report = built_report.root / PDF_NAME

    listing = subprocess.run([pdffonts, str(report)], capture_output=True, text=True, check=True)
    assert listing.stderr == ""
    rows = [line.split() for line in listing.stdout.splitlines()[2:]]
    assert sorted(row[0] for row in rows) == [
        "FFGJRI+LKJ-Sans-Bold",
        "MDTJPF+LKJ-Sans-Bold-Italic",
        "PSYCOT+LKJ-Sans-Italic",
        "SOETSQ+LKJ-Sans",
    ]
    for row in rows:  # name, type "CID TrueType", encoding "Identity-H", emb sub uni
        assert row[1:3] == ["CID", "TrueType"] and row[4:7] == ["yes", "yes", "yes"], row

    # Every page drawn (the cover, text, a table, a chart) without a complaint from poppler,
    # and with the ink of text, not only of rules: the glyphs have outlines. (At 20 dpi the
    # page with least text, 8 lines, has some 500 pixels' worth; the header rule some 30.)
    result = subprocess.run(
        [pdftoppm, "-r", "20", "-gray", str(report), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) == len(PdfReader(report).pages)
    for page in pages:
        data = page.read_bytes()
        match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
        assert match, page.name
        ink = sum(255 - value for value in data[match.end() :]) / 255
        assert ink > 200, f"{page.name}: hardly anything drawn ({ink:.0f})"
