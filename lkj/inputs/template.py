"""The template workbook (``lkj template``): every table's sheet with its columns, one example
row each, drop-down lists for the fixed vocabularies, and instructions in Indonesian.

The example rows make a small valid year: the template, saved as ``data/<unit>/<year>.xlsx``
beside a ``unit.yaml``, is read by lkj without error; analysts replace the examples.
"""

from __future__ import annotations

from typing import Any

from lkj.inputs.layout import (
    ANGGARAN,
    INDIKATOR,
    KEGIATAN,
    PAGU,
    REALISASI,
    REALISASI_ANGGARAN,
    REALISASI_KEGIATAN,
    SASARAN,
    TABLES,
    TableSpec,
)
from lkj.inputs.ooxml import workbook_bytes
from lkj.inputs.sheets import VOCABULARIES, add_table

#: One example row per table, by column: together a valid year.
EXAMPLES: dict[str, dict[str, str]] = {
    SASARAN.name: {"sasaran": "1", "nama": "Meningkatnya kualitas layanan pengaduan masyarakat"},
    INDIKATOR.name: {
        "iku": "1",
        "sasaran": "1",
        "indikator": "Persentase pengaduan yang diselesaikan",
        "jenis": "persen",
        "satuan": "",
        "polaritas": "naik",
        "kumulasi": "rata_rata",
        "target": "90",
        "target_tw1": "90",
        "target_tw2": "90",
        "target_tw3": "90",
        "target_tw4": "90",
        "label_pembilang": "",
        "label_penyebut": "",
        "kode": "",
        "kode_lama": "",
    },
    REALISASI.name: {
        "iku": "1",
        "triwulan": "1",
        "realisasi": "85.5",
        "pembilang": "",
        "penyebut": "",
    },
    KEGIATAN.name: {"no": "1", "kegiatan": "Pelayanan pengaduan masyarakat", "pagu": "150000000"},
    PAGU.name: {"baris": "1", "iku": "1", "pagu": "150000000"},
    REALISASI_ANGGARAN.name: {"triwulan": "1", "baris": "1", "realisasi": "30000000"},
    ANGGARAN.name: {
        "pagu": "150000000",
        "realisasi_tw1": "30000000",
        "realisasi_tw2": "",
        "realisasi_tw3": "",
        "realisasi_tw4": "",
    },
    REALISASI_KEGIATAN.name: {
        "program": "Program Peningkatan Pelayanan Publik",
        "kegiatan": "Pelayanan pengaduan masyarakat",
        "pagu": "150000000",
        "realisasi": "30000000",
        "iku": "1",
    },
}

#: What each column holds, in Indonesian (the instructions sheet).
COLUMNS: dict[str, str] = {
    "sasaran": "nomor sasaran strategis (1, 2, …); di lembar indikator: nomor sasaran IKU itu",
    "nama": "uraian sasaran strategis",
    "iku": "nomor Indikator Kinerja Utama (1, 2, …); di lembar pagu: nomor IKU yang dibiayai, "
    "dipisah spasi (mis. 11 12 13); di lembar realisasi_kegiatan (opsional): IKU yang didukung "
    "kegiatan itu",
    "indikator": "nama indikator",
    "jenis": "jenis indikator: persen, jumlah, ukuran, nilai, rupiah, durasi, rasio, atau "
    "predikat (docs/indicators.md)",
    "satuan": "opsional: kata satuan (dokumen, orang, Ha, hari) untuk jumlah, ukuran, durasi; "
    "untuk predikat: nama skalanya di unit.yaml",
    "polaritas": "naik (makin tinggi makin baik), turun (makin rendah makin baik), atau "
    "rentang (target berupa rentang, mis. 80-90)",
    "kumulasi": "cara menjumlah triwulan: jumlah, terakhir, rata_rata, atau rasio",
    "target": "target tahunan (0 atau lebih; untuk predikat: kata pada skalanya)",
    "target_tw1": "opsional: target triwulan I (target_tw2 … target_tw4 serupa), keempatnya "
    "atau tidak sama sekali; dengan kumulasi jumlah, keempatnya berjumlah sama dengan target; "
    "selain itu target_tw4 sama dengan target",
    "label_pembilang": "opsional: nama pembilang rasio (mis. Terinput)",
    "label_penyebut": "opsional: nama penyebut rasio (mis. Langsung/Helpdesk)",
    "kode": "opsional: kode tetap IKU untuk mencocokkan tahun-tahun sebelumnya dan target "
    "Renstra (docs/annual.md)",
    "kode_lama": "opsional: kode IKU ini pada tahun sebelumnya bila berubah, dipisah spasi",
    "program": "nama program (lembar realisasi_kegiatan, laporan tahunan)",
    "triwulan": "triwulan 1 sampai 4",
    "realisasi": "nilai realisasi, kosong atau - bila belum diukur (bukan 0); di lembar "
    "realisasi_anggaran: rupiah kumulatif s.d. akhir triwulan; kosongkan bila diisi pembilang "
    "dan penyebut",
    "pembilang": "opsional: jumlah yang dihitung (realisasi = pembilang / penyebut x 100)",
    "penyebut": "opsional: jumlah keseluruhan",
    "no": "nomor urut",
    "kegiatan": "nama kegiatan",
    "pagu": "pagu anggaran dalam rupiah (angka saja, mis. 150000000)",
    "baris": "nomor baris anggaran",
    "realisasi_tw1": "di lembar anggaran: realisasi DIPA s.d. akhir triwulan I (rupiah, "
    "kumulatif; realisasi_tw2 … realisasi_tw4 serupa); kosong bila belum dilaporkan",
}

INSTRUCTIONS = "Petunjuk"

_GENERAL: tuple[str, ...] = (
    "Buku kerja data kinerja satu tahun untuk lkj (Laporan Kinerja).",
    "Simpan sebagai data/<unit>/<tahun>.xlsx, mis. data/dinas-x/2026.xlsx; narasi tetap di "
    "data/<unit>/<tahun>/narasi/. Jangan simpan file CSV tabel yang sama di "
    "data/<unit>/<tahun>/: lkj menolak data ganda.",
    "Satu lembar per tabel; nama lembar dan judul kolom (baris 1) jangan diubah. Setiap "
    "lembar berisi satu baris contoh: ganti dengan data unit Anda.",
    "Angka diketik sebagai angka (7410, 80,76). Sel berformat persen (80,76%) dibaca sebagai "
    "persen dan hanya diterima untuk IKU bersatuan persen.",
    "Rumus boleh dipakai: lkj membaca nilai yang tersimpan. Sel galat (#DIV/0!, #REF!) ditolak.",
    "Sel boleh digabung ke bawah dalam satu kolom (mis. satu sasaran untuk beberapa IKU); "
    "penggabungan antarkolom ditolak.",
    "Lembar tabel, baris, dan kolom tabel tidak boleh disembunyikan. Lembar lain (catatan) "
    "boleh ditambahkan: lkj mengabaikannya.",
    "Wajib: sasaran, indikator, realisasi. Lembar anggaran (kegiatan, pagu, "
    "realisasi_anggaran, anggaran) boleh dihapus bila unit tidak melaporkannya.",
    "Kolom berdaftar pilihan: "
    + "; ".join(f"{c}: {', '.join(w)}" for c, w in VOCABULARIES.items()),
    "Setiap kesalahan dilaporkan dalam satu baris yang menyebut lembar dan selnya, mis. "
    "'2025.xlsx, sheet realisasi, cell C5'.",
)


def _instructions(wb: Any) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(INSTRUCTIONS)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    ws.append(["Petunjuk pengisian"])
    ws["A1"].font = Font(bold=True, size=14)
    for text in _GENERAL:
        ws.append(["", text])
    for spec in TABLES:
        ws.append([])
        ws.append([spec.name, spec.title])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.cell(ws.max_row, 2).font = Font(bold=True)
        for column in spec.all_columns:
            optional = " (opsional)" if column in spec.optional else ""
            ws.append([f"  {column}{optional}", _help(column)])
    for row in ws.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _help(column: str) -> str:
    if column.startswith("target_tw") and column != "target_tw1":
        return "target triwulan " + column[-1]
    if column.startswith("realisasi_tw") and column != "realisasi_tw1":
        return "realisasi DIPA s.d. akhir triwulan " + column[-1]
    return COLUMNS[column]


def template_bytes() -> bytes:
    """The template workbook; the same bytes every time."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _instructions(wb)
    for spec in TABLES:
        add_table(wb, spec, spec.all_columns, [_example(spec)])
    return workbook_bytes(wb, title="Data kinerja lkj")


def _example(spec: TableSpec) -> list[str]:
    row = EXAMPLES[spec.name]
    return [row[c] for c in spec.all_columns]
