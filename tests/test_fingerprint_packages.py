"""A report's fingerprint names every installed distribution and its version, not a chosen
few: WeasyPrint's fontTools, Pyphen, Pillow, cssselect2 and tinyhtml5 shape the PDF too."""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

from lkj.build.fingerprint import compute, reason_to_build, record_bytes
from lkj.inputs.project import Project
from lkj.rules.periods import Period


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_installed_distribution_is_an_input(project_copy: Path) -> None:
    inputs = compute(Project.at(project_copy), "bp3mi-jabar", Period(2025, 2), []).inputs
    packages = {
        k.removeprefix("package "): v for k, v in inputs.items() if k.startswith("package ")
    }
    for shaping in ("fonttools", "pyphen", "pillow", "cssselect2", "tinyhtml5", "weasyprint"):
        assert packages[shaping] == metadata.version(shaping), shaping
    installed: dict[str, str] = {}
    for dist in metadata.distributions():  # the first of a name wins, as for imports
        installed.setdefault(_normal(dist.metadata["Name"]), dist.version)
    installed.pop("lkj")  # its version and every file of it are inputs of their own
    assert packages == installed
    assert "lkj version" in inputs and "lkj package files" in inputs


def test_another_version_of_any_distribution_means_a_rebuild(project_copy: Path) -> None:
    project = Project.at(project_copy)
    now = compute(project, "bp3mi-jabar", Period(2025, 2), [])
    html = project_copy / "r.html"
    html.write_text("built")
    record = json.loads(record_bytes(now, {"html": html}, {}, None))
    assert reason_to_build(record, now, {"html": html}, {"html": "r.html"}) is None
    record["inputs"]["package pyphen"] = "0.0.1"
    record["fingerprint"] = "an older build"
    reason = reason_to_build(record, now, {"html": html}, {"html": "r.html"})
    assert reason == "package pyphen changed"
