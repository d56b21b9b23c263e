"""Budget ceilings (pagu), realisations and absorption."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lkj.rules.decimals import percent


def absorption(realisasi: Decimal | None, pagu: Decimal) -> Decimal | None:
    """Realisation / ceiling x 100, unrounded; None without a realisation or a ceiling."""
    if realisasi is None or pagu <= 0:
        return None
    return percent(realisasi, pagu)


@dataclass(frozen=True)
class BudgetLine:
    """One line of the budget table: a ceiling funding one or more IKU."""

    baris: int
    ikus: tuple[int, ...]
    pagu: Decimal


@dataclass(frozen=True)
class BudgetGroup:
    """Budget lines of one or more strategic goals that share a line, with their totals."""

    sasaran: tuple[int, ...]
    lines: tuple[BudgetLine, ...]
    pagu: Decimal
    realisasi: Decimal | None

    @property
    def persen(self) -> Decimal | None:
        return absorption(self.realisasi, self.pagu)


def group_by_goal(
    lines: list[BudgetLine],
    goal_of_iku: dict[int, int],
    realisasi: dict[int, Decimal] | None,
) -> list[BudgetGroup]:
    """Group budget lines per strategic goal; goals joined by a shared line form one group.

    ``realisasi`` maps line number to its realisation at the period's end (None: not reported).
    """
    groups: list[tuple[set[int], list[BudgetLine]]] = []
    for line in lines:
        goals = {goal_of_iku[i] for i in line.ikus}
        joined = [g for g in groups if g[0] & goals]
        merged_goals, merged_lines = set(goals), [line]
        for g in joined:
            merged_goals |= g[0]
            merged_lines = g[1] + merged_lines
            groups.remove(g)
        groups.append((merged_goals, merged_lines))
    result = []
    for goals, group_lines in sorted(groups, key=lambda g: min(g[0])):
        ordered = sorted(group_lines, key=lambda b: b.baris)
        pagu = sum((b.pagu for b in ordered), Decimal(0))
        real: Decimal | None = None
        if realisasi is not None:
            real = sum((realisasi.get(b.baris, Decimal(0)) for b in ordered), Decimal(0))
        result.append(BudgetGroup(tuple(sorted(goals)), tuple(ordered), pagu, real))
    return result


@dataclass(frozen=True)
class KegiatanBudget:
    """One kegiatan of a program in the year's budget: its ceiling and its realisation."""

    program: str
    kegiatan: str
    pagu: Decimal
    realisasi: Decimal
    ikus: tuple[int, ...] = ()  # the IKU it supports, when the data say so

    @property
    def persen(self) -> Decimal | None:
        return absorption(self.realisasi, self.pagu)


@dataclass(frozen=True)
class ProgramBudget:
    """A program: its kegiatan and their sums (a program's figures are never entered apart
    from its kegiatan, so they cannot disagree)."""

    program: str
    kegiatan: tuple[KegiatanBudget, ...]

    @property
    def pagu(self) -> Decimal:
        return sum((k.pagu for k in self.kegiatan), Decimal(0))

    @property
    def realisasi(self) -> Decimal:
        return sum((k.realisasi for k in self.kegiatan), Decimal(0))

    @property
    def persen(self) -> Decimal | None:
        return absorption(self.realisasi, self.pagu)


def by_program(lines: list[KegiatanBudget]) -> tuple[ProgramBudget, ...]:
    """The kegiatan grouped by program, programs in the order they first appear."""
    groups: dict[str, list[KegiatanBudget]] = {}
    for line in lines:
        groups.setdefault(line.program, []).append(line)
    return tuple(ProgramBudget(name, tuple(group)) for name, group in groups.items())


def supporting(programs: tuple[ProgramBudget, ...], iku: int) -> tuple[ProgramBudget, ...]:
    """The programs with only their kegiatan that support ``iku`` (programs without one left
    out), in order."""
    found = (
        ProgramBudget(p.program, tuple(k for k in p.kegiatan if iku in k.ikus)) for p in programs
    )
    return tuple(p for p in found if p.kegiatan)


def program_totals(programs: tuple[ProgramBudget, ...]) -> tuple[Decimal, Decimal]:
    """The ceiling and the realisation of all programs."""
    return (
        sum((p.pagu for p in programs), Decimal(0)),
        sum((p.realisasi for p in programs), Decimal(0)),
    )
