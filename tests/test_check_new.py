"""``lkj check`` lists every problem of every input (one line each, exit 2) without building;
``lkj new`` writes a new unit's skeleton and never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkj.cli import main
from tests.test_bad_input import IND, REAL, edit

Q2 = "params/bp3mi-jabar/2025-Q2.yaml"


def check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "check", *(args or ("2025-Q2",))])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_shipped_units_have_no_problem(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import REPO

    code, out, err = check(REPO, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("bp3mi-jabar 2025-Q2: no problem found (data/bp3mi-jabar/2025, ")
    assert "data/bp3mi-jabar/2025/published/2025-Q2.yaml" in out  # the transcription too
    code, out, _ = check(REPO, capsys, "2015-Q4")  # the period names the unit
    assert code == 0 and out.startswith("cianjur-dkp 2015-Q4: no problem found")


def test_every_problem_one_line_each(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, IND, "Data Supply,jumlah,Orang", "Data Supply,hitungan,Orang")
    edit(project_copy, REAL, "7,2,7410,,", "7,2,7.41,,")
    edit(project_copy, REAL, "13,2,Baik,,", "13,2,Bagus,,")
    edit(project_copy, REAL, "3,1,75,,", "3,1,75,,\n3,1,75,,")
    edit(project_copy, Q2, "  jabatan: Kepala", "  jabatn: Kepala")
    edit(project_copy, Q2, "{kolom: pemerintah,", "{kolom: pemda,")
    narasi = project_copy / "data/bp3mi-jabar/2025/narasi/2025-Q2/iku-01.md"
    narasi.write_text("## Informasi Kinerjaa\n\nTeks.\n", encoding="utf-8")
    code, out, err = check(project_copy, capsys)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    problems = [line for line in lines if line.startswith("lkj: error: ")]
    assert lines[-1] == f"bp3mi-jabar 2025-Q2: {len(problems)} problems"
    expected = [
        f"{IND}, row 10, column 'jenis': unknown kind",
        f"{REAL}, row 16, column 'realisasi': a decimal does not fit IKU 7",  # 15 + the row added
        f"{REAL}, row 28, column 'realisasi': 'Bagus' is not on the scale 'nka'",
        f"{REAL}, row 7: duplicate row: same iku and triwulan as row 6",
        f"{Q2}, line 9, key 'penandatangan.jabatn': unknown key",
        "data/bp3mi-jabar/2025/narasi/2025-Q2/iku-01.md, line 1: unknown section",
    ]
    for text in expected:
        assert sum(text in line for line in problems) == 1, (text, problems)
    # IKU 9's realisations are not reported again as "not in the agreement": its own row is
    # the problem
    assert not any("IKU 9 is not in the performance agreement" in line for line in problems)
    assert not (project_copy / "build").exists() and not (project_copy / "reports").exists()


def test_params_problems_are_all_listed(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, Q2, "  jabatan: Kepala", "  jabatn: Kepala")
    edit(project_copy, Q2, "lampiran_rekonsiliasi: true", "lampiran_rekonsiliasi: ya")
    code, _, err = check(project_copy, capsys)
    assert code == 2
    assert "key 'penandatangan.jabatn': unknown key" in err
    assert "key 'lampiran_rekonsiliasi': value is not valid; found 'ya'" in err


def test_new_unit_skeleton(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "--root",
        str(tmp_path),
        "new",
        "dinas-uji",
        "--nama",
        "Dinas Uji",
        "--period",
        "2026-Q3",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "data/dinas-uji/unit.yaml"
    assert "params/dinas-uji/2026-Q3.yaml" in out
    assert "data/dinas-uji/2026/narasi/2026-Q3/iku-01.md" in out
    assert (
        out[-1] == "next: fill in the files above, then `lkj check 2026-Q3` (docs/walkthrough.md)"
    )
    indikator = (tmp_path / "data/dinas-uji/2026/indikator.csv").read_text(encoding="utf-8")
    header, example = indikator.splitlines()[:2]
    assert header.startswith("iku,sasaran,indikator,jenis,satuan,polaritas,kumulasi,target")
    assert example.startswith("# 1,1,")  # a commented example row
    # the skeleton says plainly what is missing: no goal, no indicator, no realisation yet
    assert main(["--root", str(tmp_path), "check", "2026-Q3"]) == 2
    err = capsys.readouterr().err
    assert "sasaran.csv: no strategic goal" in err and "indikator.csv: no indicator" in err
    assert "Traceback" not in err
    # never overwrites
    assert main(args) == 2
    assert "data/dinas-uji already exists" in capsys.readouterr().err


def test_new_refuses_a_bad_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "new", "../x", "--nama", "X"]) == 2
    assert "unit name '../x' is not allowed" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
