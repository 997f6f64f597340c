"""WTForms fields for every govforms field type.

Each field converts the submitted text with the plain validator in ``process_formdata`` (as
WTForms' own ``DateField`` does): ``field.data`` is the cleaned value (a
:class:`~govforms.fields.MyNumber`, a :class:`~govforms.fields.PhoneNumber`, a
``datetime.date`` or a normalised ``str``), or ``None`` when the answer is blank or wrong; a
wrong answer leaves a :class:`~govforms.contrib.wtforms.CodedMessage` in ``field.errors`` after
``validate()``. When the form is shown again, the field shows what the resident typed, except
:class:`MyNumberField`, which never shows a value.
"""

from __future__ import annotations

import abc
import datetime
from collections.abc import Collection
from typing import Any

from wtforms import StringField  # type: ignore[import-untyped]
from wtforms.widgets import TextInput  # type: ignore[import-untyped]

from govforms.contrib._definition import type_attrs
from govforms.contrib.wtforms.validators import CodedMessage, field_locale
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


class GovFormsField(StringField, metaclass=abc.ABCMeta):  # type: ignore[misc]
    """A text field converted by one plain govforms validator (subclasses set :meth:`convert`)."""

    @abc.abstractmethod
    def convert(self, value: str) -> Any:
        """Clean ``value`` with one plain govforms validator (raises ``FieldError``)."""

    def display(self, value: Any) -> str:
        """How a cleaned value (initial data) is written into the input."""
        return str(value)

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        try:
            self.data = self.convert(str(valuelist[0]))
        except FieldError as error:
            self.data = None
            raise ValueError(CodedMessage.from_error(error, field_locale(self))) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else self.display(self.data)


class MyNumberInput(TextInput):  # type: ignore[misc]
    """A text input that never writes a value into the page (like a password input), with
    ``autocomplete="off"``, ``inputmode="numeric"`` and ``spellcheck="false"`` unless given."""

    def __call__(self, field: Any, **kwargs: Any) -> Any:
        kwargs["value"] = ""
        return super().__call__(field, **{**type_attrs("my_number"), **kwargs})


class MyNumberField(GovFormsField):
    """A My Number; ``data`` is a :class:`~govforms.fields.MyNumber`; never rendered back."""

    widget = MyNumberInput()

    def convert(self, value: str) -> MyNumber:
        return MyNumber(value)

    def _value(self) -> str:
        return ""


class CorporateNumberField(GovFormsField):
    """A Corporate Number (法人番号); ``data`` is its 13 ASCII digits."""

    def convert(self, value: str) -> str:
        return validate_corporate_number(value)


class PostalCodeField(GovFormsField):
    """A postal code; ``data`` is 7 ASCII digits."""

    def convert(self, value: str) -> str:
        return validate_postal_code(value)


class NameKanaField(GovFormsField):
    """A name reading (フリガナ); ``data`` is full-width katakana."""

    def convert(self, value: str) -> str:
        return validate_name_kana(value)


class PersonNameField(GovFormsField):
    """A person's name, trimmed with one space between parts; never rewritten."""

    def __init__(self, *args: Any, charset: Charset = "jisx0213", **kwargs: Any) -> None:
        self.charset: Charset = charset
        super().__init__(*args, **kwargs)

    def convert(self, value: str) -> str:
        return validate_person_name(value, charset=self.charset)


class PhoneField(GovFormsField):
    """A telephone number; ``data`` is a :class:`~govforms.fields.PhoneNumber`."""

    def __init__(self, *args: Any, kinds: Collection[str] | None = None, **kwargs: Any) -> None:
        self.kinds = None if kinds is None else frozenset(kinds)
        super().__init__(*args, **kwargs)

    def convert(self, value: str) -> PhoneNumber:
        return validate_phone(value, kinds=self.kinds)

    def display(self, value: Any) -> str:
        return value.national if isinstance(value, PhoneNumber) else str(value)


class JapaneseDateField(GovFormsField):
    """A date in Gregorian or Japanese-era form; ``data`` is a ``datetime.date``."""

    def convert(self, value: str) -> datetime.date:
        return parse_date(value)

    def display(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)


class AddressField(GovFormsField):
    """An address checked against Japan Post's data; ``data`` is an
    :class:`~govforms.fields.Address` (``min_level`` as in
    :func:`~govforms.fields.validate_address`, default ``"town"``)."""

    def __init__(self, *args: Any, min_level: AddressLevel | str = "town", **kwargs: Any) -> None:
        self.min_level = min_level
        super().__init__(*args, **kwargs)

    def convert(self, value: str) -> Address:
        return validate_address(value, min_level=self.min_level)

    def display(self, value: Any) -> str:
        return value.normalized if isinstance(value, Address) else str(value)
