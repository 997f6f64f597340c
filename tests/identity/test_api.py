"""The public names of govforms.identity are pinned: changing them is an API change."""

from __future__ import annotations

import govforms.identity
import govforms.identity.testing


def test_identity_exports() -> None:
    assert govforms.identity.__all__ == [
        "SIGNATURE_POLICY",
        "TEST_SIGNATURE_POLICY",
        "CRLSource",
        "CertificateInfo",
        "JPKIIdentity",
        "OCSPSource",
        "RevocationSource",
        "RevocationState",
        "RevocationStatus",
        "TrustStore",
        "VerifiedAuthentication",
        "VerifiedSignature",
        "identity_from_certificate",
        "validate_path",
        "verify_authentication",
        "verify_signature",
    ]
    for name in govforms.identity.__all__:
        assert hasattr(govforms.identity, name)


def test_testing_exports() -> None:
    assert govforms.identity.testing.__all__ == [
        "AUTHENTICATION_PIN_TRIES",
        "SIGNATURE_PIN_TRIES",
        "FakeIssuer",
        "FakeJPKI",
        "FakeMyNumberCard",
        "pool_key",
    ]
    for name in govforms.identity.testing.__all__:
        assert hasattr(govforms.identity.testing, name)
