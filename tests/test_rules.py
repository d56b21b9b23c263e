"""Calculation rules, each checked against values worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from lkj.errors import PeriodError
from lkj.rules.achievement import Kelas, capaian, classify, overall
from lkj.rules.budget import BudgetLine, absorption, group_by_goal
from lkj.rules.cumulation import Realisation, realisation_to_date
from lkj.rules.decimals import round2
from lkj.rules.indicators import Indicator, Kumulasi, Polaritas, Satuan
from lkj.rules.mou import MoU
from lkj.rules.periods import Period, quarter_label, quarter_short_label, roman


def ind(
    satuan: Satuan = Satuan.ORANG,
    kumulasi: Kumulasi = Kumulasi.JUMLAH,
    polaritas: Polaritas = Polaritas.NAIK,
    target: D | str = D(100),
) -> Indicator:
    quarterly = (target,) * 4 if not isinstance(target, D) else (target / 4,) * 4
    return Indicator(1, 1, "x", satuan, polaritas, kumulasi, target, quarterly)  # type: ignore[arg-type]


def quarters(*values: D | str | None) -> list[Realisation]:
    return [Realisation(1, q, v) for q, v in enumerate(values, start=1)]


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2025-Q2", "2025-TW2", "2025-tw2", " 2025-q2 "])
def test_period_forms(text: str) -> None:
    period = Period.parse(text)
    assert period == Period(2025, 2)
    assert period.slug == "2025-Q2"
    assert period.label == "Triwulan II"
    assert period.end_date == date(2025, 6, 30)


def test_period_end_dates() -> None:
    assert [Period(2024, q).end_date for q in range(1, 5)] == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]
    assert Period(2025, 4).label == "Triwulan IV"


def test_quarter_names_and_roman_numerals() -> None:
    assert [quarter_label(q) for q in (1, 3)] == ["Triwulan I", "Triwulan III"]
    assert [quarter_short_label(q) for q in (2, 4)] == ["TW II", "TW IV"]
    assert Period(2025, 3).short_label == "TW III"
    # chapters too: BAB IV, BAB IX, BAB XIV
    assert [roman(n) for n in (4, 9, 14, 40, 1999)] == ["IV", "IX", "XIV", "XL", "MCMXCIX"]
    with pytest.raises(ValueError, match="no roman numeral"):
        roman(0)


def test_vocabulary_lives_on_the_enums() -> None:
    """Each enum names its members once, as the report and the audit print them."""
    assert Kumulasi.TERAKHIR.label == "nilai posisi (nilai triwulan terakhir)"
    assert Kumulasi.RASIO.label == "rasio gabungan seluruh triwulan"
    assert Polaritas.TURUN.label == "nilai yang lebih rendah lebih baik"
    assert [s.suffix for s in Satuan] == ["%", " Orang", "", ""]
    assert Satuan.ORANG.label == "Orang"
    assert Kelas.DI_BAWAH.label == "di bawah 100%"
    assert all(k.label for k in (*Kumulasi, *Polaritas, *Satuan, *Kelas))


@pytest.mark.parametrize("text", ["2025-Q5", "2025-Q0", "2025", "Q2-2025", "2025-T2"])
def test_period_refused(text: str) -> None:
    with pytest.raises(PeriodError, match="expected"):
        Period.parse(text)


# --- rounding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("78.255", "78.26"),
        ("0.125", "0.13"),
        ("19.0428", "19.04"),
        ("2.675", "2.68"),
        ("-1.005", "-1.01"),
        ("52.1027", "52.10"),
    ],
)
def test_round_half_up_on_exact_decimals(value: str, expected: str) -> None:
    assert round2(D(value)) == D(expected)


# --- capaian -------------------------------------------------------------------------------


def test_higher_is_better() -> None:
    # 7.410 of 27.868: 741000 / 27868 = 26.589..., rounds to 26.59
    assert round2(capaian(ind(), D(7410), D(27868))) == D("26.59")


def test_lower_is_better() -> None:
    turun = ind(polaritas=Polaritas.TURUN)
    # target 20, realisation 15: (40 - 15) / 20 = 125%
    assert capaian(turun, D(15), D(20)) == D(125)
    # realisation 25: (40 - 25) / 20 = 75%
    assert capaian(turun, D(25), D(20)) == D(75)
    # exactly on target: 100%
    assert capaian(turun, D(20), D(20)) == D(100)


def test_predicate_met_scores_100_and_missed_0() -> None:
    pred = ind(Satuan.PREDIKAT, Kumulasi.TERAKHIR, target="Baik")
    assert capaian(pred, "Baik", "Baik") == D(100)
    assert capaian(pred, "Sangat Baik", "Baik") == D(100)
    assert capaian(pred, "Cukup", "Baik") == D(0)


def test_no_realisation_is_not_measurable() -> None:
    assert capaian(ind(), None, D(10)) is None


# --- cumulation ----------------------------------------------------------------------------


def test_sum_of_quarters() -> None:
    # IKU 7: 7.110 + 7.410 = 14.520 of 27.868 -> 52.1027 -> 52.10
    i = ind(target=D(27868))
    total = realisation_to_date(i, quarters(D(7110), D(7410)))
    assert total == D(14520)
    assert round2(capaian(i, total, D(27868))) == D("52.10")


def test_last_value() -> None:
    i = ind(Satuan.NILAI, Kumulasi.TERAKHIR, target=D(75))
    assert realisation_to_date(i, quarters(D("60"), D("91.5"))) == D("91.5")


def test_mean_of_quarters() -> None:
    i = ind(Satuan.PERSEN, Kumulasi.RATA_RATA, target=D(100))
    # (75.75 + 80.76) / 2 = 78.255 -> 78.26 (half up)
    mean = realisation_to_date(i, quarters(D("75.75"), D("80.76")))
    assert mean == D("78.255")
    assert round2(capaian(i, mean, D(100))) == D("78.26")


def test_pooled_ratio_of_counts() -> None:
    i = ind(Satuan.PERSEN, Kumulasi.RASIO, target=D(100))
    qs = [Realisation(1, 1, D(50), D(1), D(2)), Realisation(1, 2, D(100), D(3), D(3))]
    # (1 + 3) / (2 + 3) = 80%, not the mean of 50% and 100% (75%)
    assert realisation_to_date(i, qs) == D(80)


def test_pooled_ratio_without_cases_is_not_measurable() -> None:
    i = ind(Satuan.PERSEN, Kumulasi.RASIO, target=D(100))
    assert realisation_to_date(i, [Realisation(1, 1, None, D(0), D(0))]) is None


def test_target_to_date() -> None:
    i = Indicator(
        1,
        1,
        "x",
        Satuan.ORANG,
        Polaritas.NAIK,
        Kumulasi.JUMLAH,
        D(112),
        (D(0), D(40), D(40), D(32)),
    )
    assert i.target_to_date(2) == D(40)
    assert i.target_to_date(4) == D(112)


# --- classification and overall --------------------------------------------------------------


def test_classification_uses_the_printed_figure() -> None:
    assert classify(D("131.88")) is Kelas.DI_ATAS
    assert classify(D("100")) is Kelas.TEPAT
    assert classify(D("99.996")) is Kelas.TEPAT  # printed as 100,00
    assert classify(D("99.994")) is Kelas.DI_BAWAH
    assert classify(None) is Kelas.TIDAK_TERUKUR


def test_overall_is_plain_mean_of_printed_capaian() -> None:
    # (55.23 + 100 + 0) / 3 = 51.743333...
    assert round2(overall([D("55.228"), D(100), D(0), None])) == D("51.74")
    assert overall([None]) is None


# --- MoU -----------------------------------------------------------------------------------


def test_mou_status_on_the_boundary_day() -> None:
    mou = MoU(1, "Kota X", date(2022, 6, 30), 3)
    assert mou.berakhir == date(2025, 6, 30)
    assert mou.status(date(2025, 6, 30)) == "Berlaku"  # the last day still counts
    assert mou.status(date(2025, 7, 1)) == "Habis"


def test_mou_term_from_leap_day() -> None:
    assert MoU(1, "x", date(2024, 2, 29), 1).berakhir == date(2025, 2, 28)


# --- budget --------------------------------------------------------------------------------


def test_absorption() -> None:
    # 3.515.820.174 / 9.721.224.000 = 36.1664...% -> 36.17
    assert round2(absorption(D(3515820174), D(9721224000))) == D("36.17")
    assert absorption(None, D(100)) is None
    assert absorption(D(0), D(0)) is None


def test_budget_groups_join_goals_sharing_a_line() -> None:
    lines = [
        BudgetLine(1, (1,), D(100)),
        BudgetLine(2, (2,), D(50)),
        BudgetLine(3, (3, 4), D(200)),
        BudgetLine(4, (5,), D(10)),
    ]
    goal = {1: 1, 2: 1, 3: 2, 4: 3, 5: 3}
    groups = group_by_goal(lines, goal, {1: D(10), 2: D(40), 3: D(50)})
    assert [g.sasaran for g in groups] == [(1,), (2, 3)]
    assert groups[0].pagu == D(150) and groups[0].realisasi == D(50)
    # goals 2 and 3 share line 3; line 4 has no realisation (0 within a reported quarter)
    assert groups[1].pagu == D(210) and groups[1].realisasi == D(50)
    assert groups[1].persen is not None and round2(groups[1].persen) == D("23.81")


def test_budget_groups_without_realisation_report() -> None:
    groups = group_by_goal([BudgetLine(1, (1,), D(100))], {1: 1}, None)
    assert groups[0].realisasi is None and groups[0].persen is None
