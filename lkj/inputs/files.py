"""Reading CSV and YAML data files with messages that name file, row and column.

Rows are counted as a spreadsheet shows them: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from lkj.errors import DataError, token
from lkj.inputs.confine import confine
from lkj.inputs.limits import MAX_CELL_CHARS, MAX_DECIMALS, MAX_DEPTH, MAX_DIGITS, MAX_FILE_BYTES

# C0 control characters but tab, line feed and carriage return; and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class FileKind:
    """How messages name a kind of input file, and its size limit."""

    exists: str  # expected when missing: "the file to exist"
    regular: str  # expected when not a regular file: "a text file"
    limit: int  # bytes
    too_large: str  # found: "file is larger than 1 MiB"
    limit_of: str  # "an input file"


TEXT_FILE = FileKind(
    "the file to exist", "a text file", MAX_FILE_BYTES, "file is larger than 1 MiB", "an input file"
)


def read_bytes(
    path: Path,
    shown: str,
    kind: FileKind,
    error: type[DataError] = DataError,
    *,
    root: Path | None,
) -> bytes:
    """The bytes of a regular file inside ``root`` (:mod:`lkj.inputs.confine`; None only for a
    file the user named explicitly), at most ``kind.limit`` of them; errors name the file and
    never show its content."""
    if root is not None:
        confine(root, path, shown, error)
    try:
        if not path.exists():
            raise error(shown, "file is missing", expected=kind.exists)
        if not path.is_file():
            raise error(shown, "not a regular file", expected=kind.regular)
        with path.open("rb") as handle:
            raw = handle.read(kind.limit + 1)
    except OSError as exc:
        raise error(
            shown, f"the file cannot be read ({exc.strerror or type(exc).__name__})"
        ) from None
    if len(raw) > kind.limit:
        raise error(
            shown,
            kind.too_large,
            expected=f"at most {kind.limit} bytes (lkj's limit for {kind.limit_of})",
        )
    return raw


def read_text(
    path: Path, shown: str, error: type[DataError] = DataError, *, root: Path | None
) -> str:
    """A UTF-8 text file (a leading byte-order mark is accepted); errors name the file.

    ``root``: the project root the file must lie in (a symbolic link leading out of it is
    refused, :mod:`lkj.inputs.confine`); None only for a file the user named explicitly
    (``lkj audit --published FILE``). A file larger than
    :data:`~lkj.inputs.limits.MAX_FILE_BYTES`, anything but a regular file, and control
    characters are refused; no message shows the file's content.
    """
    raw = read_bytes(path, shown, TEXT_FILE, error, root=root)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            shown,
            f"line {line} is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            expected="the file saved as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        ) from None
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise error(
            shown,
            f"line {line} has the control character U+{ord(control.group()):04X}",
            expected="text without control characters (tab and line breaks are fine)",
        )
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
        except NumberError as exc:
            raise self.error(column, exc.problem, expected) from None
        except (ValueError, InvalidOperation):
            raise self.error(column, "value is not understood", expected) from None

    def integer(self, column: str) -> int:
        """A required whole number."""
        value: int = self.get(column, parse_int, "a whole number, e.g. 2")
        return value

    def identifier(self, column: str) -> int:
        """A required number that names a record (IKU, sasaran, no, baris): 1 or more."""
        value = self.integer(column)
        if value < 1:
            raise self.error(column, "a number that names a row is 1 or more", "e.g. 1, 2, 3")
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
    """``12``, ``-3``, ``007``: digits 0-9 (at most :data:`~lkj.inputs.limits.MAX_DIGITS`)."""
    check_digits(text)
    if not re.fullmatch(r"-?[0-9]+", text):
        raise ValueError(text)
    if len(text.lstrip("-").lstrip("0")) > MAX_DIGITS:
        raise NumberError(too_many_digits())
    return int(text)


def check_digits(text: str) -> None:
    """Refuse a digit other than 0-9 (full-width ``U+FF11``, Arabic-Indic ``U+0661``,
    superscript ``U+00B2``): Python reads them as numbers, a reader of the report may not, and
    a full-width one would be another key than ``1`` in a duplicate check."""
    for char in text:
        if char.isdigit() and not "0" <= char <= "9":
            raise NumberError(
                f"'{char}' is not one of the digits 0-9 (a full-width digit or one of another "
                "script)"
            )


def too_many_digits() -> str:
    return f"number too large: more than {MAX_DIGITS} digits before the decimal point (lkj's limit)"


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

_PLAIN = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
_GROUPED = re.compile(r"-?\d{1,3}(?:\.\d{3})+", re.ASCII)
_COMMA = re.compile(r"-?\d+,\d{1,2}", re.ASCII)
_GROUPED_COMMA = re.compile(r"-?\d{1,3}(?:\.\d{3})+,\d{1,2}", re.ASCII)
_AMBIGUOUS_COMMA = re.compile(r"-?\d+(?:,\d{3})+(?:\.\d+)?", re.ASCII)
_LONG_COMMA = re.compile(r"-?\d+,\d{4,}", re.ASCII)
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
            raise NumberError(f"'{token(unit)}' does not fit {of}, {form.about}")
        text = suffix["rest"]
    return text


def parse_value(text: str, form: NumberForm, of: str = "this column") -> Decimal:
    """A number written in one of the forms ``form`` accepts; :class:`NumberError` otherwise.

    ``of`` names what the value belongs to in messages (``IKU 7``, ``this column``). At most
    :data:`~lkj.inputs.limits.MAX_DIGITS` digits before the decimal point and
    :data:`~lkj.inputs.limits.MAX_DECIMALS` after it.
    """
    check_digits(text)
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
    check_magnitude(value)
    if form.whole:
        value = value.quantize(Decimal(1))
    exponent = value.as_tuple().exponent
    if form.decimals is not None and isinstance(exponent, int) and -exponent > form.decimals:
        raise NumberError(f"{form.noun} has at most {form.decimals} decimals")
    return value


def check_magnitude(value: Decimal) -> None:
    """Refuse a number beyond :data:`~lkj.inputs.limits.MAX_DIGITS` digits before the point or
    :data:`~lkj.inputs.limits.MAX_DECIMALS` after it (:class:`NumberError`)."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN, Infinity: no form above reads them
        raise NumberError("value is not a number")
    if len(digits) + exponent > MAX_DIGITS:
        raise NumberError(too_many_digits())
    if -exponent > MAX_DECIMALS and value != value.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise NumberError(f"more than {MAX_DECIMALS} decimals (lkj's limit); round the value")


def read_csv(
    path: Path,
    shown: str,
    columns: list[str],
    optional: tuple[str, ...] = (),
    *,
    root: Path | None,
    others: bool = False,
) -> Iterator[Row]:
    """Rows of a CSV file whose header has exactly ``columns`` (plus any of ``optional``, and
    with ``others`` any other column). A line whose first cell starts with ``#`` is a comment.

    Cells are separated by ``,``, or by ``;`` when the header has ``;`` and no ``,``: that is
    how a spreadsheet with Indonesian settings saves CSV (the comma being its decimal point).
    A cell holds at most :data:`~lkj.inputs.limits.MAX_CELL_CHARS` characters. ``root``: see
    :func:`read_text`.
    """
    text = read_text(path, shown, root=root)
    delimiter = csv_delimiter(text)
    rows = _split(text, delimiter, shown)
    first = next((n for n, cells in enumerate(rows) if not is_comment(cells)), None)
    if first is None:
        raise DataError(
            shown, "file has only comments", expected="a header line: " + ", ".join(columns)
        )
    header_row = first + 1  # comment lines before the header are skipped
    header = [h.strip() for h in rows[first]]

    def at_header(index: int | None, column: str, problem: str, expected: str | None) -> DataError:
        return DataError(shown, problem, row=header_row, column=column, expected=expected)

    check_header(header, columns, optional, at_header, others=others)
    for number, cells in enumerate(rows[first + 1 :], start=header_row + 1):
        if not any(c.strip() for c in cells) or is_comment(cells):
            continue
        if len(cells) != len(header):
            raise DataError(
                shown,
                f"row has {len(cells)} cells but the header has {len(header)}",
                row=number,
                expected=f"one cell per column (quote a text that contains a '{delimiter}')",
            )
        for name, cell in zip(header, cells, strict=True):
            if len(cell) > MAX_CELL_CHARS:
                raise DataError(
                    shown,
                    f"the cell is longer than {MAX_CELL_CHARS} characters (lkj's limit)",
                    row=number,
                    column=name,
                    expected="a shorter text",
                )
        yield Row(shown, number, dict(zip(header, cells, strict=True)))


def _split(text: str, delimiter: str, shown: str) -> list[list[str]]:
    """The rows of a CSV text as lists of cells; a malformed row is a :class:`DataError`.

    The csv module's own limit on a cell (128 KiB) is lifted while reading, so that a long
    cell gets lkj's message naming its row and column (the whole file is at most 1 MiB).
    """
    previous = csv.field_size_limit(MAX_FILE_BYTES + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for cells in reader:
            rows.append(cells)
    except csv.Error as exc:
        raise DataError(
            shown,
            f"the row cannot be read as CSV ({token(str(exc))})",
            row=len(rows) + 1,
            expected=f"cells separated by '{delimiter}', a quoted cell closed by '\"'",
        ) from None
    finally:
        csv.field_size_limit(previous)
    return rows


def check_header(
    header: list[str],
    columns: Sequence[str],
    optional: Sequence[str],
    error: Callable[[int | None, str, str, str | None], DataError],
    *,
    others: bool = False,
) -> None:
    """Refuse a header that is not exactly ``columns`` (in any order) plus any of ``optional``.

    ``error(index, column, problem, expected)`` makes the error about ``column``, whose header
    cell is at ``index`` (None for a missing column)."""
    allowed = set(columns) | set(optional)
    listed = "columns " + ", ".join(columns)
    for index, name in enumerate(header):
        if name not in allowed and not others:
            close = difflib.get_close_matches(name, sorted(allowed), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise error(index, token(name), f"unknown column '{token(name)}'{hint}", listed)
    for name in columns:
        if name not in header:
            raise error(None, name, f"column '{name}' is missing", listed)
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        index = len(header) - 1 - header[::-1].index(dup)
        raise error(index, dup, f"column '{dup}' appears twice", None)


def is_comment(cells: list[str]) -> bool:
    """A line whose first cell starts with ``#`` is a comment (``lkj new`` writes its example
    rows so); rows are still counted as a spreadsheet shows them."""
    return bool(cells) and cells[0].lstrip().startswith("#")


def csv_delimiter(text: str) -> str:
    """``;`` if the header line (the first that is not a ``#`` comment) has ``;`` and no ``,``;
    else ``,``."""
    lines = [line for line in text.split("\n") if not line.lstrip().startswith("#")]
    header = lines[0] if lines else ""
    return ";" if ";" in header and "," not in header else ","


class _Refused(yaml.YAMLError):
    """A YAML document that PyYAML would read but lkj refuses, or a value PyYAML cannot
    construct (an impossible date): where it is and what is wrong, for one message."""

    def __init__(
        self,
        node: yaml.Node | yaml.Event,
        problem: str,
        *,
        key: str | None = None,
        found: object = None,
        expected: str | None = None,
    ) -> None:
        super().__init__(problem)
        mark = node.start_mark
        self.line = mark.line + 1 if mark is not None else None
        self.problem, self.key, self.found, self.expected = problem, key, found, expected


class _Limits(yaml.composer.Composer):
    """Composing with lkj's limits: at most :data:`~lkj.inputs.limits.MAX_DEPTH` levels of
    nesting (PyYAML's composer recurses once per level: 50 000 levels end in a RecursionError),
    and no anchors or aliases (a few lines of aliases can stand for billions of values)."""

    _depth = 0
    peek_event: Callable[[], yaml.Event]  # from the Parser it is mixed with

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                event,
                "YAML anchors and aliases (&name, *name) are not accepted",
                expected="every value written out where it is used",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    event,
                    f"nested more than {MAX_DEPTH} levels deep (lkj's limit)",
                    expected="the structure the file's format describes",
                )
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1


_MERGE = "tag:yaml.org,2002:merge"
_INT_NOISE = re.compile(r"^[-+]?(?:0[xXbBoO])?|[_:]")


class _Loader(_Limits, yaml.SafeLoader):
    """PyYAML's safe loader with lkj's limits (:class:`_Limits`); besides,

    - a key given twice in a mapping is an error (PyYAML keeps the last value silently);
    - an integer of more than :data:`~lkj.inputs.limits.MAX_DIGITS` digits is an error (Python
      refuses to read one of 4300 digits with a bare ValueError);
    - an impossible date is an error that names its line (PyYAML raises a bare ValueError).
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value if isinstance(node, yaml.MappingNode) else ():
            if key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: PyYAML's own error follows
                continue
            if first is not None:
                shown = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
                raise _Refused(
                    key_node,
                    f"key given twice (first on line {first})",
                    key=shown,
                    expected="each key once (the second would silently replace the first)",
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = _INT_NOISE.sub("", str(node.value)).lstrip("0")
        if len(digits) > MAX_DIGITS:
            raise _Refused(
                node,
                f"number too large: more than {MAX_DIGITS} digits (lkj's limit)",
                found=str(node.value),
                expected=f"a number of at most {MAX_DIGITS} digits",
            )
        return super().construct_yaml_int(node)  # type: ignore[no-any-return]

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _Refused(
                node,
                f"this date does not exist ({exc})",
                found=str(node.value),
                expected="a real date written YYYY-MM-DD, e.g. 2025-07-21",
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _NodeLoader(_Limits, yaml.BaseLoader):
    """Composes the node tree only (every scalar stays text), with lkj's limits."""


def yaml_load(text: str, shown: str, error: type[DataError] = DataError) -> Any:
    """Parse YAML text; a syntax error, a key given twice, a number or nesting beyond lkj's
    limits, anchors and aliases are an error naming the line."""
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader: no arbitrary objects
    except yaml.YAMLError as exc:
        raise _error(exc, text, shown, error) from None


def yaml_compose(text: str, shown: str, error: type[DataError] = DataError) -> yaml.Node | None:
    """The node tree of a YAML text (scalars as written, with their lines), under the same
    checks as :func:`yaml_load`."""
    try:
        return yaml.compose(text, Loader=_NodeLoader)  # type: ignore[no-any-return]
    except yaml.YAMLError as exc:
        raise _error(exc, text, shown, error) from None


def _error(exc: yaml.YAMLError, text: str, shown: str, error: type[DataError]) -> DataError:
    if isinstance(exc, _Refused):
        return error(
            shown,
            exc.problem,
            line=exc.line,
            key=exc.key,
            found=exc.found,
            expected=exc.expected,
        )
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return error(
            shown,
            f"line {line}: YAML syntax error: the character U+{char:04X} is not allowed",
            expected="text without control characters",
        )
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}: " if mark is not None else ""
    problem = str(getattr(exc, "problem", None) or "invalid YAML")
    if len(problem) > 100:
        problem = problem[:99] + "…"
    return error(
        shown,
        f"{where}YAML syntax error: {problem}",
        expected="valid YAML (check indentation and quoting)",
    )


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
