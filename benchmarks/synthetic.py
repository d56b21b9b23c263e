"""Synthetic units for benchmarks/scale.py: N units of one year, each with its data, params and
prose for the four quarters, from a seed (the same seed, the same bytes).

Units vary as real ones do: 2-5 strategic goals, 4-16 IKU of every kind of indicator (persen,
orang, nilai, predikat; naik and turun; the four cumulation rules, counts behind ratios),
2-6 budget lines, 0-8 cooperation agreements, complaints in some quarters, prose of 1-4
paragraphs per section. The layout is docs/data.md's; nothing here is lkj code.

    .venv/bin/python benchmarks/synthetic.py DIR --units 50 --seed 1
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from decimal import Decimal
from pathlib import Path

YEAR = 2025
GRADES = ("Sangat Kurang", "Kurang", "Cukup", "Baik", "Sangat Baik")
_VOCABULARY = (
    "pelayanan pelindungan penempatan pekerja migran kinerja capaian target realisasi "
    "anggaran program kegiatan koordinasi pemerintah daerah masyarakat informasi sosialisasi "
    "pengaduan fasilitasi kerja sama evaluasi pelaporan data sistem peningkatan kualitas "
    "sumber daya manusia pengawasan pembinaan tindak lanjut strategi hambatan dukungan "
    "efektif efisien akuntabel transparan triwulan tahun berjalan kabupaten kota provinsi "
    "unit layanan terpadu satu atap calon purna keluarga pemberdayaan rehabilitasi reintegrasi"
)
WORDS = tuple(_VOCABULARY.split())
GOALS = (
    "Meningkatkan kualitas pelayanan publik",
    "Memperkuat tata kelola dan akuntabilitas kinerja",
    "Mengoptimalkan pemanfaatan sistem informasi",
    "Meningkatkan kerja sama dengan pemerintah daerah",
    "Meningkatkan pemberdayaan masyarakat",
    "Memperkuat pengawasan dan pembinaan",
)
PLACES = ("Bandung", "Semarang", "Surabaya", "Medan", "Makassar", "Mataram", "Kupang", "Padang")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, low: int = 1, high: int = 3) -> str:
    return "\n\n".join(
        " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        for _ in range(rng.randint(low, high))
    )


def _csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _number(value: Decimal) -> str:
    text = format(value.quantize(Decimal("0.01")).normalize(), "f")
    return text


class _Indicator:
    def __init__(self, rng: random.Random, iku: int, sasaran: int) -> None:
        self.iku, self.sasaran = iku, sasaran
        kind = rng.choice(
            (
                "persen_jumlah",
                "persen_terakhir",
                "persen_rata",
                "persen_rasio",
                "orang",
                "nilai",
                "predikat",
                "persen_turun",
            )
        )
        self.name = f"Persentase {' '.join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))}"
        self.labels = ("", "")
        self.counts: dict[int, tuple[int, int]] = {}
        self.polaritas = "naik"
        if kind == "orang":
            self.satuan, self.kumulasi = "orang", "jumlah"
            self.name = "Jumlah " + self.name.split(" ", 1)[1]
            quarters = [Decimal(rng.randint(0, 400)) for _ in range(4)]
            self.targets = quarters
            self.target = sum(quarters, Decimal(0)) or Decimal(1)
            if not any(quarters):
                self.targets = [Decimal(0), Decimal(0), Decimal(0), Decimal(1)]
            self.values = [Decimal(int(t * Decimal(rng.uniform(0.5, 1.4)))) for t in self.targets]
        elif kind == "persen_jumlah":
            self.satuan, self.kumulasi = "persen", "jumlah"
            share = Decimal(rng.choice((60, 70, 80, 100))) / 4
            self.targets = [share] * 4
            self.target = share * 4
            self.values = [Decimal(str(round(rng.uniform(5, 35), 2))) for _ in range(4)]
        elif kind == "nilai":
            self.satuan, self.kumulasi = "nilai", rng.choice(("terakhir", "rata_rata"))
            self.target = Decimal(rng.choice((3, 70, 80, 85)))
            self.targets = [self.target] * 4
            self.values = [
                Decimal(str(round(float(self.target) * rng.uniform(0.8, 1.15), 2)))
                for _ in range(4)
            ]
            self.name = "Nilai " + self.name.split(" ", 1)[1]
        elif kind == "predikat":
            self.satuan, self.kumulasi = "predikat", "terakhir"
            self.target = rng.choice(GRADES[2:])
            self.targets = [self.target] * 4
            self.values = [rng.choice(GRADES[1:]) for _ in range(4)]
            self.name = "Predikat " + self.name.split(" ", 1)[1]
        else:
            self.satuan = "persen"
            self.kumulasi = {"persen_terakhir": "terakhir", "persen_rasio": "rasio"}.get(
                kind, "rata_rata"
            )
            if kind == "persen_turun":
                self.polaritas = "turun"
                self.target = Decimal(rng.choice((5, 10, 20)))
            else:
                self.target = Decimal(rng.choice((75, 80, 90, 100)))
            self.targets = [self.target] * 4
            if kind == "persen_rasio":
                self.labels = ("Selesai", "Masuk")
                for q in range(1, 5):
                    total = rng.randint(0, 80)
                    self.counts[q] = (rng.randint(int(total * 0.5), total), total)
                self.values = []
            else:
                top = float(self.target) * 1.3
                self.values = [
                    Decimal(str(round(rng.uniform(0, min(top, 100)), 2))) for _ in range(4)
                ]

    def row(self) -> list[object]:
        def shown(value: object) -> str:
            return value if isinstance(value, str) else _number(value)  # type: ignore[arg-type]

        jenis, word = {
            "orang": ("jumlah", "orang"),
            "persen": ("persen", ""),
            "nilai": ("nilai", ""),
            "predikat": ("predikat", "nka"),  # the scale in unit.yaml
        }[self.satuan]
        return [
            self.iku,
            self.sasaran,
            self.name,
            jenis,
            word,
            self.polaritas,
            self.kumulasi,
            shown(self.target),
            *(shown(t) for t in self.targets),
            *self.labels,
        ]

    def realisations(self) -> list[list[object]]:
        rows: list[list[object]] = []
        for q in range(1, 5):
            if self.counts:
                rows.append([self.iku, q, "", *self.counts[q]])
            else:
                value = self.values[q - 1]
                rows.append(
                    [self.iku, q, value if isinstance(value, str) else _number(value), "", ""]
                )
        return rows


def make_unit(root: Path, number: int, rng: random.Random) -> str:
    """One synthetic unit under ``root/data`` and ``root/params``; its folder name."""
    unit = f"satker-{number:03d}"
    data = root / "data" / unit
    year = data / str(YEAR)
    year.mkdir(parents=True)
    singkatan = f"Satker Sintetis {number:03d}"
    misi = "\n".join(f"    - {_sentence(rng)}" for _ in range(rng.randint(2, 4)))
    tujuan = "\n".join(f"    - {_sentence(rng)}" for _ in range(rng.randint(1, 3)))
    (data / "unit.yaml").write_text(
        f"kode: {unit}\nnama: Satuan Kerja Sintetis Nomor {number:03d}\n"
        f"singkatan: {singkatan}\nkontak:\n  telepon: 021 - {rng.randint(1000000, 9999999)}\n"
        f"renstra:\n  periode: 2025-2029\n  visi: {_sentence(rng)}\n  misi:\n{misi}\n"
        f"  tujuan:\n{tujuan}\nskala:\n  nka: [{', '.join(GRADES)}]\n",
        encoding="utf-8",
    )
    goals = rng.randint(2, 5)
    (year / "sasaran.csv").write_text(
        _csv([["sasaran", "nama"], *([g, rng.choice(GOALS)] for g in range(1, goals + 1))]),
        encoding="utf-8",
    )
    count = rng.randint(max(goals, 4), 16)
    indicators = [
        _Indicator(rng, i, min(goals, 1 + (i - 1) * goals // count)) for i in range(1, count + 1)
    ]
    header = [
        "iku",
        "sasaran",
        "indikator",
        "jenis",
        "satuan",
        "polaritas",
        "kumulasi",
        "target",
        "target_tw1",
        "target_tw2",
        "target_tw3",
        "target_tw4",
        "label_pembilang",
        "label_penyebut",
    ]
    (year / "indikator.csv").write_text(
        _csv([header, *(ind.row() for ind in indicators)]), encoding="utf-8"
    )
    (year / "realisasi.csv").write_text(
        _csv(
            [
                ["iku", "triwulan", "realisasi", "pembilang", "penyebut"],
                *(row for ind in indicators for row in ind.realisations()),
            ]
        ),
        encoding="utf-8",
    )
    activities = [
        [n, f"Kegiatan {_sentence(rng)[:-1]}", rng.randint(1, 9) * 10**9]
        for n in range(1, rng.randint(2, 4) + 1)
    ]
    (year / "kegiatan.csv").write_text(
        _csv([["no", "kegiatan", "pagu"], *activities]), encoding="utf-8"
    )
    ikus = [ind.iku for ind in indicators]
    lines_count = rng.randint(2, min(6, len(ikus)))
    cuts = sorted(rng.sample(range(1, len(ikus)), lines_count - 1))
    groups = [ikus[a:b] for a, b in zip([0, *cuts], [*cuts, len(ikus)], strict=True)]
    ceilings = [rng.randint(50, 3000) * 10**6 for _ in groups]
    (year / "pagu.csv").write_text(
        _csv(
            [
                ["baris", "iku", "pagu"],
                *(
                    [n, " ".join(map(str, g)), c]
                    for n, (g, c) in enumerate(zip(groups, ceilings, strict=True), 1)
                ),
            ]
        ),
        encoding="utf-8",
    )
    spent = [[Decimal(0)] * len(groups)]
    budget_rows: list[list[object]] = []
    for q in range(1, 5):
        row = [
            min(Decimal(c), s + Decimal(c) * Decimal(rng.randint(5, 30)) / 100)
            for c, s in zip(ceilings, spent[-1], strict=True)
        ]
        spent.append(row)
        budget_rows += [[q, n, int(v)] for n, v in enumerate(row, 1)]
    (year / "realisasi_anggaran.csv").write_text(
        _csv([["triwulan", "baris", "realisasi"], *budget_rows]), encoding="utf-8"
    )
    total = sum(ceilings) + rng.randint(0, 2000) * 10**6
    absorbed = "\n".join(f"  {q}: {int(sum(spent[q]))}" for q in range(1, 5))
    (year / "anggaran.yaml").write_text(
        f"pagu: {total}\nrealisasi:\n{absorbed}\n", encoding="utf-8"
    )
    statuses = ("Dalam Proses", "Pelimpahan Internal", "Selesai")
    complaints = [
        [q, n, s, rng.randint(0, 40)]
        for q in range(1, 5)
        if rng.random() < 0.6
        for n, s in enumerate(statuses, 1)
    ]
    (year / "pengaduan_status.csv").write_text(
        _csv([["triwulan", "no", "status", "jumlah"], *complaints]), encoding="utf-8"
    )
    agreements = [
        [
            n,
            f"Kabupaten {rng.choice(PLACES)} {n}",
            f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.randint(1, 5),
        ]
        for n in range(1, rng.randint(0, 8) + 1)
    ]
    (year / "mou.csv").write_text(
        _csv([["no", "pemerintah", "tmt", "jangka_waktu_tahun"], *agreements]), encoding="utf-8"
    )
    for quarter in range(1, 5):
        _prose(year / "narasi" / f"{YEAR}-Q{quarter}", ikus, rng)
        _params(
            root / "params" / unit, quarter, indicators, bool(complaints), bool(agreements), rng
        )
    return unit


def _prose(folder: Path, ikus: list[int], rng: random.Random) -> None:
    folder.mkdir(parents=True)
    plain = (
        "kata-pengantar",
        "ringkasan-eksekutif",
        "bab1-perjanjian-kinerja",
        "bab2-capaian-triwulan",
        "bab2-evaluasi",
        "bab3-tindak-lanjut",
    )
    for name in plain:
        (folder / f"{name}.md").write_text(_paragraphs(rng) + "\n", encoding="utf-8")
    (folder / "bab3-permasalahan.md").write_text(_paragraphs(rng, 2, 4) + "\n", encoding="utf-8")
    sections = {
        "bab1-renstra": ("Pengantar", "Pengantar Visi", "Pengantar Misi", "Pengantar Tujuan"),
        "bab2-realisasi-anggaran": ("Pengantar", "Penutup"),
    }
    for name, titles in sections.items():
        text = "\n\n".join(f"## {t}\n\n{_paragraphs(rng, 1, 2)}" for t in titles)
        (folder / f"{name}.md").write_text(text + "\n", encoding="utf-8")
    for iku in ikus:
        titles = ["Informasi Kinerja", "Evaluasi Kinerja"]
        if rng.random() < 0.6:
            titles += ["Faktor Pendorong/Penghambat", "Strategi Penyelesaian Masalah"]
        text = "\n\n".join(f"## {t}\n\n{_paragraphs(rng)}" for t in titles)
        (folder / f"iku-{iku:02d}.md").write_text(text + "\n", encoding="utf-8")


# The supporting tables of a synthetic unit's params (docs/supporting-tables.md).
COMPLAINTS = """\
    judul: Rekap Jumlah Pengaduan berdasarkan Status Penanganan
    berkas: pengaduan_status.csv
    kolom:
      - {kolom: "no", judul: "No", format: nomor}
      - {kolom: status, judul: Status Penanganan Aduan}
      - {kolom: jumlah, judul: "{triwulan}", format: angka, jumlahkan: true}
    jumlah: Jumlah
"""
AGREEMENTS = """\
    judul: Pelaksanaan MoU antara {singkatan} dengan Pemerintah Daerah
    berkas: mou.csv
    kolom:
      - {kolom: "no", judul: "No", format: nomor}
      - {kolom: pemerintah, judul: Pemerintah Kab./Kota}
      - {kolom: tmt, judul: TMT, format: tanggal}
      - {kolom: jangka_waktu_tahun, judul: Jangka Waktu, format: angka, satuan: Tahun}
    masa_berlaku: {mulai: tmt, jangka_tahun: jangka_waktu_tahun}
"""
COUNTS = """\
    judul: Rekap Jumlah Pencatatan
    hitungan_iku: Aduan
"""


def _params(
    folder: Path,
    quarter: int,
    indicators: list[_Indicator],
    complaints: bool,
    agreements: bool,
    rng: random.Random,
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tables = []
    if complaints:
        tables.append((rng.choice(indicators).iku, COMPLAINTS, "sebelum_evaluasi"))
    if agreements:
        tables.append((rng.choice(indicators).iku, AGREEMENTS, "setelah_evaluasi"))
    ratio = [ind for ind in indicators if ind.counts]
    if ratio:
        tables.append((ratio[0].iku, COUNTS, "sebelum_evaluasi"))
    listed = "".join(f"  - iku: {iku}\n    letak: {where}\n{table}" for iku, table, where in tables)
    month = quarter * 3 + 1
    signed = f"{YEAR + (month > 12)}-{(month - 1) % 12 + 1:02d}-{rng.randint(5, 25):02d}"
    (folder / f"{YEAR}-Q{quarter}.yaml").write_text(
        f"period: {YEAR}-Q{quarter}\npenandatangan:\n  tempat: {rng.choice(PLACES)}\n"
        f"  tanggal: {signed}\n  jabatan: Kepala\n  nama: Pejabat Sintetis {rng.randint(1, 999)}\n"
        f'  identitas: ""\ntabel_pendukung:{" []" if not tables else ""}\n{listed}'
        "lampiran_rekonsiliasi: false\n",
        encoding="utf-8",
    )


def make_tree(root: Path, units: int, seed: int) -> list[str]:
    """``units`` synthetic units in ``root`` (data/ and params/), from ``seed``."""
    rng = random.Random(seed)
    return [make_unit(root, n, rng) for n in range(1, units + 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    names = make_tree(args.root, args.units, args.seed)
    print(f"{len(names)} units in {args.root}: {names[0]} ... {names[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
