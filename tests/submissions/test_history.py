"""The hash-chained history and verify_history()."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from govforms.identity.testing import FakeJPKI, FakeMyNumberCard
from govforms.submissions import (
    HISTORY_FORMAT,
    FormDefinition,
    Submission,
    canonical_json,
    verify_history,
)
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, draft, paid, signed


def lived(form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard) -> Submission:
    sub = signed(form, jpki, card)
    for status, role in (("submitted", "resident"), ("accepted", "staff"), ("in_review", "staff")):
        sub = sub.transition(status, actor=f"{role}-1", role=role, now=NOW)  # type: ignore[arg-type]
    sub = paid(sub)
    return sub.transition("approved", actor="staff-1", role="staff", now=NOW, note="ok")


def test_every_entry_links_to_the_one_before(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = lived(form, jpki, card)
    anchor = hashlib.sha256(
        canonical_json(
            {"format": HISTORY_FORMAT, "submission": sub.id, "receipt": sub.receipt_number}
        )
    ).hexdigest()
    assert sub.history[0].prev_hash == anchor
    for before, entry in zip(sub.history, sub.history[1:], strict=False):
        assert entry.prev_hash == before.entry_hash
    for entry in sub.history:
        fields = entry.model_dump(mode="json", exclude={"entry_hash"})
        data = canonical_json({"format": HISTORY_FORMAT, "entry": fields})
        assert entry.entry_hash == hashlib.sha256(data).hexdigest()
    assert sub.history[0].payload_digest == draft(form).payload_digest()
    result = verify_history(sub, expected_head=sub.history_head)
    assert result.entries == len(sub.history) and result.head == sub.history[-1].entry_hash
    assert result.anchored_digest == sub.payload_digest()


def test_entries_cannot_move_to_another_submission(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = lived(form, jpki, card)
    data = json.loads(sub.to_json(reveal_my_number=True))
    data["id"] = "sub-2"
    with raises_code("history.anchor_mismatch", index=0):
        verify_history(Submission.model_validate(data))


def test_a_signature_not_recorded_in_the_chain(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    sub = lived(form, jpki, card)
    other = signed(form, jpki, card, copies="3")
    assert other.signature is not None
    forged = sub.model_copy(
        update={"signature": other.signature.model_copy(update={"payload_digest": "f" * 64})}
    )
    assert [e.action for e in sub.history][2] == "transition"  # submitted: the last digest
    with raises_code("history.anchor_mismatch", index=2):
        verify_history(forged)


def _json(form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard) -> dict[str, Any]:
    return json.loads(lived(form, jpki, card).to_json(reveal_my_number=True))  # type: ignore[no-any-return]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_edit_of_one_entry_is_pinpointed(data: st.DataObject) -> None:
    form = FormDefinition.load("tests/submissions/data/juminhyo-copy.json")
    jpki = FakeJPKI(clock=lambda: NOW, seed=1)
    card = jpki.issue_card(name="試験　太郎")
    stored = _json(form, jpki, card)
    index = data.draw(st.integers(min_value=0, max_value=len(stored["history"]) - 1))
    entry = stored["history"][index]
    key = data.draw(st.sampled_from(["at", "actor", "note", "role"]))
    entry[key] = {
        "at": "2027-01-01T00:00:00+09:00",
        "actor": "someone-else",
        "note": data.draw(st.text(min_size=1, max_size=5)),
        "role": "system" if entry["role"] != "system" else "staff",
    }[key]
    if entry[key] == lived(form, jpki, card).history[index].model_dump(mode="json")[key]:
        return
    with raises_code("history.entry_altered", index=index, seq=index + 1):
        verify_history(Submission.model_validate(stored))
