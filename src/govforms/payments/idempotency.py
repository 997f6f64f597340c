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

Use :meth:`IdempotencyStore.run` rather than ``lookup`` + ``remember`` around a call: it holds a
per-key lock while the action runs, so two threads retrying the same request cannot both move
money (check-then-act). If the action raises, nothing is remembered and the next call with the
key runs it again — fine for ``payment.provider_unavailable`` (nothing was done) — except after
``payment.outcome_unknown``: then the key is marked unknown and a retry runs the action again
only when the ``recover`` look-up says nothing was done. :meth:`~IdempotencyStore.remember`
keeps the *first* result stored for a key and fingerprint: a racing second result never
replaces it.

What is "the same request" is the exact JSON of the payload: key order does not matter, but
``True`` is not ``1``, ``1.0`` is not ``1``, and text is compared code point by code point (NFC
and NFD spellings of the same kana differ), as providers with native idempotency compare it.
Erring that way is safe: a conflict moves no money.

>>> store = IdempotencyStore[str]()
>>> fp = request_fingerprint("refund_payment", {"payment_id": "pay_1", "amount": 300})
>>> store.lookup("k1", fp, "refund_payment") is None
True
>>> store.remember("k1", fp, "re_1")
're_1'
>>> store.lookup("k1", fp, "refund_payment")
're_1'
>>> store.run("k1", fp, "refund_payment", lambda: "re_2")
're_1'
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Mapping
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

    __slots__ = ("_entries", "_key_locks", "_lock", "_unknown")

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, str, T]] = {}
        self._key_locks: dict[str, threading.Lock] = {}
        self._unknown: dict[str, str] = {}
        self._lock = threading.Lock()

    def run(
        self,
        key: str,
        fingerprint: str,
        operation: str,
        action: Callable[[], T],
        *,
        recover: Callable[[], T | None] | None = None,
    ) -> T:
        """The result stored for ``key``, or ``action()``'s result, stored; at most one caller
        runs ``action`` for a key at a time and the others get its result.

        A different fingerprint is ``payment.idempotency_conflict``. When ``action`` raises
        ``payment.outcome_unknown`` the key is marked *unknown*: a later call never runs
        ``action`` blindly (that could move money twice). It calls ``recover`` — look the
        result up at the agent: the result if it was done, ``None`` if it certainly was not
        (then ``action`` runs) — or, without ``recover``, raises ``payment.outcome_unknown``
        again. Any other exception propagates and nothing is stored.
        """
        validate_idempotency_key(key)
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            done = self.lookup(key, fingerprint, operation)
            if done is not None:
                return done
            with self._lock:
                unknown = self._unknown.get(key)
            if unknown is not None:
                if unknown != fingerprint:
                    raise PaymentError("payment.idempotency_conflict", operation=operation)
                if recover is None:
                    raise PaymentError("payment.outcome_unknown", operation=operation)
                found = recover()
                if found is not None:
                    return self._settle(key, fingerprint, found, operation)
            try:
                result = action()
            except PaymentError as error:
                if error.code == "payment.outcome_unknown":
                    with self._lock:
                        self._unknown[key] = fingerprint
                raise
            return self._settle(key, fingerprint, result, operation)

    def _settle(self, key: str, fingerprint: str, result: T, operation: str) -> T:
        stored = self.remember(key, fingerprint, result, operation=operation)
        with self._lock:
            self._unknown.pop(key, None)
        return stored

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

    def remember(self, key: str, fingerprint: str, result: T, *, operation: str = "") -> T:
        """Store ``result`` for ``key`` and return what is stored: the first result wins, so a
        racing second call never replaces it. A different fingerprint is a conflict."""
        validate_idempotency_key(key)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                if entry[0] != fingerprint:
                    raise PaymentError(
                        "payment.idempotency_conflict", operation=operation or entry[1]
                    )
                return entry[2]
            self._entries[key] = (fingerprint, operation, result)
            return result

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __repr__(self) -> str:
        return f"IdempotencyStore(entries={len(self)})"
