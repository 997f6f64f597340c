"""Builders for offending certificates: each test changes one thing in a good card certificate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from cryptography.x509.oid import NameOID

from govforms.identity._der import encode_explicit_utf8, read_tlv
from govforms.identity.jpki import (
    OID_ADDRESS,
    OID_BIRTH_DATE,
    OID_GENDER,
    OID_NAME,
    TEST_SIGNATURE_POLICY,
)
from govforms.identity.testing import FakeIssuer, pool_key

NOW = dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC)
SHA256 = hashes.SHA256()

SIGNING_USAGE = x509.KeyUsage(True, True, False, False, False, False, False, False, False)


def clock() -> dt.datetime:
    return NOW


def basic_items(
    *,
    name: str = "試験　花子",
    birth: str = "419900401",
    gender: str = "2",
    address: str = "東京都千代田区霞が関2-1-2",
) -> x509.SubjectAlternativeName:
    return x509.SubjectAlternativeName(
        [
            x509.OtherName(OID_NAME, encode_explicit_utf8(name)),
            x509.OtherName(OID_GENDER, encode_explicit_utf8(gender)),
            x509.OtherName(OID_BIRTH_DATE, encode_explicit_utf8(birth)),
            x509.OtherName(OID_ADDRESS, encode_explicit_utf8(address)),
        ]
    )


def policies(oid: str = TEST_SIGNATURE_POLICY) -> x509.CertificatePolicies:
    return x509.CertificatePolicies([x509.PolicyInformation(x509.ObjectIdentifier(oid), None)])


DEFAULT = object()


def card_certificate(
    issuer: FakeIssuer,
    *,
    key: rsa.RSAPrivateKey | None = None,
    public_key: object = None,
    not_before: dt.datetime = NOW - dt.timedelta(days=1),
    not_after: dt.datetime = NOW + dt.timedelta(days=365),
    usage: x509.KeyUsage | None = SIGNING_USAGE,
    usage_critical: bool = True,
    policy: x509.CertificatePolicies | None = None,
    policy_critical: bool = True,
    san: x509.SubjectAlternativeName | object | None = DEFAULT,
    extra: Sequence[tuple[x509.ExtensionType, bool]] = (),
    hash_algorithm: hashes.HashAlgorithm = SHA256,
    signer: CertificateIssuerPrivateKeyTypes | None = None,
    serial: int = 0x1234567,
    rsa_padding: padding.PSS | None = None,
    key_identifier: bool = True,
) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """A signature certificate like the fake's, with exactly the changes asked for."""
    subject_key = key if key is not None else pool_key(30)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TEST CARD")]))
        .issuer_name(issuer.certificate.subject)
        .public_key(public_key if public_key is not None else subject_key.public_key())  # type: ignore[arg-type]
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )
    if key_identifier:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.private_key.public_key()),
            False,
        )
    if usage is not None:
        builder = builder.add_extension(usage, usage_critical)
    if policy is not None or policy_critical:
        builder = builder.add_extension(policy or policies(), policy_critical)
    if san is DEFAULT:
        san = basic_items()
    if isinstance(san, x509.SubjectAlternativeName):
        builder = builder.add_extension(san, False)
    for extension, critical in extra:
        builder = builder.add_extension(extension, critical)
    certificate = builder.sign(
        signer or issuer.private_key, hash_algorithm, rsa_padding=rsa_padding
    )
    return certificate, subject_key


# -- DER surgery, for shapes that cryptography's builders refuse to produce --------------------


def der(tag: int, value: bytes) -> bytes:
    """One DER TLV (X.690 §8.1.3: short or minimal long-form length)."""
    if len(value) < 0x80:
        length = bytes([len(value)])
    else:
        body = len(value).to_bytes((len(value).bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(body)]) + body
    return bytes([tag]) + length + value


def elements(data: bytes) -> list[bytes]:
    """The full encodings of the TLVs concatenated in ``data``."""
    found: list[bytes] = []
    offset = 0
    while offset < len(data):
        _, _, end = read_tlv(data, offset)
        found.append(data[offset:end])
        offset = end
    return found


def resign(
    signed: bytes,
    key: rsa.RSAPrivateKey,
    edit: Callable[[list[bytes]], list[bytes]],
    *,
    hash_algorithm: hashes.HashAlgorithm = SHA256,
    algorithm: bytes | None = None,
) -> bytes:
    """Edit the to-be-signed part of a certificate or CRL (both ``SEQUENCE {tbs, algorithm,
    signature}``, RFC 5280 §4.1, §5.1) element by element and sign it again with ``key``; the
    outer signatureAlgorithm is kept unless ``algorithm`` (a full AlgorithmIdentifier TLV) is
    given."""
    tbs, outer, _ = elements(read_tlv(signed)[1])
    algorithm = algorithm or outer
    new_tbs = der(0x30, b"".join(edit(elements(read_tlv(tbs)[1]))))
    signature = key.sign(new_tbs, padding.PKCS1v15(), hash_algorithm)
    return der(0x30, new_tbs + algorithm + der(0x03, b"\x00" + signature))
