"""The weight sliders' frames: yHat, J and the written-out sums against the series' formulas.

The formulas (1)–(5) are written out here on plain floats from the series' data, so a frame
that showed another network's numbers, an old pass's, or the sums of another example fails.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnd
from nnd.explore import sliders
from nnd.util.errors import InvalidTypeError, InvalidValueError

X = [[3 / 10, 5 / 5], [5 / 10, 1 / 5], [10 / 10, 2 / 5]]  # the series' data, scaled as Part 1 does
Y = [0.75, 0.82, 0.93]
weight = st.floats(min_value=-5.0, max_value=5.0, allow_nan=False)


def f(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def series(w: list[float]) -> tuple[list[float], list[list[float]], list[float], float]:
    """z2 of each example, a2 of each example, yHat and J by the series' equations (1)–(5)."""
    W1, W2 = [w[0:3], w[3:6]], w[6:9]
    z2 = [[x[0] * W1[0][j] + x[1] * W1[1][j] for j in range(3)] for x in X]
    a2 = [[f(z) for z in row] for row in z2]
    yHat = [f(sum(a * v for a, v in zip(row, W2))) for row in a2]
    J = sum(0.5 * (t - p) ** 2 for t, p in zip(Y, yHat))
    return z2[0], a2, yHat, J


@settings(max_examples=25, deadline=None)
@given(st.lists(weight, min_size=9, max_size=9), st.integers(0, 8))
def test_a_frame_shows_the_series_numbers_for_the_weights_given(w: list[float], moving: int) -> None:
    frame = sliders.frame(w, moving)
    z2, _, yHat, J = series(w)
    assert frame["y"] == pytest.approx(Y)
    assert frame["yHat"] == pytest.approx(yHat, rel=1e-12, abs=1e-15)
    assert frame["J"] == pytest.approx(J, rel=1e-12, abs=1e-15)
    assert frame["weights"] == w and frame["moving"] == moving
    # the sums: three hidden units, the output and the cost, with the first example's values
    lines = frame["sums"]
    assert len(lines) == 5
    for j in range(3):
        assert lines[j].split(",")[0].endswith(f"{z2[j]:.3f}".replace("-", "−")), lines[j]
    assert lines[3].endswith(f"ŷ₁ = f({lines[3].split('f(')[-1].split(')')[0]}) = {yHat[0]:.3f}")
    assert lines[4].endswith(f"= {J:.4f}")
    # the pictures: the network, and the sweep of the weight in hand
    assert len(ET.fromstring(frame["network"]).findall(".//{*}circle")) == 6
    assert f"as {sliders.NAMES[moving]} varies" in frame["sweep"]


def test_the_first_frame_holds_the_seeded_networks_weights() -> None:
    net = nnd.Network((2, 3, 1), seed=3, backend="python")
    expected = [*(v for row in net.W1.tolist() for v in row), *(row[0] for row in net.W2.tolist())]
    frame = sliders.start(seed=3)
    assert frame["weights"] == [min(max(v, -5.0), 5.0) for v in expected]
    assert frame["J"] == pytest.approx(series(frame["weights"])[3], rel=1e-12)
    assert round(sliders.start()["J"], 6) == 0.336112  # the tutorial's seed-0 network


def test_the_sums_name_each_weight_where_it_multiplies() -> None:
    w = [0.5, -1.25, 2.0, 1.5, 0.25, -0.75, 1.0, -2.0, 3.0]
    lines = sliders.frame(w)["sums"]
    assert lines[0].startswith("z⁽²⁾₁ = 0.300 × 0.500 + 1.000 × 1.500 = ")
    assert lines[1].startswith("z⁽²⁾₂ = 0.300 × (−1.250) + 1.000 × 0.250 = ")
    assert re.search(r"× 1\.000 \+ .* × \(−2\.000\) \+ .* × 3\.000 = ", lines[3]), lines[3]
    assert lines[4].startswith("J = ½ [(0.750 − ")


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        (([0.0] * 8,), InvalidValueError, "expected 9 numbers"),
        (([0.0] * 10,), InvalidValueError, "expected 9 numbers"),
        (([[0.0] * 9],), InvalidValueError, "expected 9 numbers"),
        (([5.5] + [0.0] * 8,), InvalidValueError, "weights[0] (W1[0, 0]): expected a number from -5 to 5"),
        (([0.0] * 8 + [-6.0],), InvalidValueError, "weights[8] (W2[2, 0])"),
        (([math.nan] + [0.0] * 8,), InvalidValueError, "weights"),
        ((["1"] + [0.0] * 8,), InvalidTypeError, "weights"),
        (("abc",), InvalidTypeError, "weights"),
        (([0.0] * 9, 9), InvalidValueError, "moving: expected an int >= 0 and <= 8"),
        (([0.0] * 9, 1.5), InvalidTypeError, "moving"),
    ],
)
def test_bad_weights_are_refused_by_name(args: tuple, error: type, words: str) -> None:
    with pytest.raises(error, match=re.escape(words)):
        sliders.frame(*args)
    with pytest.raises(nnd.NNDError):
        sliders.frame(*args)


def test_a_bad_seed_is_refused() -> None:
    with pytest.raises(InvalidTypeError, match="seed"):
        sliders.start(seed="zero")
