"""lkj: reproducible quarterly performance reports (Laporan Kinerja) from performance data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__version__ = "0.1.0"


def load(unit: str | None, period: str, root: str | Path | None = None) -> Any:
    """The report of ``unit`` for ``period`` as pandas DataFrames, for exploring in Jupyter:
    ``lkj.load("bp3mi-jabar", "2025-Q2").capaian`` (:class:`lkj.figures.frames.Tables`)."""
    from lkj.figures.frames import load as load_tables

    return load_tables(unit, period, root)
