# ruff: noqa: E501 - the tables of bad calls read best one call per line
"""The pictures beyond the series: digits, hidden units, the confusion matrix, decision regions,
accuracy beside the cost. Each is counted against its input: one tile per image, one cell per
count, a mistake marked exactly where the prediction differs from the label, a wrong point
crossed exactly where the network's class differs from the data's.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnd
from nnd import draw
from nnd.util.errors import InvalidTypeError, InvalidValueError, NNDError

SVG_NS = "{http://www.w3.org/2000/svg}"
NUMBER = r"-?\d+(?:\.\d+)?"


def parse(document: str) -> ET.Element:
    root = ET.fromstring(document)
    title = root.find(SVG_NS + "title")
    assert title is not None and (title.text or "").strip()
    assert not re.search(r"(?i)(?<![a-z])(nan|inf)(?![a-z])", document)
    return root


def every(root: ET.Element, tag: str, css: str | None = None) -> list[ET.Element]:
    return [e for e in root.iter(SVG_NS + tag) if css is None or css in (e.get("class") or "").split()]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[k : k + 2], 16) for k in (1, 3, 5))  # type: ignore[return-value]


def towards(colour: str, candidates: list[str]) -> int:
    """Which candidate ``colour`` is a paler version of: (colour − white) most parallel to (candidate − white)."""
    c = [v - 255 for v in rgb(colour)]
    best, best_cos = -1, -2.0
    for k, other in enumerate(candidates):
        o = [v - 255 for v in rgb(other)]
        norm = math.sqrt(sum(v * v for v in c)) * math.sqrt(sum(v * v for v in o))
        cos = sum(a * b for a, b in zip(c, o)) / norm if norm else -1.0
        if cos > best_cos:
            best, best_cos = k, cos
    return best


# -- digits -----------------------------------------------------------------------------------------
@st.composite
def image_sets(draw_: st.DrawFn):
    side = draw_(st.sampled_from([2, 3, 8]))
    m = draw_(st.integers(1, 25))
    pixels = st.floats(0, 1)
    X = [[draw_(pixels) for _ in range(side * side)] for _ in range(m)]
    labels = draw_(st.lists(st.integers(0, 9), min_size=m, max_size=m))
    predictions = draw_(st.lists(st.integers(0, 9), min_size=m, max_size=m))
    return X, labels, predictions, side


@given(image_sets(), st.integers(1, 12))
def test_digits_one_tile_and_one_caption_per_image_mistakes_marked_where_prediction_differs(
    data, columns
) -> None:
    X, labels, predictions, side = data
    root = parse(draw.digits(X, labels, predictions, columns=columns))
    tiles = every(root, "rect", "tile")
    assert [int(t.get("data-index")) for t in tiles] == list(range(len(X)))
    wrong = {i for i, (a, b) in enumerate(zip(labels, predictions)) if a != b}
    assert {int(r.get("data-index")) for r in every(root, "rect", "mistake")} == wrong
    assert len(every(root, "rect", "mistake")) == len(wrong)
    captions = {int(t.get("data-index")): text_of(t) for t in every(root, "text", "label")}
    assert len(captions) == len(X)
    for i, caption in captions.items():
        assert caption == (f"{labels[i]} → {predictions[i]}" if i in wrong else str(labels[i]))
    for frame in every(root, "rect", "mistake"):  # a red frame around its own tile
        tile = tiles[int(frame.get("data-index"))]
        assert float(frame.get("x")) < float(tile.get("x")) and float(frame.get("y")) < float(tile.get("y"))
        assert frame.get("stroke") == "#D55E00"
    # tiles in rows of `columns`, left to right, then top to bottom
    xs = sorted({float(t.get("x")) for t in tiles})
    assert len(xs) == min(columns, len(X))
    title = text_of(root.find(SVG_NS + "title"))
    assert f"{len(X) - len(wrong)} read right, {len(wrong)} misread" in title and f"{side} × {side}" in title


def pixel_colours(root: ET.Element, tile: ET.Element, side: int) -> dict[tuple[int, int], str]:
    """(row, column) -> fill of every pixel drawn in ``tile`` (the pixels' coordinates are in pixel units)."""
    group = next(g for g in root.iter(SVG_NS + "g") if (g.get("transform") or "").startswith("scale("))
    k = float(re.fullmatch(r"scale\((.*)\)", group.get("transform")).group(1))
    x0, y0 = float(tile.get("x")) / k, float(tile.get("y")) / k
    found: dict[tuple[int, int], str] = {}
    for path in every(group, "path", "pixels"):
        for x, y, w in re.findall(rf"M({NUMBER}) ({NUMBER})h(\d+)v1h-\d+z", path.get("d")):
            r, c = round(float(y) - y0), round(float(x) - x0)
            if 0 <= r < side and 0 <= c < side:
                for dc in range(int(w)):
                    assert (r, c + dc) not in found  # every pixel at most once
                    found[(r, c + dc)] = path.get("fill")
    return found


def test_digit_pixels_are_drawn_in_place_darker_for_larger_values() -> None:
    ramp = [i / 63 for i in range(64)]  # 0 at the top left, 1 at the bottom right, row by row
    blank, full = [0.0] * 64, [1.0] * 64
    root = parse(draw.digits([ramp, blank, full], labels=[0, 1, 2]))
    tiles = every(root, "rect", "tile")
    drawn = pixel_colours(root, tiles[0], 8)
    brightness = [sum(rgb(drawn[(i // 8, i % 8)])) if (i // 8, i % 8) in drawn else 765 for i in range(64)]
    assert brightness == sorted(brightness, reverse=True)  # never lighter for a larger value
    assert brightness[0] == 765 and brightness[-1] == 0  # white (not drawn) to black
    assert pixel_colours(root, tiles[1], 8) == {}
    assert set(pixel_colours(root, tiles[2], 8)) == {(r, c) for r in range(8) for c in range(8)}


def test_digits_take_any_square_size_and_outputs_as_predictions() -> None:
    X = [[0.0] * 784, [1.0] * 784]
    outputs = [[0.1, 0.9], [0.8, 0.2]]  # a network's outputs: the largest is the guess
    root = parse(draw.digits(X, labels=[[0, 1], [0, 1]], predictions=outputs))
    assert len(every(root, "rect", "tile")) == 2
    assert [int(r.get("data-index")) for r in every(root, "rect", "mistake")] == [1]
    assert "28 × 28" in text_of(root.find(SVG_NS + "title"))
    names = parse(draw.digits([[0.0] * 4] * 2, labels=["cat", "dog"], predictions=["cat", "cat"]))
    assert [text_of(t) for t in every(names, "text", "label")] == ["cat", "dog → cat"]


def test_digits_refuse_what_they_cannot_draw() -> None:
    cases = [
        (lambda: draw.digits([[0.0] * 63]), InvalidValueError, r"square number of pixels .* got rows of 63"),
        (lambda: draw.digits([[0.0] * 4] * 401), InvalidValueError, r"at most 400 images"),
        (lambda: draw.digits([[0.0] * 4] * 2, labels=[1]), InvalidValueError, r"labels: expected one per image \(2\), got 1"),
        (lambda: draw.digits([[0.0] * 4], labels=[-1]), InvalidValueError, r"labels\[0\]: expected a class number"),
        (lambda: draw.digits([[0.0] * 4], labels=[0.5]), InvalidValueError, r"labels\[0\]: expected a class number"),
        (lambda: draw.digits("pixels"), InvalidTypeError, r"X: expected a list of rows"),
        (lambda: draw.digits([[math.nan] * 4]), InvalidValueError, r"X: expected a finite number"),
        (lambda: draw.digits([[0.0] * 4], columns=0), InvalidValueError, r"columns: expected an int >= 1"),
        (lambda: draw.digits([[0.0] * 4], size=2), InvalidValueError, r"size: expected a finite number >= 8"),
    ]  # fmt: skip
    for call, error, message in cases:
        with pytest.raises(error, match=message):
            call()


# -- hidden units -----------------------------------------------------------------------------------
def test_each_hidden_unit_is_its_column_of_weights_coloured_by_sign_on_one_scale() -> None:
    net = nnd.Network((16, 3, 2), seed=0)
    columns = [
        [1.0] * 5 + [-1.0] + [1.0] * 3 + [0.0] + [1.0] * 6,  # unit 0: + but pixel 5 (−) and pixel 9 (0)
        [0.5] * 16,  # unit 1: half the largest weight everywhere: paler than unit 0's
        [-0.25] * 16,
    ]
    net.W1 = [[columns[j][i] for j in range(3)] for i in range(16)]
    root = parse(draw.hidden_units(net))
    tiles = every(root, "rect", "tile")
    assert [text_of(t) for t in every(root, "text", "label")] == ["a2[0]", "a2[1]", "a2[2]"]
    unit0 = pixel_colours(root, tiles[0], 4)
    assert (2, 1) not in unit0  # a zero weight is not drawn
    assert unit0[(1, 1)].lower() == "#d55e00"  # the most negative weight: full vermillion
    assert {unit0[p].lower() for p in unit0 if p != (1, 1)} == {"#0072b2"}  # the largest: full blue
    unit1, unit2 = pixel_colours(root, tiles[1], 4), pixel_colours(root, tiles[2], 4)
    assert len(unit1) == 16 and len(set(unit1.values())) == 1
    (half,) = set(unit1.values())
    assert towards(half, ["#0072B2", "#D55E00"]) == 0 and sum(rgb(half)) > sum(rgb("#0072B2"))  # paler blue
    (quarter,) = set(unit2.values())
    assert towards(quarter, ["#0072B2", "#D55E00"]) == 1 and sum(rgb(quarter)) > sum(rgb("#D55E00"))
    assert "±" not in text_of(root) and "−1" in [text_of(t) for t in every(root, "text", "key-label")]


def test_hidden_units_of_any_layer_with_square_inputs() -> None:
    net = nnd.Network((64, 16, 10), seed=1)
    assert len(every(parse(draw.hidden_units(net)), "rect", "tile")) == 16
    deeper = parse(draw.hidden_units(net, layer=3, columns=5))
    assert len(every(deeper, "rect", "tile")) == 10
    assert [text_of(t) for t in every(deeper, "text", "label")][:2] == ["yHat[0]", "yHat[1]"]
    with pytest.raises(InvalidValueError, match=r"square number of pixels"):
        draw.hidden_units(nnd.Network((2, 3, 1)))
    for layer in (1, 4):
        with pytest.raises(InvalidValueError, match=r"layer: expected an int >= 2 and <= 3"):
            draw.hidden_units(net, layer=layer)
    with pytest.raises(InvalidTypeError, match=r"net: expected an nnd.Network, got str"):
        draw.hidden_units("net")


# -- confusion matrix -----------------------------------------------------------------------------
matrices = st.integers(1, 12).flatmap(
    lambda k: st.lists(st.lists(st.integers(0, 60), min_size=k, max_size=k), min_size=k, max_size=k)
)


@given(matrices)
def test_a_confusion_matrix_writes_every_count_in_its_cell_and_frames_the_diagonal(matrix) -> None:
    root = parse(draw.confusion(matrix))
    k = len(matrix)
    cells = every(root, "rect", "cell")
    assert len(cells) == k * k
    for cell in cells:
        i, j = int(cell.get("data-row")), int(cell.get("data-column"))
        assert int(cell.get("data-count")) == matrix[i][j]
        assert ("diagonal" in cell.get("class").split()) == (i == j)
    counts = [text_of(t) for t in every(root, "text", "count")]
    assert counts == [f"{v:,}" for row in matrix for v in row]  # row by row
    assert len(every(root, "rect", "diagonal-frame")) == k
    right, total = sum(matrix[c][c] for c in range(k)), sum(map(sum, matrix))
    assert f"{right:,} of {total:,} read right" in text_of(root.find(SVG_NS + "title"))
    for cell in cells:  # right answers blue, mistakes vermillion, empty cells white
        fill = cell.get("fill").lower()
        if cell.get("data-count") == "0":
            assert fill == "#ffffff"
        else:
            assert towards(fill, ["#0072B2", "#D55E00"]) == (0 if "diagonal" in cell.get("class") else 1)


def test_confusion_names_and_refusals() -> None:
    root = parse(draw.confusion([[3, 1], [2, 4]], labels=["cat", "dog"]))
    assert [text_of(t) for t in every(root, "text", "row")] == ["cat", "dog"]
    cases = [
        (lambda: draw.confusion([[1, 2, 3], [4, 5, 6]]), r"matrix: expected a square matrix of counts, got shape \(2, 3\)"),
        (lambda: draw.confusion([[1, -1], [0, 1]]), r"matrix\[0\]\[1\]: expected a count"),
        (lambda: draw.confusion([[1, 0.5], [0, 1]]), r"matrix\[0\]\[1\]: expected a count"),
        (lambda: draw.confusion([[1]] * 1, labels=["a", "b"]), r"labels: expected one per class \(1\), got 2"),
        (lambda: draw.confusion([[0] * 31] * 31), r"at most 30 classes"),
    ]  # fmt: skip
    for call, message in cases:
        with pytest.raises(InvalidValueError, match=message):
            call()


# -- decision regions ----------------------------------------------------------------------------
@st.composite
def plane_problems(draw_: st.DrawFn):
    outputs = draw_(st.sampled_from([1, 2, 3, 4]))
    classes = 2 if outputs == 1 else outputs
    m = draw_(st.integers(1, 12))
    coordinate = st.floats(-3, 3)
    X = [[draw_(coordinate), draw_(coordinate)] for _ in range(m)]
    labels = draw_(st.lists(st.integers(0, classes - 1), min_size=m, max_size=m))
    form = draw_(st.sampled_from(["flat", "column" if outputs == 1 else "one-hot"]))
    if form == "flat":
        y = labels
    elif form == "column":
        y = [[float(v)] for v in labels]
    else:
        y = [[1.0 if c == v else 0.0 for c in range(classes)] for v in labels]
    net = nnd.Network((2, draw_(st.integers(1, 5)), outputs), seed=draw_(st.integers(0, 50)))
    return net, X, y, labels, classes


def predicted_classes(net: nnd.Network, points: list[list[float]]) -> list[int]:
    outputs = net.backend.tolist(net.forward(points))
    if len(outputs[0]) == 1:
        return [1 if row[0] >= 0.5 else 0 for row in outputs]
    return [max(range(len(row)), key=row.__getitem__) for row in outputs]


@settings(max_examples=30)
@given(plane_problems())
def test_decision_regions_colour_the_plane_by_the_networks_class_and_cross_its_mistakes(problem) -> None:
    net, X, y, labels, classes = problem
    resolution = 12
    root = parse(draw.decision_regions(net, X, y, resolution=resolution))
    points = every(root, "circle", "point")
    assert len(points) == len(X)
    guesses = predicted_classes(net, X)
    wrong = [c != g for c, g in zip(labels, guesses)]
    assert ["wrong" in p.get("class").split() for p in points] == wrong
    assert len(every(root, "path", "cross")) == sum(wrong)
    palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]
    for point, c in zip(points, labels):  # each point in its true class's colour
        assert point.get("fill") == palette[c]
    assert [text_of(t) for t in every(root, "text", "key-label")] == [f"class {c}" for c in range(classes)]
    # every cell of the map is a shade of the class the network predicts at its centre
    (frame,) = every(root, "rect", "frame")
    left, top = float(frame.get("x")), float(frame.get("y"))
    width, height = float(frame.get("width")), float(frame.get("height"))
    lo_x, hi_x = _axis(root, "x", left, width, horizontal=True)
    lo_y, hi_y = _axis(root, "y", top, height, horizontal=False)
    runs = 0
    for path in every(root, "path", "cells"):
        for x, y_ in re.findall(rf"M({NUMBER}) ({NUMBER})h{NUMBER}v{NUMBER}h-{NUMBER}z", path.get("d")):
            cx = float(x) + width / resolution / 2  # the first cell of the run
            cy = float(y_) + height / resolution / 2
            a = lo_x + (cx - left) / width * (hi_x - lo_x)
            b = hi_y - (cy - top) / height * (hi_y - lo_y)
            (out,) = net.backend.tolist(net.forward([[a, b]]))
            (guess,) = predicted_classes(net, [[a, b]])
            ranked = sorted([out[0], 1 - out[0]] if len(out) == 1 else out, reverse=True)
            runs += 1
            if ranked[0] - ranked[1] < 0.05:  # on the boundary: the tick labels' rounding may cross it
                continue
            assert towards(path.get("fill"), palette[:classes]) == guess, (a, b)
    assert runs >= resolution  # at least one run of cells a row, each checked unless on the boundary
    assert bool(every(root, "path", "boundary")) <= (net.layer_sizes[-1] == 1)


def _axis(root: ET.Element, which: str, start: float, length: float, horizontal: bool) -> tuple[float, float]:
    """The data values at the two ends of an axis, from two of its tick labels."""
    ticks = [t for t in every(root, "text", which) if "tick" in (t.get("class") or "")]
    (p, a), (q, b) = [
        ((float(t.get("x")) if horizontal else float(t.get("y")) - 4), float(text_of(t).replace("−", "-")))
        for t in (ticks[0], ticks[-1])
    ]
    scale = (b - a) / (q - p)
    if horizontal:
        return a + (start - p) * scale, a + (start + length - p) * scale
    return b + (start + length - q) * scale, b + (start - q) * scale


def test_decision_regions_refuse_what_they_cannot_draw() -> None:
    two = nnd.Network((2, 3, 2), seed=0)
    cases = [
        (lambda: draw.decision_regions(nnd.Network((3, 2, 1)), [[0, 0, 0]], [0]), InvalidValueError, r"net: expected a network with 2 inputs"),
        (lambda: draw.decision_regions(nnd.Network((2, 2, 11)), [[0, 0]], [0]), InvalidValueError, r"at most 10 classes"),
        (lambda: draw.decision_regions(two, [[0, 0]], [[0, 1, 0]]), InvalidValueError, r"y: expected one-hot rows of 2"),
        (lambda: draw.decision_regions(two, [[0, 0]], [2]), InvalidValueError, r"y\[0\]: expected a class number from 0 to 1"),
        (lambda: draw.decision_regions(two, [[0, 0], [1, 1]], [0]), InvalidValueError, r"one class per row of X \(2\), got 1"),
        (lambda: draw.decision_regions(two, [[0, 0]], [0], labels=["a"]), InvalidValueError, r"labels: expected one per class \(2\)"),
        (lambda: draw.decision_regions(two, [[0, 0, 1]], [0]), InvalidValueError, r"X: expected rows of 2"),
        (lambda: draw.decision_regions(two, [[0, 1e31]], [0]), InvalidValueError, r"within ±1e\+30"),
        (lambda: draw.decision_regions([[1]], [[0, 0]], [0]), InvalidTypeError, r"net: expected an nnd.Network"),
    ]  # fmt: skip
    for call, error, message in cases:
        with pytest.raises(error, match=message):
            call()


# -- accuracy beside the cost --------------------------------------------------------------------------
def path_ys(path: ET.Element) -> list[float]:
    return [float(y) for y in re.findall(rf"[ML]{NUMBER} ({NUMBER})", path.get("d"))]


def test_accuracy_per_epoch_sits_below_the_cost_train_solid_and_test_dashed() -> None:
    run = SimpleNamespace(
        J=[0.9, 0.5, 0.3, 0.2], testJ=[0.9, 0.6, 0.5, 0.45],
        accuracy=[0.2, 0.5, 0.8, 0.95], test_accuracy=[0.2, 0.4, 0.7, 0.75], method="sgd",
    )  # fmt: skip
    root = parse(draw.training(run))
    frames = every(root, "rect", "frame")
    assert len(frames) == 2
    cost_frame, accuracy_frame = sorted(frames, key=lambda f: float(f.get("y")))
    assert float(cost_frame.get("y")) + float(cost_frame.get("height")) < float(accuracy_frame.get("y"))
    curves = every(root, "path", "accuracy")
    assert len(curves) == 2 and [("test" in c.get("class").split()) for c in curves] == [False, True]
    assert curves[0].get("stroke-dasharray") is None and curves[1].get("stroke-dasharray")
    for curve, values in zip(curves, (run.accuracy, run.test_accuracy)):
        ys = path_ys(curve)
        assert len(ys) == len(values)
        top, bottom = (
            float(accuracy_frame.get("y")),
            float(accuracy_frame.get("y")) + float(accuracy_frame.get("height")),
        )
        assert all(top - 0.06 <= y <= bottom + 0.06 for y in ys)  # inside the lower panel
        order = sorted(range(len(values)), key=values.__getitem__)
        assert sorted(range(len(ys)), key=lambda k: -ys[k]) == order  # higher accuracy, higher on the page
    ticks = [text_of(t) for t in every(root, "text", "y") if "tick" in t.get("class")]
    assert "100" in ticks or any(float(t.replace("−", "-")) >= 90 for t in ticks)
    labels = {text_of(t) for t in every(root, "text", "axis")}
    assert {"accuracy (%)", "epoch"} <= labels
    assert len(every(root, "path", "curve")) == 4  # J, testJ, and the two accuracies
    assert text_of(root.find(SVG_NS + "title")) == "Cost and accuracy per epoch"


def test_runs_without_accuracy_keep_one_panel_and_count_iterations() -> None:
    X, y = nnd.data.sleep_study()
    result = nnd.train(nnd.Network(seed=0), X, y)
    root = parse(draw.training(result))
    assert len(every(root, "rect", "frame")) == 1 and not every(root, "path", "accuracy")
    assert "iteration" in {text_of(t) for t in every(root, "text", "axis")}
    several = parse(draw.training({"a": SimpleNamespace(J=[1.0, 0.5], accuracy=[0.5, 0.6]), "b": [1.0, 0.2]}))
    assert len(every(several, "path", "accuracy")) == 1


def test_accuracies_must_be_fractions() -> None:
    with pytest.raises(
        InvalidValueError, match=r"runs\[0\]\.accuracy\[1\]: expected a fraction from 0 to 1, got 95"
    ):
        draw.training(SimpleNamespace(J=[1.0, 0.5], accuracy=[0.5, 95]))
    with pytest.raises(InvalidTypeError, match=r"runs\[0\]\.test_accuracy\[0\]: expected a number, got str"):
        draw.training(SimpleNamespace(J=[1.0], test_accuracy=["high"]))
    with pytest.raises(NNDError):
        draw.training(SimpleNamespace(J="falling"))
