"""Where a project's data, params and outputs live, and which names are safe to use."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from lkj.errors import DataError, UnitError
from lkj.inputs.confine import confine
from lkj.rules.periods import Period

ENV_ROOT = "LKJ_ROOT"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def check_name(name: str, what: str = "unit") -> str:
    """A unit name is a lower-case slug; anything else (``../x``, ``/etc``) is refused."""
    if not _NAME.match(name):
        raise UnitError(
            f"{what} name {name!r} is not allowed; expected lower-case letters, digits and '-' "
            "(e.g. bp3mi-jabar)"
        )
    return name


def default_root() -> Path:
    """``$LKJ_ROOT``, else the current folder if it has ``data/``, else this checkout."""
    env = os.environ.get(ENV_ROOT)
    if env:
        return Path(env).resolve()
    cwd = Path.cwd()
    if (cwd / "data").is_dir():
        return cwd.resolve()
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Project:
    """A tree with ``data/`` and ``params/`` (read) and ``build/`` and ``reports/`` (written)."""

    root: Path

    @classmethod
    def at(cls, root: Path | str | None = None) -> Project:
        return cls(Path(root).resolve() if root is not None else default_root())

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def params_dir(self) -> Path:
        return self.root / "params"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    def units(self) -> list[str]:
        if not self.data_dir.is_dir():
            return []
        self.confine(self.data_dir)  # not even the names of what lies outside the project
        return sorted(p.name for p in self.data_dir.iterdir() if (p / "unit.yaml").is_file())

    def resolve_unit(self, unit: str | None, period: Period | None = None) -> str:
        """The given unit (checked); else the only unit in ``data/``, or the only one with
        data for ``period``'s year. Several candidates: an error listing them."""
        units = self.units()
        if unit is None:
            if len(units) == 1:
                return units[0]
            if not units:
                raise UnitError(f"no unit found: {self.display(self.data_dir)} has no */unit.yaml")
            if period is None:
                raise UnitError(
                    f"several units in data/ ({', '.join(units)}); name one with --unit"
                )
            having = [u for u in units if self.has_year(u, period.year)]
            if len(having) == 1:
                return having[0]
            if not having:
                raise UnitError(
                    f"no unit has data for {period.year} (data/<unit>/{period.year}/); "
                    f"units: {', '.join(units)}; name one with --unit"
                )
            raise UnitError(
                f"several units have data for {period.year} ({', '.join(having)}); "
                "name one with --unit"
            )
        check_name(unit)
        if unit not in units:
            known = ", ".join(units) or "none"
            raise UnitError(
                f"unknown unit {unit!r}: there is no data/{unit}/unit.yaml; known units: {known}"
            )
        return unit

    def has_year(self, unit: str, year: int) -> bool:
        """Whether ``unit`` has data for ``year``: a folder ``data/<unit>/<year>/`` or a
        workbook ``data/<unit>/<year>.xlsx``."""
        folder = self.data_dir / unit
        return (folder / str(year)).is_dir() or (folder / f"{year}.xlsx").is_file()

    def unit_dir(self, unit: str) -> Path:
        return self.data_dir / check_name(unit)

    def display(self, path: Path) -> str:
        """A path relative to the project root, for messages and outputs (never absolute).

        As written under the root (a link shows as the link), else where it leads."""
        try:
            return Path(os.path.normpath(path.absolute())).relative_to(self.root).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links
            return path.name

    def confine(
        self, path: Path, error: type[DataError] = DataError, *, write: bool = False
    ) -> Path:
        """``path`` resolved, when it lies inside the project root; an error naming the link
        that leads out of it otherwise (:mod:`lkj.inputs.confine`). ``write``: an output."""
        return confine(self.root, path, self.display(path), error, write=write)
