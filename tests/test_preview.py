"""`lkj preview`: which chapters a change re-runs, the served page, the server, the port in use,
and the preview's page against the report `lkj build` publishes (the browser test is in
tests/test_browser.py)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lkj.build.live import Page, listen
from lkj.build.preview import Places, Preview, affected
from lkj.cli import main
from lkj.inputs.project import Project
from lkj.rules.periods import Period
from tests.conftest import REPO, BuiltReport

UNIT = "bp3mi-jabar"
Q2 = Period(2025, 2)


def places_at(root: Path) -> Places:
    unit = root / "data" / "u"
    return Places(
        unit_dir=unit,
        narasi=unit / "2025" / "narasi" / "2025-Q2",
        narasi_root=unit / "2025" / "narasi",
        params=root / "params" / "u" / "2025-Q2.yaml",
        notebooks=root / "notebooks",
    )


NAMES = ["00_pembuka", "04_evaluasi", "05_anggaran"]
#: 05_anggaran has not run yet: nobody knows which prose it shows.
ASKED = {
    "00_pembuka": frozenset({"kata-pengantar"}),
    "04_evaluasi": frozenset({"bab2-evaluasi", "iku-03"}),
}


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ("data/u/2025/narasi/2025-Q2/iku-03.md", {"04_evaluasi", "05_anggaran"}),
        ("data/u/2025/narasi/2025-Q2/kata-pengantar.md", {"00_pembuka", "05_anggaran"}),
        ("data/u/2025/narasi/2025-Q1/iku-03.md", set()),  # another quarter's prose
        ("data/u/2025/realisasi.csv", set(NAMES)),
        ("data/u/unit.yaml", set(NAMES)),
        ("params/u/2025-Q2.yaml", set(NAMES)),
        ("params/u/2025-Q1.yaml", set()),  # another report's params
        ("notebooks/04_evaluasi.ipynb", {"04_evaluasi"}),
        ("notebooks/README.md", set()),
    ],
)
def test_a_change_reruns_the_chapters_it_affects(
    tmp_path: Path, changed: str, expected: set[str]
) -> None:
    assert affected([tmp_path / changed], places_at(tmp_path), NAMES, ASKED) == expected


def test_the_page_gets_the_reload_script_and_an_escaped_error_banner() -> None:
    page = Page()
    first = page.render().decode()
    assert "Laporan sedang disusun" in first and 'id="lkj-preview-reload"' in first
    page.publish('<html><body class="x">\n<main>isi</main>\n</body></html>', None)
    served = page.render().decode()
    assert served.count('id="lkj-preview-reload"') == 1
    assert "var version = 1;" in served
    assert served.index("<main>") < served.index("lkj-preview-reload") < served.index("</body>")
    assert 'id="lkj-preview-error"' not in served
    page.publish(None, "data/u/x.md, line 3: <script>alert(1)</script>")
    broken = page.render().decode()
    assert "<main>isi</main>" in broken  # the last good report stays
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in broken and "<script>alert" not in broken
    assert (
        broken.index('<body class="x">')
        < broken.index('id="lkj-preview-error"')
        < broken.index("<main>")
    )
    page.publish("<html><body>\n<main>baru</main>\n</body></html>", None)
    assert 'id="lkj-preview-error"' not in page.render().decode()


def test_a_waiting_request_is_answered_when_the_page_changes() -> None:
    page = Page()
    timer = threading.Timer(0.2, page.publish, args=("<html><body></body></html>", None))
    start = time.monotonic()
    timer.start()
    try:
        assert page.wait(0, timeout=10) == 1
    finally:
        timer.cancel()
    assert time.monotonic() - start < 5
    start = time.monotonic()
    assert page.wait(1, timeout=0.3) == 1  # no change: answered after the timeout
    assert 0.25 <= time.monotonic() - start < 5


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def test_the_server_serves_the_page_its_state_and_nothing_else() -> None:
    page = Page()
    page.publish("<html><body>\n<main>isi</main>\n</body></html>", "a mistake")
    server = listen(0, page)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        code, kind, body = _get(base + "/")
        assert (code, kind) == (200, "text/html; charset=utf-8")
        assert b"<main>isi</main>" in body and b"a mistake" in body
        code, _, body = _get(base + "/__lkj__/state")
        assert json.loads(body) == {"version": 1, "ready": True, "error": "a mistake"}
        code, _, body = _get(base + "/__lkj__/wait?version=0")  # behind: answered at once
        assert json.loads(body) == {"version": 1}
        assert _get(base + "/../data/u/unit.yaml")[0] == 404
        assert _get(base + "/reports/")[0] == 404
    finally:
        page.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_a_port_in_use_is_one_line_suggesting_another(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        start = time.monotonic()
        code = main(["--root", str(project_copy), "preview", "2025-Q2", "--port", str(port)])
        seconds = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        f"lkj: error: port {port} on 127.0.0.1 is already in use; choose another with --port, "
        f"e.g. --port {port + 1}"
    ]
    assert seconds < 10  # refused before any kernel starts


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_a_port_out_of_range(
    project_copy: Path, capsys: pytest.CaptureFixture[str], port: str
) -> None:
    assert main(["--root", str(project_copy), "preview", "2025-Q2", "--port", port]) == 2
    assert "expected a port from 1 to 65535" in capsys.readouterr().err


def test_the_published_report_has_no_preview_script(built_report: BuiltReport) -> None:
    assert "lkj-preview" not in built_report.html
    assert "__lkj__" not in built_report.html


@pytest.fixture
def preview_root(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("data", "params", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    return root


BOOM = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "boom",
            "metadata": {},
            "outputs": [],
            "source": "raise RuntimeError('rusak')",
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.mark.slow
def test_preview_updates_only_what_changed_and_shows_what_lkj_build_publishes(
    preview_root: Path, built_report: BuiltReport
) -> None:
    prose = preview_root / f"data/{UNIT}/2025/narasi/2025-Q2/iku-03.md"
    original = prose.read_text(encoding="utf-8")
    names = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9]*.ipynb"))
    with Preview(Project.at(preview_root), UNIT, Q2, timeout=300) as preview:
        first = preview.update(None)
        assert first.error is None and list(first.ran) == names
        assert first.html == built_report.html  # the same bytes as the published page

        new = "## Informasi Kinerja\n\nKalimat baru dari analis.\n"
        prose.write_text(original.replace("## Informasi Kinerja\n", new, 1), encoding="utf-8")
        edited = preview.update({prose})
        assert edited.error is None and edited.ran == ("04_bab2b_evaluasi_analisis",)
        assert edited.html is not None and "Kalimat baru dari analis." in edited.html

        prose.write_text(original + "\n## Bagian Lain\n\nteks\n", encoding="utf-8")
        broken = preview.update({prose})
        assert broken.ran == () and broken.html is None
        assert broken.error is not None
        assert broken.error.startswith(
            f"data/{UNIT}/2025/narasi/2025-Q2/iku-03.md, line {original.count(chr(10)) + 2}: "
            "unknown section '## Bagian Lain'"
        )
        assert preview.due == {"04_bab2b_evaluasi_analisis"}

        prose.write_text(original, encoding="utf-8")
        fixed = preview.update({prose})
        assert fixed.error is None and fixed.ran == ("04_bab2b_evaluasi_analisis",)
        assert fixed.html == built_report.html

        boom = preview_root / "notebooks" / "08_boom.ipynb"
        boom.write_text(json.dumps(BOOM), encoding="utf-8")
        failed = preview.update({boom})
        assert failed.ran == ("08_boom",) and failed.html is None
        assert failed.error is not None and "chapter 08_boom failed" in failed.error
        assert "RuntimeError: rusak" in failed.error
        boom.unlink()
        again = preview.update({boom})  # the last good page is the report again
        assert again.error is None and again.ran == () and again.html is None
