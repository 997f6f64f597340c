"""Retention: personal data are kept only as long as the procedure's rules say.

A form's :class:`RetentionPolicy` (``"retention"`` in the definition, copied onto each
submission when it is created or amended) keeps a finished submission ``keep_days`` days after
it was finished (approved and completed, rejected or withdrawn), then either deletes it or
strips its personal data. :func:`apply_retention` is what the host's scheduled job runs with its
clock: it never touches a submission that is not finished, and returns what it removed so the
host can delete rows and files and keep a record of the run.

Stripping (``action: "strip"``) keeps the record that the application existed — ids, receipt
number, status, fee, payment record and the hash-chained history — and removes:

* every answer except the ``keep_fields`` the policy names (for statistics, e.g. ``copies``),
  in the current and all earlier versions; a My Number (or a group holding one) is removed even
  when ``keep_fields`` names it;
* the application envelope (applicant, contact, delegator), the signature evidence (the
  certificate holds the signer's four basic items), attachment references (file names), message
  bodies and attachments, and the comments and replies of correction requests.

A ``redacted`` entry is added to the history listing the answer fields removed (names only).
History notes are kept: they are for staff's notes about the procedure, not personal data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Literal

import attrs
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from govforms.submissions.answers import ValidatedAnswers
from govforms.submissions.lifecycle import FINAL_STATUSES
from govforms.submissions.receipts import to_jst

if TYPE_CHECKING:
    from govforms.submissions.model import Submission

__all__ = ["Removal", "RetentionPolicy", "RetentionReport", "apply_retention", "finished_at"]


class RetentionPolicy(BaseModel):
    """Keep a finished submission ``keep_days`` days, then ``delete`` it or ``strip`` its
    personal data (keeping the answers named in ``keep_fields``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    keep_days: Annotated[StrictInt, Field(ge=0, le=36_500)]
    action: Literal["delete", "strip"] = "strip"
    keep_fields: tuple[Annotated[str, Field(min_length=1, max_length=64)], ...] = ()


@attrs.frozen(slots=True)
class Removal:
    """What a retention run removed from one submission: the ``action`` taken and the answer
    ``fields`` removed (names only)."""

    submission_id: str
    receipt_number: str
    action: Literal["delete", "strip"]
    fields: tuple[str, ...]
    finished_at: datetime.datetime


@attrs.frozen(slots=True)
class RetentionReport:
    """The outcome of :func:`apply_retention`: ``removed`` lists every removal; ``deleted``
    the ids to delete; ``stripped`` the new values of stripped submissions to store; ``kept``
    the submissions left as they were."""

    removed: tuple[Removal, ...]
    deleted: tuple[str, ...]
    stripped: tuple[Submission, ...]
    kept: tuple[Submission, ...]


def finished_at(submission: Submission) -> datetime.datetime | None:
    """When ``submission`` reached its final status (``None`` if it is not finished)."""
    if submission.status not in FINAL_STATUSES:
        return None
    return next(e.at for e in reversed(submission.history) if e.to_status == submission.status)


def _strip(
    submission: Submission, policy: RetentionPolicy, *, actor: str, now: datetime.datetime
) -> tuple[Submission, tuple[str, ...]]:
    answers = submission.answers
    # A My Number is never kept, even when keep_fields names its field or a group holding one
    # (a stored policy is whatever the definition said when the submission was made).
    secret = {path[0] for path in answers.my_number_paths}
    keep = set(policy.keep_fields) - secret
    removed = tuple(name for name in answers if name not in keep)
    kept_values = {name: answers[name] for name in answers if name in keep}
    stripped_answers = ValidatedAnswers(answers.form_id, answers.form_version, kept_values, ())
    corrections = tuple(
        round_.model_copy(
            update={
                "items": tuple(
                    item.model_copy(update={"comment": "-", "reply": None}) for item in round_.items
                )
            }
        )
        for round_ in submission.corrections
    )
    messages = tuple(
        m.model_copy(update={"body": "", "attachments": ()}) for m in submission.messages
    )
    cleared = submission.model_copy(
        update={
            "answers": stripped_answers,
            "versions": (),
            "envelope": None,
            "signature": None,
            "attachments": (),
            "messages": messages,
            "corrections": corrections,
            "redacted_at": now,
        }
    )
    note = "personal data removed: " + (", ".join(removed) if removed else "(no answers)")
    return cleared._record(
        action="redacted", actor=actor, role="system", now=now, note=note
    ), removed


def apply_retention(
    submissions: Iterable[Submission], *, now: datetime.datetime, actor: str = "retention"
) -> RetentionReport:
    """Apply each submission's retention policy at ``now`` (see the module docstring).
    Submissions without a policy, not finished, already stripped or still inside their period
    are kept unchanged."""
    at = to_jst(now)
    removed: list[Removal] = []
    deleted: list[str] = []
    stripped: list[Submission] = []
    kept: list[Submission] = []
    for submission in submissions:
        policy = submission.retention
        done = finished_at(submission)
        if (
            policy is None
            or done is None
            or submission.redacted_at is not None
            or at < done + datetime.timedelta(days=policy.keep_days)
        ):
            kept.append(submission)
            continue
        if policy.action == "delete":
            fields = tuple(submission.answers)
            deleted.append(submission.id)
        else:
            new, fields = _strip(submission, policy, actor=actor, now=at)
            stripped.append(new)
        removed.append(
            Removal(
                submission_id=submission.id,
                receipt_number=submission.receipt_number,
                action=policy.action,
                fields=fields,
                finished_at=done,
            )
        )
    return RetentionReport(
        removed=tuple(removed), deleted=tuple(deleted), stripped=tuple(stripped), kept=tuple(kept)
    )
