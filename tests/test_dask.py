"""`lkj build --executor dask`: on a LocalCluster of 2 workers the same bytes (HTML and PDF) and
the same display as the local executor; a worker killed while it writes a report, and the
report built again on another worker with nothing half-written; one failing report failing
alone; an unreachable scheduler, a root the workers cannot see and an unknown executor, each
refused before anything is built; Dask left unimported by the local executor."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lkj.build.executors import Dask, choose, local
from lkj.build.job import ExecutorFactory
from lkj.build.run import BatchResult, build_many, targets
from lkj.cli import main
from lkj.errors import LkjError
from lkj.inputs.project import Project
from tests.conftest import REPO

pytestmark = pytest.mark.slow

UNIT, OTHER = "bp3mi-jabar", "bp3mi-salinan"
PERIODS = ["2025-Q1", "2025-Q2"]
TEMP = re.compile(r"^\..+\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")
CHAPTERS = len(list((REPO / "notebooks").glob("[0-9]*.ipynb")))


def tree(parent: Path) -> Path:
    root = parent / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    return root


def outputs(root: Path) -> dict[str, str]:
    """Every file under reports/ (fingerprint records aside) by its SHA-256."""
    found = {}
    for path in sorted((root / "reports").rglob("*")):
        if path.is_file() and not path.name.endswith(".fingerprint.json"):
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def nothing_built(root: Path) -> bool:
    """No file under reports/ or build/ (empty folders aside)."""
    return not [p for name in ("reports", "build") for p in (root / name).rglob("*") if p.is_file()]


def shown(text: str) -> list[str]:
    """The display without its timings and its chapters' numbering (the chapters of two
    reports built at once come in either order), sorted."""
    text = re.sub(r"\d+\.\d s\b", "T s", text)
    text = re.sub(r" +", " ", text)
    text = re.sub(r"^\[\d+/(\d+)\] ", r"[n/\1] ", text, flags=re.MULTILINE)
    return sorted(text.splitlines())


@dataclass
class Build:
    result: BatchResult
    out: list[str]
    warnings: list[str]


def build(root: Path, executor: ExecutorFactory | None, units: list[str] | None = None) -> Build:
    project = Project.at(root)
    out: list[str] = []
    warnings: list[str] = []
    if isinstance(executor, Dask):
        executor = Dask(executor.root, executor.scheduler, warnings.append)
    result = build_many(
        project,
        targets(project, PERIODS, units),
        ("html", "pdf"),
        jobs=2,
        force=True,
        out=out.append,
        warn=warnings.append,
        executor=executor,
    )
    return Build(result, out, warnings)


@dataclass(frozen=True)
class Local:
    outputs: dict[str, str]
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def by_local(tmp_path_factory: pytest.TempPathFactory) -> Local:
    """Both quarters built by `lkj build` with the local executor: the bytes and the display
    every executor must give."""
    import contextlib
    import io

    root = tree(tmp_path_factory.mktemp("local"))
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["--root", str(root), "build", *PERIODS, "--jobs", "2", "--force"])
    assert code == 0, stderr.getvalue()
    return Local(outputs(root), stdout.getvalue().replace(str(root), "ROOT"), stderr.getvalue())


def test_dask_builds_the_same_bytes_and_display_as_the_local_executor(
    tmp_path: Path, by_local: Local, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree(tmp_path)
    code = main(["--root", str(root), "build", *PERIODS, "--jobs", "2", "--force",
                 "--executor", "dask"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert outputs(root) == by_local.outputs
    assert sorted(Path(p).suffix for p in by_local.outputs) == [".html", ".html", ".pdf", ".pdf"]
    # The same progress display (one numbered line per chapter, then the files) and table.
    assert shown(out.replace(str(root), "ROOT")) == shown(by_local.stdout)
    numbered = [line for line in out.splitlines() if re.match(r"^\[\d+/\d+\] ", line)]
    assert [int(line[1:].split("/")[0]) for line in numbered] == list(range(1, 2 * CHAPTERS + 1))
    assert err == by_local.stderr  # the same warnings (Q1 has no narrative), nothing more
    assert not list((root / "build").glob(".lkj-probe-*"))  # the root check left nothing


def test_a_worker_killed_while_writing_a_report_is_replaced_and_the_report_built_again(
    tmp_path: Path, by_local: Local
) -> None:
    """The worker writing the Triwulan II report is killed (SIGKILL) as soon as its first
    temporary output appears; the scheduler runs the report again on another worker, and the
    files in place are whole and the same bytes as the local executor's."""
    root = tree(tmp_path)
    folder = root / "reports" / UNIT / "2025-Q2"
    killed: list[int] = []
    stop = threading.Event()

    def kill_the_writer() -> None:
        deadline = time.monotonic() + 600
        while not stop.is_set() and not killed and time.monotonic() < deadline:
            for entry in folder.iterdir() if folder.is_dir() else []:
                match = TEMP.match(entry.name)
                if match:
                    killed.append(int(match["pid"]))
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(killed[0], signal.SIGKILL)
                    return
            time.sleep(0.02)

    watcher = threading.Thread(target=kill_the_writer, daemon=True)
    watcher.start()
    try:
        done = build(root, choose("dask", root=root))
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert killed, "no temporary output of the report was seen"
    assert killed[0] != os.getpid()
    assert done.result.exit_code == 0, done.out
    lost = [w for w in done.warnings if "was lost" in w]
    assert len(lost) == 1, done.warnings
    assert lost[0].startswith(f"{UNIT} 2025-Q2: the worker building it was lost; building it "
                              "again on tcp://")  # fmt: skip
    assert outputs(root) == by_local.outputs
    assert not [p.name for p in folder.iterdir() if TEMP.match(p.name)]  # none left behind
    assert (folder / "lkj-bp3mi-jabar-2025-tw2.fingerprint.json").is_file()
    # each chapter shown once, though the report's chapters ran twice
    numbered = [line for line in done.out if re.match(r"^\[\d+/\d+\] ", line)]
    assert len(numbered) == 2 * CHAPTERS


def test_a_report_that_fails_on_a_worker_fails_alone(tmp_path: Path, by_local: Local) -> None:
    """A copy of the unit, and a chapter that fails for that copy only (it shows nothing, so
    the unit's own reports are the same bytes as without it)."""
    root = tree(tmp_path)
    shutil.copytree(root / "data" / UNIT, root / "data" / OTHER)
    shutil.copytree(root / "params" / UNIT, root / "params" / OTHER)
    info = root / "data" / OTHER / "unit.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace(f"kode: {UNIT}", f"kode: {OTHER}"))
    failing = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": "params", "metadata": {
                "tags": ["parameters"]}, "outputs": [], "source": f"unit = {UNIT!r}"},
            {"cell_type": "code", "execution_count": None, "id": "gagal", "metadata": {},
             "outputs": [], "source": f"assert unit != {OTHER!r}, 'bab ini gagal'"},
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip
    (root / "notebooks" / "08_gagal.ipynb").write_text(json.dumps(failing), encoding="utf-8")
    done = build(root, choose("dask", root=root), [UNIT, OTHER])
    status = {r.label: r.status for r in done.result.reports}
    assert status == {
        f"{UNIT} 2025-Q1": "built",
        f"{UNIT} 2025-Q2": "built",
        f"{OTHER} 2025-Q1": "failed",
        f"{OTHER} 2025-Q2": "failed",
    }
    for report in done.result.reports:
        if report.status == "failed":
            assert report.detail.startswith("chapter 08_gagal failed in cell 2 (id 'gagal')")
    assert done.result.exit_code == 1  # a failing chapter
    assert not [p for p in (root / "reports" / OTHER).rglob("*") if p.is_file()]
    mine = {k: v for k, v in outputs(root).items() if f"/{UNIT}/" in k}
    assert mine == by_local.outputs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_scheduler_is_named_and_nothing_is_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree(tmp_path)
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    start = time.monotonic()
    code = main(["--root", str(root), "build", "2025-Q2", "--executor", "dask",
                 "--scheduler", address])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith(f"lkj: error: --scheduler {address}: no Dask scheduler could be reached")
    assert err.rstrip().endswith("expected the address of a running scheduler, "
                                 "e.g. tcp://10.0.0.5:8786")  # fmt: skip
    assert "Traceback" not in out + err
    assert nothing_built(root)
    assert time.monotonic() - start < 60  # lkj waits 10 s for a scheduler


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--executor", "ray"], "--executor ray: unknown executor; expected one of local, dask"),
        (["--executor", "Dask"], "--executor Dask: unknown executor; expected one of local, dask"),
        (
            ["--scheduler", "tcp://10.0.0.5:8786"],
            "--scheduler tcp://10.0.0.5:8786: only the dask executor has a scheduler; "
            "expected --executor dask --scheduler tcp://10.0.0.5:8786",
        ),
        (
            ["--executor", "dask", "--scheduler", " "],
            "--scheduler ' ': expected the scheduler's address, e.g. tcp://10.0.0.5:8786",
        ),
    ],
)
def test_executor_options_are_checked_first(
    project_copy: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["--root", str(project_copy), "build", "2025-Q2", *args]) == 2
    assert capsys.readouterr().err == f"lkj: error: {message}\n"
    assert nothing_built(project_copy)


def test_choose_names_the_factories(tmp_path: Path) -> None:
    assert choose(root=tmp_path) is local
    assert choose("local", root=tmp_path) is local
    made = choose("dask", " tcp://10.0.0.5:8786 ", root=tmp_path)
    assert isinstance(made, Dask)
    assert (made.root, made.scheduler) == (tmp_path, "tcp://10.0.0.5:8786")
    with pytest.raises(LkjError, match="unknown executor"):
        choose("", root=tmp_path)


def _unshare() -> list[str] | None:
    """A command prefix that runs a program in a mount namespace of its own, or None."""
    for command in (["unshare", "-m"], ["unshare", "-rm"]):
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            if subprocess.run([*command, "true"], capture_output=True, timeout=10).returncode == 0:
                return command
    return None


@contextlib.contextmanager
def _process(command: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_for_workers(address: str, count: int, timeout: float) -> None:
    from distributed import Client

    with Client(address, timeout=30, set_as_default=False) as client:
        client.wait_for_workers(count, timeout=timeout)


@pytest.mark.skipif(_unshare() is None, reason="needs unshare (util-linux) and mount namespaces")
def test_a_root_the_workers_cannot_see_is_found_before_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scheduler, and a worker in its own mount namespace where an empty folder is mounted
    over the project root (as on a machine without the shared file system)."""
    unshare = _unshare()
    assert unshare is not None
    root = tree(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                 "--port", address.rsplit(":", 1)[1], "--no-dashboard"]  # fmt: skip
    worker = [*unshare, "sh", "-c",
              f'mount --bind "{empty}" "{root}" && exec "{sys.executable}" -m '
              f"distributed.cli.dask_worker {address} --nthreads 1 --no-dashboard"]  # fmt: skip
    with (
        _process(scheduler, tmp_path / "scheduler.log"),
        _process(worker, tmp_path / "worker.log"),
    ):
        _wait_for_workers(address, 1, timeout=120)
        code = main(["--root", str(root), "build", "2025-Q2", "--executor", "dask",
                     "--scheduler", address])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.splitlines()) == 1
    assert re.match(
        rf"lkj: error: --root {re.escape(str(root))}: worker tcp://\S+ cannot see the project "
        rf"tree at {re.escape(str(root))} \(reading build/\.lkj-probe-[0-9a-f]+ there: No such "
        r"file or directory\); expected the same tree at the same path on every worker",
        err,
    ), err
    assert nothing_built(root)


def test_the_local_executor_does_not_import_dask(project_copy: Path) -> None:
    probe = (
        "import sys\nfrom lkj.cli import main\n"
        f"code = main(['--root', {str(project_copy)!r}, 'build', '2025-Q2', '--to', 'html',"
        " '--executor', 'local'])\n"
        "found = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
        "print('DASK=' + ','.join(found))\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=600, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "html: " in result.stdout  # it did build
    assert result.stdout.rstrip().endswith("DASK="), result.stdout
