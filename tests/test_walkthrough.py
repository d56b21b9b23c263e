"""docs/walkthrough.md, followed step by step: every command it shows is run (in a fresh
folder, the way a new office starts), every file it shows is written, and every output it
shows is what lkj prints. Then the report it builds is checked for what the page promises:
its figures, and no placeholder, empty heading or empty chart for what the unit never had."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

from lkj.cli import main
from tests.conftest import REPO

PAGE = REPO / "docs/walkthrough.md"
_BLOCK = re.compile(
    r"(?:^`(?P<path>[^`]+)`:\n\n)?^```(?P<lang>\w+)\n(?P<body>.*?)^```$", re.M | re.S
)


def steps(text: str) -> list[tuple[str, str, str | None]]:
    """``(kind, body, path)`` for each fenced block: a file to write (``path``), commands
    (``sh``), or the output of the commands before (``text``)."""
    return [(m["lang"], m["body"], m["path"]) for m in _BLOCK.finditer(text)]


def run(root: Path, line: str) -> tuple[int, str, str]:
    words = shlex.split(line)
    if words[0] == "rm":
        assert words[1] == "-r"
        shutil.rmtree(root / words[2])
        return 0, "", ""
    assert words[0] == "lkj", line
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), *words[1:]])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kantor")
    shutil.copytree(REPO / "notebooks", root / "notebooks")  # as a checkout of lkj has them
    last = ""
    for kind, body, path in steps(PAGE.read_text(encoding="utf-8")):
        if path is not None:
            target = root / path
            assert target.is_file(), f"{path}: the page fills a file lkj new wrote"
            target.write_text(body, encoding="utf-8")
        elif kind == "sh":
            for line in body.strip().splitlines():
                code, last, err = run(root, line)
                assert code == 0, f"{line}: {err}"
        elif kind == "text":
            assert last == body, f"the page shows\n{body}\nlkj printed\n{last}"
    return root


def test_the_page_has_every_step() -> None:
    found = steps(PAGE.read_text(encoding="utf-8"))
    commands = [b.split()[1] for k, b, _ in found if k == "sh" and b.startswith("lkj")]
    assert commands == ["new", "check", "summary", "build"]
    assert [p for _, _, p in found if p] == [
        "data/dlh-contoh/2026/sasaran.csv",
        "data/dlh-contoh/2026/indikator.csv",
        "data/dlh-contoh/2026/realisasi.csv",
    ]


def body_text(html: str) -> str:
    """The report's text as a reader sees it: no scripts, styles or chart markup."""
    body = html[html.index("<body") :]
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_report_built_from_the_page(followed: Path) -> None:
    folder = followed / "reports/dlh-contoh/2026-Q2"
    html = (folder / "lkj-dlh-contoh-2026-tw2.html").read_text(encoding="utf-8")
    assert (folder / "lkj-dlh-contoh-2026-tw2.pdf").read_bytes().startswith(b"%PDF")
    text = body_text(html)
    # its figures, worked out on the page
    for figure in ("50,00", "94,44", "103,57", "82,67%", "6 dokumen", "13,5 hari"):
        assert figure in text, figure
    # nothing it never claimed to have: no placeholder boxes, empty quotes, empty headings
    assert 'class="lkj-missing"' not in html
    assert "“”" not in text and "TAHUN </" not in html
    assert "Rencana Strategis" not in text  # no Renstra in unit.yaml
    assert "Realisasi Anggaran" not in text and "Rp" not in text  # no budget
    assert "Kata Pengantar" not in text  # neither prose nor a signatory
    assert "Saran Tindak Lanjut" not in text
    # one chart per unit the indicators are counted in, each saying its unit; none in persons
    # (their captions, not the Daftar Gambar that lists them again)
    captions = body_text(re.sub(r'<nav class="lkj-lof".*?</nav>', "", html, flags=re.S))
    assert re.findall(r"Gambar 2\.\d+ (Realisasi[^,]*), Indikator dalam (\w+)", captions) == [
        ("Realisasi per Triwulan Tahun 2026", "dokumen"),
        ("Realisasi per Triwulan Tahun 2026", "hari"),
    ]
    assert "Orang" not in text
    # annual targets only: no quarterly judgement in the generated analysis
    assert "target triwulan" not in text and "rencana triwulanan" not in text
