"""Bad input: one clear line naming file, row and column; exit code 2; no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkj.cli import main

REAL = "data/bp3mi-jabar/2025/realisasi.csv"
IND = "data/bp3mi-jabar/2025/indikator.csv"


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["--root", str(root), "summary", *(args or ("2025-Q2",))])
    captured = capsys.readouterr()
    assert code == 2, captured.out
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert captured.out == ""
    return lines[0]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_column(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, REAL, "iku,triwulan,realisasi,", "iku,triwulan,nilai,")
    msg = run(project_copy, capsys)
    assert REAL in msg and "row 1" in msg and "'nilai'" in msg
    assert "did you mean" not in msg or "realisasi" in msg


def test_column_missing_entirely(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project_copy / "data/bp3mi-jabar/2025/pengaduan_status.csv"
    lines = [",".join(line.split(",")[:3]) for line in path.read_text().splitlines()]
    path.write_text("\n".join(lines) + "\n")
    msg = run(project_copy, capsys)
    assert "pengaduan_status.csv" in msg and "column 'jumlah' is missing" in msg


def test_indonesian_number_with_unit(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, REAL, "7,2,7410,,", "7,2,7.410 Orang,,")
    msg = run(project_copy, capsys)
    assert REAL in msg and "row 15" in msg and "column 'realisasi'" in msg
    assert "'7.410 Orang'" in msg and "plain number" in msg


def test_zero_target(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, IND, "orang,naik,jumlah,40,0,0,40,0", "orang,naik,jumlah,0,0,0,0,0")
    msg = run(project_copy, capsys)
    assert IND in msg and "row 5" in msg and "column 'target'" in msg and "above zero" in msg


def test_negative_target(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        project_copy,
        IND,
        "nilai,naik,terakhir,75,75,75,75,75",
        "nilai,naik,terakhir,-75,75,75,75,-75",
    )
    msg = run(project_copy, capsys)
    assert "row 13" in msg and "column 'target'" in msg


def test_unknown_iku(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, REAL, "13,2,Baik,,", "13,2,Baik,,\n14,2,5,,")
    msg = run(project_copy, capsys)
    assert REAL in msg and "row 28" in msg and "column 'iku'" in msg and "IKU 14" in msg


def test_quarter_outside_range(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, REAL, "1,2,13.33,,", "1,5,13.33,,")
    msg = run(project_copy, capsys)
    assert "row 3" in msg and "column 'triwulan'" in msg and "1 to 4" in msg


def test_duplicated_row(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, REAL, "3,1,75,,", "3,1,75,,\n3,1,75,,")
    msg = run(project_copy, capsys)
    assert REAL in msg and "row 7" in msg and "duplicate" in msg and "row 6" in msg


def test_malformed_date(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, "data/bp3mi-jabar/2025/mou.csv", "2021-06-17", "17-06-2021")
    msg = run(project_copy, capsys)
    assert "mou.csv" in msg and "row 2" in msg and "column 'tmt'" in msg and "YYYY-MM-DD" in msg


def test_impossible_date(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, "data/bp3mi-jabar/2025/mou.csv", "2023-03-29", "2023-02-31")
    msg = run(project_copy, capsys)
    assert "mou.csv" in msg and "row 11" in msg and "'2023-02-31'" in msg


def test_missing_past_quarter(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, REAL, "6,1,0,,\n", "")
    msg = run(project_copy, capsys)
    assert REAL in msg and "IKU 6 has no realisation for Triwulan 1" in msg


def test_unknown_quarter_in_period(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    msg = run(project_copy, capsys, "2025-Q5")
    assert "quarter 5" in msg


def test_period_in_the_future_of_the_data(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    msg = run(project_copy, capsys, "2025-Q3")
    assert "Triwulan III" in msg and "realisasi.csv" in msg


def test_unknown_year(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no data for 2024" in run(project_copy, capsys, "2024-Q2")


def test_unknown_unit(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    msg = run(project_copy, capsys, "2025-Q2", "--unit", "bp3mi-jatim")
    assert "unknown unit 'bp3mi-jatim'" in msg and "bp3mi-jabar" in msg


def test_unit_name_cannot_escape(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "not allowed" in run(project_copy, capsys, "2025-Q2", "--unit", "../params")


def test_latin1_file(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project_copy / "data/bp3mi-jabar/2025/sasaran.csv"
    path.write_bytes(path.read_text().replace("Sistem", "Sìstem").encode("latin-1"))
    msg = run(project_copy, capsys)
    assert "sasaran.csv" in msg and "UTF-8" in msg and "line 3" in msg


def test_utf8_bom_is_accepted(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project_copy / REAL
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert main(["--root", str(project_copy), "summary", "2025-Q2"]) == 0
    assert "7.410" in capsys.readouterr().out


def test_empty_file(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / "data/bp3mi-jabar/2025/kegiatan.csv").write_text("")
    assert "kegiatan.csv: file is empty" in run(project_copy, capsys)


def test_missing_file(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / "data/bp3mi-jabar/2025/mou.csv").unlink()
    assert "mou.csv: file is missing" in run(project_copy, capsys)


def test_blank_required_cell(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, REAL, "5,2,0,,", "5,2,,,")
    msg = run(project_copy, capsys)
    assert "row 11" in msg and "column 'realisasi'" in msg and "blank" in msg


def test_yaml_syntax_error(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, "data/bp3mi-jabar/2025/anggaran.yaml", "pagu: 9721224000", "pagu: [9721")
    msg = run(project_copy, capsys)
    assert "anggaran.yaml" in msg and "YAML syntax error" in msg and "line" in msg


def test_unknown_yaml_key(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, "data/bp3mi-jabar/unit.yaml", "singkatan:", "singkatn:")
    msg = run(project_copy, capsys)
    assert "unit.yaml" in msg and "'singkatn'" in msg


def test_quarterly_targets_must_add_up(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, IND, "27868,6967,6967,6967,6967", "27868,6967,6967,6967,6000")
    msg = run(project_copy, capsys)
    assert "row 8" in msg and "add up to 26901" in msg
