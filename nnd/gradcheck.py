"""Numerical gradients by central differences, and the series' check ratio (Part 5)."""

from __future__ import annotations

import math
import numbers
from typing import Any

from nnd import backprop
from nnd.arrays.backend import Array
from nnd.network import Network, check_network
from nnd.util.checks import describe, number
from nnd.util.errors import InvalidTypeError, InvalidValueError


def norm(v: Any) -> float:
    """Euclidean norm of an array of any backend, or of (nested) lists; never overflows.

    Stands in for ``numpy.linalg.norm`` in the series' cells.

    Any real number type counts (``numpy.float32`` too, not ``bool``). Nothing
    overflows on the way: a norm larger than the largest float is ``inf``. An int
    too large for a float is a ``ValueError``.

    >>> norm([3.0, 4.0]), norm(-2.0)
    (5.0, 2.0)
    >>> norm([[1e300, 1e300]]) > 1e300
    True
    """
    values = v.tolist() if hasattr(v, "tolist") and not isinstance(v, (list, tuple)) else v
    if hasattr(values, "__array__"):  # an array without tolist() (array-api-strict's): NumPy reads it
        import numpy

        values = numpy.asarray(values).tolist()
    flat: list[float] = []
    stack = [(values, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, tuple)):
            if depth >= _MAX_DEPTH:
                raise InvalidValueError(
                    f"norm: lists nested more than {_MAX_DEPTH} deep (or a list in itself)"
                )
            stack.extend((x, depth + 1) for x in item)
        elif isinstance(item, numbers.Real) and not isinstance(item, bool):
            try:
                flat.append(float(item))
            except OverflowError:
                raise InvalidValueError("norm: got an int too large for a float") from None
        else:
            raise InvalidTypeError(
                f"norm: expected numbers, (nested) lists of numbers or an array, got {describe(item)}"
            )
    return math.hypot(*flat)


_MAX_DEPTH = 64


def numerical_gradient(net: Network, X: Any, y: Any, eps: float = 1e-4) -> tuple[Array, ...]:
    """``(dJdW1, dJdW2, ...)`` (then ``dJdb2, ...`` with biases) by central differences.

    Each entry is (J(w + ε) − J(w − ε)) / 2ε for one parameter w. The network is not
    modified: each perturbed cost is computed on copies of its parameters.

    >>> net = Network(seed=1)
    >>> X, y = [[0.3, 1.0], [0.5, 0.2]], [[0.75], [0.82]]
    >>> [n.shape for n in numerical_gradient(net, X, y)]
    [(2, 3), (3, 1)]
    """
    net = check_network(net)
    eps = number(eps, "eps", positive=True)
    B = net.backend
    X, y = net.check_data(X, y)
    weights, biases = net.checked_params()
    params = [*weights, *biases]
    n_weights = len(weights)

    def J(i: int, perturbed: list[list[float]]) -> float:  # noqa: N802 - the series' J
        trial = list(params)
        trial[i] = B.from_floats(perturbed, B.shape(params[i]))
        return backprop.run(B, X, y, trial[:n_weights], trial[n_weights:], net.lam, with_gradients=False).J

    grads = []
    for i, P in enumerate(params):
        values = B.tolist(P)
        rows = []
        for r, row in enumerate(values):
            out = []
            for c, w in enumerate(row):
                plus = [list(x) for x in values]
                minus = [list(x) for x in values]
                plus[r][c], minus[r][c] = w + eps, w - eps
                out.append((J(i, plus) - J(i, minus)) / (2.0 * eps))
            rows.append(out)
        grads.append(B.from_floats(rows, B.shape(P)))
    return tuple(grads)


def gradient_check(net: Network, X: Any, y: Any, eps: float = 1e-4) -> float:
    """The series' check: norm(grad − numgrad) / norm(grad + numgrad); about 1e-8 or less when right.

    Shown to learners; the test suite uses a sturdier element-wise criterion.

    >>> gradient_check(Network(seed=0), [[0.3, 1.0], [0.5, 0.2]], [[0.75], [0.82]]) < 1e-7
    True
    """
    net = check_network(net)
    eps = number(eps, "eps", positive=True)
    X, y = net.check_data(X, y)  # everything is checked before the network keeps anything new
    g = net.flatten(net.gradients(X, y))
    n = net.flatten(numerical_gradient(net, X, y, eps))
    top = math.hypot(*(a - b for a, b in zip(g, n)))
    bottom = math.hypot(*(a + b for a, b in zip(g, n)))
    if bottom == 0.0:  # both gradients are zero (a perfect match), or g = -n exactly (no match)
        return 0.0 if top == 0.0 else math.inf
    return top / bottom
