"""The digital window (デジタル窓口): staff and resident keep talking after submission.

Messages live on the submission (:attr:`Submission.messages
<govforms.submissions.Submission.messages>`), each with its sender's role, body, attachment
references and read state. Posting a message or changing a submission's status can tell the
other side through a host-supplied :class:`Notifier` (the host sends the e-mail or push message;
govforms sends nothing itself). A :class:`Notification` holds ids and the kind of event only —
never the message body or any answer — so it is safe to queue and log; the host renders the
e-mail from its own templates and links the resident to the window.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Annotated, Literal, Protocol, TypeAlias, runtime_checkable

import attrs
from pydantic import AwareDatetime, Field

from govforms._text import check_str
from govforms.errors import GovFormsError
from govforms.submissions._safe_errors import PrivateModel
from govforms.submissions.attachments import AttachmentRef
from govforms.submissions.lifecycle import check_entry_text

__all__ = [
    "Message",
    "Notification",
    "NotificationKind",
    "Notifier",
    "Party",
    "mark_read",
    "new_message",
]

Party: TypeAlias = Literal["resident", "staff"]
NotificationKind: TypeAlias = Literal["message", "status_changed"]
_MAX_BODY = 10_000


class Message(PrivateModel):
    """One message on a submission. ``read_at``/``read_by`` are set when the other side reads it."""

    id: Annotated[str, Field(min_length=1, max_length=100)]
    at: AwareDatetime
    sender: Annotated[str, Field(min_length=1, max_length=200)]
    sender_role: Party
    body: Annotated[str, Field(max_length=_MAX_BODY, repr=False)]
    attachments: tuple[AttachmentRef, ...] = ()
    read_at: AwareDatetime | None = None
    read_by: Annotated[str, Field(min_length=1, max_length=200)] | None = None

    @property
    def recipient_role(self) -> Party:
        """The side the message is for."""
        return "staff" if self.sender_role == "resident" else "resident"


@attrs.frozen(slots=True)
class Notification:
    """Something the other side should hear about: ids and the kind of event, no content."""

    kind: NotificationKind
    submission_id: str
    receipt_number: str
    recipient_role: Party
    message_id: str | None = None
    status: str | None = None


@runtime_checkable
class Notifier(Protocol):
    """Implemented by the host: deliver a notification (send an e-mail, queue a push)."""

    def notify(self, notification: Notification) -> None: ...


def new_message(
    *,
    message_id: str,
    sender: str,
    sender_role: Party,
    body: str,
    attachments: tuple[AttachmentRef, ...] = (),
    now: datetime.datetime,
) -> Message:
    """A message; an empty body without attachments is ``submission.message_empty``."""
    check_entry_text(sender, None)
    if not isinstance(message_id, str) or not 1 <= len(message_id) <= 100:
        raise GovFormsError("submission.message_id_invalid")
    text = check_str(body, "string").replace("\r\n", "\n").strip()
    if not text and not attachments:
        raise GovFormsError("submission.message_empty")
    if len(text) > _MAX_BODY:
        raise GovFormsError("submission.message_too_long", max_length=_MAX_BODY, length=len(text))
    return Message(
        id=message_id,
        at=now,
        sender=sender,
        sender_role=sender_role,
        body=text,
        attachments=attachments,
    )


def mark_read(
    messages: tuple[Message, ...],
    *,
    reader: str,
    reader_role: Party,
    now: datetime.datetime,
    which: Callable[[Message], bool] = lambda message: True,
) -> tuple[Message, ...]:
    """``messages`` with every unread message addressed to ``reader_role`` (and selected by
    ``which``) marked read by ``reader`` at ``now``. A party's own messages are never touched."""
    return tuple(
        message.model_copy(update={"read_at": now, "read_by": reader})
        if message.read_at is None and message.recipient_role == reader_role and which(message)
        else message
        for message in messages
    )
