"""The conformance suite, run against the fake under several configurations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from govforms.payments import Capabilities, PaymentMethod, PaymentProvider
from govforms.payments.testing import FakeClock, FakePaymentProvider, PaymentProviderContract


class TestFakeProvider(PaymentProviderContract):
    @pytest.fixture
    def provider(self) -> PaymentProvider:
        return FakePaymentProvider(clock=FakeClock(datetime(2026, 4, 1, 1, 0, tzinfo=UTC)))


class TestFakeProviderWithFewerCapabilities(PaymentProviderContract):
    """Card only, no partial refunds, no manual capture: the capability branches run."""

    @pytest.fixture
    def provider(self) -> PaymentProvider:
        return FakePaymentProvider(
            clock=FakeClock(datetime(2026, 4, 1, 1, 0, tzinfo=UTC)),
            seed=3,
            capabilities=Capabilities(
                methods=frozenset({PaymentMethod.CARD}),
                min_amount=100,
                max_amount=50_000,
                partial_refunds=False,
                manual_capture=False,
            ),
        )


class TestFakeProviderOnTheSystemClock(PaymentProviderContract):
    @pytest.fixture
    def provider(self) -> PaymentProvider:
        return FakePaymentProvider(webhook_secret=["whsec_new", "whsec_old"])


class _Broken(FakePaymentProvider):
    """Ignores idempotency on create: a plugin bug the contract must catch."""

    def create_payment(self, request):  # type: ignore[no-untyped-def]
        changed = request.model_copy(update={"idempotency_key": self.fresh_key()})
        return super().create_payment(changed)

    def fresh_key(self) -> str:
        self._n = getattr(self, "_n", 0) + 1
        return f"broken-{self._n}"


def test_the_contract_catches_a_provider_that_charges_twice() -> None:
    suite = PaymentProviderContract()
    broken = _Broken()
    with pytest.raises(AssertionError):
        suite.test_same_key_same_request_returns_the_original(broken)
    with pytest.raises(pytest.fail.Exception):
        suite.test_same_key_different_request_is_a_conflict(broken)


def test_contract_is_loaded_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, govforms.payments.testing as t\n"
        "print('pytest' in sys.modules)\n"
        "t.PaymentProviderContract\n"
        "print('pytest' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    assert out == ["False", "True"]
