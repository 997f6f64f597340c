"""The conformance suite every payment provider plugin runs against itself.

Subclass :class:`PaymentProviderContract` in a test module, give it a ``provider`` fixture, and
pytest runs every ``test_*`` method against your provider::

    import pytest
    from govforms.payments.testing import PaymentProviderContract

    class TestMyProvider(PaymentProviderContract):
        @pytest.fixture
        def provider(self):
            return MyProvider(api_key="sk_test_...", webhook_secret="whsec_...")

Override the hooks when your provider needs it:

* :meth:`~PaymentProviderContract.make_request` — a request your sandbox accepts;
* :meth:`~PaymentProviderContract.settle` — drive a new payment to ``succeeded`` (the default
  expects it to succeed at once, as sandbox test cards usually do);
* :meth:`~PaymentProviderContract.webhooks_for` — the signed webhooks your provider sent for a
  payment (the default reads ``provider.deliveries(payment_id)`` as the fake offers, and skips
  the webhook tests when there is no such method).

This module imports pytest; :mod:`govforms.payments.testing` loads it only when
``PaymentProviderContract`` is asked for.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest

from govforms.errors import GovFormsError
from govforms.payments.models import (
    Capabilities,
    CaptureMethod,
    Payment,
    PaymentEvent,
    PaymentMethod,
    PaymentRequest,
    PaymentStatus,
    Refund,
)
from govforms.payments.protocol import PaymentProvider
from govforms.payments.state import apply_event
from govforms.payments.webhooks import SIGNATURE_HEADER

__all__ = ["PaymentProviderContract", "expect_code"]


@contextmanager
def expect_code(code: str) -> Iterator[None]:
    """``pytest.raises`` for a :class:`~govforms.errors.GovFormsError` with ``code``."""
    with pytest.raises(GovFormsError) as info:
        yield
    assert info.value.code == code, f"expected {code}, got {info.value.code} {info.value.params}"


def _without_signature(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() != SIGNATURE_HEADER.lower()}


class PaymentProviderContract:
    """What every :class:`~govforms.payments.PaymentProvider` must do. Subclass and add a
    ``provider`` fixture; every ``test_*`` method is a contract clause."""

    _keys = itertools.count(1)

    # --- hooks ----------------------------------------------------------------------------

    def new_key(self) -> str:
        """A fresh idempotency key (unique across runs, so a shared sandbox does not object)."""
        return f"contract-{next(self._keys)}-{uuid.uuid4().hex[:12]}"

    def make_request(self, provider: PaymentProvider, **fields: Any) -> PaymentRequest:
        """A request the provider accepts; ``fields`` override the defaults."""
        methods = provider.capabilities.methods
        method = PaymentMethod.CARD if PaymentMethod.CARD in methods else min(methods)
        values: dict[str, Any] = {
            "amount": max(provider.capabilities.min_amount, 1000),
            "method": method,
            "reference": "R7-CONTRACT-1",
            "idempotency_key": self.new_key(),
            "description": "証明書交付手数料",
        }
        values.update(fields)
        return PaymentRequest(**values)

    def settle(self, provider: PaymentProvider, payment: Payment) -> Payment:
        """Bring ``payment`` to ``succeeded``; the default expects it to be there already."""
        current = provider.get_payment(payment.id)
        assert current.status is PaymentStatus.SUCCEEDED, (
            "override settle() to complete a payment in your sandbox"
        )
        return current

    def webhooks_for(
        self, provider: PaymentProvider, payment_id: str
    ) -> Sequence[tuple[bytes, Mapping[str, str]]]:
        """The signed webhooks ``provider`` sent for ``payment_id``, oldest first."""
        deliveries = getattr(provider, "deliveries", None)
        if deliveries is None:
            pytest.skip("override webhooks_for() to run the webhook clauses")
        return [(d.body, d.headers) for d in deliveries(payment_id)]

    def paid(self, provider: PaymentProvider, **fields: Any) -> Payment:
        """A settled payment."""
        return self.settle(provider, provider.create_payment(self.make_request(provider, **fields)))

    # --- clauses --------------------------------------------------------------------------

    def test_is_a_payment_provider(self, provider: PaymentProvider) -> None:
        assert isinstance(provider, PaymentProvider)
        caps = provider.capabilities
        assert isinstance(caps, Capabilities)
        assert caps.methods
        assert 1 <= caps.min_amount <= caps.max_amount

    def test_create_returns_the_requested_payment(self, provider: PaymentProvider) -> None:
        request = self.make_request(provider)
        payment = provider.create_payment(request)
        assert payment.id
        assert (payment.amount, payment.method, payment.reference) == (
            request.amount,
            request.method,
            request.reference,
        )
        assert payment.currency == "JPY"
        assert payment.created_at.tzinfo is not None
        assert provider.get_payment(payment.id).id == payment.id

    def test_same_key_same_request_returns_the_original(self, provider: PaymentProvider) -> None:
        request = self.make_request(provider)
        first = provider.create_payment(request)
        again = provider.create_payment(request)
        assert again.id == first.id
        assert again.amount == first.amount

    def test_same_key_different_request_is_a_conflict(self, provider: PaymentProvider) -> None:
        request = self.make_request(provider)
        provider.create_payment(request)
        changed = request.model_copy(update={"amount": request.amount + 1})
        with expect_code("payment.idempotency_conflict"):
            provider.create_payment(changed)

    def test_unknown_payment_is_not_found(self, provider: PaymentProvider) -> None:
        with expect_code("payment.not_found"):
            provider.get_payment("pay_does_not_exist_0000")

    def test_amount_above_the_maximum_is_refused(self, provider: PaymentProvider) -> None:
        request = self.make_request(provider, amount=provider.capabilities.max_amount + 1)
        with expect_code("payment.amount_out_of_range"):
            provider.create_payment(request)

    def test_unsupported_method_is_refused(self, provider: PaymentProvider) -> None:
        missing = sorted(set(PaymentMethod) - provider.capabilities.methods)
        if not missing:
            pytest.skip("the provider takes every method")
        with expect_code("payment.method_unsupported"):
            provider.create_payment(self.make_request(provider, method=missing[0]))

    def test_refund_guards(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        balance = payment.refundable_amount
        assert balance == payment.amount
        with expect_code("payment.refundable_mismatch"):
            provider.refund_payment(
                payment.id,
                amount=1,
                expected_refundable=balance - 1,
                idempotency_key=self.new_key(),
            )
        with expect_code("payment.refund_exceeds_balance"):
            provider.refund_payment(
                payment.id,
                amount=balance + 1,
                expected_refundable=balance,
                idempotency_key=self.new_key(),
            )
        assert provider.get_payment(payment.id).refunded_amount == 0

    def test_refund_is_idempotent(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        key = self.new_key()
        balance = payment.refundable_amount
        refund = provider.refund_payment(
            payment.id, amount=balance, expected_refundable=balance, idempotency_key=key
        )
        assert isinstance(refund, Refund)
        assert (refund.payment_id, refund.amount) == (payment.id, balance)
        try:
            again = provider.refund_payment(
                payment.id, amount=balance, expected_refundable=balance, idempotency_key=key
            )
        except GovFormsError as error:
            pytest.fail(f"a retried refund with the same key must return it, got {error.code}")
        assert again.id == refund.id, "a retried refund with the same key refunded again"
        assert provider.get_payment(payment.id).refunded_amount == balance
        with expect_code("payment.idempotency_conflict"):
            provider.refund_payment(
                payment.id, amount=balance - 1, expected_refundable=balance, idempotency_key=key
            )

    def test_partial_refunds_follow_the_capabilities(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        balance = payment.refundable_amount
        if not provider.capabilities.partial_refunds:
            with expect_code("payment.partial_refund_unsupported"):
                provider.refund_payment(
                    payment.id,
                    amount=1,
                    expected_refundable=balance,
                    idempotency_key=self.new_key(),
                )
            return
        provider.refund_payment(
            payment.id, amount=1, expected_refundable=balance, idempotency_key=self.new_key()
        )
        provider.refund_payment(
            payment.id,
            amount=balance - 1,
            expected_refundable=balance - 1,
            idempotency_key=self.new_key(),
        )
        after = provider.get_payment(payment.id)
        assert (after.refunded_amount, after.refundable_amount) == (balance, 0)
        assert after.status is PaymentStatus.SUCCEEDED

    def test_a_success_means_money_was_captured(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        for seen in (payment, provider.get_payment(payment.id)):
            assert seen.status is PaymentStatus.SUCCEEDED
            assert seen.captured_amount == seen.amount, "succeeded without capturing the amount"
            assert seen.paid_at is not None
            assert seen.paid_at.tzinfo is not None

    def test_a_key_is_bound_to_one_operation(self, provider: PaymentProvider) -> None:
        request = self.make_request(provider)
        payment = self.settle(provider, provider.create_payment(request))
        balance = payment.refundable_amount
        with expect_code("payment.idempotency_conflict"):
            provider.refund_payment(
                payment.id,
                amount=balance,
                expected_refundable=balance,
                idempotency_key=request.idempotency_key,
            )
        assert provider.get_payment(payment.id).refunded_amount == 0

    def test_cancel_and_capture_are_idempotent(self, provider: PaymentProvider) -> None:
        if not provider.capabilities.manual_capture:
            pytest.skip("needs manual capture for a payment that can be canceled")
        manual = self.make_request(provider, capture=CaptureMethod.MANUAL)
        payment = provider.create_payment(manual)
        key = self.new_key()
        canceled = provider.cancel_payment(payment.id, idempotency_key=key)
        assert canceled.status is PaymentStatus.CANCELED
        assert canceled.captured_amount == 0
        assert provider.cancel_payment(payment.id, idempotency_key=key).id == payment.id
        other = provider.create_payment(self.make_request(provider, capture=CaptureMethod.MANUAL))
        with expect_code("payment.idempotency_conflict"):
            provider.cancel_payment(other.id, idempotency_key=key)
        with expect_code("payment.idempotency_conflict"):
            provider.capture_payment(other.id, idempotency_key=key)
        assert provider.get_payment(other.id).status is PaymentStatus.AUTHORIZED

    def test_a_succeeded_payment_cannot_be_canceled(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        with expect_code("payment.cancel_not_allowed"):
            provider.cancel_payment(payment.id, idempotency_key=self.new_key())

    def test_manual_capture(self, provider: PaymentProvider) -> None:
        if not provider.capabilities.manual_capture:
            with expect_code("payment.manual_capture_unsupported"):
                provider.create_payment(self.make_request(provider, capture=CaptureMethod.MANUAL))
            return
        payment = provider.create_payment(self.make_request(provider, capture=CaptureMethod.MANUAL))
        assert payment.status is PaymentStatus.AUTHORIZED
        assert payment.captured_amount == 0
        with expect_code("payment.refund_not_allowed"):
            provider.refund_payment(
                payment.id, amount=1, expected_refundable=0, idempotency_key=self.new_key()
            )
        key = self.new_key()
        captured = provider.capture_payment(payment.id, idempotency_key=key)
        assert (captured.status, captured.captured_amount) == (
            PaymentStatus.SUCCEEDED,
            payment.amount,
        )
        assert provider.capture_payment(payment.id, idempotency_key=key).id == payment.id
        with expect_code("payment.capture_not_allowed"):
            provider.capture_payment(payment.id, idempotency_key=self.new_key())

    def test_webhooks_verify_and_parse(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        deliveries = self.webhooks_for(provider, payment.id)
        assert deliveries, "a settled payment sends at least one webhook"
        for body, headers in deliveries:
            event = provider.parse_webhook(body, headers)
            assert isinstance(event, PaymentEvent)
            assert event.payment_id == payment.id

    def test_forged_and_unsigned_webhooks_are_refused(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        body, headers = self.webhooks_for(provider, payment.id)[-1]
        forged = body.replace(b'"', b" ", 1) if body.startswith(b"{") else body + b" "
        with expect_code("webhook.bad_signature"):
            provider.parse_webhook(forged, headers)
        with expect_code("webhook.missing_signature"):
            provider.parse_webhook(body, _without_signature(headers))
        with expect_code("webhook.malformed_header"):
            provider.parse_webhook(body, {**_without_signature(headers), SIGNATURE_HEADER: "v1"})

    def test_old_webhooks_are_refused(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        body, headers = self.webhooks_for(provider, payment.id)[-1]
        event = provider.parse_webhook(body, headers)
        with expect_code("webhook.stale_timestamp"):
            provider.parse_webhook(body, headers, now=event.created + timedelta(hours=1))

    def test_replayed_webhooks_change_nothing(self, provider: PaymentProvider) -> None:
        payment = self.paid(provider)
        current = provider.get_payment(payment.id)
        events = [provider.parse_webhook(b, h) for b, h in self.webhooks_for(provider, payment.id)]
        replayed = current
        for event in [*reversed(events), *events]:
            replayed = apply_event(replayed, event)
        assert (replayed.status, replayed.captured_amount, replayed.refunded_amount) == (
            current.status,
            current.captured_amount,
            current.refunded_amount,
        )
