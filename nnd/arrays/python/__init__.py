"""The built-in backend: plain Python lists (:class:`~.listarray.ListArray`), no dependencies.

Each method checks its arguments once and then makes one pass over the rows with
a list comprehension (the array operations live in :mod:`nnd.arrays.python.listarray`). The
steps of backpropagation (``matmul_sigmoid``, ``output_delta``, ``hidden_delta``) are
one pass each too, and dot products of up to 16 terms are written out (:mod:`nnd.arrays.python.kernels`).
"""

from __future__ import annotations

from math import exp, isfinite
from operator import add, mul, sub, truediv
from typing import Any

from nnd.arrays.backend import Backend
from nnd.arrays.python import listarray as la
from nnd.arrays.python.kernels import delta_products, products, sigmoid_rows
from nnd.arrays.python.listarray import ListArray


def _sigmoid_prime_rows(rows: list[Any]) -> list[Any]:
    # f'(z) = e^-|z| / (1 + e^-|z|)^2: the video's formula, made symmetric so e^-|z| <= 1.
    # Rounding can put it one ulp above its true maximum 1/4 (near z = 0): clamp.
    return [[min(0.25, (e := exp(-abs(z))) / ((1.0 + e) * (1.0 + e))) for z in r] for r in rows]


def _sigmoid_prime_from_output_rows(rows: list[Any]) -> list[Any]:
    return [[a * (1.0 - a) for a in r] for r in rows]


def _apply_rows(fn: Any, a: ListArray, op: str) -> ListArray:
    """Run a function of a list of rows on a 1-D or 2-D array."""
    if not isinstance(a, ListArray):
        la._same_kind(a, op)  # raises the TypeError
    if len(a._shape) == 2:
        return la._wrap(fn(a._v), a._shape)
    return la._wrap(fn([a._v])[0], a._shape)


class PythonBackend(Backend):
    """Arrays of plain Python lists. Always available; the default backend.

    >>> B = PythonBackend()
    >>> B.tolist(B.matmul(B.asarray([[1, 2]]), B.asarray([[3], [4]])))
    [[11.0]]
    """

    name = "python"

    def from_floats(self, rows: list[Any], shape: tuple[int, ...]) -> ListArray:
        return la._wrap(rows, shape)  # the array takes the lists: ListArrays never copy what they own

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, ListArray)

    def copy(self, a: ListArray) -> ListArray:
        return a.copy()

    def tolist(self, a: ListArray) -> list[Any]:
        return a.tolist()

    def shape(self, a: ListArray) -> tuple[int, ...]:
        return a._shape

    def all_finite(self, a: ListArray) -> bool:
        # A NaN or an infinity makes the sum NaN or infinite, so a finite sum settles it in
        # one C loop; only if the sum overflowed do we look at every value.
        return isfinite(la._sum(a)) or all(map(isfinite, la._flat(a)))

    matmul = staticmethod(la.matmul)
    matmul_ta = staticmethod(la.matmul_ta)
    matmul_tb = staticmethod(la.matmul_tb)
    transpose = staticmethod(la.transpose)
    vdot = staticmethod(la.vdot)

    def add(self, a: Any, b: Any) -> ListArray:
        return la.elementwise(add, a, b)

    def subtract(self, a: Any, b: Any) -> ListArray:
        return la.elementwise(sub, a, b)

    def multiply(self, a: Any, b: Any) -> ListArray:
        return la.elementwise(mul, a, b)

    def divide(self, a: Any, b: Any) -> ListArray:
        return la.elementwise(truediv, a, b)

    def sigmoid(self, z: ListArray) -> ListArray:
        return _apply_rows(sigmoid_rows, z, "sigmoid")

    def sigmoid_prime(self, z: ListArray) -> ListArray:
        return _apply_rows(_sigmoid_prime_rows, z, "sigmoid_prime")

    def sigmoid_prime_from_output(self, a: ListArray) -> ListArray:
        return _apply_rows(_sigmoid_prime_from_output_rows, a, "sigmoid_prime_from_output")

    # The composites, each in one pass where the arguments are 2-D ListArrays of fitting
    # shapes; anything else takes the general path of Backend, with its checks and errors.

    def multiply_sigmoid_prime(self, g: ListArray, a: ListArray) -> ListArray:
        if not (type(g) is type(a) is ListArray and g._shape == a._shape and len(a._shape) == 2):
            general: ListArray = super().multiply_sigmoid_prime(g, a)
            return general
        # g ⊙ a(1 − a), rounded as the definition rounds it
        return la._wrap([[d * (x * (1.0 - x)) for d, x in zip(r, s)] for r, s in zip(g._v, a._v)], a._shape)

    def matmul_sigmoid(self, a: ListArray, W: ListArray) -> tuple[ListArray, ListArray]:
        fits = type(a) is type(W) is ListArray and len(a._shape) == len(W._shape) == 2
        if not (fits and a._shape[1] == W._shape[0]):
            return super().matmul_sigmoid(a, W)
        (m, k), n = a._shape, W._shape[1]
        z = products[k](a._v, list(zip(*W._v)))  # z = a·W, rows of a · columns of W
        return la._wrap(z, (m, n)), la._wrap(sigmoid_rows(z), (m, n))

    def output_delta(self, yHat: ListArray, y: ListArray) -> ListArray:
        if not (type(yHat) is type(y) is ListArray and yHat._shape == y._shape and len(y._shape) == 2):
            general: ListArray = super().output_delta(yHat, y)
            return general
        # (yHat − y) ⊙ yHat(1 − yHat), rounded as the definition rounds it
        return la._wrap(
            [[(p - t) * (p * (1.0 - p)) for p, t in zip(r, s)] for r, s in zip(yHat._v, y._v)], yHat._shape
        )

    def hidden_delta(self, delta: ListArray, W: ListArray, a: ListArray) -> ListArray:
        try:  # 2-D ListArrays with delta (m, k), W (n, k), a (m, n)?
            (m, k), (n, k_w) = delta._shape, W._shape
            fits = k == k_w and a._shape == (m, n) and type(delta) is type(W) is type(a) is ListArray
        except (AttributeError, ValueError):
            fits = False
        if not fits:
            general: ListArray = super().hidden_delta(delta, W, a)
            return general
        # (delta·Wᵀ) ⊙ a(1 − a): row i of delta dotted with row j of W, times a[i][j](1 − a[i][j])
        return la._wrap(delta_products[k](delta._v, W._v, a._v), a._shape)

    def sum(self, a: ListArray) -> float:
        return la._sum(a)
