"""Earlier years and national standards for the annual report.

``data/<unit>/<earlier year>/hasil.csv`` holds each indicator's result of that year and
``data/<unit>/<year>/standar.csv`` a national standard per indicator, both matched to the
year's indicators by their stable code (``kode`` of indikator.csv, or a former code in
``kode_lama``). docs/annual.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from lkj.inputs.files import Row, read_csv
from lkj.inputs.project import Project
from lkj.inputs.values import Kind
from lkj.rules.indicators import Indicator, Target, Value

HISTORY_FILE = "hasil.csv"
STANDARD_FILE = "standar.csv"
DOC = "docs/annual.md"


@dataclass(frozen=True)
class YearResult:
    """One indicator's result in an earlier year: its realisation and, when given, its
    target (None: not measured, or not given)."""

    year: int
    realisasi: Value | None
    target: Target | None = None


def matched(row: Row, indicators: tuple[Indicator, ...], unit: str, year: int) -> Indicator:
    """The indicator of ``year`` whose code (or former code) is the row's ``kode``."""
    code = row.text("kode").strip()
    match = [i for i in indicators if i.matches(code)]
    if len(match) != 1:
        raise row.error(
            "kode",
            f"no indicator of {year} has this code"
            if not match
            else f"several indicators of {year} have this code",
            f"the kode of one indicator in data/{unit}/{year}/indikator.csv, or one of "
            f"its kode_lama when its code changed ({DOC})",
        )
    return match[0]


def load_standards(
    project: Project, unit: str, year: int, indicators: tuple[Indicator, ...]
) -> dict[int, Target]:
    """``data/<unit>/<year>/standar.csv``: a national standard (benchmark) per indicator,
    optional."""
    path = project.unit_dir(unit) / str(year) / STANDARD_FILE
    if not path.is_file():
        return {}
    found: dict[int, Target] = {}
    for row in read_csv(path, project.display(path), ["kode", "standar"], root=project.root):
        ind = matched(row, indicators, unit, year)
        if ind.iku in found:
            raise row.error("kode", f"IKU {ind.iku} already has a standard", "one row")
        kind = Kind(ind.iku, ind.jenis, ind.satuan, ind.polaritas, ind.skala)
        found[ind.iku] = kind.target(row, "standar")
    return found


def load_history(
    project: Project, unit: str, year: int, indicators: tuple[Indicator, ...]
) -> dict[int, tuple[YearResult, ...]]:
    """Each IKU's results of the years before ``year`` that have a ``hasil.csv``, oldest first;
    a row whose code matches no indicator of ``year`` is an error naming file, row and column."""
    found: dict[int, list[YearResult]] = {}
    unit_dir = project.unit_dir(unit)
    earlier = sorted(
        int(p.name)
        for p in unit_dir.iterdir()
        if p.is_dir() and p.name.isdigit() and len(p.name) == 4 and int(p.name) < year
    )
    for y in earlier:
        path = unit_dir / str(y) / HISTORY_FILE
        if not path.is_file():
            continue
        shown = project.display(path)
        seen: set[int] = set()
        for row in read_csv(path, shown, ["kode", "realisasi"], ("target",), root=project.root):
            ind = matched(row, indicators, unit, year)
            if ind.iku in seen:
                raise row.error("kode", f"IKU {ind.iku} already has a row for {y}", "one row")
            seen.add(ind.iku)
            kind = Kind(ind.iku, ind.jenis, ind.satuan, ind.polaritas, ind.skala)
            target = kind.target(row, "target") if row.text("target", required=False) else None
            found.setdefault(ind.iku, []).append(
                YearResult(y, kind.realisation(row, "realisasi"), target)
            )
    return {iku: tuple(results) for iku, results in found.items()}
