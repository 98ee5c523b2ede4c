"""An example nnd backend: each array is a flat ``array.array('d')`` plus a shape.

It stores a matrix in one contiguous block of C doubles (8 bytes a number, against
about 32 for a list of Python floats), and shows everything a backend needs: a class
that subclasses ``nnd.Backend``, implements its abstract methods and passes
``nnd.arrays.conformance.check_backend``.
"""

from __future__ import annotations

import math
from array import array
from operator import add, mul, sub, truediv
from typing import Any

from nnd import Backend


class Matrix:
    """A float64 array: ``data`` holds the values row by row, ``shape`` is (n,) or (rows, columns)."""

    __slots__ = ("data", "shape")

    def __init__(self, data: array, shape: tuple[int, ...]) -> None:
        self.data, self.shape = data, shape

    def __repr__(self) -> str:
        return f"Matrix({ArrayBackend().tolist(self)!r})"


def _sigmoid(z: float) -> float:
    e = math.exp(-abs(z))  # never exponentiate a positive number: no overflow
    return 1.0 / (1.0 + e) if z >= 0.0 else e / (1.0 + e)


class ArrayBackend(Backend):
    """nnd arrays as ``array.array('d')`` blocks."""

    name = "array"

    # -- creation and inspection --------------------------------------------------------
    def from_floats(self, rows: list, shape: tuple[int, ...]) -> Matrix:
        flat = rows if len(shape) == 1 else [x for row in rows for x in row]
        return Matrix(array("d", flat), tuple(shape))

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, Matrix)

    def copy(self, a: Matrix) -> Matrix:
        return Matrix(array("d", a.data), a.shape)

    def tolist(self, a: Matrix) -> list:
        if len(a.shape) == 1:
            return a.data.tolist()
        columns = a.shape[1]
        return [a.data[i : i + columns].tolist() for i in range(0, len(a.data), columns)]

    def shape(self, a: Matrix) -> tuple[int, ...]:
        return a.shape

    def all_finite(self, a: Matrix) -> bool:
        return all(map(math.isfinite, a.data))

    # -- linear algebra -------------------------------------------------------------------
    def matmul(self, a: Matrix, b: Matrix) -> Matrix:
        (m, k), (k2, n) = a.shape, b.shape
        if k != k2:
            raise ValueError(f"array backend: matmul needs (m, k)·(k, n), got {a.shape}·{b.shape}")
        columns = [b.data[j::n] for j in range(n)]
        rows = [a.data[i * k : (i + 1) * k] for i in range(m)]
        return Matrix(array("d", [math.fsum(map(mul, r, c)) for r in rows for c in columns]), (m, n))

    def transpose(self, a: Matrix) -> Matrix:
        m, n = a.shape
        return Matrix(array("d", [a.data[i * n + j] for j in range(n) for i in range(m)]), (n, m))

    # -- elementwise arithmetic: array with array of the same shape, or with a float ------
    def _elementwise(self, op: Any, a: Any, b: Any) -> Matrix:
        if isinstance(a, Matrix) and isinstance(b, Matrix):
            if a.shape != b.shape:
                raise ValueError(f"array backend: shapes differ, {a.shape} and {b.shape}")
            return Matrix(array("d", map(op, a.data, b.data)), a.shape)
        if isinstance(a, Matrix):
            return Matrix(array("d", [op(x, float(b)) for x in a.data]), a.shape)
        return Matrix(array("d", [op(float(a), x) for x in b.data]), b.shape)

    def add(self, a: Any, b: Any) -> Matrix:
        return self._elementwise(add, a, b)

    def subtract(self, a: Any, b: Any) -> Matrix:
        return self._elementwise(sub, a, b)

    def multiply(self, a: Any, b: Any) -> Matrix:
        return self._elementwise(mul, a, b)

    def divide(self, a: Any, b: Any) -> Matrix:
        return self._elementwise(truediv, a, b)

    # -- the sigmoid and its derivative ------------------------------------------------------
    def sigmoid(self, z: Matrix) -> Matrix:
        return Matrix(array("d", map(_sigmoid, z.data)), z.shape)

    def sigmoid_prime(self, z: Matrix) -> Matrix:
        def prime(x: float) -> float:
            e = math.exp(-abs(x))
            return e / ((1.0 + e) * (1.0 + e))

        return Matrix(array("d", map(prime, z.data)), z.shape)

    def sigmoid_prime_from_output(self, a: Matrix) -> Matrix:
        return Matrix(array("d", [x * (1.0 - x) for x in a.data]), a.shape)

    # -- reductions --------------------------------------------------------------------------------
    def sum(self, a: Matrix) -> float:
        return math.fsum(a.data)

    def vdot(self, a: Matrix, b: Matrix) -> float:
        if a.shape != b.shape:
            raise ValueError(f"array backend: vdot needs equal shapes, got {a.shape} and {b.shape}")
        return math.fsum(map(mul, a.data, b.data))
