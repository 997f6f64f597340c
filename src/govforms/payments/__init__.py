"""Payments: one protocol for every provider, a central state machine, signed webhooks.

* :class:`PaymentProvider` — what a provider plugin implements (create, get, capture, cancel,
  refund, parse a webhook, capabilities); plugins are found by :func:`load_provider`.
* :func:`apply_event` — the state machine: the one place that decides which provider events
  are legal; payments are immutable and move on only through it.
* :func:`sign_webhook` / :func:`verify_webhook` — HMAC-SHA256 over the raw body with a timestamp.
* :mod:`govforms.payments.testing` — a realistic fake and the conformance suite.

Amounts are ``int`` yen; the only currency is JPY.

>>> from datetime import datetime, timezone
>>> from govforms.payments.testing import FakePaymentProvider, FakeClock
>>> fake = FakePaymentProvider(clock=FakeClock(datetime(2026, 4, 1, tzinfo=timezone.utc)))
>>> request = PaymentRequest(
...     amount=300, method="card", reference="R7-000123", idempotency_key="R7-000123-1")
>>> payment = fake.create_payment(request)
>>> payment.status, payment.captured_amount
(<PaymentStatus.SUCCEEDED: 'succeeded'>, 300)
>>> fake.create_payment(request).id == payment.id
True
"""

from govforms.payments.idempotency import IdempotencyStore, request_fingerprint
from govforms.payments.models import (
    CURRENCY,
    JST,
    Amount,
    Capabilities,
    CaptureMethod,
    EventType,
    KonbiniVoucher,
    NextAction,
    NonNegativeAmount,
    PayEasyVoucher,
    Payment,
    PaymentEvent,
    PaymentMethod,
    PaymentRequest,
    PaymentStatus,
    RedirectAction,
    Refund,
    RefundStatus,
    validate_amount,
    validate_idempotency_key,
    voucher_expiry,
)
from govforms.payments.plugins import (
    ENTRY_POINT_GROUP,
    ProviderVariant,
    ProviderVariants,
    available_providers,
    load_provider,
)
from govforms.payments.protocol import PaymentProvider
from govforms.payments.state import (
    EVENT_STATUS,
    TERMINAL_STATUSES,
    TRANSITIONS,
    EventOutcome,
    apply_event,
    classify_event,
    is_terminal,
    new_payment,
)
from govforms.payments.webhooks import (
    DEFAULT_TOLERANCE,
    SIGNATURE_HEADER,
    SignatureHeader,
    WebhookSecret,
    get_signature_header,
    parse_signature_header,
    sign_webhook,
    verify_webhook,
)

__all__ = [
    "CURRENCY",
    "DEFAULT_TOLERANCE",
    "ENTRY_POINT_GROUP",
    "EVENT_STATUS",
    "JST",
    "SIGNATURE_HEADER",
    "TERMINAL_STATUSES",
    "TRANSITIONS",
    "Amount",
    "Capabilities",
    "CaptureMethod",
    "EventOutcome",
    "EventType",
    "IdempotencyStore",
    "KonbiniVoucher",
    "NextAction",
    "NonNegativeAmount",
    "PayEasyVoucher",
    "Payment",
    "PaymentEvent",
    "PaymentMethod",
    "PaymentProvider",
    "PaymentRequest",
    "PaymentStatus",
    "ProviderVariant",
    "ProviderVariants",
    "RedirectAction",
    "Refund",
    "RefundStatus",
    "SignatureHeader",
    "WebhookSecret",
    "apply_event",
    "available_providers",
    "classify_event",
    "get_signature_header",
    "is_terminal",
    "load_provider",
    "new_payment",
    "parse_signature_header",
    "request_fingerprint",
    "sign_webhook",
    "validate_amount",
    "validate_idempotency_key",
    "verify_webhook",
    "voucher_expiry",
]
