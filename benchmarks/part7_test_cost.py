"""Part 7's figures: median training and test cost over seeds, with λ = 0 and λ = 1e-4.

The same starting weights (``Network(seed=s)``) are trained on the four training
students with nnd's BFGS and, if SciPy is installed, with SciPy's BFGS as the series
calls it; the test cost is the network's Part 7 cost on the four test students
(inputs scaled by the training maxima, as ``nnd.data.train_test`` does).

    python -m benchmarks part7_test_cost [--seeds 30] [--backend python]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys

import nnd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks part7_test_cost", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--backend", default="python")
    args = parser.parse_args(argv)
    trainX, trainY, testX, testY = nnd.data.train_test()
    methods = ["bfgs"] + (["scipy-bfgs"] if importlib.util.find_spec("scipy") else [])
    print(f"seeds 0..{args.seeds - 1}, backend {args.backend!r}, at most 200 iterations")
    print(f"{'method':<11} {'λ':>7} {'median train J':>15} {'median test J':>14} {'median it':>10}")
    for method in methods:
        for lam in (0.0, 1e-4):
            runs = [
                nnd.train(
                    nnd.Network(seed=s, backend=args.backend, lam=lam), trainX, trainY, method,
                    testX=testX, testY=testY,
                )
                for s in range(args.seeds)
            ]  # fmt: skip
            train_J = statistics.median(r.fun for r in runs)
            test_J = statistics.median(r.testJ[-1] for r in runs)
            its = statistics.median(r.nit for r in runs)
            print(f"{method:<11} {lam:>7g} {train_J:15.3e} {test_J:14.3e} {its:10g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
