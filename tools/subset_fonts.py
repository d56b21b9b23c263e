"""Make the PDF's fonts, lkj/assets/fonts/LKJSans-*.ttf, from Liberation Sans 2.1.5.

    .venv/bin/python tools/subset_fonts.py [--source DIR] [--out DIR] [--check]

Why: the PDF embeds these files whole (``full_fonts=True`` in lkj.report.pdf), so WeasyPrint never
subsets a font while it renders. Its subsetting depends on the machine: HarfBuzz-Subset
(Debian's libharfbuzz-subset0) where installed, else fontTools, which stamps the current
time into each subset font; the two give different bytes, and the fontTools ones differ from
one run to the next. Cut once, here, to the characters reports use, the fonts are small
enough to embed whole, and the PDF depends only on files in this repository.

What: for each of the four faces, fontTools (the version in requirements.lock) keeps the
characters in ``UNICODES`` and every glyph the font's layout features reach from them;
kerning (the 'kern' table too) and marks stay as they were, so the text is laid out exactly
as with the full font, to the hundredth of a point. It drops TrueType hinting, as
WeasyPrint's own subsetting does (its option ``hinting`` is off), keeps the timestamps, and
renames the family ``LKJ Sans``: the SIL Open Font License forbids a modified font the
Reserved Font Name "Liberation". Copyright, trademark and licence notices stay in the
``name`` table; the licence is LICENSE-OFL.txt beside the fonts.

Source: the unmodified files of Debian's fonts-liberation2 2.1.5-1 (bookworm), by default
from ``/usr/share/fonts/truetype/liberation2`` (``apt-get install fonts-liberation2``, or
``apt-get download fonts-liberation2 && dpkg -x fonts-liberation2_*.deb DIR``); they are
also in this repository's history, e.g. ``git show a2e7625:lkj/assets/fonts/<file>``. Their
SHA-256 are checked first; the output is the same bytes every run.

``--check`` writes nothing and fails unless the files in ``--out`` are what this script makes.
"""

# ruff: noqa: RUF001, RUF003  (the characters the fonts keep, as examples)

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO / "lkj" / "assets" / "fonts"
DEFAULT_SOURCE = Path("/usr/share/fonts/truetype/liberation2")

FAMILY = "LKJ Sans"
POSTSCRIPT_FAMILY = "LKJSans"

#: style -> (source file, its SHA-256). Debian fonts-liberation2 2.1.5-1.
SOURCES = {
    "Regular": (
        "LiberationSans-Regular.ttf",
        "8d91388f1d3604b3b8ae0e3ee2d140e50cd6122f9214514f4aca772540a4076d",
    ),
    "Bold": (
        "LiberationSans-Bold.ttf",
        "ba0e0dc3f7aca5b0afbc31e800531ee43be3aa79ae35b2ef1f6470a9547765c4",
    ),
    "Italic": (
        "LiberationSans-Italic.ttf",
        "01f559e5c501d3d5777647c6a92b3ff37a4523bcf4f3b6e97ae052af567618b1",
    ),
    "BoldItalic": (
        "LiberationSans-BoldItalic.ttf",
        "15c1068175252e4adee6d3721bf74064ffe437f679d9dbaeacd03fa7711a041b",
    ),
}

#: The characters kept (those of each range the font has): Indonesian and other Latin-script
#: text, the punctuation and symbols reports and analysts' prose use (– — … “ ” • ◦ × ÷ ± ≤
#: ≥ ≈ ≠ − → € ² ½ № ™ ...), and the list markers WeasyPrint draws (• ◦ ▪).
UNICODES: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x0100, 0x017F, "Latin Extended-A"),
    (0x0192, 0x0192, "f with hook"),
    (0x0218, 0x021B, "S and T with comma below"),
    (0x02C6, 0x02DD, "spacing modifier letters (circumflex, caron, breve, ring, tilde, ...)"),
    (0x0300, 0x036F, "combining diacritical marks (decomposed accented letters)"),
    (0x0391, 0x03C9, "Greek letters (Δ, Σ, α, β, µ, π, ...)"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x209F, "superscripts and subscripts"),
    (0x20A0, 0x20CF, "currency symbols"),
    (0x2100, 0x214F, "letterlike symbols (№, ™, ℓ, ...)"),
    (0x2150, 0x218F, "number forms (⅓, ⅔, ⅛, ...)"),
    (0x2190, 0x21FF, "arrows"),
    (0x2200, 0x22FF, "mathematical operators"),
    (0x25A0, 0x25FF, "geometric shapes (■ □ ▪ ● ○ ◦ ▲ ▼ ...)"),
)


def unicodes() -> list[int]:
    return [cp for first, last, _ in UNICODES for cp in range(first, last + 1)]


def options() -> subset.Options:
    opts = subset.Options()
    opts.layout_features = ["*"]  # every GSUB/GPOS feature, as Pango shapes with the full font
    opts.legacy_kern = True  # HarfBuzz applies the 'kern' table too: without it, other widths
    opts.hinting = False  # as WeasyPrint's subsetting (its option `hinting` is off)
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.name_IDs = ["*"]
    opts.drop_tables += ["FFTM"]  # FontForge's build timestamps
    opts.recalc_timestamp = False
    opts.canonical_order = True
    return opts


def make(source: Path, style: str) -> bytes:
    """The subset, renamed font for ``style``, as bytes."""
    opts = options()
    font = subset.load_font(str(source), opts, dontLoadGlyphNames=False)
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    _rename(font, style)
    out = io.BytesIO()
    subset.save_font(font, out, opts)
    return out.getvalue()


def _rename(font: TTFont, style: str) -> None:
    name = font["name"]
    subfamily = name.getDebugName(2) or "Regular"  # "Regular", "Bold", "Italic", "Bold Italic"
    full = FAMILY if subfamily == "Regular" else f"{FAMILY} {subfamily}"
    postscript = f"{POSTSCRIPT_FAMILY}-{style}"
    version = name.getDebugName(5) or ""
    new = {
        1: FAMILY,
        3: f"{postscript}; {version}; lkj tools/subset_fonts.py",
        4: full,
        6: postscript,
        10: (
            "A subset of Liberation Sans 2.1.5 (Latin, punctuation, symbols), renamed as the "
            "SIL Open Font License requires of a modified font. " + (name.getDebugName(10) or "")
        ).strip(),
    }
    for record in list(name.names):
        if record.nameID in new:
            name.setName(new[record.nameID], record.nameID, record.platformID,
                         record.platEncID, record.langID)  # fmt: skip
        elif record.nameID in (16, 17, 21, 22):  # typographic family names: not needed
            name.removeNames(nameID=record.nameID)


def output_name(style: str) -> str:
    return f"{POSTSCRIPT_FAMILY}-{style}.ttf"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=FONTS_DIR)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)

    for filename, digest in SOURCES.values():
        source = args.source / filename
        if not source.is_file():
            print(f"subset_fonts: {source} is missing (see --help for the source)", file=sys.stderr)
            return 2
        if _sha256(source) != digest:
            print(f"subset_fonts: {source} is not Liberation Sans 2.1.5 as expected "
                  f"(SHA-256 {_sha256(source)}, expected {digest})", file=sys.stderr)  # fmt: skip
            return 2
    failed = False
    for style, (filename, _) in SOURCES.items():
        data = make(args.source / filename, style)
        target = args.out / output_name(style)
        digest = hashlib.sha256(data).hexdigest()
        if args.check:
            same = target.is_file() and target.read_bytes() == data
            failed |= not same
            print(f"{'same' if same else 'DIFFERS'}  {digest}  {target.name}")
        else:
            target.write_bytes(data)
            print(f"{digest}  {target.name}  ({len(data):,} bytes)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
