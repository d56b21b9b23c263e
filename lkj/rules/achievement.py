"""Capaian (achievement) of a realisation against a target, and its classification.

The rules (docs/indicators.md has an example row for each):

- higher is better: R / T x 100; a target of 0 cannot be measured against (``TARGET_NOL``);
- lower is better: (2T - R) / T x 100, never below 0; with a target of 0, a realisation of 0
  meets it (100) and anything above misses it (0);
- a range [L, U]: 100 inside (ends included); below it R / L x 100; above it
  (2U - R) / U x 100, never below 0 (with U = 0: 0);
- a predicate: when target and realisation both carry a score, score R / score T x 100; else
  100 when the realisation's word is at least the target's on the unit's scale, 0 when below;
- no realisation (not measured yet): no capaian (``BELUM_DIUKUR``);
- a unit may cap every individual capaian (``batas``, at least 100): a higher figure is shown
  as the cap.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from lkj.rules.decimals import HUNDRED, mean, percent, round2
from lkj.rules.indicators import Indicator, Polaritas, Predikat, Rentang, Target, Value

ZERO = Decimal(0)


class TidakTerukur(StrEnum):
    """Why a capaian cannot be measured."""

    BELUM_DIUKUR = "belum diukur"  # no realisation (a blank cell or '-'), or no cases
    TARGET_NOL = "target nol"  # higher is better against a target of 0


def capaian(
    indicator: Indicator,
    realisasi: Value | None,
    target: Target | None,
    *,
    batas: Decimal | None = None,
) -> Decimal | None:
    """Achievement in percent, unrounded; None when it cannot be measured (see
    :func:`unmeasurable`). ``batas`` caps the result."""
    value = _uncapped(indicator, realisasi, target)
    if value is not None and batas is not None and value > batas:
        return batas
    return value


def unmeasurable(
    indicator: Indicator, realisasi: Value | None, target: Target | None
) -> TidakTerukur | None:
    """Why :func:`capaian` gives None for these values (None when it gives a figure)."""
    if _uncapped(indicator, realisasi, target) is not None:
        return None
    if (
        realisasi is not None
        and isinstance(target, Decimal)
        and target == 0
        and indicator.polaritas is Polaritas.NAIK
    ):
        return TidakTerukur.TARGET_NOL
    return TidakTerukur.BELUM_DIUKUR


def is_capped(
    indicator: Indicator, realisasi: Value | None, target: Target | None, batas: Decimal | None
) -> bool:
    """Whether the cap changed this capaian."""
    value = _uncapped(indicator, realisasi, target)
    return value is not None and batas is not None and value > batas


def _uncapped(
    indicator: Indicator, realisasi: Value | None, target: Target | None
) -> Decimal | None:
    if realisasi is None or target is None:
        return None
    if isinstance(realisasi, Predikat) or isinstance(target, Predikat):
        if not isinstance(realisasi, Predikat) or not isinstance(target, Predikat):
            return None
        return _predikat(indicator, realisasi, target)
    if isinstance(target, Rentang):
        return _range(realisasi, target)
    if indicator.polaritas is Polaritas.TURUN:
        return _lower_better(realisasi, target)
    if target == 0:
        return None
    return percent(realisasi, target)


def _lower_better(realisasi: Decimal, target: Decimal) -> Decimal:
    if target == 0:
        return HUNDRED if realisasi == 0 else ZERO
    return max(ZERO, percent(2 * target - realisasi, target))


def _range(realisasi: Decimal, target: Rentang) -> Decimal:
    if target.bawah <= realisasi <= target.atas:
        return HUNDRED
    if realisasi < target.bawah:
        return percent(realisasi, target.bawah)
    return _lower_better(realisasi, target.atas)


def _predikat(indicator: Indicator, realisasi: Predikat, target: Predikat) -> Decimal:
    if realisasi.skor is not None and target.skor is not None and target.skor > 0:
        return percent(realisasi.skor, target.skor)
    return (
        HUNDRED if predikat_rank(indicator, realisasi) >= predikat_rank(indicator, target) else ZERO
    )


def predikat_rank(indicator: Indicator, predikat: Predikat) -> int:
    """Position of a predicate on the indicator's scale (higher is better)."""
    if indicator.skala is None:
        raise ValueError(f"IKU {indicator.iku} has no scale")
    return indicator.skala.rank(predikat.kata)


def meets(indicator: Indicator, realisasi: Value | None, target: Target | None) -> bool | None:
    """Whether the realisation meets the target (capaian of at least 100, before any cap);
    None when it cannot be told."""
    value = _uncapped(indicator, realisasi, target)
    return None if value is None else value >= HUNDRED


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
