"""``lkj build`` of one or many reports (periods by units): incremental, parallel, one display.

1. Each report's inputs are fingerprinted (:mod:`lkj.build.fingerprint`); a report whose inputs
   and files are as at its last build is skipped, and said so (``force`` rebuilds).
2. For the reports left, the executor starts (its kernels warm up meanwhile). Each report is
   locked (a second build of it waits), its inputs are read once into its build folder
   (:mod:`lkj.build.snapshot`) and checked there (params, data, prose:
   :func:`lkj.report.context.load_report`); a report that fails the check fails alone, with
   its one-line error. A figure in its prose that disagrees with lkj's
   (:mod:`lkj.audit.prose`) is a warning, or with ``strict`` fails the report there.
3. The executor (:mod:`lkj.build.local`, or on a Dask cluster :mod:`lkj.build.cluster`)
   builds each report's :class:`~lkj.build.job.ReportJob`:
   its chapters, then its finishing (merge, HTML, PDF, written atomically:
   :func:`lkj.build.finish.finish_report`). One progress line per chapter, numbered across all
   reports.
4. Its fingerprint record — of the inputs as read — is written beside it. A failure stops
   only its own report.

No wait is unbounded: the executor bounds every chapter and every finishing, and this loop
checks that the executor still runs while it waits for it. Outputs do not depend on ``jobs``
or on the order in which chapters ran: every chapter runs in a reset kernel namespace, and the
merge follows the chapters' file names.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkj.build.atomic import LockTimeoutError, build_lock, exclusive, write_atomic
from lkj.build.chapter import ChapterRun, ChapterTask
from lkj.build.fingerprint import (
    FIRST_BUILD,
    Fingerprint,
    compute,
    project_files,
    read_record,
    reason_to_build,
)
from lkj.build.fingerprint import record_bytes as fingerprint_bytes
from lkj.build.fingerprint import record_path as fingerprint_path
from lkj.build.finish import (
    FORMATS,
    FinishJob,
    FinishResult,
    ReportMeta,
    cannot_write,
    chapters,
    report_name,
)
from lkj.build.job import ReportJob, ReportOutcome
from lkj.errors import BuildError, LkjError, UnitError
from lkj.inputs.project import Project
from lkj.rules.periods import Period

if TYPE_CHECKING:
    from lkj.audit.prose import ProseFinding
    from lkj.build.job import Executor, ExecutorFactory

POLL = 0.5  # seconds between checks that the executor still runs, while waiting for it
LOCK_TIMEOUT = 3600  # seconds to wait for another build of the same report to end

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
    prose: tuple[ProseFinding, ...] = ()  # figures in its prose that disagree with lkj's
    fingerprint: Fingerprint | None = None
    record: dict[str, Any] | None = None
    meta: ReportMeta | None = None
    heading: str = ""  # "BP3MI Jawa Barat, Triwulan II 2025"
    job: ReportJob | None = None
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
            (name, when) for name in names for when in whens if project.has_year(name, when.year)
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
    executor: ExecutorFactory | None = None,
    strict: bool = False,
) -> BatchResult:
    """Build the report of each (unit, period) of ``wanted`` in ``formats``.

    Never raises for a report's own failure (bad input, a failing chapter, a PDF that cannot
    be rendered): that report is marked failed and the others go on. ``jobs`` (default: the
    number of CPUs) bounds the processes at work: worker processes finishing reports, and
    kernels running chapters (:func:`lkj.build.local.kernels_for`); for a Dask LocalCluster,
    its workers. ``executor`` makes what builds the reports (:class:`lkj.build.job.Executor`;
    default: the local one, :class:`lkj.build.local.LocalExecutor`; the Dask one:
    :func:`lkj.build.executors.choose`). An LkjError from making it (e.g. an unreachable
    scheduler, a root the workers cannot see) is raised before anything is built.

    A figure in the analysts' prose that disagrees with lkj's (:mod:`lkj.audit.prose`) is a
    warning naming file and line; with ``strict`` it fails its report (a skipped report is
    checked too).
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    batch = _Batch(project, formats, jobs, force, out, warn, executor)
    batch.strict = strict
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
        executor: ExecutorFactory | None = None,
    ) -> None:
        self.project = project
        self.executor = executor
        self.formats = formats
        self.jobs = jobs
        self.force = force
        self.out = out or (lambda text: print(text, flush=True))  # progress, also when piped
        self.warn = warn or (lambda text: print(f"lkj: warning: {text}", file=sys.stderr))
        self.kinds: dict[bool, list[Path]] = {}  # the chapters of each kind, once needed
        self.events: queue.Queue[ChapterRun | ReportOutcome] = queue.Queue()
        self.labelled = False
        self.done = 0
        self.total = 0
        self.strict = False

    def notebooks(self, report: Report) -> list[Path]:
        """The chapters of the report's kind: the quarterly ones, or the annual ones for a
        year (:func:`lkj.build.finish.chapters`)."""
        annual = report.period.annual
        if annual not in self.kinds:
            self.kinds[annual] = chapters(self.project, annual)
        return self.kinds[annual]

    def run(self, reports: list[Report]) -> BatchResult:
        start = time.perf_counter()
        self.labelled = len(reports) > 1
        todo = [r for r in reports if self._needs_building(r)]
        if self.strict:  # a skipped report is as it was, but its prose must still agree
            for report in reports:
                if report.status == SKIPPED:
                    self._strict_prose(report)
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
        try:
            notebooks = self.notebooks(report)
        except LkjError as exc:
            report.fail(exc)
            return False
        report.fingerprint = compute(self.project, report.unit, report.period, notebooks)
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

    # ---- 2.-4. building -----------------------------------------------------------------

    def _build(self, reports: list[Report], todo: list[Report]) -> None:
        for folder in (self.project.build_dir, self.project.reports_dir):
            _check_writable(self.project, folder)
        if self.executor is None:
            from lkj.build.local import LocalExecutor  # jupyter_client, zmq: only now

            self.executor = LocalExecutor
        kinds = sorted({r.period.annual for r in todo})  # every kind's imports warm up
        notebooks = [n for annual in kinds for n in self.kinds[annual]]
        executor = self.executor(self.jobs, len(todo), notebooks)  # warms up meanwhile
        aborted = True
        try:
            # lock in one order (unit, period), whatever order the batch names them in:
            # two batches that share reports never wait for each other's locks in a circle
            keys = {id(report): key for key, report in enumerate(reports)}
            ordered = sorted(todo, key=lambda r: (r.unit, r.period.slug))
            ready = [r for r in ordered if self._prepare(r, keys[id(r)])]
            ready.sort(key=lambda r: keys[id(r)])
            if not ready:
                executor.close(abort=True)  # nothing to run: do not wait for the kernels
                aborted = False
                return
            self.total = sum(len(self.notebooks(r)) for r in ready)
            for report in ready:
                why = (
                    ""
                    if report.detail == FIRST_BUILD and not self.labelled
                    else (f" ({report.detail})")
                )
                count = len(self.notebooks(report))
                self.out(f"building {report.heading}: {count} chapters{why}")
            executor.run([r.job for r in ready if r.job is not None], self.events.put)
            self._wait(reports, {keys[id(r)] for r in ready}, executor)
            aborted = False
        finally:
            executor.close(abort=aborted)
            for report in reports:
                report.hold.close()

    def _wait(self, reports: list[Report], waiting: set[int], executor: Executor) -> None:
        """Show each chapter's line and record each report's outcome, as they come."""
        while waiting:
            try:
                event = self.events.get(timeout=POLL)
            except queue.Empty:
                if executor.alive() or not self.events.empty():
                    continue
                for key in waiting:  # no outcome will come for these
                    reports[key].fail(BuildError("the build stopped before this report ended"))
                return
            if isinstance(event, ChapterRun):
                self._chapter_done(reports[event.task.key], event)
            else:
                self._finished(reports[event.key], event)
                waiting.discard(event.key)

    def _prepare(self, report: Report, key: int) -> bool:
        """Check the report's inputs; read them once (into a folder of its own); lock the
        report (a second build of it waits), clear its build folder, put the inputs into it
        and make the report's job. Whether it is ready. A report with bad input writes
        nothing in the project."""
        staging = Path(tempfile.mkdtemp(prefix="lkj-inputs-"))
        try:
            return self._prepare_from(report, key, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _prepare_from(self, report: Report, key: int, staging: Path) -> bool:
        from lkj.build.snapshot import take

        slug = report.period.slug
        build_dir = self._build_dir(report)
        if not self._check(report, self.project.root):  # its messages name the project's files
            return False
        notebooks = self.notebooks(report)
        snapshot = take(self.project, report.unit, report.period, notebooks, staging)
        assert report.fingerprint is not None  # of the files before they were checked
        read, checked = (
            project_files(f.inputs) for f in (snapshot.fingerprint, report.fingerprint)
        )
        if read != checked and not self._check(report, snapshot.root):  # changed meanwhile
            return False
        if self.strict and report.prose:  # the prose as read (checked above, or the same bytes)
            report.fail(_strict_error(report.prose))
            return False
        lock = build_lock(self.project.build_dir, report.unit, slug)
        try:
            waiting = lambda: self.out(f"waiting for another build of {report.label}")  # noqa: E731
            report.hold.enter_context(exclusive(lock, waiting, timeout=LOCK_TIMEOUT))
            _check_writable(self.project, self._report_dir(report))
            build_dir.mkdir(parents=True, exist_ok=True)
            for stale in build_dir.glob("*.ipynb"):
                stale.unlink()
            snapshot = snapshot.move(build_dir)
        except LockTimeoutError:
            minutes = LOCK_TIMEOUT // 60
            report.fail(BuildError(f"another build of {report.label} has held its lock "
                                   f"({self.project.display(lock)}) for over {minutes} minutes; "
                                   "not waiting longer"))  # fmt: skip
            return False
        except OSError as exc:
            report.fail(LkjError(cannot_write(self.project, exc)))
            return False
        report.fingerprint = snapshot.fingerprint  # of the inputs as read
        assert report.meta is not None
        parameters = {"unit": report.unit, "period": slug, "root": str(snapshot.root)}
        tasks = tuple(
            ChapterTask(
                key,
                notebook,
                build_dir / notebook.name,
                parameters,
                self.project.display(build_dir / notebook.name),
                self.project.display(original),
            )
            for notebook, original in zip(snapshot.notebooks, notebooks, strict=True)
        )
        finish = FinishJob(self.project.root, report.unit, slug, report.name,
                           tuple(t.output for t in tasks), self.formats, report.meta)  # fmt: skip
        report.job = ReportJob(key, tasks, finish)
        self._warn_prose(report)
        return True

    def _check(self, report: Report, root: Path) -> bool:
        """Params, data and prose: a mistake fails the report with its one-line error."""
        from lkj.report.context import load_report

        try:
            ctx = load_report(report.unit, report.period, root)
            report.prose = ctx.prose_check.findings
        except LkjError as exc:
            report.fail(exc)
            return False
        title = f"Laporan Kinerja {ctx.singkatan} {ctx.periode}"
        signed = ctx.params.penandatangan
        created = (signed.tanggal if signed else None) or report.period.end_date
        report.meta = ReportMeta(title, ctx.singkatan, f"Laporan Kinerja {ctx.periode}", created)
        report.heading = f"{ctx.singkatan}, {ctx.periode}"
        return True

    def _warn_prose(self, report: Report) -> None:
        """A warning per figure in the prose that disagrees with lkj's (found by
        :meth:`_check`), once the report is to be built."""
        for finding in report.prose:
            text = f"prose figure differs: {finding.message()}"
            report.warnings.append(text)
            self.warn(f"{report.label}: {text}" if self.labelled else text)

    def _strict_prose(self, report: Report) -> None:
        """A skipped report's prose (its inputs are as at its last build): with ``strict``, a
        disagreement fails it."""
        if self._check(report, self.project.root) and report.prose:
            report.fail(_strict_error(report.prose))

    def _chapter_done(self, report: Report, run: ChapterRun) -> None:
        """Show the chapter's line."""
        self.done += 1
        report.started = run.started if report.started is None else report.started
        report.runs[run.name] = run
        status = "ok" if run.error is None else "FAILED"
        where = f"{report.label} " if self.labelled else ""
        self.out(f"[{self.done}/{self.total}] {where}{run.name} {status} ({run.seconds:.1f} s)")

    def _finished(self, report: Report, outcome: ReportOutcome) -> None:
        """The report's files are written, or it failed: record its fingerprint, or say why."""
        errors = [run.error for run in outcome.runs if run.error is not None]
        if outcome.error is not None:
            report.fail(BuildError(outcome.error))
            return
        if errors:
            more = f"\n({len(errors) - 1} more chapter(s) failed)" if len(errors) > 1 else ""
            report.fail(BuildError(f"{errors[0]}{more}"))
            return
        result: FinishResult | None = outcome.result
        if result is None:
            report.fail(BuildError("the report was not finished"))
            return
        for text in result.warnings:
            self.warn(text)
        if result.error is not None:
            error = BuildError(result.error) if result.exit_code == 1 else LkjError(result.error)
            error.exit_code = result.exit_code
            report.fail(error)
            return
        assert report.fingerprint is not None
        used = Fingerprint({**report.fingerprint.inputs, **result.assets})
        others = self._paths(report, [f for f in FORMATS if f not in self.formats])
        data = fingerprint_bytes(used, result.outputs, others, report.record)
        try:
            write_atomic(fingerprint_path(self._report_dir(report), report.name), data)
        except OSError as exc:
            report.fail(LkjError(cannot_write(self.project, exc)))
            return
        report.hold.close()
        report.status, report.outputs = BUILT, result.outputs
        report.warnings += result.warnings
        report.seconds = time.perf_counter() - (report.started or time.perf_counter())
        for fmt, path in result.outputs.items():
            self.out(f"{fmt}: {self.project.display(path)}")


def _check_writable(project: Project, folder: Path) -> None:
    """Files can be written in ``folder`` (or, while it does not exist, in the nearest folder
    above it, where it will be made), else an LkjError naming ``folder`` (exit 2). Makes
    nothing."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        exc.filename = str(folder)
        raise LkjError(cannot_write(project, exc)) from None


def _strict_error(findings: Sequence[ProseFinding]) -> LkjError:
    more = len(findings) - 1
    rest = (
        f" ({more} more figure{'s' if more > 1 else ''} in the prose disagree"
        f"{'' if more > 1 else 's'}: lkj audit lists them)"
        if more
        else ""
    )
    return LkjError(f"{findings[0].message()}{rest}; --strict fails the report")


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
    strict: bool = False,
) -> BuildResult:
    """Build the report of ``unit`` for ``period`` in the formats asked for; skip it when its
    inputs are as at its last build (unless ``force``). Raises the LkjError that stopped it."""
    project = Project.at(root)
    when = Period.parse(period) if isinstance(period, str) else period
    name = project.resolve_unit(unit, when)
    result = build_many(
        project,
        [(name, when)],
        formats,
        jobs=jobs,
        force=force,
        out=progress,
        warn=warn,
        strict=strict,
    )
    (report,) = result.reports
    if report.error is not None:
        raise report.error
    return BuildResult(
        report.outputs, report.warnings, result.seconds, skipped=report.status == "skipped"
    )
