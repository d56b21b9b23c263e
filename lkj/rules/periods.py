"""Reporting periods: a quarter (triwulan) of a year, or the year itself, and how they are written.

The year (``2025`` or ``2025-TAHUNAN``, the annual Laporan Kinerja) is measured at its end: it
is Triwulan IV with ``annual`` set, so every year-to-date rule gives the year's figure
(docs/annual.md).

:func:`quarter_label` (``Triwulan II``) and :func:`quarter_short_label` (``TW II``) are the one
place a quarter's name is spelt; :class:`Period` and every table header and sentence use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lkj.errors import PeriodError

QUARTERS = (1, 2, 3, 4)
_ROMAN_DIGITS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_PATTERN = re.compile(r"^(?P<year>\d{4})-(?:Q|TW)(?P<quarter>\d+)$", re.IGNORECASE | re.ASCII)
_YEAR_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-TAHUNAN)?$", re.IGNORECASE | re.ASCII)
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def roman(n: int) -> str:
    """``2 -> II``, ``4 -> IV``, ``14 -> XIV`` (quarters, chapters: BAB IV)."""
    if n < 1:
        raise ValueError(f"{n} has no roman numeral; expected a whole number from 1")
    out = []
    for value, digits in _ROMAN_DIGITS:
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)


def quarter_label(quarter: int) -> str:
    """``Triwulan II``."""
    return f"Triwulan {roman(quarter)}"


def quarter_short_label(quarter: int) -> str:
    """``TW II`` (table headers, charts)."""
    return f"TW {roman(quarter)}"


@dataclass(frozen=True, order=True)
class Period:
    """One quarter of a year, e.g. ``Period(2025, 2)`` for Triwulan II 2025, or a whole year,
    ``Period.year_of(2025)`` (quarter 4, ``annual``)."""

    year: int
    quarter: int
    annual: bool = False

    def __post_init__(self) -> None:
        if self.quarter not in QUARTERS:
            raise PeriodError(
                f"quarter {self.quarter} does not exist; expected a quarter from 1 to 4 "
                f"(e.g. {self.year}-Q2)"
            )
        if self.annual and self.quarter != 4:
            raise PeriodError("a year is measured at its end: an annual period is Triwulan IV")

    @classmethod
    def year_of(cls, year: int) -> Period:
        """The year as a period: ``Period.year_of(2025)``, measured at Triwulan IV."""
        return cls(year, 4, annual=True)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2025-Q2`` or ``2025-TW2`` (case-insensitive), or a year: ``2025`` or
        ``2025-TAHUNAN``."""
        whole = _YEAR_PATTERN.match(text.strip())
        if whole:
            if int(whole["year"]) < 1:
                raise PeriodError(f"period {text!r}: there is no year 0; expected e.g. 2025")
            return cls.year_of(int(whole["year"]))
        match = _PATTERN.match(text.strip())
        if not match:
            raise PeriodError(
                f"period {text!r} is not understood; expected YYYY-Qn or YYYY-TWn "
                "(a quarter, e.g. 2025-Q2 or 2025-TW2) or YYYY (the year, e.g. 2025)"
            )
        year = int(match["year"])
        if year < 1:
            raise PeriodError(f"period {text!r}: there is no year 0; expected e.g. 2025-Q2")
        return cls(year, int(match["quarter"]))

    @property
    def slug(self) -> str:
        """The canonical name used in file paths: ``2025-Q2``, or ``2025`` for the year."""
        return str(self.year) if self.annual else f"{self.year}-Q{self.quarter}"

    @property
    def label(self) -> str:
        """``Triwulan II`` (for the year: ``Triwulan IV``, its end)."""
        return quarter_label(self.quarter)

    @property
    def title(self) -> str:
        """``Triwulan II 2025``, or ``Tahun 2025`` for the year."""
        return f"Tahun {self.year}" if self.annual else f"{self.label} {self.year}"

    @property
    def short_label(self) -> str:
        """``TW II``."""
        return quarter_short_label(self.quarter)

    @property
    def end_date(self) -> date:
        month, day = _QUARTER_END[self.quarter]
        return date(self.year, month, day)

    @property
    def quarters_to_date(self) -> range:
        """Quarters 1..n of the year."""
        return range(1, self.quarter + 1)

    def previous(self) -> Period | None:
        """The previous quarter of the same year, or None for Triwulan I (for the year:
        Triwulan III)."""
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else None

    def previous_year(self) -> Period:
        """The same period one year earlier: ``2024-Q2`` for ``2025-Q2``, ``2024`` for
        ``2025``."""
        return Period(self.year - 1, self.quarter, self.annual)

    def __str__(self) -> str:
        return self.slug
