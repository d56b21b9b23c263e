"""Writing outputs so that a failed, killed or concurrent build never damages the last good one.

- :func:`replacing` (and :func:`write_atomic`): a file is written to a temporary file in the
  same folder, flushed to disk and moved into place with ``os.replace`` only when complete.
  A reader sees the old file or the new one, never half of one.
- :class:`Staged`: several files (the report's HTML and PDF) are all written to temporary files
  first and moved into place together at the end, so an interruption while the PDF is being
  rendered leaves the previous HTML *and* PDF as they were.
- Temporary files are named ``.<name>.<pid>.<random>.tmp``. A process killed outright
  (``kill -9``) cannot remove its own; the next write into the same folder removes those of
  processes that no longer run (:func:`remove_stale`).
- :func:`exclusive`: an advisory lock (``flock``) on a lock file. Two builds of the same report
  run one after the other instead of overwriting each other's intermediate files; the lock
  goes away with the process that holds it, however it ends.
- :func:`tie_to_parent`: in a helper process that writes outputs for ``lkj build`` (a worker
  finishing a report), nothing is moved into place once ``lkj build`` itself has ended: a
  killed build must not replace the previous report through a helper that outlived it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

#: Permissions of a finished output (``mkstemp`` creates files readable by their owner only).
MODE = 0o644
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")

#: Checked just before any file is moved into place: a reason not to, or None.
_commit_guard: Callable[[], str | None] | None = None


class AbandonedError(RuntimeError):
    """Outputs were not moved into place: the build they belong to has ended."""


def tie_to_parent() -> None:
    """From now on, move files into place only while this process's parent still runs.

    For a helper process of ``lkj build`` (:mod:`lkj.build.workers`): if ``lkj build`` is killed
    while a helper renders the report, the helper must not finish the abandoned build by
    replacing the previous report. (Not for ``lkj build`` itself: it may outlive its shell.)
    """
    global _commit_guard
    parent = os.getppid()

    def guard() -> str | None:
        if os.getppid() != parent:
            return f"the build that asked for it (process {parent}) has ended"
        return None

    _commit_guard = guard


def still_wanted() -> None:
    """Raise :class:`AbandonedError` in a helper whose ``lkj build`` has ended (see
    :func:`tie_to_parent`): a long step can stop early rather than finish abandoned work."""
    _check_guard()


def _check_guard() -> None:
    reason = _commit_guard() if _commit_guard is not None else None
    if reason is not None:
        raise AbandonedError(f"outputs not written: {reason}")


def _temp_for(path: Path) -> Path:
    """A new, empty temporary file next to ``path``, named after it and this process."""
    fd, name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    os.close(fd)
    return Path(name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it runs
        return True
    return True


def stale_temp_files(folder: Path) -> list[Path]:
    """Temporary files in ``folder`` left by processes that no longer run."""
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _TEMP.match(entry.name)
        if match and entry.is_file() and not _alive(int(match["pid"])):
            found.append(entry)
    return sorted(found)


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files of dead processes from ``folder``; return them."""
    removed = []
    for path in stale_temp_files(folder):
        with contextlib.suppress(FileNotFoundError):  # another process removed it first
            path.unlink()
            removed.append(path)
    return removed


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _commit(tmp: Path, path: Path) -> None:
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(tmp, MODE)
    _check_guard()
    os.replace(tmp, path)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file next to ``path``; it replaces ``path`` only if the block succeeds.

    The caller writes the temporary file (by its name); on any exception, including
    ``KeyboardInterrupt``, it is removed and ``path`` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path.parent)
    tmp = _temp_for(path)
    try:
        yield tmp
        _commit(tmp, path)
        _fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    with replacing(path) as tmp:
        tmp.write_bytes(data)


class Staged:
    """Several outputs written to temporary files, moved into place together on success.

    >>> with Staged() as staged:                      # doctest: +SKIP
    ...     html_tmp = staged.path(out / "r.html")
    ...     html_tmp.write_bytes(html)
    ...     render_pdf(html, staged.path(out / "r.pdf"))

    Leaving the block normally replaces every target (one ``os.replace`` each, at the very
    end); leaving it with an exception removes the temporary files and replaces nothing.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def path(self, target: Path) -> Path:
        """A temporary file to write in place of ``target``."""
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(target.parent)
        tmp = _temp_for(target)
        self._pending.append((tmp, target))
        return tmp

    def __enter__(self) -> Staged:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                for tmp, _ in self._pending:  # all complete and on disk before any replace
                    with tmp.open("rb+") as handle:
                        os.fsync(handle.fileno())
                _check_guard()
                for tmp, target in self._pending:
                    os.chmod(tmp, MODE)
                    os.replace(tmp, target)
                for folder in {target.parent for _, target in self._pending}:
                    _fsync_dir(folder)
        finally:
            for tmp, _ in self._pending:
                tmp.unlink(missing_ok=True)
            self._pending.clear()


class LockTimeoutError(TimeoutError):
    """Another process held the lock longer than the caller would wait."""


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise
        return False
    return True


@contextlib.contextmanager
def exclusive(
    lock_file: Path, on_wait: Callable[[], None] | None = None, timeout: float | None = None
) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` for the block; wait while another holds it,
    at most ``timeout`` seconds (then :class:`LockTimeoutError`), by default as long as it
    takes.

    ``on_wait`` is called once if the lock is taken, before waiting (to tell the user).
    The lock file itself stays: removing it would let a third process lock a new file while
    the second still waits on the old one.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, MODE)
    try:
        if not _try_lock(fd):
            if on_wait is not None:
                on_wait()
            if timeout is None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            else:
                deadline = time.monotonic() + timeout
                while not _try_lock(fd):
                    if time.monotonic() > deadline:
                        raise LockTimeoutError(f"{lock_file} held for more than {timeout:.0f} s")
                    time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def build_lock(build_dir: Path, unit: str, period: str) -> Path:
    """The lock file of one unit's report for one period: ``build/<unit>/.<period>.lock``."""
    return build_dir / unit / f".{period}.lock"
