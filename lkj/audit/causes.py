"""Likely causes of a disagreement, recognised generically from the figures themselves.

Each recogniser looks at one disagreeing printed figure and returns a sentence (Indonesian, as
it goes into the report's appendix) when the printed value is explained by a known slip:

- truncated instead of rounded;
- the quarterly target used instead of the annual one (or a capaian against it);
- the figure of another quarter;
- values shifted by one row (the neighbouring row's computed figure);
- a shared budget line printed on another row;
- another cumulation rule, or none;
- a percentage that does not follow from the other figures of its own row;
- a mean or a count that follows from other printed figures (themselves in error), or that
  contradicts the counts printed elsewhere in the same report;
- an end date that is not the start date plus the term;
- and, for any of them, the other places of the report that print the computed value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from lkj.figures import format as fmt
from lkj.figures.support import BERAKHIR
from lkj.inputs.published import Figure, Place, Published, Row
from lkj.rules.achievement import capaian, classify
from lkj.rules.budget import absorption
from lkj.rules.cumulation import realisation_to_date
from lkj.rules.decimals import mean, percent, round2
from lkj.rules.indicators import Kumulasi, Target
from lkj.rules.mou import add_years

from .figures import (
    BUDGET,
    COUNT_KELAS,
    COUNTS,
    Computed,
    Lookup,
    NotInData,
    agrees,
    count_of,
    exact,
    shown,
    split,
    truncate,
    tw,
)


@dataclass(frozen=True)
class Check:
    """One printed figure that disagrees with its computed counterpart."""

    published: Published
    lookup: Lookup
    place: Place
    kind: str  # angka, iku, kegiatan, or a supporting table's id
    rows: tuple[Row, ...]  # the place's rows of that kind, in printed order
    index: int | None  # position of the row among them
    key: int | str | None
    field: str
    stated: Figure
    computed: Computed

    @property
    def row_figures(self) -> dict[str, Figure]:
        if self.index is None:
            return self.place.angka
        return self.rows[self.index].figures

    def show(self, value: Computed | Target) -> str:
        ind = self.lookup.indicator(self.key) if self.kind == "iku" else None  # type: ignore[arg-type]
        return shown(value, self.stated, self.field, ind)


def _nonzero(value: Computed) -> bool:
    return not (isinstance(value, Decimal) and value == 0)


def truncated(c: Check) -> str | None:
    if not isinstance(c.computed, Decimal) or c.stated.number is None:
        return None
    if truncate(c.computed, c.stated.places) != c.stated.number:
        return None
    return (
        f"terpotong, bukan dibulatkan: {exact(c.computed)} dibulatkan menjadi "
        f"{fmt.angka(round2(c.computed, c.stated.places), c.stated.places)}"
    )


def quarterly_target(c: Check) -> str | None:
    if c.kind != "iku" or c.field not in ("target", "capaian", "capaian_kumulatif"):
        return None
    assert isinstance(c.key, int)
    ind = c.lookup.indicator(c.key)
    period = c.lookup.period
    order = [period.quarter, *(q for q in range(1, 5) if q != period.quarter)]
    if c.field == "target":
        for q in order:
            qt = ind.quarter_target(q)
            if qt != ind.target and agrees(c.stated, qt):
                return (
                    f"target triwulan ({tw(q)}: {fmt.nilai(ind, qt)}) tercetak sebagai "
                    "target tahunan"
                )
        return None
    result = c.lookup.summary.result(c.key)
    real = result.realisasi if c.field == "capaian" else result.realisasi_kumulatif
    target = (
        ind.quarter_target(period.quarter)
        if c.field == "capaian"
        else ind.target_to_date(period.quarter)
    )
    if target == ind.target:
        return None
    value = capaian(ind, real, target)
    if value is not None and agrees(c.stated, value):
        return f"dihitung terhadap target triwulan ({fmt.nilai(ind, target)}), bukan target tahunan"
    return None


def other_quarter(c: Check) -> str | None:
    if c.kind != "iku":
        return None
    base, q = split(c.field, c.lookup.period)
    if q is None or base == "target" or not _nonzero(c.stated.number):
        return None
    assert isinstance(c.key, int)
    for other in c.lookup.period.quarters_to_date:
        if other == q:
            continue
        value = c.lookup.iku(c.key, f"{base}_tw{other}")
        if value is not None and agrees(c.stated, value):
            return f"sama dengan {base} {tw(other)} ({c.show(value)})"
    return None


def shifted_row(c: Check) -> str | None:
    if c.index is None or not _nonzero(c.stated.number):
        return None
    for j, where in ((c.index - 1, "di atas"), (c.index + 1, "di bawah")):
        if not 0 <= j < len(c.rows):
            continue
        neighbour = c.rows[j]
        try:
            value = c.lookup.get(c.kind, neighbour.key, c.field)
        except NotInData:
            continue
        if value is not None and agrees(c.stated, value):
            name = f"IKU {neighbour.key}" if c.kind == "iku" else str(neighbour.key)
            return (
                f"sama dengan angka baris {where} ({name}: {c.show(value)}): "
                "nilai bergeser satu baris"
            )
    return None


def shared_line(c: Check) -> str | None:
    if c.kind != "iku" or c.field not in BUDGET or not _nonzero(c.computed):
        return None
    assert isinstance(c.key, int)
    shared = c.lookup.shared_with(c.key)
    if len(shared) < 2:
        return None
    for row in c.rows:
        fig = row.figures.get(c.field)
        if row.key != c.key and row.key in shared and fig is not None and agrees(fig, c.computed):
            names = ", ".join(map(str, shared[:-1])) + f" dan {shared[-1]}"
            return (
                f"satu baris anggaran mendanai IKU {names}; angkanya ({fig.text}) "
                f"tercetak pada baris IKU {row.key}"
            )
    return None


_CAPAIAN_FIELDS = ("capaian", "capaian_kumulatif", *(f"capaian_tw{q}" for q in range(1, 5)))


def _zero_target(c: Check) -> bool:
    """A capaian lkj does not compute because the IKU's annual target is 0."""
    if c.kind != "iku" or c.field not in _CAPAIAN_FIELDS or c.computed is not None:
        return False
    assert isinstance(c.key, int)
    target = c.lookup.indicator(c.key).target
    return isinstance(target, Decimal) and target == 0


def zero_target(c: Check) -> str | None:
    if not _zero_target(c):
        return None
    return (
        "target tahunan 0: capaian tidak dapat dihitung (pembagian dengan nol), "
        "laporan mencetak sebuah angka"
    )


def cumulation(c: Check) -> str | None:
    if c.kind != "iku" or c.field not in ("capaian_kumulatif", "realisasi_kumulatif"):
        return None
    if _zero_target(c):  # no rule gives a capaian against 0
        return None
    assert isinstance(c.key, int)
    ind = c.lookup.indicator(c.key)
    if ind.is_predikat:
        return None
    quarters = c.lookup.summary.data.quarters(c.key, c.lookup.period)
    own = ind.kumulasi.label
    alternatives = [f"{own} (aturan indikator ini) {c.show(c.computed)}"]
    for rule in Kumulasi:
        if rule is ind.kumulasi:
            continue
        value = realisation_to_date(replace(ind, kumulasi=rule), quarters)
        if c.field == "capaian_kumulatif":
            value = capaian(ind, value, ind.target)
        if value is not None and agrees(c.stated, value):
            return (
                f"mengikuti aturan kumulasi {rule.label} ('{rule.value}'), padahal indikator ini "
                f"dikumulasikan menurut {own} ('{ind.kumulasi.value}')"
            )
        alternatives.append(
            f"{rule.label} " + (c.show(value) if value is not None else "tidak dapat dihitung")
        )
    return "tidak mengikuti aturan kumulasi mana pun: " + "; ".join(alternatives)


def own_row(c: Check) -> str | None:
    """A percentage that does not follow from the other figures printed in its own row."""
    figs = c.row_figures
    base, q = split(c.field, c.lookup.period)
    if c.field == "persen_anggaran":
        pagu, real = figs.get("pagu"), figs.get("realisasi_anggaran")
        if pagu is None or real is None or pagu.number is None or real.number is None:
            return None
        value = absorption(real.number, pagu.number)
        if value is None or agrees(c.stated, value) or truncated(replace(c, computed=value)):
            return None
        return (
            f"tidak sesuai dengan pagu dan realisasi pada baris yang sama "
            f"({real.text} / {pagu.text} = {fmt.angka(value, 2)}%)"
        )
    if c.kind != "iku" or base not in ("realisasi", "capaian") or q is None:
        return None
    suffixes = [f"_tw{q}", *([""] if q == c.lookup.period.quarter else [])]
    num = next((figs[f] for s in suffixes if (f := "pembilang" + s) in figs), None)
    den = next((figs[f] for s in suffixes if (f := "penyebut" + s) in figs), None)
    if num is None or den is None or num.number is None or not den.number:
        return None
    assert isinstance(c.key, int)
    ind = c.lookup.indicator(c.key)
    value = percent(num.number, den.number)
    if base == "capaian":
        value = capaian(ind, value, ind.target)
    if value is None or agrees(c.stated, value) or truncated(replace(c, computed=value)):
        return None
    return (
        f"tidak sesuai dengan angka pada baris yang sama ({num.text} / {den.text} = "
        f"{fmt.angka(value, 2)}%)"
    )


def _complete(place: Place, c: Check, field: str) -> list[Figure] | None:
    """The place's printed ``field`` for every IKU, or None when it does not print them all."""
    figs = {row.key: row.figures.get(field) for row in place.rows_of("iku")}
    out = []
    for r in c.lookup.summary.indicators:
        fig = figs.get(r.iku)
        if fig is None or fig.number is None:
            return None
        out.append(fig)
    return out


def follows_printed(c: Check) -> str | None:
    """A mean or a count that follows from the cumulative capaian printed in some table."""
    if c.kind != "angka" or (c.field != "capaian_rata_rata" and c.field not in COUNTS):
        return None
    period = tw(c.lookup.period.quarter)
    for place in c.published.places:
        figs = _complete(place, c, "capaian_kumulatif")
        if figs is None:
            continue
        wrong = any(
            not agrees(f, c.lookup.summary.result(r.iku).capaian_kumulatif)
            for f, r in zip(figs, c.lookup.summary.indicators, strict=True)
        )
        tail = ", yang memuat selisih tersendiri" if wrong else ""
        numbers = [f.number for f in figs if f.number is not None]
        if c.field == "capaian_rata_rata":
            value = mean(numbers)
            if agrees(c.stated, value):
                return (
                    f"sama dengan rata-rata capaian s.d. {period} sebagaimana tercetak "
                    f"pada {place.name} ({exact(value)}){tail}"
                )
        else:
            n = count_of(COUNT_KELAS[c.field], [classify(v) for v in numbers])
            if agrees(c.stated, Decimal(n)):
                return (
                    f"sama dengan hitungan dari capaian s.d. {period} yang tercetak pada "
                    f"{place.name}{tail}"
                )
    return None


def contradicts_counts(c: Check) -> str | None:
    """A count of targets met that contradicts the counts above and at 100% printed elsewhere."""
    if c.kind != "angka" or c.field != "jumlah_tercapai":
        return None
    found: dict[str, tuple[Figure, str]] = {}
    for place in c.published.places:
        for field in ("jumlah_di_atas_100", "jumlah_100"):
            fig = place.angka.get(field)
            if fig is not None and fig.number is not None and field not in found:
                found[field] = (fig, place.name)
    if len(found) < 2:
        return None
    (above, where_a), (at, where_b) = found["jumlah_di_atas_100"], found["jumlah_100"]
    assert above.number is not None and at.number is not None
    total = above.number + at.number
    if agrees(c.stated, total):
        return None
    places = where_a if where_a == where_b else f"{where_a} dan {where_b}"
    return (
        f"bertentangan dengan jumlah yang tercetak pada laporan yang sama ({places}): "
        f"{above.text} di atas 100% dan {at.text} tepat 100%, jadi {fmt.angka(total)}"
    )


def end_date(c: Check) -> str | None:
    """An agreement's end date (a supporting table with masa_berlaku) printed from another
    term than the one in the data."""
    if c.kind in ("angka", "iku", "kegiatan") or c.field != BERAKHIR or c.stated.date is None:
        return None
    spec = c.lookup.table(c.kind).spec.masa_berlaku
    if spec is None or c.key is None:
        return None
    tmt = c.lookup.row(c.kind, c.key, spec.mulai)
    term = c.lookup.row(c.kind, c.key, spec.jangka_tahun)
    if not isinstance(tmt, date) or not isinstance(term, Decimal):
        return None
    text = f"TMT {c.show(tmt)} + {fmt.angka(term)} tahun = {c.show(c.computed)}"
    years = c.stated.date.year - tmt.year
    if add_years(tmt, years) == c.stated.date:
        text += f"; tanggal tercetak = TMT + {years} tahun"
    return text


def elsewhere(c: Check) -> str | None:
    """Other places of the report that print the computed value for the same figure."""
    agreeing = []
    for place in c.published.places:
        if place is c.place:
            continue
        if c.kind == "angka":
            fig = place.angka.get(c.field)
        else:
            fig = next(
                (r.figures.get(c.field) for r in place.rows_of(c.kind) if r.key == c.key), None
            )
        if fig is not None and agrees(fig, c.computed):
            agreeing.append(f"{place.name} ({fig.text})")
    if not agreeing:
        return None
    listed = ", ".join(agreeing[:3]) + (
        f" dan {len(agreeing) - 3} tempat lain" if len(agreeing) > 3 else ""
    )
    return f"bertentangan dengan {listed} pada laporan yang sama"


RECOGNISERS: tuple[Callable[[Check], str | None], ...] = (
    zero_target,
    truncated,
    quarterly_target,
    other_quarter,
    shifted_row,
    shared_line,
    cumulation,
    own_row,
    follows_printed,
    contradicts_counts,
    end_date,
    elsewhere,
)
UNKNOWN = "penyebab tidak dikenali"


def explain(check: Check) -> str:
    """All recognised causes of one disagreement, joined; or that none is recognised."""
    notes = [n for recognise in RECOGNISERS if (n := recognise(check))]
    return "; ".join(notes) if notes else UNKNOWN
