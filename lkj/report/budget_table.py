"""Tabel 2.19: budget against performance, per strategic goal and indicator."""

from __future__ import annotations

from decimal import Decimal

from lkj.figures import format as fmt
from lkj.report.blocks import TableFigure
from lkj.report.context import ReportContext
from lkj.report.table import Cell, Table, c, num, row, spanned, strong, table_block
from lkj.rules.budget import BudgetLine, absorption


def _line_rows(lines: tuple[BudgetLine, ...], ikus: list[int]) -> dict[int, BudgetLine]:
    """The first IKU row of each budget line; a line's IKUs must be consecutive rows."""
    firsts: dict[int, BudgetLine] = {}
    for line in lines:
        positions = sorted(ikus.index(i) for i in line.ikus)
        if positions != list(range(positions[0], positions[0] + len(positions))):
            raise ValueError(f"budget line {line.baris} funds IKU that are not adjacent rows")
        firsts[ikus[positions[0]]] = line
    return firsts


def anggaran_kinerja(ctx: ReportContext) -> TableFigure:
    """Budget ceiling, realisation and absorption of each line (spanning the IKU it funds),
    beside each IKU's target, the quarter's realisation and capaian, and capaian to date."""
    s = ctx.summary
    label = ctx.period.label
    results = s.indicators
    realised = s.data.budget_realisations.get(ctx.period.quarter)
    firsts = _line_rows(s.data.budget_lines, [r.iku for r in results])
    funded = {i for line in s.data.budget_lines for i in line.ikus}
    numbers = spanned(
        results,
        lambda r: r.indicator.sasaran,
        lambda r, n: num(str(r.indicator.sasaran), rowspan=n),
    )
    goals = spanned(
        results,
        lambda r: r.indicator.sasaran,
        lambda r, n: Cell(r.sasaran, rowspan=n, cls="lkj-sasaran"),
    )
    head = [
        [
            c("No", rowspan=2),
            c("Sasaran Strategis", rowspan=2),
            c("IKU", rowspan=2),
            c("Anggaran (Rp)", colspan=3),
            c("Kinerja", colspan=4),
        ],
        [
            c("Pagu"),
            c("Realisasi"),
            c("%"),
            c("Target"),
            c(f"Realisasi {label}"),
            c("%"),
            c(f"Capaian s.d. {label} (%)"),
        ],
    ]
    body = []
    for i, r in enumerate(results):
        budget: list[Cell | None] = [None, None, None]  # spanned by a line above
        if r.iku not in funded:
            budget = [num(fmt.DASH), num(fmt.DASH), num(fmt.DASH)]
        line = firsts.get(r.iku)
        if line is not None:
            span = len(line.ikus)
            real: Decimal | None = None if realised is None else realised.get(line.baris)
            budget = [
                num(fmt.angka(line.pagu, 0), rowspan=span),
                num(fmt.angka(real, 0) if real is not None else fmt.DASH, rowspan=span),
                num(fmt.capaian(absorption(real, line.pagu)), rowspan=span),
            ]
        body.append(
            row(
                numbers[i],
                goals[i],
                c(r.indicator.nama, cls="lkj-indikator"),
                *budget,
                num(fmt.nilai(r.indicator, r.target)),
                num(fmt.nilai(r.indicator, r.realisasi)),
                num(fmt.capaian(r.capaian)),
                strong(fmt.capaian(r.capaian_kumulatif)),
            )
        )
    title = f"Capaian Anggaran dan Kinerja {ctx.periode}"
    return table_block(title, Table(head, [body]))
