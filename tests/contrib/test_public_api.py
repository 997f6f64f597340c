"""The adapters' public names are pinned: changing them is a decision, not an accident."""

from __future__ import annotations

import govforms.contrib
import govforms.contrib.django
import govforms.contrib.fastapi
import govforms.contrib.wtforms

DJANGO = [
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
WTFORMS = [
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
FASTAPI = ["install_error_handler", "locale_from_accept_language", "localized_errors"]


def test_exported_names_are_pinned_sorted_and_importable() -> None:
    for module, names in (
        (govforms.contrib, []),
        (govforms.contrib.django, DJANGO),
        (govforms.contrib.wtforms, WTFORMS),
        (govforms.contrib.fastapi, FASTAPI),
    ):
        assert module.__all__ == names, module.__name__
        assert module.__all__ == sorted(module.__all__)
        for name in names:
            assert getattr(module, name) is not None
