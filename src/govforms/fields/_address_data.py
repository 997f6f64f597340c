"""Lookup indexes over the address tables of :mod:`govforms._data`.

Built once per process (under a lock) on top of the loaded arrays: a small dict of prefecture
names and one of municipality name keys (a few thousand entries). The town index of a
municipality is built the first time an address in it is parsed and then kept; a prefecture-wide
platform touches at most ~1,900 of them. Everything here is read-only once built.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

from govforms._data import AddressTables, tables
from govforms._data._format import TOWN_BUILDING
from govforms.fields._address_normalize import key

__all__ = ["Index", "TownIndex", "WardGroup", "index", "on_boundary"]

_GUN_RE: Final = re.compile(r"^(.+?郡)(.+[町村])$")
# Japan Post writes some Tokyo island municipalities with the island first: 八丈島八丈町.
_ISLAND_RE: Final = re.compile(r"^(.+?島)(.+[町村])$")


class TownIndex:
    """Town keys of one municipality: ``key -> town row - base`` (a tuple on a collision).

    Rows are stored relative to the municipality's first town so that most values are small
    ints, which CPython shares.
    """

    __slots__ = ("base", "implicit", "keys", "max_len")

    def __init__(self, keys: dict[str, int | tuple[int, ...]], base: int, implicit: int) -> None:
        self.keys = keys
        self.base = base
        self.max_len = max((len(k) for k in keys), default=0)
        #: The town an address without a town name is in (-1: the address needs a town):
        #: the town named like the municipality itself (香川郡直島町 → 直島町), or -2 when the
        #: municipality has no named town at all.
        self.implicit = implicit

    def longest(self, text_key: str, start: int, pos: Sequence[int]) -> tuple[int, list[int]]:
        """Longest town key that ``text_key[start:]`` starts with: ``(length, town rows)``.

        ``pos`` maps key positions to the text (see ``fold``): a match may not end inside a
        numeral that was folded into several digits (``九一`` → ``91``).
        """
        keys = self.keys
        upper = min(self.max_len, len(text_key) - start)
        for length in range(upper, 0, -1):
            rows = keys.get(text_key[start : start + length])
            if rows is not None and on_boundary(pos, start + length):
                base = self.base
                if isinstance(rows, int):
                    return length, [base + rows]
                return length, [base + row for row in rows]
        return 0, []


class WardGroup:
    """The towns of all wards of a designated city, searched ward by ward (no second copy)."""

    __slots__ = ("wards",)

    implicit = -1

    def __init__(self, wards: Sequence[TownIndex]) -> None:
        self.wards = tuple(wards)

    def longest(self, text_key: str, start: int, pos: Sequence[int]) -> tuple[int, list[int]]:
        """As :meth:`TownIndex.longest`, over every ward; rows of equally long matches."""
        best, rows = 0, []
        for ward in self.wards:
            length, found = ward.longest(text_key, start, pos)
            if length > best:
                best, rows = length, found
            elif length and length == best:
                rows = rows + found
        return best, rows


def on_boundary(pos: Sequence[int], end: int) -> bool:
    """Whether key position ``end`` starts a new character of the text (see ``fold``)."""
    return end >= len(pos) - 1 or pos[end] != pos[end - 1]


class Index:
    """Prefecture and municipality keys plus lazily built town indexes."""

    def __init__(self, t: AddressTables) -> None:
        self.t = t
        self.muni_code = t["muni_code"]
        self.muni_parent = t["muni_parent"]
        self.pref_names = [t.text(i) for i in t["pref_name"]]
        self.pref_by_name: dict[str, int] = {}
        self.pref_by_short: dict[str, int] = {}
        for number, name in enumerate(self.pref_names, start=1):
            if not name:
                continue
            self.pref_by_name[name] = number
            short = name if name == "北海道" else name[:-1]
            self.pref_by_short[short] = number
        self.muni_names = [t.text(i) for i in t["muni_name"]]
        self.muni_kanas = [t.text(i) for i in t["muni_kana"]]
        self.muni_codes = [f"{c:06d}" for c in self.muni_code]
        #: Per municipality row: (prefecture, prefecture code, name, code, reading).
        self.muni_info = [
            (
                self.pref_names[code // 10000 - 1],
                f"{code // 10000:02d}",
                self.muni_names[row],
                self.muni_codes[row],
                self.muni_kanas[row],
            )
            for row, code in enumerate(self.muni_code)
        ]
        # Direct references for the postal look-up's hot path.
        self.strings = t.strings
        self.str_offsets = t["str_offsets"]
        self.postal_code = t["postal_code"]
        self.postal_start = t["postal_start"]
        self.postal_town = t["postal_town"]
        self.postal_note = t["postal_note"]
        self.town_muni = t["town_muni"]
        self.town_name = t["town_name"]
        self.town_kana = t["town_kana"]
        self.city_keys: dict[str, list[int]] = {}
        self.children: dict[int, list[int]] = {}
        for row, name in enumerate(self.muni_names):
            self._add_city(key(name), row)
            match = _GUN_RE.match(name) or _ISLAND_RE.match(name)
            if match:
                self._add_city(key(match.group(2)), row)
            parent = self.muni_parent[row]
            if parent >= 0:
                self.children.setdefault(parent, []).append(row)
        self.city_max_len = max(len(k) for k in self.city_keys)
        self._towns: dict[int, TownIndex] = {}
        self._groups: dict[int, WardGroup] = {}
        self._lock = threading.Lock()

    def _add_city(self, city_key: str, row: int) -> None:
        rows = self.city_keys.setdefault(city_key, [])
        if row not in rows:
            rows.append(row)

    def muni_pref(self, row: int) -> int:
        return int(self.muni_code[row]) // 10000

    def muni_row(self, code: int) -> int:
        """Row of a 6-digit code (as int), or -1."""
        row = bisect_left(self.muni_code, code)
        if row < len(self.muni_code) and self.muni_code[row] == code:
            return row
        return -1

    def towns(self, row: int) -> TownIndex | WardGroup:
        """The town index of municipality ``row`` (all wards' towns for a designated city)."""
        children = self.children.get(row)
        if children is None:
            return self._town_index(row)
        group = self._groups.get(row)
        if group is None:
            # Two threads may build it at once: both groups are equal, setdefault keeps one.
            group = WardGroup([self._town_index(child) for child in children])
            group = self._groups.setdefault(row, group)
        return group

    def _town_index(self, row: int) -> TownIndex:
        found = self._towns.get(row)
        if found is None:
            with self._lock:
                found = self._towns.get(row)
                if found is None:
                    found = self._build_towns(row)
                    self._towns[row] = found
        return found

    def _build_towns(self, muni: int) -> TownIndex:
        t = self.t
        start, names, flags = t["muni_town_start"], t["town_name"], t["town_flags"]
        keys: dict[str, int | tuple[int, ...]] = {}
        own = self.muni_names[muni]
        short = _GUN_RE.match(own) or _ISLAND_RE.match(own)
        own = short.group(2) if short else own
        implicit = -1
        for town in range(start[muni], start[muni + 1]):
            if flags[town] & TOWN_BUILDING:
                continue
            name = t.text(names[town])
            if not name:
                continue
            if name == own:
                implicit = town
            offset = town - start[muni]
            for variant in _town_variants(name):
                town_key = key(variant)
                found = keys.get(town_key)
                if found is None:
                    keys[town_key] = offset
                elif found != offset:
                    rows = (found,) if isinstance(found, int) else found
                    if offset not in rows:
                        keys[town_key] = (*rows, offset)
        return TownIndex(keys, start[muni], implicit if keys else -2)


def _town_variants(name: str) -> list[str]:
    out = [name]
    if name.startswith("大字"):
        out.append(name[2:])
    elif name.startswith("字") and len(name) > 1:
        out.append(name[1:])
    return out


_lock = threading.Lock()
_index: Index | None = None


def index() -> Index:
    """The index over the tables in use (rebuilt when :func:`govforms._data.reload` ran)."""
    t = tables()
    current = _index
    if current is not None and current.t is t:
        return current
    return _build(t)


def _build(t: AddressTables) -> Index:
    global _index
    with _lock:
        if _index is None or _index.t is not t:
            _index = Index(t)
        return _index
