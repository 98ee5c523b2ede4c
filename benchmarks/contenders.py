"""What the benchmark races: one gradient computation, by nnd's backends and by the two references.

A *contender* is a function of no arguments that computes (dJdW1, dJdW2) for one
problem; all of a problem's contenders start from the same data and weights.

>>> problem = make_problem((3, 2, 3, 1))
>>> sorted(contenders(problem, backends=["python"], references=["hand-tuned Python"]))
['hand-tuned Python', 'nnd python']
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from nnd import data
from nnd.arrays.registry import BackendNotInstalledError, list_backends, load_backend
from nnd.network import Network

Size = tuple[int, int, int, int]
"""(examples, inputs, hidden units, outputs)."""

SERIES_SIZE: Size = (3, 2, 3, 1)

HAND_TUNED = "hand-tuned Python"
UNROLLED = "unrolled Python"
SERIES_NUMPY = "series NumPy"
REFERENCES = (HAND_TUNED, UNROLLED, SERIES_NUMPY)

#: The reference each backend is held to (backends not listed are compared with none).
REFERENCE_OF = {"python": HAND_TUNED, "numpy": SERIES_NUMPY}


class Problem(NamedTuple):
    """Inputs, targets and starting weights as lists of rows, the same for every contender."""

    size: Size
    X: list[list[float]]
    y: list[list[float]]
    W1: list[list[float]]
    W2: list[list[float]]


def make_problem(size: Sequence[int], seed: int = 0) -> Problem:
    """The series' sleep/study data at the series' size; uniform random data in [0, 1) otherwise.

    Weights are ``Network((inputs, hidden, outputs), seed=seed)``'s.
    """
    m, n_in, n_hidden, n_out = _check_size(size)
    if (m, n_in, n_hidden, n_out) == SERIES_SIZE:
        X, y = data.sleep_study()
    else:
        rng = random.Random(seed)
        X = [[rng.random() for _ in range(n_in)] for _ in range(m)]
        y = [[rng.random() for _ in range(n_out)] for _ in range(m)]
    net = Network((n_in, n_hidden, n_out), seed=seed, backend="python")
    W1, W2 = (W.tolist() for W in net.weights)
    return Problem((m, n_in, n_hidden, n_out), X, y, W1, W2)


def _check_size(size: Sequence[int]) -> Size:
    values = tuple(size)
    if len(values) != 4 or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in values):
        raise ValueError(
            f"size: expected four positive ints (examples, inputs, hidden, outputs), got {size!r}"
        )
    return values


def usable_backends() -> list[str]:
    """Names of the backends that are installed and import, built-in first."""
    names = []
    for name in list_backends():
        try:
            load_backend(name)
        except (BackendNotInstalledError, ImportError):
            continue
        names.append(name)
    return names


def have_numpy() -> bool:
    """True if NumPy can be imported (checked without importing it)."""
    return importlib.util.find_spec("numpy") is not None


def backend_contender(problem: Problem, backend: str) -> Callable[[], Any]:
    """``net.gradients(X, y)`` on ``backend``, with X and y already arrays of that backend."""
    _, n_in, n_hidden, n_out = problem.size
    net = Network((n_in, n_hidden, n_out), backend=backend)
    net.W1, net.W2 = problem.W1, problem.W2
    X, y = net.backend.asarray(problem.X), net.backend.asarray(problem.y)
    return lambda: net.gradients(X, y)


def hand_tuned_contender(problem: Problem) -> Callable[[], Any]:
    """The hand-tuned pure-Python reference (:mod:`benchmarks.reference_python`)."""
    from benchmarks.reference_python import gradients

    X, y, W1, W2 = problem.X, problem.y, problem.W1, problem.W2
    return lambda: gradients(X, y, W1, W2)


def unrolled_contender(problem: Problem) -> Callable[[], Any]:
    """The hand-tuned reference with its dot products written out (``gradients_unrolled``)."""
    from benchmarks.reference_python import gradients_unrolled

    X, y, W1, W2 = problem.X, problem.y, problem.W1, problem.W2
    return lambda: gradients_unrolled(X, y, W1, W2)


def series_numpy_contender(problem: Problem) -> Callable[[], Any]:
    """The series' NumPy code (:mod:`benchmarks.reference_numpy`); imports NumPy."""
    import numpy as np

    from benchmarks.reference_numpy import SeriesNetwork

    NN = SeriesNetwork(np.array(problem.W1), np.array(problem.W2))
    X, y = np.array(problem.X, dtype=np.float64), np.array(problem.y, dtype=np.float64)
    return lambda: NN.costFunctionPrime(X, y)


def contenders(
    problem: Problem, backends: Sequence[str] | None = None, references: Sequence[str] = REFERENCES
) -> dict[str, Callable[[], Any]]:
    """``{name: function}``: ``"nnd <backend>"`` for each backend, then the references.

    ``backends=None`` means every usable backend; the series' NumPy reference is left
    out where NumPy is not installed.
    """
    racers: dict[str, Callable[[], Any]] = {}
    for name in usable_backends() if backends is None else backends:
        racers[f"nnd {name}"] = backend_contender(problem, name)
    if HAND_TUNED in references:
        racers[HAND_TUNED] = hand_tuned_contender(problem)
    if UNROLLED in references:
        racers[UNROLLED] = unrolled_contender(problem)
    if SERIES_NUMPY in references and have_numpy():
        racers[SERIES_NUMPY] = series_numpy_contender(problem)
    return racers


def flat_gradients(result: Any) -> list[float]:
    """A contender's (dJdW1, dJdW2), whatever its array type, as one list of floats."""
    out: list[float] = []
    for grad in result:
        rows = grad.tolist() if hasattr(grad, "tolist") else grad
        if hasattr(rows, "__array__"):  # an array without tolist() (array-api-strict's)
            import numpy

            rows = numpy.asarray(rows).tolist()
        out.extend(float(v) for row in rows for v in row)
    return out
