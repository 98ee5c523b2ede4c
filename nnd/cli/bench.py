"""``nnd bench``: which backend computes a gradient fastest, at your sizes, on this machine.

For each size (examples, inputs, hidden units, outputs) it times one gradient computation,
``net.gradients(X, y)``, on every installed backend (or those named with ``--backend``), and
prints the times and each backend's time over the fastest one's. ``--epoch`` also times one
epoch of minibatch training, ``nnd.train(net, X, y, method="sgd", epochs=1, batch_size=10)``.
``--data digits`` times, instead, one epoch of that training on real data: the 1,442 training
images of :func:`nnd.data.digits` through a 64-30-10 network with biases, learning rate 3, as
the README's digits example trains it.

Every backend gets the same data (random numbers in [0, 1), seeded) and the same starting
weights (``Network(seed=0)``'s), already converted to its own arrays, so a call costs what it
costs a user who keeps their data on that backend. Times are medians of interleaved rounds
(:func:`side_by_side`): each round times every backend once, in a rotating order, so that a
burst of noise on a busy machine falls on all of them rather than on one.

Sizes are limited to :data:`MAX_NUMBERS` numbers, counted by :func:`numbers`; larger ones
are refused before anything is allocated. The benchmark lab of nnd's source repository
(``benchmarks/``) compares the backends with hand-written references as well.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import timeit
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from nnd.util.checks import shown
from nnd.util.errors import InvalidValueError

HELP = "time one gradient computation on each backend, at a few sizes, and compare them"

Size = tuple[int, int, int, int]
"""(examples, inputs, hidden units, outputs)."""

SIZES: tuple[Size, ...] = ((3, 2, 3, 1), (64, 2, 16, 1), (256, 8, 32, 1), (1000, 8, 64, 4))
"""The sizes measured unless ``--sizes`` is given: the series' own, then growing."""

MAX_NUMBERS = 2_000_000
"""The most numbers one size may need (see :func:`numbers`). Measured peak memory per number:
about 200 bytes on the python backend (lists of Python floats, the values a pass keeps, the
data as Python lists), so about 0.4 GB at the limit, and up to 750 bytes when rows hold only
one or two numbers; about 85 bytes on the numpy backend."""

MAX_REPEAT = 1000
MAX_MIN_TIME = 10.0
BATCH_SIZE = 10

DIGITS_LAYERS = (64, 30, 10)
"""The network ``--data digits`` trains: 64 pixels in, 30 hidden units, one output per digit."""
DIGITS_LEARNING_RATE = 3.0


def numbers(size: Size) -> int:
    """The numbers one size needs: the data and the hidden layer's values, m·(inputs + hidden +
    outputs), plus the weights, inputs·hidden + hidden·outputs.

    >>> numbers((3, 2, 3, 1))
    27
    """
    m, n_in, hidden, n_out = size
    return m * (n_in + hidden + n_out) + n_in * hidden + hidden * n_out


def parse_size(text: str) -> Size:
    """``"64,2,16,1"`` as ``(64, 2, 16, 1)``: four positive ints within :data:`MAX_NUMBERS` numbers.

    >>> parse_size("64,2,16,1")
    (64, 2, 16, 1)
    >>> parse_size("100000,100000,100000,1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: --sizes: '100000,100000,100000,1' needs 30,000,200,000 numbers; ...
    """
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or min(values) < 1:
        raise InvalidValueError(
            "--sizes: expected examples,inputs,hidden,outputs (four positive ints, like 64,2,16,1), "
            f"got {shown(text)}"
        )
    m, n_in, hidden, n_out = values
    size = (m, n_in, hidden, n_out)
    count = numbers(size)
    if count > MAX_NUMBERS:
        needs = f"{count:,}" if count < 10**18 else f"about 10^{int(count.bit_length() * math.log10(2))}"
        raise InvalidValueError(
            f"--sizes: {shown(text)} needs {needs} numbers; nnd bench takes at most {MAX_NUMBERS:,} "
            "(m*(inputs + hidden + outputs) + inputs*hidden + hidden*outputs)"
        )
    return size


def _whole_number(text: str, option: str, maximum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= maximum:
        raise InvalidValueError(f"{option}: expected an int from 1 to {maximum}, got {shown(text)}")
    return value


def _seconds(text: str, option: str, maximum: float) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0.0 < value <= maximum:  # NaN fails this too
        raise InvalidValueError(
            f"{option}: expected seconds above 0 and at most {maximum:g}, got {shown(text)}"
        )
    return value


# -- timing -------------------------------------------------------------------------------------


def calls_per_sample(fn: Callable[[], object], min_time: float) -> int:
    """How many calls make one sample last at least ``min_time`` seconds (at least 1)."""
    timer = timeit.Timer(fn)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            return number
        # aim a little past min_time, at most 10x more calls per try
        number = max(number + 1, min(10 * number, int(number * 1.2 * min_time / max(elapsed, 1e-9))))


def side_by_side(
    contenders: Mapping[str, Callable[[], object]], repeat: int = 7, min_time: float = 0.02
) -> dict[str, float]:
    """``{name: seconds per call}``, the median over ``repeat`` interleaved rounds.

    >>> racers = {"sum": lambda: sum(range(100)), "len": lambda: len("abc")}
    >>> times = side_by_side(racers, repeat=3, min_time=0.001)
    >>> sorted(times), all(t > 0 for t in times.values())
    (['len', 'sum'], True)
    """
    if repeat < 1 or not min_time > 0:
        raise InvalidValueError(f"repeat must be >= 1 and min_time > 0, got {repeat} and {min_time}")
    names = list(contenders)
    timers = {name: timeit.Timer(contenders[name]) for name in names}
    numbers = {name: calls_per_sample(contenders[name], min_time) for name in names}
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(repeat):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(timers[name].timeit(numbers[name]) / numbers[name])
    return {name: statistics.median(samples[name]) for name in names}


# -- what is timed ------------------------------------------------------------------------------


def installed_backends() -> tuple[list[str], list[str]]:
    """The backends that load here, built-in first, and those that do not."""
    from nnd.arrays.registry import BackendNotInstalledError, list_backends, load_backend

    usable, missing = [], []
    for name in list_backends():
        try:
            load_backend(name)
        except (BackendNotInstalledError, ImportError):
            missing.append(name)
            continue
        usable.append(name)
    return usable, missing


def problem(size: Size, seed: int = 0) -> tuple[list[list[float]], list[list[float]], list[float]]:
    """X and y (random in [0, 1)) and the starting weights (``Network(seed=seed)``'s, flat)."""
    from nnd.network import Network

    m, n_in, hidden, n_out = size
    rng = random.Random(seed)
    X = [[rng.random() for _ in range(n_in)] for _ in range(m)]
    y = [[rng.random() for _ in range(n_out)] for _ in range(m)]
    params = Network((n_in, hidden, n_out), seed=seed, backend="python").get_params().tolist()
    return X, y, params


def gradient_timer(backend: str, size: Size, data: Any) -> Callable[[], object]:
    """One ``net.gradients(X, y)`` on ``backend``, with X and y already that backend's arrays."""
    from nnd.network import Network

    X, y, params = data
    net = Network(size[1:], backend=backend)
    net.set_params(params)
    Xb, yb = net.backend.asarray(X), net.backend.asarray(y)
    return lambda: net.gradients(Xb, yb)


def epoch_timer(backend: str, size: Size, data: Any) -> Callable[[], object]:
    """One epoch of minibatch gradient descent (batches of 10), from the same weights each time."""
    from nnd.network import Network
    from nnd.training import train

    X, y, params = data
    net = Network(size[1:], backend=backend)
    Xb, yb = net.backend.asarray(X), net.backend.asarray(y)

    def epoch() -> object:
        net.set_params(params)
        return train(net, Xb, yb, method="sgd", epochs=1, batch_size=min(BATCH_SIZE, size[0]), seed=0)

    return epoch


def digits_problem() -> tuple[list[list[float]], list[list[float]], list[float]]:
    """The digits' training images and one-hot targets, and the starting parameters (seed 0, biases)."""
    from nnd.data import digits
    from nnd.network import Network

    X, Y, _, _ = digits()
    params = Network(DIGITS_LAYERS, seed=0, bias=True, backend="python").get_params().tolist()
    return X, Y, params


def digits_epoch_timer(backend: str, data: Any) -> Callable[[], object]:
    """One epoch of minibatch gradient descent on the digits, from the same parameters each time."""
    from nnd.network import Network
    from nnd.training import train

    X, Y, params = data
    net = Network(DIGITS_LAYERS, bias=True, backend=backend)

    def epoch() -> object:
        net.set_params(params)
        rate = DIGITS_LEARNING_RATE
        return train(net, X, Y, method="sgd", epochs=1, batch_size=BATCH_SIZE, learning_rate=rate, seed=0)

    return epoch


def _at(
    timer: Callable[[str, Size, Any], Callable[[], object]], size: Size
) -> Callable[[str, Any], Callable[[], object]]:
    """``timer`` with its size given: a function of the backend and the data."""
    return lambda backend, data: timer(backend, size, data)


# -- the command --------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--backend``, ``--sizes``, ``--epoch``, ``--data``, ``--repeat``, ``--min-time``, ``--quick``."""
    parser.add_argument(
        "--backend", action="append", dest="backends", metavar="NAME",
        help="a backend to measure (repeat the option for several; default: every installed one)",
    )  # fmt: skip
    parser.add_argument(
        "--sizes", nargs="+", metavar="M,IN,HIDDEN,OUT",
        help="sizes to measure: examples,inputs,hidden,outputs (default: 3,2,3,1 64,2,16,1 256,8,32,1 "
        f"1000,8,64,4); at most {MAX_NUMBERS:,} numbers, m*(IN + HIDDEN + OUT) + IN*HIDDEN + HIDDEN*OUT",
    )  # fmt: skip
    parser.add_argument(
        "--epoch", action="store_true",
        help=f"also time one epoch of minibatch training (method sgd, batches of {BATCH_SIZE})",
    )  # fmt: skip
    parser.add_argument(
        "--data", choices=["digits"],
        help="time one epoch of minibatch training on real data instead: the handwritten digits "
        f"(1,442 images, a {'-'.join(map(str, DIGITS_LAYERS))} network with biases, batches of {BATCH_SIZE})",
    )  # fmt: skip
    parser.add_argument(
        "--repeat", default="7", metavar="N",
        help=f"timed rounds per backend, the median is kept (default 7, at most {MAX_REPEAT})",
    )  # fmt: skip
    parser.add_argument(
        "--min-time", default="0.02", metavar="SECONDS",
        help=f"seconds one timed sample lasts at least (default 0.02, at most {MAX_MIN_TIME:g})",
    )  # fmt: skip
    parser.add_argument(
        "--quick", action="store_true", help="a fast, rougher run: --repeat 3 --min-time 0.005"
    )


def _chosen_backends(names: Sequence[str] | None) -> tuple[list[str], list[str]]:
    from nnd.arrays.registry import load_backend

    if not names:
        return installed_backends()
    chosen = list(dict.fromkeys(names))
    for name in chosen:
        load_backend(name)  # an unknown or missing backend: a one-line error before any timing
    return chosen, []


def seconds_text(t: float) -> str:
    """A duration with a readable unit.

    >>> seconds_text(2.5e-5), seconds_text(0.0123), seconds_text(1.5)
    ('25.0 µs', '12.3 ms', '1.50 s')
    """
    if t < 1e-3:
        return f"{t * 1e6:.1f} µs"
    if t < 1.0:
        return f"{t * 1e3:.1f} ms"
    return f"{t:.2f} s"


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))


def run(args: argparse.Namespace) -> int:
    """Check every option, then measure size by size, printing each row as it is measured."""
    import platform

    from nnd import __version__

    if args.quick:
        repeat, min_time = 3, 0.005
    else:
        repeat = _whole_number(args.repeat, "--repeat", MAX_REPEAT)
        min_time = _seconds(args.min_time, "--min-time", MAX_MIN_TIME)
    if args.data and (args.sizes or args.epoch):
        raise InvalidValueError(
            f"--data {args.data}: it times its own network on its own data; leave out --sizes and --epoch"
        )
    sizes = [parse_size(text) for text in args.sizes] if args.sizes else list(SIZES)
    if args.epoch:
        from nnd.training import METHODS

        if "sgd" not in METHODS:
            raise InvalidValueError("--epoch: this version of nnd has no minibatch training (method 'sgd')")
    backends, missing = _chosen_backends(args.backends)

    Row = tuple[str, Callable[[], Any], Callable[[str, Any], Callable[[], object]]]
    tasks: list[tuple[str, list[Row]]]  # (title, rows of (label, the data, a timer per backend))
    if args.data:
        layers = "-".join(map(str, DIGITS_LAYERS))
        tasks = [
            (
                f"one epoch of minibatch training on the digits ({layers} with biases, "
                f"batches of {BATCH_SIZE})",
                [("digits (1442, 64, 30, 10)", digits_problem, digits_epoch_timer)],
            )
        ]
    else:

        def rows(timer: Callable[[str, Size, Any], Callable[[], object]]) -> list[Row]:
            return [(str(size), partial(problem, size), _at(timer, size)) for size in sizes]

        tasks = [("one gradient computation, net.gradients(X, y)", rows(gradient_timer))]
        if args.epoch:
            tasks.append((f"one epoch of minibatch training, batches of {BATCH_SIZE}", rows(epoch_timer)))
    print(
        f"nnd {__version__} on {platform.python_implementation()} {platform.python_version()}: seconds per "
        f"call, median of {repeat} interleaved rounds"
    )
    header = ["size (m, in, hidden, out)", *backends, "fastest"]
    widths = [len(header[0]), *(max(len(n), 9) for n in backends), max(len(n) for n in header[1:])]
    measured: dict[str, list[tuple[str, dict[str, float]]]] = {}
    for title, task_rows in tasks:
        print(f"\n{title}:")
        print(_row(header, widths))
        done = measured[title] = []
        for label, make_data, timer in task_rows:
            data = make_data()
            times = side_by_side({n: timer(n, data) for n in backends}, repeat, min_time)
            done.append((label, times))
            fastest = min(times, key=times.__getitem__)
            print(_row([label, *(seconds_text(times[n]) for n in backends), fastest], widths), flush=True)
    if len(backends) > 1:
        for title, done in measured.items():
            print(f"\n{title}, time over the fastest backend's:")
            print(_row(header[:-1], widths))
            for label, times in done:
                best = min(times.values())
                print(_row([label, *(f"{times[n] / best:.2f}x" for n in backends)], widths))
    if missing:
        print(f"\nnot installed here: {', '.join(missing)} (nnd backends says how to install them)")
    return 0
