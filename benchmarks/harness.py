"""A tiny benchmark harness: time ours and a peer on the same inputs, print the ratio.

Targets are ratios against a peer measured in the same run on the same machine, never absolute
timings asserted in the test suite. Run a benchmark module directly::

    python -m benchmarks.bench_fields

Each measurement takes the best of ``repeat`` rounds of one pass over all inputs (the minimum is
the estimate least disturbed by other load on the machine).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Comparison", "compare", "per_second", "print_table"]


def per_second(
    func: Callable[[Any], Any], inputs: Sequence[Any], *, repeat: int = 7, min_time: float = 0.2
) -> float:
    """Calls per second of ``func`` over ``inputs`` (best of ``repeat`` rounds)."""
    # Calibrate the number of passes so that a round lasts at least ``min_time`` seconds.
    passes = 1
    while True:
        start = time.perf_counter()
        for _ in range(passes):
            for item in inputs:
                func(item)
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            break
        passes *= 2
    best = elapsed
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat - 1):
            start = time.perf_counter()
            for _ in range(passes):
                for item in inputs:
                    func(item)
            best = min(best, time.perf_counter() - start)
    finally:
        if gc_was_enabled:
            gc.enable()
    return passes * len(inputs) / best


@dataclass(frozen=True)
class Comparison:
    """One line of a benchmark report."""

    name: str
    ours: float
    peer_name: str
    peer: float
    target: float

    @property
    def ratio(self) -> float:
        return self.ours / self.peer

    @property
    def met(self) -> bool:
        return self.ratio >= self.target


def compare(
    name: str,
    ours: Callable[[Any], Any],
    peer_name: str,
    peer: Callable[[Any], Any],
    inputs: Sequence[Any],
    *,
    target: float,
) -> Comparison:
    """Measure ``ours`` and ``peer`` on the same ``inputs`` in the same run."""
    return Comparison(name, per_second(ours, inputs), peer_name, per_second(peer, inputs), target)


def print_table(rows: Sequence[Comparison]) -> None:
    """Print calls/s for both sides, the ratio and whether the target ratio is met."""
    print(f"{'benchmark':34} {'ours/s':>12} {'peer':>22} {'peer/s':>12} {'ratio':>7} target")
    for row in rows:
        mark = "met" if row.met else "MISSED"
        print(
            f"{row.name:34} {row.ours:12,.0f} {row.peer_name:>22} {row.peer:12,.0f} "
            f"{row.ratio:6.2f}x >={row.target:g}x {mark}"
        )
