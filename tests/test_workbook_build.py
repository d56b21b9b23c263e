"""BP3MI 2025 kept as a workbook builds the very report the CSV files build."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from lkj.cli import main
from tests.conftest import REPO, BuiltReport
from tests.test_workbook_input import as_workbook

pytestmark = pytest.mark.slow

NAME = "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2"


def test_same_html_and_pdf_bytes_as_from_csv(built_report: BuiltReport, tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    as_workbook(root)
    # the year's tables are in the workbook; the supporting tables stay CSV files
    csv = sorted(p.name for p in (root / "data/bp3mi-jabar/2025").glob("*.csv"))
    assert csv == ["mou.csv", "pengaduan_status.csv"]
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert main(["--root", str(root), "build", "2025-Q2"]) == 0, err.getvalue()
    for suffix in (".html", ".pdf"):
        ours = (root / f"{NAME}{suffix}").read_bytes()
        assert ours == (built_report.root / f"{NAME}{suffix}").read_bytes(), suffix
