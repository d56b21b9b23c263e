"""Which files changed: a snapshot of folders and files, compared with the last one.

``lkj preview`` polls a few small trees (a unit's data, its params, the chapter notebooks) a
few times a second; a ``stat`` of some dozens of files costs well under a millisecond, needs
no platform-specific notification API, and works on network file systems too. Hidden files
and editors' backup files (``.name.swp``, ``name~``) are left out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

#: A file's state: (modification time in ns, size, inode); a change of any is a change.
State = tuple[int, int, int]


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith("~")


def snapshot(places: Iterable[Path]) -> dict[Path, State]:
    """The state of every file in ``places`` (a folder: every file under it, recursively;
    a file: itself, when it exists)."""
    found: dict[Path, State] = {}
    for place in places:
        if place.is_file():
            _add(found, place)
            continue
        for folder, dirs, files in os.walk(place):
            dirs[:] = sorted(d for d in dirs if not _ignored(d))
            for name in files:
                if not _ignored(name):
                    _add(found, Path(folder) / name)
    return found


def _add(found: dict[Path, State], path: Path) -> None:
    try:
        st = path.stat()
    except OSError:  # removed between listing and stat
        return
    found[path] = (st.st_mtime_ns, st.st_size, st.st_ino)


class Watcher:
    """The files of ``places`` that were added, changed or removed since the last call."""

    def __init__(self, places: Iterable[Path]) -> None:
        self.places = tuple(places)
        self._last = snapshot(self.places)

    def changes(self) -> set[Path]:
        now = snapshot(self.places)
        changed = {p for p in now.keys() | self._last.keys() if now.get(p) != self._last.get(p)}
        self._last = now
        return changed
