"""The life of a submission: statuses, who may move it where, and its append-only history.

::

    draft ──► submitted ──► accepted ──► in_review ──► approved ──► completed
                 │  ▲           │            │  │          ▲
                 │  └─ returned ◄────────────┤  └─► awaiting_payment ◄─► payment_expired
                 │     (差戻し)              │      (fee set after review; deadline passed)
                 └──────────────┴────────────┴──► rejected
    withdrawn: by the resident from any status before a decision

The table :data:`TRANSITIONS` says, for each legal move, which roles may make it: residents
submit, resubmit and withdraw; staff accept, review, return, approve, reject and complete; the
``system`` role (a host's scheduled job) may complete an approved submission and reject a
returned one that was never corrected. When staff set the fee after review
(:func:`~govforms.submissions.request_payment`) the submission waits in ``awaiting_payment``;
past the payment deadline the ``system`` role moves it to ``payment_expired``, from which staff
can ask again or reject. ``rejected``, ``completed`` and ``withdrawn`` are final. Anything else
is ``submission.invalid_transition``.

Every change to a submission appends a :class:`HistoryEntry` (who, when, which action, from and
to which status, a note); entries are never edited or removed. Entries that record the answers
being submitted carry the digest of the signing payload, and every entry carries the hash of the
one before it (see :mod:`govforms.submissions.history`).

>>> check_transition(Status.SUBMITTED, Status.ACCEPTED, "staff")
>>> check_transition(Status.SUBMITTED, Status.APPROVED, "staff")  # doctest: +ELLIPSIS
Traceback (most recent call last):
govforms.errors.GovFormsError: [submission.invalid_transition] A submission cannot go ...
>>> [s.value for s in allowed_transitions(Status.RETURNED, "resident")]
['submitted', 'withdrawn']
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Annotated, Final, Literal, TypeAlias

from pydantic import AwareDatetime, Field, StrictInt

from govforms.errors import GovFormsError
from govforms.submissions._safe_errors import PrivateModel

__all__ = [
    "FINAL_STATUSES",
    "TRANSITIONS",
    "HistoryAction",
    "HistoryEntry",
    "Role",
    "Status",
    "allowed_transitions",
    "check_entry_text",
    "check_transition",
    "parse_status",
]


class Status(enum.StrEnum):
    """Where a submission is in its life."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    AWAITING_PAYMENT = "awaiting_payment"
    PAYMENT_EXPIRED = "payment_expired"


Role: TypeAlias = Literal["resident", "staff", "system"]
#: What a history entry records.
HistoryAction: TypeAlias = Literal[
    "created",
    "transition",
    "amended",
    "signed",
    "payment",
    "fee_requested",
    "corrected",
    "envelope",
    "redacted",
]

_R: Final = frozenset({"resident"})
_S: Final = frozenset({"staff"})
_SS: Final = frozenset({"staff", "system"})
_Y: Final = frozenset({"system"})

#: Every legal move and the roles that may make it.
TRANSITIONS: Final[Mapping[tuple[Status, Status], frozenset[str]]] = {
    (Status.DRAFT, Status.SUBMITTED): _R,
    (Status.DRAFT, Status.WITHDRAWN): _R,
    (Status.SUBMITTED, Status.ACCEPTED): _S,
    (Status.SUBMITTED, Status.RETURNED): _S,
    (Status.SUBMITTED, Status.REJECTED): _S,
    (Status.SUBMITTED, Status.WITHDRAWN): _R,
    (Status.ACCEPTED, Status.IN_REVIEW): _S,
    (Status.ACCEPTED, Status.RETURNED): _S,
    (Status.ACCEPTED, Status.REJECTED): _S,
    (Status.ACCEPTED, Status.WITHDRAWN): _R,
    (Status.IN_REVIEW, Status.RETURNED): _S,
    (Status.IN_REVIEW, Status.APPROVED): _S,
    (Status.IN_REVIEW, Status.REJECTED): _S,
    (Status.IN_REVIEW, Status.WITHDRAWN): _R,
    (Status.IN_REVIEW, Status.AWAITING_PAYMENT): _S,
    (Status.AWAITING_PAYMENT, Status.APPROVED): _S,
    (Status.AWAITING_PAYMENT, Status.REJECTED): _S,
    (Status.AWAITING_PAYMENT, Status.WITHDRAWN): _R,
    (Status.AWAITING_PAYMENT, Status.PAYMENT_EXPIRED): _Y,
    (Status.PAYMENT_EXPIRED, Status.AWAITING_PAYMENT): _S,
    (Status.PAYMENT_EXPIRED, Status.REJECTED): _SS,
    (Status.PAYMENT_EXPIRED, Status.WITHDRAWN): _R,
    (Status.RETURNED, Status.SUBMITTED): _R,
    (Status.RETURNED, Status.WITHDRAWN): _R,
    (Status.RETURNED, Status.REJECTED): _SS,
    (Status.APPROVED, Status.COMPLETED): _SS,
}
#: The longest note a history entry keeps.
MAX_NOTE: Final = 4000
#: The longest actor id.
MAX_ACTOR: Final = 200
#: Statuses nothing leaves.
FINAL_STATUSES: Final = frozenset({Status.REJECTED, Status.COMPLETED, Status.WITHDRAWN})


def check_entry_text(actor: object, note: object) -> None:
    """``submission.actor_invalid`` unless ``actor`` is 1-200 characters of text;
    ``submission.note_too_long`` for a note over 4,000 characters."""
    if not isinstance(actor, str) or not 1 <= len(actor) <= MAX_ACTOR:
        raise GovFormsError("submission.actor_invalid", max_length=MAX_ACTOR)
    if note is not None:
        if not isinstance(note, str):
            raise GovFormsError("field.type", expected="string", actual=type(note).__name__)
        if len(note) > MAX_NOTE:
            raise GovFormsError("submission.note_too_long", max_length=MAX_NOTE, length=len(note))


def parse_status(value: Status | str) -> Status:
    """The :class:`Status` named ``value``; ``submission.unknown_status`` for anything else."""
    try:
        return Status(value)
    except ValueError:
        raise GovFormsError("submission.unknown_status", status=str(value)[:40]) from None


def check_transition(from_status: Status | str, to_status: Status | str, role: str) -> None:
    """Raise ``submission.invalid_transition`` unless ``role`` may move ``from_status`` to
    ``to_status`` (``submission.unknown_status`` for a status that does not exist)."""
    roles = TRANSITIONS.get((parse_status(from_status), parse_status(to_status)))
    if roles is None or role not in roles:
        raise GovFormsError(
            "submission.invalid_transition",
            from_status=str(from_status),
            to_status=str(to_status),
            role=str(role),
        )


def allowed_transitions(status: Status, role: str) -> tuple[Status, ...]:
    """The statuses ``role`` may move a submission in ``status`` to (table order)."""
    return tuple(to for (frm, to), roles in TRANSITIONS.items() if frm == status and role in roles)


class HistoryEntry(PrivateModel):
    """One line of a submission's audit trail; ``seq`` counts from 1 without gaps.

    ``actor`` is the host's opaque id for the person or job (not a name or e-mail address);
    ``payload_digest`` is the SHA-256 (hex) of the signing payload when the entry records answers
    being submitted, resubmitted, amended or signed. ``prev_hash`` is the ``entry_hash`` of the
    entry before (for the first entry, the anchor of the submission) and ``entry_hash`` the
    SHA-256 of this entry's canonical JSON (:func:`~govforms.submissions.history.entry_hash`).
    """

    seq: Annotated[StrictInt, Field(ge=1)]
    at: AwareDatetime
    actor: Annotated[str, Field(min_length=1, max_length=MAX_ACTOR)]
    role: Role
    action: HistoryAction
    from_status: Status | None
    to_status: Status
    note: Annotated[str | None, Field(max_length=MAX_NOTE, repr=False)] = None
    payload_digest: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    prev_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    entry_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
