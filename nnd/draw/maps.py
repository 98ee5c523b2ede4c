"""Maps over two variables: the data (Part 1), the cost over two weights with descent paths
(Parts 3 and 6), the prediction surface over sleep × study (Part 6), overfitting (Part 7), and a
network's decision regions over 2-D data.

Every map of predictions is computed by one function, :func:`prediction_grid`: the network's
outputs at a grid of points, in one forward pass (the matplotlib figures use it too).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from typing import Any

from nnd.data import series
from nnd.draw.axes import Frame, Scale, colour_bar, drawable, nice_range
from nnd.draw.curves import between, chart
from nnd.draw.params import parameter_arrays
from nnd.draw.probe import Probe, WeightSpec
from nnd.draw.svg import INK, MUTED, ON_LIGHT, SVG, element, mix, sequential, text
from nnd.network import Network, check_network
from nnd.training import bfgs
from nnd.util import checks
from nnd.util.checks import LIMIT, shown
from nnd.util.errors import InvalidValueError

LEVELS = 64  # colours in a heat map: enough for a smooth look, few enough for a small file
PATH_COLOURS = {"gd": "#E69F00", "bfgs": "#56B4E9"}
PATH_NAMES = {"gd": "gradient descent", "bfgs": "BFGS"}
#: Colours of classes, in order: Okabe & Ito's palette, then two more that stay apart from it.
CLASS_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#882255",
    "#999999",
)

Rows = Sequence[Sequence[float]]


def _levels(lo: float, hi: float, log: bool) -> tuple[Any, list[str]]:
    """``level(z) -> colour index`` over [lo, hi] and the colours, low to high."""
    colours = [sequential((k + 0.5) / LEVELS) for k in range(LEVELS)]
    a, b = (math.log10(lo), math.log10(hi)) if log else (lo, hi)
    half = b / 2 - a / 2 if b > a else 0.5

    def level(z: float) -> int:
        if not math.isfinite(z):
            return LEVELS - 1
        t = ((math.log10(z) if z > 0 else a) if log else z) / 2 - a / 2
        return min(LEVELS - 1, max(0, int(t / half * LEVELS)))

    return level, colours


def _map_frame(
    left: float, width: float, x: tuple[float, float], y: tuple[float, float], top: float = 44.0
) -> Frame:
    return Frame(left, top, width, 300.0, x, y)


def rows_of(value: Any, name: str, columns: int) -> list[list[float]]:
    """``value`` as fresh rows of ``columns`` finite floats (nested lists, NumPy arrays, array-likes);
    a flat list counts as one column when ``columns`` is 1."""
    rows, shape = checks.as_nested(value, name)
    if len(shape) == 1:
        if columns != 1:
            raise InvalidValueError(f"{name}: expected rows of {columns} numbers, got a flat list")
        return [[v] for v in rows]
    if shape[1] != columns:
        raise InvalidValueError(f"{name}: expected rows of {columns} number(s), got rows of {shape[1]}")
    return rows


def _points(X: Any, y: Any, name: str) -> tuple[list[list[float]], list[float]]:
    """(sleep, study) rows and scores, checked: rows of 2 numbers, one score per row."""
    rows = rows_of(X, f"{name} X", 2)
    scores = [row[0] for row in rows_of(y, f"{name} y", 1)]
    if len(rows) != len(scores):
        raise InvalidValueError(f"{name}: expected one score per row of X ({len(rows)}), got {len(scores)}")
    return rows, scores


def _pair(value: Any, name: str, limit: float | None = None) -> tuple[float, float]:
    """(low, high): two finite numbers with low < high, far enough apart to draw (within ±limit)."""
    try:
        pair = checks.sequence(value, name, "(0, 10)")
    except Exception:
        pair = ()
    if len(pair) == 2:
        try:
            lo, hi = (checks.number(v, name, minimum=None) for v in pair)
        except (TypeError, ValueError):
            lo, hi = math.nan, math.nan
        if drawable(lo, hi) and (limit is None or max(abs(lo), abs(hi)) <= limit):
            return lo, hi
    within = f" within ±{limit:g}" if limit is not None else ""
    raise InvalidValueError(
        f"{name}: expected (low, high) with low < high{within}, far enough apart to draw, "
        f"got {shown(value, 60)}"
    )


def _resolution(value: Any) -> int:
    return checks.integer(value, "resolution", minimum=2, maximum=400)


def data(X: Any = None, y: Any = None, *, scaled: bool = False, test: tuple[Any, Any] | None = None) -> SVG:
    """The students of Part 1: hours of sleep across, hours of study up, coloured by test score.

    By default the series' three students (``nnd.data.sleep_study``), in hours and score
    points, or as the network sees them with ``scaled=True`` (hours divided by the most
    hours, scores by 100). Give ``X`` and ``y`` to draw others (rows of (sleep, study); one
    score per row), and ``test=(testX, testY)`` to add test students as hollow markers (Part 7).

    >>> svg = data()
    >>> svg.count('class="point"'), "75" in svg
    (3, True)
    """
    checks.flag(scaled, "scaled")
    if X is None and y is None:
        X, y = series.sleep_study(scaled=scaled)
    elif X is None or y is None:
        raise InvalidValueError("X and y go together: give both or neither")
    rows, scores = _points(X, y, "data")
    if test is not None:
        test_rows, test_scores = _points(*_two(test, "test", "(testX, testY)"), "test")
    else:
        test_rows, test_scores = [], []
    all_rows = rows + test_rows
    all_scores = scores + test_scores
    s_lo, s_hi = nice_range(all_scores)
    x_hi = max(max(r[0] for r in all_rows), 0.0)
    y_hi = max(max(r[1] for r in all_rows), 0.0)
    x_lo, y_lo = min(0.0, *(r[0] for r in all_rows)), min(0.0, *(r[1] for r in all_rows))
    box = Frame(
        72.0, 44.0, 420.0, 290.0, nice_range([x_lo, x_hi], pad=0.04), nice_range([y_lo, y_hi], pad=0.1)
    )
    if scaled:
        body = box.axes("sleep (scaled: hours ÷ most hours)", "study (scaled)")
    else:
        body = box.axes("hours of sleep", "hours of study")
    bar = Scale(s_lo, s_hi, 0, 1)

    def shade(v: float) -> str:
        return sequential(bar(v))

    labels = []
    for rows_, scores_, hollow in ((rows, scores, False), (test_rows, test_scores, True)):
        for (sleep, study), score in zip(rows_, scores_):
            px, py = box.point(sleep, study)
            label = f"sleep {sleep:g}, study {study:g}: score {score:g}"
            attrs: dict[str, object] = {
                "cx": px,
                "cy": py,
                "r": 7,
                "class": "point test paper" if hollow else "point",
            }
            if hollow:
                attrs.update({"fill": "#ffffff", "stroke": shade(score), "stroke-width": 3})
            else:
                attrs.update({"fill": shade(score), "stroke": INK, "stroke-width": 1})
            body.append(element("circle", attrs, [element("title", None, label)]))
            if box.inside(px, py):
                labels.append((px, py, f"{score:g}"))
    body += box.labels(labels, clearance=8.0, class_="score")
    what = "test score (scaled: ÷ 100)" if scaled else "test score (out of 100)"
    body += colour_bar(box.right + 24, box.top, box.height, s_lo, s_hi, what, colour=sequential)
    if test_rows:
        body.append(text(box.left, box.bottom + 54, "filled: training, hollow: test", size=11, fill=MUTED))
    return chart("Hours of sleep and study, coloured by test score", body, 600.0, 400.0)


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
    resolution: int = 60,
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
    ``window`` is ``((a_low, a_high), (b_low, b_high))`` (within ±1e30, as weights are);
    by default it holds the start and the paths (parts outside a given window are cut off
    at its edge). The map is ``resolution × resolution`` costs (2 to 400), smoothly shaded,
    coloured on a log scale when they span more than a factor of 100 (``log``). The
    network is not changed.

    >>> import nnd
    >>> X, y = nnd.data.sleep_study()
    >>> svg = cost_surface(nnd.Network(seed=0), X, y, resolution=12)
    >>> "BFGS" in svg and "gradient descent" in svg
    True
    """
    check_network(net)
    pairs = checks.sequence(weights, "weights", "(('W1', (0, 0)), ('W2', (0, 0)))")
    if len(pairs) != 2:
        raise InvalidValueError(
            f"weights: expected two (name, (row, column)) pairs, got {shown(weights, 60)}"
        )
    specs = []
    for w in pairs:
        if isinstance(w, (str, bytes)) or not (isinstance(w, Sequence) and len(w) == 2):
            raise InvalidValueError(
                f"weights: expected (name, (row, column)) pairs like ('W1', (0, 0)), got {shown(w)}"
            )
        index = checks.sequence(w[1], "weights index", "(0, 0)")
        if len(index) != 2:
            raise InvalidValueError(f"weights index: expected (row, column), got {shown(w[1])}")
        specs.append((w[0], (index[0], index[1])))
    if specs[0] == specs[1]:
        raise InvalidValueError(f"weights: expected two different weights, got {shown(pairs[0])} twice")
    resolution = _resolution(resolution)
    learning_rate = checks.number(learning_rate, "learning_rate", positive=True)
    max_iter = checks.integer(max_iter, "max_iter", maximum=100_000)
    if log is not None:
        log = checks.flag(log, "log")
    probe = Probe(net, X, y, specs)
    names = [f"{name}[{index[0]}, {index[1]}]" for name, index in specs]

    drawn: dict[str, tuple[list[list[float]], str]] = {}
    if isinstance(paths, Mapping):
        for k, (label, points) in enumerate(paths.items()):
            rows = rows_of(points, f"paths[{label!r}]", 2)
            drawn[str(label)] = (rows, ("#E69F00", "#56B4E9", "#CC79A7", "#ffffff")[k % 4])
    else:
        if isinstance(paths, str):
            paths = (paths,)
        for method in checks.sequence(paths, "paths", "('gd', 'bfgs')"):
            if not isinstance(method, str) or method not in PATH_NAMES:  # a list cannot be looked up
                raise InvalidValueError(
                    f"paths: expected methods from 'gd', 'bfgs' or a dict of paths, got {shown(method)}"
                )
            path = descent_path(probe, method, learning_rate=learning_rate, max_iter=max_iter)
            drawn[PATH_NAMES[method]] = (path, PATH_COLOURS[method])

    if window is not None:
        sides = checks.sequence(window, "window", "((a_low, a_high), (b_low, b_high))")
        if len(sides) != 2:
            raise InvalidValueError(
                f"window: expected ((a_low, a_high), (b_low, b_high)), got {shown(window, 60)}"
            )
        xr, yr = _pair(sides[0], "window[0]", LIMIT), _pair(sides[1], "window[1]", LIMIT)
    else:
        xr, yr = _auto_window(probe.start, [p for path, _ in drawn.values() for p in path])

    xs = [between(xr[0], xr[1], (i + 0.5) / resolution) for i in range(resolution)]
    ys = [between(yr[0], yr[1], (j + 0.5) / resolution) for j in range(resolution)]
    Z = [[probe.cost([a, b]) for a in xs] for b in ys]
    finite = [v for row in Z for v in row if math.isfinite(v)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if log is None:
        log = lo > 0 and hi > 100 * lo
    if log and lo <= 0:
        raise InvalidValueError("log=True needs a positive cost everywhere in the window")
    if not drawable(lo, hi):
        lo, hi = nice_range([lo, hi])
        if log and lo <= 0:
            lo, hi = hi / 10, hi
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
            element(
                "circle",
                {"cx": px, "cy": py, "r": 5, "fill": "#ffffff", "stroke": "#000000", "class": "marker start"},
                [
                    element(
                        "title",
                        None,
                        f"start: {names[0]} = {probe.start[0]:.4g}, {names[1]} = {probe.start[1]:.4g}",
                    )
                ],
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


def prediction_grid(
    net: Network, xs: Sequence[float], ys: Sequence[float], maxima: Sequence[float] = (1.0, 1.0)
) -> list[list[list[float]]]:
    """The network's outputs at every point (x, y) of the grid ``xs × ys``, inputs divided by ``maxima``.

    ``grid[j][i]`` is the output row (yHat) at ``(xs[i], ys[j])``: row 0 at ``ys[0]``. One
    forward pass on a copy of the network, so the caller's network keeps its own a2, yHat;
    its weights are read through ``checked_params`` first (a NaN put in place is refused).
    Inputs beyond ±1e30 once scaled are refused, as the network refuses such data.

    >>> import nnd
    >>> grid = prediction_grid(nnd.Network(seed=0), [0.0, 5.0, 10.0], [0.0, 5.0], [10.0, 5.0])
    >>> len(grid), len(grid[0]), len(grid[0][0])
    (2, 3, 1)
    """
    parameter_arrays(check_network(net))
    sx, sy = float(maxima[0]), float(maxima[1])
    inputs = [[x / sx, v / sy] for v in ys for x in xs]
    for row in inputs:
        if not (abs(row[0]) <= LIMIT and abs(row[1]) <= LIMIT):
            raise InvalidValueError(
                f"the map reaches inputs of {shown(row[0])}, {shown(row[1])} once scaled, "
                f"beyond the ±{LIMIT:g} "
                "a network accepts: choose a smaller window or larger maxima"
            )
    work = copy.copy(net)  # the caller's network keeps its own a2, yHat
    outputs = [[float(v) for v in row] for row in net.backend.tolist(work.forward(inputs))]
    n = len(xs)
    return [outputs[j * n : (j + 1) * n] for j in range(len(ys))]


def cell_centres(lo: float, hi: float, n: int) -> list[float]:
    """The centres of ``n`` equal cells from ``lo`` to ``hi``.

    >>> cell_centres(0.0, 10.0, 4)
    [1.25, 3.75, 6.25, 8.75]
    """
    return [between(lo, hi, (i + 0.5) / n) for i in range(n)]


def score_grid(
    net: Network, sleep: tuple[float, float], study: tuple[float, float], maxima: Sequence[float], n: int
) -> list[list[float]]:
    """Predicted scores (100 · yHat) at the centres of n × n cells, row 0 at the lowest study."""
    grid = prediction_grid(net, cell_centres(*sleep, n), cell_centres(*study, n), maxima)
    return [[100.0 * out[0] for out in row] for row in grid]


def _maxima(maxima: Any) -> list[float]:
    if maxima is None:
        return series.column_maxima(series.sleep_study(scaled=False)[0])
    pair = checks.sequence(maxima, "maxima", "(10, 5)")
    if len(pair) != 2:
        raise InvalidValueError(
            f"maxima: expected two positive numbers (hours of sleep, of study), got {shown(maxima, 60)}"
        )
    return [checks.number(v, f"maxima[{k}]", positive=True) for k, v in enumerate(pair)]


def _panel(
    box: Frame, Z: list[list[float]], level: Any, colours: list[str],
    groups: Sequence[tuple[Sequence[Sequence[float]], Sequence[float], bool]], budget: int = 60_000,
) -> list[str]:  # fmt: skip
    body = [box.heat_map(Z, level, colours, budget)]
    body += box.axes("hours of sleep", "hours of study", grid=False)
    labels = []
    for rows, scores, hollow in groups:
        for (sleep, study), score in zip(rows, scores):
            px, py = box.point(sleep, study)
            if not box.inside(px, py):
                continue
            label = (
                f"{'test' if hollow else 'training'}: sleep {sleep:g} h, study {study:g} h, score {score:g}"
            )
            fill, stroke = ("#ffffff", "#000000") if not hollow else ("none", "#ffffff")
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
            labels.append((px, py, f"{score:g}"))
    body += box.labels(
        labels,
        clearance=7.0,
        fill="#ffffff",
        stroke="#000000",
        stroke_width=2.5,
        paint_order="stroke",
        class_="score",
    )
    return body


def predictions(
    net: Network,
    *,
    points: tuple[Any, Any] | None = None,
    maxima: Sequence[float] | None = None,
    sleep: tuple[float, float] = (0.0, 10.0),
    study: tuple[float, float] = (0.0, 5.0),
    resolution: int = 100,
    title: str | None = None,
) -> SVG:
    """The predicted test score (100 · yHat) over hours of sleep × hours of study (Part 6).

    Inputs are scaled as the training data were, by ``maxima`` (default: the series' 10 h
    and 5 h). ``points=(X, y)`` in hours and score points adds the data as white dots
    (e.g. ``nnd.data.sleep_study(scaled=False)``), each labelled with its score where no
    other label is. The map is ``resolution × resolution`` predictions (2 to 400), smoothly
    shaded, with contour lines. The network is not changed.

    >>> import nnd
    >>> X, y = nnd.data.sleep_study()
    >>> net = nnd.Network(seed=0)
    >>> _ = nnd.train(net, X, y)
    >>> svg = predictions(net, points=nnd.data.sleep_study(scaled=False))
    >>> svg.count('class="point"')
    3
    """
    _check_predicting(net, "net")
    if title is not None:
        title = checks.text(title, "title")
    scale = _maxima(maxima)
    sleep, study = _pair(sleep, "sleep"), _pair(study, "study")
    n = _resolution(resolution)
    if points is not None:
        groups = [(*_points(*_two(points, "points", "(X, y)"), "points"), False)]
    else:
        groups = []
    Z = score_grid(net, sleep, study, scale, n)
    lo, hi = _score_range(Z)
    level, colours = _levels(lo, hi, False)
    box = _map_frame(72.0, 410.0, sleep, study)
    body = _panel(box, Z, level, colours, groups)
    ticks = [v for v, _ in Scale(lo, hi, 0, 1).ticks(5)]
    body.insert(1, box.contours(Z, ticks, budget=25_000))  # over the map, under the frame and the points
    body += colour_bar(box.right + 22, box.top, box.height, lo, hi, "predicted score", colour=sequential)
    return chart(title or "Predicted test score over hours of sleep and study", body, 600.0, 400.0)


def _two(value: Any, name: str, example: str) -> tuple[Any, Any]:
    """A pair such as (X, y), or an error naming ``name``."""
    pair = checks.sequence(value, name, example)
    if len(pair) != 2:
        raise InvalidValueError(f"{name}: expected a pair {example}, got {len(pair)} items")
    return pair[0], pair[1]


def _score_range(*grids: list[list[float]]) -> tuple[float, float]:
    values = [v for Z in grids for row in Z for v in row if math.isfinite(v)]
    lo, hi = (min(values), max(values)) if values else (0.0, 100.0)
    if not drawable(lo, hi):
        lo, hi = nice_range([lo, hi])
    return lo, hi


def overfit(
    plain: Network,
    regularized: Network,
    *,
    train: tuple[Any, Any] | None = None,
    test: tuple[Any, Any] | None = None,
    maxima: Sequence[float] | None = None,
    resolution: int = 80,
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
    train_X, train_y = _two(train, "train", "(trainX, trainY)") if train is not None else raw[:2]
    test_X, test_y = _two(test, "test", "(testX, testY)") if test is not None else raw[2:]
    train_rows, train_scores = _points(train_X, train_y, "train")
    test_rows, test_scores = _points(test_X, test_y, "test")
    scale = _maxima(maxima if maxima is not None else series.column_maxima(raw[0]))
    n = _resolution(resolution)
    sleep, study = (0.0, 10.0), (0.0, 6.0)
    grids = [score_grid(net, sleep, study, scale, n) for net in (plain, regularized)]
    lo, hi = _score_range(*grids)
    level, colours = _levels(lo, hi, False)
    ticks = [v for v, _ in Scale(lo, hi, 0, 1).ticks(5)]
    groups = [(train_rows, train_scores, False), (test_rows, test_scores, True)]
    body: list[str] = []
    for k, (net, Z) in enumerate(zip((plain, regularized), grids)):
        box = _map_frame(72.0 + 410.0 * k, 320.0, sleep, study, top=64.0)
        panel = _panel(box, Z, level, colours, groups, budget=36_000)
        panel.insert(1, box.contours(Z, ticks, budget=12_000))
        body += panel
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
            fill=MUTED,
        )
    )
    return chart("Predicted score without and with regularization", body, 900.0, 424.0)


# -- decision regions -------------------------------------------------------------------------


def class_labels(y: Any, classes: int, name: str = "y") -> list[int]:
    """The class of each row of ``y``: one-hot rows (the largest entry), one column of 0 and 1,
    or a flat list of class numbers from 0 to ``classes`` − 1.

    >>> class_labels([[0, 1, 0], [1, 0, 0]], 3), class_labels([[1], [0]], 2), class_labels([2, 0], 3)
    ([1, 0], [1, 0], [2, 0])
    """
    rows, shape = checks.as_nested(y, name)
    if len(shape) == 2 and shape[1] > 1:
        if shape[1] != classes:
            raise InvalidValueError(
                f"{name}: expected one-hot rows of {classes} (one per class), got rows of {shape[1]}"
            )
        return [max(range(len(row)), key=row.__getitem__) for row in rows]
    values = rows if len(shape) == 1 else [row[0] for row in rows]
    out = []
    for k, v in enumerate(values):
        if v != int(v) or not 0 <= v < classes:
            what = "0 or 1" if classes == 2 and len(shape) == 2 else f"a class number from 0 to {classes - 1}"
            raise InvalidValueError(f"{name}[{k}]: expected {what}, got {shown(v)}")
        out.append(int(v))
    return out


def decision_regions(
    net: Network,
    X: Any,
    y: Any,
    *,
    resolution: int = 80,
    labels: Sequence[str] | None = None,
    title: str | None = None,
) -> SVG:
    """What a network with 2 inputs predicts over the plane of its inputs, with the data on top.

    For one output unit the map shows the output itself, from the colour of class 0
    (yHat = 0) through white (0.5, the decision boundary, drawn as a line) to the colour of
    class 1; for k outputs it shows the predicted class (the largest output), paler where
    the largest output is small. ``X`` holds rows of 2 inputs; ``y`` their classes as
    one-hot rows, one column of 0 and 1, or a flat list of class numbers. The points are
    coloured by their true class; a point the network gets wrong has a black cross.
    ``labels`` names the classes (default "class 0", "class 1", ...). The window is the
    data's, padded; the map is ``resolution × resolution`` predictions (2 to 400), smoothly
    shaded. The network is not changed.

    >>> import nnd
    >>> X = [[0.1, 0.2], [0.9, 0.8], [0.2, 0.9], [0.8, 0.1]]
    >>> svg = decision_regions(nnd.Network((2, 3, 1), seed=0), X, [[0], [1], [1], [0]], resolution=20)
    >>> svg.count('class="point"') + svg.count('class="point wrong"')
    4
    """
    net = check_network(net)
    if net.layer_sizes[0] != 2:
        raise InvalidValueError(
            f"net: expected a network with 2 inputs (a plane to draw), got layers {net.layer_sizes}"
        )
    outputs = net.layer_sizes[-1]
    classes = 2 if outputs == 1 else outputs
    if classes > len(CLASS_COLOURS):
        raise InvalidValueError(
            f"net: decision regions tell at most {len(CLASS_COLOURS)} classes apart by colour, "
            f"got a network with {outputs} outputs"
        )
    rows = rows_of(X, "X", 2)
    truth = class_labels(y, classes, "y")
    if len(truth) != len(rows):
        raise InvalidValueError(f"X and y: expected one class per row of X ({len(rows)}), got {len(truth)}")
    for row in rows:
        if max(abs(row[0]), abs(row[1])) > LIMIT:
            raise InvalidValueError(f"X: expected numbers within ±{LIMIT:g}, got {shown(row)}")
    if labels is None:
        names = [f"class {k}" for k in range(classes)]
    else:
        names = [
            checks.text(v, f"labels[{k}]")
            for k, v in enumerate(checks.sequence(labels, "labels", '["a", "b"]'))
        ]
        if len(names) != classes:
            raise InvalidValueError(f"labels: expected one per class ({classes}), got {len(names)}")
    if title is not None:
        title = checks.text(title, "title")
    n = _resolution(resolution)
    xr = nice_range([r[0] for r in rows], pad=0.08)
    yr = nice_range([r[1] for r in rows], pad=0.08)
    xr, yr = (max(-LIMIT, xr[0]), min(LIMIT, xr[1])), (max(-LIMIT, yr[0]), min(LIMIT, yr[1]))
    grid = prediction_grid(net, cell_centres(*xr, n), cell_centres(*yr, n))

    def predicted(out: Sequence[float]) -> int:
        return (1 if out[0] >= 0.5 else 0) if outputs == 1 else max(range(outputs), key=out.__getitem__)

    steps = 8  # shades per class
    if outputs == 1:
        # level 0 .. 2·steps−1: from class 0's colour (yHat = 0) to white (0.5) to class 1's (1)
        colours = [mix("#ffffff", CLASS_COLOURS[0], 0.45 * (steps - k - 0.5) / steps) for k in range(steps)]
        colours += [mix("#ffffff", CLASS_COLOURS[1], 0.45 * (k + 0.5) / steps) for k in range(steps)]
        Z = [[min(2 * steps - 1, max(0, int(out[0] * 2 * steps))) for out in row] for row in grid]
    else:
        colours = [
            mix("#ffffff", CLASS_COLOURS[c], 0.2 + 0.25 * (k + 0.5) / steps)
            for c in range(classes)
            for k in range(steps)
        ]
        Z = []
        for grid_row in grid:
            shades = []
            for out in grid_row:
                c = predicted(out)
                shades.append(c * steps + min(steps - 1, max(0, int(out[c] * steps))))
            Z.append(shades)
    box = Frame(72.0, 44.0, 400.0, 320.0, xr, yr)
    body = [box.heat_map(Z, int, colours, 60_000)]
    if outputs == 1:
        values = [[out[0] for out in row] for row in grid]
        body.append(
            box.contours(values, [0.5], colour="#333333", budget=30_000, css="contour boundary", width=1.6)
        )
    body += box.axes("x₁ (first input)", "x₂ (second input)", grid=False)
    points = [[float(v) for v in out] for out in net.backend.tolist(copy.copy(net).forward(rows))]
    wrong = 0
    for (a, b), c, out in zip(rows, truth, points):
        px, py = box.point(a, b)
        guess = predicted(out)
        attrs = {
            "cx": px,
            "cy": py,
            "r": 4.5,
            "fill": CLASS_COLOURS[c],
            "stroke": ON_LIGHT,
            "stroke-width": 1.2,
        }
        tip = f"({a:.4g}, {b:.4g}): {names[c]}, predicted {names[guess]}"
        if guess != c:
            wrong += 1
            body.append(element("circle", {**attrs, "class": "point wrong"}, [element("title", None, tip)]))
            body.append(
                element(
                    "path",
                    {
                        "d": f"M{px - 3.2:.1f} {py - 3.2:.1f}l6.4 6.4m0 -6.4l-6.4 6.4",
                        "stroke": "#000000",
                        "stroke-width": 1.6,
                        "class": "cross",
                    },
                )
            )
        else:
            body.append(element("circle", {**attrs, "class": "point"}, [element("title", None, tip)]))
    key_x, key_y = box.right + 18, box.top + 6
    for k, name in enumerate(names):
        y0 = key_y + 20 * k
        body.append(
            element(
                "circle",
                {
                    "cx": key_x + 6,
                    "cy": y0 + 6,
                    "r": 5,
                    "fill": CLASS_COLOURS[k],
                    "stroke": ON_LIGHT,
                    "class": "key",
                },
            )
        )
        body.append(text(key_x + 16, y0 + 10, name, size=11, class_="key-label"))
    right = len(rows) - wrong
    body.append(
        text(
            box.left,
            box.bottom + 54,
            f"{right} of {len(rows)} points on the right side ({100 * right / len(rows):.1f}%); "
            "× marks a point the network gets wrong",
            size=11,
            fill=MUTED,
            class_="note",
        )
    )
    what = "output" if outputs == 1 else "predicted class"
    return chart(title or f"The network's {what} over the plane of its two inputs", body, 600.0, 430.0)
