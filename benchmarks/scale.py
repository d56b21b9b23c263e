"""How lkj build scales: N synthetic units x 4 quarters, with each executor and 1 or 2 workers.

    .venv/bin/python benchmarks/scale.py [--units 50] [--seed 1] [--executors local,dask]
                                         [--workers 1,2] [--repeat 1] [--to html,pdf]

Makes ``--units`` synthetic units (benchmarks/synthetic.py: varied indicator counts and
kinds, prose, four quarters, from ``--seed``) in a temporary tree, then builds all N x 4
reports (``lkj build 2025-Q1 2025-Q2 2025-Q3 2025-Q4 --all-units --force``, HTML and PDF, or
the formats ``--to`` names)
with each executor (``--executor local``, ``--executor dask``: a LocalCluster) and each
number of workers (``--jobs``), in a fresh process each time. For each run it prints:

- reports per minute (wall clock, from the command's start to its end, all included);
- CPU-s per report: the CPU time of the command and of every process under it (kernels,
  worker processes, the Dask scheduler, nannies and workers), divided by the reports built;
  counted twice, by ``getrusage(RUSAGE_CHILDREN)`` (the processes that were waited for) and
  by summing every process of the tree sampled every 0.2 s, and the larger is kept;
- peak memory per worker: the highest resident memory (RSS) of one worker with its kernel
  (local: a kernel, or a finishing worker process; Dask: a worker process and the kernel
  it started), sampled every 0.2 s; and the peak of the whole tree at once;
- the scaling from 1 to 2 workers (time with 1 / time with 2).

It also prints the machine, the date and the load average before and after each run: the
machine may be shared, and CPU time is inflated when it is.
"""

from __future__ import annotations

import argparse
import datetime
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import _load, _machine  # noqa: E402
from benchmarks.synthetic import YEAR, make_tree  # noqa: E402

BIN = Path(sys.executable).parent
QUARTERS = [f"{YEAR}-Q{q}" for q in range(1, 5)]


@dataclass(frozen=True)
class Run:
    executor: str
    workers: int
    reports: int
    seconds: float
    cpu: float  # seconds, every process of the run (the larger of the two counts below)
    cpu_rusage: float  # getrusage(RUSAGE_CHILDREN): the processes that were waited for
    cpu_sampled: float  # the sum over every process of the tree, sampled
    peak_mb: float  # the highest RSS of one worker (with its kernel), MB
    peak_total_mb: float  # the highest RSS of every process of the run together, MB
    load_before: str
    load_after: str

    @property
    def per_minute(self) -> float:
        return self.reports / self.seconds * 60

    @property
    def cpu_per_report(self) -> float:
        return self.cpu / self.reports


class _Sampler:
    """While a command runs, every 0.2 s: the RSS of each worker (with the kernel under it),
    of the whole process tree, and the CPU time of every process of the tree.

    CPU time is also taken per process because ``getrusage(RUSAGE_CHILDREN)`` counts a
    grandchild only if its parent waited for it (a kernel or a Dask worker ended without
    being waited for would be missed); per process, at most the last 0.2 s of each is."""

    def __init__(self, pid: int) -> None:
        import psutil

        self._root = psutil.Process(pid)
        self.peak = 0  # one worker with its kernel
        self.peak_total = 0  # every process of the run at once
        self.cpu: dict[tuple[int, float], float] = {}  # (pid, its start time) -> CPU s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.wait(0.2):
            try:
                tree = [self._root, *self._root.children(recursive=True)]
            except psutil.Error:
                continue
            total = 0
            for process in tree:
                try:
                    with process.oneshot():
                        times = process.cpu_times()
                        self.cpu[(process.pid, process.create_time())] = times.user + times.system
                        rss = process.memory_info().rss
                        total += rss
                        if process is self._root or not _is_worker(process.cmdline()):
                            continue
                    for child in process.children(recursive=True):
                        rss += child.memory_info().rss
                except psutil.Error:
                    continue
                self.peak = max(self.peak, rss)
            self.peak_total = max(self.peak_total, total)

    def stop(self) -> tuple[float, float, float]:
        """Peak MB of one worker, peak MB of the whole tree, CPU s of every process seen."""
        self._stop.set()
        self._thread.join(timeout=5)
        return self.peak / 2**20, self.peak_total / 2**20, sum(self.cpu.values())


def _is_worker(cmdline: list[str]) -> bool:
    """A process that builds reports: a kernel of the local executor, one of its finishing
    worker processes, or a Dask worker (whose kernel is its child)."""
    text = " ".join(cmdline)
    if "ipykernel" in text:
        return "distributed" not in text  # a Dask worker's kernel counts with its worker
    return (
        "lkj.build.workers" in text
        or "multiprocessing.spawn" in text
        or ("distributed" in text and "nanny" not in text)
    )


def build(root: Path, executor: str, workers: int, units: int, to: str = "html,pdf") -> Run:
    command = [str(BIN / "lkj"), "--root", str(root), "build", *QUARTERS, "--all-units",
               "--force", "--jobs", str(workers), "--to", to]  # fmt: skip
    if executor != "local":  # the default
        command += ["--executor", executor]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = _load()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = _Sampler(process.pid)
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    peak, peak_total, sampled = sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rusage = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{err[-3000:]}")
    built = out.count(" built ")
    expected = units * len(QUARTERS)
    if built != expected:
        sys.exit(f"{built} reports built, expected {expected}:\n{out[-3000:]}")
    cpu = max(rusage, sampled)
    return Run(executor, workers, built, seconds, cpu, rusage, sampled, peak, peak_total,
               load_before, _load())  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--executors", default="local,dask")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--to", default="html,pdf", help="the formats built (lkj build --to)")
    args = parser.parse_args()
    executors = [e.strip() for e in args.executors.split(",") if e.strip()]
    counts = [int(n) for n in args.workers.split(",")]

    print(f"machine: {_machine()}")
    print(f"date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}")
    print(f"load average (1 min) at start: {_load()}")
    reports = args.units * len(QUARTERS)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="lkj-bench-scale-") as tmp:
        root = Path(tmp) / "project"
        make_tree(root, args.units, args.seed)
        shutil.copytree(REPO / "notebooks", root / "notebooks")
        print(f"{args.units} synthetic units (seed {args.seed}) x 4 quarters = {reports} reports"
              f" ({args.to})")  # fmt: skip
        for n in range(1, args.repeat + 1):
            for executor in executors:
                for workers in counts:
                    run = build(root, executor, workers, args.units, args.to)
                    runs.append(run)
                    print(
                        f"[{n}] {executor:5} {workers} worker(s): {run.seconds:7.1f} s, "
                        f"{run.per_minute:5.1f} reports/min, {run.cpu_per_report:5.2f} CPU-s "
                        f"per report (waited-for {run.cpu_rusage / run.reports:.2f}, "
                        f"sampled {run.cpu_sampled / run.reports:.2f}), peak "
                        f"{run.peak_mb:4.0f} MB per worker, {run.peak_total_mb:4.0f} MB in all "
                        f"(load {run.load_before} -> {run.load_after})",
                        flush=True,
                    )
    print()
    print("executor  workers  reports/min  CPU-s/report  peak MB/worker  peak MB all  scaling 1->2")
    for executor in executors:
        by_count = {w: [r for r in runs if r.executor == executor and r.workers == w]
                    for w in counts}  # fmt: skip
        seconds = {w: statistics.median(r.seconds for r in rs) for w, rs in by_count.items()}
        for w, rs in by_count.items():
            scaling = f"{seconds[1] / seconds[w]:.2f}x" if w != 1 and 1 in seconds else ""
            print(
                f"{executor:8}  {w:7}  {statistics.median(r.per_minute for r in rs):11.1f}  "
                f"{statistics.median(r.cpu_per_report for r in rs):12.2f}  "
                f"{max(r.peak_mb for r in rs):14.0f}  "
                f"{max(r.peak_total_mb for r in rs):11.0f}  {scaling}"
            )
    print(f"\nload average (1 min) at end: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
