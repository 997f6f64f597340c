"""Telephone numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from govforms import ConfigurationError, FieldError
from govforms.fields import Phone, PhoneNumber, is_valid_phone, validate_phone
from tests.conftest import check_error, raises_code


@pytest.mark.parametrize(
    ("typed", "e164", "national", "kind"),
    [
        ("03-1234-5678", "+81312345678", "03-1234-5678", "fixed_line"),
        ("0312345678", "+81312345678", "03-1234-5678", "fixed_line"),
        ("(03) 1234-5678", "+81312345678", "03-1234-5678", "fixed_line"),
        ("０３－１２３４－５６７８", "+81312345678", "03-1234-5678", "fixed_line"),
        ("06-6123-4567", "+81661234567", "06-6123-4567", "fixed_line"),
        ("011-211-2111", "+81112112111", "011-211-2111", "fixed_line"),
        ("090-1234-5678", "+819012345678", "090-1234-5678", "mobile"),
        ("080ー1234ー5678", "+818012345678", "080-1234-5678", "mobile"),
        ("070 1234 5678", "+817012345678", "070-1234-5678", "mobile"),
        ("050-1234-5678", "+815012345678", "050-1234-5678", "voip"),
        ("0120-123-456", "+81120123456", "0120-123-456", "toll_free"),
        ("+81 3 1234 5678", "+81312345678", "03-1234-5678", "fixed_line"),
        ("＋８１９０１２３４５６７８", "+819012345678", "090-1234-5678", "mobile"),
    ],
)
def test_japanese_numbers(typed: str, e164: str, national: str, kind: str) -> None:
    phone = validate_phone(typed)
    assert (phone.e164, phone.national, phone.kind, phone.region) == (e164, national, kind, "JP")
    assert str(phone) == national


def test_foreign_number() -> None:
    phone = validate_phone("+44 20 7946 0958")
    assert phone.region == "GB" and phone.e164 == "+442079460958"
    assert str(phone) == phone.international


@pytest.mark.parametrize("typed", ["", "03-1234-567", "123", "000-0000-0000", "+", "---"])
def test_invalid(typed: str) -> None:
    with raises_code("phone.invalid"):
        validate_phone(typed)
    assert not is_valid_phone(typed)


@pytest.mark.parametrize(
    ("typed", "position"),
    [("٠٣١٢٣٤٥٦٧٨", 1), ("03-1234-567８x", 13), ("0③-1234-5678", 2), ("03+1234", 3)],
)
def test_other_digit_forms_are_refused(typed: str, position: int) -> None:
    with raises_code("phone.format", position=position):
        validate_phone(typed)


def test_kinds() -> None:
    assert validate_phone("090-1234-5678", kinds={"mobile"}).kind == "mobile"
    with raises_code("phone.kind_not_allowed", kind="voip", allowed=["fixed_line", "mobile"]):
        validate_phone("050-1234-5678", kinds={"mobile", "fixed_line"})
    with pytest.raises(ConfigurationError):
        validate_phone("090-1234-5678", kinds={"cell"})


def test_long_input() -> None:
    with raises_code("phone.invalid"):
        validate_phone("0" * 41)


class Contact(BaseModel):
    phone: Phone


def test_pydantic_phone() -> None:
    contact = Contact(phone="03-1234-5678")
    assert isinstance(contact.phone, PhoneNumber)
    assert contact.model_dump(mode="json") == {"phone": "+81312345678"}
    assert Contact.model_validate_json(contact.model_dump_json()).phone == contact.phone
    with pytest.raises(ValidationError) as info:
        Contact(phone="123")
    assert info.value.errors()[0]["type"] == "phone.invalid"


@given(st.text())
def test_value_or_field_error(text: str) -> None:
    try:
        phone = validate_phone(text)
    except FieldError as error:
        check_error(error, error.code)
    else:
        assert phone.e164.startswith("+")
        assert validate_phone(phone.e164) == phone
