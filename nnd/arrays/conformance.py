"""A conformance suite for array backends, for nnd's own tests and for third-party authors.

>>> from nnd.arrays.conformance import check_backend
>>> check_backend("python")  # raises AssertionError listing every failure

Each check compares the backend with a plain-Python reference written here, loop by
loop and independently of nnd's own backends, on small fixed inputs including the
extremes the sigmoid must survive (±1000, ±1e308).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from nnd.arrays.backend import COMPOSITES, OPERATIONS, Backend
from nnd.arrays.python.kernels import sigmoid as _ref_sigmoid
from nnd.arrays.python.kernels import sigmoid_prime as _ref_sigmoid_prime
from nnd.arrays.registry import BackendLike, load_backend

REL, ABS = 1e-9, 1e-12
EXTREMES = [0.0, 1e-300, -1e-300, 0.5, -0.5, 30.0, -30.0, 709.0, -709.0, 710.0, -710.0, 1000.0, -1000.0,
            1e308, -1e308, 1.7976931348623157e308, -1.7976931348623157e308]  # fmt: skip


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=REL, abs_tol=ABS)
    return False


def _matrix(rng: random.Random, rows: int, cols: int) -> list[list[float]]:
    return [[rng.uniform(-3.0, 3.0) for _ in range(cols)] for _ in range(rows)]


def missing_operations(backend: Backend) -> list[str]:
    """Names of interface operations the backend's class does not implement itself.

    >>> from nnd.arrays.python import PythonBackend
    >>> missing_operations(PythonBackend())
    []
    """
    cls = type(backend)
    missing = []
    for name in OPERATIONS:
        impl = getattr(cls, name, None)
        if impl is None or getattr(impl, "__isabstractmethod__", False):
            missing.append(name)
    return missing


def _checks(B: Backend) -> list[tuple[str, Callable[[], bool]]]:
    rng = random.Random(20240)
    A, C = _matrix(rng, 3, 4), _matrix(rng, 4, 2)
    D = _matrix(rng, 3, 4)
    v = [rng.uniform(-3, 3) for _ in range(5)]
    a, c, d = B.asarray(A), B.asarray(C), B.asarray(D)
    z = B.asarray([EXTREMES])
    flat = [x for row in A for x in row]
    product = [[sum(A[i][k] * C[k][j] for k in range(4)) for j in range(2)] for i in range(3)]

    def elementwise(op: Callable[[float, float], float]) -> list[list[float]]:
        return [[op(x, y) for x, y in zip(r, s)] for r, s in zip(A, D)]

    def left(op: Callable[[float, float], float], s: float) -> list[list[float]]:
        return [[op(s, x) for x in r] for r in A]

    def independent_copy() -> bool:
        copy = B.copy(a)
        copy_list = B.tolist(copy)
        B.add(copy, 1.0)
        return B.tolist(a) == A and copy_list == A

    def sigmoid_extremes() -> bool:
        out = B.tolist(B.sigmoid(z))[0]
        return all(math.isfinite(x) for x in out) and _close(out, [_ref_sigmoid(x) for x in EXTREMES])

    def sigmoid_prime_extremes() -> bool:
        out = B.tolist(B.sigmoid_prime(z))[0]
        return all(math.isfinite(x) for x in out) and _close(out, [_ref_sigmoid_prime(x) for x in EXTREMES])

    def composite(name: str) -> Callable[[], bool]:
        # the backend's version against Backend's definition, run on the backend's own operations
        h = B.asarray([[0.1, 0.9], [0.5, 0.2], [0.7, 0.3]])  # sigmoid outputs, 3×2 like a·c
        args = {
            "matmul_ta": (a, d), "matmul_tb": (a, d), "multiply_sigmoid_prime": (h, h),
            "matmul_sigmoid": (a, c), "output_delta": (h, B.asarray([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])),
            "hidden_delta": (h, c, B.asarray([[0.2, 0.4, 0.6, 0.8]] * 3)),
            "matmul_bias_sigmoid": (a, c, B.asarray([[0.5, -1.0]])), "add_row": (h, B.asarray([[1.0, -2.0]])),
            "column_sums": (h,),
        }[name]  # fmt: skip

        def values(result: Any) -> list[Any]:  # matmul_sigmoid and matmul_bias_sigmoid give (z, f(z))
            if name in ("matmul_sigmoid", "matmul_bias_sigmoid"):
                return [B.tolist(part) for part in result]
            return B.tolist(result)

        def agrees() -> bool:
            return _close(values(getattr(B, name)(*args)), values(getattr(Backend, name)(B, *args)))

        return agrees

    def rejects_bad_data() -> bool:
        for bad in ([[1.0, 2.0], [3.0]], [], [[float("nan")]], [["1"]]):
            try:
                B.asarray(bad)
            except (ValueError, TypeError):
                continue
            return False
        return True

    def within_limit() -> bool:  # of one array, and of several at once (a 1-D one among them)
        big = B.asarray([[1.0, 1e31]])
        return (
            B.within_limit(a)
            and B.within_limit(a, B.asarray(v), a)
            and not B.within_limit(big)
            and not B.within_limit(a, B.asarray(v), big)
        )

    return [
        ("asarray/tolist round trip (2-D)", lambda: B.tolist(a) == A),
        ("asarray/tolist round trip (1-D)", lambda: B.tolist(B.asarray(v)) == v),
        ("asarray rejects ragged, empty, NaN and non-numbers", rejects_bad_data),
        ("shape", lambda: tuple(B.shape(a)) == (3, 4) and tuple(B.shape(B.asarray(v))) == (5,)),
        ("is_array", lambda: B.is_array(a) and not B.is_array(A) and not B.is_array(1.0)),
        ("copy is independent", independent_copy),
        ("all_finite", lambda: B.all_finite(a) and B.all_finite(B.asarray([[1e308, -1e308]]))),
        ("within_limit", within_limit),
        ("matmul", lambda: _close(B.tolist(B.matmul(a, c)), product)),
        ("transpose", lambda: B.tolist(B.transpose(a)) == [list(col) for col in zip(*A)]),
        ("add", lambda: _close(B.tolist(B.add(a, d)), elementwise(lambda x, y: x + y))),
        ("subtract", lambda: _close(B.tolist(B.subtract(a, d)), elementwise(lambda x, y: x - y))),
        ("multiply", lambda: _close(B.tolist(B.multiply(a, d)), elementwise(lambda x, y: x * y))),
        ("divide", lambda: _close(B.tolist(B.divide(a, d)), elementwise(lambda x, y: x / y))),
        ("add scalar", lambda: _close(B.tolist(B.add(2.5, a)), left(lambda s, x: s + x, 2.5))),
        ("scalar minus array", lambda: _close(B.tolist(B.subtract(1.0, a)), left(lambda s, x: s - x, 1.0))),
        ("scalar times array", lambda: _close(B.tolist(B.multiply(3.0, a)), left(lambda s, x: s * x, 3.0))),
        ("divide by scalar", lambda: _close(B.tolist(B.divide(a, 4.0)), [[x / 4.0 for x in r] for r in A])),
        ("sigmoid: finite and correct at extremes", sigmoid_extremes),
        ("sigmoid_prime: finite and correct at extremes", sigmoid_prime_extremes),
        (
            "sigmoid_prime_from_output",
            lambda: _close(B.tolist(B.sigmoid_prime_from_output(a)), [[x * (1 - x) for x in r] for r in A]),
        ),
        ("sum", lambda: isinstance(B.sum(a), float) and _close(B.sum(a), math.fsum(flat))),
        ("vdot", lambda: isinstance(B.vdot(a, d), float) and _close(B.vdot(a, d), math.fsum(
            x * y for r, s in zip(A, D) for x, y in zip(r, s)))),
    ] + [(f"{name} agrees with its definition", composite(name)) for name in COMPOSITES]  # fmt: skip


def check_backend(backend: BackendLike) -> None:
    """Run every conformance check on ``backend`` (a name or a Backend); AssertionError lists failures.

    Beyond the single operations it checks that a network's forward pass, cost,
    gradients and kept values (z2, a2, ..., delta3) on this backend match the built-in
    ``python`` backend, and that no result is overwritten by a later call.
    """
    B = load_backend(backend)
    failures = [f"missing operation: {name}" for name in missing_operations(B)]
    if not failures:
        whole = [
            (
                "matmul_sigmoid's results are not overwritten by the next call",
                lambda: _results_are_not_reused(B),
            ),
            ("network agrees with the python backend", lambda: _agrees(B)),
        ]
        for title, check in _checks(B) + whole:
            try:
                ok = check()
            except Exception as exc:  # report every failure, not only the first
                failures.append(f"{title}: raised {type(exc).__name__}: {exc}")
                continue
            if not ok:
                failures.append(f"{title}: wrong result")
    if failures:
        raise AssertionError(
            f"backend {B.name!r} fails {len(failures)} check(s):\n  " + "\n  ".join(failures)
        )


def _agrees(B: Backend) -> bool:
    """Cost, gradients and every value the network keeps (z2, a2, ..., delta3) match python's."""
    from nnd.network import Network

    rng = random.Random(7)
    X, y = _matrix(rng, 5, 3), [[rng.random(), rng.random()] for _ in range(5)]
    results = []
    for backend in (B, load_backend("python")):
        net = Network((3, 4, 2), seed=11, backend=backend)
        J, grads = net.cost_and_gradients(X, y)
        kept = [backend.tolist(getattr(net, name)) for name in ("z2", "a2", "z3", "yHat", "delta2", "delta3")]
        results.append([J, *kept, *[backend.tolist(g) for g in grads]])
    return _close(results[0], results[1])


def _results_are_not_reused(B: Backend) -> bool:
    """A second call must not overwrite what the first returned (no shared scratch arrays)."""
    W = B.asarray([[0.5, -1.0], [0.25, 2.0]])
    first = B.matmul_sigmoid(B.asarray([[1.0, 2.0]]), W)
    before = [B.tolist(v) for v in first]
    B.matmul_sigmoid(B.asarray([[-3.0, 4.0]]), W)
    return [B.tolist(v) for v in first] == before
