# ruff: noqa: E501 - the tables of bad calls read best one call per line
"""Laws every picture of nnd.draw keeps, whatever a user passes that it accepts.

- Any text (a title, a label, a class name) gives a document that parses as XML and encodes
  as UTF-8: characters XML 1.0 forbids and lone surrogates are replaced, everything else kept.
- Any finite number a function accepts draws: no OverflowError, and no "nan" or "inf" in
  the document. What cannot be drawn is refused with an NNDError that says why.
- A network's weights are read checked: one changed in place to NaN or beyond ±1e30 is
  refused, naming the array, instead of being drawn as stroke-width="nan".
- A picture has no background of its own and a dark-mode rule for its ink.
- Arguments are checked with nnd's one vocabulary (NumPy ints are ints, a NumPy array of
  values is values), and the math is nnd's own (one sigmoid, one prediction grid).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import needs_numpy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import nnd
from nnd import draw
from nnd.util.errors import InvalidTypeError, InvalidValueError, NNDError

SVG_NS = "{http://www.w3.org/2000/svg}"
NOT_A_NUMBER = re.compile(r"(?i)(?<![a-z])(nan|inf)(?![a-z])")
X, Y = nnd.data.sleep_study()


def parse(document: str) -> ET.Element:
    document.encode("utf-8")  # no lone surrogate: every document can be written as UTF-8
    return ET.fromstring(document)


def assert_clean(document: str) -> ET.Element:
    """The document parses, and no attribute or text holds a NaN or an infinity."""
    root = parse(document)
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not NOT_A_NUMBER.search(value), (element.tag, name, value)
        assert not NOT_A_NUMBER.search(element.text or ""), (element.tag, element.text)
    return root


def drawable(lo: float, hi: float) -> bool:
    """Clearly far enough apart to draw: a millionth of their size, and more than 1e-200."""
    return hi - lo > 1e-200 and (hi - lo) > 1e-6 * max(abs(lo), abs(hi))


@pytest.fixture(scope="module")
def trained() -> nnd.Network:
    net = nnd.Network(seed=0, backend="python")
    nnd.train(net, X, Y)
    return net


# -- text ---------------------------------------------------------------------------------------------
# every code point, surrogates included, and the characters that break XML most often
any_char = st.characters(codec=None, exclude_categories=()) | st.sampled_from(
    [
        "\x00",
        "\x01",
        "\x1b",
        "\x7f",
        "\ud800",
        "\udfff",
        "\ufffe",
        "\uffff",
        "<",
        "&",
        '"',
        "]",
        ">",
        "\r",
        "\t",
    ]
)
any_text = st.text(any_char, min_size=0, max_size=30)


def xml_text(text: str) -> str:
    """What a parser reads back: forbidden characters and surrogates as U+FFFD, line ends as \\n."""
    out = []
    for c in text:
        code = ord(c)
        allowed = c in "\t\n\r" or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000
        out.append(c if allowed else "\ufffd")
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def pictures_with_text(text: str, other: str, trained: nnd.Network) -> dict[str, str]:
    net = nnd.Network(seed=0, backend="python")
    two = nnd.Network((2, 3, 2), seed=0, backend="python")
    return {
        "network": draw.network(net, title=text),
        "training-title": draw.training([1.0, 0.5], title=text),
        "training-labels": draw.training([1.0, 0.5], [2.0, 1.0], labels=[text, other]),
        "training-dict": draw.training({text: [1.0, 0.5]}),
        "predictions": draw.predictions(trained, resolution=4, title=text),
        "secant": draw.secant(label=text),
        "digits": draw.digits([[0.5] * 4, [1.0] * 4], labels=[text, other], title=text),
        "hidden_units": draw.hidden_units(nnd.Network((4, 2, 1), seed=0), title=text),
        "confusion": draw.confusion([[1, 2], [3, 4]], labels=[text, other], title=text),
        "decision_regions": draw.decision_regions(
            two, [[0.1, 0.2], [0.8, 0.9]], [0, 1], labels=[text, other], title=text, resolution=4
        ),
    }


@settings(max_examples=25)
@given(any_text, any_text)
def test_any_title_or_label_gives_valid_xml_that_keeps_what_xml_allows(trained, text, other) -> None:
    for kind, document in pictures_with_text(text, other, trained).items():
        root = parse(document)
        readable = xml_text(text)
        found = ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]
        found += ["".join(t.itertext()) for t in root.iter(SVG_NS + "title")]
        if readable.strip():  # the text itself is there, as XML can hold it
            assert any(readable in f for f in found), (kind, readable, found[:4])


def test_a_title_with_a_lone_surrogate_saves_and_reads_back(tmp_path: Path) -> None:
    picture = draw.network(nnd.Network(seed=0), title="bad \ud800 NUL \x00 end")
    picture.save(tmp_path / "p.svg")
    root = ET.parse(tmp_path / "p.svg").getroot()
    assert root.find(SVG_NS + "title").text == "bad \ufffd NUL \ufffd end"


def test_text_arguments_must_be_text() -> None:
    net = nnd.Network(seed=0)
    cases = [
        (lambda: draw.network(net, title=123), r"^title: expected a str, got int 123$"),
        (lambda: draw.training([1.0], title=123), r"^title: expected a str, got int 123$"),
        (lambda: draw.training([1.0], labels=[b"x"]), r"^labels\[0\]: expected a str, got bytes b'x'$"),
        (lambda: draw.predictions(net, title=1.5), r"^title: expected a str, got float 1.5$"),
        (lambda: draw.secant(label=3), r"^label: expected a str, got int 3$"),
        (lambda: draw.digits([[0.0] * 4], title=7), r"^title: expected a str, got int 7$"),
        (
            lambda: draw.hidden_units(nnd.Network((4, 2, 1)), title=[]),
            r"^title: expected a str, got list \[\]$",
        ),
        (lambda: draw.confusion([[1]], labels=[0]), r"^labels\[0\]: expected a str, got int 0$"),
        (lambda: draw.decision_regions(nnd.Network((2, 2, 1)), [[0, 0]], [0], title=0), r"^title: expected"),
    ]
    for call, message in cases:
        with pytest.raises(InvalidTypeError, match=message):
            call()


# -- numbers at the edges of float64 -----------------------------------------------------------------
finite = st.floats(allow_nan=False, allow_infinity=False)
edges = st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e-308, 1e-300, 1.0, 1e300, 1.7976931348623157e308])
extreme = finite | edges | edges.map(lambda v: -v)
any_float = st.floats() | edges


def test_the_extremes_of_the_reports_draw() -> None:
    assert_clean(draw.training([1e308, 1e-308]))
    assert_clean(draw.training([1e308, -1e308, 5e-324]))
    assert_clean(draw.sigmoid(-1e308, 1e308))
    assert_clean(draw.sigmoid(-1.7976931348623157e308, 1.7976931348623157e308))


@given(extreme, extreme)
def test_the_sigmoid_draws_over_any_window_it_accepts(a, b) -> None:
    lo, hi = min(a, b), max(a, b)
    try:
        document = draw.sigmoid(lo, hi, points=20)
    except InvalidValueError as exc:
        assert not drawable(lo, hi), (lo, hi, exc)  # only windows too narrow to draw are refused
        assert "too close" in str(exc) or "z_min < z_max" in str(exc)
        return
    assert_clean(document)


@given(st.lists(st.lists(any_float, max_size=30), min_size=1, max_size=3), st.none() | st.booleans())
def test_training_curves_draw_any_costs(runs, log) -> None:
    assert_clean(draw.training(*runs, log=log))


@given(
    st.lists(extreme, min_size=1, max_size=12),
    st.lists(st.floats(0, 1) | st.just(math.nan), max_size=12),
    st.lists(st.floats(0, 1), max_size=12),
)
def test_learning_curves_draw_any_costs_and_accuracies(J, accuracy, test_accuracy) -> None:
    run = SimpleNamespace(J=J, testJ=J[::-1], accuracy=accuracy, test_accuracy=test_accuracy, method="sgd")
    assert_clean(draw.training(run))


@st.composite
def functions(draw_: st.DrawFn):
    """f(v): ordinary, overflowing to ±inf, NaN over part of the line, constant and huge."""
    kind = draw_(st.sampled_from(["cube", "huge", "nan-right", "inf-left", "constant", "tiny"]))
    c = draw_(extreme)
    return {
        "cube": lambda v: v * v * v,
        "huge": lambda v: 1e308 * math.sin(v),
        "nan-right": lambda v: math.nan if v > c else v,
        "inf-left": lambda v: -math.inf if v < c else 2 * v,
        "constant": lambda v: c,
        "tiny": lambda v: 5e-324 * v,
    }[kind]


@given(
    functions(), extreme, st.floats(min_value=5e-324, allow_infinity=False) | edges.filter(lambda v: v > 0)
)
def test_the_secant_draws_or_says_why_not_for_any_function_and_step(f, x, epsilon) -> None:
    try:
        document = draw.secant(f, x, epsilon)
    except InvalidValueError as exc:
        # refused only when x ± ε overflows or cannot be told apart, or f is not finite at x, x ± ε
        low, high = x - epsilon, x + epsilon
        values = [f(v) for v in (low, x, high)] if math.isfinite(low) and math.isfinite(high) else []
        assert (
            not (math.isfinite(low) and math.isfinite(high))
            or not drawable(low, high)
            or not all(math.isfinite(v) for v in values)
        ), (x, epsilon, exc)
        return
    assert_clean(document)


def test_a_function_returning_nan_never_writes_nan() -> None:
    with pytest.raises(InvalidValueError, match=r"f: the secant needs finite values .* got f\(x − ε\) = nan"):
        draw.secant(lambda v: math.nan)
    # NaN away from x ± ε: the curve has a gap there, and the picture is clean
    root = assert_clean(draw.secant(lambda v: math.nan if v > 2.5 else v * v, 1.0, 0.5))
    assert root.find(f".//{SVG_NS}path[@class='curve function']").get("d").count("M") >= 1


@given(
    st.lists(st.tuples(extreme, extreme), min_size=1, max_size=6), st.lists(extreme, min_size=6, max_size=6)
)
def test_the_data_picture_draws_any_finite_students(rows, scores) -> None:
    assert_clean(draw.data(rows, scores[: len(rows)]))


weight = st.floats(-1e30, 1e30) | st.sampled_from([0.0, 1e-300, -1e-300, 1e30, -1e30])


@given(st.lists(weight, min_size=9, max_size=9))
def test_a_network_with_any_accepted_weights_draws(params) -> None:
    net = nnd.Network(seed=0, backend="python")
    net.set_params(params)
    for show in ("weights", "activations", "deltas", "gradients"):
        assert_clean(draw.network(net, X, Y, show=show) if show != "weights" else draw.network(net))
    assert_clean(draw.hidden_units(nnd.Network((4, 2, 1), seed=0), layer=2))


@given(st.lists(weight, min_size=2, max_size=5))
def test_a_cost_sweep_over_any_accepted_values_draws(values) -> None:
    assume(max(values) - min(values) > 1e-6 * max(1.0, max(map(abs, values))))
    assert_clean(draw.cost_sweep(nnd.Network(seed=0), X, Y, values=values))


@settings(max_examples=20)
@given(weight, weight, weight, weight)
def test_a_cost_surface_over_any_accepted_window_draws(a, b, c, d) -> None:
    window = ((min(a, b), max(a, b)), (min(c, d), max(c, d)))
    try:
        document = draw.cost_surface(nnd.Network(seed=0), X, Y, window=window, resolution=3, paths=())
    except InvalidValueError as exc:
        assert not (drawable(*window[0]) and drawable(*window[1])), (window, exc)
        return
    assert_clean(document)


@settings(max_examples=30)
@given(extreme, extreme, st.floats(min_value=1e-300, max_value=1e300))
def test_a_prediction_map_draws_or_refuses_inputs_the_network_would_refuse(a, b, maximum) -> None:
    lo, hi = min(a, b), max(a, b)
    try:
        document = draw.predictions(nnd.Network(seed=0), sleep=(lo, hi), maxima=(maximum, 5.0), resolution=3)
    except InvalidValueError as exc:
        # refused: too narrow, or inputs beyond ±1e30 once divided by the maximum
        beyond = max(abs(between) / maximum for between in (lo, hi)) > 1e30 * (1 - 1e-9)
        assert not drawable(lo, hi) or beyond, (lo, hi, maximum, exc)
        return
    assert_clean(document)


@given(st.lists(st.lists(extreme, min_size=4, max_size=4), min_size=1, max_size=5))
def test_images_with_any_finite_pixels_draw(images) -> None:
    assert_clean(draw.digits(images, labels=list(range(len(images)))))


@given(
    st.integers(1, 5).flatmap(
        lambda k: st.lists(st.lists(st.integers(0, 10**15), min_size=k, max_size=k), min_size=k, max_size=k)
    )
)
def test_confusion_matrices_of_any_counts_draw(matrix) -> None:
    assert_clean(draw.confusion(matrix))


@settings(max_examples=25)
@given(st.lists(st.tuples(weight, weight), min_size=1, max_size=6))
def test_decision_regions_draw_for_any_accepted_points(points) -> None:
    classes = [k % 2 for k in range(len(points))]
    assert_clean(draw.decision_regions(nnd.Network((2, 3, 1), seed=0), points, classes, resolution=4))


# -- weights changed in place ---------------------------------------------------------------------
def drawings_of(net: nnd.Network) -> dict:
    return {
        "network": lambda: draw.network(net),
        "cost_sweep": lambda: draw.cost_sweep(net, X, Y),
        "cost_surface": lambda: draw.cost_surface(net, X, Y, resolution=3, paths=()),
        "predictions": lambda: draw.predictions(net, resolution=3),
        "decision_regions": lambda: draw.decision_regions(net, X, [0, 1, 1], resolution=3),
        "overfit": lambda: draw.overfit(net, net, resolution=3),
    }


@needs_numpy
@pytest.mark.parametrize("bad", [math.nan, math.inf, 1e300])
def test_a_numpy_weight_changed_in_place_is_refused_by_name(bad) -> None:
    net = nnd.Network(seed=0, backend="numpy")
    net.W2[1, 0] = bad
    for kind, call in drawings_of(net).items():
        with pytest.raises(InvalidValueError, match=r"W2"):
            call()
            pytest.fail(f"{kind} drew a network whose W2 holds {bad}")
    deep = nnd.Network((4, 3, 2), seed=0, backend="numpy")
    deep.W1[1, 2] = bad
    with pytest.raises(InvalidValueError, match=r"W1"):
        draw.hidden_units(deep)


def test_a_list_weight_changed_in_place_is_refused_by_name() -> None:
    net = nnd.Network(seed=0, backend="python")
    net.W1[1, 2] = 1e300  # finite, but beyond what a network accepts
    for kind, call in drawings_of(net).items():
        with pytest.raises(InvalidValueError, match=r"W1"):
            call()
            pytest.fail(f"{kind} drew a network whose W1 holds 1e300")


def test_the_jupyter_view_of_such_a_network_says_why_it_is_not_drawn() -> None:
    net = nnd.Network(seed=0, backend="python")
    net.W1[0, 0] = 1e300
    html = net._repr_html_()
    assert "cannot be drawn" in html and "W1" in html and "<svg" not in html
    assert 'stroke-width="nan"' not in html


# -- light and dark pages -----------------------------------------------------------------------
def every_picture(trained: nnd.Network) -> dict[str, str]:
    net = nnd.Network(seed=0, backend="python")
    return {
        "network": draw.network(net),
        "deltas": draw.network(net, X, Y, show="deltas"),
        "data": draw.data(),
        "sigmoid": draw.sigmoid(),
        "sweep": draw.cost_sweep(net, X, Y),
        "surface": draw.cost_surface(net, X, Y, resolution=10, max_iter=5),
        "secant": draw.secant(),
        "training": draw.training([1.0, 0.5, 0.2]),
        "predictions": draw.predictions(trained, resolution=10),
        "overfit": draw.overfit(trained, trained, resolution=10),
        "digits": draw.digits([[0.0] * 64], labels=[0], predictions=[1]),
        "hidden": draw.hidden_units(nnd.Network((64, 3, 10), seed=0)),
        "confusion": draw.confusion([[3, 1], [0, 2]]),
        "regions": draw.decision_regions(net, X, [0, 1, 1], resolution=10),
    }


def test_no_picture_paints_a_background_of_its_own_and_each_turns_its_ink_light_on_a_dark_page(
    trained,
) -> None:
    for kind, document in every_picture(trained).items():
        root = parse(document)
        width, height = float(root.get("width")), float(root.get("height"))
        for rect in root.iter(SVG_NS + "rect"):
            full = (
                float(rect.get("width", 0)) >= width * 0.95 and float(rect.get("height", 0)) >= height * 0.95
            )
            assert not (full and (rect.get("fill") or "").lower() in ("#fff", "#ffffff", "white")), kind
        styles = [s.text or "" for s in root.iter(SVG_NS + "style")]
        assert len(styles) == 1, kind
        css = styles[0]
        assert "@media (prefers-color-scheme: dark)" in css, kind
        own = "#" + root.get("id")
        rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css.split("{", 1)[1])
        assert rules and all(selector.strip().startswith(own) for selector, _ in rules), kind  # scoped
        ink = root.get("fill")  # the document's ink: light on a dark page
        assert any(sel.strip() == own and "fill" in body for sel, body in rules), kind
        assert any(f'[fill="{ink}"]' in sel for sel, _ in rules), kind


# -- one vocabulary, one sigmoid, one grid ------------------------------------------------------
@needs_numpy
def test_numpy_ints_and_arrays_are_taken_as_ints_and_values() -> None:
    import numpy as np

    net = nnd.Network(seed=0)
    assert_clean(draw.sigmoid(np.float32(-3), np.int64(3), points=np.int64(11)))
    assert_clean(draw.network(net, X, Y, show="activations", example=np.int64(1), max_neurons=np.int32(5)))
    assert_clean(draw.cost_sweep(net, X, Y, values=np.linspace(-1, 1, 5)))
    assert_clean(draw.predictions(net, resolution=np.int16(5), maxima=np.array([10.0, 5.0])))
    assert_clean(draw.digits(np.zeros((2, 16)), labels=np.array([1, 2]), columns=np.int64(2)))
    assert_clean(draw.training(np.array([1.0, 0.5])))


def test_refusals_speak_the_shared_vocabulary() -> None:
    net = nnd.Network(seed=0)
    cases = [
        (lambda: draw.sigmoid(True, 2), InvalidTypeError, r"^z_min: expected a number, got bool True$"),
        (lambda: draw.sigmoid(points=20.0), InvalidTypeError, r"^points: expected an int, got float 20.0$"),
        (lambda: draw.sigmoid(points=1), InvalidValueError, r"^points: expected an int >= 2 and <= 10,000, got 1$"),
        (lambda: draw.sigmoid(0, 10**400), InvalidValueError, r"^z_max: expected a finite number, got an int too large"),
        (lambda: draw.secant(x=math.inf), InvalidValueError, r"^x: expected a finite number, got inf$"),
        (lambda: draw.network(net, X, Y, "activations", example=1.0), InvalidTypeError, r"^example: expected an int"),
        (lambda: draw.network(net, show=3), InvalidTypeError, r"^show: expected one of 'weights'"),
        (lambda: draw.cost_sweep(net, X, Y, values=[0.0, 1e31]), InvalidValueError, r"^values\[1\]: expected a weight within ±1e\+30"),
        (lambda: draw.cost_sweep(net, X, Y, values=[0.0, math.nan]), InvalidValueError, r"^values: expected a finite number"),
        (lambda: draw.cost_surface(net, X, Y, learning_rate=-1), InvalidValueError, r"^learning_rate: expected a positive"),
        (lambda: draw.cost_surface(net, X, Y, max_iter=True), InvalidTypeError, r"^max_iter: expected an int, got bool"),
        (lambda: draw.predictions(net, maxima=(10, 0)), InvalidValueError, r"^maxima\[1\]: expected a positive finite number, got 0"),
        (lambda: draw.predictions(net, sleep=(0, "10")), InvalidValueError, r"^sleep: expected \(low, high\)"),
        (lambda: draw.predictions(net, resolution=401), InvalidValueError, r"^resolution: expected an int >= 2 and <= 400, got 401$"),
        (lambda: draw.training([1.0, "x"]), InvalidTypeError, r"^runs\[0\]\[1\]: expected a number, got str 'x'$"),
        (lambda: draw.training([10**400]), InvalidValueError, r"^runs\[0\]\[0\]: expected a number within float64's range"),
        (lambda: draw.data([[1, math.nan]], [50]), InvalidValueError, r"^data X: expected a finite number at \[0\]\[1\], got nan$"),
        (lambda: draw.data(scaled=1), InvalidTypeError, r"^scaled: expected True or False, got int 1$"),
        (lambda: draw.data(test=([[1, 2]],)), InvalidValueError, r"^test: expected a pair \(testX, testY\), got 1 items$"),
        (lambda: draw.overfit(net, net, train=([[1, 2]], [1], [2])), InvalidValueError, r"^train: expected a pair"),
        (lambda: draw.predictions(net, points=[[1, 2]]), InvalidValueError, r"^points: expected a pair \(X, y\), got 1 items$"),
        (lambda: draw.cost_surface(net, X, Y, (("W1", (0,)), ("W2", (0, 0)))), InvalidValueError, r"^weights index: expected \(row, column\), got \(0,\)$"),
        (lambda: draw.cost_surface(net, X, Y, (("W1", (0, 0)), ("W9", (0, 0)))), InvalidValueError, r"^weight: expected one of W1, W2, got 'W9'$"),
    ]  # fmt: skip
    for call, error, message in cases:
        with pytest.raises(error, match=message):
            call()
        with pytest.raises(NNDError):
            call()


def test_there_is_one_scalar_sigmoid() -> None:
    from nnd.arrays.python import kernels
    from nnd.draw import curves, mpl

    assert curves._sigmoid is kernels.sigmoid and curves._sigmoid_prime is kernels.sigmoid_prime
    assert mpl.sigmoid is kernels.sigmoid and mpl.sigmoid_prime is kernels.sigmoid_prime
    for module in (curves, mpl):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "math.exp" not in source and "exp(" not in source, module.__name__


def test_every_map_of_predictions_is_built_by_the_one_grid_function(monkeypatch, trained) -> None:
    from nnd.draw import maps

    calls: list[tuple[int, int]] = []
    original = maps.prediction_grid

    def counting(net, xs, ys, maxima=(1.0, 1.0)):
        calls.append((len(xs), len(ys)))
        return original(net, xs, ys, maxima)

    monkeypatch.setattr(maps, "prediction_grid", counting)
    draw.predictions(trained, resolution=7)
    draw.overfit(trained, trained, resolution=6)
    draw.decision_regions(trained, X, [0, 1, 1], resolution=5)
    assert calls == [(7, 7), (6, 6), (6, 6), (5, 5)]
