"""Live training: gradient descent or BFGS on the series' data, one iteration at a time.

The widget of chapters 6 and 7 calls :func:`frame` for each iteration it shows. A set-up is
the training ``method`` (``"bfgs"`` or ``"gd"``), ``lam`` (λ of Part 7's cost; ``None`` for
Part 4's cost, as chapter 6 trains), ``data`` (``"part6"``: the three students of Parts 1–6;
``"part7"``: Part 7's four students to train on and four to test on) and ``seed`` (the first
weights, as ``nnd.Network(seed=seed)``). The run is :func:`nnd.train` itself, recorded after
every iteration (its callback is handed each iteration's parameters), and kept for the next
frames, so Step, Play and going back to the start cost one picture each, not a new run.

>>> f = frame("bfgs", None, "part6", 0, 0)
>>> f["iteration"], round(f["J"], 6), f["testJ"]
(0, 0.336112, None)
>>> last = frame("bfgs", None, "part6", 0, f["count"] - 1)
>>> last["J"] < 1e-8, [round(100 * v) for v in last["yHat"]]
(True, [75, 82, 93])
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any, NamedTuple

from nnd.util import checks

METHODS = ("bfgs", "gd")
"""The methods of chapter 6: BFGS, and plain gradient descent."""
DATA = ("part6", "part7")
"""Part 6's three students, or Part 7's four to train on and four to test on."""
MAX_ITER = {"bfgs": 200, "gd": 1000}
"""Iterations each method may take (gradient descent needs many more)."""
MAX_LAM = 1.0
RESOLUTION = 40
"""The prediction map is RESOLUTION × RESOLUTION predictions."""
KEPT = 8
"""Runs kept for the next frames; one more forgets the one used longest ago."""


class Run(NamedTuple):
    """One recorded run: the parameters, cost and test cost at the start and after each iteration."""

    x: list[tuple[float, ...]]
    J: list[float]
    testJ: list[float] | None  # noqa: N815 - the series' name
    message: str
    success: bool


_RUNS: OrderedDict[tuple[Any, ...], Run] = OrderedDict()


def _data(data: str) -> tuple[Any, Any, Any, Any]:
    from nnd.data import sleep_study, train_test

    if data == "part6":
        return (*sleep_study(), None, None)
    return train_test()


def _network(lam: float | None, seed: int) -> Any:
    from nnd.network import Network

    return Network((2, 3, 1), seed=seed, lam=lam, backend="python")


def run(method: str = "bfgs", lam: float | None = None, data: str = "part6", seed: int = 0) -> Run:
    """The run of this set-up, trained once and then kept (:data:`KEPT` runs at most).

    >>> r = run("gd", None, "part7", 1)
    >>> len(r.x) == len(r.J) == len(r.testJ) == MAX_ITER["gd"] + 1, r.success
    (True, False)
    """
    from nnd.training import train

    method = checks.choice(method, "method", METHODS)
    if lam is not None:
        lam = checks.number(lam, "lam", minimum=0.0, maximum=MAX_LAM)
    data = checks.choice(data, "data", DATA)
    seed = checks.integer(seed, "seed", minimum=None)
    key = (method, lam, data, seed)
    if key in _RUNS:
        _RUNS.move_to_end(key)
        return _RUNS[key]
    X, y, testX, testY = _data(data)
    net = _network(lam, seed)
    start = tuple(net.get_params().tolist())
    seen: list[tuple[float, ...]] = [start]
    J0 = net.cost(X, y)  # the start's costs: training changes the network only when it ends
    testJ0 = net.cost(testX, testY) if testX is not None else None
    result = train(net, X, y, method, MAX_ITER[method], lambda p: seen.append(p.x), testX=testX, testY=testY)
    J = [J0, *result.J]
    testJ = [testJ0, *result.testJ] if testJ0 is not None else None
    recorded = Run(seen, J, testJ, result.message, result.success)
    _RUNS[key] = recorded
    while len(_RUNS) > KEPT:
        _RUNS.popitem(last=False)
    return recorded


def frame(
    method: str = "bfgs", lam: float | None = None, data: str = "part6", seed: int = 0, iteration: int = 0
) -> dict[str, Any]:
    """What the page shows at ``iteration`` (0: the start) of the set-up's run.

    Returns ``{"iteration", "count", "J", "testJ", "yHat", "message", "success", "network",
    "map", "curve"}``: ``count`` is the number of states recorded (the start and each
    iteration), ``J`` and ``testJ`` the costs there (``testJ`` is ``None`` for Part 6's data),
    ``yHat`` the predictions for the training students, ``message`` how the whole run ended,
    and ``network``, ``map`` and ``curve`` SVG pictures: the weights, the predicted score over
    hours of sleep and study, and the cost up to this iteration.

    >>> frame("bfgs", None, "part6", 0, 10**6)["iteration"] == run().J.index(run().J[-1])
    True
    """
    from types import SimpleNamespace

    from nnd import draw
    from nnd.data import sleep_study, train_test

    recorded = run(method, lam, data, seed)
    count = len(recorded.x)
    iteration = min(checks.integer(iteration, "iteration", minimum=0), count - 1)
    X = _data(data)[0]
    net = _network(lam, seed)
    net.set_params(list(recorded.x[iteration]))
    yHat = [row[0] for row in net.forward(X).tolist()]
    J = recorded.J[: iteration + 1]
    testJ = recorded.testJ[: iteration + 1] if recorded.testJ is not None else None
    points = sleep_study(scaled=False) if data == "part6" else train_test(scaled=False)[:2]
    # the curve: the cost after each iteration so far (draw.training counts iterations from 1)
    shown = SimpleNamespace(J=J[1:], testJ=testJ[1:] if testJ else [])
    what = "gradient descent" if method == "gd" else "BFGS"
    return {
        "iteration": iteration,
        "count": count,
        "J": J[-1],
        "testJ": testJ[-1] if testJ else None,
        "yHat": yHat,
        "message": recorded.message,
        "success": recorded.success,
        "network": draw.network(net, title=f"The weights after {iteration} iterations"),
        "map": draw.predictions(net, points=points, resolution=RESOLUTION),
        "curve": draw.training(shown, labels=[what], log=_log(recorded.J[1:]), xlabel="iteration"),
    }


def _log(J: list[float]) -> bool:
    """A logarithmic cost axis when the whole run's costs span more than a factor of 20."""
    low = min(J, default=0.0)
    return low > 0 and math.isfinite(low) and max(J) / low > 20
