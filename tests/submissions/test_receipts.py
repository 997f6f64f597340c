"""Receipt numbers: format, Luhn mod 32 check character, forgiving reading, generators."""

from __future__ import annotations

import datetime
import itertools
import random
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govforms.errors import FieldError
from govforms.submissions import (
    RandomReceiptNumbers,
    ReceiptNumberGenerator,
    SequentialReceiptNumbers,
    calc_receipt_check_character,
    is_valid_receipt_number,
    make_receipt_number,
    validate_receipt_number,
)
from govforms.submissions.receipts import ALPHABET
from tests.conftest import check_error, raises_code

NOW = datetime.datetime(2026, 11, 27, 15, 30, tzinfo=datetime.UTC)  # 00:30 on the 28th in JST


def test_date_is_the_japan_date() -> None:
    number = SequentialReceiptNumbers()(now=NOW)
    assert number.startswith("261128-")
    assert validate_receipt_number(number) == number


def test_sequential_numbers_count_up() -> None:
    gen = SequentialReceiptNumbers(start=31)
    assert [gen(now=NOW)[7:13] for _ in range(3)] == ["00000Z", "000010", "000011"]


def test_sequential_is_thread_safe() -> None:
    gen = SequentialReceiptNumbers()
    results: list[str] = []

    def work() -> None:
        results.extend(gen(now=NOW) for _ in range(200))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 800


def test_random_numbers_are_deterministic_with_a_seed() -> None:
    first = [RandomReceiptNumbers(random.Random(7))(now=NOW) for _ in range(2)]
    assert first[0] == first[1]
    gen = RandomReceiptNumbers(random.Random(7))
    assert gen(now=NOW) != gen(now=NOW)
    assert all(is_valid_receipt_number(RandomReceiptNumbers()(now=NOW)) for _ in range(50))


def test_generators_satisfy_the_protocol() -> None:
    assert isinstance(SequentialReceiptNumbers(), ReceiptNumberGenerator)
    assert isinstance(RandomReceiptNumbers(), ReceiptNumberGenerator)


def test_naive_time_is_refused() -> None:
    with raises_code("submission.naive_datetime"):
        SequentialReceiptNumbers()(now=datetime.datetime(2026, 1, 1))


def test_serial_range() -> None:
    assert make_receipt_number(datetime.date(2026, 1, 2), 32**6 - 1)[7:13] == "ZZZZZZ"
    with raises_code("config.invalid_option", option="serial"):
        make_receipt_number(datetime.date(2026, 1, 2), 32**6)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("261127-000001-X", "261127-000001-X"),
        ("261127000001x", "261127-000001-X"),
        ("２６１１２７ー０００００１ー Ｘ", "261127-000001-X"),
        ("261127 OOOOOI X", "261127-000001-X"),
        ("261127-ooooo1-x", "261127-000001-X"),
    ],
)
def test_forgiving_reading(typed: str, canonical: str) -> None:
    assert validate_receipt_number(typed) == canonical


def test_bad_input() -> None:
    with raises_code("receipt.length", expected=13, actual=12):
        validate_receipt_number("261127-000001")
    with raises_code("receipt.format", position=8):
        validate_receipt_number("261127-U00001-X")
    with raises_code("receipt.format", position=1):
        validate_receipt_number("A61127-000001-X")
    with raises_code("receipt.checksum"):
        validate_receipt_number("261127-000001-Y")
    with raises_code("field.type"):
        validate_receipt_number(261127)


def _bodies() -> list[str]:
    rng = random.Random(3)
    return [
        make_receipt_number(datetime.date(2026, 11, 27), rng.randrange(32**6))[:-2].replace("-", "")
        for _ in range(40)
    ]


def test_every_single_substitution_is_caught() -> None:
    for body in _bodies():
        check = calc_receipt_check_character(body)
        full = body + check
        for index, replacement in itertools.product(range(len(full)), ALPHABET):
            if full[index] == replacement:
                continue
            typo = full[:index] + replacement + full[index + 1 :]
            if not typo[:6].isdigit():
                continue
            assert calc_receipt_check_character(typo[:-1]) != typo[-1], (full, typo)


def test_adjacent_transpositions_are_caught_except_0_and_z() -> None:
    # Exhaustive over every pair of alphabet characters in every position of a fixed body.
    base = "261127" + "ABCDEF"
    for index in range(6, 11):
        for a, b in itertools.permutations(ALPHABET, 2):
            body = base[:index] + a + b + base[index + 2 :]
            swapped = base[:index] + b + a + base[index + 2 :]
            caught = calc_receipt_check_character(body) != calc_receipt_check_character(swapped)
            assert caught or {a, b} == {"0", "Z"}, (a, b)


def _is_receipt_error(code: str) -> None:
    assert code.startswith("receipt.") or code == "field.type", code


@given(st.text(max_size=30))
def test_arbitrary_text_gives_a_number_or_a_coded_error(text: str) -> None:
    try:
        number = validate_receipt_number(text)
    except FieldError as error:
        check_error(error, error.code)
        _is_receipt_error(error.code)
    else:
        assert validate_receipt_number(number) == number


@given(st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)), st.integers(0, 32**6 - 1))
def test_made_numbers_validate(day: datetime.date, serial: int) -> None:
    number = make_receipt_number(day, serial)
    assert validate_receipt_number(number) == number
    assert validate_receipt_number(number.lower().replace("-", " ")) == number
    assert number[:6] == f"{day:%y%m%d}"
