"""nnd.data's 2-D teaching sets: laws of their shapes, sizes, classes, scaling and seeds.

The frames below are the ones the docstrings give; with ``noise=0`` a point maps back into
its frame exactly, so each law checks the documented shape, not the code's own arithmetic.
"""

from __future__ import annotations

import math
import random
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnd.data import circles, moons, spiral, xor
from nnd.util.errors import InvalidTypeError, InvalidValueError, NNDError

BINARY = {"moons": moons, "circles": circles, "xor": xor}
FRAMES = {"moons": ((-1.0, 2.0), (-0.5, 1.0)), "circles": ((-1.0, 1.0), (-1.0, 1.0))}
FRAMES["xor"] = FRAMES["spiral"] = FRAMES["circles"]

sizes = st.integers(3, 120)
noises = st.sampled_from([0.0, 0.01, 0.1, 0.3, 1.0])
seeds = st.integers(-(2**40), 2**40)


def make(name: str, n: int, noise: float, seed: int | None, k: int = 3) -> tuple[list, list]:
    if name == "spiral":
        return spiral(n=n, classes=k, noise=noise, seed=seed)
    return BINARY[name](n=n, noise=noise, seed=seed)


def frame(name: str, X: list[list[float]], noise: float = 0.0) -> list[tuple[float, float]]:
    """Points back in the documented frame: the box widened by 4×noise maps onto [0, 1]."""
    (x0, x1), (y0, y1) = FRAMES[name]
    m = 4 * noise
    return [(x0 - m + a * (x1 - x0 + 2 * m), y0 - m + b * (y1 - y0 + 2 * m)) for a, b in X]


def classes_of(name: str, y: list[list[float]]) -> list[int]:
    return [int(row[0]) if len(row) == 1 else row.index(1.0) for row in y]


@given(st.sampled_from([*BINARY, "spiral"]), sizes, noises, seeds)
def test_same_seed_same_data_and_shapes_and_ranges(name: str, n: int, noise: float, seed: int) -> None:
    X, y = make(name, n, noise, seed)
    assert (X, y) == make(name, n, noise, seed)
    assert len(X) == len(y) == n
    assert all(len(row) == 2 and all(type(v) is float and 0.0 <= v <= 1.0 for v in row) for row in X)
    width = 3 if name == "spiral" else 1
    assert all(len(row) == width for row in y)
    if name == "spiral":
        assert all(sorted(row) == [0.0, 0.0, 1.0] for row in y)
        assert all(len(row) == 2 for row in spiral(n=n, classes=2, noise=noise, seed=seed)[1])
    else:
        assert all(row[0] in (0.0, 1.0) for row in y)


@given(st.sampled_from([*BINARY, "spiral"]), sizes, st.integers(2, 7))
def test_point_i_is_of_class_i_mod_k_so_classes_are_balanced(name: str, n: int, k: int) -> None:
    k = k if name == "spiral" else 2
    _, y = make(name, max(n, k), 0.1, 0, k)
    labels = classes_of(name, y)
    assert labels == [i % k for i in range(len(labels))]
    counts = [labels.count(c) for c in range(k)]
    assert max(counts) - min(counts) <= 1


@given(st.sampled_from([*BINARY, "spiral"]), st.integers(0, 2**32))
def test_different_seeds_give_different_noise(name: str, seed: int) -> None:
    assert make(name, 20, 0.1, seed)[0] != make(name, 20, 0.1, seed + 1)[0]


def test_seed_none_draws_a_new_set() -> None:
    assert moons(n=20, seed=None)[0] != moons(n=20, seed=None)[0]


def test_the_default_seed_is_0() -> None:
    assert moons() == moons(seed=0) and spiral() == spiral(seed=0)


@given(sizes)
def test_noise_free_moons_lie_on_their_half_circles(n: int) -> None:
    X, y = moons(n=n, noise=0.0, seed=5)
    for (x, v), (c,) in zip(frame("moons", X), y):
        if c == 0.0:
            assert math.isclose(math.hypot(x, v), 1.0, rel_tol=1e-12) and v >= -1e-12
        else:
            assert math.isclose(math.hypot(1 - x, 0.5 - v), 1.0, rel_tol=1e-12) and v <= 0.5 + 1e-12
    # each half circle runs from one end to the other, evenly: its first and last points are its ends
    upper = [p for p, (c,) in zip(frame("moons", X), y) if c == 0.0]
    assert upper[0] == pytest.approx((1.0, 0.0), abs=1e-12)
    if len(upper) > 1:
        assert upper[-1] == pytest.approx((-1.0, 0.0), abs=1e-12)


@given(sizes, st.floats(0.05, 0.95))
def test_noise_free_circles_have_radius_1_and_factor(n: int, factor: float) -> None:
    X, y = circles(n=n, noise=0.0, factor=factor)
    for (x, v), (c,) in zip(frame("circles", X), y):
        assert math.isclose(math.hypot(x, v), 1.0 if c == 0.0 else factor, rel_tol=1e-9)


@given(sizes, seeds)
def test_noise_free_xor_is_one_where_exactly_one_coordinate_is_positive(n: int, seed: int) -> None:
    X, y = xor(n=n, noise=0.0, seed=seed)
    for (x, v), (c,) in zip(frame("xor", X), y):
        assert c == float((x > 0) != (v > 0))
        assert 0.1 - 1e-12 <= abs(x) <= 1 + 1e-12 and 0.1 - 1e-12 <= abs(v) <= 1 + 1e-12
    # and in the scaled square: class 1 where one of x1, x2 is above 0.5 and the other below
    assert all(c == float((a > 0.5) != (b > 0.5)) for (a, b), (c,) in zip(X, y))


@given(st.integers(2, 60), st.integers(2, 6))
def test_noise_free_spirals_wind_out_evenly(n: int, k: int) -> None:
    n = max(n, k)
    X, y = spiral(n=n, classes=k, noise=0.0)
    points = frame("spiral", X)
    for c in range(k):
        arm = [p for p, row in zip(points, y) if row.index(1.0) == c]
        m = len(arm)
        for j, (a, b) in enumerate(arm):
            r = (j + 1) / m
            angle = 2 * math.pi * c / k + 4 * r
            assert (a, b) == pytest.approx((r * math.cos(angle), r * math.sin(angle)), abs=1e-12)


@given(st.sampled_from([*BINARY, "spiral"]), seeds, st.sampled_from([0.01, 0.05, 0.2]))
def test_noise_moves_the_same_points_by_offsets_in_proportion(name: str, seed: int, noise: float) -> None:
    """The same seed draws the same offsets whatever the noise: (point - noise-free point) / noise agrees."""
    clean = frame(name, make(name, 30, 0.0, seed)[0])
    a = frame(name, make(name, 30, noise, seed)[0], noise)
    b = frame(name, make(name, 30, 2 * noise, seed)[0], 2 * noise)
    X_a, X_b = make(name, 30, noise, seed)[0], make(name, 30, 2 * noise, seed)[0]
    for p, q, r, sa, sb in zip(clean, a, b, X_a, X_b):
        if 0.0 < min(sa + sb) and max(sa + sb) < 1.0:  # not moved onto the edge
            for i in range(2):
                assert (q[i] - p[i]) / noise == pytest.approx((r[i] - p[i]) / (2 * noise), rel=1e-6, abs=1e-9)


def test_the_noise_is_standard_normal_times_noise() -> None:
    X0, _ = circles(n=20000, noise=0.0, seed=3)
    X1, _ = circles(n=20000, noise=0.1, seed=3)
    offsets = [
        (q[i] - p[i]) / 0.1 for p, q in zip(frame("circles", X0), frame("circles", X1, 0.1)) for i in range(2)
    ]
    assert abs(statistics.fmean(offsets)) < 0.02
    assert 0.98 < statistics.stdev(offsets) < 1.02
    beyond = sum(abs(o) > 1.96 for o in offsets) / len(offsets)
    assert 0.04 < beyond < 0.06  # 5% of a normal distribution lies beyond ±1.96


def test_seed_0_matches_the_documented_recipe() -> None:
    """moons(n=2, noise=0.1, seed=0), worked out from random.Random(0).random() as documented."""
    rng = random.Random(0)
    expected = []
    for x, v in ((1.0, 0.0), (0.0, 0.5)):  # class 0 at t=0, class 1 at t=0 (one point each)
        u1, u2 = rng.random(), rng.random()
        radius = math.sqrt(-2 * math.log(1 - u1))
        gx, gy = radius * math.cos(2 * math.pi * u2), radius * math.sin(2 * math.pi * u2)
        expected.append([(x + 0.1 * gx + 1.4) / 3.8, (v + 0.1 * gy + 0.9) / 2.3])
    X, y = moons(n=2, noise=0.1, seed=0)
    assert [v for row in X for v in row] == pytest.approx([v for row in expected for v in row], rel=1e-15)
    assert y == [[0.0], [1.0]]


def test_far_points_are_moved_onto_the_edge() -> None:
    X, _ = xor(n=2000, noise=10.0, seed=1)
    assert all(0.0 <= v <= 1.0 for row in X for v in row)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: moons(n=1), InvalidValueError, "n: expected an int >= 2"),
        (lambda: circles(n=0), InvalidValueError, "n: expected an int >= 2"),
        (lambda: xor(n=10**7), InvalidValueError, "<= 1,000,000"),
        (lambda: moons(n=10.0), InvalidTypeError, "n: expected an int, got float"),
        (lambda: moons(n=True), InvalidTypeError, "n: expected an int, got bool"),
        (lambda: spiral(n=2, classes=3), InvalidValueError, "n: expected an int >= 3"),
        (lambda: moons(noise=-0.1), InvalidValueError, "noise: expected a finite number >= 0"),
        (lambda: moons(noise=math.nan), InvalidValueError, "noise"),
        (lambda: xor(noise=11), InvalidValueError, "noise: .* <= 10"),
        (lambda: circles(noise="0.1"), InvalidTypeError, "noise: expected a number, got str"),
        (lambda: spiral(classes=1), InvalidValueError, "classes: expected an int >= 2"),
        (lambda: spiral(classes=2.5), InvalidTypeError, "classes: expected an int"),
        (lambda: moons(seed=1.5), InvalidTypeError, "seed: expected an int"),
        (lambda: moons(seed="0"), InvalidTypeError, "seed: expected an int"),
        (lambda: circles(factor=1.0), InvalidValueError, "factor: expected a number above 0 and below 1"),
        (lambda: circles(factor=0), InvalidValueError, "factor"),
        (lambda: circles(factor=None), InvalidTypeError, "factor: expected a number"),
    ],
)
def test_bad_options_are_refused_by_name(call, error, words) -> None:
    with pytest.raises(error, match=words) as caught:
        call()
    assert isinstance(caught.value, NNDError)
