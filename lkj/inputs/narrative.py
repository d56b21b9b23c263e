"""Reading the analysts' prose: ``data/<unit>/<year>/narasi/<period>/*.md``.

Only reading, from inside the project root (:mod:`lkj.inputs.confine`); splitting into sections,
rendering and sanitising are the report's (:mod:`lkj.report.prose`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lkj.inputs.confine import confine
from lkj.inputs.files import read_text
from lkj.inputs.project import Project
from lkj.rules.periods import Period


@dataclass(frozen=True)
class NarrativeFolder:
    """The Markdown files of one period; ``shown``: the folder as messages name it."""

    directory: Path
    shown: str
    root: Path

    @classmethod
    def of(cls, project: Project, unit: str, period: Period) -> NarrativeFolder:
        directory = project.unit_dir(unit) / str(period.year) / "narasi" / period.slug
        return cls(directory, project.display(directory), project.root)

    @property
    def exists(self) -> bool:
        return self.directory.is_dir()

    def shown_file(self, name: str) -> str:
        return f"{self.shown}/{name}.md"

    def names(self) -> list[str]:
        """The files present (without ``.md``), in order; none when the folder is missing."""
        if not self.exists:
            return []
        confine(self.root, self.directory, self.shown)
        return sorted(path.stem for path in self.directory.glob("*.md"))

    def read(self, name: str) -> str | None:
        """The text of ``<name>.md``; None when there is no such file."""
        path = self.directory / f"{name}.md"
        if not path.exists() and not path.is_symlink():
            return None
        return read_text(path, self.shown_file(name), root=self.root)
