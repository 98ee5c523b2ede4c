"""``nnd train``: Part 6, training on the series' data, with progress, predictions and a cost curve.

With ``--data`` the same network learns real data instead: handwritten digits, a 2-D
teaching set or a CSV file (:mod:`nnd.cli.learn`).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from typing import Any, TextIO

from nnd import data
from nnd.arrays.registry import get_backend
from nnd.cli import arguments
from nnd.cli.paths import check_output_path, shown_name
from nnd.draw import terminal as termplot
from nnd.network import Network
from nnd.training import BFGS_MAX_PARAMS, METHODS, SCIPY_HINT, SGD_DEFAULTS, Progress, TrainResult, train
from nnd.util.checks import LIMIT
from nnd.util.errors import InvalidValueError, MissingDependencyError

HELP = "train the network on the series' data (Part 6), or on real data with --data digits"

EXAMPLES = """examples:
  nnd train                               the series' 2-3-1 network and BFGS (Part 6)
  nnd train --data digits                 64-30-10 with biases, sgd: about 97% of the test digits
  nnd train --data digits --method lbfgs --lam 1e-4
  nnd train --data moons --svg moons.svg  a 2-D teaching set, and its learning curves
  nnd train --data pets.csv --target kind your own data: the column to predict, by name
"""

MAX_ITER = 200
"""``--max-iter``'s default for the full-batch methods."""
MAX_EPOCHS = 1_000_000
"""The most epochs ``--epochs`` takes (each epoch keeps its costs and accuracies)."""


def add_common_arguments(
    parser: argparse.ArgumentParser,
    lam_default: float | None,
    *,
    max_iter_help: str = f"most iterations (default {MAX_ITER})",
    hidden_help: str = "hidden layer sizes, e.g. 3 (the series') or 5,5 for two layers (default 3)",
    seed_help: str = "seed for the initial weights (default 0)",
    svg_help: str = "also save the cost curve as SVG (needs nothing)",
    defaults: bool = True,
) -> None:
    """Options shared by ``nnd train`` and ``nnd overfit``.

    ``defaults=False`` leaves ``--max-iter`` and ``--hidden`` at ``None`` when not given, for a
    command whose defaults depend on its other options.
    """
    parser.add_argument("--backend", help="backend name (default: the active backend)")
    parser.add_argument("--seed", type=arguments.seed, default=0, help=seed_help)
    if lam_default is None:
        lam_help = "λ: use Part 7's averaged, regularized cost (default: none, Part 4's cost)"
    else:
        lam_help = f"λ to compare with 0 (default {lam_default:g})"
    parser.add_argument("--lam", type=arguments.number(maximum=LIMIT), default=lam_default, help=lam_help)
    parser.add_argument(
        "--max-iter", type=arguments.integer(minimum=1), default=MAX_ITER if defaults else None,
        help=max_iter_help,
    )  # fmt: skip
    parser.add_argument(
        "--hidden", type=arguments.hidden_sizes, default=(3,) if defaults else None, metavar="N[,N...]",
        help=hidden_help,
    )  # fmt: skip
    parser.add_argument("--plot", metavar="FILE.png", help="also save matplotlib figures (needs nnd[plot])")
    parser.add_argument("--svg", metavar="FILE.svg", help=svg_help)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--data``, ``--method``, ``--bias``, ``--epochs``, ... and the options shared with ``nnd overfit``."""
    from nnd.cli.learn import SETS

    parser.add_argument(
        "--data", metavar="NAME|FILE.csv",
        help=f"learn real data instead of the series': {', '.join(SETS)} or a CSV file",
    )  # fmt: skip
    parser.add_argument(
        "--target", metavar="COLUMN",
        help="with a CSV file: the column to predict, by name or number (default: the last)",
    )  # fmt: skip
    parser.add_argument(
        "--method", choices=METHODS,
        help="optimizer (default: bfgs; with --data, sgd for digits and CSV files, lbfgs for 2-D sets)",
    )  # fmt: skip
    parser.add_argument(
        "--bias", action=argparse.BooleanOptionalAction,
        help="give each unit a bias (default: --bias with --data, --no-bias for the series' network)",
    )  # fmt: skip
    parser.add_argument(
        "--epochs", type=arguments.integer(minimum=1, maximum=MAX_EPOCHS), metavar="N",
        help=f"passes over the data for --method sgd (default {SGD_DEFAULTS['epochs']})",
    )  # fmt: skip
    parser.add_argument(
        "--batch-size", type=arguments.integer(minimum=1), metavar="N",
        help=f"examples per step for --method sgd (default {SGD_DEFAULTS['batch_size']})",
    )  # fmt: skip
    parser.add_argument(
        "--learning-rate", type=arguments.number(positive=True), metavar="ETA",
        help=f"step size for --method gd (default 1) and sgd (default {SGD_DEFAULTS['learning_rate']:g})",
    )  # fmt: skip
    add_common_arguments(
        parser, lam_default=None, defaults=False,
        max_iter_help=f"most iterations of bfgs, lbfgs, gd, scipy-bfgs (default {MAX_ITER})",
        hidden_help="hidden layer sizes, e.g. 3 or 5,5 for two layers (default 3; with --data, 30, "
        "or 10 for 2-D sets)",
        seed_help="seed for the initial weights and sgd's shuffling (default 0)",
        svg_help="also save the cost curve as SVG; with --data, cost and accuracy per epoch or iteration",
    )  # fmt: skip
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXAMPLES
    parser.add_argument("--save", metavar="FILE.json", help="write the trained network to a JSON file")


def method_options(args: argparse.Namespace, method: str) -> dict[str, Any]:
    """The options of ``nnd.train`` that ``method`` uses; a usage error for one given that it ignores."""
    where = {
        "--epochs": ("--method sgd", method == "sgd"),
        "--batch-size": ("--method sgd", method == "sgd"),
        "--learning-rate": ("--method gd and sgd", method in ("gd", "sgd")),
        "--max-iter": (
            "the full-batch methods (bfgs, lbfgs, gd, scipy-bfgs); sgd counts --epochs",
            method != "sgd",
        ),
    }
    for option, (methods, used) in where.items():
        if getattr(args, option[2:].replace("-", "_")) is not None and not used:
            raise InvalidValueError(f"{option} applies to {methods} only (the method is {method})")
    if method == "sgd":
        return {
            "epochs": args.epochs or SGD_DEFAULTS["epochs"],
            "batch_size": args.batch_size or SGD_DEFAULTS["batch_size"],
            "learning_rate": args.learning_rate or SGD_DEFAULTS["learning_rate"],
            "seed": args.seed,
        }
    options: dict[str, Any] = {"max_iter": args.max_iter or MAX_ITER}
    if args.learning_rate is not None:
        options["learning_rate"] = args.learning_rate
    return options


def network_sizes(
    inputs: int, hidden: tuple[int, ...], outputs: int, method: str, bias: bool = False
) -> tuple[int, ...]:
    """The layer sizes, if a network of them is allowed and ``method`` can train it; else a usage error.

    Checked before the network is built: a million hidden units make millions of weights,
    seconds and hundreds of megabytes before BFGS could refuse them.
    """
    sizes = arguments.layer_sizes(inputs, hidden, outputs)
    count = arguments.weight_count(sizes, bias)
    if method == "bfgs" and count > BFGS_MAX_PARAMS:
        what = "weights and biases" if bias else "weights"
        raise InvalidValueError(
            f"--hidden: layers {sizes} have {count:,} {what}, and --method bfgs keeps an n×n matrix, "
            f"so it takes at most {BFGS_MAX_PARAMS:,}; use --method lbfgs, sgd or gd, or fewer hidden units"
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


def progress_printer(
    out: TextIO, max_iter: int, label: str = "", unit: str = "iteration"
) -> Callable[[Progress], None]:
    """A training callback that shows the iteration (or epoch) and cost as training runs.

    On a terminal it rewrites one line; otherwise it prints about twenty lines per run.
    """
    live = out.isatty()
    every = max(1, max_iter // 20)

    def show(p: Progress) -> None:
        text = f"{label}{unit} {p.nit:4d}   J = {p.fun:.6e}"
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
    """Train, then print predictions and the cost curve (with ``--data``: :func:`nnd.cli.learn.run`)."""
    if args.data is not None:
        from nnd.cli import learn

        return learn.run(args)
    if args.target is not None:
        raise InvalidValueError("--target picks the column to predict in a CSV file given with --data")
    method = args.method or "bfgs"
    options = method_options(args, method)
    bias = bool(args.bias)
    B = get_backend(args.backend)
    sizes = network_sizes(2, args.hidden or (3,), 1, method, bias)
    require_scipy(method)
    check_output_path(args.plot, "--plot", image=True)
    check_output_path(args.save, "--save")
    check_output_path(args.svg, "--svg")
    X, y = data.sleep_study()
    X_hours, y_scores = data.sleep_study(scaled=False)
    net = Network(sizes, seed=args.seed, backend=B, lam=args.lam, bias=bias)
    cost = "Part 4's cost ½Σ(y − yHat)²" if args.lam is None else f"Part 7's cost with λ = {args.lam:g}"
    layers = f"layers {sizes}{' with biases' if bias else ''}"
    print(f"nnd train: {layers}, backend {B.name!r}, seed {args.seed}, {method}, {cost}")
    print(f"start: J = {net.cost(X, y):.6e}")
    steps, unit = (options["epochs"], "epoch") if method == "sgd" else (options["max_iter"], "iteration")
    result = train(net, X, y, method, callback=progress_printer(sys.stdout, steps, unit=unit), **options)
    finish_progress(sys.stdout)
    print(summary(result))
    print("\nPredictions on the training data (test scores out of 100):")
    print(predictions_table(net, X_hours, y_scores, data.column_maxima(X_hours)))
    print()
    log = all(v > 0 and math.isfinite(v) for v in result.J)
    print(termplot.plot(result.J, title=f"cost J per {unit}{' (log scale)' if log else ''}", log=log))
    if args.save is not None:
        net.save(args.save)
        print(f"\nsaved the trained network to {shown_name(args.save)} (load it with nnd.load)")
    if args.plot is not None:
        from nnd.draw import mpl as plots

        cost_ax, contour_ax = plots.figure(1, 2)
        plots.plot_cost(result.J, cost_ax, log=log)
        cost_ax.set_title(f"Training ({method})")
        plots.plot_predictions(net, contour_ax, points=(X_hours, y_scores))
        plots.save(cost_ax, args.plot)
        print(f"\nsaved the figures to {shown_name(args.plot)}")
    if args.svg is not None:
        from nnd import draw

        picture = draw.training({method: result}, log=log, title=f"Cost per {unit} ({method})")
        picture.save(args.svg)
        print(f"\nsaved the cost per {unit} to {shown_name(args.svg)}")
    return 0
