"""Trust anchors: the real J-LIS roots shipped with govforms, or any roots a host supplies.

RFC 5280 §6.1.1(d) describes a trust anchor as a name and a public key; govforms keeps the whole
self-signed certificate so that its validity period and key size can be checked too. JPKI roots
of different generations share one subject name (see ``roots/README.md``), so a
:class:`TrustStore` never picks an issuer by name alone: candidates with the right name are
ordered by key identifier (RFC 5280 §4.2.1.1/§4.2.1.2) and the one whose key verifies the
signature wins (see :mod:`govforms.identity.path`).

A store also owns the verification cache: which (certificate, issuer) pairs have already passed
the signature and structure checks. The cache holds only public data (certificates), is
bounded, and is safe to share between threads.

>>> store = TrustStore.jpki_signature()
>>> len(store)
3
>>> sorted({a.not_valid_before_utc.year for a in store})
[2015, 2019, 2023]
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator
from importlib import resources
from typing import Final

from cryptography import x509

from govforms.errors import IdentityError
from govforms.identity._certs import fingerprint, load_certificate, name_key

__all__ = ["JPKI_AUTHENTICATION_ROOTS", "JPKI_SIGNATURE_ROOTS", "TrustStore", "VerificationCache"]

#: Root files shipped in ``govforms/identity/roots`` for the signature tree (署名用).
JPKI_SIGNATURE_ROOTS: Final = (
    "jpki-sign-ca-2015.pem",
    "jpki-sign-ca-2019.pem",
    "jpki-sign-ca-2023.pem",
)
#: Root files for the user-authentication tree (利用者証明用); the 2019 root is not shipped yet.
JPKI_AUTHENTICATION_ROOTS: Final = ("jpki-auth-ca-2015.pem", "jpki-auth-ca-2023.pem")

_CACHE_SIZE: Final = 4096


class VerificationCache:
    """A bounded, thread-safe map of facts already checked.

    Keys are tuples of tags and ``cryptography`` certificates (which hash and compare by their
    DER encoding), so an entry is only ever found for the very same certificates.

    Only *successful* checks are remembered: a failure is recomputed (and re-reported) every
    time. Least recently added entries are dropped first.
    """

    __slots__ = ("_items", "_lock", "_size")

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self._items: OrderedDict[tuple[Hashable, ...], object] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: tuple[Hashable, ...]) -> object | None:
        return self._items.get(key)

    def put(self, key: tuple[Hashable, ...], value: object) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


def _read_root(filename: str) -> bytes:
    return resources.files("govforms.identity").joinpath("roots", filename).read_bytes()


class TrustStore:
    """A set of trust anchors (self-signed root certificates) plus a verification cache.

    Build one with :meth:`jpki_signature`, :meth:`jpki_authentication`, :meth:`from_pem` or
    :meth:`from_certificates`; create it once per process and reuse it (the cache lives here).
    """

    __slots__ = ("_anchors", "_by_der_name", "_by_name", "cache")

    def __init__(self, anchors: Iterable[x509.Certificate]) -> None:
        loaded = tuple(load_certificate(a, part="trust_anchor") for a in anchors)
        if not loaded:
            raise IdentityError("identity.certificate_malformed", part="trust_anchor")
        unique: dict[bytes, x509.Certificate] = {}
        for anchor in loaded:
            unique.setdefault(fingerprint(anchor), anchor)
        self._anchors = tuple(unique.values())
        self._by_der_name: dict[bytes, list[x509.Certificate]] = {}
        self._by_name: dict[object, list[x509.Certificate]] = {}
        for anchor in self._anchors:
            self._by_der_name.setdefault(anchor.subject.public_bytes(), []).append(anchor)
            self._by_name.setdefault(name_key(anchor.subject), []).append(anchor)
        self.cache = VerificationCache()

    @classmethod
    def from_certificates(cls, certificates: Iterable[object]) -> TrustStore:
        """A store of the given certificates (DER, PEM or ``cryptography`` objects)."""
        return cls(load_certificate(c, part="trust_anchor") for c in certificates)

    @classmethod
    def from_pem(cls, data: bytes | str) -> TrustStore:
        """A store of every PEM certificate in ``data``."""
        if isinstance(data, str):
            try:
                data = data.encode("ascii")
            except UnicodeEncodeError:
                raise IdentityError("identity.certificate_malformed", part="trust_anchor") from None
        if not isinstance(data, bytes):
            raise IdentityError("identity.certificate_malformed", part="trust_anchor")
        try:
            certificates = x509.load_pem_x509_certificates(data)
        except (ValueError, TypeError):
            raise IdentityError("identity.certificate_malformed", part="trust_anchor") from None
        return cls(certificates)

    @classmethod
    def jpki_signature(cls) -> TrustStore:
        """The J-LIS roots for signature certificates (署名用), every generation shipped."""
        return cls.from_pem(b"".join(_read_root(name) for name in JPKI_SIGNATURE_ROOTS))

    @classmethod
    def jpki_authentication(cls) -> TrustStore:
        """The J-LIS roots for user-authentication certificates (利用者証明用)."""
        return cls.from_pem(b"".join(_read_root(name) for name in JPKI_AUTHENTICATION_ROOTS))

    @property
    def anchors(self) -> tuple[x509.Certificate, ...]:
        return self._anchors

    def candidates(self, issuer: x509.Name) -> list[x509.Certificate]:
        """Anchors whose subject matches ``issuer`` (RFC 5280 §7.1), in store order."""
        found = self._by_der_name.get(issuer.public_bytes())
        if found is not None:
            return found
        return self._by_name.get(name_key(issuer), [])

    def __iter__(self) -> Iterator[x509.Certificate]:
        return iter(self._anchors)

    def __len__(self) -> int:
        return len(self._anchors)

    def __contains__(self, certificate: object) -> bool:
        if not isinstance(certificate, x509.Certificate):
            return False
        return any(fingerprint(certificate) == fingerprint(a) for a in self._anchors)

    def __repr__(self) -> str:
        return f"TrustStore({len(self._anchors)} anchors)"
