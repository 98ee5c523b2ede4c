"""The names the videos use, so a learner can type the notebook's cells as they are.

``from nnd.video import *`` replaces the notebook's class definitions and data
cells: it gives ``Neural_Network``, ``X`` and ``y`` (the scaled sleep/study data as
arrays of the active backend), ``computeNumericalGradient``, ``norm`` and ``trainer``.

>>> from nnd.video import Neural_Network, X, y
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
from typing import Any

from nnd import data
from nnd.backend import Array
from nnd.config import BackendLike, get_backend
from nnd.gradcheck import norm, numerical_gradient
from nnd.network import Network

__all__ = ["Neural_Network", "X", "computeNumericalGradient", "norm", "trainer", "y"]  # noqa: F822


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
        """f(z) = 1/(1 + e^-z) for a number, nested lists or an array of this network's backend."""
        if _is_number(z):
            return _sigmoid(float(z))
        return self.backend.sigmoid(self._as_array(z, "z", (None,) * _ndim(z, self)))

    def sigmoidPrime(self, z: Any) -> Any:  # noqa: N802
        """f′(z) = e^-z/(1 + e^-z)², computed so it never overflows."""
        if _is_number(z):
            e = math.exp(-abs(float(z)))
            return min(0.25, e / ((1.0 + e) * (1.0 + e)))  # rounding near z = 0 can exceed ¼ by 1 ulp
        return self.backend.sigmoid_prime(self._as_array(z, "z", (None,) * _ndim(z, self)))

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
    """The numerical gradient (ε = 1e-4) as one 1-D array, in ``getParams`` order."""
    flat = N.flatten(numerical_gradient(N, X, y, 1e-4))
    return N.backend.from_floats(flat, (len(flat),))


def trainer(N: Network) -> Any:
    """The video's ``trainer(N)``: ``T.train(X, y)``, ``T.J``, ``T.optimizationResults``."""
    from nnd.training import Trainer

    return Trainer(N)


def _is_number(z: Any) -> bool:
    return isinstance(z, (int, float)) and not isinstance(z, bool)


def _ndim(z: Any, net: Network) -> int:
    if net.backend.is_array(z):
        return len(net.backend.shape(z))
    return 2 if isinstance(z, (list, tuple)) and z and isinstance(z[0], (list, tuple)) else 1


def _sigmoid(z: float) -> float:
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def __getattr__(name: str) -> Any:
    """``X`` and ``y``: the scaled sleep/study data, as arrays of the backend active now."""
    if name in ("X", "y"):
        B = get_backend()
        X, y = data.sleep_study()
        return B.asarray(X if name == "X" else y)
    raise AttributeError(f"module 'nnd.video' has no attribute {name!r}")
