"""The documentation's links, anchors and code references resolve, and lkj's messages cite
documentation that exists (docs/), not a unit's folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docs_md import anchors, documentation, problems, resolve_dotted, slug

DOCS = documentation(REPO)


def test_the_documentation_is_found() -> None:
    names = {p.relative_to(REPO).as_posix() for p in DOCS}
    assert {"README.md", "DESIGN.md", "docs/README.md", "docs/glossary.md"} <= names
    assert not any("/narasi/" in n for n in names), "the analysts' prose is not documentation"


@pytest.mark.parametrize("path", DOCS, ids=[p.relative_to(REPO).as_posix() for p in DOCS])
def test_links_anchors_and_code_references_resolve(path: Path) -> None:
    assert problems(path, REPO) == []


def test_github_heading_ids() -> None:
    assert slug("`iku:` rows (key `iku`)") == "iku-rows-key-iku"
    assert slug("Cooperation agreements (MoU)") == "cooperation-agreements-mou"
    assert slug("<year>/anggaran.yaml") == "yearanggaranyaml"
    assert slug("Bab II \u2013 Capaian") == "bab-ii--capaian"  # an en dash goes, its spaces stay


def test_broken_links_anchors_and_references_are_caught(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# Title\n\n## Title\n\n## `pagu.csv`\n", encoding="utf-8")
    assert anchors(tmp_path / "b.md") == {"title", "title-1", "pagucsv"}
    page = tmp_path / "a.md"
    page.write_text(
        "# A\n\n"
        "[ok](b.md#title-1) [ok](#a) [ok](https://example.org/x.md#nope) [ok](b.md#pagucsv)\n"
        "`lkj.rules.periods.Period.slug` `lkj/rules/periods.py` `[not a link](missing.md)`\n\n"
        "[gone](missing.md) [no heading](b.md#nope) [no anchor here](#nope)\n"
        "[line](b.txt#L3) `lkj.rules.periods.Nope` `lkj.rules.nothing` `lkj/nope.py`\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("x\n", encoding="utf-8")
    found = problems(page, REPO)
    assert found == [
        "link 'missing.md': missing.md does not exist",
        "link 'b.md#nope': b.md has no heading #nope",
        "link '#nope': a.md has no heading #nope",
        "link 'b.txt#L3': an anchor into a file that is not Markdown",
        "`lkj.rules.periods.Nope`: lkj/rules/periods.py defines no Nope",
        "`lkj.rules.nothing`: lkj/rules/__init__.py defines no nothing",
        "`lkj/nope.py`: no such file or folder",
    ]


def test_dotted_names_reach_class_attributes() -> None:
    assert resolve_dotted("lkj.rules.indicators.Indicator.target_triwulan", REPO) is None
    assert resolve_dotted("lkj.inputs.params.ReportParams.lampiran_rekonsiliasi", REPO) is None
    assert resolve_dotted("lkj.rules.indicators.Indicator.nope", REPO) == (
        "`lkj.rules.indicators.Indicator.nope`: Indicator has no nope"
    )


_DOC_PATH = re.compile(r"\bdocs/[\w/.-]+?\.md(?:#[\w-]+)?")
_OLD_DOCS = re.compile(r"(?:data|params|narasi|published|notebooks)/README\.md")


def test_code_cites_existing_docs_and_no_unit_folder() -> None:
    cited = []
    for source in sorted((REPO / "lkj").rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        shown = source.relative_to(REPO)
        assert not _OLD_DOCS.search(text), f"{shown} cites a README that moved to docs/"
        for match in _DOC_PATH.finditer(text):
            path, _, anchor = match.group().partition("#")
            assert (REPO / path).is_file(), f"{shown} cites {match.group()}, which does not exist"
            if anchor:
                assert anchor in anchors(REPO / path), f"{shown}: no heading #{anchor} in {path}"
            cited.append(path)
    # the audit's message and the readers of data, prose and transcriptions point at docs/
    assert {"docs/published.md", "docs/data.md", "docs/narasi.md"} <= set(cited)
