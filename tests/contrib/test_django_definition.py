"""``form_class_from_definition`` for Django: the residence-certificate form, end to end."""

from __future__ import annotations

import os
from importlib import resources

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.contrib.django_settings")
django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.utils import translation  # noqa: E402

from govforms.contrib.django import AddressField, address_validator  # noqa: E402
from govforms.contrib.django import form_class_from_definition as django_form  # noqa: E402
from govforms.fields import Address, MyNumber  # noqa: E402
from govforms.submissions import FormDefinition, ValidatedAnswers  # noqa: E402
from tests.conftest import raises_code  # noqa: E402

FORM = FormDefinition.from_json(
    (resources.files("govforms.cli") / "_demo_data" / "juminhyo-copy.json").read_bytes()
)
GOOD = {
    "applicant_name": "山田　太郎",
    "applicant_kana": "やまだ たろう",
    "birth_date": "平成2年4月1日",
    "postal_code": "100-0001",
    "address": "東京都千代田区千代田1-1",
    "phone": "03-1234-5678",
    "copies": "2",
    "include_my_number": "yes",
    "my_number": "1234 5678 9018",
}


def test_the_form_class_has_one_field_per_question() -> None:
    form_class = django_form(FORM)
    assert form_class.__name__ == "JuminhyoCopyForm"
    assert list(form_class.base_fields) == [spec.name for spec in FORM.fields]
    with translation.override("ja"):
        form = form_class()
        html = str(form)
        assert "氏名" in html and "個人番号の記載" in html
    with translation.override("en"):
        assert "Show My Number" in str(form_class())
    assert 'autocomplete="postal-code"' in str(form["postal_code"])
    assert 'data-show-if="{&quot;field&quot;:&quot;include_my_number&quot;' in str(
        form["my_number"]
    )
    assert "required" in str(form["applicant_name"]) and "required" not in str(form["my_number"])
    assert '<option value="yes">yes</option>' in str(form["include_my_number"])


def test_valid_answers_are_the_definitions_validated_answers() -> None:
    form = django_form(FORM)(GOOD)
    assert form.is_valid(), form.errors
    answers = form.validated_answers
    assert isinstance(answers, ValidatedAnswers)
    assert answers == FORM.validate(GOOD)
    assert FORM.fee(answers) == 600
    assert form.cleaned_data["applicant_name"] == "山田 太郎"
    assert form.cleaned_data["copies"] == 2
    assert isinstance(form.cleaned_data["my_number"], MyNumber)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_errors_land_on_their_fields_with_codes(language: str) -> None:
    bad = GOOD | {"copies": "11", "my_number": "123456789012", "postal_code": ""}
    with translation.override(language):
        form = django_form(FORM)(bad)
        assert not form.is_valid()
        data = form.errors.as_data()
    codes = {name: [e.code for e in errors] for name, errors in data.items()}
    assert codes == {
        "postal_code": ["field.required"],
        "copies": ["form.number_too_large"],
        "my_number": ["my_number.checksum"],
    }
    expected = {
        "ja": "個人番号の検査用数字が一致しません。入力に誤りがないか確認してください。",
        "en": "The My Number's check digit does not match: please check for a typo.",
    }[language]
    assert data["my_number"][0].messages == [expected]
    assert "123456789012" not in str(form)


def test_hidden_question_is_dropped() -> None:
    form = django_form(FORM)(GOOD | {"include_my_number": "no", "my_number": "junk"})
    assert form.is_valid(), form.errors
    assert "my_number" not in form.validated_answers


def test_files_become_attachment_references() -> None:
    definition = FormDefinition.from_dict(
        {
            "id": "upload",
            "version": 1,
            "title": {"ja": "添付", "en": "Upload"},
            "fields": [
                {
                    "name": "proof",
                    "type": "file",
                    "required": True,
                    "accept": ["application/pdf"],
                    "label": {"ja": "証明書", "en": "Proof"},
                },
                {
                    "name": "agree",
                    "type": "consent",
                    "required": True,
                    "label": {"ja": "同意", "en": "Agree"},
                },
                {
                    "name": "topics",
                    "type": "multi_choice",
                    "choices": ["a", "b"],
                    "label": {"ja": "項目", "en": "Topics"},
                },
            ],
        }
    )
    form_class = django_form(definition)
    upload = SimpleUploadedFile("証明.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    form = form_class({"agree": "on", "topics": ["a", "b"]}, {"proof": upload})
    assert form.is_valid(), form.errors
    proof = form.validated_answers["proof"]
    assert proof["name"] == "証明.pdf" and proof["size"] == 13
    assert form.validated_answers["topics"] == ("a", "b")
    wrong = SimpleUploadedFile("a.png", b"png", content_type="image/png")
    form = form_class({}, {"proof": wrong})
    assert not form.is_valid()
    codes = {name: [e.code for e in errs] for name, errs in form.errors.as_data().items()}
    assert codes == {"proof": ["form.file_type_not_allowed"], "agree": ["form.consent_required"]}


def household(**group: object) -> FormDefinition:
    member = {
        "name": "name",
        "type": "name",
        "required": True,
        "label": {"ja": "氏名", "en": "Name"},
    }
    born = {"name": "born", "type": "date", "label": {"ja": "生年月日", "en": "Born"}}
    spec = {
        "name": "children",
        "type": "group",
        "required": True,
        "label": {"ja": "子", "en": "Child"},
        "fields": [member, born],
        **group,
    }
    return FormDefinition.from_dict(
        {
            "id": "household",
            "version": 1,
            "title": {"ja": "世帯", "en": "Household"},
            "fields": [spec],
        }
    )


def test_groups_are_rows_of_fields() -> None:
    form_class = django_form(household(max_items=2), group_rows=3)
    assert list(form_class.base_fields) == [
        "children-0-name",
        "children-0-born",
        "children-1-name",
        "children-1-born",
    ]
    with translation.override("en"):
        assert str(form_class()["children-1-born"].label) == "Child 2: Born"
    form = form_class({"children-0-name": "山田 一郎", "children-0-born": "R2.5.1"})
    assert form.is_valid(), form.errors
    assert form.validated_answers["children"] == ({"name": "山田 一郎", "born": "2020-05-01"},)
    assert list(django_form(household(min_items=4)).base_fields)[-1] == "children-3-born"


def test_group_errors_land_on_row_fields() -> None:
    form_class = django_form(household())
    form = form_class({"children-0-born": "2020-02-30", "children-1-name": "山田 花子"})
    assert not form.is_valid()
    codes = {name: [e.code for e in errs] for name, errs in form.errors.as_data().items()}
    assert codes == {"children-0-name": ["field.required"], "children-0-born": ["date.invalid"]}
    empty = form_class({"children-0-name": "  "})
    assert not empty.is_valid()
    codes = {name: [e.code for e in errs] for name, errs in empty.errors.as_data().items()}
    assert codes == {"children-0-name": ["field.required"]}


def test_a_group_in_a_group_is_refused() -> None:
    inner = {
        "name": "pets",
        "type": "group",
        "label": {"ja": "犬", "en": "Dogs"},
        "fields": [{"name": "pet", "type": "text", "label": {"ja": "名", "en": "Name"}}],
    }
    with raises_code("contrib.unsupported_field_type", field="pets", framework="Django"):
        django_form(household(fields=[inner]))


def test_address_field_and_validator() -> None:
    field = AddressField(min_level="town")
    address = field.clean("東京都千代田区千代田1-1")
    assert isinstance(address, Address) and address.city_code == "131016"
    assert field.prepare_value(address) == "東京都千代田区千代田1-1"
    with translation.override("en"), pytest.raises(ValidationError) as info:
        address_validator("どこか")
    assert info.value.code.startswith("address.")
