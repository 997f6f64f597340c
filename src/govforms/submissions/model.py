"""The submission: answers, evidence, status, history and messages of one application.

A :class:`Submission` is immutable: every operation (:meth:`~Submission.transition`,
:meth:`~Submission.attach_signature`, :meth:`~Submission.attach_payment`,
:meth:`~Submission.amend`, :meth:`~Submission.post_message`...) returns a new submission with one
more :class:`~govforms.submissions.HistoryEntry` where it changed something that matters. The
host stores the new value (and may keep the old ones: they are snapshots).

It serialises to JSON and back losslessly (``to_json`` / ``from_json``, or pydantic's
``model_dump_json`` / ``model_validate_json``). My Numbers in the answers are masked unless the
dump is given ``context=REVEAL_MY_NUMBER`` (``to_json(reveal_my_number=True)``): a masked copy
loads back with :class:`~govforms.submissions.MaskedMyNumber` in their place, which cannot be
signed or exported.

All times are aware and recorded in Japan time (JST, UTC+9); every operation takes ``now``.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Final

from pydantic import (
    AwareDatetime,
    Field,
    StrictInt,
    model_validator,
)
from pydantic_core import PydanticCustomError

from govforms.errors import GovFormsError
from govforms.fields import REVEAL_MY_NUMBER
from govforms.identity import TrustStore, VerifiedSignature, verify_signature
from govforms.payments import Payment
from govforms.submissions._safe_errors import PrivateModel
from govforms.submissions.answers import AnswerVersion, MaskedMyNumber, ValidatedAnswers
from govforms.submissions.attachments import AttachmentRef, check_attachments
from govforms.submissions.corrections import CorrectionRound
from govforms.submissions.delegation import (
    ApplicantRole,
    DelegationPolicy,
    Envelope,
    check_envelope,
)
from govforms.submissions.evidence import (
    PaymentRecord,
    SignatureEvidence,
    SignatureVerifier,
    check_payload,
    check_signer,
    evidence_from,
)
from govforms.submissions.forms import FormDefinition, SignerFields
from govforms.submissions.history import anchor_hash, new_entry
from govforms.submissions.lifecycle import (
    HistoryAction,
    HistoryEntry,
    Role,
    Status,
    check_entry_text,
    check_transition,
    parse_status,
)
from govforms.submissions.pay_after_review import FeeRequest
from govforms.submissions.payload import PAYLOAD_FORMAT, signed_payload
from govforms.submissions.receipts import RandomReceiptNumbers, ReceiptNumberGenerator, to_jst
from govforms.submissions.retention import RetentionPolicy
from govforms.submissions.window import (
    Message,
    Notification,
    Notifier,
    Party,
    mark_read,
    new_message,
)

__all__ = ["PAYLOAD_FORMAT", "Submission"]

_EDITABLE: Final = frozenset({Status.DRAFT, Status.RETURNED})


def _new_id() -> str:
    """A random id (``uuid4().hex``): the default for submissions, drafts and messages."""
    return uuid.uuid4().hex


def _check_form_rules(
    form: FormDefinition, refs: tuple[AttachmentRef, ...], envelope: Envelope | None
) -> None:
    if form.attachments is not None:
        check_attachments(refs, form.attachments)
    if envelope is not None:
        check_envelope(envelope, form.delegation, refs)


class Submission(PrivateModel):
    """One application to one version of one form (see the module docstring)."""

    id: Annotated[str, Field(min_length=1, max_length=100)]
    receipt_number: Annotated[str, Field(min_length=1, max_length=64)]
    form_id: str
    form_version: StrictInt
    revision: Annotated[StrictInt, Field(ge=1)] = 1
    answers: ValidatedAnswers
    fee: Annotated[StrictInt, Field(ge=0)]
    requires_signature: bool
    signer: SignerFields | None = None
    payment_methods: tuple[str, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    created_at: AwareDatetime
    submitted_at: AwareDatetime | None = None
    status: Status
    history: Annotated[tuple[HistoryEntry, ...], Field(min_length=1)]
    payment: PaymentRecord | None = None
    signature: SignatureEvidence | None = None
    messages: tuple[Message, ...] = ()
    envelope: Envelope | None = None
    delegation_policy: DelegationPolicy | None = None
    fee_request: FeeRequest | None = None
    corrections: tuple[CorrectionRound, ...] = ()
    versions: tuple[AnswerVersion, ...] = ()
    retention: RetentionPolicy | None = None
    redacted_at: AwareDatetime | None = None

    def __repr__(self) -> str:
        # No personal data in a repr: ids, form and status only.
        return (
            f"Submission(id={self.id!r}, receipt_number={self.receipt_number!r}, "
            f"form={self.form_id!r}, version={self.form_version}, status={self.status.value!r})"
        )

    __str__ = __repr__

    @model_validator(mode="after")
    def _consistent(self) -> Submission:
        if self.answers.form_id != self.form_id or self.answers.form_version != self.form_version:
            # The catalogue's params travel as ctx, as from every other coded pydantic error.
            raise PydanticCustomError(
                "form.answers_mismatch",
                "answers are for another form",
                {"form_id": self.answers.form_id, "form_version": self.answers.form_version},
            )
        seqs = [entry.seq for entry in self.history]
        if seqs != list(range(1, len(seqs) + 1)) or self.history[-1].to_status != self.status:
            raise PydanticCustomError("submission.history_invalid", "history does not add up")
        return self

    # --- creating and serialising ---------------------------------------------------------------

    @classmethod
    def create(
        cls,
        form: FormDefinition,
        answers: ValidatedAnswers,
        *,
        actor: str,
        now: datetime.datetime,
        role: Role = "resident",
        attachments: Iterable[AttachmentRef] = (),
        envelope: Envelope | None = None,
        receipt_numbers: ReceiptNumberGenerator | None = None,
        new_id: Callable[[], str] = _new_id,
    ) -> Submission:
        """A draft of ``answers`` (validated by ``form``), with a receipt number and the fee.
        ``role`` is ``"staff"`` when staff enter an application at the counter. Attachments are
        checked against the form's attachment policy and the ``envelope`` (who applies, for
        whom) against its delegation policy."""
        form.check_answers(answers)
        check_entry_text(actor, None)
        refs = tuple(attachments)
        _check_form_rules(form, refs, envelope)
        at = to_jst(now)
        generate = receipt_numbers if receipt_numbers is not None else RandomReceiptNumbers()
        submission_id = new_id()
        receipt_number = generate(now=at)
        fee = form.fee(answers)
        payload = signed_payload(
            form.id, form.version, receipt_number, answers, refs, fee, envelope
        )
        entry = new_entry(
            seq=1,
            at=at,
            actor=actor,
            role=role,
            action="created",
            from_status=None,
            to_status=Status.DRAFT,
            note=None,
            payload_digest=hashlib.sha256(payload).hexdigest(),
            prev_hash=anchor_hash(submission_id, receipt_number),
        )
        return cls(
            id=submission_id,
            receipt_number=receipt_number,
            form_id=form.id,
            form_version=form.version,
            answers=answers,
            fee=fee,
            requires_signature=form.requires_signature,
            signer=form.signer_fields(),
            payment_methods=form.payment_methods,
            attachments=refs,
            created_at=at,
            status=Status.DRAFT,
            history=(entry,),
            envelope=envelope,
            delegation_policy=form.delegation,
            retention=form.retention,
        )

    def to_json(self, *, reveal_my_number: bool = False) -> str:
        """JSON text; My Numbers masked unless ``reveal_my_number``."""
        return self.model_dump_json(context=REVEAL_MY_NUMBER if reveal_my_number else None)

    @classmethod
    def from_json(cls, data: str | bytes) -> Submission:
        """Load :meth:`to_json` output (pydantic's ``ValidationError`` on malformed data)."""
        return cls.model_validate_json(data)

    # --- what is signed -------------------------------------------------------------------------

    def signing_payload(self) -> bytes:
        """The bytes the resident signs: RFC 8785 canonical JSON of the payload format, form id
        and version, receipt number, answers (My Numbers in clear), attachment references
        (name, content type, size, SHA-256), fee and, when there is one, the application
        envelope (who applies for whom). A masked My Number cannot be signed
        (``submission.my_number_withheld``)."""
        for path in self.answers.my_number_paths:
            value: Any = self.answers
            for part in path:
                value = value[part]
            if isinstance(value, MaskedMyNumber):
                value.reveal()
        return signed_payload(
            self.form_id,
            self.form_version,
            self.receipt_number,
            self.answers,
            self.attachments,
            self.fee,
            self.envelope,
        )

    def payload_digest(self) -> str:
        """SHA-256 (hex) of :meth:`signing_payload`."""
        return hashlib.sha256(self.signing_payload()).hexdigest()

    @property
    def history_head(self) -> str:
        """The hash of the last history entry: keep it elsewhere to detect a rewritten chain
        (:func:`~govforms.submissions.verify_history`)."""
        return self.history[-1].entry_hash

    # --- history helper -------------------------------------------------------------------------

    def _record(
        self,
        *,
        action: HistoryAction,
        actor: str,
        role: Role,
        now: datetime.datetime,
        to_status: Status | None = None,
        note: str | None = None,
        digest: str | None = None,
        **changes: Any,
    ) -> Submission:
        check_entry_text(actor, note)
        entry = new_entry(
            seq=len(self.history) + 1,
            at=to_jst(now),
            actor=actor,
            role=role,
            action=action,
            from_status=self.status,
            to_status=to_status or self.status,
            note=note,
            payload_digest=digest,
            prev_hash=self.history[-1].entry_hash,
        )
        changes["history"] = (*self.history, entry)
        if to_status is not None:
            changes["status"] = to_status
        return self.model_copy(update=changes)

    def _new_version_changes(self) -> dict[str, Any]:
        """The updates that start a new answer version: ``revision`` + 1 and the current
        answers kept in ``versions`` (for the modules that amend a submission)."""
        kept = AnswerVersion(
            revision=self.revision,
            answers=self.answers,
            payload_digest=self._last_digest(),
            recorded_at=self.history[-1].at,
        )
        return {"revision": self.revision + 1, "versions": (*self.versions, kept)}

    def _last_digest(self) -> str | None:
        """The last payload digest the history recorded."""
        return next(
            (e.payload_digest for e in reversed(self.history) if e.payload_digest is not None),
            None,
        )

    @property
    def open_correction(self) -> CorrectionRound | None:
        """Staff's correction request the resident has not answered yet."""
        last = self.corrections[-1] if self.corrections else None
        return last if last is not None and last.resolved_at is None else None

    def _check_submittable(self) -> None:
        if self.open_correction is not None:
            fields = [item.field for item in self.open_correction.items]
            raise GovFormsError("correction.unresolved", fields=fields)
        policy = self.delegation_policy
        if self.envelope is None:
            if policy is not None and policy.require_envelope:
                raise GovFormsError("delegation.envelope_required")
        else:
            check_envelope(self.envelope, policy, self.attachments)

    def _check_payment_deadline(self, target: Status, at: datetime.datetime) -> None:
        request = self.fee_request
        if request is None:
            raise GovFormsError("submission.fee_not_set")
        overdue = at > request.expires_at and not self.is_paid
        if target == Status.AWAITING_PAYMENT and at > request.expires_at:
            raise GovFormsError("submission.payment_deadline_passed")
        if target == Status.PAYMENT_EXPIRED and not overdue:
            raise GovFormsError("submission.payment_not_overdue")

    def _editable(self) -> None:
        if self.status not in _EDITABLE:
            raise GovFormsError("submission.not_editable", status=str(self.status))

    # --- answers --------------------------------------------------------------------------------

    def amend(
        self,
        form: FormDefinition,
        answers: ValidatedAnswers,
        *,
        actor: str,
        now: datetime.datetime,
        attachments: Iterable[AttachmentRef] | None = None,
        note: str | None = None,
        role: Role = "resident",
    ) -> Submission:
        """New answers for a draft or returned submission (a new ``revision``; the previous
        answers are kept in ``versions``). The fee is computed again and any signature is
        dropped: the resident signs the new answers. While staff's correction request is open,
        use :func:`~govforms.submissions.submit_correction` instead (``correction.open``)."""
        self._editable()
        form.check_answers(answers)
        if form.id != self.form_id:
            raise GovFormsError("submission.form_mismatch", form_id=form.id)
        if self.open_correction is not None:
            raise GovFormsError("correction.open")
        refs = tuple(attachments) if attachments is not None else self.attachments
        _check_form_rules(form, refs, self.envelope)
        changes: dict[str, Any] = {
            **self._new_version_changes(),
            "answers": answers,
            "form_version": form.version,
            "fee": form.fee(answers),
            "signature": None,
            "requires_signature": form.requires_signature,
            "signer": form.signer_fields(),
            "payment_methods": form.payment_methods,
            "delegation_policy": form.delegation,
            "retention": form.retention,
            "attachments": refs,
        }
        amended = self.model_copy(update=changes)
        return amended._record(
            action="amended",
            actor=actor,
            role=role,
            now=now,
            note=note,
            digest=amended.payload_digest(),
        )

    # --- signature ------------------------------------------------------------------------------

    def attach_signature(
        self,
        signature: bytes,
        certificate: object,
        *,
        trust: TrustStore,
        actor: str,
        now: datetime.datetime,
        verifier: SignatureVerifier | None = None,
        **options: Any,
    ) -> Submission:
        """Verify ``signature`` over :meth:`signing_payload` with ``certificate`` (DER, PEM or a
        ``cryptography`` certificate) at ``now``, check that the signer is the applicant, and
        record the evidence. ``options`` go to the verifier (``revocation``,
        ``require_revocation``, ``allow_test_cards``). Identity errors propagate with their
        codes; a different signer is ``submission.signer_mismatch``."""
        self._editable()
        payload = self.signing_payload()
        verify = verifier if verifier is not None else verify_signature
        at = to_jst(now)
        verified = verify(payload, signature, certificate, trust=trust, at=at, **options)
        self._check_signer(verified)
        evidence = evidence_from(
            verified, signature=signature, certificate=certificate, payload=payload, now=at
        )
        return self._record(
            action="signed",
            actor=actor,
            role="resident",
            now=at,
            digest=evidence.payload_digest,
            signature=evidence,
        )

    def _check_signer(self, verified: VerifiedSignature) -> None:
        envelope = self.envelope
        if envelope is not None and envelope.role is not ApplicantRole.SELF:
            # Someone applies for the person concerned: the applicant signs.
            who = envelope.applicant
            birth = who.birth_date.isoformat() if who.birth_date is not None else None
            check_signer(verified.identity, who.name, birth)
            return
        signer = self.signer
        if signer is None:
            raise GovFormsError("form.signer_fields_missing")
        birth = None
        if signer.birth_date is not None:
            # A birth-date field left unanswered (optional, or hidden) fails closed: "" matches
            # no certificate, so the signer is not accepted on the name alone.
            answered = self.answers.get(signer.birth_date)
            birth = answered if isinstance(answered, str) else ""
        check_signer(verified.identity, self.answers.get(signer.name), birth)

    def verify_signature(
        self,
        *,
        trust: TrustStore,
        at: datetime.datetime | None = None,
        verifier: SignatureVerifier | None = None,
        **options: Any,
    ) -> VerifiedSignature:
        """Check the recorded signature again against the submission as it is now:
        ``submission.signature_missing`` without one, ``submission.payload_changed`` when
        anything signed has changed, then the full identity verification at ``at`` (the
        signing time by default) and the signer match."""
        evidence = self.signature
        if evidence is None:
            raise GovFormsError("submission.signature_missing")
        payload = self.signing_payload()
        check_payload(evidence, payload)
        verify = verifier if verifier is not None else verify_signature
        moment = to_jst(at) if at is not None else evidence.signed_at
        verified = verify(
            payload,
            evidence.signature_bytes(),
            evidence.certificate_der(),
            trust=trust,
            at=moment,
            **options,
        )
        self._check_signer(verified)
        return verified

    # --- payment --------------------------------------------------------------------------------

    @property
    def amount_due(self) -> int:
        """What the resident must pay: the amount staff set after review
        (:attr:`fee_request`), else the form's :attr:`fee`."""
        return self.fee_request.amount if self.fee_request is not None else self.fee

    @property
    def is_paid(self) -> bool:
        """Whether the amount due is settled (always true when nothing is due)."""
        due = self.amount_due
        return due == 0 or (self.payment is not None and self.payment.covers(due))

    def attach_payment(
        self,
        payment: Payment,
        *,
        actor: str = "system",
        role: Role = "system",
        now: datetime.datetime,
    ) -> Submission:
        """Link ``payment`` (a :mod:`govforms.payments` ``Payment``) or record its new status.
        A new payment's amount must be the amount due (the fee, or what staff set after review:
        ``submission.payment_amount_mismatch``); a new status of the payment already linked is
        always recorded — when the fee was lowered after payment, the host refunds the
        difference and records the refunded payment, which then settles the lower fee. Its
        reference the receipt number
        (``submission.payment_reference_mismatch``), its method one the form (or staff's fee
        request) accepts (``submission.payment_method_not_accepted``); a second payment cannot
        replace one that succeeded (``submission.already_paid``)."""
        due = self.amount_due
        if due == 0:
            raise GovFormsError("submission.no_fee")
        record = PaymentRecord.from_payment(payment, now=to_jst(now))
        current = self.payment
        same_payment = current is not None and current.payment_id == record.payment_id
        # A new status of the linked payment is always recorded (after a partial refund for a
        # fee lowered on amendment, its amount is the original charge); a new payment must be
        # for the amount due.
        if record.amount != due and not same_payment:
            raise GovFormsError("submission.payment_amount_mismatch", fee=due, amount=record.amount)
        if record.reference != self.receipt_number:
            raise GovFormsError("submission.payment_reference_mismatch")
        request = self.fee_request
        accepted = request.methods if request is not None else self.payment_methods
        if record.method not in accepted:
            raise GovFormsError(
                "submission.payment_method_not_accepted",
                method=record.method,
                accepted=list(accepted),
            )
        if current is not None and not same_payment and current.status == "succeeded":
            raise GovFormsError("submission.already_paid")
        return self._record(
            action="payment", actor=actor, role=role, now=now, note=record.status, payment=record
        )

    # --- lifecycle ------------------------------------------------------------------------------

    def transition(
        self,
        to: Status | str,
        *,
        actor: str,
        role: Role,
        note: str | None = None,
        now: datetime.datetime,
        notifier: Notifier | None = None,
    ) -> Submission:
        """Move to status ``to`` if ``role`` may (``submission.invalid_transition``) and the
        guards hold: submitting a form that requires a signature needs one over the current
        answers (``submission.signature_required`` / ``submission.payload_changed``);
        approving a form with a fee needs it paid (``submission.fee_unpaid``). The other side
        is notified through ``notifier``."""
        target = parse_status(to)
        check_transition(self.status, target, role)
        at = to_jst(now)
        digest = None
        changes: dict[str, Any] = {}
        if target == Status.SUBMITTED:
            self._check_submittable()
            if self.requires_signature:
                if self.signature is None:
                    raise GovFormsError("submission.signature_required")
                check_payload(self.signature, self.signing_payload())
            digest = self.payload_digest()
            if self.submitted_at is None:
                changes["submitted_at"] = at
        if target == Status.APPROVED and not self.is_paid:
            status = self.payment.status if self.payment is not None else "none"
            raise GovFormsError("submission.fee_unpaid", fee=self.amount_due, payment_status=status)
        if target in (Status.AWAITING_PAYMENT, Status.PAYMENT_EXPIRED):
            self._check_payment_deadline(target, at)
        moved = self._record(
            action="transition",
            actor=actor,
            role=role,
            now=at,
            to_status=target,
            note=note,
            digest=digest,
            **changes,
        )
        if notifier is not None:
            notifier.notify(
                Notification(
                    kind="status_changed",
                    submission_id=self.id,
                    receipt_number=self.receipt_number,
                    recipient_role="staff" if role == "resident" else "resident",
                    status=target.value,
                )
            )
        return moved

    # --- digital window -------------------------------------------------------------------------

    def post_message(
        self,
        body: str,
        *,
        sender: str,
        sender_role: Party,
        now: datetime.datetime,
        attachments: Iterable[AttachmentRef] = (),
        message_id: str | None = None,
        notifier: Notifier | None = None,
    ) -> Submission:
        """Add a message to the thread and notify the other side. Not on a draft
        (``submission.not_submitted``): staff see nothing before submission."""
        if self.status == Status.DRAFT:
            raise GovFormsError("submission.not_submitted")
        message = new_message(
            message_id=message_id or _new_id(),
            sender=sender,
            sender_role=sender_role,
            body=body,
            attachments=tuple(attachments),
            now=to_jst(now),
        )
        if any(m.id == message.id for m in self.messages):
            raise GovFormsError("submission.message_duplicate")
        if notifier is not None:
            notifier.notify(
                Notification(
                    kind="message",
                    submission_id=self.id,
                    receipt_number=self.receipt_number,
                    recipient_role=message.recipient_role,
                    message_id=message.id,
                )
            )
        return self.model_copy(update={"messages": (*self.messages, message)})

    def unread_messages(self, role: Party) -> tuple[Message, ...]:
        """Messages addressed to ``role`` that it has not read."""
        return tuple(m for m in self.messages if m.recipient_role == role and m.read_at is None)

    def mark_messages_read(
        self,
        *,
        reader: str,
        reader_role: Party,
        now: datetime.datetime,
        message_ids: Iterable[str] | None = None,
    ) -> Submission:
        """Mark messages addressed to ``reader_role`` read (all unread ones, or ``message_ids``)."""
        wanted = None if message_ids is None else frozenset(message_ids)
        messages = mark_read(
            self.messages,
            reader=reader,
            reader_role=reader_role,
            now=to_jst(now),
            which=(lambda m: True) if wanted is None else (lambda m: m.id in wanted),
        )
        return self.model_copy(update={"messages": messages})
