"""Maps over two variables: the data (Part 1), the cost over two weights with descent paths
(Parts 3 and 6), the prediction surface over sleep × study (Part 6) and overfitting (Part 7)."""

from __future__ import annotations

import copy
import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

from nnd import data as series
from nnd.draw.axes import Frame, Scale, colour_bar, nice_range
from nnd.draw.curves import chart, dot
from nnd.draw.probe import Probe, WeightSpec, check_network
from nnd.draw.svg import INK, SVG, element, sequential, text
from nnd.network import Network
from nnd.training import bfgs
from nnd.util.errors import InvalidTypeError, InvalidValueError

LEVELS = 24  # colours in a heat map: enough for a smooth look, few enough for a small file
PATH_COLOURS = {"gd": "#E69F00", "bfgs": "#56B4E9"}
PATH_NAMES = {"gd": "gradient descent", "bfgs": "BFGS"}

Rows = Sequence[Sequence[float]]


def _levels(lo: float, hi: float, log: bool) -> tuple[Any, list[str]]:
    """``level(z) -> colour index`` over [lo, hi] and the colours, low to high."""
    colours = [sequential((k + 0.5) / LEVELS) for k in range(LEVELS)]
    a, b = (math.log10(lo), math.log10(hi)) if log else (lo, hi)
    span = b - a if b > a else 1.0

    def level(z: float) -> int:
        if not math.isfinite(z):
            return LEVELS - 1
        t = ((math.log10(z) if z > 0 else a) if log else z) - a
        return min(LEVELS - 1, max(0, int(t / span * LEVELS)))

    return level, colours


def _map_frame(
    left: float, width: float, x: tuple[float, float], y: tuple[float, float], top: float = 44.0
) -> Frame:
    return Frame(left, top, width, 300.0, x, y)


def _points(X: Any, y: Any, name: str) -> tuple[list[list[float]], list[float]]:
    """(sleep, study) rows and scores, checked: rows of 2 numbers, one score per row."""
    rows = _matrix(X, f"{name} X", 2)
    scores = [row[0] for row in _matrix(y, f"{name} y", 1)]
    if len(rows) != len(scores):
        raise InvalidValueError(f"{name}: expected one score per row of X ({len(rows)}), got {len(scores)}")
    return rows, scores


def _matrix(value: Any, name: str, columns: int) -> list[list[float]]:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or not value:
        raise InvalidTypeError(f"{name}: expected rows of {columns} number(s), got {type(value).__name__}")
    out = []
    for row in value:
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence) or len(row) != columns:
            got = f"a row of {len(row)}" if isinstance(row, Sequence) else f"a {type(row).__name__}"
            raise InvalidValueError(f"{name}: expected rows of {columns} number(s), got {got}")
        if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v) for v in row):
            raise InvalidValueError(f"{name}: expected finite numbers, got {list(row)!r:.60}")
        out.append([float(v) for v in row])
    return out


def data(X: Any = None, y: Any = None, *, scaled: bool = False, test: tuple[Any, Any] | None = None) -> SVG:
    """The students of Part 1: hours of sleep across, hours of study up, coloured by score.

    By default the series' three students (``nnd.data.sleep_study``), in hours and score
    points, or as the network sees them with ``scaled=True``. Give ``X`` and ``y`` to draw
    others (rows of (sleep, study); one score per row), and ``test=(testX, testY)`` to add
    test students as hollow markers (Part 7).

    >>> svg = data()
    >>> svg.count('class="point"'), "75" in svg
    (3, True)
    """
    if X is None and y is None:
        X, y = series.sleep_study(scaled=scaled)
    elif X is None or y is None:
        raise InvalidValueError("X and y go together: give both or neither")
    rows, scores = _points(X, y, "data")
    test_rows, test_scores = _points(*test, "test") if test is not None else ([], [])
    all_rows = rows + test_rows
    all_scores = scores + test_scores
    s_lo, s_hi = nice_range(all_scores)
    x_hi = max(max(r[0] for r in all_rows), 0.0)
    y_hi = max(max(r[1] for r in all_rows), 0.0)
    x_lo, y_lo = min(0.0, *(r[0] for r in all_rows)), min(0.0, *(r[1] for r in all_rows))
    box = Frame(72.0, 44.0, 420.0, 290.0, nice_range([x_lo, x_hi * 1.08]), nice_range([y_lo, y_hi * 1.12]))
    unit = "" if scaled else " (h)"
    body = box.axes(f"sleep{unit}", f"study{unit}")
    bar = Scale(s_lo, s_hi, 0, 1)

    def shade(v: float) -> str:
        return sequential(bar(v))

    for rows_, scores_, hollow in ((rows, scores, False), (test_rows, test_scores, True)):
        for (sleep, study), score in zip(rows_, scores_):
            px, py = box.point(sleep, study)
            label = f"sleep {sleep:g}, study {study:g}: score {score:g}"
            attrs: dict[str, object] = {
                "cx": px,
                "cy": py,
                "r": 7,
                "class": "point test" if hollow else "point",
            }
            if hollow:
                attrs.update({"fill": "#ffffff", "stroke": shade(score), "stroke-width": 3})
            else:
                attrs.update({"fill": shade(score), "stroke": INK, "stroke-width": 1})
            body.append(element("circle", attrs, [element("title", None, label)]))
            body.append(text(px + 10, py - 8, f"{score:g}", size=11, class_="score"))
    body += colour_bar(box.right + 24, box.top, box.height, s_lo, s_hi, "score", colour=sequential)
    if test_rows:
        body.append(
            text(box.left, box.bottom + 54, "filled: training, hollow: test", size=11, fill="#555555")
        )
    what = "scaled" if scaled else "in hours"
    return chart(f"Hours of sleep and study, coloured by test score ({what})", body, 600.0, 400.0)


def _check_window(value: Any, name: str) -> tuple[float, float]:
    if (
        not isinstance(value, Sequence)
        or len(value) != 2
        or not all(
            isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v) for v in value
        )
        or not value[0] < value[1]
    ):
        raise InvalidValueError(f"{name}: expected (low, high) with low < high, got {value!r}")
    return float(value[0]), float(value[1])


def _check_resolution(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2 <= value <= 200:
        raise InvalidValueError(f"resolution: expected an int from 2 to 200, got {value!r}")
    return value


def descent_path(
    probe: Probe, method: str, *, learning_rate: float = 1.0, max_iter: int = 100
) -> list[list[float]]:
    """The chosen weights at the start and after each step of ``method`` ("gd" or "bfgs"),
    moving only those weights (so that the path lies on the drawn surface)."""
    path = [list(probe.start)]

    def record(step: bfgs.Step) -> None:
        path.append(list(step.x))

    def fg(x: list[float]) -> tuple[float, list[float]]:
        if max(map(abs, x)) > 1e3:
            raise OverflowError("weights beyond ±1000")
        return probe.cost_and_gradient(x)

    if method == "gd":
        bfgs.gradient_descent(
            fg, probe.start, learning_rate=learning_rate, max_iter=max_iter, callback=record
        )
    else:
        bfgs.minimize_bfgs(fg, probe.start, max_iter=max_iter, callback=record)
    return path


def cost_surface(
    net: Network,
    X: Any,
    y: Any,
    weights: Sequence[WeightSpec] = (("W1", (0, 0)), ("W2", (0, 0))),
    *,
    window: tuple[tuple[float, float], tuple[float, float]] | None = None,
    resolution: int = 50,
    paths: Sequence[str] | Mapping[str, Sequence[Sequence[float]]] = ("gd", "bfgs"),
    learning_rate: float = 1.0,
    max_iter: int = 100,
    log: bool | None = None,
) -> SVG:
    """The cost J over two weights (the others held) as a heat map, with descent paths on it.

    ``weights`` names the two weights, e.g. ``(("W1", (0, 0)), ("W2", (1, 0)))``: across and
    up. ``paths`` lists methods whose paths are drawn from the network's current weights,
    moving those two weights only: ``"gd"`` (gradient descent with ``learning_rate``) and
    ``"bfgs"``, at most ``max_iter`` steps each; or give your own ``{label: [(a, b), ...]}``.
    ``window`` is ``((a_low, a_high), (b_low, b_high))``; by default it holds the start and
    the paths (parts outside a given window are cut off at its edge). The map is
    ``resolution × resolution`` costs, coloured on a log scale when they span more than a
    factor of 100 (``log``). The network is not changed.

    >>> import nnd
    >>> X, y = nnd.data.sleep_study()
    >>> svg = cost_surface(nnd.Network(seed=0), X, y, resolution=12)
    >>> "BFGS" in svg and "gradient descent" in svg
    True
    """
    check_network(net)
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence) or len(weights) != 2:
        raise InvalidValueError(f"weights: expected two (name, (row, column)) pairs, got {weights!r:.60}")
    for w in weights:
        if not (isinstance(w, Sequence) and len(w) == 2):
            raise InvalidValueError(
                f"weights: expected (name, (row, column)) pairs like ('W1', (0, 0)), got {w!r:.40}"
            )
    if tuple(weights[0]) == tuple(weights[1]):
        raise InvalidValueError(f"weights: expected two different weights, got {weights[0]!r} twice")
    resolution = _check_resolution(resolution)
    probe = Probe(net, X, y, [(w[0], (w[1][0], w[1][1])) for w in weights])
    names = [f"{w[0]}[{w[1][0]}, {w[1][1]}]" for w in weights]

    drawn: dict[str, tuple[list[list[float]], str]] = {}
    if isinstance(paths, Mapping):
        for k, (label, points) in enumerate(paths.items()):
            rows = _matrix(points, f"paths[{label!r}]", 2)
            drawn[str(label)] = (rows, ("#E69F00", "#56B4E9", "#CC79A7", "#ffffff")[k % 4])
    else:
        if isinstance(paths, str):
            paths = (paths,)
        for method in paths:
            if method not in PATH_NAMES:
                raise InvalidValueError(
                    f"paths: expected methods from 'gd', 'bfgs' or a dict of paths, got {method!r}"
                )
            path = descent_path(probe, method, learning_rate=learning_rate, max_iter=max_iter)
            drawn[PATH_NAMES[method]] = (path, PATH_COLOURS[method])

    if window is not None:
        if not (isinstance(window, Sequence) and len(window) == 2):
            raise InvalidValueError(f"window: expected ((a_low, a_high), (b_low, b_high)), got {window!r}")
        xr, yr = _check_window(window[0], "window[0]"), _check_window(window[1], "window[1]")
    else:
        xr, yr = _auto_window(probe.start, [p for path, _ in drawn.values() for p in path])

    xs = [xr[0] + (xr[1] - xr[0]) * (i + 0.5) / resolution for i in range(resolution)]
    ys = [yr[0] + (yr[1] - yr[0]) * (j + 0.5) / resolution for j in range(resolution)]
    Z = [[probe.cost([a, b]) for a in xs] for b in ys]
    finite = [v for row in Z for v in row if math.isfinite(v)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if log is None:
        log = lo > 0 and hi > 100 * lo
    if log and lo <= 0:
        raise InvalidValueError("log=True needs a positive cost everywhere in the window")
    if not hi > lo:
        hi = lo + (abs(lo) or 1.0)
    level, colours = _levels(lo, hi, bool(log))

    box = _map_frame(72.0, 410.0, xr, yr)
    body = [box.heat_map(Z, level, colours, 55_000)]
    body.append(box.contours(Z, [v for v, _ in Scale(lo, hi, 0, 1, log=bool(log)).ticks(5)], budget=20_000))
    body += box.axes(names[0], names[1], grid=False)
    body += colour_bar(
        box.right + 22,
        box.top,
        box.height,
        lo,
        hi,
        "cost J (log scale)" if log else "cost J",
        log=bool(log),
        colour=sequential,
    )
    entries = []
    for label, (path, colour) in drawn.items():
        dash = "6 4" if label == "BFGS" else None
        joined = [(p[0], p[1]) for p in path]
        body.append(box.line(joined, "#000000", 4.5, css="halo"))
        body.append(box.line(joined, colour, 2.2, dash, css="path descent", label=label))
        every = max(1, math.ceil((len(path) - 1) / 60))  # at most about 60 markers a path
        for p in path[1::every]:
            px, py = box.point(p[0], p[1])
            if box.inside(px, py):
                body.append(
                    element("circle", {"cx": px, "cy": py, "r": 1.8, "fill": colour, "class": "step"})
                )
        entries.append((f"{label} ({len(path) - 1} steps)", colour, dash))
    px, py = box.point(*probe.start)
    if box.inside(px, py):
        body.append(
            dot(
                px,
                py,
                "#ffffff",
                5,
                f"start: {names[0]} = {probe.start[0]:.4g}, {names[1]} = {probe.start[1]:.4g}",
            )
        )
    body += box.legend(entries)
    return chart(f"Cost J over {names[0]} and {names[1]}, the other weights held", body, 600.0, 400.0)


def _auto_window(
    start: list[float], points: list[list[float]]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The start ± 2.5 and every path point, padded, but at most 10 from the start each way."""
    out = []
    for axis in (0, 1):
        values = [start[axis] - 2.5, start[axis] + 2.5, *(p[axis] for p in points if math.isfinite(p[axis]))]
        lo, hi = min(values), max(values)
        pad = 0.05 * (hi - lo)
        out.append((max(lo - pad, start[axis] - 10.0), min(hi + pad, start[axis] + 10.0)))
    return out[0], out[1]


def _check_predicting(value: Any, name: str) -> Network:
    net = check_network(value, name)
    if net.layer_sizes[0] != 2 or net.layer_sizes[-1] != 1:
        raise InvalidValueError(
            f"{name}: expected a network with 2 inputs (sleep, study) and 1 output (score), "
            f"got layers {net.layer_sizes}"
        )
    return net


def _score_grid(
    net: Network, sleep: tuple[float, float], study: tuple[float, float], maxima: Sequence[float], n: int
) -> list[list[float]]:
    """Predicted scores (100 · yHat) at the centres of n × n cells, row 0 at the lowest study."""
    xs = [sleep[0] + (sleep[1] - sleep[0]) * (i + 0.5) / n for i in range(n)]
    ys = [study[0] + (study[1] - study[0]) * (j + 0.5) / n for j in range(n)]
    grid = [[x / maxima[0], v / maxima[1]] for v in ys for x in xs]
    work = copy.copy(net)  # the caller's network keeps its own a2, yHat
    scores = [100.0 * row[0] for row in net.backend.tolist(work.forward(grid))]
    return [scores[j * n : (j + 1) * n] for j in range(n)]


def _maxima(maxima: Any) -> list[float]:
    if maxima is None:
        return series.column_maxima(series.sleep_study(scaled=False)[0])
    if not (
        isinstance(maxima, Sequence)
        and len(maxima) == 2
        and all(isinstance(v, numbers.Real) and not isinstance(v, bool) and float(v) > 0 for v in maxima)
    ):
        raise InvalidValueError(
            f"maxima: expected two positive numbers (hours of sleep, of study), got {maxima!r:.60}"
        )
    return [float(v) for v in maxima]


def _panel(
    box: Frame, Z: list[list[float]], level: Any, colours: list[str],
    groups: Sequence[tuple[Sequence[Sequence[float]], Sequence[float], bool]], budget: int = 60_000,
) -> list[str]:  # fmt: skip
    body = [box.heat_map(Z, level, colours, budget)]
    body += box.axes("hours of sleep", "hours of study", grid=False)
    for rows, scores, hollow in groups:
        for (sleep, study), score in zip(rows, scores):
            px, py = box.point(sleep, study)
            if not box.inside(px, py):
                continue
            label = (
                f"{'test' if hollow else 'training'}: sleep {sleep:g} h, study {study:g} h, score {score:g}"
            )
            fill, stroke = ("#ffffff", INK) if not hollow else ("none", "#ffffff")
            body.append(
                element(
                    "circle",
                    {
                        "cx": px,
                        "cy": py,
                        "r": 5.5,
                        "fill": fill,
                        "stroke": stroke,
                        "stroke-width": 2.2 if hollow else 1.5,
                        "class": "point test" if hollow else "point",
                    },
                    [element("title", None, label)],
                )
            )
            body.append(
                text(
                    px + 8,
                    py - 7,
                    f"{score:g}",
                    size=11,
                    fill="#ffffff",
                    stroke="#000000",
                    stroke_width=2.5,
                    paint_order="stroke",
                    class_="score",
                )
            )
    return body


def predictions(
    net: Network,
    *,
    points: tuple[Any, Any] | None = None,
    maxima: Sequence[float] | None = None,
    sleep: tuple[float, float] = (0.0, 10.0),
    study: tuple[float, float] = (0.0, 5.0),
    resolution: int = 60,
    title: str | None = None,
) -> SVG:
    """The predicted test score (100 · yHat) over hours of sleep × hours of study (Part 6).

    Inputs are scaled as the training data were, by ``maxima`` (default: the series' 10 h
    and 5 h). ``points=(X, y)`` in hours and score points adds the data as white dots
    (e.g. ``nnd.data.sleep_study(scaled=False)``). The network is not changed.

    >>> import nnd
    >>> X, y = nnd.data.sleep_study()
    >>> net = nnd.Network(seed=0)
    >>> _ = nnd.train(net, X, y)
    >>> svg = predictions(net, points=nnd.data.sleep_study(scaled=False))
    >>> svg.count('class="point"')
    3
    """
    _check_predicting(net, "net")
    scale = _maxima(maxima)
    sleep, study = _check_window(sleep, "sleep"), _check_window(study, "study")
    n = _check_resolution(resolution)
    groups = [(*_points(*points, "points"), False)] if points is not None else []
    Z = _score_grid(net, sleep, study, scale, n)
    lo, hi = _score_range(Z)
    level, colours = _levels(lo, hi, False)
    box = _map_frame(72.0, 410.0, sleep, study)
    body = _panel(box, Z, level, colours, groups)
    ticks = [v for v, _ in Scale(lo, hi, 0, 1).ticks(5)]
    body.insert(1, box.contours(Z, ticks, budget=25_000))  # over the map, under the frame and the points
    body += colour_bar(box.right + 22, box.top, box.height, lo, hi, "predicted score", colour=sequential)
    return chart(title or "Predicted test score over hours of sleep and study", body, 600.0, 400.0)


def _score_range(*grids: list[list[float]]) -> tuple[float, float]:
    values = [v for Z in grids for row in Z for v in row if math.isfinite(v)]
    lo, hi = (min(values), max(values)) if values else (0.0, 100.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    return lo, hi


def overfit(
    plain: Network,
    regularized: Network,
    *,
    train: tuple[Any, Any] | None = None,
    test: tuple[Any, Any] | None = None,
    maxima: Sequence[float] | None = None,
    resolution: int = 48,
) -> SVG:
    """Part 7 side by side: the predictions of a network trained without λ and of one with λ.

    Both maps share one colour scale; the training students are white dots and the test
    students hollow circles, each labelled with the real score. By default the points are
    Part 7's (``nnd.data.train_test(scaled=False)``) and inputs are scaled by the training
    data's maxima, as the networks saw them.

    >>> import nnd
    >>> trainX, trainY, testX, testY = nnd.data.train_test()
    >>> nets = [nnd.Network(seed=1, lam=lam) for lam in (0.0, 1e-4)]
    >>> for net in nets:
    ...     _ = nnd.train(net, trainX, trainY)
    >>> svg = overfit(*nets)
    >>> svg.count('class="point test"'), "λ = 0.0001" in svg
    (8, True)
    """
    _check_predicting(plain, "plain")
    _check_predicting(regularized, "regularized")
    raw = series.train_test(scaled=False)
    train_X, train_y = train if train is not None else raw[:2]
    test_X, test_y = test if test is not None else raw[2:]
    train_rows, train_scores = _points(train_X, train_y, "train")
    test_rows, test_scores = _points(test_X, test_y, "test")
    scale = _maxima(maxima if maxima is not None else series.column_maxima(raw[0]))
    n = _check_resolution(resolution)
    sleep, study = (0.0, 10.0), (0.0, 6.0)
    grids = [_score_grid(net, sleep, study, scale, n) for net in (plain, regularized)]
    lo, hi = _score_range(*grids)
    level, colours = _levels(lo, hi, False)
    groups = [(train_rows, train_scores, False), (test_rows, test_scores, True)]
    body: list[str] = []
    for k, (net, Z) in enumerate(zip((plain, regularized), grids)):
        box = _map_frame(72.0 + 410.0 * k, 320.0, sleep, study, top=64.0)
        body += _panel(box, Z, level, colours, groups, budget=35_000)
        lam = net.lam
        heading = "λ = 0 (no regularization)" if not lam else f"λ = {lam:g}"
        body.append(
            text(
                box.left + box.width / 2, box.top - 8, heading, size=13, anchor="middle", class_="panel-title"
            )
        )
    body += colour_bar(72.0 + 410.0 + 320.0 + 22, 64.0, 300.0, lo, hi, "predicted score", colour=sequential)
    body.append(
        text(
            72.0,
            414.0,
            "white dots: training students; hollow circles: test students; numbers: real scores",
            size=11,
            fill="#555555",
        )
    )
    return chart("Predicted score without and with regularization", body, 900.0, 424.0)
