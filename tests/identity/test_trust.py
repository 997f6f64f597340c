"""The shipped J-LIS roots are exactly the published ones; stores load what they are given."""

from __future__ import annotations

from importlib import resources

import pytest
from cryptography.hazmat.primitives import hashes, serialization

from govforms.identity import TrustStore
from govforms.identity.testing import FakeJPKI
from tests.conftest import raises_code
from tests.identity.helpers import clock

#: SHA-256 fingerprints published by J-LIS (see src/govforms/identity/roots/README.md).
PINNED = {
    "jpki-auth-ca-2015.pem": "4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d",
    "jpki-auth-ca-2023.pem": "64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5",
    "jpki-sign-ca-2015.pem": "19645405a1fe14377434bd55957628ac4038557c542403a2243f21c706fc9355",
    "jpki-sign-ca-2019.pem": "79679c33e4cc9319440f1ad120a597ff1844e2ef217063adb176966fd5e6fbeb",
    "jpki-sign-ca-2023.pem": "d227f6cde11d35c5252178f106f843d24651944975413b539fa2fb68dbfa365f",
}


def _fingerprints(store: TrustStore) -> set[str]:
    return {anchor.fingerprint(hashes.SHA256()).hex() for anchor in store}


def test_shipped_files_are_pinned() -> None:
    folder = resources.files("govforms.identity").joinpath("roots")
    shipped = {p.name for p in folder.iterdir() if p.name.endswith(".pem")}
    assert shipped == set(PINNED)
    for name, expected in PINNED.items():
        store = TrustStore.from_pem(folder.joinpath(name).read_bytes())
        assert _fingerprints(store) == {expected}


def test_signature_store() -> None:
    store = TrustStore.jpki_signature()
    assert _fingerprints(store) == {v for k, v in PINNED.items() if "sign" in k}
    assert len({a.subject for a in store}) == 1


def test_authentication_store() -> None:
    store = TrustStore.jpki_authentication()
    assert _fingerprints(store) == {v for k, v in PINNED.items() if "auth" in k}
    assert len({a.subject for a in store}) == 1


def test_from_pem_text_and_certificates() -> None:
    fake = FakeJPKI(clock=clock, seed=4)
    roots = [i.certificate for i in fake.issuers["signature"]]
    pem = b"".join(r.public_bytes(serialization.Encoding.PEM) for r in roots)
    assert len(TrustStore.from_pem(pem.decode())) == 3
    assert len(TrustStore.from_certificates(roots + roots)) == 3
    der = roots[0].public_bytes(serialization.Encoding.DER)
    store = TrustStore.from_certificates([der])
    assert roots[0] in store
    assert roots[1] not in store
    assert repr(store) == "TrustStore(1 anchors)"


@pytest.mark.parametrize("data", [b"", b"garbage", "証明書", b"-----BEGIN CERTIFICATE-----\n!!\n"])
def test_from_pem_garbage(data: bytes | str) -> None:
    with raises_code("identity.certificate_malformed", part="trust_anchor"):
        TrustStore.from_pem(data)


def test_empty_store() -> None:
    with raises_code("identity.certificate_malformed", part="trust_anchor"):
        TrustStore.from_certificates([])
