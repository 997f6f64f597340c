"""Submissions: forms as data, validated answers, fees, signed evidence, lifecycle and export.

The life of an online application, as primitives a host app composes:

>>> import datetime
>>> from govforms.submissions import FormDefinition, SequentialReceiptNumbers, Submission
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
"""

from govforms.fields import REVEAL_MY_NUMBER
from govforms.submissions.answers import MaskedMyNumber, ValidatedAnswers
from govforms.submissions.attachments import AttachmentRef
from govforms.submissions.canonical import canonical_json
from govforms.submissions.conditions import Condition, LocalizedText
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
from govforms.submissions.window import Message, Notification, Notifier

__all__ = [
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
