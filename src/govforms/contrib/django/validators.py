"""Django validators around the plain govforms validators.

A :class:`GovFormsValidator` runs one plain validator and turns its
:class:`~govforms.FieldError` into ``django.core.exceptions.ValidationError`` with

* ``code`` — our dotted code (``"my_number.checksum"``), so templates and API views branch on it;
* ``params`` — our JSON-safe params;
* the message in the active language: ``get_language()`` of ``ja-x-easy`` gives easy Japanese,
  any other ``ja`` language Japanese, anything else English.

Validators are deconstructible, so they can sit in a model field's ``validators=[...]`` and in
migrations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError  # type: ignore[import-untyped]
from django.utils import translation  # type: ignore[import-untyped]
from django.utils.deconstruct import deconstructible  # type: ignore[import-untyped]

from govforms.contrib._common import locale_for
from govforms.errors import FieldError, Locale
from govforms.fields import (
    parse_date,
    validate_address,
    validate_corporate_number,
    validate_my_number,
    validate_name_kana,
    validate_person_name,
    validate_phone,
    validate_postal_code,
)

__all__ = [
    "GovFormsValidator",
    "active_locale",
    "address_validator",
    "corporate_number_validator",
    "date_validator",
    "my_number_validator",
    "name_kana_validator",
    "person_name_validator",
    "phone_validator",
    "postal_code_validator",
    "to_django_error",
]


def active_locale() -> Locale:
    """The govforms locale for Django's active language."""
    return locale_for(translation.get_language())


def to_django_error(error: FieldError, locale: Locale | None = None) -> Any:
    """Django's ``ValidationError`` for one of ours: same code and params, localised message.

    Django applies ``message % params`` when it shows an error with params, so a ``%`` in our
    rendered message is doubled here; ``error.messages`` gives the message as rendered.
    """
    text = error.message(locale or active_locale())
    params = dict(error.params)
    if params:
        return ValidationError(text.replace("%", "%%"), code=error.code, params=params)
    return ValidationError(text, code=error.code)


@deconstructible
class GovFormsValidator:
    """A Django validator running ``func(value, **options)``; the result is discarded.

    >>> from govforms.fields import validate_postal_code
    >>> GovFormsValidator(validate_postal_code)("100-0001") is None
    True
    """

    def __init__(self, func: Callable[..., Any], **options: Any) -> None:
        self.func = func
        self.options = options

    def __call__(self, value: Any) -> None:
        try:
            self.func(value, **self.options)
        except FieldError as error:
            raise to_django_error(error) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GovFormsValidator):
            return NotImplemented
        return self.func is other.func and self.options == other.options

    def __hash__(self) -> int:
        return hash((self.func, tuple(sorted(self.options))))

    def __repr__(self) -> str:
        return f"GovFormsValidator({self.func.__name__})"


my_number_validator = GovFormsValidator(validate_my_number)
corporate_number_validator = GovFormsValidator(validate_corporate_number)
postal_code_validator = GovFormsValidator(validate_postal_code)
name_kana_validator = GovFormsValidator(validate_name_kana)
person_name_validator = GovFormsValidator(validate_person_name)
phone_validator = GovFormsValidator(validate_phone)
date_validator = GovFormsValidator(parse_date)
address_validator = GovFormsValidator(validate_address)
