"""Field-level correction requests (差戻し with the fields to fix).

When staff return a submission with :func:`return_for_correction` they flag one or more
top-level fields, each with a comment ("the postal code does not match the address"). The
resident answers with :func:`submit_correction`: every flagged field must either be changed or
answered with a reply (the value may be right after all); fields that were not flagged cannot be
changed in this round; and only the changed fields are validated again against the form (the
others keep the values staff reviewed). The corrected answers become a new version (the old ones
stay in :attr:`~govforms.submissions.Submission.versions`), any signature is dropped, and the
resident signs and resubmits as usual; a submission with an open round cannot be resubmitted
(``correction.unresolved``).

The thread keeps both sides: each :class:`CorrectionRound` holds staff's items (field, comment)
and, once answered, the resident's reply and whether the field was changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Final

from pydantic import AwareDatetime, Field, StrictInt

from govforms.errors import GovFormsError
from govforms.submissions._safe_errors import PrivateModel
from govforms.submissions.attachments import AttachmentRef
from govforms.submissions.lifecycle import Status, check_entry_text
from govforms.submissions.receipts import to_jst

if TYPE_CHECKING:
    from govforms.submissions.forms import FormDefinition
    from govforms.submissions.model import Submission
    from govforms.submissions.window import Notifier

__all__ = [
    "MAX_COMMENT",
    "CorrectionItem",
    "CorrectionRound",
    "return_for_correction",
    "submit_correction",
]

#: The longest comment or reply.
MAX_COMMENT: Final = 1000
_COMMENT = Annotated[str, Field(min_length=1, max_length=MAX_COMMENT)]


class CorrectionItem(PrivateModel):
    """One flagged field: staff's ``comment``; the resident's ``reply`` and whether the answer
    was ``changed``, once the round is answered."""

    field: Annotated[str, Field(min_length=1, max_length=64)]
    comment: Annotated[str, Field(min_length=1, max_length=MAX_COMMENT, repr=False)]
    reply: Annotated[_COMMENT | None, Field(repr=False)] = None
    changed: bool = False


class CorrectionRound(PrivateModel):
    """One return for correction and its answer."""

    number: Annotated[StrictInt, Field(ge=1)]
    requested_by: Annotated[str, Field(min_length=1, max_length=200)]
    requested_at: AwareDatetime
    items: Annotated[tuple[CorrectionItem, ...], Field(min_length=1)]
    resolved_by: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    resolved_at: AwareDatetime | None = None


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > MAX_COMMENT:
        raise GovFormsError("correction.comment_invalid", field=field, max_length=MAX_COMMENT)
    return value.strip()


def return_for_correction(
    submission: Submission,
    form: FormDefinition,
    flags: Mapping[str, str],
    *,
    actor: str,
    now: datetime.datetime,
    note: str | None = None,
    notifier: Notifier | None = None,
) -> Submission:
    """Return ``submission`` to the resident (status ``returned``) with ``flags``: top-level
    field name → comment. ``correction.no_fields`` without flags, ``correction.unknown_field``
    for a name the form does not have, ``correction.comment_invalid`` for an empty or too long
    comment; the move itself is checked like any staff transition."""
    if not isinstance(flags, Mapping) or not flags:
        raise GovFormsError("correction.no_fields")
    known = {spec.name for spec in form.fields}
    items = []
    for name, comment in flags.items():
        if name not in known:
            raise GovFormsError("correction.unknown_field", field=str(name)[:64])
        items.append(CorrectionItem(field=name, comment=_text(comment, name)))
    check_entry_text(actor, note)
    at = to_jst(now)
    summary = note if note is not None else "correction requested: " + ", ".join(flags)
    moved = submission.transition(
        Status.RETURNED, actor=actor, role="staff", note=summary, now=at, notifier=notifier
    )
    round_ = CorrectionRound(
        number=len(submission.corrections) + 1,
        requested_by=actor,
        requested_at=at,
        items=tuple(items),
    )
    return moved.model_copy(update={"corrections": (*submission.corrections, round_)})


def submit_correction(
    submission: Submission,
    form: FormDefinition,
    changes: Mapping[str, Any],
    *,
    actor: str,
    now: datetime.datetime,
    replies: Mapping[str, str] | None = None,
    attachments: Iterable[AttachmentRef] | None = None,
) -> Submission:
    """Answer the open correction round: ``changes`` (field → new raw answer) and ``replies``
    (field → text) for the flagged fields. Raises ``correction.none_open`` without an open
    round, ``correction.field_not_flagged`` for a change or reply to another field,
    ``correction.unresolved`` listing the flagged fields neither changed nor replied to, and
    :class:`~govforms.ValidationErrors` for changed answers that do not validate. Returns the
    submission with the new answers (a new version) and the round answered; it stays
    ``returned`` until the resident resubmits."""
    current = submission.open_correction
    if submission.status != Status.RETURNED or current is None:
        raise GovFormsError("correction.none_open")
    replies = dict(replies or {})
    flagged = [item.field for item in current.items]
    for name in (*changes, *replies):
        if name not in flagged:
            raise GovFormsError("correction.field_not_flagged", field=str(name)[:64])
    texts = {name: _text(reply, name) for name, reply in replies.items()}
    answers = form.revalidate(submission.answers, changes)
    changed = {name for name in flagged if answers.get(name) != submission.answers.get(name)}
    unresolved = [name for name in flagged if name not in changed and name not in texts]
    if unresolved:
        raise GovFormsError("correction.unresolved", fields=unresolved)
    check_entry_text(actor, None)
    at = to_jst(now)
    answered = current.model_copy(
        update={
            "items": tuple(
                item.model_copy(
                    update={"reply": texts.get(item.field), "changed": item.field in changed}
                )
                for item in current.items
            ),
            "resolved_by": actor,
            "resolved_at": at,
        }
    )
    refs = tuple(attachments) if attachments is not None else submission.attachments
    if form.attachments is not None:
        from govforms.submissions.attachments import check_attachments

        check_attachments(refs, form.attachments)
    updates: dict[str, Any] = {
        "corrections": (*submission.corrections[:-1], answered),
        "attachments": refs,
    }
    if changed or attachments is not None:
        updates.update(submission._new_version_changes())
        updates.update(answers=answers, fee=form.fee(answers), signature=None)
    corrected = submission.model_copy(update=updates)
    note = "corrected: " + ", ".join(sorted(changed)) if changed else "replied"
    return corrected._record(
        action="corrected",
        actor=actor,
        role="resident",
        now=at,
        note=note,
        digest=corrected.payload_digest(),
    )
