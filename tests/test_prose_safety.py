"""Safe prose: raw HTML in the analysts' Markdown never executes or survives in the report,
while ordinary formatting (bold, lists, tables, https links) stays.

Unit tests of :func:`lkj.report.prose.render_markdown`, then a report built with planted
payloads (in a narrative file, in params and in unit.yaml), read as bytes and in Chromium.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lkj.cli import main
from lkj.report.prose import ALLOWED_TAGS, render_markdown
from tests.conftest import REPO, require_program
from tests.test_browser import ARGS, CHROMIUM


class Markup(HTMLParser):
    """The tags and attributes of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)


def assert_safe(html: str) -> None:
    markup = Markup(html)
    assert set(markup.tags) <= ALLOWED_TAGS, markup.tags
    for tag, name, value in markup.attrs:
        assert not name.startswith("on"), (tag, name)
        assert name in {"href", "title", "rel", "start"}, (tag, name)
        if name == "href":
            assert value.startswith("https://"), value


ATTACKS = {
    "script block": "<script>window.__pwned = 1</script>",
    "script inline": "Teks <script>window.__pwned = 1</script> lanjut.",
    "script unclosed": "Teks <script>window.__pwned = 1",
    "script upper case": "Teks <SCRIPT type=module>window.__pwned = 1</SCRIPT> lanjut.",
    "split tag": "<scr<script>ipt>window.__pwned = 1</script>",
    "img onerror": '<img src=x onerror="window.__pwned = 1">',
    "img onerror inline": 'Teks <img src=x onerror="window.__pwned = 1"> lanjut.',
    "svg onload": "<svg onload=window.__pwned=1>",
    "details ontoggle": "<details open ontoggle=window.__pwned=1>x</details>",
    "a onclick": '<a href="https://bp2mi.go.id" onclick="window.__pwned = 1">x</a>',
    "a javascript": '<a href="javascript:window.__pwned = 1">x</a>',
    "markdown javascript link": "[klik](javascript:window.__pwned=1)",
    "markdown javascript mixed case": "[klik](JaVaScRiPt:window.__pwned=1)",
    "markdown javascript entity": "[klik](&#106;avascript:window.__pwned=1)",
    "markdown reference javascript": "[klik][1]\n\n[1]: javascript:window.__pwned=1",
    "autolink javascript": "<javascript:window.__pwned=1>",
    "data url": "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript": "[klik](vbscript:msgbox)",
    "iframe": '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "style element": "<style>body { display: none }</style>",
    "style attribute": '<p style="background: url(javascript:window.__pwned=1)">x</p>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "form": '<form action="https://evil.example"><input name="a"></form>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "html in a table cell": "| a | b |\n|---|---|\n| <img src=x onerror=window.__pwned=1> | b |",
    "html comment": "<!-- <script>window.__pwned = 1</script> -->",
    "image": "![gambar](https://evil.example/track.png)",
}


@pytest.mark.parametrize("markdown", ATTACKS.values(), ids=ATTACKS.keys())
def test_attack_is_neutralised(markdown: str) -> None:
    html = render_markdown(markdown)
    assert_safe(html)  # no tag but prose ones, no event handler, only https links
    lowered = html.lower()
    for tag in ("<script", "<iframe", "<img", "<svg", "<style", "<meta", "<form", "<object"):
        assert tag not in lowered, html  # (as escaped text, "&lt;svg ...", it is harmless)
    if "<script" in markdown.lower():
        assert "__pwned" not in html, html  # a script's code goes with its tags


def test_text_that_only_looks_like_html_stays_text() -> None:
    html = render_markdown("Kode `<script>` dan 5 &lt; 7 &amp; `a<b`.")
    assert "<code>&lt;script&gt;</code>" in html and "5 &lt; 7 &amp;" in html
    assert_safe(html)


def test_ordinary_formatting_stays() -> None:
    html = render_markdown(
        'Teks **tebal**, *miring* dan [situs resmi](https://bp2mi.go.id "BP2MI").\n\n'
        "3. tiga\n4. empat\n\n- satu\n- dua\n\n"
        "| Uraian | Jumlah |\n|---|---:|\n| Pengaduan | 80 |\n\n"
        "> kutipan\n\n\\> bukan kutipan\n\n## Judul\n"
    )
    assert_safe(html)
    assert "<strong>tebal</strong>" in html and "<em>miring</em>" in html
    assert (
        '<a href="https://bp2mi.go.id" title="BP2MI" rel="noopener noreferrer">situs resmi</a>'
        in html
    )
    assert '<ol start="3">\n<li>tiga</li>' in html and "<ul>\n<li>satu</li>" in html
    assert "<th>Uraian</th>" in html and "<td>Pengaduan</td>" in html
    assert "<blockquote>\n<p>kutipan</p>" in html and "<p>&gt; bukan kutipan</p>" in html
    assert "<h4>Judul</h4>" not in html or "h4" in ALLOWED_TAGS  # headings shifted down or cut


def test_links_other_than_https_lose_their_target() -> None:
    html = render_markdown("[a](http://bp2mi.go.id) [b](/etc/passwd) [c](mailto:a@b.id)")
    assert_safe(html)
    assert "href" not in html and ">a</a>" in html and ">c</a>" in html


# ---- the built report ---------------------------------------------------------------------

NARASI = "data/bp3mi-jabar/2025/narasi/2025-Q2"
PAYLOAD = """

Paragraf **tebal** dengan [situs resmi](https://bp2mi.go.id) dan daftar:

- satu
- dua

| Uraian | Jumlah |
|---|---|
| Pengaduan | 80 |

<script>document.title = "pwned"; window.__lkjPwned = "script";</script>

Inline <script>window.__lkjPwned = "inline";</script> dan
<img src="x" onerror="window.__lkjPwned = 'onerror'"> di sini.

[klik di sini](javascript:window.__lkjPwned='link') dan
<a href="javascript:window.__lkjPwned='a'">tautan</a>.

<svg onload="window.__lkjPwned = 'svg'"></svg>

<iframe srcdoc="<script>parent.__lkjPwned = 'iframe'</script>"></iframe>

<details open ontoggle="window.__lkjPwned = 'toggle'"><summary>x</summary></details>
"""


@dataclass(frozen=True)
class PlantedReport:
    path: Path
    html: str
    stderr: str


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> PlantedReport:
    """The cover, Kata Pengantar and Bab III only (two chapters), with payloads planted."""
    root = tmp_path_factory.mktemp("planted") / "project"
    for name in ("data", "params"):
        shutil.copytree(REPO / name, root / name)
    (root / "notebooks").mkdir()
    for name in ("00_pembuka.ipynb", "06_bab3_permasalahan_tindak_lanjut.ipynb"):
        shutil.copy(REPO / "notebooks" / name, root / "notebooks" / name)
    prose = root / NARASI / "kata-pengantar.md"
    prose.write_text(prose.read_text(encoding="utf-8") + PAYLOAD, encoding="utf-8")
    (root / NARASI / "bab3-tindak-lanjut.md").unlink()  # missing: shown as missing, no error
    params = root / "params/bp3mi-jabar/2025-Q2.yaml"
    params.write_text(
        params.read_text(encoding="utf-8").replace(
            'nama: "Mulia Nugraha, S.I.K., M.H."',
            "nama: \"Mulia <script>window.__lkjPwned = 'params'</script> Nugraha\"",
        ),
        encoding="utf-8",
    )
    unit = root / "data/bp3mi-jabar/unit.yaml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace(
            "situs: jabar.bp2mi.go.id", "situs: \"javascript:window.__lkjPwned='situs'\""
        ),
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "build", "2025-Q2", "--to", "html"])
    assert code == 0, err.getvalue()
    path = root / "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.html"
    return PlantedReport(path, path.read_text(encoding="utf-8"), err.getvalue())


@pytest.mark.slow
def test_planted_payloads_do_not_survive_in_the_html(planted: PlantedReport) -> None:
    html = planted.html
    assert "<script>window.__lkjPwned" not in html and "<script>document.title" not in html
    # the signatory's name from params is text, escaped
    assert "Mulia &lt;script&gt;window.__lkjPwned = &#39;params&#39;&lt;/script&gt;" in html
    lowered = html.lower()
    for marker in ("onerror=", "onload=", "ontoggle=", "<iframe", "<img", "<svg onload"):
        assert marker not in lowered
    assert 'href="javascript' not in lowered
    assert "<script>document.title" not in html and "<script>window.__lkjPwned" not in html
    # ordinary formatting survives
    assert "<strong>tebal</strong>" in html
    assert '<a href="https://bp2mi.go.id" rel="noopener noreferrer">situs resmi</a>' in html
    assert "<li>satu</li>" in html and "<td>Pengaduan</td>" in html
    # a missing narrative file is shown as missing, and the build says so
    assert "Narasi analis untuk Saran Tindak Lanjut (Triwulan II 2025) belum tersedia." in html
    assert "narasi missing" in planted.stderr and "bab3-tindak-lanjut.md" in planted.stderr


STATE = """() => ({
    pwned: window.__lkjPwned === undefined ? null : String(window.__lkjPwned),
    url: location.href,
    handlers: document.querySelectorAll(
        '[onerror],[onload],[onclick],[ontoggle],[onmouseover]').length,
    jsLinks: [...document.querySelectorAll('a[href]')]
        .filter(a => !/^(https:|#)/.test(a.getAttribute('href'))).length,
    frames: document.querySelectorAll('iframe, object, embed, img').length,
    scripts: [...document.scripts].map(s => s.id || s.textContent.slice(0, 40)),
    bold: [...document.querySelectorAll('.lkj-prose strong')]
        .some(b => b.textContent === 'tebal'),
    https: document.querySelectorAll('.lkj-prose a[href="https://bp2mi.go.id"]').length,
})"""


@pytest.mark.slow
@pytest.mark.browser
def test_planted_payloads_do_not_run_in_the_browser(planted: PlantedReport) -> None:
    from playwright.sync_api import sync_playwright

    require_program(str(CHROMIUM), "chromium")

    url = planted.path.as_uri()
    problems: list[str] = []
    requests: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(url, wait_until="load")
            page.wait_for_timeout(300)  # let an onerror or ontoggle fire if one survived
            title = page.title()
            state = page.evaluate(STATE)
            # Click what was meant as a javascript: link (last: a javascript: URL that ran
            # would replace the document, and the evidence with it).
            for text in ("klik di sini", "tautan"):
                link = page.get_by_text(text, exact=True).first
                if link.count():
                    with contextlib.suppress(Exception):
                        link.click(timeout=2_000, no_wait_after=True)
            page.wait_for_timeout(200)
            after = page.evaluate(STATE)
        finally:
            browser.close()
    assert state["pwned"] is None and after["pwned"] is None
    assert after == state  # clicking changed nothing: the document is still the report
    assert title == "Laporan Kinerja BP3MI Jawa Barat Triwulan II 2025"
    assert state["handlers"] == 0 and state["jsLinks"] == 0 and state["frames"] == 0
    assert all(str(s).startswith("lkj-") for s in state["scripts"]), state["scripts"]
    assert state["bold"] and state["https"] == 1
    assert problems == [] and dialogs == []
    assert requests == [url], requests
