"""Report parameters: ``params/<unit>/<period>.yaml``, what varies from one report to the next.

The file is validated strictly before any chapter runs: an unknown or missing key, or a value
of the wrong type, is one :class:`~lkj.errors.ParamsError` naming the file and the key.

A signing date may be ``null`` when it is not known yet (the published Triwulan I report of
BP3MI Jawa Barat states none); the report then prints "(tanggal belum ditetapkan)" instead of
inventing one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    model_validator,
)

from lkj.errors import ParamsError, Problems
from lkj.inputs.project import Project, check_name
from lkj.inputs.schema import load_model
from lkj.rules.periods import Period

NO_DATE = "(tanggal belum ditetapkan)"


def _date(value: Any) -> Any:
    """A date as YAML gives it (``2025-07-21``); a quoted ISO date is accepted too."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("a date written YYYY-MM-DD (e.g. 2025-07-21), or null when not yet known")


SigningDate = Annotated[date | None, BeforeValidator(_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Penandatangan(_Strict):
    """Place, date and signatory of the Kata Pengantar."""

    tempat: StrictStr = Field(min_length=1)
    tanggal: SigningDate
    jabatan: StrictStr = Field(min_length=1)
    nama: StrictStr = Field(min_length=1)
    identitas: StrictStr


class PernyataanReviu(_Strict):
    """The annual report's optional page "Pernyataan Telah Direviu": the internal auditor
    (APIP) that reviewed the report, its signatory and, when the review found something, its
    conclusion in place of the standard one (docs/annual.md)."""

    pereviu: StrictStr = Field(min_length=1)  # "Inspektorat Kabupaten Cianjur"
    penandatangan: Penandatangan
    catatan: StrictStr = ""


# Where a supporting table goes: before or after the analysts' "Evaluasi Kinerja" text.
Letak = Literal["sebelum_evaluasi", "setelah_evaluasi"]
# How a column's cells are read and shown (docs/supporting-tables.md).
Format = Literal["teks", "nomor", "angka", "desimal", "rupiah", "persen", "tanggal"]
TABLES_DOC = "docs/supporting-tables.md"


class Kolom(_Strict):
    """One column of a supporting table, from a column of its CSV file."""

    kolom: StrictStr = Field(min_length=1)  # the CSV column
    judul: StrictStr  # the header; {triwulan} becomes "Triwulan II"
    format: Format = "teks"
    satuan: StrictStr = ""  # a word after each number: "Tahun"
    jumlahkan: bool = False  # summed in the footer row (with `jumlah`)


class CapaianKolom(_Strict):
    """A computed column: realisation / target x 100 of each row (and of the footer's sums)."""

    judul: StrictStr
    realisasi: StrictStr
    target: StrictStr


class MasaBerlaku(_Strict):
    """Computed columns for agreements: the end date (start + term in years) and the status
    at the period's end (Berlaku up to and including the end date, Habis after); rows that
    start after the period's end are left out, and a note counts both statuses."""

    mulai: StrictStr  # the CSV column with the start date (YYYY-MM-DD)
    jangka_tahun: StrictStr  # the CSV column with the term in whole years
    judul_berakhir: StrictStr = "TMT Berakhir"
    judul_status: StrictStr = "Status"


class Pendukung(_Strict):
    """One supporting table in the evaluation of an IKU: a CSV file of the unit's year with a
    caption and a place, or (``hitungan_iku``) the IKU's own counts behind its ratio."""

    iku: StrictInt = Field(ge=1)
    letak: Letak
    judul: StrictStr = Field(min_length=1)  # the caption; {singkatan} and {triwulan} allowed
    # how a transcription of the published report names the table (default: the file name
    # without .csv)
    id: StrictStr | None = Field(default=None, pattern=r"^[a-z][a-z0-9_-]*$")
    berkas: StrictStr | None = None  # a CSV file in data/<unit>/<year>/
    kolom: list[Kolom] = Field(default_factory=list)
    jumlah: StrictStr | None = None  # label of a footer row with the sums of `jumlahkan`
    capaian: CapaianKolom | None = None
    masa_berlaku: MasaBerlaku | None = None
    kosong: StrictStr = "Data {triwulan} belum tersedia."  # shown when no row is left
    # The IKU's counts (label_penyebut, label_pembilang of indikator.csv) and its capaian;
    # the value is the header of the column that names them, e.g. "Aduan".
    hitungan_iku: StrictStr | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Pendukung:
        if (self.berkas is None) == (self.hitungan_iku is None):
            raise ValueError(
                f"either berkas (a CSV file, with kolom) or hitungan_iku ({TABLES_DOC})"
            )
        if self.berkas is not None and not self.kolom:
            raise ValueError(f"kolom: the columns to show from {self.berkas} ({TABLES_DOC})")
        return self


PARAMS_DOCS = {"tabel_pendukung": TABLES_DOC}


def _year(value: Any) -> Any:
    """``period: 2015`` (a year, which YAML reads as a number) is the period ``"2015"``."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class ReportParams(_Strict):
    """``params/<unit>/<period>.yaml`` (``<period>``: ``2025-Q2``, or ``2025`` for the year)."""

    period: Annotated[StrictStr, BeforeValidator(_year)]
    penandatangan: Penandatangan | None = None
    tabel_pendukung: list[Pendukung] = Field(default_factory=list)
    # The appendix "Lampiran: Rekonsiliasi Angka" (lkj audit's findings against the published
    # report transcribed in data/<unit>/<year>/published/<period>.yaml); off by default.
    lampiran_rekonsiliasi: bool = False
    # The annual report's page "Pernyataan Telah Direviu" (docs/annual.md); absent: no page.
    pernyataan_reviu: PernyataanReviu | None = None

    @property
    def periode(self) -> Period:
        return Period.parse(self.period)


def params_path(project: Project, unit: str, period: Period) -> Path:
    return project.params_dir / check_name(unit) / f"{period.slug}.yaml"


def load_params(
    project: Project, unit: str, period: Period | str, problems: Problems | None = None
) -> ReportParams:
    """Read and validate the params of ``unit`` for ``period``; errors name file and key."""
    period = Period.parse(period) if isinstance(period, str) else period
    path = params_path(project, unit, period)
    shown = project.display(path)
    if not path.exists() and not path.is_symlink():
        raise ParamsError(
            shown,
            "params file is missing",
            expected=f"a file params/{unit}/{period.slug}.yaml (copy another quarter's and edit)",
        )
    params = load_model(
        ReportParams,
        path,
        shown,
        ParamsError,
        root=project.root,
        docs=PARAMS_DOCS,
        problems=problems,
    )
    try:
        stated = Period.parse(params.period)
    except Exception:
        raise ParamsError(
            shown,
            "value is not valid",
            key="period",
            found=params.period,
            expected="a period like 2025-Q2, or a year like 2025",
        ) from None
    if stated != period:
        raise ParamsError(
            shown,
            "the period does not match the file name",
            key="period",
            found=params.period,
            expected=period.slug,
        )
    if params.pernyataan_reviu is not None and not period.annual:
        raise ParamsError(
            shown,
            "a review statement in a quarter's params",
            key="pernyataan_reviu",
            expected="pernyataan_reviu only in the params of a year, e.g. "
            f"params/{unit}/{period.year}.yaml: only the annual report is reviewed "
            "(docs/annual.md)",
        )
    return params
