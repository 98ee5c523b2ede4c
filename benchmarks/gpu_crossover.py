"""Where a GPU starts to win: one gradient on an Array-API backend on a device, beside NumPy on the CPU.

``python -m benchmarks gpu_crossover --device cuda`` measures ``net.gradients(X, y)`` for
growing sizes (examples, inputs, hidden, outputs), on ``--backend`` (torch by default)
on ``--device`` and on the ``numpy`` backend, and prints the first size from which the
device is faster at every larger size measured. Each timed call ends by reading one
number back (a sum of the last gradient), so work still queued on the device is counted.

Without the device (or the library) it stops at once with the reason and exit status 2.
``--device cpu`` runs the same scan on the CPU (what the lab's own test does, small).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

#: (examples, inputs, hidden, outputs): from the series' network to (16384, 64, 256, 10).
SIZES: tuple[tuple[int, int, int, int], ...] = (
    (3, 2, 3, 1), (64, 2, 16, 1), (256, 8, 32, 1), (1000, 8, 64, 4), (1024, 64, 256, 10),
    (2048, 64, 256, 10), (4096, 64, 256, 10), (8192, 64, 256, 10), (16384, 64, 256, 10),
)  # fmt: skip


def contender(problem: Any, backend: Any) -> Callable[[], float]:
    """One gradient on ``backend`` (a Backend object), ending with a number read back from it."""
    from nnd.network import Network

    _, n_in, n_hidden, n_out = problem.size
    net = Network((n_in, n_hidden, n_out), backend=backend)
    net.W1, net.W2 = problem.W1, problem.W2
    X, y = backend.asarray(problem.X), backend.asarray(problem.y)
    return lambda: backend.sum(net.gradients(X, y)[-1])


def crossover(rows: Sequence[dict[str, Any]]) -> tuple[int, ...] | None:
    """The first size from which the device wins at every size after it too (None: it never does).

    >>> crossover([{"size": (1,), "ratio": 2.0}, {"size": (2,), "ratio": 0.5}, {"size": (3,), "ratio": 0.4}])
    (2,)
    >>> crossover([{"size": (1,), "ratio": 0.5}, {"size": (2,), "ratio": 2.0}]) is None
    True
    """
    first = None
    for row in rows:
        if row["ratio"] < 1.0:
            first = first or tuple(row["size"])
        else:
            first = None
    return first


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scan and print the table; 2 (with the reason) if the backend or device is missing."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks gpu_crossover", description="where a GPU starts to win over NumPy"
    )
    parser.add_argument("--device", required=True, help="the device to measure: cuda, cuda:1, gpu, cpu")
    parser.add_argument("--backend", default="torch", choices=["torch", "jax", "cupy"], help="(torch)")
    parser.add_argument("--max-examples", type=int, default=16384, help="largest size measured (16384)")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds, the median is kept (5)")
    args = parser.parse_args(argv)

    from nnd.arrays import registry as config
    from nnd.util.errors import NNDError

    try:
        cls: Any = type(config.load_backend(args.backend))  # an ArrayAPIBackend, on the default device
        device = cls(device=args.device)
        cpu = config.load_backend("numpy")
    except (NNDError, ImportError) as exc:
        print(f"gpu_crossover: cannot measure {args.backend} on {args.device!r}: {exc}", file=sys.stderr)
        return 2

    from benchmarks.contenders import make_problem
    from nnd.cli.bench import side_by_side

    print(f"one gradient, seconds: numpy on the CPU against {device.name} on {device.device}")
    print(f"{'size (m, in, hidden, out)':>28} {'numpy':>11} {device.name:>11} {'numpy/' + device.name:>12}")
    rows = []
    for size in [s for s in SIZES if s[0] <= args.max_examples]:
        problem = make_problem(size)
        times = side_by_side({"numpy": contender(problem, cpu), "device": contender(problem, device)},
                             repeat=args.repeat, min_time=0.02)  # fmt: skip
        rows.append({"size": size, "ratio": times["device"] / times["numpy"]})
        cpu_s, device_s = times["numpy"], times["device"]
        print(f"{size!s:>28} {cpu_s:11.3e} {device_s:11.3e} {cpu_s / device_s:11.2f}x")
    where = crossover(rows)
    print(f"{device.name} on {device.device} wins from {where} on" if where else f"{device.name} never won")
    return 0


if __name__ == "__main__":
    sys.exit(main())
