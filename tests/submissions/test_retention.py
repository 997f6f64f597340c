"""Retention: finished submissions lose their personal data after the policy's period."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from govforms.submissions import (
    FormDefinition,
    RetentionPolicy,
    Status,
    Submission,
    apply_retention,
    finished_at,
    verify_history,
)
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, raw_answers

DAY = datetime.timedelta(days=1)


def with_policy(form: FormDefinition, **policy: Any) -> FormDefinition:
    data = form.model_dump(by_alias=True, exclude_none=True)
    return FormDefinition.from_dict(
        {**data, "requires_signature": False, "fee": None, "retention": policy}
    )


def run_to(form: FormDefinition, *steps: tuple[str, str]) -> Submission:
    sub = Submission.create(form, form.validate(raw_answers()), actor="r", now=NOW)
    for status, role in steps:
        sub = sub.transition(status, actor=role, role=role, now=NOW)  # type: ignore[arg-type]
    return sub


DONE = (
    ("submitted", "resident"),
    ("accepted", "staff"),
    ("in_review", "staff"),
    ("approved", "staff"),
    ("completed", "system"),
)


def test_policy_is_copied_and_checked(form: FormDefinition) -> None:
    kept = with_policy(form, keep_days=10, keep_fields=["copies"])
    assert run_to(kept).retention == RetentionPolicy(keep_days=10, keep_fields=("copies",))
    with raises_code("form.definition_invalid"):
        with_policy(form, keep_days=10, keep_fields=["nickname"])
    with raises_code("form.definition_invalid"):
        with_policy(form, keep_days=-1)


@pytest.mark.parametrize("steps", [DONE[:n] for n in range(5)])
def test_unfinished_submissions_are_never_touched(
    form: FormDefinition, steps: tuple[tuple[str, str], ...]
) -> None:
    sub = run_to(with_policy(form, keep_days=0, action="delete"), *steps)
    assert finished_at(sub) is None
    report = apply_retention([sub], now=NOW + 10_000 * DAY)
    assert report.kept == (sub,) and report.removed == () and report.deleted == ()


def test_delete_after_the_period(form: FormDefinition) -> None:
    policy_form = with_policy(form, keep_days=7, action="delete")
    done = run_to(policy_form, *DONE)
    withdrawn = run_to(policy_form, ("submitted", "resident"), ("withdrawn", "resident"))
    no_policy = run_to(with_policy(form, keep_days=0).model_copy(update={"retention": None}))
    assert finished_at(done) == NOW
    assert (
        apply_retention(
            [done, withdrawn], now=NOW + 7 * DAY - datetime.timedelta(seconds=1)
        ).removed
        == ()
    )
    report = apply_retention([done, withdrawn, no_policy], now=NOW + 7 * DAY)
    assert report.deleted == (done.id, withdrawn.id) and report.kept == (no_policy,)
    assert [r.action for r in report.removed] == ["delete", "delete"]
    assert report.removed[0].fields == tuple(done.answers)
    assert report.stripped == ()


def test_strip_keeps_the_record(form: FormDefinition) -> None:
    sub = run_to(with_policy(form, keep_days=0, keep_fields=["copies"]), *DONE[:3])
    sub = sub.post_message("住所に誤りはありませんか。", sender="s", sender_role="staff", now=NOW)
    sub = sub.transition("rejected", actor="s", role="staff", now=NOW, note="重複申請")
    report = apply_retention([sub], now=NOW)
    (stripped,) = report.stripped
    assert dict(stripped.answers) == {"copies": 2} and stripped.answers.my_number_paths == ()
    assert stripped.status == Status.REJECTED and stripped.redacted_at == NOW
    assert stripped.messages[0].body == "" and stripped.messages[0].id == sub.messages[0].id
    assert "my_number" in report.removed[0].fields and "copies" not in report.removed[0].fields
    assert stripped.history[-1].note is not None and "試験" not in stripped.history[-1].note
    # Whole values, not a digit run such as "1234" that a random id or a hash may hold.
    removed = (sub.answers["my_number"].reveal(), sub.answers["phone"])
    assert all(value in sub.to_json(reveal_my_number=True) for value in removed)
    assert not any(value in stripped.to_json(reveal_my_number=True) for value in removed)
    assert verify_history(stripped).anchored_digest is None
    assert apply_retention([stripped], now=NOW + DAY).kept == (stripped,)
