"""Indonesian presentation of numbers, money, dates and indicator values (through Babel)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from lkj.rules.decimals import round2
from lkj.rules.indicators import Indicator, Jenis, Predikat, Rentang, Target
from lkj.rules.periods import Period

LOCALE = "id_ID"
DASH = "-"
EN_DASH = "\u2013"


def angka(value: Decimal | int | None, places: int | None = None, most: int = 2) -> str:
    """``7410 -> 7.410``, ``91.5 -> 91,5``: at most ``most`` decimals, trailing zeros dropped;
    with ``places`` a fixed number of decimals."""
    if value is None:
        return DASH
    number = Decimal(value)
    if places is None:
        number = round2(number, most)
        pattern = "#,##0." + "#" * most
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
    """``Rp 3.515.820.174``; with sen when there are any: ``Rp 52.809.142,50``."""
    if value is None:
        return DASH
    whole = Decimal(value) == Decimal(value).to_integral_value()
    return "Rp " + angka(value, 0 if whole else 2)


def tanggal(value: date) -> str:
    """``21 Juli 2025``."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def teks(indicator: Indicator, value: Target | None) -> str:
    """A target or realisation in running text: a unit word in lower case (``7.410 orang``,
    ``3 hari``); symbols and abbreviations as they are (``9,26 Ha``, ``12 CPMI``, ``3,5 m³``)."""
    text = nilai(indicator, value)
    word = indicator.satuan
    if not word or indicator.is_predikat or not isinstance(value, Decimal | Rentang):
        return text
    words = word.split()
    if all(len(w) > 2 and w.isalpha() and w[0].isupper() and w[1:].islower() for w in words):
        return text[: len(text) - len(word)] + word.lower()
    return text


def nilai(indicator: Indicator, value: Target | None) -> str:
    """A target or realisation in the indicator's unit: ``70%``, ``7.410 Orang``, ``9,26 Ha``,
    ``Rp 555.760.000``, ``80-90%`` (an en dash between), ``BB (73,5)``."""
    if value is None:
        return DASH
    if isinstance(value, Predikat):
        return value.kata if value.skor is None else f"{value.kata} ({angka(value.skor)})"
    if isinstance(value, Rentang):
        return _with_unit(
            indicator, f"{_number(indicator, value.bawah)}{EN_DASH}{_number(indicator, value.atas)}"
        )
    return _with_unit(indicator, _number(indicator, value))


def _number(indicator: Indicator, value: Decimal) -> str:
    if indicator.jenis is Jenis.RUPIAH:
        return angka(value, 0 if value == value.to_integral_value() else 2)
    return angka(value, most=indicator.desimal)


def _with_unit(indicator: Indicator, number: str) -> str:
    if indicator.jenis is Jenis.PERSEN:
        return number + "%"
    if indicator.jenis is Jenis.RUPIAH:
        return "Rp " + number
    return f"{number} {indicator.satuan}" if indicator.satuan else number


def satuan(indicator: Indicator) -> str:
    """The unit an indicator is counted in, for captions and axis titles: its own word
    (``Orang``, ``Ha``), else its kind's name (``Persen``, ``Rupiah``, ``Nilai``)."""
    if indicator.satuan and not indicator.is_predikat:
        return indicator.satuan
    return indicator.jenis.label


def sampai(period: Period) -> str:
    """The period a figure covers, in running text: ``s.d. Triwulan II`` for a quarter (the
    year to date), ``tahun 2015`` for a year (its own figure, not a quarter's)."""
    return f"tahun {period.year}" if period.annual else f"s.d. {period.label}"
