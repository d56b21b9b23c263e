"""Shared fixtures: the repository root and throwaway copies of the project tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ and params/ (the shipped data stay read-only)."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    return root
