"""``lkj preview``: one report kept up to date while its inputs are edited.

A :class:`Preview` holds one warm kernel (:class:`lkj.build.kernel.WarmKernel`) and the executed
chapters of one report, in a temporary folder. On a change it re-executes only the chapters the
change affects, then merges, assembles and exports the HTML exactly as ``lkj build`` does
(:mod:`lkj.build.finish`; no PDF), so the page is the report ``lkj build`` would publish.

Which chapter a change affects:

- a prose file of the period (``data/<unit>/<year>/narasi/<period>/<name>.md``): the chapters
  that asked for ``<name>`` when they last ran (:func:`lkj.report.prose.take_asked`, read from
  the kernel after each chapter), and any chapter that has not run yet;
- a chapter notebook: that chapter;
- the prose of another period: none (the report never reads it);
- anything else under ``data/<unit>/`` or the params file: every chapter (the figures they
  all show come from there).

The inputs are checked (:func:`lkj.report.context.load_report`) before any chapter runs; a
mistake, a failing chapter or a failing export leaves the last good page in place and is
reported with its one-line message (:attr:`Page.error`). The chapters it kept from running
stay due and run with the next change that fixes it.
"""

from __future__ import annotations

import ast
import contextlib
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkj.build.chapter import ChapterRun, ChapterTask
from lkj.build.finish import ANNUAL_DIR, chapters, export_html, merge, notebooks_dir
from lkj.errors import LkjError
from lkj.inputs.params import params_path
from lkj.inputs.project import Project
from lkj.rules.periods import Period

#: Run in the kernel after each chapter: the prose files the chapter asked for.
ASKED = "__import__('lkj.report.prose', fromlist=['take_asked']).take_asked()"
ASK_TIMEOUT = 30  # seconds


@dataclass(frozen=True)
class Outcome:
    """What one update did."""

    ran: tuple[str, ...]  # the chapters executed, in order
    seconds: float
    html: str | None = None  # the new page; None when nothing changed or it failed
    error: str | None = None  # the one-line (or few-line) message of what went wrong
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Places:
    """Where the inputs of one report live."""

    unit_dir: Path
    narasi: Path  # data/<unit>/<year>/narasi/<period>
    narasi_root: Path  # data/<unit>/<year>/narasi
    params: Path
    notebooks: Path

    @property
    def watched(self) -> tuple[Path, ...]:
        return (self.unit_dir, self.params, self.notebooks)


def places(project: Project, unit: str, period: Period) -> Places:
    unit_dir = project.unit_dir(unit)
    narasi_root = unit_dir / str(period.year) / "narasi"
    return Places(
        unit_dir,
        narasi_root / period.slug,
        narasi_root,
        params_path(project, unit, period),
        notebooks_dir(project, ANNUAL_DIR if period.annual else ""),
    )


def affected(
    changed: Iterable[Path],
    where: Places,
    names: Iterable[str],
    asked: dict[str, frozenset[str]],
) -> set[str]:
    """The chapters (by name, of ``names``) that ``changed`` files affect; see the module's
    documentation. ``asked``: the prose files each chapter asked for when it last ran."""
    names = list(names)
    due: set[str] = set()
    for path in changed:
        if path.parent == where.notebooks:
            if path.suffix == ".ipynb" and path.stem in names:
                due.add(path.stem)
        elif path.parent == where.narasi:
            due |= {n for n in names if n not in asked or path.stem in asked[n]}
        elif path.is_relative_to(where.narasi_root):
            continue  # the prose of another period
        elif path == where.params or path.is_relative_to(where.unit_dir):
            due |= set(names)
    return due


class Preview:
    """One report of ``unit`` for ``period``, rebuilt from a warm kernel on each change."""

    def __init__(
        self, project: Project, unit: str, period: Period, *, timeout: int | None = None
    ) -> None:
        from lkj.build.chapter import CELL_TIMEOUT

        self.project = project
        self.unit = unit
        self.period = period
        self.where = places(project, unit, period)
        self.timeout = timeout or CELL_TIMEOUT
        self._folder = tempfile.TemporaryDirectory(prefix="lkj-preview-")
        self.out_dir = Path(self._folder.name)
        self._kernel: Any = None  # lkj.build.kernel.WarmKernel
        self.notebooks: list[Path] = []
        self.asked: dict[str, frozenset[str]] = {}
        self.executed: dict[str, Path] = {}  # chapter -> its executed notebook, once it ran ok
        self.due: set[str] = set()
        self.shown: tuple[str, ...] = ()  # the chapters of the last page made

    # ---- the kernel ---------------------------------------------------------------------

    def _start_kernel(self) -> None:
        from lkj.build.job import kernel_warm_up
        from lkj.build.kernel import WarmKernel

        kernel = WarmKernel()  # used from this thread (and its event loop) only
        self._kernel = kernel
        kernel.start(kernel_warm_up(chapters(self.project, self.period.annual)))

    def close(self) -> None:
        """Kill the kernel and remove the executed chapters."""
        if self._kernel is not None:
            self._kernel.kill()
            self._kernel = None
        with contextlib.suppress(OSError):
            self._folder.cleanup()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- updates ------------------------------------------------------------------------

    def update(self, changed: Iterable[Path] | None = None) -> Outcome:
        """Bring the page up to date after ``changed`` files changed (None: build it all).

        Never raises for a mistake in the input or a failing chapter: the outcome says what
        went wrong, and the chapters still due run at the next update."""
        start = time.perf_counter()
        try:
            return self._update(changed, start)
        except LkjError as exc:
            return Outcome((), time.perf_counter() - start, error=str(exc))

    def _update(self, changed: Iterable[Path] | None, start: float) -> Outcome:
        from lkj.report.context import load_report

        found = chapters(self.project, self.period.annual)
        names = [nb.stem for nb in found]
        new = [n for n in names if n not in self.executed]
        self.notebooks = found
        self.executed = {n: p for n, p in self.executed.items() if n in names}
        if changed is None:
            self.due = set(names)
        else:
            self.due |= affected(changed, self.where, names, self.asked) | set(new)
        self.due &= set(names)
        if not self.due and tuple(self.executed) == self.shown:
            return Outcome((), time.perf_counter() - start)
        ctx = load_report(self.unit, self.period, self.project.root)  # before any chapter
        ran: list[str] = []
        for notebook in self.notebooks:
            if notebook.stem not in self.due:
                continue
            result = self._run(notebook)
            ran.append(notebook.stem)
            if result.error is not None:
                return Outcome(tuple(ran), time.perf_counter() - start, error=result.error)
            self.due.discard(notebook.stem)
            self.executed[notebook.stem] = result.task.output
        self.executed = {nb.stem: self.executed[nb.stem] for nb in self.notebooks}
        html, warnings = self._export(f"Laporan Kinerja {ctx.singkatan} {ctx.periode}")
        self.shown = tuple(self.executed)
        return Outcome(tuple(ran), time.perf_counter() - start, html, None, tuple(warnings))

    def _run(self, notebook: Path) -> ChapterRun:
        from lkj.build import chapter
        from lkj.build.kernels import RESET, RESET_TIMEOUT

        if self._kernel is None:
            self._start_kernel()
        kernel = self._kernel
        if not kernel.execute(RESET, RESET_TIMEOUT):
            self._restart()
            kernel = self._kernel
        parameters = {"unit": self.unit, "period": self.period.slug, "root": str(self.project.root)}
        output = self.out_dir / notebook.name
        task = ChapterTask(0, notebook, output, parameters, str(output))
        result = chapter.run(task, kernel.manager, self.timeout)
        if not result.kernel_ok:
            self._restart()
            return result
        text = kernel.evaluate(ASKED, ASK_TIMEOUT)
        with contextlib.suppress(ValueError, SyntaxError):
            if text is not None:
                self.asked[notebook.stem] = frozenset(ast.literal_eval(text))
        return result

    def _restart(self) -> None:
        if self._kernel is not None:
            self._kernel.kill()
            self._kernel = None
        self._start_kernel()

    def _export(self, title: str) -> tuple[str, list[str]]:
        from lkj.report.assemble import assemble

        merged = merge([self.executed[nb.stem] for nb in self.notebooks])
        asm = assemble(merged)
        return export_html(merged, title=title, charts=asm.charts > 0), asm.warnings

