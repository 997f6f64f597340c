"""JPKI identity: verify My Number card signatures and logins, reject by default.

>>> from govforms.identity import TrustStore
>>> len(TrustStore.jpki_signature()), len(TrustStore.jpki_authentication())
(3, 2)

See ``docs/identity.md`` for how to verify and the error codes, and
``docs/identity-plugins.md`` for revocation sources and the standards followed.
"""

from __future__ import annotations

from govforms.identity.jpki import (
    SIGNATURE_POLICY,
    TEST_SIGNATURE_POLICY,
    JPKIIdentity,
    identity_from_certificate,
)
from govforms.identity.path import validate_path
from govforms.identity.revocation import (
    CRLSource,
    OCSPSource,
    RevocationSource,
    RevocationState,
    RevocationStatus,
)
from govforms.identity.trust import TrustStore
from govforms.identity.verify import (
    CertificateInfo,
    VerifiedAuthentication,
    VerifiedSignature,
    verify_authentication,
    verify_signature,
)

__all__ = [
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
