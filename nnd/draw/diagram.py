"""The network drawn as the series draws it: neurons in layers, synapses between them.

Every synapse is one ``<line class="synapse">`` whose width grows with the size of its
weight (or of its gradient) and whose colour is its sign; every neuron shown is one
``<circle class="neuron">``. Layers wider than ``max_neurons`` show their first and last
few neurons and say how many are left out.
"""

from __future__ import annotations

import copy
from typing import Any

from nnd.draw.svg import INK, SVG, document, element, sequential, sign_colour, text
from nnd.network import Network
from nnd.util.errors import InvalidTypeError, InvalidValueError

SHOWS = ("weights", "activations", "deltas", "gradients")

_COLUMN = 150.0  # distance between layers
_ROW = 56.0  # distance between neurons of a layer
_RADIUS = 19.0
_MAX_WIDTH = 6.0  # stroke width of the largest synapse
_MIN_WIDTH = 0.5


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


def _value(v: float) -> str:
    text_ = f"{v:.2f}" if abs(v) >= 0.01 or v == 0 else f"{v:.0e}"
    text_ = text_.replace("e-0", "e-").replace("-", "−")
    return "0.00" if text_ == "−0.00" else text_


def _rows(net: Network, array: Any) -> list[list[float]]:
    return [[float(v) for v in row] for row in net.backend.tolist(array)]


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

    The network is not changed (its kept values z2, a2, ... stay those of its last pass).

    >>> import nnd, xml.etree.ElementTree as ET
    >>> svg = network(nnd.Network((2, 3, 1), seed=0))
    >>> root = ET.fromstring(svg)
    >>> len(root.findall(".//{*}circle")), len(root.findall(".//{*}line"))
    (6, 9)
    >>> X, y = nnd.data.sleep_study()
    >>> "delta3" in network(nnd.Network(seed=0), X, y, show="deltas")
    True
    """
    if not isinstance(net, Network):
        raise InvalidTypeError(f"net: expected an nnd.Network, got {type(net).__name__}")
    if show not in SHOWS:
        raise InvalidValueError(f"show: expected one of {', '.join(map(repr, SHOWS))}, got {show!r}")
    if isinstance(max_neurons, bool) or not isinstance(max_neurons, int) or max_neurons < 3:
        raise InvalidValueError(f"max_neurons: expected an int of at least 3, got {max_neurons!r}")
    if show in ("deltas", "gradients") and (X is None or y is None):
        missing = " and ".join(name for name, v in (("X", X), ("y", y)) if v is None)
        raise InvalidValueError(f"show={show!r} needs X and y got no {missing}")
    if show == "activations" and X is None:
        raise InvalidValueError("show='activations' needs X (the examples to show), got X=None")
    if X is None and y is not None:
        raise InvalidValueError("y goes with X: give X too, or neither")

    sizes = net.layer_sizes
    work = copy.copy(net)  # its own kept values: the caller's network keeps its own
    values: list[list[float] | None] = [None] * len(sizes)  # per layer, the example's values
    synapse_values = [_rows(net, W) for W in net.weights]
    targets: list[float] | None = None  # y of the example shown (activations only)
    all_targets: list[list[float]] | None = None
    if X is not None:
        m = len(_rows(net, work.forward(X)))  # checks X, and keeps a2, ..., yHat on the copy
        if y is not None:
            all_targets = _rows(net, work.check_data(X, y)[1])
            grads = work.gradients(X, y)  # also keeps delta2, ...
        if isinstance(example, bool) or not isinstance(example, int) or not -m <= example < m:
            raise InvalidValueError(f"example: expected a row of X, from 0 to {m - 1}, got {example!r}")
        if show == "activations":
            values = [_rows(net, _activity(work, k, len(sizes), X))[example] for k in range(len(sizes))]
            if all_targets is not None:
                targets = all_targets[example]
        elif show == "deltas":
            values = [
                None,
                *(_rows(net, getattr(work, f"delta{k}"))[example] for k in range(2, len(sizes) + 1)),
            ]
        elif show == "gradients":
            synapse_values = [_rows(net, g) for g in grads]
    if show != "activations":
        targets = None

    shown = [shown_neurons(n, max_neurons) for n in sizes]
    tallest = max(len(s) for s in shown)
    shape = "-".join(map(str, sizes))
    default_title = {
        "weights": f"The {shape} network and its weights",
        "activations": f"The {shape} network's activations for example {example}",
        "deltas": f"The {shape} network's backpropagating errors for example {example}",
        "gradients": f"The {shape} network's gradients dJ/dW",
    }[show]
    heading = title or default_title
    top = 100.0
    width = max(160.0 + _COLUMN * (len(sizes) - 1), 40.0 + 7.8 * len(heading))
    left = (width - _COLUMN * (len(sizes) - 1)) / 2
    height = top + _ROW * (tallest - 1) + 104.0
    middle = top + _ROW * (tallest - 1) / 2

    def centre(layer: int, slot: int) -> tuple[float, float]:
        count = len(shown[layer])
        return left + _COLUMN * layer, middle + _ROW * (slot - (count - 1) / 2)

    largest = max((abs(v) for rows in synapse_values for row in rows for v in row), default=0.0)
    body: list[str] = []

    # synapses first, so that the neurons sit on top of them
    lines = []
    for k, rows in enumerate(synapse_values):
        for a_slot, i in enumerate(shown[k]):
            if i is None:
                continue
            for b_slot, j in enumerate(shown[k + 1]):
                if j is None:
                    continue
                w = rows[i][j]
                x1, y1 = centre(k, a_slot)
                x2, y2 = centre(k + 1, b_slot)
                stroke = _MIN_WIDTH + (_MAX_WIDTH - _MIN_WIDTH) * (abs(w) / largest if largest > 0 else 0.0)
                name = f"dJdW{k + 1}" if show == "gradients" else f"W{k + 1}"
                lines.append(
                    element(
                        "line",
                        {
                            "x1": x1,
                            "y1": y1,
                            "x2": x2,
                            "y2": y2,
                            "stroke": sign_colour(w),
                            "stroke-width": f"{stroke:.2f}",
                            "stroke-linecap": "round",
                            "class": "synapse",
                            "data-value": repr(w),
                        },
                        [element("title", None, f"{name}[{i}, {j}] = {w:.4g}")],
                    )
                )
    body.append(element("g", {"class": "synapses", "stroke-opacity": 0.85}, lines))

    names = layer_names(sizes)
    if show == "deltas":
        names = ["X", *(f"delta{k}" for k in range(2, len(sizes) + 1))]
    neurons = []
    for k, slots in enumerate(shown):
        layer_values = values[k]
        peak = (max(map(abs, layer_values)) or 1.0) if layer_values else 1.0  # the deltas' scale
        for slot, i in enumerate(slots):
            cx, cy = centre(k, slot)
            if i is None:
                left_out = sizes[k] - (len(slots) - 1)
                neurons.append(text(cx, cy - 2, "⋮", size=18, anchor="middle", class_="ellipsis"))
                neurons.append(
                    text(cx, cy + 16, f"{left_out} more", size=10, anchor="middle", class_="ellipsis")
                )
                continue
            fill, ink, label, fill_opacity = "#ffffff", INK, "", None
            if layer_values is not None:
                v = layer_values[i]
                label = _value(v)
                if show == "activations" and k > 0:
                    fill = sequential(v)
                    ink = "#ffffff" if v < 0.6 else INK
                elif show == "deltas":
                    fill = sign_colour(v)
                    fill_opacity = 0.25 + 0.75 * abs(v) / peak
                    ink = "#ffffff" if fill_opacity > 0.6 else INK
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
                        "fill-opacity": None if fill_opacity is None else round(fill_opacity, 3),
                        "stroke": INK,
                        "stroke-width": 1.2,
                        "class": "neuron",
                        "data-layer": k,
                        "data-value": None if layer_values is None else repr(layer_values[i]),
                    },
                    [element("title", None, circle_title)],
                )
            )
            if label:
                neurons.append(text(cx, cy + 4, label, size=10, anchor="middle", fill=ink, class_="value"))
    body.append(element("g", {"class": "neurons"}, neurons))

    # layer names under the columns, weight names between them
    bottom = top + _ROW * (tallest - 1) + _RADIUS + 24
    for k, name in enumerate(names):
        body.append(text(left + _COLUMN * k, bottom, name, size=14, anchor="middle", class_="layer-label"))
        body.append(
            text(
                left + _COLUMN * k,
                bottom + 16,
                f"{sizes[k]} neuron{'s' if sizes[k] != 1 else ''}",
                size=10,
                anchor="middle",
                fill="#666666",
                class_="layer-size",
            )
        )
    for k in range(len(sizes) - 1):
        name = f"dJdW{k + 1}" if show == "gradients" else f"W{k + 1}"
        body.append(
            text(
                left + _COLUMN * (k + 0.5),
                top - 38,
                f"{name} ({sizes[k]}×{sizes[k + 1]})",
                size=12,
                anchor="middle",
                class_="weight-label",
            )
        )
    if targets is not None:
        for slot, i in enumerate(shown[-1]):
            if i is not None:
                cx, cy = centre(len(sizes) - 1, slot)
                body.append(
                    text(cx + _RADIUS + 6, cy + 4, f"y = {_value(targets[i])}", size=11, class_="target")
                )
    if show == "deltas":
        body.append(
            text(
                width / 2,
                top - 60,
                "← the error flows back from yHat",
                size=12,
                anchor="middle",
                class_="note",
            )
        )
    what = "|dJ/dW|" if show == "gradients" else "|w|"
    key = f"synapse width ∝ {what}; blue: positive, orange: negative"
    if show == "deltas":
        key = "neurons: delta, blue positive, orange negative, stronger = larger; " + "synapses: W"
    body.append(text(width / 2, height - 12, key, size=11, anchor="middle", fill="#555555", class_="key"))

    body.insert(0, text(12, 22, heading, size=14, font_weight="600", class_="title"))
    return document(width, height, heading, body)


def _activity(net: Network, k: int, layers: int, X: Any) -> Any:
    """Layer ``k``'s values from the last pass: X (k = 0, as given), a2, ..., yHat (the last)."""
    if k == 0:
        return net.check_data(X, net.yHat)[0]
    return net.yHat if k == layers - 1 else getattr(net, f"a{k + 1}")
