"""`lkj.load`: the report's data as DataFrames with raw numbers; explore.ipynb runs on them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

import lkj
from lkj.figures.frames import Tables
from tests.conftest import REPO


@pytest.fixture(scope="module")
def data() -> Tables:
    tables: Tables = lkj.load("bp3mi-jabar", "2025-Q2", str(REPO))
    return tables


def test_frames_and_their_shape(data: Tables) -> None:
    assert list(data.indikator.index) == list(range(1, 14))
    assert len(data.realisasi) == 13 * 2  # every IKU, Triwulan I and II
    assert list(data.capaian.index) == list(range(1, 14))
    assert list(data.anggaran.index) == list(range(1, 12))
    for frame, column in [
        (data.indikator, "target"),
        (data.realisasi, "capaian"),
        (data.capaian, "capaian_kumulatif"),
        (data.anggaran, "pagu"),
    ]:
        assert str(frame[column].dtype) == "float64"


def test_raw_numbers_worked_by_hand(data: Tables) -> None:
    r = data.realisasi.set_index(["iku", "triwulan"])
    # IKU 1: 25.33 / 70 x 100 = 36.185714…, unrounded
    assert r.loc[(1, 1), "capaian"] == pytest.approx(36.185714285714, abs=1e-9)
    # IKU 2, Triwulan II: 21 of 26 cases = 80.769230…%; to date the mean with 75.75 = 78.259615…
    assert r.loc[(2, 2), "pembilang"] == 21 and r.loc[(2, 2), "penyebut"] == 26
    assert r.loc[(2, 2), "realisasi"] == pytest.approx(80.769230769, abs=1e-8)
    assert r.loc[(2, 2), "realisasi_kumulatif"] == pytest.approx(78.259615384, abs=1e-8)
    # IKU 13 is a predicate: text in its own column, its number blank
    assert data.capaian.loc[13, "predikat"] == "Baik"
    assert data.capaian.loc[13, "realisasi"] != data.capaian.loc[13, "realisasi"]  # NaN
    assert data.indikator.loc[13, "target_predikat"] == "Baik"
    # budget line 1: 12,571,096 of 115,260,000 = 10.906729…%
    assert data.anggaran.loc[1, "persen"] == pytest.approx(10.906729134, abs=1e-8)
    assert data.anggaran.loc[11, "iku"] == "11 12 13"


def test_the_period_figures_are_the_summary_json(data: Tables) -> None:
    summary = data.summary.to_json()
    for ind in summary["indicators"]:
        row = data.capaian.loc[ind["iku"]]
        for key in ("capaian", "capaian_kumulatif"):
            assert round(row[key], 2) == pytest.approx(ind[key])


def test_indonesian_display_keeps_the_numbers(data: Tables) -> None:
    html = data.styled(data.capaian).to_html()
    assert "78,26%" in html and "55,23%" in html
    money = data.styled(data.anggaran).to_html()
    assert "Rp 115.260.000" in money and "10,91%" in money
    assert data.capaian.loc[2, "capaian_kumulatif"] == pytest.approx(78.259615384, abs=1e-8)


@pytest.mark.slow
def test_explore_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As an analyst opens it: from notebooks/, default parameters, no error."""
    import papermill as pm

    monkeypatch.delenv("LKJ_ROOT", raising=False)
    out = tmp_path / "explore.ipynb"
    source = REPO / "notebooks/explore.ipynb"
    pm.execute_notebook(
        str(source), str(out), kernel_name="python3", progress_bar=False, cwd=str(source.parent)
    )
    cells = {c.id: c for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"}

    def html(cell: str) -> str:
        (output,) = cells[cell].outputs
        text: str = output.data["text/html"]
        return text

    def rows(cell: str) -> list[str]:
        return re.findall(r'class="row_heading level0 row\d+" >([^<]+)</th>', html(cell))

    # quarters side by side with the change; IKU 1: (13.33 - 25.33) / 70 = -17.142857…%
    assert "perubahan" in html("quarters") and "-17,14%" in html("quarters")
    # behind the targets to date, furthest first (worked by hand from indikator.csv):
    # IKU 5 0% of 50% (20 of 40 by TW II); IKU 2 78,26% of 100%; IKU 9 30,95% of 50%;
    # IKU 6 18,75% of 35,71% (40 of 112)
    assert rows("risk") == ["5", "2", "9", "6"]
    (chart,) = cells["chart"].outputs
    assert chart.data["image/svg+xml"].lstrip().startswith("<svg")
    assert "IKU 13" in chart.data["image/svg+xml"]


def test_explore_notebook_is_clean() -> None:
    """No outputs, no logic (also checked for every notebook in tests/test_notebooks.py)."""
    nb: Any = json.loads((REPO / "notebooks/explore.ipynb").read_text(encoding="utf-8"))
    assert all(c.get("outputs", []) == [] for c in nb["cells"])
