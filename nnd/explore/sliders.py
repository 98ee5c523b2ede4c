"""Weights you move by hand: the series' 2-3-1 network with each of its nine weights on a slider.

The widget of chapters 2 and 3 calls :func:`frame` each time a slider moves: it builds the
network with the nine weights given (``W1`` row by row, then ``W2``, the series'
``getParams`` order), runs it on the series' three examples and returns what the page shows:

- ``yHat`` beside ``y``, and the cost ``J`` (equation 5);
- ``sums``: the forward pass of the first example written out with the numbers plugged in,
  one line per equation, as plain text the page shows as it comes;
- ``network``: :func:`nnd.draw.network` with the first example's activations;
- ``sweep``: :func:`nnd.draw.cost_sweep` for the weight being moved, Part 3's brute-force
  cost curve with the other eight weights held where the sliders have them.

:func:`start` gives the first frame, from the weights of ``nnd.Network(seed=seed)``. Both
work the same in Jupyter:

>>> first = start(seed=0)
>>> round(first["J"], 6), first["names"][0], len(first["weights"])
(0.336112, 'W1[0, 0]', 9)
>>> moved = frame([0.0] * 9)
>>> moved["yHat"], moved["J"] == 0.5 * sum((t - 0.5) ** 2 for t in moved["y"])
([0.5, 0.5, 0.5], True)
"""

from __future__ import annotations

from typing import Any

from nnd.util import checks
from nnd.util.errors import InvalidValueError

# each weight as its matrix and (row, column), in getParams order
_PLACES = tuple(("W1", (i, j)) for i in range(2) for j in range(3)) + tuple(("W2", (i, 0)) for i in range(3))
NAMES = tuple(f"{matrix}[{i}, {j}]" for matrix, (i, j) in _PLACES)
"""The nine weights, in the order :func:`frame` takes them (the series' ``getParams`` order)."""
LIMIT = 5.0
"""A slider's reach: each weight from −LIMIT to LIMIT, Part 3's range of trial values."""

_TITLE = "The first example, through the network"
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def start(seed: int = 0) -> dict[str, Any]:
    """The first frame: the weights of ``nnd.Network((2, 3, 1), seed=seed)``, each held to ±LIMIT.

    >>> start(seed=1)["weights"] == [min(max(w, -5.0), 5.0) for w in start(seed=1)["weights"]]
    True
    """
    from nnd.network import Network

    seed = checks.integer(seed, "seed", minimum=None)
    net = Network((2, 3, 1), seed=seed, backend="python")
    weights = [min(max(w, -LIMIT), LIMIT) for w in net.get_params().tolist()]
    return frame(weights, 0)


def frame(weights: Any, moving: int = 0) -> dict[str, Any]:
    """What the page shows for these nine ``weights``, ``moving`` (0 to 8) being the slider in hand.

    Returns ``{"names", "weights", "moving", "y", "yHat", "J", "sums", "network", "sweep"}``:
    ``y`` and ``yHat`` are lists of three numbers, ``sums`` a list of lines of text,
    ``network`` and ``sweep`` SVG pictures.

    >>> frame([0.0] * 8)
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: weights: expected 9 numbers (W1[0, 0] to W2[2, 0]), got 8
    >>> frame([9.0] + [0.0] * 8)["J"]
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: weights[0] (W1[0, 0]): expected a number from -5 to 5, got 9.0
    """
    from nnd import draw
    from nnd.data import sleep_study
    from nnd.network import Network

    values, shape = checks.as_nested(weights, "weights")
    if shape != (len(NAMES),):
        got = len(values) if len(shape) == 1 else f"shape {shape}"
        expected = f"{len(NAMES)} numbers ({NAMES[0]} to {NAMES[-1]})"
        raise InvalidValueError(f"weights: expected {expected}, got {got}")
    for k, w in enumerate(values):
        if not -LIMIT <= w <= LIMIT:
            raise InvalidValueError(
                f"weights[{k}] ({NAMES[k]}): expected a number from {-LIMIT:g} to {LIMIT:g}, got {w!r}"
            )
    moving = checks.integer(moving, "moving", minimum=0, maximum=len(NAMES) - 1)

    net = Network((2, 3, 1), backend="python")
    net.set_params(values)
    X, y = sleep_study()
    yHat = [row[0] for row in net.forward(X).tolist()]
    kept = {k: v.tolist()[0] for k, v in net.last_pass.items()}  # the first example's z2, a2, z3
    J = net.cost(X, y)
    return {
        "names": list(NAMES),
        "weights": values,
        "moving": moving,
        "y": [row_[0] for row_ in y],
        "yHat": yHat,
        "J": J,
        "sums": _sums(values, X[0], kept, [t[0] for t in y], yHat, J),
        "network": draw.network(net, X, y, show="activations", title=_TITLE),
        "sweep": draw.cost_sweep(net, X, y, *_PLACES[moving]),
    }


def _sums(
    w: list[float], x: list[float], kept: dict[str, list[float]], y: list[float], yHat: list[float], J: float
) -> list[str]:
    """The first example's forward pass (equations 1 to 4) and the cost (5), numbers plugged in.

    Every value shown is nnd's own (``kept`` holds the first row of z2, a2 and z3 of the
    network's last pass); this only writes them out.
    """

    def f(v: float) -> str:  # a value, with a true minus sign
        return f"{v:.3f}".replace("-", "−")

    def p(v: float) -> str:  # a factor: parenthesised when negative
        return f"({f(v)})" if v < 0 else f(v)

    W1 = [w[0:3], w[3:6]]
    W2 = w[6:9]
    z2, a2, z3 = kept["z2"], kept["a2"], kept["z3"][0]
    lines = []
    for j in range(3):
        n = str(j + 1).translate(_SUB)
        lines.append(
            f"z⁽²⁾{n} = {p(x[0])} × {p(W1[0][j])} + {p(x[1])} × {p(W1[1][j])} = {f(z2[j])},"
            f"   a⁽²⁾{n} = f({f(z2[j])}) = {f(a2[j])}"
        )
    terms = " + ".join(f"{p(a)} × {p(v)}" for a, v in zip(a2, W2, strict=True))
    lines.append(f"z⁽³⁾ = {terms} = {f(z3)},   ŷ₁ = f({f(z3)}) = {f(yHat[0])}")
    squares = " + ".join(f"({f(t)} − {f(p)})²" for t, p in zip(y, yHat, strict=True))
    lines.append(f"J = ½ [{squares}] = {J:.4f}")
    return lines
