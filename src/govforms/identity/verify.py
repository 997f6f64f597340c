"""Verify a My Number card signature (署名用電子証明書) or login (利用者証明用電子証明書).

:func:`verify_signature` decides whether ``signature`` is the resident's signature over
``data``, who signed (the four basic items) and whether the certificate was good at ``at``:

1. the certificate chains to a trust anchor (RFC 5280 §6.1; the issuer is chosen by key
   identifier and signature, not by name: JPKI roots of several generations share one name);
2. every certificate of the path is valid at ``at`` (RFC 5280 §4.1.2.5);
3. the JPKI signature-certificate profile: critical keyUsage with digitalSignature and
   nonRepudiation (RFC 5280 §4.2.1.3), critical certificatePolicies with the production JPKI
   policy — the test-card policy only with ``allow_test_cards=True`` (§4.2.1.4), RSA >= 2048 and
   SHA-256 or stronger, no unknown critical extension (§4.2); the certificate is an end entity,
   not a CA's (§4.2.1.9, §4.2.1.3) or an OCSP responder's (RFC 6960 §4.2.2.2);
4. revocation through the host's sources (RFC 5280 §6.3, RFC 6960);
5. the RSASSA-PKCS1-v1_5 signature with SHA-256 over ``data`` (RFC 8017 §8.2.2), the scheme
   the card uses.

Each failure is an :class:`~govforms.errors.IdentityError` with its own code. The chain part
(signatures, profile, decoding of the four basic items, ``cryptography``'s second opinion) is
cached in the trust store, keyed by the certificate; validity at ``at``, revocation and the
data signature are checked on every call.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Collection, Sequence
from typing import Final, cast

import attrs
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from govforms.errors import ConfigurationError, IdentityError
from govforms.identity._certs import aware, extension_value, fingerprint, load_certificate
from govforms.identity.jpki import (
    SIGNATURE_POLICY,
    TEST_SIGNATURE_POLICY,
    JPKIIdentity,
    identity_from_certificate,
)
from govforms.identity.path import END_ENTITY, ChainCheck, EndEntityCheck, checked_path
from govforms.identity.revocation import RevocationSource
from govforms.identity.trust import TrustStore

__all__ = [
    "CertificateInfo",
    "VerifiedAuthentication",
    "VerifiedSignature",
    "verify_authentication",
    "verify_signature",
]

_MAX_SIGNATURE: Final = 1024
_SIGNATURE_POLICIES: Final = frozenset({SIGNATURE_POLICY, TEST_SIGNATURE_POLICY})


@attrs.define(frozen=True, slots=True)
class CertificateInfo:
    """Public facts about a verified certificate.

    ``not_after`` is left out of ``repr``: a JPKI card certificate lasts until the holder's
    fifth birthday after issue, so its end date is the holder's birthday (month and day).
    """

    serial_number: int
    issuer: str
    not_before: _dt.datetime
    not_after: _dt.datetime = attrs.field(repr=False)
    fingerprint_sha256: str
    anchor_fingerprint_sha256: str

    @classmethod
    def of(cls, certificate: x509.Certificate, anchor: x509.Certificate) -> CertificateInfo:
        return cls(
            serial_number=certificate.serial_number,
            issuer=certificate.issuer.rfc4514_string(),
            not_before=certificate.not_valid_before_utc,
            not_after=certificate.not_valid_after_utc,
            fingerprint_sha256=fingerprint(certificate).hex(),
            anchor_fingerprint_sha256=fingerprint(anchor).hex(),
        )


@attrs.define(frozen=True, slots=True)
class VerifiedSignature:
    """A signature that passed every check: who signed, with which certificate, when.

    ``identity`` holds personal data; its ``repr`` is masked (see
    :class:`~govforms.identity.jpki.JPKIIdentity`).
    """

    identity: JPKIIdentity
    certificate: CertificateInfo
    policy: str
    test_card: bool
    at: _dt.datetime


@attrs.define(frozen=True, slots=True)
class VerifiedAuthentication:
    """A login that passed every check. ``subject_id`` is stable for the life of the
    certificate (SHA-256 over the issuer name and serial number); a new card or certificate
    gives a new id, as JPKI intends — link accounts through the host's own enrolment."""

    subject_id: str
    certificate: CertificateInfo
    at: _dt.datetime


def _extension(
    certificate: x509.Certificate, kind: type[x509.ExtensionType]
) -> x509.Extension[x509.ExtensionType] | None:
    try:
        return certificate.extensions.get_extension_for_class(kind)
    except x509.ExtensionNotFound:
        return None


def _policies(certificate: x509.Certificate) -> tuple[bool, set[str]] | None:
    ext = _extension(certificate, x509.CertificatePolicies)
    if ext is None:
        return None
    assert isinstance(ext.value, x509.CertificatePolicies)
    return ext.critical, {p.policy_identifier.dotted_string for p in ext.value}


def _end_entity_role(certificate: x509.Certificate) -> None:
    """The certificate is a card's, not a CA's or an OCSP responder's.

    RFC 5280 §4.2.1.9: basicConstraints cA=TRUE marks a CA certificate (whatever its
    criticality); §4.2.1.3: keyCertSign requires cA and cRLSign marks a CRL issuer; RFC 6960
    §4.2.2.2 with RFC 5280 §4.2.1.12: id-kp-OCSPSigning marks a delegated OCSP responder, usable
    for that purpose only. JPKI card certificates are none of these, so a root presented as the
    signer's certificate, or a responder certificate presented as a login certificate, is
    refused with ``identity.key_usage`` (``required="end_entity"``).
    """
    constraints = extension_value(certificate, x509.BasicConstraints)
    usage = extension_value(certificate, x509.KeyUsage)
    purposes = extension_value(certificate, x509.ExtendedKeyUsage)
    if (
        (constraints is not None and constraints.ca)
        or (usage is not None and (usage.key_cert_sign or usage.crl_sign))
        or (purposes is not None and ExtendedKeyUsageOID.OCSP_SIGNING in purposes)
    ):
        raise IdentityError("identity.key_usage", position=END_ENTITY, required="end_entity")


def _end_entity_usage(certificate: x509.Certificate, *, non_repudiation: bool) -> None:
    """A card certificate (see :func:`_end_entity_role`) with a critical keyUsage asserting
    digitalSignature, and nonRepudiation too when ``non_repudiation`` (RFC 5280 §4.2.1.3)."""
    _end_entity_role(certificate)
    usage = _extension(certificate, x509.KeyUsage)
    if (
        usage is None
        or not usage.critical
        or not isinstance(usage.value, x509.KeyUsage)
        or not usage.value.digital_signature
        or (non_repudiation and not usage.value.content_commitment)
    ):
        required = "digitalSignature,nonRepudiation" if non_repudiation else "digitalSignature"
        raise IdentityError("identity.key_usage", position=END_ENTITY, required=required)


def _signature_profile(certificate: x509.Certificate, allow_test_cards: bool) -> str:
    """JPKI signature-certificate profile; returns the policy OID found.

    A certificate naming the test-card policy is a test card even when it also names the
    production policy (RFC 5280 §4.2.1.4 lets a certificate assert several policies; the JPKI
    test-card policy says the card is not a resident's real card), so it needs
    ``allow_test_cards``.
    """
    _end_entity_usage(certificate, non_repudiation=True)
    found = _policies(certificate)
    if found is None:
        raise IdentityError("identity.policy", reason="missing")
    critical, oids = found
    if not critical:
        raise IdentityError("identity.policy", reason="not_critical")
    if TEST_SIGNATURE_POLICY in oids:
        if allow_test_cards:
            return TEST_SIGNATURE_POLICY
        raise IdentityError("identity.policy", reason="test_card")
    if SIGNATURE_POLICY in oids:
        return SIGNATURE_POLICY
    raise IdentityError("identity.policy", reason="not_jpki")


def _signature_extension_policy(allowed: frozenset[str]) -> ExtensionPolicy:
    """The JPKI signature-certificate profile as a ``cryptography`` end-entity policy."""

    def usage(_policy: object, _cert: x509.Certificate, value: x509.KeyUsage) -> None:
        if not (value.digital_signature and value.content_commitment):
            raise ValueError("JPKI signature certificates need digitalSignature+nonRepudiation")

    def policies(_policy: object, _cert: x509.Certificate, value: x509.CertificatePolicies) -> None:
        if not {p.policy_identifier.dotted_string for p in value} & allowed:
            raise ValueError("not a JPKI signature policy")

    return (
        ExtensionPolicy.permit_all()
        .require_present(x509.KeyUsage, Criticality.CRITICAL, usage)
        .require_present(x509.CertificatePolicies, Criticality.CRITICAL, policies)
    )


def _authentication_extension_policy() -> ExtensionPolicy:
    def usage(_policy: object, _cert: x509.Certificate, value: x509.KeyUsage) -> None:
        if not value.digital_signature:
            raise ValueError("JPKI authentication certificates need digitalSignature")

    return ExtensionPolicy.permit_all().require_present(x509.KeyUsage, Criticality.CRITICAL, usage)


def _cryptography_check(ee_policy: ExtensionPolicy) -> ChainCheck:
    """Re-verify the one-tier path with ``cryptography.x509.verification``.

    An independent second opinion on the chain part, run once per (certificate, anchor) before
    it is cached: the store holds only the anchor govforms chose, the chain depth is 0 (JPKI has
    no intermediates), the CA policy is ``cryptography``'s Web PKI CA policy and the end-entity
    policy is the explicit JPKI one. govforms' own checks ran first and give the precise codes;
    a disagreement here is ``identity.untrusted_issuer`` with reason ``verifier``.
    """

    def check(path: tuple[x509.Certificate, ...], at: _dt.datetime) -> None:
        if len(path) != 2:
            raise IdentityError("identity.untrusted_issuer", reason="verifier")
        try:
            verifier = (
                PolicyBuilder()
                .store(Store([path[-1]]))
                .time(at)
                .max_chain_depth(0)
                .extension_policies(
                    ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=ee_policy
                )
                .build_client_verifier()
            )
            verifier.verify(path[0], [])
        except (VerificationError, ValueError, TypeError):
            raise IdentityError("identity.untrusted_issuer", reason="verifier") from None

    return check


_CHECK_SIGNATURE: Final = _cryptography_check(
    _signature_extension_policy(frozenset({SIGNATURE_POLICY}))
)
_CHECK_TEST_SIGNATURE: Final = _cryptography_check(_signature_extension_policy(_SIGNATURE_POLICIES))
_CHECK_AUTHENTICATION: Final = _cryptography_check(_authentication_extension_policy())


def _load(certificate: object, trust: TrustStore) -> x509.Certificate:
    """Load the certificate, reusing the object parsed last time for the same bytes or text
    (see :func:`_remember`), so repeated DER input is parsed once."""
    if isinstance(certificate, bytes | str):
        cached = trust.cache.get(("input", certificate))
        if isinstance(cached, x509.Certificate):
            return cached
    return load_certificate(certificate)


def _remember(certificate: object, loaded: x509.Certificate, trust: TrustStore) -> None:
    """Cache the parsed object for this input — only once it chained to a trust anchor, so
    that untrusted input cannot fill the cache."""
    if isinstance(certificate, bytes | str) and trust.cache.get(("input", certificate)) is None:
        trust.cache.put(("input", certificate), loaded)


def _as_bytes(value: object, what: str) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    raise ConfigurationError("identity.input_type", argument=what, actual=type(value).__name__)


def _verify_rsa(certificate: x509.Certificate, data: bytes, signature: object) -> None:
    """RSASSA-PKCS1-v1_5 verification with SHA-256 (RFC 8017 §8.2.2, DigestInfo §9.2)."""
    if not isinstance(signature, bytes | bytearray | memoryview):
        raise IdentityError("identity.signature_invalid")
    raw = bytes(signature)
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey) or not raw or len(raw) > _MAX_SIGNATURE:
        raise IdentityError("identity.signature_invalid")
    try:
        key.verify(raw, data, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        raise IdentityError("identity.signature_invalid") from None


def _verify_card(
    data: object,
    what: str,
    signature: object,
    certificate: object,
    *,
    trust: object,
    at: _dt.datetime | None,
    revocation: RevocationSource | Sequence[RevocationSource] | None,
    require_revocation: bool,
    end_entity_check: EndEntityCheck,
    chain_check: ChainCheck,
    cache_tag: str,
) -> tuple[_dt.datetime, object]:
    """What :func:`verify_signature` and :func:`verify_authentication` share: check the
    arguments, validate the path with the profile's hooks, then the card's signature over
    ``data``. Returns the verification time (UTC) and the profile's cached facts."""
    payload = _as_bytes(data, what)
    moment = aware(at)
    if not isinstance(trust, TrustStore):
        raise ConfigurationError(
            "identity.input_type", argument="trust", actual=type(trust).__name__
        )
    end_entity = _load(certificate, trust)
    _, facts = checked_path(
        end_entity,
        trust=trust,
        at=moment,
        revocation=revocation,
        require_revocation=require_revocation,
        end_entity_check=end_entity_check,
        chain_check=chain_check,
        cache_tag=cache_tag,
    )
    _remember(certificate, end_entity, trust)
    _verify_rsa(end_entity, payload, signature)
    return moment, facts


def verify_signature(
    data: bytes,
    signature: bytes,
    certificate: object,
    *,
    trust: TrustStore,
    at: _dt.datetime | None = None,
    revocation: RevocationSource | Sequence[RevocationSource] | None = None,
    require_revocation: bool = True,
    allow_test_cards: bool = False,
) -> VerifiedSignature:
    """Verify a JPKI signature over ``data``; see the module docstring for every check.

    ``certificate`` is DER bytes, PEM bytes/text or a ``cryptography`` certificate; ``at`` is
    the signing time as an aware datetime (now when omitted; a naive one raises
    ``identity.naive_time``). Revocation is required unless ``require_revocation=False``.
    """

    def profile(path: tuple[x509.Certificate, ...]) -> tuple[JPKIIdentity, str, CertificateInfo]:
        policy = _signature_profile(path[0], allow_test_cards)
        return identity_from_certificate(path[0]), policy, CertificateInfo.of(path[0], path[-1])

    moment, facts = _verify_card(
        data,
        "data",
        signature,
        certificate,
        trust=trust,
        at=at,
        revocation=revocation,
        require_revocation=require_revocation,
        end_entity_check=profile,
        chain_check=_CHECK_TEST_SIGNATURE if allow_test_cards else _CHECK_SIGNATURE,
        cache_tag="jpki-signature-test" if allow_test_cards else "jpki-signature",
    )
    identity, policy, info = cast("tuple[JPKIIdentity, str, CertificateInfo]", facts)
    return VerifiedSignature(
        identity=identity,
        certificate=info,
        policy=policy,
        test_card=policy == TEST_SIGNATURE_POLICY,
        at=moment,
    )


def _authentication_profile(
    path: tuple[x509.Certificate, ...], policies: Collection[str] | None
) -> tuple[str, CertificateInfo]:
    certificate = path[0]
    _end_entity_usage(certificate, non_repudiation=False)
    found = _policies(certificate)
    oids = found[1] if found is not None else set()
    if oids & _SIGNATURE_POLICIES:
        raise IdentityError("identity.policy", reason="signature_certificate")
    if policies is not None and not oids & set(policies):
        raise IdentityError("identity.policy", reason="not_allowed" if oids else "missing")
    serial = certificate.serial_number
    subject_id = hashlib.sha256(
        certificate.issuer.public_bytes() + serial.to_bytes((serial.bit_length() + 8) // 8, "big")
    ).hexdigest()
    return subject_id, CertificateInfo.of(certificate, path[-1])


def verify_authentication(
    challenge: bytes,
    signature: bytes,
    certificate: object,
    *,
    trust: TrustStore,
    at: _dt.datetime | None = None,
    revocation: RevocationSource | Sequence[RevocationSource] | None = None,
    require_revocation: bool = True,
    policies: Collection[str] | None = None,
) -> VerifiedAuthentication:
    """Verify a login with the user-authentication certificate (利用者証明用電子証明書).

    The card signs the host's ``challenge`` (RSASSA-PKCS1-v1_5 with SHA-256). The certificate
    must chain to ``trust`` (use :meth:`TrustStore.jpki_authentication`), be valid and not
    revoked at ``at``, and have a critical keyUsage with digitalSignature. A certificate naming
    a JPKI *signature* policy is refused (wrong purpose). The user-authentication policy OIDs are
    not part of govforms' checked facts: pass ``policies=`` to require specific ones.
    Returns no personal data — the certificate holds none.
    """
    allowed = None if policies is None else frozenset(policies)
    tag = "jpki-authentication"
    if allowed is not None:
        tag += ":" + ",".join(sorted(allowed))
    moment, info = _verify_card(
        challenge,
        "challenge",
        signature,
        certificate,
        trust=trust,
        at=at,
        revocation=revocation,
        require_revocation=require_revocation,
        end_entity_check=lambda path: _authentication_profile(path, allowed),
        chain_check=_CHECK_AUTHENTICATION,
        cache_tag=tag,
    )
    subject_id, certificate_info = cast("tuple[str, CertificateInfo]", info)
    return VerifiedAuthentication(subject_id=subject_id, certificate=certificate_info, at=moment)
