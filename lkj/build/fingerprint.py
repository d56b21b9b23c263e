"""Whether a report is up to date: a content hash of everything it is built from.

The inputs of the report of one unit for one period are

- its params file, ``params/<unit>/<period>.yaml``;
- every file under ``data/<unit>/`` (hidden files aside), except the narrative of the other
  quarters (``<year>/narasi/<other period>/``), which this report never reads;
- the chapter notebooks (their names and contents);
- lkj itself: its version and every file of the package (code, templates, fonts);
- the Python version and the version of every installed distribution (any of them may shape
  the output: WeasyPrint's fontTools, Pyphen, Pillow, cssselect2, tinyhtml5, ...);
- the cached assets the report inlines (the Vega bundle, :mod:`lkj.build.cache`).

Each input is hashed (SHA-256 of its bytes); the report's fingerprint is the hash of them all.
After a successful build ``lkj build`` stores the fingerprint beside the report
(:func:`record_bytes`), as ``reports/<unit>/<period>/<name>.fingerprint.json``, with the
per-input hashes (so that the next build can say what changed) and the hashes of the files
written. A later build skips the
report when the fingerprint is the same and every requested file is still there, unaltered
(:func:`reason_to_build`). The record holds no time and no absolute path: the same inputs give
the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from lkj import __version__
from lkj.errors import LkjError
from lkj.inputs.project import Project
from lkj.rules.periods import Period

RECORD_SUFFIX = ".fingerprint.json"
RECORD_FORMAT = 1
FIRST_BUILD = "no record of an earlier build"
MISSING = "missing"
UNREADABLE = "unreadable"
FOLDER = "folder"  # a folder's entry: it exists

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Fingerprint:
    """The hash of each input (by a name relative to the project) and of them all."""

    inputs: dict[str, str]

    @property
    def digest(self) -> str:
        return _sha256(json.dumps(self.inputs, sort_keys=True).encode("utf-8"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _input_hash(project: Project, path: Path) -> str:
    """The hash of an input; one that lkj refuses to read (a link out of the project, a file
    it may not open) is recorded as such, unread: the checks that follow say why."""
    try:
        project.confine(path)
        return file_hash(path)
    except (LkjError, OSError):
        return UNREADABLE


def _visible(folder: Path, *, follow_links: bool = False) -> tuple[list[Path], list[Path]]:
    """The folders and the files under ``folder``, hidden ones and ``__pycache__`` left out;
    with ``follow_links``, also those in folders reached through symbolic links (each folder
    once: a loop of links ends)."""
    if not folder.is_dir():
        return [], []
    folders: list[Path] = []
    found: list[Path] = []
    seen: set[str] = set()
    for top, names, files in os.walk(folder, followlinks=follow_links):
        real = os.path.realpath(top)
        if real in seen:
            names[:] = []
            continue
        seen.add(real)
        names[:] = [d for d in names if not d.startswith(".") and d != "__pycache__"]
        folders += [Path(top, name) for name in names]
        for name in files:
            path = Path(top, name)
            if not name.startswith(".") and path.suffix != ".pyc" and path.is_file():
                found.append(path)
    return sorted(folders), sorted(found)


def _visible_files(folder: Path, *, follow_links: bool = False) -> list[Path]:
    return _visible(folder, follow_links=follow_links)[1]


def _distributions() -> dict[str, str]:
    """Every installed distribution (as ``importlib.metadata`` finds them, the first of a
    name winning, as for imports): normalised name -> version; lkj itself left out.

    Reads the ``Name:`` and ``Version:`` lines of each one's metadata file rather than
    parsing it whole (120 distributions: 15 ms instead of 200 ms)."""
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
        fields: dict[str, str] = {}
        for line in text.splitlines():
            if not line:  # the end of the headers
                break
            key, _, value = line.partition(":")
            if key in ("Name", "Version") and key not in fields:
                fields[key] = value.strip()
        name = re.sub(r"[-_.]+", "-", fields.get("Name", "")).lower()
        if name and name != "lkj":
            found.setdefault(name, fields.get("Version", "unknown"))
    return dict(sorted(found.items()))


@cache
def _lkj_inputs() -> tuple[tuple[str, str], ...]:
    """lkj's version, a hash of its package files, Python's version and every installed
    distribution's."""
    package = hashlib.sha256()
    for path in _visible_files(_PACKAGE_DIR):
        package.update(path.relative_to(_PACKAGE_DIR).as_posix().encode("utf-8") + b"\0")
        package.update(file_hash(path).encode("ascii") + b"\n")
    items = [
        ("lkj version", __version__),
        ("lkj package files", package.hexdigest()),
        ("python", ".".join(map(str, sys.version_info[:3]))),
    ]
    items += [(f"package {name}", version) for name, version in _distributions().items()]
    return tuple(items)


def _other_quarters_prose(relative: Path, period: Period) -> bool:
    """``<year>/narasi/<slug>`` (the folder or what is in it) of another period than
    ``period``."""
    parts = relative.parts
    return len(parts) >= 3 and parts[1] == "narasi" and parts[2] != period.slug


def project_files(inputs: Mapping[str, str]) -> dict[str, str]:
    """The entries of a fingerprint's ``inputs`` that are the project's files."""
    return {k: v for k, v in inputs.items() if k.startswith(("params/", "data/", "notebooks/"))}


def input_files(
    project: Project, unit: str, period: Period, notebooks: Sequence[Path]
) -> dict[str, Path | None]:
    """The project's files and folders that the report of ``unit`` for ``period`` is built
    from, by their name relative to the project (a folder's with a final ``/``: that it exists
    is an input, e.g. ``<year>/narasi/``, whose presence says that the unit writes prose; None:
    the params file is missing)."""
    files: dict[str, Path | None] = {}
    params = project.params_dir / unit / f"{period.slug}.yaml"
    files[f"params/{unit}/{period.slug}.yaml"] = params if params.is_file() else None
    unit_dir = project.data_dir / unit
    folders, found = _visible(unit_dir, follow_links=True)
    for path in [*folders, *found]:
        relative = path.relative_to(unit_dir)
        if not _other_quarters_prose(relative, period):
            suffix = "/" if path in folders else ""
            files[f"data/{unit}/{relative.as_posix()}{suffix}"] = path
    for notebook in notebooks:
        files[f"notebooks/{notebook.name}"] = notebook
    return dict(sorted(files.items()))


def environment() -> dict[str, str]:
    """The inputs that are not the project's files: lkj, Python, the installed
    distributions, the cached assets."""
    from lkj.build.cache import asset_digests

    return {**dict(_lkj_inputs()), **asset_digests()}


def compute(project: Project, unit: str, period: Period, notebooks: Sequence[Path]) -> Fingerprint:
    """The fingerprint of the report of ``unit`` for ``period`` built from ``notebooks``.

    Never fails on a missing input (a missing params file is recorded as missing; the build
    then reports it properly)."""
    inputs = {
        name: MISSING
        if path is None
        else FOLDER
        if name.endswith("/")
        else file_hash(path)
        if name.startswith("notebooks/")  # lkj's own notebooks may lie outside the project
        else _input_hash(project, path)
        for name, path in input_files(project, unit, period, notebooks).items()
    }
    return Fingerprint({**inputs, **environment()})


def record_path(report_dir: Path, name: str) -> Path:
    """``reports/<unit>/<period>/<name>.fingerprint.json``."""
    return report_dir / f"{name}{RECORD_SUFFIX}"


def read_record(path: Path) -> dict[str, Any] | None:
    """The stored record, or None when there is none or it cannot be read."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        return None
    return record


def _changed(old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    def key(name: str) -> tuple[int, str]:  # the project's own files first
        return (0 if name.startswith(("params/", "data/", "notebooks/")) else 1, name)

    names = sorted(set(old) | set(new), key=key)
    return [n for n in names if old.get(n) != new.get(n)]


def reason_to_build(
    record: dict[str, Any] | None,
    fingerprint: Fingerprint,
    outputs: Mapping[str, Path],
    shown: Mapping[str, str],
) -> str | None:
    """Why the report must be built, or None when it is up to date.

    ``outputs`` maps each requested format to its file; ``shown`` to its name in messages.
    """
    if record is None:
        return FIRST_BUILD
    if record.get("fingerprint") != fingerprint.digest:
        old_inputs = record.get("inputs")
        changed = _changed(old_inputs if isinstance(old_inputs, dict) else {}, fingerprint.inputs)
        if not changed:
            return "the inputs changed"
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        what = changed[0]
        if what in fingerprint.inputs and what in (old_inputs or {}):
            return f"{what} changed{more}"
        if what in fingerprint.inputs:
            return f"{what} is new{more}"
        return f"{what} is gone{more}"
    built = record.get("outputs")
    built = built if isinstance(built, dict) else {}
    for fmt, path in outputs.items():
        if fmt not in built:
            return f"no {fmt} built yet"
        if not path.is_file():
            return f"{shown[fmt]} is missing"
        if file_hash(path) != built[fmt]:
            return f"{shown[fmt]} was changed since it was built"
    return None


def record_bytes(
    fingerprint: Fingerprint,
    written: Mapping[str, Path],
    others: Mapping[str, Path],
    previous: dict[str, Any] | None,
) -> bytes:
    """The record of a successful build: the fingerprint, the inputs' hashes and the hashes of
    the files ``written``, plus those of ``others`` (the formats not asked for this time) that
    an earlier build of the same inputs wrote and that are still unaltered, e.g. the HTML of a
    build ``--to html`` followed by one ``--to pdf``. The caller writes the bytes atomically.
    """
    outputs = {fmt: file_hash(p) for fmt, p in written.items()}
    if previous is not None and previous.get("fingerprint") == fingerprint.digest:
        before = previous.get("outputs")
        for fmt, digest in (before if isinstance(before, dict) else {}).items():
            path = others.get(fmt)
            unaltered = path is not None and path.is_file() and file_hash(path) == digest
            if fmt not in outputs and unaltered:
                outputs[fmt] = digest
    record = {
        "format": RECORD_FORMAT,
        "fingerprint": fingerprint.digest,
        "outputs": dict(sorted(outputs.items())),
        "inputs": fingerprint.inputs,
    }
    return (json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
