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
from collections.abc import Sequence
from typing import Any

from nnd.draw.params import parameter_arrays
from nnd.network import Network, check_network
from nnd.util import checks
from nnd.util.checks import shown
from nnd.util.errors import InvalidTypeError, InvalidValueError

WeightSpec = tuple[str, tuple[int, int]]


def flat_index(net: Network, name: object, index: object, what: str = "weight") -> int:
    """Where weight ``name[index]`` (e.g. ``"W1"``, ``(0, 2)``; ``"b2"``, ``(0, 1)`` for a bias) sits in
    ``net.get_params()``: the weights row by row, then the biases.

    >>> import nnd
    >>> flat_index(nnd.Network(), "W2", (1, 0))
    7
    """
    sizes = net.layer_sizes
    shapes = {f"W{k}": (sizes[k - 1], sizes[k]) for k in range(1, len(sizes))}
    if getattr(net, "bias", False):
        shapes.update({f"b{k}": (1, sizes[k - 1]) for k in range(2, len(sizes) + 1)})
    names = list(shapes)
    if not isinstance(name, str):  # a dict or a list cannot even be looked up
        raise InvalidTypeError(f"{what}: expected a name such as 'W1', got {checks.describe(name)}")
    if name not in shapes:
        raise InvalidValueError(f"{what}: expected one of {', '.join(names)}, got {shown(name)}")
    rows, columns = shapes[str(name)]
    pair = checks.sequence(index, f"{what} index", "(0, 1)")
    if len(pair) != 2:
        raise InvalidValueError(f"{what} index: expected (row, column), got {shown(index)}")
    row = checks.integer(pair[0], f"{what} index")
    column = checks.integer(pair[1], f"{what} index")
    if not (row < rows and column < columns):
        raise InvalidValueError(
            f"{what} index: expected (row, column) within {name}'s shape ({rows}, {columns}), "
            f"got {shown(index)}"
        )
    offset = 0
    for other in names[: names.index(str(name))]:
        offset += shapes[other][0] * shapes[other][1]
    return offset + row * columns + column


class Probe:
    """J of ``net`` on (X, y) with the weights ``specs`` set to given values, the rest as they are.

    Works on a copy: ``net`` itself is never changed.
    """

    def __init__(self, net: Network, X: Any, y: Any, specs: Sequence[WeightSpec]) -> None:
        check_network(net)
        weights, biases = parameter_arrays(net)  # checked: NaN put in place is refused here
        self.net = copy.copy(net)
        self.X, self.y = self.net.check_data(X, y)
        self.params = [v for arrays in (weights, biases) for A in arrays for row in A for v in row]
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
