"""verify_signature: the happy path, and every failure code from a certificate built to cause it."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from govforms.errors import ConfigurationError, IdentityError
from govforms.identity import (
    SIGNATURE_POLICY,
    TEST_SIGNATURE_POLICY,
    CRLSource,
    TrustStore,
    VerifiedSignature,
    validate_path,
    verify_signature,
)
from govforms.identity.testing import FakeIssuer, FakeJPKI, FakeMyNumberCard, pool_key
from tests.conftest import raises_code
from tests.identity.helpers import NOW, basic_items, card_certificate, clock, policies

DATA = "申請書の内容".encode()


@pytest.fixture(scope="module")
def fake() -> FakeJPKI:
    return FakeJPKI(clock=clock, seed=1)


@pytest.fixture(scope="module")
def card(fake: FakeJPKI) -> FakeMyNumberCard:
    return fake.issue_card(
        name="山田　花子",
        birth_date=dt.date(1990, 4, 1),
        gender="2",
        address="東京都千代田区霞が関2-1-2",
    )


@pytest.fixture(scope="module")
def trust(fake: FakeJPKI) -> TrustStore:
    return fake.trust_store()


@pytest.fixture(scope="module")
def crls(fake: FakeJPKI) -> CRLSource:
    return fake.crl_source()


def verify(
    certificate: object,
    key: rsa.RSAPrivateKey,
    trust: TrustStore,
    crls: CRLSource,
    **options: object,
) -> VerifiedSignature:
    signature = key.sign(DATA, padding.PKCS1v15(), hashes.SHA256())
    options.setdefault("at", NOW)
    options.setdefault("allow_test_cards", True)
    return verify_signature(DATA, signature, certificate, trust=trust, revocation=crls, **options)  # type: ignore[arg-type]


def test_fake_card_verifies(card: FakeMyNumberCard, trust: TrustStore, crls: CRLSource) -> None:
    signature = card.sign(DATA, pin="ABC123")
    result = verify_signature(
        DATA,
        signature,
        card.signature_certificate,
        trust=trust,
        at=NOW,
        revocation=crls,
        allow_test_cards=True,
    )
    assert result.identity.name == "山田　花子"
    assert result.identity.birth_date == dt.date(1990, 4, 1)
    assert result.identity.gender == "2"
    assert result.identity.address == "東京都千代田区霞が関2-1-2"
    assert result.identity.birth_era == 4
    assert result.test_card is True
    assert result.policy == TEST_SIGNATURE_POLICY
    assert result.certificate.serial_number == card.signature_certificate.serial_number
    assert (
        result.certificate.fingerprint_sha256
        == card.signature_certificate.fingerprint(hashes.SHA256()).hex()
    )
    assert result.certificate.not_after == dt.datetime(2031, 4, 1, 14, 59, 59, tzinfo=dt.UTC)
    assert result.at == NOW


@pytest.mark.parametrize("form", ["der", "pem_bytes", "pem_text", "object"])
def test_certificate_forms(
    form: str, card: FakeMyNumberCard, trust: TrustStore, crls: CRLSource
) -> None:
    cert = card.signature_certificate
    value = {
        "der": cert.public_bytes(serialization.Encoding.DER),
        "pem_bytes": cert.public_bytes(serialization.Encoding.PEM),
        "pem_text": cert.public_bytes(serialization.Encoding.PEM).decode(),
        "object": cert,
    }[form]
    signature = card.sign(DATA, pin="ABC123")
    result = verify_signature(
        DATA, signature, value, trust=trust, at=NOW, revocation=crls, allow_test_cards=True
    )
    assert result.identity.gender == "2"


def test_repr_masks_personal_data(
    card: FakeMyNumberCard, trust: TrustStore, crls: CRLSource
) -> None:
    result = verify_signature(
        DATA,
        card.sign(DATA, pin="ABC123"),
        card.signature_certificate,
        trust=trust,
        at=NOW,
        revocation=crls,
        allow_test_cards=True,
    )
    text = repr(result) + str(result) + repr(result.identity)
    # not_after is the holder's birthday (see CertificateInfo): left out of repr too.
    birthday = repr(result.certificate.not_after)
    for secret in ("山田", "花子", "1990", "霞が関", "東京都", birthday):
        assert secret not in text


def test_repeat_verification_still_checks_time_and_signature(
    card: FakeMyNumberCard, trust: TrustStore, crls: CRLSource
) -> None:
    signature = card.sign(DATA, pin="ABC123")
    options = {"trust": trust, "revocation": crls, "allow_test_cards": True}
    verify_signature(DATA, signature, card.signature_certificate, at=NOW, **options)  # type: ignore[arg-type]
    with raises_code("identity.signature_invalid"):
        verify_signature(DATA + b"!", signature, card.signature_certificate, at=NOW, **options)  # type: ignore[arg-type]
    with raises_code("identity.certificate_expired", position="end_entity"):
        verify_signature(
            DATA,
            signature,
            card.signature_certificate,
            at=dt.datetime(2032, 1, 1, tzinfo=dt.UTC),
            **options,  # type: ignore[arg-type]
        )


def test_signature_invalid(card: FakeMyNumberCard, trust: TrustStore, crls: CRLSource) -> None:
    signature = card.sign(DATA, pin="ABC123")
    for bad in (signature[:-1] + bytes([signature[-1] ^ 1]), b"", b"\x00" * 256, b"x" * 2000):
        with raises_code("identity.signature_invalid"):
            verify_signature(
                DATA,
                bad,
                card.signature_certificate,
                trust=trust,
                at=NOW,
                revocation=crls,
                allow_test_cards=True,
            )


def test_signature_by_another_card_is_invalid(
    fake: FakeJPKI, card: FakeMyNumberCard, trust: TrustStore, crls: CRLSource
) -> None:
    other = fake.issue_card()
    with raises_code("identity.signature_invalid"):
        verify_signature(
            DATA,
            other.sign(DATA, pin="ABC123"),
            card.signature_certificate,
            trust=trust,
            at=NOW,
            revocation=crls,
            allow_test_cards=True,
        )


def test_test_card_needs_permission(
    card: FakeMyNumberCard, trust: TrustStore, crls: CRLSource
) -> None:
    with raises_code("identity.policy", reason="test_card"):
        verify_signature(
            DATA,
            card.sign(DATA, pin="ABC123"),
            card.signature_certificate,
            trust=trust,
            at=NOW,
            revocation=crls,
        )


def test_production_policy_card(fake: FakeJPKI, trust: TrustStore, crls: CRLSource) -> None:
    card = fake.issue_card(policy=SIGNATURE_POLICY)
    result = verify_signature(
        DATA,
        card.sign(DATA, pin="ABC123"),
        card.signature_certificate,
        trust=trust,
        at=NOW,
        revocation=crls,
    )
    assert result.policy == SIGNATURE_POLICY
    assert result.test_card is False


def test_untrusted_issuer_real_store(card: FakeMyNumberCard, crls: CRLSource) -> None:
    """Fake roots carry the real J-LIS names: rejection is by signature, not by name."""
    with raises_code("identity.untrusted_issuer", reason="signature"):
        verify_signature(
            DATA,
            card.sign(DATA, pin="ABC123"),
            card.signature_certificate,
            trust=TrustStore.jpki_signature(),
            at=NOW,
            revocation=crls,
            allow_test_cards=True,
        )


def test_untrusted_issuer_unknown_name(trust: TrustStore, crls: CRLSource) -> None:
    key = pool_key(29)
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Somebody")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(5)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    with raises_code("identity.untrusted_issuer", reason="no_issuer"):
        verify(cert, key, trust, crls)


def test_issuer_chosen_among_generations(
    fake: FakeJPKI, trust: TrustStore, crls: CRLSource
) -> None:
    for generation in range(3):
        card = fake.issue_card(generation=generation)
        result = verify_signature(
            DATA,
            card.sign(DATA, pin="ABC123"),
            card.signature_certificate,
            trust=trust,
            at=NOW,
            revocation=crls,
            allow_test_cards=True,
        )
        anchor = fake.issuer("signature", generation).certificate
        assert (
            result.certificate.anchor_fingerprint_sha256
            == anchor.fingerprint(hashes.SHA256()).hex()
        )


def test_issuer_chosen_by_signature_without_key_identifier(
    fake: FakeJPKI, trust: TrustStore, crls: CRLSource
) -> None:
    issuer = fake.issuer("signature", 0)
    key = pool_key(28)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "NO AKI")]))
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(77)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=9))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .add_extension(policies(), True)
        .add_extension(basic_items(), False)
    )
    cert = builder.sign(issuer.private_key, hashes.SHA256())
    assert verify(cert, key, trust, crls).certificate.serial_number == 77


def test_expired_and_not_yet_valid(fake: FakeJPKI, trust: TrustStore, crls: CRLSource) -> None:
    issuer = fake.issuer()
    cert, key = card_certificate(issuer, not_after=NOW - dt.timedelta(seconds=1))
    with raises_code("identity.certificate_expired", position="end_entity"):
        verify(cert, key, trust, crls)
    cert, key = card_certificate(issuer, not_before=NOW + dt.timedelta(seconds=1))
    with raises_code("identity.certificate_not_yet_valid", position="end_entity"):
        verify(cert, key, trust, crls)


def test_root_expired_at_signing_time(fake: FakeJPKI, trust: TrustStore) -> None:
    oldest = fake.issuer("signature", 0)
    cert, key = card_certificate(oldest, not_after=NOW + dt.timedelta(days=3650 * 2))
    late = oldest.certificate.not_valid_after_utc + dt.timedelta(days=1)
    with raises_code("identity.certificate_expired", position="trust_anchor"):
        verify(cert, key, trust, fake.crl_source(at=late), at=late)


def test_key_usage(
    fake: FakeJPKI, trust: TrustStore, crls: CRLSource, card: FakeMyNumberCard
) -> None:
    issuer = fake.issuer()
    no_nr = x509.KeyUsage(True, False, False, False, False, False, False, False, False)
    for options in ({"usage": no_nr}, {"usage": None}, {"usage_critical": False}):
        cert, key = card_certificate(issuer, **options)  # type: ignore[arg-type]
        with raises_code("identity.key_usage", position="end_entity"):
            verify(cert, key, trust, crls)


def test_authentication_certificate_is_not_a_signature_certificate(
    fake: FakeJPKI, card: FakeMyNumberCard
) -> None:
    with raises_code("identity.key_usage", position="end_entity"):
        verify_signature(
            DATA,
            card.authenticate(DATA, pin="1234"),
            card.authentication_certificate,
            trust=fake.trust_store("authentication"),
            at=NOW,
            revocation=fake.crl_source(kind="authentication"),
            allow_test_cards=True,
        )


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"policy": None, "policy_critical": False}, "missing"),
        ({"policy": policies(), "policy_critical": False}, "not_critical"),
        ({"policy": policies("1.2.392.200149.8.5.1.3.30")}, "not_jpki"),
        ({"policy": policies("2.5.29.32.0")}, "not_jpki"),
    ],
)
def test_policy(
    options: dict[str, object], reason: str, fake: FakeJPKI, trust: TrustStore, crls: CRLSource
) -> None:
    cert, key = card_certificate(fake.issuer(), **options)  # type: ignore[arg-type]
    with raises_code("identity.policy", reason=reason):
        verify(cert, key, trust, crls)


def test_weak_key(fake: FakeJPKI, trust: TrustStore, crls: CRLSource) -> None:
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    cert, key = card_certificate(fake.issuer(), key=small)
    with raises_code("identity.weak_key", position="end_entity", bits=1024):
        verify(cert, key, trust, crls)


def test_critical_extended_key_usage_is_refused(
    fake: FakeJPKI, trust: TrustStore, crls: CRLSource
) -> None:
    """govforms does not evaluate purposes, so a critical EKU cannot be honoured: reject."""
    eku = x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH])
    cert, key = card_certificate(fake.issuer(), extra=[(eku, True)])
    with raises_code("identity.unknown_critical_extension", oid="2.5.29.37"):
        verify(cert, key, trust, crls)
    cert, key = card_certificate(fake.issuer(), extra=[(eku, False)], serial=992)
    assert verify(cert, key, trust, crls).certificate.serial_number == 992


def test_most_telling_error_among_same_name_roots(
    fake: FakeJPKI, trust: TrustStore, crls: CRLSource
) -> None:
    """Without a key identifier the older roots are tried first and fail on the signature; the
    error reported is the one from the root that did sign the certificate."""
    oid = x509.ObjectIdentifier("1.3.6.1.4.1.99999.2")
    cert, key = card_certificate(
        fake.issuer("signature", 2),
        key_identifier=False,
        extra=[(x509.UnrecognizedExtension(oid, b"\x05\x00"), True)],
    )
    with raises_code("identity.unknown_critical_extension", oid=oid.dotted_string):
        verify(cert, key, trust, crls)


def test_unsupported_algorithm(fake: FakeJPKI, trust: TrustStore, crls: CRLSource) -> None:
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
    cert, key = card_certificate(fake.issuer(), rsa_padding=pss)
    with raises_code(
        "identity.unsupported_algorithm", position="end_entity", algorithm="1.2.840.113549.1.1.10"
    ):
        verify(cert, key, trust, crls)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    cert, key = card_certificate(fake.issuer(), public_key=ec_key.public_key())
    with raises_code("identity.unsupported_algorithm", position="end_entity"):
        verify(cert, key, trust, crls)


def test_unknown_critical_extension(fake: FakeJPKI, trust: TrustStore, crls: CRLSource) -> None:
    oid = x509.ObjectIdentifier("1.3.6.1.4.1.99999.1")
    extra = [(x509.UnrecognizedExtension(oid, b"\x05\x00"), True)]
    cert, key = card_certificate(fake.issuer(), extra=extra)
    with raises_code(
        "identity.unknown_critical_extension", position="end_entity", oid=oid.dotted_string
    ):
        verify(cert, key, trust, crls)
    # The same extension, not critical, is ignored (RFC 5280 §4.2).
    cert, key = card_certificate(fake.issuer(), extra=[(extra[0][0], False)], serial=991)
    assert verify(cert, key, trust, crls).certificate.serial_number == 991


@pytest.mark.parametrize(
    ("san", "part"),
    [
        (None, "subject_alt_name"),
        (basic_items(birth="4199004"), "birth_date"),
        (basic_items(birth="419900231"), "birth_date"),
        (
            x509.SubjectAlternativeName(
                [x509.OtherName(x509.ObjectIdentifier("1.2.392.200149.8.5.5.1"), b"\x0c\x01a")]
            ),
            "subject_alt_name",
        ),
        (x509.SubjectAlternativeName([x509.DNSName("example.jp")]), "name"),
    ],
)
def test_basic_items_malformed(
    san: x509.SubjectAlternativeName | None,
    part: str,
    fake: FakeJPKI,
    trust: TrustStore,
    crls: CRLSource,
) -> None:
    cert, key = card_certificate(fake.issuer(), san=san)
    with raises_code("identity.certificate_malformed", part=part):
        verify(cert, key, trust, crls)


def test_malformed_certificate(trust: TrustStore, crls: CRLSource) -> None:
    for value in (
        b"",
        b"\x30\x03\x02\x01\x01",
        "-----BEGIN CERTIFICATE-----\nAAAA\n",
        "証明書",
        42,
    ):
        with raises_code("identity.certificate_malformed"):
            verify_signature(DATA, b"sig", value, trust=trust, at=NOW, revocation=crls)


def test_revoked(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    signature = card.sign(DATA, pin="ABC123")
    fake.revoke(card, "keyCompromise", at=NOW - dt.timedelta(hours=1))
    with raises_code("identity.certificate_revoked", position="end_entity", reason="keyCompromise"):
        verify_signature(
            DATA,
            signature,
            card.signature_certificate,
            trust=trust,
            at=NOW,
            revocation=fake.crl_source(),
            allow_test_cards=True,
        )


def test_revoked_after_signing_for_a_change_of_address(fake: FakeJPKI, trust: TrustStore) -> None:
    """affiliationChanged after the signing time: the signature was made with a good certificate."""
    card = fake.issue_card()
    signature = card.sign(DATA, pin="ABC123")
    fake.revoke(card, "affiliationChanged", at=NOW + dt.timedelta(days=2))
    later = fake.crl_source(at=NOW + dt.timedelta(days=3))
    verify_signature(
        DATA,
        signature,
        card.signature_certificate,
        trust=trust,
        at=NOW,
        revocation=later,
        allow_test_cards=True,
    )
    with raises_code("identity.certificate_revoked", reason="affiliationChanged"):
        verify_signature(
            DATA,
            signature,
            card.signature_certificate,
            trust=trust,
            at=NOW + dt.timedelta(days=3),
            revocation=later,
            allow_test_cards=True,
        )


def test_revocation_unavailable(card: FakeMyNumberCard, fake: FakeJPKI, trust: TrustStore) -> None:
    signature = card.sign(DATA, pin="ABC123")
    cert = card.signature_certificate
    with raises_code("identity.revocation_unavailable", reason="no_source"):
        verify_signature(DATA, signature, cert, trust=trust, at=NOW, allow_test_cards=True)
    stale = fake.crl_source(at=NOW - dt.timedelta(days=2))
    with raises_code("identity.revocation_unavailable", reason="stale"):
        verify_signature(
            DATA, signature, cert, trust=trust, at=NOW, revocation=stale, allow_test_cards=True
        )
    other = FakeJPKI(clock=clock, seed=2).crl_source()
    with raises_code("identity.revocation_unavailable", reason="signature"):
        verify_signature(
            DATA, signature, cert, trust=trust, at=NOW, revocation=other, allow_test_cards=True
        )
    # Without a revocation requirement the host takes the risk explicitly.
    verify_signature(
        DATA, signature, cert, trust=trust, at=NOW, require_revocation=False, allow_test_cards=True
    )


def test_naive_time_and_wrong_types(card: FakeMyNumberCard, trust: TrustStore) -> None:
    signature = card.sign(DATA, pin="ABC123")
    cert = card.signature_certificate
    with raises_code("identity.naive_time"):
        verify_signature(DATA, signature, cert, trust=trust, at=dt.datetime(2026, 4, 1))
    with raises_code("identity.input_type", argument="data", actual="str"):
        verify_signature("text", signature, cert, trust=trust, at=NOW)  # type: ignore[arg-type]
    with raises_code("identity.input_type", argument="trust", actual="list"):
        verify_signature(DATA, signature, cert, trust=[], at=NOW)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError):
        verify_signature(DATA, signature, cert, trust=trust, at="2026-04-01")  # type: ignore[arg-type]


def test_errors_are_identity_errors(card: FakeMyNumberCard) -> None:
    with pytest.raises(IdentityError):
        verify_signature(
            DATA, b"", card.signature_certificate, trust=TrustStore.jpki_signature(), at=NOW
        )


def test_cryptography_verifier_is_a_second_opinion() -> None:
    """A root without keyCertSign passes RFC 5280 anchor handling (anchors are name + key) but
    not ``cryptography``'s CA policy: the disagreement is a rejection, never an accept."""
    key = pool_key(26)
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Odd root")])
    root = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(10)
        .not_valid_before(NOW - dt.timedelta(days=10))
        .not_valid_after(NOW + dt.timedelta(days=10))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, False, True, False, False), True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    issuer = FakeIssuer("signature", 0, root, key)
    cert, card_key = card_certificate(issuer)
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(name)
        .last_update(NOW - dt.timedelta(hours=1))
        .next_update(NOW + dt.timedelta(hours=1))
        .sign(key, hashes.SHA256())
    )
    store = TrustStore.from_certificates([root])
    with raises_code("identity.untrusted_issuer", reason="verifier"):
        verify(cert, card_key, store, CRLSource([crl]))
    # The generic RFC 5280 validator alone accepts it: the JPKI layer adds the second opinion.
    assert validate_path(cert, trust=store, at=NOW, revocation=CRLSource([crl]))[-1] == root


def test_validate_path_needs_aware_time(card: FakeMyNumberCard, trust: TrustStore) -> None:
    with raises_code("identity.naive_time"):
        validate_path(card.signature_certificate, trust=trust, at=dt.datetime(2026, 4, 1))
