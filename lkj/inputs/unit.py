"""Loading a unit's data for a year into typed, validated objects.

Layout (see docs/data.md)::

    data/<unit>/unit.yaml
    data/<unit>/<year>/sasaran.csv, indikator.csv, realisasi.csv (required),
                       kegiatan.csv, pagu.csv, realisasi_anggaran.csv, anggaran.yaml (optional)

or the same tables as the sheets of one workbook, ``data/<unit>/<year>.xlsx``
(docs/excel.md; :mod:`lkj.inputs.layout`, :mod:`lkj.inputs.workbook`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from lkj.errors import DataError, PeriodError, Problems
from lkj.inputs.files import (
    JUMLAH,
    RUPIAH,
    NumberError,
    Row,
    check_digits,
    check_magnitude,
    parse_int,
    parse_value,
    read_csv,
)
from lkj.inputs.layout import (
    ANGGARAN,
    ANGGARAN_YAML,
    INDIKATOR,
    KEGIATAN,
    PAGU,
    REALISASI,
    REALISASI_ANGGARAN,
    REALISASI_KEGIATAN,
    SASARAN,
    TableSpec,
    table_files,
    workbook_path,
    year_dir,
)
from lkj.inputs.project import Project
from lkj.inputs.schema import load_model
from lkj.inputs.values import DOC, NOT_MEASURED, Kind
from lkj.inputs.workbook import Workbook
from lkj.rules.budget import BudgetLine, KegiatanBudget, ProgramBudget, by_program, program_totals
from lkj.rules.cumulation import Realisation
from lkj.rules.decimals import percent
from lkj.rules.indicators import (
    NEEDS_WORD,
    Indicator,
    Jenis,
    Kumulasi,
    Polaritas,
    Rentang,
    Skala,
    Target,
    Value,
    add_targets,
)
from lkj.rules.periods import Period, quarter_label

E = TypeVar("E", bound=StrEnum)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kontak(_Strict):
    telepon: str = ""
    situs: str = ""
    media_sosial: str = ""
    alamat: str = ""
    email: str = ""


class Renstra(_Strict):
    """The medium-term plan, each part optional: the report shows what is given."""

    periode: str = ""
    visi: str = ""
    misi: list[str] = Field(default_factory=list)
    tujuan: list[str] = Field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.visi.strip() or self.misi or self.tujuan)


_SCALE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _scales(value: Any) -> Any:
    """``skala``: a mapping of scale names to their words, from worst to best."""
    if not isinstance(value, dict):
        return value
    for name, words in value.items():
        if not isinstance(name, str) or not _SCALE_NAME.match(name):
            raise ValueError(
                f"a scale name in lower-case letters, digits, '_' or '-' (found {name!r}; "
                f"see {DOC})"
            )
        if (
            not isinstance(words, list)
            or len(words) < 2
            or not all(isinstance(w, str) and w.strip() for w in words)
        ):
            raise ValueError(
                f"scale '{name}': a list of at least two words, from worst to best, e.g. "
                f"[TMP, WDP, WTP] ({DOC})"
            )
        folded = [" ".join(w.split()).casefold() for w in words]
        if len(set(folded)) != len(folded):
            raise ValueError(f"scale '{name}': each word once ({DOC})")
    return value


def _cap(value: Any) -> Any:
    """``batas_capaian``: the highest capaian shown for one indicator, at least 100."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"a number of 100 or more, e.g. 120 ({DOC})")
    try:
        number = Decimal(str(value).strip().rstrip("%").strip().replace(",", "."))
    except ArithmeticError:
        raise ValueError(f"a number of 100 or more, e.g. 120 ({DOC})") from None
    if not number.is_finite() or number < 100:
        raise ValueError(
            f"a cap of 100 or more (a cap below 100 would lower met targets), e.g. 120 ({DOC})"
        )
    return number


UNIT_DOCS = {"skala": DOC, "batas_capaian": DOC}


class UnitInfo(_Strict):
    """``unit.yaml``: identity and contacts of a unit; optionally its Renstra, the scales of
    its predicates and a cap on each capaian."""

    kode: str
    nama: str
    singkatan: str
    kontak: Kontak = Field(default_factory=Kontak)
    renstra: Renstra | None = None
    skala: Annotated[dict[str, list[str]], BeforeValidator(_scales)] = Field(default_factory=dict)
    batas_capaian: Annotated[Decimal | None, BeforeValidator(_cap)] = None

    def scale(self, name: str) -> Skala | None:
        words = self.skala.get(name)
        return None if words is None else Skala(name, tuple(" ".join(w.split()) for w in words))


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
class UnitYear:
    """Everything the data say about one unit in one year.

    Only sasaran, indicators and realisations are required; the budget files are optional
    (``kegiatan`` and ``budget_lines`` empty, ``anggaran`` None when absent)."""

    unit: str
    info: UnitInfo
    year: int
    sasaran: dict[int, str]
    indicators: tuple[Indicator, ...]
    realisations: dict[tuple[int, int], Realisation]
    kegiatan: tuple[Kegiatan, ...] = ()
    budget_lines: tuple[BudgetLine, ...] = ()
    budget_realisations: dict[int, dict[int, Decimal]] = field(default_factory=dict)
    anggaran: AnggaranTotal | None = None
    files: tuple[Path, ...] = field(default=())
    # where each table was read, for messages: "data/x/2025/realisasi.csv" or
    # "data/x/2025.xlsx, sheet realisasi"
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    programs: tuple[ProgramBudget, ...] = ()  # realisasi_kegiatan.csv (the annual report)

    def indicator(self, iku: int) -> Indicator:
        for ind in self.indicators:
            if ind.iku == iku:
                return ind
        raise KeyError(iku)

    def quarters(self, iku: int, period: Period) -> list[Realisation]:
        """Realisations of quarters 1..n of ``period``, in order; a quarter without a row is
        not measured."""
        return [
            self.realisations.get((iku, q), Realisation(iku, q, None))
            for q in period.quarters_to_date
        ]

    def realisation(self, iku: int, quarter: int) -> Realisation | None:
        return self.realisations.get((iku, quarter))

    @property
    def latest_quarter(self) -> int:
        """The latest quarter with a row in realisasi.csv (0: none)."""
        return max((q for (_, q) in self.realisations), default=0)

    def check_period(self, period: Period) -> None:
        """Refuse a period of another year, or one the realisations do not reach yet."""
        if period.year != self.year:
            raise PeriodError(f"period {period} is not in the data year {self.year}")
        latest = self.latest_quarter
        if period.annual and latest < 4:
            raise PeriodError(
                f"no annual report for {period.year}: "
                f"{self.sources.get(REALISASI.name, REALISASI.file)} reaches "
                f"{quarter_label(latest) if latest else 'no quarter'}, and the year's "
                "realisation is the one at Triwulan IV (docs/annual.md); "
                "add the Triwulan IV rows (or the annual figures as Triwulan IV) or build "
                f"a quarter, e.g. {period.year}-Q{latest or 1}"
            )
        if period.quarter > latest:
            source = self.sources.get(
                REALISASI.name, f"data/{self.unit}/{self.year}/{REALISASI.file}"
            )
            raise PeriodError(
                f"no realisations for {period.label} {period.year} yet: "
                f"{source} reaches Triwulan {latest or '-'}; "
                "add that quarter's rows (a blank realisasi means not measured yet) or choose "
                "an earlier period"
            )


def _enum(row: Row, column: str, enum: type[E], what: str) -> E:
    text = row.text(column)
    try:
        return enum(text.strip().lower())
    except ValueError:
        raise row.error(
            column, f"unknown {what}", "one of " + ", ".join(e.value for e in enum) + f" ({DOC})"
        ) from None


def _quarter(row: Row, column: str = "triwulan") -> int:
    q = row.integer(column)
    if not 1 <= q <= 4:
        raise row.error(column, f"quarter {q} does not exist", "a quarter from 1 to 4")
    return q


class _Reader:
    """Reads the year's tables from its CSV files, or from its workbook when there is one;
    with ``problems`` collecting, a table that cannot be read is one problem and no rows."""

    def __init__(self, project: Project, unit: str, year: int, problems: Problems) -> None:
        self.project = project
        self.problems = problems
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

    def has(self, spec: TableSpec) -> bool:
        """Whether the year has this (optional) table."""
        if self.book is not None:
            return self.book.has(spec)
        name = ANGGARAN_YAML if spec is ANGGARAN else spec.file
        return (self.dir / name).exists() or (self.dir / name).is_symlink()

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
        """The rows of a table; with collected problems, none when the table itself is bad."""
        self.sources[spec.name] = self.shown(spec)
        with self.problems.guard():
            if self.book is not None:
                return list(self.book.rows(spec))
            path, shown = self.path(spec.file)
            return list(
                read_csv(path, shown, list(spec.columns), spec.optional, root=self.project.root)
            )
        return []

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

    def unique(self, rows: list[Row], key: Callable[[Row], object], columns: str) -> list[Row]:
        """The rows with a key not seen before (a repeated one is a problem)."""
        seen: dict[object, int] = {}
        kept = []
        for row in rows:
            with self.problems.guard():
                k = key(row)
                if k in seen:
                    raise row.error(
                        None,
                        f"duplicate row: same {columns} as row {seen[k]}",
                        f"one row per {columns}",
                    )
                seen[k] = row.number
                kept.append(row)
        return kept


def load(project: Project, unit: str, year: int, problems: Problems | None = None) -> UnitYear:
    """Load and validate all data of ``unit`` for ``year``.

    With ``problems`` collecting, every problem is recorded there and a best-effort UnitYear
    is returned (``lkj check``); otherwise the first problem is raised.
    """
    problems = problems or Problems()
    unit_path = project.unit_dir(unit) / "unit.yaml"
    info = load_model(
        UnitInfo,
        unit_path,
        project.display(unit_path),
        root=project.root,
        docs=UNIT_DOCS,
        problems=problems,
    )
    r = _Reader(project, unit, year, problems)

    sasaran: dict[int, str] = {}
    sasaran_rows = r.table(SASARAN)
    for row in r.unique(sasaran_rows, lambda x: x.identifier("sasaran"), "sasaran"):
        with problems.guard():
            sasaran[row.identifier("sasaran")] = row.text("nama")
    if not sasaran:
        with problems.guard():
            raise r.error(SASARAN, "no strategic goal", "one row per sasaran: sasaran, nama")

    indicators, listed = _indicators(r, info, sasaran)
    realisations = _realisations(r, {i.iku: i for i in indicators}, listed)
    indicators = tuple(_with_places(i, realisations) for i in indicators)

    kegiatan: list[Kegiatan] = []
    if r.has(KEGIATAN):
        keg_rows = r.table(KEGIATAN)
        for row in r.unique(keg_rows, lambda x: x.identifier("no"), "no"):
            with problems.guard():
                kegiatan.append(
                    Kegiatan(row.identifier("no"), row.text("kegiatan"), _amount(row, "pagu"))
                )
    lines: tuple[BudgetLine, ...] = ()
    numbers: set[int] = set()
    if r.has(PAGU):  # IKU listed with a problem of their own are not reported again
        lines = _budget_lines(r, {i.iku for i in indicators} | listed)
        numbers = {b.baris for b in lines}
        valid = {i.iku for i in indicators}
        lines = tuple(  # (only with problems collected: an IKU left out is one of them)
            replace(b, ikus=kept) for b in lines if (kept := tuple(i for i in b.ikus if i in valid))
        )
    budget_real: dict[int, dict[int, Decimal]] = {}
    if r.has(REALISASI_ANGGARAN):
        budget_real = _budget_realisations(r, numbers)
    anggaran = None
    if r.has(ANGGARAN):
        with problems.guard():
            anggaran = r.anggaran()
    programs: tuple[ProgramBudget, ...] = ()
    if r.has(REALISASI_KEGIATAN):
        with problems.guard():
            programs = _programs(r, anggaran, {i.iku for i in indicators})
    return UnitYear(
        unit,
        info,
        year,
        sasaran,
        indicators,
        realisations,
        tuple(kegiatan),
        lines,
        budget_real,
        anggaran,
        (unit_path, *r.files),
        r.sources,
        programs,
    )


def _programs(
    r: _Reader, anggaran: AnggaranTotal | None, ikus: set[int]
) -> tuple[ProgramBudget, ...]:
    """``realisasi_kegiatan.csv`` (or the workbook's sheet): each kegiatan with its program,
    ceiling and realisation for the year, and optionally the IKU it supports. With
    ``anggaran.yaml`` the sums must equal its pagu and its Triwulan IV realisation (a kegiatan
    left out or counted twice shows there)."""
    lines = [
        KegiatanBudget(
            row.text("program"),
            row.text("kegiatan"),
            _amount(row, "pagu"),
            _amount(row, "realisasi"),
            _supported(row, ikus) if row.text("iku", required=False).strip() else (),
        )
        for row in r.table(REALISASI_KEGIATAN)
    ]
    programs = by_program(lines)
    shown = r.shown(REALISASI_KEGIATAN)
    if anggaran is None:
        return programs
    pagu, realisasi = program_totals(programs)
    stated = {"pagu": anggaran.pagu, "realisasi": anggaran.realisasi.get(4)}
    for column, total in (("pagu", pagu), ("realisasi", realisasi)):
        if stated[column] is not None and total != stated[column]:
            raise DataError(
                shown,
                f"the kegiatan's {column} add up to {total:,}".replace(",", "."),
                column=column,
                expected=f"{stated[column]:,} as anggaran.yaml states".replace(",", ".")
                + (" for Triwulan IV" if column == "realisasi" else ""),
            )
    return programs


def _places(value: object) -> int:
    """Decimals written in a number (``0.820`` -> 3); 0 for anything else."""
    if isinstance(value, Rentang):
        return max(_places(value.bawah), _places(value.atas))
    if not isinstance(value, Decimal):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _with_places(ind: Indicator, realisations: dict[tuple[int, int], Realisation]) -> Indicator:
    """The indicator with the decimals to show: as many as its targets and realisations were
    written with (at most 4), at least 2."""
    entered = [ind.target, *(ind.target_triwulan or ())]
    entered += [
        r.nilai for (i, _), r in realisations.items() if i == ind.iku and r.penyebut is None
    ]
    return replace(ind, desimal=min(4, max(2, *(_places(v) for v in entered))))


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


_QUARTER_COLUMNS = tuple(f"target_tw{q}" for q in range(1, 5))
# How a percentage and money may name their unit in the satuan column (nothing is shown).
_IMPLIED_WORDS = {Jenis.PERSEN: ("", "%", "persen"), Jenis.RUPIAH: ("", "rp", "rupiah")}


def _kind(row: Row, iku: int, info: UnitInfo) -> Kind:
    """The indicator's kind, unit word, scale and polarity, checked together."""
    jenis = _enum(row, "jenis", Jenis, "kind")
    word = " ".join(row.text("satuan", required=False).split())
    polaritas = _enum(row, "polaritas", Polaritas, "polarity")
    skala: Skala | None = None
    if jenis in _IMPLIED_WORDS:
        if word.casefold() not in _IMPLIED_WORDS[jenis]:
            raise row.error(
                "satuan",
                f"a {jenis.value} indicator has no other unit word",
                f"blank (or {', '.join(w for w in _IMPLIED_WORDS[jenis] if w)}) ({DOC})",
            )
        word = ""
    elif jenis in NEEDS_WORD and not word:
        what = (
            "the name of a scale declared under 'skala' in unit.yaml"
            if jenis is Jenis.PREDIKAT
            else "the unit word, e.g. "
            + {Jenis.JUMLAH: "dokumen", Jenis.UKURAN: "Ha", Jenis.DURASI: "hari"}[jenis]
        )
        raise row.error(
            "satuan", f"a {jenis.value} indicator needs its unit word", f"{what} ({DOC})"
        )
    if jenis is Jenis.PREDIKAT:
        skala = info.scale(word)
        if skala is None:
            known = ", ".join(info.skala) or "none declared"
            raise row.error(
                "satuan",
                f"unknown scale '{word}'",
                f"a scale declared under 'skala' in unit.yaml (declared: {known}) ({DOC})",
            )
        if polaritas is not Polaritas.NAIK:
            raise row.error(
                "polaritas",
                "a predicate's scale is already ordered from worst to best",
                f"naik ({DOC})",
            )
    return Kind(iku, jenis, word, polaritas, skala)


def _indicators(
    r: _Reader, info: UnitInfo, sasaran: dict[int, str]
) -> tuple[tuple[Indicator, ...], set[int]]:
    """The indicators, and the IKU numbers listed (those of rows with problems too, so that
    their realisations are not reported again as unknown)."""
    rows = r.table(INDIKATOR)
    listed = set()
    for row in rows:
        with contextlib.suppress(ValueError):
            listed.add(parse_int(row.values.get("iku", "").strip()))
    result = []
    for row in r.unique(rows, lambda x: x.identifier("iku"), "iku"):
        with r.problems.guard():
            result.append(_indicator(row, info, sasaran))
    if not rows:
        with r.problems.guard():
            raise r.error(INDIKATOR, "no indicator", f"one row per IKU ({DOC})")
    return tuple(sorted(result, key=lambda i: i.iku)), listed


def _indicator(row: Row, info: UnitInfo, sasaran: dict[int, str]) -> Indicator:
    iku = row.identifier("iku")
    goal = row.identifier("sasaran")
    if goal not in sasaran:
        raise row.error(
            "sasaran",
            "unknown strategic goal",
            "a number listed in sasaran.csv: " + ", ".join(map(str, sasaran)),
        )
    kind = _kind(row, iku, info)
    kumulasi = _enum(row, "kumulasi", Kumulasi, "cumulation")
    if kind.jenis is Jenis.PREDIKAT and kumulasi is not Kumulasi.TERAKHIR:
        raise row.error("kumulasi", "a predicate cannot be summed or averaged", f"terakhir ({DOC})")
    target = kind.target(row, "target")
    quarterly = _quarterly(row, kind, kumulasi, target)
    return Indicator(
        iku=iku,
        sasaran=goal,
        nama=row.text("indikator"),
        jenis=kind.jenis,
        polaritas=kind.polaritas,
        kumulasi=kumulasi,
        target=target,
        target_triwulan=quarterly,
        satuan=kind.satuan,
        skala=kind.skala,
        label_pembilang=row.text("label_pembilang", required=False),
        label_penyebut=row.text("label_penyebut", required=False),
        kode=row.text("kode", required=False).strip(),
        kode_lama=tuple(row.text("kode_lama", required=False).split()),
    )


def _quarterly(
    row: Row, kind: Kind, kumulasi: Kumulasi, target: Target
) -> tuple[Target, Target, Target, Target] | None:
    """The four quarterly targets, or None when none is given (annual target only)."""
    given = [q for q in _QUARTER_COLUMNS if row.text(q, required=False)]
    if not given:
        return None
    if len(given) < 4:
        blank = next(q for q in _QUARTER_COLUMNS if q not in given)
        raise row.error(
            blank,
            "quarterly targets are given for some quarters only",
            f"all four of target_tw1..4, or none of them (annual target only) ({DOC})",
        )
    quarterly = tuple(kind.target(row, q) for q in _QUARTER_COLUMNS)
    if kumulasi is Kumulasi.JUMLAH and kind.jenis is not Jenis.PREDIKAT:
        total = add_targets(quarterly)
        if total != target:
            shown = f"{total.bawah}-{total.atas}" if isinstance(total, Rentang) else str(total)
            raise row.error(
                "target",
                f"quarterly targets add up to {shown}, not to the annual target",
                "the annual target to equal the sum of target_tw1..4 when kumulasi is jumlah",
            )
    elif quarterly[3] != target:
        raise row.error(
            "target_tw4",
            "the fourth quarter's target differs from the annual target",
            f"target_tw4 = target when kumulasi is {kumulasi.value}",
        )
    return quarterly  # type: ignore[return-value]


def _realisations(
    r: _Reader, indicators: dict[int, Indicator], listed: set[int]
) -> dict[tuple[int, int], Realisation]:
    rows = r.table(REALISASI)
    result: dict[tuple[int, int], Realisation] = {}
    unique = r.unique(rows, lambda x: (x.identifier("iku"), _quarter(x)), "iku and triwulan")
    for row in unique:
        with r.problems.guard():
            real = _realisation(row, indicators, listed)
            if real is not None:
                result[(real.iku, real.triwulan)] = real
    return result


def _realisation(
    row: Row, indicators: dict[int, Indicator], listed: set[int]
) -> Realisation | None:
    """One row; None for an IKU whose own row in indikator.csv has a problem."""
    iku = row.identifier("iku")
    q = _quarter(row)
    if iku in listed and iku not in indicators:
        return None
    if iku not in indicators:
        raise row.error(
            "iku",
            f"IKU {iku} is not in the performance agreement",
            "an IKU listed in indikator.csv: " + ", ".join(map(str, sorted(indicators))),
        )
    ind = indicators[iku]
    kind = Kind(iku, ind.jenis, ind.satuan, ind.polaritas, ind.skala)
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
        if row.values.get("realisasi", "").strip() not in NOT_MEASURED:
            raise row.error(
                "realisasi",
                "both a value and counts are given",
                "either realisasi, or pembilang and penyebut (then leave "
                "realisasi blank: it is computed)",
            )
    else:
        nilai = kind.realisation(row, "realisasi")
    return Realisation(iku, q, nilai, num, den)


def _budget_lines(r: _Reader, ikus: set[int]) -> tuple[BudgetLine, ...]:
    rows = r.table(PAGU)
    lines = []
    for row in r.unique(rows, lambda x: x.identifier("baris"), "baris"):
        with r.problems.guard():
            lines.append(_budget_line(row, ikus))
    return tuple(sorted(lines, key=lambda b: b.baris))


def _budget_line(row: Row, ikus: set[int]) -> BudgetLine:
    return BudgetLine(row.identifier("baris"), _supported(row, ikus), _amount(row, "pagu"))


def _supported(row: Row, ikus: set[int]) -> tuple[int, ...]:
    """The row's ``iku`` list, each an IKU of the performance agreement."""
    funded = _iku_list(row)
    for i in funded:
        if i not in ikus:
            raise row.error(
                "iku",
                f"IKU {i} is not in the performance agreement",
                "IKU numbers listed in indikator.csv",
            )
    return funded


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
    result: dict[int, dict[int, Decimal]] = {}
    unique = r.unique(rows, lambda x: (_quarter(x), x.identifier("baris")), "triwulan and baris")
    for row in unique:
        with r.problems.guard():
            _budget_realisation(row, lines, result)
    return result


def _budget_realisation(row: Row, lines: set[int], result: dict[int, dict[int, Decimal]]) -> None:
    q = _quarter(row)
    baris = row.identifier("baris")
    if baris not in lines:
        raise row.error(
            "baris",
            f"budget line {baris} is not in pagu.csv",
            "a line number listed in pagu.csv",
        )
    result.setdefault(q, {})[baris] = _amount(row, "realisasi")
