"""No build can hang: a chapter that cannot be read or parsed fails with its file named, a
cell that never ends fails after the cell timeout with its cell named, an internal error
fails its chapter; in each case the chapters after it still run. Waiting for another build of
the same report has a bound too."""

from __future__ import annotations

import queue
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from lkj.build import chapter as chapter_module
from lkj.build.atomic import LockTimeoutError, exclusive
from lkj.build.chapter import ChapterRun, ChapterTask
from lkj.build.kernels import KernelPool, warm_up_code
from tests.conftest import REPO

#: Longest wait for one chapter's result in these tests (the cell timeout is a few seconds).
BOUND = 90


def notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell("unit = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    for n, cell in enumerate(nb.cells):
        cell.id = f"cell-{n}"
    nbformat.write(nb, path)
    return path


def run_all(tmp_path: Path, paths: list[Path], *, timeout: int = 60) -> dict[str, ChapterRun]:
    """Each chapter on one kernel, in order; every result awaited for at most BOUND s."""
    results: queue.Queue[ChapterRun] = queue.Queue()
    pool = KernelPool(1, results, timeout=timeout, warm_up=warm_up_code(paths))
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    runs: dict[str, ChapterRun] = {}
    try:
        for n, path in enumerate(paths):
            pool.submit(ChapterTask(n, path, out / path.name, {"unit": "u"}, f"out/{path.name}"))
        for _ in paths:
            try:
                run = results.get(timeout=BOUND)
            except queue.Empty:
                pytest.fail(f"no chapter result within {BOUND} s; results so far: {sorted(runs)}")
            runs[run.name] = run
    finally:
        pool.close(abort=len(runs) < len(paths))
    return runs


@pytest.mark.slow
def test_unreadable_chapters_fail_alone_and_the_next_ones_run(tmp_path: Path) -> None:
    first = notebook(tmp_path / "01_first.ipynb", "1 + 1")
    empty = tmp_path / "02_empty.ipynb"
    empty.write_text("{}", encoding="utf-8")
    middle = notebook(tmp_path / "03_middle.ipynb", "2 + 2")
    garbage = tmp_path / "04_garbage.ipynb"
    garbage.write_text("not json", encoding="utf-8")
    listed = tmp_path / "05_list.ipynb"
    listed.write_text('[{"cells": []}]', encoding="utf-8")
    last = notebook(tmp_path / "06_last.ipynb", "3 + 3")
    runs = run_all(tmp_path, [first, empty, middle, garbage, listed, last])

    for name in ("01_first", "03_middle", "06_last"):
        assert runs[name].error is None, runs[name].error
    for name in ("02_empty", "04_garbage", "05_list"):
        error = runs[name].error or ""
        assert error.startswith(f"chapter {name}: {tmp_path / name}.ipynb is not a notebook"), error
        assert runs[name].kernel_ok  # the kernel was never used: no need to replace it
    assert "not valid JSON" in (runs["04_garbage"].error or "")
    assert "'cells'" in (runs["02_empty"].error or "")


@pytest.mark.slow
def test_a_cell_that_never_ends_fails_after_the_timeout(tmp_path: Path) -> None:
    stuck = notebook(tmp_path / "01_stuck.ipynb", "x = 1", "import time\ntime.sleep(10_000)")
    after = notebook(tmp_path / "02_after.ipynb", "y = 1", "y + 1")
    runs = run_all(tmp_path, [stuck, after], timeout=3)

    error = runs["01_stuck"].error or ""
    assert error.startswith("chapter 01_stuck: cell 3 (id 'cell-2') did not finish within 3 s"), (
        error
    )
    assert "import time" in error
    assert runs["02_after"].error is None, runs["02_after"].error


@pytest.mark.slow
def test_an_internal_error_fails_its_chapter_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = chapter_module.run

    def flaky(task: ChapterTask, km: object, timeout: int) -> ChapterRun:
        if task.name == "01_breaks":
            raise RuntimeError("something unforeseen")
        return real(task, km, timeout)

    monkeypatch.setattr(chapter_module, "run", flaky)
    breaks = notebook(tmp_path / "01_breaks.ipynb", "1")
    after = notebook(tmp_path / "02_after.ipynb", "2")
    runs = run_all(tmp_path, [breaks, after])

    assert (runs["01_breaks"].error or "").startswith(
        "chapter 01_breaks could not run: RuntimeError: something unforeseen"
    )
    assert runs["02_after"].error is None


@pytest.mark.slow
def test_build_with_a_broken_chapter_ends(tmp_path: Path) -> None:
    """`lkj build` of a project whose chapter 04 is ``{}``: it ends, says which file is
    wrong, and runs the other chapters."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    broken = root / "notebooks" / "04_bab2b_evaluasi_analisis.ipynb"
    broken.write_text("{}", encoding="utf-8")
    command = [sys.executable, "-m", "lkj.cli", "--root", str(root), "build", "2025-Q2"]
    done = subprocess.run(
        [*command, "--to", "html"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 1, done.stderr
    assert "[8/8]" in done.stdout
    assert "04_bab2b_evaluasi_analisis FAILED" in done.stdout
    assert done.stdout.count(" ok (") == 7
    assert (
        "lkj: error: chapter 04_bab2b_evaluasi_analisis: "
        "notebooks/04_bab2b_evaluasi_analisis.ipynb is not a notebook"
    ) in done.stderr
    assert "Traceback" not in done.stderr


def test_waiting_for_another_build_has_a_bound(tmp_path: Path) -> None:
    lock = tmp_path / "build" / "u" / ".2025-Q2.lock"
    told: list[bool] = []
    with exclusive(lock):  # another build of the same report (another open file, same lock)
        started = time.monotonic()
        with pytest.raises(LockTimeoutError), exclusive(lock, lambda: told.append(True), 0.3):
            pass
        assert 0.3 <= time.monotonic() - started < 10
    assert told == [True]
    with exclusive(lock, timeout=0.3):  # free again
        pass
