"""Reading CSV and YAML data files with messages that name file, row and column.

Rows are counted as a spreadsheet shows them: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from lkj.errors import DataError


def read_text(path: Path, shown: str, error: type[DataError] = DataError) -> str:
    """A UTF-8 text file (a leading byte-order mark is accepted); errors name the file."""
    if not path.is_file():
        raise error(shown, "file is missing", expected="the file to exist")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            shown,
            f"line {line} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            expected="the file saved as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        ) from None
    if not text.strip():
        raise error(shown, "file is empty", expected="content")
    return text


@dataclass(frozen=True)
class Row:
    """One data row of a CSV file with its spreadsheet row number."""

    file: str
    number: int
    values: dict[str, str]

    def error(self, column: str | None, problem: str, expected: str | None = None) -> DataError:
        found = self.values.get(column) if column else None
        return DataError(
            self.file, problem, row=self.number, column=column, found=found, expected=expected
        )

    def text(self, column: str, *, required: bool = True) -> str:
        value = self.values.get(column, "").strip()
        if required and not value:
            raise self.error(column, "cell is blank", "a value")
        return value

    def get(
        self, column: str, parse: Callable[[str], Any], expected: str, *, required: bool = True
    ) -> Any:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            return parse(value)
        except (ValueError, InvalidOperation):
            raise self.error(column, "value is not understood", expected) from None

    def integer(self, column: str) -> int:
        """A required whole number."""
        value: int = self.get(column, parse_int, "a whole number, e.g. 2")
        return value

    def date(self, column: str) -> date:
        return self.get(column, parse_date, "a date as YYYY-MM-DD, e.g. 2025-06-30")

    def numeric(self, column: str, form: NumberForm, of: str = "this column") -> Decimal:
        """A required number written in one of the ways ``form`` accepts (see
        :func:`parse_value`); ``of`` names what the value belongs to in messages (``IKU 7``)."""
        try:
            return parse_value(self.text(column), form, of)
        except NumberError as exc:
            raise self.error(column, exc.problem, form.expected) from None


def parse_int(text: str) -> int:
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError(text)
    return int(text)


def parse_date(text: str) -> date:
    return datetime.strptime(text, "%Y-%m-%d").date()


# ---- numbers as analysts write them --------------------------------------------------------
#
# The plain form (7410, 80.76) is always accepted. Where a column's unit makes a common
# Indonesian form unambiguous, that form is accepted too (docs/data.md, "Numbers"):
# - a decimal comma, ',' and one or two digits: 80,76 (never a thousands separator: those
#   come in groups of three);
# - '.' between groups of exactly three digits, in whole-number and rupiah columns: 7.410,
#   3.515.820.174 (a person or a rupiah has no third decimal, so 7.410 cannot be 7.41);
# - the column's own unit: 80,76% for a percentage, 7.410 Orang for persons, Rp 3.515.820.174
#   (and Rp 5.000,- or 5.000,00) for money.
# Anything that stays ambiguous (1,234: thousands or decimals?) or contradicts the unit
# ('%' on a count of persons, 'Orang' on a percentage, 7.41 persons) is refused with a
# message that shows the plain form to write.


class NumberError(ValueError):
    """A number cell that does not fit its column: what is wrong, for the message."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class NumberForm:
    """The ways the numbers of a column may be written, given the column's unit."""

    unit: str  # persen, orang, nilai, rupiah, jumlah
    noun: str  # for messages: "a percentage"
    about: str  # for messages, after the value's owner: "whose satuan is persen"
    example: str  # the plain form, "80.76"
    also: str = ""  # the other accepted forms, "80,76 or 80,76%"
    whole: bool = False  # only whole numbers (persons, counts)
    decimals: int | None = None  # at most this many decimals (rupiah: 2)
    thousands: bool = False  # '.' between groups of three digits: 7.410
    decimal_comma: bool = False  # ',' and one or two digits: 80,76
    suffixes: tuple[str, ...] = ()  # the unit after the number, lower case: "%", "orang"
    prefixes: tuple[str, ...] = ()  # the unit before it, lower case: "rp"

    def __post_init__(self) -> None:
        # 7.410 is unambiguous only where a third decimal is impossible.
        assert not self.thousands or self.whole or (self.decimals or 0) < 3, self.unit

    @property
    def expected(self) -> str:
        also = f" (also accepted: {self.also})" if self.also else ""
        return f"{self.noun}, e.g. {self.example}{also}"


PERSEN = NumberForm(
    "persen",
    "a percentage",
    "whose satuan is persen",
    "80.76",
    "80,76 or 80,76%",
    decimal_comma=True,
    suffixes=("%", "persen"),
)
ORANG = NumberForm(
    "orang",
    "a whole number of persons",
    "whose satuan is orang (whole persons)",
    "7410",
    "7.410 or 7.410 Orang",
    whole=True,
    thousands=True,
    suffixes=("orang",),
)
NILAI = NumberForm("nilai", "a score", "whose satuan is nilai", "91.5", "91,5", decimal_comma=True)
RUPIAH = NumberForm(
    "rupiah",
    "an amount in rupiah",
    "which holds rupiah",
    "3515820174",
    "3.515.820.174, Rp 3.515.820.174 or Rp 3.515.820.174,00",
    decimals=2,
    thousands=True,
    decimal_comma=True,
    prefixes=("rp",),
)
JUMLAH = NumberForm(
    "jumlah", "a whole number", "which holds a count", "1250", "1.250", whole=True, thousands=True
)

_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_GROUPED = re.compile(r"-?\d{1,3}(?:\.\d{3})+")
_COMMA = re.compile(r"-?\d+,\d{1,2}")
_GROUPED_COMMA = re.compile(r"-?\d{1,3}(?:\.\d{3})+,\d{1,2}")
_AMBIGUOUS_COMMA = re.compile(r"-?\d+(?:,\d{3})+(?:\.\d+)?")
_LONG_COMMA = re.compile(r"-?\d+,\d{4,}")
_PREFIX = re.compile(r"(?P<unit>rp)\.?\s*(?P<rest>.*)", re.IGNORECASE)
_SUFFIX = re.compile(r"(?P<rest>.*?)\s*(?P<unit>%|[a-z]+\.?)", re.IGNORECASE)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def plain_number(text: str) -> Decimal | None:
    """``7410``, ``80.76``: '.' is the decimal point, no grouping. None if not of this form."""
    return Decimal(text) if _PLAIN.fullmatch(text) else None


def thousands_grouped(text: str) -> Decimal | None:
    """``7.410``, ``3.515.820.174``, ``3.515.820.174,50``: '.' between groups of three digits,
    optionally ',' and one or two decimals. None if not of this form."""
    if _GROUPED.fullmatch(text) or _GROUPED_COMMA.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    return None


def decimal_comma(text: str) -> Decimal | None:
    """``80,76``, ``91,5``: ',' and one or two digits is the decimal point. None if not."""
    return Decimal(text.replace(",", ".")) if _COMMA.fullmatch(text) else None


def strip_unit(text: str, form: NumberForm, of: str) -> str:
    """``text`` without the unit written around the number, when it is ``form``'s own unit
    (``80,76%``, ``7.410 Orang``, ``Rp 3.515.820.174``, ``Rp 5.000,-``); another unit is an
    error (``7.410 Orang`` for a percentage)."""
    text = text.translate(_SPACES).strip()
    prefix = _PREFIX.fullmatch(text)
    if prefix:
        if prefix["unit"].lower() not in form.prefixes:
            raise NumberError(f"'{prefix['unit']}' does not fit {of}, {form.about}")
        text = prefix["rest"].strip()
    if "rp" in form.prefixes and text.endswith(",-"):  # Rp 5.000,- : no sen
        text = text[:-2]
    suffix = _SUFFIX.fullmatch(text)
    if suffix and suffix["rest"]:
        unit = suffix["unit"].rstrip(".")
        if unit.lower() not in form.suffixes:
            raise NumberError(f"'{unit}' does not fit {of}, {form.about}")
        text = suffix["rest"]
    return text


def parse_value(text: str, form: NumberForm, of: str = "this column") -> Decimal:
    """A number written in one of the forms ``form`` accepts; :class:`NumberError` otherwise.

    ``of`` names what the value belongs to in messages (``IKU 7``, ``this column``).
    """
    core = strip_unit(text, form, of)
    value: Decimal | None
    if form.thousands:  # whole numbers or at most two decimals: 7.410 cannot be 7.41
        value = thousands_grouped(core)
        if value is None:
            value = plain_number(core)
        if value is None and form.decimal_comma:
            value = decimal_comma(core)
    else:
        value = plain_number(core)
        if value is None and form.decimal_comma:
            value = decimal_comma(core)
        if value is None and (_GROUPED.fullmatch(core) or _GROUPED_COMMA.fullmatch(core)):
            raise NumberError(f"'.' as a thousands separator does not fit {of}, {form.about}")
    if value is None:
        if _AMBIGUOUS_COMMA.fullmatch(core):
            raise NumberError(
                "',' followed by three digits is ambiguous: a thousands separator or a "
                "decimal comma"
            )
        if _LONG_COMMA.fullmatch(core):
            raise NumberError(
                "',' followed by more than two digits is not read as a decimal comma; "
                "write '.' as the decimal point"
            )
        if _COMMA.fullmatch(core) or _GROUPED_COMMA.fullmatch(core):
            if form.whole:
                raise NumberError(f"a decimal does not fit {of}, {form.about}")
            raise NumberError(f"',' is not a decimal point in {of}; write '.'")
        raise NumberError("value is not a number")
    if form.whole and value != value.to_integral_value():
        raise NumberError(f"a decimal does not fit {of}, {form.about}")
    if form.whole:
        value = value.quantize(Decimal(1))
    exponent = value.as_tuple().exponent
    if form.decimals is not None and isinstance(exponent, int) and -exponent > form.decimals:
        raise NumberError(f"{form.noun} has at most {form.decimals} decimals")
    return value


def read_csv(
    path: Path, shown: str, columns: list[str], optional: tuple[str, ...] = ()
) -> Iterator[Row]:
    """Rows of a CSV file whose header has exactly ``columns`` (plus any of ``optional``).

    Cells are separated by ``,``, or by ``;`` when the header has ``;`` and no ``,``: that is
    how a spreadsheet with Indonesian settings saves CSV (the comma being its decimal point).
    """
    text = read_text(path, shown)
    delimiter = csv_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    allowed = set(columns) | set(optional)
    for name in header:
        if name not in allowed:
            close = difflib.get_close_matches(name, sorted(allowed), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise DataError(
                shown,
                f"unknown column '{name}'{hint}",
                row=1,
                column=name,
                expected="columns " + ", ".join(columns),
            )
    for name in columns:
        if name not in header:
            raise DataError(
                shown,
                f"column '{name}' is missing",
                row=1,
                column=name,
                expected="columns " + ", ".join(columns),
            )
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise DataError(shown, f"column '{dup}' appears twice", row=1, column=dup)
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise DataError(
                shown,
                f"row has {len(cells)} cells but the header has {len(header)}",
                row=number,
                expected=f"one cell per column (quote a text that contains a '{delimiter}')",
            )
        yield Row(shown, number, dict(zip(header, cells, strict=True)))


def csv_delimiter(text: str) -> str:
    """``;`` if the header line has ``;`` and no ``,``; else ``,``."""
    header = text.split("\n", 1)[0]
    return ";" if ";" in header and "," not in header else ","


def read_yaml(path: Path, shown: str, error: type[DataError] = DataError) -> Any:
    """A YAML document; a syntax error names its line."""
    return yaml_load(read_text(path, shown, error), shown, error)


class _ImpossibleDate(yaml.YAMLError):
    """A YAML date that matches YYYY-MM-DD but does not exist (2025-02-31)."""

    def __init__(self, value: str, line: int, problem: str) -> None:
        super().__init__(problem)
        self.value, self.line, self.problem = value, line, problem


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, but an impossible date is an error that names its line
    (PyYAML itself raises a bare ValueError without one)."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _ImpossibleDate(str(node.value), node.start_mark.line + 1, str(exc)) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def yaml_load(text: str, shown: str, error: type[DataError] = DataError) -> Any:
    """Parse YAML text; a syntax error names its line."""
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader: no arbitrary objects
    except _ImpossibleDate as exc:
        raise error(
            shown,
            f"this date does not exist ({exc.problem})",
            line=exc.line,
            found=exc.value,
            expected="a real date written YYYY-MM-DD, e.g. 2025-07-21",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise error(
            shown,
            f"{where}YAML syntax error: {problem}",
            expected="valid YAML (check indentation and quoting)",
        ) from None


def check_unique(rows: list[Row], key: Callable[[Row], object], columns: str) -> None:
    """Refuse a second row with the same key."""
    seen: dict[object, int] = {}
    for row in rows:
        k = key(row)
        if k in seen:
            raise row.error(
                None,
                f"duplicate row: same {columns} as row {seen[k]}",
                f"one row per {columns}",
            )
        seen[k] = row.number
