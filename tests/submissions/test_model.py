"""The Submission model: creation, the signing payload, amendments and JSON round trips."""

from __future__ import annotations

import datetime
import hashlib
import json
import random

import pytest
from pydantic import ValidationError

from govforms.fields import MyNumber
from govforms.submissions import (
    PAYLOAD_FORMAT,
    AttachmentRef,
    FormDefinition,
    MaskedMyNumber,
    RandomReceiptNumbers,
    Status,
    Submission,
    canonical_json,
    validate_receipt_number,
)
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, draft, raw_answers

SCAN = AttachmentRef.from_bytes("本人確認書類.pdf", "application/pdf", b"%PDF-1.7 scan")


def test_create(form: FormDefinition) -> None:
    sub = draft(form)
    assert (sub.id, sub.receipt_number) == ("sub-1", "261127-000001-X")
    assert (sub.form_id, sub.form_version, sub.revision) == ("juminhyo-copy", 3, 1)
    assert sub.status == Status.DRAFT and sub.fee == 600 and sub.requires_signature
    assert sub.payment_methods == ("card", "qr")
    assert sub.created_at == NOW and sub.submitted_at is None
    assert sub.history[0].action == "created"


def test_defaults_are_random_and_valid(form: FormDefinition) -> None:
    answers = form.validate(raw_answers())
    one = Submission.create(form, answers, actor="r", now=NOW)
    two = Submission.create(form, answers, actor="r", now=NOW)
    assert one.id != two.id and len(one.id) == 32
    assert validate_receipt_number(one.receipt_number) == one.receipt_number
    seeded = Submission.create(
        form, answers, actor="r", now=NOW, receipt_numbers=RandomReceiptNumbers(random.Random(1))
    )
    again = Submission.create(
        form, answers, actor="r", now=NOW, receipt_numbers=RandomReceiptNumbers(random.Random(1))
    )
    assert seeded.receipt_number == again.receipt_number


def test_answers_must_belong_to_the_form(form: FormDefinition) -> None:
    other = FormDefinition.from_dict(
        {**form.model_dump(by_alias=True, exclude_none=True), "version": 4}
    )
    with raises_code("form.answers_mismatch", form_id="juminhyo-copy", form_version=3):
        Submission.create(other, form.validate(raw_answers()), actor="r", now=NOW)


def test_signing_payload_is_canonical_and_complete(form: FormDefinition) -> None:
    sub = Submission.create(
        form,
        form.validate(raw_answers()),
        actor="r",
        now=NOW,
        attachments=[SCAN],
        new_id=lambda: "x",
        receipt_numbers=lambda *, now: "R-1",
    )
    payload = sub.signing_payload()
    decoded = json.loads(payload)
    assert decoded == {
        "format": PAYLOAD_FORMAT,
        "form": {"id": "juminhyo-copy", "version": 3},
        "receipt_number": "R-1",
        "answers": {
            "applicant_name": "試験 太郎",
            "applicant_kana": "シケン タロウ",
            "birth_date": "1980-01-01",
            "postal_code": "1000013",
            "address": "東京都千代田区霞が関2-1-2",
            "phone": "+81312345678",
            "copies": 2,
            "include_my_number": "yes",
            "my_number": "123456789018",
        },
        "attachments": [SCAN.signed_fields()],
        "fee": 600,
    }
    assert payload == canonical_json(decoded)
    assert sub.payload_digest() == hashlib.sha256(payload).hexdigest()


def test_payload_changes_with_anything_signed(form: FormDefinition) -> None:
    base = draft(form)
    changed = [
        base.model_copy(update={"receipt_number": "261127-000002-?"}),
        base.model_copy(update={"fee": 900}),
        base.model_copy(update={"attachments": (SCAN,)}),
        base.model_copy(update={"form_version": 4}),
        base.model_copy(update={"answers": form.validate(raw_answers(copies=3))}),
        base.model_copy(update={"answers": form.validate(raw_answers(my_number="987654321093"))}),
    ]
    digests = {sub.payload_digest() for sub in changed}
    assert len(digests) == len(changed) and base.payload_digest() not in digests


def test_round_trip_with_my_numbers_revealed(form: FormDefinition) -> None:
    sub = draft(form).model_copy(update={"attachments": (SCAN,)})
    text = sub.to_json(reveal_my_number=True)
    back = Submission.from_json(text)
    assert back == sub
    assert back.to_json(reveal_my_number=True) == text
    assert back.signing_payload() == sub.signing_payload()
    assert back.answers["my_number"] == MyNumber("123456789018")


def test_reprs_hold_no_personal_data(form: FormDefinition) -> None:
    sub = draft(form)
    text = repr(sub) + repr(sub.answers) + str(sub)
    for secret in ("試験", "シケン", "1980", "1000013", "霞が関", "+81", "123456789018"):
        assert secret not in text
    assert repr(sub) == (
        "Submission(id='sub-1', receipt_number='261127-000001-X', form='juminhyo-copy', "
        "version=3, status='draft')"
    )
    assert "applicant_name" in repr(sub.answers)


def test_masked_by_default(form: FormDefinition) -> None:
    sub = draft(form)
    text = sub.to_json()
    assert "123456789018" not in text and "123456789018" not in repr(sub)
    assert "123456789018" not in json.dumps(sub.model_dump(mode="json"))
    back = Submission.from_json(text)
    assert isinstance(back.answers["my_number"], MaskedMyNumber)
    assert back.to_json() == text
    with raises_code("submission.my_number_withheld"):
        back.signing_payload()


def test_loading_checks_consistency(form: FormDefinition) -> None:
    data = json.loads(draft(form).to_json(reveal_my_number=True))
    with pytest.raises(ValidationError, match="history"):
        Submission.model_validate({**data, "status": "approved"})
    with pytest.raises(ValidationError, match="another form"):
        Submission.model_validate({**data, "form_version": 2})
    broken = {**data, "answers": {**data["answers"], "my_number_paths": [["copies"]]}}
    with pytest.raises(ValidationError) as info:
        Submission.model_validate(broken)
    assert "123456789018" not in str(info.value)
    with pytest.raises(ValidationError):
        Submission.model_validate({**data, "answers": "nope"})
    with pytest.raises(ValidationError):
        Submission.model_validate({**data, "created_at": "2026-11-27T10:00:00"})


def test_amend_makes_a_new_revision(form: FormDefinition) -> None:
    sub = draft(form)
    amended = sub.amend(
        form, form.validate(raw_answers(copies=4)), actor="resident-1", now=NOW, attachments=[SCAN]
    )
    assert amended.revision == 2 and amended.fee == 1200 and amended.attachments == (SCAN,)
    entry = amended.history[-1]
    assert (entry.action, entry.from_status, entry.to_status) == (
        "amended",
        Status.DRAFT,
        Status.DRAFT,
    )
    assert entry.payload_digest == amended.payload_digest()
    assert sub.answers["copies"] == 2  # the old snapshot is untouched


def test_amend_only_when_editable(form: FormDefinition) -> None:
    unsigned = FormDefinition.from_dict(
        {**form.model_dump(by_alias=True, exclude_none=True), "requires_signature": False}
    )
    submitted = draft(unsigned).transition("submitted", actor="r", role="resident", now=NOW)
    with raises_code("submission.not_editable", status="submitted"):
        submitted.amend(unsigned, unsigned.validate(raw_answers()), actor="r", now=NOW)
    other = FormDefinition.from_dict(
        {
            "id": "other",
            "version": 3,
            "title": {"ja": "別", "en": "Other"},
            "fields": [{"name": "a", "type": "text", "label": {"ja": "A", "en": "A"}}],
        }
    )
    with raises_code("submission.form_mismatch", form_id="other"):
        draft(form).amend(other, other.validate({"a": "x"}), actor="r", now=NOW)


def test_staff_can_enter_and_amend(form: FormDefinition) -> None:
    sub = Submission.create(
        form, form.validate(raw_answers()), actor="staff-7", role="staff", now=NOW
    )
    amended = sub.amend(
        form, form.validate(raw_answers(copies=1)), actor="staff-7", role="staff", now=NOW
    )
    assert [(e.role, e.action) for e in amended.history] == [
        ("staff", "created"),
        ("staff", "amended"),
    ]


def test_times_are_recorded_in_jst(form: FormDefinition) -> None:
    utc = datetime.datetime(2026, 11, 27, 15, 30, tzinfo=datetime.UTC)
    sub = Submission.create(form, form.validate(raw_answers()), actor="r", now=utc)
    assert sub.created_at.utcoffset() == datetime.timedelta(hours=9)
    assert sub.created_at == utc and sub.receipt_number.startswith("261128-")
