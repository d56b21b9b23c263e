"""Calculation rules, each checked against values worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from lkj.errors import PeriodError
from lkj.rules.achievement import (
    Kelas,
    TidakTerukur,
    capaian,
    classify,
    is_capped,
    meets,
    overall,
    unmeasurable,
)
from lkj.rules.budget import BudgetLine, absorption, group_by_goal
from lkj.rules.cumulation import Realisation, realisation_to_date, unmeasured_quarters
from lkj.rules.decimals import round2
from lkj.rules.indicators import (
    Indicator,
    Jenis,
    Kumulasi,
    Polaritas,
    Predikat,
    Rentang,
    Skala,
    Target,
    Value,
    add_targets,
)
from lkj.rules.mou import MoU
from lkj.rules.periods import Period, quarter_label, quarter_short_label, roman

NKA = Skala("nka", ("Sangat Kurang", "Kurang", "Cukup", "Baik", "Sangat Baik"))
SAKIP = Skala("sakip", ("D", "C", "CC", "B", "BB", "A", "AA"))
OPINI = Skala("opini", ("TW", "TMP", "WDP", "WTP"))


def ind(
    jenis: Jenis = Jenis.JUMLAH,
    kumulasi: Kumulasi = Kumulasi.JUMLAH,
    polaritas: Polaritas = Polaritas.NAIK,
    target: Target = D(100),
    skala: Skala | None = None,
) -> Indicator:
    quarterly = (target / 4,) * 4 if isinstance(target, D) else (target,) * 4
    return Indicator(
        1,
        1,
        "x",
        jenis,
        polaritas,
        kumulasi,
        target,
        quarterly,
        skala=skala,  # type: ignore[arg-type]
    )


def quarters(*values: Value | None) -> list[Realisation]:
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
    assert Polaritas.RENTANG.label == "nilai di dalam rentang target paling baik"
    assert Jenis.RUPIAH.label == "Rupiah" and Jenis.PERSEN.label == "Persen"
    assert Kelas.DI_BAWAH.label == "di bawah 100%"
    assert all(k.label for k in (*Kumulasi, *Polaritas, *Jenis, *Kelas))


@pytest.mark.parametrize("text", ["2025-Q5", "2025-Q0", "202", "Q2-2025", "2025-T2"])
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


def test_lower_is_better_never_below_zero() -> None:
    turun = ind(polaritas=Polaritas.TURUN)
    # target 18, realisation 40: (36 - 40) / 18 = -22,2...% -> 0
    assert capaian(turun, D(40), D(18)) == D(0)


def test_lower_is_better_stated_formula_of_cianjur() -> None:
    # TPST: target 18, realisation 25: (18 - (25 - 18)) / 18 = 11/18 = 61,11%
    turun = ind(Jenis.PERSEN, Kumulasi.TERAKHIR, Polaritas.TURUN, D(18))
    assert round2(capaian(turun, D(25), D(18))) == D("61.11")


def test_lower_is_better_with_target_zero() -> None:
    turun = ind(polaritas=Polaritas.TURUN, target=D(0))
    assert capaian(turun, D(0), D(0)) == D(100)  # none, as agreed
    assert capaian(turun, D(3), D(0)) == D(0)  # any at all misses a ceiling of 0
    assert unmeasurable(turun, D(3), D(0)) is None


def test_higher_is_better_with_target_zero_is_not_measurable() -> None:
    naik = ind(Jenis.UKURAN, target=D(0))
    assert capaian(naik, D(0), D(0)) is None
    assert capaian(naik, D(2), D(0)) is None
    assert unmeasurable(naik, D(0), D(0)) is TidakTerukur.TARGET_NOL
    assert unmeasurable(naik, None, D(0)) is TidakTerukur.BELUM_DIUKUR


def test_range_target() -> None:
    rentang = ind(Jenis.PERSEN, Kumulasi.TERAKHIR, Polaritas.RENTANG, Rentang(D(80), D(90)))
    target = Rentang(D(80), D(90))
    assert capaian(rentang, D(80), target) == D(100)  # ends included
    assert capaian(rentang, D(85), target) == D(100)
    assert capaian(rentang, D(90), target) == D(100)
    # below: R / L = 60 / 80 = 75%
    assert capaian(rentang, D(60), target) == D(75)
    # above: (2U - R) / U = (180 - 99) / 90 = 90%
    assert capaian(rentang, D(99), target) == D(90)
    # far above: (180 - 200) / 90 < 0 -> 0
    assert capaian(rentang, D(200), target) == D(0)


def test_predicate_met_scores_100_and_missed_0() -> None:
    pred = ind(Jenis.PREDIKAT, Kumulasi.TERAKHIR, target=Predikat("Baik"), skala=NKA)
    assert capaian(pred, Predikat("Baik"), Predikat("Baik")) == D(100)
    assert capaian(pred, Predikat("Sangat Baik"), Predikat("Baik")) == D(100)
    assert capaian(pred, Predikat("Cukup"), Predikat("Baik")) == D(0)


def test_predicate_on_the_units_own_scale() -> None:
    opini = ind(Jenis.PREDIKAT, Kumulasi.TERAKHIR, target=Predikat("WTP"), skala=OPINI)
    assert capaian(opini, Predikat("WTP"), Predikat("WTP")) == D(100)
    assert capaian(opini, Predikat("WDP"), Predikat("WTP")) == D(0)
    sakip = ind(Jenis.PREDIKAT, Kumulasi.TERAKHIR, target=Predikat("B"), skala=SAKIP)
    # a score on the realisation only: the words decide, BB is above B
    assert capaian(sakip, Predikat("BB", D("73.5")), Predikat("B")) == D(100)
    assert meets(sakip, Predikat("CC", D("55")), Predikat("B")) is False


def test_predicate_with_scores_on_both_sides() -> None:
    sakip = ind(Jenis.PREDIKAT, Kumulasi.TERAKHIR, target=Predikat("BB", D(70)), skala=SAKIP)
    # 73,5 / 70 = 105%
    assert capaian(sakip, Predikat("BB", D("73.5")), Predikat("BB", D(70))) == D(105)


def test_cap_on_an_individual_capaian() -> None:
    i = ind()
    # 6.594 of 5.000 = 131,88% -> capped at 120
    assert capaian(i, D(6594), D(5000), batas=D(120)) == D(120)
    assert is_capped(i, D(6594), D(5000), D(120))
    # below the cap: untouched
    assert capaian(i, D(4000), D(5000), batas=D(120)) == D(80)
    assert not is_capped(i, D(4000), D(5000), D(120))
    assert capaian(i, D(6594), D(5000)) == D("131.88")


def test_money_count_duration_and_ratio_use_r_over_t() -> None:
    # retribusi: 555.760.000 / 549.481.005 = 101,1427...% -> 101,14
    money = ind(Jenis.RUPIAH, Kumulasi.JUMLAH)
    assert round2(capaian(money, D(555760000), D(549481005))) == D("101.14")
    # 133.245.000 / 52.809.142,50 = 252,3140...% -> 252,31
    assert round2(capaian(money, D(133245000), D("52809142.50"))) == D("252.31")
    # 25.760.000 / 48.000.000 = 53,666...% -> 53,67
    assert round2(capaian(money, D(25760000), D(48000000))) == D("53.67")
    # lower is better for a duration: target 5 hari, realisation 4 -> (10 - 4) / 5 = 120%
    days = ind(Jenis.DURASI, Kumulasi.RATA_RATA, Polaritas.TURUN, D(5))
    assert capaian(days, D(4), D(5)) == D(120)
    ratio = ind(Jenis.RASIO, Kumulasi.TERAKHIR)
    # 11 of 13 kecamatan = 84,615...% -> 84,62
    assert round2(capaian(ratio, D(11), D(13))) == D("84.62")


def test_no_realisation_is_not_measurable() -> None:
    assert capaian(ind(), None, D(10)) is None
    assert unmeasurable(ind(), None, D(10)) is TidakTerukur.BELUM_DIUKUR


# --- cumulation ----------------------------------------------------------------------------


def test_sum_of_quarters() -> None:
    # IKU 7: 7.110 + 7.410 = 14.520 of 27.868 -> 52.1027 -> 52.10
    i = ind(target=D(27868))
    total = realisation_to_date(i, quarters(D(7110), D(7410)))
    assert total == D(14520)
    assert round2(capaian(i, total, D(27868))) == D("52.10")


def test_last_value() -> None:
    i = ind(Jenis.NILAI, Kumulasi.TERAKHIR, target=D(75))
    assert realisation_to_date(i, quarters(D("60"), D("91.5"))) == D("91.5")


def test_mean_of_quarters() -> None:
    i = ind(Jenis.PERSEN, Kumulasi.RATA_RATA, target=D(100))
    # (75.75 + 80.76) / 2 = 78.255 -> 78.26 (half up)
    mean = realisation_to_date(i, quarters(D("75.75"), D("80.76")))
    assert mean == D("78.255")
    assert round2(capaian(i, mean, D(100))) == D("78.26")


def test_pooled_ratio_of_counts() -> None:
    i = ind(Jenis.PERSEN, Kumulasi.RASIO, target=D(100))
    qs = [Realisation(1, 1, D(50), D(1), D(2)), Realisation(1, 2, D(100), D(3), D(3))]
    # (1 + 3) / (2 + 3) = 80%, not the mean of 50% and 100% (75%)
    assert realisation_to_date(i, qs) == D(80)


def test_pooled_ratio_without_cases_is_not_measurable() -> None:
    i = ind(Jenis.PERSEN, Kumulasi.RASIO, target=D(100))
    assert realisation_to_date(i, [Realisation(1, 1, None, D(0), D(0))]) is None


def test_pooled_ratio_skips_a_quarter_not_measured() -> None:
    i = ind(Jenis.PERSEN, Kumulasi.RASIO, target=D(100))
    qs = [Realisation(1, 1, None), Realisation(1, 2, D(75), D(3), D(4))]
    assert realisation_to_date(i, qs) == D(75)
    # a value without its counts cannot be pooled
    assert realisation_to_date(i, [Realisation(1, 1, D(50)), *qs[1:]]) is None


def test_not_measured_is_never_zero() -> None:
    # sum: 40 + (not measured) + 20 = 60, not a zero in between
    total = ind()
    assert realisation_to_date(total, quarters(D(40), None, D(20))) == D(60)
    # mean of the measured quarters: (40 + 20) / 2 = 30, not (40 + 0 + 20) / 3 = 20
    mean = ind(Jenis.PERSEN, Kumulasi.RATA_RATA)
    assert realisation_to_date(mean, quarters(D(40), None, D(20))) == D(30)
    # last value: the latest measured one
    last = ind(Jenis.NILAI, Kumulasi.TERAKHIR)
    assert realisation_to_date(last, quarters(D(70), D(75), None)) == D(75)
    # nothing measured at all: no year to date, so no capaian
    assert realisation_to_date(total, quarters(None, None)) is None
    assert unmeasured_quarters(quarters(D(40), None, D(20), None)) == [2, 4]
    # a real zero stays a zero
    assert realisation_to_date(total, quarters(D(0), D(0))) == D(0)


def test_target_to_date() -> None:
    i = Indicator(
        1,
        1,
        "x",
        Jenis.JUMLAH,
        Polaritas.NAIK,
        Kumulasi.JUMLAH,
        D(112),
        (D(0), D(40), D(40), D(32)),
        satuan="orang",
    )
    assert i.target_to_date(2) == D(40)
    assert i.target_to_date(4) == D(112)


def test_annual_target_only() -> None:
    i = Indicator(1, 1, "x", Jenis.JUMLAH, Polaritas.NAIK, Kumulasi.JUMLAH, D(12), satuan="dok")
    assert not i.has_quarterly_targets
    assert i.quarter_target(2) is None and i.target_to_date(2) is None


def test_range_targets_add_end_by_end() -> None:
    parts = (Rentang(D(10), D(20)), Rentang(D(5), D(5)))
    assert add_targets(parts) == Rentang(D(15), D(25))
    assert add_targets((D(1), D("2.5"))) == D("3.5")


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
