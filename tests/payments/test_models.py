"""The payment model: amounts in yen, requests, vouchers, capabilities."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from govforms._messages import catalogue
from govforms.errors import PaymentError
from govforms.payments import (
    JST,
    Capabilities,
    CaptureMethod,
    KonbiniVoucher,
    PayEasyVoucher,
    Payment,
    PaymentMethod,
    PaymentRequest,
    validate_amount,
    validate_idempotency_key,
    voucher_expiry,
)
from tests.conftest import check_error, raises_code

AT = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)


def request(**fields: Any) -> PaymentRequest:
    values: dict[str, Any] = {
        "amount": 300,
        "method": "card",
        "reference": "R7-000123",
        "idempotency_key": "R7-000123-1",
    }
    values.update(fields)
    return PaymentRequest(**values)


def pydantic_code(info: pytest.ExceptionInfo[ValidationError]) -> tuple[str, dict[str, Any]]:
    """The one error's type (our code) and ctx; the ctx holds exactly the catalogue's params."""
    [error] = info.value.errors()
    code = error["type"]
    ctx = dict(error.get("ctx", {}))
    assert set(ctx) == set(catalogue()[code]["params"]), (code, ctx)
    return code, ctx


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        (True, "payment.amount_type", {"actual": "bool"}),
        (300.0, "payment.amount_type", {"actual": "float"}),
        ("300", "payment.amount_type", {"actual": "str"}),
        (None, "payment.amount_type", {"actual": "NoneType"}),
        (0, "payment.amount_not_positive", {"amount": 0}),
        (-300, "payment.amount_not_positive", {"amount": -300}),
    ],
)
def test_bad_amounts_are_refused_with_a_code(value: object, code: str, params: Any) -> None:
    with raises_code(code, **params):
        validate_amount(value)
    with pytest.raises(ValidationError) as info:
        request(amount=value)
    assert pydantic_code(info) == (code, params)


def test_zero_is_allowed_where_a_total_may_be_zero() -> None:
    assert validate_amount(0, allow_zero=True) == 0
    with raises_code("payment.amount_negative", amount=-1):
        validate_amount(-1, allow_zero=True)


@given(st.integers(min_value=1, max_value=10**12))
def test_any_positive_int_is_an_amount(amount: int) -> None:
    assert validate_amount(amount) == amount
    assert request(amount=amount).amount == amount


def test_currency_is_only_yen() -> None:
    assert request(currency="JPY").currency == "JPY"
    with pytest.raises(ValidationError) as info:
        request(currency="USD")
    assert pydantic_code(info) == ("payment.currency_unsupported", {"currency": "USD"})


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"reference": ""}, "payment.reference_invalid"),
        ({"reference": "x" * 65}, "payment.reference_invalid"),
        ({"reference": " R7-1"}, "payment.reference_invalid"),
        ({"reference": "R7\n1"}, "payment.reference_invalid"),
        ({"description": "あ" * 256}, "payment.description_too_long"),
        ({"return_url": "http://city.example.jp/return"}, "payment.return_url_invalid"),
        ({"return_url": "javascript:alert(1)"}, "payment.return_url_invalid"),
        ({"metadata": {"k": 1}}, "payment.metadata_invalid"),
        ({"metadata": {str(i): "v" for i in range(51)}}, "payment.metadata_invalid"),
        ({"idempotency_key": ""}, "payment.idempotency_key_invalid"),
        ({"idempotency_key": "受付1"}, "payment.idempotency_key_invalid"),
        ({"idempotency_key": "k" * 256}, "payment.idempotency_key_invalid"),
    ],
)
def test_bad_request_fields_have_codes(fields: dict[str, Any], code: str) -> None:
    with pytest.raises(ValidationError) as info:
        request(**fields)
    assert pydantic_code(info)[0] == code


def test_good_request_fields() -> None:
    made = request(
        reference="受付-R7-000123",
        return_url="https://city.example.jp/pay/return",
        metadata={"form": "juminhyo"},
        deadline=date(2026, 4, 10),
        capture="manual",
    )
    assert made.capture is CaptureMethod.MANUAL
    assert request(return_url="http://localhost:8000/return").return_url is not None
    assert PaymentRequest.model_validate_json(made.model_dump_json()) == made


def test_requests_are_frozen() -> None:
    made = request()
    with pytest.raises(ValidationError):
        made.amount = 1  # type: ignore[misc]


def test_idempotency_key_check() -> None:
    assert validate_idempotency_key("R7-000123-1") == "R7-000123-1"
    with raises_code("payment.idempotency_key_invalid", max_length=255):
        validate_idempotency_key(123)


def test_voucher_expiry_is_the_last_second_of_the_day_in_jst() -> None:
    expiry = voucher_expiry(date(2026, 4, 1))
    assert expiry == datetime(2026, 4, 1, 14, 59, 59, tzinfo=UTC)
    assert expiry.utcoffset() == timedelta(hours=9)
    assert JST.utcoffset(None) == timedelta(hours=9)


def test_vouchers_and_discriminated_next_action() -> None:
    expires = voucher_expiry(date(2026, 4, 3))
    payment = Payment(
        id="pay_1",
        status="requires_action",
        amount=300,
        method="pay_easy",
        reference="R7-1",
        next_action={
            "type": "pay_easy",
            "institution_number": "12345",
            "customer_number": "0000111122223333",
            "confirmation_number": "123456",
            "expires_at": expires.isoformat(),
        },
        created_at=AT,
        updated_at=AT,
    )
    assert isinstance(payment.next_action, PayEasyVoucher)
    assert Payment.model_validate_json(payment.model_dump_json()) == payment
    with pytest.raises(ValidationError):
        PayEasyVoucher(
            institution_number="1234", customer_number="1", confirmation_number="1", expires_at=AT
        )
    with pytest.raises(ValidationError):
        KonbiniVoucher(payment_number="12-34", confirmation_number="1", expires_at=AT)


def test_timestamps_must_be_aware() -> None:
    with pytest.raises(ValidationError):
        Payment(
            id="pay_1",
            status="created",
            amount=300,
            method="card",
            reference="R7-1",
            created_at=datetime(2026, 4, 1),
            updated_at=AT,
        )


@pytest.mark.parametrize(
    ("captured", "refunded"), [(301, 0), (100, 101), (0, 1)], ids=["over", "refund>cap", "uncap"]
)
def test_payment_amount_invariant(captured: int, refunded: int) -> None:
    with pytest.raises(ValidationError) as info:
        Payment(
            id="pay_1",
            status="succeeded",
            amount=300,
            method="card",
            reference="R7-1",
            captured_amount=captured,
            refunded_amount=refunded,
            created_at=AT,
            updated_at=AT,
        )
    assert pydantic_code(info)[0] == "payment.inconsistent_amounts"


CAPS = Capabilities(methods=frozenset({PaymentMethod.CARD}), min_amount=100, max_amount=50_000)
TODAY = date(2026, 4, 1)


def test_capabilities_check_a_request() -> None:
    CAPS.check_request(request(amount=100), today=TODAY)
    CAPS.check_request(request(amount=50_000, deadline=TODAY + timedelta(days=60)), today=TODAY)
    with raises_code("payment.amount_out_of_range", amount=99, minimum=100, maximum=50_000):
        CAPS.check_request(request(amount=99), today=TODAY)
    with raises_code("payment.method_unsupported", method="konbini", supported=["card"]):
        CAPS.check_request(request(method=PaymentMethod.KONBINI), today=TODAY)
    with raises_code("payment.manual_capture_unsupported"):
        CAPS.check_request(request(capture="manual"), today=TODAY)
    with raises_code(
        "payment.deadline_out_of_range",
        deadline="2026-03-31",
        earliest="2026-04-01",
        latest="2026-05-31",
    ):
        CAPS.check_request(request(deadline=date(2026, 3, 31)), today=TODAY)
    with raises_code("payment.deadline_out_of_range"):
        CAPS.check_request(request(deadline=TODAY + timedelta(days=61)), today=TODAY)


def test_payment_errors_are_payment_errors() -> None:
    with pytest.raises(PaymentError):
        CAPS.check_amount(10**6)


ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.binary(max_size=20),
    st.decimals(allow_nan=False),
    st.lists(st.integers(), max_size=3),
)


def check_codes(error: ValidationError) -> None:
    """Every amount or currency error carries our code; the rest are pydantic's own."""
    for item in error.errors():
        if item["loc"] in (("amount",), ("currency",), ("reference",)):
            assert item["type"].startswith("payment."), item["type"]


@given(ANYTHING)
def test_validate_amount_gives_an_int_or_a_coded_error(value: object) -> None:
    try:
        amount = validate_amount(value)
    except PaymentError as error:
        code = "payment.amount_type" if error.code == "payment.amount_type" else ""
        check_error(error, code or "payment.amount_not_positive")
    else:
        assert type(amount) is int and amount > 0


@given(st.dictionaries(st.sampled_from(["amount", "method", "reference", "currency"]), ANYTHING))
def test_request_parsing_gives_a_request_or_a_validation_error(fields: dict[str, Any]) -> None:
    values: dict[str, Any] = {
        "amount": 300,
        "method": "card",
        "reference": "R7-1",
        "idempotency_key": "k",
    }
    values.update(fields)
    try:
        made = PaymentRequest.model_validate(values)
    except ValidationError as error:
        check_codes(error)
    else:
        assert type(made.amount) is int and made.amount > 0 and made.currency == "JPY"


def test_validation_errors_do_not_print_the_input() -> None:
    name = "申請者山田太郎"
    for fields in (
        {"description": name * 40},
        {"metadata": {"applicant": name * 100}},
        {"reference": f" {name}"},
    ):
        with pytest.raises(ValidationError) as info:
            request(**fields)
        assert name not in str(info.value)
        assert name not in repr(info.value)
