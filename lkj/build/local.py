"""The local executor: every report of a batch built on this machine.

The chapters of all reports run on one pool of warm kernels (:mod:`lkj.build.kernels`), report
after report (a report's chapters go before the next report's); each report is finished
(merge, HTML, PDF) in a pool of warm worker processes (:mod:`lkj.build.workers`) while the
kernels go on with the next report. Each report is driven by a thread of its own through
:func:`lkj.build.job.run_report`, the same function any executor calls.

An executor, for :mod:`lkj.build.run`: made with the number of jobs and reports (its kernels
start and warm up at once, while the inputs are checked), then :meth:`LocalExecutor.run`
once with the reports to build and a function to call with every event (each
:class:`~lkj.build.chapter.ChapterRun` as it ends, then one
:class:`~lkj.build.job.ReportOutcome` per report), from any thread; :meth:`alive` while
events may still come; :meth:`close` at the end (``abort``: kill everything now).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from lkj.build.chapter import ChapterRun
from lkj.build.finish import FinishJob, FinishResult, finish_report, warm_finisher
from lkj.build.job import Event, ReportJob, ReportOutcome, kernel_warm_up, run_report
from lkj.build.kernels import KernelPool
from lkj.build.workers import WorkerError, WorkerPool

def kernels_for(jobs: int, reports: int) -> int:
    """How many kernels run chapters: one per four jobs, at most one per report.

    In a warm kernel the chapters of a report take about 0.4 s of CPU and its PDF about 2.3 s
    in a worker process, so one kernel keeps several workers busy, and each more kernel
    costs 1.5 s of CPU to start and warm up. (A second kernel for a single report only slows
    the first one's start on a 2-CPU machine.)"""
    return max(1, min(reports, -(-jobs // 4)))


class LocalExecutor:
    """The :class:`~lkj.build.job.Executor` of ``lkj build`` by default."""

    def __init__(self, jobs: int, reports: int, notebooks: Sequence[Path]) -> None:
        self._jobs = jobs
        self._kernels = KernelPool(kernels_for(jobs, reports), warm_up=kernel_warm_up(notebooks))
        self._workers: WorkerPool | None = None
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._chapters_left = 0

    def run(self, jobs: Sequence[ReportJob], on_event: Callable[[Event], None]) -> None:
        """Start building ``jobs``; returns at once."""
        self._workers = WorkerPool(min(self._jobs, len(jobs)), warm_up=warm_finisher)
        self._workers.start()  # their imports overlap the chapters
        self._chapters_left = sum(len(job.chapters) for job in jobs)
        for job in jobs:
            thread = threading.Thread(
                target=self._report, args=(job, on_event), name=f"lkj-report-{job.key}"
            )
            thread.daemon = True
            self._threads.append(thread)
            thread.start()

    def alive(self) -> bool:
        return any(thread.is_alive() for thread in self._threads)

    def close(self, abort: bool = False) -> None:
        self._kernels.close(abort=abort)
        if self._workers is not None:
            self._workers.close(abort=abort)
        for thread in self._threads:  # done (or, aborted, failing): they end at once
            thread.join(timeout=0.5 if abort else 30)

    def _report(self, job: ReportJob, on_event: Callable[[Event], None]) -> None:
        def chapter_done(run: ChapterRun) -> None:
            on_event(run)
            with self._lock:
                self._chapters_left -= 1
                last = self._chapters_left == 0
            if last:  # no chapter left: free the CPUs for the finishing
                self._kernels.close()

        try:
            outcome = run_report(job, self._kernels.run, self._finish, chapter_done)
        except BaseException as exc:  # even Ctrl-C: the batch waits for one outcome per report
            error = " ".join(f"{type(exc).__name__}: {exc}".split())
            outcome = ReportOutcome(job.key, (), error=f"could not build the report: {error}")
        on_event(outcome)

    def _finish(self, job: FinishJob) -> FinishResult:
        assert self._workers is not None
        try:
            return self._workers.call(finish_report, job)
        except WorkerError as exc:
            return FinishResult({}, [], f"could not finish the report: {exc}", 1)
