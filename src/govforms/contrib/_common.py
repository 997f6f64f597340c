"""What every framework adapter shares: the locale rule and the lazy framework import.

Nothing here imports a framework.

>>> locale_for("ja-jp"), locale_for("en-us"), locale_for(None)
('ja', 'en', 'en')
"""

from __future__ import annotations

import importlib
from types import ModuleType

from govforms.errors import ConfigurationError, Locale

__all__ = ["locale_for", "require"]


def locale_for(language: str | None) -> Locale:
    """The govforms locale for a framework's language code: ``ja*`` gives ``"ja"``, else ``"en"``.

    >>> locale_for("ja"), locale_for("JA_JP"), locale_for("fr")
    ('ja', 'ja', 'en')
    """
    if language and language.lower().startswith("ja"):
        return "ja"
    return "en"


def require(import_name: str, *, module: str, package: str, extra: str) -> ModuleType:
    """Import ``import_name`` or raise ``contrib.missing_dependency`` naming the extra to install.

    >>> require("no_such_framework_xyz", module="m", package="Xyz", extra="xyz")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    govforms.errors.ConfigurationError: [contrib.missing_dependency] m needs Xyz: pip install ...
    """
    try:
        return importlib.import_module(import_name)
    except ImportError:
        raise ConfigurationError(
            "contrib.missing_dependency", module=module, package=package, extra=extra
        ) from None
