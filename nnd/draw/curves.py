"""Line charts: the sigmoid (Parts 2, 4), the cost against one weight (Part 3), the secant of a
numerical derivative (Part 5) and the cost per iteration of training runs (Parts 6, 7)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from nnd.draw.axes import Frame, nice_range
from nnd.draw.probe import Probe
from nnd.draw.svg import INK, NEGATIVE, POSITIVE, SERIES, SVG, document, element, text
from nnd.network import Network
from nnd.util.errors import InvalidTypeError, InvalidValueError

WIDTH, HEIGHT = 600.0, 380.0
LEFT, TOP, RIGHT, BOTTOM = 72.0, 44.0, 24.0, 58.0


def frame(x: tuple[float, float], y: tuple[float, float], **log: bool) -> Frame:
    """The standard plot area of a chart."""
    return Frame(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM, x, y, **log)


def chart(title: str, body: list[str], width: float = WIDTH, height: float = HEIGHT) -> SVG:
    """A document with ``title`` both as its ``<title>`` and written above the plot."""
    return document(
        width, height, title, [text(12, 24, title, size=14, font_weight="600", class_="title"), *body]
    )


def dot(px: float, py: float, colour: str, r: float = 4.0, label: str | None = None) -> str:
    """A marker at picture coordinates (px, py)."""
    content = [element("title", None, label)] if label else ""
    return element(
        "circle",
        {"cx": px, "cy": py, "r": r, "fill": colour, "stroke": "#ffffff", "class": "marker"},
        content,
    )


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def sigmoid(z_min: float = -6.0, z_max: float = 6.0, *, points: int = 241) -> SVG:
    """The sigmoid f(z) = 1/(1 + e^-z) and its derivative f′(z) = f(z)(1 − f(z)).

    f′ peaks at z = 0, where f′(0) = 1/4: a small slope, which is why deep stacks of
    sigmoids learn slowly.

    >>> svg = sigmoid()
    >>> "f′(z)" in svg and "<title" in svg
    True
    """
    _check_span(z_min, z_max, "z_min", "z_max")
    _check_count(points, "points", 2)
    zs = [z_min + (z_max - z_min) * k / (points - 1) for k in range(points)]
    f = [_sigmoid(z) for z in zs]
    box = frame((z_min, z_max), (0.0, 1.0))
    body = box.axes("z", "f(z), f′(z)")
    if z_min < 0 < z_max:
        body.append(box.line([(0.0, 0.0), (0.0, 1.0)], "#aaaaaa", 1.0, css="zero"))
    body.append(box.line(zip(zs, f), POSITIVE, label="f(z)"))
    body.append(box.line(zip(zs, [v * (1 - v) for v in f]), NEGATIVE, dash="6 4", label="f′(z)"))
    if z_min <= 0 <= z_max:
        px, py = box.point(0.0, 0.25)
        body.append(dot(px, py, NEGATIVE, label="f′(0) = 1/4"))
        body.append(text(px + 8, py - 8, "f′(0) = ¼", size=11, class_="note"))
    body += box.legend(
        [("f(z) = 1 / (1 + e⁻ᶻ)", POSITIVE, None), ("f′(z) = e⁻ᶻ / (1 + e⁻ᶻ)²", NEGATIVE, "6 4")],
    )
    return chart("The sigmoid f(z) and its derivative f′(z)", body)


def cost_sweep(
    net: Network,
    X: Any,
    y: Any,
    weight: str = "W1",
    index: tuple[int, int] = (0, 0),
    *,
    values: Sequence[float] | None = None,
) -> SVG:
    """The cost J as one weight takes each of ``values``, the other weights held (Part 3).

    Part 3 finds the best value of one weight by trying 1000 of them; this draws that
    sweep (default: 201 values from −5 to 5), marks the weight's current value and the
    lowest cost found. ``weight`` names the matrix (``"W1"``, ``"W2"``, ...), ``index``
    the (row, column) in it. The network is not changed.

    >>> import nnd
    >>> X, y = nnd.data.sleep_study()
    >>> "W1[0, 0]" in cost_sweep(nnd.Network(seed=0), X, y, "W1", (0, 0))
    True
    """
    probe = Probe(net, X, y, [(weight, index)])
    if values is None:
        values = [-5.0 + 10.0 * k / 200 for k in range(201)]
    ws = _numbers(values, "values")
    if len(ws) < 2:
        raise InvalidValueError(f"values: expected at least 2 weight values, got {len(ws)}")
    ws.sort()
    J = [probe.cost([w]) for w in ws]
    name = f"{weight}[{index[0]}, {index[1]}]"
    lo, hi = nice_range(J, pad=0.06)
    box = frame((ws[0], ws[-1]), (min(lo, 0.0) if min(J) >= 0 and lo < hi / 4 else lo, hi))
    body = box.axes(f"the weight {name}", "cost J")
    body.append(box.line(zip(ws, J), POSITIVE, label=f"J against {name}"))
    best = min(range(len(J)), key=J.__getitem__)
    px, py = box.point(ws[best], J[best])
    body.append(dot(px, py, NEGATIVE, 5, f"lowest J = {J[best]:.4g} at {name} = {ws[best]:.4g}"))
    anchor = "end" if px > box.right - 50 else "start" if px < box.left + 50 else "middle"
    body.append(text(px, py - 10, f"lowest: {ws[best]:.3g}", size=11, anchor=anchor, class_="note"))
    now = probe.start[0]
    if box.x.contains(now):
        J_now = probe.cost([now])
        qx, qy = box.point(now, J_now)
        if box.inside(qx, qy):
            body.append(dot(qx, qy, INK, 4, f"now: {name} = {now:.4g}, J = {J_now:.4g}"))
            body.append(text(qx + 8, qy + 14, "now", size=11, class_="note"))
    return chart(f"Cost J as {name} varies, the other weights held", body)


def secant(
    f: Callable[[float], float] | None = None,
    x: float = 1.5,
    epsilon: float = 0.5,
    *,
    derivative: Callable[[float], float] | None = None,
    label: str | None = None,
) -> SVG:
    """The numerical derivative (Part 5): the secant through f(x − ε) and f(x + ε) beside the tangent.

    The secant's slope (f(x + ε) − f(x − ε)) / 2ε is the central difference; as ε
    shrinks it approaches the tangent's slope f′(x). The default is the series' warm-up,
    f(x) = x² at x = 1.5. Without ``derivative`` the tangent's slope is itself estimated
    with a tiny step (and labelled as such). ε is large here so that the two lines can be
    told apart; nnd's gradient check uses 1e-4 or smaller.

    >>> svg = secant()
    >>> "secant" in svg and "tangent" in svg
    True
    >>> import math
    >>> "tangent" in secant(math.sin, 1.0, 0.8, derivative=math.cos, label="sin x")
    True
    """
    if f is None:
        f, derivative, label = (lambda v: v * v), (lambda v: 2 * v), label or "f(x) = x²"
    if not callable(f):
        raise InvalidTypeError(f"f: expected a function of one number, got {type(f).__name__}")
    if derivative is not None and not callable(derivative):
        raise InvalidTypeError(
            f"derivative: expected a function of one number or None, got {type(derivative).__name__}"
        )
    x = _number(x, "x")
    epsilon = _number(epsilon, "epsilon")
    if not epsilon > 0:
        raise InvalidValueError(f"epsilon: expected a positive number, got {epsilon!r}")
    half = max(2.5 * epsilon, 1.0)
    xs = [x - half + 2 * half * k / 160 for k in range(161)]
    fs = [float(f(v)) for v in xs]
    fx, f_lo, f_hi = float(f(x)), float(f(x - epsilon)), float(f(x + epsilon))
    slope_secant = (f_hi - f_lo) / (2 * epsilon)
    if derivative is not None:
        slope = float(derivative(x))
        tangent_label = f"tangent, slope f′(x) = {slope:.6g}"
    else:
        h = 1e-6 * max(1.0, abs(x))
        slope = (float(f(x + h)) - float(f(x - h))) / (2 * h)
        tangent_label = f"tangent, slope ≈ {slope:.6g}"
    ends = (xs[0], xs[-1])
    tangent = [(v, fx + slope * (v - x)) for v in ends]
    through = [(v, f_lo + slope_secant * (v - (x - epsilon))) for v in ends]
    lo, hi = nice_range(fs + [fx], pad=0.08)
    box = frame(ends, (lo, hi))
    body = box.axes("x", label or "f(x)")
    body.append(box.line(zip(xs, fs), INK, 2.0, css="curve function", label=label or "f(x)"))
    body.append(box.line(tangent, POSITIVE, 2.0, css="curve tangent", label=tangent_label))
    body.append(box.line(through, NEGATIVE, 2.0, dash="7 4", css="curve secant", label="secant"))
    for v, fv, name in ((x - epsilon, f_lo, "x − ε"), (x + epsilon, f_hi, "x + ε")):
        px, py = box.point(v, fv)
        body.append(box.line([(v, lo), (v, fv)], "#aaaaaa", 1.0, dash="2 3", css="guide"))
        body.append(dot(px, py, NEGATIVE, 4.5, f"({v:.4g}, {fv:.4g})"))
        body.append(text(px, box.bottom - 6, name, size=11, anchor="middle", class_="note"))
    px, py = box.point(x, fx)
    body.append(dot(px, py, POSITIVE, 4.5, f"({x:.4g}, {fx:.4g})"))
    body += box.legend(
        [
            (label or "f(x)", INK, None),
            (tangent_label, POSITIVE, None),
            (f"secant, (f(x+ε) − f(x−ε)) / 2ε = {slope_secant:.6g}", NEGATIVE, "7 4"),
        ],
    )
    return chart(f"Numerical derivative at x = {x:g} with ε = {epsilon:g}: secant and tangent", body)


Run = Any  # a TrainResult (with .J and maybe .testJ) or a sequence of costs


def training(
    *runs: Run, labels: Sequence[str] | None = None, log: bool | None = None, title: str | None = None
) -> SVG:
    """Cost per iteration of one or more training runs on one plot (Parts 6 and 7).

    Each run is what :func:`nnd.train` returns (its ``J``, and its ``testJ`` dashed in the
    same colour when it has one) or a plain list of costs; or give one dict
    ``{label: run}``. ``log`` (default: when every cost is positive and they span more than
    a factor of 20) draws the cost on a logarithmic axis.

    >>> import nnd
    >>> X, y = nnd.data.sleep_study()
    >>> bfgs = nnd.train(nnd.Network(seed=0), X, y)
    >>> gd = nnd.train(nnd.Network(seed=0), X, y, method="gd", max_iter=100)
    >>> svg = training({"BFGS": bfgs, "gradient descent": gd})
    >>> svg.count('class="curve"')
    2
    """
    if len(runs) == 1 and isinstance(runs[0], Mapping):
        if labels is not None:
            raise InvalidValueError("labels: a dict of runs already names them; leave labels out")
        labels, runs = [str(k) for k in runs[0]], tuple(runs[0].values())
    if not runs:
        raise InvalidValueError("runs: expected at least one training run, got none")
    if labels is not None:
        labels = [str(v) for v in labels]
        if len(labels) != len(runs):
            raise InvalidValueError(f"labels: expected one per run ({len(runs)}), got {len(labels)}")
    else:
        labels = [getattr(r, "method", None) or f"run {k + 1}" for k, r in enumerate(runs)]
        if len(runs) == 1:
            labels = ["training"]
    curves: list[tuple[str, list[float], bool]] = []
    for k, run in enumerate(runs):
        J, testJ = _costs(run, k)
        curves.append((labels[k], J, False))
        if testJ:  # a run with test data (training without them records none)
            curves.append((f"{labels[k]}: test", testJ, True))
    values = [v for _, J, _ in curves for v in J if math.isfinite(v)]
    if log is None:
        positive = [v for v in values if v > 0]
        log = bool(positive) and len(positive) == len(values) and max(positive) > 20 * min(positive)
    longest = max(len(J) for _, J, _ in curves)
    x_range = (1.0, float(longest)) if longest > 1 else (0.5, 1.5)
    lo, hi = nice_range(values, log=bool(log), pad=0.04)
    if not log and lo > 0 and lo < 0.3 * hi:
        lo = 0.0
    box = frame(x_range, (lo, hi), ylog=bool(log))
    body = box.axes("iteration", "cost J (log scale)" if log else "cost J")
    entries = []
    run_colour = -1
    for label, J, is_test in curves:
        if not is_test:
            run_colour += 1
        colour = SERIES[run_colour % len(SERIES)]
        dash = "6 4" if is_test else None
        points = list(zip(range(1, len(J) + 1), J))
        css = "curve test" if is_test else "curve"
        body.append(box.line(points, colour, 2.0, dash, css=css, label=label, max_points=4000 // len(curves)))
        entries.append((label, colour, dash))
    if len(entries) > 1:
        body += box.legend(entries)
    if not values:  # e.g. a run that started at a minimum and took no step
        body.append(text(box.left + box.width / 2, box.top + box.height / 2, "no iterations to show",
                         size=12, anchor="middle", class_="note"))  # fmt: skip
    return chart(title or "Cost per iteration", body)


def _costs(run: Run, k: int) -> tuple[list[float], list[float] | None]:
    if hasattr(run, "J"):
        testJ = getattr(run, "testJ", None)
        J = _numbers(run.J, f"runs[{k}].J", empty=True)
        return J, None if testJ is None else _numbers(testJ, f"runs[{k}].testJ", empty=True)
    if isinstance(run, (str, bytes)) or not isinstance(run, Sequence):
        got = type(run).__name__
        raise InvalidTypeError(f"runs[{k}]: expected a TrainResult or a list of costs, got {got}")
    return _numbers(run, f"runs[{k}]", empty=True), None


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{name}: expected a finite number, got {type(value).__name__} {value!r:.40}")
    if not math.isfinite(value):
        raise InvalidValueError(f"{name}: expected a finite number, got {value!r}")
    return float(value)


def _numbers(values: Any, name: str, empty: bool = False) -> list[float]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise InvalidTypeError(f"{name}: expected a sequence of numbers, got {type(values).__name__}")
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise InvalidTypeError(f"{name}: expected numbers, got an item of type {type(v).__name__}")
        out.append(float(v))
    if not out and not empty:
        raise InvalidValueError(f"{name}: expected at least one number, got none")
    return out


def _check_span(lo: Any, hi: Any, lo_name: str, hi_name: str) -> None:
    _number(lo, lo_name)
    _number(hi, hi_name)
    if not lo < hi:
        raise InvalidValueError(f"{lo_name} < {hi_name} expected, got {lo!r} and {hi!r}")


def _check_count(value: Any, name: str, least: int, most: int = 1000) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise InvalidValueError(f"{name}: expected an int from {least} to {most}, got {value!r}")
    return value
