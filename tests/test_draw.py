# ruff: noqa: E501 - the table of bad calls reads best one call per line
"""nnd.draw: every picture is a small, valid, self-contained SVG whose marks follow the numbers.

The laws: the SVG parses as XML and declares its size; the network diagram has one circle
per neuron and one line per weight, coloured by the weight's sign and wider for a larger
|w|; curves and paths stay inside their plot area; axis ticks increase; nothing external
is referenced; bad arguments are refused with a message naming what was expected.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import network as network_from
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import problems

import nnd
from nnd import draw
from nnd.draw import axes, svg
from nnd.draw.diagram import shown_neurons

SVG_NS = "{http://www.w3.org/2000/svg}"
NUMBER = r"-?\d+(?:\.\d+)?"


def parse(document: str) -> ET.Element:
    """The root element; fails the test if the document is not well-formed XML."""
    return ET.fromstring(document)


def every(root: ET.Element, tag: str, css: str | None = None) -> list[ET.Element]:
    found = root.iter(SVG_NS + tag)
    return [e for e in found if css is None or css in (e.get("class") or "").split()]


def frames(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of every plot area."""
    out = []
    for rect in every(root, "rect", "frame"):
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        out.append((x, y, x + w, y + h))
    return out


def path_points(d: str) -> list[tuple[float, float]]:
    """The absolute points of path data made of M and L commands (what nnd.draw writes for lines)."""
    assert re.fullmatch(rf"(?:[ML]{NUMBER} {NUMBER}|h0)*", d), d
    return [(float(x), float(y)) for x, y in re.findall(rf"[ML]({NUMBER}) ({NUMBER})", d)]


def assert_inside(point: tuple[float, float], frame: tuple[float, float, float, float]) -> None:
    left, top, right, bottom = frame
    x, y = point
    slack = 0.051  # coordinates are written to one decimal place
    assert left - slack <= x <= right + slack and top - slack <= y <= bottom + slack, (point, frame)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in every(root, "text")]


@pytest.fixture(scope="module")
def trained() -> dict:
    """Networks trained once for the whole module (Part 6's and Part 7's)."""
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=0, backend="python")
    bfgs = nnd.train(net, X, y)
    gd = nnd.train(nnd.Network(seed=0, backend="python"), X, y, method="gd", max_iter=60)
    trainX, trainY, testX, testY = nnd.data.train_test()
    nets, runs = [], []
    for lam in (0.0, 1e-4):
        each = nnd.Network(seed=1, lam=lam, backend="python")
        runs.append(nnd.train(each, trainX, trainY, testX=testX, testY=testY))
        nets.append(each)
    return {"net": net, "bfgs": bfgs, "gd": gd, "nets": nets, "runs": runs}


def every_kind(trained: dict) -> dict[str, str]:
    """One picture of each kind, as the docs and the command line draw them."""
    X, y = nnd.data.sleep_study()
    fresh = nnd.Network(seed=0, backend="python")
    return {
        "network": draw.network(fresh),
        "activations": draw.network(fresh, X, y, show="activations"),
        "deltas": draw.network(fresh, X, y, show="deltas"),
        "gradients": draw.network(fresh, X, y, show="gradients"),
        "deep": draw.network(nnd.Network((2, 30, 12, 4, 1), seed=3, backend="python")),
        "data": draw.data(),
        "data-test": draw.data(
            *nnd.data.train_test(scaled=False)[:2], test=nnd.data.train_test(scaled=False)[2:]
        ),
        "sigmoid": draw.sigmoid(),
        "cost_sweep": draw.cost_sweep(fresh, X, y),
        "cost_surface": draw.cost_surface(fresh, X, y, resolution=30),
        "secant": draw.secant(),
        "training": draw.training({"BFGS": trained["bfgs"], "gd": trained["gd"]}),
        "train-test": draw.training(*trained["runs"], labels=["λ = 0", "λ = 1e-4"]),
        "predictions": draw.predictions(trained["net"], points=nnd.data.sleep_study(scaled=False)),
        "overfit": draw.overfit(*trained["nets"]),
    }


# -- every kind ------------------------------------------------------------------------------------
def test_every_kind_is_a_small_self_contained_svg_with_a_title_and_its_size(trained) -> None:
    for kind, document in every_kind(trained).items():
        assert isinstance(document, draw.SVG) and isinstance(document, str), kind
        root = parse(document)
        assert root.tag == SVG_NS + "svg", kind
        width, height = float(root.get("width")), float(root.get("height"))
        assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}", kind
        assert width > 0 and height > 0
        title = root.find(SVG_NS + "title")
        assert title is not None and title.text and title.text.strip(), kind
        assert root.get("aria-labelledby") == title.get("id"), kind
        assert len(document.encode("utf-8")) < 100_000, (kind, len(document))
        lowered = document.lower()
        for external in ("<script", "href", "@import", "<image", "@font-face", "<foreignobject"):
            assert external not in lowered, (kind, external)
        own = root.get("id")
        for reference in re.findall(r"url\(([^)]*)\)", document):  # only to the document's own filters
            assert reference.startswith(f"#{own}-"), (kind, reference)
            assert root.find(f".//*[@id='{reference[1:]}']") is not None, (kind, reference)
        assert "http" not in lowered.replace('xmlns="http://www.w3.org/2000/svg"', ""), kind
        assert texts(root), kind  # text is real <text>, not paths
        assert document._repr_svg_() == str(document)


def test_lines_of_every_kind_stay_inside_their_plot_area(trained) -> None:
    for kind, document in every_kind(trained).items():
        root = parse(document)
        boxes = frames(root)
        lines = [p for css in ("curve", "descent", "halo", "contour") for p in every(root, "path", css)]
        if kind in ("predictions", "cost_surface"):
            assert every(root, "path", "contour"), kind
        for path in lines:
            points = path_points(path.get("d"))
            assert points, kind
            assert any(all(_inside(p, box) for p in points) for box in boxes), kind


def _inside(point: tuple[float, float], frame: tuple[float, float, float, float]) -> bool:
    try:
        assert_inside(point, frame)
    except AssertionError:
        return False
    return True


def test_two_different_pictures_never_share_a_title_id(trained) -> None:
    ids = [parse(d).find(SVG_NS + "title").get("id") for d in every_kind(trained).values()]
    assert len(set(ids)) == len(ids)


def test_the_pictures_carry_the_series_labels(trained) -> None:
    pictures = every_kind(trained)
    label_sets = {
        "network": {"X", "a2", "yHat", "W1 (2×3)", "W2 (3×1)"},
        "deltas": {"delta2", "delta3"},
        "gradients": {"dJdW1 (2×3)", "dJdW2 (3×1)"},
        "deep": {"X", "a2", "a3", "a4", "yHat"},
        "data": {"hours of sleep", "hours of study", "75", "82", "93", "test score (out of 100)"},
        "sigmoid": {"z"},
        "cost_sweep": {"cost J", "the weight W1[0, 0]"},
        "cost_surface": {"W1[0, 0]", "W2[0, 0]"},
        "training": {"iteration", "BFGS", "gd"},
        "train-test": {"λ = 0", "λ = 0: test", "λ = 1e-4: test"},
        "predictions": {"hours of sleep", "hours of study", "predicted score"},
        "overfit": {"λ = 0 (no regularization)", "λ = 0.0001"},
    }
    for kind, labels in label_sets.items():
        found = set(texts(parse(pictures[kind])))
        assert labels <= found, (kind, labels - found)


def test_drawing_does_not_change_the_network() -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=4)
    net.forward([[0.1, 0.2]])  # kept values of the user's own pass
    before = (net.W1.tolist(), net.W2.tolist(), net.yHat.tolist())
    draw.network(net, X, y, show="deltas")
    draw.cost_sweep(net, X, y)
    draw.cost_surface(net, X, y, resolution=4, max_iter=3)
    draw.predictions(net, resolution=4)
    assert (net.W1.tolist(), net.W2.tolist(), net.yHat.tolist()) == before


# -- the network diagram ---------------------------------------------------------------------------
small_problems = problems(max_rows=4, max_inputs=5, max_hidden=7, max_outputs=3, hidden_layers=(0, 3))


@given(small_problems)
def test_a_diagram_has_a_circle_per_neuron_and_a_line_per_weight(problem) -> None:
    net = network_from(problem, "python")
    root = parse(draw.network(net))
    sizes = problem["sizes"]
    assert len(every(root, "circle", "neuron")) == sum(sizes)
    assert len(every(root, "line", "synapse")) == sum(a * b for a, b in zip(sizes, sizes[1:]))
    assert len(every(root, "circle")) == sum(sizes)  # nothing else is a circle


@given(small_problems)
def test_each_synapse_is_coloured_by_its_weights_sign_and_wider_for_a_larger_weight(problem) -> None:
    net = network_from(problem, "python")
    lines = every(parse(draw.network(net)), "line", "synapse")
    weights = [w for W in problem["weights"] for row in W for w in row]
    values = [float(line.get("data-value")) for line in lines]
    assert sorted(values) == sorted(weights)  # every weight is drawn, once
    for line, w in zip(lines, values):
        assert line.get("stroke") == (svg.POSITIVE if w > 0 else svg.NEGATIVE if w < 0 else svg.ZERO)
    pairs = sorted((abs(w), float(line.get("stroke-width"))) for line, w in zip(lines, values))
    largest = pairs[-1][0]
    for (a, width_a), (b, width_b) in zip(pairs, pairs[1:]):
        assert width_a <= width_b, (a, width_a, b, width_b)
        if a == b:
            assert width_a == width_b
        if b - a > 1e-2 * largest:  # clearly larger: clearly wider (widths are written to 2 decimals)
            assert width_a < width_b, (a, width_a, b, width_b)


@given(small_problems, st.sampled_from(["activations", "deltas", "gradients"]))
def test_every_view_keeps_the_structure_and_gradients_are_coloured_by_their_sign(problem, show) -> None:
    net = network_from(problem, "python")
    X, y = problem["X"], problem["y"]
    root = parse(draw.network(net, X, y, show=show))
    sizes = problem["sizes"]
    assert len(every(root, "circle", "neuron")) == sum(sizes)
    lines = every(root, "line", "synapse")
    assert len(lines) == sum(a * b for a, b in zip(sizes, sizes[1:]))
    if show == "gradients":
        grads = [v for g in net.gradients(X, y) for row in net.backend.tolist(g) for v in row]
        assert [float(line.get("data-value")) for line in lines] == grads
        for line, g in zip(lines, grads):
            assert line.get("stroke") == (svg.POSITIVE if g > 0 else svg.NEGATIVE if g < 0 else svg.ZERO)


@given(st.lists(st.integers(1, 40), min_size=2, max_size=5), st.integers(3, 12))
def test_wide_layers_are_summarised_with_a_count_of_what_is_left_out(sizes, max_neurons) -> None:
    net = nnd.Network(tuple(sizes), seed=0)
    root = parse(draw.network(net, max_neurons=max_neurons))
    shown = [[i for i in shown_neurons(n, max_neurons) if i is not None] for n in sizes]
    assert len(every(root, "circle", "neuron")) == sum(map(len, shown))
    assert len(every(root, "line", "synapse")) == sum(len(a) * len(b) for a, b in zip(shown, shown[1:]))
    hidden = sorted(n - len(s) for n, s in zip(sizes, shown) if n > max_neurons)
    notes = sorted(int(t.split()[0]) for t in texts(root) if t.endswith(" more"))
    assert notes == hidden
    assert all(len(s) <= max_neurons for s in shown)


def test_activations_and_deltas_are_the_networks_own_values(backend) -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=0, backend=backend)
    root = parse(draw.network(net, X, y, show="activations", example=1))
    net.forward(X)
    expected = [*X[1], *net.backend.tolist(net.a2)[1], *net.backend.tolist(net.yHat)[1]]
    got = [float(c.get("data-value")) for c in every(root, "circle", "neuron")]
    assert got == pytest.approx(expected, rel=1e-12)
    root = parse(draw.network(net, X, y, show="deltas"))
    net.gradients(X, y)
    expected = [*net.backend.tolist(net.delta2)[0], *net.backend.tolist(net.delta3)[0]]
    got = [float(c.get("data-value")) for c in every(root, "circle", "neuron") if c.get("data-value")]
    assert got == pytest.approx(expected, rel=1e-12)
    root = parse(draw.network(net, X, y, show="gradients"))
    grads = [v for g in net.gradients(X, y) for row in net.backend.tolist(g) for v in row]
    got = [float(line.get("data-value")) for line in every(root, "line", "synapse")]
    assert got == pytest.approx(grads, rel=1e-12)


def test_a_diagram_is_the_same_on_every_backend(backend) -> None:
    reference = draw.network(nnd.Network((2, 4, 3, 1), seed=5, backend="python"))
    assert draw.network(nnd.Network((2, 4, 3, 1), seed=5, backend=backend)) == reference


# -- axes ------------------------------------------------------------------------------------------
ends = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(ends, ends, st.integers(2, 10))
def test_linear_ticks_increase_and_lie_within_the_scale(a, b, count) -> None:
    lo, hi = min(a, b), max(a, b)
    assume(hi - lo > 1e-6 * max(1.0, abs(lo), abs(hi)))
    scale = axes.Scale(lo, hi, 0.0, 500.0)
    ticks = scale.ticks(count)
    values = [v for v, _ in ticks]
    assert len(values) >= 2
    assert all(p < q for p, q in zip(values, values[1:]))
    assert all(scale.contains(v) for v in values)
    pixels = [scale(v) for v in values]
    assert all(p < q for p, q in zip(pixels, pixels[1:]))  # the picture keeps the order
    labels = [label for _, label in ticks]
    assert len(set(labels)) == len(labels)  # no two ticks read the same


@given(st.integers(1, 100_000), st.integers(0, 10_000), st.integers(2, 10))
def test_whole_ticks_are_whole_numbers_within_a_count_axis(first, more, count) -> None:
    lo, hi = (first - 0.5, first + 0.5) if more == 0 else (float(first), float(first + more))
    ticks = axes.Scale(lo, hi, 0.0, 500.0).ticks(count, whole=True)
    values = [v for v, _ in ticks]
    assert values and all(v == int(v) and lo <= v <= hi for v in values), ticks
    assert all(float(label.replace("−", "-")) == v and not label.endswith(".0") for v, label in ticks)
    assert all(p < q for p, q in zip(values, values[1:]))


def test_the_training_curves_count_epochs_in_whole_numbers() -> None:
    from types import SimpleNamespace

    run = SimpleNamespace(J=[0.5, 0.3, 0.2], testJ=[0.6, 0.4, 0.3], accuracy=[0.5, 0.7, 0.8], method="sgd")
    svg = draw.training(run)
    assert re.findall(r'class="tick x"[^>]*>([^<]*)<', svg) == ["1", "2", "3"] * 2  # both panels


@given(st.floats(min_value=-300, max_value=270), st.floats(min_value=0.05, max_value=30))
def test_log_ticks_increase_and_lie_within_the_scale(low_exponent, decades) -> None:
    lo, hi = 10.0**low_exponent, 10.0 ** (low_exponent + decades)
    assume(math.isfinite(hi) and hi > lo)
    scale = axes.Scale(lo, hi, 300.0, 0.0, log=True)  # y: up is smaller
    values = [v for v, _ in scale.ticks()]
    assert all(p < q for p, q in zip(values, values[1:]))
    assert all(scale.contains(v) for v in values)
    pixels = [scale(v) for v in values]
    assert all(p > q for p, q in zip(pixels, pixels[1:]))


def test_ticks_on_the_pictures_run_left_to_right_and_bottom_to_top(trained) -> None:
    for kind, document in every_kind(trained).items():
        root = parse(document)
        xs = [float(t.get("x")) for t in every(root, "text", "x") if "tick" in t.get("class")]
        ys = [float(t.get("y")) for t in every(root, "text", "y") if "tick" in t.get("class")]
        if "network" in kind or kind in ("activations", "deltas", "gradients", "deep"):
            continue
        assert len(xs) >= 2 and len(ys) >= 2, kind
        if kind != "overfit":  # two panels: two runs of ticks
            assert xs == sorted(xs) and ys == sorted(ys, reverse=True), kind


cost = st.floats(min_value=-1e3, max_value=1e6) | st.sampled_from([math.nan, math.inf, 0.0, 1e-300])
costs = st.lists(cost, min_size=1, max_size=60)


@given(st.lists(costs, min_size=1, max_size=4), st.none() | st.booleans())
def test_training_curves_stay_inside_the_plot_for_any_costs(runs, log) -> None:
    root = parse(draw.training(*runs, log=log))
    (box,) = frames(root)
    curves = every(root, "path", "curve")
    assert len(curves) == len(runs)
    for path in curves:
        for point in path_points(path.get("d")):
            assert_inside(point, box)


@given(
    st.floats(-4, 4), st.floats(0.2, 6), st.floats(-4, 4), st.floats(0.2, 6),
    st.sampled_from([("gd",), ("bfgs",), ("gd", "bfgs")]),
)  # fmt: skip
def test_descent_paths_are_cut_at_the_edge_of_any_window(a, wa, b, wb, methods) -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=0)
    window = ((a, a + wa), (b, b + wb))
    root = parse(draw.cost_surface(net, X, y, window=window, resolution=3, paths=methods, max_iter=15))
    (box,) = frames(root)
    descents = every(root, "path", "descent")
    assert len(descents) == len(methods)
    for path in descents:
        for point in path_points(path.get("d")):
            assert_inside(point, box)
    for step in every(root, "circle", "step"):
        assert_inside((float(step.get("cx")), float(step.get("cy"))), box)


def cell_rectangles(root: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """(colour, x, y, width, height) of every cell of the heat maps (path data "MX YhWvHh-Wz")."""
    out = []
    for path in every(root, "path", "cells"):
        for x, y, w, h in re.findall(
            rf"M({NUMBER}) ({NUMBER})h({NUMBER})v({NUMBER})h-{NUMBER}z", path.get("d")
        ):
            out.append((path.get("fill"), float(x), float(y), float(w), float(h)))
    return out


@given(st.integers(2, 40), st.integers(0, 20))
def test_a_prediction_map_tiles_its_plot_area_with_the_networks_predictions(resolution, seed) -> None:
    net = nnd.Network(seed=seed)
    root = parse(draw.predictions(net, resolution=resolution))
    (box,) = frames(root)
    left, top, right, bottom = box
    cells = cell_rectangles(root)
    assert cells
    for _, x, y, w, h in cells:
        assert_inside((x, y), box)
        assert x + w <= right + 0.3 and y + h <= bottom + 0.3  # a hair of overlap hides the seams
    area = sum(w * h for _, _, _, w, h in cells)
    assert (
        (right - left) * (bottom - top)
        <= area
        <= (right - left + 0.3 * resolution) * (bottom - top + 0.3 * resolution)
    )
    # each cell's colour is the colour of the prediction at its centre, on the map's own scale
    from nnd.draw.maps import _levels, _score_range, score_grid

    Z = score_grid(net, (0.0, 10.0), (0.0, 5.0), [10.0, 5.0], resolution)
    level, colours = _levels(*_score_range(Z), False)
    for colour, x, y, _, _ in cells:
        i = round((x - left) / ((right - left) / resolution))  # x is a cell's left edge
        j = resolution - 1 - round((y - top) / ((bottom - top) / resolution))
        assert colour == colours[level(Z[j][i])]
    X = [[(i + 0.5) / resolution, 0.5 / resolution] for i in range(resolution)]  # the bottom row of cells
    assert [100 * r[0] for r in net.forward(X).tolist()] == pytest.approx(Z[0], rel=1e-12)


def test_a_descent_path_goes_downhill_on_the_surface() -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=0)
    from nnd.draw.maps import descent_path
    from nnd.draw.probe import Probe

    probe = Probe(net, X, y, [("W1", (0, 0)), ("W2", (0, 0))])
    for method in ("gd", "bfgs"):
        path = descent_path(probe, method, max_iter=30)
        J = [probe.cost(p) for p in path]
        assert len(J) > 2 and J[-1] < J[0]
        assert all(q <= p + 1e-12 for p, q in zip(J, J[1:])), method


def test_the_cost_sweep_is_the_networks_cost() -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=2)
    values = [-1.0, 0.0, 0.5, 2.0]
    root = parse(draw.cost_sweep(net, X, y, "W2", (1, 0), values=values))
    (curve,) = every(root, "path", "curve")
    points = path_points(curve.get("d"))
    assert len(points) == len(values)
    costs = []
    for v in values:
        rows = net.backend.tolist(net.W2)
        rows[1][0] = v
        other = nnd.Network(seed=2)
        other.W2 = rows
        costs.append(other.cost(X, y))
    heights = [p[1] for p in points]  # picture y grows downward: a higher cost is a smaller y
    order = sorted(range(4), key=costs.__getitem__)
    assert sorted(range(4), key=lambda k: -heights[k]) == order


def test_long_and_noisy_runs_still_make_a_small_file() -> None:
    import random

    rng = random.Random(0)
    runs = [[rng.lognormvariate(0, 3) for _ in range(20_000)] for _ in range(7)]
    document = draw.training(*runs, log=True)
    parse(document)
    assert len(document.encode("utf-8")) < 100_000
    X, y = nnd.data.sleep_study()
    document = draw.cost_surface(nnd.Network(seed=1), X, y, resolution=200, max_iter=2000, learning_rate=0.5)
    parse(document)
    assert len(document.encode("utf-8")) < 100_000


def test_a_run_without_iterations_still_draws() -> None:
    root = parse(draw.training([], [float("nan")]))
    assert "no iterations to show" in texts(root) and len(frames(root)) == 1


def test_secant_slope_is_the_central_difference() -> None:
    document = draw.secant(lambda v: v**3, 1.0, 0.5, derivative=lambda v: 3 * v * v)
    central = ((1.5**3) - (0.5**3)) / 1.0
    assert f"= {central:.6g}" in document and "f′(x) = 3" in document


def test_maps_stay_small_at_their_finest_resolution(trained) -> None:
    X, y = nnd.data.sleep_study()
    for document in (
        draw.predictions(trained["net"], resolution=200),
        draw.overfit(*trained["nets"], resolution=200),
        draw.cost_surface(nnd.Network(seed=0), X, y, resolution=200, paths=()),
        draw.cost_surface(nnd.Network(seed=1), X, y, resolution=200, max_iter=1000, learning_rate=0.5),
        draw.predictions(nnd.Network((2, 12, 1), seed=5), resolution=200),
    ):
        parse(document)
        assert len(document.encode("utf-8")) < 100_000


# -- saving ------------------------------------------------------------------------------------------
def test_save_writes_the_document_and_replaces_a_file(tmp_path: Path) -> None:
    document = draw.sigmoid()
    target = tmp_path / "sigmoid.svg"
    target.write_text("old")
    document.save(target)
    assert target.read_text(encoding="utf-8") == document + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sigmoid.svg"]  # no temporary left


def test_save_refuses_a_folder_or_a_missing_folder_and_writes_nothing(tmp_path: Path) -> None:
    document = draw.sigmoid()
    (tmp_path / "folder.svg").mkdir()
    with pytest.raises(OSError, match="folder"):
        document.save(tmp_path / "folder.svg")
    with pytest.raises(OSError, match="does not exist"):
        document.save(tmp_path / "missing" / "x.svg")
    if os.path.exists("/dev/null"):
        with pytest.raises(OSError, match="not a regular file"):
            document.save("/dev/null")
    assert [p.name for p in tmp_path.iterdir()] == ["folder.svg"]
    assert list((tmp_path / "folder.svg").iterdir()) == []


# -- bad arguments ---------------------------------------------------------------------------------
def test_bad_arguments_name_what_was_expected_and_what_came() -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=0)
    cases = [
        (lambda: draw.network(net, show="errors"), ValueError, r"show: expected one of 'weights'.*got 'errors'"),
        (lambda: draw.network([[1, 2]]), TypeError, r"net: expected an nnd.Network, got list"),
        (lambda: draw.network(net, [[1, 2, 3]], show="activations"), ValueError, r"X: expected shape \(rows, 2\), got \(1, 3\)"),
        (lambda: draw.network(net, X, show="deltas"), ValueError, r"show='deltas' needs X and y.*got no y"),
        (lambda: draw.network(net, X, show="activations", example=3), ValueError, r"example: expected .* 0 to 2, got 3"),
        (lambda: draw.network(net, max_neurons=2), ValueError, r"max_neurons: expected an int >= 3 and <= 1,000, got 2"),
        (lambda: draw.cost_sweep(net, X, y, "W3"), ValueError, r"weight: expected one of W1, W2, got 'W3'"),
        (lambda: draw.cost_sweep(net, X, y, "W1", (2, 0)), ValueError, r"within W1's shape \(2, 3\), got \(2, 0\)"),
        (lambda: draw.cost_sweep("net", X, y), TypeError, r"net: expected an nnd.Network, got str"),
        (lambda: draw.cost_surface(net, X, y, paths=("newton",)), ValueError, r"paths: expected .*got 'newton'"),
        (lambda: draw.cost_surface(net, X, y, resolution=1), ValueError, r"resolution: expected an int >= 2 and <= 400, got 1"),
        (lambda: draw.cost_surface(net, X, y, window=((1, 0), (0, 1))), ValueError, r"window\[0\]: expected \(low, high\)"),
        (lambda: draw.training(), ValueError, r"runs: expected at least one training run, got none"),
        (lambda: draw.training("J"), TypeError, r"runs\[0\]: expected a TrainResult or a list of costs, got str"),
        (lambda: draw.training([1.0], [2.0], labels=["a"]), ValueError, r"labels: expected one per run \(2\), got 1"),
        (lambda: draw.predictions(nnd.Network((3, 2, 1))), ValueError, r"net: expected a network with 2 inputs.*got layers \(3, 2, 1\)"),
        (lambda: draw.data([[1, 2, 3]], [[50]]), ValueError, r"data X: expected rows of 2 number\(s\), got rows of 3"),
        (lambda: draw.secant("x^2"), TypeError, r"f: expected a function of one number, got str"),
        (lambda: draw.secant(epsilon=0.0), ValueError, r"epsilon: expected a positive finite number, got 0.0"),
        (lambda: draw.sigmoid(2, 1), ValueError, r"z_min < z_max expected, got 2 and 1"),
    ]  # fmt: skip
    for call, error, message in cases:
        with pytest.raises(error, match=message):
            call()
        if not message.startswith("X:"):  # the network's own check, not nnd.draw's
            with pytest.raises(nnd.util.errors.NNDError):  # the command line shows these as one line
                call()


# -- no dependencies -------------------------------------------------------------------------------
def test_drawing_imports_neither_numpy_nor_matplotlib_and_import_nnd_does_not_load_draw() -> None:
    code = (
        "import sys, nnd\n"
        "assert 'nnd.draw' not in sys.modules\n"
        "from nnd import draw\n"
        "X, y = nnd.data.sleep_study()\n"
        "net = nnd.Network(seed=0, backend='python')\n"
        "for d in (draw.network(net, X, y, show='deltas'), draw.data(), draw.sigmoid(), draw.secant(),\n"
        "          draw.cost_sweep(net, X, y), draw.cost_surface(net, X, y, resolution=5, max_iter=5),\n"
        "          draw.training([1.0, 0.5]), draw.predictions(net, resolution=5)):\n"
        "    assert d.startswith('<svg')\n"
        "print('numpy' in sys.modules, 'matplotlib' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NND_BACKEND"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split() == ["False", "False"], done.stderr
