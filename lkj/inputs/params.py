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

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr

from lkj.errors import ParamsError
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


# Supporting tables that can accompany an IKU's evaluation:
# - status_pengaduan: complaints by handling status in the quarter (pengaduan_status.csv);
# - pencatatan_aduan: the IKU's own counts (label_penyebut, label_pembilang) and its capaian;
# - mou: the cooperation agreements with their end date and status at the period's end.
TabelPendukung = Literal["status_pengaduan", "pencatatan_aduan", "mou"]
# Where the table goes: before or after the analysts' "Evaluasi Kinerja" text.
Letak = Literal["sebelum_evaluasi", "setelah_evaluasi"]


class Pendukung(_Strict):
    """One supporting table in the evaluation of an IKU."""

    iku: StrictInt = Field(ge=1)
    tabel: TabelPendukung
    letak: Letak


class ReportParams(_Strict):
    """``params/<unit>/<period>.yaml``."""

    period: StrictStr
    penandatangan: Penandatangan
    tabel_pendukung: list[Pendukung]
    # The appendix "Lampiran: Rekonsiliasi Angka" (lkj audit's findings against the published
    # report transcribed in data/<unit>/<year>/published/<period>.yaml); off by default.
    lampiran_rekonsiliasi: bool = False

    @property
    def periode(self) -> Period:
        return Period.parse(self.period)


def params_path(project: Project, unit: str, period: Period) -> Path:
    return project.params_dir / check_name(unit) / f"{period.slug}.yaml"


def load_params(project: Project, unit: str, period: Period | str) -> ReportParams:
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
    params = load_model(ReportParams, path, shown, ParamsError, root=project.root)
    try:
        stated = Period.parse(params.period)
    except Exception:
        raise ParamsError(
            shown,
            "value is not valid",
            key="period",
            found=params.period,
            expected="a period like 2025-Q2",
        ) from None
    if stated != period:
        raise ParamsError(
            shown,
            "the period does not match the file name",
            key="period",
            found=params.period,
            expected=period.slug,
        )
    return params
