"""Pictures a reader can read: numbers fit inside their neurons, no synapse crosses a label,
labels beside points keep apart, the words say the right units, the secant shows its error,
maps are smooth, and a network's biases are drawn as the weights of a constant input.

Text is measured here with an estimate of our own (DejaVu Sans' advance widths, the widest of
the usual fonts: 0.84 em for a minus sign, 0.64 em for other characters; a line 1 em high),
independent of the one nnd.draw uses to place it.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from helpers import network as network_from
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import problems

import nnd
from nnd import draw
from nnd.draw import svg

SVG_NS = "{http://www.w3.org/2000/svg}"
EM = 0.64
MINUS = 0.84


def parse(document: str) -> ET.Element:
    return ET.fromstring(document)


def every(root: ET.Element, tag: str, css: str | None = None) -> list[ET.Element]:
    return [e for e in root.iter(SVG_NS + tag) if css is None or css in (e.get("class") or "").split()]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def box_of(t: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a ``<text>`` (not rotated), by our own estimate."""
    x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
    content = text_of(t)
    width = size * sum(MINUS if c == "−" else EM for c in content)
    anchor = t.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return left, y - 0.8 * size, left + width, y + 0.2 * size


def crosses(segment: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether the segment passes through the box (shrunk by half a unit: touching is not crossing)."""
    x1, y1, x2, y2 = segment
    left, top, right, bottom = box[0] + 0.5, box[1] + 0.5, box[2] - 0.5, box[3] - 0.5
    steps = 400
    return any(
        left < x1 + (x2 - x1) * k / steps < right and top < y1 + (y2 - y1) * k / steps < bottom
        for k in range(steps + 1)
    )


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


# -- the network diagram ----------------------------------------------------------------------
views = st.sampled_from(["weights", "activations", "deltas", "gradients"])
small = problems(max_rows=3, max_inputs=5, max_hidden=12, max_outputs=3, hidden_layers=(0, 2), biases=None)
tiny = st.floats(-1e-5, 1e-5) | st.floats(-50, 50) | st.sampled_from([-0.004, 0.0, 1e-30, -123.456])


@settings(max_examples=40)
@given(small, views, st.integers(3, 9), st.lists(tiny, min_size=4, max_size=4))
def test_every_number_fits_inside_its_neuron(problem, show, max_neurons, extra) -> None:
    net = network_from(problem, "python")
    X = [[v + extra[k % 4] for k, v in enumerate(row)] for row in problem["X"]]  # small and large values
    assert_numbers_fit(parse(draw.network(net, X, problem["y"], show=show, max_neurons=max_neurons)))


def assert_numbers_fit(root: ET.Element) -> None:
    neurons = every(root, "circle", "neuron")
    for label in every(root, "text", "value"):
        x, y = float(label.get("x")), float(label.get("y"))
        around = [
            c for c in neurons if abs(float(c.get("cx")) - x) < 1e-6 and abs(float(c.get("cy")) - y) < 10
        ]
        assert len(around) == 1, text_of(label)
        r = float(around[0].get("r"))
        left, top, right, bottom = box_of(label)
        assert right - left <= 2 * r - 4, (text_of(label), right - left, r)  # 2 units clear of the rim
        assert float(label.get("font-size")) >= 6
        cy = float(around[0].get("cy"))
        assert cy - r < top and bottom < cy + r


@settings(max_examples=40)
@given(small, views, st.integers(3, 9))
def test_no_synapse_crosses_a_label(problem, show, max_neurons) -> None:
    net = network_from(problem, "python")
    root = parse(draw.network(net, problem["X"], problem["y"], show=show, max_neurons=max_neurons))
    segments = [
        tuple(float(line.get(k)) for k in ("x1", "y1", "x2", "y2")) for line in every(root, "line", "synapse")
    ]
    inside_shapes = {
        "value",
        "bias-value",
        "ellipsis",
    }  # drawn on a neuron, a bias unit or a gap box: over the lines
    labels = [t for t in every(root, "text") if not inside_shapes & set((t.get("class") or "").split())]
    assert labels
    for label in labels:
        box = box_of(label)
        for segment in segments:
            assert not crosses(segment, box), (text_of(label), box, segment)


def test_the_deltas_figure_of_the_docs_keeps_its_numbers_in_its_neurons() -> None:
    X, y = nnd.data.sleep_study()
    root = parse(draw.network(nnd.Network((2, 3, 1), seed=0), X, y, show="deltas"))
    values = [text_of(t) for t in every(root, "text", "value")]
    assert len(values) == 4 and any("e−" in v for v in values)  # delta2 holds a −4e−3
    assert_numbers_fit(root)


# -- labels beside points ----------------------------------------------------------------------------
def score_boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    return [box_of(t) for t in every(root, "text", "score")]


def assert_labels_apart(root: ET.Element) -> None:
    boxes = score_boxes(root)
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not overlap(a, b), (a, b)
    points = [
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r"))) for c in every(root, "circle", "point")
    ]
    for box in boxes:
        for cx, cy, r in points:  # no label hides a point
            nearest_x, nearest_y = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
            assert math.hypot(cx - nearest_x, cy - nearest_y) >= r - 0.5, (box, (cx, cy))
    frames = [
        (
            float(f.get("x")),
            float(f.get("y")),
            float(f.get("x")) + float(f.get("width")),
            float(f.get("y")) + float(f.get("height")),
        )
        for f in every(root, "rect", "frame")
    ]
    for box in boxes:  # each label inside a plot area
        assert any(
            f[0] - 1 <= box[0] and box[2] <= f[2] + 1 and f[1] - 1 <= box[1] and box[3] <= f[3] + 1
            for f in frames
        ), box


def test_the_series_maps_label_their_students_without_collisions() -> None:
    trainX, trainY = nnd.data.train_test()[:2]
    nets = [nnd.Network(seed=1, lam=lam) for lam in (0.0, 1e-4)]
    for net in nets:
        nnd.train(net, trainX, trainY)
    assert_labels_apart(parse(draw.overfit(*nets, resolution=20)))
    assert_labels_apart(
        parse(draw.predictions(nets[1], points=nnd.data.sleep_study(scaled=False), resolution=20))
    )
    assert_labels_apart(parse(draw.data()))
    raw = nnd.data.train_test(scaled=False)
    assert_labels_apart(parse(draw.data(*raw[:2], test=raw[2:])))


@given(
    st.lists(st.tuples(st.integers(0, 10), st.integers(0, 5)), min_size=1, max_size=12, unique=True),
    st.lists(st.integers(0, 100), min_size=12, max_size=12),
)
def test_students_an_hour_apart_get_labels_that_keep_apart(hours, scores) -> None:
    X = [[float(a), float(b)] for a, b in hours]
    y = [[float(s)] for s in scores[: len(X)]]
    assert_labels_apart(parse(draw.predictions(nnd.Network(seed=0), points=(X, y), resolution=6)))


# -- words and pictures that say what the pages say ------------------------------------------------
def test_the_data_picture_names_its_units_right() -> None:
    root = parse(draw.data())
    title = root.find(SVG_NS + "title").text
    assert title == "Hours of sleep and study, coloured by test score" and "(in hours)" not in title
    labels = {text_of(t) for t in every(root, "text")}
    assert {"hours of sleep", "hours of study", "test score (out of 100)"} <= labels
    scaled = {text_of(t) for t in every(parse(draw.data(scaled=True)), "text")}
    assert "test score (scaled: ÷ 100)" in scaled and "hours of sleep" not in scaled


def picture_slope(path: ET.Element) -> float:
    (x1, y1), (x2, y2) = [
        (float(a), float(b)) for a, b in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", path.get("d"))[:2]
    ]
    return (y2 - y1) / (x2 - x1)


def test_the_secant_figure_shows_the_error_of_the_central_difference() -> None:
    root = parse(draw.secant())
    assert "x³" in root.find(SVG_NS + "title").text
    legend = [text_of(t) for t in every(root, "text", "legend-label")]
    assert "tangent, slope f′(x) = 3" in legend
    assert "secant, (f(x+ε) − f(x−ε)) / 2ε = 3.5625" in legend  # 3x² + ε² at x = 1, ε = 0.75
    assert "secant − tangent: +0.5625 (shrinks like ε²)" in legend
    (tangent,) = every(root, "path", "tangent")
    (secant,) = every(root, "path", "secant")
    assert abs(picture_slope(secant) - picture_slope(tangent)) > 0.1 * abs(picture_slope(tangent))  # visibly
    # for x², the case the figure must not use, the two slopes are the same
    square = parse(draw.secant(lambda v: v * v, 1.0, 0.75, derivative=lambda v: 2 * v))
    (t2,) = every(square, "path", "tangent")
    (s2,) = every(square, "path", "secant")
    assert abs(picture_slope(s2) - picture_slope(t2)) < 0.01


def test_maps_are_smoothly_shaded() -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=0)
    for document in (
        draw.predictions(net),
        draw.overfit(net, net),
        draw.cost_surface(net, X, y, max_iter=5),
        draw.decision_regions(net, X, [0, 1, 1]),
    ):
        root = parse(document)
        maps = every(root, "g", "heat-map")
        assert maps
        for group in maps:
            reference = re.fullmatch(r"url\(#(.+)\)", group.get("filter")).group(1)
            (blur,) = [f for f in root.iter(SVG_NS + "filter") if f.get("id") == reference]
            sigma = float(blur.find(SVG_NS + "feGaussianBlur").get("stdDeviation"))
            widths = [
                float(w)
                for w in re.findall(
                    r"h(\d+(?:\.\d+)?)v", "".join(p.get("d") for p in every(group, "path", "cells"))
                )
            ]
            assert 1.0 <= sigma <= 8.0 and min(widths) <= 2 * sigma + 1  # blurred across about a cell
        xs = {
            float(x)
            for x in re.findall(
                r"M(\d+(?:\.\d+)?) ", "".join(p.get("d") for p in every(root, "path", "cells"))
            )
        }
        assert len(xs) >= 40  # at least 40 columns of cells across a map


# -- biases --------------------------------------------------------------------------------------------
def test_a_network_with_biases_draws_each_bias_as_the_weight_of_a_plus_one_unit() -> None:
    net = nnd.Network((2, 4, 3, 1), seed=2, bias=True)
    root = parse(draw.network(net))
    sizes = net.layer_sizes
    units = every(root, "rect", "bias-unit")
    assert len(units) == len(sizes) - 1
    assert [text_of(t) for t in every(root, "text", "bias-value")] == ["+1"] * (len(sizes) - 1)
    assert [text_of(t) for t in every(root, "text", "bias-label")] == ["b2", "b3", "b4"]
    lines = every(root, "line", "bias")
    assert len(lines) == sum(sizes[1:])
    biases = [v for b in net.biases for row in net.backend.tolist(b) for v in row]
    assert [float(line.get("data-value")) for line in lines] == biases
    for line, b in zip(lines, biases):
        assert line.get("stroke") == svg.sign_colour(b)
        x1, y1 = float(line.get("x1")), float(line.get("y1"))  # from a bias unit
        assert any(
            abs(float(u.get("x")) + float(u.get("width")) / 2 - x1) < 0.1
            and abs(float(u.get("y")) + float(u.get("height")) / 2 - y1) < 0.1
            for u in units
        )
    weights = [line for line in every(root, "line", "synapse") if "bias" not in line.get("class")]
    assert len(weights) == sum(a * b for a, b in zip(sizes, sizes[1:]))
    assert len(every(root, "circle", "neuron")) == sum(sizes)  # the bias units are not neurons
    # one scale for weights and biases: the largest of all is the widest line
    every_line = every(root, "line", "synapse")
    widest = max(every_line, key=lambda line: float(line.get("stroke-width")))
    assert abs(float(widest.get("data-value"))) == max(
        abs(float(line.get("data-value"))) for line in every_line
    )
    assert {"b2 (1×4)", "b3 (1×3)", "b4 (1×1)"} <= {text_of(t) for t in every(root, "text")}


def test_the_gradient_view_puts_the_bias_gradients_on_the_bias_synapses() -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network((2, 3, 1), seed=0, bias=True)
    root = parse(draw.network(net, X, y, show="gradients"))
    grads = net.gradients(X, y)
    expected = [v for g in grads[2:] for row in net.backend.tolist(g) for v in row]
    assert [float(line.get("data-value")) for line in every(root, "line", "bias")] == pytest.approx(
        expected, rel=1e-12
    )
    assert [text_of(t) for t in every(root, "text", "bias-label")] == ["dJdb2", "dJdb3"]
    plain = parse(draw.network(nnd.Network((2, 3, 1), seed=0), X, y, show="gradients"))
    assert not every(plain, "line", "bias") and not every(plain, "rect", "bias-unit")


def test_a_bias_can_be_swept_like_a_weight() -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network((2, 3, 1), seed=0, bias=True)
    values = [-2.0, 0.0, 2.0]
    root = parse(draw.cost_sweep(net, X, y, "b2", (0, 1), values=values))
    assert "b2[0, 1]" in root.find(SVG_NS + "title").text
    costs = []
    for v in values:
        other = nnd.Network((2, 3, 1), seed=0, bias=True)
        params = net.backend.tolist(net.get_params())
        params[9 + 1] = v  # after the 9 weights: b2[0, 0], b2[0, 1], ...
        other.set_params(params)
        costs.append(other.cost(X, y))
    (curve,) = every(root, "path", "curve")
    ys = [float(b) for b in re.findall(r"[ML]-?[\d.]+ (-?[\d.]+)", curve.get("d"))]
    assert sorted(range(3), key=lambda k: -ys[k]) == sorted(range(3), key=costs.__getitem__)
    with pytest.raises(nnd.NNDError, match=r"weight: expected one of W1, W2, got 'b2'"):
        draw.cost_sweep(nnd.Network(seed=0), X, y, "b2", (0, 0))


def test_the_jupyter_table_lists_the_biases() -> None:
    net = nnd.Network((2, 3, 1), seed=0, bias=True)
    html = net._repr_html_()
    names = re.findall(r"<tr><td><code>(\w+)</code>", html)
    assert names[:4] == ["W1", "W2", "b2", "b3"]
    assert re.search(r"<code>z2</code></td><td>[^<]*X·W1 \+ b2", html)
