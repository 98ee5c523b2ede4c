"""The built-in backend: plain Python lists (:class:`~.listarray.ListArray`), no dependencies.

This package holds the whole backend: the array type and its loops
(:mod:`~nnd.arrays.python.listarray`), the inner loops of dot products
(:mod:`~nnd.arrays.python.kernels`) and NumPy-style printing (:mod:`~nnd.arrays.python.format`).
:class:`PythonBackend` maps each operation of the interface to one function there. The steps
of backpropagation (``matmul_sigmoid``, ``output_delta``, ``hidden_delta``, ...) are one pass
each over the rows; for anything but the 2-D ListArrays they are written for, they take
the interface's general definition, with its checks and errors.
"""

from __future__ import annotations

from operator import add, mul, sub
from typing import Any

from nnd.arrays.backend import Backend
from nnd.arrays.python import listarray as la
from nnd.arrays.python.kernels import sigmoid_prime, sigmoid_rows
from nnd.arrays.python.listarray import ListArray


def _sigmoid_prime_rows(rows: list[Any]) -> list[Any]:
    return [[sigmoid_prime(z) for z in r] for r in rows]


def _sigmoid_prime_from_output_rows(rows: list[Any]) -> list[Any]:
    return [[a * (1.0 - a) for a in r] for r in rows]


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
        return la.same_kind(a, "copy").copy()

    def tolist(self, a: ListArray) -> list[Any]:
        return la.same_kind(a, "tolist").tolist()

    shape = staticmethod(la.shape_of)
    all_finite = staticmethod(la.all_finite)
    matmul = staticmethod(la.matmul)
    matmul_ta = staticmethod(la.matmul_ta)
    matmul_tb = staticmethod(la.matmul_tb)
    transpose = staticmethod(la.transpose)
    vdot = staticmethod(la.vdot)
    within_limit = staticmethod(la.within_limit)
    sum = staticmethod(la.total)

    def add(self, a: Any, b: Any) -> ListArray:
        return la.elementwise(add, a, b)

    def subtract(self, a: Any, b: Any) -> ListArray:
        return la.elementwise(sub, a, b)

    def multiply(self, a: Any, b: Any) -> ListArray:
        return la.elementwise(mul, a, b)

    def divide(self, a: Any, b: Any) -> ListArray:
        return la.divide(a, b)

    def sigmoid(self, z: ListArray) -> ListArray:
        return la.apply_rows(sigmoid_rows, z, "sigmoid")

    def sigmoid_prime(self, z: ListArray) -> ListArray:
        return la.apply_rows(_sigmoid_prime_rows, z, "sigmoid_prime")

    def sigmoid_prime_from_output(self, a: ListArray) -> ListArray:
        return la.apply_rows(_sigmoid_prime_from_output_rows, a, "sigmoid_prime_from_output")

    shaped = la.shaped  # a ListArray needs one test; anything else, the interface's checks

    # The composites, one pass each (each falls back on the interface's definition, with its
    # checks and errors, for anything but the 2-D ListArrays it is written for).
    multiply_sigmoid_prime = la.multiply_sigmoid_prime
    matmul_sigmoid = la.matmul_sigmoid
    matmul_bias_sigmoid = la.matmul_bias_sigmoid
    add_row = la.add_row
    column_sums = la.column_sums
    output_delta = la.output_delta
    hidden_delta = la.hidden_delta
