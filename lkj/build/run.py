"""``lkj build`` of one or many reports (periods by units): incremental, parallel, one display.

1. Each report's inputs are fingerprinted (:mod:`lkj.build.fingerprint`); a report whose inputs
   and files are as at its last build is skipped, and said so (``force`` rebuilds).
2. The reports left are checked (params, data, prose: :func:`lkj.report.context.load_report`)
   while a pool of warm kernels starts (:mod:`lkj.build.kernels`); a report that fails the check
   fails alone, with its one-line error.
3. Every chapter of every report is queued on the pool, report after report; one progress
   line per chapter, numbered across all of them.
4. When a report's chapters are done, it is finished (merged, exported to HTML and PDF,
   written atomically: :func:`lkj.build.finish.finish_report`) in a pool of warm worker processes
   (:mod:`lkj.build.workers`), while the kernels go on with the next reports.
5. Its fingerprint record is written beside it. A failure stops only its own report.

Outputs do not depend on ``jobs`` or on the order in which chapters ran: every chapter runs in
a reset kernel namespace, and the merge follows the chapters' file names.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkj.build.atomic import build_lock, exclusive, write_atomic
from lkj.build.finish import FORMATS, FinishJob, FinishResult, ReportMeta, chapters, report_name
from lkj.build.chapter import ChapterRun, ChapterTask
from lkj.errors import BuildError, LkjError, UnitError
from lkj.build.fingerprint import FIRST_BUILD, Fingerprint, compute, read_record, reason_to_build
from lkj.build.fingerprint import record_bytes as fingerprint_bytes
from lkj.build.fingerprint import record_path as fingerprint_path
from lkj.inputs.project import Project
from lkj.rules.periods import Period

if TYPE_CHECKING:  # imported when something is to be built (jupyter_client, zmq)
    from lkj.build.kernels import KernelPool
    from lkj.build.workers import Answer, WorkerPool

#: Run in each kernel before its first chapter, after the chapters' own imports.
CHARTS_WARM_UP = "import lkj.report.charts\nlkj.report.charts.warm_up()"
#: What the worker processes run: at their start, then once per report.
WARM_FINISHER = "lkj.build.finish:warm_finisher"
FINISH = "lkj.build.finish:finish_report"

BUILT, SKIPPED, FAILED = "built", "skipped", "failed"


@dataclass(eq=False)
class Report:
    """One report of the batch and what became of it."""

    unit: str
    period: Period
    status: str = ""  # built, skipped or failed, once done
    detail: str = ""  # why it was built or skipped, or the first line of its error
    error: LkjError | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0  # from its first chapter to its files in place
    # while it is being built
    fingerprint: Fingerprint | None = None
    record: dict[str, Any] | None = None
    meta: ReportMeta | None = None
    heading: str = ""  # "BP3MI Jawa Barat, Triwulan II 2025"
    runs: dict[str, ChapterRun] = field(default_factory=dict)
    started: float | None = None
    hold: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)  # its lock

    @property
    def label(self) -> str:
        return f"{self.unit} {self.period.slug}"

    @property
    def name(self) -> str:
        return report_name(self.unit, self.period)

    def fail(self, error: LkjError) -> None:
        self.status, self.error = FAILED, error
        self.detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        self.hold.close()


@dataclass(frozen=True)
class BatchResult:
    reports: list[Report]
    seconds: float

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.reports)

    @property
    def exit_code(self) -> int:
        """0 when nothing failed; 2 when every failure is a mistake in the input; else 1."""
        codes = {r.error.exit_code if r.error else 1 for r in self.reports if r.status == FAILED}
        if not codes:
            return 0
        return codes.pop() if len(codes) == 1 else 1


def kernels_for(jobs: int, reports: int) -> int:
    """How many kernels run chapters: one per four jobs, at most one per report.

    In a warm kernel the chapters of a report take about 0.4 s of CPU and its PDF about 2.3 s
    in a worker process, so one kernel keeps several workers busy, and each more kernel
    costs 1.5 s of CPU to start and warm up. (A second kernel for a single report only slows
    the first one's start on a 2-CPU machine.)"""
    return max(1, min(reports, -(-jobs // 4)))


def targets(
    project: Project,
    periods: Sequence[str],
    units: Sequence[str] | None = None,
    *,
    all_units: bool = False,
) -> list[tuple[str, Period]]:
    """The (unit, period) pairs asked for, unit by unit, without repeats.

    A malformed period or an unknown unit is an LkjError (nothing is built); a unit without
    params for one of the periods fails alone, when its report is checked."""
    whens = list(dict.fromkeys(Period.parse(p) for p in periods))
    if all_units:  # every unit with data for the period's year
        names = project.units() or [project.resolve_unit(None)]  # none: resolve_unit raises
        wanted = [
            (name, when)
            for name in names
            for when in whens
            if project.has_year(name, when.year)
        ]
        if not wanted:
            years = ", ".join(sorted({str(w.year) for w in whens}))
            raise UnitError(f"no unit has data for {years}; units: {', '.join(names)}")
        return wanted
    elif units:
        names = list(dict.fromkeys(project.resolve_unit(u) for u in units))
    else:  # the unit each period identifies (its year's data)
        return list(dict.fromkeys((project.resolve_unit(None, when), when) for when in whens))
    return [(name, when) for name in names for when in whens]


def build_many(
    project: Project,
    wanted: Sequence[tuple[str, Period]],
    formats: tuple[str, ...],
    *,
    jobs: int | None = None,
    force: bool = False,
    out: Callable[[str], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BatchResult:
    """Build the report of each (unit, period) of ``wanted`` in ``formats``.

    Never raises for a report's own failure (bad input, a failing chapter, a PDF that cannot
    be rendered): that report is marked failed and the others go on. ``jobs`` (default: the
    number of CPUs) bounds the processes at work: worker processes finishing reports, and
    kernels running chapters (:func:`kernels_for`).
    """
    batch = _Batch(project, formats, max(1, jobs or os.cpu_count() or 1), force, out, warn)
    return batch.run([Report(unit, period) for unit, period in dict.fromkeys(wanted)])


class _Batch:
    def __init__(
        self,
        project: Project,
        formats: tuple[str, ...],
        jobs: int,
        force: bool,
        out: Callable[[str], None] | None,
        warn: Callable[[str], None] | None,
    ) -> None:
        self.project = project
        self.formats = formats
        self.jobs = jobs
        self.force = force
        self.out = out or (lambda text: print(text, flush=True))  # progress, also when piped
        self.warn = warn or (lambda text: print(f"lkj: warning: {text}", file=sys.stderr))
        self.notebooks = chapters(project)
        self.events: queue.Queue[ChapterRun | Answer] = queue.Queue()
        self.labelled = False
        self.done = 0
        self.total = 0

    def run(self, reports: list[Report]) -> BatchResult:
        start = time.perf_counter()
        self.labelled = len(reports) > 1
        todo = [r for r in reports if self._needs_building(r)]
        if todo:
            self._build(reports, todo)
        return BatchResult(reports, time.perf_counter() - start)

    # ---- 1. incremental ----------------------------------------------------------------

    def _report_dir(self, report: Report) -> Path:
        return self.project.reports_dir / report.unit / report.period.slug

    def _build_dir(self, report: Report) -> Path:
        return self.project.build_dir / report.unit / report.period.slug

    def _paths(self, report: Report, formats: Sequence[str]) -> dict[str, Path]:
        folder = self._report_dir(report)
        return {fmt: folder / f"{report.name}{FORMATS[fmt][0]}" for fmt in formats}

    def _needs_building(self, report: Report) -> bool:
        try:  # nothing is read from, or written to, outside the project (lkj.inputs.confine)
            for folder in (self._report_dir(report), self._build_dir(report)):
                self.project.confine(folder, write=True)
        except LkjError as exc:
            report.fail(exc)
            return False
        report.fingerprint = compute(self.project, report.unit, report.period, self.notebooks)
        report.record = read_record(fingerprint_path(self._report_dir(report), report.name))
        paths = self._paths(report, self.formats)
        shown = {fmt: self.project.display(p) for fmt, p in paths.items()}
        reason = reason_to_build(report.record, report.fingerprint, paths, shown)
        if reason is not None or self.force:
            report.detail = "--force" if self.force else str(reason)
            return True
        report.status, report.outputs = SKIPPED, paths
        report.detail = "unchanged since the last build"
        self.out(f"skipped {report.label}: unchanged since the last build (--force rebuilds): "
                 f"{', '.join(shown.values())}")  # fmt: skip
        return False

    # ---- 2.-5. building -----------------------------------------------------------------

    def _build(self, reports: list[Report], todo: list[Report]) -> None:
        from lkj.build.kernels import KernelPool, warm_up_code
        from lkj.build.workers import WorkerPool

        warm_up = warm_up_code(self.notebooks, CHARTS_WARM_UP)
        kernels = KernelPool(kernels_for(self.jobs, len(todo)), self.events, warm_up=warm_up)
        workers: WorkerPool | None = None
        aborted = True
        try:
            ready = [r for r in todo if self._check(r)]  # while the kernels start
            if not ready:
                kernels.close(abort=True)  # nothing to run: do not wait for them to start
                aborted = False
                return
            # started now, the workers' imports overlap the chapters
            workers = WorkerPool(min(self.jobs, len(ready)), self.events, warm_up=WARM_FINISHER)
            self.total = len(ready) * len(self.notebooks)
            waiting = set(map(id, ready))
            for key, report in enumerate(reports):
                if id(report) in waiting:
                    self._queue_chapters(report, key, kernels)
            while waiting:
                event = self.events.get()
                if isinstance(event, ChapterRun):
                    report = reports[event.task.key]
                    if self._chapter_done(report, event, kernels, workers):
                        waiting.discard(id(report))  # failed: no finishing
                else:
                    if event.key is None:  # a worker thread could not even start a process
                        raise BuildError(f"could not finish the reports: {event.error}")
                    report = reports[event.key]
                    self._finished(report, event)
                    waiting.discard(id(report))
            aborted = False
        finally:
            kernels.close(abort=aborted)
            if workers is not None:
                workers.close(abort=aborted)
            for report in reports:
                report.hold.close()

    def _check(self, report: Report) -> bool:
        """Params, data and prose: a mistake fails the report with its one-line error."""
        from lkj.report.context import load_report

        try:
            ctx = load_report(report.unit, report.period, self.project.root)
        except LkjError as exc:
            report.fail(exc)
            return False
        title = f"Laporan Kinerja {ctx.singkatan} {ctx.periode}"
        signed = ctx.params.penandatangan
        created = (signed.tanggal if signed else None) or report.period.end_date
        report.meta = ReportMeta(title, ctx.singkatan, f"Laporan Kinerja {ctx.periode}", created)
        report.heading = f"{ctx.singkatan}, {ctx.periode}"
        return True

    def _queue_chapters(self, report: Report, key: int, kernels: KernelPool) -> None:
        """Lock the report's build folder (a second build of it waits), clear it, and queue
        its chapters."""
        slug = report.period.slug
        lock = build_lock(self.project.build_dir, report.unit, slug)
        report.hold.enter_context(
            exclusive(lock, lambda: self.out(f"waiting for another build of {report.label}"))
        )
        build_dir = self._build_dir(report)
        build_dir.mkdir(parents=True, exist_ok=True)
        for stale in [*build_dir.glob("*.ipynb"), build_dir / "kernels.log"]:
            stale.unlink(missing_ok=True)
        why = "" if report.detail == FIRST_BUILD and not self.labelled else f" ({report.detail})"
        self.out(f"building {report.heading}: {len(self.notebooks)} chapters{why}")
        parameters = {"unit": report.unit, "period": slug, "root": str(self.project.root)}
        for notebook in self.notebooks:
            output = build_dir / notebook.name
            shown = self.project.display(output)
            kernels.submit(ChapterTask(key, notebook, output, parameters, shown))

    def _chapter_done(
        self, report: Report, run: ChapterRun, kernels: KernelPool, workers: WorkerPool
    ) -> bool:
        """Show the chapter's line; when it was the report's last, finish the report (or fail
        it). Whether the report failed."""
        from lkj.build.workers import Call

        self.done += 1
        report.started = run.started if report.started is None else report.started
        report.runs[run.name] = run
        status = "ok" if run.error is None else "FAILED"
        where = f"{report.label} " if self.labelled else ""
        self.out(f"[{self.done}/{self.total}] {where}{run.name} {status} ({run.seconds:.1f} s)")
        if self.done == self.total:
            kernels.close()  # no chapter left: free the CPUs for the finishing
        if len(report.runs) < len(self.notebooks):
            return False
        errors = [e for nb in self.notebooks if (e := report.runs[nb.stem].error)]
        if errors:
            more = f"\n({len(errors) - 1} more chapter(s) failed)" if len(errors) > 1 else ""
            report.fail(BuildError(f"{errors[0]}{more}"))
            return True
        assert report.meta is not None
        executed = tuple(report.runs[nb.stem].task.output for nb in self.notebooks)
        job = FinishJob(self.project.root, report.unit, report.period.slug, report.name,
                        executed, self.formats, report.meta)  # fmt: skip
        workers.submit(Call(run.task.key, FINISH, job))
        return False

    def _finished(self, report: Report, answer: Answer) -> None:
        """The report's files are written (or it failed): record its fingerprint."""
        result: FinishResult | None = answer.value
        if answer.error is not None or result is None:
            report.fail(BuildError(f"could not finish the report: {answer.error}"))
            return
        for text in result.warnings:
            self.warn(text)
        if result.error is not None:
            error = BuildError(result.error) if result.exit_code == 1 else LkjError(result.error)
            error.exit_code = result.exit_code
            report.fail(error)
            return
        assert report.fingerprint is not None
        others = self._paths(report, [f for f in FORMATS if f not in self.formats])
        data = fingerprint_bytes(report.fingerprint, result.outputs, others, report.record)
        write_atomic(fingerprint_path(self._report_dir(report), report.name), data)
        report.hold.close()
        report.status, report.outputs, report.warnings = BUILT, result.outputs, result.warnings
        report.seconds = time.perf_counter() - (report.started or time.perf_counter())
        for fmt, path in result.outputs.items():
            self.out(f"{fmt}: {self.project.display(path)}")


def table(result: BatchResult, project: Project) -> str:
    """What was built, skipped or failed: one row per report, then the counts."""
    rows = [("report", "status", "time", "files, or why")]
    for r in result.reports:
        if r.status == BUILT:  # reports/u/2025-Q2/lkj-u-2025-tw2.html, .pdf
            shown = [project.display(p) for p in r.outputs.values()]
            detail = ", ".join(shown[:1] + [Path(s).suffix for s in shown[1:]])
        else:
            detail = r.detail if len(r.detail) <= 110 else r.detail[:107] + "..."
        seconds = f"{r.seconds:.1f} s" if r.status == BUILT else "-"
        rows.append((r.label, r.status, seconds, detail))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:>{widths[2]}}  {d}".rstrip() for a, b, c, d in rows
    ]
    counts = ", ".join(f"{result.count(s)} {s}" for s in (BUILT, SKIPPED, FAILED))
    lines.append(f"{len(result.reports)} reports: {counts}, in {result.seconds:.1f} s")
    return "\n".join(lines)


@dataclass(frozen=True)
class BuildResult:
    outputs: dict[str, Path]
    warnings: list[str]
    seconds: float
    skipped: bool = False


def build(
    period: str | Period,
    unit: str | None = None,
    root: str | Path | None = None,
    formats: tuple[str, ...] = ("html",),
    progress: Callable[[str], None] = print,
    warn: Callable[[str], None] | None = None,
    jobs: int | None = None,
    force: bool = False,
) -> BuildResult:
    """Build the report of ``unit`` for ``period`` in the formats asked for; skip it when its
    inputs are as at its last build (unless ``force``). Raises the LkjError that stopped it."""
    project = Project.at(root)
    when = Period.parse(period) if isinstance(period, str) else period
    name = project.resolve_unit(unit, when)
    result = build_many(
        project, [(name, when)], formats, jobs=jobs, force=force, out=progress, warn=warn
    )
    (report,) = result.reports
    if report.error is not None:
        raise report.error
    return BuildResult(
        report.outputs, report.warnings, result.seconds, skipped=report.status == "skipped"
    )
