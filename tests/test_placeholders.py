"""Placeholders in the analysts' prose (lkj.figures.placeholders): figures, formats, the sandbox.

Hand-worked figures of the shipped data, Triwulan II 2025: IKU 2 capaian 21 / 26 = 80,769…% ->
80,77%, to date (75,75 + 80,769…) / 2 = 78,26%; IKU 9 realisation Triwulan I 75 orang, to date
75 + 544 = 619, target to date 500 + 500 = 1.000 orang; IKU 7 realisation 7.410; IKU 12 91,5;
IKU 13 Baik; mean 64,55%; 5 of 13 targets reach 100%; absorption 3.515.820.174 / 9.721.224.000
= 36,17%.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from lkj.cli import main
from lkj.errors import DataError
from lkj.figures.placeholders import Angka, Figures, Ikus, context, expand
from lkj.figures.summary import summarise
from lkj.inputs.project import Project
from lkj.report.context import load_report
from tests.conftest import REPO

NARASI = "data/bp3mi-jabar/2025/narasi/2025-Q2"


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return context(summarise("2025-Q2", None, Project.at(REPO)))


@pytest.mark.parametrize(
    ("placeholder", "expected"),
    [
        ("{{ iku[2].capaian }}", "80,77%"),
        ("{{iku[2].capaian_kumulatif}}", "78,26%"),
        ("{{ iku[2].realisasi }}", "80,77%"),
        ("{{ iku[2].target }}", "100%"),
        ("{{ iku[2].pembilang }} dari {{ iku[2].penyebut }}", "21 dari 26"),
        ("{{ iku[9].realisasi_tw[1] }}", "75 orang"),
        ("{{ iku[9].realisasi_kumulatif }}", "619 orang"),
        ("{{ iku[9].target_tw[2] }}", "500 orang"),
        ("{{ iku[9].target_sd }}", "1.000 orang"),
        ("{{ iku[9].capaian_tw[1] }}", "3,75%"),
        ("{{ iku[7].realisasi.angka }} CPMI/PMI", "7.410 CPMI/PMI"),
        ("{{ iku[12].realisasi }}", "91,5"),
        ("{{ iku[13].realisasi }}", "Baik"),
        ("{{ rata_rata }}", "64,55%"),
        ("{{ jumlah.mencapai_100 }} dari {{ jumlah.target }}", "5 dari 13"),
        ("{{ jumlah.di_atas_100 }}/{{ jumlah.tepat_100 }}/{{ jumlah.di_bawah_100 }}", "2/3/8"),
        ("{{ jumlah.sasaran }}", "9"),
        ("{{ anggaran.pagu }}", "Rp 9.721.224.000"),
        ("{{ anggaran.realisasi.angka }}", "3.515.820.174"),
        ("{{ anggaran.persen }}", "36,17%"),
        ("{{ triwulan }} {{ tahun }}", "Triwulan II 2025"),
    ],
)
def test_figures_in_indonesian_format(
    figures: dict[str, Any], placeholder: str, expected: str
) -> None:
    assert expand(f"Teks {placeholder}.\n", figures, "f.md") == f"Teks {expected}.\n"


def test_text_without_placeholders_is_unchanged(figures: dict[str, Any]) -> None:
    text = "Capaian 80,76% (as published).\n\n"
    assert expand(text, figures, "f.md") is text


def refused(figures: dict[str, Any], text: str) -> str:
    with pytest.raises(DataError) as info:
        expand(text, figures, "narasi/iku-02.md")
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # escapes through Python's object model
        ("{{ ''.__class__.__mro__ }}", ["line 3", "a literal value in a placeholder"]),
        ("{{ iku.__class__.__mro__[1].__subclasses__() }}", ["line 3", "a call"]),
        ("{{ iku.__class__ }}", ["line 3", "not a figure", "'iku.__class__'"]),
        ("{{ iku[2].capaian.__class__ }}", ["line 3", "not a figure"]),
        ("{{ iku[2]['__init__'] }}", ["line 3", "not a figure"]),
        ("{{ cycler.__init__.__globals__.os }}", ["line 3", "unknown placeholder name"]),
        ("{{ lipsum }}", ["line 3", "unknown placeholder name", "'lipsum'"]),
        # files and imports
        ("{% include '/etc/passwd' %}", ["line 3", "statements", "'Include'"]),
        ("{% import 'os' as os %}", ["line 3", "statements", "'Import'"]),
        ("{% extends '/etc/passwd' %}", ["line 3", "statements", "'Extends'"]),
        ("{% set x = 1 %}", ["line 3", "statements"]),
        # anything but a figure
        ("{{ iku[2].capaian | e }}", ["line 3", "a filter"]),
        ("{{ 9 ** 9 ** 9 }}", ["line 3", "arithmetic"]),
        ("{{ iku[2] }}", ["line 3", "a single figure", "iku[2].capaian"]),
        # unknown names and figures
        ("{{ iku[2].capain }}", ["line 3", "not a figure", "one of capaian,"]),
        ("{{ iku[14].capaian }}", ["line 3", "no such IKU", "iku[13]"]),
        ("{{ iku[9].realisasi_tw[3] }}", ["line 3", "Triwulan III comes after"]),
        ("{{ iku[2].capaian", ["line 3", "placeholder is not understood"]),
    ],
)
def test_refused_with_file_and_line(
    figures: dict[str, Any], text: str, expected: list[str]
) -> None:
    message = refused(figures, f"Satu.\n\nDua {text} tiga.\n")
    assert message.startswith("narasi/iku-02.md, line 3: "), message
    for part in expected:
        assert part in message, message


def test_a_placeholder_cannot_read_a_file(figures: dict[str, Any], tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    for text in (
        f"{{% include '{secret}' %}}",
        f"{{{{ '{secret}' | read }}}}",
        "{{ self._TemplateReference__context }}",
    ):
        assert "SECRET" not in refused(figures, text)


def test_markdown_in_a_figure_is_escaped(figures: dict[str, Any]) -> None:
    # an indicator's name is data: its Markdown characters stay characters
    figures = dict(figures)
    figures["iku"] = Ikus({1: Figures("iku[1]", {"nama": Angka("*a* [b]", "*a* [b]")})})
    assert expand("{{ iku[1].nama }}\n", figures, "f.md") == "\\*a\\* \\[b\\]\n"


def test_the_report_prints_the_figures() -> None:
    """The shipped prose of IKU 2 and 9: the stale published figures are placeholders now."""
    ctx = load_report("bp3mi-jabar", "2025-Q2", REPO)
    iku2 = ctx.narasi.block("iku-02", "IKU 2", "Evaluasi Kinerja")
    iku9 = ctx.narasi.block("iku-09", "IKU 9", "Evaluasi Kinerja")
    assert iku2 is not None and iku9 is not None
    assert "dengan capaian sebesar 80,77% dari target 100%" in iku2.html()
    assert "memperoleh angka realisasi sebanyak 75 orang." in iku9.html()
    assert "{{" not in iku2.html() + iku9.html()


def test_build_refuses_an_unknown_name_before_any_chapter(project_copy: Path) -> None:
    path = project_copy / NARASI / "iku-02.md"
    text = path.read_text(encoding="utf-8").replace("{{ iku[2].capaian }}", "{{ iku[2].capain }}")
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(project_copy), "build", "2025-Q2"])
    assert code == 2
    assert "[1/" not in out.getvalue()
    (line,) = err.getvalue().strip().splitlines()
    assert line.startswith(f"lkj: error: {NARASI}/iku-02.md, line 7: not a figure")
    assert "'iku[2].capain'" in line and "one of capaian" in line
