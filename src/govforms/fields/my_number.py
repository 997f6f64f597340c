"""My Number (個人番号, the Individual Number).

A My Number has 12 digits; the last is a check digit over the first eleven (行政手続における特定の
個人を識別するための番号の利用等に関する法律施行令 第8条 and the 総務省令 it names): with weights
6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 from the left, ``r = sum % 11`` and the check digit is 0 when
``r <= 1``, else ``11 - r``.

A My Number is a secret under the My Number Act: govforms never puts one into an error, a log
line, a ``repr`` or an exception chain. :class:`MyNumber` holds one so that it cannot leak by
accident: ``repr``, ``str``, equality and the default pydantic dump/JSON show no digit.

>>> validate_my_number("1234 5678 9018")
'123456789018'
>>> is_valid_my_number("123456789012")
False
>>> calc_my_number_check_digit("12345678901")
'8'
>>> number = MyNumber("123456789018")
>>> number
MyNumber('************')
>>> number.reveal()
'123456789018'
"""

from __future__ import annotations

import hmac
from typing import Any, ClassVar, Final

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from govforms._pydantic import to_pydantic_error
from govforms._text import compact_digits
from govforms.errors import FieldError

__all__ = [
    "REVEAL_MY_NUMBER",
    "MyNumber",
    "calc_my_number_check_digit",
    "compact_my_number",
    "format_my_number",
    "is_valid_my_number",
    "validate_my_number",
]

_LENGTH: Final = 12
_MASK: Final = "*" * _LENGTH
#: Pass as ``model_dump(context=REVEAL_MY_NUMBER)`` to serialise My Numbers in clear.
REVEAL_MY_NUMBER: Final[dict[str, bool]] = {"reveal_my_number": True}


def calc_my_number_check_digit(body: str) -> str:
    """The check digit for the first 11 ASCII digits of a My Number.

    >>> calc_my_number_check_digit("00000000000")
    '0'
    """
    if len(body) != _LENGTH - 1 or not (body.isascii() and body.isdigit()):
        raise FieldError("my_number.length", expected=_LENGTH - 1, actual=len(body))
    return str(_check_digit(body))


def _check_digit(d: str) -> int:
    """The check digit over ``d[0:11]`` (ASCII digits; unrolled: this is the hot path)."""
    total = (
        6 * (ord(d[0]) - 48)
        + 5 * (ord(d[1]) - 48)
        + 4 * (ord(d[2]) - 48)
        + 3 * (ord(d[3]) - 48)
        + 2 * (ord(d[4]) - 48)
        + 7 * (ord(d[5]) - 48)
        + 6 * (ord(d[6]) - 48)
        + 5 * (ord(d[7]) - 48)
        + 4 * (ord(d[8]) - 48)
        + 3 * (ord(d[9]) - 48)
        + 2 * (ord(d[10]) - 48)
    )
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def compact_my_number(value: object) -> str:
    """The digits of ``value`` with accepted separators removed (no length or checksum check)."""
    return compact_digits(value, "my_number", secret=True)


def validate_my_number(value: object) -> str:
    """Return the 12 ASCII digits of a valid My Number, or raise :class:`FieldError`.

    Accepts ASCII and full-width digits, spaces and hyphen look-alikes between digit groups.
    Codes: ``my_number.format`` (a character that is not an accepted digit or separator; its
    position only, never the character), ``my_number.length``, ``my_number.checksum``.

    >>> validate_my_number("１２３４－５６７８－９０１８")
    '123456789018'
    >>> validate_my_number("123456789012")
    Traceback (most recent call last):
    govforms.errors.FieldError: [my_number.checksum] The My Number's check digit does not match...
    """
    digits = compact_my_number(value)
    if len(digits) != _LENGTH:
        raise FieldError("my_number.length", expected=_LENGTH, actual=len(digits))
    if ord(digits[11]) - 48 != _check_digit(digits):
        raise FieldError("my_number.checksum")
    return digits


def is_valid_my_number(value: object) -> bool:
    """``True`` when :func:`validate_my_number` would accept ``value``; never raises."""
    try:
        validate_my_number(value)
    except FieldError:
        return False
    return True


def format_my_number(value: object) -> str:
    """Validate and group as ``1234 5678 9018`` (the grouping printed on the card).

    >>> format_my_number("123456789018")
    '1234 5678 9018'
    """
    d = validate_my_number(value)
    return f"{d[:4]} {d[4:8]} {d[8:]}"


class MyNumber:
    """A validated My Number that does not show itself.

    ``repr``, ``str`` and ``format`` give a mask; a pydantic field of this type dumps the mask
    unless the dump is given ``context=REVEAL_MY_NUMBER``. :meth:`reveal` is the one explicit way
    to get the digits. Equality is constant-time. Constructing from an invalid value raises the
    same :class:`FieldError` as :func:`validate_my_number`.

    In a pydantic model the input never appears in ``ValidationError`` either: the raw value is
    wrapped before it is checked, so the error's ``input`` is a mask.

    >>> from pydantic import BaseModel
    >>> class Form(BaseModel):
    ...     my_number: MyNumber
    >>> form = Form(my_number="123456789018")
    >>> form.model_dump()
    {'my_number': '************'}
    >>> form.model_dump(context=REVEAL_MY_NUMBER)
    {'my_number': '123456789018'}
    """

    __slots__ = ("_digits",)
    _digits: str
    MASK: ClassVar[str] = _MASK

    def __init__(self, value: object) -> None:
        digits = value._digits if isinstance(value, MyNumber) else validate_my_number(value)
        object.__setattr__(self, "_digits", digits)

    def reveal(self) -> str:
        """The 12 ASCII digits. Call only where the number is really needed."""
        return self._digits

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("MyNumber is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("MyNumber is immutable")

    def __repr__(self) -> str:
        return f"MyNumber({_MASK!r})"

    def __str__(self) -> str:
        return _MASK

    def __format__(self, spec: str) -> str:
        return format(_MASK, spec)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MyNumber):
            return NotImplemented
        return hmac.compare_digest(self._digits, other._digits)

    def __hash__(self) -> int:
        return hash((MyNumber, self._digits))

    def __reduce__(self) -> tuple[Any, ...]:
        return (MyNumber, (self._digits,))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # Step 1 wraps the raw input so that step 2's errors carry a masked ``input``.
        return core_schema.chain_schema(
            [
                core_schema.no_info_plain_validator_function(_Concealed),
                core_schema.no_info_plain_validator_function(_from_concealed),
            ],
            serialization=core_schema.plain_serializer_function_ser_schema(
                _serialize, info_arg=True, when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "format": "my-number",
            "title": "My Number (個人番号)",
            "description": "12 digits; spaces and hyphens between groups are accepted.",
            "writeOnly": True,
        }


class _Concealed(str):
    """Raw input on its way to validation, masked wherever pydantic might show it.

    A ``str`` whose text is ``<hidden>``: pydantic records it as the error's ``input``, and
    ``repr``, ``str`` and JSON encoders (FastAPI's default 422 handler among them) print the
    mask. The raw value travels in an attribute that no encoder reads.
    """

    value: object

    def __new__(cls, value: object) -> _Concealed:
        self = super().__new__(cls, "<hidden>")
        self.value = value
        return self


def _from_concealed(concealed: _Concealed) -> MyNumber:
    value = concealed.value
    if isinstance(value, MyNumber):
        return value
    try:
        return MyNumber(value)
    except FieldError as error:
        raise to_pydantic_error(error) from None


def _serialize(value: MyNumber, info: core_schema.SerializationInfo) -> str:
    context = info.context
    if isinstance(context, dict) and context.get("reveal_my_number") is True:
        return value.reveal()
    return _MASK
