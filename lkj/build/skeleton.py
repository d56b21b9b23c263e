"""``lkj new UNIT``: the skeleton of a new unit, ready to be filled in (docs/walkthrough.md).

It writes, under the project root, ``data/<unit>/unit.yaml``, the year's data files (a header
and a commented example row each: a line whose first cell starts with ``#`` is a comment),
``params/<unit>/<period>.yaml`` and ``data/<unit>/<year>/narasi/<period>/`` with one file per
section the report expects. Nothing that exists is overwritten.
"""

from __future__ import annotations

from pathlib import Path

from lkj.build.atomic import write_atomic
from lkj.errors import UnitError
from lkj.inputs.project import Project, check_name
from lkj.report.prose import IKU_SECTIONS, SECTIONS, iku_file
from lkj.rules.periods import Period

GUIDE = "docs/walkthrough.md"

UNIT_YAML = """\
# Identitas unit ({guide}). Wajib: kode, nama, singkatan; selebihnya boleh ditambahkan.
kode: {unit}
nama: {nama}
singkatan: {singkatan}

# kontak:
#   alamat: Jl. Contoh No. 1
#   telepon: (0263) 000000
#   situs: contoh.go.id
# renstra:                  # Rencana Strategis; tanpa ini Bab I A tidak dicetak
#   periode: 2025-2029
#   visi: Terwujudnya ...
#   misi: [Meningkatkan ..., Mewujudkan ...]
#   tujuan: [Meningkatnya ...]
# skala:                    # skala predikat dari terburuk ke terbaik (docs/indicators.md)
#   opini: [TW, TMP, WDP, WTP]
#   sakip: [D, C, CC, B, BB, A, AA]
# batas_capaian: 120        # capaian satu indikator paling tinggi 120%, bila ditetapkan
"""

FILES = {
    "sasaran.csv": """\
sasaran,nama
# 1,Meningkatnya kualitas perencanaan dan pelaporan kinerja
""",
    "indikator.csv": """\
iku,sasaran,indikator,jenis,satuan,polaritas,kumulasi,target,target_tw1,target_tw2,target_tw3,target_tw4
# 1,1,Persentase dokumen perencanaan yang tepat waktu,persen,,naik,terakhir,100,,,,
# 2,1,Jumlah dokumen evaluasi yang disusun,jumlah,dokumen,naik,jumlah,12,3,3,3,3
# jenis: persen jumlah ukuran nilai rupiah durasi rasio predikat; polaritas: naik turun rentang
# kumulasi: jumlah terakhir rata_rata rasio; target_tw1..4 boleh kosong (target tahunan saja)
""",
    "realisasi.csv": """\
iku,triwulan,realisasi
# 1,1,95
# 2,1,-
# kosong atau '-' = belum diukur (bukan 0)
""",
    "kegiatan.csv": """\
no,kegiatan,pagu
# 1,Penyusunan Dokumen Perencanaan,150000000
""",
    "pagu.csv": """\
baris,iku,pagu
# 1,1 2,150000000
""",
    "realisasi_anggaran.csv": """\
triwulan,baris,realisasi
# 1,1,35000000
""",
}

PARAMS = """\
# Laporan Kinerja {singkatan}, {label} {year} ({guide}).
period: {period}

# penandatangan:            # tempat, tanggal dan penandatangan Kata Pengantar
#   tempat: Kota Contoh
#   tanggal: {end}
#   jabatan: Kepala
#   nama: Nama Lengkap
#   identitas: NIP 000000000000000000
# tabel_pendukung: []       # tabel pendukung dari berkas CSV (docs/supporting-tables.md)
"""


def _prose(name: str, sections: tuple[str, ...] | None) -> str:
    note = "<!-- Tulis di sini; hapus berkas ini bila bagian ini tidak ditulis. -->\n"
    if sections is None:
        return note
    return "\n".join(f"## {title}\n\n{note}" for title in sections)


def create(
    project: Project, unit: str, period: Period, nama: str, singkatan: str | None = None
) -> list[Path]:
    """Write the skeleton of ``unit`` for ``period``; the files written, in order."""
    check_name(unit)
    unit_dir = project.data_dir / unit
    params = project.params_dir / unit / f"{period.slug}.yaml"
    if unit_dir.exists():
        raise UnitError(
            f"data/{unit} already exists; lkj new writes a new unit only (choose another name)"
        )
    if params.exists():
        raise UnitError(f"{project.display(params)} already exists; nothing was written")
    year = unit_dir / str(period.year)
    narasi = year / "narasi" / period.slug
    files: dict[Path, str] = {
        unit_dir / "unit.yaml": UNIT_YAML.format(
            guide=GUIDE, unit=unit, nama=_quoted(nama), singkatan=_quoted(singkatan or nama)
        ),
        **{year / name: text for name, text in FILES.items()},
        params: PARAMS.format(
            singkatan=singkatan or nama,
            label=period.label,
            year=period.year,
            guide=GUIDE,
            period=period.slug,
            end=period.end_date.isoformat(),
        ),
        **{narasi / f"{name}.md": _prose(name, sections) for name, sections in SECTIONS.items()},
        narasi / f"{iku_file(1)}.md": _prose(iku_file(1), IKU_SECTIONS),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    return list(files)


def _quoted(text: str) -> str:
    """A YAML scalar that stays text (quoted, inner quotes doubled)."""
    return "'" + " ".join(text.split()).replace("'", "''") + "'"
