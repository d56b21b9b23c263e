"""The pool of warm kernels is a faster way to the same report: built through it (``lkj build``)
and through plain papermill (a new kernel per chapter, ``papermill.execute_notebook`` without
``km``), the HTML is the same, byte for byte. And what the pool borrows from jupyter_client's
internals stays in one module (lkj/build/kernel.py)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from lkj.build.finish import FinishJob, ReportMeta, finish_report, report_name
from lkj.report.context import load_report
from lkj.rules.periods import Period
from tests.conftest import REPO, BuiltReport

PACKAGE = REPO / "lkj"
KERNEL_MODULE = PACKAGE / "build" / "kernel.py"


def meta_of(root: Path, period: Period) -> ReportMeta:
    ctx = load_report("bp3mi-jabar", period, root)
    created = ctx.params.penandatangan.tanggal or period.end_date
    return ReportMeta(f"Laporan Kinerja {ctx.singkatan} {ctx.periode}", ctx.singkatan,
                      f"Laporan Kinerja {ctx.periode}", created)  # fmt: skip


@pytest.mark.slow
def test_plain_papermill_gives_the_same_html(tmp_path: Path, built_report: BuiltReport) -> None:
    import papermill

    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    period = Period(2025, 2)
    out = root / "build" / "bp3mi-jabar" / period.slug
    out.mkdir(parents=True)
    executed = []
    for notebook in sorted((root / "notebooks").glob("[0-9]*.ipynb")):
        executed.append(out / notebook.name)
        papermill.execute_notebook(  # a kernel of its own, started and stopped by papermill
            str(notebook),
            str(executed[-1]),
            parameters={"unit": "bp3mi-jabar", "period": period.slug, "root": str(root)},
            kernel_name="python3",
            progress_bar=False,
        )
    name = report_name("bp3mi-jabar", period)
    job = FinishJob(root, "bp3mi-jabar", period.slug, name, tuple(executed), ("html",),
                    meta_of(root, period))  # fmt: skip
    result = finish_report(job)
    assert result.error is None, result.error
    assert result.outputs["html"].read_bytes() == built_report.html_path.read_bytes()


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_jupyter_client_is_used_in_one_module_only() -> None:
    users = {
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*.py")
        if _imports(path) & {"jupyter_client", "jupyter_core"}
        or any(word in path.read_text(encoding="utf-8") for word in ("provisioner", "_async_"))
    }
    assert users == {"lkj/build/kernel.py"}
