"""Test doubles for :mod:`govforms.identity`: a fake JPKI with cards that sign.

Use it in tests and demos, never in production: its root keys are public test keys.
"""

from __future__ import annotations

from govforms.identity.testing.fake import (
    AUTHENTICATION_PIN_TRIES,
    SIGNATURE_PIN_TRIES,
    FakeIssuer,
    FakeJPKI,
    FakeMyNumberCard,
    pool_key,
)

__all__ = [
    "AUTHENTICATION_PIN_TRIES",
    "SIGNATURE_PIN_TRIES",
    "FakeIssuer",
    "FakeJPKI",
    "FakeMyNumberCard",
    "pool_key",
]
