"""Draw a digit: a drawing reduced to 8 × 8 as the digits of :func:`nnd.data.digits` were, and read.

The digits nnd ships were made from 32 × 32 bitmaps, each digit written on a form, scaled
to fill the square and centred; each 4 × 4 block of the bitmap became one pixel, the number
of its inked bits (0 to 16), and nnd divides that by 16. A drawing goes the same way:

- :func:`rasterize`: strokes (lists of points, in any units, such as a canvas's pixels,
  y downward) become a 32 × 32 bitmap of 0 and 1. The drawing is scaled, keeping its shape,
  so that its longer side fills the square (the shorter one is centred), and every bit
  within :data:`PEN` bitmap pixels of a stroke is inked;
- :func:`reduce`: a 32 × 32 bitmap (32 rows of 32, or 1,024 values row by row; or 16 × 16,
  each pixel then counting as 2 × 2 bits) becomes 64 pixels, each the inked bits of its
  4 × 4 block divided by 16. A value counts as inked from 0.5 up;
- :func:`train` trains a network on the shipped digits (minibatch gradient descent, a few
  epochs) and keeps it here under a ``key``; :func:`read` reads a drawing with it.

>>> block = [[1 if r < 4 and c < 4 else 0 for c in range(32)] for r in range(32)]
>>> pixels = reduce(block)
>>> pixels[0], sum(pixels)
(1.0, 1.0)
>>> bits = rasterize([[[10, 0], [10, 100]]])  # a vertical line: a "1"
>>> sum(map(sum, bits)) > 0, [sum(row) > 0 for row in bits] == [True] * 32
(True, True)
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from typing import Any

from nnd.network import Network
from nnd.util import checks
from nnd.util.checks import LIMIT, describe, shown
from nnd.util.errors import InvalidTypeError, InvalidValueError

SIDE = 32
"""The bitmap's side, in bits."""
BLOCK = 4
"""The side of the block that makes one pixel."""
PEN = 2.0
"""The pen's radius, in bits of the 32 × 32 bitmap: strokes about 4 bits wide, as in the shipped digits."""
MAX_STROKES = 200
MAX_POINTS = 20_000
"""Most points of all strokes together."""
MAX_SESSIONS = 4
"""Most trained networks kept at once (one per key)."""
MAX_HIDDEN = 100
MAX_EPOCHS = 50

_NETWORKS: OrderedDict[str, tuple[Network, dict[str, Any]]] = OrderedDict()


def rasterize(strokes: Any) -> list[list[int]]:
    """A 32 × 32 bitmap (rows of 0 and 1, the top row first) of ``strokes``, scaled to fill it.

    ``strokes`` is a list of strokes, each a list of ``[x, y]`` points (y downward, as on a
    screen); a stroke of one point is a dot. The longer side of the drawing's box is scaled
    to the square's side less the pen's width; the drawing is centred. No strokes, or
    strokes without points, give an empty bitmap.

    >>> bits = rasterize([[[0, 0]]])  # a dot: in the middle
    >>> bits[16][16], bits[0][0]
    (1, 0)
    >>> rasterize([[[0, "a"]]])
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: strokes[0][0][1]: expected a real number, got str 'a'
    """
    lines = _strokes(strokes)
    bits = [[0] * SIDE for _ in range(SIDE)]
    points = [p for line in lines for p in line]
    if not points:
        return bits
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x_lo, x_hi, y_lo, y_hi = min(xs), max(xs), min(ys), max(ys)
    span = max(x_hi - x_lo, y_hi - y_lo)
    room = SIDE - 2 * PEN  # centre lines within [PEN, SIDE - PEN]: ink reaches the edges
    scale = room / span if span > 0 else 0.0
    x_mid, y_mid = (x_lo + x_hi) / 2, (y_lo + y_hi) / 2
    placed = [
        [((x - x_mid) * scale + SIDE / 2, (y - y_mid) * scale + SIDE / 2) for x, y in line] for line in lines
    ]
    r2 = PEN * PEN
    for line in placed:
        segments = list(zip(line, line[1:])) or [(line[0], line[0])]
        for (ax, ay), (bx, by) in segments:
            dx, dy = bx - ax, by - ay
            length2 = dx * dx + dy * dy
            rows = range(max(0, int(min(ay, by) - PEN)), min(SIDE, int(max(ay, by) + PEN) + 1))
            cols = range(max(0, int(min(ax, bx) - PEN)), min(SIDE, int(max(ax, bx) + PEN) + 1))
            for r in rows:
                py = r + 0.5
                for c in cols:
                    px = c + 0.5
                    along = ((px - ax) * dx + (py - ay) * dy) / length2 if length2 else 0.0
                    t = max(0.0, min(1.0, along))  # the nearest point of the segment
                    ex, ey = ax + t * dx - px, ay + t * dy - py
                    if ex * ex + ey * ey <= r2:
                        bits[r][c] = 1
    return bits


def reduce(bitmap: Any) -> list[float]:
    """The 64 pixels (row by row, top left first) of a 32 × 32 or 16 × 16 bitmap, in [0, 1].

    Each pixel is the number of inked bits in its 4 × 4 block, divided by 16, as
    :func:`nnd.data.digits` scales them (a 16 × 16 bitmap's pixel counts as 2 × 2 bits).
    ``bitmap`` is rows (32 of 32, or 16 of 16) or all the values in one list (1,024 or
    256); a value counts as inked when it is at least 0.5.

    >>> reduce([1] * 1024) == [1.0] * 64
    True
    >>> reduce([[1] * 8] * 8)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: bitmap: expected 32 rows of 32 or 16 rows of 16 ..., got rows of 8 × 8
    """
    rows, shape = checks.as_nested(bitmap, "bitmap")
    if len(shape) == 1:
        side = math.isqrt(len(rows))
        if len(rows) not in (SIDE * SIDE, 256):
            raise InvalidValueError(
                f"bitmap: expected 1,024 values (32 × 32) or 256 (16 × 16) in one list, got {len(rows):,}"
            )
        rows = [rows[r * side : (r + 1) * side] for r in range(side)]
    elif shape not in ((SIDE, SIDE), (16, 16)):
        raise InvalidValueError(
            "bitmap: expected 32 rows of 32 or 16 rows of 16 values (or 1,024 or 256 in one list), "
            f"got rows of {shape[0]} × {shape[1]}"
        )
    side = len(rows)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if not 0.0 <= v <= 1.0:
                raise InvalidValueError(f"bitmap[{r}][{c}]: expected a value from 0 to 1, got {shown(v)}")
    weight = (SIDE // side) ** 2  # bits per value: 1, or 4 for 16 × 16
    block = side // 8
    pixels = []
    for R in range(8):
        for C in range(8):
            inked = sum(
                weight
                for r in range(R * block, (R + 1) * block)
                for c in range(C * block, (C + 1) * block)
                if rows[r][c] >= 0.5
            )
            pixels.append(inked / (BLOCK * BLOCK))
    return pixels


def pixels(strokes: Any) -> list[float]:
    """``reduce(rasterize(strokes))``: a drawing as the 64 pixels a digits network reads.

    >>> len(pixels([[[0, 0], [0, 10]]]))
    64
    """
    return reduce(rasterize(strokes))


def train(
    key: str = "digit", *, hidden: int = 16, epochs: int = 3, learning_rate: float = 3.0, seed: int = 0
) -> dict[str, Any]:
    """Train a 64-``hidden``-10 network with biases on the shipped digits and keep it under ``key``.

    Minibatch gradient descent, batches of 10, ``epochs`` epochs (``nnd.train(...,
    method="sgd")``). A network already kept under ``key`` with the same options is not
    trained again. Returns ``{"key", "layers", "epochs", "accuracy" (on the 355 test
    digits), "ms" (how long training took here), "cached"}``.

    >>> info = train("doc")  # about a second
    >>> info["layers"], info["accuracy"] > 0.85
    ([64, 16, 10], True)
    >>> train("doc")["cached"]
    True
    """
    import nnd

    name = _key(key)
    size = checks.integer(hidden, "hidden", minimum=1, maximum=MAX_HIDDEN)
    rounds = checks.integer(epochs, "epochs", minimum=1, maximum=MAX_EPOCHS)
    rate = checks.number(learning_rate, "learning_rate", positive=True, maximum=100.0)
    start = checks.integer(seed, "seed", minimum=0)
    options: dict[str, Any] = {"hidden": size, "epochs": rounds, "learning_rate": rate, "seed": start}
    kept = _NETWORKS.get(name)
    if kept is not None and all(kept[1][k] == v for k, v in options.items()):
        _NETWORKS.move_to_end(name)
        return {**kept[1], "cached": True}
    started = time.perf_counter()
    trainX, trainY, testX, testY = nnd.data.digits()
    net = Network((64, size, 10), seed=start, bias=True, lam=0.0)
    nnd.train(net, trainX, trainY, method="sgd", epochs=rounds, batch_size=10, learning_rate=rate, seed=start)
    truth = nnd.data.labels_of(testY)
    accuracy = sum(p == t for p, t in zip(net.predict_class(testX), truth)) / len(truth)
    info = {
        **options,
        "key": name,
        "layers": list(net.layer_sizes),
        "accuracy": accuracy,
        "ms": (time.perf_counter() - started) * 1000.0,
    }
    _NETWORKS[name] = (net, info)
    while len(_NETWORKS) > MAX_SESSIONS:
        _NETWORKS.popitem(last=False)
    return {**info, "cached": False}


def read(key: str = "digit", strokes: Any = None, bitmap: Any = None) -> dict[str, Any]:
    """Read a drawing (``strokes``, or a ``bitmap``) with the network trained under ``key``.

    Trains one with :func:`train`'s defaults first if there is none. Returns
    ``{"pixels": the 64 pixels read, "outputs": the ten output units' values,
    "prediction": the digit of the largest output (None for an empty drawing), "ms"}``.

    >>> answer = read("doc", strokes=[[[0, 0], [0, 10]]])
    >>> len(answer["pixels"]), len(answer["outputs"]), answer["prediction"] in range(10)
    (64, 10, True)
    """
    name = _key(key)
    if (strokes is None) == (bitmap is None):
        raise InvalidValueError("read: expected strokes or a bitmap (one of them)")
    image = pixels(strokes) if bitmap is None else reduce(bitmap)
    started = time.perf_counter()
    if name not in _NETWORKS:
        train(name)
    net = _NETWORKS[name][0]
    _NETWORKS.move_to_end(name)
    outputs = [float(v) for v in net.backend.tolist(net.forward([image]))[0]]
    prediction = max(range(10), key=outputs.__getitem__) if any(image) else None
    return {
        "pixels": image,
        "outputs": outputs,
        "prediction": prediction,
        "ms": (time.perf_counter() - started) * 1000.0,
    }


def _key(key: Any) -> str:
    name = checks.text(key, "key")
    if not 0 < len(name) <= 100:
        raise InvalidValueError(f"key: expected a name of 1 to 100 characters, got {shown(name)}")
    return name


def _strokes(value: Any) -> list[list[tuple[float, float]]]:
    lines = checks.sequence(value, "strokes", "[[[x, y], [x, y], ...], ...]")
    if len(lines) > MAX_STROKES:
        raise InvalidValueError(f"strokes: expected at most {MAX_STROKES} strokes, got {len(lines):,}")
    out: list[list[tuple[float, float]]] = []
    total = 0
    for i, line in enumerate(lines):
        points = checks.sequence(line, f"strokes[{i}]", "[[x, y], [x, y], ...]")
        total += len(points)
        if total > MAX_POINTS:
            raise InvalidValueError(f"strokes: expected at most {MAX_POINTS:,} points in all, got more")
        placed = []
        for j, point in enumerate(points):
            pair = checks.sequence(point, f"strokes[{i}][{j}]", "[x, y]")
            if len(pair) != 2:
                raise InvalidValueError(f"strokes[{i}][{j}]: expected a point [x, y], got {shown(point)}")
            x, y = (_coordinate(v, f"strokes[{i}][{j}][{k}]") for k, v in enumerate(pair))
            placed.append((x, y))
        if placed:
            out.append(placed)
    return out


def _coordinate(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTypeError(f"{name}: expected a real number, got {describe(value)} {shown(value)}")
    return checks.number(value, name, minimum=-LIMIT, maximum=LIMIT)
