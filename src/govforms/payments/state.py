"""The payment state machine: the one place that decides which provider events are legal.

Plugins do not set statuses; they report :class:`~govforms.payments.PaymentEvent` s and
:func:`apply_event` turns a payment and an event into the next payment (a new object: payments
are immutable). The rules, the same for every provider:

1. An event for another payment is ``payment.event_mismatch``.
2. An event whose id was applied before is a no-op (webhooks are delivered at least once).
   The id is the event's identity (as at Stripe): the same id with a different body (another
   type, amount or time) is ``payment.event_conflict`` and changes nothing — a provider bug or
   a forgery with a leaked secret, to be investigated, never silently merged or dropped.
3. A *stale* event — older than the last one applied, by provider ``sequence`` when both have
   one, else by ``created`` time — is ignored: events are snapshots, so the newer one already
   holds everything the older one says. This is what settles the race between the browser
   return (which loads the payment) and a webhook sent earlier but delivered later.
4. The move must be in :data:`TRANSITIONS`; terminal states (succeeded, failed, canceled,
   expired) are final. A succeeded payment still takes ``payment.refunded`` events, and a
   repeated report of the status a terminal payment already has is accepted when it changes
   nothing. A ``payment.refunded`` event that overtakes the success it implies is applied as
   that success (it must then carry ``captured_amount``). Anything else is
   ``payment.invalid_transition``.
5. ``refunded <= captured <= amount`` always, neither total ever decreases, and money is
   captured only by a payment that succeeds, a payment that succeeds has captured money, and
   a refund never changes what a succeeded payment captured (``payment.inconsistent_amounts``):
   nothing looks paid that is not.

>>> from datetime import datetime, timezone
>>> at = datetime(2026, 4, 1, 3, 0, tzinfo=timezone.utc)
>>> request = PaymentRequest(amount=300, method="card", reference="R7-1", idempotency_key="k1")
>>> payment = new_payment(request, payment_id="pay_1", created_at=at)
>>> event = PaymentEvent(id="evt_1", type="payment.succeeded", payment_id="pay_1", created=at)
>>> paid = apply_event(payment, event)
>>> paid.status, paid.captured_amount, paid.refundable_amount
(<PaymentStatus.SUCCEEDED: 'succeeded'>, 300, 300)
>>> apply_event(paid, event) is paid
True
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Final

from govforms.errors import PaymentError
from govforms.payments.models import (
    TERMINAL_STATUSES,
    EventType,
    NextAction,
    Payment,
    PaymentEvent,
    PaymentRequest,
    PaymentStatus,
)

__all__ = [
    "EVENT_STATUS",
    "TERMINAL_STATUSES",
    "TRANSITIONS",
    "EventOutcome",
    "apply_event",
    "classify_event",
    "event_digest",
    "is_terminal",
    "new_payment",
]

_S = PaymentStatus

#: For each status, the statuses an event may move it to. A non-terminal status may be reported
#: again (an update such as a new voucher); terminal statuses have no way out.
TRANSITIONS: Final[Mapping[PaymentStatus, frozenset[PaymentStatus]]] = MappingProxyType(
    {
        _S.CREATED: frozenset(
            {
                _S.REQUIRES_ACTION,
                _S.PROCESSING,
                _S.AUTHORIZED,
                _S.SUCCEEDED,
                _S.FAILED,
                _S.CANCELED,
                _S.EXPIRED,
            }
        ),
        _S.REQUIRES_ACTION: frozenset(
            {
                _S.REQUIRES_ACTION,
                _S.PROCESSING,
                _S.AUTHORIZED,
                _S.SUCCEEDED,
                _S.FAILED,
                _S.CANCELED,
                _S.EXPIRED,
            }
        ),
        _S.PROCESSING: frozenset({_S.PROCESSING, _S.AUTHORIZED, _S.SUCCEEDED, _S.FAILED}),
        _S.AUTHORIZED: frozenset(
            {_S.AUTHORIZED, _S.PROCESSING, _S.SUCCEEDED, _S.FAILED, _S.CANCELED, _S.EXPIRED}
        ),
        _S.SUCCEEDED: frozenset(),
        _S.FAILED: frozenset(),
        _S.CANCELED: frozenset(),
        _S.EXPIRED: frozenset(),
    }
)

#: The status each event type reports (``payment.refunded`` keeps a payment succeeded).
EVENT_STATUS: Final[Mapping[EventType, PaymentStatus]] = MappingProxyType(
    {
        EventType.REQUIRES_ACTION: _S.REQUIRES_ACTION,
        EventType.PROCESSING: _S.PROCESSING,
        EventType.AUTHORIZED: _S.AUTHORIZED,
        EventType.SUCCEEDED: _S.SUCCEEDED,
        EventType.FAILED: _S.FAILED,
        EventType.CANCELED: _S.CANCELED,
        EventType.EXPIRED: _S.EXPIRED,
        EventType.REFUNDED: _S.SUCCEEDED,
    }
)


class EventOutcome(enum.StrEnum):
    """What :func:`apply_event` does with an event."""

    APPLY = "apply"
    DUPLICATE = "duplicate"
    STALE = "stale"


def is_terminal(status: PaymentStatus) -> bool:
    """``True`` when a payment in ``status`` can no longer change status."""
    return status in TERMINAL_STATUSES


def new_payment(
    request: PaymentRequest,
    *,
    payment_id: str,
    created_at: datetime,
    expires_at: datetime | None = None,
    next_action: NextAction | None = None,
) -> Payment:
    """The payment a provider has just created for ``request``, in status ``created``."""
    return Payment(
        id=payment_id,
        status=_S.CREATED,
        amount=request.amount,
        method=request.method,
        reference=request.reference,
        capture=request.capture,
        created_at=created_at,
        updated_at=created_at,
        expires_at=expires_at,
        next_action=next_action,
    )


def _utc(value: object) -> str:
    # json.dumps calls this for every value it cannot write, however deeply nested.
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)


def event_digest(event: PaymentEvent) -> str:
    """A SHA-256 hex digest of ``event``'s content (every time in UTC, the voucher's expiry too,
    so the same instant written with another offset is the same event)."""
    canonical = json.dumps(event.model_dump(), sort_keys=True, default=_utc, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def classify_event(payment: Payment, event: PaymentEvent) -> EventOutcome:
    """Whether ``event`` is new, a duplicate or stale for ``payment`` (rules 1-3 above).

    Says nothing about legality: :func:`apply_event` checks that. A known id with another body
    is ``payment.event_conflict``.
    """
    if event.payment_id != payment.id:
        raise PaymentError(
            "payment.event_mismatch", payment_id=payment.id, event_payment_id=event.payment_id
        )
    if event.id in payment.applied_event_ids:
        recorded = dict(payment.applied_event_digests).get(event.id)
        if recorded is not None and recorded != event_digest(event):
            raise PaymentError("payment.event_conflict", event_id=event.id[:64])
        return EventOutcome.DUPLICATE
    if event.sequence is not None and payment.last_sequence is not None:
        if event.sequence <= payment.last_sequence:
            return EventOutcome.STALE
    elif event.created < payment.updated_at:
        return EventOutcome.STALE
    return EventOutcome.APPLY


def _refused(payment: Payment, event: PaymentEvent) -> PaymentError:
    return PaymentError(
        "payment.invalid_transition",
        from_status=str(payment.status),
        event_type=str(event.type),
    )


def _amounts(payment: Payment, event: PaymentEvent, target: PaymentStatus) -> tuple[int, int]:
    """The captured and refunded totals after ``event``."""
    captured = payment.captured_amount
    refunded = payment.refunded_amount
    if event.type is EventType.REFUNDED:
        if event.refunded_amount is None:
            raise PaymentError(
                "payment.event_invalid", event_type=str(event.type), missing="refunded_amount"
            )
        refunded = event.refunded_amount
        if event.captured_amount is not None:
            captured = event.captured_amount
    elif target is _S.SUCCEEDED:
        if event.captured_amount is not None:
            captured = event.captured_amount
        elif payment.status is not _S.SUCCEEDED:
            captured = payment.amount
    elif event.captured_amount is not None:
        captured = event.captured_amount
    if event.type is not EventType.REFUNDED and event.refunded_amount is not None:
        refunded = event.refunded_amount
    if (
        not refunded <= captured <= payment.amount
        or captured < payment.captured_amount
        or refunded < payment.refunded_amount
        or (captured and target is not _S.SUCCEEDED)
        or (not captured and target is _S.SUCCEEDED)
        # Once a payment succeeded its capture is settled: a refund cannot add money to it.
        or (
            payment.status is _S.SUCCEEDED
            and event.type is EventType.REFUNDED
            and captured != payment.captured_amount
        )
    ):
        raise PaymentError(
            "payment.inconsistent_amounts",
            amount=payment.amount,
            captured=captured,
            refunded=refunded,
        )
    return captured, refunded


def apply_event(payment: Payment, event: PaymentEvent) -> Payment:
    """The payment after ``event``; ``payment`` itself when the event is a duplicate or stale.

    Raises :class:`~govforms.errors.PaymentError`: ``payment.event_mismatch``,
    ``payment.event_conflict``, ``payment.invalid_transition``,
    ``payment.inconsistent_amounts``, ``payment.event_invalid``.
    """
    if classify_event(payment, event) is not EventOutcome.APPLY:
        return payment
    target = EVENT_STATUS[event.type]
    if event.type is EventType.REFUNDED:
        if payment.status is not _S.SUCCEEDED:
            # A refund snapshot overtook the success it implies: legal where success is.
            if _S.SUCCEEDED not in TRANSITIONS[payment.status]:
                raise _refused(payment, event)
            if event.captured_amount is None:
                raise PaymentError(
                    "payment.event_invalid", event_type=str(event.type), missing="captured_amount"
                )
    elif is_terminal(payment.status):
        if target is not payment.status:
            raise _refused(payment, event)
    elif target not in TRANSITIONS[payment.status]:
        raise _refused(payment, event)

    captured, refunded = _amounts(payment, event, target)
    changes: dict[str, Any] = {
        "status": target,
        "captured_amount": captured,
        "refunded_amount": refunded,
        "updated_at": max(payment.updated_at, event.created),
        "applied_event_ids": (*payment.applied_event_ids, event.id),
        "applied_event_digests": (
            *payment.applied_event_digests,
            (event.id, event_digest(event)),
        ),
    }
    if event.sequence is not None:
        changes["last_sequence"] = max(event.sequence, payment.last_sequence or 0)

    if is_terminal(payment.status):
        # A repeated terminal report (or a refund): only the refunded total may move.
        if event.type is not EventType.REFUNDED and (
            captured != payment.captured_amount or refunded != payment.refunded_amount
        ):
            raise _refused(payment, event)
        return payment.model_copy(update=changes)

    if event.expires_at is not None:
        changes["expires_at"] = event.expires_at
    if target is _S.REQUIRES_ACTION:
        if event.next_action is not None:
            changes["next_action"] = event.next_action
    elif target in (_S.PROCESSING, _S.AUTHORIZED):
        changes["next_action"] = event.next_action
    else:
        changes["next_action"] = None
    if target is _S.SUCCEEDED:
        changes["paid_at"] = event.paid_at or event.created
    elif target in (_S.AUTHORIZED, _S.PROCESSING) and event.paid_at is not None:
        changes["paid_at"] = event.paid_at
    if target in (_S.FAILED, _S.CANCELED, _S.EXPIRED):
        # An authorisation that ends without a capture was never a payment: no payment date.
        changes["paid_at"] = None
    if target is _S.FAILED:
        changes["failure_code"] = event.failure_code or "unknown"
    return payment.model_copy(update=changes)
