"""One forward and backward pass of the series' 2-3-1 network, one step at a time.

The chapter on backpropagation's stepper calls :func:`step`: for step ``index`` (0 to 8) it
returns what that step computes, in the order the series computes it: z2, a2, z3, yHat, J,
delta3, dJdW2, delta2, dJdW1. Each step comes with its equation, the line of
``nnd/backprop.py`` that computes it (read from the source, so it is always the line that
runs) and its value, computed by nnd's own :func:`nnd.backprop.forward`,
:func:`~nnd.backprop.cost` and :func:`~nnd.backprop.backward` on the series' data with the
weights of ``nnd.Network(seed=seed)``. The same seed always gives the same weights, so going
back to step 0 starts the same pass again. It works the same in Jupyter:

>>> s = step(5)
>>> s["name"], s["shape"], s["line"]["text"]
('delta3', [3, 1], 'delta[L] = B.output_delta(yHat, y)')
>>> [step(i)["name"] for i in range(len(STEPS))]
['z2', 'a2', 'z3', 'yHat', 'J', 'delta3', 'dJdW2', 'delta2', 'dJdW1']
"""

from __future__ import annotations

import inspect
from typing import Any

from nnd import backprop
from nnd.util import checks

STEPS = ("z2", "a2", "z3", "yHat", "J", "delta3", "dJdW2", "delta2", "dJdW1")
"""The steps of one pass, in the order the series computes them."""

EQUATIONS = {
    "z2": r"z^{(2)} = XW^{(1)} \quad (1)",
    "a2": r"a^{(2)} = f\left(z^{(2)}\right) \quad (2)",
    "z3": r"z^{(3)} = a^{(2)}W^{(2)} \quad (3)",
    "yHat": r"\hat{y} = f\left(z^{(3)}\right) \quad (4)",
    "J": r"J = \sum \tfrac{1}{2}\left(y - \hat{y}\right)^2 \quad (5)",
    "delta3": r"\delta^{(3)} = -\left(y - \hat{y}\right) f'\left(z^{(3)}\right) \quad (6a)",
    "dJdW2": r"\frac{\partial J}{\partial W^{(2)}} = \left(a^{(2)}\right)^T \delta^{(3)} \quad (6)",
    "delta2": r"\delta^{(2)} = \delta^{(3)} \left(W^{(2)}\right)^T f'\left(z^{(2)}\right) \quad (7a)",
    "dJdW1": r"\frac{\partial J}{\partial W^{(1)}} = X^T \delta^{(2)} \quad (7)",
}
"""Each step's equation in TeX, numbered as in the tutorial."""

_CODE = {  # the text of the line of nnd/backprop.py that computes each step
    "z2": "z[l], a[l] = B.matmul_sigmoid(a[l - 1], W[l - 1])",
    "a2": "z[l], a[l] = B.matmul_sigmoid(a[l - 1], W[l - 1])",
    "z3": "z[l], a[l] = B.matmul_sigmoid(a[l - 1], W[l - 1])",
    "yHat": "z[l], a[l] = B.matmul_sigmoid(a[l - 1], W[l - 1])",
    "J": "J = 0.5 * B.vdot(error, error)",
    "delta3": "delta[L] = B.output_delta(yHat, y)",
    "dJdW2": "dJdW[l - 1] = B.matmul_ta(a[l - 1], delta[l])",
    "delta2": "delta[l - 1] = B.hidden_delta(delta[l], W[l - 1], a[l - 1])",
    "dJdW1": "dJdW[l - 1] = B.matmul_ta(a[l - 1], delta[l])",
}
_WHEN = {  # which turn of the line's loop computes the step
    "z2": "l = 2",
    "a2": "l = 2",
    "z3": "l = 3",
    "yHat": "l = 3",
    "dJdW2": "l = 3",
    "delta2": "l = 3",
    "dJdW1": "l = 2",
}


def _line(name: str) -> dict[str, Any]:
    """The line of nnd/backprop.py that computes step ``name``: its number and its text."""
    lines = inspect.getsource(backprop).splitlines()
    text = _CODE[name]
    for number, line in enumerate(lines, start=1):
        if line.strip().startswith(text):  # the line may end in a comment
            return {"number": number, "text": text, "when": _WHEN.get(name, "")}
    raise LookupError(f"nnd/backprop.py has no line {text!r}")  # pragma: no cover - a test guards it


def _values(seed: int) -> dict[str, Any]:
    """Every step's value for the series' data and ``Network(seed=seed)``'s weights."""
    from nnd.data import sleep_study
    from nnd.network import Network

    net = Network((2, 3, 1), seed=seed, backend="python")
    B = net.backend
    X, y = (B.asarray(v) for v in sleep_study())
    weights = list(net.weights)
    z, a = backprop.forward(B, X, weights)
    J = backprop.cost(B, y, a[3], weights, None)
    dJdW, _, delta = backprop.backward(B, y, weights, a, None)
    return {
        "z2": z[2], "a2": a[2], "z3": z[3], "yHat": a[3], "J": J,
        "delta3": delta[3], "dJdW2": dJdW[2], "delta2": delta[2], "dJdW1": dJdW[1],
    }  # fmt: skip


def step(index: int, seed: int = 0) -> dict[str, Any]:
    """Step ``index`` (0 for z2 up to 8 for dJdW1) of one pass, as JSON-ready values.

    Returns ``{"index", "count", "name", "equation", "line": {"number", "text", "when"},
    "value", "shape"}``: ``value`` is a list of rows (a float for J), ``shape`` its shape
    (``[]`` for J). ``seed`` chooses the starting weights, as ``nnd.Network(seed=seed)``.

    >>> s = step(4)
    >>> s["name"], round(s["value"], 6), s["shape"]
    ('J', 0.336112, [])
    >>> step(9)
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: index: expected an int >= 0 and <= 8, got 9
    """
    index = checks.integer(index, "index", minimum=0, maximum=len(STEPS) - 1)
    seed = checks.integer(seed, "seed", minimum=None)  # not None: the same pass every time
    name = STEPS[index]
    value = _values(seed)[name]
    if isinstance(value, float):
        shown, shape = value, []
    else:
        shown, shape = value.tolist(), list(value.shape)
    return {
        "index": index,
        "count": len(STEPS),
        "name": name,
        "equation": EQUATIONS[name],
        "line": _line(name),
        "value": shown,
        "shape": shape,
    }
