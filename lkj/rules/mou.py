"""Cooperation agreements (MoU) and their status at a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def add_years(start: date, years: int) -> date:
    """Same day and month ``years`` later; 29 February falls back to 28 February."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


@dataclass(frozen=True)
class MoU:
    no: int
    pemerintah: str
    tmt: date
    jangka_waktu_tahun: int

    @property
    def berakhir(self) -> date:
        """TMT berakhir: the start date plus the term."""
        return add_years(self.tmt, self.jangka_waktu_tahun)

    def status(self, on: date) -> str:
        """``Berlaku`` up to and including the end date, ``Habis`` after it."""
        return "Berlaku" if on <= self.berakhir else "Habis"
