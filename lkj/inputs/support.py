"""Supporting tables: CSV files of a unit's year, declared in params with a caption and a place.

``params/<unit>/<period>.yaml`` lists them under ``tabel_pendukung`` (docs/supporting-tables.md);
this module reads each file, keeps the rows of the period's quarter when the file has a
``triwulan`` column, and parses every cell by its column's format. Every problem names the
params key or the file, row and column.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lkj.errors import DataError, ParamsError, Problems
from lkj.inputs.files import JUMLAH, NILAI, PERSEN, RUPIAH, NumberForm, Row, parse_date, read_csv
from lkj.inputs.limits import MAX_MOU_YEARS
from lkj.inputs.params import TABLES_DOC, Pendukung, ReportParams, params_path
from lkj.inputs.project import Project
from lkj.rules.indicators import Indicator
from lkj.rules.mou import add_years
from lkj.rules.periods import Period

Cell = str | Decimal | date | None
"""A parsed cell: text, a number, a date, or None when blank."""

PLACEHOLDERS = ("singkatan", "triwulan")
_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.csv$")
_NUMBER_FORMS: dict[str, NumberForm] = {
    "angka": JUMLAH,
    "desimal": NILAI,
    "rupiah": RUPIAH,
    "persen": PERSEN,
}


@dataclass(frozen=True)
class SupportRow:
    """One row of a supporting table: its row in the file and its cells by CSV column."""

    number: int
    cells: dict[str, Cell]


@dataclass(frozen=True)
class SupportTable:
    """A supporting table as declared in params, with the rows of its file for the period."""

    spec: Pendukung
    index: int  # its position in tabel_pendukung
    file: str | None  # the CSV file as shown in messages, None for hitungan_iku
    rows: tuple[SupportRow, ...] = ()


def fill(text: str, singkatan: str, period: Period) -> str:
    """A caption or header with its placeholders filled in."""
    return text.format(singkatan=singkatan, triwulan=period.label)


def _check_placeholders(text: str, shown: str, key: str) -> None:
    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None and name not in PLACEHOLDERS:
            raise ParamsError(
                shown,
                f"unknown placeholder {{{name}}}",
                key=key,
                found=text,
                expected=f"only {{singkatan}} or {{triwulan}} ({TABLES_DOC})",
            )


def load_tables(
    project: Project,
    unit: str,
    period: Period,
    params: ReportParams,
    indicators: dict[int, Indicator],
    problems: Problems | None = None,
) -> tuple[SupportTable, ...]:
    """Every supporting table of the params, checked against the indicators and read."""
    problems = problems or Problems()
    shown = project.display(params_path(project, unit, period))
    tables = []
    for n, spec in enumerate(params.tabel_pendukung):
        with problems.guard():
            tables.append(_table(project, unit, period, spec, n, shown, indicators, problems))
    return tuple(tables)


def _table(
    project: Project,
    unit: str,
    period: Period,
    spec: Pendukung,
    n: int,
    shown: str,
    indicators: dict[int, Indicator],
    problems: Problems,
) -> SupportTable:
    key = f"tabel_pendukung.{n}"
    if spec.iku not in indicators:
        raise ParamsError(
            shown,
            f"IKU {spec.iku} is not in the performance agreement",
            key=f"{key}.iku",
            expected="an IKU listed in indikator.csv: " + ", ".join(map(str, sorted(indicators))),
        )
    _check_placeholders(spec.judul, shown, f"{key}.judul")
    _check_placeholders(spec.kosong, shown, f"{key}.kosong")
    for i, col in enumerate(spec.kolom):
        _check_placeholders(col.judul, shown, f"{key}.kolom.{i}.judul")
    if spec.hitungan_iku is not None:
        ind = indicators[spec.iku]
        if not (ind.label_pembilang and ind.label_penyebut):
            raise ParamsError(
                shown,
                f"IKU {spec.iku} has no counts to show",
                key=f"{key}.hitungan_iku",
                expected="hitungan_iku only for an IKU with label_pembilang and label_penyebut "
                f"in indikator.csv ({TABLES_DOC})",
            )
        return SupportTable(spec, n, None)
    assert spec.berkas is not None
    if not _FILE.match(spec.berkas):
        raise ParamsError(
            shown,
            "not a CSV file name of the unit's year folder",
            key=f"{key}.berkas",
            found=spec.berkas,
            expected=f"a file name like pengaduan.csv, without folders ({TABLES_DOC})",
        )
    path = project.unit_dir(unit) / str(period.year) / spec.berkas
    file = project.display(path)
    if not path.is_file():
        raise ParamsError(
            shown,
            f"the file {file} does not exist",
            key=f"{key}.berkas",
            found=spec.berkas,
            expected=f"a CSV file in data/{unit}/{period.year}/ ({TABLES_DOC})",
        )
    formats = {c.kolom: c.format for c in spec.kolom}
    for col in spec.kolom:
        if col.jumlahkan and col.format not in _NUMBER_FORMS:
            raise ParamsError(
                shown,
                f"column '{col.kolom}' is summed but its format is {col.format}",
                key=f"{key}.kolom",
                expected=f"format angka, desimal, rupiah or persen ({TABLES_DOC})",
            )
    if spec.capaian is not None:
        for name in (spec.capaian.realisasi, spec.capaian.target):
            formats.setdefault(name, "desimal")
    if spec.masa_berlaku is not None:
        formats.setdefault(spec.masa_berlaku.mulai, "tanggal")
        formats.setdefault(spec.masa_berlaku.jangka_tahun, "angka")
    rows: list[SupportRow] = []
    rows_read = read_csv(path, file, list(formats), ("triwulan",), root=project.root, others=True)
    keys = _keys(spec)
    seen: dict[tuple[str, object], int] = {}
    for row in rows_read:
        with problems.guard():
            by_quarter = "triwulan" in row.values and "triwulan" not in formats
            if by_quarter:
                quarter = row.integer("triwulan")
                if not 1 <= quarter <= 4:
                    raise row.error("triwulan", f"quarter {quarter} does not exist", "1 to 4")
                if quarter != period.quarter:
                    continue
            for name in keys:  # each names one row (of the quarter)
                named = (name, _key(row, name, formats[name]))
                if named in seen:
                    what = f"triwulan and {name}" if by_quarter else name
                    raise row.error(
                        None,
                        f"duplicate row: same {what} as row {seen[named]}",
                        f"one row per {what}",
                    )
                seen[named] = row.number
            cells = {c: _cell(row, c, f) for c, f in formats.items()}
            if spec.masa_berlaku is not None:
                _check_term(row, spec.masa_berlaku.mulai, spec.masa_berlaku.jangka_tahun, cells)
            rows.append(SupportRow(row.number, cells))
    return SupportTable(spec, n, file, tuple(rows))


def _check_term(row: Row, start: str, term: str, cells: dict[str, Cell]) -> None:
    """An agreement's term: whole years, at most :data:`~lkj.inputs.limits.MAX_MOU_YEARS`,
    ending on a date the report can print."""
    years, begins = cells.get(term), cells.get(start)
    if not isinstance(years, Decimal):
        return
    if years != years.to_integral_value() or not 1 <= years <= MAX_MOU_YEARS:
        raise row.error(
            term,
            "the term is not a whole number of years within lkj's limit",
            f"a term in whole years, 1 and at most {MAX_MOU_YEARS} years",
        )
    if isinstance(begins, date):
        try:
            add_years(begins, int(years))
        except (ValueError, OverflowError):
            raise row.error(
                term,
                "the agreement would end after the year 9999",
                "a start date and term whose end is a real date",
            ) from None


def _keys(spec: Pendukung) -> list[str]:
    """The columns that name a row: every ``nomor`` column and the first ``teks`` one."""
    numbers = [c.kolom for c in spec.kolom if c.format == "nomor"]
    text = next((c.kolom for c in spec.kolom if c.format == "teks"), None)
    return numbers + ([text] if text else [])


def _key(row: Row, column: str, form: str) -> object:
    """A key as compared: a row number parsed (``01`` is 1), a name without regard to case and
    runs of spaces."""
    if form == "nomor":
        return row.identifier(column)
    return " ".join(row.text(column).split()).casefold()


def _cell(row: Row, column: str, form: str) -> Cell:
    text = row.text(column, required=False)
    if not text or text == "-":
        return None
    if form == "nomor":
        row.identifier(column)  # a row number: a whole number of 1 or more
        return text
    if form == "teks":
        return text
    if form == "tanggal":
        value: date = row.get(column, parse_date, "a date as YYYY-MM-DD, e.g. 2025-06-30")
        return value
    number = row.numeric(column, _NUMBER_FORMS[form])
    if number < 0:
        raise DataError(
            row.file,
            "value is negative",
            row=row.number,
            column=column,
            found=text,
            expected="0 or more",
        )
    return number
