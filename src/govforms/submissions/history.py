"""Tamper-evident history: every entry carries the hash of the one before it.

A submission's :attr:`~govforms.submissions.Submission.history` is a hash chain, in the manner of
Certificate Transparency's Merkle audit paths or git's commit chain, kept deliberately simple:

* ``entry_hash`` of an entry is the SHA-256 (FIPS 180-4) of the RFC 8785 canonical JSON
  (:func:`~govforms.submissions.canonical_json`) of the entry's fields *including* ``prev_hash``
  and excluding ``entry_hash`` itself, prefixed by the format name :data:`HISTORY_FORMAT`;
* ``prev_hash`` of the first entry is the *anchor*: the SHA-256 of the canonical JSON of the
  format name, the submission id and its receipt number, so entries cannot be moved between
  submissions; every later ``prev_hash`` is the ``entry_hash`` before it;
* entries that record what is signed (created, amended, corrected, envelope, signed, submitted)
  carry the digest of the signing payload, so the chain is anchored in what the resident signed:
  the last such digest must be the digest of the submission as it is now, and a signature's
  digest must be recorded by a ``signed`` entry. (A copy with masked My Numbers has no payload to
  compare: verify the stored, revealed copy.)

:func:`verify_history` recomputes the chain and reports the *first* entry that does not hold up,
with its index (from 0) and ``seq``: ``history.entry_altered`` when an entry's content no longer
matches its own hash, ``history.chain_broken`` when it does not follow the entry before it (one
was removed, inserted or reordered), ``history.anchor_mismatch`` when the chain does not start at
this submission or its last recorded payload digest is not the submission's.

An unkeyed chain proves order and integrity *relative to its head*: someone able to rewrite the
stored JSON could recompute every hash from the first change onwards. Keep
:attr:`~govforms.submissions.Submission.history_head` somewhere they cannot write (an append-only
audit table, a log shipped elsewhere) and pass it as ``expected_head``; a different head is
``history.head_mismatch``.

Once personal data were removed by a retention run (a ``redacted`` entry), the answers no longer
match the digests recorded before; the chain itself still verifies, and the payload anchor is
not checked after that entry.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from govforms.errors import GovFormsError
from govforms.submissions.canonical import canonical_json
from govforms.submissions.lifecycle import HistoryEntry

if TYPE_CHECKING:
    from govforms.submissions.model import Submission

__all__ = [
    "HISTORY_FORMAT",
    "HistoryVerification",
    "anchor_hash",
    "entry_hash",
    "new_entry",
    "verify_history",
]

#: Names the layout hashed into every entry; changes only with a new layout.
HISTORY_FORMAT: Final = "govforms.history/1"


def anchor_hash(submission_id: str, receipt_number: str) -> str:
    """The ``prev_hash`` of a submission's first entry (hex SHA-256)."""
    data = {"format": HISTORY_FORMAT, "submission": submission_id, "receipt": receipt_number}
    return hashlib.sha256(canonical_json(data)).hexdigest()


def _hashed_fields(fields: dict[str, Any]) -> bytes:
    return canonical_json({"format": HISTORY_FORMAT, "entry": fields})


def entry_hash(entry: HistoryEntry) -> str:
    """The SHA-256 (hex) of ``entry``'s canonical JSON without ``entry_hash`` (see the module)."""
    return hashlib.sha256(
        _hashed_fields(entry.model_dump(mode="json", exclude={"entry_hash"}))
    ).hexdigest()


def new_entry(**fields: Any) -> HistoryEntry:
    """A :class:`HistoryEntry` of ``fields`` (which include ``prev_hash``) with its hash."""
    draft = HistoryEntry.model_construct(**fields, entry_hash="0" * 64)
    return HistoryEntry(**fields, entry_hash=entry_hash(draft))


@attrs.frozen(slots=True)
class HistoryVerification:
    """What :func:`verify_history` checked: the number of entries, the head hash, and the
    payload digest the chain is anchored in (``None`` after a retention run removed data)."""

    entries: int
    head: str
    anchored_digest: str | None


def _check_links(history: Sequence[HistoryEntry], anchor: str) -> None:
    previous = anchor
    for index, entry in enumerate(history):
        if not hmac.compare_digest(entry_hash(entry), entry.entry_hash):
            raise GovFormsError("history.entry_altered", index=index, seq=entry.seq)
        if not hmac.compare_digest(entry.prev_hash, previous):
            if index == 0:
                raise GovFormsError("history.anchor_mismatch", index=0)
            raise GovFormsError("history.chain_broken", index=index, seq=entry.seq)
        previous = entry.entry_hash


def verify_history(
    submission: Submission, *, expected_head: str | None = None
) -> HistoryVerification:
    """Check ``submission``'s hash chain and its anchors; raise at the first problem (see the
    module docstring for the codes). ``expected_head`` is a head hash kept elsewhere."""
    history = submission.history
    _check_links(history, anchor_hash(submission.id, submission.receipt_number))
    head = history[-1].entry_hash
    if expected_head is not None and not (
        # compare_digest refuses non-ASCII str: such a head cannot match a hex digest anyway.
        isinstance(expected_head, str)
        and expected_head.isascii()
        and hmac.compare_digest(head, expected_head)
    ):
        raise GovFormsError("history.head_mismatch")
    if any(entry.action == "redacted" for entry in history):
        return HistoryVerification(entries=len(history), head=head, anchored_digest=None)
    last = max((i for i, e in enumerate(history) if e.payload_digest is not None), default=None)
    if last is None:
        raise GovFormsError("history.anchor_mismatch", index=0)
    recorded = history[last].payload_digest
    assert recorded is not None
    if not hmac.compare_digest(recorded, submission.payload_digest()):
        raise GovFormsError("history.anchor_mismatch", index=last)
    signature = submission.signature
    if signature is not None and not any(
        e.action == "signed" and e.payload_digest == signature.payload_digest for e in history
    ):
        raise GovFormsError("history.anchor_mismatch", index=last)
    return HistoryVerification(entries=len(history), head=head, anchored_digest=recorded)
