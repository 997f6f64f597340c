"""Character tables shared by the field validators.

Every character govforms accepts in place of another is listed here, explicitly. There is no
blanket Unicode normalisation anywhere in govforms: NFKC turns ``⑥`` and ``²`` into digits and
NFC rewrites CJK compatibility ideographs in legal names (U+FA10 塚 becomes U+585A).

Digits
    ASCII ``0-9`` and full-width ``０-９`` only. Every other character whose Unicode category is
    a digit (circled, superscript, Arabic-Indic, Devanagari, mathematical...) is refused.

Separators between digit groups
    spaces (U+0020, U+3000) and the hyphen look-alikes residents type for a hyphen:
    ``-`` U+002D, ``‐`` U+2010, ``−`` U+2212, ``–`` U+2013, ``—`` U+2014, ``―`` U+2015,
    ``ー`` U+30FC, ``－`` U+FF0D, ``ｰ`` U+FF70.

>>> compact_digits("１２３４ー５６７８", "postal_code")
'12345678'
"""

from __future__ import annotations

from typing import Final

from govforms.errors import FieldError

__all__ = [
    "DIGITS",
    "HYPHENS",
    "SPACES",
    "check_str",
    "compact_digits",
    "describe_char",
]

#: Characters read as the ASCII digit at the same index.
DIGITS: Final = {c: str(i) for i, c in enumerate("0123456789")} | {
    c: str(i) for i, c in enumerate("０１２３４５６７８９")
}
#: Hyphen look-alikes accepted between digit groups (read as nothing).
HYPHENS: Final = frozenset("-‐−–—―ー－ｰ")
#: Spaces accepted around and between digit groups.
SPACES: Final = frozenset(" \u3000")


def check_str(value: object, what: str = "text") -> str:
    """Return ``value`` if it is a ``str``, else raise ``field.type``."""
    if isinstance(value, str):
        return value
    raise FieldError("field.type", expected=what, actual=type(value).__name__)


def describe_char(char: str) -> str:
    """A character as shown in an error: itself if printable, else its code point."""
    return char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


def compact_digits(value: object, prefix: str, *, secret: bool = False) -> str:
    """Strip accepted separators and return the ASCII digits of ``value``.

    Leading and trailing spaces are ignored. Between two digits there may be one run of
    separators made of spaces and at most one hyphen look-alike. Anything else raises
    ``{prefix}.format`` with the 1-based ``position`` of the first offending character (and the
    ``character`` itself unless ``secret``: the characters of a My Number are never echoed).
    """
    text = check_str(value, "string")
    # Fast path: plain ASCII digits (the common case after a well-behaved front end).
    if text.isascii() and text.isdigit():
        return text
    digits: list[str] = []
    seen_hyphen = False
    pending_sep = False
    stripped_left = len(text) - len(text.lstrip(" \u3000"))
    body = text.strip(" \u3000")
    for index, char in enumerate(body):
        digit = DIGITS.get(char)
        if digit is not None:
            digits.append(digit)
            pending_sep = False
            seen_hyphen = False
            continue
        is_hyphen = char in HYPHENS
        if digits and (char in SPACES or (is_hyphen and not seen_hyphen)):
            pending_sep = True
            seen_hyphen = seen_hyphen or is_hyphen
            continue
        _raise_format(prefix, index + stripped_left, char, secret)
    if pending_sep:
        # A separator that is not followed by a digit: "1234-".
        last = len(body) - 1
        _raise_format(prefix, last + stripped_left, body[last], secret)
    return "".join(digits)


def _raise_format(prefix: str, index: int, char: str, secret: bool) -> None:
    if secret:
        raise FieldError(f"{prefix}.format", position=index + 1)
    raise FieldError(f"{prefix}.format", position=index + 1, character=describe_char(char))
