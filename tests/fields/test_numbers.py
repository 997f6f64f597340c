"""My Number, Corporate Number and postal code: real-shaped values, bad paths, properties."""

from __future__ import annotations

import pickle
import random
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from govforms import FieldError
from govforms.fields import (
    REVEAL_MY_NUMBER,
    CorporateNumber,
    MyNumber,
    PostalCode,
    calc_corporate_number_check_digit,
    calc_my_number_check_digit,
    compact_my_number,
    format_corporate_number,
    format_my_number,
    format_postal_code,
    is_valid_corporate_number,
    is_valid_my_number,
    is_valid_postal_code,
    validate_corporate_number,
    validate_my_number,
    validate_postal_code,
)
from tests.conftest import check_error, raises_code

HYPHENS = "-‐−–—―ー－ｰ"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def reference_my_number_check(body: str) -> str:
    """Straight from FACTS.md: weights 6,5,4,3,2,7,6,5,4,3,2; r = sum % 11; 0 if r <= 1."""
    weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    r = sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11
    return "0" if r <= 1 else str(11 - r)


def reference_corporate_check(body: str) -> str:
    """Straight from FACTS.md: weights 1,2,1,2... from the right; check = 9 - sum % 9."""
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(body)))
    return str(9 - total % 9)


def random_my_numbers(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        body = "".join(rng.choice(string.digits) for _ in range(11))
        out.append(body + reference_my_number_check(body))
    return out


def random_corporate_numbers(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        body = "".join(rng.choice(string.digits) for _ in range(12))
        out.append(reference_corporate_check(body) + body)
    return out


# --- My Number -------------------------------------------------------------------------------


@pytest.mark.parametrize("number", random_my_numbers(200))
def test_my_number_valid_against_reference(number: str) -> None:
    assert validate_my_number(number) == number
    assert calc_my_number_check_digit(number[:11]) == number[11]
    assert is_valid_my_number(number)


@pytest.mark.parametrize(
    "typed",
    [
        "1234 5678 9018",
        "1234-5678-9018",
        "1234ー5678ー9018",
        "１２３４５６７８９０１８",
        "１２３４－５６７８－９０１８",
        "  123456789018\u3000",
        "1234 - 5678 - 9018",
        *(f"1234{h}5678{h}9018" for h in HYPHENS),
    ],
)
def test_my_number_accepts_resident_typing(typed: str) -> None:
    assert validate_my_number(typed) == "123456789018"


@pytest.mark.parametrize(
    ("typed", "position"),
    [
        ("①23456789018", 1),
        ("1²3456789018", 2),
        ("12345678901٨", 12),  # Arabic-Indic eight
        ("12345678901８x", 13),
        ("1234--5678-9018", 6),  # two hyphens in one gap
        ("-123456789018", 1),
        ("123456789018-", 13),
        ("1234.5678.9018", 5),
        ("1234_5678_9018", 5),
        ("12345６7890１8\u200b", 13),
    ],
)
def test_my_number_format_reports_position_never_characters(typed: str, position: int) -> None:
    with raises_code("my_number.format", position=position):
        validate_my_number(typed)


@pytest.mark.parametrize(("typed", "actual"), [("", 0), ("12345678901", 11), ("1" * 13, 13)])
def test_my_number_length(typed: str, actual: int) -> None:
    with raises_code("my_number.length", expected=12, actual=actual):
        validate_my_number(typed)


def test_my_number_checksum() -> None:
    with raises_code("my_number.checksum"):
        validate_my_number("123456789012")


@pytest.mark.parametrize("value", [None, 123456789018, b"123456789018", ["1"], 1.5])
def test_my_number_non_string(value: object) -> None:
    with raises_code("field.type"):
        validate_my_number(value)
    assert not is_valid_my_number(value)


def remainder(body: str) -> int:
    return (
        sum(w * int(d) for w, d in zip([6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2], body, strict=True)) % 11
    )


@given(st.sampled_from(random_my_numbers(50)), st.integers(0, 11), st.integers(1, 9))
def test_any_single_digit_change_fails_my_number(number: str, index: int, delta: int) -> None:
    changed = number[:index] + str((int(number[index]) + delta) % 10) + number[index + 1 :]
    # The one blind spot of the official algorithm: remainders 0 and 1 both give check digit 0,
    # so a change that moves the remainder between 0 and 1 keeps the check digit valid.
    blind_spot = index < 11 and {remainder(number[:11]), remainder(changed[:11])} == {0, 1}
    assert is_valid_my_number(changed) is blind_spot


def test_my_number_blind_spot_is_real() -> None:
    # Documented in docs/fields.md: remainders 0 and 1 share check digit 0, so these two
    # numbers, one digit apart, are both valid.
    pairs = (
        (body, body[:i] + d + body[i + 1 :])
        for body in (f"{n:011d}" for n in range(10_000, 20_000))
        if remainder(body) == 0
        for i in range(11)
        for d in "0123456789"
        if d != body[i] and remainder(body[:i] + d + body[i + 1 :]) == 1
    )
    first, second = next(pairs)
    assert is_valid_my_number(first + "0") and is_valid_my_number(second + "0")
    assert sum(a != b for a, b in zip(first, second, strict=True)) == 1


def test_my_number_format_and_compact() -> None:
    assert format_my_number("123456789018") == "1234 5678 9018"
    assert compact_my_number(format_my_number("123456789018")) == "123456789018"


def test_my_number_value_never_shows_its_digits() -> None:
    number = MyNumber("1234 5678 9018")
    texts = [repr(number), str(number), f"{number}", f"{number!r}", format(number, ">20")]
    assert all(not any(c.isdigit() for c in text) for text in texts), texts
    assert number.reveal() == "123456789018"
    assert number == MyNumber("123456789018")
    assert number != MyNumber(random_my_numbers(1, seed=99)[0])
    assert (number == "123456789018") is False
    assert len({number, MyNumber("123456789018")}) == 1
    assert pickle.loads(pickle.dumps(number)) == number
    with pytest.raises(AttributeError):
        number._digits = "000000000000"  # type: ignore[misc]


def test_my_number_errors_never_carry_the_number() -> None:
    with pytest.raises(FieldError) as info:
        MyNumber("1234 5678 9012")
    error = info.value
    rendered = " ".join([repr(error), str(error), error.message("ja"), str(error.to_dict("en"))])
    assert "1234" not in rendered
    assert "9012" not in rendered
    assert error.__context__ is None or error.__suppress_context__


class Applicant(BaseModel):
    my_number: MyNumber


def test_my_number_in_pydantic_is_masked_and_reveal_is_opt_in() -> None:
    model = Applicant(my_number="123456789018")
    assert model.model_dump() == {"my_number": "************"}
    assert model.model_dump_json() == '{"my_number":"************"}'
    assert "1234" not in repr(model)
    assert model.model_dump(context=REVEAL_MY_NUMBER) == {"my_number": "123456789018"}
    assert Applicant(my_number=MyNumber("123456789018")).my_number == model.my_number
    schema = Applicant.model_json_schema()["properties"]["my_number"]
    assert schema["format"] == "my-number" and schema["writeOnly"] is True


def test_my_number_pydantic_error_hides_input() -> None:
    with pytest.raises(ValidationError) as info:
        Applicant(my_number="1234 5678 9012")
    (error,) = info.value.errors()
    assert error["type"] == "my_number.checksum"
    assert error["ctx"] == {}
    for text in (str(info.value), info.value.json(), repr(error["input"])):
        assert "1234" not in text and "9012" not in text, text


# --- Corporate Number ------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["7000012050002", *random_corporate_numbers(200)])
def test_corporate_number_valid_against_reference(number: str) -> None:
    assert validate_corporate_number(number) == number
    assert calc_corporate_number_check_digit(number[1:]) == number[0]
    assert validate_corporate_number(format_corporate_number(number)) == number


def test_corporate_number_published_example() -> None:
    # 国税庁 (National Tax Agency) itself, as published on the 法人番号公表サイト.
    assert format_corporate_number("７０００－０１２０－５０００２") == "7-0000-1205-0002"


@given(st.sampled_from(random_corporate_numbers(50)), st.integers(0, 12), st.integers(1, 9))
def test_any_single_digit_change_fails_corporate_number(
    number: str, index: int, delta: int
) -> None:
    changed = number[:index] + str((int(number[index]) + delta) % 10) + number[index + 1 :]
    # The blind spot of mod 9: a body digit changed between 0 and 9 (weight 1 or 2, 9 or 18 is
    # 0 mod 9) keeps the check digit valid.
    blind_spot = index > 0 and {number[index], changed[index]} == {"0", "9"}
    assert is_valid_corporate_number(changed) is blind_spot


def test_corporate_number_codes() -> None:
    with raises_code("corporate_number.checksum"):
        validate_corporate_number("8000012050002")
    with raises_code("corporate_number.length", expected=13, actual=12):
        validate_corporate_number("700001205000")
    with raises_code("corporate_number.format", position=1, character="Ｔ"):
        validate_corporate_number("Ｔ7000012050002")


# --- Postal code -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "1050011",
        "105-0011",
        "〒105-0011",
        "〒 105-0011",
        "１０５－００１１",
        "105 0011",
        "105ー0011",
    ],
)
def test_postal_code_accepts(typed: str) -> None:
    assert validate_postal_code(typed) == "1050011"
    assert format_postal_code(typed) == "105-0011"


@pytest.mark.parametrize(
    "typed", ["", "105-001", "10500111", "105_0011", "〒", "1O5-0011", "①050011", "105--0011"]
)
def test_postal_code_rejects(typed: str) -> None:
    with raises_code("postal_code.format"):
        validate_postal_code(typed)
    assert not is_valid_postal_code(typed)


class Envelope(BaseModel):
    postal_code: PostalCode
    corporate_number: CorporateNumber


def test_pydantic_types_carry_our_codes_and_params() -> None:
    assert Envelope(postal_code="〒105-0011", corporate_number="7000012050002").postal_code == (
        "1050011"
    )
    with pytest.raises(ValidationError) as info:
        Envelope(postal_code="105", corporate_number="70000120500")
    errors = {e["loc"][0]: e for e in info.value.errors()}
    assert errors["postal_code"]["type"] == "postal_code.format"
    assert errors["corporate_number"]["type"] == "corporate_number.length"
    assert errors["corporate_number"]["ctx"] == {"expected": 13, "actual": 11}
    assert errors["corporate_number"]["msg"] == FieldError(
        "corporate_number.length", expected=13, actual=11
    ).message("en")


# --- Properties shared by every number parser -------------------------------------------------

PARSERS = [validate_my_number, validate_corporate_number, validate_postal_code]


@pytest.mark.parametrize("parse", PARSERS)
@given(text=st.text())
def test_arbitrary_text_gives_value_or_field_error(parse: object, text: str) -> None:
    assert callable(parse)
    try:
        value = parse(text)
    except FieldError as error:
        check_error(error, error.code)
    else:
        assert value.isascii() and value.isdigit()
        assert parse(value) == value  # idempotent


@given(
    digits=st.lists(st.sampled_from("0123456789０１２３４５６７８９"), min_size=12, max_size=12),
    seps=st.lists(st.sampled_from(["", " ", "\u3000", *HYPHENS]), min_size=11, max_size=11),
)
def test_separators_between_digits_never_change_the_digits(
    digits: list[str], seps: list[str]
) -> None:
    typed = digits[0] + "".join(s + d for s, d in zip(seps, digits[1:], strict=True))
    expected = "".join(digits).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    assert compact_my_number(typed) == expected
