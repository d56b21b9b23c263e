"""The quarterly report's optional comparisons (issue 12, item 4): the same quarter of the
previous year and the Renstra targets, each left out without its data (docs/annual.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkj.report import comparisons
from lkj.report.block import Block
from lkj.report.context import load_report
from tests.test_walkthrough import body_text

UNIT = "bp3mi-jabar"


def text_of(blocks: list[Block]) -> str:
    return body_text("<body>" + "".join(str(b.html()) for b in blocks) + "</body>")


def with_codes(folder: Path) -> None:
    """indikator.csv of ``folder`` with the codes K1, K2, ... (the IKU's number)."""
    path = folder / "indikator.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [lines[0] + ",kode"] + [f"{line},K{line.split(',')[0]}" for line in lines[1:]]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture()
def two_years(project_copy: Path) -> Path:
    """BP3MI with a 2024 of its own: the 2025 indicators, other realisations to Triwulan II."""
    this = project_copy / f"data/{UNIT}/2025"
    last = project_copy / f"data/{UNIT}/2024"
    last.mkdir()
    for name in ("sasaran.csv", "indikator.csv"):
        shutil.copy(this / name, last / name)
    (last / "realisasi.csv").write_text(
        "iku,triwulan,realisasi\n1,1,10\n1,2,20\n3,1,50\n3,2,60\n", encoding="utf-8"
    )
    with_codes(this)
    with_codes(last)
    return project_copy


def test_the_same_quarter_of_the_previous_year(two_years: Path) -> None:
    ctx = load_report(UNIT, "2025-Q2", two_years)
    assert sorted(ctx.previous) == [1, 3]  # the others are not measured in 2024
    text = text_of(comparisons.tahun_lalu(ctx, 1))
    # IKU 1, sum of the quarters, target 70: 2024 10 + 20 = 30, 30 / 70 = 42,86;
    # 2025 25,33 + 13,33 = 38,66, 38,66 / 70 = 55,23
    assert "Realisasi IKU 1 Triwulan II 2025 dan Triwulan II 2024" in text
    assert "Target Tahunan 70% 70%" in text
    assert "Realisasi s.d. Triwulan II 30% 38,66%" in text
    assert "Capaian s.d. Triwulan II (%) 42,86 55,23" in text
    # IKU 3, the last quarter's value, target 75: 2024 60 / 75 = 80,00; 2025 75 / 75 = 100,00
    text = text_of(comparisons.tahun_lalu(ctx, 3))
    assert "Realisasi s.d. Triwulan II 60% 75%" in text
    assert "Capaian s.d. Triwulan II (%) 80,00 100,00" in text
    assert comparisons.tahun_lalu(ctx, 5) == []


def test_left_out_without_codes_or_without_the_quarter(two_years: Path) -> None:
    assert sorted(load_report(UNIT, "2025-Q1", two_years).previous) == [1, 3]
    # the previous year reaches Triwulan I only: no comparison for Triwulan II's report
    last = two_years / f"data/{UNIT}/2024/realisasi.csv"
    last.write_text("iku,triwulan,realisasi\n1,1,10\n", encoding="utf-8")
    assert load_report(UNIT, "2025-Q2", two_years).previous == {}
    assert sorted(load_report(UNIT, "2025-Q1", two_years).previous) == [1]
    # this year's codes are not the previous year's: nothing matched
    this = two_years / f"data/{UNIT}/2025/indikator.csv"
    this.write_text(this.read_text(encoding="utf-8").replace(",K", ",X"), encoding="utf-8")
    assert load_report(UNIT, "2025-Q1", two_years).previous == {}


def test_a_broken_previous_year_is_an_error_of_the_report(two_years: Path) -> None:
    import contextlib
    import io

    from lkj.cli import main

    path = two_years / f"data/{UNIT}/2024/realisasi.csv"
    path.write_text("iku,triwulan,realisasi\n1,1,sepuluh\n", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["--root", str(two_years), "build", "2025-Q2"])
    assert code == 2
    assert (
        err.getvalue()
        .strip()
        .splitlines()[-1]
        .startswith(f"lkj: error: data/{UNIT}/2024/realisasi.csv, row 2, column 'realisasi'")
    )
    assert not (two_years / "reports").exists() and not (two_years / "build").exists()


def test_progress_against_the_renstra_in_a_quarter(project_copy: Path) -> None:
    with_codes(project_copy / f"data/{UNIT}/2025")
    (project_copy / f"data/{UNIT}/renstra.csv").write_text(
        "kode,tahun,target\nK1,2025,70\nK1,2029,90\n", encoding="utf-8"
    )
    ctx = load_report(UNIT, "2025-Q2", project_copy)
    text = text_of(comparisons.renstra(ctx, 1))
    # 38,66 to date: 38,66 / 70 = 55,23 of this year's; 38,66 / 90 = 42,96 of the final
    assert "Target Realisasi s.d. Triwulan II Capaian (%)" in text
    assert "Target Renstra Tahun 2025 70% 38,66% 55,23" in text
    assert "Target Akhir Renstra (2029) 90% 38,66% 42,96" in text
    assert comparisons.renstra(ctx, 2) == []


def test_without_the_data_the_quarterly_report_is_as_before(project_copy: Path) -> None:
    """BP3MI has neither a 2024 nor a renstra.csv: no comparison, nothing shown."""
    ctx = load_report(UNIT, "2025-Q2", project_copy)
    assert ctx.previous == {} and ctx.renstra == {}
    assert all(comparisons.tahun_lalu(ctx, i) == [] for i in range(1, 14))


def test_built_into_the_quarterly_report(two_years: Path) -> None:
    """Bab II B shows both, numbered as the other tables, under the IKU's own table."""
    import contextlib
    import io

    from lkj.cli import main

    (two_years / f"data/{UNIT}/renstra.csv").write_text(
        "kode,tahun,target\nK1,2025,70\nK1,2029,90\n", encoding="utf-8"
    )
    shutil.copytree(Path(__file__).parents[1] / "notebooks", two_years / "notebooks")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["--root", str(two_years), "build", "2025-Q2", "--to", "html"])
    assert code == 0, err.getvalue()
    html = (two_years / "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.html").read_text(
        encoding="utf-8"
    )
    text = body_text(html)
    own = text.index("Tabel 2.3 Capaian Indikator Kinerja Utama 1 Indikator Kinerja Utama")
    then = text.index(
        "Tabel 2.4 Realisasi IKU 1 Triwulan II 2025 dan Triwulan II 2024 Uraian Triwulan II "
        "2024 Triwulan II 2025 Target Tahunan 70% 70%"
    )
    plan = text.index(
        "Tabel 2.5 Realisasi IKU 1 terhadap Target Renstra 2025\u20132029 Uraian Target"
    )
    assert own < then < plan
    assert "Tabel 2.10 Realisasi IKU 3 Triwulan II 2025 dan Triwulan II 2024" in text
