"""A report's data as pandas DataFrames, for analysts exploring it in Jupyter (``lkj.load``).

Figures are raw numbers (floats, unrounded; NaN where there is none), so they can be compared,
sorted and charted; predicates are text in their own columns. :func:`styled` shows any of the
frames the Indonesian way (``80,77%``, ``7.410``, ``Rp 3.515.820.174``) without changing them.

>>> import lkj                                              # doctest: +SKIP
>>> data = lkj.load("bp3mi-jabar", "2025-Q2")
>>> data.realisasi.pivot(index="iku", columns="triwulan", values="capaian")
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkj.figures import format as fmt
from lkj.figures.measurement import budget_lines, by_quarter
from lkj.figures.summary import Summary, summarise
from lkj.inputs.project import Project
from lkj.rules.indicators import Predikat, Target
from lkj.rules.periods import Period

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

#: Columns shown as a percentage, as rupiah, by name (every other number: ``7.410``, ``91,5``).
PERCENT_WORDS = ("capaian", "persen")
RUPIAH_WORDS = ("pagu", "anggaran")


def _number(value: Target | None) -> float | None:
    """A figure as a float; None for a blank, a predicate or a range."""
    return float(value) if isinstance(value, Decimal) else None


def _predicate(value: Target | None) -> str | None:
    """A predicate's word (and its score): ``BB (73.5)``; None for anything else."""
    if not isinstance(value, Predikat):
        return None
    return value.kata if value.skor is None else f"{value.kata} ({value.skor})"


@dataclass(frozen=True)
class Tables:
    """The data and computed figures of one unit's report for one period.

    - ``indikator``: one row per IKU (index ``iku``): its strategic goal, name, unit,
      polarity, cumulation, annual and quarterly targets.
    - ``realisasi``: one row per IKU and quarter up to the period (columns ``iku``,
      ``triwulan``): the quarter's target, realisation (counts where given), capaian, and the
      year-to-date realisation and capaian at the quarter's end.
    - ``capaian``: the period's figures per IKU (index ``iku``), as ``lkj summary`` computes
      them, and the class of the cumulative capaian.
    - ``anggaran``: one row per budget line (index ``baris``): the IKU it funds, their
      strategic goals, ceiling, realisation at the period's end and its percentage.
    - ``summary``: every figure of the report (:class:`lkj.figures.summary.Summary`).
    """

    summary: Summary
    indikator: pd.DataFrame
    realisasi: pd.DataFrame
    capaian: pd.DataFrame
    anggaran: pd.DataFrame

    @property
    def period(self) -> Period:
        return self.summary.period

    def styled(self, frame: pd.DataFrame, *, persen: bool = False) -> Styler:
        """``frame`` shown with Indonesian number formats (:func:`styled`)."""
        return styled(frame, persen=persen)


def tables(summary: Summary) -> Tables:
    """The DataFrames of ``summary``."""
    import pandas as pd

    data = summary.data
    indikator = pd.DataFrame(
        [
            {
                "iku": ind.iku,
                "sasaran": ind.sasaran,
                "nama_sasaran": data.sasaran[ind.sasaran],
                "indikator": ind.nama,
                "jenis": ind.jenis.value,
                "satuan": ind.satuan,
                "polaritas": ind.polaritas.value,
                "kumulasi": ind.kumulasi.value,
                "target": _number(ind.target),
                "target_predikat": _predicate(ind.target),
                **{f"target_tw{q}": _number(ind.quarter_target(q)) for q in range(1, 5)},
            }
            for ind in data.indicators
        ]
    ).set_index("iku")
    realisasi = pd.DataFrame(
        [
            {
                "iku": f.iku,
                "triwulan": f.triwulan,
                "target": _number(f.target),
                "realisasi": _number(f.realisasi),
                "predikat": _predicate(f.realisasi),
                "pembilang": _number(f.pembilang),
                "penyebut": _number(f.penyebut),
                "capaian": _number(f.capaian),
                "realisasi_kumulatif": _number(f.realisasi_kumulatif),
                "capaian_kumulatif": _number(f.capaian_kumulatif),
            }
            for f in by_quarter(summary)
        ]
    )
    capaian = pd.DataFrame(
        [
            {
                "iku": r.iku,
                "target": _number(r.target),
                "realisasi": _number(r.realisasi),
                "predikat": _predicate(r.realisasi),
                "capaian": _number(r.capaian),
                "realisasi_kumulatif": _number(r.realisasi_kumulatif),
                "capaian_kumulatif": _number(r.capaian_kumulatif),
                "kelas": r.kelas.value,
            }
            for r in summary.indicators
        ]
    ).set_index("iku")
    anggaran = pd.DataFrame(
        [
            {
                "baris": f.line.baris,
                "iku": " ".join(map(str, f.line.ikus)),
                "sasaran": " ".join(map(str, f.sasaran)),
                "pagu": _number(f.line.pagu),
                "realisasi_anggaran": _number(f.realisasi),
                "persen": _number(f.persen),
            }
            for f in budget_lines(summary)
        ],
        columns=["baris", "iku", "sasaran", "pagu", "realisasi_anggaran", "persen"],
    ).set_index("baris")
    float_columns = [c for c in realisasi.columns if c not in ("iku", "triwulan", "predikat")]
    realisasi[float_columns] = realisasi[float_columns].astype("float64")
    return Tables(summary, indikator, realisasi, capaian, anggaran)


def load(unit: str | None, period: Period | str, root: str | Path | None = None) -> Tables:
    """Load, check and compute the report of ``unit`` (None: the only one) for ``period``
    (``2025-Q2``) in the project tree ``root`` (None: ``$LKJ_ROOT``, else the current
    folder or this checkout)."""
    return tables(summarise(period, unit, Project.at(root)))


def _formatter(column: Any, persen: bool) -> Any:
    name = str(column).lower()
    if persen or any(word in name for word in PERCENT_WORDS):
        return lambda v: fmt.persen(Decimal(str(v)))
    if any(word in name for word in RUPIAH_WORDS):
        return lambda v: fmt.rupiah(Decimal(str(v)))
    return lambda v: fmt.angka(Decimal(str(v)))


def styled(frame: pd.DataFrame, *, persen: bool = False) -> Styler:
    """``frame`` shown with Indonesian number formats, chosen by column name: ``capaian``
    and ``persen`` columns as ``80,77%``, ``pagu`` and ``anggaran`` ones as ``Rp 3.515.820``,
    other numbers as ``7.410`` or ``91,5``; with ``persen`` every number as a percentage (a
    pivot of capaian by quarter); blanks as ``-``. The frame itself is not changed."""
    numeric = frame.select_dtypes("number").columns
    formats = {column: _formatter(column, persen) for column in numeric}
    return frame.style.format(formats, na_rep=fmt.DASH)
