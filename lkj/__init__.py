"""lkj: reproducible quarterly performance reports (Laporan Kinerja) from performance data."""

from __future__ import annotations

__version__ = "0.1.0"
