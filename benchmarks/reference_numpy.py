"""The series' NumPy code, the video's way: the reference the ``numpy`` backend is measured against.

Kept as the series wrote it on purpose, including its costs: the forward pass
stores z2, a2, z3; f′ is ``e^-z / (1 + e^-z)²`` evaluated on z (two more
exponentials per element); ``np.dot`` everywhere. The only change: the cost is
summed with ``np.sum`` so it is a float (the series' built-in ``sum`` gives a
one-element array, which NumPy 2 no longer turns into a number silently).

Importing this module imports NumPy.

>>> import numpy as np
>>> NN = SeriesNetwork(np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]), np.array([[0.7], [-0.8], [0.9]]))
>>> X, y = np.array([[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]), np.array([[0.75], [0.82], [0.93]])
>>> dJdW1, dJdW2 = NN.costFunctionPrime(X, y)
>>> dJdW1.shape, dJdW2.shape, round(NN.costFunction(X, y), 6)
((2, 3), (3, 1), 0.089783)
"""

from __future__ import annotations

from typing import Any

import numpy as np


class SeriesNetwork:
    """The video's ``Neural_Network`` (Parts 2–5), with given starting weights."""

    def __init__(self, W1: np.ndarray, W2: np.ndarray) -> None:
        self.W1 = np.array(W1, dtype=np.float64)
        self.W2 = np.array(W2, dtype=np.float64)

    def forward(self, X: np.ndarray) -> np.ndarray:
        self.z2 = np.dot(X, self.W1)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.a2, self.W2)
        return self.sigmoid(self.z3)

    def sigmoid(self, z: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-z))

    def sigmoidPrime(self, z: np.ndarray) -> np.ndarray:  # noqa: N802 - the video's name
        return np.exp(-z) / ((1 + np.exp(-z)) ** 2)

    def costFunction(self, X: np.ndarray, y: np.ndarray) -> float:  # noqa: N802
        self.yHat = self.forward(X)
        return 0.5 * float(np.sum((y - self.yHat) ** 2))

    def costFunctionPrime(self, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802
        self.yHat = self.forward(X)
        delta3 = np.multiply(-(y - self.yHat), self.sigmoidPrime(self.z3))
        dJdW2 = np.dot(self.a2.T, delta3)
        delta2 = np.dot(delta3, self.W2.T) * self.sigmoidPrime(self.z2)
        dJdW1 = np.dot(X.T, delta2)
        return dJdW1, dJdW2

    # Part 5: parameters as one vector
    def getParams(self) -> np.ndarray:  # noqa: N802
        return np.concatenate((self.W1.ravel(), self.W2.ravel()))

    def setParams(self, params: np.ndarray) -> None:  # noqa: N802
        n1 = self.W1.size
        self.W1 = np.reshape(params[:n1], self.W1.shape)
        self.W2 = np.reshape(params[n1:], self.W2.shape)

    def computeGradients(self, X: np.ndarray, y: np.ndarray) -> np.ndarray:  # noqa: N802
        dJdW1, dJdW2 = self.costFunctionPrime(X, y)
        return np.concatenate((dJdW1.ravel(), dJdW2.ravel()))


def train_scipy_bfgs(NN: SeriesNetwork, X: np.ndarray, y: np.ndarray, maxiter: int = 200) -> Any:
    """Part 6's trainer: SciPy's BFGS on the flat parameters, recording J at every iteration.

    Returns SciPy's ``OptimizeResult`` (``Any``: SciPy ships no types); ``NN`` ends with the trained weights.
    """
    from scipy import optimize

    J: list[float] = []

    def cost_function_wrapper(params: np.ndarray) -> tuple[float, np.ndarray]:
        NN.setParams(params)
        return NN.costFunction(X, y), NN.computeGradients(X, y)

    def callback(params: np.ndarray) -> None:
        NN.setParams(params)
        J.append(NN.costFunction(X, y))

    result = optimize.minimize(
        cost_function_wrapper,
        NN.getParams(),
        jac=True,
        method="BFGS",
        args=(),
        options={"maxiter": maxiter, "disp": False},
        callback=callback,
    )
    NN.setParams(result.x)
    result.J = J
    return result
