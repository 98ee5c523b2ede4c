"""The one vocabulary for checking what a user passes in: numbers, ints, options, sizes, data.

Every public function of nnd checks its arguments with these, so the same mistake gets the
same message everywhere: what was expected, what arrived, and under which name. Each check
returns the value in the form nnd uses (a float, an int, fresh lists of floats) or raises an
:class:`~nnd.util.errors.NNDError` that is also the ``ValueError`` or ``TypeError`` Python
code expects. Any real number type is a number (``int``, ``float``, ``fractions.Fraction``,
NumPy's scalars); ``bool`` is not; an int too large for a float is a ``ValueError``, never
an ``OverflowError``.

>>> number(0.5, "learning_rate", positive=True)
0.5
>>> integer(True, "epochs")
Traceback (most recent call last):
nnd.util.errors.InvalidTypeError: epochs: expected an int, got bool True

Data (``X``, ``y``, weights) is checked by :func:`as_nested` (nested lists, NumPy arrays,
array-likes) and, for arrays a backend already holds, by the backend's own door,
:meth:`nnd.arrays.backend.Backend.checked`. NumPy is never imported here: an array of
NumPy's can only arrive if NumPy is loaded.
"""

from __future__ import annotations

import math
import operator
import sys
from numbers import Real

from nnd.util.errors import InvalidTypeError, InvalidValueError

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

Shape = tuple[int, ...]

LIMIT = 1e30
"""Largest magnitude accepted in data, weights and λ. Beyond it, products along the
network could overflow float64 (to inf, then NaN); data for a sigmoid network should
be scaled anyway, as the series scales it (:mod:`nnd.data`)."""

MAX_WEIGHTS = 10_000_000
"""Most weights a network may have (ten million: about 80 MB of float64 on the numpy
backend, several times that as Python lists). Larger sizes are refused at once rather
than filling the memory."""


def describe(obj: Any) -> str:
    """A short, readable name for what arrived: ``'str'``, ``'numpy.ndarray'``.

    >>> describe("x"), describe(1.5), describe(None)
    ('str', 'float', 'NoneType')
    """
    cls = type(obj)
    module = cls.__module__
    if module == "builtins":
        return cls.__name__
    return f"{module.split('.')[0]}.{cls.__qualname__}"


def shown(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters; a huge int is described, never printed.

    >>> shown("x" * 100, 10)
    "'xxxxxx..."
    >>> shown(10**5000)
    'an int of about 5000 digits'
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"an int of about {round(value.bit_length() * math.log10(2))} digits"  # str() may refuse it
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the real problem
        text = f"a {describe(value)}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


# -- scalars -----------------------------------------------------------------------------


def number(
    value: Any,
    name: str,
    *,
    positive: bool = False,
    minimum: float | None = 0.0,
    maximum: float | None = None,
) -> float:
    """``value`` as a finite float within the range, or an error naming ``name``.

    ``positive=True`` asks for a number above 0; otherwise it must be at least ``minimum``
    (0 unless given; ``None`` for no lower bound) and at most ``maximum`` (if given).

    >>> number(10**400, "gtol")
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: gtol: expected a finite number >= 0, got an int too large for a float
    >>> number(-3, "x", minimum=None)
    -3.0
    """
    if positive:
        expected = "a positive finite number"
    elif minimum is None:
        expected = "a finite number"
    else:
        expected = f"a finite number >= {minimum:g}"
    if maximum is not None:
        expected += f" and <= {maximum:g}"
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidTypeError(f"{name}: expected a number, got {describe(value)} {shown(value)}")
    try:
        result = float(value)
    except (OverflowError, ValueError):
        raise InvalidValueError(f"{name}: expected {expected}, got an int too large for a float") from None
    low_ok = result > 0 if positive else (minimum is None or result >= minimum)
    if not (math.isfinite(result) and low_ok and (maximum is None or result <= maximum)):
        raise InvalidValueError(f"{name}: expected {expected}, got {shown(value)}")
    return result


def optional_number(value: Any, name: str, **limits: Any) -> float | None:
    """``None`` as it is, anything else as :func:`number` checks it.

    >>> optional_number(None, "lam") is None
    True
    """
    return None if value is None else number(value, name, **limits)


def integer(value: Any, name: str, *, minimum: int | None = 0, maximum: int | None = None) -> int:
    """``value`` as an int within the range (any integral type, NumPy's included; not ``bool``).

    >>> integer(3.0, "epochs")
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: epochs: expected an int, got float 3.0
    """
    try:
        if isinstance(value, bool) or not hasattr(type(value), "__index__"):  # floats have no __index__
            raise TypeError
        result = operator.index(value)  # ints, NumPy's integers, anything that is an int
    except TypeError:
        raise InvalidTypeError(f"{name}: expected an int, got {describe(value)} {shown(value)}") from None
    if (minimum is not None and result < minimum) or (maximum is not None and result > maximum):
        bounds = " and ".join(
            f"{op} {bound:,}" for op, bound in ((">=", minimum), ("<=", maximum)) if bound is not None
        )
        raise InvalidValueError(f"{name}: expected an int {bounds}, got {shown(result)}")
    return result


def seed(value: Any, name: str = "seed") -> int | None:
    """A seed for ``random.Random``: ``None`` or an int (NumPy's too), kept as given.

    >>> seed(None), seed(7)
    (None, 7)
    """
    return None if value is None else integer(value, name, minimum=None)


def choice(value: Any, name: str, options: Sequence[str]) -> str:
    """``value`` if it is one of ``options`` (strings), or an error listing them.

    >>> choice("sgd", "method", ("bfgs", "sgd"))
    'sgd'
    >>> choice("adam", "method", ("bfgs", "sgd"))
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: method: expected one of 'bfgs', 'sgd', got 'adam'
    """
    if isinstance(value, str) and value in options:
        return value
    listed = ", ".join(map(repr, options))
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name}: expected one of {listed}, got {describe(value)} {shown(value)}")
    raise InvalidValueError(f"{name}: expected one of {listed}, got {shown(value)}")


def flag(value: Any, name: str) -> bool:
    """``value`` if it is ``True`` or ``False`` (NumPy's ``bool_`` too, as a ``bool``).

    >>> flag(1, "bias")
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: bias: expected True or False, got int 1
    """
    if isinstance(value, bool) or _is_numpy_bool(value):
        return bool(value)
    raise InvalidTypeError(f"{name}: expected True or False, got {describe(value)} {shown(value)}")


def _is_numpy_bool(value: Any) -> bool:
    """True for NumPy's booleans: ``numpy.bool_`` (named ``numpy.bool`` since NumPy 2)."""
    cls = type(value)
    return cls.__module__ == "numpy" and cls.__name__ in ("bool_", "bool")


def function(value: Any, name: str, *, optional: bool = True) -> Any:
    """``value`` if it is callable (a callback), or ``None`` unless ``optional=False``.

    >>> function(print, "callback") is print
    True
    >>> function(None, "fg", optional=False)
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: fg: expected a function, got NoneType
    """
    if (value is not None or not optional) and not callable(value):
        expected = "a function or None" if optional else "a function"
        raise InvalidTypeError(f"{name}: expected {expected}, got {describe(value)}")
    return value


def text(value: Any, name: str) -> str:
    """``value`` if it is a ``str`` (a title, a label).

    >>> text(123, "title")
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: title: expected a str, got int 123
    """
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name}: expected a str, got {describe(value)} {shown(value)}")
    return value


def sequence(value: Any, name: str, example: str) -> tuple[Any, ...]:
    """``value`` as a tuple, if it is a list, a tuple or another ordered, reusable sequence.

    Sets (no order), generators and iterators (read once) and strings are refused: a
    generator read twice is empty the second time, a set gives its items in any order.

    >>> sequence([2, 3, 1], "layer_sizes", "(2, 3, 1)")
    (2, 3, 1)
    >>> sequence({2, 3}, "layer_sizes", "(2, 3, 1)")
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: layer_sizes: expected a list or tuple like (2, 3, 1), got set
    """
    from collections.abc import Sequence as Ordered

    if isinstance(value, (str, bytes)) or not isinstance(value, Ordered):
        tolist = getattr(value, "tolist", None)  # a NumPy array of sizes, say
        if isinstance(value, (str, bytes)) or tolist is None or not hasattr(value, "__len__"):
            raise InvalidTypeError(f"{name}: expected a list or tuple like {example}, got {describe(value)}")
        value = tolist()
        if not isinstance(value, list):
            raise InvalidTypeError(f"{name}: expected a list or tuple like {example}, got a 0-D array")
    return tuple(value)


def layer_sizes(value: Any, name: str = "layer_sizes") -> tuple[int, ...]:
    """Units per layer, input first: at least two positive ints, within :data:`MAX_WEIGHTS` weights.

    >>> layer_sizes([2, 3, 1])
    (2, 3, 1)
    >>> layer_sizes((0, 3))
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: layer_sizes[0]: expected an int >= 1, got 0
    """
    sizes = sequence(value, name, "(2, 3, 1)")
    if len(sizes) < 2:
        raise InvalidValueError(
            f"{name}: expected at least two layers like (2, 3, 1), got {shown(sizes, 80)}"
        )
    checked = [integer(n, f"{name}[{i}]", minimum=1) for i, n in enumerate(sizes)]
    count = sum(a * b for a, b in zip(checked, checked[1:]))
    if count > MAX_WEIGHTS:
        raise InvalidValueError(
            f"{name}: {shown(sizes, 80)} would need {count:,} weights; "
            f"nnd networks have at most {MAX_WEIGHTS:,}"
        )
    return tuple(checked)


# -- data: nested lists and other libraries' arrays ------------------------------------


def _element(value: Any, what: str, where: str) -> float:
    if type(value) is float and value - value == 0.0:  # the usual case: a finite float
        return value
    if _is_sequence(value):
        raise InvalidValueError(
            f"{what}: nested too deeply: expected a number at {where}, got a "
            f"{describe(value)} (arrays here are 1-D or 2-D)"
        )
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidTypeError(f"{what}: expected a number at {where}, got {describe(value)} {shown(value)}")
    try:
        result = float(value)
    except (OverflowError, ValueError):  # an int (or Fraction) beyond float64's range
        raise InvalidValueError(
            f"{what}: expected a finite number at {where}, got one too large for float64"
        ) from None
    if not math.isfinite(result):
        raise InvalidValueError(f"{what}: expected a finite number at {where}, got {result!r}")
    return result


def _finite_floats(values: list[Any]) -> bool:
    """True if every value is a float (not a subclass) and finite: a finite sum has no NaN or infinity."""
    return set(map(type, values)) == {float} and (total := sum(values)) - total == 0.0


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
    nnd.util.errors.InvalidValueError: X: ragged rows: row 0 has 2 values but row 1 has 1
    """
    if not _is_sequence(data):
        raise InvalidTypeError(
            f"{what}: expected a list of rows (nested lists of numbers), got {describe(data)}"
        )
    if len(data) == 0:
        raise InvalidValueError(f"{what}: expected at least one row, got an empty list")
    if not _is_sequence(data[0]):
        if type(data) is list and _finite_floats(data):
            return data.copy(), (len(data),)
        return [_element(v, what, f"[{i}]") for i, v in enumerate(data)], (len(data),)
    width = len(data[0])
    rows = []
    for i, row in enumerate(data):
        if not _is_sequence(row):
            raise InvalidTypeError(f"{what}: expected every row to be a list, but row {i} is {describe(row)}")
        if len(row) != width:
            raise InvalidValueError(
                f"{what}: ragged rows: row 0 has {width} values but row {i} has {len(row)}"
            )
        if type(row) is list and _finite_floats(row):  # the usual row, checked about 15x faster
            rows.append(row.copy())
        else:
            rows.append([_element(v, what, f"[{i}][{j}]") for j, v in enumerate(row)])
    if width == 0:
        raise InvalidValueError(f"{what}: expected at least one column, got rows of length 0")
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
    >>> as_nested("12", "X")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: X: expected a list of rows (nested lists of numbers) or an array, ...
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
        if isinstance(nested, Real):  # a 0-D array, or a NumPy number
            raise InvalidTypeError(f"{what}: expected a 1-D or 2-D array, got a 0-D {describe(data)}")
    elif hasattr(data, "__array__"):  # an array-like that only NumPy can read
        import numpy

        values = float64_array(numpy, numpy.asarray(data), what)
        return values.tolist(), values.shape
    raise InvalidTypeError(
        f"{what}: expected a list of rows (nested lists of numbers) or an array, got {describe(data)}"
    )


def float64_array(np: Any, data: Any, what: str = "data") -> Any:
    """A new, finite, 1-D or 2-D float64 ``numpy.ndarray`` from a NumPy array of any real dtype.

    ``np`` is the NumPy module (passed in so that this module never imports it). Anything
    but a NumPy array is refused (:func:`as_nested` reads the rest).
    """
    if not isinstance(data, np.ndarray):
        raise InvalidTypeError(f"{what}: expected a NumPy array, got {describe(data)}")
    if isinstance(data, np.ma.MaskedArray):
        masked = int(np.ma.getmaskarray(data).sum())
        if masked:
            raise InvalidValueError(
                f"{what}: expected no masked values, got a masked array with {masked} masked"
            )
        data = data.data
    data = np.asarray(data)  # np.matrix becomes a plain 2-D array
    kind = data.dtype.kind
    if kind == "O":  # Python objects: check them one by one, as lists are checked
        rows, shape = clean_nested(data.tolist(), what) if data.ndim else clean_nested(data.item(), what)
        return np.array(rows, dtype=np.float64).reshape(shape)
    if kind not in "iuf":
        kind_name = {"b": "booleans", "c": "complex numbers", "U": "strings", "S": "bytes"}.get(kind)
        got = f"{kind_name} (dtype {data.dtype})" if kind_name else f"dtype {data.dtype}"
        raise InvalidTypeError(f"{what}: expected an array of real numbers, got a NumPy array of {got}")
    if data.ndim not in (1, 2):
        raise InvalidValueError(
            f"{what}: expected a 1-D or 2-D array, got a {data.ndim}-D NumPy array of shape {data.shape}"
        )
    if data.size == 0:
        raise InvalidValueError(
            f"{what}: expected at least one number, got an empty array of shape {data.shape}"
        )
    with np.errstate(all="ignore"):  # a long double beyond float64 becomes inf, reported below
        values = np.array(data, dtype=np.float64)
    if not np.isfinite(values).all():
        raise InvalidValueError(f"{what}: expected finite numbers, got NaN or infinity")
    return values
