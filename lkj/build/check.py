"""``lkj check PERIOD``: every input of a report validated without building it, every problem
listed (not only the first), one line each.

What is checked: unit.yaml and every data file of the year (row by row), that the data reach
the period, the params and the supporting tables they declare, the analysts' prose files, and
the transcription of the published report when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lkj.errors import LkjError, Problems
from lkj.figures.previous import same_quarter_last_year
from lkj.figures.summary import compute
from lkj.figures.support import compute_table
from lkj.inputs.narrative import NarrativeFolder
from lkj.inputs.history import load_history, load_standards
from lkj.inputs.renstra import load_renstra
from lkj.inputs.params import load_params, params_path
from lkj.inputs.project import Project
from lkj.inputs.support import SupportTable, load_tables
from lkj.inputs.unit import load
from lkj.rules.periods import Period


@dataclass
class CheckResult:
    """What ``lkj check`` found for one unit and period."""

    unit: str
    period: Period
    problems: list[LkjError] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # what was read, for the summary line

    @property
    def ok(self) -> bool:
        return not self.problems


def check(project: Project, unit: str | None, period: Period | str) -> CheckResult:
    """Validate every input of ``unit``'s report for ``period``; never raises for bad input
    (an unknown unit or a malformed period still does: there is nothing to check)."""
    from lkj.audit import audit_summary, default_path
    from lkj.figures.placeholders import context
    from lkj.report.prose import Narasi

    when = Period.parse(period) if isinstance(period, str) else period
    name = project.resolve_unit(unit, when)
    problems = Problems(collect=True)
    result = CheckResult(name, when, problems.errors)
    data = None
    with problems.guard():
        data = load(project, name, when.year, problems)
        result.checked.append(f"data/{name}/{when.year}")
    data_ok = not problems.errors  # the transcription is checked against complete data only
    if data is not None and when.annual:  # the earlier years the annual report compares
        with problems.guard():
            load_history(project, name, when.year, data.indicators)
        with problems.guard():
            load_standards(project, name, when.year, data.indicators)
    if data is not None:  # the Renstra targets and the previous year both reports compare
        with problems.guard():
            load_renstra(project, name, data.info, when.year, data.indicators)
        with problems.guard():
            same_quarter_last_year(project, name, when, data.indicators)
    summary = None
    if data is not None:
        with problems.guard():
            summary = compute(data, when)
    params = None
    with problems.guard():
        params = load_params(project, name, when, problems)
        result.checked.append(project.display(params_path(project, name, when)))
    tables: tuple[SupportTable, ...] = ()
    if params is not None and data is not None:
        indicators = {i.iku: i for i in data.indicators}
        tables = load_tables(project, name, when, params, indicators, problems)
    with problems.guard():
        placeholders = context(summary) if summary is not None else None
        Narasi(NarrativeFolder.of(project, name, when), when, placeholders).check(problems)
    published = default_path(project.unit_dir(name), when)
    if summary is not None and data_ok and published.is_file():
        with problems.guard():
            figures = tuple(compute_table(summary, t) for t in tables if t.file is not None)
            audit_summary(summary, project, tables=figures)
            result.checked.append(project.display(published))
    return result
