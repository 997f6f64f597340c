"""``form_class_from_definition`` for WTForms, with Flask's request data."""

from __future__ import annotations

import io
from importlib import resources

import pytest
from flask import Flask, request
from werkzeug.datastructures import FileStorage, MultiDict

from govforms.contrib.wtforms import (
    AddressField,
    CodedMessage,
    coded_errors,
    form_class_from_definition,
)
from govforms.fields import Address, MyNumber
from govforms.submissions import FormDefinition

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
JuminhyoForm = form_class_from_definition(FORM)


def test_fields_labels_and_attributes_follow_the_form_language() -> None:
    assert JuminhyoForm.__name__ == "JuminhyoCopyForm"
    ja = JuminhyoForm(meta={"locales": ["ja"]})
    en = JuminhyoForm(meta={"locales": ["en"]})
    assert [field.name for field in ja] == [spec.name for spec in FORM.fields]
    assert ja.applicant_name.label.text == "氏名" and en.applicant_name.label.text == "Name"
    assert 'inputmode="tel"' in ja.phone() and "required" in ja.phone()
    assert 'min="1"' in ja.copies() and 'type="number"' in ja.copies()
    assert "data-show-if" in ja.my_number() and "required" not in ja.my_number()


def test_valid_answers() -> None:
    form = JuminhyoForm(MultiDict(GOOD))
    assert form.validate(), form.errors
    answers = form.validated_answers
    assert answers == FORM.validate(GOOD)
    assert FORM.fee(answers) == 600
    assert isinstance(answers["my_number"], MyNumber)


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_errors_with_codes_on_their_fields(locale: str) -> None:
    bad = GOOD | {"copies": "0", "my_number": "12345678901", "phone": ""}
    form = JuminhyoForm(MultiDict(bad), meta={"locales": [locale]})
    assert not form.validate()
    assert form.validated_answers is None
    codes = {name: [m.code for m in messages] for name, messages in form.errors.items()}
    assert codes == {
        "phone": ["field.required"],
        "copies": ["form.number_too_small"],
        "my_number": ["my_number.length"],
    }
    message = form.my_number.errors[0]
    assert isinstance(message, CodedMessage)
    assert (
        message
        == {
            "ja": "個人番号は12桁です（入力は11桁）。",
            "en": "A My Number has 12 digits; 11 were entered.",
        }[locale]
    )
    assert "12345678901" not in form.my_number()


def test_with_flask_request_data_and_a_file() -> None:
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
                    "max_size": 100,
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
                    "choices": [{"value": "a", "label": {"ja": "あ", "en": "A"}}, "b"],
                    "label": {"ja": "項目", "en": "Topics"},
                },
            ],
        }
    )
    form_class = form_class_from_definition(definition)
    app = Flask(__name__)
    seen: dict[str, object] = {}

    @app.post("/upload")
    def upload() -> tuple[str, int]:
        form = form_class(request.form | request.files, meta={"locales": ["en"]})
        ok = form.validate()
        seen["form"] = form
        return ("ok" if ok else "bad"), (200 if ok else 400)

    client = app.test_client()
    data = {
        "agree": "y",
        "topics": ["a", "b"],
        "proof": (io.BytesIO(b"%PDF-1.7"), "証明.pdf", "application/pdf"),
    }
    assert client.post("/upload", data=data, content_type="multipart/form-data").status_code == 200
    answers = seen["form"].validated_answers  # type: ignore[attr-defined]
    assert answers["proof"]["size"] == 8 and answers["topics"] == ("a", "b")
    big = {"proof": (io.BytesIO(b"x" * 101), "big.bin", "application/octet-stream")}
    assert client.post("/upload", data=big, content_type="multipart/form-data").status_code == 400
    form = seen["form"]
    codes = {name: [m.code for m in msgs] for name, msgs in form.errors.items()}  # type: ignore[attr-defined]
    assert codes == {"proof": ["form.file_too_large"], "agree": ["form.consent_required"]}
    assert 'value="a"' in form.topics() and "A</label>" in form.topics()  # type: ignore[attr-defined]


def test_empty_file_input_is_no_answer() -> None:
    definition = FormDefinition.from_dict(
        {
            "id": "upload",
            "version": 1,
            "title": {"ja": "添付", "en": "Upload"},
            "fields": [{"name": "proof", "type": "file", "label": {"ja": "証", "en": "Proof"}}],
        }
    )
    empty = FileStorage(
        stream=io.BytesIO(b""), filename="", content_type="application/octet-stream"
    )
    form = form_class_from_definition(definition)(MultiDict({"proof": empty}))
    assert form.validate(), form.errors
    assert "proof" not in form.validated_answers


HOUSEHOLD = FormDefinition.from_dict(
    {
        "id": "household",
        "version": 1,
        "title": {"ja": "世帯", "en": "Household"},
        "fields": [
            {
                "name": "children",
                "type": "group",
                "required": True,
                "max_items": 3,
                "label": {"ja": "子", "en": "Children"},
                "fields": [
                    {
                        "name": "name",
                        "type": "name",
                        "required": True,
                        "label": {"ja": "氏名", "en": "Name"},
                    },
                    {"name": "born", "type": "date", "label": {"ja": "生年月日", "en": "Born"}},
                ],
            }
        ],
    }
)
HouseholdForm = form_class_from_definition(HOUSEHOLD)


def test_groups_are_lists_of_sub_forms() -> None:
    form = HouseholdForm(
        MultiDict(
            {
                "children-0-name": "山田 一郎",
                "children-0-born": "令和2年5月1日",
                "children-1-name": "山田 花子",
                "children-2-name": "",
            }
        ),
        meta={"locales": ["en"]},
    )
    assert form.children.entries[0].form.name.label.text == "Name"
    assert form.validate(), coded_errors(form)
    assert form.validated_answers["children"] == (
        {"name": "山田 一郎", "born": "2020-05-01"},
        {"name": "山田 花子"},
    )


def test_group_errors_land_on_the_sub_form_fields() -> None:
    form = HouseholdForm(
        MultiDict({"children-0-born": "2020-02-30", "children-1-name": "山田 花子"}),
        meta={"locales": ["ja"]},
    )
    assert not form.validate()
    assert form.validated_answers is None
    errors = coded_errors(form)
    assert {path: [e["code"] for e in items] for path, items in errors.items()} == {
        "children.0.name": ["field.required"],
        "children.0.born": ["date.invalid"],
    }
    assert form.children.entries[0].form.born.errors[0].code == "date.invalid"


def test_an_empty_required_group_is_reported_on_the_list() -> None:
    form = HouseholdForm(MultiDict({"children-0-name": " "}), meta={"locales": ["en"]})
    assert not form.validate()
    assert coded_errors(form) == {
        "children": [
            {"code": "field.required", "params": {}, "message": "This answer is required."}
        ]
    }


def test_address_field() -> None:
    from wtforms import Form

    class F(Form):
        address = AddressField(min_level="block")

    form = F(MultiDict({"address": "東京都千代田区千代田1-1"}))
    assert form.validate(), form.errors
    assert isinstance(form.address.data, Address)
    assert F(data={"address": form.address.data}).address._value() == "東京都千代田区千代田1-1"
    form = F(MultiDict({"address": "東京都千代田区"}))
    assert not form.validate()
    assert form.address.errors[0].code == "address.incomplete"
