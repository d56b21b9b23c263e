"""One report's work, whatever runs it: its chapters, then, if they all ran, its finishing.

This is the boundary between ``lkj build`` (:mod:`lkj.build.run`: what to build, fingerprints,
locks, the inputs read once, progress, records) and the executors that do the work. A
:class:`ReportJob` is plain data (picklable: paths, parameters, names) and holds no open
resource, so it can be sent to another process or machine; :func:`run_report` is the one way
to build it, given two services:

- ``run_chapters(tasks, on_each)``: runs the chapters, in any kernels, and returns one
  :class:`~lkj.build.chapter.ChapterRun` per task (calling ``on_each`` as each ends);
- ``finish(job)``: :func:`lkj.build.finish.finish_report`, here or in another process.

The local executor (:mod:`lkj.build.local`) runs the chapters of every report on one shared
pool of warm kernels and finishes the reports in worker processes. :func:`run_here` builds a
report entirely in the calling process, on a warm kernel kept for its next report: what a
worker of a distributed executor (e.g. Dask: ``client.submit(run_here, job)``) calls.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lkj.build.chapter import ChapterRun, ChapterTask
from lkj.build.finish import FinishJob, FinishResult

RunChapters = Callable[[Sequence[ChapterTask], Callable[[ChapterRun], None]], list[ChapterRun]]
Finish = Callable[[FinishJob], FinishResult]

if TYPE_CHECKING:  # started only when chapters are to be run (jupyter_client, zmq)
    from lkj.build.kernels import KernelPool


@dataclass(frozen=True)
class ReportJob:
    """A report whose inputs are checked and read: its chapters, in order, and how to finish
    it (``finish.executed`` are the chapters' outputs)."""

    key: int  # the caller's name for the report
    chapters: tuple[ChapterTask, ...]
    finish: FinishJob


@dataclass(frozen=True)
class ReportOutcome:
    key: int
    runs: tuple[ChapterRun, ...]  # one per chapter, in order
    result: FinishResult | None = None  # None: not finished (a chapter failed, or ``error``)
    error: str | None = None  # the executor itself failed (not a chapter, not the finish)


#: What an executor reports, from any thread: each chapter's run as it ends, then one outcome
#: per report.
Event = ChapterRun | ReportOutcome


class Executor(Protocol):
    """What ``lkj build`` (:mod:`lkj.build.run`) needs of an executor.

    It is made, with the number of jobs, of reports and the chapter notebooks, as soon as
    something is to be built (so that it can start and warm up while the inputs are checked);
    then :meth:`run` is called once."""

    def run(self, jobs: Sequence[ReportJob], on_event: Callable[[Event], None]) -> None:
        """Start building ``jobs``; return at once. For each job, call ``on_event`` with each
        chapter's :class:`ChapterRun` (optional) and then exactly one
        :class:`ReportOutcome`."""

    def alive(self) -> bool:
        """Whether events may still come (else a job without an outcome never gets one)."""

    def close(self, abort: bool = False) -> None:
        """Release everything; with ``abort``, stop the work at once."""


#: Makes an executor: (jobs, reports, chapter notebooks) -> Executor.
ExecutorFactory = Callable[[int, int, Sequence[Path]], Executor]


def _ignore(run: ChapterRun) -> None:
    pass


def run_report(
    job: ReportJob,
    run_chapters: RunChapters,
    finish: Finish,
    on_chapter: Callable[[ChapterRun], None] = _ignore,
) -> ReportOutcome:
    """Run the chapters of ``job``; finish the report when none failed."""
    runs = tuple(run_chapters(job.chapters, on_chapter))
    if any(run.error is not None for run in runs):
        return ReportOutcome(job.key, runs)
    return ReportOutcome(job.key, runs, finish(job.finish))


#: Run in each kernel before its first chapter, after the chapters' own imports.
CHARTS_WARM_UP = "import lkj.report.charts\nlkj.report.charts.warm_up()"


def kernel_warm_up(notebooks: Sequence[Path]) -> str:
    """What a kernel runs before its first chapter: the chapters' imports, the Vega runtime."""
    from lkj.build.kernels import warm_up_code

    return warm_up_code(notebooks, CHARTS_WARM_UP)


class _Here:
    """This process's pool of one warm kernel, for :func:`run_here`."""

    lock = threading.Lock()
    pool: KernelPool | None = None

    @classmethod
    def kernels(cls, notebooks: Sequence[Path], warm_up: str | None = None) -> RunChapters:
        """The pool's ``run``; the pool is started first if there is none, its kernel warmed
        up with ``warm_up`` (default: :func:`kernel_warm_up` of ``notebooks``)."""
        from lkj.build.kernels import KernelPool

        with cls.lock:
            if cls.pool is None:
                code = kernel_warm_up(notebooks) if warm_up is None else warm_up
                cls.pool = KernelPool(1, warm_up=code)
                atexit.register(cls.pool.close)
            return cls.pool.run

    @classmethod
    def close(cls) -> None:
        with cls.lock:
            pool, cls.pool = cls.pool, None
        if pool is not None:
            atexit.unregister(pool.close)
            pool.close(abort=True)


def run_here(
    job: ReportJob,
    on_chapter: Callable[[ChapterRun], None] = _ignore,
    finish: Finish | None = None,
) -> ReportOutcome:
    """Build ``job`` in this process: its chapters on this process's warm kernel (started
    with the first report, kept for the next), then its finishing, here (``finish``, by
    default :func:`lkj.build.finish.finish_report`)."""
    from lkj.build.finish import finish_report

    kernels = _Here.kernels([task.notebook for task in job.chapters])
    return run_report(job, kernels, finish or finish_report, on_chapter)


def warm_here(warm_up: str) -> None:
    """Start this process's warm kernel now, warming up with ``warm_up`` (see
    :func:`kernel_warm_up`), for :func:`run_here`'s first report: a Dask worker as it starts.
    Returns at once; the first report waits for the warm-up."""
    _Here.kernels((), warm_up)


def close_here() -> None:
    """Kill this process's warm kernel, if it has one: a Dask worker as it stops."""
    _Here.close()
