"""Japan Post's postal code list, looked up offline (郵便番号 → 住所)."""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Callable
from typing import Final

import attrs

from govforms.errors import FieldError
from govforms.fields._address_data import Index, index
from govforms.fields.postal_code import validate_postal_code

__all__ = ["PostalEntry", "entries_for", "lookup_postal_code", "town_codes"]

#: Postal codes whose entries are kept (per process, least recently used dropped): forms of one
#: municipality see the same few hundred codes over and over.
CACHE_SIZE: Final = 2048


@attrs.frozen(slots=True)
class PostalEntry:
    """One town a postal code covers, as Japan Post lists it.

    ``town`` is empty for a city's default code (Japan Post's 「以下に掲載がない場合」, kept in
    ``note``); ``note`` also carries Japan Post's remarks in parentheses (``1〜19丁目``, a
    building's floor). ``kana`` is the town's reading, ``city_kana`` the city's; ``city_code`` is
    the 6-digit local government code (the ward's, in a designated city).
    """

    postal_code: str
    prefecture: str
    prefecture_code: str
    city: str
    city_code: str
    town: str
    kana: str
    city_kana: str
    note: str


def entries_for(idx: Index, code: int) -> list[PostalEntry]:
    """The entries of a 7-digit code given as an int (empty when Japan Post has none)."""
    codes = idx.postal_code
    p = bisect_left(codes, code)
    if p >= len(codes) or codes[p] != code:
        return []
    strings, offsets = idx.strings, idx.str_offsets
    towns, notes = idx.postal_town, idx.postal_note
    town_muni, town_name, town_kana = idx.town_muni, idx.town_name, idx.town_kana
    digits = f"{code:07d}"
    out = []
    for e in range(idx.postal_start[p], idx.postal_start[p + 1]):
        town = towns[e]
        pref, pref_code, city, city_code, city_kana = idx.muni_info[town_muni[town]]
        name, kana, note = town_name[town], town_kana[town], notes[e]
        out.append(
            PostalEntry(
                digits,
                pref,
                pref_code,
                city,
                city_code,
                strings[offsets[name] : offsets[name + 1] - 1],
                strings[offsets[kana] : offsets[kana + 1] - 1],
                city_kana,
                strings[offsets[note] : offsets[note + 1] - 1],
            )
        )
    return out


def lookup_postal_code(code: object) -> list[PostalEntry]:
    """The towns Japan Post lists for a postal code (several when one code covers several).

    Raises ``postal_code.format`` for a malformed code and ``postal_code.unknown`` when Japan
    Post has no such code (in the data in use: see ``govforms data info``).

    >>> [(e.city, e.town, e.city_code) for e in lookup_postal_code("100-0013")]
    [('千代田区', '霞が関', '131016')]
    >>> lookup_postal_code("0000000")
    Traceback (most recent call last):
    govforms.errors.FieldError: [postal_code.unknown] ...
    """
    found = _cached(index())(int(validate_postal_code(code)))
    if not found:
        raise FieldError("postal_code.unknown")
    return list(found)


_Lookup = Callable[[int], tuple[PostalEntry, ...]]
_cache: tuple[Index, _Lookup] | None = None


def _cached(idx: Index) -> _Lookup:
    """A bounded, thread-safe cache of :func:`entries_for` for the data in use."""
    global _cache
    current = _cache
    if current is None or current[0] is not idx:
        lookup = functools.lru_cache(maxsize=CACHE_SIZE)(lambda code: tuple(entries_for(idx, code)))
        current = _cache = (idx, lookup)
    return current[1]


def town_codes(idx: Index, town: int) -> tuple[str, ...]:
    """The postal codes of town row ``town``, as 7-digit strings."""
    t = idx.t
    start, codes = t["town_code_start"], t["town_codes"]
    return tuple(f"{c:07d}" for c in codes[start[town] : start[town + 1]])
