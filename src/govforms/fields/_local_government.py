"""Local government codes (全国地方公共団体コード) and the municipalities they name.

Six digits: the prefecture (JIS X 0401, ``01``–``47``), the municipality (JIS X 0402, three
digits; ``000`` for the prefecture itself) and a check digit over the first five with weights
6,5,4,3,2: ``check = (11 - sum % 11) % 10`` (総務省「全国地方公共団体コード」). A designated city
(政令指定都市) has its own code and so has each of its wards (札幌市 ``011002``, 札幌市中央区
``011011``).

>>> validate_local_government_code("１３１０１６")
'131016'
>>> calc_local_government_check_digit("01100")
'2'
"""

from __future__ import annotations

from typing import Annotated, Final

import attrs

from govforms._text import check_str, compact_digits
from govforms.errors import FieldError
from govforms.fields._address_data import index
from govforms.fields._pydantic import FieldValidator

__all__ = [
    "LocalGovernmentCode",
    "Municipality",
    "calc_local_government_check_digit",
    "is_valid_local_government_code",
    "lookup_municipality",
    "validate_local_government_code",
]

_WEIGHTS: Final = (6, 5, 4, 3, 2)


def calc_local_government_check_digit(code5: str) -> str:
    """The check digit for the first five digits of a local government code."""
    if len(code5) != 5 or not (code5.isascii() and code5.isdigit()):
        raise FieldError("local_government_code.format")
    total = sum(int(d) * w for d, w in zip(code5, _WEIGHTS, strict=True))
    return str((11 - total % 11) % 10)


def validate_local_government_code(value: object) -> str:
    """Return a 6-digit local government code, checked (shape and check digit only).

    Full-width digits and a hyphen look-alike before the check digit are accepted. Codes:
    ``local_government_code.format`` (not digits), ``local_government_code.length``
    (``actual`` digits, 6 expected), ``local_government_code.checksum``. Whether the code is in
    use is :func:`lookup_municipality`'s business.

    >>> validate_local_government_code("13101-6")
    '131016'
    >>> validate_local_government_code("131017")
    Traceback (most recent call last):
    govforms.errors.FieldError: [local_government_code.checksum] ...
    """
    text = check_str(value, "string")
    try:
        digits = compact_digits(text, "local_government_code")
    except FieldError:
        raise FieldError("local_government_code.format") from None
    if len(digits) != 6:
        raise FieldError("local_government_code.length", expected=6, actual=len(digits))
    if calc_local_government_check_digit(digits[:5]) != digits[5]:
        raise FieldError("local_government_code.checksum")
    if digits[:2] == "00" or int(digits[:2]) > 47:
        raise FieldError("local_government_code.prefecture")
    return digits


def is_valid_local_government_code(value: object) -> bool:
    """``True`` when :func:`validate_local_government_code` accepts ``value``; never raises."""
    try:
        validate_local_government_code(value)
    except FieldError:
        return False
    return True


@attrs.frozen(slots=True)
class Municipality:
    """A prefecture, municipality or ward with its code and reading.

    ``kind`` is one of ``prefecture``, ``designated_city``, ``ward`` (of a designated city),
    ``special_ward`` (東京都の特別区), ``city``, ``town``, ``village``. For a ward, ``parent_code``
    and ``parent_name`` name the designated city. ``name`` is written as Japan Post writes it,
    with the county (郡) of a town or village: ``虻田郡洞爺湖町``.
    """

    code: str
    prefecture: str
    prefecture_code: str
    name: str
    kana: str
    kind: str
    parent_code: str | None = None
    parent_name: str | None = None


def _kind(name: str, has_children: bool, has_parent: bool) -> str:
    if has_children:
        return "designated_city"
    if has_parent:
        return "ward"
    last = name[-1:]
    return {"区": "special_ward", "市": "city", "町": "town", "村": "village"}.get(last, "city")


def lookup_municipality(code: object) -> Municipality:
    """The municipality (or prefecture) of a local government code.

    Accepts the 6-digit code, or the 5-digit JIS X 0402 form used by Japan Post (the check
    digit is then computed). Raises ``local_government_code.unknown`` for a well-formed code
    not in the data.

    >>> m = lookup_municipality("011011")
    >>> m.name, m.kind, m.parent_name, m.kana
    ('札幌市中央区', 'ward', '札幌市', 'サッポロシチュウオウク')
    >>> lookup_municipality("13000").name
    '東京都'
    """
    text = check_str(code, "string")
    try:
        digits = compact_digits(text, "local_government_code")
    except FieldError:
        raise FieldError("local_government_code.format") from None
    if len(digits) == 5:
        digits += calc_local_government_check_digit(digits)
    digits = validate_local_government_code(digits)
    idx = index()
    t = idx.t
    pref_number = int(digits[:2])
    prefecture = idx.pref_names[pref_number - 1]
    if not prefecture:
        raise FieldError("local_government_code.unknown")
    if digits[2:5] == "000":
        return Municipality(
            code=digits,
            prefecture=prefecture,
            prefecture_code=digits[:2],
            name=prefecture,
            kana=t.text(t["pref_kana"][pref_number - 1]),
            kind="prefecture",
        )
    row = idx.muni_row(int(digits))
    if row < 0:
        raise FieldError("local_government_code.unknown")
    parent = idx.muni_parent[row]
    name = idx.muni_names[row]
    return Municipality(
        code=digits,
        prefecture=prefecture,
        prefecture_code=digits[:2],
        name=name,
        kana=idx.muni_kanas[row],
        kind=_kind(name, row in idx.children, parent >= 0),
        parent_code=idx.muni_codes[parent] if parent >= 0 else None,
        parent_name=idx.muni_names[parent] if parent >= 0 else None,
    )


#: A local government code as a pydantic field (6 ASCII digits, check digit verified).
LocalGovernmentCode = Annotated[
    str,
    FieldValidator(
        validate_local_government_code,
        {"type": "string", "pattern": "^[0-9]{6}$", "examples": ["131016"]},
    ),
]
