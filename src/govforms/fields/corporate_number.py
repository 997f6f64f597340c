"""Corporate Number (法人番号).

13 digits; the **first** digit is a check digit over the other twelve (法人番号の指定等に関する
省令 第2条, as published on the National Tax Agency's 法人番号公表サイト): with the twelve digits
weighted 1, 2, 1, 2, ... counted from the right end, the check digit is ``9 - (sum % 9)``.

A Corporate Number is public information (the NTA publishes every one), so unlike a My Number it
may appear in errors and logs.

>>> validate_corporate_number("7000012050002")
'7000012050002'
>>> format_corporate_number("7000012050002")
'7-0000-1205-0002'
>>> is_valid_corporate_number("8000012050002")
False
"""

from __future__ import annotations

from typing import Annotated, Final

from govforms._text import compact_digits
from govforms.errors import FieldError
from govforms.fields._pydantic import FieldValidator

__all__ = [
    "CorporateNumber",
    "calc_corporate_number_check_digit",
    "compact_corporate_number",
    "format_corporate_number",
    "is_valid_corporate_number",
    "validate_corporate_number",
]

_LENGTH: Final = 13


def _check_digit(b: str) -> int:
    """The check digit over the 12-digit body ``b[-12:]`` (ASCII digits).

    Weights 1, 2, 1, 2, ... from the right end: the rightmost digit weighs 1. Unrolled, because
    this is the hot path of :func:`validate_corporate_number`.
    """
    total = (
        ord(b[-1]) + ord(b[-3]) + ord(b[-5]) + ord(b[-7]) + ord(b[-9]) + ord(b[-11]) - 6 * 48
    ) + 2 * (ord(b[-2]) + ord(b[-4]) + ord(b[-6]) + ord(b[-8]) + ord(b[-10]) + ord(b[-12]) - 6 * 48)
    return 9 - total % 9


def calc_corporate_number_check_digit(body: str) -> str:
    """The check digit (the first digit) for the 12 ASCII digits that follow it.

    >>> calc_corporate_number_check_digit("000012050002")
    '7'
    """
    if len(body) != _LENGTH - 1 or not (body.isascii() and body.isdigit()):
        raise FieldError("corporate_number.length", expected=_LENGTH - 1, actual=len(body))
    return str(_check_digit(body))


def compact_corporate_number(value: object) -> str:
    """The digits of ``value`` with accepted separators removed (no length or checksum check)."""
    return compact_digits(value, "corporate_number")


def validate_corporate_number(value: object) -> str:
    """Return the 13 ASCII digits of a valid Corporate Number, or raise :class:`FieldError`.

    Codes: ``corporate_number.format``, ``corporate_number.length``,
    ``corporate_number.checksum``.
    """
    digits = compact_corporate_number(value)
    if len(digits) != _LENGTH:
        raise FieldError("corporate_number.length", expected=_LENGTH, actual=len(digits))
    if ord(digits[0]) - 48 != _check_digit(digits):
        raise FieldError("corporate_number.checksum")
    return digits


def is_valid_corporate_number(value: object) -> bool:
    """``True`` when :func:`validate_corporate_number` would accept ``value``; never raises."""
    try:
        validate_corporate_number(value)
    except FieldError:
        return False
    return True


def format_corporate_number(value: object) -> str:
    """Validate and group as ``C-XXXX-XXXX-XXXX`` (the check digit set apart)."""
    d = validate_corporate_number(value)
    return f"{d[0]}-{d[1:5]}-{d[5:9]}-{d[9:]}"


#: A Corporate Number as a pydantic field (13 ASCII digits once validated).
CorporateNumber = Annotated[
    str,
    FieldValidator(
        validate_corporate_number,
        {"type": "string", "format": "corporate-number", "examples": ["7000012050002"]},
    ),
]
