"""``govforms address TEXT`` and ``govforms postal CODE``: look addresses up offline.

``address`` parses an address and prints its DS-442 parts (exit 1 when it does not reach the
town, or is ambiguous); ``postal`` prints the towns Japan Post lists for a postal code.
``--json`` prints machine-readable output.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import attrs

from govforms.errors import GovFormsError
from govforms.fields.address import lookup_postal_code, parse_address, validate_address

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``address`` and ``postal``."""
    address = subparsers.add_parser("address", help="parse and normalise an address")
    address.add_argument("text", help="the address")
    address.add_argument(
        "--min-level",
        default="town",
        choices=["prefecture", "city", "town", "block"],
        help="level the address must reach (default: town)",
    )
    address.add_argument("--json", action="store_true", help="print JSON")
    address.set_defaults(func=_address)
    postal = subparsers.add_parser("postal", help="look up a postal code")
    postal.add_argument("code", help="7-digit postal code")
    postal.add_argument("--json", action="store_true", help="print JSON")
    postal.set_defaults(func=_postal)


def _address(args: argparse.Namespace) -> int:
    error: GovFormsError | None = None
    try:
        parsed = validate_address(args.text, min_level=args.min_level)
    except GovFormsError as caught:
        error = caught
        parsed = parse_address(args.text)
    out: dict[str, Any] = attrs.asdict(parsed)
    out["level"] = parsed.level.name.lower()
    del out["source"]
    if error is not None:
        out["error"] = error.to_dict("en")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for name in ("normalized", "prefecture", "prefecture_code", "city", "city_code"):
            print(f"{name:16} {out[name] or ''}")
        for name in ("street", "town", "rest", "block", "building"):
            if out[name]:
                print(f"{name:16} {out[name]}")
        print(f"{'level':16} {out['level']}")
        if parsed.postal_codes:
            codes = ", ".join(f"{c[:3]}-{c[3:]}" for c in parsed.postal_codes)
            print(f"{'postal codes':16} {codes}")
        if parsed.candidates:
            print(f"{'candidates':16} {', '.join(parsed.candidates)}")
        if error is not None:
            print(f"error: {error}")
    return 0 if error is None else 1


def _postal(args: argparse.Namespace) -> int:
    entries = lookup_postal_code(args.code)
    if args.json:
        print(json.dumps([attrs.asdict(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    for entry in entries:
        code = f"{entry.postal_code[:3]}-{entry.postal_code[3:]}"
        note = f" ({entry.note})" if entry.note else ""
        print(
            f"{code} {entry.prefecture}{entry.city}{entry.town}{note}"
            f" [{entry.city_code}] {entry.city_kana}{entry.kana}"
        )
    return 0
