"""Input beyond lkj's documented limits is one clear line, never a traceback.

The limits (lkj/inputs/limits.py, docs/data.md "Keys, signs and limits"): a file of at most
1 MiB; a CSV cell of at most 10 000 characters; YAML nested at most 20 levels deep, without
anchors or aliases; numbers of at most 15 digits before the decimal point and 6 after it; a
MoU term of at most 100 years. Values that used to fail only inside a chapter (a 61-digit pagu,
a 9000-year MoU term) are refused by the checks that run before any chapter, naming file, row
and column.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lkj.inputs import limits
from lkj.report.prose import render_markdown
from tests.conftest import REPO
from tests.test_bad_input import REAL, Fail, Fails, edit, fail

YEAR = "data/bp3mi-jabar/2025"
IND = f"{YEAR}/indikator.csv"
ANGGARAN = f"{YEAR}/anggaran.yaml"
UNIT = "data/bp3mi-jabar/unit.yaml"
Q2 = "params/bp3mi-jabar/2025-Q2.yaml"
PUBLISHED = f"{YEAR}/published/2025-Q2.yaml"
NARASI = f"{YEAR}/narasi/2025-Q2"
COMMANDS = ("summary", "audit", "build")


@pytest.fixture(params=COMMANDS)
def fails(
    request: pytest.FixtureRequest, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> Fail:
    command: str = request.param
    return Fail(project_copy, capsys, command)


def test_the_documented_limits() -> None:
    """The figures the documentation promises (docs/data.md, "Keys, signs and limits")."""
    assert limits.MAX_FILE_BYTES == 1024 * 1024
    assert limits.MAX_CELL_CHARS == 10_000
    assert limits.MAX_DEPTH == 20
    assert limits.MAX_DIGITS == 15
    assert limits.MAX_DECIMALS == 6
    assert limits.MAX_MOU_YEARS == 100
    readme = (REPO / "docs/data.md").read_text(encoding="utf-8")
    for text in ("1 MiB", "10 000 characters", "20 levels", "15 digits", "6 decimals", "100"):
        assert text in readme


# ---- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column", "problem"),
    [
        # the case: decimal.InvalidOperation
        (REAL, "1,1,25.33,,", "1,1,1" + "0" * 40 + ",,", 2, "realisasi", "more than 15 digits"),
        (REAL, "7,2,7410,,", "7,2,1" + "0" * 15 + ",,", 15, "realisasi", "more than 15 digits"),
        (REAL, "7,2,7410,,", "7,2,1" + ".000" * 5 + ",,", 15, "realisasi", "more than 15 digits"),
        # the case: failed inside a chapter
        (f"{YEAR}/kegiatan.csv", ",6318828000", "," + "9" * 61, 2, "pagu", "more than 15 digits"),
        (f"{YEAR}/pagu.csv", "3,3,2650000000", "3,3,Rp " + "1" * 16, 4, "pagu", "15 digits"),
        (REAL, "2,2,,21,26", "2,2,,21," + "2" * 20, 5, "penyebut", "more than 15 digits"),
        (REAL, "1,1,25.33,,", "1,1,25.3333333,,", 2, "realisasi", "more than 6 decimals"),
        (IND, "75,75,75,75,75", "75,75,75,75,0.0000001", 4, "target_tw4", "more than 6 decimals"),
        (REAL, "7,2,7410,,", "7" * 5000 + ",2,7410,,", 15, "iku", "more than 15 digits"),
        (
            f"{YEAR}/mou.csv",
            "2021-06-17,3",
            "2021-06-17," + "3" * 30,
            2,
            "jangka_waktu_tahun",
            "more than 15 digits",
        ),
    ],
)
def test_number_beyond_the_limit(
    project_copy: Path,
    fails: Fail,
    file: str,
    old: str,
    new: str,
    row: int,
    column: str,
    problem: str,
) -> None:
    edit(project_copy, file, old, new)
    msg = fails.on(file)
    if msg is None:
        return  # lkj summary reads no supporting table
    assert msg.startswith(f"lkj: error: {file}, row {row}, column '{column}': "), msg
    assert problem in msg and len(msg) < 500


def test_largest_accepted_number(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """15 digits are accepted: the budget chapter's figures are still computed."""
    edit(project_copy, f"{YEAR}/kegiatan.csv", ",6318828000", ",999999999999999")
    from lkj.cli import main

    assert main(["--root", str(project_copy), "summary", "2025-Q2"]) == 0


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("pagu: 9721224000", "pagu: " + "1" * 5000, 3),  # the case: ValueError
        ("pagu: 9721224000", "pagu: " + "1" * 16, 3),
        ("pagu: 9721224000", "pagu: '" + "1" * 5000 + "'", 3),
        ("2: 3515820174", "2: " + "3" * 100, 5),
        ("pagu: 9721224000", "pagu: 0x" + "f" * 20, 3),
    ],
)
def test_yaml_number_beyond_the_limit(
    project_copy: Path, fails: Fails, old: str, new: str, line: int
) -> None:
    edit(project_copy, ANGGARAN, old, new)
    msg = fails()
    assert msg.startswith(f"lkj: error: {ANGGARAN}, line {line}"), msg
    assert "15 digits" in msg and len(msg) < 500


def test_params_number_beyond_the_limit(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, Q2, "  - iku: 1\n", "  - iku: " + "1" * 5000 + "\n")
    msg = fail(project_copy, capsys, "build")
    assert msg.startswith(f"lkj: error: {Q2}, line 17") and "15 digits" in msg


def test_published_figure_beyond_the_limit(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_copy / PUBLISHED
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("jumlah_iku: 13", "jumlah_iku: 1" + "0" * 40, 1), "utf-8")
    msg = fail(project_copy, capsys, "audit")
    assert msg.startswith(f"lkj: error: {PUBLISHED}, line ") and "15 digits" in msg


# ---- MoU terms and dates ---------------------------------------------------------------------


def test_mou_term_beyond_the_limit(project_copy: Path, fails: Fail) -> None:
    """The issue's case: 'year 11021 is out of range' inside a chapter and in the audit."""
    edit(project_copy, f"{YEAR}/mou.csv", "2021-06-17,3", "2021-06-17,9000")
    msg = fails.on("mou.csv")
    if msg is None:
        return  # lkj summary reads no supporting table
    assert msg.startswith(f"lkj: error: {YEAR}/mou.csv, row 2, column 'jangka_waktu_tahun': ")
    assert "at most 100 years" in msg


def test_mou_ending_after_year_9999(project_copy: Path, fails: Fail) -> None:
    edit(project_copy, f"{YEAR}/mou.csv", "2021-06-17,3", "9990-06-17,30")
    msg = fails.on("mou.csv")
    if msg is None:
        return  # lkj summary reads no supporting table
    assert msg.startswith(f"lkj: error: {YEAR}/mou.csv, row 2, column 'jangka_waktu_tahun': ")
    assert "after the year 9999" in msg


# ---- cells, files, nesting -------------------------------------------------------------------


def test_csv_cell_over_128_kb(project_copy: Path, fails: Fails) -> None:
    """The issue's case: _csv.Error 'field larger than field limit (131072)'."""
    edit(project_copy, f"{YEAR}/sasaran.csv", "\n1,", '\n1,"' + "x" * 140_000 + '"\n99,')
    msg = fails()
    assert msg.startswith(f"lkj: error: {YEAR}/sasaran.csv, row 2, column 'nama': ")
    assert "longer than 10000 characters" in msg and len(msg) < 500


def test_csv_cell_over_the_limit(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, IND, "Implementasi Kerjasama", "Implementasi " + "K" * 10_000)
    msg = fails()
    assert msg.startswith(f"lkj: error: {IND}, row 4, column 'indikator': ")
    assert "longer than 10000 characters" in msg and len(msg) < 500


@pytest.mark.parametrize("name", ["realisasi.csv", "anggaran.yaml"])
def test_file_over_the_limit(project_copy: Path, fails: Fails, name: str) -> None:
    path = project_copy / YEAR / name
    path.write_bytes(path.read_bytes() + b"\n" * limits.MAX_FILE_BYTES)
    msg = fails()
    assert msg.startswith(f"lkj: error: {YEAR}/{name}: ") and "larger than 1 MiB" in msg


def test_narrative_file_over_the_limit(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_copy / NARASI / "kata-pengantar.md"
    path.write_text("Kata. " * 200_000, encoding="utf-8")
    msg = fail(project_copy, capsys, "build")
    assert msg.startswith(f"lkj: error: {NARASI}/kata-pengantar.md: ") and "1 MiB" in msg


@pytest.mark.parametrize(
    "nested",
    [
        "[" * 50_000 + "]" * 50_000,  # the case: RecursionError
        "{a: " * 5_000 + "1" + "}" * 5_000,
        "".join("\n" + "  " * (i + 1) + f"k{i}:" for i in range(600)) + " 1",
        "[" * 21 + "]" * 21,
    ],
)
def test_yaml_nested_too_deep(project_copy: Path, fails: Fails, nested: str) -> None:
    edit(project_copy, ANGGARAN, "pagu: 9721224000", "pagu: " + nested)
    msg = fails()
    assert msg.startswith(f"lkj: error: {ANGGARAN}, line ")
    assert "nested more than 20 levels deep" in msg


def test_params_nested_too_deep(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, Q2, "tempat: Bandung", "tempat: " + "[" * 50_000)
    msg = fail(project_copy, capsys, "build")
    assert msg.startswith(f"lkj: error: {Q2}, line 7") and "20 levels" in msg


def test_published_nested_too_deep(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, PUBLISHED, "jumlah_iku: 13", "jumlah_iku: " + "[" * 50_000)
    msg = fail(project_copy, capsys, "audit")
    assert msg.startswith(f"lkj: error: {PUBLISHED}, line ") and "20 levels" in msg


def test_yaml_aliases_are_refused(project_copy: Path, fails: Fails) -> None:
    """A 'billion laughs' document: each alias doubles what validation must walk."""
    lines = ["a0: &a0 [x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 40)]
    edit(project_copy, UNIT, "kode: bp3mi-jabar", "kode: bp3mi-jabar\n" + "\n".join(lines))
    started = time.perf_counter()
    msg = fails()
    assert time.perf_counter() - started < 5
    assert msg.startswith(f"lkj: error: {UNIT}, line 4") and "anchors and aliases" in msg


def test_yaml_anchor_alone_is_refused(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, ANGGARAN, "realisasi:\n", "realisasi: &r\n")
    msg = fails()
    assert msg.startswith(f"lkj: error: {ANGGARAN}, line 4") and "anchors and aliases" in msg


@pytest.mark.parametrize(("char", "shown"), [("\x00", "U+0000"), ("\x1b", "U+001B")])
def test_control_characters(project_copy: Path, fails: Fails, char: str, shown: str) -> None:
    edit(project_copy, f"{YEAR}/sasaran.csv", "Sistem Informasi", f"Sistem{char}Informasi")
    msg = fails()
    assert msg.startswith(f"lkj: error: {YEAR}/sasaran.csv: line 3 ") and shown in msg


# ---- prose that would strain the renderer ----------------------------------------------------


@pytest.mark.parametrize(
    "markdown",
    [
        "> " * 100_000 + "x",
        "- " * 50_000 + "x",
        "*" * 100_000,
        "[" * 100_000 + "x" + "]" * 100_000,
        "    " * 50_000 + "x",
        "| a |\n|---|\n" + "| b |\n" * 50_000,
    ],
)
def test_pathological_markdown_renders(markdown: str) -> None:
    """Prose near the size limit renders without error and in reasonable time."""
    started = time.perf_counter()
    html = render_markdown(markdown)
    assert isinstance(html, str)
    assert time.perf_counter() - started < 30
