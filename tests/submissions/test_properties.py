"""Property tests: every parser gives a value or a coded error, never another exception."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from govforms.errors import ConfigurationError, GovFormsError, ValidationErrors
from govforms.submissions import FIELD_TYPES, FormDefinition, Submission, ValidatedAnswers
from govforms.submissions.validation import parse_integer, validate_email
from tests.conftest import check_error

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=15),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


def _every_type_form() -> FormDefinition:
    fields: list[dict[str, Any]] = []
    for kind in FIELD_TYPES:
        spec: dict[str, Any] = {"name": kind, "type": kind, "label": {"ja": "項", "en": "F"}}
        if kind in ("choice", "multi_choice"):
            spec["choices"] = ["a", "b"]
        if kind == "group":
            spec["fields"] = [
                {"name": "n", "type": "name", "required": True, "label": {"ja": "名", "en": "N"}}
            ]
        fields.append(spec)
    return FormDefinition.from_dict(
        {"id": "all", "version": 1, "title": {"ja": "全", "en": "All"}, "fields": fields}
    )


EVERY_TYPE = _every_type_form()


def _coded(errors: ValidationErrors) -> None:
    for _, error in errors:
        check_error(error, error.code)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELD_TYPES), _json, max_size=8))
def test_every_field_type_gives_a_value_or_codes(answers: dict[str, Any]) -> None:
    try:
        result = EVERY_TYPE.validate(answers)
    except ValidationErrors as errors:
        _coded(errors)
    else:
        # Normalised answers validate to themselves (idempotence).
        assert EVERY_TYPE.validate(result.to_dict(reveal_my_number=True)) == result


@given(st.text(max_size=40))
def test_email_and_integer_parsers(text: str) -> None:
    for parse in (validate_email, parse_integer):
        try:
            value = parse(text)
        except GovFormsError as error:
            check_error(error, error.code)
        else:
            assert parse(str(value)) == value


@settings(max_examples=200, deadline=None)
@given(_json)
def test_stored_answers_load_or_fail_with_a_code(data: Any) -> None:
    try:
        answers = ValidatedAnswers.from_json_data(data)
    except GovFormsError as error:
        check_error(error, "submission.answers_invalid")
    else:
        assert ValidatedAnswers.from_json_data(answers.to_json_data()) == answers


@settings(max_examples=200, deadline=None)
@given(_json)
def test_definitions_load_or_fail_with_a_code(data: Any) -> None:
    try:
        FormDefinition.from_json(json.dumps(data))
    except ConfigurationError as error:
        check_error(error, "form.definition_invalid")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60) | st.binary(max_size=60))
def test_garbage_submissions_are_refused_by_pydantic(data: str | bytes) -> None:
    # Only pydantic's ValidationError may come out (anything else fails the test).
    with pytest.raises(ValidationError):
        Submission.from_json(data)
