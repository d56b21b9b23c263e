"""Year-to-date realisation of an indicator from its quarterly realisations.

A quarter without a realisation (a blank cell, ``-``, or no row) is *not measured*: it is left
out, never counted as 0. The year to date is then formed from the quarters that were measured;
with none, it cannot be measured either.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lkj.rules.decimals import mean, percent
from lkj.rules.indicators import Indicator, Kumulasi, Value


@dataclass(frozen=True)
class Realisation:
    """One quarter's realisation; ``pembilang``/``penyebut`` are the counts behind a ratio.

    ``nilai`` is None when the quarter was not measured (or its ratio has no cases)."""

    iku: int
    triwulan: int
    nilai: Value | None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None


def realisation_to_date(indicator: Indicator, quarters: list[Realisation]) -> Value | None:
    """Cumulate the measured ones of quarters 1..n (given in order) by the indicator's rule.

    - ``jumlah``: the sum of the measured quarters;
    - ``terakhir`` (and every predicate): the latest measured value;
    - ``rata_rata``: the mean of the measured quarters;
    - ``rasio``: pooled counts of the quarters that have them (sum of numerators / sum of
      denominators x 100).

    None when no quarter was measured, or a pooled ratio has no cases.
    """
    if indicator.kumulasi is Kumulasi.RASIO and not indicator.is_predikat:
        if any(
            q.nilai is not None and (q.pembilang is None or q.penyebut is None) for q in quarters
        ):
            return None  # a value without its counts cannot be pooled
        num = sum((q.pembilang for q in quarters if q.pembilang is not None), Decimal(0))
        den = sum((q.penyebut for q in quarters if q.penyebut is not None), Decimal(0))
        return percent(num, den) if den else None
    measured = [q.nilai for q in quarters if q.nilai is not None]
    if not measured:
        return None
    numbers = [v for v in measured if isinstance(v, Decimal)]
    if indicator.kumulasi is Kumulasi.TERAKHIR or len(numbers) != len(measured):
        return measured[-1]  # a standing value, or a predicate
    if indicator.kumulasi is Kumulasi.JUMLAH:
        return sum(numbers, Decimal(0))
    return mean(numbers)


def unmeasured_quarters(quarters: list[Realisation]) -> list[int]:
    """The quarters among ``quarters`` without a realisation (a quarter whose counts are
    0 of 0 was counted: it had no cases)."""
    return [q.triwulan for q in quarters if q.nilai is None and q.penyebut is None]


def realisation_of_year(indicator: Indicator, quarters: list[Realisation]) -> Value | None:
    """The year's realisation from quarters 1..4 (given in order): the year to date at
    Triwulan IV by the indicator's rule (:func:`realisation_to_date`).

    A unit that reports only once a year enters its annual figure as the Triwulan IV row, with
    the earlier quarters left out; that figure is then the year's. Without a Triwulan IV
    realisation the year is *not measured* (None), never the sum of three quarters: an annual
    figure is not stated before the year is complete (docs/annual.md).
    """
    if len(quarters) != 4 or [q.triwulan for q in quarters] != [1, 2, 3, 4]:
        raise ValueError("the year's realisation needs quarters 1 to 4, in order")
    if quarters[3].nilai is None and quarters[3].penyebut is None:
        return None
    return realisation_to_date(indicator, quarters)
