"""The digital window: messages with read state and notifications."""

from __future__ import annotations

import datetime

from govforms.submissions import AttachmentRef, FormDefinition, Notifier, Submission
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, RecordingNotifier

FORM = FormDefinition.from_dict(
    {
        "id": "free",
        "version": 1,
        "title": {"ja": "無料", "en": "Free"},
        "fields": [{"name": "a", "type": "text", "label": {"ja": "A", "en": "A"}}],
    }
)
LATER = NOW + datetime.timedelta(hours=1)


def _submitted() -> Submission:
    sub = Submission.create(FORM, FORM.validate({"a": "x"}), actor="r", now=NOW, new_id=lambda: "s")
    return sub.transition("submitted", actor="r", role="resident", now=NOW)


def test_conversation_with_read_state() -> None:
    notifier = RecordingNotifier()
    assert isinstance(notifier, Notifier)
    photo = AttachmentRef.from_bytes("写真.jpg", "image/jpeg", b"\xff\xd8\xff")
    sub = _submitted().post_message(
        "  本人確認書類の写しを添付してください。\r\n",
        sender="staff-7",
        sender_role="staff",
        now=NOW,
        message_id="m1",
        notifier=notifier,
    )
    sub = sub.post_message(
        "",
        sender="resident-1",
        sender_role="resident",
        attachments=[photo],
        now=LATER,
        message_id="m2",
        notifier=notifier,
    )
    first, second = sub.messages
    assert (
        first.body == "本人確認書類の写しを添付してください。"
        and first.recipient_role == "resident"
    )
    assert second.attachments == (photo,) and second.recipient_role == "staff"
    assert [(n.kind, n.recipient_role, n.message_id) for n in notifier.sent] == [
        ("message", "resident", "m1"),
        ("message", "staff", "m2"),
    ]
    assert "本人確認" not in repr(notifier.sent[0])
    assert [m.id for m in sub.unread_messages("resident")] == ["m1"]
    assert [m.id for m in sub.unread_messages("staff")] == ["m2"]
    read = sub.mark_messages_read(reader="resident-1", reader_role="resident", now=LATER)
    assert read.unread_messages("resident") == ()
    assert read.messages[0].read_at == LATER and read.messages[0].read_by == "resident-1"
    assert read.messages[1].read_at is None  # one's own message is not marked
    assert sub.messages[0].read_at is None  # the earlier snapshot is unchanged
    assert Submission.from_json(read.to_json()) == read
    assert read.history == sub.history  # messages are not status changes


def test_mark_selected_messages() -> None:
    sub = _submitted()
    for index in range(3):
        sub = sub.post_message(
            f"{index}", sender="s", sender_role="staff", now=NOW, message_id=f"m{index}"
        )
    read = sub.mark_messages_read(reader="r", reader_role="resident", now=LATER, message_ids=["m1"])
    assert [m.id for m in read.unread_messages("resident")] == ["m0", "m2"]


def test_message_rules() -> None:
    draft = Submission.create(FORM, FORM.validate({"a": "x"}), actor="r", now=NOW)
    with raises_code("submission.not_submitted"):
        draft.post_message("hello", sender="s", sender_role="staff", now=NOW)
    sub = _submitted()
    with raises_code("submission.message_empty"):
        sub.post_message(" \r\n ", sender="s", sender_role="staff", now=NOW)
    with raises_code("submission.message_too_long", max_length=10_000, length=10_001):
        sub.post_message("あ" * 10_001, sender="s", sender_role="staff", now=NOW)
    with raises_code("submission.actor_invalid"):
        sub.post_message("a", sender="", sender_role="staff", now=NOW)
    with raises_code("submission.message_id_invalid"):
        sub.post_message("a", sender="s", sender_role="staff", now=NOW, message_id="x" * 101)
    with raises_code("field.type", expected="string"):
        sub.post_message(None, sender="s", sender_role="staff", now=NOW)  # type: ignore[arg-type]
    once = sub.post_message("a", sender="s", sender_role="staff", now=NOW, message_id="m")
    with raises_code("submission.message_duplicate"):
        once.post_message("b", sender="s", sender_role="staff", now=NOW, message_id="m")
    with raises_code("submission.naive_datetime"):
        sub.post_message("a", sender="s", sender_role="staff", now=datetime.datetime(2026, 1, 1))
