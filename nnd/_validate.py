"""Checks for data arriving as nested Python lists.

Every backend builds its arrays from the output of :func:`clean_nested`, so a
ragged row, a string or a NaN is reported the same way whichever backend is in
use, and before any array or network state is touched.
"""

from __future__ import annotations

import math
from numbers import Real

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from typing import Any

Shape = tuple[int, ...]


def describe(obj: Any) -> str:
    """A short, readable name for what arrived: ``'str'``, ``'numpy.ndarray'``."""
    cls = type(obj)
    module = cls.__module__
    if module == "builtins":
        return cls.__name__
    return f"{module.split('.')[0]}.{cls.__qualname__}"


def _number(value: Any, what: str, where: str) -> float:
    if _is_sequence(value):
        raise ValueError(
            f"{what}: nested too deeply: expected a number at {where}, got a "
            f"{describe(value)} (arrays here are 1-D or 2-D)"
        )
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{what}: expected a number at {where}, got {describe(value)} {value!r:.40}")
    try:
        number = float(value)
    except OverflowError:  # an int (or Fraction) beyond float64's range
        raise ValueError(
            f"{what}: expected a finite number at {where}, got one too large for float64"
        ) from None
    if not math.isfinite(number):
        raise ValueError(f"{what}: expected a finite number at {where}, got {number!r}")
    return number


def _is_sequence(obj: Any) -> bool:
    return isinstance(obj, (list, tuple))


def clean_nested(data: Any, what: str = "data") -> tuple[list, Shape]:
    """Copy nested lists of numbers into fresh lists of floats and return ``(copy, shape)``.

    Accepts a flat sequence (1-D) or a sequence of equally long sequences (2-D).
    The caller's lists are never modified.

    >>> clean_nested([[1, 2], [3, 4.5]])
    ([[1.0, 2.0], [3.0, 4.5]], (2, 2))
    >>> clean_nested([[1, 2], [3]], "X")
    Traceback (most recent call last):
    ValueError: X: ragged rows: row 0 has 2 values but row 1 has 1
    """
    if not _is_sequence(data):
        raise TypeError(f"{what}: expected a list of rows (nested lists of numbers), got {describe(data)}")
    if len(data) == 0:
        raise ValueError(f"{what}: expected at least one row, got an empty list")
    if not _is_sequence(data[0]):
        return [_number(v, what, f"[{i}]") for i, v in enumerate(data)], (len(data),)
    width = len(data[0])
    rows = []
    for i, row in enumerate(data):
        if not _is_sequence(row):
            raise TypeError(f"{what}: expected every row to be a list, but row {i} is {describe(row)}")
        if len(row) != width:
            raise ValueError(f"{what}: ragged rows: row 0 has {width} values but row {i} has {len(row)}")
        rows.append([_number(v, what, f"[{i}][{j}]") for j, v in enumerate(row)])
    if width == 0:
        raise ValueError(f"{what}: expected at least one column, got rows of length 0")
    return rows, (len(rows), width)
