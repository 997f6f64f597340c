"""Adversarial review of ``govforms.identity``: each test builds an input that must be refused.

A false accept is a forged application, so every check is attacked from the outside with a
certificate, CRL, OCSP response, signature or trust store built to slip through; a few positive
controls (marked) show that the offending detail, not something else, causes the refusal.
"""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import ExtendedKeyUsageOID

from govforms.identity import (
    SIGNATURE_POLICY,
    TEST_SIGNATURE_POLICY,
    CRLSource,
    TrustStore,
    VerifiedSignature,
    validate_path,
    verify_authentication,
    verify_signature,
)
from govforms.identity._der import read_tlv
from govforms.identity.testing import FakeIssuer, FakeJPKI, FakeMyNumberCard, pool_key
from tests.conftest import raises_code
from tests.identity.helpers import (
    NOW,
    card_certificate,
    clock,
    der,
    elements,
    resign,
)

DATA = "転入届 2026-04-01".encode()
PIN = "ABC123"
AUTH_USAGE = x509.KeyUsage(True, False, False, False, False, False, False, False, False)
DER = serialization.Encoding.DER


@pytest.fixture(scope="module")
def fake() -> FakeJPKI:
    return FakeJPKI(clock=clock, seed=11)


@pytest.fixture(scope="module")
def trust(fake: FakeJPKI) -> TrustStore:
    return fake.trust_store()


@pytest.fixture(scope="module")
def crls(fake: FakeJPKI) -> CRLSource:
    return fake.crl_source()


@pytest.fixture(scope="module")
def root(fake: FakeJPKI) -> FakeIssuer:
    return fake.issuer()


def sign(key: rsa.RSAPrivateKey, data: bytes = DATA) -> bytes:
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def verify(
    certificate: object, key: rsa.RSAPrivateKey, trust: TrustStore, **options: object
) -> VerifiedSignature:
    options.setdefault("at", NOW)
    options.setdefault("allow_test_cards", True)
    options.setdefault("require_revocation", False)
    return verify_signature(DATA, sign(key), certificate, trust=trust, **options)  # type: ignore[arg-type]


def verify_card(card: FakeMyNumberCard, trust: TrustStore, **options: object) -> VerifiedSignature:
    options.setdefault("at", NOW)
    options.setdefault("allow_test_cards", True)
    return verify_signature(  # type: ignore[arg-type]
        DATA, card.sign(DATA, pin=PIN), card.signature_certificate, trust=trust, **options
    )


# -- the issuer is chosen by signature, never by name ---------------------------------------------


def test_root_of_another_generation_with_the_same_name_is_not_the_issuer(
    fake: FakeJPKI, root: FakeIssuer
) -> None:
    """RFC 5280 §6.1.3(a)(1): a store holding only the *other* generations (same subject name)
    must not accept a card of the newest one, even after the full store cached it."""
    card = fake.issue_card()
    verify_card(card, fake.trust_store(), require_revocation=False)  # caches in the full store
    older = TrustStore.from_certificates(i.certificate for i in fake.issuers["signature"][:-1])
    with raises_code("identity.untrusted_issuer", reason="signature"):
        verify_card(card, older, require_revocation=False)


def test_key_identifier_is_a_hint_not_a_proof(fake: FakeJPKI, trust: TrustStore) -> None:
    """An AKI naming the newest root on a certificate signed by a stranger's key that uses the
    J-LIS name (RFC 5280 §4.2.1.1: the AKI only helps to find the issuer)."""
    stranger = pool_key(40)
    cert, key = card_certificate(fake.issuer(), signer=stranger, serial=501)
    with raises_code("identity.untrusted_issuer", reason="signature"):
        verify(cert, key, trust)
    # Signed by the oldest root but carrying the newest root's AKI: found by signature.
    forged_aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(
        fake.issuer().private_key.public_key()
    )
    cert, key = card_certificate(
        fake.issuer("signature", 0), serial=502, key_identifier=False, extra=[(forged_aki, False)]
    )
    assert verify(cert, key, trust).certificate.anchor_fingerprint_sha256 == (
        fake.issuer("signature", 0).certificate.fingerprint(hashes.SHA256()).hex()
    )


# -- algorithms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hash_algorithm", "rsa_padding", "oid"),
    [
        (hashes.SHA224(), None, "1.2.840.113549.1.1.14"),
        (
            hashes.SHA256(),
            padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
            "1.2.840.113549.1.1.10",
        ),
    ],
)
def test_certificate_signature_algorithm(
    hash_algorithm: hashes.HashAlgorithm,
    rsa_padding: padding.PSS | None,
    oid: str,
    root: FakeIssuer,
    trust: TrustStore,
) -> None:
    """RFC 5280 §4.1.1.2 with the JPKI profile: sha256WithRSAEncryption (or stronger SHA-2)."""
    cert, key = card_certificate(root, hash_algorithm=hash_algorithm, rsa_padding=rsa_padding)
    with raises_code("identity.unsupported_algorithm", position="end_entity", algorithm=oid):
        verify(cert, key, trust)


SHA1_RSA = der(0x30, der(0x06, bytes.fromhex("2a864886f70d010105")) + b"\x05\x00")


def _replace_algorithm(parts: list[bytes]) -> list[bytes]:
    return [*parts[:2], SHA1_RSA, *parts[3:]]


def test_certificate_signed_with_sha1(root: FakeIssuer, trust: TrustStore) -> None:
    """sha1WithRSAEncryption (which cryptography's builder no longer produces) is refused."""
    cert, key = card_certificate(root, serial=505)
    forged = resign(
        cert.public_bytes(DER),
        root.private_key,
        _replace_algorithm,
        hash_algorithm=hashes.SHA1(),
        algorithm=SHA1_RSA,
    )
    with raises_code(
        "identity.unsupported_algorithm", position="end_entity", algorithm="1.2.840.113549.1.1.5"
    ):
        verify(forged, key, trust)


def test_certificate_signed_with_ecdsa(fake: FakeJPKI) -> None:
    """An ECDSA root with the J-LIS name, trusted by a careless host: its card is refused."""
    ec_root_key = ec.generate_private_key(ec.SECP256R1())
    name = fake.issuer().certificate.subject
    ec_root = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(ec_root_key.public_key())
        .serial_number(77)
        .not_valid_before(NOW - dt.timedelta(days=10))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(ec_root_key, hashes.SHA256())
    )
    issuer = FakeIssuer("signature", 9, ec_root, pool_key(41))
    cert, key = card_certificate(issuer, signer=ec_root_key, key_identifier=False)
    store = TrustStore.from_certificates([ec_root])
    with raises_code("identity.unsupported_algorithm", position="trust_anchor"):
        verify(cert, key, store)


def test_inner_and_outer_signature_algorithm_must_agree(
    root: FakeIssuer, trust: TrustStore
) -> None:
    """RFC 5280 §4.1.1.2/§4.1.2.3: tbsCertificate.signature MUST equal signatureAlgorithm. Here
    the TBS says sha1WithRSAEncryption while the outer field (and the real signature) say
    sha256WithRSAEncryption."""
    cert, key = card_certificate(root, serial=503)
    forged = resign(cert.public_bytes(DER), root.private_key, _replace_algorithm)
    with raises_code("identity.unsupported_algorithm", position="end_entity"):
        verify(forged, key, trust)
    # The generic layer (no second opinion from cryptography's verifier) refuses it too.
    with raises_code("identity.unsupported_algorithm", position="end_entity"):
        validate_path(forged, trust=trust, at=NOW, require_revocation=False)


def test_data_signature_is_pkcs1v15_over_a_sha256_digest_info(
    root: FakeIssuer, trust: TrustStore
) -> None:
    """RFC 8017 §8.2.2/§9.2: the DigestInfo must be SHA-256's; SHA-1, SHA-512, PSS, a truncated
    or padded signature and zeros are all refused — the card signs a SHA-256 DigestInfo only."""
    certificate, key = card_certificate(root, serial=504)
    digest = hashes.Hash(hashes.SHA256())
    digest.update(DATA)
    good = key.sign(digest.finalize(), padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
    options: dict[str, object] = {"at": NOW, "require_revocation": False, "allow_test_cards": True}
    assert verify_signature(DATA, good, certificate, trust=trust, **options).test_card  # type: ignore[arg-type]
    offending = [
        key.sign(DATA, padding.PKCS1v15(), hashes.SHA1()),
        key.sign(DATA, padding.PKCS1v15(), hashes.SHA512()),
        key.sign(DATA, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256()),
        good[1:],
        b"\x00" + good,
        b"\x00" * len(good),
    ]
    for signature in offending:
        with raises_code("identity.signature_invalid"):
            verify_signature(DATA, signature, certificate, trust=trust, **options)  # type: ignore[arg-type]


# -- validity (RFC 5280 §4.1.2.5: both bounds inclusive) -----------------------------------------


def test_validity_bounds_are_inclusive(root: FakeIssuer, trust: TrustStore) -> None:
    """Exactly notBefore and exactly notAfter are inside; a microsecond outside is not. Each
    certificate is fresh, so the first (uncached) call, which also asks ``cryptography``'s
    verifier, is the one tested."""
    start, end = NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=30)
    tick = dt.timedelta(microseconds=1)
    for serial, at in ((601, start), (602, end)):
        cert, key = card_certificate(root, not_before=start, not_after=end, serial=serial)
        assert verify(cert, key, trust, at=at).certificate.serial_number == serial
    cert, key = card_certificate(root, not_before=start, not_after=end, serial=603)
    with raises_code("identity.certificate_not_yet_valid", position="end_entity"):
        verify(cert, key, trust, at=start - tick)
    cert, key = card_certificate(root, not_before=start, not_after=end, serial=604)
    with raises_code("identity.certificate_expired", position="end_entity"):
        verify(cert, key, trust, at=end + tick)


@pytest.mark.parametrize(
    ("at", "code"),
    [
        (dt.datetime.max.replace(tzinfo=dt.UTC), "identity.certificate_expired"),
        (dt.datetime.min.replace(tzinfo=dt.UTC), "identity.certificate_not_yet_valid"),
        (dt.datetime(2100, 1, 1, tzinfo=dt.UTC), "identity.certificate_expired"),
        (dt.datetime(1999, 1, 1, tzinfo=dt.UTC), "identity.certificate_not_yet_valid"),
    ],
)
def test_far_future_and_far_past(
    at: dt.datetime, code: str, fake: FakeJPKI, trust: TrustStore
) -> None:
    card = fake.issue_card()
    with raises_code(code):
        verify_card(card, trust, at=at, require_revocation=False)


@pytest.mark.parametrize(
    "at",
    [
        dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=9))),
        dt.datetime.max.replace(tzinfo=dt.timezone(dt.timedelta(hours=-9))),
    ],
)
def test_time_outside_the_utc_range_is_a_coded_error(
    at: dt.datetime, fake: FakeJPKI, trust: TrustStore
) -> None:
    """An aware ``at`` whose UTC instant falls outside years 1-9999 (``astimezone`` would raise
    OverflowError) is a host bug reported with its own code, never an uncoded exception."""
    card = fake.issue_card()
    with raises_code("identity.time_out_of_range"):
        verify_card(card, trust, at=at, require_revocation=False)
    with raises_code("identity.time_out_of_range"):
        verify_authentication(
            DATA,
            card.authenticate(DATA, pin="1234"),
            card.authentication_certificate,
            trust=fake.trust_store("authentication"),
            at=at,
            require_revocation=False,
        )


# -- CA certificates and other roles presented as the card's certificate --------------------------


@pytest.mark.parametrize(
    ("extra", "usage"),
    [
        ([(x509.BasicConstraints(ca=True, path_length=None), True)], None),
        ([(x509.BasicConstraints(ca=True, path_length=0), False)], None),
        ([], x509.KeyUsage(True, True, False, False, False, True, False, False, False)),
        ([], x509.KeyUsage(True, True, False, False, False, False, True, False, False)),
    ],
    ids=["ca-critical", "ca-not-critical", "keyCertSign", "cRLSign"],
)
def test_ca_certificate_as_end_entity(
    extra: list[tuple[x509.ExtensionType, bool]],
    usage: x509.KeyUsage | None,
    root: FakeIssuer,
    trust: TrustStore,
) -> None:
    """RFC 5280 §4.2.1.9/§4.2.1.3: a certificate with cA=TRUE, keyCertSign or cRLSign is a CA's
    (or CRL issuer's) certificate, not a resident's; JPKI signs card certificates directly
    under the root."""
    options = {"usage": usage} if usage is not None else {}
    cert, key = card_certificate(root, extra=extra, serial=701, **options)  # type: ignore[arg-type]
    with raises_code("identity.key_usage", position="end_entity", required="end_entity"):
        verify(cert, key, trust)


def test_not_a_ca_is_fine(root: FakeIssuer, trust: TrustStore) -> None:
    """Positive control for the test above: basicConstraints cA=FALSE is an end entity."""
    extra = [(x509.BasicConstraints(ca=False, path_length=None), True)]
    cert, key = card_certificate(root, extra=extra, serial=702)
    assert verify(cert, key, trust).certificate.serial_number == 702


def test_root_presented_as_the_signers_certificate(fake: FakeJPKI, trust: TrustStore) -> None:
    """The trust anchor itself (self-signed, cA=TRUE) is not a card certificate, even when the
    host's store holds it and the "signature" is made with the root's own key."""
    for issuer in fake.issuers["signature"]:
        with raises_code("identity.key_usage", position="end_entity"):
            verify(issuer.certificate, issuer.private_key, trust)
    auth = fake.issuer("authentication")
    with raises_code("identity.key_usage", position="end_entity"):
        verify_authentication(
            DATA,
            sign(auth.private_key),
            auth.certificate,
            trust=fake.trust_store("authentication"),
            at=NOW,
            require_revocation=False,
        )


def test_ocsp_responder_certificate_is_not_a_login_or_signature_certificate(
    fake: FakeJPKI,
) -> None:
    """RFC 6960 §4.2.2.2: a certificate with id-kp-OCSPSigning is the CA's delegation to sign
    OCSP responses; RFC 5280 §4.2.1.12: it may be used only for that purpose."""
    auth = fake.issuer("authentication")
    eku = x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING])
    cert, key = card_certificate(
        auth, usage=AUTH_USAGE, policy_critical=False, san=None, extra=[(eku, False)], serial=703
    )
    with raises_code("identity.key_usage", position="end_entity", required="end_entity"):
        verify_authentication(
            DATA,
            sign(key),
            cert,
            trust=fake.trust_store("authentication"),
            at=NOW,
            require_revocation=False,
        )
    cert, key = card_certificate(fake.issuer(), extra=[(eku, False)], serial=704)
    with raises_code("identity.key_usage", position="end_entity", required="end_entity"):
        verify(cert, key, fake.trust_store())


# -- keyUsage, certificatePolicies, extensions ---------------------------------------------------


@pytest.mark.parametrize(
    ("usage", "critical"),
    [
        (None, True),
        (x509.KeyUsage(True, True, False, False, False, False, False, False, False), False),
        (x509.KeyUsage(True, False, False, False, False, False, False, False, False), True),
        (x509.KeyUsage(False, True, False, False, False, False, False, False, False), True),
        (x509.KeyUsage(False, False, True, True, False, False, False, False, False), True),
    ],
    ids=["missing", "not-critical", "no-nonRepudiation", "no-digitalSignature", "other-bits"],
)
def test_signature_key_usage(
    usage: x509.KeyUsage | None, critical: bool, root: FakeIssuer, trust: TrustStore
) -> None:
    """RFC 5280 §4.2.1.3 and the JPKI profile: critical, digitalSignature + nonRepudiation."""
    cert, key = card_certificate(root, usage=usage, usage_critical=critical, serial=801)
    with raises_code(
        "identity.key_usage", position="end_entity", required="digitalSignature,nonRepudiation"
    ):
        verify(cert, key, trust)


def _policies(*oids: str) -> x509.CertificatePolicies:
    return x509.CertificatePolicies(
        [x509.PolicyInformation(x509.ObjectIdentifier(oid), None) for oid in oids]
    )


ANY_POLICY = "2.5.29.32.0"


@pytest.mark.parametrize(
    ("policy", "critical", "allow", "reason"),
    [
        (_policies(SIGNATURE_POLICY), False, False, "not_critical"),
        (_policies(SIGNATURE_POLICY, TEST_SIGNATURE_POLICY), True, False, "test_card"),
        (_policies(TEST_SIGNATURE_POLICY, SIGNATURE_POLICY), True, False, "test_card"),
        (_policies(TEST_SIGNATURE_POLICY), True, False, "test_card"),
        (_policies(ANY_POLICY), True, True, "not_jpki"),
        (_policies("1.2.392.200149.8.5.1.1.10"), True, True, "not_jpki"),
    ],
)
def test_signature_policy(
    policy: x509.CertificatePolicies,
    critical: bool,
    allow: bool,
    reason: str,
    root: FakeIssuer,
    trust: TrustStore,
) -> None:
    """RFC 5280 §4.2.1.4 and the JPKI profile: a critical certificatePolicies naming the
    production policy; a certificate that also names the test-card policy is a test card, and
    anyPolicy does not stand for the JPKI policy in an end-entity certificate."""
    cert, key = card_certificate(root, policy=policy, policy_critical=critical, serial=802)
    with raises_code("identity.policy", reason=reason):
        verify(cert, key, trust, allow_test_cards=allow)


def test_both_policies_with_test_cards_allowed_is_a_test_card(
    root: FakeIssuer, trust: TrustStore
) -> None:
    policy = _policies(SIGNATURE_POLICY, TEST_SIGNATURE_POLICY)
    cert, key = card_certificate(root, policy=policy, serial=803)
    result = verify(cert, key, trust, allow_test_cards=True)
    assert (result.test_card, result.policy) == (True, TEST_SIGNATURE_POLICY)


def test_production_policy_with_any_policy_is_production(
    root: FakeIssuer, trust: TrustStore
) -> None:
    """Positive control: anyPolicy next to the production policy changes nothing."""
    cert, key = card_certificate(root, policy=_policies(ANY_POLICY, SIGNATURE_POLICY), serial=804)
    result = verify(cert, key, trust, allow_test_cards=False)
    assert (result.test_card, result.policy) == (False, SIGNATURE_POLICY)


def test_test_card_refused_by_default(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    with raises_code("identity.policy", reason="test_card"):
        verify_signature(
            DATA,
            card.sign(DATA, pin=PIN),
            card.signature_certificate,
            trust=trust,
            at=NOW,
            require_revocation=False,
        )


@pytest.mark.parametrize(
    "extension",
    [
        x509.NameConstraints(
            permitted_subtrees=[x509.DNSName("example.jp")], excluded_subtrees=None
        ),
        x509.PolicyConstraints(require_explicit_policy=0, inhibit_policy_mapping=None),
        x509.InhibitAnyPolicy(0),
        x509.FreshestCRL(
            [x509.DistributionPoint([x509.UniformResourceIdentifier("ldap://x")], None, None, None)]
        ),
        x509.UnrecognizedExtension(x509.ObjectIdentifier("1.2.392.200149.8.5.9.9"), b"\x05\x00"),
    ],
    ids=["nameConstraints", "policyConstraints", "inhibitAnyPolicy", "freshestCRL", "private"],
)
def test_unknown_critical_extension(
    extension: x509.ExtensionType, root: FakeIssuer, trust: TrustStore
) -> None:
    """RFC 5280 §4.2: a critical extension that is not processed fails validation."""
    cert, key = card_certificate(root, extra=[(extension, True)], serial=805)
    with raises_code(
        "identity.unknown_critical_extension",
        position="end_entity",
        oid=extension.oid.dotted_string,
    ):
        verify(cert, key, trust)


def _body(tlv: bytes) -> bytes:
    return read_tlv(tlv)[1]


def _with_extensions(parts: list[bytes], extensions: list[bytes]) -> list[bytes]:
    return [*parts[:-1], der(0xA3, der(0x30, b"".join(extensions)))]


def _tbs_extensions(parts: list[bytes]) -> list[bytes]:
    return elements(_body(_body(parts[-1])))


@pytest.mark.parametrize("which", [0, 1, 2])
def test_duplicate_extension(which: int, root: FakeIssuer, trust: TrustStore) -> None:
    """RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular
    extension" — e.g. a second, harmless keyUsage or certificatePolicies next to the first."""
    cert, key = card_certificate(root, serial=806)

    def edit(parts: list[bytes]) -> list[bytes]:
        extensions = _tbs_extensions(parts)
        return _with_extensions(parts, [*extensions, extensions[which]])

    forged = resign(cert.public_bytes(DER), root.private_key, edit)
    with raises_code("identity.certificate_malformed"):
        verify(forged, key, trust)


def test_signature_bit_string_has_no_unused_bits(root: FakeIssuer, trust: TrustStore) -> None:
    """RFC 5280 §4.1.1.3, RFC 8017 §8.2: the RSA signatureValue is whole octets. cryptography
    ignores the BIT STRING's unused-bits count, so without a check the same certificate in
    another encoding (another SHA-256 fingerprint) would verify."""
    cert, key = card_certificate(root, serial=510)
    assert cert.signature[-1] & 1 == 0  # one unused (zero) bit still parses
    raw = bytearray(cert.public_bytes(DER))
    unused = len(raw) - len(cert.signature) - 1
    assert raw[unused] == 0
    raw[unused] = 1
    assert x509.load_der_x509_certificate(bytes(raw)).signature == cert.signature
    verify(cert, key, trust)
    with raises_code("identity.untrusted_issuer", reason="signature"):
        verify(bytes(raw), key, trust)
    with raises_code("identity.untrusted_issuer", reason="signature"):
        validate_path(bytes(raw), trust=trust, at=NOW, require_revocation=False)
