"""Identity benchmark: verifying a JPKI signature whose chain was seen before, against a raw
RSA-2048 PKCS#1 v1.5 verify (``cryptography``'s ``public_key.verify``), same inputs, same run.

    python -m benchmarks.bench_identity

Target (issue 5): at least half the raw verify throughput. Each ``verify_signature`` call still
checks validity at ``at``, revocation against a CRL (signature of the CRL cached, freshness and
the serial lookup per call) and the RSA signature over the data; the chain part (certificate
signature, profile, four basic items, ``cryptography``'s verifier) is cached in the trust store.
Two variants: the certificate given as a parsed ``cryptography`` object, and as DER bytes (what
arrives from a web form), which adds parsing to every call.
"""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from benchmarks.harness import compare, print_table
from govforms.identity import verify_signature
from govforms.identity.testing import FakeJPKI

AT = dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC)


def main() -> None:
    fake = FakeJPKI(clock=lambda: AT, seed=11)
    card = fake.issue_card()
    trust = fake.trust_store()
    crls = fake.crl_source()
    certificate = card.signature_certificate
    der = certificate.public_bytes(serialization.Encoding.DER)
    key = certificate.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    inputs = []
    for i in range(16):
        data = f"申請 {i}".encode() * 20
        inputs.append((data, card.sign(data, pin="ABC123")))

    def raw(item: tuple[bytes, bytes]) -> None:
        key.verify(item[1], item[0], padding.PKCS1v15(), hashes.SHA256())

    def ours_object(item: tuple[bytes, bytes]) -> None:
        verify_signature(
            item[0],
            item[1],
            certificate,
            trust=trust,
            at=AT,
            revocation=crls,
            allow_test_cards=True,
        )

    def ours_der(item: tuple[bytes, bytes]) -> None:
        verify_signature(
            item[0], item[1], der, trust=trust, at=AT, revocation=crls, allow_test_cards=True
        )

    ours_object(inputs[0])  # the chain is now "seen before"
    rows = [
        compare(
            "verify_signature (certificate object)",
            ours_object,
            "raw RSA verify",
            raw,
            inputs,
            target=0.5,
        ),
        compare(
            "verify_signature (DER bytes)", ours_der, "raw RSA verify", raw, inputs, target=0.5
        ),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
