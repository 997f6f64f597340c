"""Japanese addresses (住所): parse, normalise and check against Japan Post's data, offline.

:func:`parse_address` splits what a resident typed into the Digital Agency data standard DS-442
items — prefecture (JIS X 0401 code), municipality (6-digit local government code; a ward of a
designated city as ``札幌市中央区``), town (町字, the official spelling), block (丁目 and below as
``2-1-2``) and building (方書) — and never raises on text. :func:`validate_address` raises a
coded error when the address is not complete enough. The data is Japan Post's postal code list
(KEN_ALL), shipped with the package and refreshable with ``govforms data update``.

Rules (each documented with examples in ``docs/address.md``):

* the prefecture may be omitted when the city name is unique (``千代田区…`` → 東京都); when
  it is not (``府中市``), a town that exists in only one of them decides, else the address is
  ambiguous and the candidates are listed;
* ``ヶ/ケ/が``, ``の/ノ/之`` and common variant kanji (``髙/高``, ``﨑/崎``, ``渕/淵``) match each
  other; kanji and ASCII numerals match inside names (``北1条西`` finds ``北一条西``); spaces are
  ignored — for lookup only: the official spelling is returned;
* ``大字``/``字`` before the town are optional; the county (郡) may be omitted;
* 丁目・番地・番・号・の and hyphen look-alikes in block positions become ``2-1-2``; numerals
  inside names stay (``三国ヶ丘``, ``四日市``);
* Hokkaido 条 numbers are written in digits in :attr:`Address.normalized` (``北1条西2-…``);
  elsewhere a 条 is part of a name and stays (``京都市中京区二条殿町``);
* Kyoto street designations (``河原町通二条下る``) are kept in :attr:`Address.street` while the
  town after them is matched;
* whatever follows the block (``第2ビル 3F``, ``ハイツ101号室``) is the building, kept apart.

>>> a = parse_address("東京都千代田区霞が関２丁目１番２号　中央合同庁舎第２号館")
>>> a.prefecture, a.city, a.city_code, a.town, a.block, a.level.name
('東京都', '千代田区', '131016', '霞が関', '2-1-2', 'BLOCK')
>>> a.normalized
'東京都千代田区霞が関2-1-2 中央合同庁舎第2号館'
"""

from __future__ import annotations

import enum
import re
from typing import Annotated, Final

import attrs

from govforms._text import DIGITS, HYPHENS, check_str
from govforms.errors import ConfigurationError, FieldError
from govforms.fields._address_data import Index, index, on_boundary
from govforms.fields._address_normalize import (
    fold,
    jo_to_digits,
    join_block,
    parse_block,
    split_kyoto_street,
)
from govforms.fields._local_government import (
    LocalGovernmentCode,
    Municipality,
    calc_local_government_check_digit,
    is_valid_local_government_code,
    lookup_municipality,
    validate_local_government_code,
)
from govforms.fields._postal import PostalEntry, entries_for, lookup_postal_code, town_codes
from govforms.fields._pydantic import FieldValidator
from govforms.fields.postal_code import validate_postal_code

__all__ = [
    "Address",
    "AddressLevel",
    "AddressText",
    "LocalGovernmentCode",
    "Municipality",
    "PostalEntry",
    "calc_local_government_check_digit",
    "check_postal_code",
    "is_valid_address",
    "is_valid_local_government_code",
    "lookup_municipality",
    "lookup_postal_code",
    "parse_address",
    "validate_address",
    "validate_local_government_code",
]


class AddressLevel(enum.IntEnum):
    """How far an address matched the official data (ordered: ``TOWN > CITY``)."""

    NONE = 0
    PREFECTURE = 1
    CITY = 2
    TOWN = 3
    BLOCK = 4


@attrs.frozen(slots=True)
class Address:
    """A parsed address. Text fields are ``""`` when absent; codes are ``None``.

    ``town`` is the official spelling from Japan Post's list; ``street`` a Kyoto street
    designation written before it; ``rest`` text after the town (or the city, when no town
    matched) that is not part of the block, such as a 小字 name; ``block`` the 丁目 and below
    in DS-442 form; ``building`` the 方書 as typed (full-width digits in ASCII).
    ``normalized`` is the DS-442 text (prefecture + city + town + block, then one space and the
    building when there is one); ``source`` is the text as the resident typed it.
    ``candidates`` lists the places an ambiguous address could be. The repr shows the area
    only: the block, building and source are personal data.
    """

    prefecture: str
    prefecture_code: str | None
    city: str
    city_code: str | None
    town: str
    block: str = attrs.field(repr=False)
    building: str = attrs.field(repr=False)
    level: AddressLevel
    normalized: str = attrs.field(repr=False)
    postal_codes: tuple[str, ...] = attrs.field(repr=False)
    street: str = attrs.field(default="", repr=False)
    rest: str = attrs.field(default="", repr=False)
    candidates: tuple[str, ...] = ()
    source: str = attrs.field(default="", repr=False)


_DIGIT: Final = f"[{''.join(DIGITS)}]"
_HYPHEN: Final = f"[{re.escape(''.join(sorted(HYPHENS)))}]"
_POSTAL_PREFIX_RE: Final = re.compile(
    rf"^\s*(?:〒|郵便番号[:：]?)?\s*{_DIGIT}{{3}}{_HYPHEN}?{_DIGIT}{{4}}(?!{_DIGIT})"
)
_TRIM: Final = " \u3000\t\r\n\u200b\ufeff、,"


@attrs.frozen(slots=True)
class _Town:
    muni: int
    town: int  # -1: none matched
    street: str
    after: str  # text after the matched town (or after the city)
    candidates: tuple[str, ...] = ()
    implicit: int = -1  # see TownIndex.implicit


def _match_city(idx: Index, key: str, pos: list[int], pref: int) -> tuple[int, list[int]]:
    upper = min(idx.city_max_len, len(key))
    for length in range(upper, 0, -1):
        rows = idx.city_keys.get(key[:length])
        if rows is not None and on_boundary(pos, length):
            if pref:
                rows = [r for r in rows if idx.muni_pref(r) == pref]
            if rows:
                return length, rows
    return 0, []


def _longest_town(idx: Index, muni: int, text: str) -> tuple[int, list[int]]:
    """``(end index in text, town rows)`` of the longest town at the start of ``text``."""
    key, pos = fold(text)
    towns = idx.towns(muni)
    length, rows = towns.longest(key, 0, pos)
    if not length:
        for prefix in ("大字", "字"):
            if key.startswith(prefix):
                length, rows = towns.longest(key, len(prefix), pos)
                if length:
                    length += len(prefix)
                break
    if not length:
        return 0, []
    end = pos[length]
    if len(rows) > 1:
        exact = [r for r in rows if idx.t.text(idx.t["town_name"][r]) == text[:end]]
        rows = exact or rows
    return end, rows


def _match_town(idx: Index, muni: int, after: str) -> _Town:
    if idx.muni_names[muni].startswith("京都市"):
        street, remainder = split_kyoto_street(after)
        if street:
            end, rows = _longest_town(idx, muni, remainder)
            if len(rows) == 1:
                return _Town(muni, rows[0], street, remainder[end:])
    end, rows = _longest_town(idx, muni, after)
    if not rows:
        implicit = idx.towns(muni).implicit
        return _Town(muni, -1, "", after, implicit=implicit)
    if len(rows) == 1:
        return _Town(muni, rows[0], "", after[end:])
    t = idx.t
    town_muni = t["town_muni"]
    names = tuple(sorted(idx.muni_names[town_muni[r]] + t.text(t["town_name"][r]) for r in rows))
    return _Town(muni, -1, "", after, candidates=names)


def _strip_postal_code(idx: Index, body: str) -> str:
    """Drop a leading postal code (``〒100-0013``) when a prefecture or city follows it."""
    match = _POSTAL_PREFIX_RE.match(body)
    if match is None:
        return body
    rest = body[match.end() :].strip(_TRIM)
    if idx.pref_by_name.get(rest[:3]) or idx.pref_by_name.get(rest[:4]):
        return rest
    if idx.pref_by_short.get(rest[:2]) or idx.pref_by_short.get(rest[:3]):
        return rest
    key, pos = fold(rest)
    return rest if _match_city(idx, key, pos, 0)[1] else body


def parse_address(text: str) -> Address:
    """Parse an address; never raises on a ``str`` (see the module docstring for the rules).

    A value that is not a ``str`` raises ``field.type``.

    >>> a = parse_address("札幌市中央区北1条西2丁目")
    >>> a.prefecture, a.city, a.city_code, a.town, a.block, a.normalized
    ('北海道', '札幌市中央区', '011011', '北一条西', '2', '北海道札幌市中央区北1条西2')
    >>> parse_address("京都市中京区河原町通二条下る一之船入町537-4").street
    '河原町通二条下る'
    """
    source = check_str(text, "string")
    idx = index()
    body = _strip_postal_code(idx, source.strip(_TRIM))
    pref = 0
    i = 0
    for length in (4, 3):
        found = idx.pref_by_name.get(body[:length])
        if found:
            pref, i = found, length
            break
    tail = body[i:]
    key, pos = fold(tail)
    city_len, rows = _match_city(idx, key, pos, pref)
    if not rows and not pref:
        for length in (3, 2):
            short = idx.pref_by_short.get(body[:length])
            if short:
                skey, spos = fold(body[length:])
                city_len, rows = _match_city(idx, skey, spos, short)
                if rows:
                    pref, tail, key, pos = short, body[length:], skey, spos
                    break
    if not rows:
        return _finish(idx, source, pref, None, tail if pref else body)
    after = tail[pos[city_len] :].lstrip(_TRIM)
    matches = [_match_town(idx, row, after) for row in rows]
    if len(matches) > 1:
        found_towns = [m for m in matches if m.town >= 0]
        if len(found_towns) == 1:
            matches = found_towns
        else:
            names = tuple(
                sorted(
                    idx.pref_names[idx.muni_pref(m.muni) - 1] + idx.muni_names[m.muni]
                    for m in matches
                )
            )
            return _finish(idx, source, pref, None, tail if pref else body, candidates=names)
    return _finish(idx, source, pref or idx.muni_pref(matches[0].muni), matches[0], after)


def _finish(
    idx: Index,
    source: str,
    pref: int,
    match: _Town | None,
    after: str,
    candidates: tuple[str, ...] = (),
) -> Address:
    t = idx.t
    prefecture = idx.pref_names[pref - 1] if pref else ""
    city = town = town_shown = street = ""
    city_code: str | None = None
    postal: tuple[str, ...] = ()
    level = AddressLevel.PREFECTURE if pref else AddressLevel.NONE
    if match is not None:
        candidates = match.candidates
        muni = match.muni
        street = match.street
        after = match.after
        level = AddressLevel.CITY
        if match.town >= 0:
            muni = t["town_muni"][match.town]
            town = t.text(t["town_name"][match.town])
            # 条 numbers in digits only in Hokkaido's grids: Kyoto's 二条殿町 is a name.
            town_shown = jo_to_digits(town) if pref == 1 else town
            postal = town_codes(idx, match.town)
            level = AddressLevel.TOWN
        city = idx.muni_names[muni]
        city_code = idx.muni_codes[muni]
    rest, block, building = parse_block(after)
    if block and level == AddressLevel.CITY and match is not None and not rest:
        # No town name where none is needed: 香川郡直島町1122-1.
        if match.implicit >= 0:
            postal = town_codes(idx, match.implicit)
        if match.implicit != -1:
            level = AddressLevel.BLOCK
    elif block and level == AddressLevel.TOWN:
        level = AddressLevel.BLOCK
    line = prefecture + city + street + town_shown + join_block(rest, block)
    normalized = f"{line} {building}" if building and line else (line or building)
    return Address(
        prefecture=prefecture,
        prefecture_code=f"{pref:02d}" if pref else None,
        city=city,
        city_code=city_code,
        town=town,
        block=block,
        building=building,
        level=level,
        normalized=normalized,
        postal_codes=postal,
        street=street,
        rest=rest,
        candidates=candidates,
        source=source,
    )


def _level(value: AddressLevel | str) -> AddressLevel:
    if isinstance(value, AddressLevel):
        return value
    if isinstance(value, str) and value.upper() in AddressLevel.__members__:
        return AddressLevel[value.upper()]
    raise ConfigurationError("config.invalid_option", option="min_level", value=str(value))


def validate_address(text: object, *, min_level: AddressLevel | str = "town") -> Address:
    """Parse ``text`` and require it to match at least ``min_level``.

    Codes: ``address.ambiguous`` (``candidates``: the places it could be),
    ``address.unknown_city`` (no municipality found), ``address.incomplete`` (``level``
    reached, ``required``).

    >>> validate_address("府中市")
    Traceback (most recent call last):
    govforms.errors.FieldError: [address.ambiguous] ...
    >>> validate_address("東京都府中市宮西町2-24").city_code
    '132063'
    """
    required = _level(min_level)
    address = parse_address(check_str(text, "string"))
    if address.level >= required:
        return address
    if address.candidates:
        raise FieldError("address.ambiguous", candidates=list(address.candidates))
    if address.level < AddressLevel.CITY and required >= AddressLevel.CITY:
        if address.level == AddressLevel.NONE and not address.normalized:
            raise FieldError(
                "address.incomplete",
                level=address.level.name.lower(),
                required=required.name.lower(),
            )
        raise FieldError("address.unknown_city")
    raise FieldError(
        "address.incomplete", level=address.level.name.lower(), required=required.name.lower()
    )


def is_valid_address(text: object, *, min_level: AddressLevel | str = "town") -> bool:
    """``True`` when :func:`validate_address` accepts ``text``; never raises on input."""
    try:
        validate_address(text, min_level=min_level)
    except FieldError:
        return False
    return True


def check_postal_code(address: Address | str, postal_code: object) -> str:
    """Check that Japan Post's ``postal_code`` covers ``address``; return the 7 digits.

    The code must belong to the address's municipality and, when the town matched, to that
    town (or a building within it). Codes: ``postal_code.format``, ``postal_code.unknown``,
    ``address.incomplete`` (the address has no municipality), ``address.postal_code_mismatch``
    (``expected``: the towns the code covers).

    >>> check_postal_code("東京都千代田区霞が関2-1-2", "100-0013")
    '1000013'
    >>> check_postal_code("東京都千代田区霞が関2-1-2", "1500001")
    Traceback (most recent call last):
    govforms.errors.FieldError: [address.postal_code_mismatch] ...
    """
    parsed = address if isinstance(address, Address) else parse_address(address)
    digits = validate_postal_code(postal_code)
    idx = index()
    entries = entries_for(idx, int(digits))
    if not entries:
        raise FieldError("postal_code.unknown")
    if parsed.city_code is None:
        raise FieldError("address.incomplete", level=parsed.level.name.lower(), required="city")
    for entry in entries:
        if _fits(idx, entry, parsed):
            return digits
    expected = list(dict.fromkeys(e.prefecture + e.city + e.town for e in entries))
    raise FieldError("address.postal_code_mismatch", expected=expected)


def _fits(idx: Index, entry: PostalEntry, address: Address) -> bool:
    if entry.city_code != address.city_code:
        row = idx.muni_row(int(entry.city_code))
        parent = idx.muni_parent[row] if row >= 0 else -1
        if parent < 0 or idx.muni_codes[parent] != address.city_code:
            return False
    if not address.town:
        return True
    return entry.town == address.town or (
        entry.town.startswith(address.town) and "階" in entry.note
    )


def _normalized_address(value: object) -> str:
    return validate_address(value).normalized


#: An address as a pydantic field: validated to the town and stored in DS-442 text form.
AddressText = Annotated[
    str,
    FieldValidator(
        _normalized_address,
        {"type": "string", "examples": ["東京都千代田区霞が関2-1-2"]},
    ),
]
