"""Revocation: the protocol hosts plug in, and CRL and OCSP sources that check what they are given.

govforms never fetches revocation data. J-LIS gives CRLs and OCSP access only to registered
verifiers (the host's platform operator), so the host hands the data in:

* :class:`CRLSource` — CRLs (RFC 5280 §5) as DER/PEM bytes or ``cryptography`` objects;
* :class:`OCSPSource` — OCSP responses (RFC 6960) as DER bytes or ``cryptography`` objects;
* anything else implementing :class:`RevocationSource` (a cache, a database of revoked serials
  kept by the platform, ...).

A source answers with a :class:`RevocationStatus`: ``good``, ``revoked`` or ``unknown`` (with a
``detail`` saying why: no CRL for that issuer, a stale CRL, a bad signature, ...). The verifier
treats ``unknown`` as a failure (``identity.revocation_unavailable``) unless the host passed
``require_revocation=False``. Revocation is judged at ``at`` (the signing time): an entry dated
after ``at`` still revokes the certificate unless its reason says the key was fine
(:data:`BENIGN_REASONS`: the holder moved, the certificate was superseded, ...), because a
signature made before such a revocation was made with a good certificate.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Final, Literal, Protocol, runtime_checkable

import attrs
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import CRLEntryExtensionOID, ExtendedKeyUsageOID, ExtensionOID

from govforms.errors import ConfigurationError, IdentityError
from govforms.identity._certs import (
    RSA_SIGNATURE_ALGORITHMS,
    extension_value,
    iso,
    name_key,
    rsa_signature_valid,
)
from govforms.identity.trust import VerificationCache

__all__ = [
    "ALL_REASONS",
    "BENIGN_REASONS",
    "CRLSource",
    "OCSPSource",
    "RevocationSource",
    "RevocationState",
    "RevocationStatus",
    "check_revocation",
]

RevocationState = Literal["good", "revoked", "unknown"]

#: The eight reasons an ``onlySomeReasons`` CRL may be scoped to (RFC 5280 §4.2.1.13).
ALL_REASONS: Final = frozenset(
    {
        x509.ReasonFlags.key_compromise,
        x509.ReasonFlags.ca_compromise,
        x509.ReasonFlags.affiliation_changed,
        x509.ReasonFlags.superseded,
        x509.ReasonFlags.cessation_of_operation,
        x509.ReasonFlags.certificate_hold,
        x509.ReasonFlags.privilege_withdrawn,
        x509.ReasonFlags.aa_compromise,
    }
)

#: Reasons that do not put earlier signatures in doubt (the JPKI platform revokes a signature
#: certificate with ``affiliationChanged`` when one of the four basic items changes).
BENIGN_REASONS: Final = frozenset(
    {
        x509.ReasonFlags.affiliation_changed,
        x509.ReasonFlags.superseded,
        x509.ReasonFlags.cessation_of_operation,
        x509.ReasonFlags.privilege_withdrawn,
    }
)

_MIN_RESPONDER_BITS: Final = 2048

_CRL_EXTENSIONS: Final = frozenset(
    {
        ExtensionOID.CRL_NUMBER,
        ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        ExtensionOID.ISSUER_ALTERNATIVE_NAME,
        ExtensionOID.ISSUING_DISTRIBUTION_POINT,
    }
)
_CRL_ENTRY_EXTENSIONS: Final = frozenset(
    {CRLEntryExtensionOID.CRL_REASON, CRLEntryExtensionOID.INVALIDITY_DATE}
)


@attrs.define(frozen=True, slots=True)
class RevocationStatus:
    """One source's answer about one certificate at one time."""

    state: RevocationState
    source: str
    revoked_at: _dt.datetime | None = None
    reason: str | None = None
    detail: str | None = None


@runtime_checkable
class RevocationSource(Protocol):
    """What a host plugs in: given a certificate and its (verified) issuer, say whether the
    certificate was revoked at ``at``. Must not raise for "I don't know": answer ``unknown``."""

    def status(
        self, certificate: x509.Certificate, issuer: x509.Certificate, *, at: _dt.datetime
    ) -> RevocationStatus: ...


def _judge(
    source: str, revoked_at: _dt.datetime, reason: x509.ReasonFlags | None, at: _dt.datetime
) -> RevocationStatus:
    """A listed certificate: revoked, unless revoked after ``at`` for a benign reason."""
    if revoked_at > at and reason in BENIGN_REASONS:
        return RevocationStatus("good", source, revoked_at=revoked_at, reason=reason.value)
    return RevocationStatus(
        "revoked",
        source,
        revoked_at=revoked_at,
        reason=(reason or x509.ReasonFlags.unspecified).value,
    )


def _point_names(
    point: x509.DistributionPoint | x509.IssuingDistributionPoint, issuer: x509.Name
) -> list[object]:
    """The names of a distribution point, a relative name made absolute (RFC 5280 §4.2.1.13)."""
    if point.full_name:
        return [
            ("dn", name_key(n.value)) if isinstance(n, x509.DirectoryName) else n
            for n in point.full_name
        ]
    if point.relative_name is not None:
        full = x509.Name([*issuer.rdns, point.relative_name])
        return [("dn", name_key(full))]
    return []


@attrs.define(slots=True, eq=False)
class _LoadedCRL:
    """A parsed CRL with what every call needs computed once."""

    crl: x509.CertificateRevocationList
    name: object
    next_update: _dt.datetime | None
    idp: x509.IssuingDistributionPoint | None
    #: The names of ``idp``'s distribution point (empty without one), made absolute once.
    idp_names: list[object]
    entries: dict[int, x509.RevokedCertificate] | None = None


class CRLSource:
    """Answers from host-supplied CRLs (RFC 5280 §5, §6.3 for complete CRLs).

    A CRL counts only when it is signed (sha2WithRSA) by the certificate's issuer, whose
    keyUsage, if present, allows cRLSign; names that issuer; has a ``nextUpdate`` not before
    ``at``; has no critical extension or entry extension govforms does not process (delta and
    indirect CRLs are not supported); and whose issuingDistributionPoint scope covers the
    certificate (§6.3.3(b)). ``onlySomeReasons`` CRLs are combined until all reasons are covered
    (§6.3.3(d)). Which CRLs an issuer signed is worked out once per issuer and cached; the
    freshness, scope and serial-number look-up run on every call. ``issuer`` must be the
    verified issuer of ``certificate`` (the verifier passes the one it chained to).
    """

    __slots__ = ("_by_issuer", "_crls")

    def __init__(self, crls: Iterable[bytes | str | x509.CertificateRevocationList]) -> None:
        self._crls = tuple(self._load(item) for item in crls)
        self._by_issuer = VerificationCache(size=256)

    @staticmethod
    def _load(item: object) -> _LoadedCRL:
        if isinstance(item, x509.CertificateRevocationList):
            item = item.public_bytes(serialization.Encoding.DER)
        if isinstance(item, str):
            item = item.encode("ascii", "replace")
        if not isinstance(item, bytes | bytearray) or not item:
            raise IdentityError("identity.revocation_malformed", kind="crl")
        data = bytes(item)
        try:
            if data.lstrip().startswith(b"-----BEGIN"):
                crl = x509.load_pem_x509_crl(data)
            else:
                crl = x509.load_der_x509_crl(data)
            # Fields cryptography parses lazily, read once here so that garbage fails early.
            _ = crl.last_update_utc, crl.signature_algorithm_oid, crl.tbs_certlist_bytes
            try:
                idp = crl.extensions.get_extension_for_class(x509.IssuingDistributionPoint).value
            except x509.ExtensionNotFound:
                idp = None
            names = [] if idp is None else _point_names(idp, crl.issuer)
            return _LoadedCRL(crl, name_key(crl.issuer), crl.next_update_utc, idp, names)
        except Exception:  # ValueError, DuplicateExtension, ...
            raise IdentityError("identity.revocation_malformed", kind="crl") from None

    @staticmethod
    def _signed(loaded: _LoadedCRL, issuer: x509.Certificate) -> str | None:
        """Checks that depend only on the CRL and the issuer; ``None`` when they pass."""
        crl = loaded.crl
        if loaded.name != name_key(issuer.subject):
            return "no_crl"
        try:
            if crl.signature_algorithm_oid not in RSA_SIGNATURE_ALGORITHMS:
                return "algorithm"
            key = issuer.public_key()
            if not isinstance(key, rsa.RSAPublicKey) or not crl.is_signature_valid(key):
                return "signature"
            for extension in crl.extensions:
                # RFC 5280 §5.2.4: a delta CRL lists only changes since its base CRL, so
                # reading it as a complete CRL would call every unlisted certificate good.
                # The extension MUST be critical; a non-critical one is refused all the same.
                if extension.oid == ExtensionOID.DELTA_CRL_INDICATOR:
                    return "delta_crl"
                if extension.critical and extension.oid not in _CRL_EXTENSIONS:
                    return "unknown_critical_extension"
        except (ValueError, TypeError, UnsupportedAlgorithm):
            return "malformed"
        usage = extension_value(issuer, x509.KeyUsage)
        if usage is not None and not usage.crl_sign:
            return "key_usage"
        return None

    @staticmethod
    def _scope(
        loaded: _LoadedCRL, certificate: x509.Certificate
    ) -> tuple[frozenset[x509.ReasonFlags], str | None]:
        """The reasons this CRL covers for ``certificate`` (§6.3.3(b),(d)), or why it does not."""
        idp = loaded.idp
        if idp is None:
            return ALL_REASONS, None
        if idp.indirect_crl or idp.only_contains_attribute_certs:
            return frozenset(), "scope"
        constraints = extension_value(certificate, x509.BasicConstraints)
        is_ca = constraints is not None and constraints.ca
        if (idp.only_contains_user_certs and is_ca) or (idp.only_contains_ca_certs and not is_ca):
            return frozenset(), "scope"
        crl_names = loaded.idp_names
        if crl_names:
            try:
                points = certificate.extensions.get_extension_for_class(
                    x509.CRLDistributionPoints
                ).value
            except x509.ExtensionNotFound:
                return frozenset(), "scope"
            if not any(
                name in crl_names
                for point in points
                for name in _point_names(point, certificate.issuer)
            ):
                return frozenset(), "scope"
        if idp.only_some_reasons:
            return frozenset(idp.only_some_reasons) & ALL_REASONS, None
        return ALL_REASONS, None

    @staticmethod
    def _entry(loaded: _LoadedCRL, serial: int) -> x509.RevokedCertificate | None:
        if loaded.entries is None:
            loaded.entries = {entry.serial_number: entry for entry in loaded.crl}
        return loaded.entries.get(serial)

    def status(
        self, certificate: x509.Certificate, issuer: x509.Certificate, *, at: _dt.datetime
    ) -> RevocationStatus:
        # Keyed by the issuer object's id; the entry keeps the object, so the id stays unique.
        hit = self._by_issuer.get((id(issuer),))
        if isinstance(hit, tuple) and hit[0] is issuer:
            checks: tuple[str | None, ...] = hit[1]
        else:
            checks = tuple(self._signed(loaded, issuer) for loaded in self._crls)
            self._by_issuer.put((id(issuer),), (issuer, checks))
        covered: set[x509.ReasonFlags] = set()
        detail = "no_crl"
        for loaded, problem in zip(self._crls, checks, strict=True):
            if problem is None and (loaded.next_update is None or at > loaded.next_update):
                problem = "stale"
            reasons: frozenset[x509.ReasonFlags] = frozenset()
            if problem is None:
                reasons, problem = self._scope(loaded, certificate)
            if problem is not None:
                if problem != "no_crl":
                    detail = problem
                continue
            try:
                entry = self._entry(loaded, certificate.serial_number)
                extensions = list(entry.extensions) if entry is not None else []
                revoked_at = entry.revocation_date_utc if entry is not None else None
            except Exception:  # a malformed entry anywhere makes the whole CRL unusable
                detail = "malformed"
                continue
            if revoked_at is not None:
                if any(e.critical and e.oid not in _CRL_ENTRY_EXTENSIONS for e in extensions):
                    detail = "unknown_critical_extension"
                    continue
                reason: x509.ReasonFlags | None = None
                for extension in extensions:
                    if isinstance(extension.value, x509.CRLReason):
                        reason = extension.value.reason
                    elif isinstance(extension.value, x509.InvalidityDate):
                        # RFC 5280 §5.3.2: the certificate became invalid (the key was
                        # compromised, the four basic items changed) at this earlier time;
                        # judge at it, so a signature made after it is not read as "before
                        # the revocation".
                        invalid = extension.value.invalidity_date_utc
                        revoked_at = min(revoked_at, invalid)
                if reason is None or reason in reasons or reason not in ALL_REASONS:
                    return _judge("crl", revoked_at, reason, at)
            covered |= reasons
        if covered >= ALL_REASONS:
            return RevocationStatus("good", "crl")
        if covered:
            detail = "partial_reasons"
        return RevocationStatus("unknown", "crl", detail=detail)


class OCSPSource:
    """Answers from host-supplied OCSP responses (RFC 6960).

    A response counts when it is ``successful``; has a SingleResponse whose CertID matches the
    certificate (issuer name hash, issuer key hash and serial, §4.1.1); is signed (sha2WithRSA)
    by the issuer itself or by a delegated responder certificate that the issuer signed directly
    and that carries ``id-kp-OCSPSigning`` and is valid at ``at`` (§4.2.2.2); and is fresh:
    ``thisUpdate`` not after ``at`` + ``clock_skew`` and ``at`` not after ``nextUpdate``, or —
    without ``nextUpdate`` — ``at`` within ``max_age`` of ``thisUpdate`` (§4.2.2.1).
    """

    __slots__ = ("_cache", "_clock_skew", "_max_age", "_responses")

    def __init__(
        self,
        responses: Iterable[bytes | ocsp.OCSPResponse],
        *,
        max_age: _dt.timedelta = _dt.timedelta(hours=24),
        clock_skew: _dt.timedelta = _dt.timedelta(minutes=5),
    ) -> None:
        loaded: list[ocsp.OCSPResponse] = []
        for item in responses:
            if isinstance(item, ocsp.OCSPResponse):
                loaded.append(item)
                continue
            if not isinstance(item, bytes | bytearray) or not item:
                raise IdentityError("identity.revocation_malformed", kind="ocsp")
            try:
                loaded.append(ocsp.load_der_ocsp_response(bytes(item)))
            except (ValueError, TypeError):
                raise IdentityError("identity.revocation_malformed", kind="ocsp") from None
        self._responses = tuple(loaded)
        self._max_age = max_age
        self._clock_skew = clock_skew
        self._cache = VerificationCache()

    def _matches(
        self,
        single: ocsp.OCSPSingleResponse,
        certificate: x509.Certificate,
        issuer: x509.Certificate,
    ) -> bool:
        if single.serial_number != certificate.serial_number:
            return False
        algorithm = single.hash_algorithm
        # The CertID hashes depend only on the two certificates: worked out once per pair of
        # objects (the verifier passes the same cached path objects on every call). Keyed by
        # ids; the entry keeps both objects, so the ids stay unique.
        key = ("cert-id", id(certificate), id(issuer), algorithm.name)
        hit = self._cache.get(key)
        name_digest: bytes
        key_digest: bytes
        if isinstance(hit, tuple) and hit[0] is certificate and hit[1] is issuer:
            name_digest, key_digest = hit[2], hit[3]
        else:
            name_hash = hashes.Hash(algorithm)
            name_hash.update(certificate.issuer.public_bytes())
            key_hash = hashes.Hash(algorithm)
            key_hash.update(_key_bits(issuer))
            name_digest, key_digest = name_hash.finalize(), key_hash.finalize()
            self._cache.put(key, (certificate, issuer, name_digest, key_digest))
        return name_digest == single.issuer_name_hash and key_digest == single.issuer_key_hash

    def _responder_ok(
        self, response: ocsp.OCSPResponse, issuer: x509.Certificate, at: _dt.datetime
    ) -> bool:
        if response.signature_algorithm_oid not in RSA_SIGNATURE_ALGORITHMS:
            return False
        # Keyed by ids like _matches; the response objects are also held by the source.
        cache_key = ("responder", id(issuer), id(response))
        hit = self._cache.get(cache_key)
        if isinstance(hit, tuple) and hit[0] is issuer and hit[1] is response:
            return True
        signer: x509.Certificate | None = None
        if _is_responder(response, issuer):
            signer = issuer
        else:
            for candidate in response.certificates:
                if not _is_responder(response, candidate) or not _delegated(candidate, issuer, at):
                    continue
                signer = candidate
                break
        if signer is None:
            return False
        ok = rsa_signature_valid(
            signer.public_key(),
            response.signature,
            response.tbs_response_bytes,
            response.signature_hash_algorithm,
        )
        if ok and signer is issuer:
            self._cache.put(cache_key, (issuer, response))
        return ok

    def _answer(
        self,
        response: ocsp.OCSPResponse,
        certificate: x509.Certificate,
        issuer: x509.Certificate,
        at: _dt.datetime,
    ) -> RevocationStatus | str | None:
        """This response's answer, a reason it cannot answer, or ``None`` if not about us."""
        if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
            return None
        singles = [s for s in response.responses if self._matches(s, certificate, issuer)]
        if not singles:
            return None
        if not self._responder_ok(response, issuer, at):
            return "signature"
        detail = "unknown_certificate"
        for single in singles:
            this_update = single.this_update_utc
            next_update = single.next_update_utc
            if this_update > at + self._clock_skew:
                detail = "not_yet_valid"
                continue
            if (next_update is None and at - this_update > self._max_age) or (
                next_update is not None and at > next_update
            ):
                detail = "stale"
                continue
            state = single.certificate_status
            if state is ocsp.OCSPCertStatus.GOOD:
                return RevocationStatus("good", "ocsp")
            revoked_at = single.revocation_time_utc
            if state is ocsp.OCSPCertStatus.REVOKED and revoked_at is not None:
                return _judge("ocsp", revoked_at, single.revocation_reason, at)
        return detail

    def status(
        self, certificate: x509.Certificate, issuer: x509.Certificate, *, at: _dt.datetime
    ) -> RevocationStatus:
        detail = "no_response"
        good: RevocationStatus | None = None
        for response in self._responses:
            try:
                answer = self._answer(response, certificate, issuer, at)
            except Exception:  # cryptography parses responses lazily: garbage surfaces here
                answer = "malformed"
            if isinstance(answer, RevocationStatus):
                if answer.state == "revoked":
                    return answer
                good = good or answer
            elif answer is not None:
                detail = answer
        return good or RevocationStatus("unknown", "ocsp", detail=detail)


def _key_bits(certificate: x509.Certificate) -> bytes:
    """The subjectPublicKey BIT STRING contents (RFC 6960 §4.1.1 issuerKeyHash input)."""
    key = certificate.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    raise ValueError("only RSA issuers are supported")


def _is_responder(response: ocsp.OCSPResponse, certificate: x509.Certificate) -> bool:
    """Whether the ResponderID (by name or SHA-1 key hash, RFC 6960 §4.2.1) names this cert."""
    if response.responder_name is not None:
        return name_key(response.responder_name) == name_key(certificate.subject)
    digest = hashes.Hash(hashes.SHA1())  # noqa: S303 - SHA-1 is how RFC 6960 names a key
    try:
        digest.update(_key_bits(certificate))
    except ValueError:
        return False
    return digest.finalize() == response.responder_key_hash


def _delegated(candidate: x509.Certificate, issuer: x509.Certificate, at: _dt.datetime) -> bool:
    """RFC 6960 §4.2.2.2: issued directly by the CA, with id-kp-OCSPSigning, valid at ``at``,
    an RSA key of at least 2048 bits. The responder certificate's own revocation status is not
    checked (RFC 6960 §4.2.2.2.1 leaves that to the CA's choice, e.g. id-pkix-ocsp-nocheck)."""
    if name_key(candidate.issuer) != name_key(issuer.subject):
        return False
    if candidate.signature_algorithm_oid not in RSA_SIGNATURE_ALGORITHMS:
        return False
    if not rsa_signature_valid(
        issuer.public_key(),
        candidate.signature,
        candidate.tbs_certificate_bytes,
        candidate.signature_hash_algorithm,
    ):
        return False
    if not candidate.not_valid_before_utc <= at <= candidate.not_valid_after_utc:
        return False
    key = candidate.public_key()
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < _MIN_RESPONDER_BITS:
        return False
    try:
        usage = candidate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except (x509.ExtensionNotFound, ValueError):
        return False
    return ExtendedKeyUsageOID.OCSP_SIGNING in usage


def check_revocation(
    certificate: x509.Certificate,
    issuers: Sequence[x509.Certificate],
    *,
    at: _dt.datetime,
    sources: RevocationSource | Sequence[RevocationSource] | None,
    require: bool,
    position: str,
) -> None:
    """Ask every source; any ``revoked`` wins, then any ``good``; else fail if ``require``.

    ``sources`` that are not revocation sources, and answers that are not a
    :class:`RevocationStatus`, are host bugs: ``identity.input_type`` (argument ``revocation``).
    ``issuers`` are the validated certificates that may have signed revocation data about
    ``certificate``: its issuer first, then older certificates of the same CA further up the
    path (key rollover through self-issued certificates, RFC 5280 §6.3.3(f)).
    """
    if sources is None:
        items: Sequence[RevocationSource] = ()
    elif hasattr(sources, "status"):
        items = (sources,)
    elif isinstance(sources, Sequence) and all(hasattr(s, "status") for s in sources):
        items = tuple(sources)
    else:
        raise ConfigurationError(
            "identity.input_type", argument="revocation", actual=type(sources).__name__
        )
    good = False
    detail = "no_source"
    for source in items:
        for issuer in issuers:
            status = source.status(certificate, issuer, at=at)
            if not isinstance(status, RevocationStatus):  # a host plugin bug, not "good"
                raise ConfigurationError(
                    "identity.input_type", argument="revocation", actual=type(status).__name__
                )
            if status.state == "revoked":
                revoked_at = status.revoked_at
                raise IdentityError(
                    "identity.certificate_revoked",
                    position=position,
                    revoked_at=iso(revoked_at) if revoked_at is not None else None,
                    reason=status.reason or "unspecified",
                )
            if status.state == "good":
                good = True
                break
            if status.detail and (detail == "no_source" or issuer is issuers[0]):
                detail = status.detail
    if not good and require:
        raise IdentityError("identity.revocation_unavailable", position=position, reason=detail)
