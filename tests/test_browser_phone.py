"""The built report on a phone (390 px wide, Debian's chromium through Playwright): the page
never scrolls sideways, charts take the width of the screen, wide tables scroll inside their
own box and say so, with their first column kept in view, and text is not justified."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import BuiltReport
from tests.test_browser import ARGS, CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium"),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Any:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def phone(browser: Any, built_report: BuiltReport) -> Any:
    problems: list[str] = []
    page = browser.new_page(viewport=PHONE)
    page.on(
        "console",
        lambda m: m.type in ("error", "warning") and problems.append(f"{m.type}: {m.text}"),
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.goto(built_report.html_path.as_uri(), wait_until="load")
    count = page.locator("figure.lkj-chart").count()
    page.wait_for_function(
        "n => document.querySelectorAll("
        "'figure.lkj-chart.lkj-chart-ready, figure.lkj-chart.lkj-chart-failed'"
        ").length === n",
        arg=count,
        timeout=30_000,
    )
    page.problems = problems
    yield page
    page.close()


def test_no_horizontal_page_scroll(phone: Any) -> None:
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    phone.mouse.wheel(600, 0)  # a sideways swipe does not move the page
    assert phone.evaluate("window.scrollX") == 0
    assert phone.problems == []


def test_charts_fit_the_screen(phone: Any) -> None:
    charts = phone.eval_on_selector_all(
        "figure.lkj-chart",
        "figs => figs.map(f => { const box = f.querySelector('.lkj-chart-interactive');"
        " const r = box.querySelector('svg').getBoundingClientRect();"
        " return [f.id, f.classList.contains('lkj-chart-ready'), r.left, r.right, r.width,"
        " box.clientWidth]; })",
    )
    assert len(charts) >= 3
    for ident, ready, left, right, width, available in charts:
        assert ready, ident
        assert left >= 0 and right <= PHONE["width"], (ident, left, right)
        assert width <= available + 1, (ident, width, available)
    # a single or layered chart takes the container's width (Vega-Lite "container")
    single = {ident: (width, available) for ident, _, _, _, width, available in charts}
    for ident in ("grafik-capaian-iku", "grafik-anggaran-kinerja"):
        width, available = single[ident]
        assert width >= 0.95 * available, (ident, width, available)


def test_chart_text_stays_legible(phone: Any) -> None:
    sizes = phone.eval_on_selector_all(
        "figure.lkj-chart .lkj-chart-interactive svg text",
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) *"
        " (t.getBoundingClientRect().height > 0 ? 1 : 0)).filter(s => s > 0)",
    )
    assert sizes and min(sizes) >= 10  # not a 650 px chart shrunk to 60%


def test_text_is_not_justified(phone: Any) -> None:
    aligns = phone.eval_on_selector_all(
        ".lkj-prose p, .lkj-prose li, .lkj-generated p, .lkj-generated li",
        "els => [...new Set(els.map(e => getComputedStyle(e).textAlign))]",
    )
    assert aligns and "justify" not in aligns


def test_wide_tables_scroll_in_their_box_and_say_so(phone: Any) -> None:
    tables = phone.eval_on_selector_all(
        "figure.lkj-table",
        "figs => figs.map(f => { const t = f.querySelector('table');"
        " const s = getComputedStyle(t);"
        " return [f.id, t.scrollWidth, t.clientWidth, s.overflowX,"
        " getComputedStyle(f.querySelector('figcaption'), '::after').content,"
        " t.classList.contains('lkj-wide')]; })",
    )
    wide = [t for t in tables if t[1] > t[2] + 1]
    assert len(wide) >= 4  # Ringkasan, 2.1, 2.2, 2.19 at least
    for ident, _scroll, client, overflow, hint, is_wide in wide:
        assert overflow == "auto", ident
        assert client <= PHONE["width"], ident
        if is_wide:
            assert "geser tabel ke samping" in hint, ident


def test_first_column_stays_in_view(phone: Any) -> None:
    for ident in ("tabel-ringkasan", "tabel-2-1", "tabel-2-2"):
        table = phone.locator(f"#{ident} table")
        table.scroll_into_view_if_needed()
        first = phone.locator(f"#{ident} tbody tr:first-child td:first-child")
        before = first.bounding_box()
        table.evaluate("t => { t.scrollLeft = 400; }")
        after = first.bounding_box()
        assert before is not None and after is not None
        assert after["x"] == pytest.approx(before["x"], abs=1), ident
        assert after["x"] >= 0


def test_desktop_keeps_justified_text(browser: Any, built_report: BuiltReport) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(built_report.html_path.as_uri(), wait_until="load")
        align = page.eval_on_selector(".lkj-prose p", "p => getComputedStyle(p).textAlign")
        assert align == "justify"
        sticky = page.eval_on_selector(
            "#tabel-2-1 .lkj-first-col", "c => getComputedStyle(c).position"
        )
        assert sticky == "static"  # the desktop table is as it was
    finally:
        page.close()
