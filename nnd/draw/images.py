"""Pictures of real data and of what a network learned from it: images in a grid (digits), each
hidden unit's incoming weights as an image, and a confusion matrix.

Images are drawn as tiles: squares of pixels, grey for data, blue and vermillion for signed
weights, each tile on its own light ground (an image reads the same on a light page and on a
dark one). The pixels of all tiles are a few ``<path>`` elements, one per shade, so a hundred
8 × 8 digits make a file of a few tens of kilobytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from nnd.draw.params import parameter_arrays
from nnd.draw.svg import (
    INK,
    MUTED,
    NEGATIVE,
    ON_LIGHT,
    POSITIVE,
    SVG,
    document,
    element,
    heading,
    mix,
    num,
    text,
    text_width,
)
from nnd.network import Network, check_network
from nnd.util import checks
from nnd.util.checks import shown
from nnd.util.errors import InvalidValueError

MAX_IMAGES = 400
"""The most tiles one picture draws (a picture of more would be too large to read or to load)."""

_GREYS = 16  # shades of grey, paper to black
_SIGNED = 8  # shades of each sign for weights
_MARGIN = 16.0
_TOP = 44.0


def _side(length: int, name: str) -> int:
    side = math.isqrt(length)
    if side * side != length or side < 2:
        raise InvalidValueError(
            f"{name}: expected rows of a square number of pixels (64 for 8 × 8, 784 for 28 × 28), "
            f"got rows of {length}"
        )
    return side


def _images(X: Any, name: str) -> tuple[list[list[float]], int]:
    rows, shape = checks.as_nested(X, name)
    if len(shape) == 1:  # one image
        rows = [rows]
    if len(rows) > MAX_IMAGES:
        raise InvalidValueError(
            f"{name}: expected at most {MAX_IMAGES} images in one picture, got {len(rows)}; "
            f"draw a slice, {name}[:{MAX_IMAGES}]"
        )
    return rows, _side(len(rows[0]), name)


def classes(values: Any, name: str, count: int) -> list[int | str]:
    """One class per image from ``values``: class numbers (ints), names (strings), or rows whose
    largest entry marks the class (one-hot targets, a network's outputs).

    >>> classes([3, 1], "labels", 2), classes([[0, 1], [1, 0]], "labels", 2), classes(["a"], "labels", 1)
    ([3, 1], [1, 0], ['a'])
    """
    items = checks.sequence(values, name, "[3, 1, 4]") if not hasattr(values, "tolist") else None
    if items is not None and items and all(isinstance(v, str) for v in items):
        out: list[int | str] = list(items)
    else:
        rows, shape = checks.as_nested(values, name)
        if len(shape) == 2 and shape[1] > 1:
            out = [max(range(len(row)), key=row.__getitem__) for row in rows]
        else:
            flat = rows if len(shape) == 1 else [row[0] for row in rows]
            out = []
            for k, v in enumerate(flat):
                if v != int(v) or v < 0:
                    raise InvalidValueError(
                        f"{name}[{k}]: expected a class number (an int >= 0), got {shown(v)}"
                    )
                out.append(int(v))
    if len(out) != count:
        raise InvalidValueError(f"{name}: expected one per image ({count}), got {len(out)}")
    return out


def _layout(count: int, columns: Any, size: Any) -> tuple[int, int, float]:
    columns = (
        min(count, 10) if columns is None else checks.integer(columns, "columns", minimum=1, maximum=100)
    )
    size = 48.0 if size is None else checks.number(size, "size", minimum=8.0, maximum=400.0)
    return min(columns, count), math.ceil(count / min(columns, count)), size


def _pixels(
    tiles: Sequence[tuple[float, float, Sequence[int]]], side: int, size: float, colours: Sequence[str | None]
) -> list[str]:
    """One ``<path>`` per shade with every pixel of that shade, of every tile.

    ``tiles`` holds each tile's top-left corner (picture units) and its pixels' shades (row by
    row; shade 0 is not drawn: the tile's ground shows). Coordinates are written in pixels
    (a transform scales them), so each pixel costs a few characters; a run of equal pixels in
    a row is one rectangle.
    """
    k = size / side
    paths: dict[int, list[str]] = {}
    for x0, y0, shades in tiles:
        ox, oy = x0 / k, y0 / k  # the tile's corner in pixel units
        for r in range(side):
            c = 0
            while c < side:
                shade = shades[r * side + c]
                start = c
                while c < side and shades[r * side + c] == shade:
                    c += 1
                if colours[shade] is not None:
                    paths.setdefault(shade, []).append(
                        f"M{ox + start:.3f} {oy + r:.3f}h{c - start}v1h-{c - start}z"
                    )
    out = [
        element("path", {"d": "".join(d).replace(".000", ""), "fill": colours[shade], "class": "pixels"})
        for shade, d in sorted(paths.items())
    ]
    return [element("g", {"transform": f"scale({k:.6g})", "shape-rendering": "crispEdges"}, out)]


def _scale01(values: Sequence[float], lo: float, hi: float) -> list[float]:
    """``values`` from ``lo`` (0) to ``hi`` (1), for any finite ``lo < hi`` (halved if hi − lo overflows)."""
    span = hi - lo
    if math.isfinite(span):
        return [min(1.0, max(0.0, (v - lo) / span)) for v in values]
    half = hi / 2 - lo / 2
    return [min(1.0, max(0.0, (v / 2 - lo / 2) / half)) for v in values]


def digits(
    X: Any,
    labels: Any = None,
    predictions: Any = None,
    *,
    columns: int | None = None,
    size: float | None = None,
    title: str | None = None,
) -> SVG:
    """Images in a grid, each with its label and, if given, the prediction; mistakes marked.

    ``X`` holds one image per row, its pixels row by row: any square number of them (64 for
    the 8 × 8 digits of ``nnd.data.digits()``, 784 for MNIST's 28 × 28), drawn in grey from
    white (the smallest value, or 0) to black (the largest), on one scale for all images.
    ``labels`` and ``predictions`` are one class per image: class numbers, names, or rows
    whose largest entry is the class (one-hot targets, a network's outputs — so
    ``net.forward(X)`` will do). Each image gets its label under it; where the prediction
    differs, the image has a red frame and the wrong guess beside the label ("7 → 1").
    ``columns`` images per row (default up to 10), each ``size`` picture units wide
    (default 48); at most 400 images.

    >>> svg = digits([[0.0] * 64, [1.0] * 64, [0.5] * 64], labels=[0, 1, 2], predictions=[0, 1, 7])
    >>> svg.count('class="tile"'), svg.count('class="mistake"'), "2 → 7" in svg
    (3, 1, True)
    """
    rows, side = _images(X, "X")
    m = len(rows)
    truth = classes(labels, "labels", m) if labels is not None else None
    guess = classes(predictions, "predictions", m) if predictions is not None else None
    if title is not None:
        title = checks.text(title, "title")
    per_row, row_count, tile = _layout(m, columns, size)
    values = [v for row in rows for v in row]
    lo, hi = min(0.0, min(values)), max(values)
    if not hi > lo:
        hi = lo + 1.0
    k = tile / side
    gap_x, gap_y = math.ceil(10 / k) * k, math.ceil((30 if guess is not None else 22) / k) * k  # whole pixels
    width = max(2 * _MARGIN + per_row * tile + (per_row - 1) * gap_x, 280.0)
    height = _TOP + row_count * (tile + gap_y) + 8
    colours: list[str | None] = [None] + [
        mix("#ffffff", "#000000", s / (_GREYS - 1)) for s in range(1, _GREYS)
    ]
    tiles, body, marks = [], [], []
    wrong = 0
    for i, row in enumerate(rows):
        x0 = _MARGIN + (i % per_row) * (tile + gap_x)
        y0 = _TOP + (i // per_row) * (tile + gap_y)
        shades = [min(_GREYS - 1, int(t * _GREYS)) for t in _scale01(row, lo, hi)]
        tiles.append((x0, y0, shades))
        tip = (
            f"image {i}"
            + (f": {truth[i]}" if truth is not None else "")
            + (f", predicted {guess[i]}" if guess is not None else "")
        )
        body.append(
            element(
                "rect",
                {
                    "x": x0,
                    "y": y0,
                    "width": tile,
                    "height": tile,
                    "fill": "#ffffff",
                    "stroke": "#bbbbbb",
                    "class": "tile",
                    "data-index": i,
                },
                [element("title", None, tip)],
            )
        )
        cx, cy = x0 + tile / 2, y0 + tile + 14
        mistake = truth is not None and guess is not None and truth[i] != guess[i]
        if truth is not None:
            if mistake:
                wrong += 1
                marks.append(
                    element(
                        "rect",
                        {
                            "x": x0 - 1.5,
                            "y": y0 - 1.5,
                            "width": tile + 3,
                            "height": tile + 3,
                            "fill": "none",
                            "stroke": NEGATIVE,
                            "stroke-width": 2.5,
                            "class": "mistake",
                            "data-index": i,
                        },
                    )
                )
                caption = f"{truth[i]} → {guess[i]}"  # type: ignore[index]
                marks.append(
                    text(
                        cx,
                        cy,
                        caption,
                        size=_caption(caption, tile + gap_x),
                        anchor="middle",
                        fill=NEGATIVE,
                        font_weight="600",
                        class_="label wrong",
                        data_index=i,
                    )
                )
            else:
                caption = str(truth[i])
                marks.append(
                    text(
                        cx,
                        cy,
                        caption,
                        size=_caption(caption, tile + gap_x),
                        anchor="middle",
                        class_="label",
                        data_index=i,
                    )
                )
        elif guess is not None:
            caption = f"→ {guess[i]}"
            marks.append(
                text(
                    cx,
                    cy,
                    caption,
                    size=_caption(caption, tile + gap_x),
                    anchor="middle",
                    class_="label guess",
                    data_index=i,
                )
            )
    body += _pixels(tiles, side, tile, colours)
    body += marks
    if title is None:
        what = f"{m} image{'s' if m != 1 else ''} of {side} × {side} pixels"
        if truth is not None and guess is not None:
            title = f"{what}: {m - wrong} read right, {wrong} misread (red frame: label → guess)"
        else:
            title = what
    return document(width, height, title, [heading(title, width), *body])


def _caption(caption: str, room: float) -> float:
    return max(7.0, min(12.0, round(room / max(text_width(caption, 1.0), 0.1) - 0.05, 1)))


def hidden_units(
    net: Network,
    *,
    layer: int = 2,
    columns: int | None = None,
    size: float | None = None,
    title: str | None = None,
) -> SVG:
    """Each unit's incoming weights as an image: what the units of ``layer`` look for in their input.

    Unit j of layer ``layer`` (2 is the first hidden layer, a2) weighs its inputs by column
    j of W(layer − 1); with 64 inputs that column is an 8 × 8 image, laid out as the input
    images are. Positive weights are blue, negative vermillion, stronger for a larger
    ``|w|``, on one scale shared by all units (the key gives it), so units can be compared.
    The layer below must have a square number of units. ``columns``, ``size``: as for
    :func:`digits`. Weights changed in place to NaN are refused, naming the array.

    >>> import nnd
    >>> svg = hidden_units(nnd.Network((64, 6, 10), seed=0))
    >>> svg.count('class="tile"'), "a2[5]" in svg
    (6, True)
    """
    check_network(net)
    sizes = net.layer_sizes
    layer = checks.integer(layer, "layer", minimum=2, maximum=len(sizes))
    if title is not None:
        title = checks.text(title, "title")
    weights, biases = parameter_arrays(net)
    W = weights[layer - 2]
    n_in, units = sizes[layer - 2], sizes[layer - 1]
    side = _side(n_in, f"layer {layer}'s inputs")
    if units > MAX_IMAGES:
        raise InvalidValueError(
            f"layer: layer {layer} has {units} units, more than the {MAX_IMAGES} one picture draws"
        )
    per_row, row_count, tile = _layout(units, columns, size)
    peak = max((abs(w) for row in W for w in row), default=0.0) or 1.0
    colours: list[str | None] = [None]
    colours += [mix("#ffffff", POSITIVE, (s + 1) / _SIGNED) for s in range(_SIGNED)]
    colours += [mix("#ffffff", NEGATIVE, (s + 1) / _SIGNED) for s in range(_SIGNED)]

    def shade(w: float) -> int:
        t = min(1.0, abs(w) / peak)
        s = min(_SIGNED - 1, int(t * _SIGNED + 0.5) - 1)  # shade 0 (not drawn) for |w| below half a step
        return 0 if s < 0 else 1 + s if w > 0 else 1 + _SIGNED + s

    k = tile / side
    gap_x, gap_y = math.ceil(10 / k) * k, math.ceil(22 / k) * k
    key_height = 46.0
    width = max(2 * _MARGIN + per_row * tile + (per_row - 1) * gap_x, 300.0)
    height = _TOP + row_count * (tile + gap_y) + key_height
    name = "yHat" if layer == len(sizes) else f"a{layer}"
    tiles, body, labels = [], [], []
    for j in range(units):
        x0 = _MARGIN + (j % per_row) * (tile + gap_x)
        y0 = _TOP + (j // per_row) * (tile + gap_y)
        column = [W[i][j] for i in range(n_in)]
        tiles.append((x0, y0, [shade(w) for w in column]))
        tip = f"{name}[{j}]: weights from {min(column):.3g} to {max(column):.3g}"
        if biases:
            tip += f", bias {biases[layer - 2][0][j]:.3g}"
        body.append(
            element(
                "rect",
                {
                    "x": x0,
                    "y": y0,
                    "width": tile,
                    "height": tile,
                    "fill": "#ffffff",
                    "stroke": "#bbbbbb",
                    "class": "tile",
                    "data-index": j,
                },
                [element("title", None, tip)],
            )
        )
        caption = f"{name}[{j}]"
        labels.append(
            text(
                x0 + tile / 2,
                y0 + tile + 14,
                caption,
                size=_caption(caption, tile + gap_x),
                anchor="middle",
                class_="label",
            )
        )
    body += _pixels(tiles, side, tile, colours)
    body += labels
    # the key: the shared scale, from −peak to +peak
    key_y = height - key_height + 10
    steps = 2 * _SIGNED + 1
    for s in range(steps):
        t = (s - _SIGNED) / _SIGNED
        colour = "#ffffff" if t == 0 else mix("#ffffff", POSITIVE if t > 0 else NEGATIVE, abs(t))
        body.append(
            element(
                "rect",
                {
                    "x": _MARGIN + 12 * s,
                    "y": key_y,
                    "width": 12,
                    "height": 10,
                    "fill": colour,
                    "stroke": "#bbbbbb",
                    "stroke-width": 0.5,
                    "class": "key",
                },
            )
        )
    body.append(text(_MARGIN, key_y + 24, f"−{peak:.3g}", size=10, fill=MUTED, class_="key-label"))
    body.append(
        text(
            _MARGIN + 12 * steps,
            key_y + 24,
            f"+{peak:.3g}",
            size=10,
            anchor="end",
            fill=MUTED,
            class_="key-label",
        )
    )
    body.append(
        text(
            _MARGIN + 12 * steps + 10,
            key_y + 9,
            f"weight W{layer - 1}: vermillion negative, blue positive",
            size=10,
            fill=MUTED,
            class_="key-label",
        )
    )
    if title is None:
        title = f"What each unit of {name} looks for: its {n_in} incoming weights as a {side} × {side} image"
    return document(width, height, title, [heading(title, width), *body])


def confusion(matrix: Any, labels: Sequence[str] | None = None, *, title: str | None = None) -> SVG:
    """A confusion matrix: row = true class, column = predicted class, the count in each cell.

    The diagonal (read right) is blue and framed; the rest (mistakes) vermillion; each cell
    the stronger the larger its share of its row (of the examples of that class). Each row's
    count and share read right are written at its end. ``matrix`` is square, of counts (ints
    ≥ 0, as ``nnd.confusion_matrix`` gives); ``labels`` names the classes (default 0, 1, ...).

    >>> svg = confusion([[5, 1], [0, 4]])
    >>> svg.count('class="cell diagonal"'), svg.count('class="cell"'), "9 of 10" in svg
    (2, 2, True)
    """
    rows, shape = checks.as_nested(matrix, "matrix")
    if len(shape) != 2 or shape[0] != shape[1]:
        raise InvalidValueError(f"matrix: expected a square matrix of counts, got shape {shape}")
    k = shape[0]
    if k > 30:
        raise InvalidValueError(f"matrix: expected at most 30 classes, got {k}")
    counts = []
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v != int(v) or not 0 <= v <= 1e15:
                raise InvalidValueError(
                    f"matrix[{i}][{j}]: expected a count (an int from 0 to 1e15), got {shown(v)}"
                )
        counts.append([int(v) for v in row])
    if labels is None:
        names = [str(c) for c in range(k)]
    else:
        names = [
            checks.text(v, f"labels[{c}]")
            for c, v in enumerate(checks.sequence(labels, "labels", '["cat", "dog"]'))
        ]
        if len(names) != k:
            raise InvalidValueError(f"labels: expected one per class ({k}), got {len(names)}")
    if title is not None:
        title = checks.text(title, "title")
    total = sum(map(sum, counts))
    right = sum(counts[c][c] for c in range(k))
    widest = max(len(f"{v:,}") for row in counts for v in row)
    cell = max(30.0, min(60.0, 8.0 * widest + 12))
    name_room = min(120.0, 12 + max(text_width(n, 11) for n in names))
    left = 40 + name_room
    top = 86.0
    grid = k * cell
    width = left + grid + 130
    height = top + grid + 52
    body = []
    for i in range(k):
        row_total = sum(counts[i])
        for j in range(k):
            v = counts[i][j]
            share = v / row_total if row_total else 0.0
            x, y = left + j * cell, top + i * cell
            diagonal = i == j
            fill = mix("#ffffff", POSITIVE if diagonal else NEGATIVE, 0.08 + 0.92 * share) if v else "#ffffff"
            tip = f"true {names[i]}, predicted {names[j]}: {v:,}" + (
                f" ({100 * share:.1f}% of {names[i]})" if row_total else ""
            )
            body.append(
                element(
                    "rect",
                    {
                        "x": x,
                        "y": y,
                        "width": cell,
                        "height": cell,
                        "fill": fill,
                        "stroke": "#cccccc",
                        "stroke-width": 0.5,
                        "class": "cell diagonal" if diagonal else "cell",
                        "data-row": i,
                        "data-column": j,
                        "data-count": v,
                    },
                    [element("title", None, tip)],
                )
            )
            ink = "#ffffff" if share > 0.5 else ON_LIGHT
            label = f"{v:,}"
            body.append(
                text(
                    x + cell / 2,
                    y + cell / 2 + 4,
                    label,
                    size=min(12.0, (cell - 6) / text_width(label, 1.0)),
                    anchor="middle",
                    fill=ink,
                    font_weight="600" if diagonal else None,
                    class_="count diagonal" if diagonal else "count",
                )
            )
        right_share = f"{100 * counts[i][i] / row_total:.0f}% right" if row_total else "none"
        body.append(
            text(
                left + grid + 8,
                top + i * cell + cell / 2 + 4,
                f"{row_total:,}: {right_share}",
                size=10,
                fill=MUTED,
                class_="row-total",
            )
        )
    for c in range(k):  # the diagonal's frames, over the cells
        body.append(
            element(
                "rect",
                {
                    "x": left + c * cell,
                    "y": top + c * cell,
                    "width": cell,
                    "height": cell,
                    "fill": "none",
                    "stroke": INK,
                    "stroke-width": 1.8,
                    "class": "diagonal-frame",
                },
            )
        )
        body.append(
            text(
                left - 8,
                top + c * cell + cell / 2 + 4,
                names[c],
                size=11,
                anchor="end",
                class_="class-name row",
            )
        )
        cx, cy = left + c * cell + cell / 2, top - 8
        body.append(
            text(
                cx,
                cy,
                names[c],
                size=11,
                anchor="start" if k > 8 else "middle",
                transform=f"rotate(-45 {num(cx)} {num(cy)})" if k > 8 else None,
                class_="class-name column",
            )
        )
    body.append(
        text(
            left + grid / 2,
            top - 38 if k <= 8 else 44,
            "predicted class",
            size=12,
            anchor="middle",
            class_="axis",
        )
    )
    cx, cy = 16.0, top + grid / 2
    body.append(
        text(
            cx,
            cy,
            "true class",
            size=12,
            anchor="middle",
            transform=f"rotate(-90 {num(cx)} {num(cy)})",
            class_="axis",
        )
    )
    if title is None:
        share_all = f" ({100 * right / total:.1f}%)" if total else ""
        title = f"Confusion matrix: {right:,} of {total:,} read right{share_all}"
    key = "rows: true class; columns: predicted; blue: right, vermillion: mistakes"
    body.append(
        text(
            left,
            height - 14,
            key,
            size=10,
            fill=MUTED,
            class_="key",
        )
    )
    width = max(width, left + 10 + text_width(key, 10))
    return document(width, height, title, [heading(title, width), *body])
