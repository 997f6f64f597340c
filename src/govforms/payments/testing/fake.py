"""A fake payment provider that behaves like a real one: stateful, deterministic, scriptable.

The outcome of each payment is chosen by ``request.metadata["fake_scenario"]``:

``succeed`` (default for card, QR, bank transfer)
    charged at once (or authorised, with manual capture).
``decline``
    the payment fails with ``failure_code="card_declined"``.
``requires_action``
    3-D Secure style: ``requires_action`` with a redirect; the test then calls
    :meth:`FakePaymentProvider.authenticate` to make it succeed or fail.
``voucher`` (default for konbini and Pay-easy)
    a voucher (konbini numbers or Pay-easy 収納機関番号/納付番号/確認番号) valid until 23:59:59
    JST of the deadline day (default: three days after today in JST); the test calls
    :meth:`~FakePaymentProvider.pay_voucher`, or moves the clock past the deadline and the
    payment expires.
``timeout``
    the charge goes through, then the call raises ``payment.outcome_unknown``; a retry with the
    same idempotency key returns the charged payment.
``outage``
    the first attempt with a given idempotency key raises ``payment.provider_unavailable`` and
    does nothing; a retry goes through as ``succeed``.

:meth:`~FakePaymentProvider.inject_failure` makes the next capture, cancel or refund time out
or hit an outage in the same way.

Every state change is a :class:`~govforms.payments.PaymentEvent` applied through
:func:`~govforms.payments.apply_event` and delivered as a signed webhook that the test can fetch
(:meth:`~FakePaymentProvider.deliveries`), duplicate and reorder. Every call is recorded
(:attr:`~FakePaymentProvider.calls`) with sanitised arguments: amounts, ids and keys, never
metadata, descriptions or secrets. Ids are counters (``pay_<seed>_<n>``), not random.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import attrs
from pydantic import ValidationError

from govforms.errors import ConfigurationError, PaymentError
from govforms.payments.idempotency import IdempotencyStore, request_fingerprint
from govforms.payments.models import (
    JST,
    Capabilities,
    CaptureMethod,
    EventType,
    KonbiniVoucher,
    NextAction,
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
    voucher_expiry,
)
from govforms.payments.state import apply_event, new_payment
from govforms.payments.webhooks import (
    SIGNATURE_HEADER,
    Secrets,
    WebhookSecret,
    _secrets,
    get_signature_header,
    sign_webhook,
    verify_webhook,
)

__all__ = [
    "FAKE_WEBHOOK_SECRET",
    "SCENARIOS",
    "FakeCall",
    "FakePaymentProvider",
    "WebhookDelivery",
]

#: The fake's default webhook secret (a test value, not a real one).
FAKE_WEBHOOK_SECRET: Final = "whsec_govforms_fake"  # noqa: S105 - a public test value
#: Scenario names accepted in ``metadata["fake_scenario"]``.
SCENARIOS: Final = ("decline", "outage", "requires_action", "succeed", "timeout", "voucher")
_VOUCHER_METHODS: Final = frozenset({PaymentMethod.KONBINI, PaymentMethod.PAY_EASY})
_DEFAULT_VOUCHER_DAYS: Final = 3
#: A voucher expiring at 23:59:59 is payable through that whole second (until 00:00:00).
_VOUCHER_SECOND: Final = timedelta(seconds=1)
_EXPIRABLE: Final = frozenset({PaymentStatus.CREATED, PaymentStatus.REQUIRES_ACTION})
_CANCELABLE: Final = frozenset(
    {PaymentStatus.CREATED, PaymentStatus.REQUIRES_ACTION, PaymentStatus.AUTHORIZED}
)


@attrs.frozen(slots=True)
class FakeCall:
    """One call made to the fake: the method name and its sanitised arguments."""

    method: str
    args: Mapping[str, Any] = attrs.field(converter=dict)


@attrs.frozen(slots=True)
class WebhookDelivery:
    """A signed webhook the fake sent: post ``body`` with ``headers`` to the app under test."""

    event_id: str
    event_type: EventType
    payment_id: str
    body: bytes = attrs.field(repr=lambda b: f"<{len(b)} bytes>")
    header_items: tuple[tuple[str, str], ...] = attrs.field(repr=False)

    @property
    def headers(self) -> dict[str, str]:
        """The HTTP headers (a fresh dict each time)."""
        return dict(self.header_items)


class _Failure(enum.StrEnum):
    TIMEOUT = "timeout"
    OUTAGE = "outage"


class FakePaymentProvider:
    """An in-memory :class:`~govforms.payments.PaymentProvider` (see the module docs).

    ``clock`` returns the current aware time (default: the system clock in UTC); ``seed`` names
    the id series; ``webhook_secret`` may be several secrets (all sign, any verifies) to test a
    rotation. Thread-safe.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None = None,
        webhook_secret: Secrets = FAKE_WEBHOOK_SECRET,
        seed: int = 0,
        capabilities: Capabilities | None = None,
        webhook_tolerance: int = 300,
    ) -> None:
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise ConfigurationError("config.invalid_option", option="seed", value=str(seed))
        self._clock = clock or (lambda: datetime.now(UTC))
        self._secrets: tuple[WebhookSecret, ...] = _secrets(webhook_secret)
        self._seed = seed
        self._tolerance = webhook_tolerance
        self._capabilities = capabilities or Capabilities(
            methods=frozenset(PaymentMethod),
            min_amount=1,
            max_amount=3_000_000,
            partial_refunds=True,
            manual_capture=True,
            partial_capture=True,
        )
        self._lock = threading.RLock()
        self._counter = 0
        self._payments: dict[str, Payment] = {}
        self._refunds: dict[str, Refund] = {}
        self._idempotency: IdempotencyStore[str] = IdempotencyStore()
        self._outage_seen: set[str] = set()
        self._injected: dict[str, _Failure] = {}
        self._deliveries: list[WebhookDelivery] = []
        self._calls: list[FakeCall] = []

    def __repr__(self) -> str:
        return f"FakePaymentProvider(seed={self._seed}, payments={len(self._payments)})"

    # --- the protocol -------------------------------------------------------------------

    @property
    def capabilities(self) -> Capabilities:
        return self._capabilities

    def create_payment(self, request: PaymentRequest) -> Payment:
        scenario = request.metadata.get("fake_scenario") or (
            "voucher" if request.method in _VOUCHER_METHODS else "succeed"
        )
        with self._lock:
            self._record(
                "create_payment",
                amount=request.amount,
                method=str(request.method),
                reference=request.reference,
                idempotency_key=request.idempotency_key,
                scenario=scenario,
            )
            self._sweep()
            payload = request.model_dump(mode="json", exclude={"idempotency_key"})
            fingerprint = request_fingerprint("create_payment", payload)
            key = request.idempotency_key
            done = self._idempotency.lookup(key, fingerprint, "create_payment")
            if done is not None:
                return self._payments[done]
            now = self._now()
            self._capabilities.check_request(request, today=now.astimezone(JST).date())
            if scenario not in SCENARIOS:
                raise ConfigurationError(
                    "payment.fake_scenario_unknown", scenario=scenario[:40], known=list(SCENARIOS)
                )
            if scenario == "voucher" and request.method not in _VOUCHER_METHODS:
                raise ConfigurationError(
                    "config.invalid_option", option="fake_scenario", value="voucher"
                )
            if scenario == "outage" and key not in self._outage_seen:
                self._outage_seen.add(key)
                raise PaymentError("payment.provider_unavailable", operation="create_payment")

            payment_id = self._next_id("pay")
            expires_at = None
            if request.deadline is not None:
                expires_at = voucher_expiry(request.deadline)
            elif scenario == "voucher":
                deadline = now.astimezone(JST).date() + timedelta(days=_DEFAULT_VOUCHER_DAYS)
                expires_at = voucher_expiry(deadline)
            self._payments[payment_id] = new_payment(
                request, payment_id=payment_id, created_at=now, expires_at=expires_at
            )
            self._idempotency.remember(key, fingerprint, payment_id, operation="create_payment")
            manual = request.capture is CaptureMethod.MANUAL
            if scenario in ("succeed", "outage", "timeout"):
                self._charge(payment_id, manual=manual)
            elif scenario == "decline":
                self._emit(payment_id, EventType.FAILED, failure_code="card_declined")
            elif scenario == "requires_action":
                url = f"https://fake-pay.invalid/authenticate/{payment_id}"
                self._emit(
                    payment_id, EventType.REQUIRES_ACTION, next_action=RedirectAction(url=url)
                )
            else:
                assert expires_at is not None
                voucher = self._voucher(request.method, expires_at)
                self._emit(payment_id, EventType.REQUIRES_ACTION, next_action=voucher)
            if scenario == "timeout":
                raise PaymentError("payment.outcome_unknown", operation="create_payment")
            return self._payments[payment_id]

    def get_payment(self, payment_id: str) -> Payment:
        with self._lock:
            self._record("get_payment", payment_id=payment_id)
            self._sweep()
            return self._get(payment_id)

    def capture_payment(
        self, payment_id: str, *, amount: int | None = None, idempotency_key: str
    ) -> Payment:
        with self._lock:
            self._record(
                "capture_payment",
                payment_id=payment_id,
                amount=amount,
                idempotency_key=idempotency_key,
            )
            self._sweep()
            payload = {"payment_id": payment_id, "amount": amount}
            fingerprint = request_fingerprint("capture_payment", payload)
            done = self._idempotency.lookup(idempotency_key, fingerprint, "capture_payment")
            if done is not None:
                return self._get(done)
            payment = self._get(payment_id)
            to_capture = payment.amount if amount is None else validate_amount(amount)
            if payment.status is not PaymentStatus.AUTHORIZED:
                raise PaymentError("payment.capture_not_allowed", status=str(payment.status))
            if to_capture > payment.amount:
                raise PaymentError(
                    "payment.capture_exceeds_amount", amount=to_capture, authorized=payment.amount
                )
            if to_capture != payment.amount and not self._capabilities.partial_capture:
                raise PaymentError(
                    "payment.partial_capture_unsupported",
                    amount=to_capture,
                    authorized=payment.amount,
                )
            self._injected_outage("capture_payment")
            self._idempotency.remember(
                idempotency_key, fingerprint, payment_id, operation="capture_payment"
            )
            self._emit(
                payment_id,
                EventType.SUCCEEDED,
                captured_amount=to_capture,
                paid_at=payment.paid_at,
            )
            self._injected_timeout("capture_payment")
            return self._get(payment_id)

    def cancel_payment(self, payment_id: str, *, idempotency_key: str) -> Payment:
        with self._lock:
            self._record("cancel_payment", payment_id=payment_id, idempotency_key=idempotency_key)
            self._sweep()
            fingerprint = request_fingerprint("cancel_payment", {"payment_id": payment_id})
            done = self._idempotency.lookup(idempotency_key, fingerprint, "cancel_payment")
            if done is not None:
                return self._get(done)
            payment = self._get(payment_id)
            if payment.status not in _CANCELABLE:
                raise PaymentError("payment.cancel_not_allowed", status=str(payment.status))
            self._injected_outage("cancel_payment")
            self._idempotency.remember(
                idempotency_key, fingerprint, payment_id, operation="cancel_payment"
            )
            self._emit(payment_id, EventType.CANCELED)
            self._injected_timeout("cancel_payment")
            return self._get(payment_id)

    def refund_payment(
        self, payment_id: str, *, amount: int, expected_refundable: int, idempotency_key: str
    ) -> Refund:
        with self._lock:
            self._record(
                "refund_payment",
                payment_id=payment_id,
                amount=amount,
                expected_refundable=expected_refundable,
                idempotency_key=idempotency_key,
            )
            self._sweep()
            validate_amount(amount)
            validate_amount(expected_refundable, allow_zero=True)
            payload = {
                "payment_id": payment_id,
                "amount": amount,
                "expected_refundable": expected_refundable,
            }
            fingerprint = request_fingerprint("refund_payment", payload)
            done = self._idempotency.lookup(idempotency_key, fingerprint, "refund_payment")
            if done is not None:
                return self._refunds[done]
            payment = self._get(payment_id)
            if payment.status is not PaymentStatus.SUCCEEDED:
                raise PaymentError("payment.refund_not_allowed", status=str(payment.status))
            refundable = payment.refundable_amount
            if expected_refundable != refundable:
                raise PaymentError(
                    "payment.refundable_mismatch", expected=expected_refundable, actual=refundable
                )
            if amount > refundable:
                raise PaymentError(
                    "payment.refund_exceeds_balance", amount=amount, refundable=refundable
                )
            if amount != refundable and not self._capabilities.partial_refunds:
                raise PaymentError(
                    "payment.partial_refund_unsupported", amount=amount, refundable=refundable
                )
            self._injected_outage("refund_payment")
            refund = Refund(
                id=self._next_id("re"),
                payment_id=payment_id,
                amount=amount,
                status=RefundStatus.SUCCEEDED,
                created_at=self._now(),
            )
            self._refunds[refund.id] = refund
            self._idempotency.remember(
                idempotency_key, fingerprint, refund.id, operation="refund_payment"
            )
            self._emit(
                payment_id,
                EventType.REFUNDED,
                captured_amount=payment.captured_amount,
                refunded_amount=payment.refunded_amount + amount,
                refund_id=refund.id,
                paid_at=payment.paid_at,
            )
            self._injected_timeout("refund_payment")
            return refund

    def parse_webhook(
        self, body: bytes, headers: Mapping[str, str], *, now: datetime | None = None
    ) -> PaymentEvent:
        with self._lock:
            self._record("parse_webhook", body_length=len(body) if isinstance(body, bytes) else 0)
        verify_webhook(
            body,
            get_signature_header(headers),
            self._secrets,
            now=now or self._now(),
            tolerance=self._tolerance,
        )
        try:
            return PaymentEvent.model_validate_json(body)
        except ValidationError:
            raise PaymentError("webhook.invalid_payload") from None

    # --- what the resident does, and what the test looks at ------------------------------

    def authenticate(self, payment_id: str, *, succeed: bool = True) -> Payment:
        """The resident completes (or fails) the 3-D Secure step of a ``requires_action``
        payment."""
        with self._lock:
            self._record("authenticate", payment_id=payment_id, succeed=succeed)
            self._sweep()
            payment = self._get(payment_id)
            if payment.status is not PaymentStatus.REQUIRES_ACTION or not isinstance(
                payment.next_action, RedirectAction
            ):
                raise PaymentError(
                    "payment.fake_action_invalid", action="authenticate", status=str(payment.status)
                )
            if succeed:
                self._charge(payment_id, manual=payment.capture is CaptureMethod.MANUAL)
            else:
                self._emit(payment_id, EventType.FAILED, failure_code="authentication_failed")
            return self._get(payment_id)

    def pay_voucher(self, payment_id: str) -> Payment:
        """The resident pays a konbini or Pay-easy voucher now (before it expires)."""
        with self._lock:
            self._record("pay_voucher", payment_id=payment_id)
            self._sweep()
            payment = self._get(payment_id)
            if payment.status is not PaymentStatus.REQUIRES_ACTION or not isinstance(
                payment.next_action, KonbiniVoucher | PayEasyVoucher
            ):
                raise PaymentError(
                    "payment.fake_action_invalid", action="pay_voucher", status=str(payment.status)
                )
            self._charge(payment_id, manual=False)
            return self._get(payment_id)

    def process_due(self) -> tuple[str, ...]:
        """Expire what is past its deadline at the current clock time; the ids expired."""
        with self._lock:
            return self._sweep()

    def inject_failure(self, operation: str, kind: str) -> None:
        """Make the next ``operation`` (``capture_payment``, ``cancel_payment`` or
        ``refund_payment``) hit ``kind``: ``"outage"`` (nothing done) or ``"timeout"`` (done,
        then ``payment.outcome_unknown``)."""
        if operation not in ("capture_payment", "cancel_payment", "refund_payment"):
            raise ConfigurationError("config.invalid_option", option="operation", value=operation)
        try:
            failure = _Failure(kind)
        except ValueError:
            raise ConfigurationError("config.invalid_option", option="kind", value=kind) from None
        with self._lock:
            self._injected[operation] = failure

    def deliveries(self, payment_id: str | None = None) -> tuple[WebhookDelivery, ...]:
        """Every webhook sent so far (for ``payment_id`` only, if given), oldest first."""
        with self._lock:
            return tuple(
                d for d in self._deliveries if payment_id is None or d.payment_id == payment_id
            )

    def resend(self, delivery: WebhookDelivery) -> WebhookDelivery:
        """``delivery`` again, signed at the current clock time, as a provider's retry is (the
        same event id and body; only the signature's timestamp changes)."""
        with self._lock:
            header = sign_webhook(delivery.body, self._secrets, now=self._now())
        items = tuple(
            (name, header if name == SIGNATURE_HEADER else value)
            for name, value in delivery.header_items
        )
        return attrs.evolve(delivery, header_items=items)

    def clear_deliveries(self) -> None:
        """Forget the webhooks sent so far."""
        with self._lock:
            self._deliveries.clear()

    @property
    def calls(self) -> tuple[FakeCall, ...]:
        """Every call made, oldest first."""
        with self._lock:
            return tuple(self._calls)

    def refunds(self, payment_id: str) -> tuple[Refund, ...]:
        """The refunds of ``payment_id``, oldest first."""
        with self._lock:
            return tuple(r for r in self._refunds.values() if r.payment_id == payment_id)

    # --- internals ------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None or now.utcoffset() is None:
            raise ConfigurationError("config.invalid_option", option="clock", value="naive")
        return now

    def _next_id(self, kind: str) -> str:
        self._counter += 1
        return f"{kind}_{self._seed}_{self._counter}"

    def _record(self, name: str, /, **args: Any) -> None:
        self._calls.append(FakeCall(name, args))

    def _get(self, payment_id: str) -> Payment:
        payment = self._payments.get(payment_id)
        if payment is None:
            raise PaymentError("payment.not_found", payment_id=str(payment_id)[:64])
        return payment

    def _injected_outage(self, operation: str) -> None:
        if self._injected.get(operation) is _Failure.OUTAGE:
            del self._injected[operation]
            raise PaymentError("payment.provider_unavailable", operation=operation)

    def _injected_timeout(self, operation: str) -> None:
        if self._injected.get(operation) is _Failure.TIMEOUT:
            del self._injected[operation]
            raise PaymentError("payment.outcome_unknown", operation=operation)

    def _charge(self, payment_id: str, *, manual: bool) -> None:
        now = self._now()
        if manual:
            self._emit(payment_id, EventType.AUTHORIZED, paid_at=now)
        else:
            amount = self._payments[payment_id].amount
            self._emit(payment_id, EventType.SUCCEEDED, captured_amount=amount, paid_at=now)

    def _voucher(self, method: PaymentMethod, expires_at: datetime) -> NextAction:
        n = self._counter
        if method is PaymentMethod.KONBINI:
            return KonbiniVoucher(
                payment_number=f"{self._seed % 100:02d}{n:08d}",
                confirmation_number=f"{(n * 7919) % 10**6:06d}",
                expires_at=expires_at,
            )
        return PayEasyVoucher(
            institution_number="58091",  # a made-up test value, not a real agent
            customer_number=f"{self._seed % 100:02d}{n:014d}",
            confirmation_number=f"{(n * 7919) % 10**6:06d}",
            expires_at=expires_at,
        )

    def _sweep(self) -> tuple[str, ...]:
        now = self._now()
        expired = []
        for payment in list(self._payments.values()):
            if (
                payment.status in _EXPIRABLE
                and payment.expires_at is not None
                and now - payment.expires_at >= _VOUCHER_SECOND
            ):
                self._emit(payment.id, EventType.EXPIRED)
                expired.append(payment.id)
        return tuple(expired)

    def _emit(self, payment_id: str, type_: EventType, **fields: Any) -> None:
        self._counter += 1
        now = self._now()
        event = PaymentEvent(
            id=f"evt_{self._seed}_{self._counter}",
            type=type_,
            payment_id=payment_id,
            created=now,
            sequence=self._counter,
            **fields,
        )
        self._payments[payment_id] = apply_event(self._payments[payment_id], event)
        body = event.model_dump_json(exclude_none=True).encode("utf-8")
        header = sign_webhook(body, self._secrets, now=now)
        self._deliveries.append(
            WebhookDelivery(
                event_id=event.id,
                event_type=type_,
                payment_id=payment_id,
                body=body,
                header_items=(
                    ("Content-Type", "application/json"),
                    (SIGNATURE_HEADER, header),
                ),
            )
        )
