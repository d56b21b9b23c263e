"""Bad data: one clear line naming file, row and column; exit code 2; no traceback; nothing
written under reports/ (or build/).

Every case runs through the three commands that read the data: ``lkj summary``, ``lkj audit``
and ``lkj build`` (which checks params, data and prose before any chapter runs, so these stay
fast). Params and narrative files: tests/test_bad_input_params.py; numbers written the
Indonesian way: tests/test_bad_input_numbers.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lkj.cli import main

REAL = "data/bp3mi-jabar/2025/realisasi.csv"
IND = "data/bp3mi-jabar/2025/indikator.csv"
COMMANDS = ("summary", "audit", "build")

Fails = Callable[..., str]


def fail(root: Path, capsys: pytest.CaptureFixture[str], command: str, *args: str) -> str:
    """Run ``lkj <command> [args]`` on ``root``; it must fail with one clean line."""
    argv = ["--root", str(root), command, *(args or ("2025-Q2",))]
    if command == "build":
        argv += ["--to", "html"]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, captured.out + captured.err
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("lkj: error: ")
    assert captured.out == ""  # nothing ran, not even the build's first progress line
    assert not (root / "reports").exists()
    assert not (root / "build").exists()
    return lines[0]


# Supporting tables (params' tabel_pendukung): read by audit, build and check, not by summary.
TABLE_FILES = ("pengaduan_status.csv", "mou.csv")


class Fail:
    """:func:`fail` for one command on one tree; ``on(file)`` knows which commands read it."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
        self.root, self.capsys, self.command = root, capsys, command

    def __call__(self, *args: str) -> str:
        return fail(self.root, self.capsys, self.command, *args)

    def on(self, file: str, *args: str) -> str | None:
        """The error line of a mistake in ``file``; None when the command does not read that
        file (a supporting table and ``lkj summary``), which then succeeds."""
        if self.command == "summary" and file.endswith(TABLE_FILES):
            assert main(["--root", str(self.root), "summary", *(args or ("2025-Q2",))]) == 0
            self.capsys.readouterr()
            return None
        return self(*args)


@pytest.fixture(params=("audit", "build"))
def fails_tables(
    request: pytest.FixtureRequest, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> Fails:
    """Like ``fails``, for the commands that read the supporting tables of the params
    (``lkj summary`` computes the figures only)."""
    command: str = request.param
    return lambda *args: fail(project_copy, capsys, command, *args)


@pytest.fixture(params=COMMANDS)
def fails(
    request: pytest.FixtureRequest, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> Fails:
    """``fails(*args)``: the error line of ``lkj <command> *args`` on ``project_copy``."""
    command: str = request.param
    return lambda *args: fail(project_copy, capsys, command, *args)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def params_for(root: Path, period: str) -> None:
    """Params for another period, so that `lkj build` gets past them to the data."""
    q2 = (root / "params/bp3mi-jabar/2025-Q2.yaml").read_text(encoding="utf-8")
    target = root / f"params/bp3mi-jabar/{period}.yaml"
    target.write_text(q2.replace("period: 2025-Q2", f"period: {period}"), encoding="utf-8")


def test_misspelt_column(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, REAL, "iku,triwulan,realisasi,", "iku,triwulan,realisasii,")
    msg = fails()
    assert REAL in msg and "row 1" in msg and "column 'realisasii'" in msg
    assert "unknown column 'realisasii'; did you mean 'realisasi'?" in msg


def test_missing_column(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, REAL, "iku,triwulan,realisasi,", "iku,triwulan,nilai,")
    msg = fails()
    assert REAL in msg and "row 1" in msg and "'nilai'" in msg
    assert "did you mean" not in msg or "realisasi" in msg


def test_column_missing_entirely(project_copy: Path, fails_tables: Fails) -> None:
    path = project_copy / "data/bp3mi-jabar/2025/pengaduan_status.csv"
    lines = [",".join(line.split(",")[:3]) for line in path.read_text().splitlines()]
    path.write_text("\n".join(lines) + "\n")
    msg = fails_tables()
    assert "pengaduan_status.csv" in msg and "column 'jumlah' is missing" in msg


def test_indonesian_number_with_a_unit_that_contradicts(project_copy: Path, fails: Fails) -> None:
    """`7.410 Orang` is accepted for IKU 7 (counted in orang), not for IKU 1 (persen)."""
    edit(project_copy, REAL, "1,2,13.33,,", "1,2,7.410 Orang,,")
    msg = fails()
    assert f"{REAL}, row 3, column 'realisasi'" in msg
    assert "'Orang' does not fit IKU 1, whose jenis is persen" in msg
    assert "found '7.410 Orang'" in msg
    assert "expected a percentage, e.g. 80.76 (also accepted: 80,76 or 80,76%)" in msg
    assert "(docs/indicators.md)" in msg


def test_negative_target(project_copy: Path, fails: Fails) -> None:
    edit(
        project_copy,
        IND,
        "nilai,,naik,terakhir,75,75,75,75,75",
        "nilai,,naik,terakhir,-75,75,75,75,-75",
    )
    msg = fails()
    assert "row 13" in msg and "column 'target'" in msg and "value is negative" in msg


def test_unknown_iku(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, REAL, "13,2,Baik,,", "13,2,Baik,,\n14,2,5,,")
    msg = fails()
    assert REAL in msg and "row 28" in msg and "column 'iku'" in msg and "IKU 14" in msg


def test_quarter_outside_range(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, REAL, "1,2,13.33,,", "1,5,13.33,,")
    msg = fails()
    assert "row 3" in msg and "column 'triwulan'" in msg and "1 to 4" in msg


def test_duplicated_row(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, REAL, "3,1,75,,", "3,1,75,,\n3,1,75,,")
    msg = fails()
    assert REAL in msg and "row 7" in msg and "duplicate" in msg and "row 6" in msg


def test_malformed_date(project_copy: Path, fails_tables: Fails) -> None:
    edit(project_copy, "data/bp3mi-jabar/2025/mou.csv", "2021-06-17", "17-06-2021")
    msg = fails_tables()
    assert "mou.csv" in msg and "row 2" in msg and "column 'tmt'" in msg and "YYYY-MM-DD" in msg


def test_impossible_date(project_copy: Path, fails_tables: Fails) -> None:
    edit(project_copy, "data/bp3mi-jabar/2025/mou.csv", "2023-03-29", "2023-02-31")
    msg = fails_tables()
    assert "mou.csv" in msg and "row 11" in msg and "'2023-02-31'" in msg


def test_missing_row_is_not_measured(project_copy: Path) -> None:
    """A quarter without a row is not measured yet (as a blank cell or '-'), never 0."""
    from lkj.figures.summary import summarise
    from lkj.inputs.project import Project

    edit(project_copy, REAL, "6,1,0,,\n", "")
    edit(project_copy, REAL, "9,1,75,,", "9,1,-,,")
    edit(project_copy, REAL, "7,2,7410,,", "7,2,,,")
    s = summarise("2025-Q2", project=Project.at(project_copy))
    # IKU 6: only Triwulan II (21) was measured; the year to date is 21, not 0 + 21 by accident
    assert s.result(6).realisasi_per_triwulan[:2] == (None, 21)
    assert s.result(6).belum_diukur == (1,)
    # IKU 9: Triwulan I '-': 544 to date, not 75 + 544
    assert s.result(9).realisasi_kumulatif == 544
    # IKU 7: Triwulan II blank: no quarterly capaian; 7.110 to date of 27.868 = 25,51%
    assert s.result(7).realisasi is None and s.result(7).capaian is None
    assert str(round(s.result(7).capaian_kumulatif, 2)) == "25.51"


def test_unknown_quarter_in_period(fails: Fails) -> None:
    msg = fails("2025-Q5")
    assert "quarter 5" in msg


def test_period_not_understood(fails: Fails) -> None:
    msg = fails("2025-X2")
    assert "period '2025-X2' is not understood" in msg and "2025-Q2" in msg


def test_period_in_the_future_of_the_data(project_copy: Path, fails: Fails) -> None:
    params_for(project_copy, "2025-Q3")
    msg = fails("2025-Q3")
    assert "Triwulan III" in msg and "realisasi.csv" in msg


def test_unknown_year(project_copy: Path, fails: Fails) -> None:
    params_for(project_copy, "2024-Q2")
    msg = fails("2024-Q2")
    assert "no unit has data for 2024" in msg and "name one with --unit" in msg
    assert "no data for 2024: neither data/bp3mi-jabar/2024/ nor" in fails(
        "2024-Q2", "--unit", "bp3mi-jabar"
    )


def test_unknown_unit(fails: Fails) -> None:
    msg = fails("2025-Q2", "--unit", "bp3mi-jatim")
    assert "unknown unit 'bp3mi-jatim'" in msg and "bp3mi-jabar" in msg


def test_unit_name_cannot_escape(fails: Fails) -> None:
    assert "not allowed" in fails("2025-Q2", "--unit", "../params")


def test_latin1_file(project_copy: Path, fails: Fails) -> None:
    path = project_copy / "data/bp3mi-jabar/2025/sasaran.csv"
    path.write_bytes(path.read_text().replace("Sistem", "Sìstem").encode("latin-1"))
    msg = fails()
    assert "sasaran.csv" in msg and "UTF-8" in msg and "line 3" in msg


@pytest.mark.parametrize("command", ["summary", "audit"])
def test_utf8_bom_is_accepted(
    project_copy: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    for name in ("realisasi.csv", "anggaran.yaml"):
        path = project_copy / "data/bp3mi-jabar/2025" / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert main(["--root", str(project_copy), command, "2025-Q2"]) == 0
    out = capsys.readouterr().out
    assert "7.410" in out if command == "summary" else "BP3MI Jawa Barat" in out


def test_empty_file(project_copy: Path, fails: Fails) -> None:
    (project_copy / "data/bp3mi-jabar/2025/kegiatan.csv").write_text("")
    assert "kegiatan.csv: file is empty" in fails()


def test_file_with_only_a_header(project_copy: Path, fails: Fails) -> None:
    (project_copy / REAL).write_text("iku,triwulan,realisasi,pembilang,penyebut\n")
    msg = fails()
    assert "no realisations for Triwulan II 2025 yet" in msg and "realisasi.csv" in msg


def test_missing_file(project_copy: Path, fails: Fails) -> None:
    (project_copy / "data/bp3mi-jabar/2025/realisasi.csv").unlink()
    assert "realisasi.csv: file is missing" in fails()


def test_missing_supporting_table_file(project_copy: Path, fails_tables: Fails) -> None:
    (project_copy / "data/bp3mi-jabar/2025/mou.csv").unlink()
    msg = fails_tables()
    assert "params/bp3mi-jabar/2025-Q2.yaml, key 'tabel_pendukung.2.berkas'" in msg
    assert "data/bp3mi-jabar/2025/mou.csv does not exist" in msg


def test_blank_required_cell(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, REAL, "5,2,0,,", ",2,0,,")
    msg = fails()
    assert "row 11" in msg and "column 'iku'" in msg and "blank" in msg


def test_yaml_syntax_error(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, "data/bp3mi-jabar/2025/anggaran.yaml", "pagu: 9721224000", "pagu: [9721")
    msg = fails()
    assert "anggaran.yaml" in msg and "YAML syntax error" in msg and "line" in msg


def test_unknown_yaml_key(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, "data/bp3mi-jabar/unit.yaml", "singkatan:", "singkatn:")
    msg = fails()
    assert "unit.yaml" in msg and "'singkatn'" in msg and "did you mean 'singkatan'?" in msg


def test_quarterly_targets_are_all_or_none(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, IND, "27868,6967,6967,6967,6967", "27868,6967,,6967,6967")
    msg = fails()
    assert "row 8" in msg and "column 'target_tw2'" in msg and "some quarters only" in msg


def test_quarterly_targets_must_add_up(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, IND, "27868,6967,6967,6967,6967", "27868,6967,6967,6967,6000")
    msg = fails()
    assert "row 8" in msg and "add up to 26901" in msg


def test_row_with_too_many_cells(project_copy: Path, fails: Fails) -> None:
    """An unquoted decimal comma splits a cell: the message says to quote it."""
    edit(project_copy, REAL, "1,2,13.33,,", "1,2,13,33,,")
    msg = fails()
    assert f"{REAL}, row 3" in msg and "6 cells but the header has 5" in msg and "quote" in msg
