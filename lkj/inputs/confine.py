"""Inputs are read, and outputs written, only inside the project root.

A symbolic link inside the project may point anywhere; lkj follows it only when it ends inside
the project root. Otherwise the path is refused with a message naming the link (the file
itself, or the folder on the way to it) but neither where it leads nor anything it holds. Links
that stay inside the project (a file shared by two years, ``reports/`` linked to ``out/``) are
followed as before.
"""

from __future__ import annotations

import os
from pathlib import Path

from lkj.errors import DataError


def _escaping_link(root: Path, path: Path) -> Path | None:
    """The first component of ``path`` (under ``root``) that is a link leading out of root."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink() and not _inside(root, current.resolve()):
            return current
    return None


def _inside(root: Path, path: Path) -> bool:
    return path == root or root in path.parents


def confine(
    root: Path,
    path: Path,
    shown: str,
    error: type[DataError] = DataError,
    *,
    write: bool = False,
) -> Path:
    """``path`` resolved, when it lies inside ``root`` (itself resolved); else ``error``.

    ``write``: the path is an output folder or file (the message says so).
    """
    lexical = Path(os.path.normpath(path.absolute()))
    try:
        real = lexical.resolve()
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        raise error(
            shown,
            "the path cannot be followed: its symbolic links form a loop",
            expected="a file or a link to a file",
        ) from None
    if _inside(root, real):
        return real
    what = "outputs" if write else "inputs"
    does = "writes" if write else "reads"
    expected = f"{what} inside the project root (lkj {does} nothing outside it; " + (
        "use a folder inside the project)" if write else "copy the file in instead of linking)"
    )
    try:
        link = _escaping_link(root, lexical)
    except (OSError, RuntimeError):
        link = None
    if link is None:
        raise error(shown, "the path leads outside the project folder", expected=expected)
    if link == lexical:
        kind = "folder" if write or link.is_dir() else "file"
        problem = f"the {kind} is a symbolic link to a place outside the project folder"
    else:
        where = link.relative_to(root).as_posix()
        problem = f"the folder {where} is a symbolic link to a place outside the project folder"
    raise error(shown, problem, expected=expected)
