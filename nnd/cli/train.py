"""``nnd train``: Part 6, training on the series' data, with progress, predictions and a cost curve."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from typing import TextIO

from nnd import data
from nnd.arrays.registry import get_backend
from nnd.cli import arguments
from nnd.cli.paths import check_output_path, shown_name
from nnd.draw import terminal as termplot
from nnd.network import Network
from nnd.training import BFGS_MAX_PARAMS, METHODS, SCIPY_HINT, Progress, TrainResult, train
from nnd.util.checks import LIMIT
from nnd.util.errors import InvalidValueError, MissingDependencyError

HELP = "train the network on the series' data (Part 6) and show predictions and the cost curve"


def add_common_arguments(parser: argparse.ArgumentParser, lam_default: float | None) -> None:
    """Options shared by ``nnd train`` and ``nnd overfit``."""
    parser.add_argument("--backend", help="backend name (default: the active backend)")
    parser.add_argument(
        "--seed", type=arguments.seed, default=0, help="seed for the initial weights (default 0)"
    )
    lam_help = "λ: use Part 7's averaged, regularized cost" if lam_default is None else "λ to compare with 0"
    parser.add_argument(
        "--lam", type=arguments.number(maximum=LIMIT), default=lam_default,
        help=f"{lam_help} (default {lam_default})",
    )  # fmt: skip
    parser.add_argument(
        "--max-iter", type=arguments.integer(minimum=1), default=200, help="most iterations (default 200)"
    )
    parser.add_argument(
        "--hidden", type=arguments.hidden_sizes, default=(3,), metavar="N[,N...]",
        help="hidden layer sizes, e.g. 3 (the series') or 5,5 for two layers (default 3)",
    )  # fmt: skip
    parser.add_argument("--plot", metavar="FILE.png", help="also save matplotlib figures (needs nnd[plot])")
    parser.add_argument("--svg", metavar="FILE.svg", help="also save the cost curve as SVG (needs nothing)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--method``, ``--learning-rate``, ``--save`` and the common options."""
    parser.add_argument("--method", choices=METHODS, default="bfgs", help="optimizer (default bfgs)")
    parser.add_argument(
        "--learning-rate", type=arguments.number(positive=True),
        help="step size for --method gd (default 1.0)",
    )  # fmt: skip
    add_common_arguments(parser, lam_default=None)
    parser.add_argument("--save", metavar="FILE.json", help="write the trained network to a JSON file")


def network_sizes(inputs: int, hidden: tuple[int, ...], outputs: int, method: str) -> tuple[int, ...]:
    """The layer sizes, if a network of them is allowed and ``method`` can train it; else a usage error.

    Checked before the network is built: a million hidden units make millions of weights,
    seconds and hundreds of megabytes before BFGS could refuse them.
    """
    sizes = arguments.layer_sizes(inputs, hidden, outputs)
    count = arguments.weight_count(sizes)
    if method == "bfgs" and count > BFGS_MAX_PARAMS:
        raise InvalidValueError(
            f"--hidden: layers {sizes} have {count:,} weights, and --method bfgs keeps an n×n matrix, "
            f"so it takes at most {BFGS_MAX_PARAMS:,}; use --method gd or fewer hidden units"
        )
    return sizes


def require_scipy(method: str) -> None:
    """A MissingDependencyError naming what to install, if ``method`` needs SciPy and it is missing."""
    if method != "scipy-bfgs":
        return
    try:
        import scipy.optimize  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            f"--method scipy-bfgs needs SciPy, which is not installed: {SCIPY_HINT}"
        ) from None


def progress_printer(out: TextIO, max_iter: int, label: str = "") -> Callable[[Progress], None]:
    """A training callback that shows the iteration and cost as training runs.

    On a terminal it rewrites one line; otherwise it prints about twenty lines per run.
    """
    live = out.isatty()
    every = max(1, max_iter // 20)

    def show(p: Progress) -> None:
        text = f"{label}iteration {p.nit:4d}   J = {p.fun:.6e}"
        if p.test_fun is not None:
            text += f"   test J = {p.test_fun:.6e}"
        if live:
            out.write(f"\r{text}\x1b[K")
            out.flush()
        elif p.nit == 1 or p.nit % every == 0:
            print(text, file=out)

    return show


def finish_progress(out: TextIO) -> None:
    if out.isatty():
        out.write("\n")


def summary(result: TrainResult) -> str:
    return (
        f"{result.message}\n"
        f"  method {result.method}: {result.nit} iterations, {result.nfev} cost evaluations, "
        f"final J = {result.fun:.6e}"
    )


def predictions_table(
    net: Network, X_hours: list[list[float]], y_scores: list[list[float]], maxima: list[float]
) -> str:
    """Predicted and actual test scores in the data's own units (hours, score points)."""
    yHat = net.backend.tolist(net.forward(data.scale(X_hours, maxima)))
    lines = [f"{'sleep (h)':>10} {'study (h)':>10} {'predicted':>10} {'actual':>8} {'error':>8}"]
    for (sleep, study), [score], [p] in zip(X_hours, y_scores, yHat):
        predicted = data.MAX_SCORE * p
        error = round(predicted - score, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
        lines.append(f"{sleep:10g} {study:10g} {predicted:10.2f} {score:8g} {error:+8.2f}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Train, then print predictions and the cost curve."""
    if args.learning_rate is not None and args.method != "gd":
        raise InvalidValueError("--learning-rate applies to --method gd only")
    B = get_backend(args.backend)
    sizes = network_sizes(2, args.hidden, 1, args.method)
    require_scipy(args.method)
    check_output_path(args.plot, "--plot", image=True)
    check_output_path(args.save, "--save")
    check_output_path(args.svg, "--svg")
    X, y = data.sleep_study()
    X_hours, y_scores = data.sleep_study(scaled=False)
    net = Network(sizes, seed=args.seed, backend=B, lam=args.lam)
    cost = "Part 4's cost ½Σ(y − yHat)²" if args.lam is None else f"Part 7's cost with λ = {args.lam:g}"
    print(f"nnd train: layers {sizes}, backend {B.name!r}, seed {args.seed}, {args.method}, {cost}")
    print(f"start: J = {net.cost(X, y):.6e}")
    result = train(
        net, X, y, args.method, args.max_iter, progress_printer(sys.stdout, args.max_iter),
        learning_rate=args.learning_rate,
    )  # fmt: skip
    finish_progress(sys.stdout)
    print(summary(result))
    print("\nPredictions on the training data (test scores out of 100):")
    print(predictions_table(net, X_hours, y_scores, data.column_maxima(X_hours)))
    print()
    log = all(v > 0 and math.isfinite(v) for v in result.J)
    print(termplot.plot(result.J, title=f"cost J per iteration{' (log scale)' if log else ''}", log=log))
    if args.save is not None:
        net.save(args.save)
        print(f"\nsaved the trained network to {shown_name(args.save)} (load it with nnd.load)")
    if args.plot is not None:
        from nnd.draw import mpl as plots

        cost_ax, contour_ax = plots.figure(1, 2)
        plots.plot_cost(result.J, cost_ax, log=log)
        cost_ax.set_title(f"Training ({args.method})")
        plots.plot_predictions(net, contour_ax, points=(X_hours, y_scores))
        plots.save(cost_ax, args.plot)
        print(f"\nsaved the figures to {shown_name(args.plot)}")
    if args.svg is not None:
        from nnd import draw

        picture = draw.training({args.method: result}, log=log, title=f"Cost per iteration ({args.method})")
        picture.save(args.svg)
        print(f"\nsaved the cost per iteration to {shown_name(args.svg)}")
    return 0
