"""A clock for tests: time is a parameter, and this is the parameter tests pass."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from govforms.errors import ConfigurationError

__all__ = ["FakeClock"]


class FakeClock:
    """A clock for tests: call it for the time; :meth:`advance` moves it on.

    >>> from datetime import timezone
    >>> clock = FakeClock(datetime(2026, 4, 1, tzinfo=timezone.utc))
    >>> clock.advance(days=1).isoformat()
    '2026-04-02T00:00:00+00:00'
    """

    __slots__ = ("_lock", "_now")

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None or start.utcoffset() is None:
            raise ConfigurationError("config.invalid_option", option="start", value="naive")
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> datetime:
        """Move on by ``timedelta(**delta)`` and return the new time."""
        with self._lock:
            self._now = self._now + timedelta(**delta)
            return self._now

    def set(self, moment: datetime) -> None:
        """Jump to ``moment`` (aware)."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ConfigurationError("config.invalid_option", option="moment", value="naive")
        with self._lock:
            self._now = moment

    def __repr__(self) -> str:
        return f"FakeClock({self().isoformat()})"
