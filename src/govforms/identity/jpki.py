"""The JPKI (公的個人認証サービス) certificate profile: policy OIDs and the four basic items.

Facts implemented here (see ``docs/identity-plugins.md`` for their sources):

* Card certificates are signed directly by a self-signed J-LIS root (no intermediates); roots
  of several generations share one subject name.
* Keys are RSA-2048 (e = 65537); certificates are signed with sha256WithRSAEncryption; the card
  signs a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017 §8.2, §9.2).
* The signature certificate (署名用電子証明書) has a critical keyUsage with digitalSignature and
  nonRepudiation, and a **critical** certificatePolicies naming
  :data:`SIGNATURE_POLICY` (test cards: :data:`TEST_SIGNATURE_POLICY`).
* The four basic items (基本4情報) are subjectAltName ``otherName`` s (RFC 5280 §4.2.1.6), each
  ``[0] EXPLICIT UTF8String``: :data:`OID_NAME` (family and given name separated by U+3000),
  :data:`OID_NAME_SUBSTITUTE` (substitute-character flags of the name), :data:`OID_GENDER`
  (``"1"`` male, ``"2"`` female; other values exist), :data:`OID_BIRTH_DATE` (``EYYYYMMDD``:
  an era digit, then a **Gregorian** date), :data:`OID_ADDRESS` and
  :data:`OID_ADDRESS_SUBSTITUTE`.

The four basic items are personal data: :class:`JPKIIdentity` masks them in ``repr``.

>>> parse_birth_date("419800101")
datetime.date(1980, 1, 1)
>>> parse_birth_date("4198013")
Traceback (most recent call last):
...
govforms.errors.IdentityError: [identity.certificate_malformed] ...
"""

from __future__ import annotations

import datetime as _dt
from typing import Final

import attrs
from cryptography import x509
from cryptography.x509.oid import ObjectIdentifier

from govforms.errors import IdentityError
from govforms.identity._der import DERError, decode_explicit_utf8

__all__ = [
    "BASIC_ITEM_OIDS",
    "OID_ADDRESS",
    "OID_ADDRESS_SUBSTITUTE",
    "OID_BIRTH_DATE",
    "OID_GENDER",
    "OID_NAME",
    "OID_NAME_SUBSTITUTE",
    "SIGNATURE_POLICY",
    "TEST_SIGNATURE_POLICY",
    "JPKIIdentity",
    "identity_from_certificate",
    "parse_birth_date",
]

#: certificatePolicies OID of production JPKI signature certificates.
SIGNATURE_POLICY: Final = "1.2.392.200149.8.5.1.1.20"
#: certificatePolicies OID of JPKI *test-card* signature certificates.
TEST_SIGNATURE_POLICY: Final = "1.2.392.200149.8.5.1.0.20"

OID_NAME: Final = ObjectIdentifier("1.2.392.200149.8.5.5.1")
OID_NAME_SUBSTITUTE: Final = ObjectIdentifier("1.2.392.200149.8.5.5.2")
OID_GENDER: Final = ObjectIdentifier("1.2.392.200149.8.5.5.3")
OID_BIRTH_DATE: Final = ObjectIdentifier("1.2.392.200149.8.5.5.4")
OID_ADDRESS: Final = ObjectIdentifier("1.2.392.200149.8.5.5.5")
OID_ADDRESS_SUBSTITUTE: Final = ObjectIdentifier("1.2.392.200149.8.5.5.6")

#: The six otherName type ids, in profile order.
BASIC_ITEM_OIDS: Final = (
    OID_NAME,
    OID_NAME_SUBSTITUTE,
    OID_GENDER,
    OID_BIRTH_DATE,
    OID_ADDRESS,
    OID_ADDRESS_SUBSTITUTE,
)

_MASK: Final = "'***'"


def _malformed(part: str) -> IdentityError:
    return IdentityError("identity.certificate_malformed", part=part)


def parse_birth_date(value: str) -> _dt.date:
    """Decode the JPKI ``EYYYYMMDD`` birth date: an era digit, then a Gregorian date.

    The era digit is kept by :class:`JPKIIdentity` (``birth_era``) but not needed for the date:
    the JPKI profile writes the year in the Gregorian calendar.
    """
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        raise _malformed("birth_date")
    try:
        return _dt.date(int(value[1:5]), int(value[5:7]), int(value[7:9]))
    except ValueError:
        raise _malformed("birth_date") from None


@attrs.define(frozen=True, slots=True, repr=False)
class JPKIIdentity:
    """Who signed: the four basic items (基本4情報) of a JPKI signature certificate.

    ``name``, ``birth_date`` and ``address`` are personal data: they are readable attributes,
    but ``repr`` masks them so that they do not end up in logs by accident. ``gender`` is the
    profile's code (``"1"`` male, ``"2"`` female; other values exist). The substitute-character
    flags (代替文字フラグ) are returned as they appear in the certificate (``None`` if absent):
    they tell whether the registry used substitute characters for characters outside the card's
    repertoire; govforms does not interpret them.
    """

    name: str
    birth_date: _dt.date
    gender: str
    address: str
    birth_era: int
    name_substitute: str | None = None
    address_substitute: str | None = None

    def __repr__(self) -> str:
        return (
            f"JPKIIdentity(name={_MASK}, birth_date={_MASK}, gender={_MASK}, "
            f"address={_MASK}, name_substitute={self.name_substitute!r}, "
            f"address_substitute={self.address_substitute!r})"
        )


def _other_names(certificate: x509.Certificate) -> dict[str, str]:
    try:
        ext = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        raise _malformed("subject_alt_name") from None
    except ValueError:
        raise _malformed("extensions") from None
    wanted = {oid.dotted_string for oid in BASIC_ITEM_OIDS}
    found: dict[str, str] = {}
    for other in ext.value.get_values_for_type(x509.OtherName):
        oid = other.type_id.dotted_string
        if oid not in wanted:
            continue
        if oid in found:
            raise _malformed("subject_alt_name")
        try:
            found[oid] = decode_explicit_utf8(other.value)
        except DERError:
            raise _malformed("subject_alt_name") from None
    return found


def identity_from_certificate(certificate: x509.Certificate) -> JPKIIdentity:
    """Decode the four basic items from a signature certificate's subjectAltName.

    Raises ``identity.certificate_malformed`` (``part`` names what is wrong) when an item is
    missing, duplicated or not ``[0] EXPLICIT UTF8String``. Does not verify anything: call
    :func:`govforms.identity.verify_signature` for that.
    """
    items = _other_names(certificate)
    for oid, part in (
        (OID_NAME, "name"),
        (OID_GENDER, "gender"),
        (OID_BIRTH_DATE, "birth_date"),
        (OID_ADDRESS, "address"),
    ):
        if oid.dotted_string not in items:
            raise _malformed(part)
    birth = items[OID_BIRTH_DATE.dotted_string]
    return JPKIIdentity(
        name=items[OID_NAME.dotted_string],
        birth_date=parse_birth_date(birth),
        gender=items[OID_GENDER.dotted_string],
        address=items[OID_ADDRESS.dotted_string],
        birth_era=int(birth[0]),
        name_substitute=items.get(OID_NAME_SUBSTITUTE.dotted_string),
        address_substitute=items.get(OID_ADDRESS_SUBSTITUTE.dotted_string),
    )
