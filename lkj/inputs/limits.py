"""How large an input may be: beyond these limits a file is refused with one line naming it.

Documented in docs/data.md ("Keys, signs and limits"). Each is far above what a unit's report
needs, and low enough that nothing later (exact decimals with 28 significant digits, dates up
to the year 9999, the YAML and Markdown parsers) can fail on a value that passed.
"""

from __future__ import annotations

MAX_FILE_BYTES = 1024 * 1024
"""Any input file: CSV, YAML, Markdown (1 MiB)."""

MAX_CELL_CHARS = 10_000
"""One CSV cell, or one text cell of a workbook, in characters."""

MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
"""A year's workbook (.xlsx), as stored (10 MiB)."""

MAX_WORKBOOK_UNPACKED = 100 * 1024 * 1024
"""A year's workbook unpacked: its parts together (100 MiB; a small file that unpacks to more
is refused before it is read)."""

MAX_DEPTH = 20
"""YAML nesting: the document itself is level 1, each list or mapping inside it one more."""

MAX_DIGITS = 15
"""Digits before the decimal point of any number (below 10^15: a thousand trillion rupiah)."""

MAX_DECIMALS = 6
"""Digits after the decimal point of any number."""

MAX_MOU_YEARS = 100
"""The term of a cooperation agreement (``jangka_waktu_tahun``)."""
