"""One record per key, and no value quietly replaced or ignored.

- Duplicate rows are found on the parsed key (``01`` is IKU 1), so a second row for the same
  record is refused instead of replacing the first; digits other than 0-9 (full-width ``U+FF11``,
  Arabic-Indic ``U+0661``) are refused wherever a number is read.
- A key given twice in any YAML file lkj reads is an error naming both lines.
- Money and counts are never negative, identifiers (IKU, sasaran, no, baris) are 1 or more, and
  a quarter is 1 to 4 wherever one is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_bad_input import REAL, Fail, Fails, edit, fail

YEAR = "data/bp3mi-jabar/2025"
IND = f"{YEAR}/indikator.csv"
ANGGARAN = f"{YEAR}/anggaran.yaml"
UNIT = "data/bp3mi-jabar/unit.yaml"
Q2 = "params/bp3mi-jabar/2025-Q2.yaml"
PUBLISHED = f"{YEAR}/published/2025-Q2.yaml"
COMMANDS = ("summary", "audit", "build")


@pytest.fixture(params=COMMANDS)
def fails(
    request: pytest.FixtureRequest, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> Fail:
    command: str = request.param
    return Fail(project_copy, capsys, command)


def append(root: Path, rel: str, line: str) -> None:
    with (root / rel).open("a", encoding="utf-8") as out:
        out.write(line + "\n")


# ---- one row per key, compared on the parsed value ---------------------------------------


@pytest.mark.parametrize(
    ("file", "line", "row", "first", "what"),
    [
        (REAL, "01,1,99,,", 28, 2, "iku and triwulan"),  # the case: IKU 1 replaced
        (REAL, "1,01,99,,", 28, 2, "iku and triwulan"),
        (REAL, "7, 2 ,99,,", 28, 15, "iku and triwulan"),
        (f"{YEAR}/sasaran.csv", "01,Sasaran yang sama", 11, 2, "sasaran"),
        (IND, "007,1,X,persen,,naik,terakhir,1,1,1,1,1,,", 15, 8, "iku"),
        (f"{YEAR}/pagu.csv", "01,1,5", 13, 2, "baris"),
        (f"{YEAR}/realisasi_anggaran.csv", "02,01,5", 13, 2, "triwulan and baris"),
        (f"{YEAR}/pengaduan_status.csv", "2,01,Lain,1", 6, 2, "triwulan and no"),
        (f"{YEAR}/kegiatan.csv", "1,Kegiatan lain,5", 4, 2, "no"),
        (f"{YEAR}/mou.csv", "22, kota  BANJAR ,2024-01-01,1", 23, 3, "pemerintah"),
        (f"{YEAR}/pengaduan_status.csv", "2,5,selesai,1", 6, 5, "triwulan and status"),
    ],
)
def test_duplicate_on_the_parsed_key(
    project_copy: Path, fails: Fail, file: str, line: str, row: int, first: int, what: str
) -> None:
    append(project_copy, file, line)
    msg = fails.on(file)
    if msg is None:
        return  # lkj summary reads no supporting table
    assert f"lkj: error: {file}, row {row}: duplicate row: same {what} as row {first}" in msg


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column", "digit"),
    [
        (REAL, "1,1,25.33,,", "\uff11,1,25.33,,", 2, "iku", "\uff11"),  # full-width 1
        (REAL, "7,2,7410,,", "7,2,\uff17\uff14\uff11\uff10,,", 15, "realisasi", "\uff17"),
        (REAL, "3,2,75,,", "3,\u0662,75,,", 7, "triwulan", "\u0662"),  # Arabic-Indic 2
        (f"{YEAR}/kegiatan.csv", ",6318828000", ",\u0666318828000", 2, "pagu", "\u0666"),
        (f"{YEAR}/pagu.csv", "11,11 12 13,", "11,11 \uff11\uff12 13,", 12, "iku", "\uff11"),
        (f"{YEAR}/mou.csv", "2021-06-17,3", "2021-06-17,\uff13", 2, "jangka_waktu_tahun", "\uff13"),
    ],
)
def test_digits_other_than_0_to_9_are_refused(
    project_copy: Path,
    fails: Fail,
    file: str,
    old: str,
    new: str,
    row: int,
    column: str,
    digit: str,
) -> None:
    edit(project_copy, file, old, new)
    msg = fails.on(file)
    if msg is None:
        return  # lkj summary reads no supporting table
    assert f"lkj: error: {file}, row {row}, column '{column}': " in msg
    assert f"'{digit}' is not one of the digits 0-9" in msg


def test_iku_listed_twice_on_a_budget_line(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, f"{YEAR}/pagu.csv", "11,11 12 13,", "11,11 12 012,")
    msg = fails()
    assert f"{YEAR}/pagu.csv, row 12, column 'iku': IKU 12 is listed twice" in msg


def test_published_row_key_in_another_script(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, PUBLISHED, "- iku: 1\n", "- iku: \u00b2\n")  # superscript two
    msg = fail(project_copy, capsys, "audit")
    assert f"{PUBLISHED}, line " in msg and "'\u00b2'" in msg and "a whole number" in msg


def test_published_status_twice_in_other_case(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_copy / PUBLISHED
    text = path.read_text(encoding="utf-8")
    start = text.index("- status: Selesai")
    path.write_text(text[:start] + "- status: SELESAI\n        jumlah: 11\n      " + text[start:])
    msg = fail(project_copy, capsys, "audit")
    assert f"{PUBLISHED}, line " in msg and "status Selesai is given twice" in msg


# ---- a YAML key given twice ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "first", "key"),
    [
        (ANGGARAN, "pagu: 9721224000", "pagu: 9721224000\npagu: 1", 4, 3, "pagu"),
        (ANGGARAN, "  2: 3515820174", "  2: 3515820174\n  2: 1", 6, 5, "2"),
        (ANGGARAN, "  2: 3515820174", "  2: 3515820174\n  02: 1", 6, 5, "02"),
        (UNIT, "singkatan: BP3MI", "nama: Lain\nsingkatan: BP3MI", 5, 4, "nama"),
        (UNIT, "  situs: ", "  telepon: 1\n  situs: ", 8, 7, "telepon"),
    ],
)
def test_yaml_key_twice(
    project_copy: Path,
    fails: Fails,
    file: str,
    old: str,
    new: str,
    line: int,
    first: int,
    key: str,
) -> None:
    edit(project_copy, file, old, new)
    msg = fails()
    assert msg.startswith(
        f"lkj: error: {file}, line {line}, key '{key}': key given twice (first on line {first})"
    ), msg


def test_quarter_as_number_and_as_text(project_copy: Path, fails: Fails) -> None:
    """YAML reads ``2`` and ``'2'`` as different keys; both are Triwulan II."""
    edit(project_copy, ANGGARAN, "  2: 3515820174", "  2: 3515820174\n  '2': 1")
    msg = fails()
    assert f"lkj: error: {ANGGARAN}, line 6, key 'realisasi.2': " in msg
    assert "Triwulan 2 is given twice" in msg


@pytest.mark.parametrize(
    ("old", "new", "line", "first", "key"),
    [
        ("  identitas:", "  nama: Orang Lain\n  identitas:", 11, 10, "nama"),  # the issue's
        (
            "lampiran_rekonsiliasi: true",
            "lampiran_rekonsiliasi: true\nperiod: 2025-Q2",
            49,
            3,
            "period",
        ),
    ],
)
def test_params_key_twice(
    project_copy: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    line: int,
    first: int,
    key: str,
) -> None:
    edit(project_copy, Q2, old, new)
    msg = fail(project_copy, capsys, "build")
    assert msg.startswith(
        f"lkj: error: {Q2}, line {line}, key '{key}': key given twice (first on line {first})"
    ), msg


# ---- negatives and quarters ----------------------------------------------------------------


def test_negative_budget_realisation(project_copy: Path, fails: Fails) -> None:
    """The issue's case: published as 'Rp -3.515.820.174 atau -36,17%'."""
    edit(project_copy, ANGGARAN, "2: 3515820174", "2: -3515820174")
    msg = fails()
    assert f"lkj: error: {ANGGARAN}, line 5, key 'realisasi.2': " in msg
    assert "found -3515820174" in msg and "0 or more" in msg


@pytest.mark.parametrize("quarter", ["9", "0", "-1", "dua", "1.5", "true"])
def test_budget_quarter_outside_1_to_4(project_copy: Path, fails: Fails, quarter: str) -> None:
    """The issue's case (quarter 9 was ignored)."""
    edit(project_copy, ANGGARAN, "  2: 3515820174", f"  2: 3515820174\n  {quarter}: 1")
    msg = fails()
    assert f"lkj: error: {ANGGARAN}, line 6, key 'realisasi.{quarter}': " in msg
    assert "a quarter from 1 to 4" in msg


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column"),
    [
        (f"{YEAR}/kegiatan.csv", ",6318828000", ",-6318828000", 2, "pagu"),
        (f"{YEAR}/pagu.csv", "3,3,2650000000", "3,3,-2650000000", 4, "pagu"),
        (f"{YEAR}/pagu.csv", "3,3,2650000000", "3,3,Rp -2.650.000.000", 4, "pagu"),
        (f"{YEAR}/realisasi_anggaran.csv", "2,3,200381500", "2,3,-200381500", 4, "realisasi"),
        (f"{YEAR}/pengaduan_status.csv", "Selesai,11", "Selesai,-11", 5, "jumlah"),
        (f"{YEAR}/mou.csv", "2021-06-17,3", "2021-06-17,-3", 2, "jangka_waktu_tahun"),
        (f"{YEAR}/mou.csv", "2021-06-17,3", "2021-06-17,0", 2, "jangka_waktu_tahun"),
        (REAL, "7,2,7410,,", "7,2,-7410,,", 15, "realisasi"),
        (REAL, "1,2,13.33,,", '1,2,"-13,33%",,', 3, "realisasi"),
        (REAL, "2,2,,21,26", "2,2,,-21,26", 5, "pembilang"),
        (REAL, "2,2,,21,26", "2,2,,21,-26", 5, "penyebut"),
        (IND, "27868,6967,6967,6967,6967", "27868,-6967,6967,6967,27868", 8, "target_tw1"),
        (REAL, "7,2,7410,,", "-7,2,7410,,", 15, "iku"),
        (IND, "\n7,", "\n-7,", 8, "iku"),
        (IND, "\n7,5,", "\n7,0,", 8, "sasaran"),
        (f"{YEAR}/sasaran.csv", "\n1,", "\n0,", 2, "sasaran"),
        (f"{YEAR}/kegiatan.csv", "\n1,", "\n-1,", 2, "no"),
        (f"{YEAR}/pagu.csv", "\n3,3,", "\n-3,3,", 4, "baris"),
        (f"{YEAR}/pagu.csv", "\n3,3,", "\n3,-3,", 4, "iku"),
        (f"{YEAR}/pengaduan_status.csv", "2,4,Selesai", "2,0,Selesai", 5, "no"),
        (f"{YEAR}/mou.csv", "\n2,Kota Banjar", "\n-2,Kota Banjar", 3, "no"),
    ],
)
def test_negative_amounts_counts_and_numbers(
    project_copy: Path, fails: Fail, file: str, old: str, new: str, row: int, column: str
) -> None:
    edit(project_copy, file, old, new)
    msg = fails.on(file)
    if msg is None:
        return  # lkj summary reads no supporting table
    assert f"lkj: error: {file}, row {row}, column '{column}': " in msg


def test_negative_pagu_in_yaml(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, ANGGARAN, "pagu: 9721224000", "pagu: '-9.721.224.000'")
    msg = fails()
    assert (
        f"lkj: error: {ANGGARAN}, line 3, key 'pagu': " in msg and "found '-9.721.224.000'" in msg
    )


@pytest.mark.parametrize("period", ["\uff12\uff10\uff125-Q2", "2025-Q\uff12", "0000-Q2"])
def test_period_with_other_digits_or_year_0(fails: Fails, period: str) -> None:
    msg = fails(period)
    assert msg.startswith(f"lkj: error: period '{period}'") and "e.g. 2025-Q2" in msg
