"""The figures a published report prints, as an analyst transcribes them (for ``lkj audit``).

A transcription is a YAML file, ``data/<unit>/<year>/published/<period>.yaml``; its format is
documented in ``docs/published.md``. Every value is read as the text
printed in the report (``2.000``, ``13,33%``, ``Rp. 3.515.820.174,-``), never as a YAML number,
so ``2.000`` stays two thousand and the number of printed decimals is known.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

import yaml

from lkj.errors import DataError, PeriodError
from lkj.inputs.files import NumberError, check_digits, read_text, too_many_digits, yaml_compose
from lkj.inputs.limits import MAX_DECIMALS, MAX_DIGITS
from lkj.rules.periods import Period


class Kind(Enum):
    """What a field's printed value must look like (the value is what an error expects)."""

    NUMBER = "a number as printed, e.g. 19,04 or 7.410 Orang or Rp. 9.721.224.000,-"
    VALUE = "a number as printed (e.g. 2.000 Orang, 13,33%) or a predicate (e.g. Baik)"
    DATE = "a date as printed, DD-MM-YYYY, e.g. 13-04-2027"
    TEXT = "a text, e.g. Berlaku"
    ANY = "a number, a date (DD-MM-YYYY) or a text, as printed"


def _quartered(base: str, kind: Kind) -> dict[str, Kind]:
    """``base`` (the report's own quarter) and ``base_tw1`` … ``base_tw4``."""
    return {base: kind, **{f"{base}_tw{q}": kind for q in range(1, 5)}}


IKU_FIELDS: dict[str, Kind] = {
    **_quartered("target", Kind.VALUE),
    **_quartered("realisasi", Kind.VALUE),
    **_quartered("capaian", Kind.NUMBER),
    **_quartered("pembilang", Kind.NUMBER),
    **_quartered("penyebut", Kind.NUMBER),
    "realisasi_kumulatif": Kind.VALUE,
    "capaian_kumulatif": Kind.NUMBER,
    "pagu": Kind.NUMBER,
    "realisasi_anggaran": Kind.NUMBER,
    "persen_anggaran": Kind.NUMBER,
}
"""Fields of a row about one IKU (``iku: N``). The budget fields are those of the budget
line(s) that fund the IKU."""

UNIT_FIELDS: dict[str, Kind] = {
    name: Kind.NUMBER
    for name in (
        "capaian_rata_rata",
        "jumlah_sasaran",
        "jumlah_iku",
        "jumlah_target",
        "jumlah_di_atas_100",
        "jumlah_100",
        "jumlah_di_bawah_100",
        "jumlah_tidak_terukur",
        "jumlah_tercapai",
        "pagu",
        "realisasi_anggaran",
        "persen_anggaran",
    )
}
"""Figures about the whole unit (``angka:``). Figures of a supporting table are named
``<table>.baris`` (its rows), ``<table>.<column>`` (a summed column), ``<table>.berlaku`` and
``<table>.habis`` (agreements by status)."""


@dataclass(frozen=True)
class RowKind:
    """A kind of table row: its list name, the key that names the row, and its fields."""

    name: str
    key: str
    fields: dict[str, Kind]


ROW_KINDS: tuple[RowKind, ...] = (
    RowKind("iku", "iku", IKU_FIELDS),
    RowKind("kegiatan", "no", {"pagu": Kind.NUMBER}),
)
"""Rows under any other name are rows of the supporting table with that id (params), each a
mapping of its columns to the printed values."""
_ROW_KINDS = {k.name: k for k in ROW_KINDS}
_PLACE_KEYS = ("nama", "angka", *_ROW_KINDS, "jumlah", "tidak_diperiksa")
_TOP_KEYS = ("laporan", "periode", "tempat")
_TABLE_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_TABLE_FIGURE = re.compile(r"^[a-z][a-z0-9_-]*\.[a-z][a-z0-9_]*$")
_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_ -]*$")

# 7.410 | 7410 | 13,33 | 0,5 with an optional Rp prefix, ",-" suffix and unit (%, Orang, kasus …)
_NUMBER = re.compile(
    r"^(?:Rp\.?\s*)?(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+))?(?:,-)?"
    r"\s*(?P<unit>%|[A-Za-z][A-Za-z/ ]*)?$",
    re.ASCII,
)
_DATE = re.compile(r"^(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})$", re.ASCII)
DASH = "-"


@dataclass(frozen=True)
class Figure:
    """One printed figure: its text, where it is in the transcription, and what it says."""

    text: str
    line: int
    number: Decimal | None = None
    places: int = 0
    date: date | None = None

    @property
    def is_dash(self) -> bool:
        """The report prints ``-`` (no value)."""
        return self.text == DASH

    @property
    def percent(self) -> bool:
        return self.text.rstrip().endswith("%")

    @property
    def money(self) -> bool:
        return self.text.startswith("Rp")


@dataclass(frozen=True)
class Row:
    """One table row: its key (IKU number, activity number, status, government) and figures."""

    key: int | str
    line: int
    figures: dict[str, Figure]


@dataclass(frozen=True)
class Sum:
    """A total the report states together with the parts it says make it up."""

    name: str
    line: int
    total: Figure
    parts: tuple[Figure, ...]


@dataclass(frozen=True)
class Place:
    """A table or a section of prose and the figures it prints."""

    name: str
    line: int
    angka: dict[str, Figure]
    rows: dict[str, tuple[Row, ...]]
    sums: tuple[Sum, ...]
    unchecked: tuple[str, ...]

    def rows_of(self, kind: str) -> tuple[Row, ...]:
        return self.rows.get(kind, ())


@dataclass(frozen=True)
class Published:
    """A transcription of one published report."""

    file: str
    laporan: str
    period: Period
    places: tuple[Place, ...]


def parse_figure(text: str, line: int, kind: Kind) -> Figure | None:
    """The figure ``text`` printed for a field of ``kind``; None when it is not understood.

    :class:`~lkj.inputs.files.NumberError` for digits other than 0-9, and for a number beyond
    lkj's limits (:mod:`lkj.inputs.limits`)."""
    text = text.strip()
    check_digits(text)
    if text == DASH:
        return Figure(text, line)
    if kind is Kind.ANY:  # a date if it looks like one (and must then exist), else a number
        if _DATE.match(text):
            return parse_figure(text, line, Kind.DATE)
        return parse_figure(text, line, Kind.NUMBER) or parse_figure(text, line, Kind.TEXT)
    if kind is Kind.DATE:
        match = _DATE.match(text)
        if not match:
            return None
        try:
            return Figure(text, line, date=date(int(match["y"]), int(match["m"]), int(match["d"])))
        except ValueError:
            return None
    if kind is Kind.TEXT:
        return Figure(text, line) if text else None
    match = _NUMBER.match(text)
    if match:
        whole = match["int"].replace(".", "").lstrip("0")
        if len(whole) > MAX_DIGITS:
            raise NumberError(too_many_digits())
        if len(match["dec"] or "") > MAX_DECIMALS:
            raise NumberError(f"more than {MAX_DECIMALS} decimals (lkj's limit)")
        digits = match["int"].replace(".", "") + ("." + match["dec"] if match["dec"] else "")
        return Figure(text, line, Decimal(digits), len(match["dec"] or ""))
    if kind is Kind.VALUE and text and not any(ch.isdigit() for ch in text):
        return Figure(text, line)  # a predicate, checked against the indicator's own
    return None


class _Reader:
    """Walks the YAML node tree, so every error can name the line of the offending key."""

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def error(
        self,
        node: yaml.Node,
        problem: str,
        key: str | None = None,
        found: object = None,
        expected: str | None = None,
    ) -> DataError:
        return DataError(
            self.shown,
            problem,
            line=node.start_mark.line + 1,
            key=key,
            found=found,
            expected=expected,
        )

    def mapping(
        self,
        node: yaml.Node,
        where: str,
        allowed: tuple[str, ...],
        other: Callable[[str], object] | None = None,
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Keys of a mapping (each known and given once) to their key and value nodes."""
        if not isinstance(node, yaml.MappingNode):
            raise self.error(
                node,
                "expected 'key: value' lines",
                key=where or None,
                expected="keys " + ", ".join(allowed),
            )
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            name = self.scalar(key_node, where)
            path = f"{where}.{name}" if where else name
            if name not in allowed and not (other is not None and other(name)):
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise self.error(
                    key_node,
                    f"unknown key{hint}",
                    key=path,
                    expected="one of " + ", ".join(allowed),
                )
            if name in result:
                first = result[name][0].start_mark.line + 1
                raise self.error(key_node, f"key given twice (first on line {first})", key=path)
            result[name] = (key_node, value_node)
        return result

    def scalar(self, node: yaml.Node, where: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(
                node,
                "expected a single value",
                key=where or None,
                expected="a value as printed, e.g. 19,04",
            )
        return str(node.value).strip()

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, "expected a list ('- ' items)", key=where)
        return list(node.value)

    def figure(self, node: yaml.Node, where: str, kind: Kind) -> Figure:
        text = self.scalar(node, where)
        try:
            fig = parse_figure(text, node.start_mark.line + 1, kind)
        except NumberError as exc:
            raise self.error(
                node, exc.problem, key=where, found=text, expected=kind.value
            ) from None
        if fig is None:
            raise self.error(
                node,
                "value is not understood",
                key=where,
                found=text,
                expected=kind.value + ' (or "-" in quotes)',
            )
        return fig

    def figures(
        self, node: yaml.Node, where: str, fields: dict[str, Kind], tables: bool = False
    ) -> dict[str, Figure]:
        """The figures of a mapping; with ``tables``, ``<table>.<figure>`` keys too."""
        pairs = self.mapping(node, where, tuple(fields), _TABLE_FIGURE.match if tables else None)
        return {
            name: self.figure(v, f"{where}.{name}", fields.get(name, Kind.NUMBER))
            for name, (_, v) in pairs.items()
        }

    def table_row(self, node: yaml.Node, where: str) -> Row:
        """A row of a supporting table: every column a figure; the audit finds its key."""
        pairs = self.mapping(node, where, (), _COLUMN.match)
        figures = {
            name: self.figure(v, f"{where}.{name}", Kind.ANY) for name, (_, v) in pairs.items()
        }
        return Row("", node.start_mark.line + 1, figures)

    def row(self, node: yaml.Node, where: str, kind: RowKind) -> Row:
        pairs = self.mapping(node, where, (kind.key, *kind.fields))
        if kind.key not in pairs:
            raise self.error(
                node,
                f"row has no '{kind.key}'",
                key=where,
                expected=f"'{kind.key}:' naming the row",
            )
        key_node = pairs.pop(kind.key)[1]
        key_text = self.scalar(key_node, f"{where}.{kind.key}")
        key: int | str = key_text
        if kind.key in ("iku", "no"):
            if not re.fullmatch(rf"[0-9]{{1,{MAX_DIGITS}}}", key_text):
                raise self.error(
                    key_node,
                    "value is not understood",
                    key=f"{where}.{kind.key}",
                    found=key_text,
                    expected="a whole number, e.g. 9",
                )
            key = int(key_text)
        figures = {
            name: self.figure(v, f"{where}.{name}", kind.fields[name])
            for name, (_, v) in pairs.items()
        }
        return Row(key, node.start_mark.line + 1, figures)

    def sums(self, node: yaml.Node, where: str) -> tuple[Sum, ...]:
        result = []
        for i, item in enumerate(self.sequence(node, where)):
            at = f"{where}[{i + 1}]"
            pairs = self.mapping(item, at, ("nama", "total", "bagian"))
            for needed in ("nama", "total", "bagian"):
                if needed not in pairs:
                    raise self.error(
                        item, f"'{needed}' is missing", key=at, expected="nama, total and bagian"
                    )
            parts = tuple(
                self.figure(p, f"{at}.bagian", Kind.NUMBER)
                for p in self.sequence(pairs["bagian"][1], f"{at}.bagian")
            )
            if len(parts) < 2:
                raise self.error(
                    pairs["bagian"][1], "a sum needs at least two parts", key=f"{at}.bagian"
                )
            result.append(
                Sum(
                    self.scalar(pairs["nama"][1], f"{at}.nama"),
                    item.start_mark.line + 1,
                    self.figure(pairs["total"][1], f"{at}.total", Kind.NUMBER),
                    parts,
                )
            )
        return tuple(result)

    def place(self, node: yaml.Node, where: str) -> Place:
        pairs = self.mapping(node, where, _PLACE_KEYS, _TABLE_ID.match)
        if "nama" not in pairs:
            raise self.error(
                node,
                "place has no 'nama'",
                key=where,
                expected="'nama:' naming the table or section, e.g. Tabel 2.2",
            )
        name = self.scalar(pairs["nama"][1], f"{where}.nama")
        angka = (
            self.figures(pairs["angka"][1], f"{where}.angka", UNIT_FIELDS, tables=True)
            if "angka" in pairs
            else {}
        )
        rows: dict[str, tuple[Row, ...]] = {}
        for kind in ROW_KINDS:
            if kind.name in pairs:
                at = f"{where}.{kind.name}"
                items = self.sequence(pairs[kind.name][1], at)
                rows[kind.name] = tuple(
                    self.row(item, f"{at}[{i + 1}]", kind) for i, item in enumerate(items)
                )
                seen: dict[int | str, int] = {}
                for row in rows[kind.name]:
                    # as the audit matches rows: text without regard to case and spaces
                    same = row.key if isinstance(row.key, int) else _name(row.key)
                    if same in seen:
                        raise DataError(
                            self.shown,
                            f"{kind.key} {row.key} is given twice in "
                            f"one place (first on line {seen[same]})",
                            line=row.line,
                            key=at,
                        )
                    seen[same] = row.line
        for table in pairs:
            if table not in _PLACE_KEYS:  # a supporting table's rows
                at = f"{where}.{table}"
                items = self.sequence(pairs[table][1], at)
                rows[table] = tuple(
                    self.table_row(item, f"{at}[{i + 1}]") for i, item in enumerate(items)
                )
        sums = self.sums(pairs["jumlah"][1], f"{where}.jumlah") if "jumlah" in pairs else ()
        unchecked: tuple[str, ...] = ()
        if "tidak_diperiksa" in pairs:
            at = f"{where}.tidak_diperiksa"
            unchecked = tuple(
                self.scalar(n, at) for n in self.sequence(pairs["tidak_diperiksa"][1], at)
            )
        return Place(name, node.start_mark.line + 1, angka, rows, sums, unchecked)


def _name(text: str) -> str:
    return " ".join(text.split()).casefold()


def load(path: Path, shown: str, *, root: Path | None) -> Published:
    """Read and check a transcription; every problem is one error naming file, line and key.

    ``root``: the project root the file must lie in; None for a file the user named
    (``lkj audit --published FILE``), see :func:`lkj.inputs.files.read_text`."""
    text = read_text(path, shown, root=root)
    document = yaml_compose(text, shown)
    reader = _Reader(shown)
    if document is None:
        raise DataError(shown, "file is empty", expected="laporan, periode and tempat")
    pairs = reader.mapping(document, "", _TOP_KEYS)
    for needed in _TOP_KEYS:
        if needed not in pairs:
            raise reader.error(
                document,
                "required key is missing",
                key=needed,
                expected="laporan, periode and tempat",
            )
    period_node = pairs["periode"][1]
    period_text = reader.scalar(period_node, "periode")
    try:
        period = Period.parse(period_text)
    except PeriodError:
        raise reader.error(
            period_node,
            "period not understood",
            key="periode",
            found=period_text,
            expected="a period like 2025-Q2 or 2025-TW2",
        ) from None
    places = tuple(
        reader.place(item, f"tempat[{i + 1}]")
        for i, item in enumerate(reader.sequence(pairs["tempat"][1], "tempat"))
    )
    names: dict[str, int] = {}
    for place in places:
        if place.name in names:
            raise DataError(
                shown,
                f"place '{place.name}' is given twice (first on line {names[place.name]})",
                line=place.line,
                key="tempat",
            )
        names[place.name] = place.line
    return Published(shown, reader.scalar(pairs["laporan"][1], "laporan"), period, places)
