"""The public names of govforms.submissions are pinned: changing them is an API change."""

from __future__ import annotations

import govforms.submissions as submissions

EXPECTED = [
    "FIELD_TYPES",
    "FINAL_STATUSES",
    "HISTORY_FORMAT",
    "JST",
    "PAYLOAD_FORMAT",
    "PAYMENT_METHODS",
    "REVEAL_MY_NUMBER",
    "TRANSITIONS",
    "AnswerVersion",
    "ApplicantRole",
    "AttachmentPolicy",
    "AttachmentRef",
    "Choice",
    "Condition",
    "ConditionalFee",
    "Contact",
    "CorrectionItem",
    "CorrectionRound",
    "Delegation",
    "DelegationPolicy",
    "Draft",
    "Envelope",
    "ExportReport",
    "FeeRequest",
    "FeeSchedule",
    "FieldSpec",
    "FileType",
    "FormDefinition",
    "HistoryEntry",
    "HistoryVerification",
    "LocalizedText",
    "MaskedMyNumber",
    "Message",
    "Notification",
    "Notifier",
    "PaymentRecord",
    "PerUnitFee",
    "Person",
    "RandomReceiptNumbers",
    "ReceiptNumberGenerator",
    "Removal",
    "ResumeToken",
    "ResumeTokens",
    "RetentionPolicy",
    "RetentionReport",
    "Role",
    "ScanRecord",
    "ScanVerdict",
    "SequentialReceiptNumbers",
    "SignatureEvidence",
    "SignerFields",
    "SignerIdentity",
    "Status",
    "Submission",
    "UnencodableCell",
    "ValidatedAnswers",
    "VirusScanner",
    "allowed_transitions",
    "apply_retention",
    "calc_receipt_check_character",
    "canonical_json",
    "check_attachment",
    "check_attachments",
    "check_envelope",
    "check_transition",
    "clone_answers",
    "compute_fee",
    "csv_header",
    "expire_overdue",
    "export_csv",
    "export_jsonl",
    "finished_at",
    "is_valid_receipt_number",
    "iter_csv_rows",
    "make_receipt_number",
    "neutralise_formula",
    "payment_request_for",
    "request_payment",
    "return_for_correction",
    "set_envelope",
    "sniff_file_type",
    "submit_correction",
    "validate_receipt_number",
    "verify_history",
]


def test_all_is_pinned_and_importable() -> None:
    assert submissions.__all__ == EXPECTED
    for name in EXPECTED:
        assert getattr(submissions, name) is not None


def test_payment_methods_match_govforms_payments() -> None:
    from govforms.payments import PaymentMethod

    assert set(submissions.PAYMENT_METHODS) == {m.value for m in PaymentMethod}
