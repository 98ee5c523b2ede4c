"""Minibatch gradient descent: the way networks learn from thousands of examples.

Each epoch shuffles the examples and walks through them in batches of ``batch_size``.
For each batch it runs one pass of :func:`nnd.backprop.run` (the same forward pass, cost
and backpropagation as the series) and moves every parameter against the batch's
gradient:

    v ← momentum·v − learning_rate·dJdW,   W ← W + v      (momentum 0: W ← W − learning_rate·dJdW)

The gradient is that of Part 7's averaged cost (½Σ(y − yHat)²/m + (λ/2)ΣW², with λ = 0 for a
network without ``lam``), so a step does not grow with the batch size. The arrays stay
the backend's own from start to end (on a GPU they stay on the GPU); only each batch's
rows are gathered from the training data, which is kept as Python lists.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import NamedTuple

from nnd import backprop
from nnd.arrays.backend import Array, Backend


class Epochs(NamedTuple):
    """What :func:`minimize_sgd` returns."""

    weights: list[Array]
    biases: list[Array]
    epochs: int
    """Epochs run to the end."""
    stopped: bool
    """True if ``after_epoch`` asked to stop."""
    diverged: bool
    """True if a step left the numbers within ±1e30 (or the finite ones); the parameters are
    those of the last epoch that stayed within them."""


def minimize_sgd(
    B: Backend,
    X: Sequence[list[float]],
    y: Sequence[list[float]],
    weights: list[Array],
    biases: list[Array],
    lam: float | None,
    *,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    momentum: float = 0.0,
    seed: int | None = None,
    after_epoch: Callable[[int, list[Array], list[Array]], bool] | None = None,
) -> Epochs:
    """Run up to ``epochs`` epochs from ``weights`` and ``biases`` (not changed: new arrays are made).

    ``X`` and ``y`` are the training data as rows of floats. ``after_epoch(epoch,
    weights, biases)`` runs after each epoch; returning True stops. ``seed`` seeds the
    shuffling (``random.Random(seed)``), so a run can be repeated exactly.

    >>> import nnd
    >>> B = nnd.get_backend("python")
    >>> W = [B.asarray([[0.5]])]
    >>> out = minimize_sgd(B, [[1.0], [0.0]], [[1.0], [0.5]], W, [], None, epochs=50, batch_size=1,
    ...                    learning_rate=3.0, seed=0)
    >>> out.epochs, out.weights[0].tolist()[0][0] > 0.5  # the weight grew toward the target
    (50, True)
    """
    rng = random.Random(seed)
    n_weights = len(weights)
    params = [*weights, *biases]
    velocity: list[Array | None] = [None] * len(params)
    averaged = 0.0 if lam is None else lam
    order = list(range(len(X)))
    done = 0
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        trial = list(params)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            Xb = B.from_floats([X[i] for i in batch], (len(batch), len(X[0])))
            yb = B.from_floats([y[i] for i in batch], (len(batch), len(y[0])))
            grads = backprop.run(
                B, Xb, yb, trial[:n_weights], trial[n_weights:], averaged, with_cost=False
            ).gradients
            for i, g in enumerate(grads):
                step = B.multiply(-learning_rate, g)  # −η·dJdW
                if momentum:
                    v = velocity[i]
                    step = step if v is None else B.add(B.multiply(momentum, v), step)  # v ← μv − η·dJdW
                    velocity[i] = step
                trial[i] = B.add(trial[i], step)
        if not all(B.within_limit(p) for p in trial):  # NaN, infinity or beyond ±1e30
            return Epochs(params[:n_weights], params[n_weights:], done, False, True)
        params, done = trial, epoch
        if after_epoch is not None and after_epoch(epoch, params[:n_weights], params[n_weights:]):
            return Epochs(params[:n_weights], params[n_weights:], done, True, False)
    return Epochs(params[:n_weights], params[n_weights:], done, False, False)
