"""Signatures (verified with govforms.identity against the fake JPKI) and payment records."""

from __future__ import annotations

import base64
import datetime
from typing import Any

import pytest

from govforms.identity import TrustStore
from govforms.identity.testing import FakeJPKI, FakeMyNumberCard
from govforms.payments import PaymentMethod, PaymentRequest
from govforms.payments.testing import FakePaymentProvider
from govforms.submissions import FormDefinition, SignerIdentity, Status, Submission
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, draft, paid, raw_answers, signed, verify_options


def test_attach_and_verify(form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard) -> None:
    sub = signed(form, jpki, card)
    evidence = sub.signature
    assert evidence is not None
    cert = card.signature_certificate
    assert evidence.serial == format(cert.serial_number, "x")
    assert evidence.certificate_der() == cert.public_bytes(
        __import__(
            "cryptography.hazmat.primitives.serialization", fromlist=["Encoding"]
        ).Encoding.DER
    )
    assert evidence.payload_digest == sub.payload_digest()
    assert evidence.identity.name == "試験　太郎"
    assert evidence.identity.birth_date == datetime.date(1980, 1, 1)
    assert evidence.test_card and "JPKI" in evidence.issuer
    assert "試験" not in repr(evidence) and "試験" not in repr(evidence.identity)
    assert sub.history[-1].action == "signed"
    verified = sub.verify_signature(**verify_options(jpki))
    assert verified.identity.name == "試験　太郎"
    # Evidence survives a JSON round trip and still verifies.
    back = Submission.from_json(sub.to_json(reveal_my_number=True))
    assert (
        back.verify_signature(**verify_options(jpki)).certificate.serial_number
        == cert.serial_number
    )


def test_pem_and_der_certificates(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    sub = draft(form)
    signature = card.sign(sub.signing_payload(), pin="ABC123")
    for encoding in (Encoding.PEM, Encoding.DER):
        data = card.signature_certificate.public_bytes(encoding)
        done = sub.attach_signature(signature, data, actor="r", now=NOW, **verify_options(jpki))
        assert done.signature is not None
        assert done.signature.certificate_der() == card.signature_certificate.public_bytes(
            Encoding.DER
        )


def test_a_host_verifier_that_lets_a_bad_certificate_through_still_gets_a_coded_error(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    from govforms.identity import verify_signature

    sub = draft(form)
    signature = card.sign(sub.signing_payload(), pin="ABC123")
    options = verify_options(jpki)

    def lenient(payload: bytes, sig: bytes, certificate: object, **kw: Any) -> Any:
        # Verifies with the real certificate whatever it is given.
        return verify_signature(payload, sig, card.signature_certificate, **kw)

    bad_pem = "-----BEGIN CERTIFICATE-----\nzz\n-----END CERTIFICATE-----\n"
    for certificate in (bad_pem, "証明書", 123):
        with raises_code("identity.certificate_malformed", part="certificate"):
            sub.attach_signature(
                signature, certificate, actor="r", now=NOW, verifier=lenient, **options
            )


def test_signer_must_be_the_applicant(form: FormDefinition, jpki: FakeJPKI) -> None:
    stranger = jpki.issue_card(name="別人　花子", birth_date=datetime.date(1990, 5, 5))
    with raises_code("submission.signer_mismatch", items=["name", "birth_date"]):
        signed(form, jpki, stranger)
    twin = jpki.issue_card(name="試験　太郎", birth_date=datetime.date(1980, 1, 2))
    with raises_code("submission.signer_mismatch", items=["birth_date"]):
        signed(form, jpki, twin)
    other_name = jpki.issue_card(name="試験　次郎", birth_date=datetime.date(1980, 1, 1))
    with raises_code("submission.signer_mismatch", items=["name"]):
        signed(form, jpki, other_name)


def test_names_are_compared_without_normalisation(form: FormDefinition, jpki: FakeJPKI) -> None:
    # 邊 (U+908A) on the card and 辺 (U+8FBA) in the answers are different legal names.
    card = jpki.issue_card(name="渡邊　太郎", birth_date=datetime.date(1980, 1, 1))
    with raises_code("submission.signer_mismatch", items=["name"]):
        signed(form, jpki, card, applicant_name="渡辺 太郎")
    # Spacing differences (U+3000, several spaces) are not a different name.
    assert signed(form, jpki, card, applicant_name="渡邊\u3000\u3000太郎").signature is not None


def test_bad_signatures_keep_identity_codes(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = draft(form)
    good = card.sign(sub.signing_payload(), pin="ABC123")
    with raises_code("identity.signature_invalid"):
        sub.attach_signature(
            good[:-1] + bytes([good[-1] ^ 1]),
            card.signature_certificate,
            actor="r",
            now=NOW,
            **verify_options(jpki),
        )
    with raises_code("identity.untrusted_issuer"):
        sub.attach_signature(
            good,
            card.signature_certificate,
            actor="r",
            now=NOW,
            trust=TrustStore.jpki_signature(),
            require_revocation=False,
            allow_test_cards=True,
        )
    with raises_code("identity.policy"):
        sub.attach_signature(
            good,
            card.signature_certificate,
            actor="r",
            now=NOW,
            trust=jpki.trust_store(),
            revocation=jpki.crl_source(at=NOW),
        )
    jpki.revoke(card, at=NOW - datetime.timedelta(minutes=1))
    with raises_code("identity.certificate_revoked"):
        sub.attach_signature(
            good, card.signature_certificate, actor="r", now=NOW, **verify_options(jpki)
        )
    with raises_code("identity.certificate_malformed"):
        sub.attach_signature(good, b"not a certificate", actor="r", now=NOW, **verify_options(jpki))


def test_signature_over_other_answers(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = draft(form)
    other = draft(form, copies=3)
    signature = card.sign(other.signing_payload(), pin="ABC123")
    with raises_code("identity.signature_invalid"):
        sub.attach_signature(
            signature, card.signature_certificate, actor="r", now=NOW, **verify_options(jpki)
        )


def test_reverification_detects_changes(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = signed(form, jpki, card)
    tampered = [
        sub.model_copy(update={"fee": 0}),
        sub.model_copy(update={"answers": form.validate(raw_answers(copies=9))}),
        sub.model_copy(update={"receipt_number": "261127-000002-?"}),
    ]
    for changed in tampered:
        with raises_code("submission.payload_changed"):
            changed.verify_signature(**verify_options(jpki))
    # A forged digest does not help: the RSA signature itself no longer verifies.
    assert sub.signature is not None
    forged = tampered[0].model_copy(
        update={
            "signature": sub.signature.model_copy(
                update={"payload_digest": tampered[0].payload_digest()}
            )
        }
    )
    with raises_code("identity.signature_invalid"):
        forged.verify_signature(**verify_options(jpki))
    with raises_code("submission.signature_missing"):
        draft(form).verify_signature(**verify_options(jpki))


def test_swapped_evidence_identity_is_caught(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = signed(form, jpki, card)
    assert sub.signature is not None
    fake_identity = SignerIdentity(
        name="別人 花子", birth_date=datetime.date(1990, 1, 1), gender="2", address="x"
    )
    edited = sub.model_copy(
        update={"signature": sub.signature.model_copy(update={"identity": fake_identity})}
    )
    # The stored identity is a record; re-verification reads the certificate again.
    assert edited.verify_signature(**verify_options(jpki)).identity.name == "試験　太郎"
    stranger = jpki.issue_card(name="別人　花子", birth_date=datetime.date(1990, 1, 1))
    swapped = sub.model_copy(
        update={
            "signature": sub.signature.model_copy(
                update={
                    "certificate": base64.b64encode(
                        stranger.signature_certificate.public_bytes(
                            __import__(
                                "cryptography.hazmat.primitives.serialization",
                                fromlist=["Encoding"],
                            ).Encoding.DER
                        )
                    ).decode()
                }
            )
        }
    )
    with raises_code("identity.signature_invalid"):
        swapped.verify_signature(**verify_options(jpki))


def test_signing_only_while_editable(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = signed(form, jpki, card).transition("submitted", actor="r", role="resident", now=NOW)
    with raises_code("submission.not_editable", status="submitted"):
        sub.attach_signature(
            b"x", card.signature_certificate, actor="r", now=NOW, **verify_options(jpki)
        )


def test_amending_drops_the_signature(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = signed(form, jpki, card)
    amended = sub.amend(form, form.validate(raw_answers(copies=1)), actor="r", now=NOW)
    assert amended.signature is None
    with raises_code("submission.signature_required"):
        amended.transition("submitted", actor="r", role="resident", now=NOW)
    stale = amended.model_copy(update={"signature": sub.signature})
    with raises_code("submission.payload_changed"):
        stale.transition("submitted", actor="r", role="resident", now=NOW)


# --- payments -----------------------------------------------------------------------------------


def _request(sub: Submission, **changes: object) -> PaymentRequest:
    fields: dict[str, object] = {
        "amount": sub.fee,
        "method": PaymentMethod.CARD,
        "reference": sub.receipt_number,
        "idempotency_key": f"fee-{sub.receipt_number}",
    }
    fields.update(changes)
    return PaymentRequest.model_validate(fields)


def test_payment_record(form: FormDefinition) -> None:
    sub = paid(draft(form))
    record = sub.payment
    assert record is not None and sub.is_paid
    assert (record.status, record.amount, record.method) == ("succeeded", 600, "card")
    assert record.reference == sub.receipt_number and record.recorded_at == NOW
    assert sub.history[-1].action == "payment" and sub.history[-1].note == "succeeded"
    assert Submission.from_json(sub.to_json(reveal_my_number=True)) == sub


def test_payment_checks(form: FormDefinition) -> None:
    sub = draft(form)
    provider = FakePaymentProvider(clock=lambda: NOW)
    wrong_amount = provider.create_payment(_request(sub, amount=300, idempotency_key="k1"))
    with raises_code("submission.payment_amount_mismatch", fee=600, amount=300):
        sub.attach_payment(wrong_amount, now=NOW)
    wrong_ref = provider.create_payment(
        _request(sub, reference="someone-else", idempotency_key="k2")
    )
    with raises_code("submission.payment_reference_mismatch"):
        sub.attach_payment(wrong_ref, now=NOW)
    konbini = provider.create_payment(
        _request(sub, method=PaymentMethod.KONBINI, idempotency_key="k3")
    )
    with raises_code("submission.payment_method_not_accepted", method="konbini"):
        sub.attach_payment(konbini, now=NOW)
    done = sub.attach_payment(provider.create_payment(_request(sub)), now=NOW)
    second = provider.create_payment(_request(sub, idempotency_key="k4"))
    with raises_code("submission.already_paid"):
        done.attach_payment(second, now=NOW)


def test_declined_and_refunded_payments_do_not_count(form: FormDefinition) -> None:
    sub = draft(form)
    provider = FakePaymentProvider(clock=lambda: NOW)
    declined = provider.create_payment(
        _request(sub, metadata={"fake_scenario": "decline"}, idempotency_key="d1")
    )
    with_declined = sub.attach_payment(declined, now=NOW)
    assert with_declined.payment is not None and with_declined.payment.status == "failed"
    assert not with_declined.is_paid
    # A later successful payment replaces the failed one.
    good = provider.create_payment(_request(sub))
    assert with_declined.attach_payment(good, now=NOW).is_paid
    refunded = provider.refund_payment(
        good.id, amount=600, expected_refundable=600, idempotency_key="r1"
    )
    del refunded
    assert not sub.attach_payment(provider.get_payment(good.id), now=NOW).is_paid


def test_a_fee_lowered_after_payment_is_settled_by_refunding_the_difference(
    form: FormDefinition,
) -> None:
    provider = FakePaymentProvider(clock=lambda: NOW)
    sub = paid(draft(form), provider)  # 2 copies: ¥600, paid
    assert sub.payment is not None
    payment_id = sub.payment.payment_id
    lowered = sub.amend(form, form.validate(raw_answers(copies=1)), actor="resident-1", now=NOW)
    assert lowered.amount_due == 300
    assert not lowered.is_paid  # ¥600 kept for a ¥300 fee does not settle it
    with raises_code("submission.already_paid"):
        lowered.attach_payment(
            provider.create_payment(_request(lowered, amount=300, idempotency_key="k2")), now=NOW
        )
    provider.refund_payment(payment_id, amount=300, expected_refundable=600, idempotency_key="r")
    settled = lowered.attach_payment(provider.get_payment(payment_id), now=NOW)
    assert settled.payment is not None
    assert (settled.payment.captured_amount, settled.payment.refunded_amount) == (600, 300)
    assert settled.is_paid
    # Refunding the rest leaves nothing paid.
    provider.refund_payment(payment_id, amount=300, expected_refundable=300, idempotency_key="r2")
    assert not settled.attach_payment(provider.get_payment(payment_id), now=NOW).is_paid


def test_free_forms_take_no_payment(form: FormDefinition) -> None:
    free = FormDefinition.from_dict(
        {
            "id": "free",
            "version": 1,
            "title": {"ja": "無料", "en": "Free"},
            "fields": [{"name": "a", "type": "text", "label": {"ja": "A", "en": "A"}}],
        }
    )
    sub = Submission.create(free, free.validate({"a": "x"}), actor="r", now=NOW)
    payment = FakePaymentProvider(clock=lambda: NOW).create_payment(_request(draft(form)))
    with raises_code("submission.no_fee"):
        sub.attach_payment(payment, now=NOW)


@pytest.mark.parametrize("status", [Status.SUBMITTED])
def test_payment_can_be_recorded_after_submission(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard, status: Status
) -> None:
    sub = signed(form, jpki, card).transition(status, actor="r", role="resident", now=NOW)
    assert paid(sub).is_paid and paid(sub).status == status
