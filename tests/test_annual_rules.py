"""The year as a period and the year's realisation, on hand-worked values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lkj.errors import PeriodError
from lkj.rules.budget import KegiatanBudget, by_program, program_totals
from lkj.rules.cumulation import Realisation, realisation_of_year
from lkj.rules.indicators import Indicator, Kumulasi
from lkj.rules.periods import Period
from tests.test_rules import ind


def year(indicator: Indicator, *values: str | None) -> object:
    quarters = [
        Realisation(indicator.iku, q, None if v is None else Decimal(v))
        for q, v in zip((1, 2, 3, 4), values, strict=True)
    ]
    return realisation_of_year(indicator, quarters)


@pytest.mark.parametrize("text", ["2025", "2025-TAHUNAN", "2025-tahunan", " 2025 "])
def test_a_year_is_a_period(text: str) -> None:
    p = Period.parse(text)
    assert (p.year, p.quarter, p.annual) == (2025, 4, True)
    assert p.slug == "2025"
    assert p.title == "Tahun 2025"
    assert p.previous_year() == Period.parse("2024")


def test_a_quarter_stays_a_quarter() -> None:
    p = Period.parse("2025-Q4")
    assert not p.annual and p.slug == "2025-Q4" and p.title == "Triwulan IV 2025"
    assert p != Period.parse("2025")
    assert Period.parse("2025-Q2").previous_year() == Period(2024, 2)


@pytest.mark.parametrize("text", ["25", "2025-Q", "2025-TAHUN", "2025-Q5"])
def test_not_a_period(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_an_annual_period_is_measured_at_triwulan_iv() -> None:
    with pytest.raises(PeriodError, match="Triwulan IV"):
        Period(2025, 2, annual=True)


def test_the_year_by_each_cumulation_rule() -> None:
    # 120 + 80 + 100 + 150 = 450 for a sum; the mean of four quarters 450 / 4 = 112.5;
    # the latest value 150 for a standing value
    assert year(ind(kumulasi=Kumulasi.JUMLAH), "120", "80", "100", "150") == Decimal(450)
    assert year(ind(kumulasi=Kumulasi.RATA_RATA), "120", "80", "100", "150") == Decimal("112.5")
    assert year(ind(kumulasi=Kumulasi.TERAKHIR), "120", "80", "100", "150") == Decimal(150)


def test_an_annual_figure_entered_at_triwulan_iv_is_the_year() -> None:
    # a unit that reports once a year: quarters I-III not measured, the year's 0.162 at IV
    for rule in (Kumulasi.JUMLAH, Kumulasi.TERAKHIR, Kumulasi.RATA_RATA):
        assert year(ind(kumulasi=rule), None, None, None, "0.162") == Decimal("0.162")


def test_without_triwulan_iv_the_year_is_not_measured() -> None:
    # three quarters measured (sum 300) are not the year's figure
    assert year(ind(kumulasi=Kumulasi.JUMLAH), "100", "100", "100", None) is None


def test_a_pooled_ratio_over_the_year() -> None:
    # (3 + 1) / (4 + 4) x 100 = 50
    r = ind(kumulasi=Kumulasi.RASIO)
    quarters = [
        Realisation(r.iku, 1, Decimal(75), Decimal(3), Decimal(4)),
        Realisation(r.iku, 2, None),
        Realisation(r.iku, 3, None),
        Realisation(r.iku, 4, Decimal(25), Decimal(1), Decimal(4)),
    ]
    assert realisation_of_year(r, quarters) == Decimal(50)


def test_programs_add_up_their_kegiatan() -> None:
    lines = [
        KegiatanBudget("P1", "a", Decimal(72268000), Decimal(65818000)),
        KegiatanBudget("P2", "c", Decimal(0), Decimal(0)),
        KegiatanBudget("P1", "b", Decimal(6993250), Decimal(6993250)),
    ]
    programs = by_program(lines)
    assert [p.program for p in programs] == ["P1", "P2"]
    # 72.268.000 + 6.993.250 = 79.261.250; 65.818.000 + 6.993.250 = 72.811.250 (91,86%)
    assert (programs[0].pagu, programs[0].realisasi) == (Decimal(79261250), Decimal(72811250))
    assert round(programs[0].persen or 0, 2) == Decimal("91.86")
    assert programs[1].persen is None  # 0 of 0: no absorption
    assert program_totals(programs) == (Decimal(79261250), Decimal(72811250))
