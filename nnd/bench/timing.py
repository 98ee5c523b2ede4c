"""Timing several functions side by side: interleaved rounds, median of repeats (``timeit`` only).

Each round times every contender once, in a rotating order, so that a burst of
noise on a busy machine lands on all of them rather than on one.

>>> racers = {"sum": lambda: sum(range(100)), "len": lambda: len("abc")}
>>> times = side_by_side(racers, repeat=3, min_time=0.001)
>>> sorted(times), all(t > 0 for t in times.values())
(['len', 'sum'], True)
"""

from __future__ import annotations

import statistics
import timeit
from collections.abc import Callable, Mapping


def calls_per_sample(fn: Callable[[], object], min_time: float) -> int:
    """How many calls make one sample last at least ``min_time`` seconds (at least 1)."""
    timer = timeit.Timer(fn)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            return number
        # aim a little past min_time, at most 10x more calls per try
        number = max(number + 1, min(10 * number, int(number * 1.2 * min_time / max(elapsed, 1e-9))))


def side_by_side(
    contenders: Mapping[str, Callable[[], object]], repeat: int = 7, min_time: float = 0.02
) -> dict[str, float]:
    """``{name: seconds per call}``, the median over ``repeat`` interleaved rounds."""
    if repeat < 1 or min_time <= 0:
        raise ValueError(f"repeat must be >= 1 and min_time > 0, got {repeat} and {min_time}")
    names = list(contenders)
    timers = {name: timeit.Timer(contenders[name]) for name in names}
    numbers = {name: calls_per_sample(contenders[name], min_time) for name in names}
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(repeat):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(timers[name].timeit(numbers[name]) / numbers[name])
    return {name: statistics.median(samples[name]) for name in names}
