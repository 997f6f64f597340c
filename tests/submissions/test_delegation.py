"""The application envelope: who applies, for whom, with which 委任状."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from govforms.identity.testing import FakeJPKI, FakeMyNumberCard
from govforms.submissions import (
    ApplicantRole,
    AttachmentRef,
    Contact,
    Delegation,
    DelegationPolicy,
    Envelope,
    FormDefinition,
    Person,
    Submission,
    check_envelope,
    set_envelope,
    verify_history,
)
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, raw_answers, verify_options

LETTER = AttachmentRef.from_bytes("委任状.pdf", "application/pdf", b"%PDF-1.7 letter")
OTHER = AttachmentRef.from_bytes("other.pdf", "application/pdf", b"%PDF-1.7 other")
AGENT = Person(name="代理 花子", birth_date=datetime.date(1985, 5, 5), address="東京都港区")
PRINCIPAL = Person(name="試験 太郎", birth_date=datetime.date(1980, 1, 1))


def envelope(role: ApplicantRole = ApplicantRole.AGENT, **changes: Any) -> Envelope:
    delegation = Delegation(delegator=PRINCIPAL, scope=("住民票の写しの請求",), evidence=LETTER)
    data: dict[str, Any] = {
        "recipient": "千代田区長",
        "date": datetime.date(2026, 11, 27),
        "applicant": AGENT,
        "contact": Contact(phone="+81312345678"),
        "role": role,
        "delegation": delegation if role is not ApplicantRole.SELF else None,
    }
    data.update(changes)
    return Envelope(**data)


def test_roles() -> None:
    assert [r.value for r in ApplicantRole] == [
        "self",
        "agent",
        "guardian",
        "legal_representative",
    ]


def test_a_valid_envelope_passes() -> None:
    check_envelope(envelope(), None, [OTHER, LETTER])
    check_envelope(envelope(ApplicantRole.SELF), DelegationPolicy(), [])
    check_envelope(
        envelope(delegation=Delegation(delegator=PRINCIPAL, scope=("x",))),
        DelegationPolicy(require_evidence=False),
        [],
    )


@pytest.mark.parametrize(
    ("env", "policy", "attachments", "code", "params"),
    [
        (
            envelope(ApplicantRole.GUARDIAN),
            DelegationPolicy(allowed_roles=(ApplicantRole.SELF, ApplicantRole.AGENT)),
            [LETTER],
            "delegation.role_not_allowed",
            {"role": "guardian", "allowed": ["self", "agent"]},
        ),
        (
            envelope(ApplicantRole.SELF, delegation=Delegation(delegator=PRINCIPAL, scope=("x",))),
            None,
            [],
            "delegation.unexpected",
            {},
        ),
        (envelope(delegation=None), None, [], "delegation.delegator_required", {"role": "agent"}),
        (
            envelope(
                ApplicantRole.LEGAL_REPRESENTATIVE,
                delegation=Delegation(delegator=PRINCIPAL, scope=("x",)),
            ),
            DelegationPolicy(),
            [],
            "delegation.evidence_required",
            {"role": "legal_representative"},
        ),
        (envelope(), None, [OTHER], "delegation.evidence_not_attached", {}),
        (envelope(contact=Contact()), None, [LETTER], "delegation.contact_missing", {}),
        (
            envelope(),
            DelegationPolicy(required_scope=("住民票の写しの請求", "受領")),
            [LETTER],
            "delegation.scope_insufficient",
            {"missing": ["受領"]},
        ),
    ],
)
def test_envelope_refusals(
    env: Envelope,
    policy: DelegationPolicy | None,
    attachments: list[AttachmentRef],
    code: str,
    params: dict[str, Any],
) -> None:
    with raises_code(code, **params):
        check_envelope(env, policy, attachments)


def test_reprs_hide_personal_data() -> None:
    env = envelope()
    for text in (repr(env), str(env), repr(env.applicant), repr(env.contact), repr(env.delegation)):
        assert "代理" not in text and "試験" not in text and "8131" not in text
    assert "agent" in repr(env)


def _form(form: FormDefinition, **extra: Any) -> FormDefinition:
    return FormDefinition.from_dict({**form.model_dump(by_alias=True, exclude_none=True), **extra})


def test_form_requires_an_envelope_before_submission(form: FormDefinition) -> None:
    strict = _form(form, requires_signature=False, delegation={"require_envelope": True})
    sub = Submission.create(strict, strict.validate(raw_answers()), actor="r", now=NOW)
    with raises_code("delegation.envelope_required"):
        sub.transition("submitted", actor="r", role="resident", now=NOW)
    with_letter = Submission.create(
        strict,
        strict.validate(raw_answers()),
        actor="r",
        now=NOW,
        attachments=[LETTER],
        envelope=envelope(),
    )
    moved = with_letter.transition("submitted", actor="r", role="resident", now=NOW)
    assert moved.envelope is not None and moved.envelope.role is ApplicantRole.AGENT
    with raises_code("delegation.evidence_not_attached"):
        Submission.create(
            strict, strict.validate(raw_answers()), actor="r", now=NOW, envelope=envelope()
        )


def test_the_envelope_is_signed_and_the_applicant_signs(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    answers = form.validate(raw_answers())
    plain = Submission.create(form, answers, actor="r", now=NOW, new_id=lambda: "s")
    assert b"envelope" not in plain.signing_payload()
    sub = Submission.create(
        form, answers, actor="r", now=NOW, attachments=[LETTER], envelope=envelope()
    )
    payload = sub.signing_payload()
    assert b'"envelope":{' in payload and LETTER.sha256.encode() in payload
    # The person concerned's own card does not match the agent who applies.
    with raises_code("submission.signer_mismatch", items=["name", "birth_date"]):
        sub.attach_signature(
            card.sign(payload, pin="ABC123"),
            card.signature_certificate,
            actor="r",
            now=NOW,
            **verify_options(jpki),
        )
    agent = jpki.issue_card(name="代理　花子", birth_date=datetime.date(1985, 5, 5))
    signed = sub.attach_signature(
        agent.sign(payload, pin="ABC123"),
        agent.signature_certificate,
        actor="r",
        now=NOW,
        **verify_options(jpki),
    )
    assert signed.verify_signature(**verify_options(jpki)).identity.name == "代理　花子"
    changed = signed.model_copy(update={"envelope": envelope(recipient="港区長")})
    with raises_code("submission.payload_changed"):
        changed.verify_signature(**verify_options(jpki))


def test_set_envelope_on_a_returned_submission(
    form: FormDefinition, jpki: FakeJPKI, card: FakeMyNumberCard
) -> None:
    definition = _form(form, delegation={"required_scope": ["住民票の写しの請求", "受領"]})
    sub = Submission.create(definition, definition.validate(raw_answers()), actor="r", now=NOW)
    with raises_code("delegation.scope_insufficient", missing=["受領"]):
        set_envelope(sub, definition, envelope(), actor="r", now=NOW, attachments=[LETTER])
    wider = envelope(
        delegation=Delegation(
            delegator=PRINCIPAL, scope=("住民票の写しの請求", "受領"), evidence=LETTER
        )
    )
    updated = set_envelope(sub, definition, wider, actor="r", now=NOW, attachments=[LETTER])
    assert updated.envelope == wider and updated.attachments == (LETTER,)
    last = updated.history[-1]
    assert last.action == "envelope" and last.payload_digest == updated.payload_digest()
    assert verify_history(updated).anchored_digest == updated.payload_digest()
    moved = updated.transition("withdrawn", actor="r", role="resident", now=NOW)
    with raises_code("submission.not_editable", status="withdrawn"):
        set_envelope(moved, definition, wider, actor="r", now=NOW)
    other = FormDefinition.from_dict({**definition.model_dump(by_alias=True), "id": "other"})
    with raises_code("submission.form_mismatch", form_id="other"):
        set_envelope(updated, other, wider, actor="r", now=NOW)
