"""Nothing is read from, or written to, outside the project root.

A symbolic link inside the project that leads out of it (to a file, or to a folder on the way
to one) is refused with one line naming the link, for every input lkj reads — data, params,
narrative, the published transcription — and for the folders it writes (``reports/``,
``build/``); links that stay inside the project are followed as before. An error never shows
the content of a file lkj could not read beyond the one offending token of a file the user
named as input.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from lkj.cli import main
from lkj.errors import DataError
from lkj.inputs.files import read_text
from lkj.inputs.project import Project
from tests.conftest import REPO
from tests.test_bad_input import REAL, Fail, Fails, edit, fail

YEAR = "data/bp3mi-jabar/2025"
NARASI = f"{YEAR}/narasi/2025-Q2"
Q2 = "params/bp3mi-jabar/2025-Q2.yaml"
COMMANDS = ("summary", "audit", "build")
SECRET = "S3CR3T-never-to-be-published"


@pytest.fixture(params=COMMANDS)
def fails(
    request: pytest.FixtureRequest, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> Fail:
    command: str = request.param
    return Fail(project_copy, capsys, command)


def outside(project: Path) -> Path:
    """A folder beside the project (not inside it)."""
    folder = project.parent / "outside"
    folder.mkdir(exist_ok=True)
    return folder


def move_out(project: Path, rel: str) -> Path:
    """Move ``rel`` out of the project and leave a symbolic link to it in its place; the moved
    copy carries SECRET, so that a message showing its content would be seen."""
    source = project / rel
    target = outside(project) / source.name
    shutil.move(source, target)
    if target.is_file():
        with target.open("a", encoding="utf-8") as out:
            out.write(f"# {SECRET}\n" if target.suffix == ".yaml" else "")
    source.symlink_to(target)
    return target


def build_fails(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return fail(project, capsys, "build", "2025-Q2")


def assert_refused(msg: str, shown: str, link: str | None = None) -> None:
    assert msg.startswith(f"lkj: error: {shown}"), msg
    assert "symbolic link" in msg and "outside the project" in msg, msg
    if link is not None and link != shown:
        assert f"the folder {link} is a symbolic link" in msg, msg
    assert SECRET not in msg and "/outside" not in msg  # neither content nor where it leads


# ---- data, params, narrative, transcription -------------------------------------------


@pytest.mark.parametrize(
    "name", ["sasaran.csv", "indikator.csv", "realisasi.csv", "mou.csv", "anggaran.yaml"]
)
def test_data_file_linked_outside(project_copy: Path, fails: Fail, name: str) -> None:
    move_out(project_copy, f"{YEAR}/{name}")
    msg = fails.on(name)
    if msg is not None:  # lkj summary reads no supporting table (mou.csv)
        assert_refused(msg, f"{YEAR}/{name}")


def test_unit_yaml_linked_outside(project_copy: Path, fails: Fails) -> None:
    move_out(project_copy, "data/bp3mi-jabar/unit.yaml")
    assert_refused(fails(), "data/bp3mi-jabar/unit.yaml")


def test_unit_folder_linked_outside(project_copy: Path, fails: Fails) -> None:
    move_out(project_copy, "data/bp3mi-jabar")
    assert_refused(fails(), "data/bp3mi-jabar/unit.yaml", "data/bp3mi-jabar")


def test_year_folder_linked_outside(project_copy: Path, fails: Fails) -> None:
    move_out(project_copy, YEAR)
    assert_refused(fails(), f"{YEAR}/sasaran.csv", YEAR)


def test_data_folder_linked_outside(project_copy: Path, fails: Fails) -> None:
    move_out(project_copy, "data")
    msg = fails()
    assert_refused(msg, "data")
    assert "the folder is a symbolic link" in msg


def test_narrative_file_linked_to_etc_passwd(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's case: the file was read and its content published in the HTML."""
    path = project_copy / NARASI / "kata-pengantar.md"
    path.unlink()
    path.symlink_to("/etc/passwd")
    msg = build_fails(project_copy, capsys)
    assert_refused(msg, f"{NARASI}/kata-pengantar.md")
    assert "root:" not in msg


def test_narrative_file_linked_outside(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = move_out(project_copy, f"{NARASI}/iku-07.md")
    target.write_text(f"## Informasi Kinerja\n\n{SECRET}\n", encoding="utf-8")
    assert_refused(build_fails(project_copy, capsys), f"{NARASI}/iku-07.md")


def test_narrative_folder_linked_outside(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    move_out(project_copy, NARASI)
    msg = build_fails(project_copy, capsys)
    assert_refused(msg, NARASI)
    assert "the folder is a symbolic link" in msg


def test_params_file_linked_outside(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    move_out(project_copy, Q2)
    assert_refused(build_fails(project_copy, capsys), Q2)


def test_params_folder_linked_outside(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    move_out(project_copy, "params")
    assert_refused(build_fails(project_copy, capsys), Q2, "params")


def test_default_transcription_linked_outside(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    move_out(project_copy, f"{YEAR}/published/2025-Q2.yaml")
    assert_refused(fail(project_copy, capsys, "audit"), f"{YEAR}/published/2025-Q2.yaml")


def test_link_loop(project_copy: Path, fails: Fails) -> None:
    path = project_copy / YEAR / "sasaran.csv"
    path.unlink()
    loop = project_copy / YEAR / "loop.csv"
    path.symlink_to(loop)
    loop.symlink_to(path)
    msg = fails()
    assert msg.startswith(f"lkj: error: {YEAR}/sasaran.csv: ") and "loop" in msg


def test_links_inside_the_project_are_followed(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link that stays inside the project is an ordinary way to share a file."""
    shared = project_copy / "shared"
    shared.mkdir()
    for name in ("sasaran.csv", "anggaran.yaml"):
        shutil.move(project_copy / YEAR / name, shared / name)
        (project_copy / YEAR / name).symlink_to(Path("../../../shared") / name)
    assert main(["--root", str(project_copy), "summary", "2025-Q2", "--format", "json"]) == 0
    assert '"pagu": 9721224000' in capsys.readouterr().out


def test_project_root_reached_through_a_link(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The root itself may be a link: what counts is where it leads."""
    alias = project_copy.parent / "alias"
    alias.symlink_to(project_copy)
    assert main(["--root", str(alias), "summary", "2025-Q2"]) == 0
    assert "7.410" in capsys.readouterr().out


def test_read_text_refuses_a_path_outside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "x.csv").write_text("a\n", encoding="utf-8")
    with pytest.raises(DataError, match="outside the project"):
        read_text(root / ".." / "x.csv", "x.csv", root=root)
    assert read_text(tmp_path / "x.csv", "x.csv", root=None) == "a\n"  # named by the user


# ---- outputs ----------------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["reports", "build", "reports/bp3mi-jabar", "build/bp3mi-jabar"])
def test_output_folder_linked_outside(
    project_copy: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    target = outside(project_copy) / "out"
    target.mkdir()
    (project_copy / folder).parent.mkdir(parents=True, exist_ok=True)
    (project_copy / folder).symlink_to(target)
    code = main(["--root", str(project_copy), "build", "2025-Q2", "--to", "html"])
    captured = capsys.readouterr()
    assert code == 2, captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith(f"lkj: error: {folder}")
    assert "symbolic link" in lines[0] and "outside the project" in lines[0]
    assert captured.out == ""
    assert list(target.iterdir()) == []  # nothing written through the link


def test_output_folders_linked_inside_are_accepted(project_copy: Path) -> None:
    (project_copy / "out").mkdir()
    (project_copy / "reports").symlink_to("out")
    project = Project.at(project_copy)
    folder = project.reports_dir / "bp3mi-jabar" / "2025-Q2"
    assert project.confine(folder, write=True) == project_copy / "out/bp3mi-jabar/2025-Q2"


# ---- what a message may show ------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        f"The first line, with {SECRET} in it\nand a second one\n",
        f"user: {SECRET}\n",
        f"laporan: x\nperiode: 2025-Q2\ntempat:\n  - nama: T\n    catatan: {SECRET}\n",
        f"{'x' * 300}{SECRET}: 1\n",
        f"\t{SECRET}\n",
        f"- [{SECRET}\n",
    ],
)
def test_audit_published_shows_no_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    """``lkj audit --published FILE`` on a file that is no transcription: the error names the
    file and the line, and shows at most one short token of it."""
    path = tmp_path / "not-a-transcription.txt"
    path.write_text(content, encoding="utf-8")
    code = main(["--root", str(REPO), "audit", "2025-Q2", "--published", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"lkj: error: {path}"), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert SECRET not in err, err


def test_found_value_is_cut_short(project_copy: Path, fails: Fails) -> None:
    """A long offending cell is shown by its start only."""
    long = "tujuh ribu " * 50
    edit(project_copy, REAL, "7,2,7410,,", f"7,2,{long},,")
    msg = fails()
    assert f"{REAL}, row 15, column 'realisasi'" in msg
    assert "found 'tujuh ribu tujuh ribu" in msg and long not in msg and "…" in msg
    assert len(msg) < 400


def test_fifo_is_not_read(project_copy: Path, fails: Fails) -> None:
    """A named pipe where a file should be is refused, not waited on."""
    path = project_copy / YEAR / "kegiatan.csv"
    path.unlink()
    os.mkfifo(path)
    msg = fails()
    assert msg.startswith(f"lkj: error: {YEAR}/kegiatan.csv: ") and "not a regular file" in msg


def test_unreadable_file(project_copy: Path, fails: Fails, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file lkj may not open (as if its permissions forbade it: root reads every file)."""
    path = project_copy / YEAR / "kegiatan.csv"
    real_open = Path.open

    def refusing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    msg = fails()
    assert msg.startswith(f"lkj: error: {YEAR}/kegiatan.csv: ")
    assert "cannot be read (Permission denied)" in msg
