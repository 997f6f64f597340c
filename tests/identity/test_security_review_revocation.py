"""Adversarial review of revocation: CRLs and OCSP responses built to make a revoked or unknown
certificate look good (see ``test_security_review.py`` for the certificate side)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from govforms.identity import CRLSource, OCSPSource, TrustStore, verify_signature
from govforms.identity.testing import FakeIssuer, FakeJPKI, FakeMyNumberCard, pool_key
from tests.conftest import raises_code
from tests.identity.helpers import NOW, clock, der, resign

DATA = b"application"
HOUR = dt.timedelta(hours=1)
DER = serialization.Encoding.DER
Revoked = tuple[int, dt.datetime, x509.ReasonFlags | None]


@pytest.fixture(scope="module")
def fake() -> FakeJPKI:
    return FakeJPKI(clock=clock, seed=12)


@pytest.fixture(scope="module")
def trust(fake: FakeJPKI) -> TrustStore:
    return fake.trust_store()


@pytest.fixture(scope="module")
def root(fake: FakeJPKI) -> FakeIssuer:
    return fake.issuer()


@pytest.fixture
def card(fake: FakeJPKI) -> FakeMyNumberCard:
    return fake.issue_card()


def check(card: FakeMyNumberCard, trust: TrustStore, revocation: object) -> None:
    verify_signature(
        DATA,
        card.sign(DATA, pin="ABC123"),
        card.signature_certificate,
        trust=trust,
        at=NOW,
        revocation=revocation,  # type: ignore[arg-type]
        allow_test_cards=True,
    )


def crl(
    issuer: FakeIssuer,
    *,
    revoked: Sequence[Revoked] = (),
    next_update: dt.datetime = NOW + dt.timedelta(days=1),
    extensions: Sequence[tuple[x509.ExtensionType, bool]] = (),
    entry_extensions: Sequence[tuple[x509.ExtensionType, bool]] = (),
    key: rsa.RSAPrivateKey | None = None,
    name: x509.Name | None = None,
) -> bytes:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(name or issuer.certificate.subject)
        .last_update(NOW - HOUR)
        .next_update(next_update)
        .add_extension(x509.CRLNumber(7), False)
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical)
    for serial, when, reason in revoked:
        entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when)
        if reason is not None:
            entry = entry.add_extension(x509.CRLReason(reason), False)
        for extension, critical in entry_extensions:
            entry = entry.add_extension(extension, critical)
        builder = builder.add_revoked_certificate(entry.build())
    return builder.sign(key or issuer.private_key, hashes.SHA256()).public_bytes(DER)


# -- CRLs (RFC 5280 §5, §6.3.3) ------------------------------------------------------------------


def test_good_crl_is_accepted(card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore) -> None:
    """Positive control for the CRL builder used below (nextUpdate exactly at ``at`` is fresh)."""
    check(card, trust, CRLSource([crl(root, next_update=NOW)]))


def test_crl_signed_by_another_key(
    card: FakeMyNumberCard, fake: FakeJPKI, root: FakeIssuer, trust: TrustStore
) -> None:
    """§6.3.3(f): the CRL must be signed by the certificate's issuer — not by a stranger using
    the J-LIS name, nor by another generation of the root (same name, other key)."""
    for forged in (crl(root, key=pool_key(42)), crl(fake.issuer("signature", 0))):
        with raises_code("identity.revocation_unavailable", reason="signature"):
            check(card, trust, CRLSource([forged]))


def test_crl_for_another_issuer(
    card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore
) -> None:
    other = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "another CA")])
    with raises_code("identity.revocation_unavailable", reason="no_crl"):
        check(card, trust, CRLSource([crl(root, name=other)]))


def test_stale_crl(card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore) -> None:
    """§6.3.3(a)(2): nextUpdate before ``at`` means the CRL no longer speaks for ``at``."""
    stale = crl(root, next_update=NOW - dt.timedelta(seconds=1))
    with raises_code("identity.revocation_unavailable", reason="stale"):
        check(card, trust, CRLSource([stale]))


def test_crl_without_next_update(
    card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore
) -> None:
    """§5.1.2.5: conforming CRL issuers MUST include nextUpdate; without it freshness cannot be
    judged, so the CRL does not count (built by removing the field and signing again)."""

    def drop_next_update(parts: list[bytes]) -> list[bytes]:
        assert parts[3][0] == parts[4][0] == 0x17  # thisUpdate, nextUpdate (UTCTime)
        return [*parts[:4], *parts[5:]]

    bare = resign(crl(root), root.private_key, drop_next_update)
    assert x509.load_der_x509_crl(bare).next_update_utc is None
    with raises_code("identity.revocation_unavailable", reason="stale"):
        check(card, trust, CRLSource([bare]))


def test_crl_signature_algorithm(
    card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore
) -> None:
    sha1_rsa = der(0x30, der(0x06, bytes.fromhex("2a864886f70d010105")) + b"\x05\x00")
    sha1 = resign(
        crl(root),
        root.private_key,
        lambda parts: [parts[0], sha1_rsa, *parts[2:]],
        hash_algorithm=hashes.SHA1(),
        algorithm=sha1_rsa,
    )
    with raises_code("identity.revocation_unavailable", reason="algorithm"):
        check(card, trust, CRLSource([sha1]))


@pytest.mark.parametrize(
    ("extension", "critical", "reason"),
    [
        (
            x509.UnrecognizedExtension(x509.ObjectIdentifier("1.2.3.4.5"), b"\x05\x00"),
            True,
            "unknown_critical_extension",
        ),
        (x509.DeltaCRLIndicator(6), True, "delta_crl"),
        (x509.DeltaCRLIndicator(6), False, "delta_crl"),
        (
            x509.IssuingDistributionPoint(None, None, False, False, None, True, False),
            True,
            "scope",
        ),
        (
            x509.IssuingDistributionPoint(None, None, False, True, None, False, False),
            True,
            "scope",
        ),
    ],
    ids=["unknown-critical", "delta-critical", "delta-not-critical", "indirect", "only-ca"],
)
def test_crl_extensions(
    extension: x509.ExtensionType,
    critical: bool,
    reason: str,
    card: FakeMyNumberCard,
    root: FakeIssuer,
    trust: TrustStore,
) -> None:
    """§5.2: an unprocessed critical CRL extension makes the CRL unusable; §5.2.4: a delta CRL
    (critical or not) is not a complete CRL; §5.2.5: indirect or CA-only scopes do not cover a
    card certificate."""
    with raises_code("identity.revocation_unavailable", reason=reason):
        check(card, trust, CRLSource([crl(root, extensions=[(extension, critical)])]))


@pytest.mark.parametrize(
    ("delta", "reason", "expected"),
    [
        (-HOUR, x509.ReasonFlags.affiliation_changed, "affiliationChanged"),
        (HOUR, x509.ReasonFlags.key_compromise, "keyCompromise"),
        (HOUR, x509.ReasonFlags.ca_compromise, "cACompromise"),
        (HOUR, x509.ReasonFlags.certificate_hold, "certificateHold"),
        (HOUR, x509.ReasonFlags.unspecified, "unspecified"),
        (HOUR, None, "unspecified"),
        (HOUR, x509.ReasonFlags.remove_from_crl, "removeFromCRL"),
    ],
)
def test_revoked(
    delta: dt.timedelta,
    reason: x509.ReasonFlags | None,
    expected: str,
    card: FakeMyNumberCard,
    root: FakeIssuer,
    trust: TrustStore,
) -> None:
    """A listed certificate is revoked. Listed *after* the signing time it is still revoked
    unless the reason says the key was fine (a key compromised later may have been compromised
    at signing time; §5.3.1 and RFC 5280 §3.3). removeFromCRL belongs in delta CRLs only
    (§5.3.1), so in a complete CRL it is not read as "good"."""
    listed = CRLSource(
        [crl(root, revoked=[(card.signature_certificate.serial_number, NOW + delta, reason)])]
    )
    with raises_code("identity.certificate_revoked", reason=expected):
        check(card, trust, listed)


def test_revoked_after_signing_for_a_change_of_address_is_good(
    card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore
) -> None:
    """Positive control for the test above."""
    serial = card.signature_certificate.serial_number
    reason = x509.ReasonFlags.affiliation_changed
    check(card, trust, CRLSource([crl(root, revoked=[(serial, NOW + HOUR, reason)])]))


def test_unknown_critical_entry_extension(
    card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore
) -> None:
    """§5.3: a critical CRL entry extension that is not processed makes the CRL unusable (it
    could be a certificateIssuer of an indirect CRL changing whose serial this is)."""
    entry = x509.UnrecognizedExtension(x509.ObjectIdentifier("1.2.3.4.6"), b"\x05\x00")
    serial = card.signature_certificate.serial_number
    listed = crl(
        root,
        revoked=[(serial, NOW - HOUR, x509.ReasonFlags.superseded)],
        entry_extensions=[(entry, True)],
    )
    with raises_code("identity.revocation_unavailable", reason="unknown_critical_extension"):
        check(card, trust, CRLSource([listed]))


# -- OCSP (RFC 6960) ------------------------------------------------------------------------------


def response(
    card: FakeMyNumberCard,
    issuer: x509.Certificate,
    key: rsa.RSAPrivateKey,
    *,
    responder: x509.Certificate | None = None,
    status: ocsp.OCSPCertStatus = ocsp.OCSPCertStatus.GOOD,
    this_update: dt.datetime = NOW - dt.timedelta(minutes=1),
    next_update: dt.datetime | None = NOW + HOUR,
    revoked_at: dt.datetime | None = None,
    reason: x509.ReasonFlags | None = None,
    about: x509.Certificate | None = None,
) -> bytes:
    builder = ocsp.OCSPResponseBuilder().add_response(
        cert=about or card.signature_certificate,
        issuer=issuer,
        algorithm=hashes.SHA1(),
        cert_status=status,
        this_update=this_update,
        next_update=next_update,
        revocation_time=revoked_at,
        revocation_reason=reason,
    )
    if responder is not None:
        builder = builder.certificates([responder])
    signer = responder or issuer
    built = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, signer).sign(key, hashes.SHA256())
    return built.public_bytes(DER)


def _responder(
    issuer: FakeIssuer, key: rsa.RSAPrivateKey, purposes: list[x509.ObjectIdentifier]
) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "responder")]))
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(31337)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage(purposes), False)
        .sign(issuer.private_key, hashes.SHA256())
    )


def test_ocsp_good_is_accepted(card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore) -> None:
    """Positive control: signed by the issuer, or by a responder with id-kp-OCSPSigning."""
    check(card, trust, OCSPSource([response(card, root.certificate, root.private_key)]))
    key = pool_key(43)
    responder = _responder(root, key, [ExtendedKeyUsageOID.OCSP_SIGNING])
    check(card, trust, OCSPSource([response(card, root.certificate, key, responder=responder)]))


def test_ocsp_cert_id_mismatch(
    card: FakeMyNumberCard, fake: FakeJPKI, root: FakeIssuer, trust: TrustStore
) -> None:
    """§4.1.1: the CertID (issuer name hash, issuer key hash, serial) must be this certificate's:
    a good answer about another card, or naming another generation's key, says nothing."""
    other = fake.issue_card()
    about_other = response(
        card, root.certificate, root.private_key, about=other.signature_certificate
    )
    older = fake.issuer("signature", 0)
    other_key = response(card, older.certificate, older.private_key)
    for answer in (about_other, other_key):
        with raises_code("identity.revocation_unavailable", reason="no_response"):
            check(card, trust, OCSPSource([answer]))


def test_ocsp_badly_signed(
    card: FakeMyNumberCard, fake: FakeJPKI, root: FakeIssuer, trust: TrustStore
) -> None:
    """§4.2.2.2: signed by the issuer or its delegate — not by a stranger claiming the issuer's
    ResponderID, a responder without id-kp-OCSPSigning, or one certified by another root."""
    stranger = pool_key(44)
    genuine = response(card, root.certificate, root.private_key)
    signature = ocsp.load_der_ocsp_response(genuine).signature
    tbs = ocsp.load_der_ocsp_response(genuine).tbs_response_bytes
    claimed = genuine.replace(signature, stranger.sign(tbs, padding.PKCS1v15(), hashes.SHA256()))
    flipped = genuine.replace(signature, signature[:-1] + bytes([signature[-1] ^ 1]))
    no_eku = _responder(root, stranger, [ExtendedKeyUsageOID.CLIENT_AUTH])
    other_root = _responder(
        fake.issuer("signature", 0), stranger, [ExtendedKeyUsageOID.OCSP_SIGNING]
    )
    answers = [
        claimed,
        flipped,
        response(card, root.certificate, stranger, responder=no_eku),
        response(card, root.certificate, stranger, responder=other_root),
    ]
    for answer in answers:
        with raises_code("identity.revocation_unavailable", reason="signature"):
            check(card, trust, OCSPSource([answer]))


def test_ocsp_unknown_and_stale(
    card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore
) -> None:
    unknown = response(card, root.certificate, root.private_key, status=ocsp.OCSPCertStatus.UNKNOWN)
    with raises_code("identity.revocation_unavailable", reason="unknown_certificate"):
        check(card, trust, OCSPSource([unknown]))
    stale = response(
        card,
        root.certificate,
        root.private_key,
        this_update=NOW - 3 * HOUR,
        next_update=NOW - dt.timedelta(seconds=1),
    )
    with raises_code("identity.revocation_unavailable", reason="stale"):
        check(card, trust, OCSPSource([stale]))


def test_ocsp_revoked_wins(card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore) -> None:
    """Revoked after the signing time for keyCompromise is revoked; and one source's "revoked"
    beats another response's "good", in either order."""
    good = response(card, root.certificate, root.private_key)
    revoked = response(
        card,
        root.certificate,
        root.private_key,
        status=ocsp.OCSPCertStatus.REVOKED,
        revoked_at=NOW + dt.timedelta(minutes=1),
        reason=x509.ReasonFlags.key_compromise,
        this_update=NOW + dt.timedelta(minutes=2),
        next_update=NOW + 3 * HOUR,
    )
    for answers in ([good, revoked], [revoked, good]):
        with raises_code("identity.certificate_revoked", reason="keyCompromise"):
            check(card, trust, OCSPSource(answers))


# -- the plug-in protocol ------------------------------------------------------------------------


class _Says:
    def __init__(self, answer: object) -> None:
        self.answer = answer

    def status(self, certificate: object, issuer: object, *, at: dt.datetime) -> object:
        return self.answer


@pytest.mark.parametrize(
    ("revocation", "actual"),
    [(_Says("good"), "str"), (_Says(None), "NoneType"), (5, "int"), ([_Says("good"), 5], "list")],
)
def test_host_source_bugs_are_coded(
    revocation: object, actual: str, card: FakeMyNumberCard, trust: TrustStore
) -> None:
    """A host source that answers something other than a RevocationStatus is a configuration
    error, never an uncoded AttributeError — and never read as "good"."""
    with raises_code("identity.input_type", argument="revocation", actual=actual):
        check(card, trust, revocation)


def test_invalidity_date_before_signing_time(
    card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore
) -> None:
    """RFC 5280 §5.3.2: revoked after the signing time for a benign reason, but the entry says
    the certificate had become invalid (e.g. the holder had moved) *before* it: revoked. With
    the invalidity date after the signing time it stays good (positive control)."""
    serial = card.signature_certificate.serial_number
    reason = x509.ReasonFlags.affiliation_changed
    for invalid, revoked in ((NOW - HOUR, True), (NOW + dt.timedelta(minutes=30), False)):
        listed = crl(
            root,
            revoked=[(serial, NOW + HOUR, reason)],
            entry_extensions=[(x509.InvalidityDate(invalid.replace(tzinfo=None)), False)],
        )
        if revoked:
            with raises_code("identity.certificate_revoked", reason="affiliationChanged"):
                check(card, trust, CRLSource([listed]))
        else:
            check(card, trust, CRLSource([listed]))


def test_revoked_wins_even_when_revocation_is_optional(
    card: FakeMyNumberCard, root: FakeIssuer, trust: TrustStore
) -> None:
    """``require_revocation=False`` tolerates *missing* revocation data, never a revocation."""
    serial = card.signature_certificate.serial_number
    listed = crl(root, revoked=[(serial, NOW - HOUR, x509.ReasonFlags.key_compromise)])
    with raises_code("identity.certificate_revoked", reason="keyCompromise"):
        verify_signature(
            DATA,
            card.sign(DATA, pin="ABC123"),
            card.signature_certificate,
            trust=trust,
            at=NOW,
            revocation=CRLSource([listed]),
            require_revocation=False,
            allow_test_cards=True,
        )
