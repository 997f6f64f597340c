"""What every framework adapter shares: the locale rule and the lazy framework import.

Nothing here imports a framework.

>>> locale_for("ja-jp"), locale_for("en-us"), locale_for(None), locale_for("ja-x-easy")
('ja', 'en', 'en', 'ja-easy')
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Final

from govforms.errors import ConfigurationError, Locale

__all__ = ["EASY_JAPANESE_TAG", "content_language", "locale_for", "primary_subtag", "require"]

#: The language tag that asks for やさしい日本語 (easy Japanese). BCP 47 (RFC 5646 §2.2.7) has
#: no registered subtag for it, so govforms uses the private-use form ``ja-x-easy``.
EASY_JAPANESE_TAG: Final = "ja-x-easy"


def locale_for(language: str | None) -> Locale:
    """The govforms locale for a framework's language code.

    ``ja-x-easy`` (:data:`EASY_JAPANESE_TAG`) gives ``"ja-easy"``, any other tag whose primary
    language subtag is ``ja`` gives ``"ja"`` (``ja-JP``, or a POSIX ``LANG`` such as
    ``ja_JP.UTF-8``), anything else ``"en"`` (``jam``, Jamaican Creole, is not Japanese).

    >>> locale_for("ja"), locale_for("JA_JP"), locale_for("fr"), locale_for("ja_X_Easy")
    ('ja', 'ja', 'en', 'ja-easy')
    >>> locale_for("ja_JP.UTF-8"), locale_for("ja.UTF-8"), locale_for("jam"), locale_for("C")
    ('ja', 'ja', 'en', 'en')
    """
    tag = (language or "").lower().replace("_", "-")
    if tag == EASY_JAPANESE_TAG:
        return "ja-easy"
    if primary_subtag(tag) == "ja":
        return "ja"
    return "en"


def primary_subtag(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag (RFC 5646 §2.1) or POSIX locale name,
    lower-cased.

    >>> primary_subtag("ja-JP"), primary_subtag("en_GB.UTF-8"), primary_subtag("ja@euro")
    ('ja', 'en', 'ja')
    """
    return re.split(r"[-_.@]", tag.lower(), maxsplit=1)[0]


def content_language(locale: Locale) -> str:
    """The ``Content-Language`` value for a govforms locale (``ja-easy`` -> ``ja-x-easy``).

    >>> content_language("ja"), content_language("ja-easy")
    ('ja', 'ja-x-easy')
    """
    return EASY_JAPANESE_TAG if locale == "ja-easy" else locale


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
