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

    build = sub.add_parser("build", help="build the report of a period (HTML and PDF)")
    build.add_argument("period", help="e.g. 2025-Q2 or 2025-TW2")
    build.add_argument("--unit", help="unit in data/ (default: the only one)")
    build.add_argument(
        "--to",
        default="html,pdf",
        metavar="FORMATS",
        help="output formats, comma-separated: html, pdf (default: html,pdf)",
    )
    build.add_argument(
        "--jobs", type=int, default=None, help="chapters run at once (default: one per CPU)"
    )
    return parser


def _summary(args: argparse.Namespace) -> int:
    from lkj.paths import Project
    from lkj.summary import summarise

    result = summarise(args.period, args.unit, Project.at(args.root))
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(result.to_table())
    return 0


def _audit(args: argparse.Namespace) -> int:
    from lkj.audit import run
    from lkj.paths import Project

    result = run(args.period, args.unit, args.published, Project.at(args.root))
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(result.to_table())
    return 0


def _build(args: argparse.Namespace) -> int:
    from lkj.build import build, parse_formats

    formats = parse_formats(args.to)
    result = build(args.period, args.unit, args.root, formats, jobs=args.jobs)
    print(f"done in {result.seconds:.1f} s")
    return 0


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
