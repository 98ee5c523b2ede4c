"""``nnd overfit``: Part 7, training and test cost with and without regularization.

Trains the same starting network on the four training students twice, with
λ = 0 and with λ (Part 7's averaged cost both times), recording the cost on the
four test students after every iteration. Test inputs are scaled with the
training data's maxima. ``--seeds N`` repeats it from N seeds and reports medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from typing import NamedTuple

from nnd import data
from nnd.arrays.registry import get_backend
from nnd.cli import arguments
from nnd.cli.paths import check_output_path, shown_name
from nnd.cli.train import (
    add_common_arguments,
    finish_progress,
    network_sizes,
    predictions_table,
    progress_printer,
)
from nnd.draw import terminal as termplot
from nnd.network import Network
from nnd.training import TrainResult, train
from nnd.util.errors import InvalidValueError

HELP = "Part 7: training vs test cost with and without regularization (λ)"

MAX_SEEDS = 10_000
"""The most runs ``--seeds`` repeats (two trainings each; every run is kept for the medians)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--seeds`` and the options shared with ``nnd train``."""
    add_common_arguments(parser, lam_default=1e-4)
    parser.add_argument(
        "--seeds", type=arguments.integer(minimum=1, maximum=MAX_SEEDS), default=1, metavar="N",
        help=f"repeat from N seeds (seed, seed+1, ...): median test costs (default 1, at most {MAX_SEEDS:,})",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Train with λ = 0 and with λ; compare training and test cost."""
    if not args.lam > 0:
        raise InvalidValueError(f"--lam: expected a positive number to compare with λ = 0, got {args.lam:g}")
    if args.seeds > 1:
        for option in ("--plot", "--svg"):
            if getattr(args, option[2:]) is not None:
                raise InvalidValueError(f"{option} draws a single run; leave out --seeds to use it")
    B = get_backend(args.backend)
    sizes = network_sizes(2, args.hidden, 1, "bfgs")
    check_output_path(args.plot, "--plot", image=True)
    check_output_path(args.svg, "--svg")
    trainX, trainY, testX, testY = data.train_test()
    lams = (0.0, args.lam)
    print(
        f"nnd overfit: layers {sizes}, backend {B.name!r}, Part 7's cost ½Σ(y − yHat)²/m + (λ/2)ΣW², "
        f"4 training and 4 test examples (test inputs scaled by the training maxima)"
    )

    def fit(seed: int, lam: float, verbose: bool) -> Run:
        net = Network(sizes, seed=seed, backend=B, lam=lam)
        start = net.cost(testX, testY)
        show = progress_printer(sys.stdout, args.max_iter, f"λ = {lam:g}: ") if verbose else None
        result = train(net, trainX, trainY, max_iter=args.max_iter, callback=show, testX=testX, testY=testY)
        if verbose:
            finish_progress(sys.stdout)
        return Run(net, result, [start, *(result.testJ or [])], _data_term(net, testX, testY))

    if args.seeds > 1:
        return _medians(args, lams, fit)

    runs = {lam: fit(args.seed, lam, verbose=True) for lam in lams}
    X_hours, y_hours, testX_hours, testY_scores = data.train_test(scaled=False)
    maxima = data.column_maxima(X_hours)
    for lam, (net, result, test_costs, test_data) in runs.items():
        lowest = _argmin(test_costs)
        print(f"\nλ = {lam:g}: {result.message}; {result.nit} iterations")
        print(f"  final training cost {result.fun:.4e}   test cost {test_costs[-1]:.4e}")
        print(f"  test cost less (λ/2)ΣW², i.e. ½Σ(y − yHat)²/m alone: {test_data:.4e}")
        print(f"  lowest test cost {test_costs[lowest]:.4e} at iteration {lowest} (0: the start)")
        print(termplot.plot({"training J": result.J, "test J": result.testJ or []}, height=10))
        print("  Predictions for the test students:")
        print(predictions_table(net, testX_hours, testY_scores, maxima))
    plain, regular = runs[lams[0]], runs[lams[1]]
    print(
        f"\nTest cost: {plain.test_costs[-1]:.4e} without regularization, {regular.test_costs[-1]:.4e} with "
        f"λ = {args.lam:g} (as the series plots it: test J includes (λ/2)ΣW²).\n"
        f"Test cost less (λ/2)ΣW² (½Σ(y − yHat)²/m alone): {plain.test_data:.4e} without, "
        f"{regular.test_data:.4e} with λ."
    )
    if regular.test_data < plain.test_data:
        print(
            f"Without λ the network fits the 4 training points almost exactly (training cost "
            f"{plain.result.fun:.1e}) and predicts the test students worse."
        )
    else:
        print("From this seed regularization did not help on the test students; try --seeds 30.")
    if args.plot is not None:
        from nnd.draw import mpl as plots

        axes = plots.figure(2, 2)
        for k, (lam, (net, result, _, _)) in enumerate(runs.items()):
            plots.plot_train_test(result.J, result.testJ or [], axes[k], log=True)
            axes[k].set_title(f"λ = {lam:g}")
            plots.plot_predictions(net, axes[2 + k], maxima=maxima, points=(X_hours, y_hours))
            axes[2 + k].set_title(f"Predicted score, λ = {lam:g}")
        plots.save(axes[0], args.plot)
        print(f"\nsaved the figures to {shown_name(args.plot)}")
    if args.svg is not None:
        from nnd import draw

        curves = {f"λ = {lam:g}": each.result for lam, each in runs.items()}
        draw.training(curves, title="Training and test cost per iteration").save(args.svg)
        print(f"\nsaved the training and test cost to {shown_name(args.svg)}")
    return 0


class Run(NamedTuple):
    """One training run: the network, the result, the test cost from the start on, its data term."""

    net: Network
    result: TrainResult
    test_costs: list[float]
    """The test cost before training, then after each iteration (never empty)."""
    test_data: float
    """The final test cost without the (λ/2)ΣW² term: ½Σ(y − yHat)²/m."""


def _data_term(net: Network, X: list[list[float]], y: list[list[float]]) -> float:
    """Part 7's averaged cost without the penalty, for ``net``'s weights."""
    plain = Network(net.layer_sizes, backend=net.backend, lam=0.0)
    plain.set_params(net.get_params())
    return plain.cost(X, y)


def _medians(args: argparse.Namespace, lams: tuple[float, float], fit: Callable[..., Run]) -> int:
    seeds = range(args.seed, args.seed + args.seeds)
    print(f"seeds {seeds.start}..{seeds.stop - 1}, at most {args.max_iter} iterations each")
    print("(test J includes (λ/2)ΣW², as the series plots it; the data term is ½Σ(y − yHat)²/m alone)")
    print(
        f"{'λ':>8} {'median training J':>18} {'median test J':>14} {'median test data':>17} "
        f"{'median iterations':>18}"
    )
    for lam in lams:
        runs = [fit(seed, lam, verbose=False) for seed in seeds]
        train_J = statistics.median(r.result.fun for r in runs)
        test_J = statistics.median(r.test_costs[-1] for r in runs)
        test_data = statistics.median(r.test_data for r in runs)
        iterations = statistics.median(r.result.nit for r in runs)
        print(f"{lam:8g} {train_J:18.4e} {test_J:14.4e} {test_data:17.4e} {iterations:18g}")
    return 0


def _argmin(values: list[float]) -> int:
    return min(range(len(values)), key=values.__getitem__)
