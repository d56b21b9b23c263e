"""The computed counterpart of each figure a report can print, how they compare and are shown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from lkj.figures import format as fmt
from lkj.figures.summary import Summary
from lkj.figures.support import BERLAKU, HABIS, TableFigures
from lkj.inputs.published import Figure
from lkj.rules.achievement import Kelas, capaian
from lkj.rules.budget import absorption
from lkj.rules.decimals import round2
from lkj.rules.indicators import Indicator, Predikat, Rentang, Target
from lkj.rules.periods import Period, quarter_short_label

Computed = Decimal | str | date | None
"""What lkj computes for a printed figure: a number, a predicate or text, a date, or nothing."""

_SUFFIX = re.compile(r"^(?P<base>[a-z_]+?)_tw(?P<q>[1-4])$")
MONEY = frozenset({"pagu", "realisasi_anggaran"})
RATIOS = frozenset({"capaian", "capaian_kumulatif", "capaian_rata_rata", "persen_anggaran"})
BUDGET = frozenset({"pagu", "realisasi_anggaran", "persen_anggaran"})
COUNT_KELAS = {
    "jumlah_di_atas_100": (Kelas.DI_ATAS,),
    "jumlah_100": (Kelas.TEPAT,),
    "jumlah_di_bawah_100": (Kelas.DI_BAWAH,),
    "jumlah_tidak_terukur": (Kelas.TIDAK_TERUKUR,),
    "jumlah_tercapai": (Kelas.DI_ATAS, Kelas.TEPAT),
}
COUNTS = frozenset(COUNT_KELAS)


class NotInData(Exception):
    """A printed row (an activity, a row of a supporting table) has no counterpart in the
    data."""


def split(field: str, period: Period) -> tuple[str, int | None]:
    """``realisasi_tw1 -> (realisasi, 1)``; ``realisasi -> (realisasi, period's quarter)``.

    A bare ``target`` is the annual target (quarter None).
    """
    match = _SUFFIX.match(field)
    if match:
        return match["base"], int(match["q"])
    if field in ("realisasi", "capaian", "pembilang", "penyebut"):
        return field, period.quarter
    return field, None


def tw(quarter: int) -> str:
    return quarter_short_label(quarter)


def count_of(kelas: tuple[Kelas, ...], values: list[Kelas]) -> int:
    return sum(1 for v in values if v in kelas)


@dataclass(frozen=True)
class Lookup:
    """Everything lkj computes for a period, addressed the way a transcription addresses it."""

    summary: Summary
    tables: tuple[TableFigures, ...] = ()

    @property
    def period(self) -> Period:
        return self.summary.period

    def indicator(self, iku: int) -> Indicator:
        return self.summary.data.indicator(iku)

    def iku(self, iku: int, field: str) -> Computed:
        """An IKU's figure: targets, realisations, counts, capaian, and its budget line(s)."""
        data, ind = self.summary.data, self.indicator(iku)
        base, q = split(field, self.period)
        if field in BUDGET:
            return self.budget(iku, field)
        if field == "capaian_kumulatif":
            return self.summary.result(iku).capaian_kumulatif
        if field == "realisasi_kumulatif":
            return _plain(self.summary.result(iku).realisasi_kumulatif)
        if base == "target":
            return _plain(ind.target if q is None else ind.quarter_target(q))
        assert q is not None
        real = data.realisation(iku, q) if q <= self.period.quarter else None
        if real is None:
            return None
        if base == "realisasi":
            return _plain(real.nilai)
        if base == "capaian":
            return capaian(ind, real.nilai, ind.target)
        return real.pembilang if base == "pembilang" else real.penyebut

    def budget(self, iku: int, field: str) -> Decimal | None:
        """Ceiling, realisation or absorption of the budget line(s) that fund an IKU."""
        data = self.summary.data
        lines = [b for b in data.budget_lines if iku in b.ikus]
        pagu = sum((b.pagu for b in lines), Decimal(0))
        reported = data.budget_realisations.get(self.period.quarter)
        real = (
            None
            if reported is None
            else sum((reported.get(b.baris, Decimal(0)) for b in lines), Decimal(0))
        )
        if field == "pagu":
            return pagu
        if field == "realisasi_anggaran":
            return real
        return _absorption(real, pagu)

    def shared_with(self, iku: int) -> tuple[int, ...]:
        """The IKU funded by the same budget line(s) as ``iku`` (itself included)."""
        lines = [b for b in self.summary.data.budget_lines if iku in b.ikus]
        return tuple(sorted({i for b in lines for i in b.ikus}))

    def unit(self, field: str) -> Computed:
        """A figure about the whole unit: the mean, the counts, the totals."""
        s, data = self.summary, self.summary.data
        if field in COUNT_KELAS:
            return Decimal(count_of(COUNT_KELAS[field], [r.kelas for r in s.indicators]))
        values: dict[str, Computed] = {
            "capaian_rata_rata": s.capaian_rata_rata,
            "jumlah_sasaran": Decimal(len(data.sasaran)),
            "jumlah_iku": Decimal(len(data.indicators)),
            "jumlah_target": Decimal(len(data.indicators)),
            "pagu": s.pagu,
            "realisasi_anggaran": s.realisasi_anggaran,
            "persen_anggaran": None
            if s.pagu is None
            else _absorption(s.realisasi_anggaran, s.pagu),
        }
        if "." in field:
            return self.table_figure(field)
        return values[field]

    def table(self, name: str) -> TableFigures:
        for t in self.tables:
            if t.id == name:
                return t
        known = ", ".join(t.id for t in self.tables) or "none in params"
        raise NotInData(f"tabel pendukung '{name}' (tabel: {known})")

    def column_title(self, kind: str, field: str) -> str:
        """The header of a supporting table's column (the field's own name if none)."""
        for t in self.tables:
            if t.id == kind:
                return next((c.judul for c in t.columns if c.key == field), field)
        return field

    def table_figure(self, field: str) -> Computed:
        """``<table>.baris`` (rows), ``<table>.berlaku``/``.habis`` (agreements by status),
        ``<table>.<column>`` (a summed column)."""
        name, what = field.split(".", 1)
        t = self.table(name)
        if what == "baris":
            return Decimal(len(t.rows))
        if what in ("berlaku", "habis"):
            return Decimal(t.count(BERLAKU if what == "berlaku" else HABIS))
        values = [v for r in t.rows if isinstance(v := r.get(what), Decimal)]
        if not any(c.key == what for c in t.columns):
            raise NotInData(f"kolom '{what}' pada tabel '{name}'")
        return sum(values, Decimal(0)) if values else None

    def row(self, kind: str, key: int | str, field: str) -> Computed:
        """A figure of a non-IKU row: an activity's ceiling, a cell of a supporting table."""
        data = self.summary.data
        if kind == "kegiatan":
            for k in data.kegiatan:
                if k.no == key:
                    return k.pagu
            raise NotInData(f"kegiatan {key}")
        t = self.table(kind)
        row = t.row(str(key))
        if row is None:
            raise NotInData(f"'{key}' pada tabel {kind} ({self.period.label})")
        if field not in row and not any(c.key == field for c in t.columns):
            raise NotInData(f"kolom '{field}' pada tabel {kind}")
        value = row.get(field)
        return value

    def get(self, kind: str, key: int | str | None, field: str) -> Computed:
        if kind == "angka":
            return self.unit(field)
        if kind == "iku":
            assert isinstance(key, int)
            return self.iku(key, field)
        assert key is not None
        return self.row(kind, key, field)


def _plain(value: Computed | Target) -> Computed:
    """A target or realisation as the audit compares it: a predicate as its printed text."""
    if isinstance(value, Predikat):
        return value.kata if value.skor is None else f"{value.kata} ({fmt.angka(value.skor)})"
    if isinstance(value, Rentang):
        return f"{fmt.angka(value.bawah)}-{fmt.angka(value.atas)}"
    return value


def _absorption(real: Decimal | None, pagu: Decimal) -> Decimal | None:
    """Absorption; a zero ceiling with nothing spent is printed, and counted, as 0%."""
    if pagu == 0 and real == 0:
        return Decimal(0)
    return absorption(real, pagu)


def truncate(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def agrees(stated: Figure, computed: Computed | Target) -> bool:
    """Whether a printed figure says what lkj computes, within the printed precision.

    A number printed with d decimals agrees when the computed value rounds (half up) to it
    at d places; ``-`` agrees with nothing computed; texts compare without regard to case.
    """
    computed = _plain(computed)
    if stated.is_dash or computed is None:
        return stated.is_dash and computed is None
    if isinstance(computed, Decimal):
        return stated.number is not None and round2(computed, stated.places) == stated.number
    if isinstance(computed, date):
        return stated.date == computed
    return stated.number is None and stated.text.casefold() == str(computed).casefold()


def shown(
    computed: Computed | Target, stated: Figure, field: str, indicator: Indicator | None = None
) -> str:
    """A computed value in the style of the printed one: unit, %, Rp, two decimals."""
    computed = _plain(computed)
    if computed is None:
        return fmt.DASH
    if isinstance(computed, date):
        return computed.strftime("%d-%m-%Y")
    if isinstance(computed, str):
        return computed
    base = _SUFFIX.sub(r"\g<base>", field)  # capaian_tw1 is shown like capaian
    if indicator is not None and base in ("target", "realisasi", "realisasi_kumulatif"):
        return fmt.nilai(indicator, computed)
    if base in MONEY:
        return ("Rp " if stated.money else "") + fmt.angka(computed, 0)
    if base in RATIOS:
        return fmt.angka(computed, 2) + ("%" if stated.percent else "")
    unit = re.fullmatch(r"[\d.,]+\s+(?P<word>[A-Za-z]+)", stated.text)
    return fmt.angka(computed) + (f" {unit['word']}" if unit else "")


def exact(value: Decimal) -> str:
    """A value with up to four decimals and an ellipsis when it goes on: ``80,7692…``."""
    four = round2(value, 4)
    return fmt.angka(four, 4).rstrip("0").rstrip(",") + ("…" if four != value else "")


_UNIT_LABELS = {
    "capaian_rata_rata": "capaian rata-rata s.d. {tw}",
    "jumlah_sasaran": "jumlah sasaran strategis",
    "jumlah_iku": "jumlah IKU",
    "jumlah_target": "jumlah target",
    "jumlah_di_atas_100": "jumlah target dengan capaian di atas 100%",
    "jumlah_100": "jumlah target dengan capaian tepat 100%",
    "jumlah_di_bawah_100": "jumlah target dengan capaian di bawah 100%",
    "jumlah_tidak_terukur": "jumlah target yang tidak terukur",
    "jumlah_tercapai": "jumlah target dengan capaian 100% ke atas",
    "pagu": "pagu anggaran",
    "realisasi_anggaran": "realisasi anggaran",
    "persen_anggaran": "penyerapan anggaran (%)",
}
_TABLE_LABELS = {"baris": "jumlah baris", "berlaku": "jumlah berlaku", "habis": "jumlah habis"}


def label(
    kind: str, key: int | str | None, field: str, period: Period, indicator: Indicator | None = None
) -> str:
    """Where a figure sits, in the report's words: ``capaian s.d. TW II``, ``MoU X, status``."""
    now = tw(period.quarter)
    if kind == "angka":
        if "." in field:
            name, what = field.split(".", 1)
            return f"tabel {name}, {_TABLE_LABELS.get(what, 'jumlah ' + what)}"
        text = _UNIT_LABELS[field]
        if period.annual:  # a year's own mean, not a quarter's year to date
            text = text.replace("s.d. {tw}", f"tahun {period.year}")
        return text.format(tw=now)
    if kind == "kegiatan":
        return f"kegiatan {key}, pagu"
    if kind != "iku":
        return f"{kind} {key}, {field}"
    base, q = split(field, period)
    if field in BUDGET or field == "pagu":
        return _UNIT_LABELS[field]
    if field in ("capaian_kumulatif", "realisasi_kumulatif"):
        # a year's own figure, or a quarter's year to date
        when = f"tahun {period.year}" if period.annual else f"s.d. {now}"
        return f"{field.removesuffix('_kumulatif')} {when}"
    if base == "pembilang" and indicator is not None and indicator.label_pembilang:
        base = f"pembilang ({indicator.label_pembilang})"
    if base == "penyebut" and indicator is not None and indicator.label_penyebut:
        base = f"penyebut ({indicator.label_penyebut})"
    return base if q is None else f"{base} {tw(q)}"
