"""The ``numpy`` backend for nnd: arrays are ``numpy.ndarray`` of float64.

Installed with ``pip install 'nnd[numpy]'`` and found through the entry-point
group ``nnd.backends``, the same door a third-party backend uses. NumPy is
imported when this module is, which happens only when the backend is chosen.

Speed notes (measured by ``nnd bench``; see the docs' Performance page). On large
arrays a fresh temporary costs more than the arithmetic done in it (the memory
has to be mapped and zeroed), so the elementwise functions build their result in
one new array and work on it in place (``out=``).
"""

from __future__ import annotations

import math
from typing import Any

from nnd.util.errors import InvalidValueError, MissingDependencyError

try:
    import numpy as np
except ImportError as exc:  # pragma: no cover - exercised in the core-only CI run
    raise MissingDependencyError(
        "the nnd 'numpy' backend needs NumPy, which is not installed; "
        "install it with: pip install 'nnd[numpy]'"
    ) from exc

from nnd.arrays.backend import Backend
from nnd.util.checks import LIMIT, float64_array

_FLOAT64 = np.dtype(np.float64)
_FEW = 32  # arrays this small are range-tested in Python: see within_limit
_QUIET = np.errstate(over="ignore", under="ignore")  # wraps the sigmoid and its derivative (below)


class NumpyBackend(Backend):
    """float64 ``numpy.ndarray`` arrays; fast for large data.

    >>> B = NumpyBackend()
    >>> B.tolist(B.matmul(B.asarray([[1, 2]]), B.asarray([[3], [4]])))
    [[11.0]]
    """

    name = "numpy"

    def asarray(self, data: Any, what: str = "") -> np.ndarray:
        if isinstance(data, np.ndarray):  # any real dtype, np.matrix, a masked array: checked, float64
            return float64_array(np, data, what or "numpy backend: asarray")
        return super().asarray(data, what)

    def from_floats(self, rows: list[Any], shape: tuple[int, ...]) -> np.ndarray:
        return np.array(rows, dtype=np.float64).reshape(shape)

    def is_array(self, obj: Any) -> bool:
        # a plain float64 ndarray; int arrays, float32, np.matrix... go through asarray first
        return type(obj) is np.ndarray and obj.dtype is _FLOAT64

    def copy(self, a: np.ndarray) -> np.ndarray:
        return np.array(a, dtype=np.float64)

    def tolist(self, a: np.ndarray) -> list[Any]:
        return a.tolist()

    def shape(self, a: np.ndarray) -> tuple[int, ...]:
        return a.shape

    def all_finite(self, a: np.ndarray) -> bool:
        # Σa² is finite only if every element is (NaN and infinity propagate): one BLAS call,
        # no temporary. Only if it overflowed (some |a| > 1e154) is each element checked.
        return math.isfinite(np.vdot(a, a)) or bool(np.isfinite(a).all())

    def within_limit(self, *arrays: np.ndarray) -> bool:
        # √Σa² ≤ LIMIT, as the interface says. A NumPy call costs about 0.8 µs however small
        # its array, and the series' network passes four arrays of 2 to 6 numbers: arrays of
        # up to _FEW numbers go into one math.hypot as Python floats instead (measured: 1.6
        # against 3.9 µs at (3, 2, 3, 1); 32 numbers is where the two ways cost the same).
        few: list[float] = []
        total = 0.0
        for a in arrays:
            if a.size <= _FEW:
                few += a.ravel().tolist()
            else:
                total += float(np.vdot(a, a))  # a Python float: inf, not a warning, if it overflows
        return math.hypot(*few, math.sqrt(total)) <= LIMIT

    # NumPy's functions themselves, called without a wrapper. np.dot: the same BLAS call as
    # ``@`` for 2-D arrays, with less overhead on tiny ones. (A ufunc takes the interface's
    # two arrays and options besides, which mypy does not count as the same signature.)
    matmul = staticmethod(np.dot)
    add = staticmethod(np.add)  # type: ignore[assignment]
    subtract = staticmethod(np.subtract)  # type: ignore[assignment]
    multiply = staticmethod(np.multiply)  # type: ignore[assignment]
    divide = staticmethod(np.divide)  # type: ignore[assignment]

    def transpose(self, a: np.ndarray) -> np.ndarray:
        return a.T

    def matmul_ta(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.dot(a.T, b)  # a.T is a view: BLAS reads a transposed, nothing is copied

    def matmul_tb(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.dot(a, b.T)

    # The sigmoid's floating-point signals are its right limits: for z below about -708,
    # e^-z overflows to inf and f(z) underflows (to 0.0 or a subnormal number); above 745,
    # e^-z underflows to 0 and f(z) is 1.0. So both run with overflow and underflow
    # silenced, even under the caller's np.errstate(all="raise"): np.errstate wraps the
    # whole function (NumPy 2 sets and restores the state per call, so threads and asyncio
    # tasks each keep their own). Measured on NumPy 2.4: 0.45 µs per call wrapped, 0.85 µs
    # in a `with np.errstate(...)` block, where capping -z on both sides costs 0.8 µs; the
    # wrapper saves a twentieth of a gradient at 64 examples.

    def _sigmoid(self, z: np.ndarray) -> np.ndarray:
        # f(z) = 1 / (1 + e^-z), all in one new array, accurate to an ulp or two.
        out = np.negative(z)
        np.exp(out, out=out)
        out += 1.0
        return np.divide(1.0, out, out=out)

    def _sigmoid_prime(self, z: np.ndarray) -> np.ndarray:
        # f'(z) = e / (1 + e)^2 with e = e^-|z| <= 1 (f' is even, so nothing overflows).
        e = np.abs(z)
        np.negative(e, out=e)
        np.exp(e, out=e)
        square = e + 1.0
        square *= square
        e /= square
        # Rounding can put the result one ulp above the true maximum 1/4 (near z = 0).
        return np.minimum(e, 0.25, out=e)

    sigmoid = _QUIET(_sigmoid)
    sigmoid_prime = _QUIET(_sigmoid_prime)

    def sigmoid_prime_from_output(self, a: np.ndarray) -> np.ndarray:
        out = np.subtract(1.0, a)  # f' = a (1 - a), in one new array
        out *= a
        return out

    def multiply_sigmoid_prime(self, g: np.ndarray, a: np.ndarray) -> np.ndarray:
        out = np.subtract(1.0, a)  # g ⊙ a (1 - a), in one new array
        out *= a
        out *= g
        return out

    # The steps of backpropagation, each written out so that a tiny network pays for one
    # Python call per step (measured: 1.5 µs of 13 at the series' size).

    def matmul_sigmoid(self, a: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        z = np.dot(a, W)
        return z, self.sigmoid(z)

    def matmul_bias_sigmoid(
        self, a: np.ndarray, W: np.ndarray, b: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        z = self.add_row(np.dot(a, W), b)
        return z, self.sigmoid(z)

    def add_row(self, a: np.ndarray, row: np.ndarray) -> np.ndarray:
        if a.ndim != 2 or row.shape != (1, a.shape[1]):  # NumPy would broadcast other shapes
            raise InvalidValueError(
                "numpy backend: add_row needs an (m, n) array and a (1, n) row, "
                f"got {a.shape} and {row.shape}"
            )
        return a + row

    def column_sums(self, a: np.ndarray) -> np.ndarray:
        if a.ndim != 2:
            raise InvalidValueError(f"numpy backend: column_sums needs a 2-D array, got shape {a.shape}")
        return a.sum(axis=0, keepdims=True)

    def output_delta(self, yHat: np.ndarray, y: np.ndarray) -> np.ndarray:
        out = np.subtract(1.0, yHat)  # (yHat − y) ⊙ yHat(1 − yHat)
        out *= yHat
        out *= np.subtract(yHat, y)
        return out

    def hidden_delta(self, delta: np.ndarray, W: np.ndarray, a: np.ndarray) -> np.ndarray:
        out = np.subtract(1.0, a)  # (delta·Wᵀ) ⊙ a(1 − a)
        out *= a
        out *= np.dot(delta, W.T)
        return out

    def sum(self, a: np.ndarray) -> float:
        return float(a.sum())

    def vdot(self, a: np.ndarray, b: np.ndarray) -> float:
        if a is not b and a.shape != b.shape:  # (vdot(a, a), the network's range check, skips this)
            raise InvalidValueError(f"numpy backend: vdot needs equal shapes, got {a.shape} and {b.shape}")
        return float(np.vdot(a, b))
