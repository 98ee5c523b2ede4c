"""Checking scalar options (``eps``, ``gtol``, ``learning_rate``, ``max_iter`` ...) one way everywhere.

Any real number type is a number (``int``, ``float``, ``fractions.Fraction``,
``numpy.float32``); ``bool`` is not; an int too large for a float is a
``ValueError`` naming the option, never an ``OverflowError``.
"""

from __future__ import annotations

import math
import numbers
import operator
from typing import Any

from nnd.util.errors import InvalidTypeError, InvalidValueError


def real_option(name: str, value: Any, *, positive: bool = False, none_ok: bool = True) -> float | None:
    """``value`` as a finite float, or an error naming ``name``; ``None`` passes if ``none_ok``.

    Any real number type is accepted (``int``, ``float``, ``fractions.Fraction``,
    ``numpy.float32`` ...); ``bool`` is not a number here; an int too large for a
    float is a ``ValueError``, not an ``OverflowError``.

    >>> real_option("gtol", 10**400)
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: gtol: expected a finite number >= 0, got an int too large for a float
    """
    if value is None and none_ok:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{name}: expected a number, got {type(value).__name__} {value!r:.40}")
    expected = "a positive finite number" if positive else "a finite number >= 0"
    try:
        number = float(value)
    except OverflowError:
        raise InvalidValueError(f"{name}: expected {expected}, got an int too large for a float") from None
    if not (math.isfinite(number) and (number > 0 if positive else number >= 0)):
        raise InvalidValueError(f"{name}: expected {expected}, got {value!r:.40}")
    return number


def int_option(name: str, value: Any, low: int = 0) -> int:
    """``value`` as an int >= ``low``, or an error naming ``name`` (``bool`` refused; any integral type)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidTypeError(f"{name}: expected an int, got {type(value).__name__} {value!r:.40}")
    number = operator.index(value)
    if number < low:
        raise InvalidValueError(f"{name}: expected an int >= {low}, got {number}")
    return number
