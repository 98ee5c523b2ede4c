"""``nnd demo``: the Part 4 walkthrough on the series' data, with every variable's real shape."""

from __future__ import annotations

import argparse

from nnd.arrays.registry import get_backend
from nnd.cli import arguments
from nnd.data import sleep_study
from nnd.gradcheck import gradient_check
from nnd.network import Network

HELP = "walk through Part 4 (forward pass, cost, backpropagation) on the series' data"

# (code name, definition) in the order of the seed notebook's variables table
VARIABLES = [
    ("X", "input data, a row per example"),
    ("y", "target data"),
    ("W1", "layer 1 weights"),
    ("W2", "layer 2 weights"),
    ("z2", "layer 2 activation, X·W1"),
    ("a2", "layer 2 activity, f(z2)"),
    ("z3", "layer 3 activation, a2·W2"),
    ("yHat", "prediction, f(z3)"),
    ("J", "cost, ½Σ(y − yHat)²"),
    ("delta3", "backpropagating error, dJ/dz3"),
    ("dJdW2", "dJ/dW2 = a2ᵀ·delta3"),
    ("delta2", "backpropagating error, (delta3·W2ᵀ) ⊙ f′(z2)"),
    ("dJdW1", "dJ/dW1 = Xᵀ·delta2"),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--backend`` and ``--seed``."""
    parser.add_argument("--backend", help="backend name (default: the active backend)")
    parser.add_argument("--seed", type=arguments.seed, default=0, help="seed for the initial weights (0)")


def run(args: argparse.Namespace) -> int:
    """Print the walkthrough."""
    B = get_backend(args.backend)
    X, y = sleep_study()
    net = Network((2, 3, 1), seed=args.seed, backend=B)
    cost1 = net.cost(X, y)
    dJdW1, dJdW2 = net.gradients(X, y)
    values = {
        "X": B.asarray(X), "y": B.asarray(y), "W1": net.W1, "W2": net.W2,
        "z2": net.z2, "a2": net.a2, "z3": net.z3, "yHat": net.yHat, "J": cost1,
        "delta3": net.delta3, "dJdW2": dJdW2, "delta2": net.delta2, "dJdW1": dJdW1,
    }  # fmt: skip
    print(f"nnd demo: Part 4 on the sleep/study data, backend {B.name!r}, seed {args.seed}\n")
    print(f"{'variable':<8}  {'shape':<7}  meaning")
    for name, meaning in VARIABLES:
        value = values[name]
        shape = "scalar" if isinstance(value, float) else str(tuple(B.shape(value)))
        print(f"{name:<8}  {shape:<7}  {meaning}")
    lists = get_backend("python")  # one printout on every backend (PyTorch's own shows 4 digits)

    def show(a: object) -> None:
        print(lists.from_floats(B.tolist(a), tuple(B.shape(a))))

    print("\nyHat (predicted scores / 100):")
    show(net.yHat)
    print(f"\ncost J = {cost1:.10g}")
    print("\ndJdW1 =")
    show(dJdW1)
    print("dJdW2 =")
    show(dJdW2)

    scalar = 3
    net.W1 = net.W1 + scalar * dJdW1
    net.W2 = net.W2 + scalar * dJdW2
    cost2 = net.cost(X, y)
    dJdW1, dJdW2 = net.gradients(X, y)
    net.W1 = net.W1 - scalar * dJdW1
    net.W2 = net.W2 - scalar * dJdW2
    cost3 = net.cost(X, y)
    print("\nThe gradient points uphill:")
    print(f"  W + 3·dJdW:  cost {cost1:.10g} -> {cost2:.10g}  ({'rises' if cost2 > cost1 else 'falls'})")
    print(f"  W - 3·dJdW:  cost {cost2:.10g} -> {cost3:.10g}  ({'falls' if cost3 < cost2 else 'rises'})")

    check_net = Network((2, 3, 1), seed=args.seed, backend=B)
    ratio = gradient_check(check_net, X, y)
    print(
        f"\nGradient check (Part 5): norm(grad - numgrad) / norm(grad + numgrad) = {ratio:.3g}"
        f"  ({'agrees' if ratio < 1e-7 else 'CHECK FAILED'}: about 1e-8 or less is right)"
    )
    return 0
