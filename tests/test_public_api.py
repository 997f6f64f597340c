"""The public API, pinned: a name added or removed here is a deliberate, reviewed change.

Each public package exports an explicit ``__all__`` (ruff's RUF022 keeps it sorted) and every
name in it exists. ``govforms.submissions`` is pinned by ``tests/submissions/test_public_api.py``.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

PUBLIC: dict[str, list[str]] = {
    "govforms": [
        "ConfigurationError",
        "FieldError",
        "GovFormsError",
        "IdentityError",
        "PaymentError",
        "ValidationErrors",
        "__version__",
    ],
    "govforms.fields": [
        "CHARSETS",
        "ERAS",
        "PHONE_KINDS",
        "REVEAL_MY_NUMBER",
        "Address",
        "AddressLevel",
        "AddressText",
        "Charset",
        "CorporateNumber",
        "Era",
        "FieldValidator",
        "JapaneseDate",
        "LocalGovernmentCode",
        "Municipality",
        "MyNumber",
        "NameKana",
        "PersonName",
        "PersonNameStr",
        "Phone",
        "PhoneKind",
        "PhoneNumber",
        "PostalCode",
        "PostalEntry",
        "age_on",
        "calc_corporate_number_check_digit",
        "calc_local_government_check_digit",
        "calc_my_number_check_digit",
        "check_postal_code",
        "compact_corporate_number",
        "compact_my_number",
        "date_of_reaching_age",
        "format_corporate_number",
        "format_my_number",
        "format_postal_code",
        "format_wareki",
        "is_valid_address",
        "is_valid_corporate_number",
        "is_valid_date",
        "is_valid_local_government_code",
        "is_valid_my_number",
        "is_valid_name_kana",
        "is_valid_person_name",
        "is_valid_phone",
        "is_valid_postal_code",
        "lookup_municipality",
        "lookup_postal_code",
        "parse_address",
        "parse_date",
        "to_katakana",
        "validate_address",
        "validate_corporate_number",
        "validate_local_government_code",
        "validate_my_number",
        "validate_name_kana",
        "validate_person_name",
        "validate_phone",
        "validate_postal_code",
    ],
    "govforms.payments": [
        "CURRENCY",
        "DEFAULT_TOLERANCE",
        "ENTRY_POINT_GROUP",
        "EVENT_STATUS",
        "JST",
        "SIGNATURE_HEADER",
        "TERMINAL_STATUSES",
        "TRANSITIONS",
        "Amount",
        "Capabilities",
        "CaptureMethod",
        "EventOutcome",
        "EventType",
        "IdempotencyStore",
        "KonbiniVoucher",
        "NextAction",
        "NonNegativeAmount",
        "PayEasyVoucher",
        "Payment",
        "PaymentEvent",
        "PaymentMethod",
        "PaymentProvider",
        "PaymentRequest",
        "PaymentStatus",
        "ProviderVariant",
        "ProviderVariants",
        "RedirectAction",
        "Refund",
        "RefundStatus",
        "SignatureHeader",
        "WebhookSecret",
        "apply_event",
        "available_providers",
        "classify_event",
        "get_signature_header",
        "is_terminal",
        "load_provider",
        "new_payment",
        "parse_signature_header",
        "request_fingerprint",
        "sign_webhook",
        "validate_amount",
        "validate_idempotency_key",
        "verify_webhook",
        "voucher_expiry",
    ],
    "govforms.payments.testing": [
        "FAKE_WEBHOOK_SECRET",
        "SCENARIOS",
        "FakeCall",
        "FakeClock",
        "FakePaymentProvider",
        "PaymentProviderContract",
        "WebhookDelivery",
        "expect_code",
    ],
    "govforms.identity": [
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
    ],
    "govforms.identity.testing": [
        "AUTHENTICATION_PIN_TRIES",
        "SIGNATURE_PIN_TRIES",
        "FakeIssuer",
        "FakeJPKI",
        "FakeMyNumberCard",
        "pool_key",
    ],
}


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_all_is_pinned(module: str) -> None:
    assert list(importlib.import_module(module).__all__) == PUBLIC[module]


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_every_exported_name_exists_and_is_documented(module: str) -> None:
    mod = importlib.import_module(module)
    for name in mod.__all__:
        value = getattr(mod, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert (getattr(value, "__doc__", None) or "").strip(), (
                f"{module}.{name} has no docstring"
            )


def test_no_name_is_exported_twice() -> None:
    for module in [*PUBLIC, "govforms.submissions"]:
        names = list(importlib.import_module(module).__all__)
        assert len(names) == len(set(names)), module
