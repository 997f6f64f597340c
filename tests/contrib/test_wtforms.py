"""The WTForms adapter: validators, fields, and the example Flask app via its test client."""

from __future__ import annotations

import datetime
import pickle
import re
import subprocess
import sys

import pytest
from examples.flask_app.app import create_app
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from wtforms import Form, StringField
from wtforms.validators import DataRequired

from govforms._messages import catalogue, render
from govforms.contrib.wtforms import (
    CodedMessage,
    CorporateNumberField,
    GovFormsValidationError,
    GovFormsValidator,
    JapaneseDateField,
    MyNumberField,
    NameKanaField,
    PersonNameField,
    PhoneField,
    PostalCodeField,
    Required,
    coded_errors,
    my_number_validator,
    postal_code_validator,
)
from govforms.errors import FieldError
from govforms.fields import MyNumber, PhoneNumber, validate_phone


class MultiDict(dict[str, list[str]]):
    """The minimal formdata WTForms needs: ``getlist`` and ``in``."""

    def getlist(self, key: str) -> list[str]:
        return self[key]


def formdata(**values: str) -> MultiDict:
    return MultiDict({k: [v] for k, v in values.items()})


class EveryField(Form):
    my_number = MyNumberField()
    corporate = CorporateNumberField()
    postal = PostalCodeField(validators=[Required()])
    kana = NameKanaField()
    name = PersonNameField(charset="cp932")
    phone = PhoneField(kinds={"mobile"})
    born = JapaneseDateField()


def test_every_field_converts_like_the_plain_validator() -> None:
    form = EveryField(
        formdata(
            my_number="１２３４５６７８９０１８",
            corporate="5835678256246",
            postal="〒100 0001",
            kana="ﾔﾏﾀﾞ",
            name="髙橋　一郎",
            phone="０９０−１２３４−５６７８",
            born="令和6年4月1日",
        )
    )
    assert form.validate(), form.errors
    assert isinstance(form.my_number.data, MyNumber)
    assert form.my_number.data.reveal() == "123456789018"
    assert form.corporate.data == "5835678256246"
    assert form.postal.data == "1000001"
    assert form.kana.data == "ヤマダ"
    assert form.name.data == "髙橋 一郎"
    assert isinstance(form.phone.data, PhoneNumber) and form.phone.data.kind == "mobile"
    assert form.born.data == datetime.date(2024, 4, 1)


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_every_field_reports_our_codes_in_the_form_language(locale: str) -> None:
    form = EveryField(
        formdata(
            my_number="123456789012",
            corporate="1234567890123",
            postal="100-001",
            kana="山田",
            name="髙橋\u200b",
            phone="03-1234-5678",
            born="平成31年5月1日",
        ),
        meta={"locales": [locale]},
    )
    assert not form.validate()
    codes = {name: [m.code for m in messages] for name, messages in form.errors.items()}
    assert codes == {
        "my_number": ["my_number.checksum"],
        "corporate": ["corporate_number.checksum"],
        "postal": ["postal_code.format"],
        "kana": ["kana.invalid_character"],
        "name": ["name.unsupported_character"],
        "phone": ["phone.kind_not_allowed"],
        "born": ["date.era_out_of_range"],
    }
    for messages in form.errors.values():
        for message in messages:
            assert message == render(message.code, message.params, locale)
    assert form.phone.errors[0].params == {"kind": "fixed_line", "allowed": ["mobile"]}
    assert all(field.data is None for field in form)


def test_blank_answers_are_none_and_required_has_our_code() -> None:
    form = EveryField(formdata(postal="  ", kana=""), meta={"locales": ["ja"]})
    assert not form.validate()
    assert coded_errors(form) == {
        "postal": [
            {"code": "field.required", "params": {}, "message": render("field.required", {}, "ja")}
        ]
    }
    assert form.kana.data is None and form.my_number.data is None


def test_required_keeps_a_conversion_error() -> None:
    # WTForms' DataRequired would replace the coded error by "This field is required."
    form = EveryField(formdata(postal="abc"))
    assert not form.validate()
    assert [m.code for m in form.postal.errors] == ["postal_code.format"]


def test_validators_on_plain_string_fields() -> None:
    class Plain(Form):
        postal = StringField(validators=[DataRequired(), postal_code_validator])
        mobile = StringField(validators=[GovFormsValidator(validate_phone, kinds={"mobile"})])
        secret = StringField(validators=[GovFormsValidator(validate_phone, locale="ja")])

    form = Plain(formdata(postal="100-0001", mobile="090-1234-5678", secret=""))
    assert form.validate(), form.errors
    assert form.postal.data == "100-0001"  # a validator checks; it does not convert
    form = Plain(formdata(postal="1", mobile="03-1234-5678", secret="x"))
    assert not form.validate()
    assert [m.code for m in form.postal.errors] == ["postal_code.format"]
    assert [m.code for m in form.mobile.errors] == ["phone.kind_not_allowed"]
    assert form.secret.errors == [render("phone.format", {"position": 1}, "ja")]


def test_validation_error_carries_the_code() -> None:
    class F(Form):
        my_number = StringField()

    form = F(formdata(my_number="12345"))
    with pytest.raises(GovFormsValidationError) as info:
        my_number_validator(form, form.my_number)
    assert info.value.code == "my_number.length"
    assert info.value.params == {"expected": 12, "actual": 5}
    assert info.value.__suppress_context__ and "12345" not in str(info.value)


def test_coded_message_is_a_string_that_pickles() -> None:
    message = CodedMessage.from_error(FieldError("my_number.length", expected=12, actual=3), "ja")
    assert message == "個人番号は12桁です（入力は3桁）。"
    copy = pickle.loads(pickle.dumps(message))
    assert copy == message and copy.code == message.code and copy.params == message.params


def test_errors_from_wtforms_validators_have_no_code() -> None:
    class F(Form):
        note = StringField(validators=[DataRequired()])

    form = F(formdata(note=""))
    assert not form.validate()
    assert coded_errors(form)["note"][0]["code"] is None


def test_rendering_shows_answers_again_but_never_the_my_number() -> None:
    form = EveryField(formdata(my_number="123456789018", postal="100-001", phone="090 1234 5678"))
    form.validate()
    assert "123456789018" not in form.my_number() and 'value=""' in form.my_number()
    assert 'autocomplete="off"' in form.my_number() and 'spellcheck="false"' in form.my_number()
    assert 'value="100-001"' in form.postal()
    initial = EveryField(
        data={
            "my_number": MyNumber("123456789018"),
            "phone": validate_phone("03-1234-5678"),
            "born": datetime.date(2024, 4, 1),
        }
    )
    assert 'value=""' in initial.my_number()
    assert 'value="03-1234-5678"' in initial.phone()
    assert 'value="2024-04-01"' in initial.born()


@given(st.text(max_size=40))
def test_any_text_converts_or_gives_a_catalogued_code(text: str) -> None:
    form = EveryField(formdata(**dict.fromkeys(EveryField().data, text)))
    form.validate()
    for messages in form.errors.values():
        assert all(isinstance(m, CodedMessage) and m.code in catalogue() for m in messages)


# --- the example Flask app, through its test client ------------------------------------------

GOOD = {
    "name": "山田　太郎",
    "name_kana": "やまだ たろう",
    "birth_date": "平成2年4月1日",
    "postal_code": "〒１００－０００１",
    "phone": "090-1234-5678",
    "my_number": "1234 5678 9018",
}


@pytest.fixture
def client() -> FlaskClient:
    app = create_app()
    app.config["TESTING"] = True
    return app.test_client()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_api_reports_coded_errors_in_the_request_language(
    client: FlaskClient, language: str
) -> None:
    answers = GOOD | {"postal_code": "100-001", "my_number": "12345678901"}
    response = client.post("/api/apply", data=answers, headers={"Accept-Language": language})
    assert response.status_code == 400
    assert response.get_json() == {
        "errors": {
            "postal_code": [
                {
                    "code": "postal_code.format",
                    "params": {},
                    "message": render("postal_code.format", {}, language),
                }
            ],
            "my_number": [
                {
                    "code": "my_number.length",
                    "params": {"expected": 12, "actual": 11},
                    "message": {
                        "ja": "個人番号は12桁です（入力は11桁）。",
                        "en": "A My Number has 12 digits; 11 were entered.",
                    }[language],
                }
            ],
        }
    }
    assert "12345678901" not in response.get_data(as_text=True)


def test_api_accepts_good_answers(client: FlaskClient) -> None:
    response = client.post("/api/apply", data=GOOD, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert response.get_json() == {
        "name": "山田 太郎",
        "name_kana": "ヤマダ タロウ",
        "birth_date": "1990-04-01",
        "postal_code": "1000001",
        "phone": "+819012345678",
        "my_number_given": True,
    }


def test_html_form_round_trip(client: FlaskClient) -> None:
    assert client.get("/apply").status_code == 200
    response = client.post(
        "/apply", data=GOOD | {"phone": "03-1234"}, headers={"Accept-Language": "ja"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'data-code="phone.invalid">[^<]*電話番号', html), html
    assert "9018" not in html and 'value="山田　太郎"' in html
    ok = client.post("/apply", data=GOOD)
    assert ok.status_code == 200 and "山田 太郎 様" in ok.get_data(as_text=True)
    # a name is free text: the page escapes it (validate_person_name lets "<" through)
    markup = client.post("/apply", data=GOOD | {"name": "<b>X</b>"}).get_data(as_text=True)
    assert "&lt;b&gt;X&lt;/b&gt; 様" in markup and "<b>" not in markup


def test_import_without_wtforms_is_a_configuration_error() -> None:
    code = (
        "import sys; sys.modules['wtforms'] = None\n"
        "from govforms.errors import ConfigurationError\n"
        "try:\n"
        "    import govforms.contrib.wtforms\n"
        "except ConfigurationError as e:\n"
        "    print(e.code, e.params['extra'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["contrib.missing_dependency", "flask"]
