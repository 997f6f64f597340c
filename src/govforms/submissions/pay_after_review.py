"""Pay after review: staff set the fee once they have looked at the application.

Some procedures can only be priced by a person (how many certificates exist, which records
were found). Staff review the submission, then :func:`request_payment` records a
:class:`FeeRequest` — the amount, the last day to pay and the accepted methods — and moves the
submission to ``awaiting_payment``. The resident pays through the host's provider with
:func:`payment_request_for` (a :class:`govforms.payments.PaymentRequest` for the amount, the
receipt number as reference and the deadline, so konbini and Pay-easy vouchers expire with it),
and the host links the provider's ``Payment`` with
:meth:`~govforms.submissions.Submission.attach_payment` as usual: it is checked against the
amount due, not the form's computed fee, which stays what the resident signed.

The deadline is a Japan date; the request expires at 23:59:59 JST that day (the payment agents'
convention, :func:`govforms.payments.voucher_expiry`). After that, :func:`expire_overdue`
(called by the host's scheduled job with its clock) moves an unpaid submission to
``payment_expired``; staff may then ask again with a new deadline (the ``attempt`` counts up)
or reject it. Staff may change the amount while it is unpaid: a voucher already issued for the
old amount must then be cancelled with the provider, and the unpaid payment is unlinked.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Final

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt

from govforms.errors import GovFormsError
from govforms.payments import PaymentMethod, PaymentRequest, voucher_expiry
from govforms.submissions.lifecycle import Status, check_entry_text
from govforms.submissions.receipts import to_jst

if TYPE_CHECKING:
    from govforms.submissions.model import Submission

__all__ = ["MAX_FEE", "FeeRequest", "expire_overdue", "payment_request_for", "request_payment"]

#: The largest fee staff can set (yen).
MAX_FEE: Final = 9_999_999
_FROM: Final = frozenset({Status.IN_REVIEW, Status.AWAITING_PAYMENT, Status.PAYMENT_EXPIRED})


class FeeRequest(BaseModel):
    """What staff asked the resident to pay after review."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Annotated[StrictInt, Field(ge=1, le=MAX_FEE)]
    deadline: datetime.date
    expires_at: AwareDatetime
    methods: Annotated[tuple[str, ...], Field(min_length=1)]
    attempt: Annotated[StrictInt, Field(ge=1)] = 1
    requested_by: Annotated[str, Field(min_length=1, max_length=200)]
    requested_at: AwareDatetime


def request_payment(
    submission: Submission,
    amount: int,
    *,
    deadline: datetime.date,
    actor: str,
    now: datetime.datetime,
    methods: tuple[str, ...] | None = None,
    note: str | None = None,
) -> Submission:
    """Set (or change) the fee of ``submission`` after review and ask the resident to pay it by
    ``deadline`` with ``methods`` (default: every method the form accepts).

    From ``in_review`` or ``payment_expired`` this moves to ``awaiting_payment``; in
    ``awaiting_payment`` it changes the request. Refused: another status
    (``submission.invalid_transition``), an amount that is not 1 to 9,999,999 yen
    (``submission.fee_invalid``), a deadline before today in Japan
    (``submission.payment_deadline_passed``), a method the form does not accept
    (``submission.payment_method_not_accepted``), a fee already paid
    (``submission.already_paid``).
    """
    at = to_jst(now)
    check_entry_text(actor, note)
    if submission.status not in _FROM:
        raise GovFormsError(
            "submission.invalid_transition",
            from_status=submission.status.value,
            to_status=Status.AWAITING_PAYMENT.value,
            role="staff",
        )
    if isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= amount <= MAX_FEE:
        raise GovFormsError("submission.fee_invalid", max=MAX_FEE)
    if not isinstance(deadline, datetime.date) or isinstance(deadline, datetime.datetime):
        raise GovFormsError("field.type", expected="date", actual=type(deadline).__name__)
    if deadline < at.date():
        raise GovFormsError("submission.payment_deadline_passed")
    accepted = submission.payment_methods
    chosen = tuple(methods) if methods is not None else accepted
    wrong = [m for m in chosen if m not in accepted]
    if wrong or not chosen:
        raise GovFormsError(
            "submission.payment_method_not_accepted",
            method=str(wrong[0]) if wrong else "",
            accepted=list(accepted),
        )
    if submission.payment is not None and submission.payment.status == "succeeded":
        raise GovFormsError("submission.already_paid")
    previous = submission.fee_request
    attempt = previous.attempt + 1 if previous is not None else 1
    request = FeeRequest(
        amount=amount,
        deadline=deadline,
        expires_at=voucher_expiry(deadline),
        methods=chosen,
        attempt=attempt,
        requested_by=actor,
        requested_at=at,
    )
    text = note if note is not None else f"fee {amount} yen, pay by {deadline.isoformat()}"
    updated = submission.model_copy(update={"fee_request": request, "payment": None})
    recorded = updated._record(action="fee_requested", actor=actor, role="staff", now=at, note=text)
    if submission.status == Status.AWAITING_PAYMENT:
        return recorded
    return recorded.transition(Status.AWAITING_PAYMENT, actor=actor, role="staff", now=at)


def payment_request_for(
    submission: Submission,
    method: PaymentMethod | str,
    *,
    description: str = "",
    metadata: Mapping[str, str] | None = None,
    idempotency_key: str | None = None,
) -> PaymentRequest:
    """The :class:`govforms.payments.PaymentRequest` that pays ``submission``'s fee request:
    its amount, the receipt number as reference, the deadline, and an idempotency key of the
    receipt number and the attempt. ``submission.fee_not_set`` without a fee request;
    ``submission.payment_method_not_accepted`` for a method staff did not offer."""
    request = submission.fee_request
    if request is None:
        raise GovFormsError("submission.fee_not_set")
    name = str(method)
    if name not in request.methods:
        raise GovFormsError(
            "submission.payment_method_not_accepted", method=name, accepted=list(request.methods)
        )
    return PaymentRequest(
        amount=request.amount,
        method=PaymentMethod(name),
        reference=submission.receipt_number,
        idempotency_key=idempotency_key or f"{submission.receipt_number}-fee-{request.attempt}",
        description=description,
        metadata=dict(metadata or {}),
        deadline=request.deadline,
    )


def expire_overdue(
    submission: Submission, *, now: datetime.datetime, actor: str = "system"
) -> Submission:
    """``submission`` moved to ``payment_expired`` when it is awaiting a payment whose deadline
    passed unpaid at ``now``; otherwise ``submission`` itself (nothing to do)."""
    request = submission.fee_request
    at = to_jst(now)
    if (
        submission.status != Status.AWAITING_PAYMENT
        or request is None
        or at <= request.expires_at
        or submission.is_paid
    ):
        return submission
    note = f"payment deadline {request.deadline.isoformat()} passed"
    return submission.transition(
        Status.PAYMENT_EXPIRED, actor=actor, role="system", now=at, note=note
    )
