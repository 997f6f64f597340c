"""Garbage anywhere gives a coded IdentityError, never another exception (hypothesis)."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govforms.errors import IdentityError
from govforms.identity import (
    CRLSource,
    OCSPSource,
    TrustStore,
    verify_authentication,
    verify_signature,
)
from govforms.identity.testing import FakeJPKI
from tests.identity.helpers import NOW, clock

FAKE = FakeJPKI(clock=clock, seed=7)
CARD = FAKE.issue_card()
TRUST = FAKE.trust_store()
CRLS = FAKE.crl_source()
DATA = b"form"
SIGNATURE = CARD.sign(DATA, pin="ABC123")
DER = CARD.signature_certificate.public_bytes(serialization.Encoding.DER)
CRL = FAKE.crl()
OCSP = FAKE.ocsp_response(CARD)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _verify(
    data: bytes,
    signature: bytes,
    certificate: object,
    revocation: object = CRLS,
    *,
    must_fail: bool = False,
) -> None:
    """Verify; any failure is a coded IdentityError with no chained cause. ``must_fail`` for
    inputs that can never be a good signature (garbage or a mutated certificate/signature):
    accepting one would be a security bug, not just a robustness one."""
    failure: IdentityError | None = None
    try:
        verify_signature(
            data,
            signature,
            certificate,
            trust=TRUST,
            at=NOW,
            revocation=revocation,  # type: ignore[arg-type]
            allow_test_cards=True,
        )
    except IdentityError as error:
        failure = error
    if failure is not None:
        assert failure.code.startswith("identity.")
        assert failure.__cause__ is None
    else:
        assert not must_fail


@FAST
@given(st.binary(max_size=2048))
def test_garbage_certificate(data: bytes) -> None:
    _verify(DATA, SIGNATURE, data, must_fail=True)


@FAST
@given(st.text(max_size=500))
def test_garbage_certificate_text(data: str) -> None:
    _verify(DATA, SIGNATURE, "-----BEGIN CERTIFICATE-----\n" + data, must_fail=True)


@FAST
@given(st.binary(max_size=600))
def test_garbage_signature(signature: bytes) -> None:
    _verify(DATA, signature, DER, must_fail=True)


@FAST
@given(st.integers(0, len(DER) - 1), st.integers(1, 255))
def test_mutated_certificate(position: int, flip: int) -> None:
    mutated = bytearray(DER)
    mutated[position] ^= flip
    _verify(DATA, SIGNATURE, bytes(mutated), must_fail=True)


def _source(factory: type[CRLSource] | type[OCSPSource], data: bytes) -> object:
    try:
        return factory([data])
    except IdentityError as error:
        failure = error
    assert failure.code == "identity.revocation_malformed"
    return None


@FAST
@given(st.binary(max_size=1024))
def test_garbage_crl_and_ocsp(data: bytes) -> None:
    for factory in (CRLSource, OCSPSource):
        source = _source(factory, data)
        if source is not None:
            _verify(DATA, SIGNATURE, DER, source)


@FAST
@given(st.integers(0, 4000), st.integers(1, 255))
def test_mutated_crl_and_ocsp(position: int, flip: int) -> None:
    for factory, good in ((CRLSource, CRL), (OCSPSource, OCSP)):
        mutated = bytearray(good)
        mutated[position % len(good)] ^= flip
        source = _source(factory, bytes(mutated))
        if source is not None:
            _verify(DATA, SIGNATURE, DER, source)


@FAST
@given(st.binary(max_size=3000))
def test_garbage_trust_store(data: bytes) -> None:
    failure: IdentityError | None = None
    try:
        TrustStore.from_pem(data)
    except IdentityError as error:
        failure = error
    assert failure is None or failure.code == "identity.certificate_malformed"


AUTH_TRUST = FAKE.trust_store("authentication")
AUTH_DER = CARD.authentication_certificate.public_bytes(serialization.Encoding.DER)
AUTH_SIGNATURE = CARD.authenticate(DATA, pin="1234")
AUTH_CRLS = FAKE.crl_source(kind="authentication")


@FAST
@given(st.binary(max_size=1500), st.binary(max_size=300))
def test_garbage_authentication(certificate: bytes, signature: bytes) -> None:
    for cert, sig in ((certificate, AUTH_SIGNATURE), (AUTH_DER, signature)):
        failure: IdentityError | None = None
        try:
            verify_authentication(
                DATA,
                sig,
                cert,
                trust=AUTH_TRUST,
                at=NOW,
                revocation=AUTH_CRLS,
            )
        except IdentityError as error:
            failure = error
        assert failure is not None
        assert failure.code.startswith("identity.")
