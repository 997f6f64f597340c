"""Field-level correction requests: staff flag fields, the resident changes or answers them."""

from __future__ import annotations

import pytest

from govforms import ValidationErrors
from govforms.fields import MyNumber
from govforms.identity.testing import FakeJPKI, FakeMyNumberCard
from govforms.submissions import (
    FormDefinition,
    Status,
    Submission,
    return_for_correction,
    submit_correction,
)
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, raw_answers, signed

FLAGS = {"copies": "通数をご確認ください。", "phone": "つながりませんでした。"}


@pytest.fixture
def unsigned(form: FormDefinition) -> FormDefinition:
    return FormDefinition.from_dict(
        {**form.model_dump(by_alias=True, exclude_none=True), "requires_signature": False}
    )


def in_review(form: FormDefinition, **changes: object) -> Submission:
    sub = Submission.create(form, form.validate(raw_answers(**changes)), actor="r", now=NOW)
    for status, role in (("submitted", "resident"), ("accepted", "staff"), ("in_review", "staff")):
        sub = sub.transition(status, actor=role, role=role, now=NOW)  # type: ignore[arg-type]
    return sub


def test_return_with_flags_and_correct(unsigned: FormDefinition) -> None:
    sub = return_for_correction(in_review(unsigned), unsigned, FLAGS, actor="staff", now=NOW)
    assert sub.status == Status.RETURNED
    assert sub.history[-1].note == "correction requested: copies, phone"
    (round_,) = sub.corrections
    assert round_.number == 1 and round_.resolved_at is None and sub.open_correction == round_
    with raises_code("correction.open"):
        sub.amend(unsigned, sub.answers, actor="r", now=NOW)

    fixed = submit_correction(
        sub, unsigned, {"copies": "1", "phone": "090-1234-5678"}, actor="r", now=NOW
    )
    assert fixed.answers["copies"] == 1 and fixed.answers["phone"] == "+819012345678"
    assert fixed.answers["address"] == sub.answers["address"]
    assert fixed.fee == 300 and fixed.revision == 2 and fixed.open_correction is None
    assert fixed.history[-1].action == "corrected" and fixed.history[-1].payload_digest
    assert fixed.history[-1].payload_digest == fixed.payload_digest()
    assert all(item.changed and item.reply is None for item in fixed.corrections[0].items)
    again = fixed.transition("submitted", actor="r", role="resident", now=NOW)
    assert again.status == Status.SUBMITTED


def test_only_changed_fields_are_validated(unsigned: FormDefinition) -> None:
    sub = return_for_correction(in_review(unsigned), unsigned, FLAGS, actor="staff", now=NOW)
    with pytest.raises(ValidationErrors) as info:
        submit_correction(sub, unsigned, {"copies": "99", "phone": "x"}, actor="r", now=NOW)
    assert info.value.codes() == {
        "phone": ["phone.format"],
        "copies": ["form.number_too_large"],
    }
    with raises_code("correction.field_not_flagged", field="address"):
        submit_correction(sub, unsigned, {"address": "東京都港区"}, actor="r", now=NOW)
    with raises_code("correction.field_not_flagged", field="address"):
        submit_correction(sub, unsigned, {}, replies={"address": "x"}, actor="r", now=NOW)
    with raises_code("correction.unresolved", fields=["copies", "phone"]):
        submit_correction(sub, unsigned, {"copies": "２"}, actor="r", now=NOW)
    with raises_code("correction.comment_invalid", field="phone", max_length=1000):
        submit_correction(
            sub, unsigned, {}, replies={"copies": "ok", "phone": " "}, actor="r", now=NOW
        )


def test_replies_alone_keep_the_answers(unsigned: FormDefinition) -> None:
    sub = return_for_correction(in_review(unsigned), unsigned, FLAGS, actor="staff", now=NOW)
    replied = submit_correction(
        sub,
        unsigned,
        {},
        replies={"copies": "2通必要です。", "phone": "日中はつながります。"},
        actor="r",
        now=NOW,
    )
    assert replied.answers == sub.answers and replied.revision == 1 and replied.versions == ()
    assert [i.reply for i in replied.corrections[0].items] == [
        "2通必要です。",
        "日中はつながります。",
    ]
    assert replied.history[-1].note == "replied"
    with raises_code("correction.none_open"):
        submit_correction(replied, unsigned, {}, actor="r", now=NOW)


def test_a_change_that_shows_or_hides_another_field(unsigned: FormDefinition) -> None:
    sub = in_review(unsigned, include_my_number="no", my_number=None)
    sub = return_for_correction(
        sub, unsigned, {"include_my_number": "個人番号の記載は必要ですか。"}, actor="s", now=NOW
    )
    with pytest.raises(ValidationErrors) as info:
        submit_correction(sub, unsigned, {"include_my_number": "yes"}, actor="r", now=NOW)
    assert info.value.codes() == {"my_number": ["field.required"]}
    shown = in_review(unsigned)
    shown = return_for_correction(
        shown, unsigned, {"include_my_number": "不要では。"}, actor="s", now=NOW
    )
    hidden = submit_correction(shown, unsigned, {"include_my_number": "no"}, actor="r", now=NOW)
    assert "my_number" not in hidden.answers and hidden.answers.my_number_paths == ()
    assert isinstance(shown.answers["my_number"], MyNumber)
    assert shown.answers.my_number_paths == (("my_number",),)


def test_return_refusals(unsigned: FormDefinition) -> None:
    sub = in_review(unsigned)
    with raises_code("correction.no_fields"):
        return_for_correction(sub, unsigned, {}, actor="s", now=NOW)
    with raises_code("correction.unknown_field", field="nickname"):
        return_for_correction(sub, unsigned, {"nickname": "?"}, actor="s", now=NOW)
    with raises_code("correction.comment_invalid", field="copies", max_length=1000):
        return_for_correction(sub, unsigned, {"copies": "x" * 1001}, actor="s", now=NOW)
    draft = Submission.create(unsigned, unsigned.validate(raw_answers()), actor="r", now=NOW)
    with raises_code(
        "submission.invalid_transition", from_status="draft", to_status="returned", role="staff"
    ):
        return_for_correction(draft, unsigned, FLAGS, actor="s", now=NOW)
    with raises_code("correction.none_open"):
        submit_correction(draft, unsigned, {}, actor="r", now=NOW)


def test_second_round_keeps_every_version(unsigned: FormDefinition) -> None:
    first = return_for_correction(
        in_review(unsigned), unsigned, {"copies": "?"}, actor="s", now=NOW
    )
    first = submit_correction(first, unsigned, {"copies": "3"}, actor="r", now=NOW)
    first = first.transition("submitted", actor="r", role="resident", now=NOW)
    second = return_for_correction(first, unsigned, {"phone": "?"}, actor="s", now=NOW)
    assert [r.number for r in second.corrections] == [1, 2]
    second = submit_correction(second, unsigned, {"phone": "0312345679"}, actor="r", now=NOW)
    assert [v.revision for v in second.versions] == [1, 2] and second.revision == 3
    assert second.versions[0].answers["copies"] == 2 and second.versions[1].answers["copies"] == 3
    assert second.versions[1].payload_digest == first.payload_digest()


def test_a_correction_drops_the_signature(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = signed(form, jpki, card)
    for status, role in (("submitted", "resident"), ("accepted", "staff"), ("in_review", "staff")):
        sub = sub.transition(status, actor=role, role=role, now=NOW)  # type: ignore[arg-type]
    sub = return_for_correction(sub, form, {"copies": "?"}, actor="s", now=NOW)
    sub = submit_correction(sub, form, {"copies": "1"}, actor="r", now=NOW)
    assert sub.signature is None
    with raises_code("submission.signature_required"):
        sub.transition("submitted", actor="r", role="resident", now=NOW)
