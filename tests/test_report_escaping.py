"""End to end: `<`, `&` and `"` in the unit's data come out escaped in the built HTML.

The names are planted in a copy of the project tree (an indicator, a strategic goal, the
unit's name and abbreviation, the signatory) and the report is built as usual; every place
the page shows them (cover, captions, table cells, headings, sentences, the Daftar Isi and
Daftar Tabel, chart labels) must carry the escaped text and none the raw markup.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml

from lkj.cli import main
from tests.conftest import REPO

pytestmark = pytest.mark.slow

MARK = '<lkj-x a="1"> & "q"'  # raw: a tag, an ampersand, quotes
ESCAPED = "&lt;lkj-x a=&#34;1&#34;&gt; &amp; &#34;q&#34;"
ESCAPED_UPPER = "&lt;LKJ-X A=&#34;1&#34;&gt; &amp; &#34;Q&#34;"
IKU_7 = (
    "Jumlah PMI yang ditempatkan oleh P3MI, UKPS dan Perseorangan yang mendapatkan Layanan "
    "Penempatan"
)


def _rewrite_csv(path: Path, key: str, value: str, column: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r[key] == value:
            r[column] = f"{r[column]} {MARK}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _rewrite_yaml(path: Path, *keys: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    *parents, last = keys
    node = data
    for k in parents:
        node = node[k]
    node[last] = f"{node[last]} {MARK}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    import shutil

    root = tmp_path_factory.mktemp("escaping") / "project"
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    year = root / "data/bp3mi-jabar/2025"
    _rewrite_csv(year / "indikator.csv", "iku", "7", "indikator")
    _rewrite_csv(year / "sasaran.csv", "sasaran", "1", "nama")
    _rewrite_yaml(root / "data/bp3mi-jabar/unit.yaml", "nama")
    _rewrite_yaml(root / "data/bp3mi-jabar/unit.yaml", "singkatan")
    _rewrite_yaml(root / "params/bp3mi-jabar/2025-Q2.yaml", "penandatangan", "nama")
    _rewrite_yaml(root / "params/bp3mi-jabar/2025-Q2.yaml", "penandatangan", "jabatan")
    assert main(["--root", str(root), "build", "2025-Q2", "--to", "html"]) == 0
    return (root / "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.html").read_text()


def _body(html: str) -> str:
    """The report without the inlined scripts (the Vega bundle is a JavaScript library)."""
    return re.sub(r'<script id="lkj-(vega-bundle|charts)">.*?</script>', "", html, flags=re.S)


def test_no_planted_markup_survives(html: str) -> None:
    assert not re.search("<lkj-x", html, re.IGNORECASE)
    assert ' & "q"' not in _body(html) and 'a="1"' not in _body(html)


def test_every_place_shows_the_escaped_text(html: str) -> None:
    body = _body(html)
    # the signatory's name and office
    assert f"<strong>Mulia Nugraha, S.I.K., M.H. {ESCAPED}</strong>" in body
    assert f'<p class="lkj-signature-office">Kepala {ESCAPED},</p>' in body
    # the unit on the cover, upper-cased after escaping nothing away
    assert f"INDONESIA JAWA BARAT {ESCAPED_UPPER}</p>" in body
    # the abbreviation in captions, the Daftar Tabel, sentences and the page title
    assert f"Perjanjian Kinerja BP3MI Jawa Barat {ESCAPED} Tahun 2025</span>" in body
    assert body.count(f"BP3MI Jawa Barat {ESCAPED}") >= 10
    assert f"<title>Laporan Kinerja BP3MI Jawa Barat {ESCAPED}" in body
    # IKU 7 in table cells, its heading, and a chart's tooltip data (JSON in a script)
    assert f'<td class="lkj-indikator">{IKU_7} {ESCAPED}</td>' in body
    assert f"IKU 7 \u2013 {IKU_7} {ESCAPED}</h4>" in body
    assert '\\u003clkj-x a=\\"1\\"\\u003e \\u0026 \\"q\\"' in body
    # the strategic goal in table cells (rowspan) and in its heading, upper-cased
    goal = (
        rf'<td class="lkj-sasaran( lkj-first-col)?"( rowspan="\d+")?>[^<]*{re.escape(ESCAPED)}</td>'
    )
    assert len(re.findall(goal, body)) == 5  # the summary table, Tabel 1.1, 2.1, 2.2, 2.19
    assert f"{ESCAPED_UPPER}”</span></h3>" in body
