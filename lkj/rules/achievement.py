"""Capaian (achievement) of a realisation against a target, and its classification."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from lkj.rules.decimals import HUNDRED, mean, percent, round2
from lkj.rules.indicators import PREDIKAT_SCALE, Indicator, Polaritas, Value


def capaian(indicator: Indicator, realisasi: Value | None, target: Value) -> Decimal | None:
    """Achievement in percent, unrounded; None when it cannot be measured.

    - higher is better: R / T x 100;
    - lower is better: (2T - R) / T x 100;
    - predicates: 100 when the realisation is at least as good as the target, else 0.
    """
    if realisasi is None:
        return None
    if indicator.is_predikat:
        return (
            HUNDRED if predikat_rank(str(realisasi)) >= predikat_rank(str(target)) else Decimal(0)
        )
    if not isinstance(realisasi, Decimal) or not isinstance(target, Decimal) or target <= 0:
        return None
    if indicator.polaritas is Polaritas.TURUN:
        return percent(2 * target - realisasi, target)
    return percent(realisasi, target)


def predikat_rank(predikat: str) -> int:
    """Position of a predicate on the scale (higher is better)."""
    return PREDIKAT_SCALE.index(predikat)


class Kelas(StrEnum):
    """How a cumulative capaian compares with 100%."""

    DI_ATAS = "di atas 100%"
    TEPAT = "tepat 100%"
    DI_BAWAH = "di bawah 100%"
    TIDAK_TERUKUR = "tidak terukur"

    @property
    def label(self) -> str:
        """``di atas 100%``: the class as sentences, chart legends and summaries write it."""
        return str(self.value)


def classify(value: Decimal | None) -> Kelas:
    """Classify a capaian as printed (rounded to two places)."""
    if value is None:
        return Kelas.TIDAK_TERUKUR
    shown = round2(value)
    if shown > HUNDRED:
        return Kelas.DI_ATAS
    if shown == HUNDRED:
        return Kelas.TEPAT
    return Kelas.DI_BAWAH


def overall(values: list[Decimal | None]) -> Decimal | None:
    """Plain mean of the measurable capaian, each taken as printed (rounded to two places).

    Averaging the printed figures lets a reader check the mean by hand from the table.
    """
    shown = [round2(v) for v in values if v is not None]
    return mean(shown) if shown else None
