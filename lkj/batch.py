"""``lkj build`` of one or many reports (periods by units): incremental, parallel, one display.

1. Each report's inputs are fingerprinted (:mod:`lkj.fingerprint`); a report whose inputs
   and files are as at its last build is skipped, and said so (``force`` rebuilds).
2. The reports left are checked (params, data, prose: :func:`lkj.report.context.load_report`)
   while a pool of warm kernels starts (:mod:`lkj.kernels`); a report that fails the check
   fails alone, with its one-line error.
3. Every chapter of every report is queued on the pool, report after report; one progress
   line per chapter, numbered across all of them.
4. When a report's chapters are done, it is finished (merged, exported to HTML and PDF,
   written atomically: :func:`lkj.build.finish_report`) in a pool of warm worker processes
   (:mod:`lkj.workers`), while the kernels go on with the next reports.
5. Its fingerprint record is written beside it. A failure anywhere stops only its report.

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
from typing import Any

from lkj.atomic import build_lock, exclusive, write_atomic
from lkj.build import (
    FORMATS,
    FinishJob,
    FinishResult,
    ReportMeta,
    chapters,
    report_name,
)
from lkj.chapters import ChapterRun, ChapterTask
from lkj.errors import BuildError, LkjError
from lkj.fingerprint import (
    FIRST_BUILD,
    Fingerprint,
    compute,
    read_record,
    reason_to_build,
    record_bytes,
)
from lkj.fingerprint import record_path as fingerprint_path
from lkj.paths import Project
from lkj.periods import Period

#: Run in each kernel before its first chapter, after the chapters' own imports.
CHARTS_WARM_UP = "import lkj.report.charts\nlkj.report.charts.warm_up()"
#: What the worker processes run: at their start, then once per report.
WARM_FINISHER = "lkj.build:warm_finisher"
FINISH = "lkj.build:finish_report"

BUILT, SKIPPED, FAILED = "built", "skipped", "failed"


@dataclass
class Report:
    """One report of the batch and what became of it."""

    unit: str
    period: Period
    status: str = ""  # built, skipped or failed once done
    detail: str = ""  # why it was built or skipped, or the first line of its error
    error: LkjError | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # while it is being built
    fingerprint: Fingerprint | None = None
    record: dict[str, Any] | None = None
    meta: ReportMeta | None = None
    heading: str = ""  # "BP3MI Jawa Barat, Triwulan II 2025"
    runs: dict[str, ChapterRun] = field(default_factory=dict)
    started: float | None = None
    hold: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    @property
    def label(self) -> str:
        return f"{self.unit} {self.period.slug}"

    @property
    def name(self) -> str:
        return report_name(self.unit, self.period)


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


def _report_dir(project: Project, report: Report) -> Path:
    return project.reports_dir / report.unit / report.period.slug


def _output_paths(project: Project, report: Report, formats: Sequence[str]) -> dict[str, Path]:
    folder = _report_dir(project, report)
    return {fmt: folder / f"{report.name}{FORMATS[fmt][0]}" for fmt in formats}


def _fail(report: Report, error: LkjError) -> None:
    report.status, report.error = FAILED, error
    report.detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    report.hold.close()


def build_many(
    project: Project,
    targets: Sequence[tuple[str, Period]],
    formats: tuple[str, ...],
    *,
    jobs: int | None = None,
    force: bool = False,
    out: Callable[[str], None] = print,
    warn: Callable[[str], None] | None = None,
) -> BatchResult:
    """Build the report of each (unit, period) of ``targets`` in ``formats``.

    Never raises for a report's own failure (bad input, a failing chapter, a PDF that cannot
    be rendered): that report is marked failed and the others go on. ``jobs`` (default: the
    number of CPUs) is how many kernels run chapters at once, and how many processes finish
    reports at once.
    """
    start = time.perf_counter()
    warn = warn or (lambda text: print(f"lkj: warning: {text}", file=sys.stderr))
    jobs = max(1, jobs or os.cpu_count() or 1)
    notebooks = chapters(project)
    reports = [Report(unit, period) for unit, period in dict.fromkeys(targets)]
    labelled = len(reports) > 1

    todo: list[Report] = []
    for report in reports:
        report.fingerprint = compute(project, report.unit, report.period, notebooks)
        report.record = read_record(fingerprint_path(_report_dir(project, report), report.name))
        paths = _output_paths(project, report, formats)
        shown = {fmt: project.display(p) for fmt, p in paths.items()}
        reason = "--force" if force else reason_to_build(report.record, report.fingerprint,
                                                         paths, shown)  # fmt: skip
        if reason is None:
            report.status, report.outputs = SKIPPED, paths
            report.detail = "unchanged since the last build"
            out(f"skipped {report.label}: {', '.join(shown.values())} unchanged since the last "
                "build (--force rebuilds)")  # fmt: skip
        else:
            report.detail = reason
            todo.append(report)
    if not todo:
        return BatchResult(reports, time.perf_counter() - start)

    from lkj.kernels import KernelPool, warm_up_code
    from lkj.report.context import load_report
    from lkj.workers import Answer, Call, WorkerPool

    events: queue.Queue[ChapterRun | Answer] = queue.Queue()
    # One kernel per report, up to ``jobs``: a report's chapters take about a second in a warm
    # kernel, less than a second kernel costs to start and warm up.
    pool = KernelPool(min(jobs, len(todo)), events, warm_up=warm_up_code(notebooks, CHARTS_WARM_UP))
    finishers: WorkerPool | None = None
    aborted = True
    try:
        ready: list[Report] = []
        for report in todo:  # checked while the kernels start
            try:
                ctx = load_report(report.unit, report.period, project.root)
            except LkjError as exc:
                _fail(report, exc)
                continue
            title = f"Laporan Kinerja {ctx.singkatan} {ctx.periode}"
            created = ctx.params.penandatangan.tanggal or report.period.end_date
            report.meta = ReportMeta(
                title, ctx.singkatan, f"Laporan Kinerja {ctx.periode}", created
            )
            report.heading = f"{ctx.singkatan}, {ctx.periode}"
            ready.append(report)
        if not ready:
            pool.close(abort=True)  # nothing to run: do not wait for the kernels to start
        else:  # started now, their imports overlap the chapters
            finishers = WorkerPool(min(jobs, len(ready)), events, warm_up=WARM_FINISHER)
        total = len(ready) * len(notebooks)
        for key, report in enumerate(reports):
            if report not in ready:
                continue
            _schedule(project, report, key, notebooks, pool, out, labelled)
        done = 0
        waiting = {id(r) for r in ready}
        while waiting:
            event = events.get()
            if isinstance(event, ChapterRun):
                done += 1
                report = reports[event.task.key]
                if report.started is None:
                    report.started = event.started
                report.runs[event.name] = event
                status = "ok" if event.error is None else "FAILED"
                where = f"{report.label} " if labelled else ""
                out(f"[{done}/{total}] {where}{event.name} {status} ({event.seconds:.1f} s)")
                if done == total:
                    pool.close()  # no chapter left: free the CPUs for the finishing
                if len(report.runs) < len(notebooks):
                    continue
                failures = [report.runs[nb.stem].error for nb in notebooks]
                errors = [e for e in failures if e]
                if errors:
                    more = f"\n({len(errors) - 1} more chapter(s) failed)" * (len(errors) > 1)
                    _fail(report, BuildError(f"{errors[0]}{more}"))
                    waiting.discard(id(report))
                    continue
                assert finishers is not None and report.meta is not None
                job = FinishJob(
                    root=project.root,
                    unit=report.unit,
                    period=report.period.slug,
                    name=report.name,
                    executed=tuple(report.runs[nb.stem].task.output for nb in notebooks),
                    formats=formats,
                    meta=report.meta,
                )
                finishers.submit(Call(event.task.key, FINISH, job))
            else:
                if event.key is None:  # a worker could not even start
                    raise BuildError(f"could not finish the reports: {event.error}")
                report = reports[event.key]
                waiting.discard(id(report))
                _record_finish(project, report, event, formats, out, warn)
        aborted = False
    finally:
        pool.close(abort=aborted)
        if finishers is not None:
            finishers.close(abort=aborted)
        for report in reports:
            report.hold.close()
    return BatchResult(reports, time.perf_counter() - start)


def _schedule(
    project: Project,
    report: Report,
    key: int,
    notebooks: list[Path],
    pool: Any,
    out: Callable[[str], None],
    labelled: bool,
) -> None:
    """Lock the report's build folder, clear it, and queue its chapters."""
    when = report.period
    lock = build_lock(project.build_dir, report.unit, when.slug)
    report.hold.enter_context(
        exclusive(lock, lambda: out(f"waiting for another build of {report.label} to finish"))
    )
    build_dir = project.build_dir / report.unit / when.slug
    build_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*build_dir.glob("*.ipynb"), build_dir / "kernels.log"]:
        stale.unlink(missing_ok=True)
    first = report.detail == FIRST_BUILD
    why = "" if first and not labelled else f" ({report.detail})"
    out(f"building {report.heading}: {len(notebooks)} chapters{why}")
    parameters = {"unit": report.unit, "period": when.slug, "root": str(project.root)}
    for notebook in notebooks:
        output = build_dir / notebook.name
        pool.submit(ChapterTask(key, notebook, output, parameters, project.display(output)))


def _record_finish(
    project: Project,
    report: Report,
    answer: Any,
    formats: tuple[str, ...],
    out: Callable[[str], None],
    warn: Callable[[str], None],
) -> None:
    result: FinishResult | None = answer.value
    if answer.error is not None or result is None:
        _fail(report, BuildError(f"could not finish the report: {answer.error}"))
        return
    for text in result.warnings:
        warn(text)
    if result.error is not None:
        error = BuildError(result.error) if result.exit_code == 1 else LkjError(result.error)
        error.exit_code = result.exit_code
        _fail(report, error)
        return
    assert report.fingerprint is not None
    others = _output_paths(project, report, [f for f in FORMATS if f not in formats])
    data = record_bytes(report.fingerprint, result.outputs, others, report.record)
    write_atomic(fingerprint_path(_report_dir(project, report), report.name), data)
    report.hold.close()
    report.status, report.outputs, report.warnings = BUILT, result.outputs, result.warnings
    report.seconds = time.perf_counter() - (report.started or time.perf_counter())
    for fmt, path in result.outputs.items():
        out(f"{fmt}: {project.display(path)}")


def table(result: BatchResult, project: Project) -> str:
    """What was built, skipped or failed: one row per report, then the counts."""
    rows = [("report", "status", "time", "files or reason")]
    for r in result.reports:
        if r.status == BUILT:
            files = [project.display(p) for p in r.outputs.values()]
            detail = ", ".join(files)
        elif r.status == SKIPPED:
            detail = r.detail
        else:
            detail = r.detail if len(r.detail) <= 110 else r.detail[:107] + "..."
        seconds = f"{r.seconds:.1f} s" if r.status == BUILT else "-"
        rows.append((r.label, r.status, seconds, detail))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:>{widths[2]}}  {d}".rstrip() for a, b, c, d in rows
    ]
    counts = ", ".join(f"{result.count(s)} {s}" for s in (BUILT, SKIPPED, FAILED))
    lines.append(f"{len(result.reports)} reports: {counts} in {result.seconds:.1f} s")
    return "\n".join(lines)


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
    if all_units:
        names = project.units()
        if not names:
            names = [project.resolve_unit(None)]  # raises: no unit found
    elif units:
        names = list(dict.fromkeys(project.resolve_unit(u) for u in units))
    else:
        names = [project.resolve_unit(None)]
    return [(name, when) for name in names for when in whens]
