"""The exception hierarchy of lkj.

Every error a user can cause (bad data, bad params, an unknown unit or period) is an
:class:`LkjError`. Its message is one line that says where the problem is, what was found and
what was expected, so the CLI can print it as is and exit with code 2.
"""

from __future__ import annotations

import reprlib
from pathlib import Path

TOKEN_CHARS = 60
"""A value from a file is shown in a message by at most this many characters: enough to find
it, never a whole line or file."""

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxtuple, _REPR.maxdict = 2, 4, 4, 4
_REPR.maxset, _REPR.maxfrozenset, _REPR.maxstring = 4, 4, TOKEN_CHARS
_REPR.maxlong, _REPR.maxother = TOKEN_CHARS, TOKEN_CHARS


def token(text: str) -> str:
    """``text`` cut to :data:`TOKEN_CHARS` characters (with ``…``) for a message."""
    return text if len(text) <= TOKEN_CHARS else text[: TOKEN_CHARS - 1] + "…"


def shown(value: object) -> str:
    """``repr(value)``, bounded: a long text is cut (:func:`token`), a list or mapping shows its
    first items only."""
    if isinstance(value, str):
        return repr(token(value))
    return _REPR.repr(value)


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
        sheet: str | None = None,
        cell: str | None = None,
        row: int | None = None,
        column: str | None = None,
        key: str | None = None,
        line: int | None = None,
        found: object = None,
        expected: str | None = None,
    ) -> None:
        self.file = str(file)
        self.sheet = sheet
        self.cell = cell
        self.row = row
        self.column = column
        self.key = key
        self.line = line
        self.found = found
        self.expected = expected
        self.problem = problem
        where = self.file
        if sheet is not None:  # a workbook: sheet and cell in spreadsheet terms (C5)
            where += f", sheet {sheet}"
        if cell is not None:  # the cell names its row
            where += f", cell {cell}"
        elif row is not None:
            where += f", row {row}"
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        if key is not None:
            where += f", key '{token(key)}'"
        text = f"{where}: {problem}"
        if found is not None:
            text += f"; found {shown(found)}"
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


class Problems:
    """Where loaders put the errors they find.

    By default (``collect=False``) the first error is raised at once, so a command stops with
    one line. ``lkj check`` collects instead: each guarded step that fails is recorded and the
    loader goes on with the next row or file, so every problem is listed.
    """

    def __init__(self, collect: bool = False) -> None:
        self.collect = collect
        self.errors: list[LkjError] = []

    def add(self, error: LkjError) -> None:
        if not self.collect:
            raise error
        if str(error) not in {str(e) for e in self.errors}:
            self.errors.append(error)

    def guard(self) -> _Guard:
        """``with problems.guard(): ...``: an LkjError inside is added (and swallowed when
        collecting)."""
        return _Guard(self)


class _Guard:
    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, tb: object) -> bool:
        if isinstance(error, LkjError) and self.problems.collect:
            self.problems.add(error)
            return True
        return False
