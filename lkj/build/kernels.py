"""A pool of warm Jupyter kernels shared by the chapters of one or many reports.

Starting a kernel and importing pandas, Altair, the Vega runtime and lkj in it costs more than
running most chapters. ``lkj build`` therefore starts a few kernels once (one per job, each
driven by its own thread), warms them up while it checks the inputs, and queues every chapter
of every report; each worker runs the next chapter in its kernel, as a papermill-
parameterised notebook (:func:`lkj.chapters.run`).

Isolation: before each chapter the kernel's namespace is reset the way IPython's ``%reset``
does it (``reset(new_session=True)``: no variable, no output cache, execution counts from 1
again) and warnings shown once are shown again; only imported modules remain. So a chapter
sees what a fresh kernel would show it, and its outputs do not depend on which kernel ran it
or what ran before. A kernel that died, timed out or cannot be reset is replaced. Kernels
are killed when the pool closes (``shutdown_kernel(now=True)``), never waited for.

The kernels' own output (ipykernel's start-up warnings, a crash) goes to a temporary file per
kernel; the last lines are added to the error of a chapter whose kernel died.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import json
import queue
import tempfile
import textwrap
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, cast

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

from lkj.build import chapter as chapters
from lkj.build.chapter import CELL_TIMEOUT, KERNEL, ChapterRun, ChapterTask

START_TIMEOUT = 60  # seconds for a kernel to answer after its start
RESET_TIMEOUT = 30  # seconds for the reset between chapters
WARM_UP_TIMEOUT = 300  # seconds for the warm-up (imports) before the first chapter
POLL = 0.5  # seconds between checks that a kernel still lives while waiting for it

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


class PooledClient(AsyncKernelClient):  # type: ignore[misc]
    """The kernel's one client, connected once and kept from chapter to chapter.

    nbclient asks the kernel manager for a client for every notebook and waits until it is
    ready, which costs new sockets and 0.2 s of listening each time; this client is
    connected and ready once, and later requests are no-ops.
    """

    _ready = False

    def start_channels(self, *args: Any, **kwargs: Any) -> None:
        if not self.channels_running:
            super().start_channels(*args, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        if not self._ready:
            await self._async_wait_for_ready(timeout=timeout)
            self._ready = True


class PooledKernelManager(AsyncKernelManager):  # type: ignore[misc]
    """A kernel manager whose ``client()`` is always the same :class:`PooledClient`."""

    _pooled: PooledClient | None = None

    def client(self, **kwargs: Any) -> PooledClient:  # type: ignore[override]
        if self._pooled is None:
            self._pooled = cast(PooledClient, super().client(**kwargs))
        return self._pooled


class Kernel:
    """One kernel process and its client, used from one thread and its event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, stop: threading.Event) -> None:
        self.loop = loop
        self.stop = stop  # set when the pool is aborted
        self.log: IO[bytes] = tempfile.TemporaryFile(prefix="lkj-kernel-")  # noqa: SIM115
        self.km = PooledKernelManager(
            kernel_name=KERNEL, client_class=f"{__name__}.{PooledClient.__name__}"
        )
        self.client: PooledClient | None = None

    def start(self, warm_up: str = "") -> None:
        """Start the process, connect, and run ``warm_up`` (best effort: a chapter reports
        real errors); raises when the kernel does not answer."""
        self.loop.run_until_complete(
            self.km.start_kernel(
                extra_arguments=["--HistoryManager.hist_file=:memory:"],
                stdout=self.log,
                stderr=self.log,
            )
        )
        self.client = self.km.client()
        self.client.start_channels(stdin=False, hb=False, control=False)
        self.loop.run_until_complete(self.client.wait_for_ready(timeout=START_TIMEOUT))
        if warm_up:
            self.execute(warm_up, timeout=WARM_UP_TIMEOUT)

    def execute(self, code: str, timeout: float | None) -> bool:
        """Run ``code`` silently (no output, no execution count); whether it succeeded.

        Gives up when the kernel dies, when ``timeout`` passes, or when the pool is being
        closed with ``abort``."""
        content = self._request(code, timeout)
        return content is not None and content.get("status") == "ok"

    def evaluate(self, expression: str, timeout: float | None) -> str | None:
        """The ``repr`` of ``expression`` evaluated in the kernel (as a Jupyter user
        expression, silently); None when it raised or the kernel did not answer."""
        content = self._request("", timeout, {"value": expression})
        if content is None or content.get("status") != "ok":
            return None
        value = content.get("user_expressions", {}).get("value", {})
        if value.get("status") != "ok":
            return None
        text = value.get("data", {}).get("text/plain")
        return text if isinstance(text, str) else None

    def _request(
        self, code: str, timeout: float | None, expressions: dict[str, str] | None = None
    ) -> dict[str, Any] | None:
        if self.client is None:
            return None
        try:
            return self.loop.run_until_complete(
                self._execute(self.client, code, timeout, expressions or {})
            )
        except Exception:
            return None

    async def _execute(
        self,
        client: PooledClient,
        code: str,
        timeout: float | None,
        expressions: dict[str, str],
    ) -> dict[str, Any] | None:
        msg_id = client.execute(
            code,
            silent=True,
            store_history=False,
            allow_stdin=False,
            user_expressions=expressions,
        )
        deadline = None if timeout is None else self.loop.time() + timeout
        while True:
            try:
                reply = await client.get_shell_msg(timeout=POLL)
            except queue.Empty:
                if self.stop.is_set() or not await self.km.is_alive():
                    return None
                if deadline is not None and self.loop.time() > deadline:
                    return None
                continue
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                break
        while True:  # its iopub messages, up to "idle", so that none is left for a chapter
            try:
                msg = await client.get_iopub_msg(timeout=POLL)
            except queue.Empty:
                break
            if (
                msg.get("parent_header", {}).get("msg_id") == msg_id
                and msg["header"]["msg_type"] == "status"
                and msg["content"].get("execution_state") == "idle"
            ):
                break
        content = reply.get("content", {})
        return content if isinstance(content, dict) else None

    def reset(self) -> bool:
        return self.execute(RESET, timeout=RESET_TIMEOUT)

    def alive(self) -> bool:
        try:
            return bool(self.loop.run_until_complete(self.km.is_alive()))
        except Exception:
            return False

    def output_tail(self, lines: int = 2) -> str:
        """The last lines the kernel process wrote (for the error of a dead kernel)."""
        try:
            self.log.seek(0)
            text = self.log.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        kept = [ln.strip() for ln in text.splitlines() if ln.strip()]
        return " / ".join(kept[-lines:])

    def kill(self) -> None:
        """Kill the kernel process now and release its sockets and files."""
        if self.client is not None:
            with contextlib.suppress(Exception):  # already stopped
                self.client.stop_channels()
        with contextlib.suppress(Exception):  # already dead
            self.loop.run_until_complete(self.km.shutdown_kernel(now=True))
        self.log.close()

    def kill_process(self) -> None:
        """Kill the kernel process from another thread (an aborted build)."""
        process = getattr(self.km.provisioner, "process", None)
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()


class KernelPool:
    """``size`` kernels, each run by a thread that takes the next queued chapter.

    Results (:class:`~lkj.build.chapter.ChapterRun`) go to ``results`` in the order the chapters
    finish. Kernels start as soon as the pool is made, and each runs ``warm_up`` (silently)
    before its first chapter.
    """

    def __init__(
        self,
        size: int,
        results: queue.Queue[Any],
        *,
        warm_up: str = "",
        timeout: int = CELL_TIMEOUT,
    ) -> None:
        self._tasks: queue.Queue[ChapterTask | None] = queue.Queue()
        self._results = results
        self._warm_up = warm_up
        self._timeout = timeout
        self._closing = threading.Event()
        self._abort = threading.Event()
        self._kernels: dict[int, Kernel] = {}
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
        self._tasks.put(task)

    def close(self, abort: bool = False) -> None:
        """Stop the workers once the queued chapters are done and kill their kernels;
        with ``abort``, kill the kernels at once (chapters still running fail)."""
        if self._closing.is_set():
            return
        self._closing.set()
        if abort:
            self._abort.set()
            for kernel in list(self._kernels.values()):
                kernel.kill_process()
        for _ in self._threads:
            self._tasks.put(None)
        for thread in self._threads:  # aborted: the threads end with their dead kernels
            thread.join(timeout=None if not abort else 0.5)

    def _start(self, slot: int, loop: asyncio.AbstractEventLoop) -> tuple[Kernel | None, str]:
        kernel = Kernel(loop, self._abort)
        self._kernels[slot] = kernel  # from now on close(abort=True) can kill it
        try:
            kernel.start(self._warm_up)
        except Exception as exc:
            kernel.kill()
            self._kernels.pop(slot, None)
            return None, " ".join(f"{type(exc).__name__}: {exc}".split())
        return kernel, ""

    def _work(self, slot: int) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        kernel: Kernel | None = None
        problem = ""
        try:
            while True:
                if kernel is None and not self._closing.is_set():
                    kernel, problem = self._start(slot, loop)
                task = self._tasks.get()
                if task is None:
                    break
                if kernel is not None and not kernel.reset():
                    kernel.kill()
                    self._kernels.pop(slot, None)
                    kernel, problem = self._start(slot, loop)
                if kernel is None:
                    self._results.put(
                        ChapterRun(
                            task,
                            0.0,
                            error=f"chapter {task.name} could not run: the kernel did not "
                            f"start ({problem})",
                            kernel_ok=False,
                        )
                    )
                    continue
                result = chapters.run(task, kernel.km, self._timeout)
                if not result.kernel_ok:
                    if not kernel.alive() and (tail := kernel.output_tail()):
                        result = replace(result, error=f"{result.error}\n  kernel: {tail}")
                    kernel.kill()
                    self._kernels.pop(slot, None)
                    kernel = None
                self._results.put(result)
        finally:
            if kernel is not None:
                kernel.kill()
            self._kernels.pop(slot, None)
            loop.close()


def warm_up_code(notebooks: Iterable[Path], extra: str = "") -> str:
    """Code that imports what the chapters import (their top-level ``import`` statements,
    each allowed to fail), then ``extra``: run in each kernel before its first chapter."""
    statements: dict[str, None] = {}
    for path in notebooks:
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if cell.get("cell_type") != "code":
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
