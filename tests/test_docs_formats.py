"""docs/ describes the files, columns and keys lkj reads, no more and no fewer.

Each test compares a table of the documentation with the code that reads the file: the CSV
columns lkj asks for while loading the example unit, the fields of the pydantic models, the
keys of a transcription, the narrative files and their sections.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel

from lkj.inputs import published, unit
from lkj.inputs.params import ReportParams
from lkj.inputs.project import Project
from lkj.report.prose import IKU_SECTIONS, SECTIONS
from tests.conftest import REPO
from tests.docs_md import Section, first_column, sections

DOCS = REPO / "docs"


def documented(section: Section) -> dict[str, str]:
    """``{name: its description}`` for every name in the first column of a section's tables."""
    return {name: text for names, text in first_column(section) for name in names}


def keys(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every key of a model as the docs write it: ``kontak``, ``kontak.telepon``,
    ``tabel_pendukung[].iku``."""
    for name, info in model.model_fields.items():
        yield prefix + name
        inner, suffix = info.annotation, "."
        if get_origin(inner) is list:
            inner, suffix = get_args(inner)[0], "[]."
        if not isinstance(inner, type):  # an optional model: Model | None
            inner = next((a for a in get_args(inner) if a is not type(None)), inner)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from keys(inner, f"{prefix}{name}{suffix}")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[set[str], set[str]]]:
    """``{file name: (required columns, optional columns)}`` as lkj asks for them while it
    loads the example unit's year."""
    result: dict[str, tuple[set[str], set[str]]] = {}
    real = unit.read_csv

    def spy(
        path: Path, shown: str, columns: list[str], optional: tuple[str, ...] = (), **kw: Any
    ) -> Any:
        result[path.name] = (set(columns), set(optional))
        return real(path, shown, columns, optional, **kw)

    monkeypatch.setattr(unit, "read_csv", spy)
    project = Project.at(REPO)
    for name in project.units():  # every example unit: together they have every file
        for folder in project.unit_dir(name).iterdir():
            # a year of the unit's data (an earlier year may hold only hasil.csv: annual.md)
            if folder.name.isdigit() and (folder / "sasaran.csv").is_file():
                unit.load(project, name, int(folder.name))
    return result


def csv_mismatches(page: Path, asked: dict[str, tuple[set[str], set[str]]]) -> list[str]:
    """Where the CSV sections of ``page`` differ from what lkj reads."""
    docs = sections(page)
    found = []
    files = {name for name in docs if name.endswith(".csv")}
    if files != set(asked):
        found.append(f"files: documented {sorted(files)}, read {sorted(asked)}")
    for name in sorted(files & set(asked)):
        required, optional = asked[name]
        columns = documented(docs[name])
        if set(columns) != required | optional:
            read = sorted(required | optional)
            found.append(f"{name}: documented {sorted(columns)}, read {read}")
        marked = {c for c, text in columns.items() if text.startswith("optional")}
        if marked != optional:
            found.append(f"{name}: marked optional {sorted(marked)}, optional {sorted(optional)}")
    return found


def test_csv_files_and_columns(asked: dict[str, tuple[set[str], set[str]]]) -> None:
    assert len(asked) >= 6
    assert csv_mismatches(DOCS / "data.md", asked) == []


def test_a_wrong_column_is_caught(
    asked: dict[str, tuple[set[str], set[str]]], tmp_path: Path
) -> None:
    text = (DOCS / "data.md").read_text(encoding="utf-8")
    wrong = text.replace("| `nama` |", "| `nama`, `warna` |", 1)  # sasaran.csv comes first
    wrong = wrong.replace("| `pembilang`, `penyebut` | optional:", "| `pembilang`, `penyebut` | ")
    wrong = wrong.replace("### `pagu.csv`", "### `pagu.txt`")
    assert wrong.count("`warna`") == 1 and "`pagu.txt`" in wrong
    (tmp_path / "data.md").write_text(wrong, encoding="utf-8")
    assert csv_mismatches(tmp_path / "data.md", asked) == [
        "files: documented " + str(sorted(set(asked) - {"pagu.csv"})) + f", read {sorted(asked)}",
        "realisasi.csv: marked optional [], optional ['pembilang', 'penyebut']",
        "sasaran.csv: documented ['nama', 'sasaran', 'warna'], read ['nama', 'sasaran']",
    ]


@pytest.mark.parametrize(
    ("heading", "model"),
    [("unit.yaml", unit.UnitInfo), ("<year>/anggaran.yaml", unit.AnggaranTotal)],
)
def test_yaml_keys_of_the_data(heading: str, model: type[BaseModel]) -> None:
    assert set(documented(sections(DOCS / "data.md")[heading])) == set(keys(model))


def test_params_keys() -> None:
    (table,) = [s for s in sections(DOCS / "params.md").values() if s.rows]
    assert set(documented(table)) == set(keys(ReportParams))


def test_transcription_keys() -> None:
    docs = sections(DOCS / "published.md")
    iku = documented(docs["iku: rows (key iku)"])
    assert set(iku) == set(published.IKU_FIELDS)
    assert set(docs["angka: (figures about the unit)"].codes) == set(published.UNIT_FIELDS)
    other = {names[0]: text for names, text in first_column(docs["Other rows"])}
    kinds = {f"{k.name}:": k for k in published.ROW_KINDS if k.name != "iku"}
    assert set(other) == set(kinds)
    for row in docs["Other rows"].rows:
        list_name = row[0].children[0].content  # type: ignore[index]
        key, fields = (
            [c.content for c in cell.children or [] if c.type == "code_inline"] for cell in row[1:]
        )
        assert key[0] == kinds[list_name].key, list_name  # then the file it comes from
        assert set(fields) == set(kinds[list_name].fields), list_name


def test_narrative_files_and_sections() -> None:
    (table,) = [s for s in sections(DOCS / "narasi.md").values() if s.rows]
    files: dict[str, tuple[str, ...] | None] = {}
    for row in table.rows:
        spans = [c.content for c in row[0].children or [] if c.type == "code_inline"]
        listed = tuple(c.content for c in row[-1].children or [] if c.type == "code_inline")
        files[spans[0].removesuffix(".md")] = listed or None
    assert files.pop("iku-NN") == IKU_SECTIONS
    assert files == SECTIONS
