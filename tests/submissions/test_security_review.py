"""Adversarial review of govforms.submissions: resume tokens, the history chain, the signer
check, lifecycle guards and personal data in errors and reprs.

Exports, attachments and retention are in ``test_security_review_data.py``.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from govforms.errors import ValidationErrors
from govforms.identity.testing import FakeJPKI, FakeMyNumberCard
from govforms.payments import Payment, PaymentMethod, PaymentRequest
from govforms.payments.testing import FakePaymentProvider
from govforms.submissions import (
    AnswerVersion,
    Contact,
    CorrectionItem,
    Delegation,
    Draft,
    Envelope,
    FormDefinition,
    HistoryEntry,
    Message,
    Person,
    ResumeTokens,
    SignerIdentity,
    Status,
    Submission,
    request_payment,
    verify_history,
)
from govforms.submissions._safe_errors import HIDDEN_INPUT
from govforms.submissions.history import new_entry
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, draft, paid, raw_answers, signed, verify_options

MY_NUMBER = "123456789018"
KEY_A = b"A" * 32
KEY_B = b"B" * 32


# --- (1) resume tokens ---------------------------------------------------------------------------


def test_a_token_signed_with_one_key_fails_under_another_with_the_same_id() -> None:
    token = ResumeTokens({"k1": KEY_A}, current="k1").issue("draft-1", now=NOW)
    with raises_code("resume.signature_invalid"):
        ResumeTokens({"k1": KEY_B}, current="k1").verify(token, now=NOW)
    with raises_code("resume.unknown_key"):
        ResumeTokens({"k2": KEY_A}, current="k2").verify(token, now=NOW)


def test_expiry_is_enforced_with_the_given_clock_at_the_boundary() -> None:
    tokens = ResumeTokens({"k1": KEY_A}, current="k1", ttl=datetime.timedelta(hours=1))
    token = tokens.issue("draft-1", now=NOW)
    end = NOW + datetime.timedelta(hours=1)
    assert tokens.verify(token, now=end - datetime.timedelta(seconds=1)).expires_at == end
    with raises_code("resume.expired"):
        tokens.verify(token, now=end)


@pytest.mark.parametrize("days", [367, 3_000_000, 999_999_999])
def test_a_lifetime_beyond_a_year_is_refused_when_configured(days: int) -> None:
    # It used to be accepted and then fail in issue() with a bare OverflowError (or issue tokens
    # verify() calls malformed); a bearer credential should not live that long anyway.
    ttl = datetime.timedelta(days=days)
    with raises_code("config.invalid_option", option="ttl", value=str(ttl)):
        ResumeTokens({"k1": KEY_A}, current="k1", ttl=ttl)
    longest = ResumeTokens({"k1": KEY_A}, current="k1", ttl=datetime.timedelta(days=366))
    token = longest.issue("draft-1", now=NOW)
    assert longest.verify(token, now=NOW).expires_at == NOW + datetime.timedelta(days=366)


@pytest.mark.parametrize("draft_id", ["a.b", "k1.draft", "d\n", "山田", "a@example.jp", ""])
def test_ids_that_could_blur_the_fields_are_refused(draft_id: str) -> None:
    # '.' separates the fields: an id holding one could be read as another split.
    tokens = ResumeTokens({"k1": KEY_A}, current="k1")
    with raises_code("draft.id_invalid"):
        tokens.issue(draft_id, now=NOW)
    with raises_code("config.invalid_option", option="keys", value="key id"):
        ResumeTokens({"k.1": KEY_A}, current="k.1")


def test_a_token_cannot_be_moved_to_another_draft_or_expiry() -> None:
    tokens = ResumeTokens({"k1": KEY_A}, current="k1")
    token = tokens.issue("draft-1", now=NOW)
    _, key, draft_id, expiry, mac = token.split(".")
    assert (key, draft_id) == ("k1", "draft-1") and len(mac) == 43
    # Nothing but the id, the expiry and the key id: no personal data.
    assert token == f"v1.k1.draft-1.{expiry}.{mac}"
    for forged in (
        f"v1.k1.draft-2.{expiry}.{mac}",
        f"v1.k1.draft-1.{int(expiry) + 86_400}.{mac}",
        f"v1.k1.draft-1x.{expiry}.{mac}",
    ):
        with raises_code("resume.signature_invalid"):
            tokens.verify(forged, now=NOW)


# --- (2) history chain ---------------------------------------------------------------------------


def _lived(form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard) -> Submission:
    sub = signed(form, jpki, card)
    for status, role in (("submitted", "resident"), ("accepted", "staff"), ("in_review", "staff")):
        sub = sub.transition(status, actor=f"{role}-1", role=role, now=NOW)  # type: ignore[arg-type]
    return paid(sub)


def _with_history(sub: Submission, history: list[dict[str, Any]]) -> Submission:
    data = json.loads(sub.to_json(reveal_my_number=True))
    data["history"] = history
    return Submission.model_validate(data)


def _renumbered(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**entry, "seq": i} for i, entry in enumerate(entries, 1)]


def test_removing_or_reordering_an_entry_is_caught(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = _lived(form, jpki, card)
    entries = json.loads(sub.to_json(reveal_my_number=True))["history"]
    removed = _renumbered(entries[:2] + entries[3:])
    with raises_code("history.entry_altered", index=2, seq=3):
        verify_history(_with_history(sub, removed))
    # Keep each entry's own seq so only the order is wrong (the model insists on 1..n, so
    # swap two entries' contents but keep the seq numbers in place).
    swapped = list(entries)
    swapped[2], swapped[3] = (
        {**entries[3], "seq": entries[2]["seq"]},
        {**entries[2], "seq": entries[3]["seq"]},
    )
    with raises_code("history.entry_altered", index=2, seq=3):
        verify_history(_with_history(sub, swapped))


def test_a_forged_entry_at_the_end_needs_the_kept_head(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = _lived(form, jpki, card)
    head = sub.history_head
    last = sub.history[-1]
    forged = new_entry(
        seq=last.seq + 1,
        at=NOW,
        actor="staff-9",
        role="staff",
        action="transition",
        from_status=sub.status,
        to_status=Status.APPROVED,
        note=None,
        payload_digest=None,
        prev_hash=last.entry_hash,
    )
    data = json.loads(sub.to_json(reveal_my_number=True))
    data["history"].append(forged.model_dump(mode="json"))
    data["status"] = "approved"
    tampered = Submission.model_validate(data)
    # An unkeyed chain recomputed from the end verifies on its own (documented): the head kept
    # elsewhere is what catches it.
    assert verify_history(tampered).entries == len(sub.history) + 1
    with raises_code("history.head_mismatch"):
        verify_history(tampered, expected_head=head)
    # A chain moved onto another submission does not start at its anchor.
    moved = json.loads(sub.to_json(reveal_my_number=True))
    moved["receipt_number"] = "261127-000002-X"
    with raises_code("history.anchor_mismatch", index=0):
        verify_history(Submission.model_validate(moved))


# --- (3) signer check ----------------------------------------------------------------------------


def _optional_birth_date(form: FormDefinition) -> FormDefinition:
    data = form.model_dump(by_alias=True, exclude_none=True)
    for field in data["fields"]:
        if field["name"] == "birth_date":
            field["required"] = False
    return FormDefinition.from_dict(data)


def test_an_unanswered_birth_date_is_a_mismatch_not_a_pass(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    lax = _optional_birth_date(form)
    assert lax.signer_fields() is not None and lax.signer_fields().birth_date == "birth_date"  # type: ignore[union-attr]
    sub = Submission.create(
        lax, lax.validate(raw_answers(birth_date=None)), actor="resident-1", now=NOW
    )
    signature = card.sign(sub.signing_payload(), pin="ABC123")
    with raises_code("submission.signer_mismatch", items=["birth_date"]):
        sub.attach_signature(
            signature, card.signature_certificate, actor="r", now=NOW, **verify_options(jpki)
        )


def test_full_width_space_matches_and_kana_does_not(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    # The card says 試験　太郎 (U+3000); the answer 試験 太郎 (U+0020).
    assert signed(form, jpki, card).signature is not None
    kana = jpki.issue_card(name="シケン　タロウ", birth_date=datetime.date(1980, 1, 1))
    with raises_code("submission.signer_mismatch", items=["name"]):
        signed(form, jpki, kana)


def test_a_signature_does_not_move_to_another_revision_or_submission(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    old = draft(form)
    signature = card.sign(old.signing_payload(), pin="ABC123")
    newer = old.amend(form, form.validate(raw_answers(copies="3")), actor="r", now=NOW)
    with raises_code("identity.signature_invalid"):
        newer.attach_signature(
            signature, card.signature_certificate, actor="r", now=NOW, **verify_options(jpki)
        )
    # Same answers, same resident, another submission: the receipt number is signed.
    twin = Submission.create(
        form,
        form.validate(raw_answers()),
        actor="resident-1",
        now=NOW,
        receipt_numbers=lambda *, now: "261127-000009-X",
        new_id=lambda: "sub-9",
    )
    assert twin.answers == old.answers
    with raises_code("identity.signature_invalid"):
        twin.attach_signature(
            signature, card.signature_certificate, actor="r", now=NOW, **verify_options(jpki)
        )


# --- (6) personal data in errors and reprs -------------------------------------------------------


def _inputs(error: ValidationError) -> str:
    return json.dumps([item.get("input") for item in error.errors()], ensure_ascii=False)


def test_pydantic_errors_of_a_stored_submission_carry_no_personal_data(
    form: FormDefinition,
) -> None:
    data = json.loads(draft(form).to_json(reveal_my_number=True))
    typo = "123456789012"  # a wrong check digit: someone's number with a typo
    bad_digit = json.loads(json.dumps(data))
    bad_digit["answers"]["values"]["my_number"] = typo
    missing = {k: v for k, v in data.items() if k != "status"}
    for payload, secret in ((bad_digit, typo), (missing, MY_NUMBER)):
        for load in (Submission.model_validate, Submission.model_validate_json):
            with pytest.raises(ValidationError) as info:
                load(payload if load is Submission.model_validate else json.dumps(payload))
            text = _inputs(info.value) + str(info.value)
            assert secret not in text and "試験" not in text and "霞が関" not in text
    # The error itself is kept: code, place and the catalogue's params.
    with pytest.raises(ValidationError) as info:
        Submission.model_validate(bad_digit)
    (item,) = info.value.errors()
    assert item["type"] == "my_number.checksum" and item["loc"] == ("answers",)


def test_text_that_is_not_json_is_not_echoed_back(form: FormDefinition) -> None:
    # A truncated write: pydantic fails before any validator runs, input = the whole text.
    sub = draft(form)
    saved = Draft.start(form, owner="u1", now=NOW).save(raw_answers(), now=NOW)
    envelope = '{"recipient": "千代田区長", "applicant": {"name": "代理 花子"'
    for model, text in (
        (Submission, sub.to_json(reveal_my_number=True)[:-1]),
        (Draft, saved.model_dump_json()[:-1]),
        (Envelope, envelope),
    ):
        with pytest.raises(ValidationError) as info:
            model.model_validate_json(text)
        assert [e["type"] for e in info.value.errors()] == ["json_invalid"]
        shown = _inputs(info.value) + str(info.value)
        assert MY_NUMBER not in shown and "代理" not in shown
    assert Submission.from_json(sub.to_json(reveal_my_number=True)) == sub


def test_pydantic_errors_of_a_draft_or_envelope_carry_no_personal_data(
    form: FormDefinition,
) -> None:
    saved = Draft.start(form, owner="u1", now=NOW).save(raw_answers(), now=NOW)
    data = saved.model_dump(mode="json")
    del data["owner"]
    with pytest.raises(ValidationError) as info:
        Draft.model_validate(data)
    assert "1234 5678 9018" not in _inputs(info.value)
    assert [e["type"] for e in info.value.errors()] == ["missing"]
    envelope = {
        "recipient": "千代田区長",
        "date": "2026-11-27",
        "applicant": {"name": "代理 花子", "birth_date": "1970-02-03", "address": "港区"},
    }
    with pytest.raises(ValidationError) as info:
        Envelope.model_validate(envelope)
    assert "代理" not in _inputs(info.value) and "1970" not in _inputs(info.value)


@pytest.mark.parametrize(
    ("model", "data", "secret"),
    [
        (Person, {"name": "代理" * 200, "birth_date": "1970-02-31"}, "1970"),
        (Contact, {"phone": "090-1111-2222", "email": "h" * 300 + "@example.jp"}, "hhh"),
        (
            AnswerVersion,
            {
                "revision": 1,
                "answers": {
                    "form_id": "f",
                    "form_version": 1,
                    "values": {"mn": "123456789012"},
                    "my_number_paths": [["mn"]],
                },
                "recorded_at": "2026-11-27T10:00:00+09:00",
            },
            "123456789012",
        ),
        (
            SignerIdentity,
            {"name": "署名 一郎", "birth_date": "1970-02-31", "gender": "1", "address": "港区"},
            "1970",
        ),
        (Message, {"id": "m1", "body": "芝公園の家に住んでいます"}, "芝公園"),
        (CorrectionItem, {"field": "name", "comment": "", "reply": "正しくは山田花子"}, "花子"),
        (HistoryEntry, {"seq": 1, "note": "山田花子さんから電話で訂正"}, "花子"),
        (Delegation, {"delegator": {"name": "委任 花子", "birth_date": "1950-01-02"}}, "花子"),
    ],
)
def test_every_model_of_personal_data_hides_its_input(
    model: type[BaseModel], data: dict[str, Any], secret: str
) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    assert secret not in _inputs(info.value)
    assert {item["input"] for item in info.value.errors()} == {HIDDEN_INPUT}


def test_validation_errors_and_reprs_never_show_a_my_number(form: FormDefinition) -> None:
    for typed in ("1234 5678 9012", "１２３４５６７８９０１２", "12345678901a", "1234567890123"):
        with pytest.raises(ValidationErrors) as info:
            form.validate(raw_answers(my_number=typed))
        shown = json.dumps(info.value.to_list("en") + info.value.to_list("ja"), ensure_ascii=False)
        shown += repr(info.value) + str(info.value)
        digits = typed.replace(" ", "")
        assert digits[:11] not in shown and typed not in shown
    sub = draft(form)
    saved = Draft.start(form, owner="u1", now=NOW).save(raw_answers(), now=NOW)
    person = Person(name="代理 花子", birth_date=datetime.date(1970, 2, 3), address="港区芝公園")
    envelope = Envelope(
        recipient="千代田区長",
        date=NOW.date(),
        applicant=person,
        contact=Contact(phone="090-1111-2222"),
    )
    shown = repr(person) + str(person) + repr(envelope) + str(envelope)
    assert "代理" not in shown and "1970" not in shown and "090" not in shown and "芝" not in shown
    for text in (repr(sub), str(sub), repr(sub.answers), repr(saved), str(saved)):
        assert (
            MY_NUMBER not in text
            and "5678 9018" not in text
            and "試験" not in text
            and "霞が関" not in text
        )


# --- (7) lifecycle -------------------------------------------------------------------------------


def _card_payment(sub: Submission, amount: int) -> Payment:
    provider = FakePaymentProvider(clock=lambda: NOW)
    return provider.create_payment(
        PaymentRequest(
            amount=amount,
            method=PaymentMethod.CARD,
            reference=sub.receipt_number,
            idempotency_key=f"fee-{amount}",
            description="fee",
        )
    )


def test_a_resident_cannot_decide_and_final_states_are_final(form: FormDefinition) -> None:
    sub = draft(form).model_copy(update={"requires_signature": False})
    sub = sub.transition("submitted", actor="r", role="resident", now=NOW)
    sub = sub.transition("accepted", actor="s", role="staff", now=NOW)
    sub = sub.transition("in_review", actor="s", role="staff", now=NOW)
    for target in ("approved", "rejected", "completed", "accepted"):
        with raises_code("submission.invalid_transition"):
            sub.transition(target, actor="r", role="resident", now=NOW)
    rejected = sub.transition("rejected", actor="s", role="staff", now=NOW)
    for target in Status:
        for role in ("resident", "staff", "system"):
            with raises_code("submission.invalid_transition"):
                rejected.transition(target, actor="x", role=role, now=NOW)  # type: ignore[arg-type]


def test_the_fee_cannot_be_bypassed_or_lowered_after_payment(form: FormDefinition) -> None:
    sub = draft(form).model_copy(update={"requires_signature": False})
    sub = sub.transition("submitted", actor="r", role="resident", now=NOW)
    sub = sub.transition("accepted", actor="s", role="staff", now=NOW)
    sub = sub.transition("in_review", actor="s", role="staff", now=NOW)
    with raises_code("submission.fee_unpaid", fee=600, payment_status="none"):
        sub.transition("approved", actor="s", role="staff", now=NOW)
    asked = request_payment(sub, 900, deadline=NOW.date(), actor="s", now=NOW)
    with raises_code("submission.fee_unpaid", fee=900, payment_status="none"):
        asked.transition("approved", actor="s", role="staff", now=NOW)
    # The form's fee (600) paid does not settle what staff asked (900).
    with raises_code("submission.payment_amount_mismatch", fee=900, amount=600):
        paid(asked)
    settled = asked.attach_payment(_card_payment(asked, 900), now=NOW)
    assert settled.is_paid
    with raises_code("submission.already_paid"):
        request_payment(settled, 100, deadline=NOW.date(), actor="s", now=NOW)
    approved = settled.transition("approved", actor="s", role="staff", now=NOW)
    with raises_code("submission.invalid_transition"):
        request_payment(approved, 100, deadline=NOW.date(), actor="s", now=NOW)
