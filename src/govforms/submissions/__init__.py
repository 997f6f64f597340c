"""Submissions: forms as data, validated answers, fees, signed evidence, lifecycle and export.

The life of an online application, as primitives a host app composes:

>>> import datetime
>>> from govforms.submissions import (
...     FormDefinition, SequentialReceiptNumbers, Submission, verify_history)
>>> form = FormDefinition.from_dict({
...     "id": "pet-license", "version": 1,
...     "title": {"ja": "犬の登録", "en": "Dog registration"},
...     "fields": [
...         {"name": "owner", "type": "name", "required": True,
...          "label": {"ja": "飼い主", "en": "Owner"}},
...         {"name": "dogs", "type": "number", "required": True, "min": 1,
...          "label": {"ja": "頭数", "en": "Dogs"}}],
...     "fee": {"per_unit": {"field": "dogs", "amount": 3000}},
...     "payment_methods": ["card"]})
>>> answers = form.validate({"owner": "山田 花子", "dogs": "２"})
>>> form.fee(answers)
6000
>>> now = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.timezone.utc)
>>> draft = Submission.create(form, answers, actor="resident-1", now=now,
...                           receipt_numbers=SequentialReceiptNumbers(), new_id=lambda: "s1")
>>> draft.receipt_number, draft.status.value, draft.fee
('261127-000001-X', 'draft', 6000)
>>> submitted = draft.transition("submitted", actor="resident-1", role="resident", now=now)
>>> [entry.to_status.value for entry in submitted.history]
['draft', 'submitted']
>>> verify_history(submitted).entries
2

Drafts and resume tokens (:class:`Draft`, :class:`ResumeTokens`), the application envelope and
delegation (:class:`Envelope`), attachments checked by content (:func:`check_attachment`),
correction requests (:func:`return_for_correction`), pay after review
(:func:`request_payment`), the hash-chained history (:func:`verify_history`) and retention
(:func:`apply_retention`) make up a whole procedure: see ``docs/procedure.md``.
"""

from govforms.fields import REVEAL_MY_NUMBER
from govforms.submissions.answers import AnswerVersion, MaskedMyNumber, ValidatedAnswers
from govforms.submissions.attachments import (
    AttachmentPolicy,
    AttachmentRef,
    FileType,
    ScanRecord,
    ScanVerdict,
    VirusScanner,
    check_attachment,
    check_attachments,
    sniff_file_type,
)
from govforms.submissions.canonical import canonical_json
from govforms.submissions.conditions import Condition, LocalizedText
from govforms.submissions.corrections import (
    CorrectionItem,
    CorrectionRound,
    return_for_correction,
    submit_correction,
)
from govforms.submissions.delegation import (
    ApplicantRole,
    Contact,
    Delegation,
    DelegationPolicy,
    Envelope,
    Person,
    check_envelope,
    set_envelope,
)
from govforms.submissions.drafts import Draft, ResumeToken, ResumeTokens, clone_answers
from govforms.submissions.evidence import PaymentRecord, SignatureEvidence, SignerIdentity
from govforms.submissions.export import (
    ExportReport,
    UnencodableCell,
    csv_header,
    export_csv,
    export_jsonl,
    iter_csv_rows,
    neutralise_formula,
)
from govforms.submissions.fees import ConditionalFee, FeeSchedule, PerUnitFee, compute_fee
from govforms.submissions.forms import (
    FIELD_TYPES,
    PAYMENT_METHODS,
    Choice,
    FieldSpec,
    FormDefinition,
    SignerFields,
)
from govforms.submissions.history import HISTORY_FORMAT, HistoryVerification, verify_history
from govforms.submissions.lifecycle import (
    FINAL_STATUSES,
    TRANSITIONS,
    HistoryEntry,
    Role,
    Status,
    allowed_transitions,
    check_transition,
)
from govforms.submissions.model import PAYLOAD_FORMAT, Submission
from govforms.submissions.pay_after_review import (
    FeeRequest,
    expire_overdue,
    payment_request_for,
    request_payment,
)
from govforms.submissions.receipts import (
    JST,
    RandomReceiptNumbers,
    ReceiptNumberGenerator,
    SequentialReceiptNumbers,
    calc_receipt_check_character,
    is_valid_receipt_number,
    make_receipt_number,
    validate_receipt_number,
)
from govforms.submissions.retention import (
    Removal,
    RetentionPolicy,
    RetentionReport,
    apply_retention,
    finished_at,
)
from govforms.submissions.window import Message, Notification, Notifier

__all__ = [
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
