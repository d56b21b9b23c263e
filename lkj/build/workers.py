"""A pool of warm worker processes that run one function call after another.

``lkj build`` finishes reports (merge, HTML, PDF: :func:`lkj.build.finish.finish_report`) in worker
processes when it builds several, because WeasyPrint holds a process's GIL for seconds. Each
worker is ``python -m lkj.build.workers``: it imports and runs a warm-up function at once (while
the chapters run), then reads calls from its stdin and writes results to its stdout, both as
pickles. The workers are plain subprocesses rather than :mod:`multiprocessing` ones, so they
never re-import the caller's main script.

A call that raises returns its exception as text; a worker that dies fails the call it ran
and is replaced. The workers' stderr goes to a temporary file per worker, whose last lines
are added to the error of a call whose worker died.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any


@dataclass(frozen=True)
class Call:
    key: Any  # the caller's name for it
    function: str  # "module:function"
    argument: Any  # picklable


@dataclass(frozen=True)
class Answer:
    key: Any
    value: Any = None
    error: str | None = None  # "TypeName: message" when the call raised or the worker died


def _resolve(name: str) -> Callable[..., Any]:
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


class _Worker:
    """One worker process and its pipes, used by one thread."""

    def __init__(self, warm_up: str) -> None:
        self.log: IO[bytes] = tempfile.TemporaryFile(prefix="lkj-worker-")  # noqa: SIM115
        # lkj's own folder first on the path, as in this process (e.g. a checkout on sys.path)
        package_root = str(Path(__file__).resolve().parents[2])
        paths = [package_root, *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, warm_up],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=env,
        )

    def call(self, call: Call) -> Answer:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            pickle.dump((call.function, call.argument), self.process.stdin)
            self.process.stdin.flush()
            ok, value = pickle.load(self.process.stdout)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.process.wait()
            tail = self.output_tail()
            code = self.process.returncode
            return Answer(call.key, error=f"the worker process ended (exit code {code}){tail}")
        return Answer(call.key, value) if ok else Answer(call.key, error=value)

    def output_tail(self) -> str:
        try:
            self.log.seek(0)
            lines = [ln.strip() for ln in self.log.read().decode("utf-8", "replace").splitlines()]
        except (OSError, ValueError):
            return ""
        kept = [ln for ln in lines if ln]
        return f": {' / '.join(kept[-2:])}" if kept else ""

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Close its input: the worker reads the end of it and exits (reaped in the
        background, not waited for)."""
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()
        threading.Thread(target=self.process.wait, daemon=True).start()
        self.log.close()


class WorkerPool:
    """``size`` warm worker processes; answers go to ``results`` as calls finish."""

    def __init__(self, size: int, results: queue.Queue[Any], *, warm_up: str = "") -> None:
        self._calls: queue.Queue[Call | None] = queue.Queue()
        self._results = results
        self._warm_up = warm_up
        self._workers: dict[int, _Worker] = {}
        self._closed = False
        self._threads = [
            threading.Thread(target=self._work, args=(n,), name=f"lkj-worker-{n}", daemon=True)
            for n in range(max(size, 1))
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, call: Call) -> None:
        self._calls.put(call)

    def close(self, abort: bool = False) -> None:
        """Let the workers finish the queued calls and end; with ``abort``, kill them now."""
        if self._closed:
            return
        self._closed = True
        if abort:
            for worker in list(self._workers.values()):
                with contextlib.suppress(OSError):
                    worker.process.kill()
        for _ in self._threads:
            self._calls.put(None)
        for thread in self._threads:
            thread.join(timeout=None if not abort else 0.5)

    def _work(self, slot: int) -> None:
        worker: _Worker | None = None
        try:
            while True:
                if worker is None or not worker.alive():
                    worker = self._workers[slot] = _Worker(self._warm_up)
                call = self._calls.get()
                if call is None:
                    break
                self._results.put(worker.call(call))
        except BaseException as exc:  # pragma: no cover - e.g. no interpreter to start
            self._results.put(Answer(None, error=f"{type(exc).__name__}: {exc}"))
        finally:
            if worker is not None:
                worker.stop()
            self._workers.pop(slot, None)


def serve(warm_up: str = "") -> None:
    """The worker's side: warm up, then answer calls from stdin until it closes."""
    from lkj.build.atomic import tie_to_parent

    tie_to_parent()  # once `lkj build` has ended (killed), write nothing into reports/
    channel_in = sys.stdin.buffer
    channel_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt answers
    if warm_up:
        with contextlib.suppress(Exception):  # best effort: a call reports real errors
            _resolve(warm_up)()
    while True:
        try:
            function, argument = pickle.load(channel_in)
        except EOFError:
            return
        try:
            answer: tuple[bool, Any] = (True, _resolve(function)(argument))
        except Exception as exc:
            answer = (False, " ".join(f"{type(exc).__name__}: {exc}".split()))
        pickle.dump(answer, channel_out)
        channel_out.flush()


if __name__ == "__main__":
    serve(sys.argv[1] if len(sys.argv) > 1 else "")
