"""Generated analysis: one wording per case, each case tested with figures made by hand.

Every summary here is built from a handful of invented figures; the expected numbers in the
sentences are worked out by hand in the comments.
"""

from __future__ import annotations

from decimal import Decimal as D

from lkj.figures.analysis import (
    WORDING,
    Case,
    attention,
    attention_items,
    budget_statements,
    efficiency_index,
    indicator_analysis,
    method,
    overview,
)
from lkj.figures.summary import Summary, compute, summarise
from lkj.inputs.project import Project
from lkj.inputs.unit import AnggaranTotal, Renstra, UnitInfo, UnitYear
from lkj.rules.budget import BudgetLine
from lkj.rules.cumulation import Realisation
from lkj.rules.indicators import (
    Indicator,
    Jenis,
    Kumulasi,
    Polaritas,
    Predikat,
    Skala,
    Target,
    Value,
)
from lkj.rules.periods import Period
from tests.conftest import REPO

INFO = UnitInfo(
    kode="UJI",
    nama="Unit Uji",
    singkatan="UU",
    renstra=Renstra(periode="2025-2029", visi="v", misi=["m"], tujuan=["t"]),
)


NKA = Skala("nka", ("Sangat Kurang", "Kurang", "Cukup", "Baik", "Sangat Baik"))


def ind(
    iku: int = 1,
    *,
    jenis: Jenis = Jenis.JUMLAH,
    kumulasi: Kumulasi = Kumulasi.JUMLAH,
    polaritas: Polaritas = Polaritas.NAIK,
    target: Target = D(400),
    quarters: tuple[Target, ...] | None = None,
    sasaran: int = 1,
    annual_only: bool = False,
    satuan: str | None = None,
) -> Indicator:
    if quarters is None and not annual_only:
        quarters = (
            (D(target) / 4,) * 4  # type: ignore[arg-type]
            if kumulasi is Kumulasi.JUMLAH and jenis is not Jenis.PREDIKAT
            else (target,) * 4
        )
    word = satuan if satuan is not None else ("Orang" if jenis is Jenis.JUMLAH else "")
    return Indicator(
        iku,
        sasaran,
        f"Indikator {iku}",
        jenis,
        polaritas,
        kumulasi,
        target,
        quarters,  # type: ignore[arg-type]
        satuan=word,
        skala=NKA if jenis is Jenis.PREDIKAT else None,
    )


def summary(
    indicators: list[Indicator],
    values: dict[int, list[Value | None]],
    quarter: int,
    *,
    lines: tuple[BudgetLine, ...] = (),
    spent: dict[int, dict[int, D]] | None = None,
    counts: dict[tuple[int, int], tuple[D, D]] | None = None,
    pagu: D = D(1000),
    realisasi: dict[int, D] | None = None,
) -> Summary:
    """A summary of invented data: ``values[iku]`` lists the realisations of quarters 1, 2, …"""
    reals = {}
    for iku, series in values.items():
        for q, v in enumerate(series, start=1):
            num, den = (counts or {}).get((iku, q), (None, None))
            reals[(iku, q)] = Realisation(iku, q, v, num, den)
    goals = sorted({i.sasaran for i in indicators})
    data = UnitYear(
        unit="uji",
        info=INFO,
        year=2025,
        sasaran={g: f"Sasaran {g}" for g in goals},
        indicators=tuple(indicators),
        realisations=reals,
        kegiatan=(),
        budget_lines=lines,
        budget_realisations=spent or {},
        anggaran=AnggaranTotal(pagu=pagu, realisasi=realisasi or {}),
    )
    return compute(data, Period(2025, quarter))


def one(indicator: Indicator, series: list[Value | None], quarter: int = 2, **kw: object):
    s = summary([indicator], {indicator.iku: series}, quarter, **kw)  # type: ignore[arg-type]
    return indicator_analysis(s, indicator.iku)


def test_every_case_has_exactly_one_wording() -> None:
    assert set(WORDING) == set(Case)
    assert all(text.strip() for text in WORDING.values())


def test_rising_count_indicator_behind_plan() -> None:
    # target 400, planned 100 a quarter; TW I 40, TW II 60
    a = one(ind(), [D(40), D(60)])
    assert a.cases == (Case.TREND_UP, Case.QUARTER_MISSED, Case.YTD_BELOW, Case.PLAN_BEHIND)
    # 60 - 40 = 20, 20 / 40 = 50%
    assert a.sentences[0] == (
        "Realisasi Triwulan II sebesar 60 orang, naik 20 orang (50,00%) "
        "dibandingkan Triwulan I (40 orang)."
    )
    # 60 / 100 = 60%
    assert a.sentences[1] == (
        "Target Triwulan II sebesar 100 orang tidak tercapai: realisasi "
        "60 orang atau 60,00% dari target triwulan."
    )
    # to date 100 = 25% of 400; short 300
    assert a.sentences[2] == (
        "Realisasi s.d. Triwulan II sebesar 100 orang atau 25,00% dari target tahunan 400 orang; "
        "masih kurang 300 orang untuk mencapai target tahunan."
    )
    # plan to date 200, 100 behind; at that ratio 100 / 200 x 400 = 200 = 50% of 400, short 200
    assert a.sentences[3] == (
        "Realisasi s.d. Triwulan II tertinggal 100 orang dari target s.d. Triwulan II menurut "
        "rencana triwulanan (200 orang); bila laju terhadap rencana ini bertahan, realisasi akhir "
        "tahun diproyeksikan 200 orang atau 50,00% dari target tahunan 400 orang: target tahunan "
        "diperkirakan tidak tercapai tanpa percepatan (kurang 200 orang)."
    )
    assert a.needs_attention and a.planned == 200
    assert a.projection is not None and a.projection.value == 200 and a.projection.pace is None


def test_without_a_usable_plan_the_pace_projects() -> None:
    # quarterly targets 100, 100, 100, 50 do not make the annual 400: no plan to judge against
    a = one(ind(quarters=(D(100), D(100), D(100), D(50))), [D(40), D(60)])
    assert a.cases[-1] is Case.PROJECTION_MISSED and a.planned is None
    # pace 100 / 2 = 50 a quarter; 50 x 4 = 200 = 50% of 400; short 200
    assert a.sentences[3] == (
        "Dengan laju rata-rata 50 orang per triwulan (100 orang dalam 2 triwulan), realisasi "
        "akhir tahun diproyeksikan 200 orang atau 50,00% dari target tahunan 400 orang: target "
        "tahunan diperkirakan tidak tercapai tanpa percepatan (kurang 200 orang)."
    )
    assert a.projection is not None and a.projection.pace == 50
    assert one(ind(quarters=(D(100), D(100), D(100), D(50))), [D(0), D(0)]).cases[-1] is (
        Case.PROJECTION_ZERO
    )


def test_falling_count_indicator() -> None:
    # TW I 80, TW II 50: down 30 = 37,5% of 80; to date 130 of planned 200 -> 260 = 65%
    a = one(ind(), [D(80), D(50)])
    assert a.cases[0] is Case.TREND_DOWN
    assert "turun 30 orang (37,50%) dibandingkan Triwulan I (80 orang)" in a.sentences[0]
    assert "tertinggal 70 orang dari target s.d. Triwulan II" in a.sentences[3]
    assert "diproyeksikan 260 orang atau 65,00%" in a.sentences[3]
    assert a.needs_attention


def test_ahead_of_plan() -> None:
    # target 400; TW I 90, TW II 120: to date 210 of planned 200, 10 ahead; 210 / 200 x 400 = 420
    a = one(ind(), [D(90), D(120)])
    assert a.cases[1:] == (Case.QUARTER_MET, Case.YTD_BELOW, Case.PLAN_AHEAD)
    assert "realisasi 120 orang atau 120,00% dari target triwulan" in a.sentences[1]
    assert a.sentences[3] == (
        "Realisasi s.d. Triwulan II melampaui target s.d. Triwulan II menurut rencana triwulanan "
        "(200 orang) sebesar 10 orang; bila laju terhadap rencana ini bertahan, realisasi akhir "
        "tahun diproyeksikan 420 orang atau 105,00% dari target tahunan 400 orang: target "
        "tahunan diperkirakan tercapai."
    )
    assert not a.needs_attention


def test_on_plan_with_the_whole_target_later() -> None:
    """An IKU whose plan puts all 40 in Triwulan III is on plan with nothing in Triwulan II."""
    later = ind(target=D(40), quarters=(D(0), D(0), D(40), D(0)))
    a = one(later, [D(0), D(0)])
    assert a.cases == (Case.TREND_ZERO, Case.PLAN_NOT_STARTED)
    assert a.sentences[1] == (
        "Menurut rencana triwulanan, belum ada target s.d. Triwulan II: seluruh target tahunan "
        "dijadwalkan pada Triwulan III (40 orang), sehingga belum adanya realisasi masih sesuai "
        "rencana."
    )
    assert not a.needs_attention and a.projection is None
    s = summary([later], {1: [D(0), D(0)]}, 2)
    assert attention(s) == [] and attention_items(s) == []
    assert "proyeksi" not in " ".join(overview(s))


def test_exactly_on_plan() -> None:
    # 25 a quarter of 100; 25 + 25 = 50 = planned
    a = one(ind(target=D(100)), [D(25), D(25)])
    assert a.cases[-1] is Case.PLAN_ON
    assert a.sentences[-1] == (
        "Realisasi s.d. Triwulan II sama dengan target s.d. Triwulan II menurut rencana "
        "triwulanan (50 orang); bila rencana Triwulan III (25 orang) dan Triwulan IV (25 orang) "
        "terpenuhi, target tahunan 100 orang tercapai."
    )
    assert not a.needs_attention


def test_zero_realisation_behind_plan() -> None:
    a = one(ind(), [D(0), D(0)])
    # "belum ada realisasi" once: the year to date adds nothing after the trend
    assert a.cases == (Case.TREND_ZERO, Case.QUARTER_NOTHING, Case.PLAN_BEHIND_NOTHING)
    assert a.sentences == [
        "Seperti pada Triwulan I, belum ada realisasi pada Triwulan II (0 orang).",
        "Target Triwulan II sebesar 100 orang tidak tercapai.",
        "Target s.d. Triwulan II menurut rencana triwulanan sebesar 200 orang belum terealisasi, "
        "sehingga seluruh target tahunan 400 orang harus direalisasikan dalam 2 triwulan "
        "tersisa.",
    ]
    assert a.needs_attention and a.projection is None
    s = summary([ind()], {1: [D(0), D(0)]}, 2)
    assert attention_items(s) == [
        "IKU 1 (Indikator 1): belum ada realisasi s.d. Triwulan II, sedangkan target s.d. "
        "Triwulan II menurut rencana triwulanan 200 orang."
    ]


def test_no_previous_quarter() -> None:
    a = one(ind(), [D(40)], quarter=1)
    assert a.cases == (Case.QUARTER_MISSED, Case.YTD_BELOW, Case.PLAN_BEHIND)  # no trend
    # 40 of planned 100: 40 / 100 x 400 = 160 = 40% of 400
    assert "diproyeksikan 160 orang atau 40,00%" in a.sentences[2]
    # said once, in the method, not for every IKU
    s = summary([ind(1), ind(2)], {1: [D(40)], 2: [D(50)]}, 1)
    first = (
        "Triwulan I adalah triwulan pertama tahun 2025, sehingga belum ada triwulan sebelumnya "
        "sebagai pembanding."
    )
    assert first in method(s)
    assert all(first not in indicator_analysis(s, n).sentences for n in (1, 2))


def test_previous_quarter_not_measurable() -> None:
    # a pooled ratio whose Triwulan I had no cases: no value to compare with
    ratio = ind(jenis=Jenis.PERSEN, kumulasi=Kumulasi.RASIO, target=D(100))
    a = one(ratio, [None, D(80)], counts={(1, 1): (D(0), D(0)), (1, 2): (D(8), D(10))})
    assert a.cases[0] is Case.TREND_MISSING
    assert a.sentences[0] == (
        "Realisasi Triwulan I tidak tersedia, sehingga Triwulan II tidak "
        "dapat dibandingkan dengan Triwulan I."
    )
    # pooled: 8 / 10 = 80% -> capaian 80 (the same figure: said once); a standing value
    assert a.cases[2:] == (Case.YTD_STANDING, Case.STANDING_HOLDS_MISSED)
    assert a.sentences[2] == (
        "Nilai s.d. Triwulan II, yaitu rasio gabungan seluruh triwulan, sebesar 80% terhadap "
        "target tahunan 100%."
    )


def test_unmeasurable_quarter_and_year() -> None:
    ratio = ind(jenis=Jenis.PERSEN, kumulasi=Kumulasi.RASIO, target=D(100))
    a = one(ratio, [None], quarter=1, counts={(1, 1): (D(0), D(0))})
    assert a.cases == (
        Case.QUARTER_UNMEASURED,
        Case.YTD_UNMEASURED,
        Case.NOT_PROJECTED_UNMEASURED,
    )
    assert a.needs_attention


def test_target_already_exceeded() -> None:
    # target 100 (25 a quarter); TW I 70, TW II 50: to date 120 = 120%; nothing to project
    a = one(ind(target=D(100)), [D(70), D(50)])
    assert a.cases == (Case.TREND_DOWN, Case.QUARTER_MET, Case.YTD_EXCEEDED)
    assert a.sentences[2] == (
        "Realisasi s.d. Triwulan II sebesar 120 orang atau 120,00% dari "
        "target tahunan 100 orang: target tahunan sudah terlampaui."
    )
    assert not a.needs_attention and a.projection is None


def test_target_met_exactly() -> None:
    a = one(ind(target=D(100)), [D(60), D(40)])
    assert a.cases[2] is Case.YTD_MET
    assert "100,00% dari target tahunan 100 orang: target tahunan sudah tercapai" in a.sentences[2]


def test_lower_is_better_falling_and_reached() -> None:
    # at most 100 a year (25 a quarter); TW I 30, TW II 20: judged at the pace, not the plan
    low = ind(polaritas=Polaritas.TURUN, target=D(100))
    a = one(low, [D(30), D(20)])
    assert a.cases == (
        Case.TREND_DOWN_LOWER_BETTER,
        Case.QUARTER_MET_LOWER_BETTER,
        Case.YTD_LOWER_BETTER,
        Case.PROJECTION_REACHED_LOWER_BETTER,
    )
    # down 10 = 33,33% of 30: an improvement
    assert "turun 10 orang (33,33%)" in a.sentences[0] and "kinerja membaik" in a.sentences[0]
    # 20 <= 25
    assert a.sentences[1] == (
        "Target Triwulan II tercapai: realisasi 20 orang tidak melebihi "
        "batas target triwulan 25 orang (nilai yang lebih rendah lebih "
        "baik)."
    )
    # to date 50: (2 x 100 - 50) / 100 = 150%
    assert "(2 x target - realisasi) / target = 150,00%" in a.sentences[2]
    # pace 25 -> 100, not above the limit of 100
    assert (
        "diproyeksikan 100 orang, tidak melebihi batas target tahunan 100 orang" in (a.sentences[3])
    )
    assert not a.needs_attention


def test_lower_is_better_rising_and_missed() -> None:
    low = ind(polaritas=Polaritas.TURUN, target=D(100))
    a = one(low, [D(20), D(40)])
    assert a.cases == (
        Case.TREND_UP_LOWER_BETTER,
        Case.QUARTER_MISSED_LOWER_BETTER,
        Case.YTD_LOWER_BETTER,
        Case.PROJECTION_MISSED_LOWER_BETTER,
    )
    assert "kinerja memburuk" in a.sentences[0]
    # to date 60, pace 30 -> 120 above 100
    assert "diproyeksikan 120 orang, melebihi batas target tahunan 100 orang" in a.sentences[3]
    assert a.needs_attention


def test_percentage_differences_in_points() -> None:
    share = ind(jenis=Jenis.PERSEN, target=D(70))  # 17,5% a quarter, summed
    a = one(share, [D("25.33"), D("13.33")])
    # 25,33 - 13,33 = 12 points; to date 38,66, short of 70 by 31,34 points
    assert "turun 12 poin persen" in a.sentences[0]
    assert "masih kurang 31,34 poin persen untuk mencapai target tahunan" in a.sentences[2]
    # planned 35: 3,66 points ahead; 38,66 / 35 x 70 = 77,32 = 110,46% of 70
    assert "sebesar 3,66 poin persen" in a.sentences[3]
    assert "diproyeksikan 77,32% atau 110,46% dari target tahunan 70%" in a.sentences[3]


def test_a_figure_is_not_repeated_in_other_words() -> None:
    # 80,77% of a target of 100% is 80,77%: "realisasi 80,77% atau 80,77%" says it twice
    hundred = ind(jenis=Jenis.PERSEN, kumulasi=Kumulasi.TERAKHIR, target=D(100))
    a = one(hundred, [D(80), D("80.77")])
    assert a.sentences[1] == "Target Triwulan II sebesar 100% tidak tercapai: realisasi 80,77%."
    assert a.sentences[2] == (
        "Nilai s.d. Triwulan II, yaitu nilai posisi (nilai triwulan terakhir), sebesar 80,77% "
        "terhadap target tahunan 100%."
    )
    summed = ind(jenis=Jenis.PERSEN, target=D(100))  # 25% a quarter of 100%
    b = one(summed, [D(25), D(25)])
    assert b.sentences[2] == (
        "Realisasi s.d. Triwulan II sebesar 50% dari target tahunan 100%; masih kurang "
        "50 poin persen untuk mencapai target tahunan."
    )


def test_projected_persons_are_whole() -> None:
    # 112 planned 0, 40, 40, 32; 21 by Triwulan II of 40 planned: 21 / 40 x 112 = 58,8 -> 59
    # persons (52,50% of 112), short 112 - 59 = 53
    a = one(ind(target=D(112), quarters=(D(0), D(40), D(40), D(32))), [D(0), D(21)])
    assert "diproyeksikan 59 orang atau 52,50% dari target tahunan 112 orang" in a.sentences[-1]
    assert "(kurang 53 orang)" in a.sentences[-1]


def test_score_is_not_projected() -> None:
    score = ind(jenis=Jenis.NILAI, kumulasi=Kumulasi.TERAKHIR, target=D(75))
    a = one(score, [D(70), D("82.5")])
    assert a.cases == (Case.TREND_UP, Case.QUARTER_MET, Case.YTD_STANDING, Case.STANDING_HOLDS_MET)
    assert "naik 12,5 poin dibandingkan Triwulan I (70)" in a.sentences[0]
    # 82,5 / 75 = 110%
    assert a.sentences[2] == (
        "Nilai s.d. Triwulan II, yaitu nilai posisi (nilai triwulan "
        "terakhir), sebesar 82,5 terhadap target tahunan 75 (capaian "
        "110,00%)."
    )
    assert (
        a.sentences[3] == "Bila bertahan hingga akhir tahun, nilai ini memenuhi target tahunan 75."
    )
    assert a.projection is None and not a.needs_attention


def test_score_held_below_target_needs_attention() -> None:
    score = ind(jenis=Jenis.NILAI, kumulasi=Kumulasi.TERAKHIR, target=D(75))
    a = one(score, [D(70), D(70)])
    assert a.cases[0] is Case.TREND_SAME and a.cases[3] is Case.STANDING_HOLDS_MISSED
    assert a.needs_attention


def test_mean_needs_more_than_possible() -> None:
    # mean target 100%; TW I 70, TW II 80: the rest need (4 x 100 - 150) / 2 = 125% > 100%
    mean = ind(jenis=Jenis.PERSEN, kumulasi=Kumulasi.RATA_RATA, target=D(100))
    a = one(mean, [D(70), D(80)])
    assert a.cases[-2:] == (Case.STANDING_HOLDS_MISSED, Case.MEAN_OUT_OF_REACH)
    assert a.sentences[-1] == (
        "Agar rata-rata tahunan mencapai target 100%, rata-rata "
        "Triwulan III s.d. IV harus sebesar 125%, melebihi 100%, sehingga "
        "target tahunan tidak mungkin tercapai."
    )


def test_mean_needed_within_reach() -> None:
    # target 80%; TW I 70, TW II 80, TW III 70: Triwulan IV needs 4 x 80 - 220 = 100%
    mean = ind(jenis=Jenis.PERSEN, kumulasi=Kumulasi.RATA_RATA, target=D(80))
    a = one(mean, [D(70), D(80), D(70)], quarter=3)
    assert a.cases[-1] is Case.MEAN_NEEDED
    assert a.sentences[-1] == (
        "Agar rata-rata tahunan mencapai target 80%, rata-rata Triwulan IV harus sebesar 100%."
    )


def test_predicate() -> None:
    pred = ind(jenis=Jenis.PREDIKAT, kumulasi=Kumulasi.TERAKHIR, target=Predikat("Baik"))
    a = one(pred, [Predikat("Cukup"), Predikat("Baik")])
    # not projected: said once, in the method
    assert a.cases == (
        Case.TREND_PREDIKAT_UP,
        Case.QUARTER_PREDIKAT_MET,
        Case.YTD_PREDIKAT_MET,
    )
    assert a.sentences[0] == "Predikat Triwulan II Baik, membaik dari Cukup pada Triwulan I."
    assert not a.needs_attention
    b = one(pred, [Predikat("Baik"), Predikat("Kurang")])
    assert b.cases == (
        Case.TREND_PREDIKAT_DOWN,
        Case.QUARTER_PREDIKAT_MISSED,
        Case.YTD_PREDIKAT_MISSED,
    )
    assert b.needs_attention
    assert one(pred, [Predikat("Baik"), Predikat("Baik")]).cases[0] is Case.TREND_PREDIKAT_SAME
    s = summary([pred], {1: [Predikat("Baik"), Predikat("Baik")]}, 2)
    assert "Indikator kualitatif (predikat) tidak diproyeksikan." in method(s)


def test_quarter_without_target() -> None:
    plan = ind(target=D(40), quarters=(D(0), D(0), D(40), D(0)))
    a = one(plan, [D(0), D(5)])
    assert a.cases[1:] == (Case.QUARTER_NO_TARGET, Case.YTD_BELOW, Case.PLAN_EARLY)
    assert a.sentences[1] == (
        "Rencana triwulanan tidak memuat target untuk Triwulan II; realisasinya 5 orang."
    )
    assert a.sentences[3] == (
        "Realisasi ini mendahului rencana triwulanan, yang menjadwalkan target tahunan 40 orang "
        "pada Triwulan III (40 orang)."
    )
    assert not a.needs_attention


def test_last_quarter_closes_the_year() -> None:
    a = one(ind(), [D(100), D(100), D(100), D(90)], quarter=4)
    # 390 / 400 = 97,5%
    assert a.cases[-1] is Case.FINAL_MISSED
    assert (
        "realisasi akhir tahun 390 orang (97,50% dari target tahunan 400 orang)"
        in (a.sentences[-1])
    )
    assert a.needs_attention
    assert one(ind(), [D(100)] * 4, quarter=4).cases[-1] is Case.FINAL_MET


def test_overview_and_attention() -> None:
    indicators = [
        ind(1),  # 400: TW I 90, TW II 120 -> ahead of plan, better
        ind(2),  # 400: TW I 80, TW II 50 -> behind plan, worse, attention
        ind(3, jenis=Jenis.NILAI, kumulasi=Kumulasi.TERAKHIR, target=D(75)),  # same, met
    ]
    s = summary(indicators, {1: [D(90), D(120)], 2: [D(80), D(50)], 3: [D(80), D(80)]}, 2)
    assert attention(s) == [2]
    # cumulative: 210/400 = 52,5; 130/400 = 32,5; 80/75 = 106,67 -> mean 191,67 / 3 = 63,89
    assert overview(s) == [
        "Rata-rata capaian kinerja s.d. Triwulan II 2025 sebesar 63,89% dari 3 IKU: 1 di atas "
        "100%, 0 tepat 100%, 2 di bawah 100%.",
        "Dibandingkan Triwulan I, kinerja 1 IKU membaik, 1 memburuk dan 1 tetap.",
        "Menurut perkiraan akhir tahun, 2 IKU sesuai rencana atau diperkirakan mencapai target "
        "tahunan; 1 IKU perlu perhatian karena diperkirakan tidak mencapai target tahunan: IKU 2.",
    ]
    # 130 / 200 x 400 = 260 = 65%
    assert attention_items(s) == [
        "IKU 2 (Indikator 2): capaian s.d. Triwulan II 32,50%, proyeksi akhir tahun 65,00% dari "
        "target tahunan."
    ]


def test_overview_all_on_track_in_first_quarter() -> None:
    s = summary([ind(1)], {1: [D(100)]}, 1)
    lines = overview(s)
    assert len(lines) == 2  # no trend in Triwulan I
    assert lines[1] == (
        "Menurut perkiraan akhir tahun, seluruh 1 IKU sesuai rencana atau diperkirakan mencapai "
        "target tahunan."
    )


def test_method_says_only_what_applies() -> None:
    s = summary([ind(1)], {1: [D(100), D(100)]}, 2)
    lines = method(s)
    assert lines[0].startswith("Setiap IKU berikut dilengkapi analisis otomatis")
    assert any("dinilai terhadap rencana triwulanan" in x for x in lines)
    assert not any("triwulan pertama" in x or "predikat" in x or "poin persen" in x for x in lines)
    standing = ind(2, jenis=Jenis.PERSEN, kumulasi=Kumulasi.RATA_RATA, target=D(90))
    s = summary([ind(1), standing], {1: [D(100), D(100)], 2: [D(90), D(90)]}, 2)
    assert any("diukur sebagai rata-rata triwulan tidak bertambah" in x for x in method(s))
    assert method(s)[-1] == "Selisih dua persentase dinyatakan dalam poin persen."


def test_efficiency_index() -> None:
    assert efficiency_index(D(50), D(25)) == 2
    assert efficiency_index(D(50), D(0)) is None
    assert efficiency_index(None, D(10)) is None


def test_budget_statements_per_goal() -> None:
    # one IKU per goal, target 100 (25 a quarter), Triwulan I only: capaian = realisation
    goals = {1: D(50), 2: D(25), 3: D(30), 4: D(0), 5: D(40), 6: D(0), 7: D(40)}
    indicators = [ind(g, target=D(100), sasaran=g) for g in goals]
    lines = tuple(BudgetLine(g, (g,), D(0) if g == 3 else D(1000)) for g in goals)
    spent = {1: {1: D(250), 2: D(500), 3: D(0), 4: D(0), 5: D(0), 6: D(100), 7: D(400)}}
    s = summary(
        indicators,
        {g: [v] for g, v in goals.items()},
        1,
        lines=lines,
        spent=spent,
        pagu=D(6000),
        realisasi={1: D(1250)},
    )
    out = budget_statements(s)
    assert out[0].startswith("Efisiensi diukur dengan indeks efisiensi = rata-rata capaian")
    # 250 / 1000 = 25%; 50 / 25 = 2
    assert out[1] == (
        "Sasaran Strategis 1: penyerapan anggaran 25,00% (Rp 250 dari pagu "
        "Rp 1.000) dengan rata-rata capaian kinerja 50,00%; indeks efisiensi "
        "2,00, capaian kinerja mendahului penyerapan anggaran."
    )
    # 500 / 1000 = 50%; 25 / 50 = 0,5
    assert "indeks efisiensi 0,50, capaian kinerja tertinggal" in out[2]
    assert out[3] == (
        "Sasaran Strategis 3 tidak memiliki pagu anggaran tersendiri; rata-rata "
        "capaian kinerjanya s.d. Triwulan I sebesar 30,00%."
    )
    assert out[4] == (
        "Sasaran Strategis 4: belum ada penyerapan anggaran (pagu Rp 1.000) "
        "maupun capaian kinerja s.d. Triwulan I."
    )
    assert "rata-rata capaian kinerja 40,00% dicapai tanpa penyerapan anggaran" in out[5]
    # 100 / 1000 = 10% spent, capaian 0
    assert "anggaran terserap 10,00% (Rp 100 dari pagu Rp 1.000), tetapi belum ada" in out[6]
    # 400 / 1000 = 40%, capaian 40: index 1
    assert "indeks efisiensi 1,00, capaian kinerja sejalan" in out[7]
    # total 1250 / 6000 = 20,83%; mean capaian (50+25+30+0+40+0+40)/7 = 26,43; 26,43/20,83 = 1,27
    assert out[8] == (
        "Secara keseluruhan, penyerapan anggaran s.d. Triwulan I sebesar 20,83% "
        "(Rp 1.250 dari pagu Rp 6.000) dengan rata-rata capaian kinerja 26,43% "
        "(indeks efisiensi 1,27)."
    )


def test_budget_not_reported() -> None:
    s = summary([ind(1, target=D(100))], {1: [D(10)]}, 1, lines=(BudgetLine(1, (1,), D(1000)),))
    out = budget_statements(s)
    assert out[1] == (
        "Realisasi anggaran Sasaran Strategis 1 s.d. Triwulan I belum dilaporkan "
        "(pagu Rp 1.000); rata-rata capaian kinerjanya sebesar 10,00%."
    )
    assert out[2].endswith("dengan rata-rata capaian kinerja 10,00%.")


def test_shipped_data_attention_and_projection() -> None:
    s = summarise("2025-Q2", project=Project.at(REPO))
    # IKU 2: mean 78,26 < 100 held; IKU 5: nothing of the 20 planned; IKU 6: 21 of 40 planned;
    # IKU 9: 619 of 1.000 planned. IKU 4 is on plan (all 40 in Triwulan III); IKU 1: 38,66 of
    # 35; IKU 7: 14.520 of 13.934; IKU 8: 50 of 50; IKU 10 already above; 3, 11, 12, 13 held.
    assert attention(s) == [2, 5, 6, 9]
    four = indicator_analysis(s, 4)
    assert not four.needs_attention and four.cases[-1] is Case.PLAN_NOT_STARTED
    nine = indicator_analysis(s, 9)
    # 619 / 1.000 x 2.000 = 1.238 = 61,90%
    assert nine.projection is not None and nine.projection.value == D(1238)
    assert "tertinggal 381 orang dari target s.d. Triwulan II" in nine.sentences[3]
    assert "1.238 orang atau 61,90% dari target tahunan 2.000 orang" in nine.sentences[3]
    # IKU 2: Triwulan III-IV need (4 x 100 - 75,75 - 80,769...) / 2 = 121,74%
    assert "harus sebesar 121,74%, melebihi 100%" in indicator_analysis(s, 2).sentences[-1]
    items = " ".join(attention_items(s))
    assert "IKU 4" not in items and "proyeksi akhir tahun 0,00%" not in items
    # Triwulan I: IKU 4, 5 and 6 have no target yet; 9 and 10 are behind plan
    assert attention(summarise("2025-Q1", project=Project.at(REPO))) == [2, 9, 10]
