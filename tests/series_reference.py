"""The series' formulas in plain Python, written independently of nnd, for the tests to compare with.

f′ is computed from z as the video does (e^-z / (1 + e^-z)²), not from the forward pass's
output as nnd does:

    z(l) = a(l−1)·W(l−1) [+ b(l)], a(l) = f(z(l)), a(1) = X, yHat = a(L)
    delta(L) = −(y − yHat) ⊙ f′(z(L)),  delta(l) = (delta(l+1)·W(l)ᵀ) ⊙ f′(z(l))
    dJdW(l) = a(l)ᵀ·delta(l+1)          (Part 7: / m + λ·W(l))
    dJdb(l) = Σ over examples of delta(l) (Part 7: / m; biases carry no penalty)
    J = ½Σ(y − yHat)²                   (Part 7: / m + (λ/2)ΣW²)
"""

from __future__ import annotations

import math


def f(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def f_prime(z: float) -> float:  # the video's sigmoidPrime
    return math.exp(-z) / (1.0 + math.exp(-z)) ** 2


def matmul(A: list, B: list) -> list:
    return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]


def transpose(A: list) -> list:
    return [list(col) for col in zip(*A)]


def elementwise(fn, *arrays: list) -> list:
    return [[fn(*values) for values in zip(*rows)] for rows in zip(*arrays)]


def reference(weights: list, X: list, y: list, lam: float | None, biases: list | None = None) -> dict:
    """z, a, delta, dJdW, dJdb (by layer number) and J, from the formulas in the module docstring.

    ``biases`` is ``[b2, b3, ...]``, each a list of numbers, or None for the series' network.
    """
    W = {l: w for l, w in enumerate(weights, start=1)}
    L = len(weights) + 1
    z, a = {}, {1: X}
    for l in range(2, L + 1):
        z[l] = matmul(a[l - 1], W[l - 1])
        if biases is not None:
            z[l] = [[v + b for v, b in zip(row, biases[l - 2])] for row in z[l]]
        a[l] = elementwise(f, z[l])
    delta = {L: elementwise(lambda t, p, zz: -(t - p) * f_prime(zz), y, a[L], z[L])}
    for l in range(L - 1, 1, -1):
        delta[l] = elementwise(lambda g, zz: g * f_prime(zz), matmul(delta[l + 1], transpose(W[l])), z[l])
    dJdW = {l: matmul(transpose(a[l]), delta[l + 1]) for l in range(1, L)}
    dJdb = (
        {} if biases is None else {l: [[math.fsum(col) for col in zip(*delta[l])]] for l in range(2, L + 1)}
    )
    J = 0.5 * sum((t - p) ** 2 for tr, pr in zip(y, a[L]) for t, p in zip(tr, pr))
    if lam is not None:
        m = len(X)
        dJdW = {l: elementwise(lambda d, w: d / m + lam * w, dJdW[l], W[l]) for l in dJdW}
        dJdb = {l: [[d / m for d in dJdb[l][0]]] for l in dJdb}
        J = J / m + lam / 2 * sum(w * w for Wl in weights for row in Wl for w in row)
    return {"z": z, "a": a, "delta": delta, "dJdW": dJdW, "dJdb": dJdb, "J": J}


def cost(weights: list, X: list, y: list, lam: float | None, biases: list | None = None) -> float:
    """J alone."""
    return reference(weights, X, y, lam, biases)["J"]


def central_differences(weights: list, X: list, y: list, lam: float | None, eps: float) -> list:
    """(J(w + eps) − J(w − eps)) / 2eps for every weight, layer by layer, as nested lists."""
    out = []
    for layer, W in enumerate(weights):
        rows = []
        for r, row in enumerate(W):
            values = []
            for c in range(len(row)):
                costs = []
                for sign in (1.0, -1.0):
                    trial = [[list(x) for x in w] for w in weights]
                    trial[layer][r][c] += sign * eps
                    costs.append(cost(trial, X, y, lam))
                values.append((costs[0] - costs[1]) / (2.0 * eps))
            rows.append(values)
        out.append(rows)
    return out
