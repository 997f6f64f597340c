"""Idempotency keys: a retried call that moves money must not move it twice.

Every call that moves money carries a key chosen by the caller. The provider remembers, per key,
a fingerprint of the request and its result:

* the same key with the same request returns the original result (a retry after a timeout or a
  lost response is safe);
* the same key with a different request is ``payment.idempotency_conflict`` — a bug in the
  caller, never silently "fixed" by charging again.

The fingerprint covers the operation name too, so one key cannot be reused across operations.
:class:`IdempotencyStore` is the in-memory version used by the fake; a plugin whose provider has
native idempotency passes the key through instead, and one without it can use this class backed by
the host's storage.

>>> store = IdempotencyStore[str]()
>>> fp = request_fingerprint("refund_payment", {"payment_id": "pay_1", "amount": 300})
>>> store.lookup("k1", fp, "refund_payment") is None
True
>>> store.remember("k1", fp, "re_1")
>>> store.lookup("k1", fp, "refund_payment")
're_1'
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

from govforms.errors import ConfigurationError, PaymentError
from govforms.payments.models import validate_idempotency_key

__all__ = ["IdempotencyStore", "request_fingerprint"]

T = TypeVar("T")


def request_fingerprint(operation: str, payload: Mapping[str, Any]) -> str:
    """A SHA-256 hex digest of ``operation`` and the canonical JSON of ``payload``.

    Keys are sorted and separators fixed, so two equal payloads give the same fingerprint
    whatever order they were built in. Values must be JSON-serialisable (dates: pass
    ``model_dump(mode="json")``).
    """
    try:
        canonical = json.dumps(
            [operation, payload], sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        # TypeError: a value or key JSON cannot hold (bytes, a tuple key, keys of mixed types);
        # ValueError: a circular reference or a lone surrogate (UnicodeEncodeError);
        # RecursionError: nesting deeper than the encoder's stack.
        raise ConfigurationError("payment.fingerprint_unserialisable") from None
    return hashlib.sha256(canonical).hexdigest()


class IdempotencyStore(Generic[T]):
    """Thread-safe in-memory map ``key -> (fingerprint, result)``."""

    __slots__ = ("_entries", "_lock")

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, str, T]] = {}
        self._lock = threading.Lock()

    def lookup(self, key: str, fingerprint: str, operation: str) -> T | None:
        """The result stored for ``key``, ``None`` if there is none, or a conflict error."""
        validate_idempotency_key(key)
        with self._lock:
            entry = self._entries.get(key)
        if entry is None:
            return None
        stored_fingerprint, _, result = entry
        if stored_fingerprint != fingerprint:
            raise PaymentError("payment.idempotency_conflict", operation=operation)
        return result

    def remember(self, key: str, fingerprint: str, result: T, *, operation: str = "") -> None:
        """Store ``result`` for ``key``; a different fingerprint already there is a conflict."""
        validate_idempotency_key(key)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] != fingerprint:
                raise PaymentError("payment.idempotency_conflict", operation=operation or entry[1])
            self._entries[key] = (fingerprint, operation, result)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __repr__(self) -> str:
        return f"IdempotencyStore(entries={len(self)})"
