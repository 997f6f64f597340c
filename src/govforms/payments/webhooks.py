"""Signed webhooks: HMAC-SHA256 over the timestamp and the raw body.

The scheme (the one Stripe popularised) is carried in one header, ``GovForms-Signature``::

    t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>[,v1=<hex ...>]

* HMAC is RFC 2104 with SHA-256 (FIPS 180-4); the signed message is the ASCII timestamp, a dot
  and the body *exactly as received*: verify before parsing, never on re-serialised JSON.
* Several ``v1`` values are allowed so a sender can sign with the old and the new secret while a
  secret is rotated; the receiver may also hold several secrets. Unknown schemes (``v0=...``)
  are ignored, as the scheme's forward-compatibility rule asks.
* The timestamp must be within ``tolerance`` seconds (300 by default) of ``now`` either way,
  exactly (300 s is accepted, 300.5 s is not: ``now`` is not truncated), which bounds
  replays; de-duplicate by event id on top (:func:`~govforms.payments.apply_event` does).
* Signatures are compared with :func:`hmac.compare_digest` (constant time).

Codes: ``webhook.body_not_bytes``, ``webhook.missing_signature``, ``webhook.malformed_header``
(with a fixed ``reason`` token), ``webhook.bad_signature``, ``webhook.stale_timestamp``,
``webhook.secret_invalid``. Secrets never appear in an error, a ``repr`` or a log.

>>> from datetime import datetime, timezone
>>> now = datetime(2026, 4, 1, tzinfo=timezone.utc)
>>> header = sign_webhook(b'{"id":"evt_1"}', "whsec_test", now=now)
>>> header[:13]
't=1775001600,'
>>> verify_webhook(b'{"id":"evt_1"}', header, "whsec_test", now=now)
1775001600
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Final, TypeAlias

import attrs

from govforms.errors import ConfigurationError, PaymentError

__all__ = [
    "DEFAULT_TOLERANCE",
    "SIGNATURE_HEADER",
    "SignatureHeader",
    "WebhookSecret",
    "get_signature_header",
    "parse_signature_header",
    "sign_webhook",
    "verify_webhook",
]

#: The header that carries the signature.
SIGNATURE_HEADER: Final = "GovForms-Signature"
#: Seconds a signed timestamp may differ from ``now``.
DEFAULT_TOLERANCE: Final = 300

_MAX_HEADER: Final = 4096
_MAX_SIGNATURES: Final = 8
_TIMESTAMP_RE: Final = re.compile(r"[0-9]{1,12}")
_HEX_RE: Final = re.compile(r"[0-9a-fA-F]{64}")
_SCHEME_RE: Final = re.compile(r"[a-z][a-z0-9]{0,15}")


def _to_bytes(value: str | bytes) -> bytes:
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    if not isinstance(value, str):
        # bytes(5) would be five NUL bytes: never guess a secret from another type.
        raise ConfigurationError("webhook.secret_invalid")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigurationError("webhook.secret_not_utf8") from None


@attrs.frozen(slots=True, repr=False)
class WebhookSecret:
    """A webhook signing secret whose ``repr``/``str`` never show it.

    >>> WebhookSecret("whsec_abc")
    WebhookSecret('***')
    """

    _value: bytes = attrs.field(converter=_to_bytes)

    def __attrs_post_init__(self) -> None:
        if not self._value:
            raise ConfigurationError("webhook.secret_invalid")

    def reveal(self) -> bytes:
        """The secret's bytes (for computing an HMAC)."""
        return self._value

    def __repr__(self) -> str:
        return "WebhookSecret('***')"

    __str__ = __repr__


SecretLike: TypeAlias = WebhookSecret | str | bytes
Secrets: TypeAlias = SecretLike | Sequence[SecretLike]


def _secrets(secrets: Secrets) -> tuple[WebhookSecret, ...]:
    if isinstance(secrets, WebhookSecret | str | bytes):
        items: Sequence[SecretLike] = (secrets,)
    else:
        items = secrets
    out = tuple(s if isinstance(s, WebhookSecret) else WebhookSecret(s) for s in items)
    if not out:
        raise ConfigurationError("webhook.secret_invalid")
    return out


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ConfigurationError("config.invalid_option", option="now", value="naive datetime")
    return now


def _check_body(body: object) -> bytes:
    if not isinstance(body, bytes | bytearray | memoryview):
        raise PaymentError("webhook.body_not_bytes", actual=type(body).__name__)
    return bytes(body)


def _mac(secret: WebhookSecret, timestamp: int, body: bytes) -> bytes:
    return hmac.new(secret.reveal(), b"%d." % timestamp + body, hashlib.sha256).digest()


@attrs.frozen(slots=True)
class SignatureHeader:
    """A parsed signature header: the timestamp and every ``v1`` signature (raw bytes)."""

    timestamp: int
    signatures: tuple[bytes, ...] = attrs.field(repr=lambda s: f"<{len(s)} signature(s)>")


def _malformed(reason: str) -> PaymentError:
    return PaymentError("webhook.malformed_header", reason=reason)


def parse_signature_header(header: object) -> SignatureHeader:
    """Parse ``t=<unix>,v1=<hex>[,v1=<hex>...]``; anything else is ``webhook.malformed_header``.

    Items are separated by commas (spaces around them are allowed); ``t`` must appear once, as
    1-12 ASCII digits; each ``v1`` is 64 hex digits; other lowercase schemes are ignored; at most
    8 ``v1`` values and 4096 characters.

    >>> parse_signature_header("t=1, v1=" + "0" * 64, ).timestamp
    1
    >>> parse_signature_header("v1=00")
    Traceback (most recent call last):
    govforms.errors.PaymentError: [webhook.malformed_header] ... malformed (bad_v1).
    """
    if not isinstance(header, str):
        raise _malformed("not_text")
    if len(header) > _MAX_HEADER:
        raise _malformed("too_long")
    timestamp: int | None = None
    signatures: list[bytes] = []
    for raw_item in header.split(","):
        item = raw_item.strip(" \t")
        key, sep, value = item.partition("=")
        if not sep:
            raise _malformed("bad_item")
        if key == "t":
            if timestamp is not None:
                raise _malformed("duplicate_timestamp")
            if not _TIMESTAMP_RE.fullmatch(value):
                raise _malformed("bad_timestamp")
            timestamp = int(value)
        elif key == "v1":
            if not _HEX_RE.fullmatch(value):
                raise _malformed("bad_v1")
            signatures.append(bytes.fromhex(value))
            if len(signatures) > _MAX_SIGNATURES:
                raise _malformed("too_many_signatures")
        elif not _SCHEME_RE.fullmatch(key):
            raise _malformed("bad_item")
    if timestamp is None:
        raise _malformed("missing_timestamp")
    if not signatures:
        raise _malformed("missing_v1")
    return SignatureHeader(timestamp=timestamp, signatures=tuple(signatures))


def sign_webhook(body: bytes, secrets: Secrets, *, now: datetime | None = None) -> str:
    """The signature header value for ``body``: one ``v1`` per secret (in order), time ``now``."""
    data = _check_body(body)
    timestamp = int(_now(now).timestamp())
    parts = [f"t={timestamp}"]
    parts.extend(f"v1={_mac(secret, timestamp, data).hex()}" for secret in _secrets(secrets))
    return ",".join(parts)


def verify_webhook(
    body: bytes,
    header: str | None,
    secrets: Secrets,
    *,
    now: datetime | None = None,
    tolerance: int = DEFAULT_TOLERANCE,
) -> int:
    """Check ``header`` against the raw ``body``; return the signed Unix timestamp.

    Accepts when any ``v1`` matches the HMAC under any of ``secrets`` and the timestamp is within
    ``tolerance`` seconds of ``now``. The signature is checked first, so a forged message is
    ``webhook.bad_signature`` whatever its time and a genuine but old one is
    ``webhook.stale_timestamp``.
    """
    if isinstance(tolerance, bool) or not isinstance(tolerance, int) or tolerance < 0:
        raise ConfigurationError("config.invalid_option", option="tolerance", value=str(tolerance))
    data = _check_body(body)
    keys = _secrets(secrets)
    current = _now(now).timestamp()
    if header is None:
        raise PaymentError("webhook.missing_signature", header=SIGNATURE_HEADER)
    parsed = parse_signature_header(header)
    matched = False
    for secret in keys:
        expected = _mac(secret, parsed.timestamp, data)
        for candidate in parsed.signatures:
            # Evaluate every pair: the time taken does not depend on which one matched.
            matched |= hmac.compare_digest(expected, candidate)
    if not matched:
        raise PaymentError("webhook.bad_signature")
    if abs(current - parsed.timestamp) > tolerance:
        raise PaymentError("webhook.stale_timestamp", tolerance=tolerance)
    return parsed.timestamp


def get_signature_header(headers: Mapping[str, str]) -> str | None:
    """The signature header from ``headers``, matched case-insensitively (HTTP field names are
    case-insensitive, RFC 9110 §5.1); ``None`` when absent. Several spellings carrying different
    values are ``webhook.malformed_header`` (``duplicate_header``)."""
    wanted = SIGNATURE_HEADER.lower()
    values = {
        value for name, value in headers.items() if isinstance(name, str) and name.lower() == wanted
    }
    if len(values) > 1:
        # Two spellings of the header with different values: which one a proxy or framework
        # would pick is unknowable, so neither is trusted.
        raise _malformed("duplicate_header")
    return next(iter(values), None)
