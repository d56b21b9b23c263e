"""A report's inputs read once: copied into its build folder before the chapters use them.

Each chapter of a report loads the unit's data itself. Had they all read ``data/`` while an
analyst saved a file, the report would mix old and new figures. So ``lkj build`` reads every
input of a report once — its params file, the unit's data, the chapter notebooks
(:func:`lkj.build.fingerprint.input_files`) — into a folder laid out as a project (``params/``,
``data/``, ``notebooks/``): a temporary one first, then ``build/<unit>/<period>/inputs/``
(:meth:`Snapshot.move`). The chapters and the fingerprint record use that copy. A file saved
during the build is not in the report; the record holds the hash of what was read, so the
next ``lkj build`` sees the change and builds the report again.

(``lkj build`` checks the project's files as they are first, so that a mistake is reported as
for ``lkj summary`` and nothing is written; when the copy then differs from what the build
fingerprinted before that check, the copy is checked again: see :mod:`lkj.build.run`.)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lkj.build.fingerprint import (
    FOLDER,
    MISSING,
    UNREADABLE,
    Fingerprint,
    environment,
    input_files,
)
from lkj.errors import LkjError
from lkj.inputs.project import Project
from lkj.rules.periods import Period

SNAPSHOT = "inputs"  # its folder in a report's build folder


@dataclass(frozen=True)
class Snapshot:
    root: Path  # a project tree with this report's inputs only
    notebooks: tuple[Path, ...]  # the chapters inside it, in order
    fingerprint: Fingerprint  # of the bytes read

    def move(self, build_dir: Path) -> Snapshot:
        """The same files moved to ``build_dir/inputs`` (replacing an earlier copy)."""
        root = build_dir / SNAPSHOT
        shutil.rmtree(root, ignore_errors=True)
        shutil.move(self.root, root)
        notebooks = tuple(root / p.relative_to(self.root) for p in self.notebooks)
        return Snapshot(root, notebooks, self.fingerprint)


def _read(project: Project, name: str, path: Path | None) -> bytes | None:
    """The bytes of a regular file inside the project (lkj's own notebooks may lie elsewhere),
    or None: missing, a link leading out of the project, not a regular file (never waited
    on, e.g. a named pipe), unreadable."""
    if path is None:
        return None
    try:
        if not name.startswith("notebooks/"):
            project.confine(path)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (LkjError, OSError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def take(
    project: Project, unit: str, period: Period, notebooks: Sequence[Path], folder: Path
) -> Snapshot:
    """Copy the inputs of ``unit``'s report for ``period`` into ``folder/inputs`` (replacing
    an earlier copy), each file read once. One that cannot be read, or that lies outside the
    project (:meth:`lkj.inputs.project.Project.confine`), is left out and recorded as such:
    the check of the inputs names it when the report needs it."""
    root = folder / SNAPSHOT
    shutil.rmtree(root, ignore_errors=True)
    hashes: dict[str, str] = {}
    for name, path in input_files(project, unit, period, notebooks).items():
        if name.endswith("/"):  # a folder: it exists (and may be empty)
            (root / name).mkdir(parents=True, exist_ok=True)
            hashes[name] = FOLDER
            continue
        data = _read(project, name, path)
        if data is None:  # the check says why, when the report needs it
            hashes[name] = MISSING if path is None or not path.exists() else UNREADABLE
            continue
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        hashes[name] = hashlib.sha256(data).hexdigest()
    copies = tuple(root / "notebooks" / notebook.name for notebook in notebooks)
    return Snapshot(root, copies, Fingerprint({**hashes, **environment()}))
