"""The protocol every payment provider plugin implements.

A provider is any object with these members (a :class:`typing.Protocol`, not a base class): no
inheritance is needed and ``isinstance(obj, PaymentProvider)`` checks the members are there.
The behaviour behind them is pinned down by the conformance suite
:class:`govforms.payments.testing.PaymentProviderContract`, which every plugin runs.

Rules a provider follows:

* **Idempotency**: every call that moves money (create, capture, cancel, refund) takes an
  idempotency key. The same key with the same request returns the original result; with a
  different request it raises ``payment.idempotency_conflict``.
* **Unknown is not failed**: when the provider may have acted but did not answer (a timeout
  after the request was sent), raise ``payment.outcome_unknown``; when it certainly did nothing
  (connection refused, 503 before processing), raise ``payment.provider_unavailable``. A caller
  retries both with the same key.
* **Refund guard**: ``refund_payment`` refuses with ``payment.refundable_mismatch`` unless
  ``expected_refundable`` equals the current refundable balance, so two staff members cannot
  both refund the same fee.
* **Status from the state machine**: statuses change only through
  :func:`~govforms.payments.apply_event` on :class:`~govforms.payments.PaymentEvent` s.
* **Webhooks**: ``parse_webhook`` verifies the signature on the raw bytes before parsing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol, runtime_checkable

from govforms.payments.models import Capabilities, Payment, PaymentEvent, PaymentRequest, Refund

__all__ = ["PaymentProvider"]


@runtime_checkable
class PaymentProvider(Protocol):
    """What govforms needs from a payment provider (see the module docs for the rules)."""

    @property
    def capabilities(self) -> Capabilities:
        """Methods, amount range, partial refunds, manual capture."""
        ...

    def create_payment(self, request: PaymentRequest) -> Payment:
        """Create (and, for automatic capture, start charging) a payment for ``request``."""
        ...

    def get_payment(self, payment_id: str) -> Payment:
        """The payment's current state (``payment.not_found`` when unknown)."""
        ...

    def capture_payment(
        self, payment_id: str, *, amount: int | None = None, idempotency_key: str
    ) -> Payment:
        """Capture an authorised payment, all of it or ``amount`` yen."""
        ...

    def cancel_payment(self, payment_id: str, *, idempotency_key: str) -> Payment:
        """Cancel a payment that has not been charged (created, requires_action, authorized)."""
        ...

    def refund_payment(
        self, payment_id: str, *, amount: int, expected_refundable: int, idempotency_key: str
    ) -> Refund:
        """Refund ``amount`` yen if the refundable balance is still ``expected_refundable``."""
        ...

    def parse_webhook(
        self, body: bytes, headers: Mapping[str, str], *, now: datetime | None = None
    ) -> PaymentEvent:
        """Verify a webhook on its raw ``body`` and return the event it carries."""
        ...
