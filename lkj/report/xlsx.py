"""The computed figures of a report as an Excel workbook (``lkj export PERIOD --to xlsx``).

Three sheets: *Pengukuran Kinerja* (per IKU: the annual target, then per quarter its target,
realisation and capaian, then the cumulative realisation and capaian), *Ringkasan* (average
capaian, counts, budget) and *Anggaran* (budget per line). Figures are number cells rounded as
the report prints them (the values of ``lkj summary --format json``), with number formats;
predicates are text. Header rows are frozen. The same inputs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lkj.figures.measurement import budget_lines, by_quarter
from lkj.figures.summary import Summary
from lkj.inputs.ooxml import workbook_bytes
from lkj.rules.achievement import Kelas
from lkj.rules.decimals import round2, to_json_number
from lkj.rules.indicators import Jenis, Predikat, Rentang, Target
from lkj.rules.periods import quarter_short_label as tw

PERCENT = '#,##0.00"%"'  # the value is a percentage already (80.77 shows 80,77%)
DECIMAL = "#,##0.00"
WHOLE = "#,##0"
RUPIAH = '"Rp "#,##0'
FORMATS = {
    Jenis.PERSEN: PERCENT,
    Jenis.JUMLAH: WHOLE,
    Jenis.UKURAN: DECIMAL,
    Jenis.NILAI: DECIMAL,
    Jenis.RUPIAH: RUPIAH,
    Jenis.DURASI: DECIMAL,
    Jenis.RASIO: DECIMAL,
}
HEADER_FILL = "DDE5F0"


def number(value: Target | None) -> int | float | str | None:
    """A figure as the cell holds it: rounded to two places as printed; a predicate or a
    range as text."""
    if value is None:
        return None
    if isinstance(value, Predikat):
        return value.kata if value.skor is None else f"{value.kata} ({value.skor})"
    if isinstance(value, Rentang):
        return f"{value.bawah}-{value.atas}"
    return to_json_number(round2(value))


@dataclass(frozen=True)
class Column:
    title: str
    width: int
    format: str | None = None


def _sheet(
    wb: Any,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    formats: Sequence[Sequence[str | None]] | None = None,
    freeze: str = "A2",
) -> Any:
    """A sheet with a frozen, bold header row, widths and number formats (per column, or per
    cell when ``formats`` is given)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append([c.title for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows):
        ws.append(list(values))
        for c, cell in enumerate(ws[ws.max_row]):
            fmt = formats[r][c] if formats is not None else columns[c].format
            if fmt and isinstance(cell.value, int | float):
                cell.number_format = fmt
            cell.alignment = Alignment(vertical="top", wrap_text=columns[c].width >= 40)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = freeze
    return ws


def _pengukuran(wb: Any, summary: Summary) -> None:
    n = summary.period.quarter
    columns = [
        Column("IKU", 6),
        Column("Sasaran", 9),
        Column("Uraian Sasaran", 40),
        Column("Indikator", 50),
        Column("Jenis", 10),
        Column("Satuan", 10),
        Column("Target Tahunan", 14),
    ]
    for q in range(1, n + 1):
        columns += [
            Column(f"Target {tw(q)}", 14),
            Column(f"Realisasi {tw(q)}", 14),
            Column(f"Capaian {tw(q)} (%)", 14),
        ]
    columns += [
        Column(f"Realisasi s.d. {tw(n)}", 16),
        Column(f"Capaian s.d. {tw(n)} (%)", 16),
        Column("Kelas", 16),
    ]
    quarters = by_quarter(summary)
    rows, formats = [], []
    for result in summary.indicators:
        ind = result.indicator
        value_fmt = FORMATS.get(ind.jenis)
        row: list[Any] = [
            ind.iku,
            ind.sasaran,
            result.sasaran,
            ind.nama,
            ind.jenis.value,
            ind.satuan,
            number(ind.target),
        ]
        fmt: list[str | None] = [None, None, None, None, None, None, value_fmt]
        for figures in (f for f in quarters if f.iku == ind.iku):
            row += [number(figures.target), number(figures.realisasi), number(figures.capaian)]
            fmt += [value_fmt, value_fmt, DECIMAL]
        row += [
            number(result.realisasi_kumulatif),
            number(result.capaian_kumulatif),
            result.kelas.value,
        ]
        fmt += [value_fmt, DECIMAL, None]
        rows.append(row)
        formats.append(fmt)
    _sheet(wb, "Pengukuran Kinerja", columns, rows, formats, freeze="B2")


def _ringkasan(wb: Any, summary: Summary) -> None:
    label = summary.period.short_label
    rows: list[tuple[str, Any, str | None]] = [
        ("Unit", summary.data.info.nama, None),
        ("Periode", f"{summary.period.label} {summary.period.year}", None),
        (f"Capaian rata-rata s.d. {label} (%)", number(summary.capaian_rata_rata), DECIMAL),
        ("Jumlah IKU capaian di atas 100%", summary.count(Kelas.DI_ATAS), WHOLE),
        ("Jumlah IKU capaian tepat 100%", summary.count(Kelas.TEPAT), WHOLE),
        ("Jumlah IKU capaian di bawah 100%", summary.count(Kelas.DI_BAWAH), WHOLE),
        ("Jumlah IKU tidak terukur", summary.count(Kelas.TIDAK_TERUKUR), WHOLE),
        ("Pagu anggaran (Rp)", number(summary.pagu), RUPIAH),
        (f"Realisasi anggaran s.d. {label} (Rp)", number(summary.realisasi_anggaran), RUPIAH),
        (f"Realisasi anggaran s.d. {label} (%)", number(summary.persen_anggaran), DECIMAL),
    ]
    _sheet(
        wb,
        "Ringkasan",
        [Column("Uraian", 44), Column("Nilai", 24)],
        [(name, value) for name, value, _ in rows],
        [(None, fmt) for _, _, fmt in rows],
    )


def _anggaran(wb: Any, summary: Summary) -> None:
    label = summary.period.short_label
    columns = [
        Column("Baris", 7),
        Column("IKU", 12),
        Column("Sasaran", 12),
        Column("Pagu (Rp)", 20, RUPIAH),
        Column(f"Realisasi s.d. {label} (Rp)", 22, RUPIAH),
        Column(f"Realisasi s.d. {label} (%)", 18, DECIMAL),
    ]
    rows = [
        (
            f.line.baris,
            " ".join(map(str, f.line.ikus)),
            " ".join(map(str, f.sasaran)),
            number(f.line.pagu),
            number(f.realisasi),
            number(f.persen),
        )
        for f in budget_lines(summary)
    ]
    _sheet(wb, "Anggaran", columns, rows)


def export_bytes(summary: Summary) -> bytes:
    """The workbook of ``summary``; dated the period's last day, the same bytes every time."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _pengukuran(wb, summary)
    _ringkasan(wb, summary)
    _anggaran(wb, summary)
    title = (
        f"Pengukuran Kinerja {summary.data.info.singkatan} "
        f"{summary.period.label} {summary.period.year}"
    )
    end = summary.period.end_date
    return workbook_bytes(wb, datetime(end.year, end.month, end.day), title=title)
