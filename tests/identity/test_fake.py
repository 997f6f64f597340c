"""The fake JPKI behaves like the real service where tests depend on it."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from govforms.identity import TEST_SIGNATURE_POLICY, TrustStore, verify_authentication
from govforms.identity.testing import (
    AUTHENTICATION_PIN_TRIES,
    SIGNATURE_PIN_TRIES,
    FakeJPKI,
    FakeMyNumberCard,
)
from tests.conftest import raises_code
from tests.identity.helpers import NOW, clock


@pytest.fixture(scope="module")
def fake() -> FakeJPKI:
    return FakeJPKI(clock=clock, seed=3)


def test_roots_share_one_name_and_differ_in_key(fake: FakeJPKI) -> None:
    for kind in ("signature", "authentication"):
        roots = [issuer.certificate for issuer in fake.issuers[kind]]  # type: ignore[index]
        assert len(roots) == 3
        assert len({r.subject for r in roots}) == 1
        assert len({r.public_key().public_numbers().n for r in roots}) == 3  # type: ignore[union-attr]
        assert all(r.not_valid_before_utc <= NOW <= r.not_valid_after_utc for r in roots)
    assert fake.issuers["signature"][0].certificate.subject != (
        fake.issuers["authentication"][0].certificate.subject
    )


def test_real_root_names(fake: FakeJPKI) -> None:
    real = {r.subject for r in TrustStore.jpki_signature()}
    assert {fake.issuer().certificate.subject} == real
    real_auth = {r.subject for r in TrustStore.jpki_authentication()}
    assert {fake.issuer("authentication").certificate.subject} == real_auth


def test_same_seed_same_keys_and_serials() -> None:
    one = FakeJPKI(clock=clock, seed=9).issue_card()
    two = FakeJPKI(clock=clock, seed=9).issue_card()
    assert one.signature_certificate.serial_number == two.signature_certificate.serial_number
    assert one.signature_certificate.public_key() == two.signature_certificate.public_key()


def test_card_profile(fake: FakeJPKI) -> None:
    card = fake.issue_card(birth_date=dt.date(1984, 2, 29))
    cert = card.signature_certificate
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    policies = cert.extensions.get_extension_for_class(x509.CertificatePolicies)
    assert policies.critical
    assert [p.policy_identifier.dotted_string for p in policies.value] == [TEST_SIGNATURE_POLICY]
    assert cert.signature_hash_algorithm is not None
    assert cert.signature_hash_algorithm.name == "sha256"
    assert cert.public_key().key_size == 2048  # type: ignore[union-attr]
    # Valid until the fifth birthday after issue; 29 February -> 28 February in 2031.
    assert cert.not_valid_after_utc == dt.datetime(2031, 2, 28, 14, 59, 59, tzinfo=dt.UTC)
    auth = card.authentication_certificate
    with pytest.raises(x509.ExtensionNotFound):
        auth.extensions.get_extension_for_class(x509.SubjectAlternativeName)


def test_sign_is_pkcs1v15_sha256(fake: FakeJPKI) -> None:
    card = fake.issue_card()
    signature = card.sign(b"data", pin="ABC123")
    key = card.signature_certificate.public_key()
    key.verify(signature, b"data", padding.PKCS1v15(), hashes.SHA256())  # type: ignore[call-arg, union-attr]


@pytest.mark.parametrize(
    ("kind", "tries", "pin"),
    [
        ("signature", SIGNATURE_PIN_TRIES, "ABC123"),
        ("authentication", AUTHENTICATION_PIN_TRIES, "1234"),
    ],
)
def test_pin_locks(kind: str, tries: int, pin: str, fake: FakeJPKI) -> None:
    card = fake.issue_card()
    use = card.sign if kind == "signature" else card.authenticate
    for remaining in range(tries - 1, 0, -1):
        with raises_code("identity.pin_incorrect", kind=kind, remaining=remaining):
            use(b"x", pin="0000-wrong")
    with raises_code("identity.pin_locked", kind=kind):
        use(b"x", pin="0000-wrong")
    with raises_code("identity.pin_locked", kind=kind):
        use(b"x", pin=pin)
    assert card.tries_left(kind) == 0  # type: ignore[arg-type]


def test_right_pin_resets_the_counter(fake: FakeJPKI) -> None:
    card = fake.issue_card()
    for _ in range(SIGNATURE_PIN_TRIES - 1):
        with raises_code("identity.pin_incorrect"):
            card.sign(b"x", pin="nope")
    card.sign(b"x", pin="ABC123")
    assert card.tries_left("signature") == SIGNATURE_PIN_TRIES
    assert card.tries_left("authentication") == AUTHENTICATION_PIN_TRIES


def test_crl_lists_revoked_cards_by_time(fake: FakeJPKI) -> None:
    card = fake.issue_card()
    fake.revoke(card, x509.ReasonFlags.key_compromise, at=NOW + dt.timedelta(hours=1))
    before = x509.load_der_x509_crl(fake.crl(at=NOW))
    after = x509.load_der_x509_crl(fake.crl(at=NOW + dt.timedelta(hours=2)))
    serial = card.signature_certificate.serial_number
    assert before.get_revoked_certificate_by_serial_number(serial) is None
    entry = after.get_revoked_certificate_by_serial_number(serial)
    assert entry is not None
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == (
        x509.ReasonFlags.key_compromise
    )
    assert after.is_signature_valid(fake.issuer().certificate.public_key())  # type: ignore[arg-type]


def test_repr_hides_keys(fake: FakeJPKI) -> None:
    # A key object's repr reads "<...RSAPrivateKey object at ...>": compare case-insensitively.
    card = fake.issue_card(name="山田　花子", signature_pin="XYZ789")
    text = repr(card)
    assert text == f"FakeMyNumberCard(serial={card.signature_certificate.serial_number:x})"
    for secret in ("private", "xyz789", "山田"):
        assert secret not in text.lower()
    assert "private" not in repr(fake.issuer()).lower()


class TestAuthentication:
    def test_login(self, fake: FakeJPKI) -> None:
        card = fake.issue_card()
        challenge = b"nonce-123"
        result = verify_authentication(
            challenge,
            card.authenticate(challenge, pin="1234"),
            card.authentication_certificate,
            trust=fake.trust_store("authentication"),
            at=NOW,
            revocation=fake.crl_source(kind="authentication"),
        )
        again = verify_authentication(
            b"other",
            card.authenticate(b"other", pin="1234"),
            card.authentication_certificate,
            trust=fake.trust_store("authentication"),
            at=NOW,
            revocation=fake.crl_source(kind="authentication"),
        )
        assert result.subject_id == again.subject_id
        assert len(result.subject_id) == 64
        other = fake.issue_card()
        third = verify_authentication(
            challenge,
            other.authenticate(challenge, pin="1234"),
            other.authentication_certificate,
            trust=fake.trust_store("authentication"),
            at=NOW,
            revocation=fake.crl_source(kind="authentication"),
        )
        assert third.subject_id != result.subject_id

    def test_wrong_challenge(self, fake: FakeJPKI) -> None:
        card = fake.issue_card()
        with raises_code("identity.signature_invalid"):
            verify_authentication(
                b"expected",
                card.authenticate(b"replayed", pin="1234"),
                card.authentication_certificate,
                trust=fake.trust_store("authentication"),
                at=NOW,
                revocation=fake.crl_source(kind="authentication"),
            )

    def test_signature_certificate_refused(self, fake: FakeJPKI) -> None:
        card = fake.issue_card()
        with raises_code("identity.policy", reason="signature_certificate"):
            verify_authentication(
                b"c",
                card.sign(b"c", pin="ABC123"),
                card.signature_certificate,
                trust=fake.trust_store("signature"),
                at=NOW,
                revocation=fake.crl_source(),
            )

    def test_wrong_tree(self, fake: FakeJPKI) -> None:
        card = fake.issue_card()
        with raises_code("identity.untrusted_issuer", reason="signature"):
            verify_authentication(
                b"c",
                card.authenticate(b"c", pin="1234"),
                card.authentication_certificate,
                trust=TrustStore.jpki_authentication(),
                at=NOW,
                revocation=fake.crl_source(kind="authentication"),
            )

    def test_required_policy(self, fake: FakeJPKI) -> None:
        card = fake.issue_card()
        with raises_code("identity.policy", reason="missing"):
            verify_authentication(
                b"c",
                card.authenticate(b"c", pin="1234"),
                card.authentication_certificate,
                trust=fake.trust_store("authentication"),
                at=NOW,
                revocation=fake.crl_source(kind="authentication"),
                policies=["1.2.3.4"],
            )

    def test_revoked(self, fake: FakeJPKI) -> None:
        card = fake.issue_card()
        fake.revoke(card, "keyCompromise", kind="authentication", at=NOW - dt.timedelta(minutes=1))
        with raises_code("identity.certificate_revoked", reason="keyCompromise"):
            verify_authentication(
                b"c",
                card.authenticate(b"c", pin="1234"),
                card.authentication_certificate,
                trust=fake.trust_store("authentication"),
                at=NOW,
                revocation=fake.crl_source(kind="authentication"),
            )


def test_card_type(fake: FakeJPKI) -> None:
    assert isinstance(fake.issue_card(), FakeMyNumberCard)
