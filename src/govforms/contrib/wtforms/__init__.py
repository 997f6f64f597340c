"""WTForms adapter (for Flask and any WTForms app): validators and fields with coded errors.

Importing this package needs WTForms (``pip install 'govforms[flask]'``); without it the import
raises :class:`~govforms.ConfigurationError` ``contrib.missing_dependency``.

WTForms keeps a field's errors as strings. govforms' errors are :class:`CodedMessage` strings:
they compare and render as the localised message and carry ``.code`` and ``.params``, so
``form.field.errors[0].code == "postal_code.format"``; :func:`coded_errors` lists a whole form's
errors as JSON-safe dicts. The language is the form's: ``Form(meta={"locales": ["ja"]})`` (or
``class Meta: locales = ...``); its first locale decides: ``ja-x-easy`` gives easy Japanese,
any other ``ja`` tag (``ja``, ``ja-JP``) Japanese, anything else English.

* Fields (:class:`MyNumberField`, :class:`PostalCodeField`, ...) convert in ``process_formdata``
  (like WTForms' own ``DateField``), so ``field.data`` is the cleaned value or ``None``.
* :class:`Required` is the "answer required" validator with our code ``field.required``.
* Validators (:data:`postal_code_validator`, ... or :class:`GovFormsValidator` around any plain
  validator) check a plain ``StringField`` without converting it.
* :func:`form_class_from_definition` turns a :class:`~govforms.submissions.FormDefinition` into
  a ``wtforms.Form`` class.
"""

from __future__ import annotations

from govforms.contrib._common import require

require("wtforms", module="govforms.contrib.wtforms", package="WTForms", extra="flask")

from govforms.contrib.wtforms.fields import (  # noqa: E402
    AddressField,
    CorporateNumberField,
    GovFormsField,
    JapaneseDateField,
    MyNumberField,
    MyNumberInput,
    NameKanaField,
    PersonNameField,
    PhoneField,
    PostalCodeField,
)
from govforms.contrib.wtforms.forms import form_class_from_definition  # noqa: E402
from govforms.contrib.wtforms.validators import (  # noqa: E402
    CodedMessage,
    GovFormsValidationError,
    GovFormsValidator,
    Required,
    address_validator,
    coded_errors,
    corporate_number_validator,
    date_validator,
    field_locale,
    my_number_validator,
    name_kana_validator,
    person_name_validator,
    phone_validator,
    postal_code_validator,
)

__all__ = [
    "AddressField",
    "CodedMessage",
    "CorporateNumberField",
    "GovFormsField",
    "GovFormsValidationError",
    "GovFormsValidator",
    "JapaneseDateField",
    "MyNumberField",
    "MyNumberInput",
    "NameKanaField",
    "PersonNameField",
    "PhoneField",
    "PostalCodeField",
    "Required",
    "address_validator",
    "coded_errors",
    "corporate_number_validator",
    "date_validator",
    "field_locale",
    "form_class_from_definition",
    "my_number_validator",
    "name_kana_validator",
    "person_name_validator",
    "phone_validator",
    "postal_code_validator",
]
