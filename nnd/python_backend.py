"""The built-in backend: plain Python lists (:class:`~nnd.listarray.ListArray`), no dependencies."""

from __future__ import annotations

from math import exp, isfinite
from operator import add, mul, sub, truediv
from typing import Any

from nnd import listarray as la
from nnd.backend import Backend
from nnd.listarray import ListArray


def _sigmoid_rows(rows: list) -> list:
    # Never exponentiate a positive number: e^-z for z >= 0, e^z / (1 + e^z) for z < 0.
    return [
        [1.0 / (1.0 + exp(-x)) if x >= 0.0 else exp(x) / (1.0 + exp(x)) for x in r] for r in rows
    ]


def _sigmoid_prime_rows(rows: list) -> list:
    # f'(z) = e^-|z| / (1 + e^-|z|)^2: the video's formula, made symmetric so e^-|z| <= 1.
    return [[(e := exp(-abs(x))) / ((1.0 + e) * (1.0 + e)) for x in r] for r in rows]


def _apply_rows(fn: Any, a: ListArray) -> ListArray:
    if a.ndim == 1:
        return ListArray._wrap(fn([a._v])[0], a.shape)
    return ListArray._wrap(fn(a._v), a.shape)


class PythonBackend(Backend):
    """Arrays of plain Python lists. Always available; the default backend.

    >>> B = PythonBackend()
    >>> B.tolist(B.matmul(B.asarray([[1, 2]]), B.asarray([[3], [4]])))
    [[11.0]]
    """

    name = "python"

    def from_floats(self, rows: list, shape: tuple[int, ...]) -> ListArray:
        return ListArray._wrap(rows, shape)

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, ListArray)

    def copy(self, a: ListArray) -> ListArray:
        return a.copy()

    def tolist(self, a: ListArray) -> list:
        return a.tolist()

    def shape(self, a: ListArray) -> tuple[int, ...]:
        return a.shape

    def all_finite(self, a: ListArray) -> bool:
        return all(map(isfinite, la._flat(a)))

    matmul = staticmethod(la.matmul)
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
        return _apply_rows(_sigmoid_rows, z)

    def sigmoid_prime(self, z: ListArray) -> ListArray:
        return _apply_rows(_sigmoid_prime_rows, z)

    def sigmoid_prime_from_output(self, a: ListArray) -> ListArray:
        return _apply_rows(lambda rows: [[x * (1.0 - x) for x in r] for r in rows], a)

    def sum(self, a: ListArray) -> float:
        return la._sum(a)
