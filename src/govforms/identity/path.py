"""Generic certification path validation (RFC 5280 §6.1), the layer the JPKI profile builds on.

:func:`validate_path` answers "is this end-entity certificate good at ``at``, chained to one of
these trust anchors through these (optional) intermediates, and not revoked according to these
revocation sources?". :func:`govforms.identity.verify_signature` calls it with the JPKI profile
on top, and the NIST PKITS conformance tests call it directly, so both exercise the same code.

What is checked, with the RFC 5280 step it implements:

* **Path building**: the issuer of each certificate is found by name (§7.1 comparison) among the
  anchors and intermediates, ordered by Authority/Subject Key Identifier (§4.2.1.1, §4.2.1.2);
  the candidate whose key verifies the signature wins — never the name alone (JPKI roots of
  several generations share one name). At most :data:`MAX_INTERMEDIATES` intermediates.
* **Signatures** (§6.1.3(a)(1)): sha256/384/512WithRSAEncryption (PKCS#1 v1.5, RFC 8017
  §8.2) only, verified by ``cryptography``; RSA keys of at least ``min_rsa_bits`` bits. Other
  algorithms give ``identity.unsupported_algorithm``, short keys ``identity.weak_key``. A
  signatureValue BIT STRING with unused bits (§4.1.1.3) is a signature that does not verify.
* **Validity** (§6.1.3(a)(2)) of every certificate, trust anchor included, at ``at``.
* **Intermediates** (§6.1.4(k)-(n)): basicConstraints with cA, pathLenConstraint (self-issued
  certificates not counted), keyUsage with keyCertSign when keyUsage is present.
* **Critical extensions** (§6.1.4(o), §6.1.5(f)): a critical extension govforms does not
  process is rejected (``identity.unknown_critical_extension``). Policy processing (§6.1.3(d)),
  policy mapping and name constraints are not implemented, so certificates that make those
  extensions critical are rejected too: reject by default.
* **Revocation** (§6.3) of every certificate below the anchor through the host's
  :class:`~govforms.identity.revocation.RevocationSource` s.

Cheap per-call work and expensive once-only work are split: the path (signatures, keys,
structure, profile) is cached in the :class:`~govforms.identity.trust.TrustStore`, keyed by
the certificates in it; validity at ``at`` and revocation run on every call.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Sequence
from typing import Final

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtensionOID

from govforms.errors import ConfigurationError, IdentityError
from govforms.identity._certs import (
    RSA_SIGNATURE_ALGORITHMS,
    aware,
    extension_value,
    iso,
    load_certificate,
    name_key,
    rsa_signature_valid,
    signature_algorithms_agree,
    signature_has_no_unused_bits,
)
from govforms.identity.revocation import RevocationSource, check_revocation
from govforms.identity.trust import TrustStore

__all__ = [
    "HANDLED_EXTENSIONS",
    "MAX_INTERMEDIATES",
    "RSA_SIGNATURE_ALGORITHMS",
    "check_public_key",
    "check_signature_algorithm",
    "checked_path",
    "signed_by",
    "validate_path",
]

END_ENTITY: Final = "end_entity"
INTERMEDIATE: Final = "intermediate"
TRUST_ANCHOR: Final = "trust_anchor"

#: The most intermediates a path may have (JPKI has none; PKITS needs up to four).
MAX_INTERMEDIATES: Final = 6

#: Extensions govforms processes (or that RFC 5280 lets a relying party ignore when it does not
#: use them); any other extension marked critical is rejected.
HANDLED_EXTENSIONS: Final = frozenset(
    {
        ExtensionOID.KEY_USAGE,
        ExtensionOID.BASIC_CONSTRAINTS,
        ExtensionOID.CERTIFICATE_POLICIES,
        ExtensionOID.SUBJECT_ALTERNATIVE_NAME,
        ExtensionOID.ISSUER_ALTERNATIVE_NAME,
        ExtensionOID.SUBJECT_KEY_IDENTIFIER,
        ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        ExtensionOID.CRL_DISTRIBUTION_POINTS,
        ExtensionOID.AUTHORITY_INFORMATION_ACCESS,
    }
)
# Not in the set on purpose: extendedKeyUsage (govforms does not evaluate purposes, so a
# critical EKU is refused), name constraints, policy constraints/mappings, inhibitAnyPolicy.

EndEntityCheck = Callable[[tuple[x509.Certificate, ...]], object]
ChainCheck = Callable[[tuple[x509.Certificate, ...], _dt.datetime], None]


def check_signature_algorithm(certificate: x509.Certificate, position: str) -> None:
    """The certificate is signed with sha256/384/512WithRSAEncryption (RFC 5280 §4.1.1.2), and
    the algorithm inside the signed part says the same (§4.1.2.3)."""
    if certificate.signature_algorithm_oid not in RSA_SIGNATURE_ALGORITHMS or not (
        signature_algorithms_agree(certificate)
    ):
        raise IdentityError(
            "identity.unsupported_algorithm",
            position=position,
            algorithm=certificate.signature_algorithm_oid.dotted_string,
        )


def check_public_key(
    certificate: x509.Certificate, position: str, min_rsa_bits: int
) -> rsa.RSAPublicKey:
    """The subject key is RSA with at least ``min_rsa_bits`` bits and an odd exponent >= 3."""
    try:
        key = certificate.public_key()
    except (UnsupportedAlgorithm, ValueError):
        raise IdentityError(
            "identity.unsupported_algorithm",
            position=position,
            algorithm=certificate.public_key_algorithm_oid.dotted_string,
        ) from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise IdentityError(
            "identity.unsupported_algorithm",
            position=position,
            algorithm=certificate.public_key_algorithm_oid.dotted_string,
        )
    exponent = key.public_numbers().e
    if key.key_size < min_rsa_bits or exponent < 3 or exponent % 2 == 0:
        raise IdentityError("identity.weak_key", position=position, bits=key.key_size)
    return key


def signed_by(child: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether ``issuer``'s RSA key verifies ``child``'s PKCS#1 v1.5 signature.

    The signatureValue must be whole octets (RFC 5280 §4.1.1.3, RFC 8017 §8.2): ``cryptography``
    ignores the BIT STRING's unused-bits count, which would let one certificate have several
    encodings (and SHA-256 fingerprints) that all verify."""
    return signature_has_no_unused_bits(child) and rsa_signature_valid(
        issuer.public_key(),
        child.signature,
        child.tbs_certificate_bytes,
        child.signature_hash_algorithm,
    )


def _check_critical(certificate: x509.Certificate, position: str) -> None:
    for extension in certificate.extensions:
        if extension.critical and extension.oid not in HANDLED_EXTENSIONS:
            raise IdentityError(
                "identity.unknown_critical_extension",
                position=position,
                oid=extension.oid.dotted_string,
            )


def _subject_key_id(certificate: x509.Certificate) -> bytes | None:
    value = extension_value(certificate, x509.SubjectKeyIdentifier)
    return None if value is None else value.digest


def _ordered(child: x509.Certificate, found: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    """Candidates whose SKI equals the child's AKI first (RFC 5280 §4.2.1.1)."""
    authority = extension_value(child, x509.AuthorityKeyIdentifier)
    wanted = None if authority is None else authority.key_identifier
    if wanted is None or len(found) < 2:
        return list(found)
    return sorted(found, key=lambda c: _subject_key_id(c) != wanted)


def _check_ca(certificate: x509.Certificate) -> int | None:
    """§6.1.4(k),(n): an intermediate must be a CA allowed to sign certificates."""
    constraints = extension_value(certificate, x509.BasicConstraints)
    if constraints is None or not constraints.ca:
        raise IdentityError("identity.untrusted_issuer", reason="not_ca")
    usage = extension_value(certificate, x509.KeyUsage)
    if usage is not None and not usage.key_cert_sign:
        raise IdentityError("identity.key_usage", position=INTERMEDIATE, required="keyCertSign")
    return constraints.path_length


def _candidate_paths(
    certificate: x509.Certificate,
    trust: TrustStore,
    intermediates: Sequence[x509.Certificate],
    chain: list[x509.Certificate],
) -> Iterator[list[x509.Certificate]]:
    """Every path from ``chain[-1]`` to an anchor, most plausible first (depth first)."""
    key = name_key(certificate.issuer)
    yield from (
        [*chain, anchor] for anchor in _ordered(certificate, trust.candidates(certificate.issuer))
    )
    if len(chain) > MAX_INTERMEDIATES:
        return
    matching = [c for c in intermediates if name_key(c.subject) == key and c not in chain]
    for candidate in _ordered(certificate, matching):
        yield from _candidate_paths(candidate, trust, intermediates, [*chain, candidate])


def _check_candidate(path: list[x509.Certificate], min_rsa_bits: int) -> None:
    """Signatures, keys, algorithms, CA constraints and critical extensions of one path."""
    anchor = path[-1]
    check_public_key(anchor, TRUST_ANCHOR, min_rsa_bits)
    for index, child in enumerate(path[:-1]):
        position = END_ENTITY if index == 0 else INTERMEDIATE
        issuer = path[index + 1]
        check_signature_algorithm(child, position)
        check_public_key(child, position, min_rsa_bits)
        if not signed_by(child, issuer):
            raise IdentityError("identity.untrusted_issuer", reason="signature")
        _check_critical(child, position)
    # §6.1.4(l),(m): walk the intermediates from the anchor down.
    max_path_length: int | None = None
    for ca in reversed(path[1:-1]):
        constraint = _check_ca(ca)
        if name_key(ca.subject) != name_key(ca.issuer) and max_path_length is not None:
            if max_path_length <= 0:
                raise IdentityError("identity.untrusted_issuer", reason="path_length")
            max_path_length -= 1
        if constraint is not None and (max_path_length is None or constraint < max_path_length):
            max_path_length = constraint


def _build(
    certificate: x509.Certificate,
    trust: TrustStore,
    intermediates: Sequence[x509.Certificate],
    min_rsa_bits: int,
) -> tuple[x509.Certificate, ...]:
    # Report the most telling failure: a candidate issuer whose key does not verify the
    # signature says less than one that does but fails another check.
    signature_error: IdentityError | None = None
    other_error: IdentityError | None = None
    for path in _candidate_paths(certificate, trust, intermediates, [certificate]):
        try:
            _check_candidate(path, min_rsa_bits)
        except IdentityError as error:
            if error.params.get("reason") == "signature":
                signature_error = signature_error or error
            else:
                other_error = other_error or error
            continue
        return tuple(path)
    failure = other_error or signature_error
    if failure is not None:
        raise failure
    raise IdentityError("identity.untrusted_issuer", reason="no_issuer")


def _check_validity(path: Sequence[x509.Certificate], at: _dt.datetime) -> None:
    """§6.1.3(a)(2): every certificate of the path is within its validity period at ``at``."""
    last = len(path) - 1
    for index, certificate in enumerate(path):
        position = END_ENTITY if index == 0 else TRUST_ANCHOR if index == last else INTERMEDIATE
        if at < certificate.not_valid_before_utc:
            raise IdentityError(
                "identity.certificate_not_yet_valid",
                position=position,
                not_before=iso(certificate.not_valid_before_utc),
            )
        if at > certificate.not_valid_after_utc:
            # A JPKI card certificate lasts until the holder's fifth birthday after issue, so
            # its notAfter is the holder's birthday: an error (which ends up in logs) gives
            # only the year for the end entity.
            end = certificate.not_valid_after_utc
            raise IdentityError(
                "identity.certificate_expired",
                position=position,
                not_after=str(end.year) if position == END_ENTITY else iso(end),
            )


def validate_path(
    certificate: object,
    *,
    trust: TrustStore,
    at: _dt.datetime,
    intermediates: Sequence[object] = (),
    revocation: RevocationSource | Sequence[RevocationSource] | None = None,
    require_revocation: bool = True,
    min_rsa_bits: int = 2048,
) -> tuple[x509.Certificate, ...]:
    """Validate ``certificate`` at ``at`` (aware) and return the path, end entity first.

    ``certificate`` and ``intermediates`` are DER, PEM or ``cryptography`` certificates.
    Revocation is required for every certificate below the anchor unless
    ``require_revocation`` is false, in which case it is still consulted when given.
    Raises a coded :class:`~govforms.errors.IdentityError` for every failure
    (``identity.naive_time`` for a naive ``at``).
    """
    if not isinstance(trust, TrustStore):
        raise ConfigurationError(
            "identity.input_type", argument="trust", actual=type(trust).__name__
        )
    path, _ = checked_path(
        load_certificate(certificate),
        trust=trust,
        at=aware(at),
        intermediates=[load_certificate(c, part="intermediate") for c in intermediates],
        revocation=revocation,
        require_revocation=require_revocation,
        min_rsa_bits=min_rsa_bits,
    )
    return path


def checked_path(
    end_entity: x509.Certificate,
    *,
    trust: TrustStore,
    at: _dt.datetime,
    intermediates: Sequence[x509.Certificate] = (),
    revocation: RevocationSource | Sequence[RevocationSource] | None = None,
    require_revocation: bool = True,
    min_rsa_bits: int = 2048,
    end_entity_check: EndEntityCheck | None = None,
    chain_check: ChainCheck | None = None,
    cache_tag: str = "generic",
) -> tuple[tuple[x509.Certificate, ...], object]:
    """:func:`validate_path` for loaded certificates, with the hooks profiles layer on.

    ``end_entity_check`` runs once per path, given the path, to check the end-entity
    certificate (a profile lives there); it may return facts to keep with the path (the JPKI
    layer returns the decoded identity);
    ``chain_check`` runs once per path after the validity check. Their success is cached with
    the path under ``cache_tag``, so different checks must use different tags. Returns the path
    and the facts.
    """
    # Fast path: the very same certificate object as last time (the entry keeps it alive, so
    # its id cannot be reused). Otherwise look up by content (certificates hash by DER).
    fast_key = ("same-object", cache_tag, min_rsa_bits, id(end_entity))
    hit = trust.cache.get(fast_key) if not intermediates else None
    if isinstance(hit, tuple) and hit[0] is end_entity:
        cached: object = hit[1]
    else:
        key = (cache_tag, min_rsa_bits, end_entity, *intermediates)
        cached = trust.cache.get(key)
    if isinstance(cached, tuple):
        path, facts = cached
        _check_validity(path, at)
    else:
        path = _build(end_entity, trust, intermediates, min_rsa_bits)
        facts = end_entity_check(path) if end_entity_check is not None else None
        _check_validity(path, at)
        if chain_check is not None:
            chain_check(path, at)
        cached = (path, facts)
        trust.cache.put(key, cached)
    if not intermediates and hit is None:
        trust.cache.put(fast_key, (end_entity, cached))
    last = len(path) - 1
    for index in range(last):
        issuer = path[index + 1]
        issuers = [issuer]
        if index + 1 < last:  # key rollover: older certificates of the same CA up the path
            subject = name_key(issuer.subject)
            issuers += [c for c in path[index + 2 :] if name_key(c.subject) == subject]
        check_revocation(
            path[index],
            issuers,
            at=at,
            sources=revocation,
            require=require_revocation,
            position=END_ENTITY if index == 0 else INTERMEDIATE,
        )
    return path, facts
