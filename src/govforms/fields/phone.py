"""Telephone numbers, parsed by ``phonenumbers`` (Google's libphonenumber metadata).

Numbers are read in region ``JP`` unless they start with ``+``. Before ``phonenumbers`` sees
the text, govforms applies its own explicit table: ASCII and full-width digits, spaces, hyphen
look-alikes, parentheses and a leading ``+``. Other digit forms (circled, Arabic-Indic...) are
refused rather than guessed, although ``phonenumbers`` itself would read some of them.

>>> phone = validate_phone("03-1234-5678")
>>> phone.e164, phone.national, phone.kind
('+81312345678', '03-1234-5678', 'fixed_line')
>>> validate_phone("０９０ー１２３４ー５６７８").kind
'mobile'
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated, Final, Literal, TypeAlias

import attrs
import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from govforms._text import DIGITS, HYPHENS, SPACES, check_str
from govforms.errors import ConfigurationError, FieldError
from govforms.fields._pydantic import FieldValidator

__all__ = ["PHONE_KINDS", "Phone", "PhoneKind", "PhoneNumber", "is_valid_phone", "validate_phone"]

PhoneKind: TypeAlias = Literal[
    "fixed_line",
    "mobile",
    "fixed_line_or_mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "voip",
    "personal",
    "pager",
    "uan",
    "voicemail",
    "unknown",
]
_KINDS: Final[dict[int, PhoneKind]] = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
    PhoneNumberType.UNKNOWN: "unknown",
}
#: Every kind :func:`validate_phone` can report (``voip`` is Japan's 050 IP phone).
PHONE_KINDS: Final[frozenset[str]] = frozenset(_KINDS.values())
_MAX_LENGTH: Final = 40


@attrs.frozen(slots=True)
class PhoneNumber:
    """A valid telephone number: ``e164`` (``+81312345678``), ``national``, ``kind``, ``region``."""

    e164: str
    national: str
    kind: PhoneKind
    region: str

    def __str__(self) -> str:
        return self.national if self.region == "JP" else self.international

    @property
    def international(self) -> str:
        """The number in international format, ``+81 3-1234-5678``."""
        parsed = phonenumbers.parse(self.e164, None)
        return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)


def _clean(text: str) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        digit = DIGITS.get(char)
        if digit is not None:
            out.append(digit)
        elif char in HYPHENS or char in SPACES or char in "()（）":
            out.append(" ")
        elif char in "+＋" and not "".join(out).strip():
            out.append("+")
        else:
            raise FieldError("phone.format", position=index + 1)
    return "".join(out)


def validate_phone(
    value: object, *, kinds: Collection[str] | None = None, region: str = "JP"
) -> PhoneNumber:
    """Parse and check a telephone number; ``kinds`` limits the accepted :data:`PHONE_KINDS`.

    Codes: ``phone.format`` (a character that cannot be part of a number; its ``position``),
    ``phone.invalid`` (not a valid number for its region), ``phone.kind_not_allowed``
    (``kind`` and ``allowed``).

    >>> validate_phone("050-1234-5678", kinds={"mobile"})
    Traceback (most recent call last):
    govforms.errors.FieldError: [phone.kind_not_allowed] This kind of number (voip) is not ...
    """
    if kinds is not None and not PHONE_KINDS.issuperset(kinds):
        unknown = sorted(set(kinds) - PHONE_KINDS)
        raise ConfigurationError("config.invalid_option", option="kinds", value=", ".join(unknown))
    text = check_str(value, "string")
    if len(text) > _MAX_LENGTH:
        raise FieldError("phone.invalid")
    cleaned = _clean(text)
    if not any(c.isdigit() for c in cleaned):
        raise FieldError("phone.invalid")
    try:
        parsed = phonenumbers.parse(cleaned, region)
    except NumberParseException:
        raise FieldError("phone.invalid") from None
    if not phonenumbers.is_valid_number(parsed):
        raise FieldError("phone.invalid")
    kind = _KINDS.get(phonenumbers.number_type(parsed), "unknown")
    ambiguous_ok = kind == "fixed_line_or_mobile" and bool(
        {"fixed_line", "mobile"} & set(kinds or ())
    )
    if kinds is not None and kind not in kinds and not ambiguous_ok:
        raise FieldError("phone.kind_not_allowed", kind=kind, allowed=sorted(kinds))
    return PhoneNumber(
        e164=phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
        national=phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL),
        kind=kind,
        region=phonenumbers.region_code_for_number(parsed) or region,
    )


def is_valid_phone(value: object, *, kinds: Collection[str] | None = None) -> bool:
    """``True`` when :func:`validate_phone` would accept ``value``; never raises on bad input."""
    try:
        validate_phone(value, kinds=kinds)
    except FieldError:
        return False
    return True


def _phone_from_input(value: object) -> PhoneNumber:
    if isinstance(value, PhoneNumber):
        return value
    return validate_phone(value)


#: A telephone number as a pydantic field; serialised as E.164.
Phone = Annotated[
    PhoneNumber,
    FieldValidator(
        _phone_from_input,
        {"type": "string", "format": "phone", "examples": ["03-1234-5678", "090-1234-5678"]},
        serialize=lambda phone: phone.e164,
    ),
]
