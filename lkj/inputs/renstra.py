"""Renstra (medium-term) targets: ``data/<unit>/renstra.csv``, each indicator's target for
years of the Renstra period and its final target, matched to the year's indicators by their
stable code (docs/annual.md#renstra-targets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lkj.errors import DataError
from lkj.inputs.files import Row, read_csv
from lkj.inputs.history import matched
from lkj.inputs.project import Project
from lkj.inputs.unit import UnitInfo
from lkj.inputs.values import Kind
from lkj.rules.indicators import Indicator, Target

RENSTRA_FILE = "renstra.csv"
FINAL = "akhir"
DOC = "docs/annual.md"
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-\u2013]\s*(\d{4})\s*$")


@dataclass(frozen=True)
class RenstraTargets:
    """One indicator's Renstra targets: per year, and the final one (the last year's)."""

    first: int
    last: int
    per_year: dict[int, Target]

    @property
    def final(self) -> Target | None:
        return self.per_year.get(self.last)


def load_renstra(
    project: Project, unit: str, info: UnitInfo, year: int, indicators: tuple[Indicator, ...]
) -> dict[int, RenstraTargets]:
    """The Renstra targets of each IKU of ``year`` (none without ``renstra.csv``)."""
    path = project.unit_dir(unit) / RENSTRA_FILE
    if not path.is_file():
        return {}
    shown = project.display(path)
    period = _PERIOD.match(info.renstra.periode) if info.renstra else None
    if period is None:
        raise DataError(
            project.display(project.unit_dir(unit) / "unit.yaml"),
            "Renstra targets without the Renstra period",
            key="renstra.periode",
            expected=f"the years of the Renstra, e.g. 2025-2029, for {shown} ({DOC})",
        )
    first, last = int(period[1]), int(period[2])
    targets: dict[int, dict[int, Target]] = {}
    finals: dict[int, tuple[Target, Row]] = {}
    for row in read_csv(path, shown, ["kode", "tahun", "target"], root=project.root):
        ind = matched(row, indicators, unit, year)
        kind = Kind(ind.iku, ind.jenis, ind.satuan, ind.polaritas, ind.skala)
        target = kind.target(row, "target")
        when = row.text("tahun").strip().lower()
        if when == FINAL:
            finals[ind.iku] = (target, row)
            continue
        if not (when.isdigit() and first <= int(when) <= last):
            raise row.error(
                "tahun",
                f"not a year of the Renstra {first}-{last}",
                f"a year from {first} to {last}, or '{FINAL}' for the final target",
            )
        per_year = targets.setdefault(ind.iku, {})
        if int(when) in per_year:
            raise row.error("tahun", f"IKU {ind.iku} already has a target for {when}", "one")
        per_year[int(when)] = target
    for iku, (target, row) in finals.items():
        per_year = targets.setdefault(iku, {})
        stated = per_year.get(last)
        if stated is not None and stated != target:
            raise row.error(
                "target",
                f"the final target contradicts the target of {last}, the Renstra's last year",
                f"the same value as the row for {last}, or only one of the two",
            )
        per_year[last] = target
    return {iku: RenstraTargets(first, last, per_year) for iku, per_year in targets.items()}
