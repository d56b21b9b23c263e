"""The package's layers (pyproject.toml, [tool.importlinter]) are kept, and the check bites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

LINT = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())",
]


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [*LINT, "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_layers_are_kept() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_rule_importing_the_report_layer_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(REPO / "lkj", tmp_path / "lkj", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    periods = tmp_path / "lkj" / "rules" / "periods.py"
    periods.write_text(periods.read_text() + "\nfrom lkj.report import table  # noqa\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "lkj.rules.periods -> lkj.report.table" in result.stdout, result.stdout
