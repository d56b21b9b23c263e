"""The lkj package is typed (py.typed): mypy finds no errors with untyped defs refused."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
