"""Tabel 2.19: budget against performance, per strategic goal and indicator."""

from __future__ import annotations

from decimal import Decimal

from lkj.figures import format as fmt
from lkj.report import charts, generated, sentences
from lkj.report.block import Block
from lkj.report.blocks import TableFigure
from lkj.report.context import ReportContext
from lkj.report.structure import section as section_heading
from lkj.report.table import Cell, Table, c, num, row, spanned, strong, table_block
from lkj.rules.budget import BudgetLine, absorption


def _joined(lines: tuple[BudgetLine, ...]) -> list[tuple[BudgetLine, tuple[int, ...]]]:
    """Lines that fund the same IKU, joined into one row (their ceilings added), with the
    numbers of the lines joined."""
    joined: dict[tuple[int, ...], list[BudgetLine]] = {}
    for line in lines:
        joined.setdefault(line.ikus, []).append(line)
    return [
        (
            BudgetLine(group[0].baris, ikus, sum((b.pagu for b in group), Decimal(0))),
            tuple(b.baris for b in group),
        )
        for ikus, group in joined.items()
    ]


def _line_rows(
    lines: list[tuple[BudgetLine, tuple[int, ...]]], ikus: list[int]
) -> dict[int, tuple[BudgetLine, tuple[int, ...]]]:
    """The first IKU row of each budget row; a row's IKUs must be consecutive rows."""
    firsts: dict[int, tuple[BudgetLine, tuple[int, ...]]] = {}
    for line, members in lines:
        positions = sorted(ikus.index(i) for i in line.ikus)
        if positions != list(range(positions[0], positions[0] + len(positions))):
            raise ValueError(f"budget line {line.baris} funds IKU that are not adjacent rows")
        firsts[ikus[positions[0]]] = (line, members)
    return firsts


def anggaran_kinerja(ctx: ReportContext) -> TableFigure:
    """Budget ceiling, realisation and absorption of each line (spanning the IKU it funds),
    beside each IKU's target, the quarter's realisation and capaian, and capaian to date."""
    s = ctx.summary
    label = ctx.period.label
    annual = ctx.period.annual
    results = s.indicators
    realised = s.data.budget_realisations.get(ctx.period.quarter)
    firsts = _line_rows(_joined(s.data.budget_lines), [r.iku for r in results])
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
            c("Kinerja", colspan=3 if annual else 4),
        ],
        [
            c("Pagu"),
            c("Realisasi"),
            c("%"),
            c("Target"),
            *(
                # a year: its own realisation and capaian, not Triwulan IV's
                (c(f"Realisasi Tahun {ctx.period.year}"), c("Capaian (%)"))
                if annual
                else (c(f"Realisasi {label}"), c("%"), c(f"Capaian s.d. {label} (%)"))
            ),
        ],
    ]
    body = []
    for i, r in enumerate(results):
        budget: list[Cell | None] = [None, None, None]  # spanned by a line above
        if r.iku not in funded:
            budget = [num(fmt.DASH), num(fmt.DASH), num(fmt.DASH)]
        first = firsts.get(r.iku)
        if first is not None:
            line, members = first
            span = len(line.ikus)
            real: Decimal | None = None
            if realised is not None and any(b in realised for b in members):
                real = sum((realised.get(b, Decimal(0)) for b in members), Decimal(0))
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
                *(
                    (num(fmt.nilai(r.indicator, r.realisasi_kumulatif)),)
                    if annual
                    else (num(fmt.nilai(r.indicator, r.realisasi)), num(fmt.capaian(r.capaian)))
                ),
                strong(fmt.capaian(r.capaian_kumulatif)),
            )
        )
    title = f"Capaian Anggaran dan Kinerja {ctx.periode}"
    return table_block(title, Table(head, [body]))


def section(ctx: ReportContext) -> list[Block]:
    """Bab II C Realisasi Anggaran: the analysts' lead-in, the totals, Tabel 2.19, its chart,
    the generated statements and the analysts' closing text; nothing when the unit's data
    hold no budget (no anggaran.yaml and no pagu.csv lines)."""
    s = ctx.summary
    if not s.has_budget and not s.data.budget_lines:
        return []
    name = "bab2-realisasi-anggaran"
    blocks: list[Block] = [
        section_heading("Realisasi Anggaran", id="realisasi-anggaran"),
        *ctx.narasi.blocks(name, "Realisasi Anggaran, pengantar", "Pengantar"),
        sentences.anggaran_tabel(ctx),
    ]
    if s.data.budget_lines:
        blocks.append(anggaran_kinerja(ctx))
    blocks += charts.anggaran_dan_kinerja(ctx)
    blocks += generated.anggaran(ctx)
    blocks += ctx.narasi.blocks(name, "Realisasi Anggaran, penutup", "Penutup")
    return blocks
