"""Everything a chapter notebook needs, loaded and checked in one call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lkj.errors import ParamsError
from lkj.figures.summary import Summary, summarise
from lkj.inputs.narrative import NarrativeFolder
from lkj.inputs.params import ReportParams, load_params, params_path
from lkj.inputs.project import Project
from lkj.inputs.unit import UnitInfo
from lkj.report.prose import Narasi
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

    @property
    def info(self) -> UnitInfo:
        return self.summary.data.info

    @property
    def singkatan(self) -> str:
        return self.info.singkatan

    @property
    def periode(self) -> str:
        """``Triwulan II 2025``."""
        return f"{self.period.label} {self.period.year}"


def load_report(
    unit: str | None = None, period: str | Period = "", root: str | Path | None = None
) -> ReportContext:
    """Params, data and prose of ``unit`` for ``period``; any problem is an LkjError."""
    project = Project.at(root)
    name = project.resolve_unit(unit)
    when = Period.parse(period) if isinstance(period, str) else period
    params = load_params(project, name, when)
    summary = summarise(when, name, project)
    _check_params(project, name, when, params, summary)
    narasi = Narasi(NarrativeFolder.of(project, name, when), when)
    narasi.check()
    return ReportContext(project, name, when, params, summary, narasi)


def _check_params(
    project: Project, unit: str, period: Period, params: ReportParams, summary: Summary
) -> None:
    """Cross-check params against the data (an IKU named in params must exist)."""
    shown = project.display(params_path(project, unit, period))
    ikus = {r.iku for r in summary.indicators}
    for n, item in enumerate(params.tabel_pendukung):
        key = f"tabel_pendukung.{n}.iku"
        if item.iku not in ikus:
            raise ParamsError(
                shown,
                f"IKU {item.iku} is not in the performance agreement",
                key=key,
                expected="an IKU listed in indikator.csv",
            )
        ind = summary.result(item.iku).indicator
        if item.tabel == "pencatatan_aduan" and not (ind.label_pembilang and ind.label_penyebut):
            raise ParamsError(
                shown,
                f"IKU {item.iku} has no counts to show",
                key=f"tabel_pendukung.{n}.tabel",
                expected="pencatatan_aduan only for an IKU with label_pembilang and "
                "label_penyebut in indikator.csv",
            )
