"""A data file saved while a report is built: the report holds the figures as they were when
the build read its inputs (all of them, never some old and some new), its record holds the
hashes of what was read, and the next build sees the change and builds it again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lkj.build.snapshot import take
from lkj.inputs.project import Project
from lkj.rules.periods import Period
from tests.conftest import REPO, BuiltReport

REALISASI = "data/bp3mi-jabar/2025/realisasi.csv"
HTML = "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.html"
OLD, NEW = "7,2,7410", "7,2,8410"  # IKU 7, Triwulan II: 7.410 persons, then 8.410


def test_snapshot_copies_each_input_once_and_fingerprints_the_copy(project_copy: Path) -> None:
    project = Project.at(project_copy)
    notebooks = sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))
    snap = take(project, "bp3mi-jabar", Period(2025, 2), notebooks, project_copy / "b")
    assert snap.root == project_copy / "b" / "inputs"
    assert (snap.root / REALISASI).read_bytes() == (project_copy / REALISASI).read_bytes()
    assert (snap.root / "params/bp3mi-jabar/2025-Q2.yaml").is_file()
    assert [p.name for p in snap.notebooks] == [p.name for p in notebooks]
    assert all(p.parent == snap.root / "notebooks" and p.is_file() for p in snap.notebooks)
    # the narrative of other quarters is not an input of this report
    assert not (snap.root / "data/bp3mi-jabar/2025/narasi/2025-Q1").exists()
    # editing the project now changes neither the copy nor its fingerprint
    before = dict(snap.fingerprint.inputs)
    (project_copy / REALISASI).write_text("changed", encoding="utf-8")
    assert (snap.root / REALISASI).read_text(encoding="utf-8") != "changed"
    assert snap.fingerprint.inputs == before


@pytest.mark.slow
def test_data_saved_during_a_build_is_not_half_in_the_report(
    tmp_path: Path, built_report: BuiltReport
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    realisasi = root / REALISASI
    text = realisasi.read_text(encoding="utf-8")
    assert text.count(OLD) == 1

    command = [sys.executable, "-m", "lkj.cli", "--root", str(root), "build", "2025-Q2"]
    build = subprocess.Popen(
        [*command, "--to", "html"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines: list[str] = []
    edited = threading.Event()

    def read() -> None:
        assert build.stdout is not None
        for line in build.stdout:
            lines.append(line)
            if line.startswith("[1/8]") and not edited.is_set():  # chapter 1 has run
                realisasi.write_text(text.replace(OLD, NEW), encoding="utf-8")
                edited.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert build.wait(300) == 0, build.stderr.read() if build.stderr else ""
    finally:
        build.kill()
    reader.join(10)
    assert edited.is_set(), "".join(lines)

    # the figures as they were when the build began, in every chapter
    assert (root / HTML).read_bytes() == built_report.html_path.read_bytes()
    # the next build sees the change and builds the report with the new figures
    again = subprocess.run(
        [*command, "--to", "html"], capture_output=True, text=True, timeout=300, check=False
    )
    assert again.returncode == 0, again.stderr
    assert f"({REALISASI} changed)" in again.stdout
    html = (root / HTML).read_text(encoding="utf-8")
    assert "8.410" in html and html != built_report.html


def test_the_fingerprint_records_what_was_read_not_what_is_there(tmp_path: Path) -> None:
    """Built from a snapshot; the project's file changes afterwards: still a rebuild."""
    from lkj.build.fingerprint import compute

    root = tmp_path / "p"
    for name in ("data", "params"):
        shutil.copytree(REPO / name, root / name)
    project = Project.at(root)
    snap = take(project, "bp3mi-jabar", Period(2025, 2), [], tmp_path / "b")
    (root / REALISASI).write_text(
        (root / REALISASI).read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8"
    )
    now = compute(project, "bp3mi-jabar", Period(2025, 2), [])
    assert now.inputs[REALISASI] != snap.fingerprint.inputs[REALISASI]
    assert now.digest != snap.fingerprint.digest


def test_a_folder_linked_inside_the_project_is_copied(project_copy: Path) -> None:
    """Links that stay inside the project are followed, in the copy as in the check."""
    year = project_copy / "data/bp3mi-jabar/2025"
    shutil.move(year, project_copy / "shared-2025")
    year.symlink_to(Path("../../shared-2025"))
    snap = take(Project.at(project_copy), "bp3mi-jabar", Period(2025, 2), [], project_copy / "b")
    assert (snap.root / REALISASI).read_bytes() == (project_copy / REALISASI).read_bytes()
    assert not (snap.root / REALISASI).is_symlink()
    assert snap.fingerprint.inputs[REALISASI] != "unreadable"


def test_a_named_pipe_is_not_waited_on(tmp_path: Path) -> None:
    from lkj.build.snapshot import _read

    pipe = tmp_path / "data" / "x.csv"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    assert _read(Project.at(tmp_path), "data/x.csv", pipe) is None  # at once, not blocked


def test_folders_are_inputs_too(project_copy: Path) -> None:
    """Whether ``<year>/narasi/`` exists decides whether the report marks missing prose: the
    copy has the folder even where it holds only other quarters' prose, and the fingerprint
    changes when it appears."""
    from lkj.build.fingerprint import compute

    project = Project.at(project_copy)
    q1 = Period(2025, 1)
    snap = take(project, "bp3mi-jabar", q1, [], project_copy / "b")
    assert (snap.root / "data/bp3mi-jabar/2025/narasi").is_dir()
    assert not (snap.root / "data/bp3mi-jabar/2025/narasi/2025-Q2").exists()  # another quarter
    before = compute(project, "bp3mi-jabar", q1, [])
    assert before.inputs["data/bp3mi-jabar/2025/narasi/"] == "folder"
    shutil.rmtree(project_copy / "data/bp3mi-jabar/2025/narasi")
    after = compute(project, "bp3mi-jabar", q1, [])
    assert "data/bp3mi-jabar/2025/narasi/" not in after.inputs
    assert after.digest != before.digest
