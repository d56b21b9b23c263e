"""``lkj build``: run the chapter notebooks, merge them, and export the report.

1. Check params, data and prose (:func:`lkj.report.context.load_report`): a mistake there is
   one clear error before any notebook runs.
2. Run every chapter in ``notebooks/`` with papermill, in a pool of warm kernels shared by
   the chapters of all the reports of one ``lkj build`` (:mod:`lkj.build.run`,
   :mod:`lkj.build.kernels`); keep the executed chapters under ``build/<unit>/<period>/``.
3. Merge them into one notebook (stable cell ids), finish it (:mod:`lkj.report.assemble`:
   numbering, lists, chapters) and export it with nbconvert through lkj's own template
   (:func:`export_html`), as one offline HTML string.
4. Write each requested format to ``reports/<unit>/<period>/`` through temporary files in the
   same folder, moved into place together at the end (:mod:`lkj.build.atomic`), so a failed or
   killed build leaves the previous report as it was. A second build of the same report
   waits for the first (a lock in ``build/<unit>/``).

Steps 3 and 4 are :func:`finish_report`, which the local executor (:mod:`lkj.build.local`) runs in
a warm worker process (:mod:`lkj.build.workers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from lkj import __version__
from lkj.build.atomic import Staged, write_atomic
from lkj.build.cache import used_asset_digests, vega_bundle
from lkj.errors import BuildError, LkjError
from lkj.inputs.project import Project
from lkj.rules.periods import Period

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAME = "lkj"


@dataclass(frozen=True)
class ReportMeta:
    """What a format's writer knows of the report besides its HTML."""

    title: str
    unit: str  # the PDF's running header, left: "BP3MI Jawa Barat"
    period: str  # and right: "Laporan Kinerja Triwulan II 2025"
    created: date  # the document's date: the signing date, else the period's last day


@dataclass(frozen=True)
class Rendition:
    """What a format is written from: the page's HTML and the assembled notebook (whose
    outputs are the report's blocks, numbered)."""

    html: str
    notebook: Any


def _write_html(report: Rendition, path: Path, meta: ReportMeta) -> None:
    write_atomic(path, report.html.encode("utf-8"))


def _write_pdf(report: Rendition, path: Path, meta: ReportMeta) -> None:
    from lkj.build.atomic import still_wanted
    from lkj.report.pdf import render  # WeasyPrint is imported only when a PDF is asked for

    # ``path`` is a staged temporary file (lkj.build.atomic.Staged): it exists from before
    # WeasyPrint starts until the finished outputs are moved into place together.
    with path.open("wb") as out:
        out.write(render(report.html, base_url=path.parent, created=meta.created,
                         title=meta.title, unit=meta.unit, period=meta.period,
                         between=still_wanted))  # fmt: skip


def _write_docx(report: Rendition, path: Path, meta: ReportMeta) -> None:
    from lkj.report.docx import render  # python-docx is imported only when asked for

    with path.open("wb") as out:
        out.write(render(report.notebook, title=meta.title, created=meta.created))


# Output formats: name -> (file suffix, writer(rendition, out_path, meta)).
FORMATS: dict[str, tuple[str, Callable[[Rendition, Path, ReportMeta], None]]] = {
    "html": (".html", _write_html),
    "pdf": (".pdf", _write_pdf),
    "docx": (".docx", _write_docx),
}


def parse_formats(text: str) -> tuple[str, ...]:
    """``"html"`` or a comma list such as ``"html,pdf"``; unknown names are an LkjError."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if not names:
        raise LkjError("--to needs at least one format, e.g. --to html")
    for name in names:
        if name not in FORMATS:
            raise LkjError(
                f"unknown output format {name!r} in --to; expected one or more of "
                f"{', '.join(FORMATS)} separated by commas"
            )
    return tuple(dict.fromkeys(names))


def report_name(unit: str, period: Period) -> str:
    """``lkj-bp3mi-jabar-2025-tw2`` (``lkj-cianjur-dkp-2015-tahunan`` for the year): the
    report's file name without suffix."""
    if period.annual:
        return f"lkj-{unit}-{period.year}-tahunan"
    return f"lkj-{unit}-{period.year}-tw{period.quarter}"


def notebooks_dir(project: Project, kind: str = "") -> Path:
    """``<root>/notebooks`` (``<root>/notebooks/<kind>``), else the notebooks of this checkout
    (for a data-only root)."""
    for candidate in (
        project.root / "notebooks" / kind,
        Path(__file__).resolve().parents[2] / "notebooks" / kind,
    ):
        if candidate.is_dir() and any(candidate.glob("[0-9]*.ipynb")):
            return candidate
    shown = project.display(project.root / "notebooks" / kind)
    raise BuildError(f"no chapter notebooks: {shown} has no [0-9]*.ipynb")


ANNUAL_DIR = "tahunan"


def chapters(project: Project, annual: bool = False) -> list[Path]:
    """The chapter notebooks in order of their file names (``00_…`` first): the quarterly
    report's in ``notebooks/``, the annual report's in ``notebooks/tahunan/``."""
    return sorted(notebooks_dir(project, ANNUAL_DIR if annual else "").glob("[0-9]*.ipynb"))


def read_executed(path: Path) -> Any:
    """An executed chapter as papermill wrote it. Not validated again: ``nbformat.read``'s
    schema check of the outputs costs a tenth of a second per report and finds nothing in a
    notebook nbformat itself has just written."""
    from nbformat import reader

    return reader.reads(path.read_text(encoding="utf-8"))  # v4: lines joined, no schema check


def merge(executed: list[Path]) -> Any:
    """One notebook of all chapters' code cells with their outputs; stable cell ids."""
    import nbformat

    merged = nbformat.v4.new_notebook()
    merged.metadata = {"language_info": {"name": "python"}}
    for path in executed:
        nb = read_executed(path)
        n = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            n += 1
            new = nbformat.from_dict(
                {
                    "id": f"{path.stem}-{n:03d}"[:64],
                    "cell_type": "code",
                    "metadata": {"lkj": {"source": path.stem, "index": n}},
                    "execution_count": None,
                    "source": cell.source,
                    "outputs": cell.get("outputs", []),
                }
            )
            merged.cells.append(new)
    return merged


def _charts_js() -> str:
    import json

    from lkj.report.charts import FORMAT_LOCALE

    text = (TEMPLATES / TEMPLATE_NAME / "charts.js").read_text(encoding="utf-8")
    return text.replace("__LKJ_FORMAT_LOCALE__", json.dumps(FORMAT_LOCALE))


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*")


def _print_css_for_page() -> str:
    """``lkj/templates/print.css`` for printing from a browser, without its ``@font-face``
    rules: their font files are relative to the package, not to the report, and the page
    must not request anything (the PDF step passes the file itself to WeasyPrint)."""
    path = TEMPLATES / "print.css"
    if not path.is_file():
        return ""
    return _FONT_FACE.sub("", path.read_text(encoding="utf-8"))


def export_html(merged_nb: Any, *, title: str, lang: str = "id", charts: bool = True) -> str:
    """The assembled notebook as one self-contained HTML page (lkj's nbconvert template).

    Pure: no file is written. The page's CSS is inline (``<style id="lkj-screen-css">``);
    ``lkj/templates/print.css``, when present, is inlined too (``<style id="lkj-print-css"
    media="print">``, without its font files); with ``charts`` the Vega bundle is inlined
    once for the whole page.
    """
    resources = {
        "lkj": {
            "title": title,
            "lang": lang,
            "version": __version__,
            "screen_css": (TEMPLATES / TEMPLATE_NAME / "screen.css").read_text(encoding="utf-8"),
            "print_css": _print_css_for_page(),
            "vega_bundle": vega_bundle() if charts else "",
            "charts_js": _charts_js() if charts else "",
        }
    }
    html, _ = _exporter().from_notebook_node(merged_nb, resources=resources)
    return html


@cache
def _exporter() -> Any:
    """lkj's nbconvert exporter, made once per process (its Jinja template compiled once).

    TemplateExporter, not HTMLExporter: the latter re-serialises the page through
    BeautifulSoup (attributes reordered, the Vega bundle re-parsed) to add notebook-only
    accessibility attributes the report has no use for. No preprocessors: nbconvert's default
    ones change nothing in lkj's outputs, and it validates the whole notebook after each of
    them (0.1-0.2 s per report)."""
    from nbconvert.exporters import TemplateExporter
    from traitlets.config import Config

    return TemplateExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
        file_extension=".html",
        config=Config({"TemplateExporter": {"default_preprocessors": []}}),
    )


@dataclass(frozen=True)
class FinishJob:
    """A report whose chapters ran: what :func:`finish_report` needs (picklable)."""

    root: Path
    unit: str
    period: str  # slug: 2025-Q2
    name: str  # lkj-bp3mi-jabar-2025-tw2
    executed: tuple[Path, ...]  # the executed chapters, in order
    formats: tuple[str, ...]
    meta: ReportMeta


@dataclass(frozen=True)
class FinishResult:
    outputs: dict[str, Path]
    warnings: list[str]
    error: str | None = None  # the message of the LkjError that stopped it
    exit_code: int = 0
    assets: dict[str, str] = field(default_factory=dict)  # the cached assets' digests, as used


def finish_report(job: FinishJob) -> FinishResult:
    """Merge the executed chapters, assemble and export them, and write every format.

    The merged notebook goes to ``build/<unit>/<period>/<name>.ipynb``; the formats are
    written to temporary files and moved into ``reports/<unit>/<period>/`` together at the
    end. An LkjError is returned (message and exit code), not raised, so that this can run in
    a worker process."""
    import nbformat

    from lkj.report.assemble import assemble

    project = Project.at(job.root)
    warnings: list[str] = []
    try:
        merged = merge(list(job.executed))
        asm = assemble(merged)
        warnings = asm.warnings
        nbformat.write(merged, project.build_dir / job.unit / job.period / f"{job.name}.ipynb")
        html = export_html(merged, title=job.meta.title, charts=asm.charts > 0)
        rendition = Rendition(html, merged)
        outputs: dict[str, Path] = {}
        out_dir = project.reports_dir / job.unit / job.period
        with Staged() as staged:
            for fmt in job.formats:
                suffix, writer = FORMATS[fmt]
                outputs[fmt] = out_dir / f"{job.name}{suffix}"
                writer(rendition, staged.path(outputs[fmt]), job.meta)
    except LkjError as exc:
        return FinishResult({}, warnings, str(exc), exc.exit_code)
    except OSError as exc:  # e.g. a read-only reports/<unit>/<period>/
        return FinishResult({}, warnings, cannot_write(project, exc), 2)
    return FinishResult(outputs, warnings, assets=used_asset_digests())


def cannot_write(project: Project, exc: OSError) -> str:
    """One line for a file or folder that lkj cannot write."""
    where = project.display(Path(exc.filename)) if exc.filename else "a file"
    reason = exc.strerror or type(exc).__name__
    return (
        f"{where}: cannot write there ({reason}); lkj build writes build/ and reports/ "
        "in the project folder, which must be writable"
    )


def warm_finisher() -> None:
    """Import what :func:`finish_report` needs (nbconvert, WeasyPrint) and load the Vega
    bundle: run by each worker process as it starts, while the chapters run."""
    import nbformat  # noqa: F401
    import weasyprint  # noqa: F401  (lkj.report.pdf imports it when it renders)

    from lkj.report.assemble import assemble  # noqa: F401
    from lkj.report.pdf import render  # noqa: F401

    _exporter()
    vega_bundle()
