"""Reporting periods: a quarter (triwulan) of a year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lkj.errors import PeriodError

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PATTERN = re.compile(r"^(?P<year>\d{4})-(?:Q|TW)(?P<quarter>\d+)$", re.IGNORECASE)
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass(frozen=True, order=True)
class Period:
    """One quarter of a year, e.g. ``Period(2025, 2)`` for Triwulan II 2025."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if self.quarter not in ROMAN:
            raise PeriodError(
                f"quarter {self.quarter} does not exist; expected a quarter from 1 to 4 "
                f"(e.g. {self.year}-Q2)"
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2025-Q2`` or ``2025-TW2`` (case-insensitive)."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise PeriodError(
                f"period {text!r} is not understood; expected YYYY-Qn or YYYY-TWn, "
                "e.g. 2025-Q2 or 2025-TW2"
            )
        return cls(int(match["year"]), int(match["quarter"]))

    @property
    def slug(self) -> str:
        """The canonical name used in file paths: ``2025-Q2``."""
        return f"{self.year}-Q{self.quarter}"

    @property
    def roman(self) -> str:
        return ROMAN[self.quarter]

    @property
    def label(self) -> str:
        """``Triwulan II``."""
        return f"Triwulan {self.roman}"

    @property
    def short_label(self) -> str:
        """``TW II``."""
        return f"TW {self.roman}"

    @property
    def end_date(self) -> date:
        month, day = _QUARTER_END[self.quarter]
        return date(self.year, month, day)

    @property
    def quarters_to_date(self) -> range:
        """Quarters 1..n of the year."""
        return range(1, self.quarter + 1)

    def previous(self) -> Period | None:
        """The previous quarter of the same year, or None for Triwulan I."""
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else None

    def __str__(self) -> str:
        return self.slug
