"""Drafts: save a partial application, resume it on another device, re-apply from a past one.

A :class:`Draft` holds the raw answers as the resident typed them so far — not validated, so a
half-filled form can be saved — with the form id and version, attachment references and the
application envelope. :meth:`Draft.save` merges new answers (``None`` removes one);
:meth:`Draft.submission` validates everything and creates the
:class:`~govforms.submissions.Submission` (still a ``draft`` until the resident submits it).
:func:`clone_answers` starts a new draft from a past submission's answers ("apply again"),
leaving out My Numbers (the resident types them again) and answers the current form no longer
has.

**Resume tokens.** :class:`ResumeTokens` issues and checks a token the resident can carry to
another device (a link in an e-mail, a QR code)::

    v1.<key id>.<draft id>.<expiry, Unix seconds>.<HMAC-SHA256, base64url without padding>

The MAC (HMAC, RFC 2104, with SHA-256, FIPS 180-4) covers the version, key id, draft id and
expiry under the host's key; it is compared in constant time (:func:`hmac.compare_digest`).
The token carries no personal data — only the draft's opaque id (letters, digits, ``_`` and
``-``: use a random id such as ``uuid4().hex``, never an e-mail address or a name), the expiry
and the key id, so keys can be rotated (verify with old and new keys, issue with the new). A
token is a bearer credential: anyone holding it can open the draft until it expires, so keep the
lifetime short and send it only to the resident.

>>> import datetime
>>> tokens = ResumeTokens({"k1": b"0123456789abcdef0123456789abcdef"}, current="k1")
>>> now = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.timezone.utc)
>>> token = tokens.issue("d41d8cd98f00b204", now=now)
>>> token.startswith("v1.k1.d41d8cd98f00b204.")
True
>>> tokens.verify(token, now=now).draft_id
'd41d8cd98f00b204'
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Final

import attrs
from pydantic import (
    AwareDatetime,
    Field,
    StrictInt,
)

from govforms.errors import ConfigurationError, GovFormsError
from govforms.submissions._safe_errors import PrivateModel
from govforms.submissions.attachments import AttachmentRef
from govforms.submissions.delegation import Envelope
from govforms.submissions.lifecycle import Role, check_entry_text
from govforms.submissions.model import Submission, _new_id
from govforms.submissions.receipts import ReceiptNumberGenerator, to_jst

if TYPE_CHECKING:
    from govforms.submissions.forms import FormDefinition

__all__ = [
    "MAX_DRAFT_BYTES",
    "MAX_TOKEN_LIFETIME",
    "Draft",
    "ResumeToken",
    "ResumeTokens",
    "clone_answers",
]

#: The longest lifetime a resume token may be given.
MAX_TOKEN_LIFETIME: Final = datetime.timedelta(days=366)
#: The largest draft (its answers as JSON, UTF-8 bytes).
MAX_DRAFT_BYTES: Final = 1_000_000
_ID: Final = r"[A-Za-z0-9_-]{1,100}"
_KEY_ID: Final = r"[A-Za-z0-9_-]{1,32}"
_TOKEN: Final = re.compile(
    rf"v1\.(?P<key>{_KEY_ID})\.(?P<draft>{_ID})\.(?P<exp>[0-9]{{1,12}})\.(?P<mac>[A-Za-z0-9_-]{{43}})"
)
_MAX_TOKEN: Final = 300
#: 9999-12-31T23:59:59Z: the last second a datetime can hold.
_MAX_EXPIRY: Final = 253_402_300_799
_DOMAIN: Final = b"govforms.resume-token/1\n"


def _check_id(draft_id: object) -> None:
    """``draft.id_invalid`` unless ``draft_id`` is an opaque id (see the module docstring)."""
    if not isinstance(draft_id, str) or not re.fullmatch(_ID, draft_id):
        raise ConfigurationError("draft.id_invalid")


def _check_text(value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not storable as JSON text
        raise GovFormsError("draft.answers_invalid") from None


def _check_json(value: Any, depth: int = 0) -> None:
    if depth > 20:
        raise GovFormsError("draft.answers_invalid")
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        _check_text(value)
        return
    if isinstance(value, list | tuple):
        for item in value:
            _check_json(item, depth + 1)
        return
    if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
        for key, item in value.items():
            _check_text(key)
            _check_json(item, depth + 1)
        return
    raise GovFormsError("draft.answers_invalid")


class Draft(PrivateModel):
    """A saved, unvalidated application (see the module docstring)."""

    id: Annotated[str, Field(pattern=rf"^{_ID}$")]
    form_id: str
    form_version: StrictInt
    owner: Annotated[str, Field(min_length=1, max_length=200)]
    answers: Annotated[dict[str, Any], Field(default_factory=dict, repr=False)]
    attachments: tuple[AttachmentRef, ...] = ()
    envelope: Envelope | None = None
    cloned_from: str | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime

    @classmethod
    def start(
        cls,
        form: FormDefinition,
        *,
        owner: str,
        now: datetime.datetime,
        new_id: Callable[[], str] = _new_id,
    ) -> Draft:
        """An empty draft of ``form`` for ``owner`` (the host's opaque user id)."""
        check_entry_text(owner, None)
        at = to_jst(now)
        draft_id = new_id()
        _check_id(draft_id)
        return cls(
            id=draft_id,
            form_id=form.id,
            form_version=form.version,
            owner=owner,
            answers={},
            created_at=at,
            updated_at=at,
        )

    def save(
        self,
        answers: Mapping[str, Any],
        *,
        now: datetime.datetime,
        attachments: Iterable[AttachmentRef] | None = None,
        envelope: Envelope | None = None,
    ) -> Draft:
        """The draft with ``answers`` merged in (a ``None`` value removes that answer), and the
        attachments and envelope replaced when given. Answers are not validated, only checked
        to be JSON data (``draft.answers_invalid``) of at most 1 MB (``draft.too_large``)."""
        if not isinstance(answers, Mapping):
            raise GovFormsError("draft.answers_invalid")
        _check_json(answers)
        merged = dict(self.answers)
        for key, value in answers.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        size = len(json.dumps(merged, ensure_ascii=False).encode("utf-8"))
        if size > MAX_DRAFT_BYTES:
            raise GovFormsError("draft.too_large", max_size=MAX_DRAFT_BYTES, size=size)
        changes: dict[str, Any] = {"answers": merged, "updated_at": to_jst(now)}
        if attachments is not None:
            changes["attachments"] = tuple(attachments)
        if envelope is not None:
            changes["envelope"] = envelope
        return self.model_copy(update=changes)

    def _check_form(self, form: FormDefinition) -> None:
        if form.id != self.form_id or form.version != self.form_version:
            raise GovFormsError("draft.form_mismatch", form_id=form.id, form_version=form.version)

    def submission(
        self,
        form: FormDefinition,
        *,
        now: datetime.datetime,
        actor: str | None = None,
        role: Role = "resident",
        receipt_numbers: ReceiptNumberGenerator | None = None,
        new_id: Callable[[], str] = _new_id,
    ) -> Submission:
        """Validate the draft with ``form`` (``draft.form_mismatch`` for another form or
        version; :class:`~govforms.ValidationErrors` listing every problem) and create the
        submission, as ``actor`` (default: the owner)."""
        self._check_form(form)
        answers = form.validate(self.answers)
        return Submission.create(
            form,
            answers,
            actor=actor or self.owner,
            role=role,
            now=now,
            attachments=self.attachments,
            envelope=self.envelope,
            receipt_numbers=receipt_numbers,
            new_id=new_id,
        )


def clone_answers(
    submission: Submission,
    form: FormDefinition,
    *,
    owner: str,
    now: datetime.datetime,
    new_id: Callable[[], str] = _new_id,
) -> Draft:
    """A new draft of ``form`` (usually its current version) holding ``submission``'s answers,
    to apply again. My Numbers are left out, and so are answers to fields ``form`` does not
    have at the top level; attachments and the envelope are not copied."""
    if submission.form_id != form.id:
        raise GovFormsError("draft.form_mismatch", form_id=form.id, form_version=form.version)
    secret_fields = {path[0] for path in submission.answers.my_number_paths}
    known = {spec.name for spec in form.fields if spec.type != "my_number"}
    plain = submission.answers.to_dict(reveal_my_number=False)
    answers = {k: v for k, v in plain.items() if k in known and k not in secret_fields}
    draft = Draft.start(form, owner=owner, now=now, new_id=new_id)
    return draft.save(answers, now=now).model_copy(update={"cloned_from": submission.id})


@attrs.frozen(slots=True)
class ResumeToken:
    """What a valid resume token says: the draft, when the token expires, which key signed."""

    draft_id: str
    expires_at: datetime.datetime
    key_id: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class ResumeTokens:
    """Issue and verify resume tokens with the host's keys (see the module docstring).

    ``keys`` maps key ids (1-32 of ``A-Za-z0-9_-``) to secrets of at least 32 bytes;
    ``current`` is the key that signs new tokens; ``ttl`` their lifetime (default 7 days, at most
    :data:`MAX_TOKEN_LIFETIME`, 366 days: ``config.invalid_option`` otherwise).
    """

    __slots__ = ("_current", "_keys", "_ttl")

    def __init__(
        self,
        keys: Mapping[str, bytes],
        *,
        current: str,
        ttl: datetime.timedelta = datetime.timedelta(days=7),
    ) -> None:
        if not keys or current not in keys:
            raise ConfigurationError("config.invalid_option", option="current", value="unknown")
        for key_id, secret in keys.items():
            if not isinstance(key_id, str) or not re.fullmatch(_KEY_ID, key_id):
                raise ConfigurationError("config.invalid_option", option="keys", value="key id")
            if not isinstance(secret, bytes) or len(secret) < 32:
                raise ConfigurationError("resume.key_too_short", min_bytes=32)
        if not datetime.timedelta(0) < ttl <= MAX_TOKEN_LIFETIME:
            # A bearer credential: at most a year (and no expiry a datetime cannot hold).
            raise ConfigurationError("config.invalid_option", option="ttl", value=str(ttl))
        self._keys = dict(keys)
        self._current = current
        self._ttl = ttl

    def __repr__(self) -> str:
        return f"ResumeTokens(keys={sorted(self._keys)!r}, current={self._current!r})"

    def _mac(self, key_id: str, body: str) -> str:
        digest = hmac.new(self._keys[key_id], _DOMAIN + body.encode("ascii"), hashlib.sha256)
        return _b64(digest.digest())

    def issue(self, draft_id: str, *, now: datetime.datetime) -> str:
        """A token for ``draft_id`` valid until ``now`` + ``ttl``."""
        _check_id(draft_id)
        expiry = int((to_jst(now) + self._ttl).timestamp())
        body = f"v1.{self._current}.{draft_id}.{expiry}"
        return f"{body}.{self._mac(self._current, body)}"

    def verify(self, token: object, *, now: datetime.datetime) -> ResumeToken:
        """The draft ``token`` resumes, or ``resume.malformed``, ``resume.unknown_key``,
        ``resume.signature_invalid`` or ``resume.expired`` (checked in that order)."""
        at = to_jst(now)
        if not isinstance(token, str) or len(token) > _MAX_TOKEN:
            raise GovFormsError("resume.malformed")
        match = _TOKEN.fullmatch(token)
        if match is None:
            raise GovFormsError("resume.malformed")
        key_id = match["key"]
        if key_id not in self._keys:
            raise GovFormsError("resume.unknown_key")
        body = token[: match.start("mac") - 1]
        if not hmac.compare_digest(self._mac(key_id, body), match["mac"]):
            raise GovFormsError("resume.signature_invalid")
        seconds = int(match["exp"])
        if seconds > _MAX_EXPIRY:
            raise GovFormsError("resume.malformed")
        expires_at = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
        if at >= expires_at:
            raise GovFormsError("resume.expired")
        return ResumeToken(draft_id=match["draft"], expires_at=to_jst(expires_at), key_id=key_id)
