"""``govforms validate FORM ANSWERS``: check a file of answers against a form definition.

Streams the answers (CSV or JSON Lines, see :mod:`govforms.cli._io`) in constant memory, draws
a progress bar on standard error, and prints one line per error to standard output: the row
number, the field path, the code and the message. Exit status 1 when any row fails.

Answers are never printed, only facts about them, so a report is safe to share: a wrong My
Number shows as ``my_number.checksum`` at ``my_number``, never as its digits.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from govforms.cli._io import read_rows
from govforms.cli._progress import ProgressBar
from govforms.contrib._common import locale_for
from govforms.errors import ConfigurationError, GovFormsError, Locale, ValidationErrors

__all__ = ["register", "run", "validate_file"]


def default_locale() -> Locale:
    """``ja`` when the environment's language is Japanese (``LC_ALL``, ``LANG``), else ``en``."""
    return locale_for(os.environ.get("LC_ALL") or os.environ.get("LANG"))


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a CSV or JSON Lines file of answers against a form definition",
        description=(
            "Check every row of ANSWERS against FORM and report each error by row, field and "
            "code. Exit status 1 when any row fails."
        ),
    )
    parser.add_argument("form", type=Path, help="the form definition (JSON or YAML)")
    parser.add_argument("answers", type=Path, help="the answers: .csv (with a header) or .jsonl")
    parser.add_argument("--locale", choices=("ja", "en"), help="language of the messages")
    parser.add_argument(
        "--encoding",
        choices=("utf-8-sig", "utf-8", "cp932"),
        default="utf-8-sig",
        help="text encoding of ANSWERS (default: UTF-8, with or without BOM)",
    )
    parser.add_argument(
        "--format",
        dest="report_format",
        choices=("text", "jsonl"),
        default="text",
        help="report format: readable text or one JSON object per error",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return validate_file(
        args.form,
        args.answers,
        locale=args.locale or default_locale(),
        encoding=args.encoding,
        report_format=args.report_format,
        progress=not args.quiet,
    )


def _report(
    out: TextIO, row: int, error: GovFormsError, path: str, locale: Locale, report_format: str
) -> None:
    if report_format == "jsonl":
        item = {"row": row, "field": path, **error.to_dict(locale)}
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    else:
        where = f"row {row}" + (f", {path}" if path else "")
        out.write(f"{where}: [{error.code}] {error.message(locale)}\n")


def validate_file(
    form_path: Path,
    answers_path: Path,
    *,
    locale: Locale = "en",
    encoding: str = "utf-8-sig",
    report_format: str = "text",
    progress: bool = True,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Validate every row; 0 when all rows are valid, 1 otherwise."""
    from govforms.submissions import FormDefinition

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        form = FormDefinition.load(form_path)
    except OSError as error:
        raise ConfigurationError(
            "cli.file_missing", path=str(form_path), reason=error.strerror or ""
        ) from None

    def field_type(name: str) -> str | None:
        try:
            return str(form.field(name).type)
        except KeyError:
            return None

    counter, size, rows = read_rows(answers_path, encoding=encoding, field_type=field_type)
    bar = ProgressBar(err, total=size) if progress else None
    total = failed = errors = 0
    try:
        for number, answers in rows:
            total += 1
            problems: list[tuple[str, GovFormsError]] = []
            if isinstance(answers, GovFormsError):
                problems.append(("", answers))
            else:
                try:
                    form.validate(answers)
                except ValidationErrors as many:
                    problems.extend((".".join(map(str, path)), one) for path, one in many)
            if problems:
                failed += 1
                errors += len(problems)
                for path, problem in problems:
                    _report(out, number, problem, path, locale, report_format)
            if bar is not None:
                bar.update(done=counter.count, rows=total, failed=failed)
    finally:
        counter.close()
    if bar is not None:
        bar.finish(done=size, rows=total, failed=failed)
    summary = f"{total:,} rows checked: {total - failed:,} valid, {failed:,} with errors"
    if report_format == "text":
        out.write(f"{summary} ({errors:,} errors)\n" if failed else f"{summary}\n")
    else:
        err.write(summary + "\n")
    return 1 if failed else 0
