"""The Django adapter with real Django: validators, fields, and the example app via the client."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from typing import Any

import django
import pytest
from hypothesis import given
from hypothesis import strategies as st

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.contrib.django_settings")
django.setup()

from django import forms  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

from govforms._messages import catalogue, render  # noqa: E402
from govforms.contrib.django import (  # noqa: E402
    CorporateNumberField,
    GovFormsValidator,
    JapaneseDateField,
    MyNumberField,
    NameKanaField,
    PersonNameField,
    PhoneField,
    PostalCodeField,
    my_number_validator,
    name_kana_validator,
    postal_code_validator,
    to_django_error,
)
from govforms.errors import FieldError  # noqa: E402
from govforms.fields import MyNumber, PhoneNumber, validate_phone  # noqa: E402

VALID_MY_NUMBER = "123456789018"
GOOD = {
    "name": "山田　太郎",
    "name_kana": "やまだ たろう",
    "birth_date": "平成2年4月1日",
    "postal_code": "〒１００－０００１",
    "phone": "090-1234-5678",
    "my_number": "1234 5678 9018",
}


def django_error(func: Any, value: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        func(value)
    error = info.value
    assert error.__cause__ is None and error.__suppress_context__
    return error


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja", "個人番号の検査用数字が一致しません。入力に誤りがないか確認してください。"),
        ("ja-jp", "個人番号の検査用数字が一致しません。入力に誤りがないか確認してください。"),
        ("en", "The My Number's check digit does not match: please check for a typo."),
        ("fr", "The My Number's check digit does not match: please check for a typo."),
    ],
)
def test_validator_speaks_the_active_language(language: str, expected: str) -> None:
    with translation.override(language):
        error = django_error(my_number_validator, "123456789012")
    assert error.code == "my_number.checksum"
    assert error.messages == [expected]
    assert "123456789012" not in repr(error) and "123456789012" not in str(error.messages)


def test_validator_keeps_our_params() -> None:
    with translation.override("en"):
        error = django_error(my_number_validator, "12345")
    assert error.code == "my_number.length"
    assert error.params == {"expected": 12, "actual": 5}
    assert error.messages == ["A My Number has 12 digits; 5 were entered."]


def test_percent_in_a_rendered_message_survives_django_formatting() -> None:
    # Django applies message % params; a "%" the resident typed is echoed in this message.
    with translation.override("en"):
        error = django_error(name_kana_validator, "ヤマダ%")
    assert error.code == "kana.invalid_character"
    assert error.params["characters"] == ["%"]
    assert "%" in error.messages[0] and "%%" not in error.messages[0]


def test_validator_passes_valid_values_and_options() -> None:
    assert postal_code_validator("100-0001") is None
    mobile_only = GovFormsValidator(validate_phone, kinds={"mobile"})
    assert mobile_only("090-1234-5678") is None
    with translation.override("en"):
        error = django_error(mobile_only, "03-1234-5678")
    assert error.code == "phone.kind_not_allowed"
    assert error.params == {"kind": "fixed_line", "allowed": ["mobile"]}


def test_validator_deconstructs_for_migrations() -> None:
    path, args, kwargs = GovFormsValidator(validate_phone, kinds=["mobile"]).deconstruct()
    assert path == "govforms.contrib.django.validators.GovFormsValidator"
    assert args == (validate_phone,) and kwargs == {"kinds": ["mobile"]}
    assert GovFormsValidator(validate_phone) == GovFormsValidator(validate_phone)
    assert GovFormsValidator(validate_phone) != my_number_validator


def test_to_django_error_without_params_has_no_formatting() -> None:
    error = to_django_error(FieldError("postal_code.format"), "ja")
    assert error.code == "postal_code.format" and error.params is None
    assert error.messages == ["郵便番号は7桁の数字で入力してください（例: 100-0001）。"]


class EveryField(forms.Form):
    my_number = MyNumberField(required=False)
    corporate = CorporateNumberField(required=False)
    postal = PostalCodeField(required=False)
    kana = NameKanaField(required=False)
    name = PersonNameField(required=False, charset="cp932")
    phone = PhoneField(required=False, kinds={"mobile"})
    born = JapaneseDateField(required=False)


def test_every_field_cleans_like_the_plain_validator() -> None:
    form = EveryField(
        {
            "my_number": "１２３４５６７８９０１８",
            "corporate": "5835678256246",
            "postal": "100 0001",
            "kana": "ﾔﾏﾀﾞ",
            "name": "髙橋 一郎",
            "phone": "０９０−１２３４−５６７８",
            "born": "R6.4.1",
        }
    )
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert isinstance(data["my_number"], MyNumber)
    assert data["my_number"].reveal() == "123456789018"
    assert data["corporate"] == "5835678256246"
    assert data["postal"] == "1000001"
    assert data["kana"] == "ヤマダ"
    assert data["name"] == "髙橋 一郎"
    assert isinstance(data["phone"], PhoneNumber) and data["phone"].e164 == "+819012345678"
    assert data["born"] == datetime.date(2024, 4, 1)


def test_empty_optional_fields_clean_to_none_and_required_uses_django_code() -> None:
    form = EveryField({})
    assert form.is_valid()
    assert set(form.cleaned_data.values()) == {None}

    class Required(forms.Form):
        postal = PostalCodeField()

    form2 = Required({"postal": "  "})
    assert not form2.is_valid()
    assert form2.errors.as_data()["postal"][0].code == "required"


def test_every_field_reports_our_codes() -> None:
    with translation.override("en"):
        form = EveryField(
            {
                "my_number": "123456789012",
                "corporate": "1234567890123",
                "postal": "100-001",
                "kana": "山田",
                "name": "髙橋\u200b",
                "phone": "03-1234-5678",
                "born": "平成31年5月1日",
            }
        )
        assert not form.is_valid()
    codes = {name: [e.code for e in errors] for name, errors in form.errors.as_data().items()}
    assert codes == {
        "my_number": ["my_number.checksum"],
        "corporate": ["corporate_number.checksum"],
        "postal": ["postal_code.format"],
        "kana": ["kana.invalid_character"],
        "name": ["name.unsupported_character"],
        "phone": ["phone.kind_not_allowed"],
        "born": ["date.era_out_of_range"],
    }


@given(st.text(max_size=40))
def test_any_text_cleans_or_gives_a_catalogued_code(text: str) -> None:
    form = EveryField(dict.fromkeys(EveryField.base_fields, text))
    form.is_valid()
    for errors in form.errors.as_data().values():
        assert all(error.code in catalogue() for error in errors)


def test_my_number_is_never_rendered_back() -> None:
    form = EveryField({"my_number": VALID_MY_NUMBER, "postal": "bad"})
    assert not form.is_valid()
    html = str(form)
    assert VALID_MY_NUMBER not in html and "1234" not in str(form["my_number"])
    assert 'autocomplete="off"' in str(form["my_number"])
    assert 'spellcheck="false"' in str(form["my_number"])
    initial = EveryField(initial={"my_number": MyNumber(VALID_MY_NUMBER)})
    assert VALID_MY_NUMBER not in str(initial) and "*****" not in str(initial["my_number"])


def test_initial_values_are_shown_in_their_input_form() -> None:
    form = EveryField(
        initial={"phone": validate_phone("090-1234-5678"), "born": datetime.date(2024, 4, 1)}
    )
    assert 'value="090-1234-5678"' in str(form["phone"])
    assert 'value="2024-04-01"' in str(form["born"])
    assert 'inputmode="tel"' in str(form["phone"])
    assert not EveryField(
        {"born": "2024-04-01"}, initial={"born": datetime.date(2024, 4, 1)}
    ).has_changed()


# --- the example app, through Django's test client -------------------------------------------


@pytest.fixture
def client() -> Client:
    return Client()


def test_get_shows_the_form(client: Client) -> None:
    response = client.get("/apply/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    assert 'name="my_number"' in response.content.decode()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_api_post_reports_coded_errors_in_the_request_language(
    client: Client, language: str
) -> None:
    kana = FieldError("kana.invalid_character", characters=["山", "田"], positions=[1, 2])
    kana_message = render(kana.code, kana.params, language)
    my_number_message = {
        "ja": "個人番号は12桁です（入力は11桁）。",
        "en": "A My Number has 12 digits; 11 were entered.",
    }[language]
    answers = GOOD | {"name_kana": "山田", "my_number": "12345678901"}
    response = client.post("/api/apply/", answers, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response["Content-Language"] == language
    errors = response.json()["errors"]
    assert errors == {
        "name_kana": [{"message": kana_message, "code": "kana.invalid_character"}],
        "my_number": [{"message": my_number_message, "code": "my_number.length"}],
    }
    assert "12345678901" not in response.content.decode()


def test_api_post_of_good_answers(client: Client) -> None:
    response = client.post("/api/apply/", GOOD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.json() == {
        "name": "山田 太郎",
        "name_kana": "ヤマダ タロウ",
        "birth_date": "1990-04-01",
        "postal_code": "1000001",
        "phone": "+819012345678",
        "my_number_given": True,
    }


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ja", "郵便番号は7桁の数字で入力してください（例: 100-0001）。"),
        ("en", "A postal code has 7 digits, like 100-0001."),
    ],
)
def test_html_post_shows_errors_and_never_echoes_the_my_number(
    client: Client, language: str, message: str
) -> None:
    response = client.post(
        "/apply/", GOOD | {"postal_code": "100-001"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "9018" not in html
    assert "山田　太郎" in html  # the other answers are shown again as typed


def test_html_post_of_good_answers(client: Client) -> None:
    response = client.post("/apply/", GOOD, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    assert "山田 太郎 様" in response.content.decode()


def test_import_without_django_is_a_configuration_error() -> None:
    code = (
        "import sys; sys.modules['django'] = None\n"
        "from govforms.errors import ConfigurationError\n"
        "try:\n"
        "    import govforms.contrib.django\n"
        "except ConfigurationError as e:\n"
        "    print(e.code, e.params['extra'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["contrib.missing_dependency", "django"]


def test_the_core_never_imports_a_framework() -> None:
    code = (
        "import sys, govforms, govforms.fields, govforms.errors\n"
        "print(sorted(m for m in ('django', 'flask', 'wtforms', 'fastapi') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
