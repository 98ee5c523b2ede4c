"""``ListArray``: a small float64 array made of plain Python lists.

It behaves like the NumPy arrays the series uses, for the operations the series
uses: ``W1 + 3*dJdW1``, ``y - yHat``, ``a.T``, ``a.shape``, ``a.tolist()``,
``a @ b``, ``a ** 2`` and a readable ``print(a)``. (Raw lists would silently
concatenate on ``+``.) Elementwise operations need equal shapes or a scalar;
there is no broadcasting, so a shape mistake is an error, not a surprise.

Unlike a NumPy array, a ListArray cannot be changed once made (like a tuple, or a
JAX array): ``a[0, 0] = 1.0`` is an error, and every operation returns a new array.
That lets a network keep the arrays of a pass, and the python backend skip work,
without copying anything.

>>> a = ListArray([[1.0, 2.0], [3.0, 4.0]])
>>> (a + 3 * a).tolist()
[[4.0, 8.0], [12.0, 16.0]]
>>> a.T.shape, (a @ a.T).tolist()
((2, 2), [[5.0, 11.0], [11.0, 25.0]])
>>> print(a - 0.5)
[[0.5 1.5]
 [2.5 3.5]]
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import chain
from numbers import Real
from operator import add, mul, sub, truediv
from typing import Any

from nnd._validate import Shape, clean_nested, describe
from nnd.kernels import dot as _dot
from nnd.kernels import products


class ListArray:
    """An immutable 1-D or 2-D array of floats stored as a list (1-D) or a list of row lists (2-D).

    Build one from nested lists with ``ListArray(nested)`` or ``backend.asarray(nested)``.
    Nothing in nnd changes the lists once they are in a ListArray (``tolist`` hands out
    copies). The one way in without a copy is ``backend.from_floats(rows, shape)``, which
    keeps ``rows`` itself: pass it lists that nothing else will change.
    """

    # _sumsq: Σx², kept once computed (see vdot)
    __slots__ = ("_shape", "_sumsq", "_v")
    __array_ufunc__ = None  # NumPy: don't treat a ListArray as a scalar; defer to us (we refuse)

    def __init__(self, data: Any) -> None:
        if hasattr(self, "_v"):  # a.__init__(...) again would change a
            raise TypeError("a ListArray cannot be changed (see nnd.listarray)")
        if isinstance(data, ListArray):
            data = data._v
        self._v, self._shape = clean_nested(data, what="ListArray")

    @staticmethod
    def _wrap(values: list, shape: Shape) -> ListArray:
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
        """The transpose (a 1-D array is its own transpose, as in NumPy)."""
        return transpose(self) if len(self._shape) == 2 else self.copy()

    def tolist(self) -> list:
        """The values as (nested) Python lists of floats."""
        if len(self._shape) == 1:
            return list(self._v)
        return list(map(list, self._v))

    def copy(self) -> ListArray:
        """An independent copy."""
        return _wrap(self.tolist(), self._shape)

    def __reduce__(self) -> tuple[type[ListArray], tuple[list]]:
        """Pickle as ``ListArray(self.tolist())``: every protocol, and the values checked again."""
        return ListArray, (self.tolist(),)

    def sum(self) -> float:
        """Sum of all elements."""
        return _sum(self)

    def __len__(self) -> int:
        return self._shape[0]

    def __iter__(self) -> Iterator[Any]:
        if len(self._shape) == 1:
            return iter(self._v)
        return (_wrap(list(row), (len(row),)) for row in self._v)

    def __getitem__(self, index: Any) -> Any:
        """``a[i]`` (a float, or a row as a 1-D array), ``a[i, j]``, or a slice of rows ``a[i:j]``."""
        if isinstance(index, tuple):
            if len(self._shape) != 2 or len(index) != 2 or any(isinstance(k, slice) for k in index):
                raise IndexError(f"ListArray of shape {self._shape}: use a[i, j] with two ints on 2-D arrays")
            i, j = index
            return self._v[i][j]
        item = self._v[index]
        if isinstance(index, slice):
            if len(self._shape) == 1:
                return _wrap(list(item), (len(item),))
            return _wrap([list(row) for row in item], (len(item), self._shape[1]))
        return _wrap(list(item), (len(item),)) if isinstance(item, list) else item

    def __setitem__(self, index: Any, value: Any) -> None:
        raise TypeError(
            "a ListArray cannot be changed (see nnd.listarray); make a new one instead: "
            "values = a.tolist(), change values, then ListArray(values)"
        )

    # -- arithmetic operators -----------------------------------------------------
    def __add__(self, other: Any) -> ListArray:
        return elementwise(add, self, other)

    def __radd__(self, other: Any) -> ListArray:
        return elementwise(add, other, self)

    def __sub__(self, other: Any) -> ListArray:
        return elementwise(sub, self, other)

    def __rsub__(self, other: Any) -> ListArray:
        return elementwise(sub, other, self)

    def __mul__(self, other: Any) -> ListArray:
        return elementwise(mul, self, other)

    def __rmul__(self, other: Any) -> ListArray:
        return elementwise(mul, other, self)

    def __truediv__(self, other: Any) -> ListArray:
        return elementwise(truediv, self, other)

    def __rtruediv__(self, other: Any) -> ListArray:
        return elementwise(truediv, other, self)

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

    def __matmul__(self, other: Any) -> ListArray:
        return matmul(self, _same_kind(other, "@"))

    def __rmatmul__(self, other: Any) -> ListArray:
        return matmul(_same_kind(other, "@"), self)

    def __eq__(self, other: object) -> bool:
        """True if ``other`` is a ListArray with the same shape and values (not elementwise)."""
        return isinstance(other, ListArray) and self._shape == other._shape and self._v == other._v

    __hash__ = None  # type: ignore[assignment]  # unhashable, like a NumPy array

    # -- display -------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"ListArray({self.tolist()!r})"

    def __str__(self) -> str:
        if len(self._shape) == 1:
            return _format_rows([self._v])[0]
        lines = _format_rows(self._v)
        return "[" + "\n ".join(lines) + "]"


_new_listarray = object.__new__  # skips __init__'s checks: for results built from clean values
_wrap = ListArray._wrap

# -- the operations, on ListArrays (the Python backend calls these) -------------------
#
# Speed notes (measured by ``nnd bench``; see the docs' Performance page): every
# loop is a list comprehension or a ``map`` over whole rows, so the per-element work
# runs in C; each function checks its arguments once, up front, then does one pass.


def _format_rows(rows: list) -> list[str]:
    """Rows of numbers as text, NumPy-style: 8 significant decimals, points aligned."""
    flat = [abs(x) for row in rows for x in row]
    nonzero = [x for x in flat if x]
    if nonzero and (max(nonzero) >= 1e8 or min(nonzero) < 1e-4):
        cells = [[f"{x:.8e}" for x in row] for row in rows]
    else:
        parts = [[f"{x:.8f}".rstrip("0").split(".") for x in row] for row in rows]
        left = max(len(p[0]) for row in parts for p in row)
        right = max(len(p[1]) for row in parts for p in row)
        cells = [[p[0].rjust(left) + "." + p[1].ljust(right) for p in row] for row in parts]
    width = max(len(c) for row in cells for c in row)
    return ["[" + " ".join(c.rjust(width) for c in row) + "]" for row in cells]


def _safe_pow(x: float, p: float) -> float:
    """``x ** p`` as a float: ±inf past float64's range, ValueError where it is not real."""
    try:
        return math.pow(x, p)
    except OverflowError:
        odd = p.is_integer() and p % 2 == 1
        return math.copysign(math.inf, x) if odd else math.inf
    except ValueError:
        raise ValueError(f"python backend: {x!r} ** {p!r} is not a real number") from None


def _same_kind(other: Any, op: str) -> ListArray:
    if isinstance(other, ListArray):
        return other
    how = "asarray(x.tolist())" if hasattr(other, "tolist") else "asarray(x)"
    raise TypeError(
        f"python backend: {op} needs ListArrays, got {describe(other)}; "
        f"convert it first with nnd.get_backend('python').{how}"
    )


def elementwise(op: Any, a: Any, b: Any) -> ListArray:
    """Apply ``op`` elementwise to two same-shaped ListArrays, or a ListArray and a number."""
    if isinstance(a, ListArray):
        shape = a._shape
        if isinstance(b, ListArray):
            if b._shape != shape:
                raise ValueError(
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
    raise TypeError(
        "python backend: arithmetic needs two ListArrays of equal shape or a ListArray and "
        f"a number, got {describe(other)}"
    )


def _is_scalar(x: Any) -> bool:
    return isinstance(x, Real) and not isinstance(x, bool)


def _as_scalar(x: Any, op: str) -> float:
    """A real number as a float, or a clear error (huge ints, strings, complex numbers, ...)."""
    if not _is_scalar(x):
        raise TypeError(f"python backend: {op} needs a real number here, got {describe(x)}")
    try:
        return float(x)
    except OverflowError:
        raise ValueError(f"python backend: {op}: {x!r:.30} is too large for float64") from None


def _map(f: Any, a: ListArray) -> ListArray:
    if len(a._shape) == 1:
        return _wrap(list(map(f, a._v)), a._shape)
    return _wrap([list(map(f, r)) for r in a._v], a._shape)


def _shapes_2d(a: Any, b: Any, op: str) -> tuple[Shape, Shape]:
    """The two shapes, or a TypeError if either is not a ListArray, a ValueError if not 2-D."""
    return _shape_2d(a, op), _shape_2d(b, op)


def matmul(a: ListArray, b: ListArray) -> ListArray:
    """Matrix product of two 2-D ListArrays."""
    try:
        (m, k), (k2, n) = a._shape, b._shape
    except (AttributeError, ValueError):  # not ListArrays, or not 2-D: say which
        _shapes_2d(a, b, "matmul")
    if k != k2:
        raise ValueError(
            f"python backend: matmul shapes {a._shape} and {b._shape} do not align ({k} != {k2})"
        )
    return _wrap(products[k](a._v, list(zip(*b._v))), (m, n))  # rows of a · columns of b


def matmul_ta(a: ListArray, b: ListArray) -> ListArray:
    """aᵀ·b: each entry is a column of a dotted with a column of b (no transpose built)."""
    try:
        (k, m), (k2, n) = a._shape, b._shape
    except (AttributeError, ValueError):
        _shapes_2d(a, b, "matmul_ta")
    if k != k2:
        raise ValueError(f"python backend: matmul_ta needs equal row counts, got {a._shape} and {b._shape}")
    return _wrap(products[k](zip(*a._v), list(zip(*b._v))), (m, n))  # columns of a · columns of b


def matmul_tb(a: ListArray, b: ListArray) -> ListArray:
    """a·bᵀ: each entry is a row of a dotted with a row of b (no transpose built)."""
    try:
        (m, k), (n, k2) = a._shape, b._shape
    except (AttributeError, ValueError):
        _shapes_2d(a, b, "matmul_tb")
    if k != k2:
        raise ValueError(
            f"python backend: matmul_tb needs equal column counts, got {a._shape} and {b._shape}"
        )
    return _wrap(products[k](a._v, b._v), (m, n))  # rows of a · rows of b


def transpose(a: ListArray) -> ListArray:
    """Transpose of a 2-D ListArray."""
    rows, cols = _shape_2d(a, "transpose")
    return _wrap(list(map(list, zip(*a._v))), (cols, rows))


def _shape_2d(a: Any, op: str) -> Shape:
    if len(_same_kind(a, op)._shape) != 2:
        raise ValueError(f"python backend: {op} needs 2-D arrays, got shape {a._shape}")
    return a._shape


def _flat(a: ListArray) -> Any:
    """The values in row-major order (an iterator for 2-D arrays)."""
    if len(a._shape) == 1:
        return a._v
    return chain.from_iterable(a._v)


def _sum(a: ListArray) -> float:
    return sum(_flat(a), 0.0)


def vdot(a: ListArray, b: ListArray) -> float:
    """Σ a⊙b over all elements.

    ``vdot(a, a)`` = Σa² is kept on ``a`` (which cannot change): a network checks the
    range of its data and weights this way on every call, and pays for it once per array.
    """
    if a is b and type(a) is ListArray:
        total = getattr(a, "_sumsq", None)
        if total is None:
            a._sumsq = total = _dot(_flat(a), _flat(a))
        return total
    a, b = _same_kind(a, "vdot"), _same_kind(b, "vdot")
    if a._shape != b._shape:
        raise ValueError(f"python backend: vdot needs equal shapes, got {a._shape} and {b._shape}")
    return _dot(_flat(a), _flat(b))
