"""Bad input for the indicator kinds, scales, ranges, caps and supporting tables: one line
naming file, row (or key) and column, what was found, what was expected, and the document
that describes the rule; exit code 2; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_bad_input import IND, REAL, Fails, edit, fail

UNIT = "data/bp3mi-jabar/unit.yaml"
Q2 = "params/bp3mi-jabar/2025-Q2.yaml"
DOC = "(docs/indicators.md)"
TABLES = "(docs/supporting-tables.md)"


@pytest.fixture(params=("summary", "build"))
def fails(
    request: pytest.FixtureRequest, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> Fails:
    return lambda *args: fail(project_copy, capsys, request.param, *args)


@pytest.fixture
def build_fails(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> Fails:
    return lambda *args: fail(project_copy, capsys, "build", *args)


def test_unknown_kind(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, IND, "Data Supply,jumlah,Orang", "Data Supply,hitungan,Orang")
    msg = fails()
    assert f"{IND}, row 10, column 'jenis': unknown kind; found 'hitungan'" in msg
    assert "expected one of persen, jumlah, ukuran, nilai, rupiah, durasi, rasio, predikat" in msg
    assert msg.endswith(DOC)


def test_count_without_its_unit_word(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, IND, "Data Supply,jumlah,Orang", "Data Supply,jumlah,")
    msg = fails()
    assert f"{IND}, row 10, column 'satuan': a jumlah indicator needs its unit word" in msg
    assert msg.endswith(DOC)


def test_unknown_scale(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, IND, "predikat,nka,", "predikat,opini,")
    msg = fails()
    assert f"{IND}, row 14, column 'satuan': unknown scale 'opini'; found 'opini'" in msg
    assert "declared: nka" in msg and msg.endswith(DOC)


def test_predicate_not_on_the_scale(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, REAL, "13,2,Baik,,", "13,2,Bagus,,")
    msg = fails()
    assert f"{REAL}, row 27, column 'realisasi': 'Bagus' is not on the scale 'nka'" in msg
    assert "found 'Bagus'" in msg
    assert "expected one of Sangat Kurang, Kurang, Cukup, Baik, Sangat Baik" in msg
    assert msg.endswith(DOC)


def test_predicate_words_ignore_case_and_may_carry_a_score(project_copy: Path) -> None:
    from lkj.figures.summary import summarise
    from lkj.inputs.project import Project
    from lkj.rules.indicators import Predikat

    edit(project_copy, REAL, "13,2,Baik,,", '13,2,"sangat baik (91,5)",,')
    s = summarise("2025-Q2", project=Project.at(project_copy))
    assert s.result(13).realisasi == Predikat("Sangat Baik", __import__("decimal").Decimal("91.5"))


def test_range_lower_bound_above_upper(project_copy: Path, fails: Fails) -> None:
    edit(
        project_copy,
        IND,
        "nilai,,naik,terakhir,75,75,75,75,75",
        "nilai,,rentang,terakhir,90-80,,,,",
    )
    msg = fails()
    assert f"{IND}, row 13, column 'target': the range's lower bound exceeds its upper bound" in msg
    assert "found '90-80'" in msg and msg.endswith(DOC)


def test_range_target_needs_polarity_rentang(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, IND, "nilai,,naik,terakhir,75,75,75,75,75", "nilai,,naik,terakhir,70-80,,,,")
    msg = fails()
    assert f"{IND}, row 13, column 'target': a range target needs polaritas rentang" in msg


def test_range_target_is_accepted(project_copy: Path) -> None:
    from decimal import Decimal as D

    from lkj.figures.summary import summarise
    from lkj.inputs.project import Project
    from lkj.rules.indicators import Rentang

    edit(
        project_copy,
        IND,
        "nilai,,naik,terakhir,75,75,75,75,75",
        'nilai,,rentang,terakhir,"70 - 90",,,,',
    )
    s = summarise("2025-Q2", project=Project.at(project_copy))
    twelve = s.result(12)
    assert twelve.target == Rentang(D(70), D(90)) and twelve.target_triwulan is None
    # 91,5 above [70, 90]: (2 x 90 - 91,5) / 90 = 98,33
    assert str(round(twelve.capaian_kumulatif, 2)) == "98.33"


def test_predicate_cannot_be_lower_is_better(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, IND, "predikat,nka,naik,", "predikat,nka,turun,")
    msg = fails()
    assert f"{IND}, row 14, column 'polaritas': a predicate's scale is already ordered" in msg


def test_cap_below_100(project_copy: Path, fails: Fails) -> None:
    (project_copy / UNIT).write_text(
        (project_copy / UNIT).read_text(encoding="utf-8") + "batas_capaian: 90\n", encoding="utf-8"
    )
    msg = fails()
    assert f"{UNIT}, " in msg and "key 'batas_capaian': value is not valid; found 90" in msg
    assert "a cap of 100 or more" in msg and msg.endswith(DOC)


def test_scale_with_a_repeated_word(project_copy: Path, fails: Fails) -> None:
    edit(project_copy, UNIT, "nka: [Sangat Kurang,", "nka: [Baik, Sangat Kurang,")
    msg = fails()
    assert "key 'skala': value is not valid" in msg and "each word once" in msg


def test_cap_is_applied_and_counted(project_copy: Path) -> None:
    from decimal import Decimal as D

    from lkj.figures.analysis import overview
    from lkj.figures.summary import summarise
    from lkj.inputs.project import Project

    (project_copy / UNIT).write_text(
        (project_copy / UNIT).read_text(encoding="utf-8") + "batas_capaian: 120\n", encoding="utf-8"
    )
    s = summarise("2025-Q2", project=Project.at(project_copy))
    # IKU 10: 6.594 / 5.000 = 131,88 -> 120; IKU 12: 91,5 / 75 = 122 -> 120
    assert s.result(10).capaian_kumulatif == D(120) and s.result(12).capaian_kumulatif == D(120)
    assert s.capped == (10, 12)
    assert (
        "Capaian setiap indikator dibatasi paling tinggi 120%; batas ini berlaku pada IKU 10 "
        "dan 12." in overview(s)
    )


def test_supporting_table_without_caption(project_copy: Path, build_fails: Fails) -> None:
    edit(project_copy, Q2, "    judul: Rekap Jumlah Pengaduan berdasarkan Status Penanganan\n", "")
    msg = build_fails()
    assert f"{Q2}, key 'tabel_pendukung.0.judul': required key is missing" in msg
    assert msg.endswith(TABLES)


def test_supporting_table_without_placement(project_copy: Path, build_fails: Fails) -> None:
    edit(project_copy, Q2, "    letak: setelah_evaluasi\n", "")
    msg = build_fails()
    assert f"{Q2}, key 'tabel_pendukung.2.letak': required key is missing" in msg
    assert msg.endswith(TABLES)


def test_supporting_table_of_an_unknown_iku(project_copy: Path, build_fails: Fails) -> None:
    edit(project_copy, Q2, "  - iku: 3\n", "  - iku: 31\n")
    msg = build_fails()
    assert f"{Q2}, key 'tabel_pendukung.2.iku': IKU 31 is not in the performance agreement" in msg


def test_supporting_table_column_not_in_the_file(project_copy: Path, build_fails: Fails) -> None:
    edit(project_copy, Q2, "{kolom: pemerintah,", "{kolom: pemda,")
    msg = build_fails()
    assert "data/bp3mi-jabar/2025/mou.csv, row 1, column 'pemda': column 'pemda' is missing" in msg
