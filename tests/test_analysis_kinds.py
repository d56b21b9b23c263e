"""Generated analysis for the kinds of any unit: annual targets only, the year's end, values
not measured, a target of 0, ranges, counts in their own unit word. Figures made by hand."""

from __future__ import annotations

from decimal import Decimal as D

from lkj.figures.analysis import Attention, Case, attention_note, overview
from lkj.rules.indicators import Jenis, Kumulasi, Polaritas, Rentang
from tests.test_analysis import ind, one, summary


def test_annual_target_only_makes_no_quarterly_judgement() -> None:
    # 12 dokumen a year, no quarterly targets; TW I 2, TW II 4
    docs = ind(target=D(12), satuan="dokumen", annual_only=True)
    a = one(docs, [D(2), D(4)])
    assert a.cases == (Case.TREND_UP, Case.YTD_BELOW, Case.PROJECTION_REACHED)
    # 4 - 2 = 2 dokumen, 2 / 2 = 100%: a count in its own word, not "poin"
    assert a.sentences[0] == (
        "Realisasi Triwulan II sebesar 4 dokumen, naik 2 dokumen (100,00%) dibandingkan "
        "Triwulan I (2 dokumen)."
    )
    # 6 of 12 = 50%; 6 short; no "rencana triwulanan"
    assert a.sentences[1] == (
        "Realisasi s.d. Triwulan II sebesar 6 dokumen atau 50,00% dari target tahunan "
        "12 dokumen; masih kurang 6 dokumen untuk mencapai target tahunan."
    )
    # pace 6 / 2 = 3 a quarter, 12 at the year's end = 100%
    assert "diproyeksikan 12 dokumen atau 100,00% dari target tahunan" in a.sentences[2]


def test_year_end_of_a_standing_value_is_its_result_not_a_hope() -> None:
    score = ind(jenis=Jenis.NILAI, kumulasi=Kumulasi.TERAKHIR, target=D(75))
    a = one(score, [D(70), D(72), D(74), D(73)], quarter=4)
    # 73 / 75 = 97,33%: the year closes below target; no "bila bertahan hingga akhir tahun"
    assert a.cases[-1] is Case.FINAL_MISSED and a.attention is Attention.MISSED
    assert "bertahan" not in " ".join(a.sentences)
    assert attention_note(score.iku, a.attention) == (
        "Perlu perhatian: target tahunan IKU 1 tidak tercapai."
    )


def test_unmeasured_is_never_a_projected_miss() -> None:
    share = ind(jenis=Jenis.PERSEN, kumulasi=Kumulasi.RATA_RATA, target=D(90))
    a = one(share, [None, None])
    assert a.cases[-1] is Case.NOT_PROJECTED_UNMEASURED and a.attention is Attention.UNMEASURED
    assert "diperkirakan" not in " ".join(a.sentences)
    assert attention_note(share.iku, a.attention) == (
        "Perlu perhatian: capaian IKU 1 belum dapat diukur."
    )
    s = summary([share, ind(2, target=D(400))], {1: [None, None], 2: [D(100), D(100)]}, 2)
    lines = overview(s)
    # IKU 2: 200 of 400, projected 400: on track; IKU 1 cannot be measured: said so, apart
    assert (
        lines[-2] == "Menurut perkiraan akhir tahun, seluruh 1 IKU sesuai rencana atau "
        "diperkirakan mencapai target tahunan."
    )
    assert lines[-1] == "Capaian IKU 1 belum dapat diukur."


def test_a_quarter_not_measured_is_said_and_not_counted() -> None:
    # sum: 40 in TW I, TW II not measured, 20 in TW III: 60 of 400 to date
    a = one(ind(), [D(40), None, D(20)], quarter=3)
    assert Case.YTD_SKIPPED_QUARTERS in a.cases
    assert "Triwulan II belum memiliki realisasi (belum diukur) dan tidak dihitung sebagai 0." in (
        a.sentences
    )
    assert "Realisasi s.d. Triwulan III sebesar 60 orang atau 15,00%" in " ".join(a.sentences)
    assert a.cases[0] is Case.QUARTER_MISSED  # no trend against a quarter not measured


def test_zero_target_higher_is_better_is_neither_met_nor_missed() -> None:
    area = ind(jenis=Jenis.UKURAN, satuan="Ha", target=D(0), annual_only=True)
    a = one(area, [D(0)], quarter=1)
    assert a.cases[-2:] == (Case.YTD_ZERO_TARGET, Case.NOT_PROJECTED_ZERO_TARGET)
    assert a.sentences[-2] == (
        "Realisasi s.d. Triwulan I sebesar 0 Ha terhadap target tahunan 0 Ha: dengan target 0, "
        "capaian tidak dapat dihitung (tidak terukur)."
    )
    assert not a.needs_attention


def test_zero_target_lower_is_better() -> None:
    cases = ind(polaritas=Polaritas.TURUN, kumulasi=Kumulasi.JUMLAH, target=D(0), annual_only=True)
    a = one(cases, [D(0), D(0)])
    # none at all, against a ceiling of 0: 100%
    assert Case.YTD_LOWER_BETTER_ZERO in a.cases
    assert "capaian 100,00% (100% hanya bila realisasinya 0)" in " ".join(a.sentences)
    assert not a.needs_attention
    b = one(cases, [D(0), D(1)])
    assert "capaian 0,00%" in " ".join(b.sentences) and b.needs_attention


def test_range_target() -> None:
    inflasi = ind(
        jenis=Jenis.PERSEN,
        polaritas=Polaritas.RENTANG,
        kumulasi=Kumulasi.TERAKHIR,
        target=Rentang(D(2), D(4)),
    )
    a = one(inflasi, [D(3), D("4.5")])
    # TW II 4,5 outside [2, 4]; to date (2 x 4 - 4,5) / 4 = 87,5%
    assert Case.QUARTER_MISSED_RANGE in a.cases
    assert a.sentences[1] == (
        "Target Triwulan II tidak tercapai: realisasi 4,5% berada di luar rentang target "
        "triwulan 2\u20134%."
    )
    assert "capaian 87,50% (100% di dalam rentang)" in a.sentences[2]
    assert one(inflasi, [D(3), D("3.5")]).cases[1] is Case.QUARTER_MET_RANGE
