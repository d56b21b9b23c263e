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

_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


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

    def decimal(self, column: str, *, required: bool = True) -> Decimal | None:
        return self.get(column, parse_number, NUMBER_EXPECTED, required=required)

    def integer(self, column: str, *, required: bool = True) -> int | None:
        return self.get(column, parse_int, "a whole number, e.g. 2", required=required)

    def date(self, column: str) -> date:
        return self.get(column, parse_date, "a date as YYYY-MM-DD, e.g. 2025-06-30")


NUMBER_EXPECTED = (
    "a plain number with '.' as decimal point and no thousands separator, unit or '%', "
    "e.g. 7410 or 80.76"
)


def parse_number(text: str) -> Decimal:
    if not _PLAIN_NUMBER.match(text):
        raise ValueError(text)
    return Decimal(text)


def parse_int(text: str) -> int:
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError(text)
    return int(text)


def parse_date(text: str) -> date:
    return datetime.strptime(text, "%Y-%m-%d").date()


def read_csv(
    path: Path, shown: str, columns: list[str], optional: tuple[str, ...] = ()
) -> Iterator[Row]:
    """Rows of a CSV file whose header has exactly ``columns`` (plus any of ``optional``)."""
    text = read_text(path, shown)
    reader = csv.reader(io.StringIO(text, newline=""))
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
                expected="one cell per column (quote a text that contains a comma)",
            )
        yield Row(shown, number, dict(zip(header, cells, strict=True)))


def read_yaml(path: Path, shown: str, error: type[DataError] = DataError) -> Any:
    """A YAML document; a syntax error names its line."""
    return yaml_load(read_text(path, shown, error), shown, error)


def yaml_load(text: str, shown: str, error: type[DataError] = DataError) -> Any:
    """Parse YAML text; a syntax error names its line."""
    try:
        return yaml.safe_load(text)
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
