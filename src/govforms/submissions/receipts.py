"""Receipt numbers (受付番号): short, readable over the phone, with a check character.

Format ``YYMMDD-SSSSSS-C``: the date of receipt in Japan time, a 6-character serial and one check
character. Serial and check use Crockford's Base32 alphabet ``0-9 A-H J K M N P-T V-Z`` (no
``I L O U``, so nothing is mistaken for ``1`` or ``0``); 32**6 ≈ 10**9 serials per day.

The check character is computed with the **Luhn mod N algorithm** (N = 32) over the 12 date and
serial characters. It catches every single-character error and every transposition of two
adjacent characters except ``0``↔``Z`` (code points 0 and N-1, the one blind spot Luhn has), so
staff who mistype a number a resident reads out get ``receipt.checksum`` instead of someone
else's submission.

Reading a typed number is forgiving in the documented Crockford way: lower case is accepted,
``I``/``L`` are read as ``1`` and ``O`` as ``0``, full-width letters and digits as ASCII, and
spaces and hyphen look-alikes are ignored.

Generators are pluggable (:class:`ReceiptNumberGenerator`): :class:`RandomReceiptNumbers` (the
default; serials are not guessable, deterministic when given a seeded ``random.Random``) and
:class:`SequentialReceiptNumbers`; a host with a database sequence calls
:func:`make_receipt_number` itself.

>>> import datetime
>>> make_receipt_number(datetime.date(2026, 11, 27), 1)
'261127-000001-X'
>>> validate_receipt_number("261127 oooooi x")
'261127-000001-X'
>>> validate_receipt_number("261127-000001-Y")  # doctest: +ELLIPSIS
Traceback (most recent call last):
govforms.errors.FieldError: [receipt.checksum] The receipt number's check ...
"""

from __future__ import annotations

import datetime
import random
import secrets
import threading
from typing import Final, Protocol, runtime_checkable

from govforms._text import HYPHENS, SPACES, check_str
from govforms.errors import ConfigurationError, FieldError
from govforms.payments import JST

__all__ = [
    "ALPHABET",
    "JST",
    "RandomReceiptNumbers",
    "ReceiptNumberGenerator",
    "SequentialReceiptNumbers",
    "calc_receipt_check_character",
    "is_valid_receipt_number",
    "make_receipt_number",
    "to_jst",
    "validate_receipt_number",
]

#: Crockford's Base32 alphabet: the characters of a serial and of the check character.
ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_N: Final = len(ALPHABET)
_INDEX: Final = {c: i for i, c in enumerate(ALPHABET)}
_SERIAL_LENGTH: Final = 6
_MAX_SERIAL: Final = _N**_SERIAL_LENGTH - 1
_LENGTH: Final = 6 + _SERIAL_LENGTH + 1
_ASCII_READ: Final = (
    {c: c for c in ALPHABET}
    | {c.lower(): c for c in ALPHABET if c.isalpha()}
    | {"I": "1", "i": "1", "L": "1", "l": "1", "O": "0", "o": "0"}
)
# ... and the full-width forms of the same characters.
_READ: Final = _ASCII_READ | {chr(ord(k) + 0xFEE0): v for k, v in _ASCII_READ.items()}
_IGNORED: Final = HYPHENS | SPACES


def to_jst(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` in Japan time; a naive datetime is refused (``submission.naive_datetime``)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ConfigurationError("submission.naive_datetime")
    return moment.astimezone(JST)


def calc_receipt_check_character(body: str) -> str:
    """The Luhn mod 32 check character of ``body`` (characters of :data:`ALPHABET`).

    >>> calc_receipt_check_character("261127000001")
    'X'
    """
    factor = 2
    total = 0
    for offset, char in enumerate(reversed(body)):
        index = _INDEX.get(char)
        if index is None:
            raise FieldError("receipt.format", position=len(body) - offset)
        addend = factor * index
        factor = 1 if factor == 2 else 2
        total += addend // _N + addend % _N
    return ALPHABET[(_N - total % _N) % _N]


def make_receipt_number(day: datetime.date, serial: int) -> str:
    """The receipt number for ``serial`` (0 to 32**6 - 1) received on ``day`` (a Japan date)."""
    if not 0 <= serial <= _MAX_SERIAL:
        raise ConfigurationError("config.invalid_option", option="serial", value=str(serial))
    digits = []
    for _ in range(_SERIAL_LENGTH):
        serial, rest = divmod(serial, _N)
        digits.append(ALPHABET[rest])
    body = f"{day:%y%m%d}" + "".join(reversed(digits))
    return f"{body[:6]}-{body[6:]}-{calc_receipt_check_character(body)}"


def validate_receipt_number(value: object) -> str:
    """The canonical form ``YYMMDD-SSSSSS-C`` of a typed receipt number, or a coded error:
    ``receipt.format`` (a character that cannot be in a receipt number: its ``position``),
    ``receipt.length`` (``expected``, ``actual``), ``receipt.checksum``."""
    text = check_str(value, "string").strip()
    chars: list[str] = []
    for index, char in enumerate(text):
        if char in _IGNORED:
            continue
        read = _READ.get(char)
        if read is None:
            raise FieldError("receipt.format", position=index + 1)
        chars.append(read)
    if len(chars) != _LENGTH:
        raise FieldError("receipt.length", expected=_LENGTH, actual=len(chars))
    if not all(c.isdigit() for c in chars[:6]):
        raise FieldError("receipt.format", position=1)
    body, check = "".join(chars[:-1]), chars[-1]
    if calc_receipt_check_character(body) != check:
        raise FieldError("receipt.checksum")
    return f"{body[:6]}-{body[6:]}-{check}"


def is_valid_receipt_number(value: object) -> bool:
    """``True`` when :func:`validate_receipt_number` would accept ``value``; never raises."""
    try:
        validate_receipt_number(value)
    except FieldError:
        return False
    return True


@runtime_checkable
class ReceiptNumberGenerator(Protocol):
    """Anything that hands out a new receipt number for a submission received at ``now``."""

    def __call__(self, *, now: datetime.datetime) -> str: ...


class RandomReceiptNumbers:
    """Random serials: receipt numbers that cannot be guessed from one another.

    ``rng`` defaults to the operating system's generator; pass ``random.Random(seed)`` for
    deterministic numbers in tests. Two submissions on one day collide with probability about
    ``k**2 / 2**31`` for ``k`` submissions: a host storing submissions keeps the receipt number
    unique (a database constraint) and asks again on a collision.
    """

    __slots__ = ("_lock", "_rng")

    def __init__(self, rng: random.Random | None = None) -> None:
        self._rng = rng if rng is not None else secrets.SystemRandom()
        self._lock = threading.Lock()

    def __call__(self, *, now: datetime.datetime) -> str:
        with self._lock:
            serial = self._rng.randrange(_MAX_SERIAL + 1)
        return make_receipt_number(to_jst(now).date(), serial)


class SequentialReceiptNumbers:
    """Serials counted up from ``start`` in this process (thread-safe). Multi-process hosts
    use a database sequence with :func:`make_receipt_number` instead."""

    __slots__ = ("_lock", "_next")

    def __init__(self, start: int = 1) -> None:
        self._next = start
        self._lock = threading.Lock()

    def __call__(self, *, now: datetime.datetime) -> str:
        with self._lock:
            serial = self._next
            self._next += 1
        return make_receipt_number(to_jst(now).date(), serial)
