"""One warm Jupyter kernel: started once, reused by many chapters, killed at the end.

This is the only module of lkj that uses ``jupyter_client``, and the only one that leans on
its internals (each marked *internal* below): everything else sees :class:`WarmKernel` and
hands its :attr:`WarmKernel.manager` to papermill (``execute_notebook(km=...)``). A test
(tests/test_kernel_pool.py) builds a report through it and through plain papermill (a new
kernel per chapter) and requires the same HTML, byte for byte.

- One client, connected once (:class:`PooledClient`): nbclient asks the kernel manager for a
  client for every notebook and waits until it is ready, which costs new sockets and 0.2 s
  of listening each time.
- One event loop per thread: the kernel's client is driven by this module *and* by nbclient
  (through papermill) from the same thread; both must use the same loop, the one
  ``jupyter_core`` keeps for the thread. (With a loop of its own here, a kernel started
  after another one had been used sometimes never saw the replies to its first chapter.)
- Its working folder is an empty temporary folder: ``python -m ipykernel_launcher`` puts its
  working folder first on ``sys.path``, so a kernel started in the user's folder would import
  a ``lkj/`` folder found there instead of lkj.
- Its output (ipykernel's start-up warnings, a crash) goes to a temporary file; what it wrote
  while a chapter ran is added to the error of a chapter whose kernel died
  (:meth:`WarmKernel.output_since_mark`), with how the process ended (:meth:`exit_status`).
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import shutil
import signal
import tempfile
import threading
from typing import IO, Any, cast

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_event_loop

KERNEL = "python3"
START_TIMEOUT = 60  # seconds for a kernel process to start and answer
POLL = 0.5  # seconds between checks that a kernel still lives while waiting for it


class PooledClient(AsyncKernelClient):  # type: ignore[misc]
    """The kernel's one client, connected once and kept from chapter to chapter."""

    _ready = False

    def start_channels(self, *args: Any, **kwargs: Any) -> None:
        if not self.channels_running:
            super().start_channels(*args, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        if not self._ready:
            await self._async_wait_for_ready(timeout=timeout)  # internal
            self._ready = True


class PooledKernelManager(AsyncKernelManager):  # type: ignore[misc]
    """A kernel manager whose ``client()`` is always the same :class:`PooledClient`."""

    _pooled: PooledClient | None = None

    def client(self, **kwargs: Any) -> PooledClient:  # type: ignore[override]
        if self._pooled is None:
            self._pooled = cast(PooledClient, super().client(**kwargs))
        return self._pooled


class WarmKernel:
    """One kernel process and its client, used from the thread that made it.

    ``stop`` (optional) is an event that, once set, makes :meth:`execute` give up at once
    (the build is being aborted)."""

    def __init__(self, stop: threading.Event | None = None) -> None:
        self.loop = ensure_event_loop()  # the loop nbclient uses in this thread
        self.stop = stop or threading.Event()
        self.log: IO[bytes] = tempfile.TemporaryFile(prefix="lkj-kernel-")  # noqa: SIM115
        self._mark = 0
        self.cwd = tempfile.mkdtemp(prefix="lkj-kernel-")
        self.manager = PooledKernelManager(
            kernel_name=KERNEL, client_class=f"{__name__}.{PooledClient.__name__}"
        )
        self.client: PooledClient | None = None
        self._process: Any = None  # the kernel's subprocess.Popen, for its exit status

    def start(self, warm_up: str = "", warm_up_timeout: float = 300) -> None:
        """Start the process, connect, and run ``warm_up`` (best effort: a chapter reports
        real errors); raises when the kernel does not start or answer in time."""
        self.loop.run_until_complete(
            asyncio.wait_for(
                self.manager.start_kernel(
                    extra_arguments=["--HistoryManager.hist_file=:memory:"],
                    stdout=self.log,
                    stderr=self.log,
                    cwd=self.cwd,
                ),
                START_TIMEOUT,
            )
        )
        self._process = getattr(self.manager.provisioner, "process", None)  # internal
        self.client = self.manager.client()
        self.client.start_channels(stdin=False, hb=False, control=False)
        self.loop.run_until_complete(self.client.wait_for_ready(timeout=START_TIMEOUT))
        if warm_up:
            self.execute(warm_up, timeout=warm_up_timeout)

    def execute(self, code: str, timeout: float) -> bool:
        """Run ``code`` silently (no output, no execution count); whether it succeeded.

        Gives up when the kernel dies, when ``timeout`` passes, or when ``stop`` is set."""
        content = self._request(code, timeout)
        return content is not None and content.get("status") == "ok"

    def evaluate(self, expression: str, timeout: float) -> str | None:
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
        self, code: str, timeout: float, expressions: dict[str, str] | None = None
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
        self, client: PooledClient, code: str, timeout: float, expressions: dict[str, str]
    ) -> dict[str, Any] | None:
        msg_id = client.execute(
            code, silent=True, store_history=False, allow_stdin=False, user_expressions=expressions
        )
        deadline = self.loop.time() + timeout
        while True:
            try:
                reply = await client.get_shell_msg(timeout=POLL)
            except queue.Empty:
                if self.stop.is_set() or not await self.manager.is_alive():
                    return None
                if self.loop.time() > deadline:
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

    def alive(self) -> bool:
        try:
            return bool(self.loop.run_until_complete(self.manager.is_alive()))
        except Exception:
            return False

    def exit_status(self) -> str:
        """How the kernel process ended (``killed by signal 9 (SIGKILL)``, ``exit code 3``),
        or "" while it runs or when it is unknown."""
        if self._process is None:
            return ""
        code = self._process.poll()
        if code is None:
            return ""
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"killed by signal {-code} ({signal.Signals(-code).name})"
            return f"killed by signal {-code}"
        return f"exit code {code}"

    def mark(self) -> None:
        """Remember how much the kernel has written so far (before a chapter)."""
        with contextlib.suppress(OSError, ValueError):
            self._mark = self.log.seek(0, 2)

    def output_since_mark(self, lines: int = 3) -> str:
        """The last lines the kernel process wrote since :meth:`mark`, joined by " / "."""
        try:
            self.log.seek(self._mark)
            text = self.log.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        kept = [ln.strip() for ln in text.splitlines() if ln.strip()]
        return " / ".join(kept[-lines:])

    def kill(self) -> None:
        """Kill the kernel process now and release its sockets, files and folder."""
        if self.client is not None:
            with contextlib.suppress(Exception):  # already stopped
                self.client.stop_channels()
        with contextlib.suppress(Exception):  # already dead
            self.loop.run_until_complete(
                asyncio.wait_for(self.manager.shutdown_kernel(now=True), START_TIMEOUT)
            )
        self.kill_process()
        self.log.close()
        shutil.rmtree(self.cwd, ignore_errors=True)

    def kill_process(self) -> None:
        """Kill the kernel process; safe from any thread (an aborted build)."""
        process = self._process or getattr(self.manager.provisioner, "process", None)
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()
