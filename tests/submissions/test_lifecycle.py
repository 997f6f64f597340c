"""The lifecycle: the transition table, roles, guards and the append-only history."""

from __future__ import annotations

import datetime
import itertools

import pytest

from govforms.submissions import (
    FINAL_STATUSES,
    TRANSITIONS,
    FormDefinition,
    Status,
    Submission,
    allowed_transitions,
    check_transition,
)
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, RecordingNotifier, draft, paid

ROLES = ("resident", "staff", "system")
FREE_FORM = FormDefinition.from_dict(
    {
        "id": "free",
        "version": 1,
        "title": {"ja": "無料", "en": "Free"},
        "fields": [{"name": "a", "type": "text", "label": {"ja": "A", "en": "A"}}],
    }
)


def _free() -> Submission:
    return Submission.create(
        FREE_FORM, FREE_FORM.validate({"a": "x"}), actor="r", now=NOW, new_id=lambda: "f1"
    )


def test_final_statuses_have_no_way_out() -> None:
    for (frm, _), _roles in TRANSITIONS.items():
        assert frm not in FINAL_STATUSES


def test_who_may_do_what() -> None:
    assert allowed_transitions(Status.DRAFT, "resident") == (Status.SUBMITTED, Status.WITHDRAWN)
    assert allowed_transitions(Status.DRAFT, "staff") == ()
    assert allowed_transitions(Status.IN_REVIEW, "staff") == (
        Status.RETURNED,
        Status.APPROVED,
        Status.REJECTED,
        Status.AWAITING_PAYMENT,
    )
    assert allowed_transitions(Status.AWAITING_PAYMENT, "system") == (Status.PAYMENT_EXPIRED,)
    assert allowed_transitions(Status.APPROVED, "system") == (Status.COMPLETED,)
    assert allowed_transitions(Status.RETURNED, "system") == (Status.REJECTED,)
    for status in FINAL_STATUSES:
        assert all(allowed_transitions(status, role) == () for role in ROLES)


@pytest.mark.parametrize(
    ("frm", "to", "role"), list(itertools.product(Status, Status, (*ROLES, "mayor")))
)
def test_check_transition_follows_the_table(frm: Status, to: Status, role: str) -> None:
    if role in TRANSITIONS.get((frm, to), frozenset()):
        check_transition(frm, to, role)
    else:
        with raises_code(
            "submission.invalid_transition", from_status=frm.value, to_status=to.value, role=role
        ):
            check_transition(frm, to, role)


def test_full_staff_path_records_history() -> None:
    sub = _free()
    notifier = RecordingNotifier()
    steps = [
        ("submitted", "resident"),
        ("accepted", "staff"),
        ("in_review", "staff"),
        ("approved", "staff"),
        ("completed", "system"),
    ]
    for index, (to, role) in enumerate(steps):
        sub = sub.transition(
            to,
            actor=f"{role}-1",
            role=role,  # type: ignore[arg-type]
            note=f"step {index}",
            now=NOW + datetime.timedelta(hours=index),
            notifier=notifier,
        )
    assert sub.status == Status.COMPLETED
    assert [(e.seq, e.from_status, e.to_status) for e in sub.history] == [
        (1, None, Status.DRAFT),
        (2, Status.DRAFT, Status.SUBMITTED),
        (3, Status.SUBMITTED, Status.ACCEPTED),
        (4, Status.ACCEPTED, Status.IN_REVIEW),
        (5, Status.IN_REVIEW, Status.APPROVED),
        (6, Status.APPROVED, Status.COMPLETED),
    ]
    assert sub.history[2].note == "step 1" and sub.history[5].role == "system"
    assert sub.submitted_at == NOW
    assert sub.history[1].payload_digest == sub.payload_digest()
    assert all(e.at.utcoffset() == datetime.timedelta(hours=9) for e in sub.history)
    assert [(n.kind, n.recipient_role, n.status) for n in notifier.sent][:2] == [
        ("status_changed", "staff", "submitted"),
        ("status_changed", "resident", "accepted"),
    ]


def test_transitions_do_not_mutate() -> None:
    sub = _free()
    moved = sub.transition("withdrawn", actor="r", role="resident", now=NOW)
    assert sub.status == Status.DRAFT and len(sub.history) == 1
    assert moved.status == Status.WITHDRAWN
    with pytest.raises(ValueError, match="frozen"):
        sub.status = Status.APPROVED  # type: ignore[misc]


def test_illegal_move_by_role() -> None:
    submitted = _free().transition("submitted", actor="r", role="resident", now=NOW)
    with raises_code("submission.invalid_transition", role="resident"):
        submitted.transition("accepted", actor="r", role="resident", now=NOW)
    with raises_code("submission.unknown_status", status="nonsense"):
        check_transition(Status.DRAFT, "nonsense", "staff")
    with raises_code("submission.unknown_status", status="approve"):
        submitted.transition("approve", actor="s", role="staff", now=NOW)


def test_naive_time_is_refused() -> None:
    with raises_code("submission.naive_datetime"):
        _free().transition(
            "submitted",
            actor="r",
            role="resident",
            now=datetime.datetime(2026, 1, 1),
        )


def test_actor_and_note_are_checked() -> None:
    sub = _free()
    with raises_code("submission.actor_invalid", max_length=200):
        sub.transition("submitted", actor="", role="resident", now=NOW)
    with raises_code("submission.note_too_long", max_length=4000, length=4001):
        sub.transition("submitted", actor="r", role="resident", note="x" * 4001, now=NOW)
    with raises_code("field.type", expected="string"):
        sub.transition("submitted", actor="r", role="resident", note=5, now=NOW)  # type: ignore[arg-type]
    with raises_code("submission.actor_invalid"):
        Submission.create(FREE_FORM, FREE_FORM.validate({"a": "x"}), actor="x" * 201, now=NOW)


def test_signature_required_to_submit(form: FormDefinition) -> None:
    with raises_code("submission.signature_required"):
        draft(form).transition("submitted", actor="r", role="resident", now=NOW)


def test_fee_must_be_paid_before_approval(form: FormDefinition) -> None:
    # Build an in-review submission of the paid form without a signature requirement.
    unsigned = FormDefinition.from_dict(
        {**form.model_dump(by_alias=True, exclude_none=True), "requires_signature": False}
    )
    sub = draft(unsigned)
    for to in ("submitted", "accepted", "in_review"):
        sub = sub.transition(
            to, actor="x", role="resident" if to == "submitted" else "staff", now=NOW
        )
    with raises_code("submission.fee_unpaid", fee=600, payment_status="none"):
        sub.transition("approved", actor="s", role="staff", now=NOW)
    approved = paid(sub).transition("approved", actor="s", role="staff", now=NOW)
    assert approved.status == Status.APPROVED and approved.is_paid


def test_a_free_form_needs_no_payment() -> None:
    sub = _free()
    assert sub.is_paid
    for to, role in (("submitted", "resident"), ("accepted", "staff"), ("in_review", "staff")):
        sub = sub.transition(to, actor="x", role=role, now=NOW)  # type: ignore[arg-type]
    assert sub.transition("approved", actor="s", role="staff", now=NOW).status == Status.APPROVED
