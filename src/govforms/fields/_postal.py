"""Japan Post's postal code list, looked up offline (郵便番号 → 住所)."""

from __future__ import annotations

from bisect import bisect_left

import attrs

from govforms.errors import FieldError
from govforms.fields._address_data import Index, index
from govforms.fields.postal_code import validate_postal_code

__all__ = ["PostalEntry", "entries_for", "lookup_postal_code", "town_codes"]


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
    t = idx.t
    codes = t["postal_code"]
    p = bisect_left(codes, code)
    if p >= len(codes) or codes[p] != code:
        return []
    start, towns, notes = t["postal_start"], t["postal_town"], t["postal_note"]
    town_muni, town_name, town_kana = t["town_muni"], t["town_name"], t["town_kana"]
    digits = f"{code:07d}"
    out = []
    for e in range(start[p], start[p + 1]):
        town = towns[e]
        muni = town_muni[town]
        pref = idx.muni_pref(muni)
        out.append(
            PostalEntry(
                postal_code=digits,
                prefecture=idx.pref_names[pref - 1],
                prefecture_code=f"{pref:02d}",
                city=idx.muni_names[muni],
                city_code=idx.muni_codes[muni],
                town=t.text(town_name[town]),
                kana=t.text(town_kana[town]),
                city_kana=idx.muni_kanas[muni],
                note=t.text(notes[e]),
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
    digits = validate_postal_code(code)
    found = entries_for(index(), int(digits))
    if not found:
        raise FieldError("postal_code.unknown")
    return found


def town_codes(idx: Index, town: int) -> tuple[str, ...]:
    """The postal codes of town row ``town``, as 7-digit strings."""
    t = idx.t
    start, codes = t["town_code_start"], t["town_codes"]
    return tuple(f"{c:07d}" for c in codes[start[town] : start[town + 1]])
