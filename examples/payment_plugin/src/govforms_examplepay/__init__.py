"""An example govforms payment provider plugin.

``ExamplePayProvider`` implements :class:`govforms.payments.PaymentProvider` by composition (no
base class): each protocol method checks its own configuration and hands the call on. A real
plugin would call its payment agent's HTTP API here and turn the agent's statuses into
:class:`govforms.payments.PaymentEvent` s.

``VOUCHERS`` is a *named variant*: the same class under a preset configuration, registered as
its own entry point (``examplepay-vouchers``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from govforms.errors import ConfigurationError
from govforms.payments import (
    Capabilities,
    Payment,
    PaymentEvent,
    PaymentMethod,
    PaymentRequest,
    ProviderVariant,
    Refund,
    WebhookSecret,
)
from govforms.payments.testing import FakePaymentProvider, WebhookDelivery

__all__ = ["VOUCHERS", "ExamplePayProvider"]


class ExamplePayProvider:
    """An in-memory provider for ``merchant_id`` taking ``methods`` up to ``max_amount`` yen."""

    def __init__(
        self,
        *,
        webhook_secret: str,
        merchant_id: str = "example-merchant",
        methods: Iterable[str] = ("card", "konbini", "pay_easy"),
        max_amount: int = 1_000_000,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        if not merchant_id:
            raise ConfigurationError("config.invalid_option", option="merchant_id", value="")
        self.merchant_id = merchant_id
        capabilities = Capabilities(
            methods=frozenset(PaymentMethod(m) for m in methods),
            max_amount=max_amount,
            partial_refunds=True,
            manual_capture=False,
        )
        self._backend = FakePaymentProvider(
            clock=clock, webhook_secret=WebhookSecret(webhook_secret), capabilities=capabilities
        )

    def __repr__(self) -> str:
        return f"ExamplePayProvider(merchant_id={self.merchant_id!r})"

    @property
    def capabilities(self) -> Capabilities:
        return self._backend.capabilities

    def create_payment(self, request: PaymentRequest) -> Payment:
        return self._backend.create_payment(request)

    def get_payment(self, payment_id: str) -> Payment:
        return self._backend.get_payment(payment_id)

    def capture_payment(
        self, payment_id: str, *, amount: int | None = None, idempotency_key: str
    ) -> Payment:
        return self._backend.capture_payment(
            payment_id, amount=amount, idempotency_key=idempotency_key
        )

    def cancel_payment(self, payment_id: str, *, idempotency_key: str) -> Payment:
        return self._backend.cancel_payment(payment_id, idempotency_key=idempotency_key)

    def refund_payment(
        self, payment_id: str, *, amount: int, expected_refundable: int, idempotency_key: str
    ) -> Refund:
        return self._backend.refund_payment(
            payment_id,
            amount=amount,
            expected_refundable=expected_refundable,
            idempotency_key=idempotency_key,
        )

    def parse_webhook(
        self, body: bytes, headers: Mapping[str, str], *, now: datetime | None = None
    ) -> PaymentEvent:
        return self._backend.parse_webhook(body, headers, now=now)

    # Test hook used by the conformance suite's default ``webhooks_for``.
    def deliveries(self, payment_id: str | None = None) -> tuple[WebhookDelivery, ...]:
        return self._backend.deliveries(payment_id)


#: Konbini and Pay-easy only, up to ¥300,000 (a typical voucher limit).
VOUCHERS = ProviderVariant(
    ExamplePayProvider,
    {"merchant_id": "example-vouchers", "methods": ("konbini", "pay_easy"), "max_amount": 300_000},
)
