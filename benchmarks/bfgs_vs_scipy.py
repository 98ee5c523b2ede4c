"""Measure nnd's pure-Python BFGS against SciPy's on the series' data (Part 6).

For seeds 0..N-1 both start from the same weights (``Network((2, 3, 1), seed=s)``),
minimize the same cost and gradient (Part 4's cost on the sleep/study data) with at
most 200 iterations, and we count how often each reaches J < 1e-8 and the median
number of iterations. The verdict compares both as shipped (nnd: gtol 1e-6; SciPy, as
the series calls it: gtol 1e-5); the other two rows compare them at equal gtol.
Needs SciPy and NumPy (``pip install 'nnd[bench]'``).

    python -m benchmarks bfgs_vs_scipy [--seeds 100] [--backend python]
"""

from __future__ import annotations

import argparse
import statistics
import sys

import numpy as np
from scipy.optimize import minimize

import nnd
from nnd.data.series import Rows
from nnd.training import bfgs

TARGET = 1e-8


def objective(net: nnd.Network, X: Rows, y: Rows) -> bfgs.Objective:
    """fg(params) -> (J, flat gradient) on flat lists; ``net``'s own weights are not touched."""
    probe = nnd.Network(net.layer_sizes, backend=net.backend, lam=net.lam)

    def fg(params: list[float]) -> tuple[float, list[float]]:
        probe.set_params(list(params))
        return probe.cost(X, y), probe.compute_gradients(X, y).tolist()

    return fg


def ours(fg: bfgs.Objective, x0: list[float], gtol: float | None) -> tuple[float, int, int]:
    if gtol is None:  # nnd's default
        out = bfgs.minimize_bfgs(fg, x0, max_iter=200)
    else:
        out = bfgs.minimize_bfgs(fg, x0, max_iter=200, gtol=gtol)
    return out.fun, out.nit, out.nfev


def scipy_bfgs(fg: bfgs.Objective, x0: list[float], gtol: float | None) -> tuple[float, int, int]:
    def fg_np(p: np.ndarray) -> tuple[float, np.ndarray]:
        J, g = fg(p.tolist())
        return J, np.array(g)

    options = {"maxiter": 200, **({} if gtol is None else {"gtol": gtol})}
    res = minimize(fg_np, np.array(x0), jac=True, method="BFGS", options=options)
    return res.fun, res.nit, res.nfev


RUNS = [  # (label, minimizer, gtol or None for its default)
    ("nnd BFGS (default gtol 1e-6)", ours, None),
    ("SciPy BFGS (default gtol 1e-5)", scipy_bfgs, None),
    ("nnd BFGS, gtol 1e-5", ours, 1e-5),
    ("SciPy BFGS, gtol 1e-6", scipy_bfgs, 1e-6),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks bfgs_vs_scipy", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--backend", default="python")
    args = parser.parse_args(argv)
    X, y = nnd.data.sleep_study()
    results: dict[str, list[tuple[float, int, int]]] = {label: [] for label, _, _ in RUNS}
    for seed in range(args.seeds):
        net = nnd.Network((2, 3, 1), seed=seed, backend=args.backend)
        x0 = net.get_params().tolist()
        fg = objective(net, X, y)
        for label, run, gtol in RUNS:
            results[label].append(run(fg, x0, gtol))

    print(f"seeds 0..{args.seeds - 1}, backend {args.backend!r}, the series' data, max 200 iterations")
    print(f"{'':32} J<1e-8  J>1e-4  median it  max it  median evals")
    summary = {}
    for label, rows in results.items():
        ok = sum(f < TARGET for f, _, _ in rows)
        stuck = sum(f > 1e-4 for f, _, _ in rows)
        its = [n for _, n, _ in rows]
        evals = [e for _, _, e in rows]
        summary[label] = ok, statistics.median(its)
        print(
            f"{label:32} {ok:6d}  {stuck:6d}  {statistics.median(its):9.1f}  {max(its):6d}"
            f"  {statistics.median(evals):12.1f}"
        )
    (ok_ours, med_ours), (ok_scipy, med_scipy) = summary[RUNS[0][0]], summary[RUNS[1][0]]
    passed = ok_ours >= ok_scipy and med_ours <= 1.1 * med_scipy
    print(
        f"nnd as good as SciPy: successes {ok_ours} >= {ok_scipy} and median iterations {med_ours:g} <= "
        f"1.1 x {med_scipy:g} = {1.1 * med_scipy:.1f}: {'met' if passed else 'NOT met'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
