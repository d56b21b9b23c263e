"""The annual Laporan Kinerja: Cianjur DKP 2015 built as a year, its printed budget figures,
and the years lkj refuses (docs/annual.md)."""

from __future__ import annotations

import contextlib
import io
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from lkj.cli import main
from lkj.figures.summary import summarise
from lkj.inputs.project import Project
from lkj.rules.decimals import round2
from tests.conftest import REPO

UNIT = "cianjur-dkp"


def run(root: Path, *args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), *args])
    return code, err.getvalue()


REPORT = "reports/cianjur-dkp/2015/lkj-cianjur-dkp-2015-tahunan"


def copy_tree(root: Path) -> Path:
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture(scope="module")
def annual_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``lkj build 2015 --unit cianjur-dkp`` in a copy of the tree."""
    root = copy_tree(tmp_path_factory.mktemp("annual") / "project")
    code, err = run(root, "build", "2015", "--unit", UNIT)
    assert code == 0, err
    assert (root / f"{REPORT}.pdf").read_bytes().startswith(b"%PDF")
    return root


@pytest.fixture(scope="module")
def annual_html(annual_root: Path) -> str:
    return (annual_root / f"{REPORT}.html").read_text(encoding="utf-8")


def nothing_written(root: Path) -> bool:
    """Bad input writes nothing: no report, no build folder."""
    return not (root / "reports").exists() and not (root / "build").exists()


def test_the_years_figures_are_those_at_triwulan_iv() -> None:
    s = summarise("2015", UNIT, Project.at(REPO))
    assert s.period.annual
    # printed p.21: 0,162 / 0,820 = 19,76; 5 / 5 = 100; (18 - (25 - 18)) / 18 = 61,11
    assert [round2(r.capaian_kumulatif) for r in s.indicators[:3] if r.capaian_kumulatif] == [
        D("19.76"),
        D("100.00"),
        D("61.11"),
    ]
    assert s.indicators[3].capaian_kumulatif is None  # target 0 Ha: not measurable


def test_the_annual_chapters(annual_html: str) -> None:
    from tests.test_walkthrough import body_text

    text = body_text(annual_html)
    for title in (
        "KATA PENGANTAR",
        "IKHTISAR EKSEKUTIF",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "Capaian Kinerja Organisasi",
        "Realisasi Anggaran",
        "BAB IV PENUTUP",
        "LAMPIRAN",
        "Pengukuran Kinerja Tahun 2015",
    ):
        assert title in text, title
    assert "LAPORAN KINERJA" in text and "Tahun 2015" in text
    assert "Triwulan I 2015" not in text  # no quarter of a year reported once
    # the year's own table: its realisation and capaian, not "s.d. TW IV"
    assert (
        "Tabel 3.1 Capaian Kinerja Tahun 2015 Sasaran Strategis Indikator Kinerja Utama Target "
        "Realisasi Realisasi Tahun 2015 Capaian Tahun 2015 (%)"
    ) in text


def test_the_printed_budget_per_program(annual_html: str) -> None:
    from tests.test_walkthrough import body_text

    text = body_text(annual_html)
    # p.45-49: each program's absorption as printed (realisasi / pagu of its kegiatan)
    for printed in (
        "3.090.875.000 3.073.563.517 99,44",
        "808.371.950 808.296.651 99,99",
        "128.800.000 128.156.000 99,50",
        "39.195.900 37.145.900 94,77",
        "61.678.100 59.888.100 97,10",
        "5.022.173.500 4.979.049.500 99,14",
        "79.261.250 72.811.250 91,86",
        "5.294.409.800 5.148.648.050 97,25",
        # the total equals Belanja Langsung, p.44: 14.835.738.968 / 15.052.945.500 = 98,56
        "Jumlah 15.052.945.500 14.835.738.968 98,56",
    ):
        assert printed in text, printed
    # a kegiatan of 0 of 0 has no absorption, not 0,00
    assert "Rapat-Rapat Koordinasi dan Konsultasi Ke Luar Daerah 0 0 -" in text


def test_bp3mi_2025_has_no_year_yet(project_copy: Path) -> None:
    code, err = run(project_copy, "build", "2025", "--unit", "bp3mi-jabar")
    assert code == 2
    assert err.strip() == (
        "lkj: error: no annual report for 2025: data/bp3mi-jabar/2025/realisasi.csv reaches "
        "Triwulan II, and the year's realisation is the one at Triwulan IV (docs/annual.md); "
        "add the Triwulan IV rows (or the annual figures as Triwulan IV) or build a quarter, "
        "e.g. 2025-Q2"
    )
    assert nothing_written(project_copy)


def test_kegiatan_that_do_not_add_up(project_copy: Path) -> None:
    path = project_copy / "data/cianjur-dkp/2015/realisasi_kegiatan.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",900000,900000", ",1900000,900000"), encoding="utf-8")
    code, err = run(project_copy, "summary", "2015", "--unit", UNIT)
    assert code == 2
    assert err.strip() == (
        "lkj: error: data/cianjur-dkp/2015/realisasi_kegiatan.csv, column 'pagu': the "
        "kegiatan's pagu add up to 15.053.945.500; expected 15.052.945.500 as anggaran.yaml "
        "states"
    )


def test_without_kegiatan_the_table_is_left_out(project_copy: Path) -> None:
    (project_copy / "data/cianjur-dkp/2015/realisasi_kegiatan.csv").unlink()
    from lkj.report.annual import realisasi_program
    from lkj.report.context import load_report

    assert realisasi_program(load_report(UNIT, "2015", project_copy)) == []


def test_earlier_years_matched_by_code(annual_html: str) -> None:
    from tests.test_walkthrough import body_text

    text = body_text(annual_html)
    # p.25 and p.38: "Hasil Th 2012/2013/2014", then the 2015 realisation of p.21
    assert "Realisasi 47,121% 0,045% 0,094% 0,162%" in text
    assert "Realisasi 7,2% 5% 5% 5%" in text
    assert "Realisasi 1,57% 28,38% 20% 25%" in text
    assert "Realisasi 2,8 Ha 0 Ha 1,7 Ha 0 Ha" in text
    assert "Gambar 3.3 Realisasi IKU 2 Tahun 2012\u20132015" in text


def test_a_renamed_code_is_linked_by_kode_lama(project_copy: Path) -> None:
    from lkj.report.context import load_report

    data = project_copy / "data/cianjur-dkp/2015/indikator.csv"
    data.write_text(
        data.read_text(encoding="utf-8")
        .replace("kode\n", "kode,kode_lama\n", 1)
        .replace(",3.10.5\n", ",3.10.5-baru,3.10.5\n")
        .replace(",3.10.4\n", ",3.10.4,\n")
        .replace(",3.10.6\n", ",3.10.6,\n")
        .replace(",3.11.19\n", ",3.11.19,\n"),
        encoding="utf-8",
    )
    ctx = load_report(UNIT, "2015", project_copy)
    assert [(y.year, y.realisasi) for y in ctx.history[2]] == [
        (2012, D("7.2")),
        (2013, D(5)),
        (2014, D(5)),
    ]


def test_an_earlier_year_that_cannot_be_matched(project_copy: Path) -> None:
    path = project_copy / "data/cianjur-dkp/2013/hasil.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("3.10.6,", "3.10.9,"), "utf-8")
    code, err = run(project_copy, "build", "2015", "--unit", UNIT)
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        "lkj: error: data/cianjur-dkp/2013/hasil.csv, row 5, column 'kode': no indicator of "
        "2015 has this code; found '3.10.9'; expected the kode of one indicator in "
        "data/cianjur-dkp/2015/indikator.csv, or one of its kode_lama when its code changed "
        "(docs/annual.md)"
    )
    assert nothing_written(project_copy)


def test_without_earlier_years_the_comparison_is_left_out(project_copy: Path) -> None:
    from lkj.report import charts, comparisons
    from lkj.report.context import load_report

    for year in (2012, 2013, 2014):
        shutil.rmtree(project_copy / f"data/cianjur-dkp/{year}")
    ctx = load_report(UNIT, "2015", project_copy)
    assert ctx.history == {}
    assert comparisons.riwayat(ctx, 1) == [] and charts.riwayat(ctx, 1) == []


RENSTRA = """kode,tahun,target
3.10.5,2015,5
3.10.5,2016,8
3.10.5,akhir,8
3.10.6,2015,20
3.10.6,2016,15
"""


def with_renstra(root: Path, text: str = RENSTRA, periode: str = "2012-2016") -> None:
    unit = root / "data/cianjur-dkp/unit.yaml"
    if periode:
        unit.write_text(
            unit.read_text(encoding="utf-8") + f"renstra:\n  periode: {periode}\n", "utf-8"
        )
    (root / "data/cianjur-dkp/renstra.csv").write_text(text, encoding="utf-8")


def test_renstra_targets_and_progress(project_copy: Path) -> None:
    from lkj.report import comparisons
    from lkj.report.context import load_report
    from tests.test_walkthrough import body_text

    with_renstra(project_copy)
    ctx = load_report(UNIT, "2015", project_copy)
    assert ctx.renstra[2].per_year == {2015: D(5), 2016: D(8)} and ctx.renstra[2].final == D(8)
    html = "".join(str(b.html()) for b in comparisons.renstra(ctx, 2) + comparisons.renstra(ctx, 3))
    text = body_text(f"<body>{html}</body>")
    # sampah: 5 / 5 = 100,00 this year; 5 / 8 = 62,50 of the final target
    assert "Target Renstra Tahun 2015 5% 5% 100,00" in text
    assert "Target Akhir Renstra (2016) 8% 5% 62,50" in text
    # TPST, lower is better: (2 x 20 - 25) / 20 = 75,00; (2 x 15 - 25) / 15 = 33,33
    assert "Target Renstra Tahun 2015 20% 25% 75,00" in text
    assert "Target Akhir Renstra (2016) 15% 25% 33,33" in text
    assert comparisons.renstra(ctx, 1) == []  # no Renstra target: left out


@pytest.mark.parametrize(
    ("text", "periode", "message"),
    [
        (
            "kode,tahun,target\n3.10.5,2017,8\n",
            "2012-2016",
            "data/cianjur-dkp/renstra.csv, row 2, column 'tahun': not a year of the Renstra "
            "2012-2016; found '2017'; expected a year from 2012 to 2016, or 'akhir' for the "
            "final target",
        ),
        (
            "kode,tahun,target\n3.10.5,2016,8\n3.10.5,akhir,9\n",
            "2012-2016",
            "data/cianjur-dkp/renstra.csv, row 3, column 'target': the final target "
            "contradicts the target of 2016, the Renstra's last year; found '9'; expected the "
            "same value as the row for 2016, or only one of the two",
        ),
        (
            RENSTRA,
            "",
            "data/cianjur-dkp/unit.yaml, key 'renstra.periode': Renstra targets without the "
            "Renstra period; expected the years of the Renstra, e.g. 2025-2029, for "
            "data/cianjur-dkp/renstra.csv (docs/annual.md)",
        ),
    ],
)
def test_bad_renstra_targets(project_copy: Path, text: str, periode: str, message: str) -> None:
    with_renstra(project_copy, text, periode)
    code, err = run(project_copy, "build", "2015", "--unit", UNIT)
    assert code == 2
    assert err.strip().splitlines()[-1] == f"lkj: error: {message}"
    assert nothing_written(project_copy)


def test_a_national_standard(project_copy: Path) -> None:
    from lkj.report import comparisons
    from lkj.report.context import load_report
    from tests.test_walkthrough import body_text

    (project_copy / "data/cianjur-dkp/2015/standar.csv").write_text(
        "kode,standar\n3.10.5,80\n3.10.6,20\n", encoding="utf-8"
    )
    ctx = load_report(UNIT, "2015", project_copy)
    html = "".join(str(b.html()) for i in (1, 2, 3) for b in comparisons.standar(ctx, i))
    text = body_text(f"<body>{html}</body>")
    # sampah 5 / 80 = 6,25; TPST, lower is better: (2 x 20 - 25) / 20 = 75,00
    assert "Persentase Penanganan Sampah 80% 5% 6,25" in text
    assert "Tempat Pembuangan sampah TPST persatuan penduduk 20% 25% 75,00" in text
    assert "IKU 1 terhadap Standar Nasional" not in text  # no standard: left out


def test_the_closing_key_figures(annual_html: str) -> None:
    from tests.test_walkthrough import body_text

    # (19,76 + 100 + 61,11) / 3 = 60,29; sampah reached, RTH and TPST not, pemakaman 0 of 0
    assert (
        "Capaian kinerja DKP Kabupaten Cianjur tahun 2015 rata-rata 60,29% dari 3 (tiga) IKU "
        "yang terukur: 1 (satu) IKU mencapai atau melampaui target dan 2 (dua) IKU belum "
        "mencapainya; 1 (satu) IKU tidak terukur."
    ) in body_text(annual_html)


def test_an_indicator_without_triwulan_iv_is_not_measured(project_copy: Path) -> None:
    # IKU 4 (sum of the quarters) measured in Triwulan I-III only: 1 + 1 + 1 Ha is not the year
    path = project_copy / "data/cianjur-dkp/2015/realisasi.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("4,4,0\n", "4,1,1\n4,2,1\n4,3,1\n4,4,-\n"),
        encoding="utf-8",
    )
    year = summarise("2015", UNIT, Project.at(project_copy)).result(4)
    quarter = summarise("2015-Q4", UNIT, Project.at(project_copy)).result(4)
    assert year.realisasi_kumulatif is None and year.belum_diukur == (4,)
    assert quarter.realisasi_kumulatif == D(3)  # the quarterly report's year to date


# ---- the PDF: lists, bookmarks, same bytes ------------------------------------------------


def test_bookmarks_and_lists_with_page_numbers(annual_root: Path, annual_html: str) -> None:
    import re

    from tests.pdf_inspect import ReportPdf, squash
    from tests.test_walkthrough import body_text

    doc = ReportPdf(annual_root / f"{REPORT}.pdf")
    chapters = [
        body_text(f"<body>{m}</body>").strip()
        for m in re.findall(r'<h1 class="lkj-chapter-title">(.*?)</h1>', annual_html)
    ]
    sections = [
        body_text(f"<body>{m}</body>").strip()
        for m in re.findall(r"<h2 id=[^>]*>(.*?)</h2>", annual_html, re.S)
    ]
    assert [b.title for b in doc.bookmarks if b.level == 1] == chapters
    assert [b.title for b in doc.bookmarks if b.level == 2] == sections
    assert "BAB III AKUNTABILITAS KINERJA" in chapters and "LAMPIRAN" in chapters
    contents = "\n".join(doc.texts[i] for i in doc.chapter_pages("DAFTAR ISI"))
    printed = {
        squash(m[1]).upper(): m[2]
        for m in re.finditer(r"^(.+?)\s*\.{2,}\s*(\d+|[ivxlcdm]+)\s*$", contents, re.MULTILINE)
    }
    for b in doc.bookmarks:  # the Daftar Isi gives the page each bookmark leads to
        if b.level <= 2:
            assert printed.get(b.title.upper()) == doc.labels[b.page], b
    numbers = [
        "Tabel " + n.replace("-", ".")
        for n in re.findall(r'<figure class="lkj-table" id="tabel-([0-9-]+)"', annual_html)
    ]
    entries = doc.list_entries("DAFTAR TABEL")
    assert [e.number for e in entries] == numbers and "Tabel 3.1" in numbers
    for entry in entries:  # each table is on the page the Daftar Tabel gives
        assert f"{entry.number} {entry.title}" in squash(doc.texts[doc.page_of_label(entry.label)])
    charts = re.findall(r'<span class="lkj-chart-number">(Gambar [0-9.]+)</span>', annual_html)
    figures = doc.list_entries("DAFTAR GAMBAR")
    # the overall chart, one of earlier years per IKU with numbers to draw, the budget's
    assert [e.number for e in figures] == charts and len(charts) >= 5
    assert "Realisasi IKU 2 Tahun 2012\u20132015" in [e.title for e in figures]
    lists = set(doc.chapter_pages("DAFTAR GAMBAR"))
    for entry in figures:  # each chart is on the page the Daftar Gambar gives
        page = doc.page_of_label(entry.label)
        assert page not in lists and f"{entry.number} {entry.title}" in squash(doc.texts[page])


def test_rebuilt_elsewhere_the_same_bytes(annual_root: Path, tmp_path: Path) -> None:
    root = copy_tree(tmp_path / "elsewhere")
    code, err = run(root, "build", "2015", "--unit", UNIT)
    assert code == 0, err
    for suffix in (".html", ".pdf"):
        built = (root / f"{REPORT}{suffix}").read_bytes()
        assert built == (annual_root / f"{REPORT}{suffix}").read_bytes(), suffix


def test_every_input_read_once_into_the_snapshot(annual_root: Path) -> None:
    """The earlier years, the kegiatan and the annual chapters are inputs like the others:
    copied into the build folder, which the chapters read."""
    inputs = annual_root / "build/cianjur-dkp/2015/inputs"
    for name in (
        "data/cianjur-dkp/2012/hasil.csv",
        "data/cianjur-dkp/2014/hasil.csv",
        "data/cianjur-dkp/2015/realisasi_kegiatan.csv",
        "data/cianjur-dkp/2015/published/2015.yaml",
        "params/cianjur-dkp/2015.yaml",
        "notebooks/04_bab3a_capaian_kinerja.ipynb",
    ):
        assert (inputs / name).is_file(), name
    assert not (inputs / "notebooks/03_bab2a_capaian_kinerja_triwulan.ipynb").exists()


def test_an_earlier_year_outside_the_root_is_refused(project_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("kode,realisasi\n3.10.5,7\n", encoding="utf-8")
    path = project_copy / "data/cianjur-dkp/2013/hasil.csv"
    path.unlink()
    path.symlink_to(outside)
    code, err = run(project_copy, "build", "2015", "--unit", UNIT)
    assert code == 2
    assert err.strip().splitlines()[-1].startswith("lkj: error: data/cianjur-dkp/2013/hasil.csv")
    assert nothing_written(project_copy)


# ---- the appendices -----------------------------------------------------------------------


def test_the_reconciliation_appendix(annual_html: str) -> None:
    from tests.test_walkthrough import body_text

    text = body_text(annual_html)
    assert "LAMPIRAN: REKONSILIASI ANGKA" in text
    # 15 figures transcribed from p.21 and p.44 (published/2015.yaml); all agree but one:
    # p.21 prints 0 as the capaian of the pemakaman, whose target is 0 Ha (not measurable)
    assert "Sebanyak 15 angka yang tercetak pada LAKIP Dinas Kebersihan" in text
    assert "ditemukan 1 selisih" in text
    assert (
        "1 Pengukuran Kinerja (hlm. 21), capaian tahun 2015 4 0 - target tahunan 0: capaian "
        "tidak dapat dihitung (pembagian dengan nol), laporan mencetak sebuah angka"
    ) in text


REVIEW = """
pernyataan_reviu:
  pereviu: Inspektorat Kabupaten Cianjur
  penandatangan:
    tempat: Cianjur
    tanggal: 2016-02-25
    jabatan: Inspektur Kabupaten Cianjur
    nama: CONTOH NAMA
    identitas: NIP 19600101 198503 1 001
"""


def test_the_review_statement(project_copy: Path) -> None:
    from lkj.report import annual
    from lkj.report.context import load_report
    from tests.test_walkthrough import body_text

    assert annual.pernyataan_reviu(load_report(UNIT, "2015", project_copy)) == []
    params = project_copy / "params/cianjur-dkp/2015.yaml"
    params.write_text(params.read_text(encoding="utf-8") + REVIEW, encoding="utf-8")
    blocks = annual.pernyataan_reviu(load_report(UNIT, "2015", project_copy))
    text = body_text("<body>" + "".join(str(b.html()) for b in blocks) + "</body>").strip()
    assert text.startswith("PERNYATAAN TELAH DIREVIU DINAS KEBERSIHAN")
    assert "TAHUN ANGGARAN 2015" in text
    assert (
        "Kami, Inspektorat Kabupaten Cianjur, telah mereviu Laporan Kinerja Dinas Kebersihan"
        in text
    )
    assert annual.REVIEW_CLEAN in text
    assert "Cianjur, 25 Februari 2016 Inspektur Kabupaten Cianjur, CONTOH NAMA" in text
    params.write_text(
        params.read_text(encoding="utf-8") + "  catatan: Terdapat dua catatan reviu.\n", "utf-8"
    )
    blocks = annual.pernyataan_reviu(load_report(UNIT, "2015", project_copy))
    text = body_text("<body>" + "".join(str(b.html()) for b in blocks) + "</body>").strip()
    assert "Terdapat dua catatan reviu." in text and annual.REVIEW_CLEAN not in text


def test_a_review_statement_only_for_a_year(project_copy: Path) -> None:
    params = project_copy / "params/bp3mi-jabar/2025-Q2.yaml"
    params.write_text(params.read_text(encoding="utf-8") + REVIEW, encoding="utf-8")
    code, err = run(project_copy, "build", "2025-Q2")
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        "lkj: error: params/bp3mi-jabar/2025-Q2.yaml, key 'pernyataan_reviu': a review "
        "statement in a quarter's params; expected pernyataan_reviu only in the params of a "
        "year, e.g. params/bp3mi-jabar/2025.yaml: only the annual report is reviewed "
        "(docs/annual.md)"
    )
    assert nothing_written(project_copy)


def test_lkj_check_lists_every_annual_problem(project_copy: Path) -> None:
    """An unmatched earlier year and a Renstra year outside the period: both, one line each."""
    path = project_copy / "data/cianjur-dkp/2013/hasil.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("3.10.6,", "3.10.9,"), "utf-8")
    with_renstra(project_copy, "kode,tahun,target\n3.10.5,2017,8\n")
    code, err = run(project_copy, "check", "2015", "--unit", UNIT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["--root", str(project_copy), "check", "2015", "--unit", UNIT])
    lines = (out.getvalue() + err).splitlines()
    assert code == 2
    assert any("data/cianjur-dkp/2013/hasil.csv, row 5, column 'kode'" in x for x in lines)
    assert any("data/cianjur-dkp/renstra.csv, row 2, column 'tahun'" in x for x in lines)
    assert nothing_written(project_copy)


def test_the_efficiency_of_resources_per_sasaran(annual_html: str) -> None:
    """Bab III B against hand-worked figures (pagu.csv and realisasi_anggaran.csv from p.44-49,
    capaian of p.21): sasaran 1 has budget lines 1-3 and 6, sasaran 2 lines 4-5."""
    from tests.test_walkthrough import body_text

    text = body_text(annual_html)
    # SS 1: pagu 3.564.173.500 + 1.458.000.000 + 199.800.000 + 5.294.409.800 = 10.516.383.300,
    # realisasi 3.539.698.500 + 1.439.351.000 + 199.800.000 + 5.148.648.050 = 10.327.497.550,
    # 98,20%; capaian (19,756 + 100 + 61,111) / 3 = 60,29; index 60,289 / 98,204 = 0,61
    assert (
        "Sasaran Strategis 1: penyerapan anggaran 98,20% (Rp 10.327.497.550 dari pagu "
        "Rp 10.516.383.300) dengan rata-rata capaian kinerja 60,29%; indeks efisiensi 0,61"
    ) in text
    # SS 2: (72.811.250 + 328.380.000) / (79.261.250 + 328.380.000) = 98,42%; target 0 Ha:
    # no capaian, so no index
    assert (
        "Sasaran Strategis 2: anggaran terserap 98,42% (Rp 401.191.250 dari pagu "
        "Rp 407.641.250); capaian kinerjanya tidak terukur, sehingga indeks efisiensi tidak "
        "dapat dihitung"
    ) in text


def test_the_analysts_prose_of_a_year(project_copy: Path) -> None:
    """``narasi/2015/``: Bab I and Bab IV carry the analysts' text after lkj's; a file not
    written is marked, as in a quarter's report."""
    from lkj.report import annual
    from lkj.report.blocks import Missing, Prose
    from lkj.report.context import load_report

    folder = project_copy / "data/cianjur-dkp/2015/narasi/2015"
    folder.mkdir(parents=True)
    (folder / "pendahuluan.md").write_text(
        "Dinas Kebersihan dan Pertamanan dibentuk dengan Perda Nomor 5 Tahun 2008.\n", "utf-8"
    )
    ctx = load_report(UNIT, "2015", project_copy)
    first = annual.pendahuluan(ctx)
    assert isinstance(first[-1], Prose) and "Perda Nomor 5 Tahun 2008" in first[-1].markup
    last = annual.penutup(ctx)
    assert isinstance(last[-1], Missing) and last[-1].file.endswith("narasi/2015/penutup.md")


def test_the_preview_of_a_year_watches_the_annual_chapters() -> None:
    from lkj.build.preview import affected, places
    from lkj.rules.periods import Period

    where = places(Project.at(REPO), UNIT, Period.parse("2015"))
    assert where.notebooks == REPO / "notebooks/tahunan"
    assert where.narasi == REPO / "data/cianjur-dkp/2015/narasi/2015"
    edited = REPO / "notebooks/tahunan/06_bab4_penutup.ipynb"
    assert affected([edited], where, ["06_bab4_penutup", "07_lampiran"], {}) == {"06_bab4_penutup"}


def test_placeholders_and_the_prose_check_in_a_year(project_copy: Path) -> None:
    """The year's prose takes issue 14's placeholders (the year's figures) and its figures
    written as numbers are checked against lkj's."""
    from lkj.report import annual
    from lkj.report.blocks import Prose
    from lkj.report.context import load_report

    folder = project_copy / "data/cianjur-dkp/2015/narasi/2015"
    folder.mkdir(parents=True)
    (folder / "penutup.md").write_text(
        "Pada {{ periode }} capaian IKU 1 sebesar {{ iku[1].capaian_kumulatif }} dan rata-rata "
        "capaian {{ rata_rata }}.\n\nCapaian IKU 3 sebesar 62,11%.\n",
        "utf-8",
    )
    ctx = load_report(UNIT, "2015", project_copy)
    prose = annual.penutup(ctx)[-1]
    assert isinstance(prose, Prose)
    # 0,162 / 0,820 = 19,76%; (19,76 + 100 + 61,11) / 3 = 60,29%
    assert "Pada Tahun 2015 capaian IKU 1 sebesar 19,76% dan rata-rata capaian 60,29%." in (
        prose.markup
    )
    (finding,) = ctx.prose_check.findings  # 62,11 written, (18 - (25 - 18)) / 18 = 61,11
    assert finding.file.endswith("narasi/2015/penutup.md") and finding.line == 3
    assert "62,11" in finding.stated and "61,11" in finding.computed


def test_the_programs_behind_each_iku(annual_html: str) -> None:
    """Bab III A (7): the kegiatan whose ``iku`` names the IKU, against hand-worked sums of
    realisasi_kegiatan.csv (p.45-49), which equal the lines of pagu.csv funding it."""
    from tests.test_walkthrough import body_text

    text = body_text(annual_html)
    # RTH: 5 kegiatan, 5.148.648.050 / 5.294.409.800 = 97,25%
    assert (
        "Pada tahun 2015, capaian IKU 1 sebesar 19,76% didukung oleh 5 (lima) kegiatan dalam "
        "1 (satu) program, dengan realisasi anggaran Rp 5.148.648.050 atau 97,25% dari pagu "
        "Rp 5.294.409.800:"
    ) in text
    assert "Program dan Kegiatan Pendukung IKU 1 Tahun 2015" in text
    # sampah and TPST: 10 + 1 kegiatan, (3.539.698.500 + 1.439.351.000 + 199.800.000) /
    # (3.564.173.500 + 1.458.000.000 + 199.800.000) = 5.178.849.500 / 5.221.973.500 = 99,17%
    assert (
        "kegiatan dalam 2 (dua) program, dengan realisasi anggaran Rp 5.178.849.500 atau "
        "99,17% dari pagu Rp 5.221.973.500:" in text
    )
    # pemakaman: target 0 Ha, 401.191.250 / 407.641.250 = 98,42%
    assert (
        "Pada tahun 2015, IKU 4, yang capaiannya tidak terukur, didukung oleh 3 (tiga) kegiatan"
    ) in text


def test_a_kegiatan_for_an_unknown_iku(project_copy: Path) -> None:
    path = project_copy / "data/cianjur-dkp/2015/realisasi_kegiatan.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    lines[header + 1] += "7"  # the first kegiatan, its iku cell empty until now
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run(project_copy, "build", "2015", "--unit", UNIT)
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        f"lkj: error: data/cianjur-dkp/2015/realisasi_kegiatan.csv, row {header + 2}, column "
        "'iku': IKU 7 is not in the performance agreement; found '7'; expected IKU numbers "
        "listed in indikator.csv"
    )
    assert nothing_written(project_copy)
