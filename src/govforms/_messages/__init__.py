"""The message catalogue: one place where every error code gets its words.

Each module in this package defines ``MESSAGES: dict[str, Entry]``: for every code the names of
its params and one template per locale. Templates use ``{param}`` placeholders. The modules are
merged lazily, on the first message rendered, so ``import govforms`` stays cheap; a code defined
twice is a bug caught at merge time (and by ``tests/test_messages.py``).

>>> render("postal_code.format", {}, "en")
'A postal code has 7 digits, like 100-0001.'
>>> render("no.such.code", {}, "en")
'no.such.code'
"""

from __future__ import annotations

import importlib
import pkgutil
import string
import threading
from collections.abc import Mapping
from typing import Any, Final, TypedDict

__all__ = ["LOCALES", "Entry", "catalogue", "placeholders", "render"]

#: Locales every code must have a message in. The first is the fallback. ``"ja-easy"`` is
#: やさしい日本語 (easy Japanese), for residents who are still learning Japanese.
LOCALES: Final[tuple[str, ...]] = ("ja", "en", "ja-easy")


#: One catalogue row: the params a code carries and its template in every locale of
#: :data:`LOCALES`. An unknown locale falls back to ``"ja"``.
Entry = TypedDict(
    "Entry",
    {"params": tuple[str, ...], "ja": str, "en": str, "ja-easy": str},
)


_lock = threading.Lock()
_catalogue: dict[str, Entry] | None = None


def catalogue() -> Mapping[str, Entry]:
    """Every code with its entry, merged from the modules of this package (loaded once)."""
    global _catalogue
    if _catalogue is None:
        with _lock:
            if _catalogue is None:
                merged: dict[str, Entry] = {}
                for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
                    module = importlib.import_module(f"{__name__}.{info.name}")
                    for code, entry in module.MESSAGES.items():
                        if code in merged:
                            raise RuntimeError(f"message code {code!r} defined twice")
                        merged[code] = entry
                _catalogue = merged
    return _catalogue


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _show(value: Any, locale: str) -> str:
    if isinstance(value, list | tuple):
        sep = "、" if locale.startswith("ja") else ", "
        return sep.join(_show(v, locale) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: Mapping[str, Any], locale: str = "en") -> str:
    """Render ``code`` in ``locale``; unknown codes render as the code, unknown locales as ja."""
    entry = catalogue().get(code)
    if entry is None:
        return code
    templates: Mapping[str, Any] = entry
    template = templates.get(locale) or templates[LOCALES[0]]
    assert isinstance(template, str)
    values = _Params({k: _show(v, locale) for k, v in params.items()})
    return string.Formatter().vformat(template, (), values)
