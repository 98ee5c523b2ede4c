"""``Network``: weights, a backend, and checked entry points to :mod:`nnd.backprop`."""

from __future__ import annotations

import math
import operator
from numbers import Real

from nnd import backprop
from nnd._validate import clean_nested, describe
from nnd.backend import Array, Backend
from nnd.config import BackendLike, get_backend

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


class Network:
    """A fully connected sigmoid network without biases, as in the series.

    ``layer_sizes`` lists the units per layer, input first: ``(2, 3, 1)`` is the
    series' network with weights ``W1`` (2×3) and ``W2`` (3×1). Weights are drawn
    from a standard normal with Python's ``random.Random(seed)``, so the same seed
    gives the same weights on every backend. ``lam=None`` uses Part 4's cost; a
    number (0 included) uses Part 7's averaged, regularized cost.

    Inputs may be nested lists or arrays of the network's backend (``net.backend``).

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
        state["_trace"] = ([], [], [], [])  # (zs, activities, deltas, weights) of the last pass

    def __copy__(self) -> Network:
        """``copy.copy(net)``: a network of its own, sharing no weight array with ``net``.

        (NumPy's ``twin.W1 -= step`` changes the array in place: shared arrays would
        change both networks.)
        """
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin.__dict__["_weights"] = [self.backend.copy(W) for W in self._weights]
        return twin

    # -- weights as attributes W1, W2, ... -------------------------------------------
    @property
    def weights(self) -> list[Array]:
        """The weight arrays ``[W1, W2, ...]`` (a new list; the arrays are the network's own)."""
        return list(self._weights)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not set yet (e.g. during copy.deepcopy): no recursion
            raise AttributeError(name)
        parts = _layer_name(name)
        if parts and parts[0] == "W" and parts[1] <= len(self._weights):
            return self._weights[parts[1] - 1]
        if parts and parts[0] != "W":
            value = self._traced(*parts)
            if value is not None:
                return value
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
        (On the python backend z2, z3 are computed from this pass's X and weights when
        first asked for: see ``Backend.matmul_sigmoid``.)
        """
        X = self._as_array(X, "X", (None, self.layer_sizes[0]))
        weights = self._weights
        zs, activities = backprop.forward(self.backend, X, weights)
        self.__dict__["_trace"] = (zs, activities, [], weights)
        return activities[-1]

    def cost(self, X: Any, y: Any) -> float:
        """The cost J as a Python float (Part 4's, or Part 7's if ``lam`` is set)."""
        X, y = self.check_data(X, y)
        weights = self._weights
        zs, activities = backprop.forward(self.backend, X, weights)
        J = backprop.cost(self.backend, y, activities[-1], weights, self.lam)
        self.__dict__["_trace"] = (zs, activities, [], weights)
        return J

    def gradients(self, X: Any, y: Any) -> tuple[Array, ...]:
        """``(dJdW1, dJdW2, ...)`` by backpropagation; each has its weight's shape."""
        X, y = self.check_data(X, y)
        B = self.backend
        weights = self._weights
        zs, activities = backprop.forward(B, X, weights)
        grads, deltas = backprop.backward(B, y, weights, activities, self.lam)
        self.__dict__["_trace"] = (zs, activities, deltas, weights)
        return tuple(grads)

    def cost_and_gradients(self, X: Any, y: Any) -> tuple[float, tuple[Array, ...]]:
        """J and ``(dJdW1, dJdW2, ...)`` from one forward pass (what an optimizer wants)."""
        X, y = self.check_data(X, y)
        B = self.backend
        weights = self._weights
        zs, activities = backprop.forward(B, X, weights)
        J = backprop.cost(B, y, activities[-1], weights, self.lam)
        grads, deltas = backprop.backward(B, y, weights, activities, self.lam)
        self.__dict__["_trace"] = (zs, activities, deltas, weights)
        return J, tuple(grads)

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

    def _traced(self, kind: str, layer: int) -> Array | None:
        """z2, a2, ..., yHat, delta2, ... from the last pass (None if it did not make it)."""
        zs, activities, deltas, weights = self._trace
        if kind == "yHat":
            return activities[-1] if zs else None
        values, first = {"z": (zs, 2), "a": (activities, 1), "delta": (deltas, 2)}[kind]
        index = layer - first
        if not 0 <= index < len(values):
            return None
        if values[index] is None:  # a z the backend skipped: the pass's arrays give it exactly
            values[index] = backprop.preactivation(self.backend, activities[index], weights[index])
        return values[index]

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
            if hasattr(value, "shape") and hasattr(value, "tolist"):
                raise TypeError(
                    f"{name}: got a {describe(value)}, which is not an array of this network's "
                    f"{B.name!r} backend; pass nested lists, or convert with "
                    f"net.backend.asarray({name}.tolist())"
                )
            value = B.from_floats(*clean_nested(_nested(value, name), what=name))
        try:  # Σx² ≤ LIMIT² bounds every element (and is False for NaN): the usual case ends here
            in_range = B.vdot(value, value) <= _LIMIT_SQUARED
        except TypeError:  # e.g. a complex array: _check_each says what is wrong
            in_range = False
        if not in_range:
            _check_each(B, value, name)
        got = B.shape(value)
        if got[1:] != shape[1:] or shape[0] not in (None, got[0]):  # the usual case is decided here
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


def _nested(value: Any, name: str) -> Any:
    if isinstance(value, (list, tuple)):
        return value
    raise TypeError(f"{name}: expected nested lists of numbers or a backend array, got {describe(value)}")


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
            f"layer_sizes: expected at least two positive ints like (2, 3, 1), got {layer_sizes!r}"
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
