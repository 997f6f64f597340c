"""Django adapter: validators and form fields speaking govforms' coded errors.

Importing this package needs Django (``pip install 'govforms[django]'``); without it the import
raises :class:`~govforms.ConfigurationError` ``contrib.missing_dependency``.

* Validators (:data:`my_number_validator`, ... or :class:`GovFormsValidator` around any plain
  validator) raise ``django.core.exceptions.ValidationError`` whose ``code`` is our code, whose
  ``params`` are our params, and whose message is in the active language
  (``django.utils.translation.get_language()``: ``ja-x-easy`` gives easy Japanese, any other
  ``ja`` language Japanese, anything else English).
* Form fields (:class:`MyNumberField`, :class:`PostalCodeField`, ...) clean to the same values
  as the plain validators; :class:`MyNumberField` cleans to a :class:`~govforms.fields.MyNumber`
  and its widget never writes the number back into the page.
* :func:`form_class_from_definition` turns a :class:`~govforms.submissions.FormDefinition` into
  a ``django.forms.Form`` class.
"""

from __future__ import annotations

from govforms.contrib._common import require

require("django", module="govforms.contrib.django", package="Django", extra="django")

from govforms.contrib.django.fields import (  # noqa: E402
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
from govforms.contrib.django.forms import form_class_from_definition  # noqa: E402
from govforms.contrib.django.validators import (  # noqa: E402
    GovFormsValidator,
    address_validator,
    corporate_number_validator,
    date_validator,
    my_number_validator,
    name_kana_validator,
    person_name_validator,
    phone_validator,
    postal_code_validator,
    to_django_error,
)

__all__ = [
    "AddressField",
    "CorporateNumberField",
    "GovFormsField",
    "GovFormsValidator",
    "JapaneseDateField",
    "MyNumberField",
    "MyNumberInput",
    "NameKanaField",
    "PersonNameField",
    "PhoneField",
    "PostalCodeField",
    "address_validator",
    "corporate_number_validator",
    "date_validator",
    "form_class_from_definition",
    "my_number_validator",
    "name_kana_validator",
    "person_name_validator",
    "phone_validator",
    "postal_code_validator",
    "to_django_error",
]
