"""Coded errors: the one error model every part of govforms raises.

Every error carries a stable dotted :attr:`~GovFormsError.code` (public API: apps branch on it,
translators key on it), JSON-safe :attr:`~GovFormsError.params`, and renders a message in any
supported locale from one catalogue (:mod:`govforms._messages`). Rendering is separate from
raising, so the host app picks the language.

Errors never hold personal data or secrets: a My Number, a key, a card's contents or the text
a resident typed are not put into ``params``, the message, ``repr`` or the exception chain.
Params hold facts *about* the input (a length, a position, an offending character).

>>> err = FieldError("my_number.length", expected=12, actual=11)
>>> err.code
'my_number.length'
>>> err.params
{'expected': 12, 'actual': 11}
>>> err.message("en")
'A My Number has 12 digits; 11 were entered.'
>>> err.message("ja")
'個人番号は12桁です（入力は11桁）。'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, Literal, TypeAlias

from govforms._messages import LOCALES, render

__all__ = [
    "LOCALES",
    "ConfigurationError",
    "ErrorPath",
    "FieldError",
    "GovFormsError",
    "IdentityError",
    "Locale",
    "PaymentError",
    "ValidationErrors",
]

Locale: TypeAlias = Literal["ja", "en", "ja-easy"]
JSONScalar: TypeAlias = str | int | float | bool | None
ErrorPath: TypeAlias = tuple[str | int, ...]

_MAX_PARAM_ITEMS: Final = 50


def _json_safe(name: str, value: Any) -> Any:
    """Check that ``value`` is JSON-safe (scalars, lists, str-keyed dicts).

    Lists are cut to their first 50 items: an error about 10,000 bad characters names the first
    50 (the message and the count a caller may add say the rest), so errors stay small.
    """
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list | tuple):
        items = list(value)[:_MAX_PARAM_ITEMS]
        return [_json_safe(name, item) for item in items]
    if isinstance(value, Mapping):
        return {str(k): _json_safe(name, v) for k, v in value.items()}
    raise TypeError(f"error parameter {name!r} is not JSON-safe: {type(value).__name__}")


class GovFormsError(ValueError):
    """Root of every error govforms raises on purpose.

    A subclass of :class:`ValueError` so that frameworks which treat ``ValueError`` as "bad input"
    (pydantic, argparse, many web frameworks) do the right thing by default.

    ``str(error)`` is the English message; :meth:`message` renders any locale.
    The constructor never chains the exception that caused it: raise with ``from None`` where
    the cause could hold the input, so that no secret travels in ``__context__`` either.
    """

    code: str
    params: dict[str, Any]

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = {name: _json_safe(name, value) for name, value in params.items()}
        super().__init__(code)

    def message(self, locale: str = "en") -> str:
        """The message for this error in ``locale``: ``"ja"``, ``"en"`` or ``"ja-easy"``.

        ``"ja-easy"`` is やさしい日本語 (easy Japanese, for residents still learning Japanese).
        An unknown locale falls back to ``"ja"``.
        """
        return render(self.code, self.params, locale)

    def to_dict(self, locale: str | None = None) -> dict[str, Any]:
        """A JSON-safe dict: ``code``, ``params`` and, when a locale is given, ``message``."""
        out: dict[str, Any] = {"code": self.code, "params": dict(self.params)}
        if locale is not None:
            out["message"] = self.message(locale)
        return out

    def __str__(self) -> str:
        return f"[{self.code}] {self.message('en')}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, params={self.params!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.code, self.params))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, GovFormsError)
        return self.code == other.code and self.params == other.params

    def __hash__(self) -> int:
        return hash((type(self), self.code, json.dumps(self.params, sort_keys=True)))


def _rebuild(cls: type[GovFormsError], code: str, params: dict[str, Any]) -> GovFormsError:
    return cls(code, **params)


class FieldError(GovFormsError):
    """One answer failed one rule: raised by every validator in :mod:`govforms.fields`."""


class PaymentError(GovFormsError):
    """A payment call or event was refused (:mod:`govforms.payments`)."""


class IdentityError(GovFormsError):
    """A certificate or signature failed verification (:mod:`govforms.identity`)."""


class ConfigurationError(GovFormsError):
    """The host app configured govforms wrongly (a missing plugin, a bad option)."""


class ValidationErrors(GovFormsError):
    """Many :class:`FieldError` s at once, each with the path of the answer it is about.

    Raised when a whole form (or model) is validated, so a resident sees every problem in one go.

    >>> errs = ValidationErrors([(("postal_code",), FieldError("postal_code.format"))])
    >>> errs.code, len(errs)
    ('validation.failed', 1)
    >>> [item["path"] for item in errs.to_list("en")]
    ['postal_code']
    """

    errors: tuple[tuple[ErrorPath, FieldError], ...]

    def __init__(self, errors: Iterable[tuple[Sequence[str | int] | str, FieldError]]) -> None:
        items: list[tuple[ErrorPath, FieldError]] = []
        for path, error in errors:
            items.append(((path,) if isinstance(path, str) else tuple(path), error))
        self.errors = tuple(items)
        super().__init__("validation.failed", count=len(self.errors))

    def __len__(self) -> int:
        return len(self.errors)

    def __iter__(self) -> Iterator[tuple[ErrorPath, FieldError]]:
        return iter(self.errors)

    def __reduce__(self) -> tuple[Any, ...]:
        return (ValidationErrors, (self.errors,))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ValidationErrors):
            return NotImplemented
        return self.errors == other.errors

    def __hash__(self) -> int:
        return hash(self.errors)

    def codes(self) -> dict[str, list[str]]:
        """``{"dotted.path": [codes...]}`` — handy in tests and in API responses."""
        out: dict[str, list[str]] = {}
        for path, error in self.errors:
            out.setdefault(format_path(path), []).append(error.code)
        return out

    def to_list(self, locale: str | None = None) -> list[dict[str, Any]]:
        """One JSON-safe dict per error: ``path`` (dotted), ``code``, ``params``, ``message``."""
        return [{"path": format_path(path), **error.to_dict(locale)} for path, error in self.errors]


def format_path(path: ErrorPath) -> str:
    """``("children", 0, "name")`` -> ``"children.0.name"``."""
    return ".".join(str(part) for part in path)
