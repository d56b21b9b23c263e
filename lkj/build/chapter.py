"""One chapter notebook run by papermill in a kernel that is already running, and what to say
when it fails: the chapter, the cell, the error, the executed notebook kept for inspection.

The kernel comes from :mod:`lkj.build.kernel`; papermill injects the parameters and executes the
chapter through it (``papermill.execute_notebook(..., km=...)``), exactly as it would in a
kernel of its own. No ``cwd``: papermill would ``os.chdir`` the whole process, which races
between chapters run at the same time; the notebooks get the project root as a parameter.

papermill runs the chapter through lkj's engine (:class:`_Engine`, papermill's own nbclient
engine registered under another name) only to know which cell was running when something
other than a cell's exception stopped it (a dead kernel, a timeout): that cell is named, and
the chapter as executed up to it is kept.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CELL_TIMEOUT = 600  # seconds per cell
ENGINE = "lkj"

_running = threading.local()  # .nb: the notebook papermill is executing in this thread


@dataclass(frozen=True)
class ChapterTask:
    """A chapter of one report: ``key`` is the caller's name for the report."""

    key: int
    notebook: Path
    output: Path
    parameters: dict[str, Any]
    shown_output: str  # the executed chapter's path as messages show it
    shown_notebook: str = ""  # the chapter's path as messages show it (default: its path)

    @property
    def name(self) -> str:
        return self.notebook.stem

    @property
    def shown(self) -> str:
        return self.shown_notebook or str(self.notebook)


@dataclass(frozen=True)
class ChapterRun:
    task: ChapterTask
    seconds: float
    started: float = 0.0  # time.perf_counter() when it started
    error: str | None = None  # a few lines: chapter, cell, error, executed notebook
    kernel_ok: bool = True  # False: the kernel died or may still be busy; replace it
    kernel_died: bool = False  # the kernel process ended while the chapter ran

    @property
    def name(self) -> str:
        return self.task.name


class NotANotebookError(ValueError):
    """A chapter file that is not a Jupyter notebook papermill can run."""


def read_check(path: Path) -> None:
    """Raise :class:`NotANotebookError` (the reason, in a few words) unless ``path`` holds a
    notebook of format 4 that papermill can run."""
    import nbformat

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NotANotebookError(f"cannot be read ({exc})") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        where = getattr(exc, "lineno", None)
        at = f" at line {where}, column {getattr(exc, 'colno', '?')}" if where else ""
        raise NotANotebookError(f"not valid JSON{at}") from None
    if not isinstance(data, dict):
        raise NotANotebookError(f"found a JSON {type(data).__name__}, not an object")
    missing = [key for key in ("cells", "nbformat", "metadata") if key not in data]
    if missing:
        raise NotANotebookError(f"{', '.join(repr(k) for k in missing)} missing")
    if data.get("nbformat") != 4:
        raise NotANotebookError(f"nbformat {data.get('nbformat')!r}")
    try:
        nbformat.reads(text, as_version=4)  # as papermill reads it
    except Exception as exc:
        first = next((ln for ln in str(exc).splitlines() if ln.strip()), type(exc).__name__)
        raise NotANotebookError(" ".join(first.split())[:200]) from None


@cache
def _engine() -> str:
    """Register lkj's papermill engine (once) and return its name."""
    from papermill.engines import NBClientEngine, papermill_engines

    class _Engine(NBClientEngine):  # type: ignore[misc]
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            _running.nb = nb_man.nb
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(ENGINE, _Engine)
    # nbclient logs "Kernel died while waiting for execute reply." through papermill's
    # logger; the chapter's error says it, once, with the cell.
    logging.getLogger("papermill").addHandler(logging.NullHandler())
    logging.getLogger("papermill").propagate = False
    return ENGINE


def run(task: ChapterTask, km: Any, timeout: int = CELL_TIMEOUT) -> ChapterRun:
    """Execute ``task`` with papermill in the running kernel of ``km``; a failure is returned,
    not raised. A cell that raised, or a file that is not a notebook, leaves the kernel usable
    (``kernel_ok``); anything else (a dead kernel, a timeout) does not."""
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    try:
        read_check(task.notebook)
    except NotANotebookError as exc:
        error = (
            f"chapter {task.name}: {task.shown} is not a notebook: {exc}; expected a Jupyter "
            "notebook (nbformat 4) as JupyterLab saves it"
        )
        return ChapterRun(task, time.perf_counter() - start, start, error)
    _running.nb = None
    try:
        pm.execute_notebook(
            str(task.notebook),
            str(task.output),
            parameters=task.parameters,
            kernel_name="python3",
            engine_name=_engine(),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            km=km,
        )
    except PapermillExecutionError as exc:
        error = _cell_error(task, exc)
        return ChapterRun(task, time.perf_counter() - start, start, error)
    except (CellTimeoutError, DeadKernelError) as exc:
        died = isinstance(exc, DeadKernelError)
        where, source = _stopped_in(task)
        what = (
            f"the kernel died while running {where}"
            if died
            else f"{where} did not finish within {timeout} s"
        )
        what += f": {source}" if source else ""
        error = f"chapter {task.name}: {what}"
        if _keep_partial(task):
            error += f"\n  the executed chapter, up to that cell: {task.shown_output}"
        seconds = time.perf_counter() - start
        return ChapterRun(task, seconds, start, error, kernel_ok=False, kernel_died=died)
    except Exception as exc:  # reported per chapter by the caller
        error = could_not_run(task, exc)
        return ChapterRun(task, time.perf_counter() - start, start, error, kernel_ok=False)
    return ChapterRun(task, time.perf_counter() - start, start)


def could_not_run(task: ChapterTask, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or "no message"
    if len(text) > 300:
        text = text[:297] + "..."
    return f"chapter {task.name} could not run: {type(exc).__name__}: {text}"


def _first_line(source: str) -> str:
    line = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")
    return line if len(line) <= 90 else line[:87] + "..."


def _cell_error(task: ChapterTask, exc: Any) -> str:
    where = _cell_position(task.notebook, task.output, exc.exec_count)
    return (
        f"chapter {task.name} failed in {where}: {_first_line(exc.source)}\n"
        f"  {exc.ename}: {exc.evalue}\n"
        f"  the executed chapter, with the traceback: {task.shown_output}"
    )


def _stopped_in(task: ChapterTask) -> tuple[str, str]:
    """``cell 4 (id 'x')`` and its first line: the cell papermill had started last."""
    nb = getattr(_running, "nb", None)
    started = [
        cell
        for cell in (nb.cells if nb is not None else [])
        if cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    if not started:
        return "its first cell", ""
    cell = started[-1]
    return _position_of(task.notebook, cell.get("id")), _first_line(cell.source)


def _keep_partial(task: ChapterTask) -> bool:
    """Write the chapter as executed so far (papermill writes it only when it completes)."""
    import nbformat

    nb = getattr(_running, "nb", None)
    if nb is None:
        return False
    try:
        nbformat.write(nb, task.output)
    except Exception:  # the file is a courtesy; the error itself matters
        return False
    return True


def _position_of(notebook: Path, cell_id: str | None) -> str:
    """``cell 6 (id 'boom')``, counted as an analyst sees the chapter; papermill's executed
    copy has extra cells (the injected parameters, an error banner)."""
    import nbformat

    try:
        ids = [c.get("id") for c in nbformat.read(notebook, as_version=4).cells]
    except Exception:  # the position is a courtesy; the error itself matters
        return "a cell"
    if cell_id in ids:
        return f"cell {ids.index(cell_id) + 1} (id '{cell_id}')"
    return "the cell of injected parameters"


def _cell_position(notebook: Path, output: Path, exec_count: int | None) -> str:
    import nbformat

    try:
        executed = nbformat.read(output, as_version=4).cells
        cell_id = next(c.id for c in executed if c.get("execution_count") == exec_count)
    except Exception:  # the position is a courtesy; the error itself matters
        return f"cell In [{exec_count}] of the executed chapter"
    position = _position_of(notebook, cell_id)
    return f"cell In [{exec_count}] of the executed chapter" if position == "a cell" else position
