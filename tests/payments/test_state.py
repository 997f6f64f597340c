"""The central state machine: legal moves, duplicates, stale events, amount invariants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govforms.errors import PaymentError
from govforms.payments import (
    EVENT_STATUS,
    TERMINAL_STATUSES,
    TRANSITIONS,
    EventOutcome,
    EventType,
    Payment,
    PaymentEvent,
    PaymentRequest,
    PaymentStatus,
    RedirectAction,
    apply_event,
    classify_event,
    is_terminal,
    new_payment,
)
from tests.conftest import raises_code

T0 = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)
S = PaymentStatus


def fresh(amount: int = 1000) -> Payment:
    request = PaymentRequest(amount=amount, method="card", reference="R7-1", idempotency_key="k-1")
    return new_payment(request, payment_id="pay_1", created_at=T0)


def event(n: int, type_: EventType | str, *, seq: int | None = -1, **fields: Any) -> PaymentEvent:
    return PaymentEvent(
        id=f"evt_{n}",
        type=type_,
        payment_id="pay_1",
        created=T0 + timedelta(seconds=n),
        sequence=n if seq == -1 else seq,
        **fields,
    )


STATUS_EVENT = {
    status: type_ for type_, status in EVENT_STATUS.items() if type_ != "payment.refunded"
}


def reach(status: PaymentStatus) -> Payment:
    """A payment in ``status`` reached by legal events."""
    payment = fresh()
    if status is S.CREATED:
        return payment
    return apply_event(payment, event(1, STATUS_EVENT[status]))


def test_new_payment_starts_created() -> None:
    payment = fresh()
    assert (payment.status, payment.captured_amount, payment.refunded_amount) == (S.CREATED, 0, 0)
    assert payment.updated_at == T0 and payment.applied_event_ids == ()


def test_terminal_states() -> None:
    assert {s for s in S if is_terminal(s)} == set(TERMINAL_STATUSES)
    assert {S.SUCCEEDED, S.FAILED, S.CANCELED, S.EXPIRED} == TERMINAL_STATUSES
    for status in TERMINAL_STATUSES:
        assert TRANSITIONS[status] == frozenset()


ALL_PAIRS = [(a, b) for a in S for b in S if b is not S.CREATED]


@pytest.mark.parametrize(("start", "target"), ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
def test_every_move_follows_the_table(start: PaymentStatus, target: PaymentStatus) -> None:
    payment = reach(start)
    assert payment.status is start
    move = event(5, STATUS_EVENT[target])
    if target in TRANSITIONS[start] or (start is target and is_terminal(start)):
        after = apply_event(payment, move)
        assert after.status is target
        assert after is not payment
    else:
        with raises_code(
            "payment.invalid_transition", from_status=str(start), event_type=str(move.type)
        ):
            apply_event(payment, move)


def test_apply_returns_a_new_payment_and_leaves_the_old_one() -> None:
    payment = fresh()
    paid = apply_event(payment, event(1, "payment.succeeded"))
    assert payment.status is S.CREATED
    assert (paid.status, paid.captured_amount, paid.paid_at) == (
        S.SUCCEEDED,
        1000,
        T0 + timedelta(seconds=1),
    )
    assert paid.applied_event_ids == ("evt_1",) and paid.last_sequence == 1


def test_duplicate_event_is_a_no_op() -> None:
    paid = apply_event(fresh(), event(1, "payment.succeeded"))
    assert classify_event(paid, event(1, "payment.succeeded")) is EventOutcome.DUPLICATE
    assert apply_event(paid, event(1, "payment.succeeded")) is paid
    refunded = apply_event(paid, event(2, "payment.refunded", refunded_amount=400))
    # The same refund delivered twice is counted once.
    assert apply_event(refunded, event(2, "payment.refunded", refunded_amount=400)) is refunded
    assert refunded.refunded_amount == 400


def test_stale_event_is_ignored_by_sequence() -> None:
    """The classic race: the browser return loaded the succeeded payment; a requires_action
    webhook sent earlier arrives later and must not move it back (nor raise)."""
    action = event(
        1, "payment.requires_action", next_action=RedirectAction(url="https://x.test/3ds")
    )
    paid = apply_event(fresh(), event(2, "payment.succeeded"))
    assert classify_event(paid, action) is EventOutcome.STALE
    assert apply_event(paid, action) is paid
    failed_late = event(3, "payment.failed", seq=2)
    assert apply_event(paid, failed_late) is paid


def test_stale_event_is_ignored_by_time_without_sequence() -> None:
    paid = apply_event(fresh(), event(5, "payment.succeeded", seq=None))
    older = event(3, "payment.failed", seq=None)
    assert apply_event(paid, older) is paid
    newer = event(9, "payment.failed", seq=None)
    with raises_code("payment.invalid_transition"):
        apply_event(paid, newer)


def test_newer_refund_snapshot_supersedes_a_late_older_one() -> None:
    paid = apply_event(fresh(), event(1, "payment.succeeded"))
    first = event(2, "payment.refunded", refunded_amount=300, refund_id="re_1")
    second = event(3, "payment.refunded", refunded_amount=500, refund_id="re_2")
    in_order = apply_event(apply_event(paid, first), second)
    reordered = apply_event(apply_event(paid, second), first)
    assert in_order.refunded_amount == reordered.refunded_amount == 500
    assert reordered.refundable_amount == 500


def test_event_for_another_payment_is_refused() -> None:
    other = PaymentEvent(id="evt_9", type="payment.succeeded", payment_id="pay_2", created=T0)
    with raises_code("payment.event_mismatch", payment_id="pay_1", event_payment_id="pay_2"):
        apply_event(fresh(), other)


def test_amounts_cannot_break_the_invariant() -> None:
    with raises_code("payment.inconsistent_amounts", amount=1000, captured=1001, refunded=0):
        apply_event(fresh(), event(1, "payment.succeeded", captured_amount=1001))
    paid = apply_event(fresh(), event(1, "payment.succeeded", captured_amount=800))
    assert paid.captured_amount == 800
    with raises_code("payment.inconsistent_amounts", amount=1000, captured=800, refunded=801):
        apply_event(paid, event(2, "payment.refunded", refunded_amount=801))
    partly = apply_event(paid, event(2, "payment.refunded", refunded_amount=500))
    with raises_code("payment.inconsistent_amounts", refunded=100):
        apply_event(partly, event(3, "payment.refunded", refunded_amount=100))


def test_only_a_success_captures_money() -> None:
    with raises_code("payment.inconsistent_amounts", amount=1000, captured=1000, refunded=0):
        apply_event(fresh(), event(1, "payment.authorized", captured_amount=1000))
    with raises_code("payment.inconsistent_amounts"):
        apply_event(reach(S.AUTHORIZED), event(5, "payment.failed", captured_amount=1))


def test_refund_needs_a_succeeded_payment_and_a_total() -> None:
    for status in (S.FAILED, S.CANCELED, S.EXPIRED):
        with raises_code(
            "payment.invalid_transition", from_status=str(status), event_type="payment.refunded"
        ):
            apply_event(reach(status), event(5, "payment.refunded", refunded_amount=1))
    with raises_code(
        "payment.event_invalid", event_type="payment.refunded", missing="captured_amount"
    ):
        apply_event(reach(S.AUTHORIZED), event(5, "payment.refunded", refunded_amount=1))
    with raises_code(
        "payment.event_invalid", event_type="payment.refunded", missing="refunded_amount"
    ):
        apply_event(reach(S.SUCCEEDED), event(5, "payment.refunded"))


def test_repeated_terminal_report_must_not_change_amounts() -> None:
    paid = reach(S.SUCCEEDED)
    again = apply_event(paid, event(5, "payment.succeeded"))
    assert (again.status, again.captured_amount) == (S.SUCCEEDED, 1000)
    assert "evt_5" in again.applied_event_ids
    partly = apply_event(reach(S.AUTHORIZED), event(4, "payment.succeeded", captured_amount=600))
    with raises_code("payment.invalid_transition"):
        apply_event(partly, event(6, "payment.succeeded", captured_amount=700))


def test_failure_code_and_next_action() -> None:
    failed = apply_event(fresh(), event(1, "payment.failed"))
    assert failed.failure_code == "unknown"
    declined = apply_event(fresh(), event(1, "payment.failed", failure_code="card_declined"))
    assert declined.failure_code == "card_declined"
    action = RedirectAction(url="https://x.test/3ds")
    waiting = apply_event(fresh(), event(1, "payment.requires_action", next_action=action))
    assert waiting.next_action == action
    paid = apply_event(waiting, event(2, "payment.succeeded"))
    assert paid.next_action is None


# --- properties ------------------------------------------------------------------------------

EVENTS = st.builds(
    lambda n, type_, seq, captured, refunded: (n, type_, seq, captured, refunded),
    st.integers(min_value=0, max_value=30),
    st.sampled_from(list(EventType)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=30)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=1200)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=1200)),
)


@settings(max_examples=300)
@given(st.lists(EVENTS, max_size=25))
def test_random_event_sequences_keep_the_invariants(events: list[tuple[Any, ...]]) -> None:
    payment = fresh()
    refused: set[str] = set()
    for n, type_, seq, captured, refunded in events:
        before = payment
        move = PaymentEvent(
            id=f"evt_{n}",
            type=type_,
            payment_id="pay_1",
            created=T0 + timedelta(seconds=n),
            sequence=seq,
            captured_amount=captured,
            refunded_amount=refunded,
        )
        try:
            payment = apply_event(payment, move)
        except PaymentError as error:
            refused.add(error.code)
            continue
        assert 0 <= payment.refunded_amount <= payment.captured_amount <= payment.amount
        assert (payment.captured_amount > 0) == (payment.status is S.SUCCEEDED)
        assert payment.captured_amount >= before.captured_amount
        assert payment.refunded_amount >= before.refunded_amount
        if before.is_terminal:
            assert payment.status is before.status
        elif payment is not before:
            assert payment.status in TRANSITIONS[before.status]
        # Applying the same event again never changes anything.
        assert apply_event(payment, move) is payment
    assert refused <= {
        "payment.invalid_transition",
        "payment.inconsistent_amounts",
        "payment.event_invalid",
        "payment.event_conflict",  # the generator reuses ids with other bodies
    }


def test_a_refund_that_overtakes_the_success_applies_it() -> None:
    waiting = reach(S.REQUIRES_ACTION)
    refund = event(7, "payment.refunded", captured_amount=1000, refunded_amount=250)
    after = apply_event(waiting, refund)
    assert (after.status, after.captured_amount, after.refunded_amount) == (S.SUCCEEDED, 1000, 250)
    assert after.paid_at == refund.created and after.next_action is None
    # The success itself, delivered late, is stale.
    assert apply_event(after, event(5, "payment.succeeded")) is after


def test_the_documented_table_is_the_table() -> None:
    """docs/payments.md shows TRANSITIONS; keep the two in step."""
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "payments.md"
    lines = doc.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| from \\ event to"))
    targets = [cell.strip() for cell in lines[header].strip("|").split("|")[1:]]
    documented: dict[PaymentStatus, set[PaymentStatus]] = {}
    for line in lines[header + 2 : header + 2 + len(S)]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        source = S(cells[0].strip("*"))
        documented[source] = {S(t) for t, mark in zip(targets, cells[1:], strict=True) if mark}
        for target, mark in zip(targets, cells[1:], strict=True):
            if mark == "=":
                assert source is S(target) and is_terminal(source)
    assert set(documented) == set(S)
    for source in S:
        expected = set(TRANSITIONS[source]) | ({source} if is_terminal(source) else set())
        assert documented[source] == expected, source
