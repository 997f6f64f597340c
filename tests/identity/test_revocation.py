"""CRL and OCSP sources: signatures, freshness, CertID matching, delegated responders."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from govforms.identity import (
    CRLSource,
    OCSPSource,
    RevocationSource,
    RevocationStatus,
    TrustStore,
    verify_signature,
)
from govforms.identity.testing import FakeJPKI, FakeMyNumberCard, pool_key
from tests.conftest import raises_code
from tests.identity.helpers import NOW, clock

DATA = b"payload"


@pytest.fixture(scope="module")
def fake() -> FakeJPKI:
    return FakeJPKI(clock=clock, seed=5)


@pytest.fixture(scope="module")
def trust(fake: FakeJPKI) -> TrustStore:
    return fake.trust_store()


def check(
    card: FakeMyNumberCard,
    trust: TrustStore,
    revocation: RevocationSource | list[RevocationSource],
    at: dt.datetime = NOW,
) -> None:
    verify_signature(
        DATA,
        card.sign(DATA, pin="ABC123"),
        card.signature_certificate,
        trust=trust,
        at=at,
        revocation=revocation,
        allow_test_cards=True,
    )


def test_crl_pem_and_objects(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    crl = x509.load_der_x509_crl(fake.crl())
    check(card, trust, CRLSource([crl.public_bytes(serialization.Encoding.PEM).decode()]))
    check(card, trust, CRLSource([crl]))


@pytest.mark.parametrize("data", [b"", b"junk", "-----BEGIN X509 CRL-----\nAA\n", 3])
def test_crl_garbage(data: object) -> None:
    with raises_code("identity.revocation_malformed", kind="crl"):
        CRLSource([data])  # type: ignore[list-item]


def test_crl_of_an_older_generation_does_not_cover_a_newer_card(
    fake: FakeJPKI, trust: TrustStore
) -> None:
    card = fake.issue_card(generation=2)
    with raises_code("identity.revocation_unavailable", reason="signature"):
        check(card, trust, CRLSource([fake.crl(generation=0)]))
    check(card, trust, CRLSource([fake.crl(generation=0), fake.crl(generation=2)]))


def test_ocsp_good_and_revoked(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    check(card, trust, fake.ocsp_source(card))
    fake.revoke(card, "keyCompromise", at=NOW - dt.timedelta(minutes=5))
    with raises_code("identity.certificate_revoked", reason="keyCompromise"):
        check(card, trust, fake.ocsp_source(card))
    # Any "revoked" wins over another source's "good".
    good_but_old = OCSPSource([fake.ocsp_response(card, at=NOW - dt.timedelta(minutes=10))])
    with raises_code("identity.certificate_revoked"):
        check(card, trust, [good_but_old, fake.crl_source()])


def test_ocsp_delegated_responder(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    check(card, trust, OCSPSource([fake.ocsp_response(card, delegated=True)]))


def _response(
    fake: FakeJPKI,
    card: FakeMyNumberCard,
    *,
    eku: bool,
    this_update: dt.datetime = NOW,
    next_update: dt.datetime | None = None,
    key: rsa.RSAPrivateKey | None = None,
) -> bytes:
    """A response signed by a responder certificate the root issued, with or without EKU."""
    issuer = fake.issuer()
    key = key or pool_key(27)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "responder")]))
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(4242)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=1))
    )
    if eku:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), False
        )
    responder = builder.sign(issuer.private_key, hashes.SHA256())
    response = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=card.signature_certificate,
            issuer=issuer.certificate,
            algorithm=hashes.SHA1(),
            cert_status=ocsp.OCSPCertStatus.GOOD,
            this_update=this_update,
            next_update=next_update,
            revocation_time=None,
            revocation_reason=None,
        )
        .certificates([responder])
        .responder_id(ocsp.OCSPResponderEncoding.NAME, responder)
        .sign(key, hashes.SHA256())
    )
    return response.public_bytes(serialization.Encoding.DER)


def test_ocsp_responder_without_ocsp_signing_is_refused(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    check(card, trust, OCSPSource([_response(fake, card, eku=True)]))  # SHA-1 CertID, by name
    with raises_code("identity.revocation_unavailable", reason="signature"):
        check(card, trust, OCSPSource([_response(fake, card, eku=False)]))
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with raises_code("identity.revocation_unavailable", reason="signature"):
        check(card, trust, OCSPSource([_response(fake, card, eku=True, key=weak)]))


def test_ocsp_freshness(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    old = fake.ocsp_response(card, at=NOW - dt.timedelta(hours=2))  # nextUpdate 1 h later
    with raises_code("identity.revocation_unavailable", reason="stale"):
        check(card, trust, OCSPSource([old]))
    future = fake.ocsp_response(card, at=NOW + dt.timedelta(hours=1))
    with raises_code("identity.revocation_unavailable", reason="not_yet_valid"):
        check(card, trust, OCSPSource([future]))
    no_next = _response(fake, card, eku=True, this_update=NOW - dt.timedelta(days=2))
    with raises_code("identity.revocation_unavailable", reason="stale"):
        check(card, trust, OCSPSource([no_next]))
    check(card, trust, OCSPSource([no_next], max_age=dt.timedelta(days=3)))


def test_ocsp_for_another_certificate_or_issuer(fake: FakeJPKI, trust: TrustStore) -> None:
    card, other = fake.issue_card(), fake.issue_card()
    with raises_code("identity.revocation_unavailable", reason="no_response"):
        check(card, trust, fake.ocsp_source(other))
    stranger = FakeJPKI(clock=clock, seed=6)
    with raises_code("identity.revocation_unavailable", reason="no_response"):
        check(card, trust, stranger.ocsp_source(stranger.issue_card()))


def test_ocsp_unsuccessful_and_garbage(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    failed = ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.TRY_LATER)
    with raises_code("identity.revocation_unavailable", reason="no_response"):
        check(card, trust, OCSPSource([failed]))
    for junk in (b"", b"\x30\x00", "text"):
        with raises_code("identity.revocation_malformed", kind="ocsp"):
            OCSPSource([junk])  # type: ignore[list-item]


class _Always:
    """A host-written source: the protocol is all a plugin needs."""

    def __init__(self, state: str) -> None:
        self.state = state

    def status(
        self, certificate: x509.Certificate, issuer: x509.Certificate, *, at: dt.datetime
    ) -> RevocationStatus:
        return RevocationStatus(self.state, "host", detail="host says so")  # type: ignore[arg-type]


def test_host_source(fake: FakeJPKI, trust: TrustStore) -> None:
    card = fake.issue_card()
    assert isinstance(_Always("good"), RevocationSource)
    check(card, trust, _Always("good"))
    with raises_code("identity.revocation_unavailable", reason="host says so"):
        check(card, trust, _Always("unknown"))
    with raises_code("identity.certificate_revoked", revoked_at=None, reason="unspecified"):
        check(card, trust, _Always("revoked"))
