"""Test doubles for payments: a fake provider and the conformance suite.

:class:`FakePaymentProvider` behaves like a real provider (scenarios, vouchers that expire,
timeouts, outages, signed webhooks) and is good enough to build a demo on.
:class:`PaymentProviderContract` is the pytest conformance suite every plugin runs; it is
imported lazily, so using the fake does not need pytest.

>>> from datetime import datetime, timezone
>>> from govforms.payments import PaymentRequest
>>> clock = FakeClock(datetime(2026, 4, 1, 1, 0, tzinfo=timezone.utc))
>>> fake = FakePaymentProvider(clock=clock)
>>> payment = fake.create_payment(PaymentRequest(
...     amount=300, method="konbini", reference="R7-000123", idempotency_key="R7-000123-1"))
>>> payment.status.value, payment.next_action.type, payment.expires_at.isoformat()
('requires_action', 'konbini', '2026-04-04T23:59:59+09:00')
>>> fake.pay_voucher(payment.id).status.value
'succeeded'
>>> [d.event_type.value for d in fake.deliveries(payment.id)]
['payment.requires_action', 'payment.succeeded']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govforms.payments.testing.clock import FakeClock
from govforms.payments.testing.fake import (
    FAKE_WEBHOOK_SECRET,
    SCENARIOS,
    FakeCall,
    FakePaymentProvider,
    WebhookDelivery,
)

if TYPE_CHECKING:
    from govforms.payments.testing.contract import PaymentProviderContract, expect_code

__all__ = [
    "FAKE_WEBHOOK_SECRET",
    "SCENARIOS",
    "FakeCall",
    "FakeClock",
    "FakePaymentProvider",
    "PaymentProviderContract",
    "WebhookDelivery",
    "expect_code",
]


def __getattr__(name: str) -> Any:
    if name in ("PaymentProviderContract", "expect_code"):
        from govforms.payments.testing import contract

        return getattr(contract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
