"""Pay after review: staff set the fee, the resident pays by the deadline, or it expires."""

from __future__ import annotations

import datetime

import pytest

from govforms.payments import PaymentMethod, PaymentRequest
from govforms.payments.testing import FakeClock, FakePaymentProvider
from govforms.submissions import (
    JST,
    FormDefinition,
    Status,
    Submission,
    expire_overdue,
    payment_request_for,
    request_payment,
)
from tests.conftest import raises_code
from tests.submissions.conftest import NOW

TODAY = NOW.astimezone(JST).date()
WEEK = TODAY + datetime.timedelta(days=7)


@pytest.fixture
def free_form() -> FormDefinition:
    return FormDefinition.from_dict(
        {
            "id": "records",
            "version": 1,
            "title": {"ja": "記録の写し", "en": "Copy of records"},
            "payment_methods": ["card", "konbini", "pay_easy"],
            "fields": [{"name": "what", "type": "text", "label": {"ja": "内容", "en": "What"}}],
        }
    )


def reviewed(form: FormDefinition) -> Submission:
    sub = Submission.create(form, form.validate({"what": "x"}), actor="r", now=NOW)
    sub = sub.transition("submitted", actor="r", role="resident", now=NOW)
    sub = sub.transition("accepted", actor="s", role="staff", now=NOW)
    return sub.transition("in_review", actor="s", role="staff", now=NOW)


def test_staff_set_and_change_the_fee(free_form: FormDefinition) -> None:
    sub = request_payment(reviewed(free_form), 600, deadline=WEEK, actor="s", now=NOW)
    request = sub.fee_request
    assert request is not None and sub.status == Status.AWAITING_PAYMENT
    assert (request.amount, request.deadline, request.attempt) == (600, WEEK, 1)
    assert request.methods == ("card", "konbini", "pay_easy")
    assert request.expires_at == datetime.datetime.combine(WEEK, datetime.time(23, 59, 59), JST)
    assert [e.action for e in sub.history[-2:]] == ["fee_requested", "transition"]
    assert sub.fee == 0 and sub.amount_due == 600 and not sub.is_paid

    changed = request_payment(
        sub, 900, deadline=WEEK, actor="s", now=NOW, methods=("konbini",), note="2通分"
    )
    assert changed.status == Status.AWAITING_PAYMENT and changed.amount_due == 900
    assert changed.history[-1].action == "fee_requested" and changed.history[-1].note == "2通分"
    with raises_code("submission.payment_method_not_accepted", method="card"):
        payment_request_for(changed, "card")
    pay = payment_request_for(changed, PaymentMethod.KONBINI, description="写し")
    assert (pay.amount, pay.reference, pay.deadline) == (900, sub.receipt_number, WEEK)


def test_payment_is_checked_against_the_amount_due(free_form: FormDefinition) -> None:
    sub = request_payment(reviewed(free_form), 600, deadline=WEEK, actor="s", now=NOW)
    provider = FakePaymentProvider(clock=lambda: NOW)
    wrong = provider.create_payment(
        PaymentRequest(
            amount=500,
            method="card",
            reference=sub.receipt_number,
            idempotency_key="k-1",
        )
    )
    with raises_code("submission.payment_amount_mismatch", fee=600, amount=500):
        sub.attach_payment(wrong, now=NOW)
    paid = sub.attach_payment(provider.create_payment(payment_request_for(sub, "card")), now=NOW)
    assert paid.is_paid
    with raises_code("submission.already_paid"):
        request_payment(paid, 700, deadline=WEEK, actor="s", now=NOW)
    approved = paid.transition("approved", actor="s", role="staff", now=NOW)
    assert approved.status == Status.APPROVED


def test_request_refusals(free_form: FormDefinition) -> None:
    sub = reviewed(free_form)
    with raises_code(
        "submission.invalid_transition",
        from_status="accepted",
        to_status="awaiting_payment",
        role="staff",
    ):
        request_payment(_accepted(free_form), 1, deadline=WEEK, actor="s", now=NOW)
    for amount in (0, -5, 10_000_000, True, 1.5):
        with raises_code("submission.fee_invalid", max=9_999_999):
            request_payment(sub, amount, deadline=WEEK, actor="s", now=NOW)  # type: ignore[arg-type]
    with raises_code("submission.payment_deadline_passed"):
        request_payment(sub, 1, deadline=TODAY - datetime.timedelta(days=1), actor="s", now=NOW)
    with raises_code("field.type", expected="date", actual="str"):
        request_payment(sub, 1, deadline="2026-12-01", actor="s", now=NOW)  # type: ignore[arg-type]
    with raises_code("submission.payment_method_not_accepted", method="qr"):
        request_payment(sub, 1, deadline=WEEK, actor="s", now=NOW, methods=("qr",))
    with raises_code("submission.payment_method_not_accepted", method=""):
        request_payment(sub, 1, deadline=WEEK, actor="s", now=NOW, methods=())
    with raises_code("submission.actor_invalid", max_length=200):
        request_payment(sub, 1, deadline=WEEK, actor="", now=NOW)
    with raises_code("submission.fee_not_set"):
        payment_request_for(sub, "card")
    with raises_code("submission.fee_not_set"):
        sub.transition("awaiting_payment", actor="s", role="staff", now=NOW)


def _accepted(form: FormDefinition) -> Submission:
    sub = Submission.create(form, form.validate({"what": "x"}), actor="r", now=NOW)
    sub = sub.transition("submitted", actor="r", role="resident", now=NOW)
    return sub.transition("accepted", actor="s", role="staff", now=NOW)


def test_expiry_follows_the_injected_clock(free_form: FormDefinition) -> None:
    clock = FakeClock(NOW)
    sub = request_payment(reviewed(free_form), 300, deadline=TODAY, actor="s", now=clock())
    assert expire_overdue(sub, now=clock()) is sub
    clock.set(datetime.datetime.combine(TODAY, datetime.time(23, 59, 59), JST))
    assert expire_overdue(sub, now=clock()) is sub
    clock.advance(seconds=1)
    expired = expire_overdue(sub, now=clock())
    assert expired.status == Status.PAYMENT_EXPIRED and expired.history[-1].actor == "system"
    # Staff cannot move it back without a new deadline.
    with raises_code("submission.payment_deadline_passed"):
        expired.transition("awaiting_payment", actor="s", role="staff", now=clock())
    assert expire_overdue(expired, now=clock()) is expired
    withdrawn = expired.transition("withdrawn", actor="r", role="resident", now=clock())
    assert withdrawn.status == Status.WITHDRAWN


def test_a_method_staff_did_not_offer_is_refused(free_form: FormDefinition) -> None:
    sub = request_payment(
        reviewed(free_form), 600, deadline=WEEK, actor="s", now=NOW, methods=("pay_easy",)
    )
    card = FakePaymentProvider(clock=lambda: NOW).create_payment(
        PaymentRequest(amount=600, method="card", reference=sub.receipt_number, idempotency_key="k")
    )
    with raises_code(
        "submission.payment_method_not_accepted", method="card", accepted=["pay_easy"]
    ):
        sub.attach_payment(card, now=NOW)
