"""Training on the handwritten digits: nnd's python backend against plain lists, and the backends.

One run trains a 64-30-10 sigmoid network with biases on the 1,442 training images of
``nnd.data.digits()``, by minibatch gradient descent (batches of 10, learning rate 3, the
examples shuffled by seed 0), for ``--epochs`` epochs, from the same starting parameters
(``Network(seed=0)``'s) every time. The contenders, timed side by side in interleaved rounds:

- ``plain lists``: :mod:`benchmarks.reference_sgd`, the same algorithm written directly on
  lists of lists (it ends at the same parameters, to rounding);
- ``nnd python, loop``: nnd's training loop alone (:func:`nnd.training.sgd.minimize_sgd`), the
  work the plain version does;
- ``nnd.train on <backend>``: the whole call a user makes, which also checks the data once and
  computes the training cost and accuracy after every epoch (a forward pass over all images)
  and the final gradient.

Ratios are each contender's time over the plain version's.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections.abc import Callable

import nnd
from benchmarks import reference_sgd
from nnd.cli.bench import BATCH_SIZE, DIGITS_LAYERS, DIGITS_LEARNING_RATE, installed_backends, side_by_side
from nnd.training.sgd import minimize_sgd

PLAIN = "plain lists"
LOOP = "nnd python, loop"


Runs = dict[str, Callable[[], object]]


def contenders(epochs: int, backends: list[str], images: int | None = None) -> Runs:
    """``{name: run}``, each run training from the same start for ``epochs`` epochs (on the first
    ``images`` training images, or all of them)."""
    X, Y, _, _ = nnd.data.digits()
    X, Y = X[:images], Y[:images]
    start = nnd.Network(DIGITS_LAYERS, seed=0, bias=True, backend="python")
    W = [w.tolist() for w in start.weights]
    b = [row.tolist()[0] for row in start.biases]
    options = {"batch_size": BATCH_SIZE, "learning_rate": DIGITS_LEARNING_RATE, "seed": 0}
    B = start.backend
    runs: Runs = {
        PLAIN: lambda: reference_sgd.train(X, Y, W, b, epochs=epochs, **options),
        LOOP: lambda: minimize_sgd(
            B, X, Y, list(start.weights), list(start.biases), None, epochs=epochs, **options
        ),
    }
    params = start.get_params().tolist()
    for name in backends:
        net = nnd.Network(DIGITS_LAYERS, bias=True, backend=name)

        def run(net: nnd.Network = net) -> object:
            net.set_params(params)
            return nnd.train(net, X, Y, method="sgd", epochs=epochs, **options)

        runs[f"nnd.train on {name}"] = run
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks digits", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--epochs", type=int, default=3, help="epochs per run (default 3)")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--backend", action="append", dest="backends", help="default: every installed one")
    parser.add_argument("--images", type=int, help="train on the first N images only (default: all 1,442)")
    parser.add_argument("--json", metavar="FILE", help="also write the times and ratios to FILE")
    args = parser.parse_args(argv)
    backends = args.backends or installed_backends()[0]
    runs = contenders(args.epochs, backends, args.images)
    times = side_by_side(runs, repeat=args.repeat, min_time=1e-9)  # one run per sample
    ratios = {name: t / times[PLAIN] for name, t in times.items()}
    print(
        f"{platform.python_implementation()} {platform.python_version()}: {args.epochs} epochs on "
        f"{args.images or 1442} digits (64-30-10 with biases, batches of {BATCH_SIZE}), median of "
        f"{args.repeat} interleaved rounds"
    )
    width = max(map(len, runs))
    for name, t in times.items():
        print(f"  {name:<{width}}  {t:8.3f} s  {ratios[name]:6.2f}x the plain lists' time")
    python = times.get("nnd.train on python")
    for name in backends:
        if name != "python" and python is not None:
            speedup = python / times[f"nnd.train on {name}"]
            if speedup >= 1:
                print(f"  {name} is {speedup:.1f}x faster than python in nnd.train")
            else:
                print(f"  {name} is {1 / speedup:.1f}x slower than python in nnd.train")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"epochs": args.epochs, "seconds": times, "over_plain": ratios}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
