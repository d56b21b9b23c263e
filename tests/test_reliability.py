"""Names cannot escape: a unit or period from the command line or from params never makes lkj
read or write outside data/, params/, build/ and reports/ (``../``, absolute paths)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkj.errors import UnitError
from lkj.inputs.params import params_path
from lkj.inputs.project import Project, check_name
from lkj.rules.periods import Period
from tests.test_bad_input import edit, fail

COMMANDS = ("summary", "audit", "build")


def tree_listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture
def sandbox(tmp_path: Path, project_copy: Path) -> Path:
    """``project_copy`` with decoys beside it that an escaping name would reach."""
    for decoy in ("x", "etc", "params", "reports"):
        (tmp_path / decoy).mkdir(exist_ok=True)
        (tmp_path / decoy / "unit.yaml").write_text("kode: decoy\n", encoding="utf-8")
    return project_copy


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "unit", ["../x", "..", ".", "/etc", "bp3mi-jabar/../../x", "../../reports", "", "BP3MI-JABAR"]
)
def test_unit_cannot_escape(
    sandbox: Path, capsys: pytest.CaptureFixture[str], command: str, unit: str
) -> None:
    before = tree_listing(sandbox.parent)
    msg = fail(sandbox, capsys, command, "2025-Q2", "--unit", unit)
    assert f"unit name {unit!r} is not allowed" in msg and "e.g. bp3mi-jabar" in msg
    assert tree_listing(sandbox.parent) == before  # nothing written anywhere


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "period", ["../../x", "2025-Q2/../../x", "/etc/passwd", "2025-Q2/", "..", "2025-Q2 ../x"]
)
def test_period_cannot_escape(
    sandbox: Path, capsys: pytest.CaptureFixture[str], command: str, period: str
) -> None:
    before = tree_listing(sandbox.parent)
    msg = fail(sandbox, capsys, command, period)
    assert f"period {period.strip()!r} is not understood" in msg and "e.g. 2025-Q2" in msg
    assert tree_listing(sandbox.parent) == before


@pytest.mark.parametrize("value", ["../../x", "/etc/passwd", "2025-Q2/../x"])
def test_period_in_params_cannot_escape(
    sandbox: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    edit(sandbox, "params/bp3mi-jabar/2025-Q2.yaml", "period: 2025-Q2", f"period: {value}")
    msg = fail(sandbox, capsys, "build", "2025-Q2")
    assert "params/bp3mi-jabar/2025-Q2.yaml, key 'period': value is not valid" in msg
    assert f"found {value!r}; expected a period like 2025-Q2" in msg


def test_names_are_slugs() -> None:
    assert check_name("bp3mi-jabar") == "bp3mi-jabar"
    for bad in ("../x", "/etc", "a/b", "a\\b", "a\x00b", "-x", "x" * 65, "bp3mi_jabar"):
        with pytest.raises(UnitError, match="not allowed"):
            check_name(bad)


def test_every_path_lkj_builds_stays_inside(tmp_path: Path) -> None:
    """The paths are made from a checked unit name and a period's canonical slug only."""
    project = Project.at(tmp_path)
    when = Period.parse(" 2025-tw2 ")
    assert when.slug == "2025-Q2"
    inside = [
        project.unit_dir("bp3mi-jabar"),
        params_path(project, "bp3mi-jabar", when),
    ]
    for path in inside:
        assert path.resolve().is_relative_to(tmp_path.resolve())
    with pytest.raises(UnitError):
        project.unit_dir("../x")
    with pytest.raises(UnitError):
        params_path(project, "/etc", when)
