"""A small textual progress bar for long commands, written to a text stream (stderr).

No dependency: one line redrawn with ``\\r``, at most every ``interval`` seconds, and a final
line with a newline. Time is a parameter (``clock``) so tests are deterministic.

>>> import io
>>> out = io.StringIO()
>>> bar = ProgressBar(out, total=200, clock=lambda: 0.0)
>>> bar.update(done=100, rows=10, failed=1)
>>> bar.finish(done=200, rows=20, failed=1)
>>> out.getvalue().splitlines()[-1].split("\\r")[-1]
'[############################] 100% 20 rows, 1 failed'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final, TextIO

__all__ = ["ProgressBar"]

_WIDTH: Final = 28


class ProgressBar:
    """Progress of a job of ``total`` units (bytes read, say), with row and failure counts."""

    def __init__(
        self,
        stream: TextIO,
        *,
        total: int,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._total = max(total, 0)
        self._interval = interval
        self._clock = clock
        self._last: float | None = None

    def _line(self, done: int, rows: int, failed: int) -> str:
        fraction = 1.0 if self._total == 0 else min(max(done / self._total, 0.0), 1.0)
        filled = int(fraction * _WIDTH)
        bar = "#" * filled + "." * (_WIDTH - filled)
        noun = "row" if rows == 1 else "rows"
        return f"[{bar}] {int(fraction * 100):3d}% {rows:,} {noun}, {failed:,} failed"

    def update(self, *, done: int, rows: int, failed: int) -> None:
        """Redraw unless the last redraw was less than ``interval`` seconds ago."""
        now = self._clock()
        if self._last is not None and now - self._last < self._interval:
            return
        self._last = now
        self._stream.write("\r" + self._line(done, rows, failed))
        self._stream.flush()

    def finish(self, *, done: int, rows: int, failed: int) -> None:
        """Draw the final state and end the line."""
        self._stream.write("\r" + self._line(done, rows, failed) + "\n")
        self._stream.flush()
