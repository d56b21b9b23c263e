"""A report's inputs read once: copied into its build folder before anything uses them.

Each chapter of a report loads the unit's data itself. Had they all read ``data/`` while an
analyst saved a file, the report would mix old and new figures. So ``lkj build`` reads every
input of a report once — its params file, the unit's data, the chapter notebooks
(:func:`lkj.build.fingerprint.input_files`) — into a folder laid out as a project (``params/``,
``data/``, ``notebooks/``): a temporary one first, where the inputs are checked (bad input
writes nothing in the project), then ``build/<unit>/<period>/inputs/``
(:meth:`Snapshot.move`). The check, the chapters and the fingerprint record all use that
copy. A file saved during the build is not in the report;
the report's record holds the hash of what was read, so the next ``lkj build`` sees the
change and builds the report again.
"""

from __future__ import annotations

import errno
import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lkj.build.fingerprint import MISSING, Fingerprint, environment, input_files
from lkj.errors import LkjError
from lkj.inputs.project import Project
from lkj.rules.periods import Period

FOLDER = "inputs"


@dataclass(frozen=True)
class Snapshot:
    root: Path  # a project tree with this report's inputs only
    notebooks: tuple[Path, ...]  # the chapters inside it, in order
    fingerprint: Fingerprint  # of the bytes read

    def move(self, build_dir: Path) -> Snapshot:
        """The same files moved to ``build_dir/inputs`` (replacing an earlier copy)."""
        root = build_dir / FOLDER
        shutil.rmtree(root, ignore_errors=True)
        shutil.move(self.root, root)
        notebooks = tuple(root / p.relative_to(self.root) for p in self.notebooks)
        return Snapshot(root, notebooks, self.fingerprint)


def take(
    project: Project, unit: str, period: Period, notebooks: Sequence[Path], folder: Path
) -> Snapshot:
    """Copy the inputs of ``unit``'s report for ``period`` into ``folder/inputs`` (replacing
    an earlier copy), each file read once; an unreadable input, or one that lies
    outside the project (:meth:`lkj.inputs.project.Project.confine`), is an LkjError naming
    it."""
    root = folder / FOLDER
    shutil.rmtree(root, ignore_errors=True)
    hashes: dict[str, str] = {}
    for name, path in input_files(project, unit, period, notebooks).items():
        if path is None:
            hashes[name] = MISSING
            continue
        if not name.startswith("notebooks/"):  # lkj's own notebooks may lie elsewhere
            project.confine(path)  # nothing is read from outside the project
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # removed since it was listed
            hashes[name] = MISSING
            continue
        except OSError as exc:
            reason = exc.strerror or errno.errorcode.get(exc.errno or 0, type(exc).__name__)
            raise LkjError(f"{project.display(path)}: cannot be read ({reason})") from None
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        hashes[name] = hashlib.sha256(data).hexdigest()
    copies = tuple(root / "notebooks" / notebook.name for notebook in notebooks)
    return Snapshot(root, copies, Fingerprint({**hashes, **environment()}))
