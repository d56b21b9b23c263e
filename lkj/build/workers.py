"""Warm worker processes that run calls for ``lkj build``: a ``ProcessPoolExecutor``.

Reports are finished (merge, HTML, PDF: :func:`lkj.build.finish.finish_report`) in worker
processes, because WeasyPrint holds a process's GIL for seconds. The pool is the standard
library's ``concurrent.futures.ProcessPoolExecutor`` with

- the ``spawn`` start method: each worker is a new interpreter, not a fork of a process that
  runs threads, kernels' sockets and event loops. It imports the caller's main module under
  another name, which does nothing for ``lkj`` and ``python -m lkj.cli``.
- an initializer that ties the worker to ``lkj build`` (:func:`lkj.build.atomic.tie_to_parent`;
  and the worker ends, between calls, once ``lkj build`` has ended),
  sends its output to a log file of its own (stray prints and warnings stay off the user's
  terminal; the end of the log explains a worker that died) and runs the warm-up function
  (imports, the Vega bundle) while the chapters run. :meth:`WorkerPool.start` starts every
  worker at once for that.
- a bound on every call: a call that runs longer than its timeout ends its worker
  (``faulthandler``, which works even inside C code), and the caller waits no longer either.

A worker that dies (killed, out of memory, a timeout) breaks a ``ProcessPoolExecutor``: every
call it holds fails. The pool then starts a new executor for later calls, and runs each call
that failed this way again, alone, in a new process of its own: the calls that merely shared
the pool succeed, and the one that kills its worker fails alone, with the end of its log.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import faulthandler
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")

CALL_TIMEOUT = 600  # seconds for one call in a worker
GRACE = 30  # seconds more that the caller waits for a worker to end itself after a timeout


class WorkerError(RuntimeError):
    """The worker process that ran a call ended before it answered."""


_busy = threading.Lock()  # held by a worker while it runs a call


def _end_with(parent: int) -> None:
    """In a worker: once ``parent`` (``lkj build``) has ended, end too, between calls.

    (A worker of a ``ProcessPoolExecutor`` would wait for calls forever: every worker holds
    the writing end of the queue the calls come through.)"""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            with _busy:  # a call still running writes nothing (tie_to_parent) and cleans up
                os._exit(0)


def _initialize(log_dir: str, warm_up: Callable[[], None] | None) -> None:
    from lkj.build.atomic import tie_to_parent

    tie_to_parent()  # once `lkj build` has ended (killed), write nothing into reports/
    threading.Thread(target=_end_with, args=(os.getppid(),), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: `lkj build` stops its workers
    log = os.open(Path(log_dir) / f"{os.getpid()}.log", os.O_WRONLY | os.O_CREAT, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    if warm_up is not None:
        with contextlib.suppress(Exception):  # best effort: a call reports real errors
            warm_up()


def _ready() -> None:
    """A call that does nothing: submitted once per worker to start them all."""


def _bounded(function: Callable[[A], R], argument: A, timeout: float) -> R:
    with _busy:
        faulthandler.dump_traceback_later(timeout, exit=True)  # ends the worker after timeout
        try:
            return function(argument)
        finally:
            faulthandler.cancel_dump_traceback_later()


class _Executor:
    """One ``ProcessPoolExecutor`` and the folder where its workers log."""

    def __init__(self, size: int, warm_up: Callable[[], None] | None) -> None:
        self.log_dir = tempfile.mkdtemp(prefix="lkj-workers-")
        self.size = size
        self.pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=size,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_initialize,
            initargs=(self.log_dir, warm_up),
        )

    def pids(self) -> list[int]:
        return [int(p.stem) for p in Path(self.log_dir).glob("*.log") if p.stem.isdigit()]

    def log_tail(self, lines: int = 2) -> str:
        """``: <last lines>`` of the workers' logs (one worker: its own), or ""."""
        kept: list[str] = []
        for path in sorted(Path(self.log_dir).glob("*.log")):
            with contextlib.suppress(OSError):
                text = path.read_text(encoding="utf-8", errors="replace")
                kept += [ln.strip() for ln in text.splitlines() if ln.strip()]
        return f": {' / '.join(kept[-lines:])}" if kept else ""

    def timed_out(self) -> bool:
        """Whether a worker was ended by its call's timeout (faulthandler wrote so)."""
        for path in Path(self.log_dir).glob("*.log"):
            with contextlib.suppress(OSError):
                if "Timeout (" in path.read_text(encoding="utf-8", errors="replace"):
                    return True
        return False

    def close(self, kill: bool) -> None:
        if kill:
            for pid in self.pids():  # our children, not yet reaped: the pid is still theirs
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        self.pool.shutdown(wait=not kill, cancel_futures=True)
        shutil.rmtree(self.log_dir, ignore_errors=True)


class WorkerPool:
    """``size`` warm worker processes; :meth:`call` runs a function in one of them.

    ``warm_up`` (a module-level function, picklable) runs in each worker as it starts."""

    def __init__(self, size: int, warm_up: Callable[[], None] | None = None) -> None:
        self._size = max(size, 1)
        self._warm_up = warm_up
        self._lock = threading.Lock()
        self._executor = _Executor(self._size, warm_up)
        self._closed = False

    def start(self) -> None:
        """Start every worker now (else each starts with the first call it gets)."""
        for _ in range(self._size):
            with contextlib.suppress(RuntimeError, BrokenProcessPool):
                self._executor.pool.submit(_ready)

    def call(self, function: Callable[[A], R], argument: A, timeout: float = CALL_TIMEOUT) -> R:
        """``function(argument)`` in a worker; what it returns or raises.

        Raises :class:`WorkerError` when the call's worker died or the call ran longer
        than ``timeout`` seconds."""
        executor = self._current()
        try:
            future = executor.pool.submit(_bounded, function, argument, timeout)
            return future.result(timeout=timeout + GRACE)
        except BrokenProcessPool:
            self._replace(executor)
        except concurrent.futures.TimeoutError:
            self._replace(executor, kill=True)
            raise WorkerError(f"no answer within {timeout} s") from None
        return self._alone(function, argument, timeout)

    def _current(self) -> _Executor:
        with self._lock:
            if self._closed:
                raise WorkerError("the build is being stopped")
            return self._executor

    def _replace(self, broken: _Executor, kill: bool = False) -> None:
        """Put a new executor in place of ``broken`` (once, whichever call sees it first)."""
        with self._lock:
            if self._executor is broken and not self._closed:
                self._executor = _Executor(self._size, self._warm_up)
                threading.Thread(target=broken.close, args=(kill,), daemon=True).start()

    def _alone(self, function: Callable[[A], R], argument: A, timeout: float) -> R:
        """``function(argument)`` again, in a worker process of its own."""
        if self._closed:
            raise WorkerError("the build is being stopped")
        alone = _Executor(1, None)
        try:
            future = alone.pool.submit(_bounded, function, argument, timeout)
            return future.result(timeout=timeout + GRACE)
        except BrokenProcessPool:
            if alone.timed_out():
                raise WorkerError(f"no answer within {timeout} s") from None
            raise WorkerError(f"the worker process ended{alone.log_tail()}") from None
        except concurrent.futures.TimeoutError:
            raise WorkerError(f"no answer within {timeout} s") from None
        finally:
            alone.close(kill=True)

    def close(self, abort: bool = False) -> None:
        """Let the workers end (the calls are done); with ``abort``, kill them now."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            executor = self._executor
        executor.close(kill=abort)
