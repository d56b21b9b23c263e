"""``lkj convert``: a year's CSV files (and ``anggaran.yaml``) to one workbook, and back.

Lossless: every cell's text is carried as it was written (:func:`lkj.inputs.sheets.cell_value`
types a cell as a number or a date only when reading it back gives the same text), the
columns keep their order, and before anything is written the converted year is loaded again
and compared with the original, figure by figure (:func:`check_same`). What is not data is not
carried: comments in ``anggaran.yaml``, a ``;`` separator or a byte-order mark in a CSV file,
blank lines, and formatting in the workbook.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lkj.errors import DataError
from lkj.inputs.files import csv_delimiter, is_comment, read_text, yaml_load
from lkj.inputs.layout import (
    ANGGARAN,
    ANGGARAN_YAML,
    REALISASI_KEGIATAN,
    TABLES,
    table_files,
    workbook_path,
    year_dir,
)
from lkj.inputs.ooxml import workbook_bytes
from lkj.inputs.project import Project
from lkj.inputs.sheets import add_table
from lkj.inputs.unit import UnitYear, load
from lkj.inputs.workbook import Workbook


@dataclasses.dataclass(frozen=True)
class Conversion:
    """What ``lkj convert`` writes (path -> bytes) and then removes."""

    write: dict[Path, bytes]
    remove: tuple[Path, ...]


#: Tables that a year has only when it needs them: converted when they are there.
OPTIONAL_TABLES = (REALISASI_KEGIATAN,)


def to_workbook(project: Project, unit: str, year: int) -> Conversion:
    """The CSV files and ``anggaran.yaml`` of ``year`` as ``data/<unit>/<year>.xlsx``."""
    unit_dir = project.unit_dir(unit)
    folder, book = year_dir(unit_dir, year), workbook_path(unit_dir, year)
    if book.exists():
        raise DataError(
            project.display(book),
            "the workbook exists already",
            expected="no workbook beside the CSV files (remove it, or convert it with --to csv)",
        )
    original = load(project, unit, year)  # every table checked before it is converted
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in TABLES:
        if spec in OPTIONAL_TABLES and not (folder / spec.file).exists():
            continue
        if spec is ANGGARAN:
            header, rows = _anggaran_rows(folder / ANGGARAN_YAML, project)
        else:
            header, rows = _csv_rows(folder / spec.file, project)
        add_table(wb, spec, header, rows)
    data = workbook_bytes(wb)
    check_same(project, unit, year, original, {book.name: data})
    return Conversion({book: data}, tuple(table_files(unit_dir, year)))


def to_csv(project: Project, unit: str, year: int) -> Conversion:
    """The workbook ``data/<unit>/<year>.xlsx`` as CSV files and ``anggaran.yaml``."""
    unit_dir = project.unit_dir(unit)
    folder, book = year_dir(unit_dir, year), workbook_path(unit_dir, year)
    if not book.exists():
        raise DataError(project.display(book), "file is missing", expected="the workbook")
    original = load(project, unit, year)  # refuses CSV files beside it, checks every sheet
    workbook = Workbook(book, project.display(book), root=project.root)
    files: dict[Path, bytes] = {}
    for spec in TABLES:
        if spec in OPTIONAL_TABLES and not workbook.has(spec):
            continue
        header, rows = workbook.table(spec)
        if spec is ANGGARAN:
            files[folder / ANGGARAN_YAML] = _anggaran_yaml(rows[0].values)
        else:
            files[folder / spec.file] = _csv_bytes(header, [list(r.values.values()) for r in rows])
    check_same(
        project,
        unit,
        year,
        original,
        {p.relative_to(unit_dir).as_posix(): b for p, b in files.items()},
    )
    return Conversion(files, (book,))


def _csv_rows(path: Path, project: Project) -> tuple[list[str], list[list[str]]]:
    """The header and the non-blank rows of a CSV file, cells as written; comment lines
    (``# ...``, before the header or among the rows) are not data and are not carried."""
    text = read_text(path, project.display(path), root=project.root)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    rows = [cells for cells in reader if any(c.strip() for c in cells) and not is_comment(cells)]
    return [h.strip() for h in rows[0]], rows[1:]


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


_ANGGARAN_COLUMNS = list(ANGGARAN.all_columns)


def _scalar(value: Any) -> str:
    """An amount of ``anggaran.yaml`` as the text of a cell: 9721224000, '9.721.224.000'."""
    return str(value)


def _anggaran_rows(path: Path, project: Project) -> tuple[list[str], list[list[str]]]:
    shown = project.display(path)
    doc = yaml_load(read_text(path, shown, root=project.root), shown) or {}
    realisasi = doc.get("realisasi") or {}
    row = [_scalar(doc["pagu"])]
    row += [_scalar(realisasi[q]) if q in realisasi else "" for q in range(1, 5)]
    return _ANGGARAN_COLUMNS, [row]


def _yaml_amount(text: str) -> str:
    """A whole number bare, anything else quoted (YAML would misread ``9.721.224.000``)."""
    if text.isdigit() and (text == "0" or not text.startswith("0")):
        return text
    return "'" + text.replace("'", "''") + "'"


def _anggaran_yaml(values: Mapping[str, str]) -> bytes:
    lines = [f"pagu: {_yaml_amount(values['pagu'].strip())}"]
    reported = [(q, values.get(f"realisasi_tw{q}", "").strip()) for q in range(1, 5)]
    reported = [(q, v) for q, v in reported if v]
    if reported:
        lines.append("realisasi:")
        lines += [f"  {q}: {_yaml_amount(v)}" for q, v in reported]
    else:
        lines.append("realisasi: {}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def check_same(
    project: Project, unit: str, year: int, original: UnitYear, files: Mapping[str, bytes]
) -> None:
    """Load ``files`` (paths relative to ``data/<unit>/``) with the unit's ``unit.yaml`` in a
    scratch tree and require the same year as ``original``."""
    with tempfile.TemporaryDirectory(prefix="lkj-convert-") as scratch:
        root = Path(scratch)
        unit_dir = root / "data" / unit
        unit_dir.mkdir(parents=True)
        shutil.copyfile(project.unit_dir(unit) / "unit.yaml", unit_dir / "unit.yaml")
        for name, data in files.items():
            path = unit_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        again = load(Project(root), unit, year)
    for field in dataclasses.fields(UnitYear):
        if field.name in ("files", "sources"):
            continue
        if getattr(again, field.name) != getattr(original, field.name):
            raise DataError(
                project.display(project.unit_dir(unit)),
                f"converting the {year} tables would change '{field.name}'",
                expected="a lossless conversion (please report this as a bug in lkj)",
            )
