"""Adversarial review of the payment semantics: money never moves twice, and a payment never
looks paid when it is not.

Each test pins one rule: idempotency (same key, same request → the original result; a different
request or another operation → ``payment.idempotency_conflict``; threads), the state machine
(late, stale, conflicting and impossible events), webhook signatures (boundaries, header
variants, rotated secrets, re-encoded bodies), the browser-return race, voucher expiry in JST,
``payment.outcome_unknown`` retries, and what the conformance suite catches.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from govforms.errors import GovFormsError, PaymentError
from govforms.payments import (
    JST,
    CaptureMethod,
    EventType,
    IdempotencyStore,
    KonbiniVoucher,
    Payment,
    PaymentEvent,
    PaymentRequest,
    PaymentStatus,
    apply_event,
    new_payment,
    request_fingerprint,
    sign_webhook,
    verify_webhook,
    voucher_expiry,
)
from govforms.payments import webhooks as webhooks_module
from govforms.payments.state import event_digest
from govforms.payments.testing import FakeClock, FakePaymentProvider, PaymentProviderContract
from tests.conftest import raises_code

START = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)
SECRET = "whsec_review"


def _fake(**kwargs: Any) -> tuple[FakePaymentProvider, FakeClock]:
    clock = FakeClock(kwargs.pop("start", START))
    return FakePaymentProvider(clock=clock, **kwargs), clock


def _request(**fields: Any) -> PaymentRequest:
    values: dict[str, Any] = {
        "amount": 1000,
        "method": "card",
        "reference": "R7-REVIEW-1",
        "idempotency_key": "review-1",
    }
    values.update(fields)
    return PaymentRequest(**values)


def _succeeded_deliveries(fake: FakePaymentProvider, payment_id: str) -> int:
    return sum(1 for d in fake.deliveries(payment_id) if d.event_type is EventType.SUCCEEDED)


def _event(type_: EventType, seq: int | None, **fields: Any) -> PaymentEvent:
    values: dict[str, Any] = {
        "id": f"evt_{type_.value}_{seq}",
        "type": type_,
        "payment_id": "pay_1",
        "created": START + timedelta(seconds=seq or 0),
        "sequence": seq,
    }
    values.update(fields)
    return PaymentEvent(**values)


def _payment(amount: int = 1000) -> Payment:
    return new_payment(_request(amount=amount), payment_id="pay_1", created_at=START)


# --- (1) idempotency ------------------------------------------------------------------------


def test_every_money_call_returns_the_original_result_for_the_same_key() -> None:
    fake, _ = _fake()
    request = _request(capture=CaptureMethod.MANUAL)
    created = fake.create_payment(request)
    assert fake.create_payment(request).id == created.id
    captured = fake.capture_payment(created.id, idempotency_key="cap-1")
    again = fake.capture_payment(created.id, idempotency_key="cap-1")
    assert (again.id, again.captured_amount) == (captured.id, 1000)
    refund = fake.refund_payment(
        created.id, amount=400, expected_refundable=1000, idempotency_key="ref-1"
    )
    assert (
        fake.refund_payment(
            created.id, amount=400, expected_refundable=1000, idempotency_key="ref-1"
        ).id
        == refund.id
    )
    assert fake.get_payment(created.id).refunded_amount == 400
    assert len(fake.refunds(created.id)) == 1
    assert _succeeded_deliveries(fake, created.id) == 1

    other = fake.create_payment(_request(capture="manual", idempotency_key="review-2"))
    canceled = fake.cancel_payment(other.id, idempotency_key="can-1")
    assert fake.cancel_payment(other.id, idempotency_key="can-1").id == canceled.id
    canceled_events = [d for d in fake.deliveries(other.id) if d.event_type is EventType.CANCELED]
    assert len(canceled_events) == 1


def test_a_key_is_bound_to_its_operation() -> None:
    fake, _ = _fake()
    request = _request(capture=CaptureMethod.MANUAL)
    payment = fake.create_payment(request)
    with raises_code("payment.idempotency_conflict", operation="capture_payment"):
        fake.capture_payment(payment.id, idempotency_key=request.idempotency_key)
    fake.capture_payment(payment.id, idempotency_key="cap-1")
    with raises_code("payment.idempotency_conflict", operation="refund_payment"):
        fake.refund_payment(
            payment.id, amount=1000, expected_refundable=1000, idempotency_key="cap-1"
        )
    with raises_code("payment.idempotency_conflict", operation="refund_payment"):
        fake.refund_payment(
            payment.id,
            amount=1000,
            expected_refundable=1000,
            idempotency_key=request.idempotency_key,
        )
    assert fake.get_payment(payment.id).refunded_amount == 0
    with raises_code("payment.idempotency_conflict", operation="capture_payment"):
        fake.capture_payment(payment.id, amount=999, idempotency_key="cap-1")


def test_threads_with_one_key_charge_once_on_the_fake() -> None:
    fake, _ = _fake()
    request = _request()
    results: list[str] = []
    barrier = threading.Barrier(12)

    def create() -> None:
        barrier.wait()
        results.append(fake.create_payment(request).id)

    threads = [threading.Thread(target=create) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and len(results) == 12
    assert _succeeded_deliveries(fake, results[0]) == 1

    refunds: list[str] = []
    barrier2 = threading.Barrier(12)

    def refund() -> None:
        barrier2.wait()
        refunds.append(
            fake.refund_payment(
                results[0], amount=1000, expected_refundable=1000, idempotency_key="ref-t"
            ).id
        )

    threads = [threading.Thread(target=refund) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(refunds)) == 1 and len(refunds) == 12
    assert len(fake.refunds(results[0])) == 1


def test_idempotency_store_run_acts_once_for_concurrent_callers() -> None:
    store = IdempotencyStore[str]()
    fingerprint = request_fingerprint("refund_payment", {"payment_id": "pay_1", "amount": 300})
    charges: list[int] = []
    results: list[str] = []
    barrier = threading.Barrier(10)

    def action() -> str:
        charges.append(1)
        time.sleep(0.01)
        return f"re_{len(charges)}"

    def call() -> None:
        barrier.wait()
        results.append(store.run("k1", fingerprint, "refund_payment", action))

    threads = [threading.Thread(target=call) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(charges) == 1
    assert results == ["re_1"] * 10
    other = request_fingerprint("refund_payment", {"payment_id": "pay_1", "amount": 301})
    with raises_code("payment.idempotency_conflict", operation="refund_payment"):
        store.run("k1", other, "refund_payment", action)
    assert len(charges) == 1


def test_idempotency_store_run_forgets_a_call_that_did_nothing() -> None:
    store = IdempotencyStore[str]()
    fingerprint = request_fingerprint("create_payment", {"amount": 1})

    def outage() -> str:
        raise GovFormsError("payment.provider_unavailable", operation="create_payment")

    with raises_code("payment.provider_unavailable"):
        store.run("k1", fingerprint, "create_payment", outage)
    assert store.run("k1", fingerprint, "create_payment", lambda: "pay_1") == "pay_1"
    assert store.run("k1", fingerprint, "create_payment", lambda: "pay_2") == "pay_1"


def test_idempotency_store_keeps_the_first_result() -> None:
    store = IdempotencyStore[str]()
    fingerprint = request_fingerprint("create_payment", {"amount": 1})
    assert store.remember("k1", fingerprint, "pay_1") == "pay_1"
    # A racing second charge must not replace the first result: the first one wins.
    assert store.remember("k1", fingerprint, "pay_2") == "pay_1"
    assert store.lookup("k1", fingerprint, "create_payment") == "pay_1"


def test_what_counts_as_the_same_request() -> None:
    a = request_fingerprint("create_payment", {"metadata": {"a": "1", "b": "2"}, "amount": 1})
    b = request_fingerprint("create_payment", {"amount": 1, "metadata": {"b": "2", "a": "1"}})
    assert a == b  # key order is not part of the request
    assert request_fingerprint("x", {"amount": True}) != request_fingerprint("x", {"amount": 1})
    assert request_fingerprint("x", {"amount": 1.0}) != request_fingerprint("x", {"amount": 1})
    nfc = unicodedata.normalize("NFC", "ガ")
    nfd = unicodedata.normalize("NFD", "ガ")
    # Exact text, as real providers compare it: NFD vs NFC is a (safe) conflict, never a match.
    assert request_fingerprint("x", {"d": nfc}) != request_fingerprint("x", {"d": nfd})
    assert request_fingerprint("x", {"d": 1}) != request_fingerprint("y", {"d": 1})


def test_a_payload_json_cannot_hold_is_a_coded_error() -> None:
    circular: dict[str, Any] = {}
    circular["self"] = circular
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    for payload in (
        {"raw": b"\x00"},  # bytes
        {1: "a", "b": "c"},  # keys of mixed types cannot be sorted
        circular,
        {"d": "\ud800"},  # a lone surrogate has no UTF-8
        {"deep": deep},
    ):
        with raises_code("payment.fingerprint_unserialisable"):
            request_fingerprint("create_payment", payload)


def test_the_fake_treats_metadata_order_as_the_same_and_nfd_as_different() -> None:
    fake, _ = _fake()
    first = fake.create_payment(_request(metadata={"a": "1", "b": "2"}, description="ガ"))
    same = fake.create_payment(_request(metadata={"b": "2", "a": "1"}, description="ガ"))
    assert same.id == first.id
    with raises_code("payment.idempotency_conflict", operation="create_payment"):
        fake.create_payment(
            _request(metadata={"a": "1", "b": "2"}, description=unicodedata.normalize("NFD", "ガ"))
        )
    with raises_code("payment.amount_type", actual="bool"):
        fake.refund_payment(first.id, amount=True, expected_refundable=1000, idempotency_key="r")


# --- (2) the state machine ------------------------------------------------------------------


def test_a_late_failure_never_undoes_a_success() -> None:
    paid = apply_event(_payment(), _event(EventType.SUCCEEDED, 2))
    stale = _event(EventType.FAILED, 1, failure_code="card_declined")
    assert apply_event(paid, stale) is paid
    with raises_code(
        "payment.invalid_transition", from_status="succeeded", event_type="payment.failed"
    ):
        apply_event(paid, _event(EventType.FAILED, 3, failure_code="card_declined"))


def test_expiry_after_a_last_second_voucher_payment_is_refused() -> None:
    fake, clock = _fake(start=datetime(2026, 4, 1, 12, 0, tzinfo=JST))
    payment = fake.create_payment(
        _request(method="konbini", deadline=date(2026, 4, 1), metadata={})
    )
    clock.set(datetime(2026, 4, 1, 23, 59, 59, tzinfo=JST))
    assert fake.pay_voucher(payment.id).status is PaymentStatus.SUCCEEDED
    clock.set(datetime(2026, 4, 2, 0, 0, 0, tzinfo=JST))
    assert fake.process_due() == ()
    paid = fake.get_payment(payment.id)
    assert paid.status is PaymentStatus.SUCCEEDED
    expiry = PaymentEvent(
        id="evt_expiry_job",
        type=EventType.EXPIRED,
        payment_id=paid.id,
        created=datetime(2026, 4, 2, 0, 0, 0, tzinfo=JST),
    )
    with raises_code(
        "payment.invalid_transition", from_status="succeeded", event_type="payment.expired"
    ):
        apply_event(paid, expiry)


def test_refund_and_capture_events_cannot_exceed_what_was_paid() -> None:
    paid = apply_event(_payment(), _event(EventType.SUCCEEDED, 1))
    with raises_code("payment.inconsistent_amounts", amount=1000, captured=1000, refunded=1001):
        apply_event(paid, _event(EventType.REFUNDED, 2, refunded_amount=1001))
    with raises_code("payment.inconsistent_amounts", amount=1000, captured=1001, refunded=0):
        apply_event(_payment(), _event(EventType.SUCCEEDED, 1, captured_amount=1001))
    fake, _ = _fake()
    manual = fake.create_payment(_request(capture="manual"))
    with raises_code("payment.capture_exceeds_amount", amount=1001, authorized=1000):
        fake.capture_payment(manual.id, amount=1001, idempotency_key="cap-big")
    assert fake.get_payment(manual.id).status is PaymentStatus.AUTHORIZED


def test_a_success_without_captured_money_is_refused() -> None:
    with raises_code("payment.inconsistent_amounts", amount=1000, captured=0, refunded=0):
        apply_event(_payment(), _event(EventType.SUCCEEDED, 1, captured_amount=0))
    with pytest.raises(ValueError, match=r"payment\.inconsistent_amounts"):
        Payment.model_validate(
            {**_payment().model_dump(), "status": "succeeded", "captured_amount": 0}
        )


def test_an_event_for_another_payment_is_refused() -> None:
    with raises_code("payment.event_mismatch", payment_id="pay_1", event_payment_id="pay_2"):
        apply_event(_payment(), _event(EventType.SUCCEEDED, 1, payment_id="pay_2"))


def test_an_older_event_after_a_newer_one_is_ignored() -> None:
    later = apply_event(_payment(), _event(EventType.PROCESSING, 9))
    assert apply_event(later, _event(EventType.FAILED, 3, failure_code="x")) is later
    assert apply_event(later, _event(EventType.SUCCEEDED, 10)).status is PaymentStatus.SUCCEEDED


def test_a_duplicate_event_id_with_another_body_is_a_conflict() -> None:
    event = _event(EventType.SUCCEEDED, 1)
    paid = apply_event(_payment(), event)
    assert apply_event(paid, event) is paid
    assert apply_event(paid, PaymentEvent.model_validate(event.model_dump())) is paid
    changed = event.model_copy(update={"captured_amount": 500})
    with raises_code("payment.event_conflict", event_id=event.id):
        apply_event(paid, changed)
    retyped = event.model_copy(update={"type": EventType.FAILED})
    with raises_code("payment.event_conflict", event_id=event.id):
        apply_event(paid, retyped)


def test_only_jpy_anywhere() -> None:
    with pytest.raises(ValueError, match=r"payment\.currency_unsupported"):
        _request(currency="USD")
    with pytest.raises(ValueError, match=r"payment\.currency_unsupported"):
        Payment.model_validate({**_payment().model_dump(), "currency": "USD"})
    fake, _ = _fake(webhook_secret=SECRET)
    body = (
        b'{"id":"evt_x","type":"payment.succeeded","payment_id":"pay_1",'
        b'"created":"2026-04-01T01:00:00Z","currency":"USD"}'
    )
    header = sign_webhook(body, SECRET, now=START)
    with raises_code("webhook.invalid_payload"):
        fake.parse_webhook(body, {"GovForms-Signature": header})


# --- (3) webhooks -----------------------------------------------------------------------------

BODY = b'{"id":"evt_1","type":"payment.succeeded"}'


def test_tolerance_boundary_is_exact() -> None:
    header = sign_webhook(BODY, SECRET, now=START)
    for offset in (300, -300):
        verify_webhook(BODY, header, SECRET, now=START + timedelta(seconds=offset))
    for offset in (301, -301, 300.5, -300.5):
        with raises_code("webhook.stale_timestamp", tolerance=300):
            verify_webhook(BODY, header, SECRET, now=START + timedelta(seconds=offset))
    future = sign_webhook(BODY, SECRET, now=START + timedelta(hours=1))
    with raises_code("webhook.stale_timestamp", tolerance=300):
        verify_webhook(BODY, future, SECRET, now=START)


def test_header_variants() -> None:
    header = sign_webhook(BODY, SECRET, now=START)
    t, v1 = header.split(",")
    verify_webhook(BODY, f" {t} ,\t{v1} ", SECRET, now=START)
    verify_webhook(BODY, f"{t},{v1.upper().replace('V1=', 'v1=')}", SECRET, now=START)
    with raises_code("webhook.malformed_header", reason="duplicate_timestamp"):
        verify_webhook(BODY, f"{t},{t},{v1}", SECRET, now=START)
    with raises_code("webhook.malformed_header", reason="duplicate_timestamp"):
        verify_webhook(BODY, f"{t},{v1},t=1", SECRET, now=START)
    with raises_code("webhook.malformed_header", reason="bad_item"):
        verify_webhook(BODY, f"T{t[1:]},{v1}", SECRET, now=START)
    with raises_code("webhook.malformed_header", reason="bad_item"):
        verify_webhook(BODY, f"{t},V1{v1[2:]}", SECRET, now=START)
    with raises_code("webhook.malformed_header", reason="bad_timestamp"):
        verify_webhook(BODY, f"{t} {v1}", SECRET, now=START)
    fake, _ = _fake(webhook_secret=SECRET)
    event_body = (
        PaymentEvent(id="evt_1", type=EventType.SUCCEEDED, payment_id="pay_1", created=START)
        .model_dump_json()
        .encode()
    )
    signed = sign_webhook(event_body, SECRET, now=START)
    for name in ("govforms-signature", "GOVFORMS-SIGNATURE", "GovForms-Signature"):
        assert fake.parse_webhook(event_body, {name: signed}, now=START).id == "evt_1"


def test_a_rotated_out_secret_is_refused() -> None:
    old = sign_webhook(BODY, "whsec_old", now=START)
    both = sign_webhook(BODY, ["whsec_new", "whsec_old"], now=START)
    verify_webhook(BODY, both, ["whsec_new"], now=START)
    verify_webhook(BODY, old, ["whsec_new", "whsec_old"], now=START)
    with raises_code("webhook.bad_signature"):
        verify_webhook(BODY, old, ["whsec_new"], now=START)


def test_empty_and_reencoded_bodies() -> None:
    header = sign_webhook(BODY, SECRET, now=START)
    with raises_code("webhook.bad_signature"):
        verify_webhook(b"", header, SECRET, now=START)
    reencoded = b'{"id": "evt_1", "type": "payment.succeeded"}'
    with raises_code("webhook.bad_signature"):
        verify_webhook(reencoded, header, SECRET, now=START)
    with raises_code("webhook.bad_signature"):
        verify_webhook(BODY + b"\n", header, SECRET, now=START)
    fake, _ = _fake(webhook_secret=SECRET)
    empty = sign_webhook(b"", SECRET, now=START)
    with raises_code("webhook.invalid_payload"):
        fake.parse_webhook(b"", {"GovForms-Signature": empty}, now=START)


def test_signatures_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = webhooks_module.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(webhooks_module.hmac, "compare_digest", spy)
    header = sign_webhook(BODY, ["s1", "s2"], now=START)
    verify_webhook(BODY, header, ["s1", "s2", "s3"], now=START)
    assert len(calls) == 6  # every (secret, signature) pair, matched or not
    source = Path(webhooks_module.__file__).read_text(encoding="utf-8")
    assert "compare_digest" in source and "expected ==" not in source


# --- (4) browser return vs webhook -------------------------------------------------------------


def test_the_browser_return_never_marks_a_payment_paid() -> None:
    fake, _ = _fake()
    payment = fake.create_payment(_request(metadata={"fake_scenario": "requires_action"}))
    # The resident comes back to the return URL claiming success; the provider has not charged.
    returned = fake.get_payment(payment.id)
    assert returned.status is PaymentStatus.REQUIRES_ACTION
    assert returned.captured_amount == 0 and returned.paid_at is None
    fake.authenticate(payment.id)
    deliveries = fake.deliveries(payment.id)
    events = [fake.parse_webhook(d.body, d.headers) for d in deliveries]
    # The host's copy: webhooks delivered newest first, then the old one again.
    local = payment
    for event in [*reversed(events), events[0]]:
        local = apply_event(local, event)
    assert local.status is PaymentStatus.SUCCEEDED
    assert local.captured_amount == 1000


# --- (5) voucher expiry -----------------------------------------------------------------------


def test_a_voucher_is_payable_through_the_last_second_of_its_day() -> None:
    fake, clock = _fake(start=datetime(2026, 4, 1, 9, 0, tzinfo=JST))
    payment = fake.create_payment(
        _request(method="konbini", deadline=date(2026, 4, 3), idempotency_key="v-1")
    )
    assert payment.expires_at == datetime(2026, 4, 3, 23, 59, 59, tzinfo=JST)
    clock.set(datetime(2026, 4, 3, 23, 59, 59, 999_999, tzinfo=JST))
    assert fake.process_due() == ()
    assert fake.pay_voucher(payment.id).status is PaymentStatus.SUCCEEDED

    late = fake.create_payment(
        _request(method="pay_easy", deadline=date(2026, 4, 3), idempotency_key="v-2")
    )
    clock.set(datetime(2026, 4, 3, 15, 0, 0, tzinfo=UTC))  # 2026-04-04 00:00:00 JST
    with raises_code("payment.fake_action_invalid", action="pay_voucher", status="expired"):
        fake.pay_voucher(late.id)
    assert fake.get_payment(late.id).status is PaymentStatus.EXPIRED


def test_deadline_as_date_aware_or_naive_datetime() -> None:
    as_date = _request(deadline=date(2026, 4, 2))
    aware = _request(deadline=datetime(2026, 4, 1, 15, 0, tzinfo=UTC))  # 04-02 00:00 JST
    assert as_date.deadline == aware.deadline == date(2026, 4, 2)
    assert _request(deadline="2026-04-01T15:00:00+00:00").deadline == date(2026, 4, 2)
    assert _request(deadline=datetime(2026, 4, 2, 23, 0, tzinfo=JST)).deadline == date(2026, 4, 2)
    for naive in (datetime(2026, 4, 2), datetime(2026, 4, 2, 12, 0), "2026-04-02T00:00:00"):
        with pytest.raises(ValueError, match=r"payment\.deadline_naive"):
            _request(deadline=naive)


def test_jst_has_no_daylight_saving() -> None:
    for month in range(1, 13):
        expiry = voucher_expiry(date(2026, month, 15))
        assert expiry.utcoffset() == timedelta(hours=9)
        assert expiry.astimezone(UTC).hour == 14


# --- (6) outcome unknown ----------------------------------------------------------------------


def test_a_retry_after_a_timeout_returns_the_charge_and_never_charges_twice() -> None:
    fake, clock = _fake()
    request = _request(metadata={"fake_scenario": "timeout"})
    with raises_code("payment.outcome_unknown", operation="create_payment"):
        fake.create_payment(request)
    clock.advance(minutes=5)
    retried = fake.create_payment(request)
    assert retried.status is PaymentStatus.SUCCEEDED
    assert _succeeded_deliveries(fake, retried.id) == 1
    assert fake.create_payment(request).id == retried.id

    fake.inject_failure("refund_payment", "timeout")
    with raises_code("payment.outcome_unknown", operation="refund_payment"):
        fake.refund_payment(retried.id, amount=300, expected_refundable=1000, idempotency_key="r1")
    refund = fake.refund_payment(
        retried.id, amount=300, expected_refundable=1000, idempotency_key="r1"
    )
    assert refund.amount == 300
    assert fake.get_payment(retried.id).refunded_amount == 300
    assert len(fake.refunds(retried.id)) == 1


# --- (7) the contract suite -------------------------------------------------------------------


class _SucceedsWithoutCapture(FakePaymentProvider):
    """Reports a manual-capture payment as paid at once, with nothing captured."""

    def create_payment(self, request: PaymentRequest) -> Payment:
        payment = super().create_payment(request)
        if payment.status is PaymentStatus.AUTHORIZED:
            return payment.model_copy(update={"status": PaymentStatus.SUCCEEDED})
        return payment


class _NoCaptureOnSettle(FakePaymentProvider):
    """Every payment it returns says succeeded but carries no captured money."""

    def get_payment(self, payment_id: str) -> Payment:
        return super().get_payment(payment_id).model_copy(update={"captured_amount": 0})


class _RefundIgnoresKeys(FakePaymentProvider):
    """A refund plugin that sends a fresh key every time: a retry refunds again."""

    n = 0

    def refund_payment(
        self, payment_id: str, *, amount: int, expected_refundable: int, idempotency_key: str
    ) -> Any:
        type(self).n += 1
        current = super().get_payment(payment_id)
        return super().refund_payment(
            payment_id,
            amount=amount,
            expected_refundable=current.refundable_amount,
            idempotency_key=f"fresh-{type(self).n}",
        )


class _KeysPerOperationOnly(FakePaymentProvider):
    """Keeps a key per operation, so a create key can be reused for a refund."""

    def refund_payment(
        self, payment_id: str, *, amount: int, expected_refundable: int, idempotency_key: str
    ) -> Any:
        return super().refund_payment(
            payment_id,
            amount=amount,
            expected_refundable=expected_refundable,
            idempotency_key="refund:" + idempotency_key,
        )


def _fails(clause: Callable[[Any], None], provider: FakePaymentProvider) -> bool:
    try:
        clause(provider)
    except (AssertionError, pytest.fail.Exception):
        return True
    return False


def test_the_contract_catches_success_without_capture() -> None:
    suite = PaymentProviderContract()
    assert _fails(suite.test_manual_capture, _SucceedsWithoutCapture(clock=FakeClock(START)))
    assert _fails(
        suite.test_a_success_means_money_was_captured, _NoCaptureOnSettle(clock=FakeClock(START))
    )
    assert not _fails(suite.test_a_success_means_money_was_captured, _fake()[0])


def test_the_contract_catches_refunds_that_ignore_idempotency() -> None:
    suite = PaymentProviderContract()
    assert _fails(suite.test_refund_is_idempotent, _RefundIgnoresKeys(clock=FakeClock(START)))
    assert _fails(
        suite.test_a_key_is_bound_to_one_operation, _KeysPerOperationOnly(clock=FakeClock(START))
    )
    assert not _fails(suite.test_a_key_is_bound_to_one_operation, _fake()[0])
    assert not _fails(suite.test_cancel_and_capture_are_idempotent, _fake()[0])


# --- found while reviewing ----------------------------------------------------------------------


def test_a_canceled_authorisation_does_not_keep_a_payment_date() -> None:
    authorized = apply_event(_payment(), _event(EventType.AUTHORIZED, 1, paid_at=START))
    assert authorized.paid_at == START
    for type_ in (EventType.CANCELED, EventType.EXPIRED, EventType.FAILED):
        ended = apply_event(authorized, _event(type_, 2, failure_code="x"))
        assert ended.paid_at is None, type_
        assert ended.captured_amount == 0
    fake, _ = _fake()
    manual = fake.create_payment(_request(capture="manual"))
    assert manual.paid_at is not None
    assert fake.cancel_payment(manual.id, idempotency_key="c").paid_at is None


def test_a_payment_expired_first_refuses_a_later_success_loudly() -> None:
    waiting = apply_event(_payment(), _event(EventType.REQUIRES_ACTION, 1))
    expired = apply_event(waiting, _event(EventType.EXPIRED, 3))
    with raises_code(
        "payment.invalid_transition", from_status="expired", event_type="payment.succeeded"
    ):
        apply_event(expired, _event(EventType.SUCCEEDED, 4, paid_at=START))
    # The success the provider sent before the expiry, delivered late, is stale: ignored.
    assert apply_event(expired, _event(EventType.SUCCEEDED, 2)) is expired


def test_two_signature_headers_that_differ_are_malformed() -> None:
    fake, _ = _fake(webhook_secret=SECRET)
    body = (
        PaymentEvent(id="evt_1", type=EventType.SUCCEEDED, payment_id="pay_1", created=START)
        .model_dump_json()
        .encode()
    )
    good = sign_webhook(body, SECRET, now=START)
    forged = sign_webhook(body, "whsec_attacker", now=START)
    for headers in (
        {"govforms-signature": forged, "GovForms-Signature": good},
        {"GovForms-Signature": good, "GOVFORMS-SIGNATURE": forged},
    ):
        with raises_code("webhook.malformed_header", reason="duplicate_header"):
            fake.parse_webhook(body, headers, now=START)
    same = {"govforms-signature": good, "GovForms-Signature": good}
    assert fake.parse_webhook(body, same, now=START).id == "evt_1"


def test_a_refund_event_cannot_raise_what_was_captured() -> None:
    partial = apply_event(_payment(), _event(EventType.SUCCEEDED, 1, captured_amount=500))
    with raises_code("payment.inconsistent_amounts", amount=1000, captured=1000, refunded=100):
        apply_event(
            partial, _event(EventType.REFUNDED, 2, captured_amount=1000, refunded_amount=100)
        )
    same = apply_event(
        partial, _event(EventType.REFUNDED, 2, captured_amount=500, refunded_amount=100)
    )
    assert (same.captured_amount, same.refunded_amount) == (500, 100)


def test_event_digests_survive_serialisation() -> None:
    event = _event(EventType.SUCCEEDED, 1)
    paid = apply_event(_payment(), event)
    loaded = Payment.model_validate_json(paid.model_dump_json())
    assert loaded == paid
    assert apply_event(loaded, event) is loaded
    # The same instant written with another offset is the same event.
    shifted = event.model_copy(update={"created": event.created.astimezone(JST)})
    assert apply_event(loaded, shifted) is loaded
    with raises_code("payment.event_conflict", event_id=event.id):
        apply_event(loaded, event.model_copy(update={"paid_at": START}))


def test_event_digest_is_content_not_spelling() -> None:
    event = _event(EventType.SUCCEEDED, 1, paid_at=START)
    assert event_digest(event) == event_digest(
        event.model_copy(update={"created": event.created.astimezone(JST)})
    )
    assert event_digest(event) != event_digest(event.model_copy(update={"sequence": 2}))
    assert event_digest(event) != event_digest(event.model_copy(update={"captured_amount": 1}))


def test_event_digest_reads_nested_times_in_utc() -> None:
    expiry = datetime(2026, 4, 4, 14, 59, 59, tzinfo=UTC)
    voucher = KonbiniVoucher(
        payment_number="0100000001", confirmation_number="007919", expires_at=expiry
    )
    event = _event(EventType.REQUIRES_ACTION, 1, next_action=voucher)
    waiting = apply_event(_payment(), event)
    in_jst = voucher.model_copy(update={"expires_at": expiry.astimezone(JST)})
    assert apply_event(waiting, event.model_copy(update={"next_action": in_jst})) is waiting
    later = voucher.model_copy(update={"expires_at": expiry + timedelta(days=1)})
    with raises_code("payment.event_conflict", event_id=event.id):
        apply_event(waiting, event.model_copy(update={"next_action": later}))


def test_idempotency_store_never_reruns_an_action_whose_outcome_is_unknown() -> None:
    store = IdempotencyStore[str]()
    fingerprint = request_fingerprint("refund_payment", {"payment_id": "pay_1", "amount": 300})
    charges: list[str] = []

    def timeout() -> str:
        charges.append("re_1")  # the agent refunded, then the connection dropped
        raise PaymentError("payment.outcome_unknown", operation="refund_payment")

    with raises_code("payment.outcome_unknown", operation="refund_payment"):
        store.run("k1", fingerprint, "refund_payment", timeout)
    # A plain retry does not guess: still unknown, and the action is not run again.
    with raises_code("payment.outcome_unknown", operation="refund_payment"):
        store.run("k1", fingerprint, "refund_payment", lambda: charges.append("x") or "re_x")
    assert charges == ["re_1"]
    other = request_fingerprint("refund_payment", {"payment_id": "pay_1", "amount": 1})
    with raises_code("payment.idempotency_conflict", operation="refund_payment"):
        store.run("k1", other, "refund_payment", lambda: "re_y")
    # With a way to look the result up at the agent, the retry returns what was done.
    found = store.run(
        "k1", fingerprint, "refund_payment", lambda: "re_z", recover=lambda: charges[0]
    )
    assert found == "re_1"
    assert store.run("k1", fingerprint, "refund_payment", lambda: "re_z") == "re_1"
    # When the look-up finds nothing, nothing was done, and the action runs.
    store2 = IdempotencyStore[str]()
    with raises_code("payment.outcome_unknown", operation="refund_payment"):
        store2.run("k2", fingerprint, "refund_payment", timeout)
    assert store2.run("k2", fingerprint, "refund_payment", lambda: "re_2", recover=lambda: None)
    assert store2.lookup("k2", fingerprint, "refund_payment") == "re_2"


@given(st.one_of(st.text(max_size=40), st.datetimes(), st.datetimes(timezones=st.timezones())))
def test_any_deadline_is_a_date_or_a_validation_error(value: object) -> None:
    try:
        request = _request(deadline=value)
    except ValidationError:
        return
    assert type(request.deadline) is date
