"""Speed claim 4: on the series' data, nnd's pure-Python BFGS against SciPy's BFGS on the series' code.

Both start from the same weights (``Network(seed=s)``'s) and run with their own
defaults: ``nnd.train(net, X, y)`` (gradient tolerance 1e-6) against the series'
Part 6 trainer, ``scipy.optimize.minimize(method="BFGS", jac=True, maxiter=200)``
with its callback recording J (SciPy's tolerance 1e-5, so SciPy stops no later).
Where SciPy or NumPy is missing, only nnd is timed and the ratio is ``None``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from nnd import data
from nnd.cli.bench import side_by_side
from nnd.data.series import Rows
from nnd.network import Network

if TYPE_CHECKING:
    from nnd.training import TrainResult

SEEDS = (0, 1, 2, 3, 4)


class Trained(Protocol):
    """What the race reads from either trainer's result (nnd's TrainResult, SciPy's OptimizeResult)."""

    nit: int
    fun: float


def measure_training(seeds: Sequence[int] = SEEDS, repeat: int = 5, min_time: float = 0.02) -> dict[str, Any]:
    """Per seed: seconds per training run, iterations and final cost of each; and the overall ratio."""
    X, y = data.sleep_study()
    have_scipy = all(importlib.util.find_spec(m) is not None for m in ("numpy", "scipy"))
    runs: list[dict[str, Any]] = []  # one JSON object per seed
    for seed in seeds:
        net = Network((2, 3, 1), seed=seed, backend="python")
        racers: dict[str, Callable[[], Trained]] = {"nnd python BFGS": _nnd_racer(net, X, y)}
        if have_scipy:
            racers["SciPy BFGS, series NumPy"] = _scipy_racer(net, X, y)
        outcomes = {name: fn() for name, fn in racers.items()}
        seconds = side_by_side(racers, repeat, min_time)
        runs.append(
            {
                "seed": seed,
                "seconds": seconds,
                "nit": {name: int(out.nit) for name, out in outcomes.items()},
                "cost": {name: float(out.fun) for name, out in outcomes.items()},
            }
        )
    totals = {name: sum(r["seconds"][name] for r in runs) for name in runs[0]["seconds"]}
    ratio = totals["nnd python BFGS"] / totals["SciPy BFGS, series NumPy"] if have_scipy else None
    return {"runs": runs, "total_seconds": totals, "ratio": ratio}


def _nnd_racer(net: Network, X: Rows, y: Rows) -> Callable[[], TrainResult]:
    from nnd.training import train

    start = net.get_params()

    def run() -> TrainResult:
        net.set_params(start)  # every run starts from the same weights
        return train(net, X, y)

    return run


def _scipy_racer(net: Network, X: Rows, y: Rows) -> Callable[[], Trained]:
    import numpy as np

    from benchmarks.reference_numpy import SeriesNetwork, train_scipy_bfgs

    W1, W2 = (np.array(W.tolist()) for W in net.weights)
    Xn, yn = np.array(X), np.array(y)
    return lambda: train_scipy_bfgs(SeriesNetwork(W1, W2), Xn, yn)
