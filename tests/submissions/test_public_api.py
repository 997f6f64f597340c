"""The public names of govforms.submissions are pinned: changing them is an API change."""

from __future__ import annotations

import govforms.submissions as submissions

EXPECTED = [
    "FIELD_TYPES",
    "FINAL_STATUSES",
    "JST",
    "PAYLOAD_FORMAT",
    "PAYMENT_METHODS",
    "REVEAL_MY_NUMBER",
    "TRANSITIONS",
    "AttachmentRef",
    "Choice",
    "Condition",
    "ConditionalFee",
    "ExportReport",
    "FeeSchedule",
    "FieldSpec",
    "FormDefinition",
    "HistoryEntry",
    "LocalizedText",
    "MaskedMyNumber",
    "Message",
    "Notification",
    "Notifier",
    "PaymentRecord",
    "PerUnitFee",
    "RandomReceiptNumbers",
    "ReceiptNumberGenerator",
    "Role",
    "SequentialReceiptNumbers",
    "SignatureEvidence",
    "SignerFields",
    "SignerIdentity",
    "Status",
    "Submission",
    "UnencodableCell",
    "ValidatedAnswers",
    "allowed_transitions",
    "calc_receipt_check_character",
    "canonical_json",
    "check_transition",
    "compute_fee",
    "csv_header",
    "export_csv",
    "export_jsonl",
    "is_valid_receipt_number",
    "iter_csv_rows",
    "make_receipt_number",
    "neutralise_formula",
    "validate_receipt_number",
]


def test_all_is_pinned_and_importable() -> None:
    assert submissions.__all__ == EXPECTED
    for name in EXPECTED:
        assert getattr(submissions, name) is not None


def test_payment_methods_match_govforms_payments() -> None:
    from govforms.payments import PaymentMethod

    assert set(submissions.PAYMENT_METHODS) == {m.value for m in PaymentMethod}
