"""Incremental builds: an unchanged report is skipped and said so; --force or a changed input
rebuilds it; the fingerprint record beside the report (lkj.build.fingerprint)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkj.build.fingerprint import (
    FIRST_BUILD,
    Fingerprint,
    compute,
    file_hash,
    read_record,
    reason_to_build,
    record_bytes,
)
from lkj.cli import main
from lkj.inputs.project import Project
from lkj.rules.periods import Period
from tests.conftest import REPO

Q2 = Period(2025, 2)
HTML = "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.html"
RECORD = "reports/bp3mi-jabar/2025-Q2/lkj-bp3mi-jabar-2025-tw2.fingerprint.json"
REAL = "data/bp3mi-jabar/2025/realisasi.csv"


def _build(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "build", "2025-Q2", "--to", "html", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.slow
def test_skip_force_and_changed_data(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_copy
    code, out, err = _build(root, capsys)
    assert code == 0, err
    assert "[8/8]" in out and "done in" in out
    first = (root / HTML).read_bytes()
    record = (root / RECORD).read_text(encoding="utf-8")
    assert str(root) not in record and "/tmp" not in record  # no absolute path

    # Unchanged: skipped, said so, nothing run or rewritten.
    before = (root / HTML).stat().st_mtime_ns
    code, out, err = _build(root, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("skipped bp3mi-jabar 2025-Q2: unchanged since the last build")
    assert "--force rebuilds" in out and HTML in out
    assert "[1/" not in out and "done in" not in out
    assert (root / HTML).stat().st_mtime_ns == before

    # --force: rebuilt, to the same bytes and the same record.
    code, out, err = _build(root, capsys, "--force")
    assert code == 0, err
    assert "building BP3MI Jawa Barat, Triwulan II 2025: 8 chapters (--force)" in out
    assert "[8/8]" in out
    assert (root / HTML).read_bytes() == first
    assert (root / RECORD).read_text(encoding="utf-8") == record

    # A data file changed: rebuilt, and the build says which file.
    path = root / REAL
    path.write_text(path.read_text(encoding="utf-8").replace("7,2,7410", "7,2,7411"), "utf-8")
    code, out, err = _build(root, capsys)
    assert code == 0, err
    assert f"({REAL} changed)" in out and "[8/8]" in out
    html = (root / HTML).read_text(encoding="utf-8")
    assert "7.411 Orang" in html and html.encode() != first


def test_skip_does_not_start_kernels_or_import_heavy_libraries(tmp_path: Path) -> None:
    """An unchanged rebuild answers at once: no kernel, no pandas, Altair or WeasyPrint."""
    root = tmp_path / "project"
    for name in ("data", "params"):
        shutil.copytree(REPO / name, root / name)
    project = Project.at(root)
    from lkj.build.finish import chapters

    report_dir = root / "reports/bp3mi-jabar/2025-Q2"
    report_dir.mkdir(parents=True)
    (report_dir / "lkj-bp3mi-jabar-2025-tw2.html").write_text("<html>built</html>")
    fingerprint = compute(project, "bp3mi-jabar", Q2, chapters(project))
    html = {"html": report_dir / "lkj-bp3mi-jabar-2025-tw2.html"}
    (root / RECORD).write_bytes(record_bytes(fingerprint, html, {}, None))
    probe = (
        "import sys\nfrom lkj.cli import main\n"
        f"code = main(['--root', {str(root)!r}, 'build', '2025-Q2', '--to', 'html'])\n"
        "heavy = [m for m in ('jupyter_client', 'papermill', 'pandas', 'altair', 'nbconvert',"
        " 'weasyprint', 'vl_convert') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\nsys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    assert "skipped bp3mi-jabar 2025-Q2" in result.stdout
    assert result.stdout.rstrip().endswith("HEAVY="), result.stdout
    assert not (root / "build").exists()


# ---- the fingerprint, without building ---------------------------------------------------


def _notebooks() -> list[Path]:
    return sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))


def test_fingerprint_inputs(project_copy: Path) -> None:
    project = Project.at(project_copy)
    fp = compute(project, "bp3mi-jabar", Q2, _notebooks())
    assert fp.inputs["params/bp3mi-jabar/2025-Q2.yaml"] == file_hash(
        project_copy / "params/bp3mi-jabar/2025-Q2.yaml"
    )
    assert REAL in fp.inputs and "data/bp3mi-jabar/unit.yaml" in fp.inputs
    assert "data/bp3mi-jabar/2025/narasi/2025-Q2/iku-01.md" in fp.inputs
    assert "notebooks/00_pembuka.ipynb" in fp.inputs
    assert {"lkj version", "lkj package files", "python", "package weasyprint"} <= set(fp.inputs)
    assert all(not name.startswith("/") for name in fp.inputs)

    # Hidden files and the prose of other quarters are not inputs of this report.
    other = project_copy / "data/bp3mi-jabar/2025/narasi/2025-Q1"
    other.mkdir()
    (other / "kata-pengantar.md").write_text("Triwulan I", encoding="utf-8")
    (project_copy / "data/bp3mi-jabar/.realisasi.csv.swp").write_text("x", encoding="utf-8")
    assert compute(project, "bp3mi-jabar", Q2, _notebooks()) == fp
    q1 = compute(project, "bp3mi-jabar", Period(2025, 1), _notebooks())
    assert "data/bp3mi-jabar/2025/narasi/2025-Q1/kata-pengantar.md" in q1.inputs
    assert "data/bp3mi-jabar/2025/narasi/2025-Q2/iku-01.md" not in q1.inputs

    # A missing params file is an input too ("missing"), not an error here.
    (project_copy / "params/bp3mi-jabar/2025-Q2.yaml").unlink()
    gone = compute(project, "bp3mi-jabar", Q2, _notebooks())
    assert gone.inputs["params/bp3mi-jabar/2025-Q2.yaml"] == "missing"
    assert gone.digest != fp.digest


def test_reasons_to_build(tmp_path: Path) -> None:
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    html.write_text("html", encoding="utf-8")
    pdf.write_bytes(b"%PDF")
    shown = {"html": "r.html", "pdf": "r.pdf"}
    fp = Fingerprint({"data/u/a.csv": "1", "params/u/2025-Q2.yaml": "2", "lkj version": "0.1"})
    record = json.loads(record_bytes(fp, {"html": html}, {}, None))
    both = {"html": html, "pdf": pdf}

    assert reason_to_build(None, fp, {"html": html}, shown) == FIRST_BUILD
    assert reason_to_build(record, fp, {"html": html}, shown) is None
    assert reason_to_build(record, fp, both, shown) == "no pdf built yet"
    changed = Fingerprint({**fp.inputs, "data/u/a.csv": "9"})
    assert reason_to_build(record, changed, {"html": html}, shown) == "data/u/a.csv changed"
    more = Fingerprint({**fp.inputs, "data/u/a.csv": "9", "lkj version": "0.2"})
    assert reason_to_build(record, more, {"html": html}, shown) == (
        "data/u/a.csv changed and 1 more"
    )
    new = Fingerprint({**fp.inputs, "data/u/b.csv": "3"})
    assert reason_to_build(record, new, {"html": html}, shown) == "data/u/b.csv is new"
    gone = Fingerprint({k: v for k, v in fp.inputs.items() if k != "data/u/a.csv"})
    assert reason_to_build(record, gone, {"html": html}, shown) == "data/u/a.csv is gone"

    html.write_text("edited by hand", encoding="utf-8")
    assert reason_to_build(record, fp, {"html": html}, shown) == (
        "r.html was changed since it was built"
    )
    html.unlink()
    assert reason_to_build(record, fp, {"html": html}, shown) == "r.html is missing"


def test_record_keeps_formats_built_before(tmp_path: Path) -> None:
    """`--to html` then `--to pdf`: the record lists both, while the HTML is unaltered."""
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    html.write_text("html", encoding="utf-8")
    pdf.write_bytes(b"%PDF")
    fp = Fingerprint({"a": "1"})
    first = json.loads(record_bytes(fp, {"html": html}, {"pdf": pdf}, None))
    assert set(first["outputs"]) == {"html"}
    second = record_bytes(fp, {"pdf": pdf}, {"html": html}, first)
    assert set(json.loads(second)["outputs"]) == {"html", "pdf"}
    assert second == record_bytes(fp, {"pdf": pdf}, {"html": html}, first)  # same bytes
    html.write_text("changed", encoding="utf-8")
    assert set(json.loads(record_bytes(fp, {"pdf": pdf}, {"html": html}, first))["outputs"]) == {
        "pdf"
    }
    other = Fingerprint({"a": "2"})  # other inputs: what was built before does not count
    assert set(json.loads(record_bytes(other, {"pdf": pdf}, {"html": html}, first))["outputs"]) == {
        "pdf"
    }


def test_unreadable_record_means_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "r.fingerprint.json"
    assert read_record(path) is None
    path.write_text("{not json", encoding="utf-8")
    assert read_record(path) is None
    path.write_text('{"format": 99}', encoding="utf-8")
    assert read_record(path) is None
