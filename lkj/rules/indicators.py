"""The performance indicator (IKU) model: unit, polarity, cumulation and targets.

Each enum's value is how the data write it (``indikator.csv``); its ``label`` is how the report
and lkj's sentences write it, defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Satuan(StrEnum):
    """Unit of measure of an indicator."""

    PERSEN = "persen"
    ORANG = "orang"
    NILAI = "nilai"
    PREDIKAT = "predikat"

    @property
    def label(self) -> str:
        """``Orang``: the unit's name (chart axes, captions)."""
        return _SATUAN_LABELS[self]

    @property
    def suffix(self) -> str:
        """What follows a figure in this unit: ``70%``, ``7.410 Orang``, ``91,5``."""
        return _SATUAN_SUFFIXES[self]


class Polaritas(StrEnum):
    """Whether a higher or a lower realisation is better."""

    NAIK = "naik"  # higher is better: R / T
    TURUN = "turun"  # lower is better: (2T - R) / T

    @property
    def label(self) -> str:
        """``nilai yang lebih rendah lebih baik``."""
        return _POLARITAS_LABELS[self]


class Kumulasi(StrEnum):
    """How the quarterly realisations add up to the year to date."""

    JUMLAH = "jumlah"  # sum of the quarters
    TERAKHIR = "terakhir"  # the last quarter's value
    RATA_RATA = "rata_rata"  # mean of the quarters
    RASIO = "rasio"  # pooled ratio: sum of numerators / sum of denominators

    @property
    def label(self) -> str:
        """``rata-rata triwulan``: the rule's name in sentences and in the audit."""
        return _KUMULASI_LABELS[self]


_SATUAN_LABELS = {
    Satuan.PERSEN: "Persen",
    Satuan.ORANG: "Orang",
    Satuan.NILAI: "Nilai",
    Satuan.PREDIKAT: "Predikat",
}
_SATUAN_SUFFIXES = {
    Satuan.PERSEN: "%",
    Satuan.ORANG: " Orang",
    Satuan.NILAI: "",
    Satuan.PREDIKAT: "",
}
_POLARITAS_LABELS = {
    Polaritas.NAIK: "nilai yang lebih tinggi lebih baik",
    Polaritas.TURUN: "nilai yang lebih rendah lebih baik",
}
_KUMULASI_LABELS = {
    Kumulasi.JUMLAH: "jumlah triwulan",
    Kumulasi.TERAKHIR: "nilai posisi (nilai triwulan terakhir)",
    Kumulasi.RATA_RATA: "rata-rata triwulan",
    Kumulasi.RASIO: "rasio gabungan seluruh triwulan",
}


# Qualitative predicates from worst to best (the scale of Nilai Kinerja Anggaran).
PREDIKAT_SCALE: tuple[str, ...] = ("Sangat Kurang", "Kurang", "Cukup", "Baik", "Sangat Baik")

Value = Decimal | str
"""A target or realisation: a number, or a predicate for qualitative indicators."""


@dataclass(frozen=True)
class Indicator:
    """One key performance indicator (IKU) of the performance agreement."""

    iku: int
    sasaran: int
    nama: str
    satuan: Satuan
    polaritas: Polaritas
    kumulasi: Kumulasi
    target: Value
    target_triwulan: tuple[Value, Value, Value, Value]
    label_pembilang: str = ""
    label_penyebut: str = ""

    @property
    def is_predikat(self) -> bool:
        return self.satuan is Satuan.PREDIKAT

    def quarter_target(self, quarter: int) -> Value:
        return self.target_triwulan[quarter - 1]

    def target_to_date(self, quarter: int) -> Value:
        """The target for the year to date: summed for ``jumlah``, else the quarter's own."""
        if self.kumulasi is Kumulasi.JUMLAH and not self.is_predikat:
            return sum((Decimal(t) for t in self.target_triwulan[:quarter]), Decimal(0))
        return self.quarter_target(quarter)
