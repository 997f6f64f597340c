"""The error model: codes, params, messages, pickling, ValidationErrors, pydantic bridge."""

from __future__ import annotations

import json
import pickle

import pytest
from pydantic import BaseModel, ValidationError

import govforms
from govforms import (
    ConfigurationError,
    FieldError,
    GovFormsError,
    IdentityError,
    PaymentError,
    ValidationErrors,
)
from govforms.fields import PostalCode


def test_hierarchy() -> None:
    for cls in (FieldError, PaymentError, IdentityError, ConfigurationError, ValidationErrors):
        assert issubclass(cls, GovFormsError)
    assert issubclass(GovFormsError, ValueError)


def test_code_params_messages() -> None:
    error = FieldError("my_number.length", expected=12, actual=3)
    assert error.code == "my_number.length"
    assert error.params == {"expected": 12, "actual": 3}
    assert error.message("ja") == "個人番号は12桁です（入力は3桁）。"
    assert error.message("en") == "A My Number has 12 digits; 3 were entered."
    assert str(error) == "[my_number.length] A My Number has 12 digits; 3 were entered."
    assert repr(error) == "FieldError('my_number.length', params={'expected': 12, 'actual': 3})"
    assert error.to_dict("ja") == {
        "code": "my_number.length",
        "params": {"expected": 12, "actual": 3},
        "message": "個人番号は12桁です（入力は3桁）。",
    }
    assert json.loads(json.dumps(error.to_dict()))["params"] == error.params


def test_params_must_be_json_safe() -> None:
    with pytest.raises(TypeError):
        FieldError("field.type", expected=object(), actual="x")
    assert FieldError("kana.invalid_character", characters=("a",), positions=(1,)).params == {
        "characters": ["a"],
        "positions": [1],
    }


def test_pickle_and_equality() -> None:
    error = FieldError("kana.too_long", max_length=3, length=4)
    clone = pickle.loads(pickle.dumps(error))
    assert clone == error
    assert type(clone) is FieldError
    assert hash(clone) == hash(error)
    assert error != PaymentError("kana.too_long", max_length=3, length=4)


def test_validation_errors() -> None:
    errors = ValidationErrors(
        [
            ("postal_code", FieldError("postal_code.format")),
            (("children", 0, "kana"), FieldError("kana.empty")),
            (("children", 0, "kana"), FieldError("kana.too_long", max_length=1, length=2)),
        ]
    )
    assert errors.code == "validation.failed"
    assert len(errors) == 3
    assert errors.codes() == {
        "postal_code": ["postal_code.format"],
        "children.0.kana": ["kana.empty", "kana.too_long"],
    }
    listed = errors.to_list("ja")
    assert listed[0] == {
        "path": "postal_code",
        "code": "postal_code.format",
        "params": {},
        "message": "郵便番号は7桁の数字で入力してください（例: 100-0001）。",
    }
    assert errors.message("en") == "3 answer(s) need correcting."
    assert pickle.loads(pickle.dumps(errors)) == errors
    assert [path for path, _ in errors] == [
        ("postal_code",),
        ("children", 0, "kana"),
        ("children", 0, "kana"),
    ]


class Form(BaseModel):
    postal_code: PostalCode


def test_field_error_in_pydantic_keeps_code_and_params() -> None:
    with pytest.raises(ValidationError) as info:
        Form(postal_code="12")
    (error,) = info.value.errors()
    assert error["type"] == "postal_code.format"
    assert error["msg"] == FieldError("postal_code.format").message("en")
    assert error["loc"] == ("postal_code",)


def test_version() -> None:
    assert govforms.__version__.count(".") == 2
