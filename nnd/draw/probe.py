"""The cost as a function of chosen weights, the others held fixed (for sweeps and surfaces).

>>> import nnd
>>> X, y = nnd.data.sleep_study()
>>> net = nnd.Network(seed=0)
>>> probe = Probe(net, X, y, [("W1", (0, 0))])
>>> probe.start == [net.backend.tolist(net.W1)[0][0]], probe.cost(probe.start) == net.cost(X, y)
(True, True)
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Sequence
from typing import Any

from nnd.network import Network
from nnd.util.errors import InvalidTypeError, InvalidValueError

WeightSpec = tuple[str, tuple[int, int]]


def check_network(net: Any, name: str = "net") -> Network:
    """``net`` itself if it is an ``nnd.Network``; a TypeError naming ``name`` and what came otherwise."""
    if not isinstance(net, Network):
        raise InvalidTypeError(f"{name}: expected an nnd.Network, got {type(net).__name__}")
    return net


def flat_index(net: Network, name: object, index: object, what: str = "weight") -> int:
    """Where weight ``name[index]`` (e.g. ``"W1"``, ``(0, 2)``) sits in ``net.get_params()``.

    >>> import nnd
    >>> flat_index(nnd.Network(), "W2", (1, 0))
    7
    """
    names = [f"W{k}" for k in range(1, len(net.layer_sizes))]
    if name not in names:
        raise InvalidValueError(f"{what}: expected one of {', '.join(names)}, got {name!r}")
    k = names.index(name)
    rows, columns = net.layer_sizes[k], net.layer_sizes[k + 1]
    if (
        not isinstance(index, Sequence)
        or len(index) != 2
        or not all(isinstance(i, numbers.Integral) and not isinstance(i, bool) for i in index)
        or not (0 <= index[0] < rows and 0 <= index[1] < columns)
    ):
        raise InvalidValueError(
            f"{what} index: expected (row, column) within {name}'s shape ({rows}, {columns}), got {index!r}"
        )
    offset = sum(a * b for a, b in zip(net.layer_sizes[:k], net.layer_sizes[1 : k + 1]))
    return int(offset + int(index[0]) * columns + int(index[1]))


class Probe:
    """J of ``net`` on (X, y) with the weights ``specs`` set to given values, the rest as they are.

    Works on a copy: ``net`` itself is never changed.
    """

    def __init__(self, net: Network, X: Any, y: Any, specs: Sequence[WeightSpec]) -> None:
        check_network(net)
        self.net = copy.copy(net)
        self.X, self.y = self.net.check_data(X, y)
        self.params = [float(v) for v in net.backend.tolist(net.get_params())]
        self.where = [flat_index(net, name, index) for name, index in specs]
        self.start = [self.params[p] for p in self.where]

    def _set(self, values: Sequence[float]) -> None:
        params = self.params[:]
        for p, v in zip(self.where, values):
            params[p] = float(v)
        self.net.set_params(params)

    def cost(self, values: Sequence[float]) -> float:
        """J with the chosen weights set to ``values``."""
        self._set(values)
        return self.net.cost(self.X, self.y)

    def cost_and_gradient(self, values: Sequence[float]) -> tuple[float, list[float]]:
        """J and its derivatives with respect to the chosen weights only."""
        self._set(values)
        J, grads = self.net.cost_and_gradients(self.X, self.y)
        flat = self.net.flatten(grads)
        return J, [flat[p] for p in self.where]
