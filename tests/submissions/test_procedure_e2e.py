"""Issue 8 end to end, through the public API only: a whole online procedure.

Draft → resume on another device with a token → an agent submits with a 委任状 checked by
content → staff return two fields → the resident corrects → staff set the fee → the resident pays
by voucher (fake provider, fake clock) → approval → a retention run removes the personal data.
Plus: an edited history entry in the middle of the chain is pinpointed, and an unpaid voucher
moves the submission to ``payment_expired``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

import pytest

from govforms import ValidationErrors
from govforms.identity.testing import FakeJPKI
from govforms.payments import PaymentStatus
from govforms.payments.testing import FakeClock, FakePaymentProvider
from govforms.submissions import (
    HISTORY_FORMAT,
    JST,
    ApplicantRole,
    Contact,
    Delegation,
    Draft,
    Envelope,
    FormDefinition,
    Person,
    ResumeTokens,
    ScanVerdict,
    SequentialReceiptNumbers,
    Status,
    Submission,
    apply_retention,
    canonical_json,
    check_attachment,
    expire_overdue,
    payment_request_for,
    request_payment,
    return_for_correction,
    submit_correction,
    verify_history,
)
from tests.conftest import raises_code

FORM: dict[str, Any] = {
    "id": "koseki-copy",
    "version": 1,
    "title": {"ja": "戸籍証明書等の交付請求", "en": "Request for family register certificates"},
    "requires_signature": True,
    "payment_methods": ["konbini", "pay_easy"],
    "fields": [
        {"name": "subject_name", "type": "name", "required": True,
         "label": {"ja": "筆頭者の氏名", "en": "Head of the register"}},
        {"name": "birth_date", "type": "date", "required": True,
         "label": {"ja": "生年月日", "en": "Date of birth"}},
        {"name": "honseki", "type": "text", "required": True,
         "label": {"ja": "本籍", "en": "Registered domicile"}},
        {"name": "phone", "type": "phone", "required": True,
         "label": {"ja": "電話番号", "en": "Phone"}},
        {"name": "purpose", "type": "choice", "required": True,
         "choices": ["inheritance", "passport", "other"],
         "label": {"ja": "使いみち", "en": "Purpose"}},
        {"name": "copies", "type": "number", "required": True, "min": 1, "max": 10,
         "label": {"ja": "通数", "en": "Copies"}},
    ],
    "attachments": {"max_count": 2, "max_file_size": 100_000, "max_total_size": 150_000,
                    "allowed_types": ["pdf", "jpeg", "png", "heic"], "require_scan": True},
    "delegation": {"require_envelope": True, "require_evidence": True,
                   "required_scope": ["戸籍証明書の請求"]},
    "retention": {"keep_days": 30, "action": "strip", "keep_fields": ["purpose", "copies"]},
}  # fmt: skip
START = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=JST)
KEY = bytes(range(32))
POWER_OF_ATTORNEY = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


class Scanner:
    """The host's virus scanner: finds the EICAR test string."""

    def scan(self, data: bytes) -> ScanVerdict:
        if b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in data:
            return ScanVerdict("infected", "fake-av 1.0", "Eicar-Test-Signature")
        return ScanVerdict("clean", "fake-av 1.0")


def _envelope(evidence: Any) -> Envelope:
    return Envelope(
        recipient="千代田区長",
        date=datetime.date(2026, 11, 27),
        applicant=Person(name="代理　花子", birth_date=datetime.date(1985, 5, 5)),
        contact=Contact(phone="+81312345678", email="hanako@example.jp"),
        role=ApplicantRole.AGENT,
        delegation=Delegation(
            delegator=Person(name="試験 太郎", birth_date=datetime.date(1980, 1, 1)),
            scope=("戸籍証明書の請求", "受領"),
            granted_on=datetime.date(2026, 11, 20),
            evidence=evidence,
        ),
    )


def test_online_procedure_end_to_end() -> None:
    form = FormDefinition.from_dict(FORM)
    clock = FakeClock(START)
    tokens = ResumeTokens({"2026-11": KEY}, current="2026-11", ttl=datetime.timedelta(days=3))
    store: dict[str, str] = {}  # the host's draft table: id -> JSON

    # Device A: the agent starts the form and saves a partial, unvalidated draft.
    draft = Draft.start(form, owner="agent-1", now=clock(), new_id=lambda: "d0c5e1")
    draft = draft.save({"subject_name": "試験 太郎", "birth_date": "昭和55年1月1日"}, now=clock())
    store[draft.id] = draft.model_dump_json()
    token = tokens.issue(draft.id, now=clock())
    assert "試験" not in token and "d0c5e1" in token

    # Device B, two hours later: the token finds the draft; the agent finishes the answers.
    clock.advance(hours=2)
    resumed = tokens.verify(token, now=clock())
    draft = Draft.model_validate_json(store[resumed.draft_id])
    with pytest.raises(ValidationErrors) as incomplete:
        draft.submission(form, now=clock())
    assert set(incomplete.value.codes()) == {"honseki", "phone", "purpose", "copies"}
    draft = draft.save(
        {
            "honseki": "東京都千代田区霞が関一丁目",
            "phone": "03-1234-5678",
            "purpose": "inheritance",
            "copies": "2",
        },
        now=clock(),
    )
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with raises_code("resume.signature_invalid"):
        tokens.verify(tampered, now=clock())

    # The 委任状 is checked by its bytes, not its name: an .exe called .pdf is refused, a PDF
    # called .jpg is recorded as a PDF, with its SHA-256 and the scanner's verdict.
    policy = form.attachments
    assert policy is not None
    with raises_code("attachment.type_unknown"):
        check_attachment("委任状.pdf", b"MZ\x90\x00", policy=policy, scanner=Scanner(), now=clock())
    with raises_code("attachment.infected", engine="fake-av 1.0", threat="Eicar-Test-Signature"):
        check_attachment(
            "委任状.pdf",
            b"%PDF-1.4 EICAR-STANDARD-ANTIVIRUS-TEST-FILE",
            policy=policy,
            scanner=Scanner(),
            now=clock(),
        )
    letter = check_attachment(
        "委任状.jpg", POWER_OF_ATTORNEY, policy=policy, scanner=Scanner(), now=clock()
    )
    assert letter.content_type == "application/pdf" and letter.matches(POWER_OF_ATTORNEY)
    assert letter.scan is not None and letter.scan.verdict == "clean"

    # The agent submits for the person concerned, with the 委任状, and signs with their own card.
    envelope = _envelope(letter)
    draft = draft.save({}, now=clock(), attachments=[letter], envelope=envelope)
    sub = draft.submission(
        form, now=clock(), receipt_numbers=SequentialReceiptNumbers(), new_id=lambda: "sub-8"
    )
    assert sub.envelope == envelope and b'"role":"agent"' in sub.signing_payload()
    jpki = FakeJPKI(clock=clock, seed=8)
    agent_card = jpki.issue_card(name="代理　花子", birth_date=datetime.date(1985, 5, 5))

    def sign(current: Submission) -> Submission:
        signature = agent_card.sign(current.signing_payload(), pin="ABC123")
        return current.attach_signature(
            signature,
            agent_card.signature_certificate,
            trust=jpki.trust_store(),
            revocation=jpki.crl_source(at=clock()),
            allow_test_cards=True,
            actor="agent-1",
            now=clock(),
        )

    sub = sign(sub)
    assert sub.signature is not None and sub.signature.identity.name == "代理　花子"
    sub = sub.transition("submitted", actor="agent-1", role="resident", now=clock())

    # Staff review and return two fields, each with a comment.
    clock.advance(days=1)
    sub = sub.transition("accepted", actor="staff-3", role="staff", now=clock())
    sub = sub.transition("in_review", actor="staff-3", role="staff", now=clock())
    sub = return_for_correction(
        sub,
        form,
        {
            "honseki": "本籍の丁目をご確認ください。",
            "phone": "日中に連絡のつく番号ですか。",
        },
        actor="staff-3",
        now=clock(),
    )
    assert sub.status == Status.RETURNED
    with raises_code("correction.unresolved", fields=["honseki", "phone"]):
        sub.transition("submitted", actor="agent-1", role="resident", now=clock())

    # The resident corrects one field and answers the other comment; nothing else may change.
    clock.advance(hours=3)
    with raises_code("correction.field_not_flagged", field="copies"):
        submit_correction(sub, form, {"copies": 3}, actor="agent-1", now=clock())
    with raises_code("correction.unresolved", fields=["phone"]):
        submit_correction(
            sub, form, {"honseki": "東京都千代田区霞が関二丁目"}, actor="agent-1", now=clock()
        )
    sub = submit_correction(
        sub,
        form,
        {"honseki": "東京都千代田区霞が関二丁目"},
        replies={"phone": "はい、日中はこの番号に出られます。"},
        actor="agent-1",
        now=clock(),
    )
    thread = sub.corrections[-1]
    assert [(i.field, i.changed, i.reply is not None) for i in thread.items] == [
        ("honseki", True, False),
        ("phone", False, True),
    ]
    assert thread.items[0].comment == "本籍の丁目をご確認ください。"
    assert sub.revision == 2 and [v.revision for v in sub.versions] == [1]
    assert sub.versions[0].answers["honseki"] == "東京都千代田区霞が関一丁目"
    assert sub.answers["honseki"] == "東京都千代田区霞が関二丁目" and sub.signature is None
    sub = sign(sub)
    sub = sub.transition("submitted", actor="agent-1", role="resident", now=clock())

    # Staff review again, find the records and set the fee: 2 copies of 750 yen, 7 days to pay.
    clock.advance(days=1)
    sub = sub.transition("accepted", actor="staff-3", role="staff", now=clock())
    sub = sub.transition("in_review", actor="staff-3", role="staff", now=clock())
    deadline = clock().astimezone(JST).date() + datetime.timedelta(days=7)
    sub = request_payment(sub, 1500, deadline=deadline, actor="staff-3", now=clock())
    assert sub.status == Status.AWAITING_PAYMENT and sub.amount_due == 1500 and sub.fee == 0
    with raises_code("submission.fee_unpaid", fee=1500, payment_status="none"):
        sub.transition("approved", actor="staff-3", role="staff", now=clock())

    # The resident pays at a Pay-easy ATM before the deadline (fake provider, same clock).
    provider = FakePaymentProvider(clock=clock, seed=8)
    payment = provider.create_payment(
        payment_request_for(sub, "pay_easy", metadata={"fake_scenario": "voucher"})
    )
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    assert payment.expires_at == datetime.datetime.combine(
        deadline, datetime.time(23, 59, 59), tzinfo=JST
    )
    sub = sub.attach_payment(payment, now=clock())
    clock.advance(days=2)
    sub = sub.attach_payment(provider.pay_voucher(payment.id), now=clock())
    assert sub.is_paid and sub.payment is not None and sub.payment.payment_id == payment.id
    assert expire_overdue(sub, now=clock() + datetime.timedelta(days=30)) == sub

    # Approval and completion; the history verifies and is anchored in the signed payload.
    sub = sub.transition("approved", actor="staff-3", role="staff", now=clock())
    sub = sub.transition("completed", actor="mailroom", role="system", now=clock())
    stored = Submission.from_json(sub.to_json(reveal_my_number=True))
    assert stored == sub
    checked = verify_history(stored, expected_head=sub.history_head)
    assert sub.signature is not None
    assert checked.anchored_digest == sub.signature.payload_digest == sub.payload_digest()
    assert [e.action for e in sub.history].count("fee_requested") == 1

    # Retention: nothing happens inside the 30 days, or to an unfinished submission; after
    # them the personal data go and the record stays.
    unfinished = Draft.start(form, owner="r-2", now=clock(), new_id=lambda: "d2").save(
        FORM_ANSWERS, now=clock()
    )
    other = unfinished.submission(
        form, now=clock(), receipt_numbers=SequentialReceiptNumbers(start=50)
    )
    early = apply_retention([sub, other], now=clock() + datetime.timedelta(days=29))
    assert early.removed == () and early.kept == (sub, other)
    run = apply_retention([sub, other], now=clock() + datetime.timedelta(days=31))
    assert run.kept == (other,) and run.deleted == ()
    (removal,) = run.removed
    assert removal.submission_id == "sub-8" and removal.action == "strip"
    assert removal.fields == ("subject_name", "birth_date", "honseki", "phone")
    (stripped,) = run.stripped
    assert dict(stripped.answers) == {"purpose": "inheritance", "copies": 2}
    assert stripped.envelope is None and stripped.signature is None and stripped.versions == ()
    assert stripped.attachments == () and stripped.status == Status.COMPLETED
    assert stripped.payment == sub.payment and stripped.history[-1].action == "redacted"
    text = stripped.to_json(reveal_my_number=True)
    for personal in ("試験", "代理", "霞が関", "+8131234", "hanako"):
        assert personal not in text
    after = verify_history(Submission.from_json(text))
    assert after.anchored_digest is None and after.entries == len(sub.history) + 1
    assert apply_retention([stripped], now=clock() + datetime.timedelta(days=90)).removed == ()


FORM_ANSWERS = {
    "subject_name": "別人 次郎",
    "birth_date": "1990-02-03",
    "honseki": "東京都港区",
    "phone": "0312345678",
    "purpose": "passport",
    "copies": 1,
}


def _submitted(clock: FakeClock) -> tuple[FormDefinition, Submission]:
    data = {k: v for k, v in FORM.items() if k not in ("delegation", "attachments")}
    form = FormDefinition.from_dict({**data, "requires_signature": False})
    sub = Submission.create(
        form,
        form.validate(FORM_ANSWERS),
        actor="r-1",
        now=clock(),
        receipt_numbers=SequentialReceiptNumbers(),
        new_id=lambda: "sub-9",
    )
    for status, actor, role in (
        ("submitted", "r-1", "resident"),
        ("accepted", "staff-1", "staff"),
        ("in_review", "staff-1", "staff"),
    ):
        clock.advance(minutes=5)
        sub = sub.transition(status, actor=actor, role=role, now=clock())
    return form, sub


def test_verify_history_pinpoints_an_edited_entry_in_the_middle() -> None:
    clock = FakeClock(START)
    _, sub = _submitted(clock)
    sub = sub.post_message("確認します。", sender="staff-1", sender_role="staff", now=clock())
    sub = request_payment(
        sub, 300, deadline=datetime.date(2026, 12, 4), actor="staff-1", now=clock()
    )
    assert len(sub.history) == 6
    assert verify_history(sub).entries == 6
    data = json.loads(sub.to_json(reveal_my_number=True))

    # Someone edits who accepted it (entry 3 of 6) in the stored JSON.
    data["history"][2]["actor"] = "staff-2"
    edited = Submission.model_validate(data)
    with raises_code("history.entry_altered", index=2, seq=3):
        verify_history(edited)

    # ...and recomputes that entry's hash: the next entry no longer follows it.
    fixed = edited.history[2].model_copy(
        update={"entry_hash": _rehash(edited.history[2].model_dump(mode="json"))}
    )
    relinked = edited.model_copy(
        update={"history": (*edited.history[:2], fixed, *edited.history[3:])}
    )
    with raises_code("history.chain_broken", index=3, seq=4):
        verify_history(relinked)

    # Removing an entry breaks the chain at the entry after the gap.
    data = json.loads(sub.to_json(reveal_my_number=True))
    del data["history"][1]
    for seq, entry in enumerate(data["history"], start=1):
        entry["seq"] = seq
    with raises_code("history.entry_altered", index=1, seq=2):
        verify_history(Submission.model_validate(data))

    # Answers changed without a history entry: the last recorded payload (the submission, entry
    # 2) no longer matches.
    data = json.loads(sub.to_json(reveal_my_number=True))
    data["answers"]["values"]["copies"] = 9
    with raises_code("history.anchor_mismatch", index=1):
        verify_history(Submission.model_validate(data))

    # A head kept elsewhere catches a rewritten tail.
    with raises_code("history.head_mismatch"):
        verify_history(sub, expected_head="0" * 64)


def _rehash(fields: dict[str, Any]) -> str:
    """What a forger would do: the entry's hash recomputed as the module documents it."""
    fields.pop("entry_hash")
    return hashlib.sha256(canonical_json({"format": HISTORY_FORMAT, "entry": fields})).hexdigest()


def test_unpaid_voucher_expires_the_submission() -> None:
    clock = FakeClock(START)
    _, sub = _submitted(clock)
    deadline = datetime.date(2026, 11, 30)
    sub = request_payment(sub, 450, deadline=deadline, actor="staff-1", now=clock())
    provider = FakePaymentProvider(clock=clock)
    payment = provider.create_payment(payment_request_for(sub, "konbini"))
    sub = sub.attach_payment(payment, now=clock())
    assert payment.status == PaymentStatus.REQUIRES_ACTION

    # The deadline day itself is still payable: nothing moves.
    clock.set(datetime.datetime(2026, 11, 30, 23, 59, 59, tzinfo=JST))
    assert expire_overdue(sub, now=clock()) is sub
    with raises_code("submission.payment_not_overdue"):
        sub.transition("payment_expired", actor="batch", role="system", now=clock())

    # One second later the voucher and the request expire.
    clock.advance(seconds=1)
    assert provider.process_due() == (payment.id,)
    sub = sub.attach_payment(provider.get_payment(payment.id), now=clock())
    assert sub.payment is not None and sub.payment.status == "expired"
    sub = expire_overdue(sub, now=clock())
    assert sub.status == Status.PAYMENT_EXPIRED
    assert sub.history[-1].role == "system" and "2026-11-30" in (sub.history[-1].note or "")
    with raises_code(
        "submission.invalid_transition",
        from_status="payment_expired",
        to_status="approved",
        role="staff",
    ):
        sub.transition("approved", actor="staff-1", role="staff", now=clock())

    # Staff may ask again with a new deadline (attempt 2), or reject.
    again = request_payment(
        sub, 450, deadline=datetime.date(2026, 12, 7), actor="staff-1", now=clock()
    )
    assert again.status == Status.AWAITING_PAYMENT and again.fee_request is not None
    assert again.fee_request.attempt == 2 and again.payment is None
    assert payment_request_for(again, "konbini").idempotency_key.endswith("-fee-2")
    rejected = sub.transition("rejected", actor="staff-1", role="staff", now=clock())
    assert rejected.status == Status.REJECTED
