"""Which executor builds the reports of ``lkj build``: ``--executor local`` (the default) or
``--executor dask [--scheduler ADDRESS]``.

:func:`choose` checks the options and returns an :data:`~lkj.build.job.ExecutorFactory` for
:func:`lkj.build.run.build_many`: :class:`lkj.build.local.LocalExecutor` (this machine's
kernels and worker processes) or :class:`lkj.build.cluster.DaskExecutor` (a Dask cluster).
Neither is imported before it is made, and Dask only when it is chosen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lkj.build.job import Executor, ExecutorFactory
from lkj.errors import LkjError

NAMES = ("local", "dask")


def _warn(text: str) -> None:
    print(f"lkj: warning: {text}", file=sys.stderr)


def local(jobs: int, reports: int, notebooks: Sequence[Path]) -> Executor:
    """The local executor (what ``lkj build`` uses when no executor is named)."""
    from lkj.build.local import LocalExecutor  # jupyter_client, zmq: only now

    return LocalExecutor(jobs, reports, notebooks)


@dataclass(frozen=True)
class Dask:
    """Makes a :class:`lkj.build.cluster.DaskExecutor`: on the cluster whose scheduler is at
    ``scheduler``, or on a LocalCluster of ``jobs`` workers (None); the project tree at
    ``root`` on every worker; ``warn`` tells of a worker lost mid-report."""

    root: Path
    scheduler: str | None = None
    warn: Callable[[str], None] = _warn

    def __call__(self, jobs: int, reports: int, notebooks: Sequence[Path]) -> Executor:
        try:
            from lkj.build.cluster import DaskExecutor
        except ImportError as exc:
            if exc.name is None or exc.name.split(".")[0] not in ("dask", "distributed"):
                raise
            raise LkjError(
                "--executor dask: Dask is not installed; expected lkj with its dask extra "
                "(pip install 'lkj[dask]'; make venv installs it)"
            ) from None
        return DaskExecutor(
            jobs, reports, notebooks, root=self.root, scheduler=self.scheduler, warn=self.warn
        )


def choose(
    name: str = "local",
    scheduler: str | None = None,
    *,
    root: Path,
    warn: Callable[[str], None] = _warn,
) -> ExecutorFactory:
    """The executor ``name`` (``--executor``) with ``scheduler`` (``--scheduler``), for the
    project at ``root``. An unknown name, a scheduler for the local executor or an empty
    address is an LkjError (nothing is built)."""
    if name not in NAMES:
        raise LkjError(f"--executor {name}: unknown executor; expected one of {', '.join(NAMES)}")
    if scheduler is not None and name != "dask":
        raise LkjError(
            f"--scheduler {scheduler}: only the dask executor has a scheduler; "
            f"expected --executor dask --scheduler {scheduler}"
        )
    if scheduler is not None and not scheduler.strip():
        raise LkjError(
            f"--scheduler {scheduler!r}: expected the scheduler's address, "
            "e.g. tcp://10.0.0.5:8786"
        )
    if name == "local":
        return local
    return Dask(root, scheduler.strip() if scheduler else None, warn)
