"""Two-dimensional teaching sets: two moons, two circles, XOR, and spirals, drawn from a seed.

Each function returns ``(X, y)``: ``X`` one row ``[x1, x2]`` per point, ``y`` its class.
The two-class sets (:func:`moons`, :func:`circles`, :func:`xor`) give ``y`` as one column
of 0.0 and 1.0, which a network with one sigmoid output learns, such as
``nnd.Network((2, 5, 1))``; :func:`spiral` gives one-hot rows, one column per class.

How the points are made, so that a picture of them can be explained:

- The shape is drawn in its own frame (given in each function's description), the
  points of each class spread evenly along it.
- Each point is moved by Gaussian noise of standard deviation ``noise`` in both
  directions (in the frame's units).
- Both coordinates are scaled into [0, 1], as the series scales its inputs for a sigmoid
  network: the frame's box, widened by ``4 × noise`` on every side, becomes the unit
  square, and the rare point farther out (beyond four standard deviations of the noise,
  about one coordinate in 16,000) is moved onto the square's edge. The scaling depends
  only on the shape and ``noise``, never on the points drawn, so two sets with different
  seeds (a training set and a test set) share it.

Points alternate between classes (point ``i`` is of class ``i % classes``), so the classes
are as balanced as ``n`` allows and any first part of a set has all of them. The same
``seed`` gives the same numbers on every Python version from 3.11: they come from
``random.Random(seed).random()``, the one method Python promises never to change
(Gaussian noise is computed from it here, by the Box–Muller formula); only ``math``'s sine,
cosine and logarithm, which come from the system's C library, may differ in the last digit
between systems. ``seed=None`` draws a new set each time.

>>> X, y = moons(n=4, noise=0.0)
>>> X[:2], y[:2]
([[0.6666666666666666, 0.3333333333333333], [0.3333333333333333, 0.6666666666666666]], [[0.0], [1.0]])
"""

from __future__ import annotations

import math

from nnd.data.labels import rows_of
from nnd.util.checks import integer, number
from nnd.util.checks import seed as check_seed
from nnd.util.errors import InvalidValueError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from random import Random

Rows = list[list[float]]
Point = tuple[float, float]

MAX_POINTS = 1_000_000
"""Most points a set may have (a million points are about 200 MB of Python lists)."""

MAX_NOISE = 10.0
"""Largest ``noise`` accepted: ten times the size of the shapes, where nothing of them is left."""

MAX_CLASSES = 1000
"""Most arms :func:`spiral` draws."""

TAIL = 4.0
"""The box around a shape is widened by this many standard deviations of noise on each side."""


def moons(n: int = 200, noise: float = 0.1, seed: int | None = 0) -> tuple[Rows, Rows]:
    """Two interleaved half circles: ``n`` points, ``y`` = 0.0 for the upper one, 1.0 for the lower one.

    Frame: class 0 lies on ``(cos t, sin t)`` and class 1 on ``(1 - cos t, 0.5 - sin t)``,
    with ``t`` spread evenly from 0 to π; the box is x from -1 to 2 and y from -0.5 to 1
    (with ``noise=0``: ``x1 = (x + 1) / 3``, ``x2 = (y + 0.5) / 1.5``). No straight line
    separates the two; a few hidden units do.

    >>> X, y = moons(n=100, noise=0.1, seed=1)
    >>> len(X), sum(row[0] for row in y)
    (100, 50.0)
    >>> moons(n=1)
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: n: expected an int >= 2 and <= 1,000,000, got 1
    """

    def point(c: int, j: int, m: int, rng: Random) -> Point:
        angle = math.pi * j / (m - 1) if m > 1 else 0.0
        if c == 0:
            return math.cos(angle), math.sin(angle)
        return 1.0 - math.cos(angle), 0.5 - math.sin(angle)

    return _generate(n, noise, seed, 2, point, ((-1.0, 2.0), (-0.5, 1.0)))


def circles(
    n: int = 200, noise: float = 0.05, seed: int | None = 0, factor: float = 0.5
) -> tuple[Rows, Rows]:
    """A circle inside another: ``n`` points, ``y`` = 0.0 on the outer circle, 1.0 on the inner one.

    Frame: class 0 lies on the circle of radius 1 around (0, 0), class 1 on the circle of
    radius ``factor`` (between 0 and 1, 0.5 unless given), the points of each spread evenly
    around it from angle 0; the box is x and y from -1 to 1 (with ``noise=0``:
    ``x1 = (x + 1) / 2``, ``x2 = (y + 1) / 2``).

    >>> X, y = circles(n=4, noise=0.0)
    >>> [[round(v, 6) for v in row] for row in X], y
    ([[1.0, 0.5], [0.75, 0.5], [0.0, 0.5], [0.25, 0.5]], [[0.0], [1.0], [0.0], [1.0]])
    """
    radius = number(factor, "factor", positive=True)
    if radius >= 1.0:
        raise InvalidValueError(f"factor: expected a number above 0 and below 1, got {radius!r}")

    def point(c: int, j: int, m: int, rng: Random) -> Point:
        r = 1.0 if c == 0 else radius
        angle = 2 * math.pi * j / m
        return r * math.cos(angle), r * math.sin(angle)

    return _generate(n, noise, seed, 2, point, ((-1.0, 1.0), (-1.0, 1.0)))


def xor(n: int = 200, noise: float = 0.1, seed: int | None = 0) -> tuple[Rows, Rows]:
    """Four squares like a chessboard: ``y`` = 1.0 where exactly one coordinate is positive, "x1 XOR x2".

    Frame: each point is at a random place (uniform) in one of the four squares between
    0.1 and 1 away from the axes, ``(±(0.1 + 0.9u), ±(0.1 + 0.9v))``; class 0 in the
    quadrants where the signs agree, class 1 where they differ, the quadrants of each class
    taking turns. The box is x and y from -1 to 1 (with ``noise=0``: ``x1 = (x + 1) / 2``,
    ``x2 = (y + 1) / 2``, so class 1 is where one of ``x1``, ``x2`` is above 0.5 and the
    other below). The problem a single layer cannot learn, and two layers can.

    >>> X, y = xor(n=200, noise=0.0)
    >>> all((x1 > 0.5) != (x2 > 0.5) for (x1, x2), (c,) in zip(X, y) if c == 1.0)
    True
    """

    def point(c: int, j: int, m: int, rng: Random) -> Point:
        sx, sy = (1.0, 1.0) if j % 2 == 0 else (-1.0, -1.0)
        if c == 1:
            sy = -sy
        return sx * (0.1 + 0.9 * rng.random()), sy * (0.1 + 0.9 * rng.random())

    return _generate(n, noise, seed, 2, point, ((-1.0, 1.0), (-1.0, 1.0)))


def spiral(n: int = 300, classes: int = 3, noise: float = 0.05, seed: int | None = 0) -> tuple[Rows, Rows]:
    """``classes`` spiral arms winding out from the middle: ``n`` points, ``y`` one-hot rows.

    Frame: the ``j``-th of the ``m`` points of class ``c`` is at radius ``r = (j + 1) / m``
    and angle ``2πc / classes + 4r`` (radians), that is ``(r cos a, r sin a)``; the box is x
    and y from -1 to 1 (with ``noise=0``: ``x1 = (x + 1) / 2``, ``x2 = (y + 1) / 2``).
    ``classes`` is at least 2 (3 unless given); the network needs one output unit per class,
    such as ``nnd.Network((2, 20, 3))``.

    >>> X, y = spiral(n=6, classes=3, noise=0.0)
    >>> y[:3]
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    >>> spiral(classes=1)
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: classes: expected an int >= 2 and <= 1,000, got 1
    """
    k = integer(classes, "classes", minimum=2, maximum=MAX_CLASSES)

    def point(c: int, j: int, m: int, rng: Random) -> Point:
        r = (j + 1) / m
        angle = 2 * math.pi * c / k + 4.0 * r
        return r * math.cos(angle), r * math.sin(angle)

    return _generate(n, noise, seed, k, point, ((-1.0, 1.0), (-1.0, 1.0)), one_hot=True)


def _generate(
    n: int,
    noise: float,
    seed: int | None,
    classes: int,
    point: Callable[[int, int, int, Random], Point],
    box: tuple[Point, Point],
    one_hot: bool = False,
) -> tuple[Rows, Rows]:
    """``n`` points, point ``i`` of class ``c = i % classes`` at ``point(c, j, m, rng)`` plus noise, scaled.

    ``j`` is the point's number within its class and ``m`` the class's number of points;
    ``box`` is the frame's ``((x_low, x_high), (y_low, y_high))``. ``y`` is one column of 0.0
    and 1.0 for two classes, one-hot rows if ``one_hot``.
    """
    import random

    count = integer(n, "n", minimum=classes, maximum=MAX_POINTS)
    sigma = number(noise, "noise", maximum=MAX_NOISE)
    rng = random.Random(check_seed(seed))
    margin = TAIL * sigma
    (x_low, x_high), (y_low, y_high) = box
    x_low, x_span = x_low - margin, x_high - x_low + 2 * margin
    y_low, y_span = y_low - margin, y_high - y_low + 2 * margin
    X: Rows = []
    labels: list[int] = []
    for i in range(count):
        c, j = i % classes, i // classes
        m = (count - c + classes - 1) // classes  # the points of class c
        x, y = point(c, j, m, rng)
        gx, gy = _gauss_pair(rng)  # drawn for noise=0 too, so that noise changes only the noise
        X.append([_unit((x + sigma * gx - x_low) / x_span), _unit((y + sigma * gy - y_low) / y_span)])
        labels.append(c)
    if one_hot:
        return X, rows_of(labels, classes)
    return X, [[float(c)] for c in labels]


def _gauss_pair(rng: Random) -> Point:
    """Two independent standard normal numbers from two of ``rng.random()`` (Box–Muller)."""
    radius = math.sqrt(-2.0 * math.log(1.0 - rng.random()))  # 1 - random() is in (0, 1]
    angle = 2.0 * math.pi * rng.random()
    return radius * math.cos(angle), radius * math.sin(angle)


def _unit(v: float) -> float:
    """``v`` moved into [0, 1] (for the rare point beyond the widened box)."""
    return 0.0 if v < 0.0 else 1.0 if v > 1.0 else v
