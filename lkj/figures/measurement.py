"""Pengukuran kinerja quarter by quarter, and the budget line by line: the figures behind the
report's tables, for the workbook export and the DataFrames (unrounded Decimals).

For each IKU and each quarter up to the period: the quarter's target, its realisation, its
capaian (the quarter's realisation ÷ the annual target) and the year-to-date realisation and
capaian at that quarter's end, by the same rules as :func:`lkj.figures.summary.compute` (whose
figures are those of the period's own quarter).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lkj.figures.summary import Summary
from lkj.rules.achievement import capaian
from lkj.rules.budget import BudgetLine, absorption
from lkj.rules.cumulation import realisation_to_date
from lkj.rules.indicators import Target, Value


@dataclass(frozen=True)
class QuarterFigures:
    """One IKU in one quarter."""

    iku: int
    triwulan: int
    target: Target | None  # the quarter's target (None: annual target only)
    realisasi: Value | None
    pembilang: Decimal | None
    penyebut: Decimal | None
    capaian: Decimal | None  # the quarter's realisation ÷ the annual target
    realisasi_kumulatif: Value | None  # year to date, at the quarter's end
    capaian_kumulatif: Decimal | None


@dataclass(frozen=True)
class LineFigures:
    """One budget line at the period's end."""

    line: BudgetLine
    sasaran: tuple[int, ...]  # the strategic goals of the IKU it funds
    realisasi: Decimal | None  # None: not reported for the period

    @property
    def persen(self) -> Decimal | None:
        return absorption(self.realisasi, self.line.pagu)


def by_quarter(summary: Summary) -> tuple[QuarterFigures, ...]:
    """Every IKU's figures for quarters 1..n of the period, IKU by IKU."""
    data, result = summary.data, []
    cap = data.info.batas_capaian
    for ind in data.indicators:
        quarters = data.quarters(ind.iku, summary.period)
        for n, real in enumerate(quarters, start=1):
            to_date = realisation_to_date(ind, quarters[:n])
            result.append(
                QuarterFigures(
                    iku=ind.iku,
                    triwulan=real.triwulan,
                    target=ind.quarter_target(real.triwulan),
                    realisasi=real.nilai,
                    pembilang=real.pembilang,
                    penyebut=real.penyebut,
                    capaian=capaian(ind, real.nilai, ind.target, batas=cap),
                    realisasi_kumulatif=to_date,
                    capaian_kumulatif=capaian(ind, to_date, ind.target, batas=cap),
                )
            )
    return tuple(result)


def budget_lines(summary: Summary) -> tuple[LineFigures, ...]:
    """Every budget line with its realisation at the period's end."""
    data = summary.data
    reported = data.budget_realisations.get(summary.period.quarter)
    goal = {i.iku: i.sasaran for i in data.indicators}
    return tuple(
        LineFigures(
            line,
            tuple(sorted({goal[i] for i in line.ikus})),
            None if reported is None else reported.get(line.baris, Decimal(0)),
        )
        for line in data.budget_lines
    )
