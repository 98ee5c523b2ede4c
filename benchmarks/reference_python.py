"""The hand-tuned pure-Python reference: the series' 2-layer math with no abstraction at all.

Written the way a Python expert would write it for speed on lists of rows: fused
list comprehensions, ``zip(*M)`` for transposes, dot products as one C-level loop
(``math.sumprod`` on Python 3.12+, ``sum(map(mul, u, v))`` before). The benchmark
measures the ``python`` backend against it.

>>> X, y = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]], [[0.75], [0.82], [0.93]]
>>> W1, W2 = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], [[0.7], [-0.8], [0.9]]
>>> dJdW1, dJdW2 = gradients(X, y, W1, W2)
>>> [len(dJdW1), len(dJdW1[0])], [len(dJdW2), len(dJdW2[0])]
([2, 3], [3, 1])
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from math import exp
from operator import mul

Rows = list[list[float]]

if sys.version_info >= (3, 12):
    from math import sumprod as _dot
else:

    def _dot(u: Iterable[float], v: Iterable[float]) -> float:
        return sum(map(mul, u, v), 0.0)


def gradients(X: Rows, y: Rows, W1: Rows, W2: Rows) -> tuple[Rows, Rows]:
    """(dJdW1, dJdW2) for J = ½Σ(y − yHat)², as lists of rows, for the 2-layer network."""
    W1_cols = list(zip(*W1))
    W2_cols = list(zip(*W2))
    # a2 = f(X·W1) and yHat = f(a2·W2), the sigmoid inlined and never exponentiating a positive number
    a2 = [
        [1.0 / (1.0 + exp(-z)) if (z := _dot(x, w)) >= 0.0 else (e := exp(z)) / (1.0 + e) for w in W1_cols]
        for x in X
    ]
    yHat = [
        [1.0 / (1.0 + exp(-z)) if (z := _dot(a, w)) >= 0.0 else (e := exp(z)) / (1.0 + e) for w in W2_cols]
        for a in a2
    ]
    # delta3 = −(y − yHat) ⊙ f′(z3), with f′(z3) = yHat(1 − yHat)
    delta3 = [[(p - t) * p * (1.0 - p) for t, p in zip(ts, ps)] for ts, ps in zip(y, yHat)]
    # delta2 = (delta3·W2ᵀ) ⊙ a2(1 − a2): row i of W2 holds the weights out of hidden unit i
    delta2 = [[_dot(d, w) * a * (1.0 - a) for w, a in zip(W2, arow)] for d, arow in zip(delta3, a2)]
    delta3_cols = list(zip(*delta3))
    delta2_cols = list(zip(*delta2))
    dJdW2 = [[_dot(a, d) for d in delta3_cols] for a in zip(*a2)]  # a2ᵀ·delta3
    dJdW1 = [[_dot(x, d) for d in delta2_cols] for x in zip(*X)]  # Xᵀ·delta2
    return dJdW1, dJdW2


def gradients_unrolled(X: Rows, y: Rows, W1: Rows, W2: Rows) -> tuple[Rows, Rows]:
    """:func:`gradients` with every dot product of up to 16 terms written out in full.

    It calls the python backend's own loops (:mod:`nnd.arrays.python.kernels`) directly, with no
    backend interface, array type or input checks between them: the fastest plain
    Python known here, and the measure of what the interface costs.

    >>> X, y = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]], [[0.75], [0.82], [0.93]]
    >>> W1, W2 = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], [[0.7], [-0.8], [0.9]]
    >>> fast, plain = gradients_unrolled(X, y, W1, W2), gradients(X, y, W1, W2)
    >>> max(abs(u - v) for F, P in zip(fast, plain) for r, s in zip(F, P) for u, v in zip(r, s)) < 1e-15
    True
    """
    from nnd.arrays.python.kernels import delta_products, products, sigmoid_rows

    n_in, n_hidden, n_out, m = len(W1), len(W2), len(W2[0]), len(X)
    a2 = sigmoid_rows(products[n_in](X, list(zip(*W1))))  # a2 = f(z2), z2 = X·W1
    yHat = sigmoid_rows(products[n_hidden](a2, list(zip(*W2))))  # yHat = f(z3), z3 = a2·W2
    delta3 = [[(p - t) * p * (1.0 - p) for t, p in zip(ts, ps)] for ts, ps in zip(y, yHat)]
    delta2 = delta_products[n_out](delta3, W2, a2)  # (delta3·W2ᵀ) ⊙ a2(1 − a2)
    dJdW2 = products[m](zip(*a2), list(zip(*delta3)))  # a2ᵀ·delta3
    dJdW1 = products[m](zip(*X), list(zip(*delta2)))  # Xᵀ·delta2
    return dJdW1, dJdW2
