"""The python backend's inner loops, over matrices stored as lists of rows.

The cost of a small network is almost all short dot products, and in CPython a
function call per dot product (``math.sumprod``, or ``sum(map(mul, u, v))``)
costs more than its arithmetic. So for up to :data:`UNROLL` terms the sum is
written out in full, as source text compiled once per length and cached: for two
terms, ``products[2]`` is::

    lambda left, right: [[u0 * v0 + u1 * v1 for (v0, v1) in right] for (u0, u1) in left]

which on CPython 3.11 to 3.13 runs 2 to 6 times faster than a call per product.
Longer dot products use ``math.sumprod`` (Python 3.12+) or ``sum(map(mul, u, v))``.
The written-out sums add left to right, as ``sum`` does on Python 3.11; ``math.sumprod``
rounds a little better, so results can differ in the last bit or so.

Each kernel table maps a length k to a function; every u and v must hold k numbers:

>>> products[2]([[1.0, 2.0]], [(3.0, 4.0), (5.0, 6.0)])  # [[u·v for v in right] for u in left]
[[11.0, 17.0]]
>>> delta_products[1]([[2.0]], [(3.0,)], [[0.5]])  # (u·v) · a(1 − a), a from the third argument
[[1.5]]
"""

from __future__ import annotations

import sys
from math import exp
from operator import mul

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["UNROLL", "delta_products", "dot", "products", "sigmoid", "sigmoid_prime", "sigmoid_rows"]

UNROLL = 16
"""Dot products of up to this many terms are written out (measured: faster than a call to
``math.sumprod`` up to about 16 terms on CPython 3.12 and 3.13; on 3.11, which has no
``sumprod``, faster than ``sum(map(mul, u, v))`` well beyond 16)."""

if sys.version_info >= (3, 12):  # one C loop, and more accurate
    from math import sumprod as dot
else:  # Python 3.11

    def dot(u: Any, v: Any) -> float:
        """Σ u⊙v."""
        return sum(map(mul, u, v), 0.0)


def sigmoid(z: float) -> float:
    """f(z) = 1/(1 + e^-z) for one float, with no overflow for any float: nnd's one scalar sigmoid.

    It never exponentiates a positive number: 1/(1 + e^-z) for z ≥ 0, e^z/(1 + e^z) for z < 0.
    (:func:`sigmoid_rows` writes the same expression inline, to spare a call per element.)

    >>> sigmoid(0.0), sigmoid(-1000.0), sigmoid(1000.0)
    (0.5, 0.0, 1.0)
    """
    if z >= 0.0:
        return 1.0 / (1.0 + exp(-z))
    e = exp(z)
    return e / (1.0 + e)


def sigmoid_prime(z: float) -> float:
    """f′(z) = e^-z/(1 + e^-z)² for one float, written with e^-|z| ≤ 1 so that nothing overflows.

    Rounding can put it one ulp above its true maximum ¼ (near z = 0), so it is clamped.

    >>> sigmoid_prime(0.0), sigmoid_prime(1000.0)
    (0.25, 0.0)
    """
    e = exp(-abs(z))
    return min(0.25, e / ((1.0 + e) * (1.0 + e)))


def sigmoid_rows(rows: list[Any]) -> list[Any]:
    """f(z) = 1/(1 + e^-z) for every z of a list of rows, with no overflow for any float.

    It never exponentiates a positive number: 1/(1 + e^-z) for z ≥ 0, e^z/(1 + e^z) for z < 0.

    >>> sigmoid_rows([[0.0, -1000.0, 1000.0]])
    [[0.5, 0.0, 1.0]]
    """
    return [[1.0 / (1.0 + exp(-z)) if z >= 0.0 else (e := exp(z)) / (1.0 + e) for z in r] for r in rows]


# The kernels' source. {u} and {v} are the loop targets that unpack a row of k numbers
# (u0, u1, ...), and {uv} is their dot product: written out, u0 * v0 + u1 * v1 + ...,
# or dot(u, v) for the general kernel.
_PRODUCTS = "lambda left, right: [[{uv} for {v} in right] for {u} in left]"
_DELTA_PRODUCTS = (
    "lambda left, right, a: [[({uv}) * (x * (1.0 - x)) for {v}, x in zip(right, a_row)]"
    " for {u}, a_row in zip(left, a)]"
)


def _compile(source: str) -> Callable[..., list[Any]]:
    kernel: Callable[..., list[Any]] = eval(source, {"exp": exp, "dot": dot})  # trusted text: built from ints
    return kernel


def _unrolled(template: str, k: int) -> Callable[..., list[Any]]:
    """The kernel with k-term dot products written out: for k = 2, {u} is (u0, u1) and
    {uv} is u0 * v0 + u1 * v1."""
    comma = "," if k == 1 else ""  # (u0,) unpacks a row of one
    u = "(" + ", ".join(f"u{i}" for i in range(k)) + comma + ")"
    v = "(" + ", ".join(f"v{i}" for i in range(k)) + comma + ")"
    uv = " + ".join(f"u{i} * v{i}" for i in range(k))
    return _compile(template.format(u=u, v=v, uv=uv))


class _Kernels(dict):  # type: ignore[type-arg]  # k -> kernel
    """k -> the kernel for k-term dot products, compiled on first use."""

    def __init__(self, template: str) -> None:
        super().__init__()
        self.template = template
        self.general = _compile(template.format(u="u", v="v", uv="dot(u, v)"))

    def __missing__(self, k: int) -> Callable[..., list[Any]]:
        kernel = _unrolled(self.template, k) if 1 <= k <= UNROLL else self.general
        self[k] = kernel
        return kernel


products = _Kernels(_PRODUCTS)
"""``products[k](left, right)`` = ``[[u·v for v in right] for u in left]``."""

delta_products = _Kernels(_DELTA_PRODUCTS)
"""``delta_products[k](left, right, a)`` = ``[[(u·v)·(x(1 − x)) for v, x in zip(right, a_row)]
for u, a_row in zip(left, a)]``: each row of left·rightᵀ times the same row of a(1 − a), the
hidden layer's delta (delta·Wᵀ) ⊙ a(1 − a) in one pass."""
