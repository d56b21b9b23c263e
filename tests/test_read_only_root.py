"""A project folder lkj cannot write in: one line naming the folder, exit 2, no traceback."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

REPORT = "reports/bp3mi-jabar/2025-Q2"
TAIL = "lkj build writes build/ and reports/ in the project folder, which must be writable"


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only, even for root (the immutable attribute) while the block runs."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], check=False).returncode != 0:
            pytest.skip("running as root where chattr +i is not allowed")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    return root


def build(root: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "lkj.cli", "--root", str(root), "build", "2025-Q2"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_a_read_only_project_folder(tmp_path: Path) -> None:
    root = project(tmp_path)
    with read_only(root):
        done = build(root)
    assert done.returncode == 2, done.stderr
    assert (
        done.stderr == f"lkj: error: build: cannot write there (Operation not permitted); {TAIL}\n"
    )
    assert not (root / "build").exists()


@pytest.mark.slow
def test_a_read_only_report_folder(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / REPORT).mkdir(parents=True)
    with read_only(root / REPORT):
        done = build(root)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"lkj: error: {REPORT}: cannot write there (")
    assert done.stderr.endswith(f"); {TAIL}\n") and done.stderr.count("\n") == 1
    assert "[1/8]" not in done.stdout  # found before any chapter ran
