"""The tables of a unit's year: their names and columns, as CSV files or as workbook sheets.

A year is kept either as CSV files plus ``anggaran.yaml`` in ``data/<unit>/<year>/``, or as one
workbook ``data/<unit>/<year>.xlsx`` with one sheet per table (docs/excel.md). Both forms have
the same tables with the same columns; this module is the one list of them. Sasaran,
indikator and realisasi are required; the budget tables are optional. A unit's own supporting
tables (docs/supporting-tables.md) are CSV files its params declare, not tables of this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TableSpec:
    """One table: its name (the CSV file's stem and the sheet's name) and its columns."""

    name: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()  # columns that hold a date (YYYY-MM-DD)
    title: str = ""  # what it holds, in Indonesian (the template's instructions)
    required: bool = False  # a year without it cannot be read

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def all_columns(self) -> tuple[str, ...]:
        return self.columns + self.optional


SASARAN = TableSpec("sasaran", ("sasaran", "nama"), title="Sasaran strategis", required=True)
INDIKATOR = TableSpec(
    "indikator",
    ("iku", "sasaran", "indikator", "jenis", "polaritas", "kumulasi", "target"),
    (
        "satuan",
        "target_tw1",
        "target_tw2",
        "target_tw3",
        "target_tw4",
        "label_pembilang",
        "label_penyebut",
        "kode",
        "kode_lama",
    ),
    title="Indikator Kinerja Utama (Perjanjian Kinerja), satu baris per IKU",
    required=True,
)
REALISASI = TableSpec(
    "realisasi",
    ("iku", "triwulan", "realisasi"),
    ("pembilang", "penyebut"),
    title="Realisasi per IKU per triwulan",
    required=True,
)
KEGIATAN = TableSpec("kegiatan", ("no", "kegiatan", "pagu"), title="Kegiatan dan pagunya")
PAGU = TableSpec("pagu", ("baris", "iku", "pagu"), title="Pagu anggaran per baris (per IKU)")
REALISASI_ANGGARAN = TableSpec(
    "realisasi_anggaran",
    ("triwulan", "baris", "realisasi"),
    title="Realisasi anggaran per baris, kumulatif s.d. akhir triwulan",
)
# anggaran.yaml as a sheet: one row, the total ceiling and its realisation to each quarter's
# end (a blank quarter has no reported figure, as a key left out of anggaran.yaml).
ANGGARAN = TableSpec(
    "anggaran",
    ("pagu",),
    tuple(f"realisasi_tw{q}" for q in range(1, 5)),
    title="Pagu DIPA dan realisasinya s.d. akhir triwulan (kumulatif)",
)
ANGGARAN_YAML = "anggaran.yaml"
# The year's budget per program and kegiatan (the annual report's Bab III B, docs/annual.md).
REALISASI_KEGIATAN = TableSpec(
    "realisasi_kegiatan",
    ("program", "kegiatan", "pagu", "realisasi"),
    ("iku",),
    title="Pagu dan realisasi anggaran setahun per program dan kegiatan",
)

#: Every table of a year, in the order of the workbook's sheets.
TABLES: tuple[TableSpec, ...] = (
    SASARAN,
    INDIKATOR,
    REALISASI,
    KEGIATAN,
    PAGU,
    REALISASI_ANGGARAN,
    ANGGARAN,
    REALISASI_KEGIATAN,
)


def year_dir(unit_dir: Path, year: int) -> Path:
    """``data/<unit>/<year>/``: the CSV tables, the prose, the published transcriptions."""
    return unit_dir / str(year)


def workbook_path(unit_dir: Path, year: int) -> Path:
    """``data/<unit>/<year>.xlsx``: the year's tables as one workbook."""
    return unit_dir / f"{year}.xlsx"


def table_files(unit_dir: Path, year: int) -> list[Path]:
    """The CSV/YAML table files of the year that exist (the workbook's alternative)."""
    folder = year_dir(unit_dir, year)
    names = [spec.file for spec in TABLES if spec is not ANGGARAN] + [ANGGARAN_YAML]
    return [folder / name for name in names if (folder / name).exists()]
