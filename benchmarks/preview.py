"""How long an analyst waits to see an edit: ``lkj preview``, edit to visible in the browser.

    .venv/bin/python benchmarks/preview.py [--rounds 10] [--period 2025-Q2] [--iku 3]

Starts ``lkj preview PERIOD --port 0`` on a copy of the project tree, opens the page in
Debian's chromium (Playwright), then ``--rounds`` times: writes a new sentence into the
``## Informasi Kinerja`` section of one IKU's narrative (``iku-NN.md``) and measures the time
from the write to the sentence being visible on the page (the server noticing the change,
re-running the one chapter that shows the file on its warm kernel, exporting the page, the
browser reloading and drawing it). The server's own time per update (from its log) is shown
beside it. Target: <= 1 s. The load average is printed: the figures depend on it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import _load, _machine  # noqa: E402
from tests.preview_process import PreviewProcess  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TARGET = 1.0
SERVER_TIME = re.compile(r"ran (\S+) in ([0-9.]+) s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--period", default="2025-Q2")
    parser.add_argument("--iku", type=int, default=3)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    print(f"machine: {_machine()}")
    print(f"date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}")
    print(f"load average (1 min) at start: {_load()}")
    with tempfile.TemporaryDirectory(prefix="lkj-bench-preview-") as tmp:
        root = Path(tmp)
        for folder in ("data", "params"):
            shutil.copytree(REPO / folder, root / folder)
        unit = next(p.parent.name for p in (root / "data").glob("*/unit.yaml"))
        year, _ = args.period.split("-")
        prose = root / "data" / unit / year / "narasi" / args.period / f"iku-{args.iku:02d}.md"
        original = prose.read_text(encoding="utf-8")
        server = PreviewProcess(root, args.period)
        try:
            start = time.perf_counter()
            url = server.start(timeout=600)
            print(f"first build (kernel start, every chapter): {time.perf_counter() - start:.1f} s")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                try:
                    page = browser.new_page(viewport={"width": 1200, "height": 900})
                    page.goto(url, wait_until="load", timeout=60_000)
                    page.locator(f"#iku-{args.iku}").scroll_into_view_if_needed(timeout=30_000)
                    server.drain()
                    waits: list[float] = []
                    server_times: list[float] = []
                    for n in range(1, args.rounds + 1):
                        marker = f"Kalimat penanda pratinjau nomor {n}{os.getpid()}."
                        edited = original.replace(
                            "## Informasi Kinerja\n", f"## Informasi Kinerja\n\n{marker}\n", 1
                        )
                        time.sleep(0.5)  # let the page settle after the last reload
                        begin = time.perf_counter()
                        prose.write_text(edited, encoding="utf-8")
                        page.get_by_text(marker).wait_for(state="visible", timeout=60_000)
                        waits.append(time.perf_counter() - begin)
                        line = server.wait_for_line(SERVER_TIME.pattern, timeout=30)
                        found = SERVER_TIME.search(line)
                        server_times.append(float(found[2]) if found else float("nan"))
                        print(
                            f"round {n}: edit to visible {waits[-1]:.2f} s "
                            f"(server: {line.split(': ', 1)[-1]})",
                            flush=True,
                        )
                finally:
                    browser.close()
        finally:
            server.stop()
    median = statistics.median(waits)
    print(
        f"edit to visible, median of {len(waits)}: {median:.2f} s "
        f"(min {min(waits):.2f}, max {max(waits):.2f}); server update, median: "
        f"{statistics.median(server_times):.2f} s"
    )
    verdict = "met" if median <= TARGET else "NOT met"
    print(f"target <= {TARGET} s: {verdict}")
    print(f"load average (1 min) at end: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
