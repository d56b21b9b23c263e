"""lkj run from a folder that holds a ``lkj/`` folder of its own still builds with lkj: neither
the kernels nor the worker processes import the package from the user's working folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_a_lkj_folder_in_the_working_folder_is_not_imported(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    here = tmp_path / "elsewhere"
    (here / "lkj" / "build").mkdir(parents=True)
    for init in (here / "lkj" / "__init__.py", here / "lkj" / "build" / "__init__.py"):
        init.write_text("raise ImportError('the lkj folder of the working folder')\n")

    lkj = Path(sys.executable).parent / "lkj"
    done = subprocess.run(
        [str(lkj), "--root", str(root), "build", "2025-Q2", "--to", "html,pdf"],
        cwd=here,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(" ok (") == 8
    assert (root / "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.pdf").is_file()
