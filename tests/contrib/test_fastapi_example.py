"""The FastAPI example app: request models of govforms types, 422 bodies, OpenAPI schema."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from govforms._messages import render
from govforms.contrib.fastapi import locale_from_accept_language, localized_errors
from govforms.fields import MyNumber

with warnings.catch_warnings():
    # starlette >= 1.0 warns (a UserWarning) that its test client will move from httpx to
    # httpx2; the client works with httpx, which is what the ``fastapi`` extra installs.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from examples.fastapi_app.app import app

GOOD = {
    "name": "山田　太郎",
    "name_kana": "やまだ たろう",
    "birth_date": "平成2年4月1日",
    "postal_code": "〒１００－０００１",
    "phone": "090-1234-5678",
    "employer": "5835678256246",
    "my_number": "1234 5678 9018",
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(app)


def test_good_application(client: TestClient) -> None:
    response = client.post("/applications", json=GOOD)
    assert response.status_code == 200
    assert response.json() == {
        "name": "山田 太郎",
        "name_kana": "ヤマダ タロウ",
        "birth_date": "1990-04-01",
        "postal_code": "1000001",
        "phone": "+819012345678",
        "employer": "5835678256246",
        "my_number_given": True,
    }


@pytest.mark.parametrize(
    ("language", "tag"), [("ja", "ja"), ("en", "en"), ("ja-easy", "ja-x-easy")]
)
def test_422_carries_our_codes_and_never_the_input(
    client: TestClient, language: str, tag: str
) -> None:
    body = GOOD | {"postal_code": "100-001", "my_number": "123456789012", "name_kana": "山田"}
    del body["phone"]
    response = client.post("/applications", json=body, headers={"Accept-Language": tag})
    assert response.status_code == 422
    assert response.headers["content-language"] == tag
    detail = response.json()["detail"]
    by_field = {tuple(item["loc"]): item for item in detail}
    assert {loc: item["type"] for loc, item in by_field.items()} == {
        ("body", "name_kana"): "kana.invalid_character",
        ("body", "postal_code"): "postal_code.format",
        ("body", "phone"): "missing",
        ("body", "my_number"): "my_number.checksum",
    }
    kana = by_field[("body", "name_kana")]
    assert kana["ctx"] == {"characters": ["山", "田"], "positions": [1, 2]}
    assert kana["msg"] == render("kana.invalid_character", kana["ctx"], language)
    assert by_field[("body", "postal_code")]["msg"] == render("postal_code.format", {}, language)
    assert by_field[("body", "phone")]["msg"] == "Field required"
    assert all("input" not in item for item in detail)
    text = response.text
    assert "123456789012" not in text and "100-001" not in text


def test_openapi_schema_has_our_formats_and_examples(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["Application"]
    props = schema["properties"]
    assert props["postal_code"]["format"] == "postal-code"
    assert props["postal_code"]["examples"] == ["105-0011"]
    assert props["phone"]["format"] == "phone"
    # Input may be 和暦, so no "format": "date" (strict validators would reject the example).
    assert "format" not in props["birth_date"]
    assert "令和6年4月1日" in props["birth_date"]["examples"]
    assert props["name"]["maxLength"] == 100
    assert props["name_kana"]["examples"] == ["ヤマダ タロウ"]
    employer = props["employer"]["anyOf"][0]
    assert employer["format"] == "corporate-number" and employer["examples"]
    my_number = props["my_number"]["anyOf"][0]
    assert my_number["format"] == "my-number" and my_number["writeOnly"] is True
    assert "examples" not in my_number
    assert set(schema["required"]) == {"name", "name_kana", "birth_date", "postal_code", "phone"}


def test_localized_errors_outside_fastapi() -> None:
    class Form(BaseModel):
        my_number: MyNumber
        count: int

    with pytest.raises(ValidationError) as info:
        Form(my_number="12345", count="x")  # type: ignore[arg-type]
    items = localized_errors(info.value.errors(), "en")
    assert items == [
        {
            "type": "my_number.length",
            "loc": ["my_number"],
            "msg": "A My Number has 12 digits; 5 were entered.",
            "ctx": {"expected": 12, "actual": 5},
        },
        {
            "type": "int_parsing",
            "loc": ["count"],
            "msg": info.value.errors()[1]["msg"],
        },
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "ja"),
        ("en", "en"),
        ("ja-JP,ja;q=0.9,en;q=0.8", "ja"),
        ("en-US;q=0.5, ja;q=0.9", "ja"),
        ("ja;q=0, en;q=0.1", "en"),
        ("de, fr", "ja"),
        ("en;q=abc, ja;q=0.2", "ja"),
    ],
)
def test_accept_language(header: str | None, expected: Any) -> None:
    assert locale_from_accept_language(header) == expected


class MyNumberBody(BaseModel):
    my_number: MyNumber


def test_default_fastapi_handler_with_a_wrong_my_number_hides_it() -> None:
    from fastapi import FastAPI

    plain = FastAPI()

    @plain.post("/")
    def endpoint(body: MyNumberBody) -> dict[str, bool]:
        return {"ok": True}

    response = TestClient(plain).post("/", json={"my_number": "123456789012"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "my_number.checksum"
    assert response.json()["detail"][0]["input"] == "<hidden>"
    assert "123456789012" not in response.text
