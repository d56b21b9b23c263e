"""ANRI archive supervision grades (Nilai Pengawasan Kearsipan)."""

from __future__ import annotations

from decimal import Decimal

# (upper bound inclusive, grade, description); a score above the previous bound falls here.
ANRI_GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal(30), "D", "Sangat Kurang"),
    (Decimal(50), "C", "Kurang"),
    (Decimal(60), "CC", "Cukup"),
    (Decimal(70), "B", "Baik"),
    (Decimal(80), "BB", "Sangat Baik"),
    (Decimal(90), "A", "Memuaskan"),
    (Decimal(100), "AA", "Sangat Memuaskan"),
)


def anri_grade(score: Decimal) -> tuple[str, str]:
    """Grade and description for a score 0-100: ``0-30 D``, ``>30-50 C``, ... ``>90-100 AA``."""
    if score < 0 or score > 100:
        raise ValueError(f"an ANRI score lies between 0 and 100, not {score}")
    for upper, grade, description in ANRI_GRADES:
        if score <= upper:
            return grade, description
    raise AssertionError("unreachable")  # pragma: no cover
