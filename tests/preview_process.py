"""``lkj preview`` in a child process, for the tests and benchmarks/preview.py.

Every wait is bounded; :meth:`PreviewProcess.stop` ends the server (SIGTERM, then SIGKILL)
and is safe to call twice.
"""

from __future__ import annotations

import contextlib
import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/")


class PreviewProcess:
    def __init__(self, root: Path, period: str, *extra: str, port: int = 0) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lkj.cli", "--root", str(root), "preview", period,
             "--port", str(port), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = ""

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line.rstrip("\n"))
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, timeout: float) -> str:
        """The next line of output that matches ``pattern``; fails after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or (self.process.poll() is not None and self.lines.empty()):
                raise AssertionError(f"no line matching {pattern!r}; output: {self.output}")
            try:
                line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if re.search(pattern, line):
                return line

    def start(self, timeout: float = 300) -> str:
        """Wait for the address, then for the first build; the page's URL."""
        line = self.wait_for_line(URL.pattern, timeout=60)
        match = URL.search(line)
        assert match is not None
        self.url = f"http://127.0.0.1:{match[1]}/"
        deadline = time.monotonic() + timeout
        while not self.state().get("ready"):
            if self.state().get("error"):
                raise AssertionError(f"the first build failed: {self.state()['error']}")
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"the preview did not get ready; output: {self.output}")
            time.sleep(0.2)
        return self.url

    def drain(self) -> None:
        """Forget the lines read so far (the next :meth:`wait_for_line` sees only new ones)."""
        with contextlib.suppress(queue.Empty):
            while True:
                self.lines.get_nowait()

    def state(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + "__lkj__/state", timeout=10) as answer:
            return json.loads(answer.read())  # type: ignore[no-any-return]

    def page(self) -> str:
        with urllib.request.urlopen(self.url, timeout=10) as answer:
            return answer.read().decode("utf-8")  # type: ignore[no-any-return]

    def wait_for_version(self, newer_than: int, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while (state := self.state())["version"] <= newer_than:
            if time.monotonic() > deadline:
                raise AssertionError(f"no new version after {timeout} s; output: {self.output}")
            time.sleep(0.05)
        return state

    def stop(self) -> int | None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        return self.process.returncode
