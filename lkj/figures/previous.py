"""The same quarter of the previous year, for the quarterly report's comparison.

The previous year counts when its data are there as a year of their own (``data/<unit>/<year
- 1>/indikator.csv`` and ``realisasi.csv``, or its workbook) and reach the quarter: its figures
to that quarter are computed by the same rules, and each indicator of this year is matched to
the previous year's by its stable code (``kode``, or a former code in ``kode_lama``). An
indicator without a code, whose code the previous year does not have (or has for another kind
of indicator), or that was not measured then, has no comparison; a year that does not reach
the quarter gives none (docs/annual.md#the-quarterly-report).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lkj.figures.summary import compute
from lkj.inputs.layout import INDIKATOR, workbook_path, year_dir
from lkj.inputs.project import Project
from lkj.inputs.unit import load
from lkj.rules.indicators import Indicator, Target, Value
from lkj.rules.periods import Period


@dataclass(frozen=True)
class EarlierQuarter:
    """One indicator's figures to the same quarter of the previous year."""

    period: Period
    target: Target
    realisasi: Value | None  # to date, by the indicator's cumulation rule
    capaian: Decimal | None


def has_tables(project: Project, unit: str, year: int) -> bool:
    """Whether ``year`` holds a year's tables (not only an annual ``hasil.csv``)."""
    unit_dir = project.unit_dir(unit)
    return (year_dir(unit_dir, year) / INDIKATOR.file).exists() or workbook_path(
        unit_dir, year
    ).exists()


def same_quarter_last_year(
    project: Project, unit: str, period: Period, indicators: tuple[Indicator, ...]
) -> dict[int, EarlierQuarter]:
    """Each IKU's figures to the same quarter one year before ``period`` (none for a year, or
    without the previous year's tables, or when they do not reach that quarter)."""
    if period.annual or period.year <= 1 or not has_tables(project, unit, period.year - 1):
        return {}
    before = period.previous_year()
    data = load(project, unit, before.year)
    if data.latest_quarter < before.quarter:
        return {}
    summary = compute(data, before)
    found: dict[int, EarlierQuarter] = {}
    for ind in indicators:
        match = [
            r
            for r in summary.indicators
            if ind.matches(r.indicator.kode)
            and r.indicator.jenis is ind.jenis
            and r.realisasi_kumulatif is not None
        ]
        if len(match) == 1:
            r = match[0]
            found[ind.iku] = EarlierQuarter(
                before, r.target, r.realisasi_kumulatif, r.capaian_kumulatif
            )
    return found
