"""Everything a chapter notebook needs, loaded and checked in one call."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lkj.audit.prose import ProseAudit, check_report
from lkj.figures.placeholders import context
from lkj.figures.previous import EarlierQuarter, same_quarter_last_year
from lkj.figures.summary import Summary, summarise
from lkj.inputs.history import YearResult, load_history, load_standards
from lkj.inputs.narrative import NarrativeFolder
from lkj.inputs.params import ReportParams, load_params
from lkj.inputs.project import Project
from lkj.inputs.renstra import RenstraTargets, load_renstra
from lkj.inputs.support import SupportTable, fill, load_tables
from lkj.inputs.unit import UnitInfo
from lkj.report.prose import Narasi
from lkj.rules.indicators import Target
from lkj.rules.periods import Period


@dataclass(frozen=True)
class ReportContext:
    """One unit's report for one period: params, computed figures and the analysts' prose."""

    project: Project
    unit: str
    period: Period
    params: ReportParams
    summary: Summary
    narasi: Narasi
    tables: tuple[SupportTable, ...] = ()
    # the annual report's earlier years per IKU (docs/annual.md); empty for a quarter
    history: dict[int, tuple[YearResult, ...]] = field(default_factory=dict)
    # each IKU's Renstra targets (renstra.csv), for either report
    renstra: dict[int, RenstraTargets] = field(default_factory=dict)
    # each IKU's national standard (standar.csv), for the annual report
    standar: dict[int, Target] = field(default_factory=dict)
    # each IKU's figures to the same quarter of the previous year, for a quarter's report
    previous: dict[int, EarlierQuarter] = field(default_factory=dict)

    @property
    def info(self) -> UnitInfo:
        return self.summary.data.info

    @property
    def singkatan(self) -> str:
        return self.info.singkatan

    def fill(self, text: str) -> str:
        """A caption from params with {singkatan} and {triwulan} filled in."""
        return fill(text, self.singkatan, self.period)

    def tables_of(self, iku: int, letak: str) -> list[SupportTable]:
        """The supporting tables of an IKU's evaluation placed ``letak``, in params order."""
        return [t for t in self.tables if t.spec.iku == iku and t.spec.letak == letak]

    @cached_property
    def prose_check(self) -> ProseAudit:
        """The figures of the analysts' prose against lkj's (:mod:`lkj.audit.prose`)."""
        return check_report(self.summary, self.project)

    @property
    def periode(self) -> str:
        """``Triwulan II 2025``, or ``Tahun 2025`` for the annual report."""
        return self.period.title


def load_report(
    unit: str | None = None, period: str | Period = "", root: str | Path | None = None
) -> ReportContext:
    """Params, data and prose of ``unit`` for ``period``; any problem is an LkjError."""
    project = Project.at(root)
    when = Period.parse(period) if isinstance(period, str) else period
    name = project.resolve_unit(unit, when)
    params = load_params(project, name, when)
    summary = summarise(when, name, project)
    indicators = {i.iku: i for i in summary.data.indicators}
    tables = load_tables(project, name, when, params, indicators)
    narasi = Narasi(NarrativeFolder.of(project, name, when), when, context(summary))
    narasi.check()
    found = summary.data.indicators
    history = load_history(project, name, when.year, found) if when.annual else {}
    renstra = load_renstra(project, name, summary.data.info, when.year, found)
    standar = load_standards(project, name, when.year, found) if when.annual else {}
    previous = same_quarter_last_year(project, name, when, found)
    return ReportContext(
        project, name, when, params, summary, narasi, tables, history, renstra, standar, previous
    )
