"""Blocks built from the shipped data (no notebook, no kernel): tables, sentences, charts."""

from __future__ import annotations

import json
import re

import pytest
from markupsafe import Markup

from lkj.report import budget_table, charts, indicator_tables, sentences, support_tables
from lkj.report.blocks import Chart
from lkj.report.context import ReportContext, load_report
from tests.conftest import REPO


@pytest.fixture(scope="module")
def q2() -> ReportContext:
    return load_report("bp3mi-jabar", "2025-Q2", REPO)


@pytest.fixture(scope="module")
def q1() -> ReportContext:
    return load_report("bp3mi-jabar", "2025-Q1", REPO)


def test_quarters_after_the_period_show_no_realisation(q1: ReportContext) -> None:
    table = indicator_tables.capaian_triwulan(q1).table
    iku7 = re.search(r"<tr[^>]*>.*?Jumlah PMI yang ditempatkan.*?</tr>", table).group(0)
    cells = re.findall(r'<td class="lkj-num">([^<]*)</td>', iku7)
    # TW I target, realisation; TW II target, realisation (not yet reported in Triwulan I); ...
    assert cells == [
        "6.967 Orang",
        "7.110 Orang",
        "6.967 Orang",
        "-",
        "6.967 Orang",
        "-",
        "6.967 Orang",
        "-",
    ]


def test_budget_line_spans_the_rows_it_funds(q2: ReportContext) -> None:
    table = budget_table.anggaran_kinerja(q2).table
    assert table.count('rowspan="3">3.812.868.000<') == 1
    assert table.count("<tr") == 2 + 13  # two header rows, one row per IKU
    assert table.startswith('<table class="lkj-wide">')  # 10 columns: smaller type in print
    assert '<td class="lkj-num">0</td><td class="lkj-num">0</td><td class="lkj-num">-</td>' in (
        table
    )  # a line with no ceiling has no absorption


def test_mou_status_at_period_end(q2: ReportContext, q1: ReportContext) -> None:
    # the MoU register is BP3MI Jawa Barat's data: mou.csv with masa_berlaku in its params
    block = support_tables.supporting(q2, q2.tables_of(3, "setelah_evaluasi")[0])
    assert "Status per 30 Juni 2025 (akhir Triwulan II): 17 berlaku, 4 habis" in block.html()
    assert "13 April 2028" in block.table  # Karawang: TMT 13 April 2023 + 5 tahun
    q1_block = support_tables.supporting(q1, q1.tables_of(3, "setelah_evaluasi")[0])
    assert "Status per 31 Maret 2025" in q1_block.html()


def test_complaints_of_the_quarter_only(q2: ReportContext, q1: ReportContext) -> None:
    block = support_tables.supporting(q2, q2.tables_of(1, "sebelum_evaluasi")[0])
    # 34 + 18 + 17 + 11 = 80, the Triwulan II rows of pengaduan_status.csv
    assert "Jumlah</th>" in block.table and "<strong>80</strong>" in block.table
    assert block.title == "Rekap Jumlah Pengaduan berdasarkan Status Penanganan"
    empty = support_tables.supporting(q1, q1.tables_of(1, "sebelum_evaluasi")[0])
    assert "Data status pengaduan Triwulan I belum tersedia." in empty.table


def test_counts_table_uses_the_indicator_labels(q2: ReportContext) -> None:
    table = support_tables.supporting(q2, q2.tables_of(2, "sebelum_evaluasi")[0]).table
    assert re.search(r"Langsung/Helpdesk</td><td class=\"lkj-num\">26<", table)
    assert re.search(r"Terinput</td><td class=\"lkj-num\">21<", table)
    assert "<strong>80,77%</strong>" in table


def test_sentences(q2: ReportContext, q1: ReportContext) -> None:
    assert "sebesar 64,55% yang dihitung dari rata-rata capaian 13 (tiga belas) IKU" in (
        sentences.capaian_rata_rata(q2).html()
    )
    assert "realisasi anggaran s.d. Triwulan I belum tersedia dalam data" in (
        sentences.ringkasan_anggaran(q1)[0].html()
    )
    assert 'class="lkj-generated"' in sentences.permasalahan_capaian(q2).html()


def test_charts_are_deterministic_and_indonesian(q2: ReportContext) -> None:
    (first,) = charts.realisasi_triwulan(q2)  # BP3MI counts only persons
    (again,) = charts.realisasi_triwulan(q2)
    assert first.record() == again.record() and first.html() == again.html()
    spec = first.spec
    assert "$schema" not in spec
    text = json.dumps(spec)
    assert "param_" not in text and "view_" not in text
    assert ">6.000<" in first.svg or ">8.000<" in first.svg
    assert 'id="' not in first.svg or 'id="grafik-realisasi-triwulan-' in first.svg
    values = {(v["iku"], v["triwulan"], v["jenis"]) for v in spec["data"]["values"]}
    assert ("IKU 7", "TW II", "Realisasi") in values
    assert ("IKU 7", "TW III", "Realisasi") not in values  # not reported yet


def test_chart_spec_is_safe_inside_a_script() -> None:
    chart = Chart("grafik-x", "x", {"a": "</script><b>&"}, Markup("<svg></svg>"))
    assert chart.spec_json == ('{"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}')


def test_capaian_chart_draws_every_measured_iku(q2: ReportContext) -> None:
    (block,) = charts.capaian_per_iku(q2)
    assert len(block.spec["layer"][0]["data"]["values"]) == 13
    assert isinstance(block, Chart) and block.id == "grafik-capaian-iku"
