"""``nnd train --data``: the same network learning real data, with a progress bar and a confusion matrix.

The data: ``digits`` (1,797 handwritten digits of 8×8 pixels, shipped with nnd), the
two-dimensional teaching sets ``moons``, ``circles``, ``xor`` and ``spiral``, or a CSV file
of one's own (``--data pets.csv --target kind``). A name wins over a file of the same
name: write ``./moons`` for a file called ``moons``.

Digits come split into training and test images. The teaching sets and CSV files are split
here, the same way every time: every fifth example (the 5th, 10th, …) is a test example, the
others are training examples, so a file sorted by class keeps each class's share in both.

Defaults: biases on; for digits and CSV files minibatch gradient descent (``sgd``: 30
epochs of batches of 10, learning rate 3) with 30 hidden units; for the teaching sets, a few
hundred points, L-BFGS (``lbfgs``, at most 200 iterations) with 10 hidden units.

Ctrl-C stops training at the end of the epoch (or iteration) under way: the results so far
are shown and ``--save`` writes the network as it is then; the exit status is 130. A
second Ctrl-C stops at once, and nothing is saved.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, TextIO

from nnd.arrays.registry import get_backend
from nnd.cli.paths import check_output_path, shown_name
from nnd.network import Network
from nnd.training import Progress, TrainResult, train
from nnd.util.errors import InvalidValueError, NNDError
from nnd.util.files import check_path

SETS = ("digits", "moons", "circles", "xor", "spiral")
"""The data sets ``--data`` knows by name; anything else is read as a CSV file."""

TEST_EVERY = 5
"""Every fifth example of a teaching set or a CSV file is kept for testing."""

Rows = list[list[float]]


class Data(NamedTuple):
    """What the network learns from, split, with the class names (``None`` for a numeric target)."""

    name: str
    trainX: Rows  # noqa: N815  (the series' names)
    trainY: Rows  # noqa: N815
    testX: Rows  # noqa: N815
    testY: Rows  # noqa: N815
    classes: list[str] | None
    described: str


def load(source: str, target: str | None) -> Data:
    """The data ``--data`` names, split into training and test examples; a bad source is a usage error."""
    from nnd import data

    if source in SETS:
        if target is not None:
            raise InvalidValueError(f"--target picks a column of a CSV file; {source} has no columns to pick")
        if source == "digits":
            trainX, trainY, testX, testY = data.digits()
            names = [str(d) for d in range(10)]
            return Data(source, trainX, trainY, testX, testY, names, "handwritten digits of 8×8 pixels")
        X, y = getattr(data, source)()
        k = max(2, len(y[0]))
        return Data(source, *split(X, y), [str(c) for c in range(k)], f"a 2-D teaching set of {k} classes")
    if source:
        check_path(source, "--data")  # a name ending in a separator names a folder
    try:
        loaded = data.load_csv(source, _column(target) if target is not None else -1)
    except NNDError as exc:
        if not source or (isinstance(exc, FileNotFoundError) and not os.path.lexists(source)):
            raise InvalidValueError(
                f"--data: expected {', '.join(SETS)} or a CSV file, got {shown_name(source)!r}: no such file"
            ) from None
        raise InvalidValueError(f"--data: {exc}") from None
    if len(loaded.X) < TEST_EVERY:
        examples = "1 example" if len(loaded.X) == 1 else f"{len(loaded.X)} examples"
        raise InvalidValueError(
            f"--data: {shown_name(source)} has {examples}; at least {TEST_EVERY} are needed, "
            f"as every {TEST_EVERY}th is kept for testing"
        )
    what = f"classes {', '.join(loaded.classes)}" if loaded.classes is not None else "a number"
    described = f"CSV file, target column {loaded.target!r} ({_cut(what, 60)})"
    return Data(shown_name(source), *split(loaded.X, loaded.y), loaded.classes, described)


def _column(text: str) -> int | str:
    """``--target``: a column's number (``0``, ``-1``) or its name in the header line."""
    try:
        return int(text)
    except ValueError:
        return text


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def split(X: Rows, y: Rows) -> tuple[Rows, Rows, Rows, Rows]:
    """``(trainX, trainY, testX, testY)``: every :data:`TEST_EVERY`-th example is a test example.

    >>> split([[0], [1], [2], [3], [4], [5]], [[0], [1], [0], [1], [0], [1]])
    ([[0], [1], [2], [3], [5]], [[0], [1], [0], [1], [1]], [[4]], [[0]])
    """
    test = [i % TEST_EVERY == TEST_EVERY - 1 for i in range(len(X))]
    return (
        [x for x, t in zip(X, test) if not t],
        [v for v, t in zip(y, test) if not t],
        [x for x, t in zip(X, test) if t],
        [v for v, t in zip(y, test) if t],
    )


def defaults(name: str) -> tuple[str, tuple[int, ...]]:
    """The method and hidden layers for data set ``name`` when ``--method`` and ``--hidden`` are not given."""
    if name in ("moons", "circles", "xor", "spiral"):
        return "lbfgs", (10,)
    return "sgd", (30,)


def run(args: argparse.Namespace) -> int:
    """Load the data, train with a progress bar, show the test accuracy and the confusion matrix."""
    from nnd.cli.train import method_options, network_sizes, require_scipy

    if args.plot is not None:
        raise InvalidValueError(
            "--plot draws the series' figures; with --data use --svg for the learning curves"
        )
    B = get_backend(args.backend)
    method_default, hidden_default = defaults(args.data)
    method = args.method or method_default
    options = method_options(args, method)
    require_scipy(method)
    check_output_path(args.save, "--save")
    check_output_path(args.svg, "--svg")
    data = load(args.data, args.target)
    bias = True if args.bias is None else args.bias
    sizes = network_sizes(
        len(data.trainX[0]), args.hidden or hidden_default, len(data.trainY[0]), method, bias
    )
    net = Network(sizes, seed=args.seed, backend=B, lam=args.lam, bias=bias)
    out = sys.stdout
    print(
        f"nnd train: {data.name} ({data.described}): {len(data.trainX):,} training and "
        f"{len(data.testX):,} test examples of {sizes[0]} inputs",
        file=out,
    )
    cost = "Part 4's cost ½Σ(y − yHat)²" if args.lam is None else f"Part 7's cost with λ = {args.lam:g}"
    print(
        f"network: layers {sizes}{' with biases' if bias else ''}, backend {B.name!r}, seed {args.seed}",
        file=out,
    )
    print(f"training: {describe_method(method, options)}; {cost}", file=out)
    total = options["epochs"] if method == "sgd" else options["max_iter"]
    bar = ProgressBar(out, total, "epoch" if method == "sgd" else "iteration")
    started = time.perf_counter()
    with stop_on_interrupt(bar.unit, live=bar.live) as stop:
        result = train(
            net, data.trainX, data.trainY, method, callback=bar.callback(stop), testX=data.testX,
            testY=data.testY, **options,
        )  # fmt: skip
    bar.finish()
    seconds = time.perf_counter() - started
    message = f"interrupted after {count(result.nit, bar.unit)}" if stop.asked else result.message
    print(f"{message} ({seconds:.1f} s)", file=out)
    print(file=out)
    print(report(net, data, result), file=out)
    if args.save is not None:
        net.save(args.save)
        print(f"\nsaved the trained network to {shown_name(args.save)} (load it with nnd.load)", file=out)
    if args.svg is not None:
        from nnd import draw

        unit = "epoch" if method == "sgd" else "iteration"
        draw.training(result, title=f"{data.name}: cost and accuracy per {unit} ({method})").save(args.svg)
        print(f"\nsaved the learning curves to {shown_name(args.svg)}", file=out)
    return 130 if stop.asked else 0


def count(n: int, unit: str) -> str:
    """``n`` and ``unit``, plural unless one: ``count(1, "epoch")`` is ``'1 epoch'``.

    >>> count(1, "epoch"), count(30, "epoch")
    ('1 epoch', '30 epochs')
    """
    return f"{n:,} {unit}{'' if n == 1 else 's'}"


def describe_method(method: str, options: dict[str, Any]) -> str:
    """The training method and its settings in words."""
    if method == "sgd":
        text = f"sgd, {count(options['epochs'], 'epoch')} of batches of {options['batch_size']}"
        return text + f", learning rate {options['learning_rate']:g}"
    text = f"{method}, at most {options['max_iter']} iterations"
    if options.get("learning_rate") is not None:
        text += f", learning rate {options['learning_rate']:g}"
    return text


def report(net: Network, data: Data, result: TrainResult) -> str:
    """The test accuracy and the confusion matrix (classes), or the test cost (a numeric target)."""
    if data.classes is None:
        cost = net.cost(data.testX, data.testY)
        return f"test cost J = {cost:.6e} on {len(data.testX)} test examples (the target scaled into [0, 1])"
    from nnd.classify import confusion_matrix

    matrix = confusion_matrix(net, data.testX, data.testY)
    right = sum(matrix[c][c] for c in range(len(matrix)))
    total = sum(map(sum, matrix))
    lines = [f"test accuracy: {100 * right / total:.2f}% ({right:,} of {total:,} test examples right)"]
    if result.accuracy:
        lines.append(f"training accuracy: {100 * result.accuracy[-1]:.2f}%")
    lines += ["", "confusion matrix of the test examples (rows: true class, columns: predicted class):"]
    lines.append(confusion_table(matrix, data.classes))
    return "\n".join(lines)


def confusion_table(matrix: list[list[int]], names: list[str]) -> str:
    """``matrix`` as a text table, rows and columns labelled with the class names (cut to 12 characters).

    >>> print(confusion_table([[5, 1], [0, 4]], ["cat", "dog"]))
    true\\pred  cat  dog
          cat    5    1
          dog    0    4
    """
    labels = [_cut(name, 12) for name in names]
    if len(labels) != len(matrix):
        labels = [str(c) for c in range(len(matrix))]
    width = max(4, *(len(label) for label in labels), *(len(f"{v}") for row in matrix for v in row))
    first = max(len("true\\pred"), *(len(label) for label in labels))
    lines = ["true\\pred".ljust(first) + "".join(f" {label:>{width}}" for label in labels)]
    for label, row in zip(labels, matrix):
        lines.append(f"{label:>{first}}" + "".join(f" {v:>{width}}" for v in row))
    return "\n".join(lines)


class StopRequest:
    """Whether Ctrl-C asked training to stop (set by the handler :func:`stop_on_interrupt` installs)."""

    def __init__(self) -> None:
        self.asked = False


@contextmanager
def stop_on_interrupt(unit: str = "step", *, live: bool = False) -> Iterator[StopRequest]:
    """While inside, the first Ctrl-C asks training to stop after its current step; a second one interrupts.

    The first SIGINT sets ``asked`` and says so on standard error (on a new line when a
    progress bar is being drawn, ``live``); Python's own handler is
    put back at once, so that the next one raises ``KeyboardInterrupt`` as usual. Outside
    the main thread (where no handler can be installed) Ctrl-C interrupts at once.
    """
    request = StopRequest()

    def asked(signum: int, frame: object) -> None:
        request.asked = True
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
        try:
            print(
                f"{chr(10) if live else ''}nnd: interrupted: stopping after this {unit} "
                "(Ctrl-C again to stop at once)",
                file=sys.stderr,
                flush=True,
            )
        except (OSError, ValueError):
            pass

    try:
        previous = signal.signal(signal.SIGINT, asked)
    except ValueError:  # not the main thread
        yield request
        return
    try:
        yield request
    finally:
        signal.signal(signal.SIGINT, previous)


class ProgressBar:
    """Training progress: a bar rewritten in place on a terminal, plain lines otherwise.

    Piped into a file or another program it prints about 30 lines per run (every epoch of
    a 30-epoch run), each with the cost and, for classes, the accuracy on the training and
    test data.
    """

    WIDTH = 24

    def __init__(self, out: TextIO, total: int, unit: str) -> None:
        self.out, self.total, self.unit = out, total, unit
        self.live = _isatty(out)
        self.every = max(1, total // 30)
        self.started = time.perf_counter()
        self.shown = False

    def callback(self, stop: StopRequest) -> Callable[[Progress], bool]:
        """The ``callback`` for :func:`nnd.train`: show the step, and stop when Ctrl-C asked to."""

        def step(progress: Progress) -> bool:
            self.show(progress)
            return stop.asked

        return step

    def line(self, p: Progress) -> str:
        """One step in words: ``epoch   3/30  J = 1.2e-02  accuracy 93.2%  test 92.1%``."""
        digits = len(str(self.total))
        text = f"{self.unit} {p.nit:>{digits}}/{self.total}  J = {p.fun:.4e}"
        if p.accuracy is not None:
            text += f"  accuracy {100 * p.accuracy:5.1f}%"
        if p.test_accuracy is not None:
            text += f"  test accuracy {100 * p.test_accuracy:5.1f}%"
        elif p.test_fun is not None:
            text += f"  test J = {p.test_fun:.4e}"
        return text

    def show(self, p: Progress) -> None:
        if not self.live:
            if p.nit == 1 or p.nit % self.every == 0 or p.nit == self.total:
                print(self.line(p), file=self.out, flush=True)
            return
        done = min(1.0, p.nit / self.total)
        filled = round(done * self.WIDTH)
        bar = "=" * filled + " " * (self.WIDTH - filled)
        elapsed = time.perf_counter() - self.started
        left = elapsed / p.nit * (self.total - p.nit) if p.nit else math.inf
        text = f"[{bar}] {self.unit} {p.nit}/{self.total} J {p.fun:.3g}"
        if p.accuracy is not None:
            text += f" train {100 * p.accuracy:.1f}%"
        if p.test_accuracy is not None:
            text += f" test {100 * p.test_accuracy:.1f}%"
        if math.isfinite(left) and p.nit < self.total:
            text += f" {left:.0f} s left"
        columns = shutil.get_terminal_size().columns
        self.out.write(f"\r{text[: max(10, columns - 1)]}\x1b[K")  # one line: longer ones would wrap
        self.out.flush()
        self.shown = True

    def finish(self) -> None:
        """End the bar's line on a terminal."""
        if self.live and self.shown:
            self.out.write("\n")
            self.out.flush()


def _isatty(out: TextIO) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, OSError, ValueError):
        return False
