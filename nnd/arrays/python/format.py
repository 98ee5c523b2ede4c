"""Text for ListArrays that reads like NumPy's: ``print(a)`` and ``repr(a)``.

It follows NumPy's default print options: up to 8 digits after the point (fewer
when fewer say the number exactly), points aligned down a column, scientific
notation when the magnitudes call for it, rows wrapped at 75 characters, and
arrays of more than 1000 elements summarised with ``...`` (three items kept at each end).

>>> print(format_array([[1.0, -2.5], [0.125, 4.0]], (2, 2)))
[[ 1.    -2.5  ]
 [ 0.125  4.   ]]
>>> print(format_array([1e-5, 1.0], (2,), separator=", ", prefix="ListArray("))
[1.e-05, 1.e+00]
>>> print(format_array(list(range(2000)), (2000,)))
[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]
"""

from __future__ import annotations

import math

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

LINE_WIDTH = 75
THRESHOLD = 1000  # more elements than this: summarise
EDGE_ITEMS = 3
PRECISION = 8


def format_array(values: list[Any], shape: tuple[int, ...], separator: str = " ", prefix: str = "") -> str:
    """The text of a 1-D list or a list of rows, as NumPy's ``array2string`` writes it.

    ``prefix`` is the text that will stand before the opening bracket on the first line
    (``"ListArray("`` for a repr), so that continuation lines line up under it.
    """
    rows = [values] if len(shape) == 1 else values
    summarise = math.prod(shape) > THRESHOLD
    shown = [_edges(row, summarise) for row in _edges(rows, summarise)]
    fmt = _formatter([x for row in shown for x in row])
    width = LINE_WIDTH - (1 if prefix else 0)  # room for the repr's closing ")"
    indent = " " + " " * len(prefix)
    if len(shape) == 1:
        return "[" + _line(values, fmt, separator, width - 1, indent, summarise)[len(indent) :] + "]"
    inner = indent + " "
    lines = [_line(row, fmt, separator, width - 2, inner, summarise) for row in _edges(rows, summarise)]
    texts = ["[" + line[len(inner) :] + "]" for line in lines]
    if summarise and len(rows) > 2 * EDGE_ITEMS:
        texts[EDGE_ITEMS:EDGE_ITEMS] = ["..."]
    joined = (separator.rstrip() + "\n" + indent).join(texts)
    return "[" + joined + "]"


def _edges(items: list[Any], summarise: bool) -> list[Any]:
    """All items, or only the first and last EDGE_ITEMS when summarising a long axis."""
    if summarise and len(items) > 2 * EDGE_ITEMS:
        return items[:EDGE_ITEMS] + items[-EDGE_ITEMS:]
    return items


def _line(
    row: list[Any], fmt: Callable[[float], str], separator: str, width: int, indent: str, summarise: bool
) -> str:
    """One row's elements, wrapped at ``width`` with continuation lines starting with ``indent``."""
    words = [fmt(x) for x in _edges(row, summarise)]
    if summarise and len(row) > 2 * EDGE_ITEMS:
        words[EDGE_ITEMS:EDGE_ITEMS] = ["..."]
    text, line = "", indent
    last = len(words) - 1
    for i, word in enumerate(words):
        if len(line) + len(word) > width and len(line) > len(indent):
            text += line.rstrip() + "\n"
            line = indent
        line += word if i == last else word + separator
    return text + line


def _formatter(shown: list[float]) -> Callable[[float], str]:
    """A function writing each number as NumPy would in an array holding ``shown``."""
    finite = [x for x in shown if math.isfinite(x)]
    magnitudes = [abs(x) for x in finite if x != 0.0]
    scientific = bool(magnitudes) and (
        max(magnitudes) >= 1e8 or min(magnitudes) < 1e-4 or max(magnitudes) / min(magnitudes) > 1e3
    )
    if scientific:
        parts = [_shortest_scientific(x) for x in finite]
        digits = max(len(m.partition(".")[2]) for m, _ in parts)
        exp_width = max(len(e) for _, e in parts)
        left = max(len(m.partition(".")[0]) for m, _ in parts)

        def text(x: float) -> str:
            mantissa, _, exponent = f"{x:.{digits}e}".partition("e")
            if digits == 0:
                mantissa += "."
            return mantissa.rjust(left + 1 + digits) + "e" + exponent[0] + exponent[1:].rjust(exp_width, "0")

        total = left + 1 + digits + 2 + exp_width
    else:
        split = [_shortest_positional(x).split(".") for x in finite]
        left = max((len(i) for i, _ in split), default=1)
        right = max((len(f) for _, f in split), default=0)

        def text(x: float) -> str:
            whole, frac = _shortest_positional(x).split(".")
            return whole.rjust(left) + "." + frac.ljust(right)

        total = left + 1 + right
    if len(finite) < len(shown):  # inf and nan line up at the right, as NumPy writes them
        total = max(total, *(len(_special(x)) for x in shown if not math.isfinite(x)))

    def number(x: float) -> str:
        return text(x).rjust(total) if math.isfinite(x) else _special(x).rjust(total)

    return number


def _shortest_positional(x: float) -> str:
    """``x`` with as many decimals as say it exactly (at most 8), keeping the point: ``'2.'``, ``'0.125'``."""
    mantissa, _, exponent = repr(x).partition("e")
    decimals = len(mantissa.partition(".")[2]) - int(exponent or 0)
    if decimals <= 0:  # a whole number (repr wrote it as 1e+16, say)
        return f"{x:.0f}."
    return f"{x:.{min(decimals, PRECISION)}f}".rstrip("0")


def _shortest_scientific(x: float) -> tuple[str, str]:
    """``(mantissa, exponent digits)`` of ``x`` with at most 8 decimals: ``('1.5', '05')`` for 1.5e-05."""
    digits = repr(x).partition("e")[0].replace("-", "").replace(".", "").strip("0")
    mantissa, _, exponent = f"{x:.{min(max(len(digits) - 1, 0), PRECISION)}e}".partition("e")
    mantissa = mantissa.rstrip("0") if "." in mantissa else mantissa + "."
    return mantissa, exponent[1:]


def _special(x: float) -> str:
    return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
