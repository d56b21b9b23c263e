"""LibreOffice, headless, as a stand-in for Excel and Word: a file it converts is one it opens.

Tests that need it fail (never skip) when ``soffice`` is missing, naming the Debian packages:
`make test` installs libreoffice-calc and libreoffice-writer when missing
(tools/system-deps.sh test), as .ci/run does.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import require_program

# Every sheet to its own CSV file (field 12 = -1), UTF-8 (76), comma-separated (44).
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice() -> str:
    return require_program("soffice", "libreoffice-calc libreoffice-writer")


def convert(source: Path, target: str, out: Path) -> list[Path]:
    """``soffice --headless --convert-to TARGET`` into ``out``: the files written. A private
    profile keeps concurrent runs apart; a conversion that fails is a test failure."""
    out.mkdir(parents=True, exist_ok=True)
    profile = out.parent / f"{out.name}-lo-profile"
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    written = sorted(out.iterdir())
    assert done.returncode == 0 and written, f"soffice failed: {done.stdout}{done.stderr}"
    return written
