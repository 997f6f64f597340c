"""Django form fields for every govforms field type.

Each field cleans with the plain validator and nothing else: the cleaned value is exactly what
the plain function returns (a :class:`~govforms.fields.MyNumber` for :class:`MyNumberField`,
a :class:`~govforms.fields.PhoneNumber` for :class:`PhoneField`, a ``datetime.date`` for
:class:`JapaneseDateField`, a normalised ``str`` for the others). Errors carry our code and
params (see :func:`~govforms.contrib.django.validators.to_django_error`).
"""

from __future__ import annotations

import abc
import datetime
from collections.abc import Collection
from typing import Any, ClassVar

from django import forms  # type: ignore[import-untyped]

from govforms.contrib._definition import type_attrs
from govforms.contrib.django.validators import to_django_error
from govforms.errors import FieldError
from govforms.fields import (
    Address,
    AddressLevel,
    Charset,
    MyNumber,
    PhoneNumber,
    parse_date,
    validate_address,
    validate_corporate_number,
    validate_name_kana,
    validate_person_name,
    validate_phone,
    validate_postal_code,
)

__all__ = [
    "AddressField",
    "CorporateNumberField",
    "GovFormsField",
    "JapaneseDateField",
    "MyNumberField",
    "MyNumberInput",
    "NameKanaField",
    "PersonNameField",
    "PhoneField",
    "PostalCodeField",
]


class MyNumberInput(forms.TextInput):  # type: ignore[misc]
    """A text input that never writes a value back into the page.

    Like ``PasswordInput(render_value=False)``: when a form is shown again (say, because another
    answer had an error) the resident types the number again, and the number is never in the
    HTML, the browser's cache or a template's debug output. ``autocomplete="off"``.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**type_attrs("my_number"), **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> Any:
        return super().get_context(name, None, attrs)


class GovFormsField(forms.Field, metaclass=abc.ABCMeta):  # type: ignore[misc]
    """A form field that cleans text with one plain govforms validator.

    Subclasses set :meth:`convert`; values already of the cleaned type pass through (initial
    data). Empty or blank input is ``None`` (Django's own ``required`` error when required).
    """

    widget = forms.TextInput
    cleaned_types: ClassVar[tuple[type, ...]] = ()
    html_attrs: ClassVar[dict[str, str]] = {}

    @abc.abstractmethod
    def convert(self, value: str) -> Any:
        """Clean ``value`` with one plain govforms validator (raises ``FieldError``)."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if self.cleaned_types and isinstance(value, self.cleaned_types):
            return value
        try:
            return self.convert(value if isinstance(value, str) else str(value))
        except FieldError as error:
            raise to_django_error(error) from None

    def widget_attrs(self, widget: Any) -> Any:
        attrs = super().widget_attrs(widget)
        return {**self.html_attrs, **attrs}


class MyNumberField(GovFormsField):
    """A My Number; cleans to :class:`~govforms.fields.MyNumber` (masked in every repr).

    Its widget (:class:`MyNumberInput`) never renders the number back, and
    :meth:`prepare_value` gives ``""`` for a :class:`MyNumber`, so neither initial nor bound data
    reaches the page.
    """

    widget = MyNumberInput
    cleaned_types = (MyNumber,)

    def convert(self, value: str) -> MyNumber:
        return MyNumber(value)

    def prepare_value(self, value: Any) -> Any:
        return "" if isinstance(value, MyNumber) else value


class CorporateNumberField(GovFormsField):
    """A Corporate Number (法人番号); cleans to its 13 ASCII digits."""

    html_attrs: ClassVar[dict[str, str]] = type_attrs("corporate_number")

    def convert(self, value: str) -> str:
        return validate_corporate_number(value)


class PostalCodeField(GovFormsField):
    """A postal code; cleans to 7 ASCII digits (``〒100-0001`` gives ``"1000001"``)."""

    html_attrs: ClassVar[dict[str, str]] = type_attrs("postal_code")

    def convert(self, value: str) -> str:
        return validate_postal_code(value)


class NameKanaField(GovFormsField):
    """A name reading (フリガナ); cleans to full-width katakana."""

    def convert(self, value: str) -> str:
        return validate_name_kana(value)


class PersonNameField(GovFormsField):
    """A person's name; cleaned as typed (trimmed, one space between parts), never rewritten."""

    html_attrs: ClassVar[dict[str, str]] = type_attrs("name")

    def __init__(self, *, charset: Charset = "jisx0213", **kwargs: Any) -> None:
        self.charset: Charset = charset
        super().__init__(**kwargs)

    def convert(self, value: str) -> str:
        return validate_person_name(value, charset=self.charset)


class PhoneField(GovFormsField):
    """A telephone number; cleans to :class:`~govforms.fields.PhoneNumber`.

    ``kinds`` limits the accepted kinds (``{"mobile"}``...), as in
    :func:`~govforms.fields.validate_phone`.
    """

    cleaned_types = (PhoneNumber,)
    html_attrs: ClassVar[dict[str, str]] = type_attrs("phone")

    def __init__(self, *, kinds: Collection[str] | None = None, **kwargs: Any) -> None:
        self.kinds = None if kinds is None else frozenset(kinds)
        super().__init__(**kwargs)

    def convert(self, value: str) -> PhoneNumber:
        return validate_phone(value, kinds=self.kinds)

    def prepare_value(self, value: Any) -> Any:
        return value.national if isinstance(value, PhoneNumber) else value


class JapaneseDateField(GovFormsField):
    """A date in Gregorian or Japanese-era form (``令和6年4月1日``); cleans to ``datetime.date``."""

    cleaned_types = (datetime.date,)

    def convert(self, value: str) -> datetime.date:
        return parse_date(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            value = value.date()
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime.date) else value


class AddressField(GovFormsField):
    """An address checked against Japan Post's data; cleans to :class:`~govforms.fields.Address`.

    ``min_level`` (default ``"town"``) is how far it must match, as in
    :func:`~govforms.fields.validate_address`; the page shows ``address.normalized``.
    """

    cleaned_types = (Address,)
    html_attrs: ClassVar[dict[str, str]] = type_attrs("address")

    def __init__(self, *, min_level: AddressLevel | str = "town", **kwargs: Any) -> None:
        self.min_level = min_level
        super().__init__(**kwargs)

    def convert(self, value: str) -> Address:
        return validate_address(value, min_level=self.min_level)

    def prepare_value(self, value: Any) -> Any:
        return value.normalized if isinstance(value, Address) else value
