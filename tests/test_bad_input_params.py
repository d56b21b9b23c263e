"""Bad params and narrative files: `lkj build` stops before any chapter with one clear line.

Only `lkj build` reads them (``lkj summary`` and ``lkj audit`` need neither). Misspelt, missing
and mistyped params keys: tests/test_build_params.py. A missing narrative file is no error: the
report shows the text as missing, by design.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lkj.report.blocks import Missing, Prose
from lkj.report.context import load_report
from tests.test_bad_input import edit, fail

Q2 = "params/bp3mi-jabar/2025-Q2.yaml"
NARASI = "data/bp3mi-jabar/2025/narasi/2025-Q2"


def build_fails(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return fail(root, capsys, "build", "2025-Q2")


# ---- params -----------------------------------------------------------------------------


def test_empty_params_file(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / Q2).write_text("\n  \n", encoding="utf-8")
    assert f"{Q2}: file is empty" in build_fails(project_copy, capsys)


def test_params_only_comments(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / Q2).write_text("# nothing yet\n", encoding="utf-8")
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}, key 'period': required key is missing" in msg


def test_latin1_params_file(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project_copy / Q2
    text = path.read_text(encoding="utf-8").replace("tempat: Bandung", "tempat: Bandung Kota")
    path.write_bytes(text.replace("Kota", "Kotà").encode("latin-1"))
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}: line 7 is not valid UTF-8 (byte 0xe0)" in msg and "UTF-8" in msg


def test_params_with_bom_are_accepted(project_copy: Path) -> None:
    path = project_copy / Q2
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    ctx = load_report("bp3mi-jabar", "2025-Q2", project_copy)  # what `lkj build` checks first
    assert ctx.params.penandatangan.tempat == "Bandung"


def test_params_yaml_syntax_error(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, Q2, "  jabatan: Kepala", "  jabatan: Kepala: Balai")
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}: line 9: YAML syntax error" in msg and "indentation and quoting" in msg


def test_params_tab_indentation(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, Q2, "  tempat: Bandung", "\ttempat: Bandung")
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}: line 7: YAML syntax error" in msg


def test_params_not_a_mapping(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / Q2).write_text("- period: 2025-Q2\n", encoding="utf-8")
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}: the document is not a mapping" in msg and "'key: value' lines" in msg


def test_misspelt_top_level_key(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, Q2, "tabel_pendukung:", "tabel_pendukun:")
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}, line 16, key 'tabel_pendukun': unknown key" in msg
    assert "did you mean 'tabel_pendukung'?" in msg


def test_params_value_of_wrong_type(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, Q2, "lampiran_rekonsiliasi: true", "lampiran_rekonsiliasi: ya")
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}, line 48, key 'lampiran_rekonsiliasi': value is not valid; found 'ya'" in msg
    assert msg.endswith("expected a valid boolean")


def test_impossible_signing_date(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, Q2, "tanggal: 2025-07-21", "tanggal: 2025-02-31")
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}, line 8: this date does not exist (day is out of range for month)" in msg
    assert "found '2025-02-31'; expected a real date written YYYY-MM-DD" in msg


def test_malformed_signing_date(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, Q2, "tanggal: 2025-07-21", "tanggal: 21-07-2025")
    msg = build_fails(project_copy, capsys)
    assert f"{Q2}, line 8, key 'penandatangan.tanggal': value is not valid" in msg
    assert "found '21-07-2025'; expected a date written YYYY-MM-DD" in msg


# ---- narrative files (narasi) -------------------------------------------------------------


def test_empty_narrative_file(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / NARASI / "iku-03.md").write_text("\n", encoding="utf-8")
    assert f"{NARASI}/iku-03.md: file is empty" in build_fails(project_copy, capsys)


def test_latin1_narrative_file(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project_copy / NARASI / "kata-pengantar.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "Catatan: realisasi naik ± 5%.\n"
    path.write_bytes("".join(lines).encode("latin-1", errors="replace"))
    msg = build_fails(project_copy, capsys)
    assert f"{NARASI}/kata-pengantar.md: line 3 is not valid UTF-8 (byte 0xb1)" in msg
    assert "saved as UTF-8" in msg


def test_narrative_file_with_bom_is_accepted(project_copy: Path) -> None:
    path = project_copy / NARASI / "kata-pengantar.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    ctx = load_report("bp3mi-jabar", "2025-Q2", project_copy)
    block = ctx.narasi.block("kata-pengantar", "Kata Pengantar")
    assert isinstance(block, Prose)
    assert "\ufeff" not in block.html() and "<p>" in block.html()


def test_misspelt_narrative_section(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, f"{NARASI}/iku-01.md", "## Evaluasi Kinerja", "## Evaluasi kinerja")
    msg = build_fails(project_copy, capsys)
    assert f"{NARASI}/iku-01.md" in msg and "unknown section '## Evaluasi kinerja'" in msg
    assert "## Evaluasi Kinerja" in msg  # the titles it may have


def test_text_before_the_first_section(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_copy / NARASI / "iku-01.md"
    path.write_text("Pembuka tanpa judul.\n\n" + path.read_text(encoding="utf-8"))
    msg = build_fails(project_copy, capsys)
    assert f"{NARASI}/iku-01.md, line 1: text before the first '##' section" in msg


def test_missing_narrative_file_is_shown_as_missing(project_copy: Path) -> None:
    """By design not an error: the build goes on and the report marks the text as missing."""
    (project_copy / NARASI / "iku-03.md").unlink()
    ctx = load_report("bp3mi-jabar", "2025-Q2", project_copy)  # what `lkj build` checks first
    block = ctx.narasi.block("iku-03", "IKU 3, Evaluasi Kinerja", "Evaluasi Kinerja")
    assert isinstance(block, Missing)
    assert block.html() == (
        '<div class="lkj-missing">Narasi analis untuk IKU 3, Evaluasi Kinerja '
        "(Triwulan II 2025) belum tersedia.</div>"
    )
    assert block.file == f"{NARASI}/iku-03.md"
