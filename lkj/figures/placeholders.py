"""Computed figures in the analysts' prose: ``{{ iku[2].capaian }}`` becomes ``80,77%``.

The analysts write a placeholder where their text states a figure lkj computes, so the prose
can never disagree with the tables (the names are listed in ``docs/placeholders.md``). A
placeholder is a name followed by attributes and numeric indexes, nothing else:

    {{ iku[2].capaian }}   {{ iku[9].realisasi_tw[1] }}   {{ rata_rata }}   {{ anggaran.persen }}

Safety: the text is parsed by Jinja2 and every ``{{ ... }}`` is checked before anything is
evaluated. Statements (``{% include %}``, ``{% import %}``, ``{% set %}``, ...), calls,
filters, operators and literals other than an index are refused with a message naming the file
and line; a name, attribute or index that is not a figure is refused the same way. What passes
is then rendered by Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment` (no loader, no
globals, no filters, only the figures' own attributes are reachable, nothing can be called)
over a context that holds only the figures below. So a placeholder cannot read a file, import
anything, or reach an attribute outside the figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from lkj.errors import DataError
from lkj.figures import format as fmt
from lkj.figures.summary import IndicatorResult, Summary
from lkj.rules.achievement import Kelas, capaian
from lkj.rules.indicators import Indicator, Jenis, Predikat, Rentang, Target, Value
from lkj.rules.periods import quarter_label, roman

DOC = "docs/placeholders.md"
EXAMPLE = "{{ iku[2].capaian }}"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


@dataclass(frozen=True)
class Angka:
    """One figure as the prose shows it: ``80,77%``, ``75 orang``, ``Rp 9.721.224.000``, and
    without its unit (``angka``): ``80,77``, ``75``, ``9.721.224.000``."""

    text: str
    angka: str

    def __str__(self) -> str:
        return self.text


def _value(ind: Indicator, value: Target | None) -> Angka:
    """A target or realisation in running text: a unit word in lower case (``7.410 orang``);
    ``angka`` without the unit (``7.410``)."""
    if value is None:
        return Angka(fmt.DASH, fmt.DASH)
    text = fmt.teks(ind, value)
    if isinstance(value, Predikat):
        return Angka(text, text)
    if isinstance(value, Rentang):
        return Angka(text, f"{_number(ind, value.bawah)}{fmt.EN_DASH}{_number(ind, value.atas)}")
    return Angka(text, _number(ind, value))


def _number(ind: Indicator, value: Decimal) -> str:
    if ind.jenis is Jenis.RUPIAH:
        return fmt.angka(value, 0 if value == value.to_integral_value() else 2)
    return fmt.angka(value, most=ind.desimal)


def _persen(value: Decimal | None) -> Angka:
    return Angka(fmt.persen(value), fmt.capaian(value) if value is not None else fmt.DASH)


def _count(value: Decimal | int | None) -> Angka:
    text = fmt.angka(value)
    return Angka(text, text)


def _rupiah(value: Decimal | None) -> Angka:
    return Angka(fmt.rupiah(value), fmt.angka(value, 0) if value is not None else fmt.DASH)


class Triwulan:
    """A figure per quarter, ``[1]`` to ``[4]``; quarters after the report's are refused."""

    def __init__(self, name: str, items: dict[int, Angka], reached: int) -> None:
        self.name = name
        self.items = items
        self.reached = reached

    def __getitem__(self, quarter: int) -> Angka:
        return self.items[quarter]


class Figures:
    """A group of named figures (an IKU, the counts, the budget): attributes only."""

    def __init__(self, name: str, fields: dict[str, Angka | Triwulan]) -> None:
        self.name = name
        self.fields = fields

    def __getattr__(self, attr: str) -> Angka | Triwulan:
        fields = self.__dict__.get("fields", {})
        if attr in fields:
            return fields[attr]  # type: ignore[no-any-return]
        raise AttributeError(attr)


class Ikus:
    """``iku[2]``: the IKU of the performance agreement by number."""

    def __init__(self, items: dict[int, Figures]) -> None:
        self.items = items

    def __getitem__(self, number: int) -> Figures:
        return self.items[number]


def _iku(summary: Summary, r: IndicatorResult) -> Figures:
    ind, period = r.indicator, summary.period
    reached = period.quarter

    def per_quarter(name: str, get: Callable[[int], Angka]) -> Triwulan:
        return Triwulan(f"iku[{ind.iku}].{name}", {q: get(q) for q in range(1, 5)}, reached)

    def real(q: int) -> Value | None:
        got = summary.data.realisation(ind.iku, q)
        return got.nilai if got is not None and q <= reached else None

    def count(q: int, which: str) -> Angka:
        got = summary.data.realisation(ind.iku, q)
        value = getattr(got, which) if got is not None and q <= reached else None
        return _count(value)

    now = summary.data.realisation(ind.iku, reached)
    # a year's realisasi and capaian are the year's (what its tables show), not Triwulan IV's
    own_realisasi = r.realisasi_kumulatif if period.annual else r.realisasi
    own_capaian = r.capaian_kumulatif if period.annual else r.capaian
    fields: dict[str, Angka | Triwulan] = {
        "nama": Angka(ind.nama, ind.nama),
        "target": _value(ind, ind.target),
        "target_tw": per_quarter("target_tw", lambda q: _value(ind, ind.quarter_target(q))),
        "target_sd": _value(ind, ind.target_to_date(reached)),
        "realisasi": _value(ind, own_realisasi),
        "realisasi_tw": per_quarter("realisasi_tw", lambda q: _value(ind, real(q))),
        "realisasi_kumulatif": _value(ind, r.realisasi_kumulatif),
        "capaian": _persen(own_capaian),
        "capaian_tw": per_quarter(
            "capaian_tw",
            lambda q: _persen(capaian(ind, real(q), ind.target, batas=summary.batas_capaian)),
        ),
        "capaian_kumulatif": _persen(r.capaian_kumulatif),
        "pembilang": _count(now.pembilang if now is not None else None),
        "penyebut": _count(now.penyebut if now is not None else None),
        "pembilang_tw": per_quarter("pembilang_tw", lambda q: count(q, "pembilang")),
        "penyebut_tw": per_quarter("penyebut_tw", lambda q: count(q, "penyebut")),
    }
    return Figures(f"iku[{ind.iku}]", fields)


def context(summary: Summary) -> dict[str, Any]:
    """Everything a placeholder can name: the figures of one report, formatted."""
    period = summary.period
    reached = summary.count(Kelas.DI_ATAS) + summary.count(Kelas.TEPAT)
    return {
        "iku": Ikus({r.iku: _iku(summary, r) for r in summary.indicators}),
        "rata_rata": _persen(summary.capaian_rata_rata),
        "jumlah": Figures(
            "jumlah",
            {
                "di_atas_100": _count(summary.count(Kelas.DI_ATAS)),
                "tepat_100": _count(summary.count(Kelas.TEPAT)),
                "di_bawah_100": _count(summary.count(Kelas.DI_BAWAH)),
                "tidak_terukur": _count(summary.count(Kelas.TIDAK_TERUKUR)),
                "mencapai_100": _count(reached),
                "iku": _count(len(summary.indicators)),
                "target": _count(len(summary.indicators)),
                "sasaran": _count(len({r.indicator.sasaran for r in summary.indicators})),
            },
        ),
        "anggaran": Figures(
            "anggaran",
            {
                "pagu": _rupiah(summary.pagu),
                "realisasi": _rupiah(summary.realisasi_anggaran),
                "persen": _persen(summary.persen_anggaran),
            },
        ),
        "triwulan": Angka(period.label, roman(period.quarter)),
        "tahun": Angka(str(period.year), str(period.year)),
        "periode": Angka(period.title, period.title),
    }


# ---- checking -----------------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, problem: str, found: str, expected: str) -> None:
        super().__init__(problem)
        self.problem, self.found, self.expected = problem, found, expected


_FORBIDDEN = {
    nodes.Call: "a call",
    nodes.Filter: "a filter",
    nodes.Test: "a test",
    nodes.CondExpr: "a condition",
    nodes.BinExpr: "arithmetic",
    nodes.UnaryExpr: "arithmetic",
    nodes.Compare: "a comparison",
    nodes.Concat: "a concatenation",
    nodes.Slice: "a slice",
    nodes.Literal: "a literal value",
}


def _source(node: nodes.Node) -> str:
    """The placeholder as the analyst would write it (for messages)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_source(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = node.arg.value if isinstance(node.arg, nodes.Const) else "…"
        index = repr(arg) if isinstance(arg, str) and arg != "…" else str(arg)
        return f"{_source(node.node)}[{index}]"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Filter):
        return f"{_source(node.node) if node.node else '…'}|{node.name}"
    if isinstance(node, nodes.Call):
        return f"{_source(node.node)}(…)"
    return "…"


def _written(text: str, line: int, node: nodes.Node) -> str:
    """The ``{{ ... }}`` as written on ``line`` (the one about ``node`` when there are several)."""
    lines = text.splitlines()
    found = re.findall(r"\{\{.*?\}\}", lines[line - 1]) if 0 < line <= len(lines) else []
    near = _source(node)
    return next((f for f in found if near in f), found[0] if found else near)


def _names(value: Any) -> list[str]:
    if isinstance(value, Figures):
        return sorted(value.fields)
    return []


def _resolve(node: nodes.Node, names: dict[str, Any]) -> Any:
    """The figure a placeholder names; _Refused when it names none."""
    for kind, what in _FORBIDDEN.items():
        if isinstance(node, kind):
            raise _Refused(f"{what} in a placeholder", _source(node), f"a figure, e.g. {EXAMPLE}")
    if isinstance(node, nodes.Name):
        if node.name not in names:
            raise _Refused(
                "unknown placeholder name",
                node.name,
                "one of " + ", ".join(sorted(names)) + f" (see {DOC})",
            )
        return names[node.name]
    if isinstance(node, nodes.Getattr):
        return _attribute(_resolve(node.node, names), node.attr, node)
    if isinstance(node, nodes.Getitem):
        base = _resolve(node.node, names)
        arg = node.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return _attribute(base, arg.value, node)
        if not (isinstance(arg, nodes.Const) and type(arg.value) is int):
            raise _Refused("an index that is not a number", _source(node), "e.g. iku[2]")
        return _item(base, arg.value, node)
    raise _Refused(
        "a placeholder must name a figure",
        _source(node),
        f"a name with attributes and indexes, e.g. {EXAMPLE} (see {DOC})",
    )


def _attribute(base: Any, attr: str, node: nodes.Node) -> Any:
    if isinstance(base, Figures) and attr in base.fields:
        return base.fields[attr]
    if isinstance(base, Angka) and attr == "angka":
        return Angka(base.angka, base.angka)
    shown = _source(node)
    if isinstance(base, Figures):
        expected = "one of " + ", ".join(_names(base))
    elif isinstance(base, Angka):
        expected = "nothing after a figure but .angka (the number without its unit)"
    else:
        expected = "an index, e.g. iku[2]" if isinstance(base, Ikus) else "an index [1] to [4]"
    raise _Refused("not a figure", shown, expected)


def _item(base: Any, index: int, node: nodes.Node) -> Any:
    shown = _source(node)
    if isinstance(base, Ikus):
        if index not in base.items:
            raise _Refused(
                "no such IKU", shown, "one of " + ", ".join(f"iku[{n}]" for n in base.items)
            )
        return base.items[index]
    if isinstance(base, Triwulan):
        if index not in base.items:
            raise _Refused("no such quarter", shown, "[1] to [4]")
        if index > base.reached:
            raise _Refused(
                f"{quarter_label(index)} comes after the report's period",
                shown,
                f"a quarter up to {quarter_label(base.reached)}",
            )
        return base.items[index]
    raise _Refused("not a list of figures", shown, "an attribute, e.g. iku[2].capaian")


# ---- rendering -----------------------------------------------------------------------------------


class _Environment(SandboxedEnvironment):
    """No loader, globals, filters or tests; only the figures' own fields are reachable and
    nothing can be called."""

    def __init__(self) -> None:
        super().__init__(
            undefined=StrictUndefined,
            autoescape=False,
            finalize=_finalize,
            keep_trailing_newline=True,
        )
        self.globals.clear()
        self.filters.clear()
        self.tests.clear()

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return (isinstance(obj, Figures) and attr in obj.fields) or (
            isinstance(obj, Angka) and attr in ("text", "angka")
        )

    def is_safe_callable(self, obj: Any) -> bool:
        return False

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Figures) and attribute in obj.fields:
            return obj.fields[attribute]
        if isinstance(obj, Angka) and attribute == "angka":
            return Angka(obj.angka, obj.angka)
        return super().getattr(obj, attribute)


def _finalize(value: Any) -> str:
    if not isinstance(value, Angka):
        raise TemplateError("a placeholder must name a single figure")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value.text)


_ENV: _Environment | None = None


def _env() -> _Environment:
    global _ENV
    if _ENV is None:
        _ENV = _Environment()
    return _ENV


def has_placeholders(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def expand(text: str, figures: dict[str, Any], shown: str) -> str:
    """The text with every placeholder replaced by its figure; an error names file and line.

    ``figures`` is :func:`context` of the report's summary; ``shown`` the file as messages name
    it. Text without ``{{``, ``{%`` or ``{#`` is returned as it is.
    """
    if not has_placeholders(text):
        return text
    env = _env()
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as exc:
        raise DataError(
            shown,
            f"placeholder is not understood: {exc.message}",
            line=exc.lineno,
            expected=f"a figure between {{{{ and }}}}, e.g. {EXAMPLE} (see {DOC})",
        ) from None
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            raise DataError(
                shown,
                "only figures can be written between {{ and }}; "
                f"statements ({{% ... %}}) are not allowed: found a '{type(node).__name__}'",
                line=node.lineno,
                expected=f"a figure, e.g. {EXAMPLE} (see {DOC})",
            )
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                continue
            try:
                value = _resolve(part, figures)
            except _Refused as exc:
                found = exc.found if "…" not in exc.found else _written(text, part.lineno, part)
                raise DataError(
                    shown, exc.problem, line=part.lineno, found=found, expected=exc.expected
                ) from None
            if not isinstance(value, Angka):
                inside = [f"{_source(part)}.{n}" for n in _names(value)[:3]]
                raise DataError(
                    shown,
                    "a placeholder must name a single figure",
                    line=part.lineno,
                    found=_source(part),
                    expected="e.g. " + (", ".join(inside) if inside else EXAMPLE),
                )
    try:
        return env.from_string(text).render(figures)
    except TemplateError as exc:  # checked above; the sandbox refuses whatever slipped through
        raise DataError(shown, f"placeholder refused: {exc}") from None
