"""Shared fixtures: the repository root and throwaway copies of the project tree."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def require_program(program: str, package: str) -> str:
    """The path of ``program`` (a name on PATH, or an absolute path), from Debian's ``package``.

    A test that needs a missing program fails, naming the package: it never skips, as CI
    has the program (`make test` installs it, tools/system-deps.sh).
    """
    path = program if Path(program).is_absolute() else shutil.which(program)
    if path is None or not Path(path).is_file():
        pytest.fail(
            f"needs {program} from the Debian package {package}, which is missing: "
            f"sudo apt-get install {package} (or run `make test`, which installs it as root)",
            pytrace=False,
        )
    return str(path)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ and params/ (the shipped data stay read-only)."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    return root


@dataclass(frozen=True)
class BuiltReport:
    """The 2025 Triwulan II report, built once per session in a copy of the project tree."""

    root: Path
    html_path: Path
    html: str
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def built_report(tmp_path_factory: pytest.TempPathFactory) -> BuiltReport:
    """``lkj --root <copy> build 2025-Q2`` with the repository's data, params and notebooks."""
    import contextlib
    import io

    from lkj.cli import main

    root = tmp_path_factory.mktemp("built") / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "build", "2025-Q2"])
    assert code == 0, err.getvalue()
    path = root / "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.html"
    return BuiltReport(root, path, path.read_text(encoding="utf-8"), out.getvalue(), err.getvalue())
