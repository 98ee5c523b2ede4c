"""``Network``: weights, a backend, and checked entry points to :mod:`nnd.backprop`."""

from __future__ import annotations

import math
import operator
from numbers import Real

from nnd import backprop
from nnd.arrays.backend import Array, Backend
from nnd.arrays.registry import BackendLike, get_backend
from nnd.util.checks import describe
from nnd.util.errors import InvalidTypeError

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


def _layer_name(name: str) -> tuple[str, int] | None:
    """``'W2'`` -> ``('W', 2)``, ``'delta3'`` -> ``('delta', 3)``, ``'yHat'`` -> ``('yHat', 0)``; else None.

    >>> _layer_name("z2"), _layer_name("W10"), _layer_name("W0"), _layer_name("shape")
    (('z', 2), ('W', 10), None, None)
    """
    if name == "yHat":
        return "yHat", 0
    for kind in ("W", "z", "a", "delta"):
        digits = name[len(kind) :]
        if name.startswith(kind) and digits.isdecimal() and digits.isascii() and digits[0] != "0":
            return kind, int(digits)
    return None


def check_network(value: Any, name: str = "net") -> Network:
    """``value`` if it is an :class:`nnd.Network` (a ``Neural_Network`` too), else an error naming ``name``.

    >>> check_network("net")
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: net: expected an nnd.Network, got str
    """
    if not isinstance(value, Network):
        raise InvalidTypeError(f"{name}: expected an nnd.Network, got {describe(value)}")
    return value


class Network:
    """A fully connected sigmoid network without biases, as in the series.

    ``layer_sizes`` lists the units per layer, input first: ``(2, 3, 1)`` is the
    series' network with weights ``W1`` (2×3) and ``W2`` (3×1). Weights are drawn
    from a standard normal with Python's ``random.Random(seed)``, so the same seed
    gives the same weights on every backend. ``lam=None`` uses Part 4's cost; a
    number (0 included) uses Part 7's averaged, regularized cost.

    Data and weights may be nested lists, NumPy arrays (of any real dtype) or arrays of
    the network's backend (``net.backend``); they are converted to that backend's float64
    arrays. A network keeps the values of its last pass (z2, a2, z3, yHat, and delta2,
    delta3 after :meth:`gradients`) as arrays of its own: changing the weights or the
    data afterwards, even in place (``net.W1[0, 0] = 1.5``), leaves them as they were.

    Threads: each pass keeps its values as one unit, so :attr:`last_pass` read in one
    thread never mixes two passes run by others; reading ``net.z2`` and then ``net.a2``
    separately may, if another thread runs a pass in between. Changing weights while
    another thread trains or computes is not safe: give each thread its own network
    (``copy.copy(net)`` shares no weights). ``use_backend`` scopes follow threads and
    asyncio tasks, but not work sent to ``loop.run_in_executor``: pass ``backend=`` there.

    >>> net = Network((2, 3, 1), seed=0)
    >>> X, y = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]], [[0.75], [0.82], [0.93]]
    >>> net.forward(X).shape
    (3, 1)
    >>> dJdW1, dJdW2 = net.gradients(X, y)
    >>> dJdW1.shape, dJdW2.shape
    ((2, 3), (3, 1))
    >>> before = net.cost(X, y)
    >>> net.W1, net.W2 = net.W1 - 3 * dJdW1, net.W2 - 3 * dJdW2
    >>> net.cost(X, y) < before
    True
    """

    backend: Backend
    """The backend the network computes with, fixed when it is built."""
    layer_sizes: tuple[int, ...]
    """Units per layer, input first, fixed when the network is built."""
    lam: float | None
    """λ, the regularization strength (``None``: Part 4's cost)."""
    _weights: list[Array]
    _trace: tuple[dict[int, Array], dict[int, Array], dict[int, Array]]

    def __init__(
        self,
        layer_sizes: Sequence[int] = (2, 3, 1),
        *,
        seed: int | None = None,
        backend: BackendLike | None = None,
        lam: float | None = None,
    ) -> None:
        sizes = _check_sizes(layer_sizes)
        B = get_backend(backend)
        import random  # here, not at the top: `import nnd` stays fast

        rng = random.Random(seed)
        weights = [
            B.from_floats([[rng.gauss(0.0, 1.0) for _ in range(n_out)] for _ in range(n_in)], (n_in, n_out))
            for n_in, n_out in zip(sizes, sizes[1:])
        ]
        state = self.__dict__
        state["backend"] = B
        state["layer_sizes"] = sizes
        state["lam"] = _check_lam(lam)
        state["_weights"] = weights
        state["_handed_out"] = False  # True once a weight array has been given to the caller
        state["_trace"] = ({}, {}, {})  # (z, a, delta) of the last pass, by layer number

    def __copy__(self) -> Network:
        """``copy.copy(net)``: a network of its own, sharing no weight array with ``net``.

        (NumPy's ``twin.W1 -= step`` changes the array in place: shared arrays would
        change both networks.)
        """
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin.__dict__["_weights"] = [self.backend.copy(W) for W in self._weights]
        twin.__dict__["_handed_out"] = False  # its own copies: nobody else holds them
        return twin

    # -- display --------------------------------------------------------------------
    def __repr__(self) -> str:
        """``Network((2, 3, 1), backend='python', lam=None)``."""
        return f"{type(self).__name__}({self.layer_sizes!r}, backend={self.backend.name!r}, lam={self.lam!r})"

    def _repr_html_(self) -> str:
        """Jupyter's view: the network drawn, and its variables with their shapes (values after a pass)."""
        from nnd.draw.display import network_html

        return network_html(self)

    # -- weights as attributes W1, W2, ... -------------------------------------------
    @property
    def weights(self) -> list[Array]:
        """The weight arrays ``[W1, W2, ...]`` (a new list; the arrays are the network's own)."""
        self.__dict__["_handed_out"] = True  # the caller may now change them in place
        return list(self._weights)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not set yet (e.g. during copy.deepcopy): no recursion
            raise AttributeError(name)
        parts = _layer_name(name)
        if parts and parts[0] == "W" and parts[1] <= len(self._weights):
            self.__dict__["_handed_out"] = True  # the caller may now change it in place
            return self._weights[parts[1] - 1]
        if parts and parts[0] != "W":
            value = self._traced(*parts)
            if value is not None:
                return value
            if name == "a1":
                raise AttributeError("a1 is X, the data you pass to net.forward(X)")
            when = "gradients(X, y)" if name.startswith("delta") else "forward(X)"
            raise AttributeError(f"{name} is set by net.{when}; call it first")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        parts = _layer_name(name)
        if parts and parts[0] == "W" and parts[1] <= len(self._weights):
            i = parts[1] - 1
            shape = (self.layer_sizes[i], self.layer_sizes[i + 1])
            fresh = not self.backend.is_array(value)  # built from lists just now: already a copy
            value = self._as_array(value, name, shape)
            weights = list(self._weights)  # a new list: a copy.copy of this network keeps its own
            weights[i] = value if fresh else self.backend.copy(value)
            self.__dict__["_weights"] = weights
            return
        if parts:
            what = (
                f"this network has weights W1 to W{len(self._weights)}"
                if parts[0] == "W"
                else f"{name} is computed by forward() and gradients()"
            )
            raise AttributeError(f"cannot set {name}: {what}")
        if name in ("backend", "layer_sizes"):
            raise AttributeError(f"{name} is fixed when the network is built")
        if name == "lam":
            value = _check_lam(value)
        object.__setattr__(self, name, value)

    # -- the series' operations ---------------------------------------------------------
    def forward(self, X: Any) -> Array:
        """yHat for inputs X; keeps z2, a2, z3, yHat (and deeper ones) on the network.

        :meth:`gradients` also keeps the backpropagating errors delta2, delta3, ...
        """
        X = self._as_array(X, "X", (None, self.layer_sizes[0]))
        z, a = backprop.forward(self.backend, X, self._checked_weights())
        self._keep(z, a, {})
        return a[len(self.layer_sizes)]

    def cost(self, X: Any, y: Any) -> float:
        """The cost J as a Python float (Part 4's, or Part 7's if ``lam`` is set)."""
        X, y = self.check_data(X, y)
        weights = self._checked_weights()
        z, a = backprop.forward(self.backend, X, weights)
        J = backprop.cost(self.backend, y, a[len(self.layer_sizes)], weights, self.lam)
        self._keep(z, a, {})
        return J

    def gradients(self, X: Any, y: Any) -> tuple[Array, ...]:
        """``(dJdW1, dJdW2, ...)`` by backpropagation; each has its weight's shape."""
        return self._backpropagate(X, y, False)[1]

    def cost_and_gradients(self, X: Any, y: Any) -> tuple[float, tuple[Array, ...]]:
        """J and ``(dJdW1, dJdW2, ...)`` from one forward pass (what an optimizer wants)."""
        return self._backpropagate(X, y, True)

    def _backpropagate(self, X: Any, y: Any, with_cost: bool) -> tuple[float, tuple[Array, ...]]:
        """The forward pass, J (if ``with_cost``; else NaN) and backpropagation; keeps the pass."""
        X, y = self.check_data(X, y)
        B = self.backend
        weights = self._checked_weights(X, y)
        z, a = backprop.forward(B, X, weights)
        J = backprop.cost(B, y, a[len(self.layer_sizes)], weights, self.lam) if with_cost else math.nan
        dJdW, delta = backprop.backward(B, y, weights, a, self.lam)
        self._keep(z, a, delta)
        return J, tuple(reversed(dJdW.values()))  # backward filled it from the output back: dJdW2, dJdW1

    # -- flat parameter vectors (Part 5) ----------------------------------------------------
    @property
    def n_params(self) -> int:
        """Number of weights."""
        return sum(a * b for a, b in zip(self.layer_sizes, self.layer_sizes[1:]))

    def get_params(self) -> Array:
        """All weights as one 1-D array: W1 then W2, each row-major."""
        return self.backend.from_floats(self.flatten(self._weights), (self.n_params,))

    def set_params(self, params: Any) -> None:
        """Set all weights from a 1-D array or list laid out as :meth:`get_params` returns."""
        flat = self._as_array(params, "params", (self.n_params,))
        # a new list: a copy.copy of this network keeps its own
        self.__dict__["_weights"] = self.unflatten(self.backend.tolist(flat))
        self.__dict__["_handed_out"] = False  # new arrays: nobody else holds them

    def unflatten(self, values: Sequence[float]) -> list[Array]:
        """Weight arrays ``[W1, W2, ...]`` from floats in :meth:`get_params` order (not checked, not set)."""
        weights, start = [], 0
        for n_in, n_out in zip(self.layer_sizes, self.layer_sizes[1:]):
            rows = [list(values[start + r * n_out : start + (r + 1) * n_out]) for r in range(n_in)]
            weights.append(self.backend.from_floats(rows, (n_in, n_out)))
            start += n_in * n_out
        return weights

    def compute_gradients(self, X: Any, y: Any) -> Array:
        """The gradients as one 1-D array in :meth:`get_params` order."""
        return self.backend.from_floats(self.flatten(self.gradients(X, y)), (self.n_params,))

    # -- saving -----------------------------------------------------------------------
    def save(self, path: Any) -> None:
        """Write the network (sizes, λ, weights) to a JSON file; read it back with ``nnd.load``."""
        from nnd.io import save

        save(self, path)

    def flatten(self, arrays: Sequence[Array]) -> list[float]:
        """The floats of ``[W1, W2, ...]`` (or of their gradients) in :meth:`get_params` order."""
        tolist = self.backend.tolist
        return [x for a in arrays for row in tolist(a) for x in row]

    # -- helpers ----------------------------------------------------------------------

    @property
    def last_pass(self) -> dict[str, Array]:
        """The values the last pass kept, by the series' names, read as one unit.

        >>> net = Network(seed=0)
        >>> _ = net.forward([[0.3, 1.0]])
        >>> sorted(net.last_pass)
        ['a2', 'yHat', 'z2', 'z3']
        """
        z, a, delta = self._trace
        L = len(self.layer_sizes)
        kept = {f"z{l}": v for l, v in z.items()}
        kept.update({("yHat" if l == L else f"a{l}"): v for l, v in a.items() if l > 1})
        kept.update({f"delta{l}": v for l, v in sorted(delta.items())})
        return kept

    def _keep(self, z: dict[int, Any], a: dict[int, Any], delta: dict[int, Any]) -> None:
        """Keep a pass's values as one unit (one assignment: a reader never sees two passes mixed)."""
        self.__dict__["_trace"] = (z, a, delta)

    def _traced(self, kind: str, layer: int) -> Array | None:
        """z2, a2, ..., yHat, delta2, ... from the last pass (None if it did not make it)."""
        z, a, delta = self._trace
        if kind == "yHat":
            layer = len(self.layer_sizes)
            return a.get(layer) if z else None
        if kind == "a" and layer == 1:  # X is the caller's, not kept
            return None
        return {"z": z, "a": a, "delta": delta}[kind].get(layer)

    def _checked_weights(self, X: Any = None, y: Any = None) -> list[Array]:
        """The weights, checked again if they may have been changed in place since they were set.

        Weights are checked when they are set; but once the caller has had a weight array
        (``net.W1``, ``net.weights``) it may have changed it in place (``net.W1[0, 0] = 1e300``),
        so from then on every pass checks them again: finite and within ±LIMIT. (Measured: the
        check costs a tenth of a gradient on the numpy backend at the series' size, which is
        why weights that never left the network skip it.) With X and y, for backpropagation,
        a network deeper than the series' must also keep the error's growth on its way back
        within float64: see :func:`_check_depth`.
        """
        B, weights = self.backend, self._weights
        if self.__dict__.get("_handed_out", True):
            vdot = B.vdot
            for W in weights:
                if not vdot(W, W) <= _LIMIT_SQUARED:  # Σw² ≤ LIMIT² bounds every weight: the usual case
                    for i, each in enumerate(weights, start=1):
                        _check_each(B, each, f"W{i}")
        if X is not None and len(weights) > 2:
            _check_depth(B, X, y, weights, self.layer_sizes)
        return weights

    def checked_params(self) -> tuple[list[Array], list[Array]]:
        """``(weights, biases)``, each array checked: finite and within ±LIMIT.

        A caller may have changed a weight in place (``net.W1[0, 0] = float("nan")``);
        every nnd function that reads a network's parameters (saving, drawing, numerical
        gradients, training) reads them through this, so such a change is reported, naming
        the array, instead of spreading NaN. ``biases`` is ``[]`` for a network without them.
        """
        weights = list(self._weights)
        for i, W in enumerate(weights, start=1):
            if not self.backend.vdot(W, W) <= _LIMIT_SQUARED:
                _check_each(self.backend, W, f"W{i}")
        return weights, []

    def check_data(self, X: Any, y: Any, names: tuple[str, str] = ("X", "y")) -> tuple[Array, Array]:
        """``(X, y)`` as arrays of this network's backend, or a ValueError/TypeError that names them.

        >>> Network(seed=0).check_data([[1, 2]], [[0.5], [0.7]], names=("testX", "testY"))
        Traceback (most recent call last):
        ValueError: testX and testY need one row per example: testX has 1 rows, testY has 2
        """
        nx, ny = names
        sizes, shape = self.layer_sizes, self.backend.shape
        X = self._as_array(X, nx, (None, sizes[0]))
        y = self._as_array(y, ny, (None, sizes[-1]))
        rows_x, rows_y = shape(X)[0], shape(y)[0]
        if rows_x != rows_y:
            raise ValueError(
                f"{nx} and {ny} need one row per example: {nx} has {rows_x} rows, {ny} has {rows_y}"
            )
        return X, y

    def _as_array(self, value: Any, name: str, shape: tuple[int | None, ...]) -> Array:
        """``value`` as an array of this network's backend with the expected shape, or a clear error."""
        B = self.backend
        if not B.is_array(value):
            value = B.asarray(value, name)  # lists, NumPy arrays, array-likes: a new array, checked
        if not B.vdot(value, value) <= _LIMIT_SQUARED:  # Σx² ≤ LIMIT² bounds every element; NaN fails
            _check_each(B, value, name)
        got = B.shape(value)
        if len(got) != len(shape) or got[-1] != shape[-1] or (shape[0] is not None and got[0] != shape[0]):
            if not _fits(got, shape):
                expected = "(" + ", ".join("rows" if n is None else str(n) for n in shape) + ")"
                raise ValueError(f"{name}: expected shape {expected}, got {got}")
        return value


LIMIT = 1e30
"""Largest magnitude accepted in data, weights and λ. Beyond it, products along the
network could overflow float64 (to inf, then NaN); data for a sigmoid network should
be scaled anyway, as the series scales it (:mod:`nnd.data`)."""


_LIMIT_SQUARED = LIMIT * LIMIT


def _check_each(B: Backend, value: Array, name: str) -> None:
    """ValueError unless every element is finite and within ±LIMIT, looked at one by one.

    For arrays whose Σx² failed the quick test (it may only have overflowed).
    """
    if not B.all_finite(value):
        raise ValueError(f"{name}: expected finite numbers, got NaN or infinity")
    rows = B.tolist(value)
    if max(abs(x) for row in rows for x in (row if isinstance(row, list) else [row])) <= LIMIT:
        return
    raise ValueError(
        f"{name}: expected numbers within ±{LIMIT:g}, got larger ones; scale the data "
        "(as nnd.data does) so that products along the network cannot overflow"
    )


def _fits(got: tuple[int, ...], shape: tuple[int | None, ...]) -> bool:
    """True if ``got`` matches ``shape``, where None in ``shape`` matches any length."""
    return len(got) == len(shape) and all(e is None or e == g for e, g in zip(shape, got))


def _check_depth(B: Backend, X: Array, y: Array, weights: Sequence[Array], sizes: tuple[int, ...]) -> None:
    """ValueError if backpropagation through these weights could overflow float64.

    On its way back the error is multiplied by each layer's weights (and by f′ ≤ ¼), so
    in a deep network with large weights it can outgrow float64 even though every number
    is within ±LIMIT. With ‖·‖ the Frobenius norm (which bounds every sum the pass forms):
    ‖delta(L)‖ ≤ ‖y‖ + √(m·n_L), ‖delta(l)·W(l−1)ᵀ‖ ≤ ‖delta(l)‖·‖W(l−1)‖, and
    ‖dJdW(l−1)‖ ≤ ‖a(l−1)‖·‖delta(l)‖ with ‖a(l)‖ ≤ √(m·n_l) and ‖a(1)‖ = ‖X‖. Every bound
    must stay below 1e300. The series' network, and any with fewer than about eight
    hidden layers, can never reach it.
    """
    m = B.shape(X)[0]
    log = math.log
    norms = [log(max(B.vdot(W, W), 1e-300)) / 2 for W in weights]  # log ‖W(l)‖, l = 1, 2, ...
    top = log(1e300)
    delta = log(math.sqrt(B.vdot(y, y)) + math.sqrt(m * sizes[-1]))  # log ‖delta(L)‖
    worst = delta
    for l in range(len(weights), 0, -1):  # W(l) carries delta(l+1) back to delta(l)
        a = log(max(B.vdot(X, X), 1e-300)) / 2 if l == 1 else log(math.sqrt(m * sizes[l - 1]))
        worst = max(worst, a + delta)  # dJdW(l) = a(l)ᵀ·delta(l+1)
        if l > 1:
            worst = max(worst, delta + norms[l - 1])  # delta(l+1)·W(l)ᵀ
            delta += norms[l - 1] - log(4.0)  # ⊙ f′ ≤ ¼
    if worst > top:
        raise ValueError(
            f"weights too large for a network of {len(weights) - 1} hidden layers: backpropagation "
            "multiplies the error by every layer's weights on its way back, and with these it could "
            "overflow float64; use smaller weights (or fewer layers)"
        )


MAX_WEIGHTS = 10_000_000
"""Most weights a network may have (ten million: about 80 MB of float64 on the numpy
backend, several times that as Python lists). Larger sizes are refused at once rather
than filling the memory."""


def _check_sizes(layer_sizes: Any) -> tuple[int, ...]:
    try:
        sizes = tuple(layer_sizes)
    except TypeError:
        raise TypeError(
            f"layer_sizes: expected a sequence of ints like (2, 3, 1), got {describe(layer_sizes)}"
        ) from None
    try:
        sizes = tuple(operator.index(n) for n in sizes if not isinstance(n, bool))
    except TypeError:
        sizes = ()
    if len(sizes) < 2 or len(sizes) != len(tuple(layer_sizes)) or min(sizes) < 1:
        raise ValueError(
            f"layer_sizes: expected at least two positive ints like (2, 3, 1), got {layer_sizes!r:.80}"
        )
    count = sum(a * b for a, b in zip(sizes, sizes[1:]))
    if count > MAX_WEIGHTS:
        raise ValueError(
            f"layer_sizes: {sizes!r:.80} would need {count:,} weights; nnd networks have at most "
            f"{MAX_WEIGHTS:,}"
        )
    return sizes


def _check_lam(lam: Any) -> float | None:
    if lam is None:
        return None
    try:
        value = float(lam) if isinstance(lam, Real) and not isinstance(lam, bool) else math.nan
    except OverflowError:  # an int beyond float64
        value = math.inf
    if not 0.0 <= value <= LIMIT:
        raise ValueError(f"lam: expected None or a number from 0 to {LIMIT:g}, got {lam!r}")
    return value
