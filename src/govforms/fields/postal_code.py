"""Japanese postal codes (郵便番号).

Seven digits, stored without a hyphen and shown as ``000-0000`` (Digital Agency data standard
DS-443). The postal mark ``〒`` may precede the code. This module checks the shape only; whether
Japan Post has assigned the code is checked against its data by the address functions.

>>> validate_postal_code("〒105-0011")
'1050011'
>>> format_postal_code("１０５００１１")
'105-0011'
"""

from __future__ import annotations

from typing import Annotated, Final

from govforms._text import SPACES, check_str, compact_digits
from govforms.errors import FieldError
from govforms.fields._pydantic import FieldValidator

__all__ = ["PostalCode", "format_postal_code", "is_valid_postal_code", "validate_postal_code"]

_LENGTH: Final = 7
_MARKS: Final = ("〒", "〶")


def validate_postal_code(value: object) -> str:
    """Return the 7 ASCII digits of a postal code, or raise ``postal_code.format``.

    Accepts ASCII and full-width digits, a leading ``〒``, and spaces or a hyphen look-alike
    between the groups.

    >>> validate_postal_code("105 0011")
    '1050011'
    >>> validate_postal_code("105-001")
    Traceback (most recent call last):
    govforms.errors.FieldError: [postal_code.format] A postal code has 7 digits, like 100-0001.
    """
    text = check_str(value, "string")
    if len(text) == _LENGTH and text.isascii() and text.isdigit():
        return text
    body = text.lstrip("".join(SPACES))
    for mark in _MARKS:
        if body.startswith(mark):
            body = body[len(mark) :]
            break
    try:
        digits = compact_digits(body, "postal_code")
    except FieldError:
        raise FieldError("postal_code.format") from None
    if len(digits) != _LENGTH:
        raise FieldError("postal_code.format")
    return digits


def is_valid_postal_code(value: object) -> bool:
    """``True`` when :func:`validate_postal_code` would accept ``value``; never raises."""
    try:
        validate_postal_code(value)
    except FieldError:
        return False
    return True


def format_postal_code(value: object) -> str:
    """Validate and show as ``105-0011``."""
    digits = validate_postal_code(value)
    return f"{digits[:3]}-{digits[3:]}"


#: A postal code as a pydantic field (7 ASCII digits once validated).
PostalCode = Annotated[
    str,
    FieldValidator(
        validate_postal_code,
        {"type": "string", "format": "postal-code", "examples": ["105-0011"]},
    ),
]
