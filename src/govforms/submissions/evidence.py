"""Evidence attached to a submission: the payment record and the signature.

**Payment.** :class:`PaymentRecord` is a snapshot of a :mod:`govforms.payments` ``Payment``
(id, method, status, amounts, legal payment date). A payment is linked only when its amount is
the submission's fee and its reference is the receipt number; a form with a fee cannot be
approved until the linked payment has succeeded and keeps exactly the amount due (captured
less refunded).

**Signature.** The resident's card signs :meth:`Submission.signing_payload()
<govforms.submissions.Submission.signing_payload>` (RFC 8785 canonical JSON). Attaching the
signature verifies it with :func:`govforms.identity.verify_signature` (chain, JPKI profile,
revocation, the RSA PKCS#1 v1.5 signature: RFC 5280, RFC 8017) and then compares the signer's
four basic items with the answers: the certificate's name with the form's name field and its date
of birth with the birth-date field. A difference is ``submission.signer_mismatch`` listing which
items differ (never their values). Names are compared exactly, character for character, after
treating U+3000 and U+0020 alike and collapsing runs of spaces: no Unicode normalisation (it would
turn a legal 髙 or U+FA10 塚 into another character).

:class:`SignatureEvidence` keeps what is needed to check the signature again later: the
signature and certificate bytes, the certificate's fingerprint, serial and issuer, the digest of
the signed payload and the verified identity. Re-verification recomputes the payload from the
submission as it is now; any change to what was signed is ``submission.payload_changed``.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import re
from collections.abc import Callable
from typing import Annotated, Any, Final

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt

from govforms.errors import GovFormsError, IdentityError
from govforms.identity import JPKIIdentity, VerifiedSignature
from govforms.payments import Payment, PaymentStatus
from govforms.submissions._safe_errors import PrivateModel

__all__ = [
    "PaymentRecord",
    "SignatureEvidence",
    "SignatureVerifier",
    "SignerIdentity",
    "check_payload",
    "check_signer",
    "evidence_from",
]

_SPACES: Final = re.compile("[ \u3000]+")


class PaymentRecord(BaseModel):
    """A snapshot of a payment as last seen by the submission."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    payment_id: Annotated[str, Field(min_length=1, max_length=200)]
    method: str
    status: str
    amount: Annotated[StrictInt, Field(ge=0)]
    captured_amount: Annotated[StrictInt, Field(ge=0)] = 0
    refunded_amount: Annotated[StrictInt, Field(ge=0)] = 0
    reference: str
    paid_at: AwareDatetime | None = None
    recorded_at: AwareDatetime

    @classmethod
    def from_payment(cls, payment: Payment, *, now: datetime.datetime) -> PaymentRecord:
        """The record of a :class:`govforms.payments.Payment`."""
        return cls(
            payment_id=payment.id,
            method=payment.method.value,
            status=payment.status.value,
            amount=payment.amount,
            captured_amount=payment.captured_amount,
            refunded_amount=payment.refunded_amount,
            reference=payment.reference,
            paid_at=payment.paid_at,
            recorded_at=now,
        )

    def covers(self, fee: int) -> bool:
        """Whether this payment settles ``fee``: it succeeded and what it keeps (captured less
        refunded) is exactly ``fee``. A payment refunded in full settles nothing; one refunded
        in part settles a fee that was lowered after it was paid."""
        return (
            self.status == PaymentStatus.SUCCEEDED.value
            and fee > 0
            and self.captured_amount - self.refunded_amount == fee
        )


class SignerIdentity(PrivateModel):
    """The four basic items (基本4情報) of the signer, from the signature certificate."""

    name: str
    birth_date: datetime.date
    gender: str
    address: str

    def __repr__(self) -> str:
        return "SignerIdentity(name=***, birth_date=***, gender=***, address=***)"

    __str__ = __repr__


#: Standard base64 (RFC 4648 section 4) with its padding: what ``base64.b64encode`` writes. A
#: stored record that is anything else is refused when it is loaded, not when it is decoded.
_BASE64: Final = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"


class SignatureEvidence(PrivateModel):
    """What proves who signed what (see the module docstring)."""

    signature: Annotated[str, Field(description="the signature, base64", pattern=_BASE64)]
    certificate: Annotated[
        str, Field(description="the signature certificate, DER in base64", pattern=_BASE64)
    ]
    certificate_fingerprint: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    serial: Annotated[str, Field(description="the certificate serial number, hex")]
    issuer: str
    test_card: bool
    payload_digest: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    signed_at: AwareDatetime
    identity: SignerIdentity

    def signature_bytes(self) -> bytes:
        """The signature as bytes."""
        return base64.b64decode(self.signature, validate=True)

    def certificate_der(self) -> bytes:
        """The signature certificate as DER bytes."""
        return base64.b64decode(self.certificate, validate=True)

    def __repr__(self) -> str:
        return (
            f"SignatureEvidence(serial={self.serial!r}, issuer={self.issuer!r}, "
            f"payload_digest={self.payload_digest!r})"
        )


#: ``verify_signature(data, signature, certificate, *, trust=..., at=..., **options)``: the
#: signature of :func:`govforms.identity.verify_signature`, the default.
SignatureVerifier = Callable[..., VerifiedSignature]


def _der(certificate: object) -> bytes:
    # Reached after a (possibly host-supplied) verifier accepted ``certificate``: anything it
    # let through that is not a certificate is still a coded error, never a bare ValueError.
    if isinstance(certificate, x509.Certificate):
        return certificate.public_bytes(Encoding.DER)
    try:
        raw = certificate.encode("ascii") if isinstance(certificate, str) else certificate
        if not isinstance(raw, bytes | bytearray | memoryview):
            raise TypeError
        data = bytes(raw)
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data).public_bytes(Encoding.DER)
    except (TypeError, ValueError):  # UnicodeEncodeError is a ValueError
        raise IdentityError("identity.certificate_malformed", part="certificate") from None
    return data


def _same_name(left: str, right: str) -> bool:
    a = _SPACES.sub(" ", left).strip(" ")
    b = _SPACES.sub(" ", right).strip(" ")
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def check_signer(identity: JPKIIdentity, name: Any, birth_date: Any) -> None:
    """Raise ``submission.signer_mismatch`` (``items``: ``name`` and/or ``birth_date``) when the
    certificate's name or date of birth differs from the answers. ``birth_date`` is ``None``
    when the form has no birth-date field (then only the name is compared); a form that has one
    left unanswered passes ``""``, which is a mismatch."""
    items = []
    if not isinstance(name, str) or not _same_name(identity.name, name):
        items.append("name")
    if birth_date is not None and identity.birth_date.isoformat() != birth_date:
        items.append("birth_date")
    if items:
        raise IdentityError("submission.signer_mismatch", items=items)


def evidence_from(
    verified: VerifiedSignature,
    *,
    signature: bytes,
    certificate: object,
    payload: bytes,
    now: datetime.datetime,
) -> SignatureEvidence:
    """The evidence record for a verified signature over ``payload``."""
    info = verified.certificate
    who = verified.identity
    return SignatureEvidence(
        signature=base64.b64encode(signature).decode("ascii"),
        certificate=base64.b64encode(_der(certificate)).decode("ascii"),
        certificate_fingerprint=info.fingerprint_sha256.lower(),
        serial=format(info.serial_number, "x"),
        issuer=info.issuer,
        test_card=verified.test_card,
        payload_digest=hashlib.sha256(payload).hexdigest(),
        signed_at=now,
        identity=SignerIdentity(
            name=who.name, birth_date=who.birth_date, gender=who.gender, address=who.address
        ),
    )


def check_payload(evidence: SignatureEvidence, payload: bytes) -> None:
    """Raise ``submission.payload_changed`` unless ``payload`` is what was signed."""
    digest = hashlib.sha256(payload).hexdigest()
    if not hmac.compare_digest(digest, evidence.payload_digest):
        raise GovFormsError("submission.payload_changed")
