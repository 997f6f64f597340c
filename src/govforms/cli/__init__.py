"""The ``govforms`` command.

Each sub-command lives in its own module of this package and exposes
``register(subparsers: argparse._SubParsersAction) -> None``; the module registers its parser and
sets ``func`` (``Callable[[argparse.Namespace], int]``) as the parser default. Modules are found
by listing the package, so adding a command touches no shared file.

Exit codes: 0 success, 1 the input had errors (a report was printed), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from govforms.errors import GovFormsError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command of this package registered."""
    parser = argparse.ArgumentParser(
        prog="govforms", description="E-government form primitives for Japan."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        code: int = func(args)
    except GovFormsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return code
