"""WTForms validators around the plain govforms validators, and coded error messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from wtforms import FieldList, FormField  # type: ignore[import-untyped]
from wtforms.validators import StopValidation, ValidationError  # type: ignore[import-untyped]

from govforms.contrib._common import locale_for
from govforms.errors import FieldError, GovFormsError, Locale
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
    "CodedMessage",
    "GovFormsValidationError",
    "GovFormsValidator",
    "Required",
    "address_validator",
    "coded_errors",
    "corporate_number_validator",
    "date_validator",
    "field_locale",
    "my_number_validator",
    "name_kana_validator",
    "person_name_validator",
    "phone_validator",
    "postal_code_validator",
]


class CodedMessage(str):
    """A localised error message that also carries our ``code`` and ``params``.

    It is a ``str`` (WTForms and templates treat it as the message) with two attributes.

    >>> message = CodedMessage.from_error(FieldError("postal_code.format"), "en")
    >>> message, message.code
    ('A postal code has 7 digits, like 100-0001.', 'postal_code.format')
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, text: str, code: str, params: Mapping[str, Any]) -> CodedMessage:
        self = super().__new__(cls, text)
        self.code = code
        self.params = dict(params)
        return self

    @classmethod
    def from_error(cls, error: GovFormsError, locale: Locale) -> CodedMessage:
        """The message for ``error`` in ``locale``."""
        return cls(error.message(locale), error.code, error.params)

    def __reduce__(self) -> tuple[Any, ...]:
        return (CodedMessage, (str(self), self.code, self.params))


class GovFormsValidationError(ValidationError):  # type: ignore[misc]
    """WTForms' ``ValidationError`` whose message is a :class:`CodedMessage`."""

    def __init__(self, message: CodedMessage) -> None:
        super().__init__(message)
        self.code = message.code
        self.params = message.params


def field_locale(field: Any) -> Locale:
    """The locale of a bound field: from its form's ``meta.locales`` (English when unset)."""
    locales = getattr(getattr(field, "meta", None), "locales", None)
    if locales:
        return locale_for(str(locales[0]))
    return "en"


class GovFormsValidator:
    """A WTForms validator running ``func(field.data, **options)`` on a non-empty answer.

    ``locale`` fixes the message language; by default it is the form's (:func:`field_locale`).

    >>> from wtforms import Form, StringField
    >>> class F(Form):
    ...     postal = StringField(validators=[postal_code_validator])
    >>> form = F(data={"postal": "100-001"}, meta={"locales": ["ja"]})
    >>> form.validate(), form.postal.errors[0].code
    (False, 'postal_code.format')
    """

    def __init__(
        self, func: Callable[..., Any], *, locale: Locale | None = None, **options: Any
    ) -> None:
        self.func = func
        self.locale = locale
        self.options = options

    def __call__(self, form: Any, field: Any) -> None:
        value = field.data
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        try:
            self.func(value, **self.options)
        except FieldError as error:
            locale = self.locale or field_locale(field)
            raise GovFormsValidationError(CodedMessage.from_error(error, locale)) from None

    def __repr__(self) -> str:
        return f"GovFormsValidator({self.func.__name__})"


class Required:
    """The answer must not be blank; stops the chain with our code ``field.required``.

    It looks at the raw input (like WTForms' ``InputRequired``), so a conversion error of a
    govforms field is kept rather than replaced by "required".
    """

    field_flags: Mapping[str, bool] = {"required": True}

    def __init__(self, *, locale: Locale | None = None) -> None:
        self.locale = locale

    def __call__(self, form: Any, field: Any) -> None:
        raw = field.raw_data
        data = field.data
        if raw and any(str(item).strip() for item in raw):
            return
        if not raw and data not in (None, "", [], ()):
            return
        field.errors[:] = []
        error = FieldError("field.required")
        raise StopValidation(CodedMessage.from_error(error, self.locale or field_locale(field)))


def _item(message: Any) -> dict[str, Any]:
    if isinstance(message, CodedMessage):
        return {"code": message.code, "params": message.params, "message": str(message)}
    return {"code": None, "params": {}, "message": str(message)}


def _walk(field: Any, path: str, out: dict[str, list[dict[str, Any]]]) -> None:
    if isinstance(field, FieldList):
        # A FieldList's own errors mix its entries' error lists with messages about the list.
        for message in field.errors:
            if isinstance(message, str):
                out.setdefault(path, []).append(_item(message))
        for index, entry in enumerate(field.entries):
            _walk(entry, f"{path}.{index}", out)
    elif isinstance(field, FormField):
        for sub in field.form:
            _walk(sub, f"{path}.{sub.short_name}", out)
    elif field.errors:
        out.setdefault(path, []).extend(_item(message) for message in field.errors)


def coded_errors(form: Any) -> dict[str, list[dict[str, Any]]]:
    """A form's errors as ``{path: [{"code", "params", "message"}, ...]}``, JSON-safe.

    Paths are dotted, as in :meth:`govforms.ValidationErrors.codes`: ``"postal_code"``, or
    ``"children.0.name"`` inside a ``FieldList``; errors about the whole form are under ``""``.
    Messages from WTForms' own validators have no govforms code: their ``code`` is ``None``.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for field in form:
        _walk(field, field.short_name, out)
    for message in getattr(form, "form_errors", ()):
        out.setdefault("", []).append(_item(message))
    return out


my_number_validator = GovFormsValidator(validate_my_number)
corporate_number_validator = GovFormsValidator(validate_corporate_number)
postal_code_validator = GovFormsValidator(validate_postal_code)
name_kana_validator = GovFormsValidator(validate_name_kana)
person_name_validator = GovFormsValidator(validate_person_name)
phone_validator = GovFormsValidator(validate_phone)
date_validator = GovFormsValidator(parse_date)
address_validator = GovFormsValidator(validate_address)
