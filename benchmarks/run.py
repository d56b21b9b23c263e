"""How fast `lkj build` is: against the pipeline a user would otherwise write, and in a batch.

    .venv/bin/python benchmarks/run.py [--rounds 5] [--batch-rounds 3] [--period 2025-Q2]

(a) ``lkj build 2025-Q2 --to html,pdf --force`` in a fresh process: a real rebuild. Without
    ``--force`` lkj would see unchanged inputs and skip the report in a fraction of a second.
(b) The naive pipeline: the ``papermill`` command once per chapter (one after the other, each
    with its own kernel), then nbconvert to HTML (a fresh Python process merging the executed
    chapters and exporting them through lkj's template, as lkj does), then the same PDF step
    (a fresh Python process calling lkj's PDF writer). Its HTML and PDF are checked to be the
    same bytes as lkj's.

(a) and (b) alternate, each in its own copy of the project tree, for ``--rounds`` rounds after
one untimed warm-up round of each; the medians and their ratio a/b are printed (target <= 0.35).

Batch: a temporary tree holding the unit and three copies of it under other names (folder,
``kode``, name), with both real quarters each: 8 reports. ``lkj build 2025-Q1 2025-Q2
--all-units --force`` alternates with ``lkj build 2025-Q2 --force`` (one report) for
``--batch-rounds`` rounds; the medians and their quotient are printed (target <= 2.5).

This is a script that prints figures, not a test: it takes a few minutes and its numbers
depend on the machine and on what else runs on it (the load average is printed).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
UNIT = "bp3mi-jabar"
COPIES = ("salinan-a", "salinan-b", "salinan-c")
RATIO_TARGET = 0.35
BATCH_TARGET = 2.5

# The naive pipeline's steps after papermill, each run as `python -c` in a fresh process.
MERGE_AND_EXPORT = """
import sys
from pathlib import Path
from lkj.build.finish import export_html, merge
from lkj.report.assemble import assemble
executed = sorted(Path(sys.argv[1]).glob("[0-9]*.ipynb"))
out, title = Path(sys.argv[2]), sys.argv[3]
merged = merge(executed)
charts = assemble(merged).charts
out.write_text(export_html(merged, title=title, charts=charts > 0), encoding="utf-8")
"""
PDF_STEP = """
import sys
from pathlib import Path
from lkj.build.finish import FORMATS, ReportMeta
from lkj.rules.periods import Period
from lkj.report.context import load_report
html, out, root, period = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
when = Period.parse(period)
ctx = load_report(None, when, root)
meta = ReportMeta(f"Laporan Kinerja {ctx.singkatan} {ctx.periode}", ctx.singkatan,
                  f"Laporan Kinerja {ctx.periode}",
                  ctx.params.penandatangan.tanggal or when.end_date)
FORMATS["pdf"][1](html.read_text(encoding="utf-8"), out, meta)
"""


def _tree(parent: Path, name: str, copies: tuple[str, ...] = ()) -> Path:
    """A copy of data/, params/ and notebooks/; with ``copies``, the unit again under each
    of those names (its own folder, ``kode`` and name, so that every report differs)."""
    root = parent / name
    root.mkdir()
    for folder in ("data", "params", "notebooks"):
        shutil.copytree(REPO / folder, root / folder)
    for copy in copies:
        unit = f"bp3mi-{copy}"
        shutil.copytree(root / "data" / UNIT, root / "data" / unit)
        shutil.copytree(root / "params" / UNIT, root / "params" / unit)
        info = root / "data" / unit / "unit.yaml"
        text = info.read_text(encoding="utf-8")
        label = copy.replace("-", " ").title()
        text = re.sub(r"(?m)^kode: .*$", f"kode: {unit}", text)
        text = re.sub(r"(?m)^singkatan: (.*)$", rf"singkatan: \1 ({label})", text)
        info.write_text(text, encoding="utf-8")
    return root


def _run(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr[-2000:]}")
    return seconds


def lkj_build(root: Path, *args: str, code: Path | None = None) -> float:
    """``lkj build`` with this checkout's lkj, or with the one in ``code`` (first on
    PYTHONPATH: the command, its kernels and its workers import it)."""
    env = {**os.environ, "PYTHONPATH": str(code)} if code is not None else None
    return _run([str(BIN / "lkj"), "--root", str(root), "build", *args], env)


def naive(root: Path, period: str) -> float:
    """papermill per chapter, then nbconvert to HTML, then the PDF step; the total time."""
    out = root / "naive"
    out.mkdir(exist_ok=True)
    start = time.perf_counter()
    for notebook in sorted((root / "notebooks").glob("[0-9]*.ipynb")):
        _run([str(BIN / "papermill"), str(notebook), str(out / notebook.name),
              "-p", "unit", UNIT, "-p", "period", period, "-p", "root", str(root),
              "--no-progress-bar"])  # fmt: skip
    html = out / "report.html"
    title = _title(root, period)
    _run([sys.executable, "-c", MERGE_AND_EXPORT, str(out), str(html), title])
    _run([sys.executable, "-c", PDF_STEP, str(html), str(out / "report.pdf"), str(root), period])
    return time.perf_counter() - start


def _title(root: Path, period: str) -> str:
    from lkj.report.context import load_report
    from lkj.rules.periods import Period

    ctx = load_report(None, Period.parse(period), root)
    return f"Laporan Kinerja {ctx.singkatan} {ctx.periode}"


def _report(root: Path, period: str, suffix: str) -> Path:
    from lkj.build.finish import report_name
    from lkj.rules.periods import Period

    when = Period.parse(period)
    return root / "reports" / UNIT / when.slug / f"{report_name(UNIT, when)}{suffix}"


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (runs: {', '.join(f'{v:.2f}' for v in values)})"


def _machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        found = re.search(r"model name\s*:\s*(.+)", text)
        model = found.group(1).strip() if found else model
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _load() -> str:
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "n/a"


def _batch(work: Path, period: str, rounds: int, baseline: Path | None) -> None:
    """8 reports against one, alternating (and alternating with ``baseline``'s lkj)."""
    batch_root = _tree(work, "batch", COPIES)
    base_root = _tree(work, "batch-baseline", COPIES) if baseline is not None else None
    units = 1 + len(COPIES)
    print(
        f"\nbatch: {units} units x 2 quarters = {units * 2} reports "
        f"(lkj build 2025-Q1 2025-Q2 --all-units --force, --jobs default: "
        f"{os.cpu_count()}) against one (lkj build {period} --force)"
    )
    if baseline is not None:
        print(f"alternating with the lkj of {baseline}")
    eight = ("2025-Q1", "2025-Q2", "--all-units", "--force")
    one = (period, "--unit", UNIT, "--force")
    print("warm-up round (not timed) ...", flush=True)
    lkj_build(batch_root, *eight)
    if base_root is not None:
        lkj_build(base_root, *eight, code=baseline)
    times: dict[str, list[float]] = {"one": [], "eight": [], "base one": [], "base eight": []}
    for n in range(1, rounds + 1):
        load = _load()
        if base_root is not None:
            times["base one"].append(lkj_build(base_root, *one, code=baseline))
        times["one"].append(lkj_build(batch_root, *one))
        if base_root is not None:
            times["base eight"].append(lkj_build(base_root, *eight, code=baseline))
        times["eight"].append(lkj_build(batch_root, *eight))
        shown = "  ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items() if v)
        print(f"round {n} (load {load}): {shown}", flush=True)
    for prefix in ("", "base ") if base_root is not None else ("",):
        who = "baseline" if prefix else "this checkout"
        print(f"{who}: one report, median: {_median(times[prefix + 'one'])}")
        print(f"{who}: 8 reports, median: {_median(times[prefix + 'eight'])}")
        factor = statistics.median(times[prefix + "eight"]) / statistics.median(
            times[prefix + "one"]
        )
        verdict = "met" if factor <= BATCH_TARGET else "NOT met"
        print(f"{who}: batch factor 8/1: {factor:.2f} (target <= {BATCH_TARGET}: {verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of (a) and (b)")
    parser.add_argument("--batch-rounds", type=int, default=3, help="timed rounds of the batch")
    parser.add_argument("--period", default="2025-Q2")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument(
        "--batch-only", action="store_true", help="only the batch and the single report"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="CHECKOUT",
        help="another checkout of lkj (e.g. a git worktree of an older commit): each timed "
        "run of the batch and of the single report alternates with the same run using its lkj, "
        "so that both see the same load",
    )
    args = parser.parse_args()

    print(f"machine: {_machine()}")
    print(f"date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}")
    print(f"load average (1 min) at start: {_load()}")
    period = args.period
    with tempfile.TemporaryDirectory(prefix="lkj-bench-") as tmp:
        work = Path(tmp)

        if not args.batch_only:
            lkj_root, naive_root = _tree(work, "lkj"), _tree(work, "naive")
            print(f"\n(a) lkj build {period} --to html,pdf --force: a real rebuild, every time")
            print("(b) naive: papermill CLI per chapter, then nbconvert to HTML, then the PDF step")
            print("warm-up round (not timed) ...", flush=True)
            lkj_build(lkj_root, period, "--to", "html,pdf", "--force")
            naive(naive_root, period)
            same_html = (naive_root / "naive" / "report.html").read_bytes() == _report(
                lkj_root, period, ".html"
            ).read_bytes()
            same_pdf = (naive_root / "naive" / "report.pdf").read_bytes() == _report(
                lkj_root, period, ".pdf"
            ).read_bytes()
            print(f"same HTML from (a) and (b): {same_html}; same PDF: {same_pdf}")

            times_a: list[float] = []
            times_b: list[float] = []
            for n in range(1, args.rounds + 1):
                times_a.append(lkj_build(lkj_root, period, "--to", "html,pdf", "--force"))
                times_b.append(naive(naive_root, period))
                print(f"round {n}: (a) {times_a[-1]:.2f} s  (b) {times_b[-1]:.2f} s", flush=True)
            ratio = statistics.median(times_a) / statistics.median(times_b)
            print(f"(a) lkj build, median: {_median(times_a)}")
            print(f"(b) naive pipeline, median: {_median(times_b)}")
            verdict = "met" if ratio <= RATIO_TARGET else "NOT met"
            print(f"ratio a/b: {ratio:.3f} (target <= {RATIO_TARGET}: {verdict})")

            # An unchanged rebuild: lkj skips it.
            skip = lkj_build(lkj_root, period)
            print(f"unchanged rebuild (no --force), skipped: {skip:.2f} s")

        if not args.skip_batch:
            _batch(work, period, args.batch_rounds, args.baseline)
    print(f"\nload average (1 min) at end: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
