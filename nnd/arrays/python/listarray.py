"""``ListArray``: a small float64 array made of plain Python lists.

It behaves like the NumPy arrays the series uses, for what the series does with
them: ``W1 + 3*dJdW1``, ``y - yHat``, ``a.T``, ``a.shape``, ``a @ b``, ``a ** 2``,
``a[0, 0] = 1.5``, ``a[:, 0]``, ``a.sum(axis=0)``, ``a.reshape(3, 1)``, and a ``print(a)``
that looks like NumPy's. (Raw lists would silently concatenate on ``+``.)
Elementwise operations need equal shapes or a number; there is no broadcasting,
so a shape mistake is an error, not a surprise.

>>> a = ListArray([[1.0, 2.0], [3.0, 4.0]])
>>> (a + 3 * a).tolist()
[[4.0, 8.0], [12.0, 16.0]]
>>> a.T.shape, (a @ a.T).tolist()
((2, 2), [[5.0, 11.0], [11.0, 25.0]])
>>> a[0, 1] = 0.5
>>> print(a - 0.5)
[[0.5 0. ]
 [2.5 3.5]]
>>> a[:, 0], a.sum(axis=0)
(ListArray([1., 3.]), ListArray([4. , 4.5]))

With NumPy. ``np.asarray(a)`` gives a float64 ``ndarray``, so every NumPy function
takes a ListArray (``np.sum(a)``, ``np.linalg.norm(a)``, matplotlib's plots). Arithmetic
with a NumPy *array* on either side gives a NumPy array (``grad - numgrad``, with one of
them from NumPy); with a NumPy *number* (``np.float64``) it gives a ListArray, as with
a Python float. ``a[i]`` and iterating over rows give views, as in NumPy: writing into
a row writes into ``a``. Everything else (``a.T``, slices of columns, ``reshape``,
``flatten``, ``ravel``) gives a new array.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterator
from itertools import chain
from numbers import Real
from operator import add, mul, sub, truediv
from typing import Any, NoReturn

from nnd.arrays.backend import Backend
from nnd.arrays.python.format import format_array
from nnd.arrays.python.kernels import delta_products, products, sigmoid_rows
from nnd.arrays.python.kernels import dot as _dot
from nnd.util.checks import LIMIT, Shape, as_nested, describe, flag, shown
from nnd.util.errors import InvalidIndexError, InvalidTypeError, InvalidValueError


class ListArray:
    """A 1-D or 2-D array of floats stored as a list (1-D) or a list of row lists (2-D).

    Build one from nested lists, a NumPy array or any array-like with
    ``ListArray(data)`` or ``backend.asarray(data)``; both copy. The one way in without a
    copy is ``backend.from_floats(rows, shape)``, which keeps ``rows`` itself.
    """

    # _v: the values, a list of floats (1-D) or a list of row lists (2-D); _shape: the shape.
    # Only this module reads them: the python backend calls the functions at its end.
    __slots__ = ("_shape", "_v")
    _v: list[Any]
    _shape: Shape

    def __init__(self, data: Any) -> None:
        if isinstance(data, ListArray):
            data = data._v
        self._v, self._shape = as_nested(data, what="ListArray")

    @staticmethod
    def _wrap(values: list[Any], shape: Shape) -> ListArray:
        """Wrap already-clean lists without copying or checking (internal fast path)."""
        out = _new_listarray(ListArray)
        out._v = values
        out._shape = shape
        return out

    # -- inspection -------------------------------------------------------------
    @property
    def shape(self) -> Shape:
        """The shape, ``(n,)`` or ``(rows, columns)``."""
        return self._shape

    @property
    def ndim(self) -> int:
        """Number of dimensions, 1 or 2."""
        return len(self._shape)

    @property
    def size(self) -> int:
        """Number of elements."""
        return math.prod(self._shape)

    @property
    def dtype(self) -> str:
        """Always ``'float64'`` (Python floats are IEEE double precision)."""
        return "float64"

    @property
    def T(self) -> ListArray:  # noqa: N802 - NumPy's name
        """The transpose, as a new array (a 1-D array is its own transpose, as in NumPy)."""
        return transpose(self) if len(self._shape) == 2 else self.copy()

    def tolist(self) -> list[Any]:
        """The values as (nested) Python lists of floats, a new copy."""
        if len(self._shape) == 1:
            return list(self._v)
        return list(map(list, self._v))

    def copy(self) -> ListArray:
        """An independent copy."""
        return _wrap(self.tolist(), self._shape)

    def __reduce__(self) -> tuple[type[ListArray], tuple[list[Any]]]:
        """Pickle as ``ListArray(self.tolist())``: every protocol, and the values checked again."""
        return ListArray, (self.tolist(),)

    # -- reshaping ----------------------------------------------------------------
    def flatten(self) -> ListArray:
        """The values in row-major order, as a new 1-D array."""
        return _wrap(list(_flat(self)), (self.size,))

    def ravel(self) -> ListArray:
        """The same as :meth:`flatten` (a new array: ListArrays have no views of other shapes)."""
        return self.flatten()

    def reshape(self, *shape: Any) -> ListArray:
        """A new array with the same values in row-major order: ``a.reshape(100, 100)``, ``a.reshape(-1)``.

        >>> ListArray([1.0, 2.0, 3.0, 4.0]).reshape(2, -1).tolist()
        [[1.0, 2.0], [3.0, 4.0]]
        """
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        new = _reshaped(shape, self.size, self._shape)
        flat = list(_flat(self))
        if len(new) == 1:
            return _wrap(flat, new)
        n = new[1]
        return _wrap([flat[i : i + n] for i in range(0, len(flat), n)], new)

    # -- reductions ----------------------------------------------------------------
    def sum(self, axis: int | None = None, dtype: Any = None, out: Any = None, keepdims: bool = False) -> Any:
        """Sum of all elements (a float), or along an axis (a 1-D array) as NumPy's ``sum``.

        >>> a = ListArray([[1.0, 2.0], [3.0, 4.0]])
        >>> a.sum(), a.sum(axis=0).tolist(), a.sum(axis=1).tolist()
        (10.0, [4.0, 6.0], [3.0, 7.0])
        """
        _numpy_options("sum", dtype, out)
        return _reduce(self, axis, keepdims, lambda v: sum(v, 0.0))

    def mean(
        self, axis: int | None = None, dtype: Any = None, out: Any = None, keepdims: bool = False
    ) -> Any:
        """Mean of all elements, or along an axis, as NumPy's ``mean``."""
        _numpy_options("mean", dtype, out)
        return _reduce(self, axis, keepdims, lambda v: sum(v, 0.0) / len(v))

    def max(self, axis: int | None = None, out: Any = None, keepdims: bool = False) -> Any:
        """Largest element, or largest along an axis, as NumPy's ``max``."""
        _numpy_options("max", None, out)
        return _reduce(self, axis, keepdims, max)

    def min(self, axis: int | None = None, out: Any = None, keepdims: bool = False) -> Any:
        """Smallest element, or smallest along an axis, as NumPy's ``min``."""
        _numpy_options("min", None, out)
        return _reduce(self, axis, keepdims, min)

    # -- items ---------------------------------------------------------------------
    def __len__(self) -> int:
        return self._shape[0]

    def __iter__(self) -> Iterator[Any]:
        """The floats of a 1-D array; the rows of a 2-D one, as views (writing into one writes here)."""
        if len(self._shape) == 1:
            return iter(self._v)
        n = (self._shape[1],)
        return (_wrap(row, n) for row in self._v)

    def __getitem__(self, index: Any) -> Any:
        """``a[i]`` (a float, or row i as a view), ``a[i, j]`` (a float), ``a[:, j]``, ``a[i:k, j:l]``."""
        rows, cols = _select(self._shape, index)
        if len(self._shape) == 1:
            return self._v[rows] if isinstance(rows, int) else _wrap([self._v[i] for i in rows], (len(rows),))
        v = self._v
        if isinstance(rows, int):
            if isinstance(cols, int):
                return v[rows][cols]
            if cols == range(self._shape[1]):  # the whole row, in order: a view, as in NumPy
                return _wrap(v[rows], (len(cols),))
            return _wrap([v[rows][j] for j in cols], (len(cols),))
        if isinstance(cols, int):
            return _wrap([v[i][cols] for i in rows], (len(rows),))
        if cols == range(self._shape[1]):  # whole rows, in order: the row lists are shared, as in NumPy
            return _wrap([v[i] for i in rows], (len(rows), len(cols)))
        return _wrap([[v[i][j] for j in cols] for i in rows], (len(rows), len(cols)))

    def __setitem__(self, index: Any, value: Any) -> None:
        """``a[i, j] = 1.5``, ``a[i] = row``, ``a[:, j] = column``, ``a[...] = number`` as NumPy does.

        The value is a number (put in every selected place) or an array-like of the
        selection's shape; it is checked before anything changes.

        >>> a = ListArray([[1.0, 2.0], [3.0, 4.0]])
        >>> a[0, 0] = 5; a[:, 1] = [0.0, -1.0]; a.tolist()
        [[5.0, 0.0], [3.0, -1.0]]
        """
        rows, cols = _select(self._shape, index)
        shape = tuple(len(s) for s in (rows, cols) if s is not None and not isinstance(s, int))
        row_at = [rows] if isinstance(rows, int) else rows
        if _is_scalar(value):
            number = _as_scalar(value, "item assignment")
            width = 1 if cols is None or isinstance(cols, int) else len(cols)
            grid = [[number] * width for _ in row_at]
        else:
            values, got = as_nested(value, what="item assignment")
            if got != shape:
                raise InvalidValueError(
                    f"python backend: item assignment needs a number or values of shape {shape}, "
                    f"got shape {got}"
                )
            # the values as one list per selected row
            if len(shape) == 2:
                grid = values
            elif cols is not None and isinstance(rows, int):
                grid = [values]
            else:
                grid = [[x] for x in values]
        if cols is None:  # 1-D
            for i, (x,) in zip(row_at, grid):
                self._v[i] = x
            return
        col_at = [cols] if isinstance(cols, int) else cols
        for i, new in zip(row_at, grid):
            row = self._v[i]  # written in place: views of this row see the change
            for j, x in zip(col_at, new):
                row[j] = x

    # -- NumPy ---------------------------------------------------------------------
    def __array__(self, dtype: Any = None, copy: Any = None) -> Any:
        """A new float64 ``numpy.ndarray`` with these values (``np.asarray(a)``)."""
        import numpy as np

        if copy is False:
            raise InvalidValueError("a ListArray cannot be viewed as a NumPy array without a copy")
        out = np.array(self.tolist(), dtype=np.float64)
        return out if dtype is None else out.astype(dtype)

    def to_numpy(self) -> Any:
        """The values as a new float64 ``numpy.ndarray``, as pandas names it.

        matplotlib's ``plot`` converts what has ``to_numpy`` (an array with only ``shape``
        it indexes as NumPy's, ``y[:, np.newaxis]``), so ``plot(x, NN.sigmoid(x))`` works.
        """
        return self.__array__()

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        """NumPy's functions on ListArrays: ``np.float64(3) * a`` stays a ListArray; the rest is NumPy's.

        Arithmetic with NumPy numbers gives a ListArray, as with Python numbers; anything
        with a NumPy array in it, and every other NumPy function, works on ``np.asarray(a)``.
        """
        op = _UFUNCS.get(ufunc.__name__)
        if op is not None and method == "__call__" and not kwargs and len(inputs) == 2:
            a, b = inputs
            if all(isinstance(x, ListArray) or _is_scalar(x) for x in inputs):
                return elementwise(op, a, b)
        import numpy as np

        arrays = [np.asarray(x) if isinstance(x, ListArray) else x for x in inputs]
        if any(isinstance(x, ListArray) for x in kwargs.get("out", ())):
            # NumPy would write into a copy (np.asarray(a)) and leave the ListArray as it was
            raise InvalidTypeError(
                f"np.{ufunc.__name__}: out= cannot be a ListArray; write the result back with a[...] = result"
            )
        return getattr(ufunc, method)(*arrays, **kwargs)

    # -- arithmetic operators -----------------------------------------------------
    def __add__(self, other: Any) -> Any:
        return _binary(add, self, other)

    def __radd__(self, other: Any) -> Any:
        return _binary(add, other, self)

    def __sub__(self, other: Any) -> Any:
        return _binary(sub, self, other)

    def __rsub__(self, other: Any) -> Any:
        return _binary(sub, other, self)

    def __mul__(self, other: Any) -> Any:
        return _binary(mul, self, other)

    def __rmul__(self, other: Any) -> Any:
        return _binary(mul, other, self)

    def __truediv__(self, other: Any) -> Any:
        return _divided(self, other)

    def __rtruediv__(self, other: Any) -> Any:
        return _divided(other, self)

    def __neg__(self) -> ListArray:
        return elementwise(mul, self, -1.0)

    def __pos__(self) -> ListArray:
        return self.copy()

    def __abs__(self) -> ListArray:
        return _map(abs, self)

    def __pow__(self, power: Any) -> ListArray:
        power = _as_scalar(power, "**")
        if power == 2:  # x*x never raises; float ** 2 raises OverflowError past 1e154
            return elementwise(mul, self, self)
        return _map(lambda x: _safe_pow(x, power), self)

    def __matmul__(self, other: Any) -> Any:
        if _is_foreign_array(other):
            return NotImplemented  # NumPy's turn: the result is a NumPy array
        return matmul(self, same_kind(other, "@"))

    def __rmatmul__(self, other: Any) -> Any:
        if _is_foreign_array(other):
            return NotImplemented
        return matmul(same_kind(other, "@"), self)

    def __eq__(self, other: object) -> bool:
        """True if ``other`` is a ListArray with the same shape and values (not elementwise)."""
        return isinstance(other, ListArray) and self._shape == other._shape and self._v == other._v

    __hash__ = None  # type: ignore[assignment]  # unhashable, like a NumPy array

    # -- display -------------------------------------------------------------------
    def __repr__(self) -> str:
        """``ListArray([[1. , 2.5], ...])``, as NumPy writes an array (summarised past 1000 elements)."""
        return "ListArray(" + format_array(self._v, self._shape, ", ", "ListArray(") + ")"

    def __str__(self) -> str:
        return format_array(self._v, self._shape)


_new_listarray = object.__new__  # skips __init__'s checks: for results built from clean values
_wrap = ListArray._wrap

# NumPy ufuncs (by name: NumPy is never imported here) that are elementwise arithmetic.
_UFUNCS = {"add": add, "subtract": sub, "multiply": mul, "divide": truediv, "true_divide": truediv}


# -- indexing, reshaping and reductions ------------------------------------------------


def _select(shape: Shape, index: Any) -> tuple[Any, Any]:
    """``(rows, columns)`` picked by ``index``: each an int or a range (1-D: columns is None)."""
    parts = index if isinstance(index, tuple) else (index,)
    dots = [k for k, part in enumerate(parts) if part is Ellipsis]
    if dots:  # a[...] and a[..., j]: the Ellipsis stands for as many ':' as are missing
        k = dots[0]
        parts = parts[:k] + (slice(None),) * max(len(shape) - len(parts) + 1, 0) + parts[k + 1 :]
    if len(parts) > len(shape):
        raise InvalidIndexError(
            f"too many indices: the ListArray has {len(shape)} dimension(s), got {len(parts)} indices"
        )
    parts = parts + (slice(None),) * (len(shape) - len(parts))
    picked = [_positions(part, n, axis) for axis, (part, n) in enumerate(zip(parts, shape))]
    return picked[0], (picked[1] if len(picked) == 2 else None)


def _positions(part: Any, n: int, axis: int) -> Any:
    if isinstance(part, slice):
        positions = range(n)[part]
        if not positions:
            raise InvalidIndexError(
                f"the slice {part} selects nothing along axis {axis} (size {n}); a ListArray cannot be empty"
            )
        return positions
    try:
        if isinstance(part, bool):  # NumPy reads a[True] as a new axis, not as row 1
            raise TypeError
        i = operator.index(part)
    except TypeError:
        raise InvalidIndexError(
            f"ListArray indices are ints and slices (a[i, j], a[:, j], a[i:k]), got {describe(part)}"
        ) from None
    if not -n <= i < n:
        raise InvalidIndexError(f"index {i} is out of bounds for axis {axis} with size {n}")
    return i % n


def _reshaped(shape: tuple[Any, ...], size: int, old: Shape) -> Shape:
    try:
        dims = tuple(operator.index(d) for d in shape)
    except TypeError:
        raise InvalidTypeError(f"reshape: expected ints, got {shape!r:.60}") from None
    if not 1 <= len(dims) <= 2 or dims.count(-1) > 1 or any(d < -1 or d == 0 for d in dims):
        raise InvalidValueError(f"reshape: expected 1 or 2 positive sizes (one may be -1), got {dims}")
    if -1 in dims:
        known = -math.prod(dims)
        if size % known:
            raise InvalidValueError(f"cannot reshape an array of shape {old} ({size} elements) into {dims}")
        dims = tuple(size // known if d == -1 else d for d in dims)
    if math.prod(dims) != size:
        raise InvalidValueError(f"cannot reshape an array of shape {old} ({size} elements) into {dims}")
    return dims


def _numpy_options(name: str, dtype: Any, out: Any) -> None:
    """Refuse NumPy's ``dtype=``/``out=`` beyond what a ListArray can honour (float64, no out)."""
    if out is not None:
        raise InvalidTypeError(
            f"{name}: out= is not supported by ListArray; use np.{name}(np.asarray(a), out=...)"
        )
    if not (
        dtype is None
        or dtype is float
        or (isinstance(dtype, str) and dtype in ("float64", "f8"))
        or str(getattr(dtype, "__name__", "")) == "float64"  # np.float64
        or str(getattr(dtype, "name", "")) == "float64"  # np.dtype("float64")
    ):
        raise InvalidTypeError(f"{name}: ListArrays hold float64 only, got dtype={shown(dtype)}")


def _reduce(a: ListArray, axis: Any, keepdims: bool, f: Any) -> Any:
    """``f`` of all values (axis None), of each column (axis 0) or of each row (axis 1)."""
    keepdims = flag(keepdims, "keepdims")
    ndim = len(a._shape)
    if axis is not None:
        try:
            if isinstance(axis, bool):  # NumPy refuses axis=True too (and its own bools have no __index__)
                raise TypeError
            axis = operator.index(axis)
        except TypeError:
            raise InvalidTypeError(f"axis: expected None or an int, got {describe(axis)}") from None
        if not -ndim <= axis < ndim:
            raise InvalidValueError(f"axis {axis} is out of bounds for an array of {ndim} dimension(s)")
        axis %= ndim
    if axis is None or ndim == 1:
        total = float(f(list(_flat(a))))
        if not keepdims:
            return total
        return _wrap([total], (1,)) if ndim == 1 else _wrap([[total]], (1, 1))
    lines = a._v if axis == 1 else [list(col) for col in zip(*a._v)]
    values = [float(f(line)) for line in lines]
    if not keepdims:
        return _wrap(values, (len(values),))
    return _wrap([[x] for x in values], (len(values), 1)) if axis == 1 else _wrap([values], (1, len(values)))


# -- the operations, on ListArrays (the Python backend calls these) -------------------
#
# Speed notes (measured by ``nnd bench``; see the docs' Performance page): every
# loop is a list comprehension or a ``map`` over whole rows, so the per-element work
# runs in C; each function checks its arguments once, up front, then does one pass.


def _safe_pow(x: float, p: float) -> float:
    """``x ** p`` as a float: ±inf past float64's range, ValueError where it is not real."""
    try:
        return math.pow(x, p)
    except OverflowError:
        odd = p.is_integer() and p % 2 == 1
        return math.copysign(math.inf, x) if odd else math.inf
    except ValueError:
        raise InvalidValueError(f"python backend: {x!r} ** {p!r} is not a real number") from None


def _is_foreign_array(x: Any) -> bool:
    """True for another library's array (NumPy's, ...): something with ``__array__`` that is not ours.

    NumPy's scalars (``np.float64(2)``, ``np.bool_(True)``) have ``__array__`` too, but no dimensions:
    they are numbers here, not arrays, and arithmetic with them stays a ListArray (or is refused, for a
    bool or a 0-d array).
    """
    return not isinstance(x, ListArray) and hasattr(x, "__array__") and getattr(x, "ndim", 1) != 0


def _binary(op: Any, a: Any, b: Any) -> Any:
    """An operator's result; NotImplemented for another library's array, so that its own operator runs."""
    if _is_foreign_array(b if isinstance(a, ListArray) else a):
        return NotImplemented
    return elementwise(op, a, b)


def _divided(a: Any, b: Any) -> Any:
    """a / b for the operators; NotImplemented for another library's array, as :func:`_binary`."""
    if _is_foreign_array(b if isinstance(a, ListArray) else a):
        return NotImplemented
    return divide(a, b)


def divide(a: Any, b: Any) -> ListArray:
    """a / b elementwise (two same-shaped ListArrays, or a ListArray and a number); x/0 is refused."""
    try:
        return elementwise(truediv, a, b)
    except ZeroDivisionError:
        raise InvalidValueError(
            "python backend: division by zero (nnd's arrays hold finite numbers; x/0 is not one)"
        ) from None


def same_kind(other: Any, op: str) -> ListArray:
    """``other`` if it is a ListArray; else an InvalidTypeError naming the operation ``op``."""
    if isinstance(other, ListArray):
        return other
    raise InvalidTypeError(
        f"python backend: {op} needs ListArrays, got {describe(other)}; "
        "convert it first with nnd.get_backend('python').asarray(x)"
    )


def elementwise(op: Any, a: Any, b: Any) -> ListArray:
    """Apply ``op`` elementwise to two same-shaped ListArrays, or a ListArray and a number."""
    if isinstance(a, ListArray):
        shape = a._shape
        if isinstance(b, ListArray):
            if b._shape != shape:
                raise InvalidValueError(
                    f"python backend: elementwise operation needs equal shapes (or a scalar), "
                    f"got {shape} and {b._shape}"
                )
            if len(shape) == 1:
                return _wrap(list(map(op, a._v, b._v)), shape)
            return _wrap([list(map(op, r, s)) for r, s in zip(a._v, b._v)], shape)
        if _is_scalar(b):
            b = _as_scalar(b, "arithmetic")
            if len(shape) == 1:
                return _wrap([op(x, b) for x in a._v], shape)
            return _wrap([[op(x, b) for x in r] for r in a._v], shape)
    elif isinstance(b, ListArray) and _is_scalar(a):
        a = _as_scalar(a, "arithmetic")
        if len(b._shape) == 1:
            return _wrap([op(a, x) for x in b._v], b._shape)
        return _wrap([[op(a, x) for x in r] for r in b._v], b._shape)
    other = b if isinstance(a, ListArray) else a
    raise InvalidTypeError(
        "python backend: arithmetic needs two ListArrays of equal shape or a ListArray and "
        f"a number, got {describe(other)}"
    )


def _is_scalar(x: Any) -> bool:
    return isinstance(x, Real) and not isinstance(x, bool)


def _as_scalar(x: Any, op: str) -> float:
    """A real number as a float, or a clear error (huge ints, strings, complex numbers, ...)."""
    if not _is_scalar(x):
        raise InvalidTypeError(f"python backend: {op} needs a real number here, got {describe(x)}")
    try:
        number = float(x)
    except OverflowError:
        raise InvalidValueError(f"python backend: {op}: {x!r:.30} is too large for float64") from None
    if op == "item assignment" and not math.isfinite(number):
        raise InvalidValueError(f"python backend: {op} needs a finite number, got {number!r}")
    return number


def _map(f: Any, a: ListArray) -> ListArray:
    if len(a._shape) == 1:
        return _wrap(list(map(f, a._v)), a._shape)
    return _wrap([list(map(f, r)) for r in a._v], a._shape)


def _not_two_2d(a: Any, b: Any, op: str) -> NoReturn:
    """Why a and b are not two 2-D ListArrays: a TypeError if one is not a ListArray, else a ValueError."""
    _shape_2d(a, op)
    _shape_2d(b, op)
    raise AssertionError(f"{op}: called on two 2-D ListArrays")  # never: the callers' unpacking failed


def matmul(a: ListArray, b: ListArray) -> ListArray:
    """Matrix product of two 2-D ListArrays."""
    try:
        (m, k), (k2, n) = a._shape, b._shape
    except (AttributeError, ValueError):  # not ListArrays, or not 2-D: say which
        _not_two_2d(a, b, "matmul")
    if k != k2:
        raise InvalidValueError(
            f"python backend: matmul shapes {a._shape} and {b._shape} do not align ({k} != {k2})"
        )
    return _wrap(products[k](a._v, list(zip(*b._v))), (m, n))  # rows of a · columns of b


def matmul_ta(a: ListArray, b: ListArray) -> ListArray:
    """aᵀ·b: each entry is a column of a dotted with a column of b (no transpose built)."""
    try:
        (k, m), (k2, n) = a._shape, b._shape
    except (AttributeError, ValueError):
        _not_two_2d(a, b, "matmul_ta")
    if k != k2:
        raise InvalidValueError(
            f"python backend: matmul_ta needs equal row counts, got {a._shape} and {b._shape}"
        )
    return _wrap(products[k](zip(*a._v), list(zip(*b._v))), (m, n))  # columns of a · columns of b


def matmul_tb(a: ListArray, b: ListArray) -> ListArray:
    """a·bᵀ: each entry is a row of a dotted with a row of b (no transpose built)."""
    try:
        (m, k), (n, k2) = a._shape, b._shape
    except (AttributeError, ValueError):
        _not_two_2d(a, b, "matmul_tb")
    if k != k2:
        raise InvalidValueError(
            f"python backend: matmul_tb needs equal column counts, got {a._shape} and {b._shape}"
        )
    return _wrap(products[k](a._v, b._v), (m, n))  # rows of a · rows of b


def transpose(a: ListArray) -> ListArray:
    """Transpose of a 2-D ListArray."""
    rows, cols = _shape_2d(a, "transpose")
    return _wrap(list(map(list, zip(*a._v))), (cols, rows))


def _shape_2d(a: Any, op: str) -> Shape:
    if len(same_kind(a, op)._shape) != 2:
        raise InvalidValueError(f"python backend: {op} needs 2-D arrays, got shape {a._shape}")
    shape: Shape = a._shape
    return shape


def shape_of(a: ListArray) -> Shape:
    """The shape of a ListArray; a TypeError, naming it, for anything else."""
    return same_kind(a, "shape")._shape


def shaped(B: Backend, value: Any, name: str) -> Any:
    """:meth:`Backend.shaped` in one test for a ListArray, which is 1-D or 2-D by construction, so
    only emptiness is left to look at; anything else gets the interface's definition."""
    if type(value) is ListArray and 0 not in value._shape:
        return value
    return Backend.shaped(B, value, name)


def _flat(a: ListArray) -> Any:
    """The values in row-major order (an iterator for 2-D arrays)."""
    if len(a._shape) == 1:
        return a._v
    return chain.from_iterable(a._v)


def _sum(a: ListArray) -> float:
    return sum(_flat(a), 0.0)


def vdot(a: ListArray, b: ListArray) -> float:
    """Σ a⊙b over all elements of two same-shaped ListArrays."""
    a, b = same_kind(a, "vdot"), same_kind(b, "vdot")
    if a._shape != b._shape:
        raise InvalidValueError(f"python backend: vdot needs equal shapes, got {a._shape} and {b._shape}")
    return float(_dot(_flat(a), _flat(b)))


def within_limit(*arrays: ListArray) -> bool:
    """True if every element of every array is finite and within ±LIMIT: √Σa² ≤ LIMIT, by ``math.hypot``.

    One C call over all the arrays' numbers, which cannot overflow; NaN and infinity fail it.
    The numbers are gathered by ``list.extend``, row by row: half the time of
    ``chain.from_iterable`` at the series' size.
    """
    values: list[float] = []
    extend = values.extend
    for a in arrays:
        if type(a) is not ListArray:  # a call fewer per array in a pass, where all four are ListArrays
            a = same_kind(a, "within_limit")
        if len(a._shape) == 1:
            extend(a._v)
        else:
            for row in a._v:
                extend(row)
    return math.hypot(*values) <= LIMIT


# -- the python backend's one-pass steps -------------------------------------------------------
#
# PythonBackend uses these functions as its methods, so each takes the backend B first.
# Each does its step in one pass over 2-D ListArrays of the shapes backpropagation
# passes; anything else gets the interface's general definition (Backend's default),
# with its checks and errors. The loops round exactly as those definitions do.


def apply_rows(fn: Any, a: Any, op: str) -> ListArray:
    """A function of a list of rows (a kernel), run on a 1-D or 2-D ListArray."""
    a = same_kind(a, op)
    if len(a._shape) == 2:
        return _wrap(fn(a._v), a._shape)
    return _wrap(fn([a._v])[0], a._shape)


def all_finite(a: ListArray) -> bool:
    """True if no value is NaN or infinite."""
    # A NaN or an infinity makes the sum NaN or infinite, so a finite sum settles it in
    # one C loop; only if the sum overflowed do we look at every value.
    return math.isfinite(_sum(same_kind(a, "all_finite"))) or all(map(math.isfinite, _flat(a)))


def total(a: ListArray) -> float:
    """The sum of every value."""
    return _sum(same_kind(a, "sum"))


def multiply_sigmoid_prime(B: Backend, g: Any, a: Any) -> Any:
    """g ⊙ a(1 − a), in one pass."""
    if not (type(g) is type(a) is ListArray and g._shape == a._shape and len(a._shape) == 2):
        return Backend.multiply_sigmoid_prime(B, g, a)
    return _wrap([[d * (x * (1.0 - x)) for d, x in zip(r, s)] for r, s in zip(g._v, a._v)], a._shape)


def matmul_sigmoid(B: Backend, a: Any, W: Any) -> Any:
    """(z, f(z)) with z = a·W: rows of a dotted with columns of W, then the sigmoid."""
    if not (
        type(a) is type(W) is ListArray and len(a._shape) == len(W._shape) == 2 and a._shape[1] == W._shape[0]
    ):
        return Backend.matmul_sigmoid(B, a, W)
    shape = (a._shape[0], W._shape[1])
    z = products[a._shape[1]](a._v, list(zip(*W._v)))
    return _wrap(z, shape), _wrap(sigmoid_rows(z), shape)


def matmul_bias_sigmoid(B: Backend, a: Any, W: Any, b: Any) -> Any:
    """(z, f(z)) with z = a·W + b, the bias row added to each row's dot products."""
    if not (
        type(a) is type(W) is type(b) is ListArray
        and len(a._shape) == len(W._shape) == 2
        and a._shape[1] == W._shape[0]
        and b._shape == (1, W._shape[1])
    ):
        return Backend.matmul_bias_sigmoid(B, a, W, b)
    shape = (a._shape[0], W._shape[1])
    bias = b._v[0]
    z = [[x + c for x, c in zip(row, bias)] for row in products[a._shape[1]](a._v, list(zip(*W._v)))]
    return _wrap(z, shape), _wrap(sigmoid_rows(z), shape)


def add_row(B: Backend, a: Any, row: Any) -> Any:
    """a + row, the (1, n) row added to every row of a."""
    if not (type(a) is type(row) is ListArray and len(a._shape) == 2 and row._shape == (1, a._shape[1])):
        return Backend.add_row(B, same_kind(a, "add_row"), same_kind(row, "add_row"))
    r = row._v[0]
    return _wrap([[x + c for x, c in zip(s, r)] for s in a._v], a._shape)


def column_sums(B: Backend, a: Any) -> Any:
    """The (1, n) row of column sums, added top to bottom as ones·a adds them."""
    if not (type(a) is ListArray and len(a._shape) == 2):
        return Backend.column_sums(B, same_kind(a, "column_sums"))
    return _wrap(products[a._shape[0]]([[1.0] * a._shape[0]], list(zip(*a._v))), (1, a._shape[1]))


def output_delta(B: Backend, yHat: Any, y: Any) -> Any:
    """(yHat − y) ⊙ yHat(1 − yHat), in one pass."""
    if not (type(yHat) is type(y) is ListArray and yHat._shape == y._shape and len(y._shape) == 2):
        return Backend.output_delta(B, yHat, y)
    return _wrap(
        [[(p - t) * (p * (1.0 - p)) for p, t in zip(r, s)] for r, s in zip(yHat._v, y._v)], yHat._shape
    )


def hidden_delta(B: Backend, delta: Any, W: Any, a: Any) -> Any:
    """(delta·Wᵀ) ⊙ a(1 − a): row i of delta dotted with row j of W, times a[i][j](1 − a[i][j])."""
    if not (
        type(delta) is type(W) is type(a) is ListArray
        and len(delta._shape) == len(W._shape) == 2
        and delta._shape[1] == W._shape[1]
        and a._shape == (delta._shape[0], W._shape[0])
    ):
        return Backend.hidden_delta(B, delta, W, a)
    return _wrap(delta_products[delta._shape[1]](delta._v, W._v, a._v), a._shape)
