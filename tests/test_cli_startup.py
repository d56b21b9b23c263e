"""The CLI's start-up path stays light: `lkj --help`, `lkj summary` and `lkj audit` import no
altair, nbconvert, papermill or weasyprint."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

HEAVY = ("altair", "nbconvert", "papermill", "weasyprint", "vl_convert", "pandas")
PROBE = """
import sys
from lkj.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
sys.exit(code)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--root", str(REPO), "summary", "2025-Q2"],
        ["--root", str(REPO), "audit", "2025-Q2"],
    ],
)
def test_light_commands_do_not_import_heavy_libraries(args: list[str]) -> None:
    probe = PROBE.format(heavy=HEAVY)
    if args == ["--help"]:
        probe = probe.replace(
            "code = main(sys.argv[1:])",
            "code = 0\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass",
        )
    result = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY=\n" in result.stdout or result.stdout.rstrip().endswith("HEAVY="), result.stdout
