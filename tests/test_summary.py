"""The summary of the shipped data: the figures that follow from the reference's own quarters.

Every expected value below is worked out by hand from the quarterly figures of the published
Triwulan II 2025 report (shared/reference), not copied from a run.
"""

from __future__ import annotations

import json

import pytest

from lkj.cli import main
from lkj.figures.summary import summarise
from lkj.inputs.project import Project
from tests.conftest import REPO


@pytest.fixture(scope="module")
def q2() -> dict:
    return summarise("2025-Q2", project=Project.at(REPO)).to_json()


def iku(summary: dict, number: int) -> dict:
    return next(i for i in summary["indicators"] if i["iku"] == number)


@pytest.mark.parametrize(
    ("number", "quarterly", "cumulative"),
    [
        (1, 19.04, 55.23),  # 13.33 / 70; (25.33 + 13.33) / 70 = 38.66 / 70
        (2, 80.77, 78.26),  # 21 / 26 = 80.769; mean(75.75, 80.769) = 78.2596
        (3, 100, 100),  # 75 / 75, last value
        (4, 0, 0),
        (5, 0, 0),
        (6, 18.75, 18.75),  # 21 / 112; (0 + 21) / 112
        (7, 26.59, 52.10),  # 7410 / 27868; 14520 / 27868 = 52.1027
        (8, 25, 50),  # 25 / 100; (25 + 25) / 100
        (9, 27.20, 30.95),  # 544 / 2000; (75 + 544) / 2000
        (10, 126.84, 131.88),  # 6342 / 5000; (252 + 6342) / 5000
        (11, 100, 100),
        (12, 122, 122),  # 91.5 / 75
        (13, 100, 100),  # Baik met
    ],
)
def test_capaian_per_iku(q2: dict, number: int, quarterly: float, cumulative: float) -> None:
    assert iku(q2, number)["capaian"] == quarterly
    assert iku(q2, number)["capaian_kumulatif"] == cumulative


def test_counts_mean_and_budget(q2: dict) -> None:
    assert (
        q2["jumlah_di_atas_100"],
        q2["jumlah_100"],
        q2["jumlah_di_bawah_100"],
        q2["jumlah_tidak_terukur"],
    ) == (2, 3, 8, 0)
    # (55.23 + 78.26 + 100 + 0 + 0 + 18.75 + 52.10 + 50 + 30.95 + 131.88 + 100 + 122 + 100) / 13
    # = 839.17 / 13 = 64.5515...
    assert q2["capaian_rata_rata"] == 64.55
    assert q2["anggaran"] == {"pagu": 9721224000, "realisasi": 3515820174, "persen": 36.17}


def test_json_shape(q2: dict) -> None:
    assert set(q2) == {
        "unit",
        "period",
        "indicators",
        "capaian_rata_rata",
        "jumlah_di_atas_100",
        "jumlah_100",
        "jumlah_di_bawah_100",
        "jumlah_tidak_terukur",
        "anggaran",
    }
    assert q2["unit"] == "bp3mi-jabar" and q2["period"] == "2025-Q2"
    assert [i["iku"] for i in q2["indicators"]] == list(range(1, 14))
    assert set(q2["indicators"][0]) == {
        "iku",
        "sasaran",
        "indikator",
        "jenis",
        "satuan",
        "target",
        "realisasi",
        "capaian",
        "realisasi_kumulatif",
        "capaian_kumulatif",
    }
    assert iku(q2, 7)["jenis"] == "jumlah" and iku(q2, 7)["satuan"] == "Orang"
    assert iku(q2, 1)["jenis"] == "persen" and iku(q2, 1)["satuan"] == ""
    thirteen = iku(q2, 13)
    assert thirteen["target"] == "Baik" and thirteen["realisasi"] == "Baik"
    assert iku(q2, 7)["realisasi"] == 7410 and iku(q2, 7)["realisasi_kumulatif"] == 14520


def test_first_quarter_has_no_budget_realisation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "summary", "2025-TW1", "--format", "json"]) == 0
    q1 = json.loads(capsys.readouterr().out)
    assert q1["period"] == "2025-Q1"
    assert q1["anggaran"] == {"pagu": 9721224000, "realisasi": None, "persen": None}
    # IKU 10 in Triwulan I: 252 / 5000 = 5.04 for both
    assert iku(q1, 10)["capaian"] == 5.04 and iku(q1, 10)["capaian_kumulatif"] == 5.04
    # IKU 1: 25.33 / 70 = 36.1857 -> 36.19
    assert iku(q1, 1)["capaian_kumulatif"] == 36.19


def test_table_format_is_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "summary", "2025-Q2"]) == 0
    out = capsys.readouterr().out
    assert "7.410 Orang" in out and "27.868 Orang" in out
    assert "26,59%" in out and "131,88%" in out
    assert "Rp 9.721.224.000" in out and "Rp 3.515.820.174" in out and "(36,17%)" in out
    assert "64,55%" in out


def test_table_shows_dash_for_missing_budget(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "summary", "2025-Q1"]) == 0
    assert "realisasi - (-)" in capsys.readouterr().out
