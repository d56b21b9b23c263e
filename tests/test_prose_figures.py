"""Figures in the analysts' prose against lkj's (lkj.audit.prose), ``lkj audit`` and ``--strict``.

Hand-worked figures of the shipped data, Triwulan II 2025 (see test_summary.py): IKU 2 capaian
21 / 26 = 80,769…% -> 80,77; IKU 9 realisation Triwulan I 75 orang, Triwulan II 544, annual
target 2.000, quarterly 500; IKU 13 the predicate Baik (capaian 100); IKU 7 realisation 7.410
of 27.868 = 26,59%; mean capaian 64,55%; 2 targets above 100%, 3 at, 8 below, so 5 reach it;
pagu Rp 9.721.224.000, realisation Rp 3.515.820.174 = 36,17%.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from lkj.audit.prose import ProseFinding, check_report, check_text
from lkj.cli import main
from lkj.figures.summary import Summary, summarise
from lkj.inputs.project import Project
from tests.conftest import REPO

NARASI = "data/bp3mi-jabar/2025/narasi/2025-Q2"

# The three sentences of the published Triwulan II 2025 report whose figures contradict its own
# tables (shared/reference/lkj-bp3mi-jabar-2025-tw2.txt, Bab II B), as published.
PUBLISHED_IKU_2 = (
    "## Evaluasi Kinerja\n\n"
    "Berdasarkan realisasi Triwulan II pada tahun 2025 sudah terekam dalam sistem Crisis Center "
    "sebanyak 21 aduan dari total 26 aduan, dengan capaian sebesar 80,76% dari target 100%, "
    "yang mana didominasi aduan yang masuk ke BP3MI Jawa Barat.\n"
)
PUBLISHED_IKU_9 = (
    "## Evaluasi Kinerja\n\n"
    "Hasil data supply Triwulan II BP3MI Jawa Barat memperoleh angka realisasi sebanyak 544 "
    "orang pencari kerja. Angka realisasi Triwulan II jauh meningkat dibandingkan data supply "
    "Triwulan I yang hanya memperoleh angka realisasi sebanyak 72 orang. Hal ini menunjukkan "
    "bahwa pengelolaan data supply telah melebihi target yang telah ditentukan, yaitu dengan "
    "angka 500 orang.\n"
)
PUBLISHED_IKU_13 = (
    "## Evaluasi Kinerja\n\n"
    "Berdasarkan aplikasi SMART, realisasi nilai capaian kinerja anggaran Triwulan II yaitu "
    "sebesar 49,44. Berikut beberapa analisa belum tercapainya target nilai kinerja anggaran:\n"
)


@pytest.fixture(scope="module")
def q2() -> Summary:
    return summarise("2025-Q2", None, Project.at(REPO))


def findings(summary: Summary, text: str, iku: int | None = None) -> list[ProseFinding]:
    return check_text(summary, text, "f.md", iku)[1]


def shown(found: list[ProseFinding]) -> list[tuple[int, int | None, str, str, str]]:
    return [(f.line, f.iku, f.what, f.stated, f.computed) for f in found]


def test_the_three_published_contradictions(q2: Summary) -> None:
    assert shown(findings(q2, PUBLISHED_IKU_2, 2)) == [(3, 2, "capaian TW II", "80,76%", "80,77%")]
    assert shown(findings(q2, PUBLISHED_IKU_9, 9)) == [
        (3, 9, "realisasi TW I", "72 orang", "75 orang")
    ]
    assert shown(findings(q2, PUBLISHED_IKU_13, 13)) == [(3, 13, "predikat TW II", "49,44", "Baik")]


def test_causes_are_named(q2: Summary) -> None:
    (truncated,) = findings(q2, PUBLISHED_IKU_2, 2)
    assert truncated.note.startswith("terpotong, bukan dibulatkan: 80,7692…")
    (predicate,) = findings(q2, PUBLISHED_IKU_13, 13)
    assert "predikat Baik" in predicate.note
    # 3,75 is the capaian of Triwulan I (75 / 2.000), not of Triwulan II (27,20)
    (other,) = findings(q2, "Capaian Triwulan II sebesar 3,75%.", 9)
    assert (other.computed, other.note) == ("27,20%", "sama dengan capaian TW I")


def test_agreeing_figures_pass(q2: Summary) -> None:
    text = (
        "Realisasi pada Triwulan II sebesar 7.410 CPMI/PMI atau 26,59%. "
        "Target tahun ini sebanyak 27.868 orang; target Triwulan II 6.967 orang. "
        "Realisasi s.d. Triwulan II sebesar 14.520 orang.\n"
    )
    checked, found = check_text(q2, text, "f.md", 7)
    assert (checked, found) == (5, [])
    # capaian at two decimals and at the precision written (27,2 = 27,20)
    assert findings(q2, "Capaian Triwulan II sebesar 27,2%.", 9) == []
    # a score of a nilai IKU: 91,5 against the target 75
    assert findings(q2, "Nilai realisasi sebesar 91,5 dari target nilai 75.", 12) == []


@pytest.mark.parametrize(
    "text",
    [
        # another year named before the figure (IKU 11's Zona Integritas score of 2024)
        "Nilai Zona Integritas berdasarkan evaluasi pada tahun 2024 sebesar 80,76.",
        "Realisasi tahun 2024 sebesar 50%.",
        # the sentence speaks of last year
        "Capaian turun sebesar 62,61% dari triwulan yang sama di tahun lalu.",
        # per item
        "Target peserta kegiatan adalah masing-masing 20 orang per kegiatan.",
        # another unit than the IKU's (a percentage IKU)
        "Target fisik penanganan aduan ialah sebanyak 600 aduan.",
        # a number with no word of a figure before it
        "Terdapat fasilitas layanan kepulangan sebanyak 1 orang.",
        # a later quarter
        "Realisasi Triwulan III direncanakan sebesar 99%.",
        # a number that could be misread
        "Nilai realisasi meningkat dari 61.84.",
        # a percentage after a number in another unit is not a capaian
        "Realisasi sebesar 21 wilayah atau 75% dari target 28 wilayah.",
    ],
)
def test_what_is_not_a_figure_of_lkj(q2: Summary, text: str) -> None:
    iku = 11 if "Zona" in text else 1
    assert findings(q2, text + "\n", iku) == []


def test_placeholders_are_not_checked(q2: Summary) -> None:
    text = "Capaian sebesar {{ iku[2].capaian }} atau {{ iku[2].realisasi }} dari target 100%.\n"
    checked, found = check_text(q2, text, "f.md", 2)
    assert (checked, found) == (1, [])  # only the target 100%


def test_unit_figures(q2: Summary) -> None:
    text = (
        "Capaian kinerja sampai dengan Triwulan II sebesar 63,27%.\n\n"
        "1. Target dengan capaian realisasi di atas 100% sebanyak 2 target;\n"
        "2. Target dengan capaian realisasi tepat 100% sebanyak 3 target;\n\n"
        "Realisasi 4 dari 13 (tiga belas) target indikator kinerja mencapai 100% atau lebih.\n\n"
        "Anggaran sebesar Rp. 9.721.224.000,-. Telah terealisasi anggaran sebesar "
        "Rp. 3.515.820.174,- (36,71%).\n"
    )
    assert shown(findings(q2, text)) == [
        (1, None, "capaian rata-rata s.d. TW II", "63,27%", "64,55%"),
        (6, None, "jumlah target dengan capaian 100% ke atas", "4", "5"),
        (8, None, "penyerapan anggaran (%)", "36,71%", "36,17%"),
    ]


def test_a_figure_of_one_iku_named_in_another_file(q2: Summary) -> None:
    text = "Pada IKU 9, realisasi Triwulan I sebanyak 72 orang.\n"
    assert shown(findings(q2, text)) == [(1, 9, "realisasi TW I", "72 orang", "75 orang")]


def test_lines_are_counted_in_the_file(q2: Summary) -> None:
    text = (
        "## Informasi Kinerja\n\nTeks.\n\n## Evaluasi Kinerja\n\nBaris satu\nrealisasi 72 orang.\n"
    )
    assert [f.line for f in findings(q2, text.replace("realisasi", "realisasi Triwulan I"), 9)] == [
        8
    ]


def test_shipped_prose_only_the_predicate_remains() -> None:
    """IKU 2 and 9 now use placeholders; IKU 13's score is another measure, kept and listed."""
    project = Project.at(REPO)
    summary = summarise("2025-Q2", None, project)
    result = check_report(summary, project)
    assert result.exists and result.checked > 10
    assert [(f.file, f.line, f.iku, f.stated) for f in result.findings] == [
        (f"{NARASI}/iku-13.md", 14, 13, "49,44")
    ]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def publish(root: Path) -> None:
    """Put the published wording of IKU 2 and 9 back into a copy of the prose."""
    folder = root / NARASI
    for iku, text in ((2, PUBLISHED_IKU_2), (9, PUBLISHED_IKU_9)):
        path = folder / f"iku-{iku:02d}.md"
        head = path.read_text(encoding="utf-8").split("## Evaluasi Kinerja")[0]
        path.write_text(head + text, encoding="utf-8")


def test_cli_audit_lists_the_prose_category(project_copy: Path) -> None:
    publish(project_copy)
    code, out, err = run("--root", str(project_copy), "audit", "2025-Q2")
    assert code == 0 and err == ""
    prose = out.split("Angka pada narasi analis")[1]
    assert "3 selisih" in prose
    assert "iku-02.md, baris 7: capaian TW II (IKU 2)" in prose
    assert "narasi: 80,76%   dihitung: 80,77%" in prose
    assert "iku-09.md, baris 10: realisasi TW I (IKU 9)" in prose
    assert "narasi: 72 orang   dihitung: 75 orang" in prose
    assert "iku-13.md, baris 14: predikat TW II (IKU 13)" in prose
    code, out, _ = run("--root", str(project_copy), "audit", "2025-Q2", "--format", "json")
    data = json.loads(out)
    assert [(f["iku"], f["stated"], f["computed"]) for f in data["prose"]["findings"]] == [
        (2, "80,76%", "80,77%"),
        (9, "72 orang", "75 orang"),
        (13, "49,44", "Baik"),
    ]
    assert len(data["findings"]) == 34  # the published figures: a category of their own


def test_cli_audit_strict_fails_on_the_prose(project_copy: Path) -> None:
    code, out, err = run("--root", str(project_copy), "audit", "2025-Q2", "--strict")
    assert code == 2 and "Angka pada narasi analis" in out
    assert (
        err.strip() == "lkj: error: 1 figure in the analysts' prose disagrees with lkj's (--strict)"
    )


def test_cli_audit_without_transcription_still_checks_the_prose(project_copy: Path) -> None:
    (project_copy / "data/bp3mi-jabar/2025/published/2025-Q2.yaml").unlink()
    code, out, err = run("--root", str(project_copy), "audit", "2025-Q2")
    assert code == 0 and err == ""
    assert "Tidak ada transkripsi laporan yang diterbitkan" in out
    assert "iku-13.md, baris 14" in out


def test_build_strict_fails_before_any_chapter(project_copy: Path) -> None:
    publish(project_copy)
    code, out, err = run("--root", str(project_copy), "build", "2025-Q2", "--strict")
    assert code == 2, err
    assert "[1/" not in out  # no chapter ran
    (line,) = err.strip().splitlines()
    assert line.startswith(f"lkj: error: {NARASI}/iku-02.md, line 7: the prose gives capaian TW II")
    assert "80,76%" in line and "80,77%" in line and "(2 more figures in the prose" in line
    assert not (project_copy / "reports").exists()
