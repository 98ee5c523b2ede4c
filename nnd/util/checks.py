"""Checks for data arriving from outside: nested Python lists, NumPy arrays, other array-likes.

Every backend builds its arrays from the output of :func:`as_nested` (or, for NumPy
arrays, :func:`float64_array`), so a ragged row, a string or a NaN is reported the
same way whichever backend is in use, and before any array or network state is touched.
NumPy is never imported here: an array of NumPy's can only arrive if NumPy is loaded.
"""

from __future__ import annotations

import math
import sys
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
    if type(value) is float and value - value == 0.0:  # the usual case: a finite float
        return value
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


def clean_nested(data: Any, what: str = "data") -> tuple[list[Any], Shape]:
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


def as_nested(data: Any, what: str = "data") -> tuple[list[Any], Shape]:
    """Fresh lists of floats and the shape, from any array-like of 1 or 2 dimensions.

    Accepts nested lists or tuples of numbers, NumPy arrays of any real dtype (and
    ``np.matrix``; masked arrays without masked values), and objects with ``tolist()``
    or ``__array__`` (a ListArray, ``array.array``, a PyTorch tensor, ...).

    >>> as_nested(([1, 2], [3, 4]))
    ([[1.0, 2.0], [3.0, 4.0]], (2, 2))
    >>> import array
    >>> as_nested(array.array("d", [0.5, 2.0]), "y")
    ([0.5, 2.0], (2,))
    >>> as_nested("12", "X")
    Traceback (most recent call last):
    TypeError: X: expected a list of rows (nested lists of numbers) or an array, got str
    """
    if _is_sequence(data):
        return clean_nested(data, what)
    np = sys.modules.get("numpy")
    if np is not None and isinstance(data, np.ndarray):
        values = float64_array(np, data, what)
        return values.tolist(), values.shape
    if hasattr(data, "tolist") and not isinstance(data, (str, bytes)):
        nested = data.tolist()
        if _is_sequence(nested):
            return clean_nested(nested, what)
    elif hasattr(data, "__array__"):  # an array-like that only NumPy can read
        import numpy

        values = float64_array(numpy, numpy.asarray(data), what)
        return values.tolist(), values.shape
    raise TypeError(
        f"{what}: expected a list of rows (nested lists of numbers) or an array, got {describe(data)}"
    )


def float64_array(np: Any, data: Any, what: str = "data") -> Any:
    """A new, finite, 1-D or 2-D float64 ``numpy.ndarray`` from a NumPy array of any real dtype.

    ``np`` is the NumPy module (passed in so that this module never imports it).
    """
    if isinstance(data, np.ma.MaskedArray):
        masked = int(np.ma.getmaskarray(data).sum())
        if masked:
            raise ValueError(f"{what}: expected no masked values, got a masked array with {masked} masked")
        data = data.data
    data = np.asarray(data)  # np.matrix becomes a plain 2-D array
    kind = data.dtype.kind
    if kind == "O":  # Python objects: check them one by one, as lists are checked
        rows, shape = clean_nested(data.tolist(), what) if data.ndim else clean_nested(data.item(), what)
        return np.array(rows, dtype=np.float64).reshape(shape)
    if kind not in "iuf":
        kind_name = {"b": "booleans", "c": "complex numbers", "U": "strings", "S": "bytes"}.get(kind)
        got = f"{kind_name} (dtype {data.dtype})" if kind_name else f"dtype {data.dtype}"
        raise TypeError(f"{what}: expected an array of real numbers, got a NumPy array of {got}")
    if data.ndim not in (1, 2):
        raise ValueError(
            f"{what}: expected a 1-D or 2-D array, got a {data.ndim}-D NumPy array of shape {data.shape}"
        )
    if data.size == 0:
        raise ValueError(f"{what}: expected at least one number, got an empty array of shape {data.shape}")
    with np.errstate(all="ignore"):  # a long double beyond float64 becomes inf, reported below
        values = np.array(data, dtype=np.float64)
    if not np.isfinite(values).all():
        raise ValueError(f"{what}: expected finite numbers, got NaN or infinity")
    return values
