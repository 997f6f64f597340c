"""Loading certificates safely and the small X.509 helpers the verifier shares.

Private: :func:`load_certificate` turns DER bytes, PEM bytes/text or a ``cryptography``
certificate into a certificate, and every failure (garbage, a negative serial number, an
unparsable extension) into ``identity.certificate_malformed``. Names are compared as RFC 5280
§7.1 asks (RFC 4518 string preparation, simplified to case folding and whitespace folding).
"""

from __future__ import annotations

import base64
import datetime as _dt
from typing import Final, TypeVar

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import SignatureAlgorithmOID

from govforms.errors import ConfigurationError, IdentityError
from govforms.identity._der import DERError, read_tlv

__all__ = [
    "RSA_SIGNATURE_ALGORITHMS",
    "aware",
    "extension_value",
    "fingerprint",
    "iso",
    "load_certificate",
    "name_key",
    "rsa_signature_valid",
    "signature_algorithms_agree",
    "signature_has_no_unused_bits",
]

#: Signature algorithms accepted on certificates, CRLs and OCSP responses: RSA PKCS#1 v1.5
#: with SHA-2 (RFC 8017 §8.2; RFC 4055 §5).
RSA_SIGNATURE_ALGORITHMS: Final = frozenset(
    {
        SignatureAlgorithmOID.RSA_WITH_SHA256,
        SignatureAlgorithmOID.RSA_WITH_SHA384,
        SignatureAlgorithmOID.RSA_WITH_SHA512,
    }
)

_E = TypeVar("_E", bound=x509.ExtensionType)

_PEM_MARKER: Final = b"-----BEGIN"
_PEM_BEGIN: Final = b"-----BEGIN CERTIFICATE-----"
_PEM_END: Final = b"-----END CERTIFICATE-----"
_MAX_INPUT: Final = 1 << 20


def _malformed(part: str) -> IdentityError:
    return IdentityError("identity.certificate_malformed", part=part)


def _pem_to_der(data: bytes) -> bytes:
    begin = data.find(_PEM_BEGIN)
    end = data.find(_PEM_END, begin + 1)
    if begin < 0 or end < 0:
        raise ValueError("no PEM certificate")
    body = b"".join(data[begin + len(_PEM_BEGIN) : end].split())
    return base64.b64decode(body, validate=True)


def _serial_is_positive(der: bytes) -> bool:
    """RFC 5280 §4.1.2.2 — read the serial INTEGER from the DER before ``cryptography`` does
    (it warns about non-positive serials; govforms rejects them without touching warnings)."""
    _, certificate, _ = read_tlv(der)
    _, tbs, _ = read_tlv(certificate)
    tag, value, offset = read_tlv(tbs)
    if tag == 0xA0:  # [0] EXPLICIT version
        tag, value, _ = read_tlv(tbs, offset)
    if tag != 0x02 or not value:
        return False
    return value[0] < 0x80 and any(value)


def _parse(value: object, part: str) -> x509.Certificate:
    if isinstance(value, x509.Certificate):
        return value
    if isinstance(value, str):
        try:
            data = value.encode("ascii")
        except UnicodeEncodeError:
            raise _malformed(part) from None
    elif isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
    else:
        raise _malformed(part)
    if not data or len(data) > _MAX_INPUT:
        raise _malformed(part)
    if data.lstrip().startswith(_PEM_MARKER):
        data = _pem_to_der(data)
    if not _serial_is_positive(data):
        raise _malformed(part)
    return x509.load_der_x509_certificate(data)


def load_certificate(value: object, *, part: str = "certificate") -> x509.Certificate:
    """A ``cryptography`` certificate from DER, PEM (bytes or text) or a certificate object.

    The certificate's extensions are parsed here, so a certificate that loads is one whose
    extensions can be read later without surprises. RFC 5280 §4.1.2.2 requires a positive serial
    number: govforms rejects others (``identity.certificate_malformed``).
    """
    try:
        certificate = _parse(value, part)
        if certificate.serial_number <= 0:
            raise _malformed(part)
        # cryptography parses some fields lazily: touch every one the verifier reads.
        _ = certificate.extensions, certificate.issuer, certificate.subject
        _ = certificate.not_valid_before_utc, certificate.not_valid_after_utc
        _ = certificate.signature_algorithm_oid, certificate.public_key_algorithm_oid
    except IdentityError:
        raise
    except Exception:  # DuplicateExtension, UnsupportedGeneralNameType, ValueError, DERError...
        raise _malformed(part) from None
    if certificate.version is not x509.Version.v3:
        raise _malformed("version")
    return certificate


def extension_value(certificate: x509.Certificate, kind: type[_E]) -> _E | None:
    """The value of ``certificate``'s extension of class ``kind``, ``None`` when absent.

    Certificates given to the verifier came through :func:`load_certificate`, which has parsed
    every extension already."""
    try:
        value = certificate.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None
    return value if isinstance(value, kind) else None


def fingerprint(certificate: x509.Certificate) -> bytes:
    """SHA-256 over the DER encoding of the certificate."""
    return certificate.fingerprint(hashes.SHA256())


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def name_key(name: x509.Name) -> tuple[tuple[tuple[str, str | bytes], ...], ...]:
    """A comparable key for an X.500 name (RFC 5280 §7.1).

    RDNs keep their order; attribute values of string type are compared after folding case and
    runs of white space (the parts of RFC 4518 preparation that PKITS §4.3 exercises).
    """
    rdns: list[tuple[tuple[str, str | bytes], ...]] = []
    for rdn in name.rdns:
        attrs_: list[tuple[str, str | bytes]] = []
        for attribute in rdn:
            value = attribute.value
            folded: str | bytes = _fold(value) if isinstance(value, str) else bytes(value)
            attrs_.append((attribute.oid.dotted_string, folded))
        rdns.append(tuple(sorted(attrs_, key=repr)))
    return tuple(rdns)


def aware(at: _dt.datetime | None) -> _dt.datetime:
    """``at`` as an aware UTC datetime (now when ``None``); a naive datetime is a host bug, and
    so is one whose UTC instant is outside years 1-9999 (``identity.time_out_of_range``:
    ``datetime.min`` with a positive offset would otherwise raise an uncoded OverflowError)."""
    if at is None:
        return _dt.datetime.now(_dt.UTC)
    if not isinstance(at, _dt.datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise ConfigurationError("identity.naive_time")
    try:
        return at.astimezone(_dt.UTC)
    except OverflowError:
        raise ConfigurationError("identity.time_out_of_range") from None


def signature_algorithms_agree(certificate: x509.Certificate) -> bool:
    """RFC 5280 §4.1.1.2/§4.1.2.3: ``tbsCertificate.signature`` MUST be the same algorithm
    identifier as the outer ``signatureAlgorithm`` (compared as DER)."""
    try:
        _, outer, _ = read_tlv(certificate.public_bytes(serialization.Encoding.DER))
        _, _, offset = read_tlv(outer)  # tbsCertificate
        outer_algorithm = outer[offset : read_tlv(outer, offset)[2]]
        _, tbs, _ = read_tlv(certificate.tbs_certificate_bytes)
        tag, _, offset = read_tlv(tbs)
        if tag == 0xA0:  # [0] EXPLICIT version
            _, _, offset = read_tlv(tbs, offset)  # serialNumber
        inner_algorithm = tbs[offset : read_tlv(tbs, offset)[2]]
    except DERError:
        return False
    return inner_algorithm == outer_algorithm


def rsa_signature_valid(
    key: object, signature: bytes, data: bytes, hash_algorithm: hashes.HashAlgorithm | None
) -> bool:
    """Whether RSA ``key`` verifies the PKCS#1 v1.5 ``signature`` over ``data`` (RFC 8017
    §8.2.2); ``False`` for a key that is not RSA or a missing hash algorithm. Shared by the
    path validator (certificate signatures) and the OCSP source (responses and delegated
    responder certificates)."""
    if not isinstance(key, rsa.RSAPublicKey) or hash_algorithm is None:
        return False
    try:
        key.verify(signature, data, padding.PKCS1v15(), hash_algorithm)
    except InvalidSignature:
        return False
    return True


def signature_has_no_unused_bits(certificate: x509.Certificate) -> bool:
    """RFC 5280 §4.1.1.3 with RFC 8017 §8.2: an RSA ``signatureValue`` is an octet string, so
    its BIT STRING has no unused bits (``cryptography`` does not check the count)."""
    try:
        _, outer, _ = read_tlv(certificate.public_bytes(serialization.Encoding.DER))
        _, _, offset = read_tlv(outer)  # tbsCertificate
        _, _, offset = read_tlv(outer, offset)  # signatureAlgorithm
        tag, value, _ = read_tlv(outer, offset)  # signatureValue
    except DERError:
        return False
    return tag == 0x03 and value[:1] == b"\x00"


def iso(moment: _dt.datetime) -> str:
    """ISO 8601 in UTC with a ``Z``, for error params."""
    return moment.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
