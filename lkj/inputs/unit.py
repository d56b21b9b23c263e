"""Loading a unit's data for a year into typed, validated objects.

Layout (see docs/data.md)::

    data/<unit>/unit.yaml
    data/<unit>/<year>/sasaran.csv, indikator.csv, realisasi.csv, kegiatan.csv, pagu.csv,
                       realisasi_anggaran.csv, anggaran.yaml, pengaduan_status.csv, mou.csv

or the same tables as the sheets of one workbook, ``data/<unit>/<year>.xlsx``
(docs/excel.md; :mod:`lkj.inputs.layout`, :mod:`lkj.inputs.workbook`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from lkj.errors import DataError, PeriodError
from lkj.inputs.files import (
    JUMLAH,
    NILAI,
    ORANG,
    PERSEN,
    RUPIAH,
    NumberError,
    NumberForm,
    Row,
    check_digits,
    check_magnitude,
    check_unique,
    parse_int,
    parse_value,
    read_csv,
)
from lkj.inputs.layout import (
    ANGGARAN,
    ANGGARAN_YAML,
    INDIKATOR,
    KEGIATAN,
    MOU,
    PAGU,
    PENGADUAN_STATUS,
    REALISASI,
    REALISASI_ANGGARAN,
    SASARAN,
    TableSpec,
    table_files,
    workbook_path,
    year_dir,
)
from lkj.inputs.limits import MAX_MOU_YEARS
from lkj.inputs.project import Project
from lkj.inputs.schema import load_model
from lkj.inputs.workbook import Workbook
from lkj.rules.budget import BudgetLine
from lkj.rules.cumulation import Realisation
from lkj.rules.decimals import percent
from lkj.rules.indicators import PREDIKAT_SCALE, Indicator, Kumulasi, Polaritas, Satuan, Value
from lkj.rules.mou import MoU, add_years
from lkj.rules.periods import Period


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kontak(_Strict):
    telepon: str = ""
    situs: str = ""
    media_sosial: str = ""
    alamat: str = ""
    email: str = ""


class Renstra(_Strict):
    periode: str
    visi: str
    misi: list[str]
    tujuan: list[str]


class UnitInfo(_Strict):
    """``unit.yaml``: identity, contacts and Renstra of a unit."""

    kode: str
    nama: str
    singkatan: str
    kontak: Kontak = Field(default_factory=Kontak)
    renstra: Renstra


def _rupiah(value: Any) -> Any:
    """An amount in YAML, 0 or more: a whole number, or quoted text in a form
    :data:`lkj.inputs.files.RUPIAH` accepts (``'9.721.224.000'``, ``'Rp 9.721.224.000'``,
    ``'3515820174.50'``); at most :data:`~lkj.inputs.limits.MAX_DIGITS` digits.

    An unquoted ``9.720`` is refused: YAML reads it as the float 9.72, and whether 9720 was
    meant can no longer be told.
    """
    if isinstance(value, float):
        raise ValueError(
            "a whole number of rupiah, e.g. 9721224000; with '.' or sen, quote it: "
            "'9.721.224.000' or '3515820174.50'"
        )
    if isinstance(value, bool) or not isinstance(value, str | int):
        return value  # pydantic's own message
    try:
        if isinstance(value, str):
            amount = parse_value(value, RUPIAH, "this key")
        else:
            amount = Decimal(value)
            check_magnitude(amount)
    except NumberError as exc:
        raise ValueError(f"{RUPIAH.expected}; {exc.problem}") from None
    if amount < 0:
        raise ValueError(f"an amount of 0 or more, e.g. {RUPIAH.example}")
    return amount


Rupiah = Annotated[Decimal, BeforeValidator(_rupiah)]


def _quarters(value: Any) -> Any:
    """``{quarter: amount}`` with every quarter 1 to 4 and given once: ``2`` and ``'2'`` are
    two keys to YAML but one quarter. The offending key goes to the message through the
    error's context (``index``: its position in the mapping; see
    :func:`lkj.inputs.schema.validate`)."""
    if not isinstance(value, dict):
        return value
    result: dict[int, Any] = {}
    for index, (key, amount) in enumerate(value.items()):
        quarter = None
        if isinstance(key, int) and not isinstance(key, bool):
            quarter = key
        elif isinstance(key, str):
            try:
                quarter = parse_int(key.strip())
            except ValueError:
                quarter = None
        where = {"key": str(key), "index": index}
        if quarter is None or not 1 <= quarter <= 4:
            raise PydanticCustomError(
                "lkj",
                "a quarter from 1 to 4 as the key, e.g. 2",
                {**where, "problem": "not a quarter", "found": key},
            )
        if quarter in result:
            raise PydanticCustomError(
                "lkj",
                "one amount per quarter",
                {**where, "problem": f"Triwulan {quarter} is given twice"},
            )
        result[quarter] = amount
    return result


class AnggaranTotal(_Strict):
    """``anggaran.yaml``: the unit's total ceiling and its realisation per quarter."""

    pagu: Rupiah = Field(gt=0)
    realisasi: Annotated[dict[int, Rupiah], BeforeValidator(_quarters)] = Field(
        default_factory=dict
    )


@dataclass(frozen=True)
class Kegiatan:
    no: int
    nama: str
    pagu: Decimal


@dataclass(frozen=True)
class StatusPengaduan:
    triwulan: int
    no: int
    status: str
    jumlah: int


@dataclass(frozen=True)
class UnitYear:
    """Everything the data say about one unit in one year."""

    unit: str
    info: UnitInfo
    year: int
    sasaran: dict[int, str]
    indicators: tuple[Indicator, ...]
    realisations: dict[tuple[int, int], Realisation]
    kegiatan: tuple[Kegiatan, ...]
    budget_lines: tuple[BudgetLine, ...]
    budget_realisations: dict[int, dict[int, Decimal]]
    anggaran: AnggaranTotal
    pengaduan: tuple[StatusPengaduan, ...]
    mous: tuple[MoU, ...]
    files: tuple[Path, ...] = field(default=())
    # where each table was read, for messages: "data/x/2025/realisasi.csv" or
    # "data/x/2025.xlsx, sheet realisasi"
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def indicator(self, iku: int) -> Indicator:
        for ind in self.indicators:
            if ind.iku == iku:
                return ind
        raise KeyError(iku)

    def quarters(self, iku: int, period: Period) -> list[Realisation]:
        """Realisations of quarters 1..n of ``period``, in order."""
        return [self.realisations[(iku, q)] for q in period.quarters_to_date]

    def realisation(self, iku: int, quarter: int) -> Realisation | None:
        return self.realisations.get((iku, quarter))

    def check_period(self, period: Period) -> None:
        """Refuse a period of another year, or one the realisations do not reach yet."""
        if period.year != self.year:
            raise PeriodError(f"period {period} is not in the data year {self.year}")
        reached = {q for (_, q) in self.realisations}
        latest = max(reached) if reached else 0
        if period.quarter > latest:
            source = self.sources.get(
                REALISASI.name, f"data/{self.unit}/{self.year}/{REALISASI.file}"
            )
            raise PeriodError(
                f"no realisations for {period.label} {period.year} yet: "
                f"{source} reaches Triwulan {latest or '-'}; "
                "add that quarter's rows or choose an earlier period"
            )


# How an indicator's targets and realisations may be written, by its unit (docs/data.md).
NUMBER_FORMS: dict[Satuan, NumberForm] = {
    Satuan.PERSEN: PERSEN,
    Satuan.ORANG: ORANG,
    Satuan.NILAI: NILAI,
}


def _value(row: Row, column: str, satuan: Satuan, iku: int) -> Value:
    if satuan is Satuan.PREDIKAT:
        text = row.text(column)
        if text not in PREDIKAT_SCALE:
            raise row.error(column, "unknown predicate", "one of " + ", ".join(PREDIKAT_SCALE))
        return text
    return row.numeric(column, NUMBER_FORMS[satuan], f"IKU {iku}")


def _enum(row: Row, column: str, enum: type[Satuan] | type[Polaritas] | type[Kumulasi]):  # type: ignore[no-untyped-def]
    text = row.text(column)
    try:
        return enum(text)
    except ValueError:
        raise row.error(
            column, "unknown value", "one of " + ", ".join(e.value for e in enum)
        ) from None


def _quarter(row: Row, column: str = "triwulan") -> int:
    q = row.integer(column)
    if not 1 <= q <= 4:
        raise row.error(column, f"quarter {q} does not exist", "a quarter from 1 to 4")
    return q


class _Reader:
    """Reads the year's tables from its CSV files, or from its workbook when there is one."""

    def __init__(self, project: Project, unit: str, year: int) -> None:
        self.project = project
        unit_dir = project.unit_dir(unit)
        self.dir = year_dir(unit_dir, year)
        self.files: list[Path] = []
        self.sources: dict[str, str] = {}
        self.book: Workbook | None = None
        book = workbook_path(unit_dir, year)
        if book.exists():
            twice = table_files(unit_dir, year)
            if twice:
                raise DataError(
                    project.display(book),
                    f"the {year} tables are kept twice: in this workbook and as files in "
                    f"{project.display(self.dir)}/ ({', '.join(p.name for p in twice)})",
                    expected="one of the two: remove the files or the workbook "
                    "(`lkj convert` turns one into the other)",
                )
            self.files.append(book)
            self.book = Workbook(book, project.display(book), root=project.root)
        elif not self.dir.is_dir():
            raise PeriodError(
                f"no data for {year}: neither {project.display(self.dir)}/ nor "
                f"{project.display(book)} exists"
            )

    def path(self, name: str) -> tuple[Path, str]:
        path = self.dir / name
        self.files.append(path)
        return path, self.project.display(path)

    def shown(self, spec: TableSpec) -> str:
        """Where ``spec`` is read, for messages."""
        if self.book is not None:
            return f"{self.book.shown}, sheet {spec.name}"
        return self.project.display(self.dir / spec.file)

    def error(self, spec: TableSpec, problem: str, expected: str) -> DataError:
        """An error about ``spec``'s table as a whole."""
        if self.book is not None:
            return DataError(self.book.shown, problem, sheet=spec.name, expected=expected)
        return DataError(self.shown(spec), problem, expected=expected)

    def table(self, spec: TableSpec) -> list[Row]:
        self.sources[spec.name] = self.shown(spec)
        if self.book is not None:
            return list(self.book.rows(spec))
        path, shown = self.path(spec.file)
        return list(
            read_csv(path, shown, list(spec.columns), spec.optional, root=self.project.root)
        )

    def anggaran(self) -> AnggaranTotal:
        """``anggaran.yaml``, or the workbook's one-row sheet ``anggaran``."""
        if self.book is None:
            path, shown = self.path(ANGGARAN_YAML)
            return load_model(AnggaranTotal, path, shown, root=self.project.root)
        rows = self.table(ANGGARAN)
        if len(rows) != 1:
            raise self.error(
                ANGGARAN,
                f"the sheet has {len(rows)} rows of data",
                "one row: pagu, and realisasi_tw1..realisasi_tw4 where reported",
            )
        row = rows[0]
        pagu = _amount(row, "pagu")
        if pagu <= 0:
            raise row.error("pagu", "the total ceiling must be above zero", "an amount above 0")
        realisasi = {
            q: _amount(row, f"realisasi_tw{q}")
            for q in range(1, 5)
            if row.text(f"realisasi_tw{q}", required=False)
        }
        return AnggaranTotal(pagu=pagu, realisasi=realisasi)


def load(project: Project, unit: str, year: int) -> UnitYear:
    """Load and validate all data of ``unit`` for ``year``.

    Every record has one key, compared as parsed (``01`` is 1): a second row with the same
    key is an error, never a silent replacement."""
    unit_path = project.unit_dir(unit) / "unit.yaml"
    info = load_model(UnitInfo, unit_path, project.display(unit_path), root=project.root)
    r = _Reader(project, unit, year)

    sasaran_rows = r.table(SASARAN)
    check_unique(sasaran_rows, lambda x: x.identifier("sasaran"), "sasaran")
    sasaran = {row.identifier("sasaran"): row.text("nama") for row in sasaran_rows}

    indicators = _indicators(r, sasaran)
    realisations = _realisations(r, {i.iku: i for i in indicators})

    keg_rows = r.table(KEGIATAN)
    check_unique(keg_rows, lambda x: x.identifier("no"), "no")
    kegiatan = tuple(
        Kegiatan(row.identifier("no"), row.text("kegiatan"), _amount(row, "pagu"))
        for row in keg_rows
    )
    lines = _budget_lines(r, {i.iku for i in indicators})
    budget_real = _budget_realisations(r, {b.baris for b in lines})
    anggaran = r.anggaran()

    peng_rows = r.table(PENGADUAN_STATUS)
    check_unique(peng_rows, lambda x: (_quarter(x), x.identifier("no")), "triwulan and no")
    check_unique(peng_rows, lambda x: (_quarter(x), _name(x, "status")), "triwulan and status")
    pengaduan = tuple(
        StatusPengaduan(
            _quarter(row), row.identifier("no"), row.text("status"), _count(row, "jumlah")
        )
        for row in peng_rows
    )
    mou_rows = r.table(MOU)
    check_unique(mou_rows, lambda x: x.identifier("no"), "no")
    check_unique(mou_rows, lambda x: _name(x, "pemerintah"), "pemerintah")
    mous = tuple(_mou(row) for row in mou_rows)
    return UnitYear(
        unit,
        info,
        year,
        sasaran,
        indicators,
        realisations,
        kegiatan,
        lines,
        budget_real,
        anggaran,
        pengaduan,
        mous,
        (unit_path, *r.files),
        r.sources,
    )


def _name(row: Row, column: str) -> str:
    """A name as compared for duplicates: case and runs of spaces do not count (the audit
    matches ``Kota Banjar`` and ``KOTA BANJAR`` to the same row)."""
    return " ".join(row.text(column).split()).casefold()


def _mou(row: Row) -> MoU:
    """One agreement; its end date (TMT + term) must be a date the report can print."""
    term = _count(row, "jangka_waktu_tahun", positive=True)
    if term > MAX_MOU_YEARS:
        raise row.error(
            "jangka_waktu_tahun",
            f"a term of {term} years is beyond lkj's limit",
            f"a term in whole years, at most {MAX_MOU_YEARS} years",
        )
    mou = MoU(row.identifier("no"), row.text("pemerintah"), row.date("tmt"), term)
    try:
        add_years(mou.tmt, term)
    except (ValueError, OverflowError):
        raise row.error(
            "jangka_waktu_tahun",
            "the agreement would end after the year 9999",
            "a start date (tmt) and term whose end is a real date",
        ) from None
    return mou


def _amount(row: Row, column: str) -> Decimal:
    value = row.numeric(column, RUPIAH)
    if value < 0:
        raise row.error(column, "amount is negative", "an amount of 0 or more")
    return value


def _count(row: Row, column: str, *, positive: bool = False) -> int:
    value = int(row.numeric(column, JUMLAH))
    if value < (1 if positive else 0):
        raise row.error(
            column,
            "count out of range",
            "a whole number of 1 or more" if positive else "a whole number ≥ 0",
        )
    return value


def _optional_count(row: Row, column: str) -> Decimal | None:
    """A count (pembilang, penyebut) in an optional column, or None when blank."""
    if not row.text(column, required=False):
        return None
    return row.numeric(column, JUMLAH)


def _indicators(r: _Reader, sasaran: dict[int, str]) -> tuple[Indicator, ...]:
    rows = r.table(INDIKATOR)
    check_unique(rows, lambda x: x.identifier("iku"), "iku")
    result = []
    for row in rows:
        iku = row.identifier("iku")
        goal = row.identifier("sasaran")
        if goal not in sasaran:
            raise row.error(
                "sasaran",
                "unknown strategic goal",
                "a number listed in sasaran.csv: " + ", ".join(map(str, sasaran)),
            )
        satuan = _enum(row, "satuan", Satuan)
        kumulasi = _enum(row, "kumulasi", Kumulasi)
        target = _value(row, "target", satuan, iku)
        if isinstance(target, Decimal) and target <= 0:
            raise row.error(
                "target",
                "annual target must be above zero",
                "a target greater than 0 (capaian divides by it)",
            )
        quarterly = tuple(_value(row, f"target_tw{q}", satuan, iku) for q in range(1, 5))
        for q, t in enumerate(quarterly, start=1):
            if isinstance(t, Decimal) and t < 0:
                raise row.error(f"target_tw{q}", "quarterly target is negative", "0 or more")
        if satuan is Satuan.PREDIKAT and kumulasi is not Kumulasi.TERAKHIR:
            raise row.error("kumulasi", "a predicate cannot be summed or averaged", "terakhir")
        if kumulasi is Kumulasi.JUMLAH and satuan is not Satuan.PREDIKAT:
            total = sum((Decimal(t) for t in quarterly), Decimal(0))
            if total != target:
                raise row.error(
                    "target",
                    f"quarterly targets add up to {total}, not to the annual target",
                    "the annual target to equal the sum of target_tw1..4 when kumulasi is jumlah",
                )
        elif quarterly[3] != target:
            raise row.error(
                "target_tw4",
                "the fourth quarter's target differs from the annual target",
                f"target_tw4 = target when kumulasi is {kumulasi.value}",
            )
        result.append(
            Indicator(
                iku=iku,
                sasaran=goal,
                nama=row.text("indikator"),
                satuan=satuan,
                polaritas=_enum(row, "polaritas", Polaritas),
                kumulasi=kumulasi,
                target=target,
                target_triwulan=quarterly,  # type: ignore[arg-type]
                label_pembilang=row.text("label_pembilang", required=False),
                label_penyebut=row.text("label_penyebut", required=False),
            )
        )
    return tuple(sorted(result, key=lambda i: i.iku))


def _realisations(
    r: _Reader, indicators: dict[int, Indicator]
) -> dict[tuple[int, int], Realisation]:
    rows = r.table(REALISASI)
    check_unique(rows, lambda x: (x.identifier("iku"), _quarter(x)), "iku and triwulan")
    result: dict[tuple[int, int], Realisation] = {}
    for row in rows:
        iku = row.identifier("iku")
        if iku not in indicators:
            raise row.error(
                "iku",
                f"IKU {iku} is not in the performance agreement",
                "an IKU listed in indikator.csv: " + ", ".join(map(str, sorted(indicators))),
            )
        ind = indicators[iku]
        q = _quarter(row)
        num = _optional_count(row, "pembilang")
        den = _optional_count(row, "penyebut")
        if (num is None) != (den is None):
            col = "penyebut" if den is None else "pembilang"
            raise row.error(col, "a ratio needs both counts", "pembilang and penyebut together")
        nilai: Value | None
        if num is not None and den is not None:
            if num < 0 or den < 0 or num > den:
                col = "penyebut" if den < 0 else "pembilang"
                raise row.error(col, "counts out of range", "0 ≤ pembilang ≤ penyebut")
            nilai = None if den == 0 else percent(num, den)
            if row.text("realisasi", required=False):
                raise row.error(
                    "realisasi",
                    "both a value and counts are given",
                    "either realisasi, or pembilang and penyebut (then leave "
                    "realisasi blank: it is computed)",
                )
        else:
            nilai = _value(row, "realisasi", ind.satuan, iku)
            if isinstance(nilai, Decimal) and nilai < 0:
                raise row.error("realisasi", "realisation is negative", "0 or more")
        result[(iku, q)] = Realisation(iku, q, nilai, num, den)
    latest = max((q for (_, q) in result), default=0)
    for iku in indicators:
        for q in range(1, latest + 1):
            if (iku, q) not in result:
                raise r.error(
                    REALISASI,
                    f"IKU {iku} has no realisation for Triwulan {q}",
                    f"a row 'iku={iku}, triwulan={q}' (data reach Triwulan {latest})",
                )
    return result


def _budget_lines(r: _Reader, ikus: set[int]) -> tuple[BudgetLine, ...]:
    rows = r.table(PAGU)
    check_unique(rows, lambda x: x.identifier("baris"), "baris")
    lines = []
    for row in rows:
        funded = _iku_list(row)
        for i in funded:
            if i not in ikus:
                raise row.error(
                    "iku",
                    f"IKU {i} is not in the performance agreement",
                    "IKU numbers listed in indikator.csv",
                )
        lines.append(BudgetLine(row.identifier("baris"), funded, _amount(row, "pagu")))
    return tuple(sorted(lines, key=lambda b: b.baris))


def _iku_list(row: Row) -> tuple[int, ...]:
    """``11 12 13``: the IKU a budget line funds, each once."""
    expected = "IKU numbers separated by spaces, e.g. '11 12 13'"
    text = row.text("iku")
    try:
        check_digits(text)
        funded = tuple(parse_int(x) for x in text.split())
    except NumberError as exc:
        raise row.error("iku", exc.problem, expected) from None
    except ValueError:
        raise row.error("iku", "IKU list not understood", expected) from None
    for n, i in enumerate(funded):
        if i in funded[:n]:
            raise row.error("iku", f"IKU {i} is listed twice", expected)
    return funded


def _budget_realisations(r: _Reader, lines: set[int]) -> dict[int, dict[int, Decimal]]:
    rows = r.table(REALISASI_ANGGARAN)
    check_unique(rows, lambda x: (_quarter(x), x.identifier("baris")), "triwulan and baris")
    result: dict[int, dict[int, Decimal]] = {}
    for row in rows:
        q = _quarter(row)
        baris = row.identifier("baris")
        if baris not in lines:
            raise row.error(
                "baris",
                f"budget line {baris} is not in pagu.csv",
                "a line number listed in pagu.csv",
            )
        result.setdefault(q, {})[baris] = _amount(row, "realisasi")
    return result
