"""Atomic outputs: a failed, interrupted or killed build leaves the previous report byte for
byte; the next successful build leaves no temporary file; two builds of the same report at once
do not corrupt each other (the second waits); and a rebuild in another folder, at another time,
gives the same bytes.

First :mod:`lkj.build.atomic` on its own, then ``lkj build`` run as a subprocess and killed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from lkj.build.atomic import (
    Staged,
    build_lock,
    exclusive,
    remove_stale,
    replacing,
    stale_temp_files,
    write_atomic,
)
from tests.conftest import REPO, BuiltReport


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# ---- lkj.build.atomic ---------------------------------------------------------------------------


def test_write_atomic(tmp_path: Path) -> None:
    path = tmp_path / "out" / "r.html"
    write_atomic(path, b"<html>1</html>")
    assert path.read_bytes() == b"<html>1</html>"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    write_atomic(path, b"<html>2</html>")
    assert path.read_bytes() == b"<html>2</html>"
    assert temp_files(path.parent) == []


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_replacing_keeps_the_previous_file_on_error(
    tmp_path: Path, error: type[BaseException]
) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(b"previous")
    with pytest.raises(error), replacing(path) as tmp:
        assert tmp.parent == path.parent and tmp.name.startswith(f".r.pdf.{os.getpid()}.")
        tmp.write_bytes(b"half a PDF")
        assert path.read_bytes() == b"previous"  # nothing visible before the end
        raise error
    assert path.read_bytes() == b"previous"
    assert temp_files(tmp_path) == []


def test_staged_outputs_are_replaced_together_or_not_at_all(tmp_path: Path) -> None:
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    html.write_bytes(b"old html")
    pdf.write_bytes(b"old pdf")
    with pytest.raises(RuntimeError), Staged() as staged:
        staged.path(html).write_bytes(b"new html")
        staged.path(pdf).write_bytes(b"half a PDF")
        raise RuntimeError("the PDF step failed")
    assert (html.read_bytes(), pdf.read_bytes()) == (b"old html", b"old pdf")
    assert temp_files(tmp_path) == []
    with Staged() as staged:
        staged.path(html).write_bytes(b"new html")
        assert html.read_bytes() == b"old html"  # not before the block ends
        staged.path(pdf).write_bytes(b"new pdf")
    assert (html.read_bytes(), pdf.read_bytes()) == (b"new html", b"new pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.pdf"]


def test_temporary_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f".r.pdf.{dead_pid()}.k2j4_x.tmp"
    staged_then_dead = tmp_path / f"..r.pdf.{os.getpid()}.aa.tmp.{dead_pid()}.bb.tmp"
    alive = tmp_path / f".r.html.{os.getpid()}.q8w7e6.tmp"  # this process: may be writing it
    other = [tmp_path / ".notes.tmp", tmp_path / ".r.html.tmp", tmp_path / "r.html"]
    for path in (dead, staged_then_dead, alive, *other):
        path.write_bytes(b"x")
    assert stale_temp_files(tmp_path) == sorted([dead, staged_then_dead])
    write_atomic(tmp_path / "r.pdf", b"pdf")  # any write into the folder cleans up
    assert not dead.exists() and not staged_then_dead.exists()
    assert alive.exists() and all(p.exists() for p in other)
    assert remove_stale(tmp_path) == [] and remove_stale(tmp_path / "nowhere") == []


def test_a_second_holder_waits_for_the_lock(tmp_path: Path) -> None:
    lock = build_lock(tmp_path / "build", "bp3mi-jabar", "2025-Q2")
    assert lock == tmp_path / "build/bp3mi-jabar/.2025-Q2.lock"
    held, release = threading.Event(), threading.Event()

    def first() -> None:
        with exclusive(lock):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    assert held.wait(10)
    waits: list[float] = []

    def on_wait() -> None:
        waits.append(time.monotonic())
        threading.Timer(0.3, release.set).start()

    with exclusive(lock, on_wait):
        acquired = time.monotonic()
    thread.join(10)
    assert len(waits) == 1 and acquired - waits[0] >= 0.25
    with exclusive(lock, on_wait):  # free again: no wait
        pass
    assert len(waits) == 1


def test_the_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    lock = tmp_path / ".2025-Q2.lock"
    code = (
        "import sys, time; from pathlib import Path; from lkj.build.atomic import exclusive\n"
        f"with exclusive(Path({str(lock)!r})):\n"
        "    print('held', flush=True); time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        waited: list[bool] = []
        holder.kill()
        holder.wait(10)
        with exclusive(lock, lambda: waited.append(True)):
            pass
        assert waited == []
    finally:
        holder.kill()
        holder.wait(10)


# ---- lkj build, killed and concurrent -----------------------------------------------------

REPORTS = "reports/bp3mi-jabar/2025-Q2"
NAME = "lkj-bp3mi-jabar-2025-tw2"
PREVIOUS = {".html": b"<!DOCTYPE html><p>the previous report</p>", ".pdf": b"%PDF-1.7 previous"}


class Build:
    """``lkj build 2025-Q2`` as a subprocess in its own process group (with its kernels)."""

    def __init__(self, root: Path, cwd: Path, env: dict[str, str] | None = None) -> None:
        self.out: list[str] = []
        self.err: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lkj.cli", "--root", str(root), "build", "2025-Q2"],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        self._readers = [
            threading.Thread(target=self._read, args=(self.proc.stdout, self.out), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, self.err), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _read(stream: object, lines: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.append(line)

    def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.proc.poll() is not None:
                pytest.fail(f"lkj build ended (code {self.proc.returncode}) before {what}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {timeout} s; stdout: {''.join(self.out)}")
            time.sleep(0.005)

    def signal(self, sig: int) -> None:
        """Send ``sig`` to lkj and its kernels, as a terminal sends Ctrl-C to its job."""
        os.killpg(self.proc.pid, sig)

    def finish(self, timeout: float = 120) -> int:
        code = self.proc.wait(timeout)
        for reader in self._readers:
            reader.join(10)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)

    def group_gone(self, timeout: float = 20) -> bool:
        """True once no process of the build's group (no kernel) is left."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(self.proc.pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.05)
        return False


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project with data, params, notebooks and a previous report (known bytes)."""
    root = tmp_path_factory.mktemp("atomic") / "elsewhere" / "project"
    root.mkdir(parents=True)
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    (root / REPORTS).mkdir(parents=True)
    for suffix, data in PREVIOUS.items():
        (root / REPORTS / f"{NAME}{suffix}").write_bytes(data)
    yield root


def assert_previous_intact(root: Path) -> None:
    for suffix, data in PREVIOUS.items():
        assert (root / REPORTS / f"{NAME}{suffix}").read_bytes() == data, suffix


def stale_temps(root: Path) -> list[str]:
    return [p.name for p in (root / "reports").rglob("*.tmp")]


@dataclass(frozen=True)
class Interruption:
    code: int  # lkj build's exit status (negative: killed by that signal)
    stderr: str
    temps: list[str]  # temporary files in reports/ right after
    group_gone: bool  # no kernel or worker process of the build left (after a while)


CHAPTER_DONE = re.compile(r"^\[\d+/\d+\] \S+ ok")
STAGED_PDF = re.compile(rf"^\.{re.escape(NAME)}\.pdf\.\d+\.\w+\.tmp$")
#: name: (when, signal, to the whole process group (a terminal's Ctrl-C) or to lkj only)
SCENARIOS = {
    "kill -9 during the chapters": ("chapters", signal.SIGKILL, True),
    "kill -9 while the PDF is written": ("pdf", signal.SIGKILL, True),
    "kill -9 of lkj alone while the PDF is written": ("pdf", signal.SIGKILL, False),
    "Ctrl-C during the chapters": ("chapters", signal.SIGINT, True),
    "Ctrl-C while the PDF is written": ("pdf", signal.SIGINT, True),
}


def interrupt(root: Path, when: str, sig: int, group: bool) -> Interruption:
    folder = root / REPORTS
    before = {p.name for p in folder.iterdir()}  # temporary files of earlier interruptions
    build = Build(root, root)
    try:
        if when == "chapters":
            build.wait_until(lambda: any(CHAPTER_DONE.match(x) for x in build.out), "a chapter")
        else:  # this build's staged PDF: from just before WeasyPrint starts until it is moved
            build.wait_until(
                lambda: any(
                    STAGED_PDF.match(p.name) and p.name not in before for p in folder.iterdir()
                ),
                "the PDF step",
            )
        if group:
            build.signal(sig)
        else:
            os.kill(build.proc.pid, sig)
        code = build.finish()
        temps = stale_temps(root)
        gone = build.group_gone()
    finally:
        build.kill()
    return Interruption(code, "".join(build.err), temps, gone)


@pytest.fixture(scope="module")
def interrupted(tree: Path) -> dict[str, Interruption]:
    """Each scenario in turn on the same tree; the previous report is checked after each."""
    seen = {}
    for name, (when, sig, group) in SCENARIOS.items():
        seen[name] = interrupt(tree, when, sig, group)
        assert_previous_intact(tree)
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_interrupted_build_leaves_the_previous_report(
    interrupted: dict[str, Interruption], tree: Path, scenario: str
) -> None:
    seen = interrupted[scenario]
    when, sig, _ = SCENARIOS[scenario]
    if sig == signal.SIGKILL:
        assert seen.code == -signal.SIGKILL
    else:
        assert seen.code == 130, seen.stderr
        assert "Traceback" not in seen.stderr
        assert seen.stderr.strip().splitlines()[-1] == (
            "lkj: interrupted; files already in reports/ were left as they were"
        )
    if when == "pdf" and sig == signal.SIGKILL and SCENARIOS[scenario][2]:
        # killed outright with its helpers, nothing could clean up: the temporary files
        # are there, unused (the next build removes them)
        assert seen.temps, "the kill came too late to test anything"
    assert seen.group_gone  # no kernel or worker left behind
    assert_previous_intact(tree)


def test_a_helper_of_a_killed_build_writes_nothing(tmp_path: Path) -> None:
    """A process tied to its parent (a worker of `lkj build`) moves no file into place once
    the parent has ended; while the parent runs, it does."""
    helper = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from lkj.build.atomic import AbandonedError, tie_to_parent, write_atomic\n"
        "folder = Path(sys.argv[1]); tie_to_parent(); (folder / 'ready').touch()\n"
        "deadline = time.monotonic() + 30\n"
        "while not (folder / 'go').exists() and time.monotonic() < deadline:\n"
        "    time.sleep(0.01)\n"
        "try:\n"
        "    write_atomic(folder / 'report.html', b'new'); outcome = 'written'\n"
        "except AbandonedError as exc:\n"
        "    outcome = str(exc)\n"
        "(folder / 'outcome').write_text(outcome)\n"
    )
    parent = (
        "import subprocess, sys; subprocess.run([sys.executable, '-c', sys.argv[1], sys.argv[2]])"
    )
    for kill_parent in (False, True):
        folder = tmp_path / str(kill_parent)
        folder.mkdir()
        (folder / "report.html").write_bytes(b"previous")
        middle = subprocess.Popen([sys.executable, "-c", parent, helper, str(folder)])
        try:
            deadline = time.monotonic() + 30
            while not (folder / "ready").exists():
                assert time.monotonic() < deadline
                time.sleep(0.01)
            if kill_parent:
                middle.kill()
                middle.wait(10)
            (folder / "go").touch()
            while not (folder / "outcome").exists():
                assert time.monotonic() < deadline
                time.sleep(0.01)
            time.sleep(0.05)
            outcome = (folder / "outcome").read_text()
        finally:
            middle.kill()
            middle.wait(10)
        if kill_parent:
            assert outcome.startswith("outputs not written: the build that asked for it")
            assert (folder / "report.html").read_bytes() == b"previous"
            assert temp_files(folder) == []
        else:
            assert outcome == "written"
            assert (folder / "report.html").read_bytes() == b"new"


@pytest.fixture(scope="module")
def concurrent(
    interrupted: dict[str, Interruption], tree: Path, tmp_path_factory: pytest.TempPathFactory
) -> list[Build]:
    """After the interruptions: two builds of the same report started at once, in another
    time zone and working folder than the session's build."""
    cwd = tmp_path_factory.mktemp("cwd")
    builds = [Build(tree, cwd, {"TZ": "Asia/Jayapura", "LC_ALL": "C.UTF-8"}) for _ in range(2)]
    try:
        for build in builds:
            build.finish(300)
    finally:
        for build in builds:
            build.kill()
    return builds


@pytest.mark.slow
def test_concurrent_builds_both_succeed(concurrent: list[Build], tree: Path) -> None:
    for build in concurrent:
        assert build.proc.returncode == 0, "".join(build.err)
        # nothing but the warning about IKU 13's prose (test_prose_figures.py)
        assert [x for x in build.err if not x.startswith("lkj: warning: prose figure")] == []
        assert build.out[-1].startswith("done in ")
    waited = [b for b in concurrent if any("waiting for another build" in x for x in b.out)]
    assert len(waited) == 1  # one waited for the other's lock
    assert stale_temps(tree) == []  # the killed builds' temporary files are gone too
    names = {p.name for p in (tree / REPORTS).iterdir()}
    assert {f"{NAME}.html", f"{NAME}.pdf"} <= names
    assert names <= {
        f"{NAME}.html",
        f"{NAME}.pdf",
        f"{NAME}.fingerprint.json",
    }  # lkj build's record


@pytest.mark.slow
def test_rebuild_elsewhere_is_byte_identical(
    concurrent: list[Build], tree: Path, built_report: BuiltReport
) -> None:
    """HTML and PDF built in another folder, later, in another time zone: the same bytes."""
    assert tree != built_report.root
    for suffix in (".html", ".pdf"):
        here = (tree / REPORTS / f"{NAME}{suffix}").read_bytes()
        there = (built_report.root / REPORTS / f"{NAME}{suffix}").read_bytes()
        assert here == there, suffix


@pytest.mark.slow
def test_outputs_hold_no_path_host_time_or_random_id(
    concurrent: list[Build], tree: Path, built_report: BuiltReport
) -> None:
    html = (tree / REPORTS / f"{NAME}.html").read_bytes()
    pdf = (tree / REPORTS / f"{NAME}.pdf").read_bytes()
    today = datetime.now().strftime("%Y-%m-%d").encode()
    host = socket.gethostname().encode()
    for data in (html, pdf):
        for marker in (str(tree).encode(), str(built_report.root).encode(), str(REPO).encode()):
            assert marker not in data
        assert b"/tmp/" not in data and b"/home/" not in data
        assert today not in data and datetime.now().strftime("D:%Y%m%d").encode() not in data
        if len(host) >= 6:
            assert host not in data
    for marker in (b"papermill", b"altair-viz-", b"execution_count", b'"id":'):
        assert marker not in html, marker
    uuid = rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    assert re.search(uuid, html) is None
