"""SciPy's BFGS on nnd's objective, for comparison (the series' Part 6 call): ``method="scipy-bfgs"``."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from nnd.training import bfgs
from nnd.util.errors import MissingDependencyError

SCIPY_HINT = "pip install 'nnd[scipy]'"  # as nnd.training.SCIPY_HINT says


def minimize(
    fg: bfgs.Objective,
    x0: list[float],
    *,
    max_iter: int,
    callback: Callable[[bfgs.Step], bool],
    gtol: float = 1e-5,
) -> bfgs.Outcome:
    """SciPy's ``minimize(method="BFGS")`` on ``fg``, reported as nnd's minimizers report."""
    try:
        import numpy as np
        from scipy.optimize import minimize as scipy_minimize
    except ImportError:
        raise MissingDependencyError(
            f"method='scipy-bfgs' needs SciPy, which is not installed: {SCIPY_HINT}"
        ) from None
    seen: dict[tuple[float, ...], tuple[float, list[float]]] = {}
    nit = evaluations = 0
    last: list[bfgs.Step] = []  # the latest step, and whether the callback stopped there
    stopped = False

    def counted(x: list[float]) -> tuple[float, list[float]]:
        nonlocal evaluations
        evaluations += 1
        return fg(x)

    def fun(p: Any) -> tuple[float, Any]:
        x = p.tolist()
        try:
            f, g = seen[tuple(x)] = counted(x)
        except OverflowError:  # outside the weights a network accepts: no good as a step
            return math.inf, np.zeros_like(p)
        return f, np.array(g, dtype=np.float64)

    def step(xk: Any) -> None:
        nonlocal nit, stopped
        nit += 1
        x = xk.tolist()
        f, g = seen.get(tuple(x)) or counted(x)
        seen.clear()
        last[:] = [bfgs.Step(nit, x, f, g)]
        try:
            stopped = callback(last[0]) is True
        except StopIteration:
            stopped = True
        if stopped:
            raise StopIteration

    try:
        res = scipy_minimize(
            fun, np.array(x0, dtype=np.float64), jac=True, method="BFGS", callback=step,
            options={"maxiter": max_iter, "gtol": gtol},
        )  # fmt: skip
    except StopIteration:  # SciPy < 1.11 lets it through; SciPy >= 1.11 returns status 99
        res = None
    if stopped or res is None:  # report it as nnd's minimizers do: status 3, the step the callback saw
        s = last[0]
        return bfgs.Outcome(s.x, s.fun, s.grad, s.nit, evaluations, bfgs.STOPPED, "stopped by the callback")
    return bfgs.Outcome(
        res.x.tolist(),
        float(res.fun),
        res.jac.tolist(),
        int(res.nit),
        int(res.nfev),
        int(res.status),
        str(res.message),
    )
