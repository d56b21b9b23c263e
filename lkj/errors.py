"""The exception hierarchy of lkj.

Every error a user can cause (bad data, bad params, an unknown unit or period) is an
:class:`LkjError`. Its message is one line that says where the problem is, what was found and
what was expected, so the CLI can print it as is and exit with code 2.
"""

from __future__ import annotations

from pathlib import Path


class LkjError(Exception):
    """Base class of every error lkj reports to its user."""

    exit_code: int = 2


class DataError(LkjError):
    """A data file is missing, unreadable or holds a value that breaks a rule."""

    def __init__(
        self,
        file: Path | str,
        problem: str,
        *,
        row: int | None = None,
        column: str | None = None,
        key: str | None = None,
        line: int | None = None,
        found: object = None,
        expected: str | None = None,
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.key = key
        self.line = line
        self.found = found
        self.expected = expected
        self.problem = problem
        where = self.file
        if row is not None:
            where += f", row {row}"
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        if key is not None:
            where += f", key '{key}'"
        text = f"{where}: {problem}"
        if found is not None:
            text += f"; found {found!r}"
        if expected:
            text += f"; expected {expected}"
        super().__init__(text)


class ParamsError(DataError):
    """A params file is missing, malformed, or has an unknown, missing or mistyped key."""


class PeriodError(LkjError):
    """A period is not of the form YYYY-Qn / YYYY-TWn, or is outside the data."""


class UnitError(LkjError):
    """A unit name is unknown or ambiguous."""


class BuildError(LkjError):
    """The report could not be built (a chapter failed, an export step failed)."""

    exit_code = 1
