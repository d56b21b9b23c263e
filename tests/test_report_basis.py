"""The report says which basis a table uses, and where the analysts' prose contradicts it.

Hand-worked: IKU 7 in Triwulan II 2025, 7.410 of 27.868 = 26,59% this quarter, 7.110 + 7.410 =
14.520 = 52,10% to date; IKU 9 544 / 2.000 = 27,20% and 619 = 30,95%; IKU 2 80,77% this quarter,
(75,75 + 80,769…) / 2 = 78,26% to date.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lkj.report import generated, indicator_tables
from lkj.report.context import load_report
from tests.conftest import REPO


@pytest.fixture(scope="module")
def q2():  # type: ignore[no-untyped-def]
    return load_report("bp3mi-jabar", "2025-Q2", REPO)


def rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        for tr in body.split("</tr>")
        if "<td" in tr
    ]


def test_summary_table_shows_the_quarter_and_the_year_to_date(q2) -> None:  # type: ignore[no-untyped-def]
    block = indicator_tables.ringkasan(q2)
    table = str(block.table)
    assert "Triwulan II (triwulan ini)" in table and "s.d. Triwulan II (kumulatif)" in table
    by_name = {r[-6] if len(r) >= 7 else r[0]: r[-5:] for r in rows(table)}
    assert by_name["Data Supply"] == ["2.000 Orang", "544 Orang", "27,20", "619 Orang", "30,95"]
    iku7 = next(v for k, v in by_name.items() if k.startswith("Jumlah PMI yang ditempatkan"))
    assert iku7 == ["27.868 Orang", "7.410 Orang", "26,59", "14.520 Orang", "52,10"]
    iku2 = next(v for k, v in by_name.items() if k.startswith("Pengaduan yang diproses"))
    assert iku2 == ["100%", "80,77%", "80,77", "78,26%", "78,26"]


def test_summary_table_says_its_basis_and_where_departures_are(q2) -> None:  # type: ignore[no-untyped-def]
    first, second = indicator_tables.ringkasan(q2).notes
    assert first.startswith("Catatan: kolom Triwulan II (triwulan ini) memuat realisasi")
    assert "dasar jumlah target di atas, tepat dan di bawah 100%" in first
    assert "Lampiran: Rekonsiliasi Angka" in second


def test_first_quarter_shows_one_basis(project_copy: Path) -> None:
    q1 = load_report("bp3mi-jabar", "2025-Q1", project_copy)
    block = indicator_tables.ringkasan(q1)
    assert "kumulatif)" not in str(block.table)
    assert all(len(r) in (4, 5) for r in rows(str(block.table)))
    (note,) = block.notes  # no transcription of a published Triwulan I: no appendix
    assert "sama dengan angka kumulatif" in note


def test_box_says_the_prose_score_contradicts_the_predicate(q2) -> None:  # type: ignore[no-untyped-def]
    html = generated.iku(q2, 13).html()
    assert (
        "Narasi analis di atas menyebut angka 49,44 untuk Triwulan II, padahal indikator ini "
        "diukur dengan predikat: data mencatat predikat Baik terhadap target Baik, sehingga "
        "target Triwulan II tercapai (capaian 100,00%)."
    ) in html
    # the other boxes have nothing to say about their prose
    assert all("Narasi analis" not in generated.iku(q2, n).html() for n in range(1, 13))


def test_box_names_a_stale_figure(project_copy: Path) -> None:
    path = project_copy / "data/bp3mi-jabar/2025/narasi/2025-Q2/iku-09.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{{ iku[9].realisasi_tw[1] }}", "72 orang"), encoding="utf-8")
    html = generated.iku(load_report("bp3mi-jabar", "2025-Q2", project_copy), 9).html()
    assert (
        "Narasi analis di atas menyebut realisasi TW I sebesar 72 orang, sedangkan angka yang "
        "dihitung dari data adalah 75 orang."
    ) in html
