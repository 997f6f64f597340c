"""Canonical JSON (RFC 8785, JSON Canonicalization Scheme) for the values govforms signs.

What a resident signs must be the same bytes every time the same submission is serialised, on any
machine and in any language, so the signature can be checked again years later. RFC 8785 (JCS)
defines those bytes: no whitespace, object members sorted by the UTF-16 code units of their names
(section 3.2.3), strings escaped exactly as ECMAScript's ``JSON.stringify`` does (section 3.2.2.2)
and the whole text encoded as UTF-8 (section 3.2.4).

This is a deliberately small implementation for the subset govforms emits: ``str``, ``int``,
``bool``, ``None``, lists/tuples and mappings with ``str`` keys. Floating-point numbers are
refused (amounts are integer yen; JCS number serialisation of floats is where implementations
differ), and so are integers outside the I-JSON safe range ``±(2**53 - 1)`` (RFC 7493 section
2.2), because other JCS implementations would print them differently. Strings holding a lone
surrogate are refused (RFC 8785 section 3.2.2.2 requires well-formed Unicode). Every refusal is
``submission.not_canonicalisable`` with the JSON path and the offending type.

>>> canonical_json({"b": [True, None], "a": "€\\n"})
b'{"a":"\\xe2\\x82\\xac\\\\n","b":[true,null]}'
>>> canonical_json({"amount": 1.5})  # doctest: +ELLIPSIS
Traceback (most recent call last):
govforms.errors.ConfigurationError: [submission.not_canonicalisable] The value at amount (float) ...
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from govforms.errors import ConfigurationError

__all__ = ["MAX_SAFE_INTEGER", "canonical_json"]

#: The largest integer every JSON implementation reads exactly (RFC 7493 section 2.2).
MAX_SAFE_INTEGER: Final = 2**53 - 1
#: Deepest nesting signed (the JSON parsers in front of it stop far sooner); deeper values and
#: cycles are refused with ``submission.not_canonicalisable`` instead of exhausting the stack.
MAX_DEPTH: Final = 200

# ECMAScript JSON.stringify escapes: the two-character forms, then \u00XX (lowercase hex).
_ESCAPES: Final[dict[int, str]] = {i: f"\\u{i:04x}" for i in range(0x20)} | {
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}


def _utf16_key(name: str) -> bytes:
    # Sorting by UTF-16BE bytes is sorting by UTF-16 code units (RFC 8785 section 3.2.3).
    return name.encode("utf-16-be", "surrogatepass")


def _path(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path) or "(root)"


def _string(text: str, path: tuple[str | int, ...]) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigurationError(
            "submission.not_canonicalisable", path=_path(path), type="lone surrogate"
        ) from None
    return '"' + text.translate(_ESCAPES) + '"'


def _write(value: Any, path: tuple[str | int, ...], out: list[str]) -> None:
    if len(path) > MAX_DEPTH:
        raise ConfigurationError(
            "submission.not_canonicalisable", path=_path(path[:MAX_DEPTH]) + "...", type="nesting"
        )
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_string(value, path))
    elif isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            raise ConfigurationError(
                "submission.not_canonicalisable", path=_path(path), type="large int"
            )
        out.append(str(int(value)))
    elif isinstance(value, Mapping):
        items: list[tuple[bytes, str, Any]] = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise ConfigurationError(
                    "submission.not_canonicalisable", path=_path(path), type=type(key).__name__
                )
            _string(key, (*path, key))  # refuses lone surrogates in names too
            items.append((_utf16_key(key), key, item))
        items.sort(key=lambda entry: entry[0])
        out.append("{")
        for index, (_, key, item) in enumerate(items):
            if index:
                out.append(",")
            out.append(_string(key, path))
            out.append(":")
            _write(item, (*path, key), out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, (*path, index), out)
        out.append("]")
    else:
        raise ConfigurationError(
            "submission.not_canonicalisable", path=_path(path), type=type(value).__name__
        )


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of ``value`` (see the module docstring for the subset).

    >>> canonical_json({"\\u20ac": 1, "\\r": 2, "1": 3, "\\u00f6": 4})
    b'{"\\\\r":2,"1":3,"\\xc3\\xb6":4,"\\xe2\\x82\\xac":1}'
    """
    out: list[str] = []
    _write(value, (), out)
    return "".join(out).encode("utf-8")
