"""A pool of warm Jupyter kernels shared by the chapters of one or many reports.

Starting a kernel and importing pandas, Altair, the Vega runtime and lkj in it costs more than
running most chapters. ``lkj build`` therefore starts a few kernels once
(:class:`lkj.build.kernel.WarmKernel`, each driven by its own thread), warms them up while it
checks the inputs, and queues every chapter of every report; each thread runs the next
chapter in its kernel, as a papermill-parameterised notebook (:func:`lkj.build.chapter.run`).
Chapters are taken in the order of their ``key`` (the report's place in the batch), then as
they were queued: the first report's chapters all run before the second's, whatever order
the reports' threads queue them in.

Isolation: before each chapter the kernel's namespace is reset the way IPython's ``%reset``
does it (``reset(new_session=True)``: no variable, no output cache, execution counts from 1
again) and warnings shown once are shown again; only imported modules remain. So a chapter
sees what a fresh kernel would show it, and its outputs do not depend on which kernel ran it
or what ran before. A kernel that died, timed out or cannot be reset is replaced. Kernels
are killed when the pool closes, never waited for.

No wait is unbounded: a kernel must start and answer within ``START_TIMEOUT``, warm up within
``WARM_UP_TIMEOUT``, reset within ``RESET_TIMEOUT``, and each cell must finish within the
cell timeout; every chapter queued gets exactly one :class:`~lkj.build.chapter.ChapterRun`,
whatever happens to its kernel or thread (an unforeseen error fails that chapter only).
"""

from __future__ import annotations

import ast
import itertools
import json
import queue
import textwrap
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from lkj.build import chapter as chapters
from lkj.build.chapter import CELL_TIMEOUT, ChapterRun, ChapterTask

RESET_TIMEOUT = 30  # seconds for the reset between chapters
WARM_UP_TIMEOUT = 300  # seconds for the warm-up (imports) before the first chapter
CLOSE_TIMEOUT = 30  # seconds for the threads to kill their kernels when the pool closes

POLL = 0.5  # seconds between checks that the pool still runs, while waiting for a result

#: Where a chapter's result goes.
Reply = Callable[[ChapterRun], None]

#: Run (silently) before each chapter: :func:`fresh_namespace`, in the kernel.
RESET = "__import__('lkj.build.kernels', fromlist=['fresh_namespace']).fresh_namespace()"


def fresh_namespace() -> None:
    """Run in a kernel between chapters: the namespace of a new kernel, execution counts from
    1 again, and warnings shown once per place shown again.

    This is IPython's ``reset(new_session=True)`` (what ``%reset -f`` does, with a new history
    session), minus the ``gc.collect()`` it makes on the way, which costs 50 ms with Altair
    loaded and frees nothing the next chapter needs; Python collects garbage on its own.
    """
    import gc
    import warnings

    from IPython import get_ipython

    shell = get_ipython()
    collect = gc.collect
    gc.collect = lambda *args, **kwargs: 0
    try:
        shell.reset(new_session=True)
    finally:
        gc.collect = collect
    getattr(warnings, "_filters_mutated", lambda: None)()


def _nowhere(run: ChapterRun) -> None:
    pass


def _tagged(replies: queue.Queue[tuple[int, ChapterRun]], n: int, run: ChapterRun) -> None:
    replies.put((n, run))


class KernelPool:
    """``size`` kernels, each run by a thread that takes the next queued chapter.

    The result (:class:`~lkj.build.chapter.ChapterRun`) of a chapter queued by :meth:`submit`
    goes to ``results`` (a queue, or a function called from the pool's threads) as it
    finishes; :meth:`run` runs a list of chapters and returns their results. Kernels start as soon
    as the pool is made, and each runs ``warm_up`` (silently) before its first chapter.
    """

    def __init__(
        self,
        size: int,
        results: queue.Queue[Any] | Reply | None = None,
        *,
        warm_up: str = "",
        timeout: int = CELL_TIMEOUT,
    ) -> None:
        self._tasks: queue.PriorityQueue[tuple[int, int, ChapterTask | None, Reply]] = (
            queue.PriorityQueue()
        )
        self._order = itertools.count()
        self._put: Reply = results.put if isinstance(results, queue.Queue) else results or _nowhere
        self._warm_up = warm_up
        self._timeout = timeout
        self._closing = threading.Event()
        self._abort = threading.Event()
        self._kernels: dict[int, Any] = {}  # slot -> WarmKernel, for close(abort=True)
        self._threads = [
            threading.Thread(target=self._work, args=(n,), name=f"lkj-kernel-{n}", daemon=True)
            for n in range(max(size, 1))
        ]
        for thread in self._threads:
            thread.start()

    @property
    def size(self) -> int:
        return len(self._threads)

    def submit(self, task: ChapterTask) -> None:
        """Queue ``task``; its result goes to the pool's ``results``."""
        self._tasks.put((task.key, next(self._order), task, self._put))

    def run(self, tasks: Sequence[ChapterTask], on_each: Reply | None = None) -> list[ChapterRun]:
        """Run ``tasks`` and wait for them; their results in the same order. ``on_each`` is
        called (in this thread) with each result as it comes. Should the pool be closed
        before a task ran, that task fails."""
        replies: queue.Queue[tuple[int, ChapterRun]] = queue.Queue()
        for n, task in enumerate(tasks):
            reply = partial(_tagged, replies, n)
            self._tasks.put((task.key, next(self._order), task, reply))
        runs: dict[int, ChapterRun] = {}
        while len(runs) < len(tasks):
            try:
                n, run = replies.get(timeout=POLL)
            except queue.Empty:
                if self.alive() or not replies.empty():
                    continue
                for n, task in enumerate(tasks):  # the pool was closed: these never ran
                    if n not in runs:
                        error = f"chapter {task.name} could not run: the build was stopped"
                        runs[n] = ChapterRun(task, 0.0, error=error, kernel_ok=False)
                        if on_each is not None:
                            on_each(runs[n])
                break
            runs[n] = run
            if on_each is not None:
                on_each(run)
        return [runs[n] for n in range(len(tasks))]

    def alive(self) -> bool:
        """Whether the pool's threads still run (they end only when it is closed)."""
        return any(thread.is_alive() for thread in self._threads)

    def close(self, abort: bool = False) -> None:
        """Stop the threads once the queued chapters are done and kill their kernels;
        with ``abort``, kill the kernels at once (chapters still running fail)."""
        if self._closing.is_set():
            return
        self._closing.set()
        if abort:
            self._abort.set()
            for kernel in list(self._kernels.values()):
                kernel.kill_process()
        for _ in self._threads:
            self._tasks.put((1 << 62, next(self._order), None, self._put))  # after every chapter
        for thread in self._threads:  # they kill their kernels (aborted: already dead)
            thread.join(timeout=0.5 if abort else CLOSE_TIMEOUT)

    def _start(self, slot: int) -> tuple[Any, str]:
        from lkj.build.kernel import WarmKernel

        kernel = WarmKernel(self._abort)
        self._kernels[slot] = kernel  # from now on close(abort=True) can kill it
        try:
            kernel.start(self._warm_up, warm_up_timeout=WARM_UP_TIMEOUT)
        except Exception as exc:
            kernel.kill()
            self._kernels.pop(slot, None)
            return None, " ".join(f"{type(exc).__name__}: {exc}".split()) or "no answer"
        return kernel, ""

    def _drop(self, slot: int, kernel: Any) -> None:
        kernel.kill()
        self._kernels.pop(slot, None)

    def _work(self, slot: int) -> None:
        kernel: Any = None
        problem = ""
        try:
            while True:
                if kernel is None and not self._closing.is_set():
                    kernel, problem = self._start(slot)
                _, _, task, reply = self._tasks.get()
                if task is None:
                    break
                try:
                    kernel, problem, result = self._run(slot, kernel, problem, task)
                except Exception as exc:  # unforeseen: this chapter fails, the pool goes on
                    result = ChapterRun(task, 0.0, error=chapters.could_not_run(task, exc))
                    if kernel is not None:
                        self._drop(slot, kernel)
                    kernel = None
                reply(result)
        finally:
            if kernel is not None:
                self._drop(slot, kernel)

    def _run(
        self, slot: int, kernel: Any, problem: str, task: ChapterTask
    ) -> tuple[Any, str, ChapterRun]:
        """Run ``task`` on ``kernel`` (reset first; replaced when it cannot be); the kernel
        to use next, why there is none, and the chapter's result."""
        if kernel is not None and not kernel.execute(RESET, RESET_TIMEOUT):
            self._drop(slot, kernel)
            kernel, problem = self._start(slot) if not self._closing.is_set() else (None, "")
        if kernel is None:
            error = (
                f"chapter {task.name} could not run: the kernel did not start "
                f"({problem or 'the build was stopped'})"
            )
            return None, problem, ChapterRun(task, 0.0, error=error, kernel_ok=False)
        kernel.mark()
        result = chapters.run(task, kernel.manager, self._timeout)
        if result.kernel_ok:
            return kernel, "", result
        if result.kernel_died or not kernel.alive():
            lines = []
            if status := kernel.exit_status():
                lines.append(f"  the kernel process ended: {status}")
            if said := kernel.output_since_mark():
                lines.append(f"  it wrote: {said}")
            if lines:
                result = replace(result, error="\n".join([result.error or "", *lines]))
        self._drop(slot, kernel)
        return None, "", result


def warm_up_code(notebooks: Iterable[Path], extra: str = "") -> str:
    """Code that imports what the chapters import (their top-level ``import`` statements,
    each allowed to fail), then ``extra``: run in each kernel before its first chapter."""
    statements: dict[str, None] = {}
    for path in notebooks:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not a notebook: its chapter says so when it runs
            continue
        cells = data.get("cells") if isinstance(data, dict) else None
        for cell in cells if isinstance(cells, list) else []:
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, ast.Import | ast.ImportFrom) and not (
                    isinstance(node, ast.ImportFrom) and node.module == "__future__"
                ):
                    statements[ast.unparse(node)] = None
    blocks = [*statements, *([extra] if extra else [])]
    return "\n".join(
        f"try:\n{textwrap.indent(block, '    ')}\nexcept Exception:\n    pass" for block in blocks
    )
