"""The comparisons of an IKU's realisation with other figures, each left out without its data:
earlier years (``hasil.csv``), the same quarter of the previous year, the Renstra targets and
a national standard (docs/annual.md). The annual report shows the first, third and fourth in
Bab III A; the quarterly report the second and third, per IKU in Bab II B.
"""

from __future__ import annotations

from lkj.figures import format as fmt
from lkj.inputs.history import YearResult
from lkj.report.block import Block
from lkj.report.context import ReportContext
from lkj.report.table import Table, c, num, row, strong, table_block
from lkj.rules.achievement import capaian


def _realised(ctx: ReportContext) -> str:
    """``Realisasi`` for the year, ``Realisasi s.d. Triwulan II`` for a quarter."""
    return "Realisasi" if ctx.period.annual else f"Realisasi s.d. {ctx.period.label}"


def tahun_lalu(ctx: ReportContext, iku: int) -> list[Block]:
    """The quarterly report's comparison with the same quarter of the previous year: target,
    realisation to date and capaian to date, then and now; nothing without the previous
    year's figures for the IKU (:mod:`lkj.figures.previous`)."""
    before = ctx.previous.get(iku)
    if before is None:
        return []
    r = ctx.summary.result(iku)
    ind = r.indicator
    then, now = before.period.title, ctx.period.title
    head = [[c("Uraian"), c(then), c(now)]]
    body = [
        row(c("Target Tahunan"), num(fmt.nilai(ind, before.target)), num(fmt.nilai(ind, r.target))),
        row(
            c(_realised(ctx)),
            num(fmt.nilai(ind, before.realisasi)),
            num(fmt.nilai(ind, r.realisasi_kumulatif)),
        ),
        row(
            c(f"Capaian s.d. {ctx.period.label} (%)"),
            strong(fmt.capaian(before.capaian)),
            strong(fmt.capaian(r.capaian_kumulatif)),
        ),
    ]
    title = f"Realisasi IKU {iku} {now} dan {then}"
    return [table_block(title, Table(head, [body]))]


def riwayat(ctx: ReportContext, iku: int) -> list[Block]:
    """Bab III A (2): the IKU's realisation this year against the earlier years the data hold
    (``hasil.csv``), with the target and capaian of each year that gives a target; nothing
    without earlier years."""
    earlier = ctx.history.get(iku, ())
    if not earlier:
        return []
    r = ctx.summary.result(iku)
    ind = r.indicator
    years = [*earlier, YearResult(ctx.period.year, r.realisasi_kumulatif, r.target)]
    head = [[c("Uraian"), *(c(f"Tahun {y.year}") for y in years)]]
    body = [row(c("Realisasi"), *(num(fmt.nilai(ind, y.realisasi)) for y in years))]
    if any(y.target is not None for y in earlier):
        body.append(row(c("Target"), *(num(fmt.nilai(ind, y.target)) for y in years)))
        body.append(
            row(
                c("Capaian (%)"),
                *(
                    num(fmt.capaian(capaian(ind, y.realisasi, y.target)))
                    if y.target is not None
                    else num(fmt.DASH)
                    for y in years
                ),
            )
        )
    title = f"Realisasi IKU {iku} Tahun {years[0].year}\u2013{ctx.period.year}"
    return [table_block(title, Table(head, [body]))]


def renstra(ctx: ReportContext, iku: int) -> list[Block]:
    """Bab III A (3): the year's realisation against the Renstra target of the year, and the
    progress toward the final target (realisation / final target, by the indicator's rule);
    nothing without Renstra targets for the IKU."""
    plan = ctx.renstra.get(iku)
    if plan is None:
        return []
    r = ctx.summary.result(iku)
    ind = r.indicator
    this_year = plan.per_year.get(ctx.period.year)
    head = [[c("Uraian"), c("Target"), c(_realised(ctx)), c("Capaian (%)")]]
    body = []
    if this_year is not None:
        body.append(
            row(
                c(f"Target Renstra Tahun {ctx.period.year}"),
                num(fmt.nilai(ind, this_year)),
                num(fmt.nilai(ind, r.realisasi_kumulatif)),
                strong(fmt.capaian(capaian(ind, r.realisasi_kumulatif, this_year))),
            )
        )
    if plan.final is not None:
        body.append(
            row(
                c(f"Target Akhir Renstra ({plan.last})"),
                num(fmt.nilai(ind, plan.final)),
                num(fmt.nilai(ind, r.realisasi_kumulatif)),
                strong(fmt.capaian(capaian(ind, r.realisasi_kumulatif, plan.final))),
            )
        )
    if not body:
        return []
    title = f"Realisasi IKU {iku} terhadap Target Renstra {plan.first}\u2013{plan.last}"
    return [table_block(title, Table(head, [body]))]


def standar(ctx: ReportContext, iku: int) -> list[Block]:
    """Bab III A (4): the year's realisation against the national standard (``standar.csv``)
    by the indicator's capaian rule; nothing without one."""
    benchmark = ctx.standar.get(iku)
    if benchmark is None:
        return []
    r = ctx.summary.result(iku)
    ind = r.indicator
    head = [[c("Uraian"), c("Standar Nasional"), c(f"Realisasi {ctx.period.year}"), c("%")]]
    body = [
        row(
            c(ind.nama),
            num(fmt.nilai(ind, benchmark)),
            num(fmt.nilai(ind, r.realisasi_kumulatif)),
            strong(fmt.capaian(capaian(ind, r.realisasi_kumulatif, benchmark))),
        )
    ]
    return [table_block(f"Realisasi IKU {iku} terhadap Standar Nasional", Table(head, [body]))]
