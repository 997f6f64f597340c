"""A fake JPKI: test roots, My Number cards that sign, CRLs and OCSP responses.

Shaped like the real service (see :mod:`govforms.identity.jpki`): each tree (signature,
user authentication) has several root generations with **one** subject name — the real J-LIS
names — so the verifier must pick the issuer by key, not by name; card certificates are signed
directly by a root, carry the real profile's extensions and the four basic items as
subjectAltName otherNames, and by default the **test-card** policy
(:data:`~govforms.identity.jpki.TEST_SIGNATURE_POLICY`), so they verify only with
``allow_test_cards=True``. Cards sign like the card: RSASSA-PKCS1-v1_5 over a SHA-256
DigestInfo (RFC 8017 §8.2). Wrong PINs lock the signature key after 5 tries and the
authentication key after 3.

Keys come from a pool of pre-generated **test-only** RSA-2048 keys shipped next to this module
(``test_keys_do_not_use.pem``), so building a fake is fast and deterministic for a given
``seed``; when the pool runs out, fresh keys are generated.

>>> import datetime as dt
>>> from govforms.identity import verify_signature
>>> clock = lambda: dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC)
>>> fake = FakeJPKI(clock=clock)
>>> card = fake.issue_card(name="山田　花子", birth_date=dt.date(1990, 4, 1), gender="2",
...                        address="東京都千代田区霞が関2-1-2")
>>> data = b"application"
>>> result = verify_signature(data, card.sign(data, pin="ABC123"), card.signature_certificate,
...                           trust=fake.trust_store(), at=clock(),
...                           revocation=fake.crl_source(), allow_test_cards=True)
>>> result.identity.name, result.test_card
('山田　花子', True)
"""

from __future__ import annotations

import datetime as _dt
import functools
import hmac
import random
import threading
from collections.abc import Callable
from importlib import resources
from typing import Final, Literal

import attrs
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from govforms.errors import IdentityError
from govforms.identity._certs import aware
from govforms.identity._der import encode_explicit_utf8
from govforms.identity.jpki import (
    OID_ADDRESS,
    OID_ADDRESS_SUBSTITUTE,
    OID_BIRTH_DATE,
    OID_GENDER,
    OID_NAME,
    OID_NAME_SUBSTITUTE,
    TEST_SIGNATURE_POLICY,
)
from govforms.identity.path import signed_by
from govforms.identity.revocation import CRLSource, OCSPSource
from govforms.identity.trust import TrustStore

__all__ = [
    "AUTHENTICATION_PIN_TRIES",
    "SIGNATURE_PIN_TRIES",
    "FakeIssuer",
    "FakeJPKI",
    "FakeMyNumberCard",
    "Kind",
    "pool_key",
]

Kind = Literal["signature", "authentication"]
Clock = Callable[[], _dt.datetime]

#: Wrong PIN entries before the signature key locks (署名用パスワード).
SIGNATURE_PIN_TRIES: Final = 5
#: Wrong PIN entries before the user-authentication key locks (利用者証明用パスワード).
AUTHENTICATION_PIN_TRIES: Final = 3

_POOL_FILE: Final = "test_keys_do_not_use.pem"
_PEM_BEGIN: Final = b"-----BEGIN PRIVATE KEY-----"
_YEAR: Final = _dt.timedelta(days=365)

_ROOT_NAMES: Final[dict[str, tuple[str, str]]] = {
    "signature": ("JPKI for digital signature", "公的個人認証サービス署名用"),
    "authentication": ("JPKI for user authentication", "公的個人認証サービス利用者証明用"),
}


@functools.cache
def _pool() -> tuple[bytes, ...]:
    data = resources.files(__package__ or __name__).joinpath(_POOL_FILE).read_bytes()
    return tuple(_PEM_BEGIN + chunk for chunk in data.split(_PEM_BEGIN)[1:])


@functools.lru_cache(maxsize=64)
def pool_key(index: int) -> rsa.RSAPrivateKey:
    """Test key ``index`` of the shipped pool (TEST ONLY: these private keys are public)."""
    pool = _pool()
    key = serialization.load_pem_private_key(pool[index % len(pool)], password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def _root_name(kind: Kind, japanese: bool = False) -> x509.Name:
    english, local = _ROOT_NAMES[kind]
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(
                NameOID.ORGANIZATION_NAME, "公的個人認証サービス" if japanese else "JPKI"
            ),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, local if japanese else english),
            x509.NameAttribute(
                NameOID.ORGANIZATIONAL_UNIT_NAME,
                "地方公共団体情報システム機構"
                if japanese
                else "Japan Agency for Local Authority Information Systems",
            ),
        ]
    )


@attrs.define(frozen=True, slots=True)
class FakeIssuer:
    """One fake root: its certificate and (test-only) private key."""

    kind: Kind
    generation: int
    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey = attrs.field(repr=False)


def _birthday(year: int, birth: _dt.date) -> _dt.date:
    try:
        return birth.replace(year=year)
    except ValueError:  # born 29 February: 28 February in common years
        return _dt.date(year, 2, 28)


def _fifth_birthday_after(issued: _dt.datetime, birth: _dt.date) -> _dt.datetime:
    """JPKI certificates last until the fifth birthday after issue (23:59:59 JST that day)."""
    first = _birthday(issued.year, birth)
    if first <= issued.date():
        first = _birthday(issued.year + 1, birth)
    day = _birthday(first.year + 4, birth)
    return _dt.datetime(day.year, day.month, day.day, 14, 59, 59, tzinfo=_dt.UTC)


class FakeMyNumberCard:
    """A fake card: two certificates and two PIN-protected signing keys.

    :meth:`sign` uses the signature key (署名用, :data:`SIGNATURE_PIN_TRIES` tries);
    :meth:`authenticate` uses the user-authentication key (利用者証明用,
    :data:`AUTHENTICATION_PIN_TRIES` tries). A wrong PIN raises ``identity.pin_incorrect`` with
    the tries left; a locked key raises ``identity.pin_locked`` even for the right PIN.
    """

    def __init__(
        self,
        *,
        signature_certificate: x509.Certificate,
        authentication_certificate: x509.Certificate,
        signature_key: rsa.RSAPrivateKey,
        authentication_key: rsa.RSAPrivateKey,
        signature_pin: str,
        authentication_pin: str,
    ) -> None:
        self.signature_certificate = signature_certificate
        self.authentication_certificate = authentication_certificate
        self._keys = {"signature": signature_key, "authentication": authentication_key}
        self._pins = {"signature": signature_pin, "authentication": authentication_pin}
        self._tries = {"signature": SIGNATURE_PIN_TRIES, "authentication": AUTHENTICATION_PIN_TRIES}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"FakeMyNumberCard(serial={self.signature_certificate.serial_number:x})"

    def tries_left(self, kind: Kind = "signature") -> int:
        return self._tries[kind]

    def _use(self, kind: Kind, pin: str, data: bytes) -> bytes:
        with self._lock:
            if self._tries[kind] == 0:
                raise IdentityError("identity.pin_locked", kind=kind)
            if not hmac.compare_digest(pin.encode(), self._pins[kind].encode()):
                self._tries[kind] -= 1
                if self._tries[kind] == 0:
                    raise IdentityError("identity.pin_locked", kind=kind)
                raise IdentityError(
                    "identity.pin_incorrect", kind=kind, remaining=self._tries[kind]
                )
            limit = SIGNATURE_PIN_TRIES if kind == "signature" else AUTHENTICATION_PIN_TRIES
            self._tries[kind] = limit
        return self._keys[kind].sign(data, padding.PKCS1v15(), hashes.SHA256())

    def sign(self, data: bytes, *, pin: str) -> bytes:
        """Sign ``data`` with the signature key: PKCS#1 v1.5 over a SHA-256 DigestInfo."""
        return self._use("signature", pin, bytes(data))

    def authenticate(self, challenge: bytes, *, pin: str) -> bytes:
        """Sign a login ``challenge`` with the user-authentication key."""
        return self._use("authentication", pin, bytes(challenge))


class FakeJPKI:
    """A fake J-LIS: root generations, card issuance, revocation, CRLs and OCSP responses.

    ``clock`` gives "now" (aware; default: the real UTC time); ``seed`` makes keys and serial
    numbers reproducible. Roots of ``generations`` generations are created per tree, the newest
    valid from ``clock()`` minus a day and each older one four years earlier; all are valid for
    ten years.
    """

    def __init__(self, *, clock: Clock | None = None, seed: int = 0, generations: int = 3) -> None:
        self._clock: Clock = clock or (lambda: _dt.datetime.now(_dt.UTC))
        self._random = random.Random(seed)  # noqa: S311 - serial numbers of test certificates
        self._next_key = (seed * 11) % len(_pool())
        self._keys_drawn = 0
        self._revoked: dict[Kind, dict[int, tuple[_dt.datetime, x509.ReasonFlags]]] = {
            "signature": {},
            "authentication": {},
        }
        self._stores: dict[Kind, TrustStore] = {}
        now = aware(self._clock())
        self.issuers: dict[Kind, tuple[FakeIssuer, ...]] = {}
        for kind in ("signature", "authentication"):
            roots = []
            for generation in range(generations):
                start = now - _dt.timedelta(days=1) - (generations - 1 - generation) * 4 * _YEAR
                roots.append(self._make_root(kind, generation, start))
            self.issuers[kind] = tuple(roots)

    # -- keys and roots -------------------------------------------------------------------
    def _key(self) -> rsa.RSAPrivateKey:
        if self._keys_drawn < len(_pool()):
            key = pool_key(self._next_key)
            self._next_key += 1
        else:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._keys_drawn += 1
        return key

    def _serial(self) -> int:
        return self._random.getrandbits(63) | 1 << 32

    def _make_root(self, kind: Kind, generation: int, start: _dt.datetime) -> FakeIssuer:
        key = self._key()
        name = _root_name(kind)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(self._serial())
            .not_valid_before(start)
            .not_valid_after(start + 10 * _YEAR)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
            )
            .add_extension(
                x509.SubjectAlternativeName([x509.DirectoryName(_root_name(kind, True))]), False
            )
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .add_extension(
                x509.CRLDistributionPoints(
                    [x509.DistributionPoint([x509.DirectoryName(name)], None, None, None)]
                ),
                False,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .sign(key, hashes.SHA256())
        )
        return FakeIssuer(kind, generation, certificate, key)

    def issuer(self, kind: Kind = "signature", generation: int = -1) -> FakeIssuer:
        """A fake root (newest generation by default), with its test private key."""
        return self.issuers[kind][generation]

    def trust_store(self, kind: Kind = "signature") -> TrustStore:
        """The :class:`TrustStore` of this fake's roots of one tree (every generation); the
        same store (and verification cache) is returned on every call."""
        store = self._stores.get(kind)
        if store is None:
            store = TrustStore.from_certificates(i.certificate for i in self.issuers[kind])
            self._stores[kind] = store
        return store

    # -- cards ------------------------------------------------------------------------------
    def _card_certificate(
        self,
        kind: Kind,
        issuer: FakeIssuer,
        key: rsa.RSAPrivateKey,
        not_before: _dt.datetime,
        not_after: _dt.datetime,
        extensions: list[tuple[x509.ExtensionType, bool]],
    ) -> x509.Certificate:
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                x509.NameAttribute(NameOID.COMMON_NAME, f"TEST{self._random.getrandbits(48):012X}"),
            ]
        )
        usage = (
            x509.KeyUsage(True, True, False, False, False, False, False, False, False)
            if kind == "signature"
            else x509.KeyUsage(True, False, False, False, False, False, False, False, False)
        )
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer.certificate.subject)
            .public_key(key.public_key())
            .serial_number(self._serial())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(usage, True)
            .add_extension(
                x509.IssuerAlternativeName([x509.DirectoryName(_root_name(kind, True))]), False
            )
            .add_extension(
                x509.CRLDistributionPoints(
                    [
                        x509.DistributionPoint(
                            [x509.DirectoryName(issuer.certificate.subject)], None, None, None
                        )
                    ]
                ),
                False,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.private_key.public_key()),
                False,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        )
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical)
        return builder.sign(issuer.private_key, hashes.SHA256())

    def issue_card(
        self,
        *,
        name: str = "試験　太郎",
        birth_date: _dt.date = _dt.date(1980, 1, 1),
        gender: str = "1",
        address: str = "東京都千代田区霞が関2-1-2",
        birth_era: int = 4,
        name_substitute: str | None = None,
        address_substitute: str | None = None,
        policy: str = TEST_SIGNATURE_POLICY,
        generation: int = -1,
        not_before: _dt.datetime | None = None,
        not_after: _dt.datetime | None = None,
        signature_pin: str = "ABC123",
        authentication_pin: str = "1234",
    ) -> FakeMyNumberCard:
        """Issue a card: a signature certificate with the four basic items, and an
        authentication certificate without personal data, both from generation ``generation``.

        Validity runs from ``not_before`` (default: now) to ``not_after`` (default: the fifth
        birthday after issue, 23:59:59 JST). ``birth_era`` is the era digit written before the
        Gregorian birth date (``EYYYYMMDD``).
        """
        start = aware(not_before) if not_before is not None else aware(self._clock())
        end = (
            aware(not_after) if not_after is not None else _fifth_birthday_after(start, birth_date)
        )
        items = [
            (OID_NAME, name),
            (OID_NAME_SUBSTITUTE, name_substitute),
            (OID_GENDER, gender),
            (OID_BIRTH_DATE, f"{birth_era}{birth_date:%Y%m%d}"),
            (OID_ADDRESS, address),
            (OID_ADDRESS_SUBSTITUTE, address_substitute),
        ]
        san = x509.SubjectAlternativeName(
            [x509.OtherName(oid, encode_explicit_utf8(v)) for oid, v in items if v is not None]
        )
        policies = x509.CertificatePolicies(
            [x509.PolicyInformation(x509.ObjectIdentifier(policy), None)]
        )
        signature_key, authentication_key = self._key(), self._key()
        signature_certificate = self._card_certificate(
            "signature",
            self.issuer("signature", generation),
            signature_key,
            start,
            end,
            [(san, False), (policies, True)],
        )
        authentication_certificate = self._card_certificate(
            "authentication",
            self.issuer("authentication", generation),
            authentication_key,
            start,
            end,
            [],
        )
        return FakeMyNumberCard(
            signature_certificate=signature_certificate,
            authentication_certificate=authentication_certificate,
            signature_key=signature_key,
            authentication_key=authentication_key,
            signature_pin=signature_pin,
            authentication_pin=authentication_pin,
        )

    # -- revocation ------------------------------------------------------------------------
    def revoke(
        self,
        card: FakeMyNumberCard,
        reason: x509.ReasonFlags | str = x509.ReasonFlags.affiliation_changed,
        *,
        kind: Kind = "signature",
        at: _dt.datetime | None = None,
    ) -> None:
        """Revoke one of the card's certificates (``affiliationChanged`` by default, as when one
        of the four basic items changes) at ``at`` (default: now)."""
        flag = reason if isinstance(reason, x509.ReasonFlags) else x509.ReasonFlags(reason)
        certificate = (
            card.signature_certificate if kind == "signature" else card.authentication_certificate
        )
        when = aware(at) if at is not None else aware(self._clock())
        self._revoked[kind][certificate.serial_number] = (when, flag)

    def crl(
        self,
        *,
        at: _dt.datetime | None = None,
        kind: Kind = "signature",
        generation: int = -1,
        next_update: _dt.timedelta = _dt.timedelta(days=1),
    ) -> bytes:
        """A DER CRL issued at ``at`` by one root, listing the certificates revoked by then."""
        when = aware(at) if at is not None else aware(self._clock())
        issuer = self.issuer(kind, generation)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(issuer.certificate.subject)
            .last_update(when)
            .next_update(when + next_update)
            .add_extension(x509.CRLNumber(int(when.timestamp())), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.private_key.public_key()),
                False,
            )
        )
        for serial, (revoked_at, reason) in sorted(self._revoked[kind].items()):
            if revoked_at > when:
                continue
            entry = (
                x509.RevokedCertificateBuilder()
                .serial_number(serial)
                .revocation_date(revoked_at)
                .add_extension(x509.CRLReason(reason), False)
                .build()
            )
            builder = builder.add_revoked_certificate(entry)
        crl = builder.sign(issuer.private_key, hashes.SHA256())
        return crl.public_bytes(serialization.Encoding.DER)

    def crl_source(self, *, at: _dt.datetime | None = None, kind: Kind = "signature") -> CRLSource:
        """A :class:`CRLSource` with the current CRL of every generation of one tree."""
        return CRLSource(
            self.crl(at=at, kind=kind, generation=g) for g in range(len(self.issuers[kind]))
        )

    def ocsp_response(
        self,
        card: FakeMyNumberCard,
        *,
        at: _dt.datetime | None = None,
        kind: Kind = "signature",
        next_update: _dt.timedelta | None = _dt.timedelta(hours=1),
        delegated: bool = False,
    ) -> bytes:
        """A DER OCSP response about one of the card's certificates, as of ``at``, signed by
        the issuing root or (``delegated=True``) by a responder certificate with
        id-kp-OCSPSigning that the root issued (RFC 6960 §4.2.2.2)."""
        when = aware(at) if at is not None else aware(self._clock())
        certificate = (
            card.signature_certificate if kind == "signature" else card.authentication_certificate
        )
        issuer = next(i for i in self.issuers[kind] if _signed_by(certificate, i.certificate))
        revoked = self._revoked[kind].get(certificate.serial_number)
        if revoked is not None and revoked[0] <= when:
            status, revoked_at, reason = ocsp.OCSPCertStatus.REVOKED, revoked[0], revoked[1]
        else:
            status, revoked_at, reason = ocsp.OCSPCertStatus.GOOD, None, None
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=certificate,
            issuer=issuer.certificate,
            algorithm=hashes.SHA256(),
            cert_status=status,
            this_update=when,
            next_update=when + next_update if next_update is not None else None,
            revocation_time=revoked_at,
            revocation_reason=reason,
        )
        signer_certificate, signer_key = issuer.certificate, issuer.private_key
        if delegated:
            signer_key = self._key()
            signer_certificate = (
                x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TEST OCSP")]))
                .issuer_name(issuer.certificate.subject)
                .public_key(signer_key.public_key())
                .serial_number(self._serial())
                .not_valid_before(when - _dt.timedelta(days=1))
                .not_valid_after(when + _dt.timedelta(days=30))
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), False)
                .sign(issuer.private_key, hashes.SHA256())
            )
            builder = builder.certificates([signer_certificate])
        response = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, signer_certificate).sign(
            signer_key, hashes.SHA256()
        )
        return response.public_bytes(serialization.Encoding.DER)

    def ocsp_source(self, *cards: FakeMyNumberCard, at: _dt.datetime | None = None) -> OCSPSource:
        """An :class:`OCSPSource` with a fresh response for each card's signature certificate."""
        return OCSPSource(self.ocsp_response(card, at=at) for card in cards)


def _signed_by(child: x509.Certificate, issuer: x509.Certificate) -> bool:
    return child.issuer == issuer.subject and signed_by(child, issuer)
