"""The ``lkj`` command line. Heavy libraries are imported only by the commands that need them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from lkj import __version__
from lkj.errors import LkjError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lkj", description="Quarterly performance reports (Laporan Kinerja) from data."
    )
    parser.add_argument("--version", action="version", version=f"lkj {__version__}")
    parser.add_argument(
        "--root",
        help="project tree with data/ and params/ (default: $LKJ_ROOT, else the current folder)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    summary = sub.add_parser("summary", help="print the computed figures of a period")
    summary.add_argument("period", help="e.g. 2025-Q2 or 2025-TW2")
    summary.add_argument("--unit", help=UNIT_HELP)
    summary.add_argument("--format", choices=("table", "json"), default="table")

    audit = sub.add_parser(
        "audit", help="compare the figures a published report prints with the computed ones"
    )
    audit.add_argument("period", help="e.g. 2025-Q2 or 2025-TW2")
    audit.add_argument("--unit", help=UNIT_HELP)
    audit.add_argument(
        "--published",
        metavar="FILE",
        help="transcription of the published report "
        "(default: data/<unit>/<year>/published/<period>.yaml)",
    )
    audit.add_argument("--format", choices=("table", "json"), default="table")
    audit.add_argument(
        "--strict",
        action="store_true",
        help="exit with code 2 when a figure in the analysts' prose disagrees with lkj's",
    )

    build = sub.add_parser(
        "build",
        help="build the reports of one or more periods (HTML and PDF, or Word); unchanged ones "
        "are skipped",
    )
    build.add_argument("periods", nargs="+", metavar="PERIOD", help="e.g. 2025-Q2 or 2025-TW2")
    units = build.add_mutually_exclusive_group()
    units.add_argument(
        "--unit",
        action="append",
        help=UNIT_HELP + "; repeat it for several units",
    )
    units.add_argument("--all-units", action="store_true", help="every unit in data/")
    build.add_argument(
        "--to",
        default="html,pdf",
        metavar="FORMATS",
        help="output formats, comma-separated: html, pdf, docx (an editable Word document) "
        "(default: html,pdf)",
    )
    build.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="reports finished (HTML, PDF) at once, each in a worker process, with one kernel "
        "running chapters per four of them (default: the number of CPUs)",
    )
    build.add_argument(
        "--force", action="store_true", help="rebuild reports whose inputs did not change"
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="fail a report whose analysts' prose states a figure that disagrees with lkj's "
        "(without it: a warning per figure)",
    )
    build.add_argument(
        "--executor",
        default="local",
        metavar="NAME",
        help="what builds the reports: local (this machine's processes, the default) or dask "
        "(a Dask cluster; the project tree must be at the same path on every worker)",
    )
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: the scheduler's address, e.g. tcp://10.0.0.5:8786 "
        "(default: a cluster of --jobs workers on this machine)",
    )
    template = sub.add_parser(
        "template",
        help="write an empty workbook to keep a year's data in (sheets, headers, drop-down lists, "
        "instructions in Indonesian, one example row per sheet)",
    )
    template.add_argument("path", metavar="FILE", help="e.g. data/dinas-x/2026.xlsx")
    template.add_argument("--force", action="store_true", help="replace an existing file")

    convert = sub.add_parser(
        "convert",
        help="turn a year's CSV files into one workbook data/<unit>/<year>.xlsx, or back "
        "(lossless; the files replaced are removed)",
    )
    convert.add_argument("year", type=int, help="e.g. 2025")
    convert.add_argument("--to", choices=("xlsx", "csv"), required=True)
    convert.add_argument("--unit", help=UNIT_HELP)

    export = sub.add_parser(
        "export", help="write the computed figures of a period as a workbook under reports/"
    )
    export.add_argument("period", help="e.g. 2025-Q2 or 2025-TW2")
    export.add_argument("--to", choices=("xlsx",), required=True)
    export.add_argument("--unit", help=UNIT_HELP)

    preview = sub.add_parser(
        "preview",
        help="serve a report on 127.0.0.1 and update it as its data, params or prose change",
    )
    preview.add_argument("period", help="e.g. 2025-Q2 or 2025-TW2")
    preview.add_argument("--unit", help=UNIT_HELP)
    preview.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar="N",
        help="port on 127.0.0.1 (default: 8000; 0: any free port)",
    )

    check = sub.add_parser(
        "check",
        help="validate every input of a report without building it; list every problem",
    )
    check.add_argument("period", help="e.g. 2025-Q2 or 2025-TW2")
    check.add_argument("--unit", help=UNIT_HELP)

    new = sub.add_parser(
        "new",
        help="create the skeleton of a new unit (data, params, narrative) under --root "
        "(default: $LKJ_ROOT, else the current folder)",
    )
    new.add_argument("unit", help="the unit's folder name: lower-case letters, digits, '-'")
    new.add_argument("--nama", required=True, help="the unit's full name")
    new.add_argument("--singkatan", help="its short name (default: the full name)")
    new.add_argument(
        "--period",
        help="the first report's period, e.g. 2026-Q1 (default: this quarter)",
    )
    return parser


UNIT_HELP = "unit in data/ (default: the only one, or the only one with data for the period's year)"


def _check(args: argparse.Namespace) -> int:
    from lkj.build.check import check
    from lkj.inputs.project import Project

    result = check(Project.at(args.root), args.unit, args.period)
    for problem in result.problems:
        print(f"lkj: error: {problem}", file=sys.stderr)
    label = f"{result.unit} {result.period.slug}"
    if result.problems:
        count = len(result.problems)
        print(f"{label}: {count} problem{'s' if count > 1 else ''}", file=sys.stderr)
        return 2
    print(f"{label}: no problem found ({', '.join(result.checked)})")
    return 0


def _new(args: argparse.Namespace) -> int:
    from datetime import date

    from lkj.build.skeleton import GUIDE, create
    from lkj.inputs.project import ENV_ROOT, Project
    from lkj.rules.periods import Period

    today = date.today()
    period = (
        Period.parse(args.period) if args.period else Period(today.year, (today.month + 2) // 3)
    )
    # a new unit goes where the user is: --root, $LKJ_ROOT, else the current folder (never
    # lkj's own checkout, which other commands fall back to)
    project = Project.at(args.root or os.environ.get(ENV_ROOT) or Path.cwd())
    written = create(project, args.unit, period, args.nama, args.singkatan)
    for path in written:
        print(project.display(path))
    print(f"next: fill in the files above, then `lkj check {period.slug}` ({GUIDE})")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from lkj.figures.summary import summarise
    from lkj.inputs.project import Project

    result = summarise(args.period, args.unit, Project.at(args.root))
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(result.to_table())
    return 0


def _audit(args: argparse.Namespace) -> int:
    from lkj.audit import run
    from lkj.inputs.project import Project

    result = run(args.period, args.unit, args.published, Project.at(args.root))
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(result.to_table())
    if args.strict and result.prose_findings:
        n = len(result.prose_findings)
        print(
            f"lkj: error: {n} figure{'s' if n > 1 else ''} in the analysts' prose disagree"
            f"{'s' if n == 1 else ''} with lkj's (--strict)",
            file=sys.stderr,
        )
        return 2
    return 0


def _build(args: argparse.Namespace) -> int:
    from lkj.build.executors import choose
    from lkj.build.finish import parse_formats
    from lkj.build.run import build_many, table, targets
    from lkj.inputs.project import Project

    formats = parse_formats(args.to)
    if args.jobs is not None and args.jobs < 1:
        raise LkjError(f"--jobs {args.jobs}: expected a number of 1 or more, e.g. --jobs 2")
    project = Project.at(args.root)
    executor = choose(args.executor, args.scheduler, root=project.root)
    wanted = targets(project, args.periods, args.unit, all_units=args.all_units)
    result = build_many(
        project,
        wanted,
        formats,
        jobs=args.jobs,
        force=args.force,
        strict=args.strict,
        executor=executor,
    )
    several = len(result.reports) > 1
    for report in result.reports:
        if report.error is not None:
            where = f"{report.label}: " if several else ""
            print(f"lkj: error: {where}{report.error}", file=sys.stderr)
    if several:
        print(table(result, project))
    elif result.reports[0].status == "built":
        print(f"done in {result.seconds:.1f} s")
    return result.exit_code


def _template(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lkj.build.atomic import write_atomic
    from lkj.inputs.template import template_bytes

    path = Path(args.path)
    if path.suffix.lower() != ".xlsx":
        raise LkjError(f"{args.path}: expected a file name ending in .xlsx, e.g. 2026.xlsx")
    if path.exists() and not args.force:
        raise LkjError(f"{args.path} exists already; add --force to replace it")
    if not path.parent.is_dir():
        raise LkjError(f"{args.path}: folder {path.parent} does not exist")
    write_atomic(path, template_bytes())
    print(f"wrote {args.path}")
    return 0


def _convert(args: argparse.Namespace) -> int:
    from lkj.build.atomic import write_atomic
    from lkj.inputs.convert import to_csv, to_workbook
    from lkj.inputs.project import Project
    from lkj.rules.periods import Period

    project = Project.at(args.root)
    unit = project.resolve_unit(args.unit, Period(args.year, 1))  # the year names the unit
    convert = to_workbook if args.to == "xlsx" else to_csv
    conversion = convert(project, unit, args.year)  # checked before anything is written
    for path, data in conversion.write.items():
        write_atomic(path, data)
        print(f"wrote {project.display(path)}")
    for path in conversion.remove:
        path.unlink()
        print(f"removed {project.display(path)}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from lkj.build.atomic import write_atomic
    from lkj.build.finish import report_name
    from lkj.figures.summary import summarise
    from lkj.inputs.project import Project
    from lkj.report.xlsx import export_bytes

    project = Project.at(args.root)
    summary = summarise(args.period, args.unit, project)
    folder = project.reports_dir / summary.unit / summary.period.slug
    path = folder / f"{report_name(summary.unit, summary.period)}.xlsx"
    data = export_bytes(summary)
    project.confine(folder, write=True)  # as lkj build: outputs only inside the project
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    print(f"wrote {project.display(path)}")
    return 0


def _preview(args: argparse.Namespace) -> int:
    import signal

    from lkj.build.live import serve
    from lkj.inputs.project import Project
    from lkj.rules.periods import Period

    if not 0 <= args.port <= 65535:
        raise LkjError(f"--port {args.port}: expected a port from 1 to 65535, e.g. --port 8000")
    project = Project.at(args.root)
    period = Period.parse(args.period)
    unit = project.resolve_unit(args.unit, period)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)  # stopped like Ctrl-C: the kernel goes with it
    try:
        serve(
            project,
            unit,
            period,
            args.port,
            out=lambda text: print(text, flush=True),
            err=lambda text: print(text, file=sys.stderr, flush=True),
        )
    except KeyboardInterrupt:
        print("lkj preview: stopped", file=sys.stderr)
    return 0


COMMANDS = {
    "summary": _summary,
    "audit": _audit,
    "build": _build,
    "template": _template,
    "convert": _convert,
    "export": _export,
    "preview": _preview,
    "check": _check,
    "new": _new,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except LkjError as exc:
        print(f"lkj: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl-C: outputs are replaced only once complete (lkj.build.atomic)
        print("lkj: interrupted; files already in reports/ were left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
