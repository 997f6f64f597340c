"""How a plugin runs the govforms conformance suite against itself."""

from __future__ import annotations

import pytest
from govforms_examplepay import ExamplePayProvider

from govforms.payments import PaymentProvider
from govforms.payments.testing import PaymentProviderContract


class TestExamplePay(PaymentProviderContract):
    @pytest.fixture
    def provider(self) -> PaymentProvider:
        return ExamplePayProvider(webhook_secret="whsec_example_test")  # noqa: S106 - test value
