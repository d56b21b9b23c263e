"""The chapter notebooks: committed clean and thin, and each runs as it is."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from lkj.report.block import MIME
from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))  # the chapters and explore.ipynb
ANNUAL = sorted((REPO / "notebooks/tahunan").glob("*.ipynb"))  # the annual report's chapters
IDS = [p.stem for p in NOTEBOOKS]
CHAPTERS = sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))
ALL = [*NOTEBOOKS, *ANNUAL]
ALL_IDS = [p.relative_to(REPO / "notebooks").with_suffix("").as_posix() for p in ALL]
# each runs as it is for a report its data hold: the quarterly ones BP3MI Jawa Barat 2025-Q2,
# the annual ones (notebooks/tahunan/) DKP Kabupaten Cianjur 2015
DEFAULTS = {
    "notebooks": {"unit": "bp3mi-jabar", "period": "2025-Q2", "root": None},
    "tahunan": {"unit": "cianjur-dkp", "period": "2015", "root": None},
}


def test_there_are_chapters() -> None:
    assert len(CHAPTERS) >= 7
    assert len(ANNUAL) >= 8
    assert set(NOTEBOOKS) - set(CHAPTERS) == {REPO / "notebooks/explore.ipynb"}


def test_explore_is_not_a_chapter() -> None:
    from lkj.build.finish import chapters
    from lkj.inputs.project import Project

    assert chapters(Project.at(REPO)) == CHAPTERS
    assert chapters(Project.at(REPO), annual=True) == ANNUAL


@pytest.mark.parametrize("path", ALL, ids=ALL_IDS)
def test_committed_without_outputs_and_thin(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    defaults: dict[str, object] = {}
    exec(tagged[0].source, {}, defaults)
    assert defaults == DEFAULTS[path.parent.name]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [], f"cell {cell.id} has outputs"
        assert cell.execution_count is None, f"cell {cell.id} has an execution count"
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef), (
                f"cell {cell.id} defines {node.name}: logic belongs in lkj/"
            )  # type: ignore[union-attr]
    assert all(not c.metadata.get("execution") for c in nb.cells)


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [*CHAPTERS, *ANNUAL],
    ids=[*(p.stem for p in CHAPTERS), *(f"tahunan/{p.stem}" for p in ANNUAL)],
)
def test_runs_standalone_with_its_defaults(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As an analyst runs it in JupyterLab: from notebooks/, default parameters."""
    import papermill as pm

    monkeypatch.delenv("LKJ_ROOT", raising=False)
    out = tmp_path / path.name
    pm.execute_notebook(
        str(path), str(out), kernel_name="python3", progress_bar=False, cwd=str(path.parent)
    )
    executed = nbformat.read(out, as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    for output in outputs:
        assert output.output_type == "display_data", output
        assert MIME in output.data and "text/html" in output.data
