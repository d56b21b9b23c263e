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
    parser.add_argument("--root", help="project tree with data/ and params/ "
                        "(default: $LKJ_ROOT, else the current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    summary = sub.add_parser("summary", help="print the computed figures of a period")
    summary.add_argument("period", help="e.g. 2025-Q2 or 2025-TW2")
    summary.add_argument("--unit", help="unit in data/ (default: the only one)")
    summary.add_argument("--format", choices=("table", "json"), default="table")
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


COMMANDS = {"summary": _summary}


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
