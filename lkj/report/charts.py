"""Charts (Altair): an interactive Vega-Lite view for the screen and a static SVG for print.

Both renditions come from one Vega-Lite spec. Numbers use an Indonesian d3 format locale
(``,`` decimal, ``.`` thousands); d3 has no ``id-ID`` locale, so it is given as a dict. Specs
are deterministic: data inline, no generated parameter or view names.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from markupsafe import Markup

from lkj.figures import format as fmt
from lkj.figures.summary import IndicatorResult
from lkj.report.blocks import Chart
from lkj.report.context import ReportContext
from lkj.report.vega import VL_VERSION
from lkj.rules.achievement import Kelas, overall
from lkj.rules.decimals import round2
from lkj.rules.indicators import Jenis
from lkj.rules.periods import QUARTERS, quarter_short_label

# d3-format locale for Indonesian numbers (d3 ships no id-ID locale).
FORMAT_LOCALE: dict[str, Any] = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["Rp", ""],
}
EN_DASH = "\u2013"
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
_COLORS = {
    Kelas.DI_ATAS.label: "#1b7f3b",
    Kelas.TEPAT.label: "#2f6db5",
    Kelas.DI_BAWAH.label: "#c4572a",
}
_CONFIG: dict[str, Any] = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 11, "grid": True, "gridColor": "#e6e6e6"},
    "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom", "labelLimit": 400},
    "header": {"labelFontSize": 11, "titleFontSize": 11},
}


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(round2(value))


def _finish(spec: dict[str, Any]) -> dict[str, Any]:
    spec = dict(spec)
    spec["config"] = {**_CONFIG, **spec.get("config", {})}
    spec.pop("$schema", None)
    return spec


@cache
def _altair() -> Any:
    import altair as alt

    return alt


def chart_block(id: str, title: str, spec: dict[str, Any], description: str = "") -> Chart:
    """A chart as a block: the spec for the interactive view and its static SVG."""
    if not re.fullmatch(r"grafik-[a-z0-9-]+", id):
        raise ValueError(f"chart id {id!r}: expected 'grafik-' and a lower-case slug")
    spec = _finish(spec)
    svg = _svg(json.dumps(spec, ensure_ascii=False))
    return Chart(id, title, spec, Markup(scope_svg_ids(svg, id)), description)


@lru_cache(maxsize=32)
def _svg(spec: str) -> str:
    """The static rendition of a spec (given as JSON, keys in their order), made once per process
    for the same spec: ``lkj preview`` runs a chapter again when only its prose changed."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(  # type: ignore[no-any-return]
        json.loads(spec), vl_version=VL_VERSION, format_locale=FORMAT_LOCALE
    )


def warm_up() -> None:
    """Load Altair's schema and the Vega runtime with a one-point chart that is thrown away.

    ``lkj build`` runs this in its kernels before the first chapter, while it checks the
    inputs, so the first chart of a report does not pay for it.
    """
    import vl_convert as vlc

    alt = _altair()
    spec = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q").to_dict()
    vlc.vegalite_to_svg(_finish(spec), vl_version=VL_VERSION, format_locale=FORMAT_LOCALE)


def scope_svg_ids(svg: str, prefix: str) -> str:
    """Prefix the ids inside an SVG so that several SVGs on one page never share one."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for ident in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{ident}"
        svg = svg.replace(f'id="{ident}"', f'id="{new}"')
        svg = svg.replace(f"url(#{ident})", f"url(#{new})")
        svg = svg.replace(f'href="#{ident}"', f'href="#{new}"')
    return svg


def _upto(ctx: ReportContext) -> str:
    """A chart's words for the period: ``s.d. Triwulan II``, or ``Tahun 2015`` for a year."""
    return f"Tahun {ctx.period.year}" if ctx.period.annual else f"s.d. {ctx.period.label}"


def capaian_per_iku(ctx: ReportContext) -> list[Chart]:
    """Each IKU's capaian to date against the 100% line, coloured by its class; nothing when
    no IKU has a capaian yet."""
    alt = _altair()
    upto = _upto(ctx)
    order = [f"IKU {r.iku}" for r in ctx.summary.indicators]
    values = [
        {
            "iku": f"IKU {r.iku}",
            "indikator": r.indicator.nama,
            "capaian": _number(r.capaian_kumulatif),
            "kelas": r.kelas.label,
        }
        for r in ctx.summary.indicators
        if r.capaian_kumulatif is not None
    ]
    if not values:
        return []
    kelas = [k for k in _COLORS if any(v["kelas"] == k for v in values)]
    bars = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            y=alt.Y("iku:N", sort=order, title=None),
            x=alt.X("capaian:Q", title=f"Capaian {upto} (%)", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "kelas:N",
                title="Capaian",
                scale=alt.Scale(domain=kelas, range=[_COLORS[k] for k in kelas]),
            ),
            tooltip=[
                alt.Tooltip("iku:N", title="IKU"),
                alt.Tooltip("indikator:N", title="Indikator"),
                alt.Tooltip("capaian:Q", title="Capaian (%)", format=",.2f"),
            ],
        )
    )
    rule = (
        alt.Chart(alt.Data(values=[{"x": 100}]))
        .mark_rule(color="#333", strokeDash=[4, 3])
        .encode(x="x:Q")
    )
    chart = alt.layer(bars, rule).properties(width=520, height=alt.Step(20))
    return [
        chart_block(
            "grafik-capaian-iku",
            f"Capaian Indikator Kinerja Utama {'' if ctx.period.annual else 's.d. '}"
            f"{ctx.periode} terhadap Target (garis 100%)",
            chart.to_dict(),
        )
    ]


# Kinds counted in a unit, whose quarters are charted together when they share its word.
_QUANTITIES = frozenset({Jenis.JUMLAH, Jenis.UKURAN, Jenis.DURASI, Jenis.RUPIAH})


def unit_groups(ctx: ReportContext) -> list[tuple[str, list[IndicatorResult]]]:
    """The indicators counted in a unit (``Orang``, ``dokumen``, ``Ha``, ``Rupiah``), grouped
    by that unit in order of first appearance, each group with something to show."""
    groups: dict[str, list[IndicatorResult]] = {}
    for r in ctx.summary.indicators:
        if r.indicator.jenis in _QUANTITIES:
            groups.setdefault(fmt.satuan(r.indicator), []).append(r)
    return [(unit, rs) for unit, rs in groups.items() if _has_values(ctx, rs)]


def _has_values(ctx: ReportContext, results: list[IndicatorResult]) -> bool:
    """Whether a bar would have a height: a quarterly target or a realisation above 0."""
    for r in results:
        for q in QUARTERS:
            target = r.indicator.quarter_target(q)
            real = r.realisasi_per_triwulan[q - 1] if q <= ctx.period.quarter else None
            if any(isinstance(v, Decimal) and v > 0 for v in (target, real)):
                return True
    return False


def realisasi_triwulan(ctx: ReportContext) -> list[Chart]:
    """One chart per unit the indicators are counted in: each quarter's realisation against
    its quarterly target (when the agreement sets one), one panel per IKU, own scale."""
    base = "grafik-realisasi-triwulan"
    return [
        _realisasi_triwulan(ctx, unit, results, base + (f"-{n}" if n > 1 else ""))
        for n, (unit, results) in enumerate(unit_groups(ctx), start=1)
    ]


def _realisasi_triwulan(
    ctx: ReportContext, unit: str, results: list[IndicatorResult], id: str
) -> Chart:
    alt = _altair()
    quarters = [quarter_short_label(q) for q in QUARTERS]
    values = []
    ikus = []
    targets = any(r.indicator.has_quarterly_targets for r in results)
    whole = all(r.indicator.jenis in (Jenis.JUMLAH, Jenis.RUPIAH) for r in results)
    number = ",.0f" if whole else ",.2~f"
    for r in results:
        ikus.append(f"IKU {r.iku}")
        for q in QUARTERS:
            target = r.indicator.quarter_target(q)
            if targets:
                values.append(
                    {
                        "iku": f"IKU {r.iku}",
                        "triwulan": quarters[q - 1],
                        "jenis": "Target",
                        "nilai": float(target) if isinstance(target, Decimal) else None,
                    }
                )
            real = r.realisasi_per_triwulan[q - 1] if q <= ctx.period.quarter else None
            if isinstance(real, Decimal):
                values.append(
                    {
                        "iku": f"IKU {r.iku}",
                        "triwulan": quarters[q - 1],
                        "jenis": "Realisasi",
                        "nilai": float(real),
                    }
                )
    kinds = ["Target", "Realisasi"] if targets else ["Realisasi"]
    colours = ["#b9c4d0", "#2f6db5"] if targets else ["#2f6db5"]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("triwulan:N", sort=quarters, title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("jenis:N", sort=kinds),
            y=alt.Y("nilai:Q", title=unit, axis=alt.Axis(format=number)),
            color=alt.Color(
                "jenis:N",
                title=None,
                sort=kinds,
                scale=alt.Scale(domain=kinds, range=colours),
            ),
            tooltip=[
                alt.Tooltip("iku:N", title="IKU"),
                alt.Tooltip("triwulan:N", title="Triwulan"),
                alt.Tooltip("jenis:N", title="Jenis"),
                alt.Tooltip("nilai:Q", title=unit, format=number),
            ],
        )
        .properties(width=150, height=120)
        .facet(facet=alt.Facet("iku:N", sort=ikus, title=None), columns=3)
        .resolve_scale(y="independent")
    )
    notes = []
    if ctx.period.quarter < 4:
        notes.append(f"Triwulan setelah {ctx.period.label} belum memiliki realisasi.")
    if not targets:
        notes.append("Perjanjian Kinerja hanya menetapkan target tahunan.")
    title = "Realisasi dan Target" if targets else "Realisasi"
    return chart_block(
        id,
        f"{title} per Triwulan Tahun {ctx.period.year}, Indikator dalam {unit}",
        chart.to_dict(),
        description=" ".join(notes),
    )


def anggaran_dan_kinerja(ctx: ReportContext) -> list[Chart]:
    """Budget absorption against performance per strategic goal (goals sharing a budget line
    form one group); nothing without budget lines."""
    alt = _altair()
    s = ctx.summary
    if not s.budget_groups:
        return []
    label = ctx.period.label
    upto = _upto(ctx)
    basis = f"tahun {ctx.period.year}" if ctx.period.annual else "s.d. triwulan"
    goal_of = {r.iku: r.indicator.sasaran for r in s.indicators}
    values = []
    groups = []
    for g in s.budget_groups:
        first, last = g.sasaran[0], g.sasaran[-1]
        name = f"SS {first}" if first == last else f"SS {first}{EN_DASH}{last}"
        groups.append(name)
        capaian = overall(
            [r.capaian_kumulatif for r in s.indicators if goal_of[r.iku] in g.sasaran]
        )
        series = (
            ("Penyerapan anggaran", g.persen),
            (f"Capaian kinerja {upto}", capaian),
        )
        for jenis, value in series:
            if value is not None:
                values.append({"sasaran": name, "jenis": jenis, "persen": _number(value)})
    kinds = ["Penyerapan anggaran", f"Capaian kinerja {upto}"]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X(
                "sasaran:N", sort=groups, title="Sasaran Strategis", axis=alt.Axis(labelAngle=0)
            ),
            xOffset=alt.XOffset("jenis:N", sort=kinds),
            y=alt.Y("persen:Q", title="Persen", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "jenis:N",
                title=None,
                sort=kinds,
                scale=alt.Scale(domain=kinds, range=["#d79b2b", "#2f6db5"]),
            ),
            tooltip=[
                alt.Tooltip("sasaran:N", title="Sasaran"),
                alt.Tooltip("jenis:N", title="Jenis"),
                alt.Tooltip("persen:Q", title="Persen", format=",.2f"),
            ],
        )
        .properties(width=520, height=200)
    )
    description = (
        f"Capaian kinerja per sasaran = rata-rata capaian {basis} dari IKU-nya; "
        "penyerapan = realisasi ÷ pagu baris anggarannya."
    )
    if s.data.budget_realisations.get(ctx.period.quarter) is None:
        description += f" Realisasi anggaran {label} belum tersedia dalam data."
    return [
        chart_block(
            "grafik-anggaran-kinerja",
            f"Penyerapan Anggaran dan Capaian Kinerja per Sasaran Strategis, {ctx.periode}",
            chart.to_dict(),
            description=description,
        )
    ]


def riwayat(ctx: ReportContext, iku: int) -> list[Chart]:
    """The IKU's realisation in each year the data hold (earlier years' ``hasil.csv`` and this
    year), one bar a year; nothing without earlier years or without numbers to draw."""
    earlier = ctx.history.get(iku, ())
    r = ctx.summary.result(iku)
    points = [(y.year, y.realisasi) for y in earlier] + [(ctx.period.year, r.realisasi_kumulatif)]
    values = [
        {"tahun": str(year), "realisasi": _number(value)}
        for year, value in points
        if isinstance(value, Decimal)
    ]
    if not earlier or len(values) < 2:
        return []
    alt = _altair()
    word = fmt.satuan(r.indicator) or ("%" if r.indicator.jenis is Jenis.PERSEN else "")
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(color="#2f6db5")
        .encode(
            x=alt.X("tahun:O", title="Tahun"),
            y=alt.Y("realisasi:Q", title=f"Realisasi ({word})" if word else "Realisasi"),
            tooltip=[
                alt.Tooltip("tahun:O", title="Tahun"),
                alt.Tooltip("realisasi:Q", title="Realisasi", format=",.2f"),
            ],
        )
        .properties(width=360, height=180)
    )
    first = points[0][0]
    return [
        chart_block(
            f"grafik-riwayat-iku-{iku}",
            f"Realisasi IKU {iku} Tahun {first}\u2013{ctx.period.year}",
            chart.to_dict(),
        )
    ]
