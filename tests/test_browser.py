"""The built report in a real browser (Debian's chromium, driven by Playwright): charts draw,
nothing is logged as an error, and no request leaves the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BuiltReport, require_program

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def chromium() -> str:
    """Debian's chromium; without it the test fails (`make test` installs it)."""
    return require_program(str(CHROMIUM), "chromium")


def test_report_draws_offline(built_report: BuiltReport) -> None:
    from playwright.sync_api import sync_playwright

    url = built_report.html_path.as_uri()
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on(
                "console",
                lambda m: m.type in ("error", "warning") and problems.append(f"{m.type}: {m.text}"),
            )
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url, wait_until="load")
            charts = page.locator("figure.lkj-chart")
            count = charts.count()
            assert count >= 3
            page.wait_for_function(
                "n => document.querySelectorAll("
                "'figure.lkj-chart.lkj-chart-ready, figure.lkj-chart.lkj-chart-failed'"
                ").length === n",
                arg=count,
                timeout=30_000,
            )
            drawn = page.eval_on_selector_all(
                "figure.lkj-chart",
                "figs => figs.map(f => [f.id, f.classList.contains('lkj-chart-ready'),"
                " f.querySelectorAll('.lkj-chart-interactive svg, "
                ".lkj-chart-interactive canvas').length,"
                " getComputedStyle(f.querySelector('.lkj-chart-static')).display])",
            )
            for ident, ready, views, static_display in drawn:
                assert ready, f"{ident} was not drawn"
                assert views >= 1, f"{ident} has no SVG or canvas"
                assert static_display == "none", f"{ident}: the static SVG shows on screen"
            # Interactive offline: hovering IKU 1's bar shows its tooltip, Indonesian numbers.
            bar = page.locator("#grafik-capaian-iku .lkj-chart-interactive .mark-rect path")
            bar.first.scroll_into_view_if_needed()
            bar.first.hover()
            tooltip = page.locator("#vg-tooltip-element.visible")
            tooltip.wait_for(timeout=5_000)
            assert "IKU 1" in tooltip.inner_text() and "55,23" in tooltip.inner_text()
            assert page.locator("h1.lkj-chapter-title", has_text="KATA PENGANTAR").is_visible()
        finally:
            browser.close()
    assert problems == []
    assert requests == [url], [r for r in requests if r != url]


def test_preview_updates_the_page_on_an_edit(project_copy: Path) -> None:
    """`lkj preview`: an edit to an IKU's prose shows in the open page; a mistake shows as a
    banner above the last good report, and goes when it is fixed."""
    from playwright.sync_api import expect, sync_playwright

    from tests.preview_process import PreviewProcess

    prose = project_copy / "data/bp3mi-jabar/2025/narasi/2025-Q2/iku-03.md"
    original = prose.read_text(encoding="utf-8")
    marker = "Kalimat baru yang ditulis analis saat pratinjau berjalan."
    server = PreviewProcess(project_copy, "2025-Q2")
    try:
        url = server.start(timeout=600)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                page = browser.new_page(viewport={"width": 1200, "height": 900})
                page.set_default_timeout(60_000)
                page.goto(url, wait_until="load")
                assert page.locator("h1.lkj-chapter-title", has_text="KATA PENGANTAR").is_visible()
                assert page.get_by_text(marker).count() == 0
                page.locator("#iku-3").scroll_into_view_if_needed()

                edited = original.replace(
                    "## Informasi Kinerja\n", f"## Informasi Kinerja\n\n{marker}\n", 1
                )
                prose.write_text(edited, encoding="utf-8")
                expect(page.get_by_text(marker)).to_be_visible(timeout=60_000)
                expect(page.locator("figure.lkj-chart.lkj-chart-ready")).to_have_count(3)

                prose.write_text(edited + "\n## Bagian Lain\n\nteks\n", encoding="utf-8")
                banner = page.locator("#lkj-preview-error")
                expect(banner).to_be_visible(timeout=60_000)
                expect(banner).to_contain_text("iku-03.md")
                expect(banner).to_contain_text("unknown section '## Bagian Lain'")
                expect(page.get_by_text(marker)).to_be_visible()  # the last good report stays

                prose.write_text(original, encoding="utf-8")
                expect(banner).to_have_count(0, timeout=60_000)
                expect(page.get_by_text(marker)).to_have_count(0)
            finally:
                browser.close()
    finally:
        assert server.stop() == 0  # SIGTERM: a clean stop, the kernel killed with it
    assert any("unknown section" in line for line in server.output)
