"""The ``lkj`` command line. Heavy libraries are imported only by the commands that need them."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

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
    summary.add_argument("--unit", help="unit in data/ (default: the only one)")
    summary.add_argument("--format", choices=("table", "json"), default="table")

    audit = sub.add_parser(
        "audit", help="compare the figures a published report prints with the computed ones"
    )
    audit.add_argument("period", help="e.g. 2025-Q2 or 2025-TW2")
    audit.add_argument("--unit", help="unit in data/ (default: the only one)")
    audit.add_argument(
        "--published",
        metavar="FILE",
        help="transcription of the published report "
        "(default: data/<unit>/<year>/published/<period>.yaml)",
    )
    audit.add_argument("--format", choices=("table", "json"), default="table")

    build = sub.add_parser(
        "build",
        help="build the reports of one or more periods (HTML and PDF); unchanged ones are skipped",
    )
    build.add_argument("periods", nargs="+", metavar="PERIOD", help="e.g. 2025-Q2 or 2025-TW2")
    units = build.add_mutually_exclusive_group()
    units.add_argument(
        "--unit",
        action="append",
        help="unit in data/ (default: the only one); repeat it for several units",
    )
    units.add_argument("--all-units", action="store_true", help="every unit in data/")
    build.add_argument(
        "--to",
        default="html,pdf",
        metavar="FORMATS",
        help="output formats, comma-separated: html, pdf (default: html,pdf)",
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
    return parser


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
    return 0


def _build(args: argparse.Namespace) -> int:
    from lkj.build.finish import parse_formats
    from lkj.build.run import build_many, table, targets
    from lkj.inputs.project import Project

    formats = parse_formats(args.to)
    if args.jobs is not None and args.jobs < 1:
        raise LkjError(f"--jobs {args.jobs}: expected a number of 1 or more, e.g. --jobs 2")
    project = Project.at(args.root)
    wanted = targets(project, args.periods, args.unit, all_units=args.all_units)
    result = build_many(project, wanted, formats, jobs=args.jobs, force=args.force)
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


COMMANDS = {"summary": _summary, "audit": _audit, "build": _build}


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
