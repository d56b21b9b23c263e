"""Published figures against the figures lkj computes from the data: ``lkj audit``.

Every figure of a transcription (see :mod:`lkj.inputs.published`) is compared with its computed
counterpart; a difference within the printed precision is no finding. Tables whose rows should
add up to a total printed in the report (budget lines, activity ceilings, complaint counts) and
the sums a transcription states explicitly are checked too. Each finding names where it is, the
IKU (None where no single IKU applies), both values, and the likely cause when one is recognised
(:mod:`lkj.audit.causes`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj.errors import DataError
from lkj.figures import format as fmt
from lkj.figures.summary import Summary, compute
from lkj.figures.support import TableFigures, compute_table
from lkj.inputs.params import load_params, params_path
from lkj.inputs.project import Project
from lkj.inputs.published import Figure, Place, Published, Row, Sum
from lkj.inputs.published import load as load_published
from lkj.inputs.support import load_tables
from lkj.inputs.unit import load
from lkj.rules.periods import Period

from .causes import Check, explain
from .figures import Lookup, NotInData, agrees, label, shown
from .prose import ProseAudit, ProseFinding, check_report


@dataclass(frozen=True)
class Finding:
    """One printed figure (or printed total) that disagrees with what lkj computes."""

    where: str
    iku: int | None
    stated: str
    computed: str
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "where": self.where,
            "iku": self.iku,
            "stated": self.stated,
            "computed": self.computed,
            "note": self.note,
        }


@dataclass(frozen=True)
class Audit:
    """The outcome of comparing one published report with the data."""

    unit: str
    unit_name: str
    period: Period
    published: str
    laporan: str
    checked: int
    unchecked: int
    findings: tuple[Finding, ...]
    prose: ProseAudit | None = None  # the analysts' prose against the computed figures
    transcribed: bool = True  # False: no transcription of the published report exists

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "unit": self.unit,
            "period": self.period.slug,
            "checked": self.checked,
            "findings": [f.to_json() for f in self.findings],
        }
        if self.prose is not None:
            result["prose"] = self.prose.to_json()
        return result

    def intro(self) -> str:
        """One sentence on what was compared and how much differs (for the report)."""
        found = (
            f"ditemukan {len(self.findings)} selisih, yang tercantum berikut ini beserta "
            "kemungkinan penyebabnya"
            if self.findings
            else "tidak ditemukan selisih"
        )
        return (
            f"Sebanyak {self.checked} angka yang tercetak pada {self.laporan} dibandingkan "
            "dengan angka yang dihitung dari data; selisih dalam batas ketelitian angka yang "
            f"tercetak tidak dicatat. Hasilnya, {found}."
        )

    def to_table(self) -> str:
        """The findings for people, one numbered block each (Indonesian, as in the report):
        the published report's figures, then the figures in the analysts' prose."""
        lines = [f"Audit angka tercetak: {self.unit_name}, {self.period.title}"]
        if self.transcribed:
            lines += [
                f"Sumber: {self.published}",
                f"{self.checked} angka diperiksa, {len(self.findings)} selisih"
                + (f", {self.unchecked} angka dicatat tidak diperiksa" if self.unchecked else ""),
            ]
            lines += _blocks(
                [
                    (
                        f"{f.where}" + (f" (IKU {f.iku})" if f.iku is not None else ""),
                        f"tercetak: {f.stated}   dihitung: {f.computed}",
                        f.note,
                    )
                    for f in self.findings
                ]
            )
            if not self.findings:
                lines += ["", "Tidak ada selisih."]
        else:
            lines.append(f"Tidak ada transkripsi laporan yang diterbitkan ({self.published}).")
        if self.prose is not None:
            lines += ["", *_prose_table(self.prose)]
        return "\n".join(lines)

    @property
    def prose_findings(self) -> tuple[ProseFinding, ...]:
        return self.prose.findings if self.prose is not None else ()


def _blocks(items: list[tuple[str, str, str]]) -> list[str]:
    """Numbered blocks: a heading line, the figures, the note (when there is one)."""
    lines: list[str] = []
    width = len(str(len(items)))
    pad = " " * (width + 2)
    for n, (head, figures, note) in enumerate(items, start=1):
        lines += ["", f"{n:>{width}}. {head}", f"{pad}{figures}"]
        if note:
            lines.append(f"{pad}{note}")
    return lines


def _prose_table(prose: ProseAudit) -> list[str]:
    head = f"Angka pada narasi analis ({prose.folder}/)"
    if not prose.exists:
        return [head, "Folder narasi tidak ada; tidak ada angka yang diperiksa."]
    lines = [head, f"{prose.checked} angka diperiksa, {len(prose.findings)} selisih"]
    lines += _blocks(
        [
            (
                f"{f.file}, baris {f.line}: {f.subject}",
                f"narasi: {f.stated}   dihitung: {f.computed}",
                f.note,
            )
            for f in prose.findings
        ]
    )
    if not prose.findings:
        lines += ["", "Tidak ada selisih."]
    return lines


FORMAT_DOC = "docs/published.md"
"""Where the transcription format is documented, in lkj's repository."""

# Rows whose printed amounts should add up to a total of the unit: (row kind, field, total).
_ROW_TOTALS = (
    ("kegiatan", "pagu", "pagu"),
    ("iku", "pagu", "pagu"),
    ("iku", "realisasi_anggaran", "realisasi_anggaran"),
)


class _Auditor:
    def __init__(
        self, summary: Summary, published: Published, tables: tuple[TableFigures, ...] = ()
    ) -> None:
        self.summary = summary
        self.published = published
        self.lookup = Lookup(summary, tables)
        self.checked = 0
        self.findings: list[Finding] = []
        # a supporting table's rows add up to its summed columns
        self.totals = _ROW_TOTALS + tuple(
            (t.id, c.key, f"{t.id}.{c.key}") for t in tables for c in t.columns if c.jumlahkan
        )

    def run(self) -> Audit:
        self.published = replace(
            self.published,
            places=tuple(
                replace(p, rows={k: self.keyed_rows(k, rows) for k, rows in p.rows.items()})
                for p in self.published.places
            ),
        )
        for place in self.published.places:
            for field, fig in place.angka.items():
                self.compare(place, "angka", (), None, None, field, fig)
            for kind, rows in place.rows.items():
                for i, row in enumerate(rows):
                    self.check_row_key(kind, row)
                    for field, fig in row.figures.items():
                        self.compare(place, kind, rows, i, row.key, field, fig)
            for kind, field, total in self.totals:
                self.row_total(place, kind, field, total)
            for s in place.sums:
                self.stated_sum(place, s)
        data = self.summary.data
        return Audit(
            unit=data.unit,
            unit_name=data.info.singkatan,
            period=self.summary.period,
            published=self.published.file,
            laporan=self.published.laporan,
            checked=self.checked,
            unchecked=sum(len(p.unchecked) for p in self.published.places),
            findings=tuple(self.findings),
        )

    def keyed_rows(self, kind: str, rows: tuple[Row, ...]) -> tuple[Row, ...]:
        """The rows of one place, keyed; a supporting table's row named twice (case and
        spacing aside) is an error naming both lines."""
        keyed = tuple(self.keyed(kind, r) for r in rows)
        if kind in ("iku", "kegiatan"):
            return keyed
        name = self.lookup.table(kind).key_column
        seen: dict[str, int] = {}
        for row in keyed:
            same = " ".join(str(row.key).split()).casefold()
            if same in seen:
                raise DataError(
                    self.published.file,
                    f"{name} {row.key} is given twice in one place (first on line {seen[same]})",
                    line=row.line,
                    key=kind,
                )
            seen[same] = row.line
        return keyed

    def keyed(self, kind: str, row: Row) -> Row:
        """A supporting table's row with its key (the text of the table's key column) taken
        out of its figures; other rows as they are."""
        if kind in ("iku", "kegiatan"):
            return row
        try:
            table = self.lookup.table(kind)
        except NotInData as exc:
            raise DataError(
                self.published.file,
                f"no supporting table '{kind}' in the params",
                line=row.line,
                key=kind,
                expected=f"the id of a table under tabel_pendukung ({exc})",
            ) from None
        name = table.key_column
        if name is None or name not in row.figures:
            raise DataError(
                self.published.file,
                f"the row does not name its '{name}'",
                line=row.line,
                key=kind,
                expected=f"'{name}:' naming the row, as in the table's column {name}",
            )
        figures = dict(row.figures)
        key = figures.pop(name).text
        return Row(key, row.line, figures)

    def check_row_key(self, kind: str, row: Any) -> None:
        if kind == "iku" and row.key not in {i.iku for i in self.summary.data.indicators}:
            known = ", ".join(str(i.iku) for i in self.summary.data.indicators)
            raise DataError(
                self.published.file,
                f"IKU {row.key} is not in the performance agreement",
                line=row.line,
                key="iku",
                expected=f"one of {known}",
            )

    def compare(
        self,
        place: Place,
        kind: str,
        rows: tuple[Any, ...],
        index: int | None,
        key: int | str | None,
        field: str,
        fig: Figure,
    ) -> None:
        self.checked += 1
        iku = key if kind == "iku" and isinstance(key, int) else None
        ind = self.summary.data.indicator(iku) if iku is not None else None
        title = (
            field if kind in ("angka", "iku", "kegiatan") else self.lookup.column_title(kind, field)
        )
        where = f"{place.name}, {label(kind, key, title, self.summary.period, ind)}"
        try:
            computed = self.lookup.get(kind, key, field)
        except NotInData as exc:
            self.findings.append(
                Finding(where, None, fig.text, fmt.DASH, f"tidak ada pada data: {exc}")
            )
            return
        if agrees(fig, computed):
            return
        check = Check(
            self.published, self.lookup, place, kind, rows, index, key, field, fig, computed
        )
        self.findings.append(
            Finding(
                where,
                iku,
                fig.text,
                check.show(computed),  # type: ignore[arg-type]
                explain(check),
            )
        )

    def covers(self, kind: str, keys: set[int | str]) -> bool:
        """Whether rows with these keys make up the whole (every budget line, activity, …)."""
        data = self.summary.data
        if kind == "iku":
            touched = {b.baris for b in data.budget_lines if any(i in keys for i in b.ikus)}
            return touched == {b.baris for b in data.budget_lines}
        if kind == "kegiatan":
            return keys == {k.no for k in data.kegiatan}
        table = self.lookup.table(kind)
        name = table.key_column
        shown = {str(r.get(name, "")).casefold() for r in table.rows} if name else set()
        return {str(k).casefold() for k in keys} == shown

    def stated_total(self, place: Place, field: str) -> tuple[Figure, str] | None:
        """A total printed in this place, else in the report; with every place printing it."""
        printed = [
            (p.angka[field], p.name)
            for p in (place, *self.published.places)
            if field in p.angka and p.angka[field].number is not None
        ]
        if not printed:
            return None
        fig = printed[0][0]
        names = list(dict.fromkeys(name for f, name in printed if f.number == fig.number))
        return fig, " dan ".join(names)

    def row_total(self, place: Place, kind: str, field: str, total_field: str) -> None:
        rows = [r for r in place.rows_of(kind) if field in r.figures]
        parts = [r.figures[field] for r in rows if r.figures[field].number is not None]
        if len(parts) < 2 or not self.covers(kind, {r.key for r in rows}):
            return
        self.checked += 1
        added = sum((p.number for p in parts if p.number is not None), Decimal(0))
        what = label("angka", None, total_field, self.summary.period)
        where = f"{place.name}, jumlah baris ({what})"
        stated = self.stated_total(place, total_field)
        if stated is not None:
            fig, source = stated
            if agrees(fig, added):
                return
            sum_text = shown(added, fig, total_field)
            diff = shown(abs(added - (fig.number or 0)), fig, total_field)
            self.findings.append(
                Finding(
                    where,
                    None,
                    fig.text,
                    sum_text,
                    f"baris-baris {place.name} berjumlah {sum_text}, bukan total {fig.text} yang "
                    f"tercetak pada {source} (selisih {diff})",
                )
            )
            return
        computed = self.lookup.unit(total_field)
        if computed == added:
            return
        like = parts[0]
        self.findings.append(
            Finding(
                where,
                None,
                shown(added, like, total_field),
                shown(computed, like, total_field),
                f"baris-baris {place.name} tidak berjumlah total yang dihitung dari data",
            )
        )

    def stated_sum(self, place: Place, s: Sum) -> None:
        self.checked += 1
        added = sum((p.number for p in s.parts if p.number is not None), Decimal(0))
        if agrees(s.total, added):
            return
        parts = " + ".join(p.text for p in s.parts)
        self.findings.append(
            Finding(
                f"{place.name}, {s.name}",
                None,
                s.total.text,
                fmt.angka(added),
                f"bagian-bagiannya ({parts}) berjumlah {fmt.angka(added)}, bukan {s.total.text}",
            )
        )


def audit(summary: Summary, published: Published, tables: tuple[TableFigures, ...] = ()) -> Audit:
    """Compare a transcription of a published report with the summary computed from the data."""
    if published.period != summary.period:
        raise DataError(
            published.file,
            f"the transcription is of {published.period}, not of {summary.period}",
            key="periode",
            expected=f"periode: {summary.period}",
        )
    return _Auditor(summary, published, tables).run()


def default_path(unit_dir: Path, period: Period) -> Path:
    """``data/<unit>/<year>/published/<period>.yaml``."""
    return unit_dir / str(period.year) / "published" / f"{period.slug}.yaml"


def audit_summary(
    summary: Summary,
    project: Project,
    published: Path | str | None = None,
    tables: tuple[TableFigures, ...] | None = None,
    prose: ProseAudit | None = None,
) -> Audit:
    """Audit a computed summary against a transcription (by default the unit's own), with the
    supporting tables of its params (read here when not given), and carry the check of the
    prose when given."""
    if published is None:  # inside the project: a link may not lead out of it
        path = default_path(project.unit_dir(summary.unit), summary.period)
        where, root = project.display(path), project.root
    else:  # named by the user: read where it is
        path, where, root = Path(published), str(published), None
    if not path.exists() and not path.is_symlink():
        if published is None and prose is not None and prose.exists:
            data = summary.data
            return Audit(
                data.unit, data.info.singkatan, summary.period, where, "", 0, 0, (), prose, False
            )
        raise DataError(
            where,
            "no transcription of the published report",
            expected=f"the report's figures in this file (format: lkj's {FORMAT_DOC}), "
            "or --published FILE",
        )
    if tables is None:
        tables = _tables(summary, project)
    result = audit(summary, load_published(path, where, root=root), tables)
    return replace(result, prose=prose)


def _tables(summary: Summary, project: Project) -> tuple[TableFigures, ...]:
    """The supporting tables the unit's params for the period declare (none without params)."""
    if not params_path(project, summary.unit, summary.period).is_file():
        return ()
    params = load_params(project, summary.unit, summary.period)
    indicators = {i.iku: i for i in summary.data.indicators}
    loaded = load_tables(project, summary.unit, summary.period, params, indicators)
    return tuple(compute_table(summary, t) for t in loaded if t.file is not None)


def run(
    period: Period | str,
    unit: str | None = None,
    published: Path | str | None = None,
    project: Project | None = None,
) -> Audit:
    """Load the data, the prose and the transcription (by default the unit's own) and audit
    them: the published figures, and the figures in the analysts' prose."""
    project = project or Project.at()
    period = Period.parse(period) if isinstance(period, str) else period
    name = project.resolve_unit(unit, period)
    summary = compute(load(project, name, period.year), period)
    return audit_summary(summary, project, published, prose=check_report(summary, project))
