"""Training (Part 6): :func:`train` and the video's ``trainer``, on any backend, with nothing installed.

``train`` minimizes the network's cost over its flat weight vector (``get_params``
order) with the pure-Python BFGS of :mod:`nnd.training.bfgs` (``method="bfgs"``), plain
gradient descent (``"gd"``), or SciPy's BFGS (``"scipy-bfgs"``, if SciPy is
installed). The result carries SciPy's ``OptimizeResult`` names (``x``, ``fun``,
``nit``, ``nfev``, ``success``, ``message``) and the cost after every iteration
(``J``, and ``testJ`` when test data are given, as Part 7 records them).
The trained weights are put into the network when training ends; until then the
network is not touched, so an interrupted run leaves it as it was.

>>> import nnd
>>> X, y = nnd.data.sleep_study()
>>> net = nnd.Network(seed=0)
>>> result = nnd.train(net, X, y)
>>> result.success, result.fun < 1e-8, len(result.J) == result.nit
(True, True, True)
>>> [round(100 * v[0]) for v in net.forward(X).tolist()]  # test scores, as the data say
[75, 82, 93]
"""

from __future__ import annotations

import math
import operator
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

from nnd import backprop
from nnd.arrays.backend import Array
from nnd.network import LIMIT, Network
from nnd.training import bfgs
from nnd.util.errors import InvalidTypeError, InvalidValueError
from nnd.util.options import int_option, real_option

METHODS = ("bfgs", "gd", "scipy-bfgs")
SCIPY_HINT = "pip install 'nnd[scipy]'"

SATURATED = 5
"""Status when the gradient got below ``gtol`` only because a whole layer saturated.

A sigmoid unit whose activity is 0 or 1 to within :data:`SATURATION` passes on
(almost) no gradient. When every unit of a layer is like that on every example
while some prediction is still off by more than :data:`RESIDUAL`, the small
gradient says nothing about a minimum: the weights jumped onto a flat plateau
(a learning rate far too large, say, or a layer so wide that its sums are huge).
Training then reports ``success=False`` with this status instead of "converged".
"""
SATURATION = 1e-10
"""A unit counts as saturated on an example when f′(z) = a(1 − a) is at most this."""
RESIDUAL = 1e-4
"""A saturated layer is a failure only while some ``|y − yHat|`` exceeds this."""

BFGS_MAX_PARAMS = 2000
"""nnd's BFGS keeps an n×n matrix; beyond this many weights use ``"gd"`` or ``"scipy-bfgs"``."""


class Progress(NamedTuple):
    """What a ``callback`` receives after each iteration."""

    nit: int
    """Iterations so far."""
    fun: float
    """The cost J now."""
    test_fun: float | None
    """The cost on the test data now (``None`` without test data)."""
    grad_max: float
    """The largest gradient component, in absolute value (training stops below ``gtol``)."""


class TrainResult:
    """How training went. Names as in SciPy's ``OptimizeResult``, plus the cost history.

    - ``x``: the final weights, one 1-D array of the network's backend (``get_params`` order);
    - ``fun``: the final cost; ``jac``: the gradient at ``x``;
    - ``nit``: iterations (accepted steps); ``nfev``: cost evaluations (each also computed
      the gradient, so ``njev == nfev``);
    - ``status``: 0 converged, 1 reached ``max_iter``, 2 no step lowers the cost any more,
      3 stopped by the callback, 4 diverged (gradient descent), 5 the gradient vanished because a
      layer saturated (see :data:`SATURATED`); for "scipy-bfgs" SciPy's own codes, except that a
      callback stop is 3 there too (SciPy itself says 99) and 5 means the same;
    - ``success``: the gradient got below the tolerance at a point that is not a saturated
      plateau; ``message``: why training stopped;
    - ``method``: the method used;
    - ``J``: the cost after each iteration (``len(J) == nit``), as the video's callback records it;
    - ``testJ``: the test cost after each iteration (``len(testJ) == nit``), or ``[]`` without
      test data.
    """

    __slots__ = ("J", "fun", "jac", "message", "method", "nfev", "nit", "status", "success", "testJ", "x")

    def __init__(
        self, *, x: Array, fun: float, jac: Array, nit: int, nfev: int, status: int, success: bool,
        message: str, method: str, J: list[float], testJ: list[float] | None = None,
    ) -> None:  # fmt: skip
        self.x, self.fun, self.jac, self.nit, self.nfev = x, fun, jac, nit, nfev
        self.status, self.success, self.message, self.method = status, success, message, method
        self.J, self.testJ = J, [] if testJ is None else testJ

    @property
    def njev(self) -> int:
        """Gradient evaluations (the same as ``nfev``: the two are always computed together)."""
        return self.nfev

    def __repr__(self) -> str:
        lines = [
            f"message: {self.message}",
            f"success: {self.success}",
            f" status: {self.status}",
            f"    fun: {self.fun!r}",
            f"    nit: {self.nit}",
            f"   nfev: {self.nfev}",
            f" method: {self.method}",
        ]
        if self.testJ:
            lines.append(f"  testJ: ... {self.testJ[-1]!r} (last of {len(self.testJ)})")
        return "\n".join(lines)


Callback = Callable[[Progress], object]


def train(
    net: Network,
    X: Any,
    y: Any,
    method: str = "bfgs",
    max_iter: int = 200,
    callback: Callback | None = None,
    *,
    testX: Any = None,
    testY: Any = None,
    learning_rate: float | None = None,
    gtol: float | None = None,
) -> TrainResult:
    """Fit ``net``'s weights to (X, y) and put the result into ``net``.

    ``method``: ``"bfgs"`` (default; pure Python), ``"gd"`` (gradient descent with a
    fixed ``learning_rate``, 1.0 unless given) or ``"scipy-bfgs"`` (SciPy's
    ``minimize(method="BFGS")``, for comparison; needs SciPy). ``gtol``: stop when no
    gradient component exceeds it (default 1e-6, or SciPy's own 1e-5 for
    ``"scipy-bfgs"``). ``callback(progress)`` runs after each iteration; returning
    ``True`` stops training. ``testX``/``testY`` (Part 7) record ``testJ``.

    The cost is the network's own: Part 4's with ``lam=None``, Part 7's otherwise.

    >>> import nnd
    >>> trainX, trainY, testX, testY = nnd.data.train_test()
    >>> net = nnd.Network(seed=1, lam=1e-4)
    >>> result = nnd.train(net, trainX, trainY, testX=testX, testY=testY)
    >>> len(result.J) == len(result.testJ) == result.nit
    True
    >>> slow = nnd.train(nnd.Network(seed=1), trainX, trainY, method="gd", max_iter=50)
    >>> slow.nit, slow.success
    (50, False)
    """
    if not isinstance(net, Network):
        raise InvalidTypeError(f"net: expected an nnd.Network, got {type(net).__name__}")
    if not isinstance(method, str) or method not in METHODS:
        raise InvalidValueError(
            f"method: expected one of {', '.join(map(repr, METHODS))}, got {method!r:.40}"
        )
    if learning_rate is not None and method != "gd":
        raise InvalidValueError(f"learning_rate applies to method='gd' only (method is {method!r})")
    _check_options(max_iter, gtol, learning_rate)
    if method == "bfgs" and net.n_params > BFGS_MAX_PARAMS:
        raise InvalidValueError(
            f"method='bfgs': the network has {net.n_params} weights, and nnd's BFGS keeps an "
            f"n×n matrix, so it takes at most {BFGS_MAX_PARAMS}; use method='gd' or 'scipy-bfgs'"
        )
    if callback is not None and not callable(callback):
        raise InvalidTypeError(f"callback: expected a function or None, got {type(callback).__name__}")
    X, y = net.check_data(X, y)
    if (testX is None) != (testY is None):
        raise InvalidTypeError("testX and testY go together: give both or neither")
    test = net.check_data(testX, testY, names=("testX", "testY")) if testX is not None else None

    B = net.backend
    fg, cost = _objective(net, X, y)
    J: list[float] = []
    testJ: list[float] = []

    def on_step(step: bfgs.Step) -> bool:
        J.append(step.fun)
        test_fun = None
        if test is not None:
            test_fun = cost(step.x, *test)
            testJ.append(test_fun)
        if callback is None:
            return False
        grad_max = max((abs(v) for v in step.grad), default=0.0)
        return callback(Progress(step.nit, step.fun, test_fun, grad_max)) is True

    x0 = net.flatten(net.weights)
    options: dict[str, Any] = {"max_iter": min(operator.index(max_iter), sys.maxsize), "callback": on_step}
    if gtol is not None:
        options["gtol"] = real_option("gtol", gtol)
    if method == "bfgs":
        out = bfgs.minimize_bfgs(fg, x0, **options)
    elif method == "gd":
        out = bfgs.gradient_descent(
            fg, x0, learning_rate=real_option("learning_rate", learning_rate, positive=True) or 1.0, **options
        )
    else:
        out = _scipy_bfgs(fg, x0, **options)

    if out.status == bfgs.CONVERGED:
        saturated = _saturated_layer(net, X, y, out.x)
        if saturated is not None:
            out = out._replace(status=SATURATED, message=saturated)
    net.set_params(out.x)
    n = len(out.x)
    return TrainResult(
        x=B.from_floats(list(out.x), (n,)),
        fun=out.fun,
        jac=B.from_floats(list(out.grad), (n,)),
        nit=out.nit,
        nfev=out.nfev,
        status=out.status,
        success=out.success,
        message=out.message,
        method=method,
        J=J,
        testJ=testJ,
    )


def _saturated_layer(net: Network, X: Array, y: Array, flat: list[float]) -> str | None:
    """Why the gradient vanished, if a whole layer is saturated on every example; else None."""
    B = net.backend
    _, a = backprop.forward(B, X, net.unflatten(flat))
    L = len(net.layer_sizes)
    yHat = B.tolist(a[L])
    residual = max(abs(t - p) for row_t, row_p in zip(B.tolist(y), yHat) for t, p in zip(row_t, row_p))
    if residual <= RESIDUAL:
        return None
    for layer in range(2, L + 1):
        if all(v * (1.0 - v) <= SATURATION for row in B.tolist(a[layer]) for v in row):
            where = "the output layer" if layer == L else f"hidden layer {layer}"
            return (
                f"stopped: the gradient vanished because every unit of {where} saturated "
                f"(activities at 0 or 1 on every example) while predictions are still off by up to "
                f"{residual:.3g}; this is a plateau, not a minimum: try a smaller learning rate, "
                f"fewer hidden units or other starting weights"
            )
    return None


def _check_options(max_iter: Any, gtol: Any, learning_rate: Any) -> None:
    """Check the options once, the same way for every method, before any method starts."""
    int_option("max_iter", max_iter)
    real_option("gtol", gtol)
    real_option("learning_rate", learning_rate, positive=True)


def _objective(
    net: Network, X: Array, y: Array
) -> tuple[bfgs.Objective, Callable[[list[float], Array, Array], float]]:
    """``fg(flat) -> (J, flat gradient)`` and ``cost(flat, X, y)``, leaving ``net``'s weights alone.

    ``fg`` raises ``OverflowError`` for weights a network would refuse (beyond
    :data:`nnd.network.LIMIT`); the minimizers treat that point as infinitely costly.
    """
    B, lam = net.backend, net.lam
    unflatten = net.unflatten
    L = len(net.layer_sizes)  # the output layer: a[L] is yHat

    def fg(flat: list[float]) -> tuple[float, list[float]]:
        if max(map(abs, flat), default=0.0) > LIMIT:  # Network.set_params would refuse these
            raise OverflowError(f"weights beyond ±{LIMIT:g}, which a network does not accept")
        weights = unflatten(flat)
        _, a = backprop.forward(B, X, weights)
        J = backprop.cost(B, y, a[L], weights, lam)
        dJdW, _ = backprop.backward(B, y, weights, a, lam)
        return J, net.flatten([dJdW[l] for l in range(1, L)])

    def cost(flat: list[float], X: Array, y: Array) -> float:
        weights = unflatten(flat)
        return backprop.cost(B, y, backprop.forward(B, X, weights)[1][L], weights, lam)

    return fg, cost


def _scipy_bfgs(
    fg: bfgs.Objective,
    x0: list[float],
    *,
    max_iter: int,
    callback: Callable[[bfgs.Step], bool],
    gtol: float = 1e-5,
) -> bfgs.Outcome:
    """SciPy's BFGS on the same objective, for comparison (the series' Part 6 call)."""
    try:
        import numpy as np
        from scipy.optimize import minimize
    except ImportError as exc:
        raise ImportError(f"method='scipy-bfgs' needs SciPy, which is not installed: {SCIPY_HINT}") from exc
    seen: dict[tuple[float, ...], tuple[float, list[float]]] = {}
    nit = evaluations = 0
    last: list[bfgs.Step] = []  # the latest step, and whether the callback stopped there
    stopped = False

    def counted(x: list[float]) -> tuple[float, list[float]]:
        nonlocal evaluations
        evaluations += 1
        return fg(x)

    def fun(p: Any) -> tuple[float, Any]:
        x = p.tolist()
        try:
            f, g = seen[tuple(x)] = counted(x)
        except OverflowError:  # outside the weights a network accepts: no good as a step
            return math.inf, np.zeros_like(p)
        return f, np.array(g, dtype=np.float64)

    def step(xk: Any) -> None:
        nonlocal nit, stopped
        nit += 1
        x = xk.tolist()
        f, g = seen.get(tuple(x)) or counted(x)
        seen.clear()
        last[:] = [bfgs.Step(nit, x, f, g)]
        try:
            stopped = callback(last[0]) is True
        except StopIteration:
            stopped = True
        if stopped:
            raise StopIteration

    try:
        res = minimize(
            fun, np.array(x0, dtype=np.float64), jac=True, method="BFGS", callback=step,
            options={"maxiter": max_iter, "gtol": gtol},
        )  # fmt: skip
    except StopIteration:  # SciPy < 1.11 lets it through; SciPy >= 1.11 returns status 99
        res = None
    if stopped or res is None:  # report it as nnd's minimizers do: status 3, the step the callback saw
        s = last[0]
        return bfgs.Outcome(s.x, s.fun, s.grad, s.nit, evaluations, bfgs.STOPPED, "stopped by the callback")
    return bfgs.Outcome(
        res.x.tolist(),
        float(res.fun),
        res.jac.tolist(),
        int(res.nit),
        int(res.nfev),
        int(res.status),
        str(res.message),
    )


class Trainer:
    """The video's ``trainer(N)``: ``T.train(X, y)``, then ``T.J`` and ``T.optimizationResults``.

    ``T.train(trainX, trainY, testX, testY)`` also records ``T.testJ`` (Part 7).
    Uses nnd's BFGS unless ``method`` says otherwise; ``T.N`` is the network.

    >>> import nnd
    >>> from nnd.video import Neural_Network
    >>> from nnd.video_data import X, y
    >>> NN = Neural_Network(seed=0)
    >>> T = Trainer(NN)
    >>> T.train(X, y).success
    True
    >>> len(T.J) == T.optimizationResults.nit
    True
    """

    def __init__(self, N: Network, method: str = "bfgs", max_iter: int = 200) -> None:
        if not isinstance(N, Network):
            raise InvalidTypeError(f"N: expected an nnd.Network (or Neural_Network), got {type(N).__name__}")
        if method not in METHODS:
            raise InvalidValueError(
                f"method: expected one of {', '.join(map(repr, METHODS))}, got {method!r}"
            )
        int_option("max_iter", max_iter)
        self.N = N
        self.method = method
        self.max_iter = max_iter

    def train(self, X: Any, y: Any, testX: Any = None, testY: Any = None) -> TrainResult:
        """Train ``self.N`` on (X, y); with test data, record the test cost too."""
        result = train(self.N, X, y, self.method, self.max_iter, testX=testX, testY=testY)
        self.X, self.y = X, y
        self.J = result.J
        if testX is not None:
            self.testX, self.testY = testX, testY
            self.testJ = result.testJ
        else:
            self.__dict__.pop("testJ", None)
        self.optimizationResults = result
        return result

    def costFunctionWrapper(self, params: Any, X: Any, y: Any) -> tuple[float, Array]:  # noqa: N802
        """The video's wrapper: set the network's weights to ``params``; return (J, flat gradient)."""
        self.N.set_params(params)
        return self.N.cost(X, y), self.N.compute_gradients(X, y)

    def __getattr__(self, name: str) -> Any:
        if name in ("J", "optimizationResults", "X", "y"):
            raise AttributeError(f"{name} is set by T.train(X, y); call it first")
        if name in ("testJ", "testX", "testY"):
            raise AttributeError(
                f"{name} is recorded when training gets test data: T.train(X, y, testX, testY)"
            )
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
