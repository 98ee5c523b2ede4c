"""Training (Part 6 and past it): :func:`train` and the video's ``trainer``, on any backend.

``train`` fits a network's weights (and biases) to data with one of five methods:

- ``"bfgs"`` (default): the pure-Python BFGS of :mod:`nnd.training.bfgs`, as the series
  trains its 2-3-1 network; it keeps an n×n matrix, so it takes at most
  :data:`BFGS_MAX_PARAMS` parameters;
- ``"lbfgs"``: limited-memory BFGS, which keeps ten steps instead of the matrix and so
  trains networks of any size;
- ``"gd"``: plain gradient descent with a fixed ``learning_rate``;
- ``"sgd"``: minibatch gradient descent (:mod:`nnd.training.sgd`), epoch by epoch, the way
  networks learn from thousands of examples;
- ``"scipy-bfgs"``: SciPy's BFGS, for comparison (needs SciPy).

The result carries SciPy's ``OptimizeResult`` names (``x``, ``fun``, ``nit``, ``nfev``,
``success``, ``message``) and the history: the cost after every iteration or epoch
(``J``, and ``testJ`` with test data, as Part 7 records them) and, when the targets are
classes (one-hot rows, or one column of 0 and 1), the accuracy (``accuracy``,
``test_accuracy``). The trained parameters are put into the network when training ends;
until then the network is not touched, so an interrupted run leaves it as it was.

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
from collections.abc import Callable
from typing import Any, NamedTuple

from nnd import backprop
from nnd.arrays.backend import Array
from nnd.network import Network, check_network, classes
from nnd.training import bfgs
from nnd.util import checks
from nnd.util.checks import LIMIT
from nnd.util.errors import InvalidTypeError, InvalidValueError

METHODS = ("bfgs", "lbfgs", "gd", "sgd", "scipy-bfgs")
SCIPY_HINT = "pip install 'nnd[scipy]'"
"""What to install for ``method="scipy-bfgs"``."""

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
"""nnd's BFGS keeps an n×n matrix; beyond this many parameters use ``"lbfgs"`` or ``"sgd"``."""

SGD_DEFAULTS = {"epochs": 30, "batch_size": 10, "learning_rate": 3.0}
"""``method="sgd"``'s defaults: 30 epochs of batches of 10 with η = 3, as Nielsen's book trains on digits."""


class Progress(NamedTuple):
    """What a ``callback`` receives after each iteration (each epoch, for ``"sgd"``)."""

    nit: int
    """Iterations (epochs) so far."""
    fun: float
    """The cost J now, on the training data."""
    test_fun: float | None
    """The cost on the test data now (``None`` without test data)."""
    grad_max: float
    """The largest gradient component, in absolute value (the full-batch methods stop below ``gtol``).

    NaN for ``"sgd"``, which computes no full gradient between epochs."""
    accuracy: float | None = None
    """The fraction of training examples classified right (``None`` unless the targets are classes)."""
    test_accuracy: float | None = None
    """The same on the test data (``None`` without test data or classes)."""
    x: tuple[float, ...] = ()
    """The parameters now, in ``get_params`` order (a copy: changing it changes nothing), for
    a picture of each step; the network itself changes only when training ends."""


class TrainResult:
    """How training went. Names as in SciPy's ``OptimizeResult``, plus the history.

    - ``x``: the final parameters, one 1-D array of the network's backend (``get_params`` order);
    - ``fun``: the final cost; ``jac``: the gradient at ``x``;
    - ``nit``: iterations (accepted steps), or epochs for ``"sgd"``; ``nfev``: cost evaluations
      (each also computed the gradient, so ``njev == nfev``; for ``"sgd"`` the batches);
    - ``status``: 0 converged (or, for ``"sgd"``, ran its epochs or stopped early on the test
      cost), 1 reached ``max_iter``, 2 no step lowers the cost any more, 3 stopped by the
      callback, 4 diverged (gradient descent), 5 the gradient vanished because a layer saturated
      (see :data:`SATURATED`); for "scipy-bfgs" SciPy's own codes, except that a callback stop
      is 3 there too (SciPy itself says 99) and 5 means the same;
    - ``success``: status 0; ``message``: why training stopped; ``method``: the method used;
    - ``J``: the cost after each iteration or epoch (``len(J) == nit``), as the video's callback
      records it; ``testJ``: the same on the test data, or ``[]`` without test data;
    - ``accuracy``, ``test_accuracy``: the fraction classified right after each iteration or
      epoch, when the targets are classes (one-hot rows, or one column of 0 and 1); else ``[]``.
    """

    __slots__ = (
        "J", "accuracy", "fun", "jac", "message", "method", "nfev", "nit", "status", "success",
        "testJ", "test_accuracy", "x",
    )  # fmt: skip

    def __init__(
        self, *, x: Array, fun: float, jac: Array, nit: int, nfev: int, status: int, success: bool,
        message: str, method: str, J: list[float], testJ: list[float] | None = None,
        accuracy: list[float] | None = None, test_accuracy: list[float] | None = None,
    ) -> None:  # fmt: skip
        self.x, self.fun, self.jac, self.nit, self.nfev = x, fun, jac, nit, nfev
        self.status, self.success, self.message, self.method = status, success, message, method
        self.J, self.testJ = J, [] if testJ is None else testJ
        self.accuracy = [] if accuracy is None else accuracy
        self.test_accuracy = [] if test_accuracy is None else test_accuracy

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
        if self.accuracy:
            lines.append(f"accuracy: ... {self.accuracy[-1]!r} (last of {len(self.accuracy)})")
        if self.test_accuracy:
            lines.append(f"test_accuracy: ... {self.test_accuracy[-1]!r} (last of {len(self.test_accuracy)})")
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
    epochs: int | None = None,
    batch_size: int | None = None,
    momentum: float = 0.0,
    seed: int | None = None,
    patience: int | None = None,
) -> TrainResult:
    """Fit ``net``'s parameters to (X, y) and put the result into ``net``.

    ``method``: ``"bfgs"`` (default), ``"lbfgs"``, ``"gd"`` (gradient descent with a fixed
    ``learning_rate``, 1.0 unless given), ``"sgd"`` (minibatch gradient descent: ``epochs``
    (30), ``batch_size`` (10), ``learning_rate`` (3.0), ``momentum`` (0), ``seed`` for the
    shuffling) or ``"scipy-bfgs"`` (needs SciPy). ``max_iter`` bounds the iterations of the
    full-batch methods; ``gtol``: they stop when no gradient component exceeds it (default
    1e-6, or SciPy's own 1e-5 for ``"scipy-bfgs"``). ``callback(progress)`` runs after each
    iteration or epoch; returning ``True`` stops training. ``testX``/``testY`` (Part 7)
    record ``testJ`` (and ``test_accuracy``); with them, ``patience=k`` stops when the test
    cost has not improved for k iterations or epochs and keeps the parameters that gave the
    lowest test cost (early stopping).

    The cost is the network's own: Part 4's with ``lam=None``, Part 7's otherwise.
    Everything is checked before anything starts, and the network changes only at the end.

    >>> import nnd
    >>> trainX, trainY, testX, testY = nnd.data.train_test()
    >>> net = nnd.Network(seed=1, lam=1e-4)
    >>> result = nnd.train(net, trainX, trainY, testX=testX, testY=testY)
    >>> len(result.J) == len(result.testJ) == result.nit
    True
    >>> slow = nnd.train(nnd.Network(seed=1), trainX, trainY, method="gd", max_iter=50)
    >>> slow.nit, slow.success
    (50, False)
    >>> xor = [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]
    >>> fit = nnd.train(nnd.Network((2, 4, 1), seed=0, bias=True), *xor, method="sgd", epochs=300,
    ...                 batch_size=2, learning_rate=3.0, seed=0)
    >>> fit.success, fit.accuracy[-1]
    (True, 1.0)
    """
    net = check_network(net)
    method = checks.choice(method, "method", METHODS)
    options = _options(method, max_iter, gtol, learning_rate, epochs, batch_size, momentum, seed, patience)
    checks.function(callback, "callback")
    if method == "bfgs" and net.n_params > BFGS_MAX_PARAMS:
        raise InvalidValueError(
            f"method='bfgs': the network has {net.n_params:,} parameters, and nnd's BFGS keeps an "
            f"n×n matrix, so it takes at most {BFGS_MAX_PARAMS:,}; use method='lbfgs' or 'sgd'"
        )
    X, y = net.check_data(X, y)
    if (testX is None) != (testY is None):
        raise InvalidTypeError("testX and testY go together: give both or neither")
    test = net.check_data(testX, testY, names=("testX", "testY")) if testX is not None else None
    if options["patience"] is not None and test is None:
        raise InvalidValueError("patience stops on the test cost: give testX and testY too")
    weights, biases = net.checked_params()
    history = _History(net, X, y, test, callback, options["patience"])
    if method == "sgd":
        out = _sgd(net, X, y, weights, biases, history, options)
    else:
        out = _full_batch(net, X, y, weights, biases, history, method, options)
    if out.status == bfgs.CONVERGED and method != "sgd":
        saturated = _saturated_layer(net, X, y, out.x)
        if saturated is not None:
            out = out._replace(status=SATURATED, message=saturated)
    x = history.best(out.x)
    if x is not out.x:  # early stopping: keep the parameters with the lowest test cost
        # and report their cost and gradient, not those of the last iteration
        kept = backprop.run(net.backend, X, y, *net.unflatten(x), net.lam)
        out = out._replace(
            fun=kept.J, grad=net.flatten(kept.gradients), message=history.stop_message or out.message
        )
    net.set_params(x)
    B, n = net.backend, len(x)
    return TrainResult(
        x=B.from_floats(list(x), (n,)),
        fun=out.fun,
        jac=B.from_floats(list(out.grad), (n,)),
        nit=out.nit,
        nfev=out.nfev,
        status=out.status,
        success=out.status == bfgs.CONVERGED,
        message=out.message,
        method=method,
        J=history.J,
        testJ=history.testJ,
        accuracy=history.accuracy,
        test_accuracy=history.test_accuracy,
    )


def _options(
    method: str, max_iter: Any, gtol: Any, learning_rate: Any, epochs: Any, batch_size: Any, momentum: Any,
    seed: Any, patience: Any,
) -> dict[str, Any]:  # fmt: skip
    """Every option checked once, the same way for every method, before any method starts."""
    if learning_rate is not None and method not in ("gd", "sgd"):
        raise InvalidValueError(f"learning_rate applies to method='gd' and 'sgd' only (method is {method!r})")
    sgd_only = {"epochs": epochs, "batch_size": batch_size, "seed": seed}
    given = [name for name, value in sgd_only.items() if value is not None]
    momentum = _momentum(momentum)  # checked before it is compared: an array has no single truth value
    if momentum != 0.0:
        given.append("momentum")
    if given and method != "sgd":
        raise InvalidValueError(f"{', '.join(given)} apply to method='sgd' only (method is {method!r})")
    max_iter, _ = bfgs.check_options(max_iter, 0.0)
    return {
        "max_iter": max_iter,
        "gtol": checks.optional_number(gtol, "gtol"),
        "learning_rate": checks.optional_number(learning_rate, "learning_rate", positive=True),
        "epochs": checks.integer(epochs if epochs is not None else SGD_DEFAULTS["epochs"], "epochs"),
        "batch_size": checks.integer(
            batch_size if batch_size is not None else SGD_DEFAULTS["batch_size"], "batch_size", minimum=1
        ),
        "momentum": momentum,
        "seed": checks.seed(seed),
        "patience": None if patience is None else checks.integer(patience, "patience", minimum=1),
    }


class _History:
    """The costs and accuracies of a run, iteration by iteration, and early stopping on the test cost."""

    def __init__(
        self,
        net: Network,
        X: Array,
        y: Array,
        test: tuple[Array, Array] | None,
        callback: Callback | None,
        patience: int | None,
    ) -> None:
        B = net.backend
        self.net, self.X, self.y, self.test, self.callback, self.patience = (
            net,
            X,
            y,
            test,
            callback,
            patience,
        )
        self.J: list[float] = []
        self.testJ: list[float] = []
        self.accuracy: list[float] = []
        self.test_accuracy: list[float] = []
        self.classes = _class_targets(B.tolist(y)) and (test is None or _class_targets(B.tolist(test[1])))
        self.targets = classes(B.tolist(y)) if self.classes else []
        self.test_targets = classes(B.tolist(test[1])) if self.classes and test is not None else []
        self._best: tuple[float, list[float]] | None = None  # (lowest test cost, its parameters)
        self._since_best = 0
        self.stop_message = ""

    def record(
        self, nit: int, flat: list[float], J: float | None, grad_max: float, yHat: Array | None
    ) -> bool:
        """Record the state after an iteration; True if training should stop (callback or patience)."""
        net, B = self.net, self.net.backend
        weights, biases = net.unflatten(flat)
        if J is None or (yHat is None and self.classes):
            result = backprop.run(B, self.X, self.y, weights, biases, net.lam, with_gradients=False)
            J, yHat = result.J, result.a[len(net.layer_sizes)]
        self.J.append(J)
        accuracy = test_fun = test_accuracy = None
        if self.classes:
            assert yHat is not None
            accuracy = _agreement(classes(B.tolist(yHat)), self.targets)
            self.accuracy.append(accuracy)
        if self.test is not None:
            result = backprop.run(B, *self.test, weights, biases, net.lam, with_gradients=False)
            test_fun = result.J
            self.testJ.append(test_fun)
            if self.classes:
                test_accuracy = _agreement(
                    classes(B.tolist(result.a[len(net.layer_sizes)])), self.test_targets
                )
                self.test_accuracy.append(test_accuracy)
        stop = False
        if self.callback is not None:
            progress = Progress(nit, J, test_fun, grad_max, accuracy, test_accuracy, tuple(flat))
            stop = self.callback(progress) is True
        if self.patience is not None and test_fun is not None:
            if self._best is None or test_fun < self._best[0]:
                self._best, self._since_best = (test_fun, list(flat)), 0
            else:
                self._since_best += 1
                if self._since_best >= self.patience:
                    best_at = len(self.testJ) - self._since_best
                    self.stop_message = (
                        f"stopped early: the test cost has not improved for {self.patience} iterations; "
                        f"the parameters of iteration {best_at}, where it was lowest, are kept"
                    )
                    stop = True
        return stop

    def best(self, flat: list[float]) -> list[float]:
        """The parameters to keep: those of the lowest test cost when stopping early, else ``flat``."""
        if self.stop_message and self._best is not None:
            return self._best[1]
        return flat


def _momentum(value: Any) -> float:
    momentum = checks.number(value, "momentum")
    if momentum >= 1.0:
        raise InvalidValueError(
            f"momentum: expected a number from 0 up to (not including) 1, got {momentum!r}"
        )
    return momentum


def _class_targets(rows: list[list[float]]) -> bool:
    """True if the targets are classes: one column of 0 and 1, or one-hot rows."""
    if len(rows[0]) == 1:
        return all(row[0] in (0.0, 1.0) for row in rows)
    return all(sorted(row)[-1] == 1.0 and sum(row) == 1.0 and min(row) == 0.0 for row in rows)


def _agreement(predicted: list[int], true: list[int]) -> float:
    return sum(p == t for p, t in zip(predicted, true)) / len(true)


def _full_batch(
    net: Network, X: Array, y: Array, weights: list[Array], biases: list[Array], history: _History,
    method: str, options: dict[str, Any],
) -> bfgs.Outcome:  # fmt: skip
    """BFGS, L-BFGS, gradient descent or SciPy's BFGS on the flat parameter vector."""
    B, lam = net.backend, net.lam
    L = len(net.layer_sizes)
    last: dict[str, Any] = {}  # the latest evaluation: its point and yHat, for the history

    def fg(flat: list[float]) -> tuple[float, list[float]]:
        if max(map(abs, flat), default=0.0) > LIMIT:  # Network.set_params would refuse these
            raise OverflowError(f"parameters beyond ±{LIMIT:g}, which a network does not accept")
        W, b = net.unflatten(flat)
        result = backprop.run(B, X, y, W, b, lam)
        last["x"], last["yHat"] = flat, result.a[L]
        return result.J, net.flatten(result.gradients)

    def on_step(step: bfgs.Step) -> bool:
        yHat = last["yHat"] if last.get("x") == step.x else None
        grad_max = max((abs(v) for v in step.grad), default=0.0)
        return history.record(step.nit, step.x, step.fun, grad_max, yHat)

    x0 = net.flatten([*weights, *biases])
    common: dict[str, Any] = {"max_iter": options["max_iter"], "callback": on_step}
    if options["gtol"] is not None:
        common["gtol"] = options["gtol"]
    if method == "bfgs":
        return bfgs.minimize_bfgs(fg, x0, **common)
    if method == "lbfgs":
        return bfgs.minimize_lbfgs(fg, x0, **common)
    if method == "gd":
        return bfgs.gradient_descent(fg, x0, learning_rate=options["learning_rate"] or 1.0, **common)
    from nnd.training import scipy_bfgs

    return scipy_bfgs.minimize(fg, x0, **common)


def _sgd(
    net: Network, X: Array, y: Array, weights: list[Array], biases: list[Array], history: _History,
    options: dict[str, Any],
) -> bfgs.Outcome:  # fmt: skip
    """Minibatch gradient descent, reported as the full-batch methods report."""
    from nnd.training.sgd import minimize_sgd

    B = net.backend
    batches = -(-B.shape(X)[0] // options["batch_size"])

    def after_epoch(epoch: int, W: list[Array], b: list[Array]) -> bool:
        return history.record(epoch, net.flatten([*W, *b]), None, math.nan, None)

    learning_rate = options["learning_rate"] or SGD_DEFAULTS["learning_rate"]
    out = minimize_sgd(
        B, B.tolist(X), B.tolist(y), weights, biases, net.lam, epochs=options["epochs"],
        batch_size=options["batch_size"], learning_rate=learning_rate, momentum=options["momentum"],
        seed=options["seed"], after_epoch=after_epoch,
    )  # fmt: skip
    result = backprop.run(B, X, y, out.weights, out.biases, net.lam)
    x = net.flatten([*out.weights, *out.biases])
    nfev = out.epochs * batches
    grad = net.flatten(result.gradients)
    if out.diverged:
        message = f"stopped: epoch {out.epochs + 1} left the numbers within ±1e30 (learning_rate too large?)"
        return bfgs.Outcome(x, result.J, grad, out.epochs, nfev, bfgs.DIVERGED, message)
    if out.stopped and not history.stop_message:
        return bfgs.Outcome(x, result.J, grad, out.epochs, nfev, bfgs.STOPPED, "stopped by the callback")
    size = min(options["batch_size"], B.shape(X)[0])  # a batch larger than the data is all of it
    epochs = f"{out.epochs} epoch" + ("" if out.epochs == 1 else "s")
    message = history.stop_message or f"finished: {epochs} of batches of {size}"
    return bfgs.Outcome(x, result.J, grad, out.epochs, nfev, bfgs.CONVERGED, message)


def _saturated_layer(net: Network, X: Array, y: Array, flat: list[float]) -> str | None:
    """Why the gradient vanished, if a whole layer is saturated on every example; else None."""
    B = net.backend
    _, a = backprop.forward(B, X, *net.unflatten(flat))
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
        check_network(N, "N")
        checks.choice(method, "method", METHODS)
        bfgs.check_options(max_iter, 0.0)
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
        """The video's wrapper: set the network's weights to ``params``; return (J, flat gradient).

        X and y are checked before the weights change, so a refused call leaves the network as it was.
        """
        X, y = self.N.check_data(X, y)
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
