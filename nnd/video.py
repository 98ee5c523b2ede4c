"""The names the videos use, so a learner can type the notebook's cells as they are.

``from nnd.video import *`` stands in for the notebook's class-definition cells (or
its ``from partN import *``): it gives ``Neural_Network``, ``computeNumericalGradient``,
``norm`` and ``trainer``, and nothing else, so it never replaces a name of the
notebook's own (its ``X``, ``y``, ``trainX``, ...). The series' data, where a notebook
has no data cell of its own, come from :mod:`nnd.video_data`.

>>> from nnd.video import *
>>> from nnd.video_data import X, y
>>> NN = Neural_Network(seed=0)
>>> cost1 = NN.costFunction(X, y)
>>> dJdW1, dJdW2 = NN.costFunctionPrime(X, y)
>>> scalar = 3
>>> NN.W1 = NN.W1 + scalar*dJdW1
>>> NN.W2 = NN.W2 + scalar*dJdW2
>>> cost2 = NN.costFunction(X, y)
>>> cost2 > cost1
True
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

from nnd.arrays.backend import Array
from nnd.arrays.registry import BackendLike
from nnd.gradcheck import norm, numerical_gradient
from nnd.network import Network, check_network
from nnd.util.errors import InvalidValueError

__all__ = ["Neural_Network", "computeNumericalGradient", "norm", "trainer"]


class Neural_Network(Network):  # noqa: N801 - the video's name
    """The series' 2-3-1 network under the video's names.

    ``Lambda=None`` (the default) gives Part 4's cost; a number gives Part 7's
    regularized cost, as the video's ``Neural_Network(Lambda=0.0001)`` does.
    """

    def __init__(
        self,
        Lambda: float | None = None,
        *,
        inputLayerSize: int = 2,
        hiddenLayerSize: int = 3,
        outputLayerSize: int = 1,
        seed: int | None = None,
        backend: BackendLike | None = None,
    ) -> None:
        super().__init__(
            (inputLayerSize, hiddenLayerSize, outputLayerSize),
            seed=seed,
            backend=backend,
            lam=Lambda,
        )

    @property
    def inputLayerSize(self) -> int:  # noqa: N802
        """Units in the input layer."""
        return self.layer_sizes[0]

    @property
    def hiddenLayerSize(self) -> int:  # noqa: N802
        """Units in the hidden layer."""
        return self.layer_sizes[1]

    @property
    def outputLayerSize(self) -> int:  # noqa: N802
        """Units in the output layer."""
        return self.layer_sizes[-1]

    @property
    def Lambda(self) -> float | None:  # noqa: N802
        """The regularization strength λ (``None``: Part 4's cost)."""
        return self.lam

    @Lambda.setter
    def Lambda(self, value: float | None) -> None:  # noqa: N802
        self.lam = value

    def sigmoid(self, z: Any) -> Any:
        """f(z) = 1/(1 + e^-z) for a number, or elementwise for lists and arrays; any finite z.

        Any finite real number will do, an int too large for a float included (its sigmoid
        is 0 or 1), alone or in a list; NaN and infinity are refused.

        >>> NN = Neural_Network(seed=0)
        >>> NN.sigmoid(0), NN.sigmoid(-1e308), NN.sigmoid([1e308, 0.0]).tolist()
        (0.5, 0.0, [1.0, 0.5])
        >>> NN.sigmoid(10**400), NN.sigmoid([10**400, -10**400]).tolist()
        (1.0, [1.0, 0.0])
        """
        if _is_number(z):
            return _sigmoid(_as_float(z))
        return self.backend.sigmoid(self._z_array(z))

    def sigmoidPrime(self, z: Any) -> Any:  # noqa: N802
        """f′(z) = e^-z/(1 + e^-z)², computed so it never overflows; any finite z.

        >>> Neural_Network(seed=0).sigmoidPrime(0)
        0.25
        """
        if _is_number(z):
            e = math.exp(-abs(_as_float(z)))
            return min(0.25, e / ((1.0 + e) * (1.0 + e)))  # rounding near z = 0 can exceed ¼ by 1 ulp
        return self.backend.sigmoid_prime(self._z_array(z))

    def _z_array(self, z: Any) -> Array:
        """z as an array of this network's backend: any finite numbers (z is not data: no ±LIMIT).

        Ints beyond float64 in lists become ±1e308, as a number alone does: the sigmoid of
        either is 0 or 1.
        """
        B = self.backend
        if B.is_array(z):  # used as it is: only its shape and its numbers are checked
            shape = B.shape(z)
            if not 1 <= len(shape) <= 2 or 0 in shape:
                raise InvalidValueError(
                    f"z: expected a 1-D or 2-D array with at least one number, got one of shape {shape}"
                )
        else:
            z = B.asarray(_within_floats(z), "z")
        if not B.all_finite(z):
            raise InvalidValueError("z: expected finite numbers, got NaN or infinity")
        return z

    def costFunction(self, X: Any, y: Any) -> float:  # noqa: N802
        """J, as a Python float (the original returned a 1-element array, which broke on NumPy 2)."""
        return self.cost(X, y)

    def costFunctionPrime(self, X: Any, y: Any) -> tuple[Array, ...]:  # noqa: N802
        """``(dJdW1, dJdW2)``."""
        return self.gradients(X, y)

    def getParams(self) -> Array:  # noqa: N802
        """W1 and W2 unrolled into one 1-D array."""
        return self.get_params()

    def setParams(self, params: Any) -> None:  # noqa: N802
        """Set W1 and W2 from one 1-D array."""
        self.set_params(params)

    def computeGradients(self, X: Any, y: Any) -> Array:  # noqa: N802
        """dJdW1 and dJdW2 unrolled into one 1-D array."""
        return self.compute_gradients(X, y)


def computeNumericalGradient(N: Network, X: Any, y: Any) -> Array:  # noqa: N802
    """The numerical gradient (ε = 1e-4) as one 1-D array, in ``getParams`` order.

    >>> computeNumericalGradient("NN", [[0.3, 1.0]], [[0.75]])
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: N: expected an nnd.Network, got str
    """
    N = check_network(N, "N")
    flat = N.flatten(numerical_gradient(N, X, y, 1e-4))
    return N.backend.from_floats(flat, (len(flat),))


def trainer(N: Network) -> Any:
    """The video's ``trainer(N)``: ``T.train(X, y)``, ``T.J``, ``T.optimizationResults``."""
    from nnd.training import Trainer

    return Trainer(N)


def _is_number(z: Any) -> bool:
    return isinstance(z, Real) and not isinstance(z, bool)


def _as_float(z: Any) -> float:
    """A real number as a float; an int beyond float64 becomes ±1e308 (its sigmoid is 0 or 1 either way)."""
    try:
        number = float(z)
    except OverflowError:
        return 1e308 if z > 0 else -1e308
    if not math.isfinite(number):
        raise InvalidValueError(f"z: expected a finite number, got {number!r}")
    return number


def _within_floats(z: Any, depth: int = 0) -> Any:
    """``z`` with each int beyond float64 in its (nested) lists replaced by ±1e308; anything else as it is.

    Only lists and tuples are looked into (two levels, as arrays here have); the backend's
    door checks the rest.
    """
    if isinstance(z, (list, tuple)) and depth < 2:
        return [_within_floats(v, depth + 1) for v in z]
    if isinstance(z, int) and not isinstance(z, bool) and abs(z) > _LARGEST_INT:
        return 1e308 if z > 0 else -1e308
    return z


_LARGEST_INT = int(1.7976931348623157e308)  # larger ints cannot become floats


def _sigmoid(z: float) -> float:
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


_DATA_NAMES = ("X", "y", "trainX", "trainY", "testX", "testY")  # nnd.video_data's


def __getattr__(name: str) -> Any:
    if name in _DATA_NAMES:
        raise AttributeError(
            f"module 'nnd.video' has no attribute {name!r}: the series' data are in nnd.video_data "
            f"(from nnd.video_data import {name})"
        )
    raise AttributeError(f"module 'nnd.video' has no attribute {name!r}")
