"""The payment model: requests, payments, refunds, events and capabilities.

Amounts are ``int`` yen: JPY has no minor unit (ISO 4217 exponent 0), so an amount is a whole
number of yen and never a ``float`` (``bool`` is refused too, although Python counts it as an
``int``). The only currency is ``"JPY"``. Every timestamp is timezone-aware.

The models are pydantic (they are parsed from webhooks and serialised into submissions) and
frozen. A rule broken while a model is built comes out as a pydantic error whose ``type`` is
our code and whose ``ctx`` is our params, as in :mod:`govforms.fields`; the plain checks
(:func:`validate_amount`) raise :class:`~govforms.errors.PaymentError` directly.

>>> validate_amount(300)
300
>>> validate_amount(True)
Traceback (most recent call last):
govforms.errors.PaymentError: [payment.amount_type] An amount is a whole number of yen, not bool.
>>> voucher_expiry(date(2026, 4, 1)).isoformat()
'2026-04-01T23:59:59+09:00'
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated, Any, Final, Literal, TypeAlias

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from govforms._pydantic import to_pydantic_error
from govforms.errors import GovFormsError, PaymentError

__all__ = [
    "CURRENCY",
    "JST",
    "TERMINAL_STATUSES",
    "Amount",
    "Capabilities",
    "CaptureMethod",
    "EventType",
    "KonbiniVoucher",
    "NextAction",
    "NonNegativeAmount",
    "PayEasyVoucher",
    "Payment",
    "PaymentEvent",
    "PaymentMethod",
    "PaymentRequest",
    "PaymentStatus",
    "RedirectAction",
    "Refund",
    "RefundStatus",
    "validate_amount",
    "validate_idempotency_key",
    "voucher_expiry",
]

#: Japan Standard Time: UTC+9 all year (Japan has no daylight saving time).
JST: Final = timezone(timedelta(hours=9), "JST")
#: The one currency govforms handles.
CURRENCY: Final = "JPY"

_MAX_REFERENCE: Final = 64
_MAX_DESCRIPTION: Final = 255
_MAX_KEY: Final = 255
_MAX_METADATA_ITEMS: Final = 50
_MAX_METADATA_KEY: Final = 40
_MAX_METADATA_VALUE: Final = 500


class PaymentStatus(enum.StrEnum):
    """Where a payment is in its life; :mod:`govforms.payments.state` decides the moves."""

    CREATED = "created"
    REQUIRES_ACTION = "requires_action"
    PROCESSING = "processing"
    AUTHORIZED = "authorized"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    EXPIRED = "expired"


class PaymentMethod(enum.StrEnum):
    """How the resident pays: card, konbini (コンビニ), Pay-easy (ペイジー), QR, bank transfer."""

    CARD = "card"
    KONBINI = "konbini"
    PAY_EASY = "pay_easy"
    QR = "qr"
    BANK_TRANSFER = "bank_transfer"


#: Statuses a payment never leaves (:mod:`govforms.payments.state` has no way out of them).
TERMINAL_STATUSES: Final = frozenset(
    {
        PaymentStatus.SUCCEEDED,
        PaymentStatus.FAILED,
        PaymentStatus.CANCELED,
        PaymentStatus.EXPIRED,
    }
)


class CaptureMethod(enum.StrEnum):
    """``automatic``: charge at once; ``manual``: authorise now, capture later."""

    AUTOMATIC = "automatic"
    MANUAL = "manual"


class RefundStatus(enum.StrEnum):
    """A refund is asked for (``pending``), done (``succeeded``) or refused (``failed``)."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class EventType(enum.StrEnum):
    """What a provider says happened. Each type but ``payment.refunded`` names a status."""

    REQUIRES_ACTION = "payment.requires_action"
    PROCESSING = "payment.processing"
    AUTHORIZED = "payment.authorized"
    SUCCEEDED = "payment.succeeded"
    FAILED = "payment.failed"
    CANCELED = "payment.canceled"
    EXPIRED = "payment.expired"
    REFUNDED = "payment.refunded"


# --- plain checks -------------------------------------------------------------------------------


def validate_amount(value: object, *, allow_zero: bool = False) -> int:
    """Return ``value`` if it is a whole number of yen, > 0 (or >= 0 with ``allow_zero``).

    Codes: ``payment.amount_type`` (``bool``, ``float``, ``str``, ...),
    ``payment.amount_not_positive``, ``payment.amount_negative``.

    >>> validate_amount(0, allow_zero=True)
    0
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise PaymentError("payment.amount_type", actual=type(value).__name__)
    if allow_zero:
        if value < 0:
            raise PaymentError("payment.amount_negative", amount=value)
    elif value <= 0:
        raise PaymentError("payment.amount_not_positive", amount=value)
    return int(value)


def _printable_ascii(value: str) -> bool:
    return value.isascii() and value.isprintable()


def validate_idempotency_key(value: object) -> str:
    """Return ``value`` if it is 1-255 printable ASCII characters.

    Code: ``payment.idempotency_key_invalid``.

    >>> validate_idempotency_key("R7-000123")
    'R7-000123'
    """
    if not isinstance(value, str) or not 0 < len(value) <= _MAX_KEY or not _printable_ascii(value):
        raise PaymentError("payment.idempotency_key_invalid", max_length=_MAX_KEY)
    return value


def voucher_expiry(deadline: date) -> datetime:
    """The moment a konbini or Pay-easy voucher for ``deadline`` expires: 23:59:59 JST that day.

    This is the convention of the Japanese payment agents (Stripe documents konbini instructions
    as expiring at 23:59:59 JST of the last day); a voucher is payable up to and including that
    second.
    """
    return datetime.combine(deadline, time(23, 59, 59), tzinfo=JST)


def _coded(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Run ``func``; turn our error into a pydantic error with the same code and params."""

    def run(value: Any) -> Any:
        try:
            return func(value)
        except GovFormsError as error:
            raise to_pydantic_error(error) from None

    return run


def _pydantic_error(code: str, **params: Any) -> PydanticCustomError:
    return to_pydantic_error(PaymentError(code, **params))


#: A positive whole number of yen.
Amount: TypeAlias = Annotated[
    int,
    PlainValidator(_coded(validate_amount)),
    WithJsonSchema({"type": "integer", "minimum": 1}),
]
#: Zero or a positive whole number of yen (captured and refunded totals).
NonNegativeAmount: TypeAlias = Annotated[
    int,
    PlainValidator(_coded(lambda value: validate_amount(value, allow_zero=True))),
    WithJsonSchema({"type": "integer", "minimum": 0}),
]
_IdempotencyKey: TypeAlias = Annotated[
    str,
    PlainValidator(_coded(validate_idempotency_key)),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": _MAX_KEY}),
]
_Id = Annotated[str, Field(min_length=1, max_length=255)]
_Digits = Annotated[str, Field(pattern=r"^[0-9]{1,20}$")]

# hide_input_in_errors: a description or metadata the host fills may name the resident, and
# str(ValidationError) is what ends up in logs. (error.errors() still holds the input.)
_FROZEN = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, hide_input_in_errors=True)


def _currency(value: object) -> str:
    if value != CURRENCY:
        shown = value if isinstance(value, str) and len(value) <= 8 else type(value).__name__
        raise _pydantic_error("payment.currency_unsupported", currency=shown)
    return CURRENCY


def _deadline(value: object) -> object:
    """A deadline is a calendar day in Japan. A ``date`` (or ``YYYY-MM-DD``) is taken as is; an
    aware datetime (or ISO string with an offset) gives the JST day it falls on; a naive one is
    ``payment.deadline_naive`` (its day depends on a time zone nobody stated)."""
    if isinstance(value, str) and len(value) > 10:
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value  # pydantic reports the bad string
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise _pydantic_error("payment.deadline_naive")
        return value.astimezone(JST).date()
    return value


# --- next actions -------------------------------------------------------------------------------


class RedirectAction(BaseModel):
    """Send the resident to ``url`` (3-D Secure, a QR or bank page) and back to the return URL."""

    model_config = _FROZEN
    type: Literal["redirect"] = "redirect"
    url: str = Field(min_length=1, max_length=2048)


class KonbiniVoucher(BaseModel):
    """What a resident takes to a convenience store: a payment number and confirmation number."""

    model_config = _FROZEN
    type: Literal["konbini"] = "konbini"
    payment_number: _Digits
    confirmation_number: _Digits
    expires_at: AwareDatetime
    instructions_url: str | None = None


class PayEasyVoucher(BaseModel):
    """Pay-easy (ペイジー) numbers: 収納機関番号 (5 digits), 納付番号 and 確認番号."""

    model_config = _FROZEN
    type: Literal["pay_easy"] = "pay_easy"
    institution_number: Annotated[str, Field(pattern=r"^[0-9]{5}$")]
    customer_number: _Digits
    confirmation_number: _Digits
    expires_at: AwareDatetime


#: What the resident must do next; the ``type`` field tells the variants apart.
NextAction: TypeAlias = Annotated[
    RedirectAction | KonbiniVoucher | PayEasyVoucher, Field(discriminator="type")
]


# --- requests, payments, refunds, events ---------------------------------------------------------


class PaymentRequest(BaseModel):
    """What the host app asks a provider for.

    ``reference`` is the receipt number (受付番号) the resident and staff see. ``idempotency_key``
    identifies this request across retries: the same key with the same request returns the
    original payment; with a different request it is ``payment.idempotency_conflict``. A natural
    key is the receipt number plus an attempt counter. ``deadline`` is the last day to pay
    (vouchers expire at 23:59:59 JST that day, see :func:`voucher_expiry`): a ``date``, or an
    aware datetime taken as the JST day it falls on; a naive datetime is
    ``payment.deadline_naive``.
    """

    model_config = _FROZEN

    amount: Amount
    currency: str = CURRENCY
    method: PaymentMethod
    reference: str
    idempotency_key: _IdempotencyKey
    description: str = ""
    return_url: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)
    deadline: date | None = None
    capture: CaptureMethod = CaptureMethod.AUTOMATIC

    @field_validator("currency", mode="before")
    @classmethod
    def _check_currency(cls, value: object) -> str:
        return _currency(value)

    @field_validator("deadline", mode="before")
    @classmethod
    def _check_deadline(cls, value: object) -> object:
        return _deadline(value)

    @field_validator("reference", mode="before")
    @classmethod
    def _check_reference(cls, value: object) -> str:
        if (
            not isinstance(value, str)
            or not 0 < len(value) <= _MAX_REFERENCE
            or not value.isprintable()
            or value != value.strip()
        ):
            raise _pydantic_error("payment.reference_invalid", max_length=_MAX_REFERENCE)
        return value

    @field_validator("description", mode="before")
    @classmethod
    def _check_description(cls, value: object) -> object:
        if isinstance(value, str) and len(value) > _MAX_DESCRIPTION:
            raise _pydantic_error("payment.description_too_long", max_length=_MAX_DESCRIPTION)
        return value

    @field_validator("return_url", mode="before")
    @classmethod
    def _check_return_url(cls, value: object) -> object:
        if value is None:
            return None
        ok = isinstance(value, str) and len(value) <= 2048 and _printable_ascii(value)
        if ok and isinstance(value, str):
            lowered = value.lower()
            local = lowered.startswith(("http://localhost", "http://127.0.0.1"))
            ok = lowered.startswith("https://") or local
        if not ok:
            raise _pydantic_error("payment.return_url_invalid")
        return value

    @field_validator("metadata", mode="before")
    @classmethod
    def _check_metadata(cls, value: object) -> object:
        if not isinstance(value, dict):
            ok = False
        else:
            ok = len(value) <= _MAX_METADATA_ITEMS and all(
                isinstance(k, str)
                and isinstance(v, str)
                and 0 < len(k) <= _MAX_METADATA_KEY
                and len(v) <= _MAX_METADATA_VALUE
                for k, v in value.items()
            )
        if not ok:
            raise _pydantic_error(
                "payment.metadata_invalid",
                max_items=_MAX_METADATA_ITEMS,
                max_key_length=_MAX_METADATA_KEY,
                max_value_length=_MAX_METADATA_VALUE,
            )
        return value


class Payment(BaseModel):
    """One payment as govforms knows it: built by :func:`~govforms.payments.new_payment` and
    moved on only by :func:`~govforms.payments.apply_event`.

    ``captured_amount`` is what was charged, ``refunded_amount`` what went back;
    ``refunded_amount <= captured_amount <= amount`` always holds. ``paid_at`` is the legal
    payment date (when the resident paid: at the till for konbini, on authorisation for card).
    ``updated_at``, ``last_sequence`` and ``applied_event_ids`` let :func:`apply_event` drop
    duplicate and stale events; ``applied_event_digests`` pairs each id with a digest of the
    event, so the same id with another body is caught (``payment.event_conflict``).
    ``captured_amount > 0`` exactly when the status is ``succeeded``.
    """

    model_config = _FROZEN

    id: _Id
    status: PaymentStatus
    amount: Amount
    currency: Literal["JPY"] = "JPY"
    method: PaymentMethod
    reference: str
    capture: CaptureMethod = CaptureMethod.AUTOMATIC
    captured_amount: NonNegativeAmount = 0
    refunded_amount: NonNegativeAmount = 0
    next_action: NextAction | None = None
    paid_at: AwareDatetime | None = None
    expires_at: AwareDatetime | None = None
    failure_code: str | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    last_sequence: int | None = Field(default=None, ge=0)
    applied_event_ids: tuple[str, ...] = ()
    applied_event_digests: tuple[tuple[str, str], ...] = ()

    @field_validator("currency", mode="before")
    @classmethod
    def _check_currency(cls, value: object) -> str:
        return _currency(value)

    @model_validator(mode="after")
    def _check_amounts(self) -> Payment:
        # Money is captured exactly when the payment succeeded: a success with nothing captured
        # would look paid when it is not.
        paid = self.status is PaymentStatus.SUCCEEDED
        if not self.refunded_amount <= self.captured_amount <= self.amount or paid != (
            self.captured_amount > 0
        ):
            raise _pydantic_error(
                "payment.inconsistent_amounts",
                amount=self.amount,
                captured=self.captured_amount,
                refunded=self.refunded_amount,
            )
        return self

    @property
    def refundable_amount(self) -> int:
        """What can still be refunded: captured minus refunded."""
        return self.captured_amount - self.refunded_amount

    @property
    def is_terminal(self) -> bool:
        """``True`` for succeeded, failed, canceled and expired: the status will not change."""
        return self.status in TERMINAL_STATUSES


class Refund(BaseModel):
    """A refund of part or all of a payment's captured amount."""

    model_config = _FROZEN

    id: _Id
    payment_id: _Id
    amount: Amount
    status: RefundStatus
    created_at: AwareDatetime


class PaymentEvent(BaseModel):
    """What a provider reports about one payment (usually from a webhook).

    Events are *snapshots*: ``captured_amount`` and ``refunded_amount``, when given, are the
    totals after the event, not increments, so a newer event makes any older one redundant and
    :func:`~govforms.payments.apply_event` can drop stale events safely. ``sequence`` is the
    provider's per-payment (or global) counter when it has one; otherwise ``created`` orders
    events.
    """

    model_config = _FROZEN

    id: _Id
    type: EventType
    payment_id: _Id
    created: AwareDatetime
    sequence: int | None = Field(default=None, ge=0)
    captured_amount: NonNegativeAmount | None = None
    refunded_amount: NonNegativeAmount | None = None
    refund_id: str | None = None
    failure_code: str | None = Field(default=None, max_length=100)
    paid_at: AwareDatetime | None = None
    expires_at: AwareDatetime | None = None
    next_action: NextAction | None = None


class Capabilities(BaseModel):
    """What a provider can do. :meth:`check_request` applies it to a request."""

    model_config = _FROZEN

    methods: frozenset[PaymentMethod]
    min_amount: Amount = 1
    max_amount: Amount = 9_999_999
    partial_refunds: bool = True
    manual_capture: bool = False
    partial_capture: bool = False
    max_deadline_days: int = Field(default=60, ge=0)

    def check_amount(self, amount: int) -> int:
        """``amount`` if within ``min_amount..max_amount`` (``payment.amount_out_of_range``)."""
        validate_amount(amount)
        if not self.min_amount <= amount <= self.max_amount:
            raise PaymentError(
                "payment.amount_out_of_range",
                amount=amount,
                minimum=self.min_amount,
                maximum=self.max_amount,
            )
        return amount

    def check_request(self, request: PaymentRequest, *, today: date) -> None:
        """Refuse what this provider cannot do, with a coded :class:`PaymentError`.

        ``today`` is the current date in JST; a deadline must fall within
        ``today..today + max_deadline_days``.
        """
        if request.method not in self.methods:
            raise PaymentError(
                "payment.method_unsupported",
                method=str(request.method),
                supported=sorted(str(m) for m in self.methods),
            )
        self.check_amount(request.amount)
        if request.capture is CaptureMethod.MANUAL and not self.manual_capture:
            raise PaymentError("payment.manual_capture_unsupported")
        if request.deadline is not None:
            latest = today + timedelta(days=self.max_deadline_days)
            if not today <= request.deadline <= latest:
                raise PaymentError(
                    "payment.deadline_out_of_range",
                    deadline=request.deadline.isoformat(),
                    earliest=today.isoformat(),
                    latest=latest.isoformat(),
                )
