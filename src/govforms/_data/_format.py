"""The on-disk layout of ``address.bin``: one header and one compressed body of flat arrays.

Layout (all integers little-endian)::

    MAGIC (16 bytes) | header length (uint32) | header (UTF-8 JSON) | zlib(body)

The header holds ``format``, ``source``, ``data_date``, ``counts`` and ``sections``: for each
section its name, :mod:`array` typecode (``"s"`` for the UTF-8 string table), offset and length
in bytes inside the decompressed body. Reading the header alone (for ``govforms data info``)
does not decompress the body.

Sections (``n`` = number of rows of the table they belong to):

``strings``
    every name, reading and note, UTF-8, each followed by ``\\x00``; string 0 is ``""``.
``str_offsets`` (I)
    character offset of each string in the decoded table, plus one final end offset.
``pref_name``, ``pref_kana`` (I, 47)
    string ids of prefecture ``i + 1`` (JIS X 0401 order).
``muni_code`` (I), ``muni_name`` (I), ``muni_kana`` (I), ``muni_parent`` (i),
``muni_town_start`` (I, n + 1)
    municipalities sorted by 6-digit local government code; ``muni_parent`` is the row of the
    designated city a ward belongs to (``-1`` otherwise); towns of row ``m`` are rows
    ``muni_town_start[m]:muni_town_start[m + 1]`` of the town table.
``town_muni`` (I), ``town_name`` (I), ``town_kana`` (I), ``town_flags`` (B),
``town_code_start`` (I, n + 1), ``town_codes`` (I)
    towns sorted by municipality then name, with the postal codes of each town.
``postal_code`` (I), ``postal_start`` (I, n + 1), ``postal_town`` (I), ``postal_note`` (I)
    the sorted distinct postal codes; entries ``postal_start[p]:postal_start[p + 1]`` of
    ``postal_town``/``postal_note`` are the towns the code covers, with Japan Post's note.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from collections.abc import Mapping
from typing import Any, Final

__all__ = [
    "FORMAT_VERSION",
    "MAGIC",
    "TOWN_BUILDING",
    "TOWN_CHOME",
    "TOWN_DEFAULT",
    "TOWN_KOAZA",
    "TOWN_MULTI",
    "TOWN_PARTIAL",
    "pack",
    "read_header",
    "unpack",
]

MAGIC: Final = b"GOVFORMS-ADDR\x00\x00\x01"
FORMAT_VERSION: Final = 1

#: Town flags (bits of ``town_flags``), from KEN_ALL's flag columns and the town notes.
TOWN_PARTIAL: Final = 1  # the town has several postal codes
TOWN_KOAZA: Final = 2  # banchi numbered per 小字
TOWN_CHOME: Final = 4  # the town has 丁目
TOWN_MULTI: Final = 8  # one postal code covers several towns
TOWN_DEFAULT: Final = 16  # 「以下に掲載がない場合」: the city-level default code
TOWN_BUILDING: Final = 32  # a high-rise building with its own codes (note names a floor)

_LENGTH: Final = struct.Struct("<I")


def pack(header: Mapping[str, Any], strings: str, arrays: Mapping[str, array[Any]]) -> bytes:
    """Serialise the string table and arrays with ``header`` (``sections`` is filled in)."""
    body = bytearray()
    sections: list[list[Any]] = []
    raw = strings.encode("utf-8")
    sections.append(["strings", "s", len(body), len(raw)])
    body += raw
    for name, values in arrays.items():
        data = values.tobytes() if sys.byteorder == "little" else _swapped(values).tobytes()
        sections.append([name, values.typecode, len(body), len(data)])
        body += data
    full = dict(header)
    full["format"] = FORMAT_VERSION
    full["sections"] = sections
    head = json.dumps(full, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return MAGIC + _LENGTH.pack(len(head)) + head + zlib.compress(bytes(body), 9)


def _swapped(values: array[Any]) -> array[Any]:
    copy = array(values.typecode, values)
    copy.byteswap()
    return copy


def read_header(data: bytes) -> tuple[dict[str, Any], int]:
    """The header of a data file and the offset where its body starts."""
    if data[: len(MAGIC)] != MAGIC:
        raise ValueError("not a govforms address data file")
    start = len(MAGIC) + _LENGTH.size
    (length,) = _LENGTH.unpack_from(data, len(MAGIC))
    header = json.loads(data[start : start + length].decode("utf-8"))
    if header.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported address data format {header.get('format')!r}")
    return header, start + length


def unpack(data: bytes) -> tuple[dict[str, Any], str, dict[str, array[Any]]]:
    """The header, the decoded string table and every array of a data file."""
    header, offset = read_header(data)
    body = zlib.decompress(data[offset:])
    strings = ""
    arrays: dict[str, array[Any]] = {}
    view = memoryview(body)
    for name, typecode, start, length in header["sections"]:
        if typecode == "s":
            strings = str(view[start : start + length], "utf-8")
            continue
        values = array(typecode)
        values.frombytes(view[start : start + length])
        if sys.byteorder != "little":
            values.byteswap()
        arrays[name] = values
    return header, strings, arrays
