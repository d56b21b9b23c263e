"""The computed figures of one report: every IKU's capaian, the counts, the budget."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lkj.errors import Problems
from lkj.figures import format as fmt
from lkj.inputs.project import Project
from lkj.inputs.unit import UnitYear, load
from lkj.rules.achievement import (
    Kelas,
    TidakTerukur,
    capaian,
    classify,
    is_capped,
    overall,
    unmeasurable,
)
from lkj.rules.budget import BudgetGroup, absorption, group_by_goal
from lkj.rules.cumulation import realisation_of_year, realisation_to_date, unmeasured_quarters
from lkj.rules.decimals import round2, to_json_number
from lkj.rules.indicators import Indicator, Predikat, Rentang, Target, Value
from lkj.rules.periods import Period


@dataclass(frozen=True)
class IndicatorResult:
    """One IKU in one period: the quarter's and the year-to-date figures (unrounded)."""

    indicator: Indicator
    sasaran: str
    target: Target
    target_triwulan: Target | None  # None: annual target only
    realisasi: Value | None  # None: not measured
    capaian: Decimal | None
    realisasi_kumulatif: Value | None
    capaian_kumulatif: Decimal | None
    realisasi_per_triwulan: tuple[Value | None, ...]
    # why capaian_kumulatif is None (not measured yet, or a target of 0 to exceed)
    tidak_terukur: TidakTerukur | None = None
    # the quarters to date without a realisation
    belum_diukur: tuple[int, ...] = ()
    # whether the unit's cap lowered the quarter's or the cumulative capaian
    dibatasi: bool = False

    @property
    def iku(self) -> int:
        return self.indicator.iku

    @property
    def kelas(self) -> Kelas:
        return classify(self.capaian_kumulatif)


@dataclass(frozen=True)
class Summary:
    """All computed figures of a unit's report for a period."""

    data: UnitYear
    period: Period
    indicators: tuple[IndicatorResult, ...]
    capaian_rata_rata: Decimal | None
    pagu: Decimal | None  # None: no anggaran.yaml
    realisasi_anggaran: Decimal | None
    budget_groups: tuple[BudgetGroup, ...]

    @property
    def unit(self) -> str:
        return self.data.unit

    @property
    def persen_anggaran(self) -> Decimal | None:
        return None if self.pagu is None else absorption(self.realisasi_anggaran, self.pagu)

    @property
    def batas_capaian(self) -> Decimal | None:
        """The unit's cap on an individual capaian (None: no cap)."""
        return self.data.info.batas_capaian

    @property
    def capped(self) -> tuple[int, ...]:
        """The IKU whose capaian the cap lowered."""
        return tuple(r.iku for r in self.indicators if r.dibatasi)

    @property
    def has_budget(self) -> bool:
        """Whether the data hold a total budget (anggaran.yaml)."""
        return self.pagu is not None

    def count(self, kelas: Kelas) -> int:
        return sum(1 for r in self.indicators if r.kelas is kelas)

    def result(self, iku: int) -> IndicatorResult:
        return next(r for r in self.indicators if r.iku == iku)

    def to_json(self) -> dict[str, Any]:
        """The machine-readable summary (percents as numbers, predicates as strings)."""
        return {
            "unit": self.unit,
            "period": self.period.slug,
            "indicators": [
                {
                    "iku": r.iku,
                    "sasaran": r.sasaran,
                    "indikator": r.indicator.nama,
                    "jenis": r.indicator.jenis.value,
                    "satuan": r.indicator.satuan,
                    "target": _json(r.target),
                    "realisasi": _json(r.realisasi),
                    "capaian": _json(r.capaian),
                    "realisasi_kumulatif": _json(r.realisasi_kumulatif),
                    "capaian_kumulatif": _json(r.capaian_kumulatif),
                }
                for r in self.indicators
            ],
            "capaian_rata_rata": _json(self.capaian_rata_rata),
            "jumlah_di_atas_100": self.count(Kelas.DI_ATAS),
            "jumlah_100": self.count(Kelas.TEPAT),
            "jumlah_di_bawah_100": self.count(Kelas.DI_BAWAH),
            "jumlah_tidak_terukur": self.count(Kelas.TIDAK_TERUKUR),
            "anggaran": None
            if self.pagu is None
            else {
                "pagu": _json(self.pagu),
                "realisasi": _json(self.realisasi_anggaran),
                "persen": _json(self.persen_anggaran),
            },
        }

    def to_table(self) -> str:
        """A plain-text table for people, numbers in Indonesian format."""
        head = ("IKU", "Target", "Realisasi", "Capaian", "Kumulatif", "Capaian s.d.")
        rows = [
            (
                str(r.iku),
                fmt.nilai(r.indicator, r.target),
                fmt.nilai(r.indicator, r.realisasi),
                fmt.persen(r.capaian),
                fmt.nilai(r.indicator, r.realisasi_kumulatif),
                fmt.persen(r.capaian_kumulatif),
            )
            for r in self.indicators
        ]
        widths = [max(len(x[i]) for x in [head, *rows]) for i in range(len(head))]
        lines = [
            f"{self.data.info.singkatan}, {self.period.title}",
            "",
            "  ".join(
                h.rjust(w) if i else h.ljust(w)
                for i, (h, w) in enumerate(zip(head, widths, strict=True))
            ),
        ]
        for row in rows:
            lines.append(
                "  ".join(
                    c.rjust(w) if i else c.ljust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )
        lines += [
            "",
            f"Capaian rata-rata s.d. {self.period.label}: {fmt.persen(self.capaian_rata_rata)}",
            "   ".join(f"{k.label.capitalize()}: {self.count(k)}" for k in Kelas),
        ]
        if self.pagu is not None:
            lines.append(
                f"Anggaran: pagu {fmt.rupiah(self.pagu)}, realisasi "
                f"{fmt.rupiah(self.realisasi_anggaran)} ({fmt.persen(self.persen_anggaran)})"
            )
        return "\n".join(lines)


def _json(value: Target | None) -> int | float | str | list[int | float] | None:
    if value is None:
        return None
    if isinstance(value, Predikat):
        return value.kata if value.skor is None else f"{value.kata} ({value.skor})"
    if isinstance(value, Rentang):
        return [to_json_number(round2(value.bawah)), to_json_number(round2(value.atas))]
    return to_json_number(round2(value))


def compute(data: UnitYear, period: Period) -> Summary:
    """Compute every figure of the report for ``period`` from validated data."""
    data.check_period(period)
    cap = data.info.batas_capaian
    results = []
    for ind in data.indicators:
        quarters = data.quarters(ind.iku, period)
        real = quarters[-1].nilai
        cumul = (realisation_of_year if period.annual else realisation_to_date)(ind, quarters)
        per_q = tuple(
            (r.nilai if (r := data.realisation(ind.iku, q)) is not None else None)
            for q in range(1, 5)
        )
        results.append(
            IndicatorResult(
                indicator=ind,
                sasaran=data.sasaran[ind.sasaran],
                target=ind.target,
                target_triwulan=ind.quarter_target(period.quarter),
                realisasi=real,
                capaian=capaian(ind, real, ind.target, batas=cap),
                realisasi_kumulatif=cumul,
                capaian_kumulatif=capaian(ind, cumul, ind.target, batas=cap),
                realisasi_per_triwulan=per_q,
                tidak_terukur=unmeasurable(ind, cumul, ind.target),
                belum_diukur=tuple(unmeasured_quarters(quarters)),
                dibatasi=is_capped(ind, real, ind.target, cap)
                or is_capped(ind, cumul, ind.target, cap),
            )
        )
    budget_real = data.budget_realisations.get(period.quarter)
    groups = group_by_goal(
        list(data.budget_lines), {i.iku: i.sasaran for i in data.indicators}, budget_real
    )
    anggaran = data.anggaran
    return Summary(
        data=data,
        period=period,
        indicators=tuple(results),
        capaian_rata_rata=overall([r.capaian_kumulatif for r in results]),
        pagu=None if anggaran is None else anggaran.pagu,
        realisasi_anggaran=None if anggaran is None else anggaran.realisasi.get(period.quarter),
        budget_groups=tuple(groups),
    )


def summarise(
    period: Period | str,
    unit: str | None = None,
    project: Project | None = None,
    problems: Problems | None = None,
) -> Summary:
    """Load the data of ``unit`` and compute the summary of ``period`` in one call."""
    project = project or Project.at()
    period = Period.parse(period) if isinstance(period, str) else period
    name = project.resolve_unit(unit, period)
    return compute(load(project, name, period.year, problems), period)
