"""One chapter notebook run by papermill in a kernel that is already running, and what to say
when it fails (chapter, cell, error, the executed notebook kept for inspection).

The kernel comes from :mod:`lkj.build.kernels`; papermill injects the parameters and executes the
chapter through it (``papermill.execute_notebook(..., km=...)``), exactly as it would in a
kernel of its own. No ``cwd``: papermill would ``os.chdir`` the whole process, which races
between chapters run at the same time; the notebooks get the project root as a parameter.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds per cell


@dataclass(frozen=True)
class ChapterTask:
    """A chapter of one report: ``key`` is the caller's name for the report."""

    key: int
    notebook: Path
    output: Path
    parameters: dict[str, Any]
    shown_output: str  # the executed chapter's path as messages show it

    @property
    def name(self) -> str:
        return self.notebook.stem


@dataclass(frozen=True)
class ChapterRun:
    task: ChapterTask
    seconds: float
    started: float = 0.0  # time.perf_counter() when it started
    error: str | None = None  # a few lines: chapter, cell, error, executed notebook
    kernel_ok: bool = True  # False: the kernel died or may still be busy; replace it

    @property
    def name(self) -> str:
        return self.task.name


def run(task: ChapterTask, km: Any, timeout: int = CELL_TIMEOUT) -> ChapterRun:
    """Execute ``task`` with papermill in the running kernel of ``km``; a failure is returned,
    not raised. A cell that raised leaves the kernel usable (``kernel_ok``); anything else
    (a dead kernel, a timeout, a notebook papermill cannot read) does not."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    try:
        pm.execute_notebook(
            str(task.notebook),
            str(task.output),
            parameters=task.parameters,
            kernel_name=KERNEL,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            km=km,
        )
    except Exception as exc:  # reported per chapter by the caller
        return ChapterRun(
            task,
            time.perf_counter() - start,
            start,
            describe_failure(task.notebook, task.output, exc, task.shown_output),
            kernel_ok=isinstance(exc, PapermillExecutionError),
        )
    return ChapterRun(task, time.perf_counter() - start, start)


def describe_failure(notebook: Path, output: Path, exc: BaseException, shown_output: str) -> str:
    """Chapter, cell and error in a few lines."""
    from papermill.exceptions import PapermillExecutionError

    name = notebook.stem
    if isinstance(exc, PapermillExecutionError):
        source = next((ln.strip() for ln in exc.source.splitlines() if ln.strip()), "")
        if len(source) > 90:
            source = source[:87] + "..."
        where = _cell_position(notebook, output, exc.exec_count)
        return (
            f"chapter {name} failed in {where}: {source}\n"
            f"  {exc.ename}: {exc.evalue}\n"
            f"  the executed chapter, with the traceback: {shown_output}"
        )
    text = " ".join(str(exc).split()) or "no message"
    if len(text) > 300:
        text = text[:297] + "..."
    return f"chapter {name} could not run: {type(exc).__name__}: {text}"


def _cell_position(notebook: Path, output: Path, exec_count: int | None) -> str:
    """``cell 6 (id 'boom')``: where the failing cell is in the chapter as an analyst sees it
    (papermill's executed copy has extra cells: the injected parameters, an error banner)."""
    import nbformat

    try:
        executed = nbformat.read(output, as_version=4).cells
        cell_id = next(c.id for c in executed if c.get("execution_count") == exec_count)
        ids = [c.get("id") for c in nbformat.read(notebook, as_version=4).cells]
        return f"cell {ids.index(cell_id) + 1} (id '{cell_id}')"
    except Exception:  # the position is a courtesy; the error itself matters
        return f"cell In [{exec_count}] of the executed chapter"
