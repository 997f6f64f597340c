"""``govforms data``: show and refresh the reference data (Japan Post's postal code list).

``govforms data info`` prints the source, date, counts and location of the data in use.
``govforms data update --ken-all KEN_ALL.zip`` builds the data from Japan Post's KEN_ALL (the
zip, the Shift_JIS CSV or the UTF-8 edition) into the user data directory
(``$GOVFORMS_DATA_DIR`` or the platform's per-user data directory), which then takes precedence
over the copy shipped in the package.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

from govforms import _data

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``data info`` and ``data update``."""
    parser = subparsers.add_parser("data", help="show or refresh the reference data")
    commands = parser.add_subparsers(dest="data_command", metavar="ACTION")
    info = commands.add_parser("info", help="source, date and counts of the data in use")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(func=_info)
    update = commands.add_parser("update", help="rebuild the data from a KEN_ALL file")
    update.add_argument("--ken-all", type=Path, required=True, metavar="PATH", help="KEN_ALL")
    update.add_argument("--date", help="data date (YYYY-MM-DD); default: the file's date")
    update.add_argument("--json", action="store_true", help="print JSON")
    update.set_defaults(func=_update)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _print(summary: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True))
        return
    kind = "user data" if summary["user_data"] else "shipped with govforms"
    print(f"source:    {summary['source']}")
    print(f"data date: {summary['data_date']}")
    print(f"file:      {summary['path']} ({kind}, {summary['size']:,} bytes)")
    print(f"licence:   {summary['licence']}")
    for name, count in summary["counts"].items():
        print(f"  {name.replace('_', ' ')}: {count:,}")


def _info(args: argparse.Namespace) -> int:
    try:
        summary = _data.info()
    except ValueError as error:
        print(f"error: {_data.data_path()}: {error}", file=sys.stderr)
        return 1
    _print(summary, args.json)
    return 0


def _update(args: argparse.Namespace) -> int:
    path: Path = args.ken_all
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    try:
        summary = _data.update_from_ken_all(path, data_date=args.date)
    except (ValueError, zipfile.BadZipFile) as error:
        print(f"error: {path}: not a KEN_ALL file ({error})", file=sys.stderr)
        return 1
    if not args.json:
        print(f"updated {summary['path']}")
    _print(summary, args.json)
    return 0
