"""Numbers written the Indonesian way: accepted where the column's unit leaves one reading,
refused with a message that shows the plain form otherwise (docs/data.md, "Numbers")."""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from lkj.cli import main
from lkj.inputs.files import (
    JUMLAH,
    NILAI,
    PERSEN,
    RUPIAH,
    NumberError,
    NumberForm,
    decimal_comma,
    parse_value,
    plain_number,
    thousands_grouped,
)
from lkj.inputs.values import number_form, parse_text
from lkj.report.context import load_report
from lkj.rules.indicators import Jenis
from tests.test_bad_input import REAL, Fails, edit, fail

YEAR = "data/bp3mi-jabar/2025"
ORANG = "a count in Orang"  # a jumlah indicator, satuan Orang, read by parse_text


def _parse(form: NumberForm | str, text: str) -> Decimal:
    if form == ORANG:
        return parse_text(text, Jenis.JUMLAH, "Orang", "IKU 7")
    assert isinstance(form, NumberForm)
    return parse_value(text, form, "IKU 7")


ACCEPTED: list[tuple[NumberForm | str, str, str]] = [
    (PERSEN, "80.76", "80.76"),
    (PERSEN, "80,76", "80.76"),
    (PERSEN, "80,76%", "80.76"),
    (PERSEN, "80.76 %", "80.76"),
    (PERSEN, "80,7", "80.7"),
    (PERSEN, "70%", "70"),
    (PERSEN, "80,76 persen", "80.76"),
    (PERSEN, "13.333", "13.333"),  # '.' is the decimal point for a percentage
    (ORANG, "7410", "7410"),
    (ORANG, "7.410", "7410"),
    (ORANG, "7.410 Orang", "7410"),
    (ORANG, "7410 orang", "7410"),
    (ORANG, "7.410\u00a0ORANG", "7410"),  # a spreadsheet's non-breaking space
    (ORANG, "1.000.000", "1000000"),
    (ORANG, "7410.0", "7410"),
    (ORANG, "0", "0"),
    (NILAI, "91.5", "91.5"),
    (NILAI, "91,5", "91.5"),
    (RUPIAH, "3515820174", "3515820174"),
    (RUPIAH, "3.515.820.174", "3515820174"),
    (RUPIAH, "Rp 3.515.820.174", "3515820174"),
    (RUPIAH, "Rp3.515.820.174", "3515820174"),
    (RUPIAH, "Rp. 3.515.820.174", "3515820174"),
    (RUPIAH, "rp 3.515.820.174,50", "3515820174.50"),
    (RUPIAH, "Rp 5.000,-", "5000"),
    (RUPIAH, "3.515", "3515"),  # rupiah have no third decimal: thousands
    (RUPIAH, "3515.5", "3515.5"),
    (RUPIAH, "3515,50", "3515.50"),
    (JUMLAH, "34", "34"),
    (JUMLAH, "1.250", "1250"),
]


@pytest.mark.parametrize(("form", "text", "value"), ACCEPTED)
def test_accepted(form: NumberForm | str, text: str, value: str) -> None:
    parsed = _parse(form, text)
    assert parsed == Decimal(value) and str(parsed) == value


REFUSED: list[tuple[NumberForm | str, str, str]] = [
    (PERSEN, "7.410 Orang", "'Orang' does not fit IKU 7, whose satuan is persen"),
    (PERSEN, "Rp 80", "'Rp' does not fit IKU 7, whose satuan is persen"),
    (number_form(Jenis.PERSEN, ""), "7 Orang", "'Orang' does not fit IKU 7, whose jenis is persen"),
    (PERSEN, "1.234.567", "'.' as a thousands separator does not fit IKU 7"),
    (PERSEN, "1.234,5", "'.' as a thousands separator does not fit IKU 7"),
    (PERSEN, "1,234", "',' followed by three digits is ambiguous"),
    (PERSEN, "13,3333", "not read as a decimal comma; write '.'"),
    (PERSEN, "80.76.1", "value is not a number"),
    (ORANG, "80,76%", "'%' does not fit IKU 7, whose jenis is jumlah (Orang), whole"),
    (ORANG, "7.41", "a decimal does not fit IKU 7, whose jenis is jumlah (Orang)"),
    (ORANG, "7,5", "a decimal does not fit IKU 7, whose jenis is jumlah (Orang)"),
    (ORANG, "7.4100", "a decimal does not fit IKU 7"),
    (ORANG, "1,234", "',' followed by three digits is ambiguous"),
    (ORANG, "7 410", "value is not a number"),
    (ORANG, "7410 org", "'org' does not fit IKU 7"),
    (NILAI, "91,5%", "'%' does not fit IKU 7, whose satuan is nilai"),
    (RUPIAH, "3515.123", "an amount in rupiah has at most 2 decimals"),
    (RUPIAH, "1,234", "',' followed by three digits is ambiguous"),
    (RUPIAH, "3.515 Orang", "'Orang' does not fit IKU 7, which holds rupiah"),
    (RUPIAH, "5%", "'%' does not fit IKU 7, which holds rupiah"),
    (JUMLAH, "3.5", "a decimal does not fit IKU 7, which holds a count"),
    (JUMLAH, "twelve", "value is not a number"),
]


@pytest.mark.parametrize(("form", "text", "problem"), REFUSED)
def test_refused(form: NumberForm | str, text: str, problem: str) -> None:
    with pytest.raises(NumberError) as caught:
        _parse(form, text)
    assert problem in caught.value.problem


def test_form_families() -> None:
    assert plain_number("80.76") == Decimal("80.76") and plain_number("80,76") is None
    assert decimal_comma("80,76") == Decimal("80.76") and decimal_comma("1,234") is None
    assert thousands_grouped("3.515.820.174,5") == Decimal("3515820174.5")
    assert thousands_grouped("7.41") is None and thousands_grouped("7410") is None


def test_expected_shows_the_plain_form() -> None:
    assert (
        number_form(Jenis.JUMLAH, "Orang").expected
        == "a whole number of Orang, e.g. 7410 (also accepted: 7.410 or 7.410 Orang)"
    )
    assert number_form(Jenis.UKURAN, "Ha").expected == (
        "a quantity in Ha, e.g. 2.75 (also accepted: 2,75 or 2,75 Ha)"
    )
    assert PERSEN.expected == "a percentage, e.g. 80.76 (also accepted: 80,76 or 80,76%)"
    assert RUPIAH.expected.startswith("an amount in rupiah, e.g. 3515820174")


def _indonesian(root: Path) -> None:
    """The shipped data rewritten the way an analyst might copy it from a report."""
    ind = f"{YEAR}/indikator.csv"
    edit(
        root,
        ind,
        "persen,,naik,jumlah,70,17.5,17.5,17.5,17.5",
        'persen,,naik,jumlah,70%,"17,5",17.5%,"17,5 %",17.5',
    )
    edit(root, ind, "27868,6967,6967,6967,6967", "27.868 Orang,6.967,6.967,6967 orang,6.967")
    edit(
        root, ind, "nilai,,naik,terakhir,75,75,75,75,75", 'nilai,,naik,terakhir,75,"75,0",75,75,75'
    )
    edit(root, REAL, "1,1,25.33,,", '1,1,"25,33%",,')
    edit(root, REAL, "2,2,,21,26", "2,2,,21,26")
    edit(root, REAL, "7,1,7110,,", "7,1,7.110,,")
    edit(root, REAL, "7,2,7410,,", "7,2,7.410 Orang,,")
    edit(root, REAL, "10,2,6342,,", "10,2,6.342 ORANG,,")
    edit(root, REAL, "12,1,91.5,,", '12,1,"91,5",,')
    edit(root, f"{YEAR}/kegiatan.csv", ",6318828000", ",Rp 6.318.828.000")
    edit(root, f"{YEAR}/kegiatan.csv", ",5321483000", ',"Rp 5.321.483.000,-"')
    edit(root, f"{YEAR}/pagu.csv", "3,3,2650000000", "3,3,2.650.000.000")
    edit(root, f"{YEAR}/realisasi_anggaran.csv", "2,3,200381500", '2,3,"Rp 200.381.500,00"')
    edit(root, f"{YEAR}/anggaran.yaml", "pagu: 9721224000", "pagu: 'Rp 9.721.224.000'")
    edit(root, f"{YEAR}/anggaran.yaml", "2: 3515820174", "2: 3.515.820.174")


@pytest.mark.parametrize("command", ["summary", "audit"])
def test_indonesian_forms_give_the_same_figures(
    project_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    argv = [command, "2025-Q2", "--format", "json"]
    assert main(["--root", str(project_copy), *argv]) == 0
    plain = json.loads(capsys.readouterr().out)
    _indonesian(project_copy)
    assert main(["--root", str(project_copy), *argv]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out) == plain


def _semicolons(path: Path) -> None:
    """``path`` as a spreadsheet with Indonesian settings saves it: ';' between cells and a
    decimal comma (no quotes needed then)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    decimal = re.compile(r"^(\d+)\.(\d{1,2})$")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerows([[decimal.sub(r"\1,\2", cell) for cell in row] for row in rows])


def test_semicolon_csv_from_an_indonesian_spreadsheet(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--root", str(project_copy), "summary", "2025-Q2", "--format", "json"]
    assert main(argv) == 0
    plain = json.loads(capsys.readouterr().out)
    for name in ("indikator.csv", "realisasi.csv", "kegiatan.csv", "sasaran.csv"):
        _semicolons(project_copy / YEAR / name)
    text = (project_copy / REAL).read_text(encoding="utf-8")
    assert "1;1;25,33;;" in text and "12;1;91,5;;" in text
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out) == plain


def test_semicolon_csv_row_with_a_missing_cell(project_copy: Path, fails: Fails) -> None:
    _semicolons(project_copy / REAL)
    edit(project_copy, REAL, "1;2;13,33;;", "1;2;13,33;")
    msg = fails()
    assert f"{REAL}, row 3: row has 4 cells but the header has 5" in msg
    assert "quote a text that contains a ';'" in msg


def test_indonesian_forms_pass_the_build_checks(project_copy: Path) -> None:
    _indonesian(project_copy)
    ctx = load_report("bp3mi-jabar", "2025-Q2", project_copy)  # what `lkj build` checks first
    assert ctx.summary.result(7).realisasi == Decimal(7410)
    assert ctx.summary.pagu == Decimal(9721224000)


@pytest.fixture(params=["summary", "audit", "build"])
def fails(
    request: pytest.FixtureRequest, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> Fails:
    return lambda *args: fail(project_copy, capsys, request.param, *args)


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "problem", "expected"),
    [
        (
            REAL,
            "7,2,7410,,",
            '7,2,"80,76%",,',
            "row 15, column 'realisasi'",
            "'%' does not fit IKU 7, whose jenis is jumlah (Orang), whole; found '80,76%'",
            "a whole number of Orang, e.g. 7410 (also accepted: 7.410 or 7.410 Orang)",
        ),
        (
            REAL,
            "7,2,7410,,",
            "7,2,7.41,,",
            "row 15, column 'realisasi'",
            "a decimal does not fit IKU 7, whose jenis is jumlah (Orang), whole; found '7.41'",
            "a whole number of Orang, e.g. 7410",
        ),
        (
            f"{YEAR}/indikator.csv",
            "persen,,naik,jumlah,70,",
            'persen,,naik,jumlah,"1,234",',
            "row 2, column 'target'",
            "',' followed by three digits is ambiguous: a thousands separator or a decimal comma",
            "a percentage, e.g. 80.76",
        ),
        (
            f"{YEAR}/pagu.csv",
            "3,3,2650000000",
            "3,3,2650000000.125",
            "row 4, column 'pagu'",
            "an amount in rupiah has at most 2 decimals",
            "an amount in rupiah, e.g. 3515820174",
        ),
        (
            REAL,
            "2,2,,21,26",
            "2,2,,21.5,26",
            "row 5, column 'pembilang'",
            "a decimal does not fit this column, which holds a count; found '21.5'",
            "a whole number, e.g. 1250 (also accepted: 1.250)",
        ),
    ],
)
def test_refused_forms_name_file_row_column(
    project_copy: Path,
    fails: Fails,
    file: str,
    old: str,
    new: str,
    where: str,
    problem: str,
    expected: str,
) -> None:
    edit(project_copy, file, old, new)
    msg = fails()
    assert f"lkj: error: {file}, {where}: {problem}" in msg
    assert f"; expected {expected}" in msg


def test_refused_count_in_a_supporting_table(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project_copy,
        f"{YEAR}/pengaduan_status.csv",
        "2,1,Dalam Proses,34",
        "2,1,Dalam Proses,34 orang",
    )
    msg = fail(project_copy, capsys, "build")
    assert (
        f"lkj: error: {YEAR}/pengaduan_status.csv, row 2, column 'jumlah': 'orang' does not fit "
        "this column, which holds a count" in msg
    )
    assert "; expected a whole number, e.g. 1250" in msg


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        ("pagu: 9721224000", "pagu: 9.720", "found 9.72"),  # YAML reads a float: refused
        ("pagu: 9721224000", "pagu: '9,721'", "found '9,721'"),
    ],
)
def test_refused_amounts_in_yaml(
    project_copy: Path, fails: Fails, old: str, new: str, found: str
) -> None:
    edit(project_copy, f"{YEAR}/anggaran.yaml", old, new)
    msg = fails()
    assert f"{YEAR}/anggaran.yaml, line 3, key 'pagu': value is not valid; {found}" in msg
    assert "9721224000" in msg or "3515820174" in msg  # the plain form to write
