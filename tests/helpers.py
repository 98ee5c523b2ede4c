"""Small helpers for the tests: building a network with given weights, comparing nested lists."""

from __future__ import annotations

import math
from typing import Any

import nnd


def network(problem: dict, backend: Any, lam: float | None = None) -> nnd.Network:
    """A network of ``problem['sizes']`` on ``backend`` with ``problem['weights']`` (and biases) set."""
    biases = problem.get("biases")
    net = nnd.Network(problem["sizes"], seed=0, backend=backend, lam=lam, bias=biases is not None)
    for i, W in enumerate(problem["weights"], start=1):
        setattr(net, f"W{i}", W)
    for i, b in enumerate(biases or [], start=2):
        setattr(net, f"b{i}", [b])
    return net


def flat(value: Any) -> list[float]:
    """Nested lists or an array, flattened to a list of floats."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    elif hasattr(value, "__array__"):  # an array without tolist() (array-api-strict's)
        import numpy

        value = numpy.asarray(value).tolist()
    if isinstance(value, (int, float)):
        return [float(value)]
    out: list[float] = []
    for item in value:
        nested = isinstance(item, list) or hasattr(item, "tolist") or hasattr(item, "__array__")
        out.extend(flat(item) if nested else [float(item)])
    return out


def assert_close(a: Any, b: Any, rel: float = 1e-9, abs_: float = 1e-12) -> None:
    """Element-wise math.isclose with the tolerance the backends are held to."""
    fa, fb = flat(a), flat(b)
    assert len(fa) == len(fb), (len(fa), len(fb))
    bad = [
        (i, x, y) for i, (x, y) in enumerate(zip(fa, fb)) if not math.isclose(x, y, rel_tol=rel, abs_tol=abs_)
    ]
    assert not bad, f"{len(bad)} element(s) differ, first: {bad[0]}"
