"""Line charts: the sigmoid (Parts 2, 4), the cost against one weight (Part 3), the secant of a
numerical derivative (Part 5) and the cost (and accuracy) per iteration or epoch of training runs
(Parts 6, 7 and beyond)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from numbers import Real
from typing import Any, cast

from nnd.arrays.python.kernels import sigmoid as _sigmoid
from nnd.arrays.python.kernels import sigmoid_prime as _sigmoid_prime
from nnd.draw.axes import Frame, drawable, nice_range
from nnd.draw.probe import Probe
from nnd.draw.svg import INK, NEGATIVE, POSITIVE, SERIES, SVG, document, element, heading, text
from nnd.network import Network
from nnd.util import checks
from nnd.util.checks import LIMIT, describe, shown
from nnd.util.errors import InvalidTypeError, InvalidValueError

WIDTH, HEIGHT = 600.0, 380.0
LEFT, TOP, RIGHT, BOTTOM = 72.0, 44.0, 24.0, 58.0
_MAX = 1.7976931348623157e308


def frame(x: tuple[float, float], y: tuple[float, float], top: float = TOP, **log: bool) -> Frame:
    """The standard plot area of a chart (``top`` moves it down, for a second panel)."""
    return Frame(LEFT, top, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM, x, y, **log)


def chart(title: str, body: list[str], width: float = WIDTH, height: float = HEIGHT) -> SVG:
    """A document with ``title`` both as its ``<title>`` and written above the plot."""
    return document(width, height, title, [heading(title, width), *body])


def dot(px: float, py: float, colour: str, r: float = 4.0, label: str | None = None) -> str:
    """A marker at picture coordinates (px, py), outlined in the paper's colour."""
    content = [element("title", None, label)] if label else ""
    return element(
        "circle",
        {"cx": px, "cy": py, "r": r, "fill": colour, "stroke": "#ffffff", "class": "marker paper-edge"},
        content,
    )


def between(lo: float, hi: float, t: float) -> float:
    """The value a share ``t`` of the way from ``lo`` to ``hi``, without overflow for any finite ends.

    >>> between(-1e308, 1e308, 0.5), between(1.0, 3.0, 0.25)
    (0.0, 1.5)
    """
    return lo * (1 - t) + hi * t


def window(lo: Any, hi: Any, lo_name: str, hi_name: str) -> tuple[float, float]:
    """Two finite numbers with ``lo < hi``, far enough apart to draw, or an error naming them both."""
    a = checks.number(lo, lo_name, minimum=None)
    b = checks.number(hi, hi_name, minimum=None)
    if not a < b:
        raise InvalidValueError(f"{lo_name} < {hi_name} expected, got {shown(lo)} and {shown(hi)}")
    if not drawable(a, b):
        raise InvalidValueError(
            f"{lo_name} and {hi_name}: too close together to draw ({shown(lo)} and {shown(hi)}): "
            "expected them at least 1e-12 of their size apart"
        )
    return a, b


def sigmoid(z_min: float = -6.0, z_max: float = 6.0, *, points: int = 241) -> SVG:
    """The sigmoid f(z) = 1/(1 + e^-z) and its derivative f′(z) = f(z)(1 − f(z)).

    f′ peaks at z = 0, where f′(0) = 1/4: a small slope, which is why deep stacks of
    sigmoids learn slowly. Any finite ``z_min < z_max`` draws (even ±1e308), computed by
    nnd's one scalar sigmoid, which never overflows.

    >>> svg = sigmoid()
    >>> "f′(z)" in svg and "<title" in svg
    True
    """
    z_min, z_max = window(z_min, z_max, "z_min", "z_max")
    n = checks.integer(points, "points", minimum=2, maximum=10_000)
    zs = [between(z_min, z_max, k / (n - 1)) for k in range(n)]
    box = frame((z_min, z_max), (0.0, 1.0))
    body = box.axes("z", "f(z), f′(z)")
    if z_min < 0 < z_max:
        body.append(box.line([(0.0, 0.0), (0.0, 1.0)], "#aaaaaa", 1.0, css="zero"))
    body.append(box.line([(z, _sigmoid(z)) for z in zs], POSITIVE, label="f(z)"))
    body.append(box.line([(z, _sigmoid_prime(z)) for z in zs], NEGATIVE, dash="6 4", label="f′(z)"))
    if z_min <= 0 <= z_max:
        px, py = box.point(0.0, 0.25)
        body.append(dot(px, py, NEGATIVE, label="f′(0) = 1/4"))
        body.append(text(px + 8, py - 8, "f′(0) = ¼", size=11, class_="note"))
    body += box.legend(
        [("f(z) = 1 / (1 + e⁻ᶻ)", POSITIVE, None), ("f′(z) = e⁻ᶻ / (1 + e⁻ᶻ)²", NEGATIVE, "6 4")],
    )
    return chart("The sigmoid f(z) and its derivative f′(z)", body)


def _sweep_values(values: Any) -> list[float]:
    rows, shape = checks.as_nested(values, "values")
    if len(shape) != 1:
        raise InvalidValueError(f"values: expected a flat list of weight values, got shape {shape}")
    if len(rows) < 2:
        raise InvalidValueError(f"values: expected at least 2 weight values, got {len(rows)}")
    for k, v in enumerate(rows):
        if abs(v) > LIMIT:
            raise InvalidValueError(f"values[{k}]: expected a weight within ±{LIMIT:g}, got {shown(v)}")
    return sorted(rows)


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
    lowest cost found. ``weight`` names the matrix (``"W1"``, ``"W2"``, ...; ``"b2"``, ...
    for a network with biases), ``index`` the (row, column) in it. The network is not changed.

    >>> import nnd
    >>> X, y = nnd.data.sleep_study()
    >>> "W1[0, 0]" in cost_sweep(nnd.Network(seed=0), X, y, "W1", (0, 0))
    True
    """
    probe = Probe(net, X, y, [(weight, index)])
    ws = [-5.0 + 10.0 * k / 200 for k in range(201)] if values is None else _sweep_values(values)
    if not drawable(ws[0], ws[-1]):
        raise InvalidValueError(
            f"values: expected weight values far enough apart to draw, got {shown(ws[0])} to {shown(ws[-1])}"
        )
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


def _value_of(f: Callable[[float], Any], v: float, name: str) -> float:
    """``f(v)`` as a float (NaN or an infinity as it is), or an error if ``f`` returned no number."""
    result = f(v)
    if isinstance(result, bool) or not isinstance(result, Real):
        raise InvalidTypeError(
            f"{name}: expected a function returning a number, got {describe(result)} {shown(result)} "
            f"for {v:g}"
        )
    try:
        return float(result)
    except OverflowError:  # an int beyond float64
        return math.inf if cast(float, result) > 0 else -math.inf


def _slope(value: float) -> str:
    return f"{value:.6g}" if math.isfinite(value) else "beyond float64's range"


def _cube(v: float) -> float:
    return v * v * v


def _cube_prime(v: float) -> float:
    return 3 * v * v


def secant(
    f: Callable[[float], float] | None = None,
    x: float = 1.0,
    epsilon: float = 0.75,
    *,
    derivative: Callable[[float], float] | None = None,
    label: str | None = None,
) -> SVG:
    """The numerical derivative (Part 5): the secant through f(x − ε) and f(x + ε) beside the tangent.

    The secant's slope (f(x + ε) − f(x − ε)) / 2ε is the central difference; as ε
    shrinks it approaches the tangent's slope f′(x), with an error that shrinks like ε².
    The default is f(x) = x³ at x = 1, where the secant's slope is 3 + ε² against the
    tangent's 3, so that the error shows (for x², the two slopes would be the same at
    every ε). Without ``derivative`` the tangent's slope is itself estimated with a tiny
    step (and labelled as such). ε is large here so that the two lines can be told apart;
    nnd's gradient check uses 1e-4 or smaller.

    Where ``f`` gives NaN or an infinity the curve is left out (it has a gap); f(x − ε),
    f(x) and f(x + ε) must be finite, or an ``InvalidValueError`` says which is not.

    >>> svg = secant()
    >>> "secant" in svg and "tangent" in svg and "x³" in svg
    True
    >>> import math
    >>> "tangent" in secant(math.sin, 1.0, 0.8, derivative=math.cos, label="sin x")
    True
    """
    if f is None:
        f = _cube
        derivative = _cube_prime if derivative is None else derivative
        label = "f(x) = x³" if label is None else label
    if not callable(f):
        raise InvalidTypeError(f"f: expected a function of one number, got {describe(f)}")
    if derivative is not None and not callable(derivative):
        raise InvalidTypeError(
            f"derivative: expected a function of one number or None, got {describe(derivative)}"
        )
    if label is not None:
        label = checks.text(label, "label")
    x = checks.number(x, "x", minimum=None)
    epsilon = checks.number(epsilon, "epsilon", positive=True)
    a, b = x - epsilon, x + epsilon
    if not (math.isfinite(a) and math.isfinite(b)):
        raise InvalidValueError(f"x ± epsilon: {x:g} ± {epsilon:g} is beyond float64's range")
    if not drawable(a, b):
        raise InvalidValueError(
            f"epsilon: {epsilon:g} is too small to tell x − ε from x + ε at x = {x:g} in float64"
        )
    half = max(2.5 * epsilon, 1.0)
    ends = (max(-_MAX, x - half), min(_MAX, x + half))
    xs = [between(ends[0], ends[1], k / 160) for k in range(161)]
    fs = [_value_of(f, v, "f") for v in xs]
    fx, f_lo, f_hi = _value_of(f, x, "f"), _value_of(f, a, "f"), _value_of(f, b, "f")
    for value, where in ((f_lo, "x − ε"), (fx, "x"), (f_hi, "x + ε")):
        if not math.isfinite(value):
            raise InvalidValueError(
                f"f: the secant needs finite values at x − ε, x and x + ε, got f({where}) = {value!r}"
            )
    slope_secant = (f_hi / 2 - f_lo / 2) / (b / 2 - a / 2) if b - a > 0 else math.nan
    if derivative is not None:
        slope = _value_of(derivative, x, "derivative")
        if math.isnan(slope):
            raise InvalidValueError(f"derivative: expected a number at x = {x:g}, got nan")
        tangent_label = f"tangent, slope f′(x) = {_slope(slope)}"
    else:
        h = 1e-6 * max(1.0, abs(x))
        lo_h, hi_h = _value_of(f, max(-_MAX, x - h), "f"), _value_of(f, min(_MAX, x + h), "f")
        slope = (hi_h / 2 - lo_h / 2) / h if math.isfinite(lo_h) and math.isfinite(hi_h) else math.nan
        if math.isnan(slope):
            raise InvalidValueError(
                f"f: its slope at x = {x:g} cannot be estimated (f is not finite beside x); give derivative="
            )
        tangent_label = f"tangent, slope ≈ {_slope(slope)}"

    def through(px: float, py: float, m: float, v: float) -> float:
        """The line through (px, py) with slope m, at v (clamped: the frame cuts it anyway)."""
        if not math.isfinite(m):
            return math.copysign(_MAX, m * (v - px)) if v != px else py
        rise = m * (v / 2 - px / 2) * 2 if abs(m) < 1e300 else m * (v - px)
        return max(-_MAX, min(_MAX, py + max(-_MAX, min(_MAX, rise))))

    tangent = [(v, through(x, fx, slope, v)) for v in ends]
    secant_line = [(v, through(a, f_lo, slope_secant, v)) for v in ends]
    lo, hi = nice_range([*fs, fx, f_lo, f_hi], pad=0.08)
    box = frame(ends, (lo, hi))
    body = box.axes("x", label or "f(x)")
    body.append(box.line(zip(xs, fs), INK, 2.0, css="curve function", label=label or "f(x)"))
    body.append(box.line(tangent, POSITIVE, 2.0, css="curve tangent", label=tangent_label))
    body.append(box.line(secant_line, NEGATIVE, 2.0, dash="7 4", css="curve secant", label="secant"))
    for v, fv, name in ((a, f_lo, "x − ε"), (b, f_hi, "x + ε")):
        px, py = box.point(v, fv)
        body.append(box.line([(v, lo), (v, fv)], "#aaaaaa", 1.0, dash="2 3", css="guide"))
        body.append(dot(px, py, NEGATIVE, 4.5, f"({v:.4g}, {fv:.4g})"))
        body.append(text(px, box.bottom - 6, name, size=11, anchor="middle", class_="note"))
    px, py = box.point(x, fx)
    body.append(dot(px, py, POSITIVE, 4.5, f"({x:.4g}, {fx:.4g})"))
    entries: list[tuple[str, str | None, str | None]] = [
        (label or "f(x)", INK, None),
        (tangent_label, POSITIVE, None),
        (f"secant, (f(x+ε) − f(x−ε)) / 2ε = {_slope(slope_secant)}", NEGATIVE, "7 4"),
    ]
    error = slope_secant - slope
    if math.isfinite(error):
        entries.append((f"secant − tangent: {error:+.4g} (shrinks like ε²)", None, None))
    body += box.legend(entries)
    what = f" of {label}" if label else ""
    return chart(f"Numerical derivative{what} at x = {x:g}, ε = {epsilon:g}: secant and tangent", body)


Run = Any  # a TrainResult (with .J, maybe .testJ, .accuracy, .test_accuracy) or a sequence of costs


def _floats(values: Any, name: str, *, fractions: bool = False) -> list[float]:
    """Numbers as floats; NaN and infinities kept (they break a curve). ``fractions``: within [0, 1]."""
    if hasattr(values, "tolist") and not isinstance(values, (str, bytes)):
        values = values.tolist()
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise InvalidTypeError(f"{name}: expected a list of numbers, got {describe(values)}")
    out = []
    for k, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, Real):
            raise InvalidTypeError(f"{name}[{k}]: expected a number, got {describe(v)} {shown(v)}")
        try:
            value = float(v)
        except OverflowError:
            raise InvalidValueError(
                f"{name}[{k}]: expected a number within float64's range, got {shown(v)}"
            ) from None
        if fractions and not (0.0 <= value <= 1.0 or math.isnan(value)):
            raise InvalidValueError(f"{name}[{k}]: expected a fraction from 0 to 1, got {shown(v)}")
        out.append(value)
    return out


class _Curves:
    """One run's histories, checked."""

    def __init__(self, run: Run, k: int) -> None:
        if hasattr(run, "J"):
            self.J = _floats(run.J, f"runs[{k}].J")
            self.testJ = _floats(getattr(run, "testJ", None) or [], f"runs[{k}].testJ")
            self.accuracy = _floats(
                getattr(run, "accuracy", None) or [], f"runs[{k}].accuracy", fractions=True
            )
            self.test_accuracy = _floats(
                getattr(run, "test_accuracy", None) or [], f"runs[{k}].test_accuracy", fractions=True
            )
            self.method = getattr(run, "method", None)
        elif isinstance(run, (str, bytes)) or not (isinstance(run, Sequence) or hasattr(run, "tolist")):
            raise InvalidTypeError(
                f"runs[{k}]: expected a TrainResult or a list of costs, got {describe(run)}"
            )
        else:
            self.J, self.testJ, self.accuracy, self.test_accuracy = _floats(run, f"runs[{k}]"), [], [], []
            self.method = None


def training(
    *runs: Run,
    labels: Sequence[str] | None = None,
    log: bool | None = None,
    title: str | None = None,
    xlabel: str | None = None,
) -> SVG:
    """Cost (and accuracy) per iteration or epoch of one or more training runs (Parts 6 and 7).

    Each run is what :func:`nnd.train` returns (its ``J``, and its ``testJ`` dashed in the
    same colour when it has one) or a plain list of costs; or give one dict
    ``{label: run}`` (its keys are written with ``str``). ``log`` (default: when every
    cost is positive and they span more than a factor of 20) draws the cost on a
    logarithmic axis. When a run also recorded its accuracy (``accuracy``, and
    ``test_accuracy`` with test data: fractions from 0 to 1, as :func:`nnd.train` records
    them when the targets are classes), a second panel below shows it in percent, train
    solid and test dashed. Any object with these attributes will do. The x axis counts
    epochs when every run was minibatch training (``method == "sgd"``), else iterations;
    ``xlabel`` says otherwise. NaN and infinite costs leave gaps.

    >>> import nnd
    >>> X, y = nnd.data.sleep_study()
    >>> bfgs = nnd.train(nnd.Network(seed=0), X, y)
    >>> gd = nnd.train(nnd.Network(seed=0), X, y, method="gd", max_iter=100)
    >>> svg = training({"BFGS": bfgs, "gradient descent": gd})
    >>> svg.count('class="curve"')
    2
    >>> from types import SimpleNamespace as Run
    >>> run = Run(J=[0.4, 0.2, 0.1], testJ=[0.4, 0.3, 0.25], accuracy=[0.5, 0.8, 0.9],
    ...           test_accuracy=[0.5, 0.7, 0.75], method="sgd")
    >>> svg = training(run)
    >>> svg.count('class="curve accuracy"'), svg.count('class="curve accuracy test"'), "epoch" in svg
    (1, 1, True)
    """
    if title is not None:
        title = checks.text(title, "title")
    if xlabel is not None:
        xlabel = checks.text(xlabel, "xlabel")
    if log is not None:
        log = checks.flag(log, "log")
    if len(runs) == 1 and isinstance(runs[0], Mapping):
        if labels is not None:
            raise InvalidValueError("labels: a dict of runs already names them; leave labels out")
        labels, runs = [str(k) for k in runs[0]], tuple(runs[0].values())
    elif labels is not None:
        labels = [
            checks.text(v, f"labels[{k}]")
            for k, v in enumerate(checks.sequence(labels, "labels", '["BFGS", "gd"]'))
        ]
    if not runs:
        raise InvalidValueError("runs: expected at least one training run, got none")
    histories = [_Curves(run, k) for k, run in enumerate(runs)]
    if labels is not None:
        if len(labels) != len(runs):
            raise InvalidValueError(f"labels: expected one per run ({len(runs)}), got {len(labels)}")
    elif len(runs) == 1:
        labels = ["training"]
    else:
        labels = [
            str(h.method) if isinstance(h.method, str) and h.method else f"run {k + 1}"
            for k, h in enumerate(histories)
        ]
    if xlabel is None:
        xlabel = "epoch" if all(h.method == "sgd" for h in histories) else "iteration"
    with_accuracy = any(h.accuracy or h.test_accuracy for h in histories)

    curves: list[tuple[str, list[float], bool, int]] = []  # label, values, test?, colour
    for k, h in enumerate(histories):
        curves.append((labels[k], h.J, False, k))
        if h.testJ:  # a run with test data (training without them records none)
            curves.append((f"{labels[k]}: test", h.testJ, True, k))
    values = [v for _, J, _, _ in curves for v in J if math.isfinite(v)]
    if log is None:
        positive = [v for v in values if v > 0]
        log = bool(positive) and len(positive) == len(values) and max(positive) > 20 * min(positive)
    longest = max(
        [len(J) for _, J, _, _ in curves]
        + [len(h.accuracy) for h in histories]
        + [len(h.test_accuracy) for h in histories]
    )
    x_range = (1.0, float(longest)) if longest > 1 else (0.5, 1.5)
    lo, hi = nice_range(values, log=bool(log), pad=0.04)
    if not log and lo > 0 and lo < 0.3 * hi:
        lo = 0.0
    box = frame(x_range, (lo, hi), ylog=bool(log))
    body = box.axes("" if with_accuracy else xlabel, "cost J (log scale)" if log else "cost J", whole_x=True)
    entries = []
    for label, J, is_test, k in curves:
        colour = SERIES[k % len(SERIES)]
        dash = "6 4" if is_test else None
        points = list(zip(range(1, len(J) + 1), J))
        css = "curve test" if is_test else "curve"
        body.append(box.line(points, colour, 2.0, dash, css=css, label=label, max_points=4000 // len(curves)))
        entries.append((label, colour, dash))
    if len(entries) > 1:
        body += box.legend(entries)
    if not values:  # e.g. a run that started at a minimum and took no step
        body.append(
            text(
                box.left + box.width / 2,
                box.top + box.height / 2,
                "no iterations to show",
                size=12,
                anchor="middle",
                class_="note",
            )
        )
    height = HEIGHT
    if with_accuracy:
        body += _accuracy_panel(histories, labels, x_range, xlabel)
        height = HEIGHT + _PANEL
    default = "Cost and accuracy per " + xlabel if with_accuracy else "Cost per " + xlabel
    return chart(title or default, body, WIDTH, height)


_PANEL = 260.0  # the accuracy panel's height, below the cost's


def _accuracy_panel(
    histories: list[_Curves], labels: list[str], x_range: tuple[float, float], xlabel: str
) -> list[str]:
    percents = [100 * v for h in histories for v in (*h.accuracy, *h.test_accuracy) if math.isfinite(v)]
    lo, hi = nice_range(percents, pad=0.08)
    lo, hi = max(0.0, lo), min(100.0, hi)
    if not drawable(lo, hi):
        lo, hi = (max(0.0, hi - 10.0), hi) if hi > 0 else (0.0, 10.0)
    box = Frame(LEFT, HEIGHT - 14, WIDTH - LEFT - RIGHT, _PANEL - 58, x_range, (lo, hi))
    body = box.axes(xlabel, "accuracy (%)", yticks=4, whole_x=True)
    entries = []
    for k, h in enumerate(histories):
        colour = SERIES[k % len(SERIES)]
        for values, is_test in ((h.accuracy, False), (h.test_accuracy, True)):
            if not values:
                continue
            dash = "6 4" if is_test else None
            name = f"{labels[k]}: test accuracy" if is_test else f"{labels[k]}: accuracy"
            points = [(i + 1.0, 100 * v) for i, v in enumerate(values)]
            css = "curve accuracy test" if is_test else "curve accuracy"
            body.append(box.line(points, colour, 2.0, dash, css=css, label=name, max_points=2000))
            entries.append((name, colour, dash))
            last = next((v for v in reversed(values) if math.isfinite(v)), None)
            if last is not None:
                px, py = box.point(float(len(values)), 100 * last)
                if box.inside(px, py):
                    body.append(dot(px, py, colour, 3.5, f"{name}: {100 * last:.1f}% at the end"))
    body += box.legend(entries)
    return body
