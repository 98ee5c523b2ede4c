"""The network drawn as the series draws it: neurons in layers, synapses between them.

Every synapse is one ``<line class="synapse">`` whose width grows with the size of its
weight (or of its gradient) and whose colour is its sign; every neuron shown is one
``<circle class="neuron">``. A network with biases also has, above each layer but the
last, a bias unit: a small box marked "+1" (the constant input a bias multiplies), with one
``<line class="synapse bias">`` to each neuron of the next layer, drawn like the weights.
Layers wider than ``max_neurons`` show their first and last few neurons and, between them,
a box saying how many are left out.

Numbers in neurons are sized to fit inside them; every other label sits below the neurons
or above the bias units, where no synapse passes.
"""

from __future__ import annotations

import copy
from typing import Any

from nnd.draw.params import parameter_arrays
from nnd.draw.svg import (
    INK,
    MUTED,
    ON_LIGHT,
    PAPER,
    SVG,
    document,
    element,
    mix,
    sequential,
    sign_colour,
    text,
    text_width,
)
from nnd.draw.svg import heading as title_text
from nnd.network import Network, check_network
from nnd.util import checks
from nnd.util.errors import InvalidValueError

SHOWS = ("weights", "activations", "deltas", "gradients")

_COLUMN = 150.0  # distance between layers
_ROW = 56.0  # distance between neurons of a layer
_RADIUS = 21.0
_MAX_WIDTH = 6.0  # stroke width of the largest synapse
_MIN_WIDTH = 0.5
_BIAS_RISE = 52.0  # how far above the top row the bias units sit
_BIAS_SIZE = 24.0  # a bias unit's box


def layer_names(sizes: tuple[int, ...]) -> list[str]:
    """The series' names for the layers: X, a2, a3, ..., yHat.

    >>> layer_names((2, 3, 1)), layer_names((2, 5, 5, 1))
    (['X', 'a2', 'yHat'], ['X', 'a2', 'a3', 'yHat'])
    """
    return ["X", *(f"a{k}" for k in range(2, len(sizes))), "yHat"]


def shown_neurons(size: int, max_neurons: int) -> list[int | None]:
    """Which neurons of a layer are drawn, top to bottom; ``None`` marks the summary gap.

    >>> shown_neurons(3, 9)
    [0, 1, 2]
    >>> shown_neurons(20, 9)
    [0, 1, 2, 3, None, 16, 17, 18, 19]
    """
    if size <= max_neurons:
        return list(range(size))
    keep = max(1, (max_neurons - 1) // 2)
    return [*range(keep), None, *range(size - keep, size)]


def value_label(v: float) -> str:
    """A number short enough to sit in a neuron: two decimals near 1, three digits up to 1000,
    else one significant digit and a power of ten; real minus signs.

    >>> [value_label(v) for v in (0.1234, -0.004, 12.345, 0.0, -1e30, 2500.0)]
    ['0.12', '−4e−3', '12.3', '0', '−1e30', '2e3']
    """
    size = abs(v)
    if size == 0 or 0.01 <= size < 10:
        label = f"{v:.2f}"
        if label in ("0.00", "-0.00"):
            label = "0"
    elif 10 <= size < 1000:
        label = f"{v:.3g}"
    else:
        mantissa, exponent = f"{v:.0e}".split("e")
        label = f"{mantissa}e{int(exponent)}"
    return label.replace("-", "−")


def fitted_size(label: str, room: float, size: float = 10.0, smallest: float = 6.0) -> float:
    """The font size, at most ``size``, at which ``label`` fits in ``room`` picture units.

    >>> fitted_size("0.12", 36), fitted_size("−1e30", 30)
    (10.0, 8.4)
    """
    need = text_width(label, 1.0)
    return max(smallest, min(size, round(room / need - 0.05, 1)))


def network(
    net: Network,
    X: Any = None,
    y: Any = None,
    show: str = "weights",
    *,
    example: int = 0,
    max_neurons: int = 9,
    title: str | None = None,
) -> SVG:
    """The network's diagram: neurons by layer (X, a2, ..., yHat), synapses by weight.

    ``show`` picks what the picture shows:

    - ``"weights"``: each synapse's width is proportional to ``|w|``, its colour is the sign of w;
    - ``"activations"``: also the values of one example (row ``example`` of ``X``) in
      the neurons, X through yHat (and y beside yHat if given);
    - ``"deltas"``: the backpropagating errors delta2, delta3, ... of that example in the
      neurons, the error flowing back from the output (needs ``X`` and ``y``);
    - ``"gradients"``: dJdW on the synapses instead of W (needs ``X`` and ``y``), Part 4's
      picture of what backpropagation computes.

    A network with biases shows them as a "+1" unit above each layer, whose synapses are
    the biases b2, b3, ... (or their gradients dJdb2, ...). Weights changed in place to NaN
    or an infinity are refused, naming the array. The network is not changed (its kept
    values z2, a2, ... stay those of its last pass).

    >>> import nnd, xml.etree.ElementTree as ET
    >>> svg = network(nnd.Network((2, 3, 1), seed=0))
    >>> root = ET.fromstring(svg)
    >>> len(root.findall(".//{*}circle")), len(root.findall(".//{*}line"))
    (6, 9)
    >>> X, y = nnd.data.sleep_study()
    >>> "delta3" in network(nnd.Network(seed=0), X, y, show="deltas")
    True
    """
    check_network(net)
    show = checks.choice(show, "show", SHOWS)
    max_neurons = checks.integer(max_neurons, "max_neurons", minimum=3, maximum=1000)
    if title is not None:
        title = checks.text(title, "title")
    if show in ("deltas", "gradients") and (X is None or y is None):
        missing = " and ".join(name for name, v in (("X", X), ("y", y)) if v is None)
        raise InvalidValueError(f"show={show!r} needs X and y, got no {missing}")
    if show == "activations" and X is None:
        raise InvalidValueError("show='activations' needs X (the examples to show), got X=None")
    if X is None and y is not None:
        raise InvalidValueError("y goes with X: give X too, or neither")

    sizes = net.layer_sizes
    L = len(sizes)
    weights, biases = parameter_arrays(net)  # checked: a NaN put in place is refused, naming its array
    work = copy.copy(net)  # its own kept values: the caller's network keeps its own
    values: list[list[float] | None] = [None] * L  # per layer, the example's values
    synapse_values, bias_values = weights, biases
    targets: list[float] | None = None  # y of the example shown (activations only)
    if X is not None:
        m = len(_rows(net, work.forward(X)))  # checks X, and keeps a2, ..., yHat on the copy
        example = checks.integer(example, "example", minimum=None)
        if not -m <= example < m:
            raise InvalidValueError(f"example: expected a row of X, from 0 to {m - 1}, got {example}")
        if y is not None:
            all_targets = _rows(net, work.check_data(X, y)[1])
            grads = [_rows(net, g) for g in work.gradients(X, y)]  # also keeps delta2, ...
            if show == "activations":
                targets = all_targets[example]
            elif show == "gradients":
                synapse_values, bias_values = grads[: L - 1], grads[L - 1 :]
        if show == "activations":
            values = [_rows(net, _activity(work, k, L, X))[example] for k in range(L)]
        elif show == "deltas":
            values = [None, *(_rows(net, getattr(work, f"delta{k}"))[example] for k in range(2, L + 1))]

    has_bias = bool(bias_values)
    shown = [shown_neurons(n, max_neurons) for n in sizes]
    tallest = max(len(s) for s in shown)
    shape = "-".join(map(str, sizes))
    with_b = " with biases" if has_bias else ""
    default_title = {
        "weights": f"The {shape} network{with_b} and its weights",
        "activations": f"The {shape} network's activations for example {example}",
        "deltas": f"The {shape} network's backpropagating errors for example {example}",
        "gradients": f"The {shape} network's gradients dJ/dW" + (" and dJ/db" if has_bias else ""),
    }[show]
    heading_text = title or default_title
    top = 84.0 + (_BIAS_RISE + 10 if has_bias else 0.0)  # the centre of the tallest layer's top neuron
    width = max(170.0 + _COLUMN * (L - 1), 40.0 + text_width(heading_text, 14, bold=True))
    left = (width - _COLUMN * (L - 1)) / 2
    lowest = top + _ROW * (tallest - 1)
    names_y = lowest + _RADIUS + 24
    height = names_y + 16 + (16 if has_bias else 0) + 34
    middle = top + _ROW * (tallest - 1) / 2

    def centre(layer: int, slot: int) -> tuple[float, float]:
        count = len(shown[layer])
        return left + _COLUMN * layer, middle + _ROW * (slot - (count - 1) / 2)

    def bias_centre(layer: int) -> tuple[float, float]:
        """The bias unit feeding layer ``layer + 1`` (between columns, above everything)."""
        return left + _COLUMN * (layer + 0.35), top - _BIAS_RISE

    everything = [v for rows in (*synapse_values, *bias_values) for row in rows for v in row]
    largest = max(map(abs, everything), default=0.0)

    def stroke(w: float) -> str:
        return f"{_MIN_WIDTH + (_MAX_WIDTH - _MIN_WIDTH) * (abs(w) / largest if largest > 0 else 0.0):.2f}"

    gradient = show == "gradients"
    body: list[str] = []
    # synapses first, so that the neurons and the boxes with text sit on top of them
    lines = []
    for k, rows in enumerate(synapse_values):
        name = f"dJdW{k + 1}" if gradient else f"W{k + 1}"
        for a_slot, i in enumerate(shown[k]):
            if i is None:
                continue
            for b_slot, j in enumerate(shown[k + 1]):
                if j is None:
                    continue
                w = rows[i][j]
                lines.append(
                    _synapse(
                        centre(k, a_slot),
                        centre(k + 1, b_slot),
                        w,
                        stroke(w),
                        "synapse",
                        f"{name}[{i}, {j}] = {w:.4g}",
                    )
                )
    for k, rows in enumerate(bias_values):  # rows: [[b_1, ..., b_n]], feeding layer k + 1
        name = f"dJdb{k + 2}" if gradient else f"b{k + 2}"
        for b_slot, j in enumerate(shown[k + 1]):
            if j is None:
                continue
            b = rows[0][j]
            lines.append(
                _synapse(
                    bias_centre(k),
                    centre(k + 1, b_slot),
                    b,
                    stroke(b),
                    "synapse bias",
                    f"{name}[0, {j}] = {b:.4g}",
                )
            )
    body.append(element("g", {"class": "synapses", "stroke-opacity": 0.85}, lines))

    names = layer_names(sizes)
    if show == "deltas":
        names = ["X", *(f"delta{k}" for k in range(2, L + 1))]
    neurons = []
    for k, slots in enumerate(shown):
        layer_values = values[k]
        peak = (max(map(abs, layer_values)) or 1.0) if layer_values else 1.0  # the deltas' scale
        for slot, i in enumerate(slots):
            cx, cy = centre(k, slot)
            if i is None:
                left_out = sizes[k] - (len(slots) - 1)
                neurons.append(
                    element(
                        "rect",
                        {
                            "x": cx - 26,
                            "y": cy - 17,
                            "width": 52,
                            "height": 34,
                            "rx": 8,
                            "fill": PAPER,
                            "stroke": "#aaaaaa",
                            "class": "gap paper",
                        },
                    )
                )
                neurons.append(text(cx, cy - 1, "⋮", size=14, anchor="middle", class_="ellipsis"))
                neurons.append(
                    text(cx, cy + 12, f"{left_out} more", size=9, anchor="middle", class_="ellipsis")
                )
                continue
            fill, ink, label, css = PAPER, INK, "", "neuron paper"
            if layer_values is not None:
                v = layer_values[i]
                label = value_label(v)
                if show == "activations" and k > 0:
                    fill, css = sequential(v), "neuron"
                    ink = "#ffffff" if v < 0.6 else ON_LIGHT
                elif show == "deltas":
                    strength = 0.2 + 0.8 * abs(v) / peak
                    fill, css = mix("#ffffff", sign_colour(v), strength), "neuron"
                    ink = "#ffffff" if strength > 0.55 else ON_LIGHT
            circle_title = f"{names[k]}[{i}]" + (
                f" = {layer_values[i]:.4g}" if layer_values is not None else ""
            )
            neurons.append(
                element(
                    "circle",
                    {
                        "cx": cx,
                        "cy": cy,
                        "r": _RADIUS,
                        "fill": fill,
                        "stroke": INK,
                        "stroke-width": 1.2,
                        "class": css,
                        "data-layer": k,
                        "data-value": None if layer_values is None else repr(layer_values[i]),
                    },
                    [element("title", None, circle_title)],
                )
            )
            if label:
                size = fitted_size(label, 2 * _RADIUS - 7)
                neurons.append(
                    text(cx, cy + size * 0.35, label, size=size, anchor="middle", fill=ink, class_="value")
                )
    for k in range(len(bias_values)):
        bx, by = bias_centre(k)
        half = _BIAS_SIZE / 2
        neurons.append(
            element(
                "rect",
                {
                    "x": bx - half,
                    "y": by - half,
                    "width": _BIAS_SIZE,
                    "height": _BIAS_SIZE,
                    "rx": 4,
                    "fill": PAPER,
                    "stroke": INK,
                    "stroke-width": 1.2,
                    "class": "bias-unit paper",
                },
                [element("title", None, f"bias unit: a constant 1, multiplied by b{k + 2}")],
            )
        )
        neurons.append(text(bx, by + 4, "+1", size=11, anchor="middle", class_="bias-value"))
        neurons.append(
            text(
                bx - half - 5,
                by + 4,
                f"dJdb{k + 2}" if gradient else f"b{k + 2}",
                size=12,
                anchor="end",
                class_="bias-label",
            )
        )
    body.append(element("g", {"class": "neurons"}, neurons))

    # below the neurons, where no synapse passes: layer names under the columns, weights between them
    for k, name in enumerate(names):
        x = left + _COLUMN * k
        body.append(text(x, names_y, name, size=14, anchor="middle", class_="layer-label"))
        plural = "s" if sizes[k] != 1 else ""
        body.append(
            text(
                x,
                names_y + 16,
                f"{sizes[k]} neuron{plural}",
                size=10,
                anchor="middle",
                fill=MUTED,
                class_="layer-size",
            )
        )
    for k in range(L - 1):
        x = left + _COLUMN * (k + 0.5)
        name = f"dJdW{k + 1}" if gradient else f"W{k + 1}"
        body.append(
            text(
                x,
                names_y,
                f"{name} ({sizes[k]}×{sizes[k + 1]})",
                size=12,
                anchor="middle",
                class_="weight-label",
            )
        )
        if has_bias:
            bias = f"dJdb{k + 2}" if gradient else f"b{k + 2}"
            body.append(
                text(
                    x,
                    names_y + 16,
                    f"{bias} (1×{sizes[k + 1]})",
                    size=11,
                    anchor="middle",
                    class_="weight-label bias",
                )
            )
    if targets is not None:
        for slot, i in enumerate(shown[-1]):
            if i is not None:
                cx, cy = centre(L - 1, slot)
                body.append(
                    text(cx + _RADIUS + 6, cy + 4, f"y = {value_label(targets[i])}", size=11, class_="target")
                )
    if show == "deltas":
        body.append(
            text(width / 2, 44, "← the error flows back from yHat", size=12, anchor="middle", class_="note")
        )
    what = "|dJ/dW|" if gradient else "|w|"
    key = f"synapse width ∝ {what}; blue: positive, orange: negative"
    if has_bias:
        key += "; +1: a bias unit, its synapses the biases"
    if show == "deltas":
        key = "neurons: delta (blue positive, orange negative, stronger = larger); synapses: W"
    body.append(text(width / 2, height - 12, key, size=11, anchor="middle", fill=MUTED, class_="key"))

    body.insert(0, title_text(heading_text, width))
    return document(width, height, heading_text, body)


def _synapse(a: tuple[float, float], b: tuple[float, float], w: float, width: str, css: str, tip: str) -> str:
    return element(
        "line",
        {
            "x1": a[0],
            "y1": a[1],
            "x2": b[0],
            "y2": b[1],
            "stroke": sign_colour(w),
            "stroke-width": width,
            "stroke-linecap": "round",
            "class": css,
            "data-value": repr(w),
        },
        [element("title", None, tip)],
    )


def _rows(net: Network, array: Any) -> list[list[float]]:
    return [[float(v) for v in row] for row in net.backend.tolist(array)]


def _activity(net: Network, k: int, layers: int, X: Any) -> Any:
    """Layer ``k``'s values from the last pass: X (k = 0, as given), a2, ..., yHat (the last)."""
    if k == 0:
        return net.check_data(X, net.yHat)[0]
    return net.yHat if k == layers - 1 else getattr(net, f"a{k + 1}")
