"""The issue's form from JSON to export, through the public API only."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest

from govforms import ValidationErrors
from govforms.identity.testing import FakeJPKI
from govforms.payments import PaymentMethod, PaymentRequest, PaymentStatus
from govforms.payments.testing import FakePaymentProvider
from govforms.submissions import (
    JST,
    FormDefinition,
    Notification,
    SequentialReceiptNumbers,
    Status,
    Submission,
    export_csv,
    export_jsonl,
    validate_receipt_number,
)
from tests.conftest import raises_code

FORM_JSON = Path(__file__).parent / "data" / "juminhyo-copy.json"
T0 = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=JST)


class Outbox:
    def __init__(self) -> None:
        self.sent: list[Notification] = []

    def notify(self, notification: Notification) -> None:
        self.sent.append(notification)


def at(minutes: int) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def test_juminhyo_copy_end_to_end() -> None:
    # Staff publish the form; a resident fills it in.
    form = FormDefinition.from_json(FORM_JSON.read_bytes())
    posted = {
        "applicant_name": "試験　太郎",
        "applicant_kana": "ｼｹﾝ ﾀﾛｳ",
        "birth_date": "S55.1.1",
        "postal_code": "１００－００１３",
        "address": "東京都千代田区霞が関２丁目１番２号",
        "phone": "０３（１２３４）５６７８",
        "copies": "3",
        "include_my_number": "no",
        "my_number": "left over from a hidden input",
    }
    with pytest.raises(ValidationErrors) as first_try:
        form.validate({**posted, "copies": "11", "phone": "x"})
    assert first_try.value.codes() == {
        "phone": ["phone.format"],
        "copies": ["form.number_too_large"],
    }
    answers = form.validate(posted)
    assert "my_number" not in answers
    assert form.fee(answers) == 900

    # A draft with a receipt number, signed with the resident's (fake) My Number card.
    jpki = FakeJPKI(clock=lambda: T0, seed=6)
    card = jpki.issue_card(name="試験　太郎", birth_date=datetime.date(1980, 1, 1))
    trust = jpki.trust_store()
    receipts = SequentialReceiptNumbers(start=1000)
    outbox = Outbox()

    def verify(moment: datetime.datetime) -> dict[str, object]:
        return {"trust": trust, "revocation": jpki.crl_source(at=moment), "allow_test_cards": True}

    sub = Submission.create(form, answers, actor="resident-1", now=at(0), receipt_numbers=receipts)
    assert validate_receipt_number(sub.receipt_number) == sub.receipt_number
    sub = sub.attach_signature(
        card.sign(sub.signing_payload(), pin="ABC123"),
        card.signature_certificate,
        actor="resident-1",
        now=at(1),
        **verify(at(1)),
    )
    sub = sub.transition(
        Status.SUBMITTED, actor="resident-1", role="resident", now=at(2), notifier=outbox
    )
    assert sub.verify_signature(**verify(at(2))).identity.name == "試験　太郎"

    # Staff accept, review, and return it: the resident asked for too many copies.
    sub = sub.transition("accepted", actor="staff-7", role="staff", now=at(60))
    sub = sub.transition("in_review", actor="staff-7", role="staff", now=at(61))
    sub = sub.post_message(
        "通数は1通でよろしいでしょうか。訂正のうえ再申請してください。",
        sender="staff-7",
        sender_role="staff",
        now=at(62),
        notifier=outbox,
    )
    sub = sub.transition(
        "returned",
        actor="staff-7",
        role="staff",
        note="通数の確認",
        now=at(63),
        notifier=outbox,
    )
    assert [m.body for m in sub.unread_messages("resident")] == [
        "通数は1通でよろしいでしょうか。訂正のうえ再申請してください。"
    ]

    # The resident reads it, corrects the answers, signs again and resubmits.
    sub = sub.mark_messages_read(reader="resident-1", reader_role="resident", now=at(120))
    sub = sub.post_message(
        "1通に訂正しました。",
        sender="resident-1",
        sender_role="resident",
        now=at(121),
        notifier=outbox,
    )
    corrected = form.validate({**posted, "copies": "1"})
    sub = sub.amend(form, corrected, actor="resident-1", now=at(122))
    assert sub.signature is None and sub.fee == 300 and sub.revision == 2
    sub = sub.attach_signature(
        card.sign(sub.signing_payload(), pin="ABC123"),
        card.signature_certificate,
        actor="resident-1",
        now=at(123),
        **verify(at(123)),
    )
    sub = sub.transition("submitted", actor="resident-1", role="resident", now=at(124))

    # Staff review again; the fee must be paid before approval.
    sub = sub.transition("accepted", actor="staff-7", role="staff", now=at(180))
    sub = sub.transition("in_review", actor="staff-7", role="staff", now=at(181))
    with raises_code("submission.fee_unpaid", fee=300, payment_status="none"):
        sub.transition("approved", actor="staff-7", role="staff", now=at(182))
    provider = FakePaymentProvider(clock=lambda: at(183))
    payment = provider.create_payment(
        PaymentRequest(
            amount=sub.fee,
            method=PaymentMethod.QR,
            reference=sub.receipt_number,
            idempotency_key=f"fee-{sub.receipt_number}",
            description="住民票の写し 1通",
        )
    )
    assert payment.status == PaymentStatus.SUCCEEDED
    sub = sub.attach_payment(payment, now=at(183))
    sub = sub.transition("approved", actor="staff-7", role="staff", now=at(184), notifier=outbox)
    sub = sub.transition("completed", actor="mailroom", role="system", now=at(300))

    # The stored JSON (My Numbers revealed for storage) reloads to the same submission and the
    # signature still verifies at signing time.
    stored = Submission.from_json(sub.to_json(reveal_my_number=True))
    assert stored == sub
    assert stored.verify_signature(**verify(at(123))).identity.birth_date == datetime.date(
        1980, 1, 1
    )
    assert [(e.action, e.to_status.value) for e in sub.history] == [
        ("created", "draft"),
        ("signed", "draft"),
        ("transition", "submitted"),
        ("transition", "accepted"),
        ("transition", "in_review"),
        ("transition", "returned"),
        ("amended", "returned"),
        ("signed", "returned"),
        ("transition", "submitted"),
        ("transition", "accepted"),
        ("transition", "in_review"),
        ("payment", "in_review"),
        ("transition", "approved"),
        ("transition", "completed"),
    ]
    assert [(n.kind, n.recipient_role) for n in outbox.sent] == [
        ("status_changed", "staff"),
        ("message", "resident"),
        ("status_changed", "resident"),
        ("message", "staff"),
        ("status_changed", "resident"),
    ]

    # Staff export what came in.
    out = io.BytesIO()
    report = export_csv([sub], form, out)
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"), newline="")))
    assert report.rows == 1 and "個人番号" not in rows[0]
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["受付番号"] == sub.receipt_number
    assert record["状態"] == "completed" and record["支払状況"] == "succeeded"
    assert record["手数料"] == "300" and record["通数"] == "1"
    assert record["受付日時"] == "2026-11-27 09:02:00"
    assert record["氏名"] == "試験 太郎" and record["フリガナ"] == "シケン タロウ"
    assert record["電話番号"] == "03-1234-5678" and record["郵便番号"] == "100-0013"
    assert record["住所"] == "東京都千代田区霞が関2-1-2"
    lines = io.BytesIO()
    assert export_jsonl([sub], lines) == 1
