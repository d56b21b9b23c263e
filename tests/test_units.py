"""Any government unit: the second example unit (Cianjur DKP 2015, annual, entered as Triwulan
IV) against its printed figures, and which unit a command means when several are in data/.

Every expected figure is worked out by hand in the comments (the printed ones are in
data/cianjur-dkp/NOTES.md).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from lkj.cli import main
from lkj.errors import UnitError
from lkj.figures.analysis import Case, indicator_analysis, overview
from lkj.figures.summary import summarise
from lkj.figures.support import compute_table
from lkj.inputs.project import Project
from lkj.report.context import load_report
from lkj.rules.achievement import Kelas, TidakTerukur
from lkj.rules.decimals import round2
from lkj.rules.periods import Period
from tests.conftest import REPO

UNIT = "cianjur-dkp"


@pytest.fixture(scope="module")
def ctx():  # type: ignore[no-untyped-def]
    return load_report(UNIT, "2015-Q4", REPO)


def test_printed_capaian_of_the_four_iku(ctx) -> None:  # type: ignore[no-untyped-def]
    s = ctx.summary
    # RTH: 0,162 / 0,820 = 19,756… -> 19,76 (printed 19,76 %)
    assert round2(s.result(1).capaian_kumulatif) == D("19.76")
    # sampah: 5 / 5 -> 100 (printed 100)
    assert s.result(2).capaian_kumulatif == D(100)
    # TPST, lower is better: (2 x 18 - 25) / 18 = 11 / 18 = 61,11 (printed 61 %)
    assert round2(s.result(3).capaian_kumulatif) == D("61.11")
    # pemakaman: target 0 Ha, higher is better: not measurable (printed 0)
    four = s.result(4)
    assert four.capaian_kumulatif is None and four.tidak_terukur is TidakTerukur.TARGET_NOL
    assert four.kelas is Kelas.TIDAK_TERUKUR
    # mean of the measurable three: (19,76 + 100 + 61,11) / 3 = 60,29
    assert round2(s.capaian_rata_rata) == D("60.29")
    assert (s.count(Kelas.TEPAT), s.count(Kelas.DI_BAWAH), s.count(Kelas.TIDAK_TERUKUR)) == (
        1,
        2,
        1,
    )


def test_printed_revenue_and_budget(ctx) -> None:  # type: ignore[no-untyped-def]
    pendapatan = compute_table(ctx.summary, ctx.tables[0])
    capaian = [round2(r["capaian"]) for r in pendapatan.rows]
    # 555.760.000 / 549.481.005 = 101,14; 133.245.000 / 52.809.142,50 = 252,31;
    # 25.760.000 / 48.000.000 = 53,67
    assert capaian == [D("101.14"), D("252.31"), D("53.67")]
    # 714.765.000 / 650.290.147,50 = 109,91
    assert pendapatan.sums["target"] == D("650290147.50")
    assert pendapatan.sums["realisasi"] == D(714765000)
    assert round2(pendapatan.sums["capaian"]) == D("109.91")
    # Belanja Langsung: 14.835.738.968 / 15.052.945.500 = 98,557… -> 98,56
    assert round2(ctx.summary.persen_anggaran) == D("98.56")


def test_service_ratios_as_computed(ctx) -> None:  # type: ignore[no-untyped-def]
    pelayanan = compute_table(ctx.summary, ctx.tables[1])
    # 79.912 / 1.733.980 = 4,61; 11 / 13 = 84,62; 338,5 / 340 = 99,56; 11 / 15 = 73,33
    assert [round2(r["capaian"]) for r in pelayanan.rows] == [
        D("4.61"),
        D("84.62"),
        D("99.56"),
        D("73.33"),
    ]
    assert pelayanan.sums == {}  # no footer row declared


def test_year_end_reads_as_a_year_end(ctx) -> None:  # type: ignore[no-untyped-def]
    s = ctx.summary
    for r in s.indicators:
        a = indicator_analysis(s, r.iku)
        text = " ".join(a.sentences)
        assert a.projection is None
        assert "diproyeksikan" not in text and "proyeksi" not in text.lower()
        assert "setelah Triwulan IV" not in text
        # annual targets only: no judgement of a quarterly target
        assert not any(c.name.startswith("QUARTER_") for c in a.cases)
    # Triwulan I-III have no rows: not measured, said once, never counted as 0
    assert "Triwulan I, Triwulan II dan Triwulan III belum memiliki realisasi" in " ".join(
        indicator_analysis(s, 1).sentences
    )
    assert indicator_analysis(s, 2).cases[-1] is Case.FINAL_MET
    assert indicator_analysis(s, 3).cases[-1] is Case.FINAL_MISSED
    # the zero target: neither met nor missed, no attention flag
    four = indicator_analysis(s, 4)
    assert Case.YTD_ZERO_TARGET in four.cases and not four.needs_attention
    lines = overview(s)
    # 2 of the 3 measurable IKU miss their target: RTH and TPST
    assert lines[-1] == (
        "Pada akhir tahun, 1 IKU mencapai target tahunan dan 2 IKU tidak mencapainya: IKU 1 dan 3."
    )
    assert not any("diperkirakan" in line for line in lines)


def test_period_identifies_the_unit() -> None:
    project = Project.at(REPO)
    assert project.resolve_unit(None, Period(2025, 2)) == "bp3mi-jabar"
    assert project.resolve_unit(None, Period(2015, 4)) == UNIT
    with pytest.raises(UnitError, match="no unit has data for 2020"):
        project.resolve_unit(None, Period(2020, 1))
    assert summarise("2015-Q4", project=project).unit == UNIT


def test_ambiguous_period_lists_the_units(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    shutil.copytree(project_copy / "data/cianjur-dkp/2015", project_copy / "data/cianjur-dkp/2025")
    assert main(["--root", str(project_copy), "summary", "2025-Q2"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "lkj: error: several units have data for 2025 (bp3mi-jabar, cianjur-dkp); "
        "name one with --unit"
    )
    assert main(["--root", str(project_copy), "summary", "2025-Q2", "--unit", "bp3mi-jabar"]) == 0


@pytest.fixture(scope="module")
def cianjur_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    """``lkj build 2015-Q4`` (no --unit: only Cianjur has 2015 data) in a copy of the tree."""
    import contextlib
    import io
    import shutil

    root = tmp_path_factory.mktemp("cianjur") / "project"
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert main(["--root", str(root), "build", "2015-Q4"]) == 0, err.getvalue()
    folder = root / "reports/cianjur-dkp/2015-Q4"
    assert (folder / "lkj-cianjur-dkp-2015-tw4.pdf").read_bytes().startswith(b"%PDF")
    return (folder / "lkj-cianjur-dkp-2015-tw4.html").read_text(encoding="utf-8")


def test_cianjur_report_prints_its_figures(cianjur_html: str) -> None:
    from tests.test_walkthrough import body_text

    text = body_text(cianjur_html)
    for printed in (
        "19,76",
        "100,00",
        "61,11",
        "101,14%",
        "252,31%",
        "53,67%",
        "109,91%",
        "98,56%",
    ):
        assert printed in text, printed
    # the zero-target row: "-" with a note, never a 0 or a failure
    assert "IKU 4: target 0 dengan polaritas naik tidak dapat dilampaui" in text
    assert "Karena target tahunannya 0, indikator ini tidak dinilai tercapai" in text
    # Rp with sen where the source has them; the revenue table numbered among the others
    assert "Rp 52.809.142,50" in text and "Rp 650.290.147,50" in text
    assert "Tabel 2.5 Capaian Target Pendapatan Bidang Kebersihan dan Pertamanan Tahun 2015" in text


def test_cianjur_report_reads_as_a_year_end(cianjur_html: str) -> None:
    from tests.test_walkthrough import body_text

    text = body_text(cianjur_html)
    assert "setelah Triwulan IV" not in text
    assert "proyeksi" not in text.lower() and "diproyeksikan" not in text
    assert "bertahan hingga akhir tahun" not in text
    assert "menutup tahun" in text
    # no Renstra, no narrative, no signature date invented; nothing marked missing
    assert "Rencana Strategis" not in text and 'class="lkj-missing"' not in cianjur_html
    assert "(tanggal belum ditetapkan)" in text
    # no chart without a bar: the only Ha indicator has 0 Ha and a target of 0
    assert "Indikator dalam Ha" not in text
    # a goal whose only IKU cannot be measured: no efficiency index of 0 invented
    assert "Sasaran Strategis 2: anggaran terserap 98,42%" in text
    assert "capaian kinerjanya tidak terukur, sehingga indeks efisiensi tidak dapat" in text
