"""Indonesian presentation of numbers, money, dates and indicator values (through Babel)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from lkj.rules.decimals import round2
from lkj.rules.indicators import Indicator, Value

LOCALE = "id_ID"
DASH = "-"


def angka(value: Decimal | int | None, places: int | None = None) -> str:
    """``7410 -> 7.410``, ``91.5 -> 91,5``; with ``places`` a fixed number of decimals."""
    if value is None:
        return DASH
    number = Decimal(value)
    if places is None:
        number = round2(number)
        pattern = "#,##0.##"
    else:
        number = round2(number, places)
        pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(number, format=pattern, locale=LOCALE)


def persen(value: Decimal | None, places: int = 2) -> str:
    """A percentage with two decimals: ``80,76%``."""
    return DASH if value is None else angka(value, places) + "%"


def capaian(value: Decimal | None) -> str:
    """A capaian figure without the sign, as printed in the capaian columns: ``19,04``."""
    return angka(value, 2)


def rupiah(value: Decimal | int | None) -> str:
    """``Rp 3.515.820.174``."""
    return DASH if value is None else "Rp " + angka(value, 0)


def tanggal(value: date) -> str:
    """``21 Juli 2025``."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def nilai(indicator: Indicator, value: Value | None) -> str:
    """A target or realisation in the indicator's unit: ``70%``, ``7.410 Orang``, ``91,5``."""
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    return angka(value) + indicator.satuan.suffix
