"""``nnd draw KIND``: one of the series' pictures as SVG, drawn by :mod:`nnd.draw` (nothing to install).

Without ``-o`` the SVG document goes to standard output (``nnd draw network > net.svg``);
with ``-o FILE.svg`` it is written to that file, which is checked before any work starts.
"""

from __future__ import annotations

import argparse
import sys

from nnd import data
from nnd.arrays.registry import get_backend
from nnd.cli import arguments
from nnd.cli.paths import check_output_path, shown_name
from nnd.network import Network
from nnd.util.checks import choice
from nnd.util.errors import InvalidValueError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from nnd.draw.svg import SVG

HELP = "draw one of the series' pictures as SVG: network, data, sigmoid, cost-sweep, ... (-o FILE.svg)"

KINDS = {
    "network": "the 2-3-1 network, synapses by weight (--show for activations, deltas, gradients)",
    "data": "the students' hours of sleep and study, coloured by score (Part 1)",
    "sigmoid": "the sigmoid f(z) and its derivative f′(z) (Parts 2 and 4)",
    "cost-sweep": "the cost against one weight, the others held (Part 3)",
    "cost-surface": "the cost over two weights with gradient descent's and BFGS's paths (Parts 3, 6)",
    "secant": "the numerical derivative: the secant through f(x ± ε) beside the tangent (Part 5)",
    "training": "cost per iteration of BFGS and gradient descent from the same start (Part 6)",
    "overfit": "predictions without and with λ, training and test students (Part 7)",
    "predictions": "the trained network's predicted score over sleep × study (Part 6)",
}

WITHOUT_NETWORK = ("data", "sigmoid", "secant")
"""The kinds drawn without a network: ``--seed`` and ``--backend`` would change nothing there."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``KIND``, ``--seed``, ``--backend``, ``--show``, ``-o``."""
    from nnd.draw.diagram import SHOWS

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = "kinds:\n" + "\n".join(f"  {name:<13} {text}" for name, text in KINDS.items())
    parser.add_argument("kind", choices=list(KINDS), metavar="KIND", help="what to draw (listed below)")
    parser.add_argument(
        "--seed",
        type=arguments.seed,
        help="seed for the initial weights (default 0; not for data, sigmoid, secant)",
    )
    parser.add_argument(
        "--backend", help="backend name (default: the active backend; not for data, sigmoid, secant)"
    )
    parser.add_argument(
        "--show", choices=SHOWS,
        help="for network only: what the diagram shows, on the series' data (default weights)",
    )  # fmt: skip
    parser.add_argument("-o", "--output", metavar="FILE.svg", help="write the SVG here (default: stdout)")


def picture(kind: str, seed: int = 0, backend: str | None = None, show: str = "weights") -> SVG:
    """The SVG document of ``kind`` (one of :data:`KINDS`), from networks with ``seed``."""
    from nnd import draw
    from nnd.training import train

    choice(kind, "kind", list(KINDS))
    B = get_backend(backend)
    X, y = data.sleep_study()
    net = Network(seed=seed, backend=B)
    if kind == "network":
        if show == "weights":
            return draw.network(net)
        return draw.network(net, X, y, show=show)
    if kind == "data":
        return draw.data()
    if kind == "sigmoid":
        return draw.sigmoid()
    if kind == "cost-sweep":
        return draw.cost_sweep(net, X, y)
    if kind == "cost-surface":
        return draw.cost_surface(net, X, y)
    if kind == "secant":
        return draw.secant()
    if kind == "training":
        bfgs = train(net, X, y, "bfgs")
        gd = train(Network(seed=seed, backend=B), X, y, "gd")
        runs = {"BFGS": bfgs, "gradient descent (learning rate 1)": gd}
        return draw.training(runs, title="Training from one start")
    if kind == "predictions":
        train(net, X, y)
        return draw.predictions(net, points=data.sleep_study(scaled=False))
    if kind == "overfit":
        trainX, trainY = data.train_test()[:2]
        nets = [Network(seed=seed, backend=B, lam=lam) for lam in (0.0, 1e-4)]
        for each in nets:
            train(each, trainX, trainY)
        return draw.overfit(*nets)
    raise AssertionError(kind)  # checked above


def run(args: argparse.Namespace) -> int:
    """Draw, then write the SVG to ``-o`` or to standard output."""
    unused = [
        option
        for option, given, used in (
            ("--show", args.show, args.kind == "network"),
            ("--seed", args.seed, args.kind not in WITHOUT_NETWORK),
            ("--backend", args.backend, args.kind not in WITHOUT_NETWORK),
        )
        if given is not None and not used
    ]
    if unused:
        raise InvalidValueError(f"{unused[0]} changes nothing in the {args.kind} picture; leave it out")
    check_output_path(args.output, "-o")
    svg = picture(args.kind, args.seed or 0, args.backend, args.show or "weights")
    if args.output is not None:
        svg.save(args.output)
        print(f"saved the {args.kind} picture to {shown_name(args.output)}")
        return 0
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    text = str(svg)
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):  # a narrow terminal encoding: XML's own escapes instead
        text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    sys.stdout.write(text + "\n")
    return 0
