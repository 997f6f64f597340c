"""Write docs/errors.md: every error code with its params and its message in every locale.

    python scripts/gen_error_docs.py          # rewrite docs/errors.md
    python scripts/gen_error_docs.py --check  # exit 1 when docs/errors.md is out of date

The page is generated from the one message catalogue (``govforms._messages``), so the reference
cannot drift from the code; ``tests/test_docs.py`` runs the check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govforms._messages import LOCALES, catalogue

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "errors.md"
LOCALE_NAMES = {"ja": "日本語", "en": "English", "ja-easy": "やさしい日本語"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    """The page's Markdown."""
    lines = [
        "# Error codes",
        "",
        "Every error govforms raises has a stable dotted `code` (public API: branch on it, key",
        "translations on it), JSON-safe `params`, and a message in every locale. This page is",
        "generated from the message catalogue by `python scripts/gen_error_docs.py`; do not edit",
        "it by hand.",
        "",
    ]
    by_group: dict[str, list[str]] = {}
    for code in sorted(catalogue()):
        by_group.setdefault(code.split(".", 1)[0], []).append(code)
    for group, codes in by_group.items():
        lines += [f"## `{group}.*`", ""]
        header = ["code", "params", *(LOCALE_NAMES.get(loc, loc) for loc in LOCALES)]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for code in codes:
            entry = catalogue()[code]
            params = ", ".join(f"`{p}`" for p in entry["params"]) or "—"
            messages = [_cell(entry[loc]) for loc in LOCALES]  # type: ignore[literal-required]
            lines.append("| " + " | ".join([f"`{code}`", params, *messages]) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the page is current")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/gen_error_docs.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
