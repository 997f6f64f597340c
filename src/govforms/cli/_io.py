"""Reading answer files row by row, in constant memory, with the bytes read counted.

CSV (UTF-8 with or without BOM, or cp932) has a header row of field names; each later record is
one set of answers. An empty cell is an empty answer. A cell of a ``multi_choice``, ``group`` or
``file`` field holds JSON (``["a", "b"]``). JSON Lines has one JSON object per non-blank line.
A record that cannot be read becomes a coded error for that row; the rows after it are still
read.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Final

from govforms.errors import ConfigurationError, FieldError, GovFormsError

__all__ = ["CountingReader", "Row", "read_rows"]

_JSON_TYPES: Final = frozenset({"multi_choice", "group", "file"})
#: A row: its 1-based number, and either the answers or the error that stopped reading them.
Row = tuple[int, dict[str, Any] | GovFormsError]


class CountingReader(io.RawIOBase):
    """A raw reader that counts the bytes it has handed out (for a progress bar)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self.count += size
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


def _csv_rows(
    text: IO[str], field_type: Callable[[str], str | None], encoding: str
) -> Iterator[Row]:
    reader = csv.reader(text)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError):
        raise ConfigurationError("cli.file_unreadable", format="csv", encoding=encoding) from None
    if not header:
        raise ConfigurationError("cli.csv_no_header")
    names = [name.strip() for name in header]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates or not all(names):
        raise ConfigurationError("cli.csv_header_invalid", duplicates=duplicates)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise ConfigurationError(
                "cli.file_unreadable", format="csv", encoding=encoding
            ) from None
        except csv.Error:
            number += 1
            yield number, FieldError("cli.row_unreadable")
            continue
        if not cells:
            continue
        number += 1
        if len(cells) > len(names):
            yield number, FieldError("cli.csv_row_length", expected=len(names), actual=len(cells))
            continue
        answers: dict[str, Any] = {}
        for name, cell in zip(names, cells, strict=False):
            value: Any = cell
            if cell.strip() and field_type(name) in _JSON_TYPES:
                try:
                    value = json.loads(cell)
                except ValueError:
                    value = cell  # the field's own validator reports the wrong type
            answers[name] = value
        yield number, answers


def _jsonl_rows(text: IO[str], encoding: str) -> Iterator[Row]:
    number = 0
    while True:
        try:
            line = text.readline()
        except UnicodeDecodeError:
            raise ConfigurationError(
                "cli.file_unreadable", format="jsonl", encoding=encoding
            ) from None
        if not line:
            return
        if not line.strip():
            continue
        number += 1
        try:
            value = json.loads(line)
        except ValueError:
            yield number, FieldError("cli.row_not_json")
            continue
        if not isinstance(value, dict):
            yield number, FieldError("cli.row_not_object", actual=type(value).__name__)
            continue
        yield number, value


def read_rows(
    path: Path,
    *,
    encoding: str = "utf-8-sig",
    field_type: Callable[[str], str | None] = lambda name: None,
) -> tuple[CountingReader, int, Iterator[Row]]:
    """Open ``path`` (``.csv`` or ``.jsonl``/``.ndjson``): the byte counter, the file's size and
    an iterator of rows. ``field_type(name)`` tells which CSV columns hold JSON."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".ndjson"):
        raise ConfigurationError("cli.file_format", suffix=suffix or "(none)")
    try:
        size = os.path.getsize(path)
        raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the counter
    except OSError as error:
        raise ConfigurationError(
            "cli.file_missing", path=str(path), reason=error.strerror or ""
        ) from None
    counter = CountingReader(raw)
    text = io.TextIOWrapper(io.BufferedReader(counter), encoding=encoding, newline="")
    if suffix == ".csv":
        return counter, size, _csv_rows(text, field_type, encoding)
    return counter, size, _jsonl_rows(text, encoding)
