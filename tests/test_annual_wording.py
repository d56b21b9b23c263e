"""The generated sentences of an annual report speak of the year, as an analyst writes an
annual LKj: ``realisasi tahun 2025``, never ``s.d. Triwulan IV``; no quarter against the
previous one, no projection, no "masih kurang" for a year that is over; a quarter only where
one is really meant (a quarter missing from the year's sum); and ``{{ iku[n].realisasi }}``,
``{{ iku[n].capaian }}`` and the prose check give and compare the year's figures.

The fixture is five invented IKU of 2025, every figure worked by hand below.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from lkj.audit.prose import check_text
from lkj.figures import analysis
from lkj.figures.placeholders import context, expand
from lkj.figures.summary import Summary, compute
from lkj.rules.indicators import Jenis, Kumulasi, Polaritas
from lkj.rules.periods import Period
from tests.test_analysis import ind, summary


def _data() -> Summary:
    """Triwulan IV of the invented year (its ``data`` serve the year too)."""
    return summary(
        [
            # orang, summed: 100 + 120 + 80 + 50 = 350 of 400 = 87,50%, 50 short
            ind(1, target=D(400)),
            # a mean of percentages: (70 + 80 + 90 + 100) / 4 = 85 of 80 = 106,25%
            ind(2, jenis=Jenis.PERSEN, kumulasi=Kumulasi.RATA_RATA, target=D(80)),
            # documents reported once a year (Triwulan IV only): 15 of 12 = 125,00%, 3 over
            ind(3, target=D(12), satuan="Dokumen", annual_only=True),
            # lower is better, the last value: 8 against 10, (2 x 10 - 8) / 10 = 120,00%
            ind(
                4,
                jenis=Jenis.PERSEN,
                polaritas=Polaritas.TURUN,
                kumulasi=Kumulasi.TERAKHIR,
                target=D(10),
                sasaran=2,
            ),
            # summed, Triwulan II not measured: 30 + 30 + 40 = 100 of 100 = 100,00%
            ind(5, target=D(100), sasaran=2),
        ],
        {
            1: [D(100), D(120), D(80), D(50)],
            2: [D(70), D(80), D(90), D(100)],
            3: [None, None, None, D(15)],
            4: [D(12), D(11), D(9), D(8)],
            5: [D(30), None, D(30), D(40)],
        },
        4,
        realisasi={4: D(950)},
    )


@pytest.fixture(scope="module")
def year() -> Summary:
    return compute(_data().data, Period.year_of(2025))


@pytest.fixture(scope="module")
def quarter_iv() -> Summary:
    return _data()


def test_each_iku_of_a_year(year: Summary) -> None:
    said = {r.iku: analysis.indicator_analysis(year, r.iku).sentences for r in year.indicators}
    assert said[1] == [
        "Realisasi tahun 2025 sebesar 350 orang atau 87,50% dari target 400 orang, kurang "
        "50 orang dari target."
    ]
    assert said[2] == [
        "Realisasi tahun 2025, yaitu rata-rata triwulan, sebesar 85% terhadap target 80% "
        "(capaian 106,25%).",
        "Target tahun 2025 tercapai.",
    ]
    # reported once a year: Triwulan I-III are not named as missing
    assert said[3] == [
        "Realisasi tahun 2025 sebesar 15 dokumen atau 125,00% dari target 12 dokumen, "
        "melampaui target sebesar 3 dokumen.",
        "Target tahun 2025 tercapai.",
    ]
    assert said[4] == [
        "Realisasi tahun 2025 sebesar 8% terhadap batas target 10%; karena nilai yang lebih "
        "rendah lebih baik, capaian dihitung sebagai (2 x target - realisasi) / target = "
        "120,00%.",
        "Target tahun 2025 tercapai.",
    ]
    # a quarter really missing from the year's sum is named, and only then
    assert said[5] == [
        "Realisasi tahun 2025 sebesar 100 orang, tepat sebesar targetnya.",
        "Triwulan II belum memiliki realisasi (belum diukur) dan tidak dihitung sebagai 0.",
        "Target tahun 2025 tercapai.",
    ]


def test_the_flag_and_the_overview_of_a_year(year: Summary) -> None:
    missed = analysis.indicator_analysis(year, 1)
    assert missed.attention is analysis.Attention.MISSED
    assert analysis.attention_note(1, missed.attention, year.period) == (
        "Perlu perhatian: target tahun 2025 IKU 1 tidak tercapai."
    )
    # (87,50 + 106,25 + 125 + 120 + 100) / 5 = 538,75 / 5 = 107,75%
    assert analysis.overview(year) == [
        "Rata-rata capaian kinerja tahun 2025 sebesar 107,75% dari 5 IKU: 3 di atas 100%, "
        "1 tepat 100%, 1 di bawah 100%.",
        "Sebanyak 4 IKU mencapai target tahun 2025 dan 1 IKU tidak mencapainya: IKU 1.",
    ]
    assert analysis.attention_items(year) == [
        "IKU 1 (Indikator 1): capaian tahun 2025 sebesar 87,50%."
    ]
    assert analysis.method(year) == [
        "Setiap IKU berikut dilengkapi analisis otomatis yang dihasilkan dari angka: realisasi "
        "tahun 2025 dibandingkan dengan target tahun 2025, dan apakah target itu tercapai.",
        "Selisih dua persentase dinyatakan dalam poin persen.",
    ]
    # 950 / 1.000 = 95,00%; 107,75 / 95 = 1,134... = 1,13
    assert analysis.budget_statements(year)[-1] == (
        "Secara keseluruhan, penyerapan anggaran tahun 2025 sebesar 95,00% (Rp 950 dari pagu "
        "Rp 1.000) dengan rata-rata capaian kinerja 107,75% (indeks efisiensi 1,13)."
    )


def test_no_quarter_vocabulary_in_a_year(year: Summary) -> None:
    texts = analysis.method(year) + analysis.overview(year) + analysis.attention_items(year)
    texts += analysis.budget_statements(year)
    for r in year.indicators:
        texts += analysis.indicator_analysis(year, r.iku).sentences
    joined = " ".join(texts)
    for word in ("s.d.", "Triwulan IV", "akhir tahun", "diproyeksikan", "masih kurang"):
        assert word not in joined, word
    # the one quarter named is the one missing from IKU 5's sum
    assert joined.count("Triwulan") == 1


def test_triwulan_iv_of_a_quarterly_report_keeps_its_wording(quarter_iv: Summary) -> None:
    """The same data as a quarterly report of Triwulan IV: the quarter's words stay."""
    said = analysis.indicator_analysis(quarter_iv, 1).sentences
    # 50 - 80 = -30, 30 / 80 = 37,50%
    assert said[0] == (
        "Realisasi Triwulan IV sebesar 50 orang, turun 30 orang (37,50%) dibandingkan "
        "Triwulan III (80 orang)."
    )
    assert any(s.startswith("Realisasi s.d. Triwulan IV sebesar 350 orang") for s in said)


def test_placeholders_of_a_year_are_the_years_figures(year: Summary, quarter_iv: Summary) -> None:
    text = (
        "{{ iku[1].realisasi }} / {{ iku[1].capaian }} / {{ iku[1].realisasi_tw[4] }} / "
        "{{ iku[2].realisasi }} / {{ iku[2].capaian }}\n"
    )
    # the year: 350 orang, 87,50%; Triwulan IV alone: 50 orang; the mean 85% = 106,25%
    assert expand(text, context(year), "f.md") == (
        "350 orang / 87,50% / 50 orang / 85% / 106,25%\n"
    )
    # a quarter: Triwulan IV's own, 50 of 400 = 12,50%; 100 of 80 = 125,00%
    assert expand(text, context(quarter_iv), "f.md") == (
        "50 orang / 12,50% / 50 orang / 100% / 125,00%\n"
    )


def test_the_prose_of_a_year_is_checked_against_the_year(year: Summary) -> None:
    checked, found = check_text(year, "Realisasi IKU 1 sebesar 350 orang.\n", "f.md", 1)
    assert checked == 1 and found == []
    # Triwulan IV's 50 orang is not the year's figure
    checked, found = check_text(year, "Realisasi IKU 1 sebesar 50 orang.\n", "f.md", 1)
    (finding,) = found
    assert finding.what == "realisasi tahun 2025" and finding.computed == "350 orang"
    # a capaian against the year's: 87,50%, not Triwulan IV's 12,50%
    checked, found = check_text(year, "Capaian IKU 1 sebesar 12,50%.\n", "f.md", 1)
    (finding,) = found
    assert finding.what == "capaian tahun 2025" and finding.computed == "87,50%"
    # a quarter named is that quarter's own
    checked, found = check_text(year, "Realisasi Triwulan IV sebesar 50 orang.\n", "f.md", 1)
    assert checked == 1 and found == []
