"""``lkj build``: run the chapter notebooks, merge them, and export the report.

1. Check params, data and prose (:func:`lkj.report.context.load_report`): a mistake there is
   one clear error before any notebook runs.
2. Run every chapter in ``notebooks/`` with papermill (in parallel, one kernel each); keep the
   executed chapters under ``build/<unit>/<period>/``.
3. Merge them into one notebook (stable cell ids), finish it (:mod:`lkj.report.assemble`:
   numbering, lists, chapters) and export it with nbconvert through lkj's own template
   (:func:`export_html`), as one offline HTML string.
4. Write each requested format to ``reports/<unit>/<period>/`` through a temporary file in the
   same folder and ``os.replace``, so a failed build leaves the previous report as it was.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from lkj import __version__
from lkj.errors import BuildError, LkjError
from lkj.paths import Project
from lkj.periods import Period

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "lkj"
KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds per cell


@dataclass(frozen=True)
class ReportMeta:
    """What a format's writer knows of the report besides its HTML."""

    title: str
    unit: str  # the PDF's running header, left: "BP3MI Jawa Barat"
    period: str  # and right: "Laporan Kinerja Triwulan II 2025"
    created: date  # the document's date: the signing date, else the period's last day


def _write_html(html: str, path: Path, meta: ReportMeta) -> None:
    write_atomic(path, html.encode("utf-8"))


def _write_pdf(html: str, path: Path, meta: ReportMeta) -> None:
    from lkj.pdf import render  # WeasyPrint is imported only when a PDF is asked for

    render(html, path, base_url=path.parent, created=meta.created, title=meta.title,
           unit=meta.unit, period=meta.period)  # fmt: skip


# Output formats: name -> (file suffix, writer(html, out_path, meta)).
FORMATS: dict[str, tuple[str, Callable[[str, Path, ReportMeta], None]]] = {
    "html": (".html", _write_html),
    "pdf": (".pdf", _write_pdf),
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
    """``lkj-bp3mi-jabar-2025-tw2``: the report's file name without suffix."""
    return f"lkj-{unit}-{period.year}-tw{period.quarter}"


def notebooks_dir(project: Project) -> Path:
    """``<root>/notebooks``, else the notebooks of this checkout (for a data-only root)."""
    for candidate in (
        project.root / "notebooks",
        Path(__file__).resolve().parent.parent / "notebooks",
    ):
        if candidate.is_dir() and any(candidate.glob("*.ipynb")):
            return candidate
    raise BuildError(
        f"no chapter notebooks: {project.display(project.root / 'notebooks')} has no *.ipynb"
    )


def chapters(project: Project) -> list[Path]:
    """The chapter notebooks in order of their file names (``00_…`` first)."""
    return sorted(notebooks_dir(project).glob("[0-9]*.ipynb"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file in the same folder, then ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class ChapterRun:
    name: str
    output: Path
    seconds: float
    error: str | None = None


def _cell_position(notebook: Path, output: Path, exec_count: int | None) -> str:
    """``cell 6 (id 'boom')``: where the failing cell is in the chapter as an analyst sees it
    (papermill's executed copy has extra cells: the injected parameters, an error banner)."""
    import nbformat

    try:
        executed = nbformat.read(output, as_version=4).cells
        cell_id = next(c.id for c in executed if c.get("execution_count") == exec_count)
        ids = [c.get("id") for c in nbformat.read(notebook, as_version=4).cells]
        return f"cell {ids.index(cell_id) + 1} (id '{cell_id}')"
    except Exception:  # the position is a courtesy; the error itself matters
        return f"cell In [{exec_count}] of the executed chapter"


def _failure(notebook: Path, output: Path, exc: Exception, shown_output: str) -> str:
    """Chapter, cell and error in a few lines."""
    from papermill.exceptions import PapermillExecutionError

    name = notebook.stem
    if isinstance(exc, PapermillExecutionError):
        source = next((ln.strip() for ln in exc.source.splitlines() if ln.strip()), "")
        if len(source) > 90:
            source = source[:87] + "..."
        where = _cell_position(notebook, output, exc.exec_count)
        return (
            f"chapter {name} failed in {where}: {source}\n"
            f"  {exc.ename}: {exc.evalue}\n"
            f"  the executed chapter, with the traceback: {shown_output}"
        )
    return f"chapter {name} could not run: {type(exc).__name__}: {exc}"


def _quiet_kernel_manager(log: Path) -> type:
    """A kernel manager whose kernels write their own stdout/stderr (ipykernel's start-up
    warnings, a crash) to ``log`` instead of the terminal of ``lkj build``."""
    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):  # type: ignore[misc]
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            with log.open("ab") as handle:
                kw.setdefault("stdout", handle)
                kw.setdefault("stderr", handle)
                await super()._async_launch_kernel(kernel_cmd, **kw)

    return QuietKernelManager


def run_chapter(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    shown_output: str,
    kernel_log: Path | None = None,
) -> ChapterRun:
    """Execute one chapter with papermill; a failure is returned, not raised.

    No ``cwd``: papermill would ``os.chdir`` the whole process, which races between the
    chapters run in parallel threads. The notebooks get the project root as a parameter."""
    import papermill as pm

    extra: dict[str, Any] = {}
    if kernel_log is not None:
        extra["kernel_manager_class"] = _quiet_kernel_manager(kernel_log)
    start = time.perf_counter()
    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT,
            **extra,
        )
    except Exception as exc:  # reported per chapter by the caller
        return ChapterRun(
            notebook.stem,
            output,
            time.perf_counter() - start,
            _failure(notebook, output, exc, shown_output),
        )
    return ChapterRun(notebook.stem, output, time.perf_counter() - start)


def run_chapters(
    project: Project,
    unit: str,
    period: Period,
    progress: Callable[[str], None],
    jobs: int | None = None,
) -> list[Path]:
    """Run every chapter (in parallel) into ``build/<unit>/<period>/``; raise on a failure."""
    notebooks = chapters(project)
    out_dir = project.build_dir / unit / period.slug
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*out_dir.glob("*.ipynb"), out_dir / "kernels.log"]:
        stale.unlink(missing_ok=True)
    kernel_log = out_dir / "kernels.log"
    parameters = {"unit": unit, "period": period.slug, "root": str(project.root)}
    jobs = jobs or min(len(notebooks), os.cpu_count() or 1, 8)
    total = len(notebooks)
    done = 0
    runs: dict[str, ChapterRun] = {}
    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
        futures = [
            pool.submit(
                run_chapter,
                nb,
                out_dir / nb.name,
                parameters,
                project.display(out_dir / nb.name),
                kernel_log,
            )
            for nb in notebooks
        ]
        for future in futures:
            result = future.result()
            done += 1
            status = "ok" if result.error is None else "FAILED"
            progress(f"[{done}/{total}] {result.name} {status} ({result.seconds:.1f} s)")
            runs[result.name] = result
    failures = [runs[nb.stem].error for nb in notebooks if runs[nb.stem].error]
    if failures:
        more = f"\n({len(failures) - 1} more chapter(s) failed)" if len(failures) > 1 else ""
        raise BuildError(f"{failures[0]}{more}")
    return [out_dir / nb.name for nb in notebooks]


def merge(executed: list[Path]) -> Any:
    """One notebook of all chapters' code cells with their outputs; stable cell ids."""
    import nbformat

    merged = nbformat.v4.new_notebook()
    merged.metadata = {"language_info": {"name": "python"}}
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        n = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            n += 1
            new = nbformat.v4.new_code_cell(source=cell.source, outputs=cell.get("outputs", []))
            new.id = f"{path.stem}-{n:03d}"[:64]
            new.metadata = {"lkj": {"source": path.stem, "index": n}}
            new.execution_count = None
            merged.cells.append(new)
    return merged


@cache
def _vega_bundle() -> str:
    import vl_convert as vlc

    from lkj.report.charts import VL_VERSION

    return vlc.javascript_bundle(vl_version=VL_VERSION)


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
    from nbconvert.exporters import TemplateExporter

    resources = {
        "lkj": {
            "title": title,
            "lang": lang,
            "version": __version__,
            "screen_css": (TEMPLATES / TEMPLATE_NAME / "screen.css").read_text(encoding="utf-8"),
            "print_css": _print_css_for_page(),
            "vega_bundle": _vega_bundle() if charts else "",
            "charts_js": _charts_js() if charts else "",
        }
    }
    # TemplateExporter, not HTMLExporter: the latter re-serialises the page through
    # BeautifulSoup (attributes reordered, the Vega bundle re-parsed) to add notebook-only
    # accessibility attributes the report has no use for.
    exporter = TemplateExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
        file_extension=".html",
    )
    html, _ = exporter.from_notebook_node(merged_nb, resources=resources)
    return html


@dataclass(frozen=True)
class BuildResult:
    outputs: dict[str, Path]
    warnings: list[str]
    seconds: float


def build(
    period: str | Period,
    unit: str | None = None,
    root: str | Path | None = None,
    formats: tuple[str, ...] = ("html",),
    progress: Callable[[str], None] = print,
    warn: Callable[[str], None] | None = None,
    jobs: int | None = None,
) -> BuildResult:
    """Build the report of ``unit`` for ``period`` in the formats asked for."""
    import nbformat

    from lkj.report.assemble import assemble
    from lkj.report.context import load_report

    start = time.perf_counter()
    warn = warn or (lambda text: print(f"lkj: warning: {text}", file=sys.stderr))
    project = Project.at(root)
    when = Period.parse(period) if isinstance(period, str) else period
    ctx = load_report(unit, when, project.root)  # params, data, prose: errors before running
    progress(f"building {ctx.singkatan}, {ctx.periode}: {len(chapters(project))} chapters")
    executed = run_chapters(project, ctx.unit, when, progress, jobs)
    merged = merge(executed)
    asm = assemble(merged)
    name = report_name(ctx.unit, when)
    nbformat.write(merged, project.build_dir / ctx.unit / when.slug / f"{name}.ipynb")
    for text in asm.warnings:
        warn(text)
    title = f"Laporan Kinerja {ctx.singkatan} {ctx.periode}"
    html = export_html(merged, title=title, charts=asm.charts > 0)
    meta = ReportMeta(title, ctx.singkatan, f"Laporan Kinerja {ctx.periode}",
                      ctx.params.penandatangan.tanggal or when.end_date)  # fmt: skip
    outputs: dict[str, Path] = {}
    out_dir = project.reports_dir / ctx.unit / when.slug
    for fmt in formats:
        suffix, writer = FORMATS[fmt]
        path = out_dir / f"{name}{suffix}"
        writer(html, path, meta)
        outputs[fmt] = path
        progress(f"{fmt}: {project.display(path)}")
    return BuildResult(outputs, asm.warnings, time.perf_counter() - start)
