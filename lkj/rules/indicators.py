"""The performance indicator (IKU) model: its kind, unit word, polarity, cumulation and targets.

Every kind, polarity and target form is described with an example row in docs/indicators.md.
Each enum's value is how the data write it (``indikator.csv``); its ``label`` is how the report
and lkj's sentences write it, defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Jenis(StrEnum):
    """What an indicator measures (the ``jenis`` column of indikator.csv)."""

    PERSEN = "persen"  # a percentage: 80,76%
    JUMLAH = "jumlah"  # a whole count in the unit's own word: 7.410 orang, 12 dokumen
    UKURAN = "ukuran"  # a measured quantity with decimals: 9,26 Ha, 3,5 km, 338,5 m³
    NILAI = "nilai"  # a score or an index: IKM 82,5, nilai SAKIP 73,5
    RUPIAH = "rupiah"  # money: Rp 555.760.000
    DURASI = "durasi"  # a duration in the unit's word: 3 hari, 1,5 jam
    RASIO = "rasio"  # a ratio: 0,85, or 1,2 per 1.000 penduduk
    PREDIKAT = "predikat"  # a word on a scale the unit declares, optionally with a score

    @property
    def label(self) -> str:
        """``Persen``, ``Rupiah``: the name of what a kind without a unit word counts in
        (chart axes, captions); kinds with a word use the indicator's own."""
        return _JENIS_LABELS[self]


# Kinds whose values are whole numbers (so "7.410" is seven thousand four hundred and ten).
WHOLE = frozenset({Jenis.JUMLAH})
# Kinds that need a unit word in the ``satuan`` column (for a predicate: its scale's name).
NEEDS_WORD = frozenset({Jenis.JUMLAH, Jenis.UKURAN, Jenis.DURASI, Jenis.PREDIKAT})


class Polaritas(StrEnum):
    """Which realisations are better."""

    NAIK = "naik"  # higher is better: R / T
    TURUN = "turun"  # lower is better: (2T - R) / T
    RENTANG = "rentang"  # inside a range is best: 100% inside, less outside

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


_JENIS_LABELS = {
    Jenis.PERSEN: "Persen",
    Jenis.JUMLAH: "Jumlah",
    Jenis.UKURAN: "Ukuran",
    Jenis.NILAI: "Nilai",
    Jenis.RUPIAH: "Rupiah",
    Jenis.DURASI: "Durasi",
    Jenis.RASIO: "Rasio",
    Jenis.PREDIKAT: "Predikat",
}
_POLARITAS_LABELS = {
    Polaritas.NAIK: "nilai yang lebih tinggi lebih baik",
    Polaritas.TURUN: "nilai yang lebih rendah lebih baik",
    Polaritas.RENTANG: "nilai di dalam rentang target paling baik",
}
_KUMULASI_LABELS = {
    Kumulasi.JUMLAH: "jumlah triwulan",
    Kumulasi.TERAKHIR: "nilai posisi (nilai triwulan terakhir)",
    Kumulasi.RATA_RATA: "rata-rata triwulan",
    Kumulasi.RASIO: "rasio gabungan seluruh triwulan",
}


@dataclass(frozen=True)
class Skala:
    """An ordered scale of predicates declared by the unit, from worst to best."""

    nama: str
    kata: tuple[str, ...]

    def rank(self, word: str) -> int:
        """Position of ``word`` on the scale (higher is better)."""
        return self.kata.index(word)

    def find(self, text: str) -> str | None:
        """The scale's own spelling of ``text`` (case and spacing ignored), or None."""
        wanted = " ".join(text.split()).casefold()
        return next((k for k in self.kata if k.casefold() == wanted), None)


@dataclass(frozen=True)
class Predikat:
    """A predicate on a scale, optionally with its score: ``BB (73,5)``."""

    kata: str
    skor: Decimal | None = None


@dataclass(frozen=True)
class Rentang:
    """A range target, both ends included: ``80-90``."""

    bawah: Decimal
    atas: Decimal


Value = Decimal | Predikat
"""A realisation: a number, or a predicate for qualitative indicators."""

Target = Decimal | Rentang | Predikat
"""A target: a number, a range, or a predicate."""


def add_targets(targets: tuple[Target, ...]) -> Target:
    """The sum of numeric or range targets (ranges add end by end)."""
    if all(isinstance(t, Rentang) for t in targets):
        ranges = [t for t in targets if isinstance(t, Rentang)]
        return Rentang(
            sum((r.bawah for r in ranges), Decimal(0)), sum((r.atas for r in ranges), Decimal(0))
        )
    numbers = [t for t in targets if isinstance(t, Decimal)]
    if len(numbers) != len(targets):
        raise TypeError("only numeric or range targets add up")
    return sum(numbers, Decimal(0))


@dataclass(frozen=True)
class Indicator:
    """One key performance indicator (IKU) of the performance agreement.

    ``satuan`` is the unit word shown after a value (``orang``, ``Ha``, ``hari``; empty for a
    percentage or money). ``target_triwulan`` is None when the agreement sets an annual target
    only.
    """

    iku: int
    sasaran: int
    nama: str
    jenis: Jenis
    polaritas: Polaritas
    kumulasi: Kumulasi
    target: Target
    target_triwulan: tuple[Target, Target, Target, Target] | None = None
    satuan: str = ""
    skala: Skala | None = None
    label_pembilang: str = ""
    label_penyebut: str = ""
    desimal: int = 2  # decimals shown at most: those entered, at least 2 (0,162%)
    # the stable code that matches the indicator across years, and the codes it had in
    # earlier years when it changed (docs/annual.md)
    kode: str = ""
    kode_lama: tuple[str, ...] = ()

    def matches(self, code: str) -> bool:
        """Whether an earlier year's ``code`` is this indicator's (its code or a former one)."""
        return bool(code) and (code == self.kode or code in self.kode_lama)

    @property
    def is_predikat(self) -> bool:
        return self.jenis is Jenis.PREDIKAT

    @property
    def has_quarterly_targets(self) -> bool:
        return self.target_triwulan is not None

    def quarter_target(self, quarter: int) -> Target | None:
        """The quarter's own target; None when only an annual target is set."""
        if self.target_triwulan is None:
            return None
        return self.target_triwulan[quarter - 1]

    def target_to_date(self, quarter: int) -> Target | None:
        """The target for the year to date: summed for ``jumlah``, else the quarter's own;
        None when only an annual target is set."""
        if self.target_triwulan is None:
            return None
        if self.kumulasi is Kumulasi.JUMLAH and not self.is_predikat:
            return add_targets(self.target_triwulan[:quarter])
        return self.target_triwulan[quarter - 1]
