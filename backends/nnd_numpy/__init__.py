"""The ``numpy`` backend for nnd: arrays are ``numpy.ndarray`` of float64.

Installed with ``pip install 'nnd[numpy]'`` and found through the entry-point
group ``nnd.backends``, the same door a third-party backend uses. NumPy is
imported when this module is, which happens only when the backend is chosen.
"""

from __future__ import annotations

from typing import Any

try:
    import numpy as np
except ImportError as exc:  # pragma: no cover - exercised in the core-only CI run
    raise ImportError(
        "the nnd 'numpy' backend needs NumPy, which is not installed; "
        "install it with: pip install 'nnd[numpy]'"
    ) from exc

from nnd.backend import Backend


class NumpyBackend(Backend):
    """float64 ``numpy.ndarray`` arrays; fast for large data.

    >>> B = NumpyBackend()
    >>> B.tolist(B.matmul(B.asarray([[1, 2]]), B.asarray([[3], [4]])))
    [[11.0]]
    """

    name = "numpy"

    def from_floats(self, rows: list, shape: tuple[int, ...]) -> np.ndarray:
        return np.array(rows, dtype=np.float64).reshape(shape)

    def is_array(self, obj: Any) -> bool:
        return isinstance(obj, np.ndarray)

    def copy(self, a: np.ndarray) -> np.ndarray:
        return np.array(a, dtype=np.float64)

    def tolist(self, a: np.ndarray) -> list:
        return a.tolist()

    def shape(self, a: np.ndarray) -> tuple[int, ...]:
        return a.shape

    def all_finite(self, a: np.ndarray) -> bool:
        return a.dtype.kind in "fiu" and bool(np.isfinite(a).all())

    def matmul(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return a @ b

    def transpose(self, a: np.ndarray) -> np.ndarray:
        return a.T

    def add(self, a: Any, b: Any) -> np.ndarray:
        return np.add(a, b)

    def subtract(self, a: Any, b: Any) -> np.ndarray:
        return np.subtract(a, b)

    def multiply(self, a: Any, b: Any) -> np.ndarray:
        return np.multiply(a, b)

    def divide(self, a: Any, b: Any) -> np.ndarray:
        return np.divide(a, b)

    def sigmoid(self, z: np.ndarray) -> np.ndarray:
        # Never exponentiate a positive number: e = e^-|z| <= 1.
        e = np.exp(-np.abs(z))
        return np.where(z >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e))

    def sigmoid_prime(self, z: np.ndarray) -> np.ndarray:
        e = np.exp(-np.abs(z))
        return e / ((1.0 + e) * (1.0 + e))

    def sigmoid_prime_from_output(self, a: np.ndarray) -> np.ndarray:
        return a * (1.0 - a)

    def sum(self, a: np.ndarray) -> float:
        return float(a.sum())

    def vdot(self, a: np.ndarray, b: np.ndarray) -> float:
        if a.shape != b.shape:
            raise ValueError(f"numpy backend: vdot needs equal shapes, got {a.shape} and {b.shape}")
        return float(np.vdot(a, b))
