"""A network's parameters as the pictures read them: checked, as rows of floats.

(Kept apart from :mod:`nnd.draw.probe` and free of imports from :mod:`nnd.network`, so that the
network's own picture, drawn for Jupyter, does not lengthen the import circle between the
network and its display.)

>>> import nnd
>>> weights, biases = parameter_arrays(nnd.Network((2, 3, 1), seed=0))
>>> [len(W) for W in weights], [len(W[0]) for W in weights], biases
([2, 3], [3, 1], [])
"""

from __future__ import annotations

from typing import Any

from nnd.util.errors import InvalidValueError

Rows = list[list[float]]


def parameter_arrays(net: Any) -> tuple[list[Rows], list[Rows]]:
    """The weights and biases of ``net`` (an ``nnd.Network``, checked by the caller) as rows of
    floats, read through ``net.checked_params()``: a weight changed in place to NaN, an
    infinity or beyond ±1e30 is refused with an ``InvalidValueError`` naming its array."""
    try:
        weights, biases = net.checked_params()
    except ValueError as exc:  # every refusal of nnd's is an NNDError, whichever module raised it
        if isinstance(exc, InvalidValueError):
            raise
        raise InvalidValueError(str(exc)) from None
    rows = net.backend.tolist
    return (
        [[[float(v) for v in row] for row in rows(W)] for W in weights],
        [[[float(v) for v in row] for row in rows(b)] for b in biases],
    )
