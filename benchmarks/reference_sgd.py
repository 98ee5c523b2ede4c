"""Minibatch gradient descent on plain lists of lists: the same algorithm as nnd's ``sgd``, no nnd.

This is how one would write the training loop in plain Python without nnd: nested lists,
products as ``sum`` over ``zip``, the sigmoid as ``1/(1 + e^-z)`` made safe for large
negative z. Same network (sigmoid layers with biases), same averaged cost and gradient,
same batches (the examples shuffled by ``random.Random(seed)`` each epoch), same update
W ← W − learning_rate·dJdW. The benchmark measures nnd's python backend against it.

>>> X, Y = [[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]]
>>> W, b = [[[0.5], [-0.5]]], [[0.0]]
>>> W, b = train(X, Y, W, b, epochs=1, batch_size=2, learning_rate=1.0, seed=0)
>>> [round(row[0], 4) for row in W[0]]  # input 0 (target 0): down; input 1 (target 1): up
[0.4269, -0.4269]
"""

from __future__ import annotations

import random
from math import exp

Rows = list[list[float]]


def sigmoid(z: float) -> float:
    """1/(1 + e^-z), computed from e^z for negative z so that it never overflows."""
    if z >= 0.0:
        return 1.0 / (1.0 + exp(-z))
    e = exp(z)
    return e / (1.0 + e)


def matmul(A: Rows, B: Rows) -> Rows:
    """A·B for lists of rows."""
    columns = list(zip(*B))
    return [[sum(a * b for a, b in zip(row, col)) for col in columns] for row in A]


def transpose(A: Rows) -> Rows:
    return [list(col) for col in zip(*A)]


def gradients(X: Rows, Y: Rows, W: list[Rows], b: Rows) -> tuple[list[Rows], Rows]:
    """dJ/dW and dJ/db of J = ½Σ(y − yHat)²/m for a sigmoid network with biases, by backpropagation."""
    m = len(X)
    a = [X]
    for Wl, bl in zip(W, b):  # z = a·W + b, a = f(z)
        a.append([[sigmoid(z + c) for z, c in zip(row, bl)] for row in matmul(a[-1], Wl)])
    yHat = a[-1]
    delta = [[(p - t) * p * (1.0 - p) for t, p in zip(ts, ps)] for ts, ps in zip(Y, yHat)]
    dW: list[Rows] = [[] for _ in W]
    db: Rows = [[] for _ in W]
    for layer in range(len(W) - 1, -1, -1):
        dW[layer] = [[v / m for v in row] for row in matmul(transpose(a[layer]), delta)]
        db[layer] = [sum(col) / m for col in zip(*delta)]
        if layer:  # delta of the layer below: (delta·Wᵀ) ⊙ a(1 − a)
            back = matmul(delta, transpose(W[layer]))
            delta = [[d * v * (1.0 - v) for d, v in zip(drow, arow)] for drow, arow in zip(back, a[layer])]
    return dW, db


def train(
    X: Rows, Y: Rows, W: list[Rows], b: Rows, *, epochs: int, batch_size: int, learning_rate: float, seed: int
) -> tuple[list[Rows], Rows]:
    """New weights and biases after ``epochs`` epochs of minibatch gradient descent."""
    rng = random.Random(seed)
    order = list(range(len(X)))
    W = [[list(row) for row in Wl] for Wl in W]
    b = [list(bl) for bl in b]
    for _ in range(epochs):
        rng.shuffle(order)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            dW, db = gradients([X[i] for i in batch], [Y[i] for i in batch], W, b)
            W = [
                [[w - learning_rate * g for w, g in zip(wr, gr)] for wr, gr in zip(Wl, gl)]
                for Wl, gl in zip(W, dW)
            ]
            b = [[c - learning_rate * g for c, g in zip(bl, gl)] for bl, gl in zip(b, db)]
    return W, b
