"""``lkj audit``: synthetic published files with planted errors of each kind, clean files, the
command line, and the reference's own inconsistencies.

The computed figures of the shipped data are the ones worked out by hand in test_summary.py:
quarterly capaian 19,04 / 80,77 / 100 / 0 / 0 / 18,75 / 26,59 / 25 / 27,20 / 126,84 / 100 /
122 / 100 and cumulative 55,23 / 78,26 / 100 / 0 / 0 / 18,75 / 52,10 / 50 / 30,95 / 131,88 /
100 / 122 / 100 for IKU 1 … 13; the mean 64,55; counts 2 above, 3 at, 8 below 100%.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from lkj.audit import Audit, Finding, run
from lkj.cli import main
from lkj.inputs.project import Project
from tests.conftest import REPO

HEAD = "laporan: laporan uji\nperiode: 2025-Q2\ntempat:\n"


def write(tmp_path: Path, places: str, head: str = HEAD) -> Path:
    path = tmp_path / "published.yaml"
    path.write_text(
        head + textwrap.indent(textwrap.dedent(places).strip("\n"), "  ") + "\n", encoding="utf-8"
    )
    return path


def audit(tmp_path: Path, places: str) -> Audit:
    return run("2025-Q2", published=write(tmp_path, places), project=Project.at(REPO))


def only(result: Audit) -> Finding:
    assert len(result.findings) == 1, [f.to_json() for f in result.findings]
    return result.findings[0]


CLEAN = """
- nama: Tabel A
  iku:
    - iku: 1
      target: 70%
      realisasi: 13,33%
      capaian: 19,04
      capaian_kumulatif: 55,23
    - iku: 2
      realisasi: 80,77%
      pembilang: 21
      penyebut: 26
      capaian_kumulatif: 78,26
    - iku: 9
      target: 2.000 Orang
      target_tw2: 500 Orang
      realisasi_tw1: 75 Orang
      capaian: 27,2
      capaian_kumulatif: 31
    - iku: 13
      target: Baik
      realisasi: Baik
    - iku: 11
      pagu: 3.812.868.000
      realisasi_anggaran: 2.579.171.531
      persen_anggaran: 67,64
- nama: Ringkasan
  angka:
    capaian_rata_rata: 64,55%
    jumlah_di_atas_100: 2
    jumlah_100: 3
    jumlah_tercapai: 5
    pagu: Rp 9.721.224.000
    realisasi_anggaran: Rp. 3.515.820.174,-
    persen_anggaran: 36,17%
    pengaduan.jumlah: 80
    mou.baris: 21
    mou.berlaku: 17
    mou.habis: 4
  jumlah:
    - nama: pengaduan menurut cara masuk
      total: 80 kasus
      bagian:
        - 59 kasus
        - 21 kasus
- nama: Tabel 2.8
  mou:
    - pemerintah: Kabupaten Karawang
      tmt: 13-04-2023
      jangka_waktu_tahun: 5 Tahun
      berakhir: 13-04-2028
      status: Berlaku
    - pemerintah: Kabupaten Garut
      tmt: 21-11-2023
      jangka_waktu_tahun: 1 Tahun
      berakhir: 21-11-2024
      status: Habis
- nama: Tabel 2.4
  pengaduan:
    - status: Dalam Proses
      jumlah: 34
    - status: Pelimpahan Internal
      jumlah: 18
    - status: Pelimpahan Eksternal, Selesai
      jumlah: 17
    - status: Selesai
      jumlah: 11
- nama: Tabel 1.1
  kegiatan:
    - no: 1
      pagu: Rp. 6.318.828.000,-
  tidak_diperiksa:
    - 62,61% (tahun lalu)
"""


def test_clean_file_gives_no_findings(tmp_path: Path) -> None:
    result = audit(tmp_path, CLEAN)
    assert result.findings == ()
    # figures: Tabel A 4 + 4 + 5 + 2 + 3 = 18; Ringkasan 11 + 1 sum; Tabel 2.8 8;
    # Tabel 2.4 4 + 1 sum of the statuses (all four, against jumlah_pengaduan 80); Tabel 1.1 1
    assert result.checked == 18 + 12 + 8 + 5 + 1
    assert result.unchecked == 1


def test_within_printed_precision_is_no_finding(tmp_path: Path) -> None:
    # 27,20 printed as 27,2; 52,1027 as 52,1 and 52; 30,95 as 31; 100 as 100,00 or 100
    result = audit(
        tmp_path,
        """
        - nama: T
          iku:
            - iku: 9
              capaian: 27,2
              capaian_kumulatif: 31
            - iku: 7
              capaian_kumulatif: 52,1
            - iku: 3
              capaian_kumulatif: 100,00
            - iku: 11
              capaian: 100
        - nama: U
          iku:
            - iku: 7
              capaian_kumulatif: 52
    """,
    )
    assert result.findings == ()
    # 30,95 printed as 30 is wrong at any precision
    assert (
        only(
            audit(
                tmp_path,
                """
        - nama: T
          iku:
            - iku: 9
              capaian_kumulatif: 30
    """,
            )
        ).computed
        == "30,95"
    )


def test_quarterly_target_instead_of_annual(tmp_path: Path) -> None:
    f = only(
        audit(
            tmp_path,
            """
        - nama: Tabel ringkasan
          iku:
            - iku: 10
              target: 1.250 Orang
    """,
        )
    )
    assert (f.where, f.iku, f.stated, f.computed) == (
        "Tabel ringkasan, target",
        10,
        "1.250 Orang",
        "5.000 Orang",
    )
    assert f.note == "target triwulan (TW II: 1.250 Orang) tercetak sebagai target tahunan"


def test_values_shifted_by_one_row(tmp_path: Path) -> None:
    # the capaian column slipped down from IKU 9: IKU 9 shows IKU 8's 25, IKU 10 shows 27,20
    result = audit(
        tmp_path,
        """
        - nama: T
          iku:
            - iku: 8
              capaian: 25
            - iku: 9
              capaian: 25
            - iku: 10
              capaian: 27,2
    """,
    )
    assert [(f.iku, f.stated, f.computed) for f in result.findings] == [
        (9, "25", "27,20"),
        (10, "27,2", "126,84"),
    ]
    assert result.findings[0].note == (
        "sama dengan angka baris di atas (IKU 8: 25,00): nilai bergeser satu baris"
    )
    assert result.findings[1].note == (
        "sama dengan angka baris di atas (IKU 9: 27,20): nilai bergeser satu baris"
    )


def test_truncated_instead_of_rounded(tmp_path: Path) -> None:
    # 21 / 26 = 80,769230… rounds to 80,77
    f = only(
        audit(
            tmp_path,
            """
        - nama: T
          iku:
            - iku: 2
              realisasi: 80,76%
    """,
        )
    )
    assert (f.stated, f.computed) == ("80,76%", "80,77%")
    assert f.note == "terpotong, bukan dibulatkan: 80,7692… dibulatkan menjadi 80,77"


# Budget lines as in pagu.csv; line 11 funds IKU 11, 12 and 13. They add up to 9.524.864.000.
BUDGET_ROWS = """
- nama: Tabel anggaran
  iku:
    - iku: 1
      pagu: 115.260.000
    - iku: 2
      pagu: 0
    - iku: 3
      pagu: 2.650.000.000
    - iku: 4
      pagu: 94.760.000
    - iku: 5
      pagu: 197.760.000
    - iku: 6
      pagu: 472.425.000
    - iku: 7
      pagu: 2.145.836.000
    - iku: 8
      pagu: 35.955.000
    - iku: 9
      pagu: 0
    - iku: 10
      pagu: 0
    - iku: 11
      pagu: 3.812.868.000
"""


def test_rows_that_do_not_add_up_to_the_stated_total(tmp_path: Path) -> None:
    result = audit(
        tmp_path,
        BUDGET_ROWS
        + """
- nama: Pengantar
  angka:
    pagu: Rp 9.721.224.000
""",
    )
    f = only(result)
    # 9.721.224.000 - 9.524.864.000 = 196.360.000
    assert (f.where, f.iku, f.stated, f.computed) == (
        "Tabel anggaran, jumlah baris (pagu anggaran)",
        None,
        "Rp 9.721.224.000",
        "Rp 9.524.864.000",
    )
    assert f.note == (
        "baris-baris Tabel anggaran berjumlah Rp 9.524.864.000, bukan total "
        "Rp 9.721.224.000 yang tercetak pada Pengantar (selisih Rp 196.360.000)"
    )


def test_rows_that_do_not_add_up_to_the_computed_total(tmp_path: Path) -> None:
    f = only(audit(tmp_path, BUDGET_ROWS))
    assert (f.stated, f.computed) == ("9.524.864.000", "9.721.224.000")
    assert f.note == "baris-baris Tabel anggaran tidak berjumlah total yang dihitung dari data"


def test_a_stated_sum_whose_parts_do_not_add_up(tmp_path: Path) -> None:
    f = only(
        audit(
            tmp_path,
            """
        - nama: Prosa IKU 1
          jumlah:
            - nama: pengaduan menurut cara masuk
              total: 80 kasus
              bagian:
                - 59 kasus
                - 20 kasus
    """,
        )
    )
    assert (f.where, f.iku, f.stated, f.computed) == (
        "Prosa IKU 1, pengaduan menurut cara masuk",
        None,
        "80 kasus",
        "79",
    )
    assert f.note == "bagian-bagiannya (59 kasus + 20 kasus) berjumlah 79, bukan 80 kasus"


def test_count_in_prose_contradicts_the_counts(tmp_path: Path) -> None:
    f = only(
        audit(
            tmp_path,
            """
        - nama: Ringkasan
          angka:
            jumlah_di_atas_100: 2
            jumlah_100: 3
        - nama: Bab III
          angka:
            jumlah_tercapai: 4
    """,
        )
    )
    assert (f.where, f.iku, f.stated, f.computed) == (
        "Bab III, jumlah target dengan capaian 100% ke atas",
        None,
        "4",
        "5",
    )
    assert f.note == (
        "bertentangan dengan jumlah yang tercetak pada laporan yang sama "
        "(Ringkasan): 2 di atas 100% dan 3 tepat 100%, jadi 5"
    )


def test_figure_in_prose_contradicts_the_table(tmp_path: Path) -> None:
    f = only(
        audit(
            tmp_path,
            """
        - nama: Tabel 2.1
          iku:
            - iku: 9
              realisasi_tw1: 75 Orang
        - nama: Prosa IKU 9
          iku:
            - iku: 9
              realisasi_tw1: 72 orang
    """,
        )
    )
    assert (f.where, f.iku, f.stated, f.computed) == (
        "Prosa IKU 9, realisasi TW I",
        9,
        "72 orang",
        "75 Orang",
    )
    assert f.note == "bertentangan dengan Tabel 2.1 (75 Orang) pada laporan yang sama"


def test_cumulative_figure_under_another_rule(tmp_path: Path) -> None:
    # IKU 8 sums its quarters: 25 + 25 = 50; the last value gives 25
    f = only(
        audit(
            tmp_path,
            """
        - nama: T
          iku:
            - iku: 8
              capaian_kumulatif: 25
    """,
        )
    )
    assert (f.stated, f.computed) == ("25", "50,00")
    assert f.note == (
        "mengikuti aturan kumulasi nilai posisi (nilai triwulan terakhir) ('terakhir'), padahal "
        "indikator ini dikumulasikan menurut jumlah triwulan ('jumlah')"
    )


def test_cumulative_figure_under_no_rule(tmp_path: Path) -> None:
    # IKU 9: sum 619 / 2000 = 30,95; last 544 / 2000 = 27,20; mean 309,5 / 2000 = 15,475
    f = only(
        audit(
            tmp_path,
            """
        - nama: T
          iku:
            - iku: 9
              capaian_kumulatif: 39,40
    """,
        )
    )
    assert f.note == (
        "tidak mengikuti aturan kumulasi mana pun: jumlah triwulan (aturan "
        "indikator ini) 30,95; nilai posisi (nilai triwulan terakhir) 27,20; rata-rata "
        "triwulan 15,48; rasio gabungan seluruh triwulan tidak dapat dihitung"
    )


def test_figure_of_another_quarter(tmp_path: Path) -> None:
    # IKU 9 in Triwulan I: 75 / 2000 = 3,75
    f = only(
        audit(
            tmp_path,
            """
        - nama: T
          iku:
            - iku: 9
              capaian: 3,75
    """,
        )
    )
    assert f.note == "sama dengan capaian TW I (3,75)"


def test_percentage_that_does_not_follow_from_its_row(tmp_path: Path) -> None:
    # 200.381.500 / 2.650.000.000 = 7,5615…%
    f = only(
        audit(
            tmp_path,
            """
        - nama: T
          iku:
            - iku: 3
              pagu: 2.650.000.000
              realisasi_anggaran: 200.381.500
              persen_anggaran: 8,91
    """,
        )
    )
    assert (f.stated, f.computed) == ("8,91", "7,56")
    assert f.note == (
        "tidak sesuai dengan pagu dan realisasi pada baris yang sama "
        "(200.381.500 / 2.650.000.000 = 7,56%)"
    )


def test_shared_budget_line_printed_on_another_row(tmp_path: Path) -> None:
    f = only(
        audit(
            tmp_path,
            """
        - nama: T
          iku:
            - iku: 11
              realisasi_anggaran: 0
            - iku: 13
              realisasi_anggaran: 2.579.171.531
    """,
        )
    )
    assert (f.iku, f.stated, f.computed) == (11, "0", "2.579.171.531")
    assert f.note == (
        "satu baris anggaran mendanai IKU 11, 12 dan 13; angkanya "
        "(2.579.171.531) tercetak pada baris IKU 13"
    )


def test_mean_of_printed_figures(tmp_path: Path) -> None:
    # the cumulative column as computed, but IKU 8 printed as 25 instead of 50:
    # (839,17 - 25) / 13 = 814,17 / 13 = 62,6284…
    values = [
        "55,23",
        "78,26",
        "100",
        "0",
        "0",
        "18,75",
        "52,10",
        "25",
        "30,95",
        "131,88",
        "100",
        "122",
        "100",
    ]
    rows = "".join(
        f"    - iku: {i}\n      capaian_kumulatif: {v}\n" for i, v in enumerate(values, start=1)
    )
    result = audit(
        tmp_path,
        "- nama: T\n  iku:\n"
        + textwrap.indent(rows, "  ")
        + """
- nama: Bab II
  angka:
    capaian_rata_rata: 62,63%
""",
    )
    assert [(f.where, f.stated, f.computed) for f in result.findings] == [
        ("T, capaian s.d. TW II", "25", "50,00"),
        ("Bab II, capaian rata-rata s.d. TW II", "62,63%", "64,55%"),
    ]
    assert result.findings[1].note == (
        "sama dengan rata-rata capaian s.d. TW II sebagaimana tercetak pada T (62,6285…), yang "
        "memuat selisih tersendiri"
    )


def test_mou_end_date(tmp_path: Path) -> None:
    f = only(
        audit(
            tmp_path,
            """
        - nama: Tabel 2.8
          mou:
            - pemerintah: Kabupaten Karawang
              berakhir: 13-04-2027
    """,
        )
    )
    assert (f.where, f.iku, f.stated, f.computed) == (
        "Tabel 2.8, mou Kabupaten Karawang, TMT Berakhir",
        None,
        "13-04-2027",
        "13-04-2028",
    )
    assert f.note == "TMT 13-04-2023 + 5 tahun = 13-04-2028; tanggal tercetak = TMT + 4 tahun"


def test_unrecognised_cause_and_rows_not_in_the_data(tmp_path: Path) -> None:
    result = audit(
        tmp_path,
        """
        - nama: T
          iku:
            - iku: 7
              realisasi: 7.411 Orang
          mou:
            - pemerintah: Kota Depok
              status: Berlaku
    """,
    )
    assert [(f.stated, f.computed, f.note) for f in result.findings] == [
        ("7.411 Orang", "7.410 Orang", "penyebab tidak dikenali"),
        ("Berlaku", "-", "tidak ada pada data: 'Kota Depok' pada tabel mou (Triwulan II)"),
    ]


# --- the reference --------------------------------------------------------------------------

TRUNC = "terpotong, bukan dibulatkan: 80,7692… dibulatkan menjadi 80,77"
SUMMARY = "Ringkasan Eksekutif (tabel ringkasan)"

# (where, iku, stated, computed, a phrase of the note), worked out from the reference by hand.
REFERENCE = [
    (f"{SUMMARY}, realisasi TW II", 2, "80,76%", "80,77%", TRUNC),
    (f"{SUMMARY}, capaian TW II", 2, "80,76", "80,77", TRUNC),
    (f"{SUMMARY}, target", 9, "500 Orang", "2.000 Orang", "target triwulan (TW II: 500 Orang)"),
    (f"{SUMMARY}, capaian TW II", 9, "3,75", "27,20", "sama dengan capaian TW I (3,75)"),
    (
        f"{SUMMARY}, target",
        10,
        "1.250 Orang",
        "5.000 Orang",
        "target triwulan (TW II: 1.250 Orang)",
    ),
    (
        f"{SUMMARY}, capaian TW II",
        10,
        "27,2",
        "126,84",
        "sama dengan angka baris di atas (IKU 9: 27,20): nilai bergeser satu baris",
    ),
    # 6.318.828.000 + 5.321.483.000 = 11.640.311.000
    (
        "Tabel 1.1, jumlah baris (pagu anggaran)",
        None,
        "Rp. 9.721.224.000,-",
        "Rp 11.640.311.000",
        "yang tercetak pada Ringkasan Eksekutif dan Pengantar Bab II C (selisih Rp 1.919.087.000)",
    ),
    ("Tabel 2.1, realisasi TW II", 2, "80,76%", "80,77%", TRUNC),
    # the mean of Tabel 2.2's printed column: 822,52 / 13 = 63,2707…
    (
        "Pengantar Bab II B, capaian rata-rata s.d. TW II",
        None,
        "63,27%",
        "64,55%",
        "sebagaimana tercetak pada Tabel 2.2 (63,2708…)",
    ),
    ("Tabel 2.2, realisasi TW II", 2, "80,76%", "80,77%", TRUNC),
    ("Tabel 2.2, capaian s.d. TW II", 2, "78,16", "78,26", "tidak mengikuti aturan kumulasi"),
    ("Tabel 2.2, capaian s.d. TW II", 8, "25", "50,00", "(nilai triwulan terakhir) ('terakhir')"),
    ("Tabel 2.2, capaian s.d. TW II", 9, "39,40", "30,95", "tidak mengikuti aturan kumulasi"),
    ("Tabel 2.5, realisasi TW II", 2, "80,76%", "80,77%", TRUNC),
    ("Tabel 2.5, capaian TW II", 2, "80,76%", "80,77%", TRUNC),
    ("Tabel 2.6, capaian TW II", 2, "80,76%", "80,77%", TRUNC),
    ("Evaluasi Kinerja IKU 2 (Bab II B), capaian TW II", 2, "80,76%", "80,77%", TRUNC),
    (
        "Tabel 2.8, mou Kabupaten Karawang, TMT Berakhir",
        None,
        "13-04-2027",
        "13-04-2028",
        "TMT 13-04-2023 + 5 tahun = 13-04-2028; tanggal tercetak = TMT + 4 tahun",
    ),
    (
        "Evaluasi Kinerja IKU 9 (Bab II B), realisasi TW I",
        9,
        "72 orang",
        "75 Orang",
        "bertentangan dengan Tabel 2.1 (75 Orang), Tabel 2.2 (75 Orang)",
    ),
    ("Tabel 2.19, realisasi TW II", 2, "80,76%", "80,77%", TRUNC),
    ("Tabel 2.19, capaian TW II", 2, "80,76", "80,77", TRUNC),
    ("Tabel 2.19, capaian s.d. TW II", 2, "78,16", "78,26", "tidak mengikuti aturan kumulasi"),
    (
        "Tabel 2.19, penyerapan anggaran (%)",
        3,
        "8,91",
        "7,56",
        "(200.381.500 / 2.650.000.000 = 7,56%)",
    ),
    ("Tabel 2.19, capaian s.d. TW II", 8, "25", "50,00", "(nilai triwulan terakhir) ('terakhir')"),
    ("Tabel 2.19, capaian TW II", 9, "3,75", "27,20", "sama dengan capaian TW I (3,75)"),
    ("Tabel 2.19, capaian s.d. TW II", 9, "39,40", "30,95", "tidak mengikuti aturan kumulasi"),
    ("Tabel 2.19, capaian TW II", 10, "27,2", "126,84", "nilai bergeser satu baris"),
    ("Tabel 2.19, realisasi anggaran", 11, "0", "2.579.171.531", "tercetak pada baris IKU 13"),
    ("Tabel 2.19, penyerapan anggaran (%)", 11, "0", "67,64", "tercetak pada baris IKU 13"),
    ("Tabel 2.19, realisasi anggaran", 12, "0", "2.579.171.531", "tercetak pada baris IKU 13"),
    ("Tabel 2.19, penyerapan anggaran (%)", 12, "0", "67,64", "tercetak pada baris IKU 13"),
    # lines: 9.524.864.000 and 3.382.269.298 (NOTES.md)
    (
        "Tabel 2.19, jumlah baris (pagu anggaran)",
        None,
        "Rp. 9.721.224.000,-",
        "Rp 9.524.864.000",
        "(selisih Rp 196.360.000)",
    ),
    (
        "Tabel 2.19, jumlah baris (realisasi anggaran)",
        None,
        "Rp. 3.515.820.174,-",
        "Rp 3.382.269.298",
        "(selisih Rp 133.550.876)",
    ),
    (
        "Permasalahan (Bab III A), jumlah target dengan capaian 100% ke atas",
        None,
        "4",
        "5",
        "2 di atas 100% dan 3 tepat 100%, jadi 5",
    ),
]


@pytest.fixture(scope="module")
def reference() -> dict:
    result = run("2025-Q2", project=Project.at(REPO))
    return result.to_json()


def test_reference_findings(reference: dict) -> None:
    got = [(f["where"], f["iku"], f["stated"], f["computed"]) for f in reference["findings"]]
    assert got == [row[:4] for row in REFERENCE]
    for finding, row in zip(reference["findings"], REFERENCE, strict=True):
        assert row[4] in finding["note"], (finding, row[4])


def test_reference_json_shape(reference: dict) -> None:
    assert set(reference) == {"unit", "period", "checked", "findings", "prose"}
    assert set(reference["prose"]) == {"folder", "checked", "findings"}  # test_prose_figures.py
    assert (reference["unit"], reference["period"]) == ("bp3mi-jabar", "2025-Q2")
    assert reference["checked"] > len(reference["findings"])
    for f in reference["findings"]:
        assert set(f) == {"where", "iku", "stated", "computed", "note"}


def test_reference_notes_always_name_a_cause(reference: dict) -> None:
    assert all(f["note"] != "penyebab tidak dikenali" for f in reference["findings"])


# --- the command line -----------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "--root", str(REPO), "audit", "2025-Q2")
    assert code == 0 and err == ""
    assert f"{len(REFERENCE)} selisih" in out
    assert "tercetak: 500 Orang   dihitung: 2.000 Orang" in out
    code, out, _ = cli(capsys, "--root", str(REPO), "audit", "2025-TW2", "--format", "json")
    assert code == 0 and len(json.loads(out)["findings"]) == len(REFERENCE)


def test_cli_exits_0_without_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, CLEAN)
    code, out, _ = cli(
        capsys,
        "--root",
        str(REPO),
        "audit",
        "2025-Q2",
        "--published",
        str(path),
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)["findings"] == []
    code, out, _ = cli(capsys, "--root", str(REPO), "audit", "2025-Q2", "--published", str(path))
    assert code == 0 and "Tidak ada selisih." in out


def error_line(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = cli(capsys, *args)
    assert code == 2, (out, err)
    assert out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_missing_default_transcription(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # neither a transcription nor prose: nothing to audit (with prose, see test_prose_figures.py)
    shutil.rmtree(project_copy / "data/bp3mi-jabar/2025/published")
    shutil.rmtree(project_copy / "data/bp3mi-jabar/2025/narasi/2025-Q2")
    msg = error_line(capsys, "--root", str(project_copy), "audit", "2025-Q2")
    assert "data/bp3mi-jabar/2025/published/2025-Q2.yaml" in msg
    assert "no transcription of the published report" in msg and "--published" in msg
    # The format is cited where every tree's user can find it: lkj's docs, not a unit's folder.
    assert "(format: lkj's docs/published.md)" in msg
    assert (REPO / "docs/published.md").is_file()


def test_missing_given_transcription(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    msg = error_line(
        capsys, "--root", str(REPO), "audit", "2025-Q2", "--published", str(tmp_path / "nope.yaml")
    )
    assert "nope.yaml" in msg


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        (
            "- nama: T\n  iku:\n    - iku: 9\n      capaian_kumultif: 30,95\n",
            [
                "line 7",
                "key 'tempat[1].iku[1].capaian_kumultif'",
                "did you mean 'capaian_kumulatif'?",
            ],
        ),
        (
            "- nama: T\n  iku:\n    - iku: 12\n      realisasi: 61.84\n",
            ["line 7", "value is not understood", "'61.84'"],
        ),
        (
            "- nama: T\n  iku:\n    - iku: 14\n      target: 5\n",
            ["line 6", "IKU 14 is not in the performance agreement"],
        ),
        ("- nama: T\n  iku:\n    - target: 5\n", ["line 6", "row has no 'iku'"]),
        (
            "- nama: T\n  mou:\n    - pemerintah: Kota Banjar\n      berakhir: 31-02-2024\n",
            ["line 7", "DD-MM-YYYY"],
        ),
        (
            "- nama: T\n  angka:\n    jumlah_iku: 13\n- nama: T\n  angka:\n    jumlah_iku: 13\n",
            ["line 7", "place 'T' is given twice (first on line 4)"],
        ),
        ("- nama: T\n  iku: [\n", ["YAML syntax error"]),
    ],
)
def test_bad_transcription(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], places: str, expected: list[str]
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + textwrap.indent(places, "  "), encoding="utf-8")
    msg = error_line(capsys, "--root", str(REPO), "audit", "2025-Q2", "--published", str(path))
    assert str(path) in msg
    for part in expected:
        assert part in msg, msg


def test_transcription_of_another_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, CLEAN)
    msg = error_line(capsys, "--root", str(REPO), "audit", "2025-Q1", "--published", str(path))
    assert "the transcription is of 2025-Q2, not of 2025-Q1" in msg and "periode" in msg


def test_bad_period(capsys: pytest.CaptureFixture[str]) -> None:
    msg = error_line(capsys, "--root", str(REPO), "audit", "2025-Q5")
    assert "quarter 5 does not exist" in msg


def test_audit_stays_light() -> None:
    """Like ``summary``, the audit imports none of the report's heavy libraries."""
    import subprocess
    import sys

    probe = (
        "import sys, io, contextlib\n"
        "from lkj.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['--root', {str(REPO)!r}, 'audit', '2025-Q2'])\n"
        "heavy = ('altair', 'nbconvert', 'papermill', 'weasyprint', 'vl_convert', 'pandas')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_quarter_fields_are_shown_in_their_own_style(tmp_path: Path) -> None:
    # IKU 9, Triwulan I: capaian 75 / 2000 = 3,75; realisation 75 Orang; IKU 2: 21 of 26
    result = audit(
        tmp_path,
        """
        - nama: T
          iku:
            - iku: 9
              capaian_tw1: 3,57
              realisasi_tw1: 57 Orang
            - iku: 2
              pembilang_tw2: 20
    """,
    )
    assert [(f.where, f.stated, f.computed) for f in result.findings] == [
        ("T, capaian TW I", "3,57", "3,75"),
        ("T, realisasi TW I", "57 Orang", "75 Orang"),
        ("T, pembilang (Terinput) TW II", "20", "21"),
    ]
