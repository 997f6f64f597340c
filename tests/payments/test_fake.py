"""The fake provider through the public API, as a host app would use it."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govforms.errors import PaymentError
from govforms.payments import (
    JST,
    SIGNATURE_HEADER,
    Capabilities,
    KonbiniVoucher,
    PayEasyVoucher,
    Payment,
    PaymentMethod,
    PaymentProvider,
    PaymentRequest,
    PaymentStatus,
    RedirectAction,
    RefundStatus,
    apply_event,
    sign_webhook,
)
from govforms.payments.testing import (
    FAKE_WEBHOOK_SECRET,
    FakeClock,
    FakePaymentProvider,
    WebhookDelivery,
)
from tests.conftest import check_error, raises_code

# 2026-04-01 10:00 JST
START = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)
S = PaymentStatus


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def fake(clock: FakeClock) -> FakePaymentProvider:
    return FakePaymentProvider(clock=clock)


def request(scenario: str | None = None, **fields: Any) -> PaymentRequest:
    values: dict[str, Any] = {
        "amount": 1000,
        "method": "card",
        "reference": "R7-000123",
        "idempotency_key": "R7-000123-1",
    }
    values.update(fields)
    if scenario is not None:
        values["metadata"] = {"fake_scenario": scenario}
    return PaymentRequest(**values)


def receive(fake: FakePaymentProvider, stored: Payment, delivery: WebhookDelivery) -> Payment:
    """What a host app's webhook endpoint does: verify, parse, apply."""
    return apply_event(stored, fake.parse_webhook(delivery.body, delivery.headers))


def test_the_fake_is_a_provider(fake: FakePaymentProvider) -> None:
    assert isinstance(fake, PaymentProvider)
    assert set(fake.capabilities.methods) == set(PaymentMethod)


# --- scenarios ----------------------------------------------------------------------------------


def test_succeed(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request())
    assert (payment.status, payment.captured_amount, payment.paid_at) == (S.SUCCEEDED, 1000, START)
    assert [d.event_type for d in fake.deliveries()] == ["payment.succeeded"]


def test_decline(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request("decline"))
    assert (payment.status, payment.failure_code, payment.captured_amount) == (
        S.FAILED,
        "card_declined",
        0,
    )
    with raises_code("payment.refund_not_allowed", status="failed"):
        fake.refund_payment(payment.id, amount=1, expected_refundable=0, idempotency_key="r1")


@pytest.mark.parametrize("succeed", [True, False])
def test_requires_action_then_succeed_or_fail(fake: FakePaymentProvider, succeed: bool) -> None:
    payment = fake.create_payment(request("requires_action"))
    assert payment.status is S.REQUIRES_ACTION
    assert isinstance(payment.next_action, RedirectAction)
    assert payment.next_action.url.startswith("https://")
    after = fake.authenticate(payment.id, succeed=succeed)
    if succeed:
        assert (after.status, after.captured_amount, after.next_action) == (S.SUCCEEDED, 1000, None)
    else:
        assert (after.status, after.failure_code) == (S.FAILED, "authentication_failed")
    with raises_code(
        "payment.fake_action_invalid", action="authenticate", status=str(after.status)
    ):
        fake.authenticate(payment.id)


def test_konbini_voucher_paid_before_the_deadline(
    fake: FakePaymentProvider, clock: FakeClock
) -> None:
    payment = fake.create_payment(request(method="konbini", deadline=date(2026, 4, 5)))
    assert payment.status is S.REQUIRES_ACTION
    voucher = payment.next_action
    assert isinstance(voucher, KonbiniVoucher)
    assert voucher.expires_at == datetime(2026, 4, 5, 23, 59, 59, tzinfo=JST) == payment.expires_at
    clock.set(datetime(2026, 4, 5, 23, 59, 59, tzinfo=JST))
    paid = fake.pay_voucher(payment.id)
    assert (paid.status, paid.paid_at, paid.next_action) == (S.SUCCEEDED, clock(), None)


def test_pay_easy_voucher_numbers(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request(method="pay_easy"))
    voucher = payment.next_action
    assert isinstance(voucher, PayEasyVoucher)
    assert len(voucher.institution_number) == 5
    assert voucher.customer_number.isdigit() and voucher.confirmation_number.isdigit()
    # No deadline given: three days after today in JST.
    assert payment.expires_at == datetime(2026, 4, 4, 23, 59, 59, tzinfo=JST)


def test_voucher_expires_at_midnight_jst_driven_by_the_clock(
    fake: FakePaymentProvider, clock: FakeClock
) -> None:
    payment = fake.create_payment(request(method="konbini", deadline=date(2026, 4, 2)))
    clock.set(datetime(2026, 4, 2, 23, 59, 59, tzinfo=JST))
    assert fake.process_due() == ()
    assert fake.get_payment(payment.id).status is S.REQUIRES_ACTION
    clock.advance(seconds=1)  # 2026-04-03 00:00:00 JST
    assert fake.get_payment(payment.id).status is S.EXPIRED
    assert [d.event_type for d in fake.deliveries(payment.id)][-1] == "payment.expired"
    with raises_code("payment.fake_action_invalid", action="pay_voucher", status="expired"):
        fake.pay_voucher(payment.id)
    assert fake.process_due() == ()


def test_process_due_expires_without_another_call(
    fake: FakePaymentProvider, clock: FakeClock
) -> None:
    payment = fake.create_payment(request(method="pay_easy", deadline=date(2026, 4, 1)))
    clock.advance(days=1)
    assert fake.process_due() == (payment.id,)


def test_a_requires_action_card_payment_expires_at_its_deadline(
    fake: FakePaymentProvider, clock: FakeClock
) -> None:
    payment = fake.create_payment(request("requires_action", deadline=date(2026, 4, 1)))
    clock.set(datetime(2026, 4, 2, 0, 0, tzinfo=JST))
    assert fake.get_payment(payment.id).status is S.EXPIRED


def test_voucher_scenario_needs_a_voucher_method(fake: FakePaymentProvider) -> None:
    with raises_code("config.invalid_option", option="fake_scenario", value="voucher"):
        fake.create_payment(request("voucher"))


def test_unknown_scenario(fake: FakePaymentProvider) -> None:
    with raises_code("payment.fake_scenario_unknown", scenario="explode"):
        fake.create_payment(request("explode"))


def test_timeout_charges_and_reports_unknown_then_retry_returns_it(
    fake: FakePaymentProvider,
) -> None:
    timed_out = request("timeout")
    with raises_code("payment.outcome_unknown", operation="create_payment"):
        fake.create_payment(timed_out)
    # The charge happened: the webhook says so, and a retry with the same key returns it.
    [delivery] = fake.deliveries()
    assert delivery.event_type == "payment.succeeded"
    retried = fake.create_payment(timed_out)
    assert (retried.id, retried.status) == (delivery.payment_id, S.SUCCEEDED)
    assert len(fake.deliveries()) == 1  # charged once


def test_outage_does_nothing_and_a_retry_goes_through(fake: FakePaymentProvider) -> None:
    flaky = request("outage")
    with raises_code("payment.provider_unavailable", operation="create_payment"):
        fake.create_payment(flaky)
    assert fake.deliveries() == ()
    payment = fake.create_payment(flaky)
    assert payment.status is S.SUCCEEDED
    assert fake.create_payment(flaky).id == payment.id


# --- idempotency ---------------------------------------------------------------------------------


def test_retry_with_the_same_body_returns_the_original(fake: FakePaymentProvider) -> None:
    first = fake.create_payment(request())
    assert fake.create_payment(request()).id == first.id
    assert len(fake.deliveries()) == 1


def test_retry_with_a_different_body_is_a_conflict(fake: FakePaymentProvider) -> None:
    fake.create_payment(request())
    with raises_code("payment.idempotency_conflict", operation="create_payment"):
        fake.create_payment(request(amount=1001))
    with raises_code("payment.idempotency_conflict"):
        fake.create_payment(request(description="another fee"))
    other = fake.create_payment(request(amount=1001, idempotency_key="R7-000123-2"))
    assert other.amount == 1001


def test_a_key_is_not_reused_across_operations(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request())
    with raises_code("payment.idempotency_conflict", operation="refund_payment"):
        fake.refund_payment(
            payment.id, amount=100, expected_refundable=1000, idempotency_key="R7-000123-1"
        )


def test_capture_and_cancel_are_idempotent(fake: FakePaymentProvider) -> None:
    held = fake.create_payment(request(capture="manual"))
    assert (held.status, held.paid_at) == (S.AUTHORIZED, START)
    captured = fake.capture_payment(held.id, amount=600, idempotency_key="cap-1")
    assert (captured.status, captured.captured_amount) == (S.SUCCEEDED, 600)
    assert fake.capture_payment(held.id, amount=600, idempotency_key="cap-1").id == held.id
    with raises_code("payment.idempotency_conflict", operation="capture_payment"):
        fake.capture_payment(held.id, amount=700, idempotency_key="cap-1")
    waiting = fake.create_payment(request("requires_action", idempotency_key="k-2"))
    canceled = fake.cancel_payment(waiting.id, idempotency_key="cancel-1")
    assert canceled.status is S.CANCELED
    assert fake.cancel_payment(waiting.id, idempotency_key="cancel-1").status is S.CANCELED
    with raises_code("payment.cancel_not_allowed", status="canceled"):
        fake.cancel_payment(waiting.id, idempotency_key="cancel-2")


def test_capture_limits(fake: FakePaymentProvider) -> None:
    held = fake.create_payment(request(capture="manual"))
    with raises_code("payment.capture_exceeds_amount", amount=1001, authorized=1000):
        fake.capture_payment(held.id, amount=1001, idempotency_key="c1")
    with raises_code("payment.amount_not_positive", amount=0):
        fake.capture_payment(held.id, amount=0, idempotency_key="c2")
    strict = FakePaymentProvider(
        capabilities=Capabilities(
            methods=frozenset({PaymentMethod.CARD}), manual_capture=True, partial_capture=False
        )
    )
    held = strict.create_payment(request(capture="manual"))
    with raises_code("payment.partial_capture_unsupported", amount=500, authorized=1000):
        strict.capture_payment(held.id, amount=500, idempotency_key="c3")


# --- refunds -----------------------------------------------------------------------------------


def test_partial_refunds_then_over_refund(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request())
    refund = fake.refund_payment(
        payment.id, amount=300, expected_refundable=1000, idempotency_key="re-1"
    )
    assert (refund.amount, refund.status, refund.payment_id) == (
        300,
        RefundStatus.SUCCEEDED,
        payment.id,
    )
    after = fake.get_payment(payment.id)
    assert (after.status, after.refunded_amount, after.refundable_amount) == (S.SUCCEEDED, 300, 700)
    with raises_code("payment.refund_exceeds_balance", amount=701, refundable=700):
        fake.refund_payment(payment.id, amount=701, expected_refundable=700, idempotency_key="re-2")
    fake.refund_payment(payment.id, amount=700, expected_refundable=700, idempotency_key="re-3")
    with raises_code("payment.refund_exceeds_balance", amount=1, refundable=0):
        fake.refund_payment(payment.id, amount=1, expected_refundable=0, idempotency_key="re-4")
    assert [r.amount for r in fake.refunds(payment.id)] == [300, 700]


def test_expected_refundable_mismatch_stops_a_double_refund(fake: FakePaymentProvider) -> None:
    """Two staff members load the same payment (balance 1000) and each refund 600."""
    payment = fake.create_payment(request())
    fake.refund_payment(payment.id, amount=600, expected_refundable=1000, idempotency_key="a")
    with raises_code("payment.refundable_mismatch", expected=1000, actual=400):
        fake.refund_payment(payment.id, amount=600, expected_refundable=1000, idempotency_key="b")
    assert fake.get_payment(payment.id).refunded_amount == 600


def test_refund_retry_same_key_returns_the_original_refund(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request())
    first = fake.refund_payment(
        payment.id, amount=200, expected_refundable=1000, idempotency_key="re-1"
    )
    # The balance has moved, but a retry of the same request is answered from the key.
    again = fake.refund_payment(
        payment.id, amount=200, expected_refundable=1000, idempotency_key="re-1"
    )
    assert again == first
    assert fake.get_payment(payment.id).refunded_amount == 200
    with raises_code("payment.idempotency_conflict", operation="refund_payment"):
        fake.refund_payment(
            payment.id, amount=300, expected_refundable=1000, idempotency_key="re-1"
        )


def test_refund_amount_checks(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request())
    with raises_code("payment.amount_type", actual="float"):
        fake.refund_payment(payment.id, amount=1.5, expected_refundable=1000, idempotency_key="x")  # type: ignore[arg-type]
    with raises_code("payment.amount_not_positive", amount=0):
        fake.refund_payment(payment.id, amount=0, expected_refundable=1000, idempotency_key="x")
    with raises_code("payment.amount_type", actual="bool"):
        fake.refund_payment(payment.id, amount=1, expected_refundable=True, idempotency_key="x")  # type: ignore[arg-type]
    with raises_code("payment.not_found", payment_id="pay_nope"):
        fake.refund_payment("pay_nope", amount=1, expected_refundable=1, idempotency_key="x")


def test_refund_timeout_is_unknown_and_the_retry_does_not_refund_twice(
    fake: FakePaymentProvider,
) -> None:
    payment = fake.create_payment(request())
    fake.inject_failure("refund_payment", "timeout")
    with raises_code("payment.outcome_unknown", operation="refund_payment"):
        fake.refund_payment(payment.id, amount=1000, expected_refundable=1000, idempotency_key="r")
    refund = fake.refund_payment(
        payment.id, amount=1000, expected_refundable=1000, idempotency_key="r"
    )
    assert refund.amount == 1000
    assert fake.get_payment(payment.id).refunded_amount == 1000


def test_injected_outage_does_nothing(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request())
    fake.inject_failure("refund_payment", "outage")
    with raises_code("payment.provider_unavailable", operation="refund_payment"):
        fake.refund_payment(payment.id, amount=10, expected_refundable=1000, idempotency_key="r")
    assert fake.get_payment(payment.id).refunded_amount == 0
    fake.refund_payment(payment.id, amount=10, expected_refundable=1000, idempotency_key="r")
    assert fake.get_payment(payment.id).refunded_amount == 10
    with raises_code("config.invalid_option", option="kind"):
        fake.inject_failure("refund_payment", "fire")
    with raises_code("config.invalid_option", option="operation"):
        fake.inject_failure("get_payment", "outage")


def test_no_partial_refunds_when_unsupported() -> None:
    strict = FakePaymentProvider(
        capabilities=Capabilities(methods=frozenset({PaymentMethod.CARD}), partial_refunds=False)
    )
    payment = strict.create_payment(request())
    with raises_code("payment.partial_refund_unsupported", amount=1, refundable=1000):
        strict.refund_payment(payment.id, amount=1, expected_refundable=1000, idempotency_key="r")


# --- webhooks: the host app's side ----------------------------------------------------------------


def test_duplicated_webhooks_are_applied_once(fake: FakePaymentProvider) -> None:
    created = fake.create_payment(request("requires_action"))
    fake.authenticate(created.id)
    fake.refund_payment(created.id, amount=400, expected_refundable=1000, idempotency_key="r1")
    stored = created
    for delivery in fake.deliveries(created.id) * 3:
        stored = receive(fake, stored, delivery)
    assert (stored.status, stored.captured_amount, stored.refunded_amount) == (
        S.SUCCEEDED,
        1000,
        400,
    )
    assert stored == fake.get_payment(created.id)


def test_reordered_webhooks_reach_the_same_state(fake: FakePaymentProvider) -> None:
    created = fake.create_payment(request("requires_action"))
    fake.authenticate(created.id)
    fake.refund_payment(created.id, amount=100, expected_refundable=1000, idempotency_key="r1")
    fake.refund_payment(created.id, amount=200, expected_refundable=900, idempotency_key="r2")
    deliveries = fake.deliveries(created.id)
    assert len(deliveries) == 4
    stored = created
    for delivery in reversed(deliveries):
        stored = receive(fake, stored, delivery)
    final = fake.get_payment(created.id)
    assert (
        (stored.status, stored.refunded_amount)
        == (final.status, final.refunded_amount)
        == (
            S.SUCCEEDED,
            300,
        )
    )


def test_browser_return_races_the_webhook(fake: FakePaymentProvider) -> None:
    """The resident comes back first (the app loads the payment); the requires_action and
    succeeded webhooks arrive afterwards, the older one last."""
    created = fake.create_payment(request("requires_action"))
    fake.authenticate(created.id)
    loaded = fake.get_payment(created.id)
    action, paid = fake.deliveries(created.id)
    after = receive(fake, receive(fake, loaded, paid), action)
    assert after.status is S.SUCCEEDED and after == loaded


def test_forged_webhook_is_refused(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(request())
    [real] = fake.deliveries()
    event = json.loads(real.body)
    event["type"] = "payment.refunded"
    event["refunded_amount"] = 1000
    forged = json.dumps(event).encode()
    with raises_code("webhook.bad_signature"):
        fake.parse_webhook(forged, real.headers)
    attacker = {SIGNATURE_HEADER: sign_webhook(forged, "whsec_guess", now=START)}
    with raises_code("webhook.bad_signature"):
        fake.parse_webhook(forged, attacker)
    with raises_code("webhook.missing_signature"):
        fake.parse_webhook(real.body, {"Content-Type": "application/json"})
    assert fake.get_payment(payment.id).refunded_amount == 0


def test_replayed_old_webhook_is_stale(fake: FakePaymentProvider, clock: FakeClock) -> None:
    fake.create_payment(request())
    [real] = fake.deliveries()
    clock.advance(seconds=301)
    with raises_code("webhook.stale_timestamp", tolerance=300):
        fake.parse_webhook(real.body, real.headers)
    assert fake.parse_webhook(real.body, real.headers, now=START).id == real.event_id


def test_well_signed_garbage_is_an_invalid_payload(fake: FakePaymentProvider) -> None:
    body = b'{"id": "evt_x", "type": "payment.teleported"}'
    headers = {SIGNATURE_HEADER: sign_webhook(body, FAKE_WEBHOOK_SECRET, now=START)}
    with raises_code("webhook.invalid_payload"):
        fake.parse_webhook(body, headers)


def test_secret_rotation(clock: FakeClock) -> None:
    rotating = FakePaymentProvider(clock=clock, webhook_secret=["whsec_new", "whsec_old"])
    rotating.create_payment(request())
    [delivery] = rotating.deliveries()
    assert delivery.headers[SIGNATURE_HEADER].count("v1=") == 2
    receiver = FakePaymentProvider(clock=clock, webhook_secret="whsec_old")
    assert receiver.parse_webhook(delivery.body, delivery.headers).id == delivery.event_id


# --- determinism, call log, secrecy -------------------------------------------------------------


def run_script(seed: int) -> list[str]:
    fake = FakePaymentProvider(clock=FakeClock(START), seed=seed)
    a = fake.create_payment(request())
    b = fake.create_payment(request(method="konbini", idempotency_key="k2"))
    fake.refund_payment(a.id, amount=10, expected_refundable=1000, idempotency_key="r")
    return (
        [a.id, b.id]
        + [d.event_id for d in fake.deliveries()]
        + [d.headers[SIGNATURE_HEADER] for d in fake.deliveries()]
    )


def test_ids_and_signatures_are_deterministic_and_seedable() -> None:
    assert run_script(0) == run_script(0)
    assert run_script(0)[:2] == ["pay_0_1", "pay_0_3"]
    assert run_script(7)[0] == "pay_7_1"


def test_every_call_is_recorded_without_secrets_or_metadata(fake: FakePaymentProvider) -> None:
    payment = fake.create_payment(
        request(metadata={"fake_scenario": "succeed", "applicant": "山田太郎"})
    )
    fake.get_payment(payment.id)
    fake.refund_payment(payment.id, amount=10, expected_refundable=1000, idempotency_key="r")
    [delivery] = fake.deliveries()[:1]
    fake.parse_webhook(delivery.body, delivery.headers)
    calls = fake.calls
    assert [c.method for c in calls] == [
        "create_payment",
        "get_payment",
        "refund_payment",
        "parse_webhook",
    ]
    assert calls[0].args == {
        "amount": 1000,
        "method": "card",
        "reference": "R7-000123",
        "idempotency_key": "R7-000123-1",
        "scenario": "succeed",
    }
    assert calls[3].args == {"body_length": len(delivery.body)}
    text = repr(calls) + repr(fake)
    assert "山田" not in text and FAKE_WEBHOOK_SECRET not in text and "v1=" not in text


def test_unknown_payment_and_naive_clock() -> None:
    fake = FakePaymentProvider(clock=lambda: START)
    with raises_code("payment.not_found", payment_id="pay_x"):
        fake.get_payment("pay_x")
    naive = FakePaymentProvider(clock=lambda: datetime(2026, 4, 1))
    with raises_code("config.invalid_option", option="clock"):
        naive.create_payment(request())
    with raises_code("config.invalid_option", option="seed"):
        FakePaymentProvider(seed=-1)


def test_capabilities_are_enforced(fake: FakePaymentProvider) -> None:
    with raises_code("payment.amount_out_of_range", amount=3_000_001):
        fake.create_payment(request(amount=3_000_001))
    with raises_code("payment.deadline_out_of_range"):
        fake.create_payment(request(method="konbini", deadline=date(2026, 3, 31)))
    assert fake.deliveries() == ()


def test_default_clock_is_the_system_clock() -> None:
    fake = FakePaymentProvider()
    payment = fake.create_payment(request())
    assert abs(payment.created_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_fake_errors_are_payment_errors(fake: FakePaymentProvider) -> None:
    with pytest.raises(PaymentError):
        fake.get_payment("nope")


@given(st.binary(max_size=300))
def test_any_signed_body_parses_or_is_an_invalid_payload(body: bytes) -> None:
    fake = FakePaymentProvider(clock=lambda: START)
    headers = {SIGNATURE_HEADER: sign_webhook(body, FAKE_WEBHOOK_SECRET, now=START)}
    try:
        event = fake.parse_webhook(body, headers)
    except PaymentError as error:
        check_error(error, "webhook.invalid_payload")
    else:
        assert event.id


def test_concurrent_retries_charge_once(fake: FakePaymentProvider) -> None:
    """Ten workers retry the same request at once: one payment, one charge."""
    with ThreadPoolExecutor(max_workers=10) as pool:
        ids = set(pool.map(lambda _: fake.create_payment(request()).id, range(10)))
    assert len(ids) == 1
    assert len(fake.deliveries()) == 1


def test_resend_re_signs_an_old_delivery(fake: FakePaymentProvider, clock: FakeClock) -> None:
    payment = fake.create_payment(request(method="konbini", deadline=date(2026, 4, 2)))
    clock.advance(days=2)
    assert fake.get_payment(payment.id).status is S.EXPIRED
    old, latest = fake.deliveries(payment.id)
    assert (old.event_type, latest.event_type) == ("payment.requires_action", "payment.expired")
    with raises_code("webhook.stale_timestamp", tolerance=300):
        fake.parse_webhook(old.body, old.headers)
    stored = payment
    for delivery in [latest, old, latest, old]:
        retry = fake.resend(delivery)
        assert (retry.event_id, retry.body) == (delivery.event_id, delivery.body)
        stored = apply_event(stored, fake.parse_webhook(retry.body, retry.headers))
    assert stored == fake.get_payment(payment.id)
