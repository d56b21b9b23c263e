"""The generated analysis reads well: checked on the shipped quarters and on a small synthetic
unit (every text lkj generates: the method, each IKU, the flags, the overview and its list, the
budget statements).

- a difference of two percentages is in poin persen, never ``kurang 31,34%``;
- unit words are lower case in running text (``7.410 orang``);
- no figure is followed by itself in other words (``80,77% atau 80,77%``);
- no sentence is said for every IKU (the first quarter's "no previous quarter" is said once);
- an IKU on its quarterly plan is not flagged, and no projection of 0,00% is stated.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal as D

import pytest

from lkj.figures import analysis
from lkj.figures.summary import Summary, summarise
from lkj.inputs.project import Project
from lkj.rules.indicators import Jenis, Kumulasi, Polaritas, Predikat, Rentang
from tests.conftest import REPO
from tests.test_analysis import ind, summary


def synthetic() -> Summary:
    """Eight IKU of many kinds in Triwulan II: one with its whole target planned for Triwulan IV
    and nothing yet, one behind, a share of 100%, a mean, a score, a predicate, documents with
    an annual target only, and a range."""
    return summary(
        [
            ind(1, target=D(30), quarters=(D(0), D(0), D(0), D(30))),
            ind(2, target=D(400)),
            ind(3, jenis=Jenis.PERSEN, target=D(100)),
            ind(4, jenis=Jenis.PERSEN, kumulasi=Kumulasi.RATA_RATA, target=D(100)),
            ind(5, jenis=Jenis.NILAI, kumulasi=Kumulasi.TERAKHIR, target=D(75)),
            ind(6, jenis=Jenis.PREDIKAT, kumulasi=Kumulasi.TERAKHIR, target=Predikat("Baik")),
            ind(7, target=D(12), satuan="Dokumen", annual_only=True),
            ind(
                8,
                jenis=Jenis.PERSEN,
                polaritas=Polaritas.RENTANG,
                kumulasi=Kumulasi.TERAKHIR,
                target=Rentang(D(2), D(4)),
            ),
        ],
        {
            1: [D(0), D(0)],
            2: [D(40), D(60)],
            3: [D(25), D(25)],
            4: [D(100), D(100)],
            5: [D(75), D(75)],
            6: [Predikat("Baik"), Predikat("Baik")],
            7: [D(2), D(1)],
            8: [D(3), D("4.5")],
        },
        2,
    )


SUMMARIES = {
    "2025-Q1": lambda: summarise("2025-Q1", project=Project.at(REPO)),
    "2025-Q2": lambda: summarise("2025-Q2", project=Project.at(REPO)),
    "synthetic": synthetic,
}


def texts(s: Summary) -> list[str]:
    out = list(analysis.method(s))
    for r in s.indicators:
        a = analysis.indicator_analysis(s, r.iku)
        out += a.sentences
        if a.needs_attention:
            out.append(analysis.attention_note(r.iku))
    return out + analysis.overview(s) + analysis.attention_items(s) + analysis.budget_statements(s)


@pytest.fixture(params=list(SUMMARIES), scope="module")
def generated(request: pytest.FixtureRequest) -> tuple[Summary, list[str]]:
    s = SUMMARIES[request.param]()
    return s, texts(s)


NUMBER = r"\d[\d.]*(?:,\d+)?"


def test_percentage_differences_are_points(generated: tuple[Summary, list[str]]) -> None:
    _, out = generated
    wrong = [t for t in out if re.search(rf"\b(?:kurang|naik|turun|tertinggal) {NUMBER}%", t)]
    assert wrong == []


def test_units_are_lower_case_in_running_text(generated: tuple[Summary, list[str]]) -> None:
    _, out = generated
    assert [t for t in out if re.search(r"\d Orang\b", t)] == []


def test_no_figure_followed_by_itself(generated: tuple[Summary, list[str]]) -> None:
    _, out = generated
    for text in out:
        for a, b in re.findall(rf"({NUMBER})%? atau ({NUMBER})%", text):
            value = D(a.replace(".", "").replace(",", "."))
            assert value != D(b.replace(".", "").replace(",", ".")), text
        assert not re.search(r"(\S+) atau \1\b", text), text


def test_no_sentence_said_for_every_iku(generated: tuple[Summary, list[str]]) -> None:
    s, _ = generated
    per_iku = Counter(
        sentence
        for r in s.indicators
        for sentence in set(analysis.indicator_analysis(s, r.iku).sentences)
    )
    repeated = {t: n for t, n in per_iku.items() if n > 2}
    assert repeated == {}
    assert all("triwulan pertama" not in t for t in per_iku)


def test_on_plan_is_not_flagged_and_no_zero_projection(
    generated: tuple[Summary, list[str]],
) -> None:
    s, out = generated
    assert not any("proyeksi akhir tahun 0,00%" in t for t in out)
    for r in s.indicators:
        quarters = analysis.plan(r.indicator)
        ytd = r.realisasi_kumulatif
        if quarters is None or not isinstance(ytd, D):
            continue
        planned = sum(quarters[: s.period.quarter], D(0))
        assert analysis.indicator_analysis(s, r.iku).needs_attention is (ytd < planned), r.iku


def test_shipped_iku_4_in_triwulan_ii() -> None:
    s = summarise("2025-Q2", project=Project.at(REPO))
    a = analysis.indicator_analysis(s, 4)
    assert not a.needs_attention
    assert 4 not in analysis.attention(s)
    assert a.sentences[-1] == (
        "Menurut rencana triwulanan, belum ada target s.d. Triwulan II: seluruh target tahunan "
        "dijadwalkan pada Triwulan III (40 orang), sehingga belum adanya realisasi masih sesuai "
        "rencana."
    )


def test_synthetic_unit_reads() -> None:
    s = synthetic()
    # IKU 7: 3 of 12 documents by Triwulan II, 1,5 a quarter -> 6 (50%); IKU 8: 4,5% outside 2-4%
    assert analysis.attention(s) == [2, 7, 8]
    assert "3 dokumen" in " ".join(analysis.indicator_analysis(s, 7).sentences)
    # IKU 3: 25 + 25 = 50% of 100%: said once, not "50% atau 50,00%"
    assert analysis.indicator_analysis(s, 3).sentences[2] == (
        "Realisasi s.d. Triwulan II sebesar 50% dari target tahunan 100%; masih kurang "
        "50 poin persen untuk mencapai target tahunan."
    )
    # IKU 1: all 30 in Triwulan IV
    assert (
        "dijadwalkan pada Triwulan IV (30 orang)" in analysis.indicator_analysis(s, 1).sentences[-1]
    )
