"""Year-to-date realisation of an indicator from its quarterly realisations."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lkj.rules.decimals import mean, percent
from lkj.rules.indicators import Indicator, Kumulasi, Value


@dataclass(frozen=True)
class Realisation:
    """One quarter's realisation; ``pembilang``/``penyebut`` are the counts behind a ratio."""

    iku: int
    triwulan: int
    nilai: Value | None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None


def realisation_to_date(indicator: Indicator, quarters: list[Realisation]) -> Value | None:
    """Cumulate quarters 1..n (given in order) by the indicator's rule.

    Returns None when the result cannot be measured (a pooled ratio over zero cases, or a
    quarter without a value).
    """
    if not quarters:
        return None
    if indicator.is_predikat or indicator.kumulasi is Kumulasi.TERAKHIR:
        return quarters[-1].nilai
    if indicator.kumulasi is Kumulasi.RASIO:
        if any(q.pembilang is None or q.penyebut is None for q in quarters):
            return None
        num = sum((q.pembilang for q in quarters if q.pembilang is not None), Decimal(0))
        den = sum((q.penyebut for q in quarters if q.penyebut is not None), Decimal(0))
        return percent(num, den) if den else None
    values = [q.nilai for q in quarters]
    if any(not isinstance(v, Decimal) for v in values):
        return None
    numbers = [v for v in values if isinstance(v, Decimal)]
    if indicator.kumulasi is Kumulasi.JUMLAH:
        return sum(numbers, Decimal(0))
    return mean(numbers)
