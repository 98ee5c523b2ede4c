"""Numerical gradients by central differences, and the series' check ratio (Part 5)."""

from __future__ import annotations

import math
from typing import Any

from nnd import backprop
from nnd._validate import describe
from nnd.backend import Array
from nnd.network import Network


def norm(v: Any) -> float:
    """Euclidean norm of an array of any backend, or of (nested) lists; never overflows.

    Stands in for ``numpy.linalg.norm`` in the series' cells.

    >>> norm([3.0, 4.0]), norm(-2.0)
    (5.0, 2.0)
    >>> norm([[1e300, 1e300]]) > 1e300
    True
    """
    values = v.tolist() if hasattr(v, "tolist") else v
    flat: list[float] = []
    stack = [values]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, (int, float)) and not isinstance(item, bool):
            flat.append(item)
        else:
            raise TypeError(
                f"norm: expected numbers, (nested) lists of numbers or an array, got {describe(item)}"
            )
    return math.hypot(*flat)


def numerical_gradient(net: Network, X: Any, y: Any, eps: float = 1e-4) -> tuple[Array, ...]:
    """``(dJdW1, dJdW2, ...)`` estimated by central differences (J(w + ε) − J(w − ε)) / 2ε.

    The network is not modified: each perturbed cost is computed on copies of its weights.

    >>> net = Network(seed=1)
    >>> X, y = [[0.3, 1.0], [0.5, 0.2]], [[0.75], [0.82]]
    >>> [n.shape for n in numerical_gradient(net, X, y)]
    [(2, 3), (3, 1)]
    """
    if not (isinstance(eps, (int, float)) and math.isfinite(eps) and eps > 0):
        raise ValueError(f"eps: expected a positive finite number, got {eps!r}")
    B = net.backend
    X, y = net.check_data(X, y)
    weights = net.weights
    lists = [B.tolist(W) for W in weights]

    def J(layer: int, perturbed: list) -> float:  # noqa: N802 - the series' J
        trial = list(weights)
        trial[layer] = B.from_floats(perturbed, B.shape(weights[layer]))
        yHat = backprop.forward(B, X, trial)[1][-1]
        return backprop.cost(B, y, yHat, trial, net.lam)

    grads = []
    for layer, W in enumerate(lists):
        rows = []
        for r, row in enumerate(W):
            out = []
            for c, w in enumerate(row):
                plus = [list(x) for x in W]
                minus = [list(x) for x in W]
                plus[r][c], minus[r][c] = w + eps, w - eps
                out.append((J(layer, plus) - J(layer, minus)) / (2.0 * eps))
            rows.append(out)
        grads.append(B.from_floats(rows, B.shape(weights[layer])))
    return tuple(grads)


def gradient_check(net: Network, X: Any, y: Any, eps: float = 1e-4) -> float:
    """The series' check: norm(grad − numgrad) / norm(grad + numgrad); about 1e-8 or less when right.

    Shown to learners; the test suite uses a sturdier element-wise criterion.

    >>> gradient_check(Network(seed=0), [[0.3, 1.0], [0.5, 0.2]], [[0.75], [0.82]]) < 1e-7
    True
    """
    g = net.flatten(net.gradients(X, y))
    n = net.flatten(numerical_gradient(net, X, y, eps))
    top = math.hypot(*(a - b for a, b in zip(g, n)))
    bottom = math.hypot(*(a + b for a, b in zip(g, n)))
    if bottom == 0.0:  # both gradients are zero (a perfect match), or g = -n exactly (no match)
        return 0.0 if top == 0.0 else math.inf
    return top / bottom
