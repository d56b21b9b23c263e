"""`lkj build` of several reports: periods by units, one progress display, a final table;
one failing report does not stop the others, and the exit code says it failed."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from lkj.build.local import kernels_for
from lkj.build.run import BatchResult, Report, table, targets
from lkj.cli import main
from lkj.errors import BuildError, DataError, LkjError, UnitError
from lkj.inputs.project import Project
from lkj.rules.periods import Period
from tests.conftest import REPO, BuiltReport

GOOD, BROKEN = "bp3mi-jabar", "bp3mi-rusak"
BROKEN_FILE = f"data/{BROKEN}/2025/realisasi.csv"


def html_of(root: Path, unit: str, period: Period) -> Path:
    name = f"lkj-{unit}-{period.year}-tw{period.quarter}.html"
    return root / "reports" / unit / period.slug / name


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    code = main(["--root", str(root), "build", *args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unit, and a copy of it under another name whose realisasi.csv is broken."""
    root = tmp_path_factory.mktemp("batch") / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    shutil.copytree(root / "data" / GOOD, root / "data" / BROKEN)
    shutil.copytree(root / "params" / GOOD, root / "params" / BROKEN)
    info = root / "data" / BROKEN / "unit.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace(f"kode: {GOOD}", f"kode: {BROKEN}"))
    broken = root / BROKEN_FILE
    broken.write_text(broken.read_text(encoding="utf-8").replace("7,2,7410", "7,2,tujuh ribu"))
    return root


@pytest.fixture(scope="module")
def first(tree: Path) -> Run:
    """Two periods of every unit, with more jobs than the machine has CPUs: two kernels,
    whose chapters interleave."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        args = ["build", "2025-Q1", "2025-TW2", "--all-units", "--to", "html", "--jobs", "8"]
        code = main(["--root", str(tree), *args])
    return Run(code, out.getvalue(), err.getvalue())


@pytest.mark.slow
def test_batch_builds_both_periods_despite_a_failing_unit(first: Run, tree: Path) -> None:
    assert first.code == 2  # every failure is a mistake in the input
    for period in (Period(2025, 1), Period(2025, 2)):
        assert html_of(tree, GOOD, period).is_file()
        assert not html_of(tree, BROKEN, period).exists()
    assert not (tree / "build" / BROKEN).exists()  # checked before any chapter ran
    # One progress display across the chapters of both reports.
    chapters = re.findall(r"^\[(\d+)/(\d+)\] (\S+) (\S+) (\S+) ok", first.out, re.M)
    assert len(chapters) == 16
    assert [int(n) for n, *_ in chapters] == list(range(1, 17))
    assert {total for _, total, *_ in chapters} == {"16"}
    assert {(unit, period) for _, _, unit, period, _ in chapters} == {
        (GOOD, "2025-Q1"),
        (GOOD, "2025-Q2"),
    }
    # Each failed report: one line on stderr, naming the report, the file, the row.
    errors = first.err.strip().splitlines()
    failed = [line for line in errors if line.startswith("lkj: error:")]
    assert len(failed) == 2, first.err
    for period, line in zip(("2025-Q1", "2025-Q2"), failed, strict=True):
        assert line.startswith(f"lkj: error: {BROKEN} {period}: {BROKEN_FILE}, row 15")
        assert "'tujuh ribu'" in line
    assert "Traceback" not in first.err


@pytest.mark.slow
def test_final_table(first: Run) -> None:
    lines = first.out.strip().splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("report "))
    rows = lines[head + 1 : head + 5]
    assert [row.split()[:3] for row in rows] == [  # unit by unit, as data/ lists them
        [GOOD, "2025-Q1", "built"],
        [GOOD, "2025-Q2", "built"],
        [BROKEN, "2025-Q1", "failed"],
        [BROKEN, "2025-Q2", "failed"],
    ]
    assert f"reports/{GOOD}/2025-Q2/lkj-{GOOD}-2025-tw2.html" in rows[1]
    assert BROKEN_FILE in rows[2] and "row 15" in rows[2]
    assert re.fullmatch(r"4 reports: 2 built, 0 skipped, 2 failed, in \d+\.\d s", lines[head + 5])


@pytest.mark.slow
def test_same_bytes_whatever_the_batch(first: Run, tree: Path, built_report: BuiltReport) -> None:
    """Built in a batch, with two kernels, in another folder: the same page as built alone."""
    assert html_of(tree, GOOD, Period(2025, 2)).read_bytes() == built_report.html_path.read_bytes()


@pytest.mark.slow
def test_batch_again_skips_the_built_and_retries_the_failed(
    first: Run, tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = run(tree, capsys, "2025-Q1", "2025-Q2", "--all-units", "--to", "html")
    assert again.code == 2
    for period in ("2025-Q1", "2025-Q2"):
        assert f"skipped {GOOD} {period}: unchanged since the last build" in again.out
    assert "[1/" not in again.out
    assert "4 reports: 0 built, 2 skipped, 2 failed" in again.out
    assert again.err.count("lkj: error:") == 2


def test_targets(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(root / "data" / GOOD, root / "data" / "bp3mi-lain")
    project = Project.at(root)
    q1, q2 = Period(2025, 1), Period(2025, 2)
    assert targets(project, ["2025-Q1", "2025-TW2", "2025-Q2"], [GOOD]) == [(GOOD, q1), (GOOD, q2)]
    assert targets(project, ["2025-Q2"], all_units=True) == [
        ("bp3mi-jabar", q2),
        ("bp3mi-lain", q2),
    ]
    assert targets(project, ["2025-Q2"], ["bp3mi-lain", GOOD, "bp3mi-lain"]) == [
        ("bp3mi-lain", q2),
        (GOOD, q2),
    ]
    with pytest.raises(UnitError, match="several units"):
        targets(project, ["2025-Q2"])
    with pytest.raises(UnitError, match="unknown unit 'nope'"):
        targets(project, ["2025-Q2"], ["nope"])
    with pytest.raises(LkjError, match=r"quarter 5 does not exist"):
        targets(project, ["2025-Q5"], [GOOD])


def test_command_line_mistakes(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args, expected in (
        (["2025-Q2", "--jobs", "0"], "--jobs 0: expected a number of 1 or more"),
        (["2025-Q2", "--unit", "nope"], "unknown unit 'nope'"),
        (["2025-Q2", "2025-Q9"], "quarter 9 does not exist"),
    ):
        result = run(project_copy, capsys, *args)
        assert result.code == 2
        assert result.err.strip().splitlines() == [result.err.strip()]
        assert expected in result.err and result.out == ""
    with pytest.raises(SystemExit) as exit_info:  # argparse: not both
        main(["--root", str(project_copy), "build", "2025-Q2", "--unit", GOOD, "--all-units"])
    assert exit_info.value.code == 2
    assert not (project_copy / "build").exists()


def test_exit_code_and_table_of_mixed_results(tmp_path: Path) -> None:
    def report(status: str, error: LkjError | None = None) -> Report:
        r = Report(GOOD, Period(2025, len(reports) + 1), status=status, error=error)
        r.detail = str(error) if error else "unchanged since the last build"
        reports.append(r)
        return r

    reports: list[Report] = []
    report("skipped")
    assert BatchResult(reports, 1.0).exit_code == 0
    report("failed", DataError("data/x.csv", "value is not a number", row=3))
    assert BatchResult(reports, 1.0).exit_code == 2
    report("failed", BuildError("chapter 01 failed"))
    assert BatchResult(reports, 1.0).exit_code == 1
    text = table(BatchResult(reports, 1.25), Project.at(tmp_path))
    assert text.splitlines()[0].split() == ["report", "status", "time", "files,", "or", "why"]
    assert "bp3mi-jabar 2025-Q2  failed" in text and "data/x.csv, row 3" in text
    assert text.splitlines()[-1] == "3 reports: 0 built, 1 skipped, 2 failed, in 1.2 s"


def test_kernels_for() -> None:
    assert kernels_for(1, 1) == 1
    assert kernels_for(2, 1) == 1
    assert kernels_for(2, 8) == 1
    assert kernels_for(8, 8) == 2
    assert kernels_for(8, 1) == 1
    assert kernels_for(16, 3) == 3
