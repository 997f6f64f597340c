"""Validating whole forms: every field type, conditions, groups, every error at once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govforms.errors import GovFormsError, ValidationErrors
from govforms.fields import MyNumber
from govforms.submissions import (
    REVEAL_MY_NUMBER,
    AttachmentRef,
    FormDefinition,
    MaskedMyNumber,
    ValidatedAnswers,
)
from tests.conftest import check_error, raises_code
from tests.submissions.conftest import raw_answers

PDF = AttachmentRef.from_bytes("doc.pdf", "application/pdf", b"%PDF-1.7").signed_fields()


def _label() -> dict[str, str]:
    return {"ja": "項目", "en": "Field"}


def _form(*fields: dict[str, Any]) -> FormDefinition:
    return FormDefinition.from_dict(
        {
            "id": "t",
            "version": 2,
            "title": {"ja": "試験", "en": "Test"},
            "fields": [{"label": _label(), **f} for f in fields],
        }
    )


def _errors(form: FormDefinition, answers: Any) -> ValidationErrors:
    with pytest.raises(ValidationErrors) as info:
        form.validate(answers)
    for _, error in info.value:
        check_error(error, error.code)
    return info.value


def test_issue_form_normalises_everything(form: FormDefinition) -> None:
    answers = form.validate(raw_answers())
    assert dict(answers) == {
        "applicant_name": "試験 太郎",
        "applicant_kana": "シケン タロウ",
        "birth_date": "1980-01-01",
        "postal_code": "1000013",
        "address": "東京都千代田区霞が関2-1-2",
        "phone": "+81312345678",
        "copies": 2,
        "include_my_number": "yes",
        "my_number": MyNumber("123456789018"),
    }
    assert answers.form_id == "juminhyo-copy" and answers.form_version == 3
    assert answers.my_number_paths == (("my_number",),)
    assert "123456789018" not in repr(answers)
    assert form.fee(answers) == 600
    assert form.fee(raw_answers(copies=10)) == 3000


def test_hidden_answer_is_dropped(form: FormDefinition) -> None:
    answers = form.validate(raw_answers(include_my_number="no", my_number="not even a number"))
    assert "my_number" not in answers and answers.my_number_paths == ()


def test_conditional_required(form: FormDefinition) -> None:
    errors = _errors(form, raw_answers(my_number=None))
    assert errors.codes() == {"my_number": ["field.required"]}


def test_every_problem_at_once(form: FormDefinition) -> None:
    bad = raw_answers(
        applicant_name=" ",
        applicant_kana="yamada",
        birth_date="令和99年13月1日",
        postal_code="12",
        address="どこか",
        phone="03-ABCD",
        copies=11,
        my_number="123456789012",
        nickname="Taro",
    )
    errors = _errors(form, bad)
    assert errors.codes() == {
        "applicant_name": ["field.required"],
        "applicant_kana": ["kana.invalid_character"],
        "birth_date": ["date.invalid"],
        "postal_code": ["postal_code.format"],
        "address": ["address.unknown_city"],
        "phone": ["phone.format"],
        "copies": ["form.number_too_large"],
        "my_number": ["my_number.checksum"],
        "nickname": ["form.unknown_field"],
    }
    listed = errors.to_list("ja")
    assert listed[0]["path"] == "applicant_name" and listed[0]["message"] == "入力してください。"
    assert "123456789012" not in json.dumps(errors.to_list("en"))


def test_condition_on_a_failed_field_hides(form: FormDefinition) -> None:
    errors = _errors(form, raw_answers(include_my_number="maybe", my_number="bad"))
    assert errors.codes() == {"include_my_number": ["form.choice_invalid"]}
    check_error(errors.errors[0][1], "form.choice_invalid", allowed=["yes", "no"])


def test_not_a_mapping() -> None:
    errors = _errors(_form({"name": "a", "type": "text"}), ["a"])
    assert errors.codes() == {"": ["field.type"]}


@pytest.mark.parametrize(
    ("spec", "raw", "value"),
    [
        ({"type": "text"}, "  こんにちは\u3000", "こんにちは"),
        ({"type": "textarea"}, "一行目\r\n二行目\r", "一行目\n二行目"),
        ({"type": "email"}, "Taro@Example.JP", "Taro@example.jp"),
        ({"type": "number"}, "－３", -3),
        ({"type": "number", "min": 0}, 0, 0),
        ({"type": "choice", "choices": ["a", "b"]}, "b", "b"),
        ({"type": "multi_choice", "choices": ["a", "b", "c"]}, ["c", "a"], ("a", "c")),
        ({"type": "consent"}, "on", True),
        ({"type": "consent"}, False, False),
        ({"type": "name", "charset": "jisx0208"}, "山田　花子", "山田 花子"),
        ({"type": "corporate_number"}, "7000012050002", "7000012050002"),
        ({"type": "date"}, "R6.4.1", "2024-04-01"),
        ({"type": "phone", "phone_kinds": ["mobile"]}, "090-1234-5678", "+819012345678"),
        ({"type": "file"}, PDF, PDF),
        ({"type": "address", "min_level": "city"}, "東京都千代田区", "東京都千代田区"),
    ],
)
def test_field_types(spec: dict[str, Any], raw: Any, value: Any) -> None:
    answers = _form({"name": "x", **spec}).validate({"x": raw})
    assert answers["x"] == value


@pytest.mark.parametrize(
    ("spec", "raw", "code", "params"),
    [
        ({"type": "text", "max_length": 3}, "abcd", "form.text_too_long", {"length": 4}),
        ({"type": "text", "min_length": 3}, "ab", "form.text_too_short", {"min_length": 3}),
        ({"type": "text"}, "a\nb", "form.text_invalid_character", {"positions": [2]}),
        ({"type": "textarea"}, "a\u202eb", "form.text_invalid_character", {"positions": [2]}),
        ({"type": "text"}, "x" * 201, "form.text_too_long", {"max_length": 200}),
        ({"type": "text"}, 5, "field.type", {"expected": "string"}),
        ({"type": "email"}, "taro@localhost", "form.email_invalid", {}),
        ({"type": "email"}, "taro..x@example.jp", "form.email_invalid", {}),
        ({"type": "email"}, "a@-bad-.jp", "form.email_invalid", {}),
        ({"type": "number"}, 1.5, "field.type", {"expected": "integer"}),
        ({"type": "number"}, True, "field.type", {"actual": "bool"}),
        ({"type": "number"}, "1e3", "form.number_invalid", {}),
        ({"type": "number", "min": 1}, 0, "form.number_too_small", {"min": 1}),
        ({"type": "choice", "choices": ["a"]}, 1, "form.choice_invalid", {"allowed": ["a"]}),
        ({"type": "multi_choice", "choices": ["a"]}, "a", "field.type", {"expected": "list"}),
        ({"type": "multi_choice", "choices": ["a"]}, ["b"], "form.choice_invalid", {}),
        ({"type": "multi_choice", "choices": ["a", "b"]}, ["a", "a"], "form.choice_duplicate", {}),
        (
            {"type": "multi_choice", "choices": ["a", "b"], "max_items": 1},
            ["a", "b"],
            "form.too_many_items",
            {"count": 2},
        ),
        (
            {"type": "multi_choice", "choices": ["a", "b"], "min_items": 2},
            ["a"],
            "form.too_few_items",
            {"min_items": 2},
        ),
        ({"type": "consent", "required": True}, False, "form.consent_required", {}),
        ({"type": "consent"}, "maybe", "field.type", {"expected": "boolean"}),
        ({"type": "file"}, {"name": "a"}, "form.file_reference_invalid", {}),
        ({"type": "file"}, "a.pdf", "field.type", {"expected": "file"}),
        (
            {"type": "file", "accept": ["image/png"]},
            PDF,
            "form.file_type_not_allowed",
            {"content_type": "application/pdf"},
        ),
        ({"type": "file", "max_size": 2}, PDF, "form.file_too_large", {"size": 8}),
        ({"type": "my_number"}, "1234", "my_number.length", {"actual": 4}),
        (
            {"type": "phone", "phone_kinds": ["mobile"]},
            "03-1234-5678",
            "phone.kind_not_allowed",
            {},
        ),
        ({"type": "address"}, "東京都千代田区", "address.incomplete", {"level": "city"}),
    ],
)
def test_field_errors(spec: dict[str, Any], raw: Any, code: str, params: dict[str, Any]) -> None:
    errors = _errors(_form({"name": "x", **spec}), {"x": raw})
    assert len(errors) == 1
    path, error = errors.errors[0]
    assert path == ("x",)
    check_error(error, code, **params)


@pytest.mark.parametrize("empty", [None, "", " \u3000", []])
def test_empty_answers(empty: Any) -> None:
    form = _form({"name": "opt", "type": "text"}, {"name": "req", "type": "text", "required": True})
    errors = _errors(form, {"opt": empty, "req": empty})
    assert errors.codes() == {"req": ["field.required"]}
    assert dict(_form({"name": "opt", "type": "text"}).validate({"opt": empty})) == {}


def test_postal_code_cross_check() -> None:
    form = _form(
        {"name": "zip", "type": "postal_code"},
        {"name": "addr", "type": "address", "postal_code_field": "zip"},
    )
    assert (
        form.validate({"zip": "100-0013", "addr": "東京都千代田区霞が関2-1-2"})["zip"] == "1000013"
    )
    errors = _errors(form, {"zip": "150-0001", "addr": "東京都千代田区霞が関2-1-2"})
    assert errors.codes() == {"zip": ["address.postal_code_mismatch"]}


GROUP = _form(
    {"name": "applicant", "type": "name", "required": True},
    {
        "name": "children",
        "type": "group",
        "min_items": 1,
        "max_items": 3,
        "fields": [
            {"name": "name", "type": "name", "required": True, "label": _label()},
            {"name": "has_number", "type": "choice", "choices": ["y", "n"], "label": _label()},
            {
                "name": "my_number",
                "type": "my_number",
                "required": True,
                "show_if": {"field": "has_number", "equals": "y"},
                "label": _label(),
            },
        ],
    },
)


def test_repeating_group() -> None:
    answers = GROUP.validate(
        {
            "applicant": "山田 花子",
            "children": [
                {"name": "山田 一郎", "has_number": "y", "my_number": "123456789018"},
                {"name": "山田 二郎", "has_number": "n", "my_number": "ignored"},
            ],
        }
    )
    children = answers["children"]
    assert len(children) == 2 and children[1] == {"name": "山田 二郎", "has_number": "n"}
    assert answers.my_number_paths == (("children", 0, "my_number"),)
    assert answers.to_dict()["children"][0]["my_number"] == MyNumber.MASK
    with pytest.raises(TypeError):
        children[0]["name"] = "x"  # type: ignore[index]


def test_group_errors_have_paths() -> None:
    errors = _errors(
        GROUP,
        {
            "applicant": "山田 花子",
            "children": [{"name": ""}, {"name": "A", "has_number": "y", "x": 1}],
        },
    )
    assert errors.codes() == {
        "children.0.name": ["field.required"],
        "children.1.my_number": ["field.required"],
        "children.1.x": ["form.unknown_field"],
    }
    assert _errors(GROUP, {"applicant": "A", "children": "x"}).codes() == {
        "children": ["field.type"]
    }
    assert _errors(GROUP, {"applicant": "A", "children": [{}] * 4}).codes() == {
        "children": ["form.too_many_items"]
    }
    assert _errors(GROUP, {"applicant": "A", "children": ["x"]}).codes() == {
        "children.0": ["field.type"]
    }


def test_answers_round_trip_through_json() -> None:
    answers = GROUP.validate(
        {
            "applicant": "山田 花子",
            "children": [{"name": "山田 一郎", "has_number": "y", "my_number": "123456789018"}],
        }
    )
    revealed = json.loads(json.dumps(answers.to_json_data(reveal_my_number=True)))
    assert ValidatedAnswers.from_json_data(revealed) == answers
    masked = ValidatedAnswers.from_json_data(json.loads(json.dumps(answers.to_json_data())))
    number = masked["children"][0]["my_number"]
    assert isinstance(number, MaskedMyNumber) and masked != answers
    with raises_code("submission.my_number_withheld"):
        number.reveal()
    assert masked.to_json_data() == answers.to_json_data()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"form_id": "t"},
        {"form_id": "t", "form_version": "2", "values": {}, "my_number_paths": []},
        {"form_id": "t", "form_version": 2, "values": {}, "my_number_paths": [["x"]]},
        {"form_id": "t", "form_version": 2, "values": {"x": "1"}, "my_number_paths": [["x"]]},
        {"form_id": "t", "form_version": 2, "values": {"x": "1"}, "my_number_paths": [[]]},
    ],
)
def test_malformed_stored_answers(data: Any) -> None:
    with raises_code("submission.answers_invalid"):
        ValidatedAnswers.from_json_data(data)


def test_fee_checks_the_form(form: FormDefinition) -> None:
    other = _form({"name": "x", "type": "text"}).validate({"x": "a"})
    with raises_code("form.answers_mismatch", form_id="t", form_version=2):
        form.fee(other)


def test_reveal_context_constant() -> None:
    assert REVEAL_MY_NUMBER == {"reveal_my_number": True}


_answer_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
_keys = st.sampled_from([*raw_answers(), "other"])


def _all_coded(errors: ValidationErrors) -> None:
    assert len(errors) >= 1
    for _, error in errors:
        assert isinstance(error, GovFormsError)
        check_error(error, error.code)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_keys, _answer_values, max_size=10))
def test_arbitrary_answers_validate_or_fail_with_codes(answers: dict[str, Any]) -> None:
    form = FormDefinition.model_validate_json(
        (__import__("pathlib").Path(__file__).parent / "data" / "juminhyo-copy.json").read_bytes()
    )
    try:
        result = form.validate(answers)
    except ValidationErrors as errors:
        _all_coded(errors)
    else:
        assert form.validate(result.to_dict(reveal_my_number=True)) == result


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["applicant", "children"]), _answer_values, max_size=2))
def test_arbitrary_group_answers(answers: dict[str, Any]) -> None:
    try:
        GROUP.validate(answers)
    except ValidationErrors as errors:
        _all_coded(errors)
