"""``lkj preview``'s server: the report on ``http://127.0.0.1:PORT/``, reloaded when it changes.

- :class:`Page`: the page being served (the report's HTML, the error of the last update), its
  version, and the requests waiting for the next version.
- :func:`listen`: a small threaded HTTP server (the standard library's) on 127.0.0.1 only.
  ``/`` is the report with two additions made only here, never in a published report: a
  banner with the error of the last update (when there is one) and a script
  (``lkj/templates/preview/reload.js``) that long-polls ``/__lkj__/wait?version=N`` and reloads
  the page when the version changes. ``/__lkj__/state`` tells the version and the error.
- :func:`serve`: the loop of ``lkj preview``: build the report, then watch its inputs
  (:mod:`lkj.build.watch`), update it (:class:`lkj.build.preview.Preview`) and publish.
"""

from __future__ import annotations

import errno
import html as html_lib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from lkj.build.preview import Outcome, Preview, places
from lkj.build.watch import Watcher
from lkj.errors import LkjError
from lkj.inputs.project import Project
from lkj.rules.periods import Period

HOST = "127.0.0.1"
WAIT = 20.0  # seconds a reload request waits for a new version before it is answered anyway
POLL = 0.1  # seconds between two looks at the inputs
SETTLE = 0.03  # seconds to let an editor finish writing (some write a file in two steps)
RELOAD_JS = Path(__file__).resolve().parent.parent / "templates" / "preview" / "reload.js"
WAIT_PATH = "/__lkj__/wait"
STATE_PATH = "/__lkj__/state"


@dataclass(frozen=True)
class State:
    version: int
    html: str | None  # the last good report; None before the first
    error: str | None  # what went wrong in the last update; None when it went well


class Page:
    """The page being served; :meth:`wait` returns as soon as it changes."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._state = State(0, None, None)
        self._closed = False
        self._script = RELOAD_JS.read_text(encoding="utf-8")

    @property
    def state(self) -> State:
        with self._changed:
            return self._state

    def publish(self, html: str | None, error: str | None) -> int:
        """A new version: ``html`` (None: keep the last one) with ``error`` (or none)."""
        with self._changed:
            old = self._state
            self._state = State(old.version + 1, html if html is not None else old.html, error)
            self._changed.notify_all()
            return self._state.version

    def wait(self, version: int, timeout: float) -> int:
        """The current version, once it differs from ``version`` or after ``timeout``."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._closed or self._state.version != version, timeout=timeout
            )
            return self._state.version

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def render(self) -> bytes:
        """The page as served: the report, the error banner, the reload script."""
        state = self.state
        script = (
            '<script id="lkj-preview-reload">\n'
            + self._script.replace("__LKJ_PREVIEW_VERSION__", str(state.version))
            + "</script>\n"
        )
        banner = _banner(state.error) if state.error else ""
        if state.html is None:
            text = "Laporan sedang disusun…" if state.error is None else ""
            return (
                '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
                "<title>lkj preview</title>\n</head>\n<body>\n"
                f"{banner}<p>{text}</p>\n{script}</body>\n</html>\n"
            ).encode()
        page = state.html
        if banner:
            at = page.find(">", page.find("<body")) + 1
            page = page[:at] + "\n" + banner + page[at:]
        at = page.rfind("</body>")
        page = page[:at] + script + page[at:] if at >= 0 else page + script
        return page.encode("utf-8")


def _banner(error: str) -> str:
    return (
        '<div id="lkj-preview-error" role="alert" style="position:sticky;top:0;z-index:1000;'
        "margin:0;padding:0.75em 1em;background:#fdecea;color:#611a15;"
        "border-bottom:2px solid #b3261e;font:14px/1.4 sans-serif;white-space:pre-wrap\">"
        f"<strong>lkj preview:</strong> {html_lib.escape(error)}</div>\n"
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a waiting request never holds the process
    page: Page


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        page = self.server.page
        if url.path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", page.render())
        elif url.path == WAIT_PATH:
            try:
                known = int(parse_qs(url.query).get("version", ["-1"])[0])
            except ValueError:
                known = -1
            version = page.wait(known, WAIT)
            self._send(200, "application/json", json.dumps({"version": version}).encode())
        elif url.path == STATE_PATH:
            state = page.state
            body = {"version": state.version, "ready": state.html is not None, "error": state.error}
            self._send(200, "application/json", json.dumps(body).encode())
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _send(self, code: int, kind: str, body: bytes) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the browser went away
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the terminal shows builds, not requests


def listen(port: int, page: Page) -> _Server:
    """A server on 127.0.0.1:``port`` (0: any free port) for ``page``, not yet serving.

    A port in use (or not allowed) is an LkjError that suggests ``--port``."""
    try:
        server = _Server((HOST, port), _Handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise LkjError(
                f"port {port} on {HOST} is already in use; choose another with --port, "
                f"e.g. --port {port + 1 if port < 65535 else 8000}"
            ) from None
        raise LkjError(
            f"cannot listen on {HOST}:{port}: {exc.strerror or exc}; choose another port with "
            "--port, e.g. --port 8000"
        ) from None
    server.page = page
    return server


def serve(
    project: Project,
    unit: str,
    period: Period,
    port: int,
    *,
    out: Callable[[str], None],
    err: Callable[[str], None],
    stop: threading.Event | None = None,
) -> None:
    """Serve the report of ``unit`` for ``period`` until ``stop`` is set (or Ctrl-C)."""
    stop = stop or threading.Event()
    where = places(project, unit, period)
    page = Page()
    server = listen(port, page)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="lkj-preview-http"
    )
    thread.start()
    try:
        shown = ", ".join(project.display(p) for p in where.watched)
        out(f"lkj preview: http://{HOST}:{server.server_port}/ (Ctrl-C stops)")
        out(f"watching {shown}")
        watcher = Watcher(where.watched)  # before the first build: edits during it count
        with Preview(project, unit, period) as preview:
            report = _Reporter(project, page, out, err)
            report(preview.update(None), None)
            while not stop.is_set():
                changed = watcher.changes()
                if not changed:
                    stop.wait(POLL)
                    continue
                time.sleep(SETTLE)
                changed |= watcher.changes()
                report(preview.update(changed), changed)
    finally:
        page.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _Reporter:
    """Publishes an update's outcome to the page and tells the terminal."""

    def __init__(
        self,
        project: Project,
        page: Page,
        out: Callable[[str], None],
        err: Callable[[str], None],
    ) -> None:
        self.project = project
        self.page = page
        self.out = out
        self.err = err
        self.warnings: tuple[str, ...] = ()

    def __call__(self, outcome: Outcome, changed: set[Path] | None) -> None:
        what = "built" if changed is None else _names(self.project, changed) + " changed"
        ran = f"{len(outcome.ran)} chapter(s)" if len(outcome.ran) > 1 else ", ".join(outcome.ran)
        if outcome.error is not None:
            self.page.publish(None, outcome.error)
            self.err(f"lkj: error: {outcome.error}")
            self.out(f"{what}: the page shows the error; fix it and save again")
            return
        if outcome.html is None:
            self.out(f"{what}: no chapter shows it")
            if self.page.state.error is not None:
                self.page.publish(None, None)
            return
        self.page.publish(outcome.html, None)
        if outcome.warnings != self.warnings:
            for text in outcome.warnings:
                self.err(f"lkj: warning: {text}")
            self.warnings = outcome.warnings
        self.out(f"{what}: ran {ran or 'no chapter'} in {outcome.seconds:.2f} s; page updated")


def _names(project: Project, paths: set[Path]) -> str:
    shown = sorted(project.display(p) for p in paths)
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
