"""The ``govforms`` command.

Each sub-command lives in its own module of this package and exposes
``register(subparsers: argparse._SubParsersAction) -> None``; the module registers its parser and
sets ``func`` (``Callable[[argparse.Namespace], int]``) as the parser default. Modules are found
by listing the package, so adding a command touches no shared file.

Exit codes: 0 success, 1 the input had errors (a report was printed), 2 usage error.

A My Number is never accepted as a command-line argument: arguments stay in the shell history
and are visible to other users in the process list. :func:`main` refuses any argument that is a
valid My Number (``cli.my_number_argument``, exit status 2) before a command runs, without
echoing it; commands that need one read it from standard input.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from govforms.errors import ConfigurationError, GovFormsError

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


def _refuse_my_numbers(argv: Sequence[str]) -> None:
    """Raise ``cli.my_number_argument`` if an argument (or an option's ``=value``) is a valid
    My Number; the error gives its position only."""
    from govforms.fields import is_valid_my_number

    for position, arg in enumerate(argv, 1):
        value = arg.partition("=")[2] if arg.startswith("--") else arg
        if 12 <= len(value) <= 40 and is_valid_my_number(value):
            raise ConfigurationError("cli.my_number_argument", position=position)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        _refuse_my_numbers(arguments)
    except GovFormsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(arguments)
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
