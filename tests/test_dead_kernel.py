"""A kernel that dies names the chapter and the cell it was running, and how the process
ended; the chapters after it run in a new kernel."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import REPO

CHAPTER = "03_bab2a_capaian_kinerja_triwulan"


@pytest.mark.slow
def test_a_dead_kernel_names_its_chapter_and_cell(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    path = root / "notebooks" / f"{CHAPTER}.ipynb"
    nb = nbformat.read(path, as_version=4)
    killer = nbformat.v4.new_code_cell("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    killer.id = "mati"
    nb.cells.insert(3, killer)
    nbformat.write(nb, path)

    command = [sys.executable, "-m", "lkj.cli", "--root", str(root), "build", "2025-Q2"]
    done = subprocess.run(
        [*command, "--to", "html"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 1, done.stderr
    assert f"[4/8] {CHAPTER} FAILED" in done.stdout
    assert done.stdout.count(" ok (") == 7  # the chapters after it ran in a new kernel
    shown = f"build/bp3mi-jabar/2025-Q2/{CHAPTER}.ipynb"
    # the warning about IKU 13's prose (test_prose_figures.py) aside
    errors = [
        line
        for line in done.stderr.splitlines()
        if not line.startswith("lkj: warning: prose figure differs")
    ]
    assert errors == [
        f"lkj: error: chapter {CHAPTER}: the kernel died while running cell 4 (id 'mati'): "
        "import os, signal",
        f"  the executed chapter, up to that cell: {shown}",
        "  the kernel process ended: killed by signal 9 (SIGKILL)",
    ]
    executed = nbformat.read(root / shown, as_version=4)
    assert [c.id for c in executed.cells if c.get("id") == "mati"] == ["mati"]
