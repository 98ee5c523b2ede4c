"""``Network``: weights (and biases), a backend, and the door where what a user passes in is checked.

Every public method checks its arguments once, on the way in, with the backend's door
(:meth:`nnd.arrays.backend.Backend.checked`), and then runs one pass of
:func:`nnd.backprop.run`; nothing is checked again layer by layer.
"""

from __future__ import annotations

import math

from nnd import backprop
from nnd.arrays.backend import Array, Backend
from nnd.arrays.registry import BackendLike, get_backend
from nnd.util import checks
from nnd.util.checks import LIMIT, describe
from nnd.util.errors import InvalidTypeError, InvalidValueError

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from nnd.util.files import PathLike

_KINDS = ("W", "b", "z", "a", "delta")
_XY = ("X", "y")  # check_data's default names


def _layer_name(name: str) -> tuple[str, int] | None:
    """``'W2'`` -> ``('W', 2)``, ``'delta3'`` -> ``('delta', 3)``, ``'yHat'`` -> ``('yHat', 0)``; else None.

    >>> _layer_name("z2"), _layer_name("W10"), _layer_name("b3"), _layer_name("W0"), _layer_name("shape")
    (('z', 2), ('W', 10), ('b', 3), None, None)
    """
    if name == "yHat":
        return "yHat", 0
    for kind in _KINDS:
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


def classes(rows: Any) -> list[int]:
    """The class of each row: the index of its largest value; with one column, 1 if it is ≥ ½.

    ``rows`` is a list of equally long rows of finite numbers (or a 2-D array).

    >>> classes([[0.1, 0.7, 0.2], [0.9, 0.0, 0.1]]), classes([[0.2], [0.5]])
    ([1, 0], [0, 1])
    >>> classes([0.2, 0.8])
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: rows: expected a list of rows like [[0.2, 0.8]], got shape (2,)
    """
    width = len(rows[0]) if type(rows) is list and rows and type(rows[0]) is list else 0
    plain = width > 0 and all(  # the usual case, checked quickly: equally long lists of floats
        type(row) is list and len(row) == width and all(type(v) is float for v in row) for row in rows
    )
    if not (plain and math.isfinite(sum(map(sum, rows)))):  # anything else as as_nested reads it
        rows, shape = checks.as_nested(rows, "rows")
        if len(shape) != 2:
            raise InvalidValueError(f"rows: expected a list of rows like [[0.2, 0.8]], got shape {shape}")
    if len(rows[0]) == 1:
        return [int(row[0] >= 0.5) for row in rows]
    return [max(range(len(row)), key=row.__getitem__) for row in rows]


class Network:
    """A fully connected sigmoid network, as in the series; with ``bias=True``, with biases too.

    ``layer_sizes`` lists the units per layer, input first: ``(2, 3, 1)`` is the
    series' network with weights ``W1`` (2×3) and ``W2`` (3×1). Weights are drawn
    from a standard normal with Python's ``random.Random(seed)``, so the same seed
    gives the same weights on every backend. ``lam=None`` uses Part 4's cost; a
    number (0 included) uses Part 7's averaged, regularized cost. ``bias=True`` adds
    a bias row to every layer after the input (``b2`` (1×3), ``b3`` (1×1)), drawn
    after the weights, so the weights are those of the same seed without biases.

    Data and weights may be nested lists, NumPy arrays (of any real dtype) or arrays of
    the network's backend (``net.backend``); they are converted to that backend's float64
    arrays and checked: 1-D or 2-D, not empty, finite, within ±1e30. A network keeps the
    values of its last pass (z2, a2, z3, yHat, and delta2, delta3 after :meth:`gradients`)
    as arrays of its own: changing the weights or the data afterwards, even in place
    (``net.W1[0, 0] = 1.5``), leaves them as they were. Weights changed in place are
    checked again by the next call that uses them.

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
    >>> Network((2, 3, 1), seed=0, bias=True).b2.shape
    (1, 3)
    """

    backend: Backend
    """The backend the network computes with, fixed when it is built."""
    layer_sizes: tuple[int, ...]
    """Units per layer, input first, fixed when the network is built."""
    bias: bool
    """True if the network has biases (``b2``, ``b3``, ...), fixed when it is built."""
    lam: float | None
    """λ, the regularization strength (``None``: Part 4's cost)."""
    _weights: list[Array]
    _biases: list[Array]
    _trace: tuple[dict[int, Array], dict[int, Array], dict[int, Array]]

    def __init__(
        self,
        layer_sizes: Sequence[int] = (2, 3, 1),
        *,
        seed: int | None = None,
        backend: BackendLike | None = None,
        lam: float | None = None,
        bias: bool = False,
    ) -> None:
        sizes = checks.layer_sizes(layer_sizes)
        seed = checks.seed(seed)
        lam = _check_lam(lam)
        bias = checks.flag(bias, "bias")
        B = get_backend(backend)
        import random  # here, not at the top: `import nnd` stays fast

        rng = random.Random(seed)
        weights = [
            B.from_floats([[rng.gauss(0.0, 1.0) for _ in range(n_out)] for _ in range(n_in)], (n_in, n_out))
            for n_in, n_out in zip(sizes, sizes[1:])
        ]
        biases = (
            [B.from_floats([[rng.gauss(0.0, 1.0) for _ in range(n)]], (1, n)) for n in sizes[1:]]
            if bias
            else []
        )
        state = self.__dict__
        state["backend"] = B
        state["layer_sizes"] = sizes
        state["bias"] = bias
        state["lam"] = lam
        state["_weights"] = weights
        state["_biases"] = biases
        state["_trace"] = ({}, {}, {})  # (z, a, delta) of the last pass, by layer number

    def __copy__(self) -> Network:
        """``copy.copy(net)``: a network of its own, sharing no weight array with ``net``.

        (NumPy's ``twin.W1 -= step`` changes the array in place: shared arrays would
        change both networks.)
        """
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin.__dict__["_weights"] = [self.backend.copy(W) for W in self._weights]
        twin.__dict__["_biases"] = [self.backend.copy(b) for b in self._biases]
        return twin

    # -- display --------------------------------------------------------------------
    def __repr__(self) -> str:
        """``Network((2, 3, 1), backend='python', lam=None)`` (and ``bias=True`` when it has biases)."""
        bias = ", bias=True" if self.bias else ""
        sizes, name = self.layer_sizes, self.backend.name
        return f"{type(self).__name__}({sizes!r}, backend={name!r}, lam={self.lam!r}{bias})"

    def _repr_html_(self) -> str:
        """Jupyter's view: the network drawn, and its variables with their shapes (values after a pass)."""
        from nnd.draw.display import network_html

        return network_html(self)

    # -- parameters as attributes W1, W2, ..., b2, b3, ... -------------------------------
    @property
    def weights(self) -> list[Array]:
        """The weight arrays ``[W1, W2, ...]`` (a new list; the arrays are the network's own)."""
        return list(self._weights)

    @property
    def biases(self) -> list[Array]:
        """The bias rows ``[b2, b3, ...]`` (a new list; ``[]`` for a network without biases)."""
        return list(self._biases)

    def _parameter(self, kind: str, layer: int) -> tuple[list[Array], int, tuple[int, int]] | None:
        """(the list holding W(layer) or b(layer), its index there, its shape), or None if there is none."""
        sizes = self.layer_sizes
        if kind == "W" and layer < len(sizes):
            return self._weights, layer - 1, (sizes[layer - 1], sizes[layer])
        if kind == "b" and self.bias and 2 <= layer <= len(sizes):
            return self._biases, layer - 2, (1, sizes[layer - 1])
        return None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not set yet (e.g. during copy.deepcopy): no recursion
            raise AttributeError(name)
        parts = _layer_name(name)
        if parts is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        kind, layer = parts
        found = self._parameter(kind, layer) if kind in "Wb" else None
        if found is not None:
            return found[0][found[1]]
        if kind in "Wb":
            raise AttributeError(f"{name}: {self._has()}")
        value = self._traced(kind, layer)
        if value is not None:
            return value
        if name == "a1":
            raise AttributeError("a1 is X, the data you pass to net.forward(X)")
        when = "gradients(X, y)" if name.startswith("delta") else "forward(X)"
        raise AttributeError(f"{name} is set by net.{when}; call it first")

    def __setattr__(self, name: str, value: Any) -> None:
        parts = _layer_name(name)
        if parts is not None and parts[0] in "Wb":
            found = self._parameter(*parts)
            if found is None:
                raise AttributeError(f"cannot set {name}: {self._has()}")
            arrays, i, shape = found
            fresh = not self.backend.is_array(value)  # built from lists just now: already a copy
            value = self.backend.checked(value, name, shape)
            arrays = list(arrays)  # a new list: a copy.copy of this network keeps its own
            arrays[i] = value if fresh else self.backend.copy(value)
            self.__dict__["_weights" if parts[0] == "W" else "_biases"] = arrays
            return
        if parts is not None:
            raise AttributeError(f"cannot set {name}: it is computed by forward() and gradients()")
        if name in ("backend", "layer_sizes", "bias"):
            raise AttributeError(f"{name} is fixed when the network is built")
        if name == "lam":
            value = _check_lam(value)
        object.__setattr__(self, name, value)

    def _has(self) -> str:
        """What parameters this network has, in words."""
        L = len(self.layer_sizes)
        biases = (
            f" and biases b2 to b{L}" if self.bias else " and no biases (Network(..., bias=True) has them)"
        )
        return f"this network has weights W1 to W{L - 1}{biases}"

    # -- the series' operations ---------------------------------------------------------
    def forward(self, X: Any) -> Array:
        """yHat for inputs X; keeps z2, a2, z3, yHat (and deeper ones) on the network.

        :meth:`gradients` also keeps the backpropagating errors delta2, delta3, ...
        """
        X = self.backend.checked(X, "X", (None, self.layer_sizes[0]))
        weights, biases = self.checked_params()
        z, a = backprop.forward(self.backend, X, weights, biases)
        self._keep(z, a, {})
        return a[len(self.layer_sizes)]

    def cost(self, X: Any, y: Any) -> float:
        """The cost J as a Python float (Part 4's, or Part 7's if ``lam`` is set)."""
        return self._pass(X, y, with_gradients=False).J

    def gradients(self, X: Any, y: Any) -> tuple[Array, ...]:
        """``(dJdW1, dJdW2, ...)`` by backpropagation, then ``(dJdb2, dJdb3, ...)`` with biases.

        Each gradient has its parameter's shape.
        """
        return self._pass(X, y, with_cost=False).gradients

    def cost_and_gradients(self, X: Any, y: Any) -> tuple[float, tuple[Array, ...]]:
        """J and the gradients (as :meth:`gradients` orders them) from one pass: what an optimizer wants."""
        result = self._pass(X, y)
        return result.J, result.gradients

    def _pass(self, X: Any, y: Any, *, with_cost: bool = True, with_gradients: bool = True) -> backprop.Pass:
        """Check the data and the parameters, run one pass, keep its values."""
        X, y, weights, biases = self._checked_inputs(X, y)
        if with_gradients and len(weights) > 2:
            _check_depth(self.backend, X, y, weights, self.layer_sizes)
        result = backprop.run(
            self.backend, X, y, weights, biases, self.lam, with_cost=with_cost, with_gradients=with_gradients
        )
        self._keep(result.z, result.a, result.delta)
        return result

    def predict_class(self, X: Any) -> list[int]:
        """The class of each row of X: the index of the largest output (with one output unit, 1 if yHat ≥ ½).

        >>> net = Network((2, 3, 1), seed=0)
        >>> net.predict_class([[0.3, 1.0], [0.5, 0.2]])
        [0, 0]
        """
        return classes(self.backend.tolist(self.forward(X)))

    # -- flat parameter vectors (Part 5) ----------------------------------------------------
    @property
    def n_params(self) -> int:
        """Number of parameters: weights, and biases if the network has them."""
        sizes = self.layer_sizes
        return sum(a * b for a, b in zip(sizes, sizes[1:])) + (sum(sizes[1:]) if self.bias else 0)

    def get_params(self) -> Array:
        """All parameters as one 1-D array: W1, W2, ... row-major, then b2, b3, ..."""
        return self.backend.from_floats(self.flatten([*self._weights, *self._biases]), (self.n_params,))

    def set_params(self, params: Any) -> None:
        """Set all parameters from a 1-D array or list laid out as :meth:`get_params` returns."""
        flat = self.backend.checked(params, "params", (self.n_params,))
        weights, biases = self.unflatten(self.backend.tolist(flat))
        self.__dict__["_weights"] = weights  # new lists: a copy.copy of this network keeps its own
        self.__dict__["_biases"] = biases

    def unflatten(self, values: Sequence[float]) -> tuple[list[Array], list[Array]]:
        """``(weights, biases)`` arrays from floats in :meth:`get_params` order (made, not set).

        ``values`` is a list or tuple (or 1-D array) of :attr:`n_params` numbers, finite or not: a
        minimizer may try a step that overflows, and the cost then says so.

        >>> Network(seed=0).unflatten([0.5] * 8)
        Traceback (most recent call last):
        nnd.util.errors.InvalidValueError: values: expected 9 numbers, one per parameter, got 8
        """
        B, sizes = self.backend, self.layer_sizes
        if B.is_array(values):  # get_params() itself, say
            if len(B.shape(values)) != 1:
                raise InvalidValueError(f"values: expected a 1-D array, got shape {B.shape(values)}")
            values = B.tolist(values)
        values = checks.sequence(values, "values", "net.get_params().tolist()")
        if len(values) != self.n_params:
            raise InvalidValueError(
                f"values: expected {self.n_params} numbers, one per parameter, got {len(values)}"
            )
        if not all(type(v) is float for v in values):  # ints, NumPy floats: each a real number
            values = tuple(checks.number(v, f"values[{i}]", minimum=None) for i, v in enumerate(values))
        weights, start = [], 0
        for n_in, n_out in zip(sizes, sizes[1:]):
            rows = [list(values[start + r * n_out : start + (r + 1) * n_out]) for r in range(n_in)]
            weights.append(B.from_floats(rows, (n_in, n_out)))
            start += n_in * n_out
        biases = []
        for n in sizes[1:] if self.bias else ():
            biases.append(B.from_floats([list(values[start : start + n])], (1, n)))
            start += n
        return weights, biases

    def compute_gradients(self, X: Any, y: Any) -> Array:
        """The gradients as one 1-D array in :meth:`get_params` order."""
        return self.backend.from_floats(self.flatten(self.gradients(X, y)), (self.n_params,))

    def flatten(self, arrays: Sequence[Array]) -> list[float]:
        """The floats of ``[W1, W2, ..., b2, ...]`` (or of their gradients) in :meth:`get_params` order.

        ``arrays`` is a list or tuple of 2-D arrays of the network's backend (not checked for
        finite values: a gradient may have overflowed).

        >>> Network(seed=0).flatten([[[1.0, 2.0]]])
        Traceback (most recent call last):
        nnd.util.errors.InvalidTypeError: arrays[0]: expected a 2-D array of the python backend, got list
        """
        B = self.backend
        arrays = checks.sequence(arrays, "arrays", "[net.W1, net.W2]")  # a generator is refused unread
        for i, a in enumerate(arrays):
            if not B.is_array(a):
                raise InvalidTypeError(
                    f"arrays[{i}]: expected a 2-D array of the {B.name} backend, got {describe(a)}"
                )
            if len(B.shape(a)) != 2:
                raise InvalidValueError(
                    f"arrays[{i}]: expected a 2-D array of the {B.name} backend, got shape {B.shape(a)}"
                )
        tolist = B.tolist
        return [x for a in arrays for row in tolist(a) for x in row]

    # -- saving -----------------------------------------------------------------------
    def save(self, path: PathLike) -> None:
        """Write the network (sizes, λ, weights, biases) to a JSON file; read it back with ``nnd.load``.

        The file is replaced atomically: a failed save leaves the old file as it was.
        """
        from nnd import io

        io.save(path, self.layer_sizes, self.lam, *self._lists())

    def to_json(self) -> str:
        """The JSON text :meth:`save` writes (:mod:`nnd.io` describes the format)."""
        from nnd import io

        return io.dumps(self.layer_sizes, self.lam, *self._lists())

    def _lists(self) -> tuple[list[list[list[float]]], list[list[float]] | None]:
        """The checked weights as nested lists, and the biases as one list per layer (None without)."""
        weights, biases = self.checked_params()
        tolist = self.backend.tolist
        return [tolist(W) for W in weights], ([tolist(b)[0] for b in biases] if self.bias else None)

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

    def _checked_inputs(self, X: Any, y: Any) -> tuple[Array, Array, list[Array], list[Array]]:
        """``(X, y, weights, biases)`` for a pass: :meth:`check_data` and :meth:`checked_params` in one.

        One quick range test covers all of them (most of a pass's checking, at the series' size);
        only if it fails are they looked at one by one, which names what is wrong.
        """
        B, sizes = self.backend, self.layer_sizes
        X, y = B.shaped(X, "X"), B.shaped(y, "y")
        shape_X, shape_y = B.shape(X), B.shape(y)
        m = shape_X[0]
        weights, biases = self._weights, self._biases  # lists a pass only reads; W1 = ... replaces them
        if shape_X == (m, sizes[0]) and shape_y == (m, sizes[-1]) and B.within_limit(X, y, *weights, *biases):
            return X, y, weights, biases
        return (*self.check_data(X, y), *self.checked_params())  # the closer look raises, naming it

    def checked_params(self) -> tuple[list[Array], list[Array]]:
        """``(weights, biases)``, each array checked: finite and within ±1e30.

        A caller may have changed a weight in place (``net.W1[0, 0] = float("nan")``);
        every nnd function that reads a network's parameters (its passes, saving, drawing,
        numerical gradients, training) reads them through this, so such a change is
        reported, naming the array, instead of spreading NaN. ``biases`` is ``[]`` for a
        network without them.

        >>> net = Network(seed=0)
        >>> net.W2[0, 0] = 1e300
        >>> net.checked_params()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        nnd.util.errors.InvalidValueError: W2: expected numbers within ±1e+30, got larger ones...
        """
        B = self.backend
        weights, biases = list(self._weights), list(self._biases)
        for i, W in enumerate(weights, start=1):
            if not B.within_limit(W):  # finite and within ±LIMIT, or a closer look naming it
                B._check_each(W, f"W{i}")
        for i, b in enumerate(biases, start=2):
            if not B.within_limit(b):
                B._check_each(b, f"b{i}")
        return weights, biases

    def check_data(self, X: Any, y: Any, names: tuple[str, str] = _XY) -> tuple[Array, Array]:
        """``(X, y)`` as arrays of this network's backend, or an error that names them.

        >>> net = Network(seed=0)
        >>> net.check_data([[1, 2]], [[0.5], [0.7]], names=("testX", "testY"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        nnd.util.errors.InvalidValueError: testX and testY need one row per example: testX has 1 rows, ...
        """
        if names is _XY:  # the default, as almost every call has it: nothing to check
            nx, ny = names
        else:
            pair = checks.sequence(names, "names", "('X', 'y')")  # a generator is refused unread
            if len(pair) != 2:
                raise InvalidValueError(
                    f"names: expected two names like ('X', 'y'), got {checks.shown(pair)}"
                )
            nx, ny = checks.text(pair[0], "names[0]"), checks.text(pair[1], "names[1]")
        sizes, B = self.layer_sizes, self.backend
        X = B.checked(X, nx, (None, sizes[0]))
        y = B.checked(y, ny, (None, sizes[-1]))
        rows_x, rows_y = B.shape(X)[0], B.shape(y)[0]
        if rows_x != rows_y:
            raise InvalidValueError(
                f"{nx} and {ny} need one row per example: {nx} has {rows_x} rows, {ny} has {rows_y}"
            )
        return X, y


def load(path: PathLike, backend: BackendLike | None = None, *, max_bytes: int = 64 * 2**20) -> Network:
    """Read a network saved by ``net.save(path)`` into ``backend`` (default: the active one).

    A file that is not a valid network file (or is larger than ``max_bytes``, 64 MiB,
    :data:`nnd.io.MAX_BYTES`, unless given) is a ``ValueError`` naming the file and the
    problem; a path that is not a regular file (a folder, a device, a FIFO, a socket) an
    ``OSError`` naming it, raised without reading from it. :mod:`nnd.io` describes the format.
    """
    from nnd import io

    saved = io.read(path, max_bytes=max_bytes)
    return _from_saved(saved, backend)


def loads(text: str, backend: BackendLike | None = None, *, source: str = "<string>") -> Network:
    """A network from the JSON text ``net.to_json()`` gives; see :func:`load` for the checks.

    >>> net = Network((2, 3, 1), seed=0, lam=1e-4, bias=True)
    >>> same = loads(net.to_json())
    >>> same.layer_sizes, same.lam, same.b3.tolist() == net.b3.tolist()
    ((2, 3, 1), 0.0001, True)
    """
    from nnd import io

    return _from_saved(io.parse(text, source), backend)


def _from_saved(saved: Any, backend: BackendLike | None) -> Network:
    """A network holding what a file held (``io.Saved``); the network's own checks name the file."""
    from nnd.util.errors import FileFormatError

    net = Network(saved.layer_sizes, backend=backend, bias=saved.biases is not None)
    try:  # the network's own checks too (e.g. numbers beyond ±1e30), naming the file
        net.lam = saved.lam
        for i, W in enumerate(saved.weights, start=1):
            setattr(net, f"W{i}", W)
        for i, b in enumerate(saved.biases or (), start=2):
            setattr(net, f"b{i}", [b])
    except ValueError as exc:
        raise FileFormatError(f"{saved.source}: not a valid nnd network file: {exc}") from None
    return net


def _check_depth(B: Backend, X: Array, y: Array, weights: Sequence[Array], sizes: tuple[int, ...]) -> None:
    """InvalidValueError if backpropagation through these weights could overflow float64.

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
        raise InvalidValueError(
            f"weights too large for a network of {len(weights) - 1} hidden layers: backpropagation "
            "multiplies the error by every layer's weights on its way back, and with these it could "
            "overflow float64; use smaller weights (or fewer layers)"
        )


def _check_lam(lam: Any) -> float | None:
    return checks.optional_number(lam, "lam", maximum=LIMIT)
