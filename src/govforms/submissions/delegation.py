"""Who applies, for whom: the application envelope and delegation (委任).

Modelled on the application envelope of the Digital Agency's online application services (the
"A票" header every application carries). The fields taken, as the issue lists them:

==================  ===========================================================================
envelope field      meaning
==================  ===========================================================================
``recipient``       宛先: the office applied to (``"千代田区長"``, or a local government code)
``date``            申請日: the date of the application (Japan date)
``applicant``       申請者: the person filling in and submitting (name, kana, birth date, address)
``contact``         連絡先: telephone and/or e-mail address for this application
``role``            申請者の立場: ``self``, ``agent`` (代理人), ``guardian`` (親権者・後見人 as
                    a parent or guardian) or ``legal_representative`` (法定代理人)
``delegation``      委任者 and 委任の範囲: the person concerned (``delegator``), the ``scope`` of
                    what was delegated, the date it was granted and the 委任状 (``evidence``)
==================  ===========================================================================

A form says what it accepts with a :class:`DelegationPolicy` (``"delegation"`` in the definition):
whether an envelope is required before submission, which roles may apply, whether a 委任状 must
be attached when the applicant is not the person concerned, and which scope items the 委任状
must cover. The 委任状 is an :class:`~govforms.submissions.AttachmentRef` that must also be one of
the submission's attachments, so it went through the form's content checks.

When the applicant is not the person concerned, the applicant signs: a JPKI signature is compared
with the envelope's ``applicant`` (name, and birth date when given), not with the answers.

The envelope is signed with the answers (``"envelope"`` in the signing payload) and holds
personal data: reprs show the role only, and a retention run removes it.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
)

from govforms.errors import FieldError, GovFormsError
from govforms.submissions._safe_errors import PrivateModel
from govforms.submissions.attachments import AttachmentRef, check_attachments

if TYPE_CHECKING:
    from govforms.submissions.forms import FormDefinition
    from govforms.submissions.model import Submission

__all__ = [
    "ApplicantRole",
    "Contact",
    "Delegation",
    "DelegationPolicy",
    "Envelope",
    "Person",
    "check_envelope",
    "set_envelope",
]

_TEXT = Annotated[str, Field(min_length=1, max_length=200)]


class ApplicantRole(enum.StrEnum):
    """The applicant's standing towards the person the application concerns."""

    SELF = "self"
    AGENT = "agent"
    GUARDIAN = "guardian"
    LEGAL_REPRESENTATIVE = "legal_representative"


class Person(PrivateModel):
    """A person named on the envelope: ``name`` (as on the residence record), optional
    ``kana``, ``birth_date`` and ``address``."""

    name: _TEXT
    kana: _TEXT | None = None
    birth_date: datetime.date | None = None
    address: Annotated[str, Field(min_length=1, max_length=400)] | None = None

    def __repr__(self) -> str:
        return "Person(***)"

    __str__ = __repr__


class Contact(PrivateModel):
    """How the office reaches the applicant about this application: ``phone`` and/or
    ``email`` (the host validates them with :mod:`govforms.fields` before building this)."""

    phone: Annotated[str, Field(min_length=1, max_length=30)] | None = None
    email: Annotated[str, Field(min_length=3, max_length=254)] | None = None

    def __repr__(self) -> str:
        return "Contact(***)"

    __str__ = __repr__


class Delegation(PrivateModel):
    """委任: the ``delegator`` (the person concerned), what they delegated (``scope``, e.g.
    ``("住民票の写しの請求", "受領")``), when (``granted_on``) and the 委任状 (``evidence``)."""

    delegator: Person
    scope: Annotated[tuple[_TEXT, ...], Field(min_length=1, max_length=20)]
    granted_on: datetime.date | None = None
    evidence: AttachmentRef | None = None

    def __repr__(self) -> str:
        return f"Delegation(scope={list(self.scope)!r}, evidence={self.evidence is not None})"

    __str__ = __repr__


class Envelope(PrivateModel):
    """The application envelope (see the module docstring for the fields)."""

    recipient: _TEXT
    date: datetime.date
    applicant: Person
    contact: Contact
    role: ApplicantRole = ApplicantRole.SELF
    delegation: Delegation | None = None

    def __repr__(self) -> str:
        return f"Envelope(role={self.role.value!r}, delegation={self.delegation is not None})"

    __str__ = __repr__

    def signed_data(self) -> dict[str, Any]:
        """What is signed: every field, with the 委任状 by its signed reference fields."""
        data = self.model_dump(mode="json", exclude={"delegation"})
        if self.delegation is not None:
            delegation = self.delegation.model_dump(mode="json", exclude={"evidence"})
            evidence = self.delegation.evidence
            delegation["evidence"] = evidence.signed_fields() if evidence is not None else None
            data["delegation"] = delegation
        return data


class DelegationPolicy(BaseModel):
    """What a form accepts (``"delegation"`` in a form definition): ``require_envelope`` before
    submission, the ``allowed_roles``, ``require_evidence`` (a 委任状 when the role is not
    ``self``) and the scope items a delegation must cover (``required_scope``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    require_envelope: StrictBool = False
    allowed_roles: Annotated[tuple[ApplicantRole, ...], Field(min_length=1)] = tuple(ApplicantRole)
    require_evidence: StrictBool = True
    required_scope: tuple[_TEXT, ...] = ()

    @field_validator("allowed_roles")
    @classmethod
    def _unique(cls, value: tuple[ApplicantRole, ...]) -> tuple[ApplicantRole, ...]:
        return tuple(dict.fromkeys(value))


def check_envelope(
    envelope: Envelope, policy: DelegationPolicy | None, attachments: Sequence[AttachmentRef]
) -> None:
    """Raise the first problem of ``envelope`` under ``policy`` (``None``: any role, evidence
    required for a delegation): ``delegation.role_not_allowed``, ``delegation.unexpected`` (a
    delegation with role ``self``), ``delegation.delegator_required``,
    ``delegation.evidence_required``, ``delegation.evidence_not_attached`` (the 委任状 is not one
    of ``attachments``) or ``delegation.scope_insufficient``; an envelope without a telephone
    number or an e-mail address is ``delegation.contact_missing``."""
    rules = policy if policy is not None else DelegationPolicy()
    if envelope.contact.phone is None and envelope.contact.email is None:
        raise FieldError("delegation.contact_missing")
    if envelope.role not in rules.allowed_roles:
        raise FieldError(
            "delegation.role_not_allowed",
            role=envelope.role.value,
            allowed=[role.value for role in rules.allowed_roles],
        )
    delegation = envelope.delegation
    if envelope.role is ApplicantRole.SELF:
        if delegation is not None:
            raise FieldError("delegation.unexpected")
        return
    if delegation is None:
        raise FieldError("delegation.delegator_required", role=envelope.role.value)
    evidence = delegation.evidence
    if evidence is None:
        if rules.require_evidence:
            raise FieldError("delegation.evidence_required", role=envelope.role.value)
    elif not any(
        ref.sha256 == evidence.sha256 and ref.size == evidence.size for ref in attachments
    ):
        raise FieldError("delegation.evidence_not_attached")
    missing = [item for item in rules.required_scope if item not in delegation.scope]
    if missing:
        raise FieldError("delegation.scope_insufficient", missing=missing)


def set_envelope(
    submission: Submission,
    form: FormDefinition,
    envelope: Envelope,
    *,
    actor: str,
    now: datetime.datetime,
    attachments: Iterable[AttachmentRef] | None = None,
) -> Submission:
    """``submission`` (a draft, or returned for correction) with a new ``envelope`` and, when
    given, new ``attachments`` (to add a 委任状), checked against ``form``'s policies. What is
    signed changes, so any signature is dropped; the history records the new payload digest.
    ``submission.not_editable`` in another status."""
    submission._editable()
    if form.id != submission.form_id:
        raise GovFormsError("submission.form_mismatch", form_id=form.id)
    refs = tuple(attachments) if attachments is not None else submission.attachments
    if form.attachments is not None:
        check_attachments(refs, form.attachments)
    check_envelope(envelope, form.delegation, refs)
    updated = submission.model_copy(
        update={
            "envelope": envelope,
            "attachments": refs,
            "signature": None,
            "delegation_policy": form.delegation,
        }
    )
    return updated._record(
        action="envelope",
        actor=actor,
        role="resident",
        now=now,
        note=f"envelope: {envelope.role.value}",
        digest=updated.payload_digest(),
    )
