"""Shared data for the submissions tests: the issue's form and a resident's answers."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from govforms.identity.testing import FakeJPKI, FakeMyNumberCard
from govforms.payments import PaymentMethod, PaymentRequest
from govforms.payments.testing import FakePaymentProvider
from govforms.submissions import (
    JST,
    FormDefinition,
    Notification,
    SequentialReceiptNumbers,
    Submission,
)

DATA = Path(__file__).parent / "data"
#: The form of issue 6, byte for byte.
FORM_PATH = DATA / "juminhyo-copy.json"
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=JST)


def raw_answers(**changes: Any) -> dict[str, Any]:
    """What a browser posts for the issue's form; ``changes`` override (``None`` removes)."""
    answers: dict[str, Any] = {
        "applicant_name": "試験 太郎",
        "applicant_kana": "しけん たろう",
        "birth_date": "昭和55年1月1日",
        "postal_code": "〒100-0013",
        "address": "東京都千代田区霞が関2-1-2",
        "phone": "03-1234-5678",
        "copies": "２",
        "include_my_number": "yes",
        "my_number": "1234 5678 9018",
    }
    for key, value in changes.items():
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    return answers


@pytest.fixture(scope="session")
def form() -> FormDefinition:
    return FormDefinition.load(FORM_PATH)


class RecordingNotifier:
    """A notifier that keeps what it was told (the host would send an e-mail)."""

    def __init__(self) -> None:
        self.sent: list[Notification] = []

    def notify(self, notification: Notification) -> None:
        self.sent.append(notification)


@pytest.fixture
def jpki() -> FakeJPKI:
    return FakeJPKI(clock=lambda: NOW, seed=1)


@pytest.fixture
def card(jpki: FakeJPKI) -> FakeMyNumberCard:
    return jpki.issue_card(name="試験　太郎", birth_date=datetime.date(1980, 1, 1))


def verify_options(jpki: FakeJPKI) -> dict[str, Any]:
    """What :meth:`Submission.attach_signature` passes on to the verifier for the fake JPKI."""
    return {
        "trust": jpki.trust_store(),
        "revocation": jpki.crl_source(at=NOW),
        "allow_test_cards": True,
    }


def draft(form: FormDefinition, **changes: Any) -> Submission:
    """A draft of the issue's form with deterministic id and receipt number."""
    return Submission.create(
        form,
        form.validate(raw_answers(**changes)),
        actor="resident-1",
        now=NOW,
        receipt_numbers=SequentialReceiptNumbers(),
        new_id=lambda: "sub-1",
    )


def signed(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard, **changes: Any
) -> Submission:
    """A draft signed with ``card``."""
    sub = draft(form, **changes)
    signature = card.sign(sub.signing_payload(), pin="ABC123")
    return sub.attach_signature(
        signature, card.signature_certificate, actor="resident-1", now=NOW, **verify_options(jpki)
    )


def paid(sub: Submission, provider: FakePaymentProvider | None = None) -> Submission:
    """``sub`` with its fee paid by card through the fake provider."""
    provider = provider or FakePaymentProvider(clock=lambda: NOW)
    payment = provider.create_payment(
        PaymentRequest(
            amount=sub.fee,
            method=PaymentMethod.CARD,
            reference=sub.receipt_number,
            idempotency_key=f"fee-{sub.receipt_number}",
            description="住民票の写し",
        )
    )
    return sub.attach_payment(payment, now=NOW)
