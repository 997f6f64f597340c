"""What the resident signs: the layout of :meth:`Submission.signing_payload
<govforms.submissions.Submission.signing_payload>`.

The payload is the RFC 8785 canonical JSON (:func:`~govforms.submissions.canonical_json`) of::

    {"format": "govforms.submission-payload/1", "form": {"id": ..., "version": ...},
     "receipt_number": ..., "answers": {...}, "attachments": [{name, content_type, size, sha256}],
     "fee": 600, "envelope": {...}}

``envelope`` (who applies for whom, :class:`~govforms.submissions.Envelope`) is present only
when the submission has one, so payloads without an envelope are byte for byte what they were
before envelopes existed and their signatures still verify. Attachments are listed by their four
signed fields: a virus-scan record is evidence about the file, not something the resident signs.
"""

from __future__ import annotations

from typing import Any, Final

from govforms.submissions.answers import ValidatedAnswers
from govforms.submissions.attachments import AttachmentRef
from govforms.submissions.canonical import canonical_json
from govforms.submissions.delegation import Envelope

__all__ = ["PAYLOAD_FORMAT", "signed_payload"]

#: Names the layout of the signing payload; changes only with a new layout.
PAYLOAD_FORMAT: Final = "govforms.submission-payload/1"


def signed_payload(
    form_id: str,
    form_version: int,
    receipt_number: str,
    answers: ValidatedAnswers,
    attachments: tuple[AttachmentRef, ...],
    fee: int,
    envelope: Envelope | None,
) -> bytes:
    """RFC 8785 canonical JSON of what the resident signs (see the module docstring)."""
    payload: dict[str, Any] = {
        "format": PAYLOAD_FORMAT,
        "form": {"id": form_id, "version": form_version},
        "receipt_number": receipt_number,
        "answers": answers.to_dict(reveal_my_number=True),
        "attachments": [ref.signed_fields() for ref in attachments],
        "fee": fee,
    }
    if envelope is not None:
        # Only present with an envelope, so payloads without one are unchanged.
        payload["envelope"] = envelope.signed_data()
    return canonical_json(payload)
