"""Cost curves drawn in the terminal with Unicode characters; no dependencies.

One series is drawn as a connected line of Braille dots (2 × 4 dots per
character); several series are drawn with one marker each and a legend. The
vertical axis is logarithmic by default, which is how a cost falling from 1e-1 to
1e-12 stays readable.

>>> print(plot([1.0, 0.1, 0.01, 0.001], width=8, height=3, title="J"))
J
  1.0e+00 ┤⠙⠦⣄
          │  ⠈⠓⠦⣄
  1.0e-03 ┤     ⠈⠓⢦
          └────────
           1      4
>>> print(plot({"train": [3, 2, 1], "test": [3, 3, 3]}, width=6, height=2, log=False))
  3.0e+00 ┤* *  ◦
  1.0e+00 ┤     •
          └──────
           1    3
          • train  ◦ test  * both
"""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Mapping, Sequence

from nnd.util import checks
from nnd.util.checks import describe
from nnd.util.errors import InvalidTypeError, InvalidValueError

MARKERS = "•◦×+"
SHARED = "*"  # a cell where two series meet
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [dot row][dot column]
_LABEL = 9  # width of a y-axis label such as " 1.0e-03"


def plot(
    series: Sequence[float] | Mapping[str, Sequence[float]],
    *,
    width: int = 60,
    height: int = 12,
    log: bool = True,
    title: str | None = None,
) -> str:
    """A text picture of one series (a list of numbers) or several (a dict name -> list).

    The x axis is the position in the list (1 to n). With ``log=True`` numbers ≤ 0
    are left out; NaN and infinities are always left out.
    """
    width = checks.integer(width, "width", minimum=2, maximum=1000)
    height = checks.integer(height, "height", minimum=2, maximum=1000)
    log = checks.flag(log, "log")
    if title is not None:
        title = checks.text(title, "title")
    named = dict(series) if isinstance(series, Mapping) else {"": series}
    if not named:
        raise InvalidValueError("series: expected at least one series")
    clean = {name: _usable(values, log, name) for name, values in named.items()}
    points = [v for values in clean.values() for _, v in values]
    lines = [title] if title else []
    if not points:
        return "\n".join([*lines, "(no values to plot)"])
    lo, hi = min(points), max(points)
    if hi * 0.5 - lo * 0.5 <= 1e-9 * max(1.0, abs(hi)):  # one value: give it some room
        pad = max(0.5, abs(hi) * 0.01)
        lo, hi = max(lo - pad, -sys.float_info.max), min(hi + pad, sys.float_info.max)
    n = max(len(values) for values in named.values())
    if len(named) == 1:
        grid = _braille(next(iter(clean.values())), n, lo, hi, width, height)
    else:
        grid = _markers(clean, n, lo, hi, width, height)

    def label(t: float) -> str:
        return f"{_power_of_ten(t) if log else f'{t:.1e}':>{_LABEL}}"

    for r, row in enumerate(grid):
        if r in (0, height - 1):
            lines.append(f"{label(hi if r == 0 else lo)} ┤{''.join(row).rstrip()}")
        else:
            lines.append(f"{'':>{_LABEL}} │{''.join(row).rstrip()}")
    lines.append(f"{'':>{_LABEL}} └{'─' * width}")
    last = str(n)
    lines.append(f"{'':>{_LABEL}}  1{last:>{width - 1}}")
    if len(named) > 1:
        legend = "  ".join(f"{MARKERS[i % len(MARKERS)]} {name}" for i, name in enumerate(named))
        legend += f"  {SHARED} both" if len(named) == 2 else f"  {SHARED} several"
        lines.append(f"{'':>{_LABEL}} {legend}")
    return "\n".join(lines)


def _power_of_ten(t: float) -> str:
    """10**t written like ``f"{x:.1e}"``, without computing 10**t (which may overflow)."""
    exponent = math.floor(t)
    mantissa = round(10.0 ** (t - exponent), 1)
    if mantissa >= 10.0:
        mantissa, exponent = 1.0, exponent + 1
    return f"{mantissa:.1f}e{exponent:+03d}"


def _usable(values: Sequence[float], log: bool, name: str) -> list[tuple[int, float]]:
    """(position, plotted value) for each finite value (positive, if log), on the plotted scale."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise InvalidTypeError(f"series {name!r}: expected a list of numbers, got {describe(values)}")
    out = []
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise InvalidTypeError(f"series {name!r}: expected numbers, got {describe(v)} at position {i}")
        try:
            v = float(v)
        except OverflowError:  # an int beyond float64: too large to plot
            continue
        if math.isfinite(v) and (v > 0 or not log):
            out.append((i, math.log10(v) if log else v))
    return out


def _cell(i: int, n: int, columns: int) -> int:
    return 0 if n <= 1 else round(i * (columns - 1) / (n - 1))


def _level(v: float, lo: float, hi: float, rows: int) -> int:
    # halves first, so that hi − lo cannot overflow for any pair of finite floats
    return min(rows - 1, max(0, round((hi * 0.5 - v * 0.5) / (hi * 0.5 - lo * 0.5) * (rows - 1))))


def _braille(
    points: list[tuple[int, float]], n: int, lo: float, hi: float, width: int, height: int
) -> list[list[str]]:
    bits = [[0] * width for _ in range(height)]
    dots = [(_cell(i, n, 2 * width), _level(v, lo, hi, 4 * height)) for i, v in points]

    def light(column: int, top: int, bottom: int) -> None:
        for dot_row in range(min(top, bottom), max(top, bottom) + 1):
            bits[dot_row // 4][column // 2] |= _BRAILLE_BITS[dot_row % 4][column % 2]

    for (c0, r0), (c1, r1) in itertools.pairwise(dots):  # straight segments between neighbours
        previous = r0
        for column in range(c0, c1 + 1):
            row = r0 if c1 == c0 else round(r0 + (r1 - r0) * (column - c0) / (c1 - c0))
            light(column, previous, row)
            previous = row
    if len(dots) == 1:
        light(dots[0][0], dots[0][1], dots[0][1])
    return [[chr(0x2800 + b) if b else " " for b in row] for row in bits]


def _markers(
    series: dict[str, list[tuple[int, float]]], n: int, lo: float, hi: float, width: int, height: int
) -> list[list[str]]:
    grid = [[" "] * width for _ in range(height)]
    for k, points in enumerate(series.values()):
        mark = MARKERS[k % len(MARKERS)]
        for i, v in points:
            row, column = _level(v, lo, hi, height), _cell(i, n, width)
            grid[row][column] = mark if grid[row][column] in (" ", mark) else SHARED
    return grid
