"""Exact decimal arithmetic and the one rounding rule of the report: half up, two places."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

HUNDRED = Decimal(100)
_PRECISION = 34


def div(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Divide with 34 significant digits (exact for every ratio the rules form)."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return numerator / denominator


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator * 100`` with full precision (no rounding)."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return numerator * HUNDRED / denominator


def round2(value: Decimal, places: int = 2) -> Decimal:
    """Round half up on the exact decimal value: ``78.255 -> 78.26``, ``0.125 -> 0.13``."""
    quantum = Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def mean(values: list[Decimal]) -> Decimal:
    """Arithmetic mean with full precision."""
    if not values:
        raise ValueError("mean of no values")
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return sum(values, Decimal(0)) / Decimal(len(values))


def to_json_number(value: Decimal) -> int | float:
    """A rounded Decimal as a JSON number: ``7410`` stays an int, ``19.04`` a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
