"""The backprop stepper's steps: the series' order, shapes, values and lines of nnd/backprop.py.

The values are checked against the series' formulas written out here on plain lists, from the
same starting weights, so a step that showed another quantity, or the right one from another
pass, fails.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import nnd
from nnd.explore import stepper
from nnd.util.errors import InvalidTypeError, InvalidValueError

BACKPROP = (Path(nnd.__file__).parent / "backprop.py").read_text(encoding="utf-8").splitlines()


def matmul(A, B):
    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]


def f(rows):
    return [[1.0 / (1.0 + math.exp(-z)) for z in row] for row in rows]


def transpose(A):
    return [list(col) for col in zip(*A)]


def series_pass(seed: int) -> dict:
    """The series' Part 4 formulas (1)–(7), for Network(seed=seed)'s weights on its data."""
    net = nnd.Network(seed=seed)
    W1, W2 = net.W1.tolist(), net.W2.tolist()
    X, y = nnd.data.sleep_study()
    z2 = matmul(X, W1)
    a2 = f(z2)
    z3 = matmul(a2, W2)
    yHat = f(z3)
    J = 0.5 * sum((t[0] - p[0]) ** 2 for t, p in zip(y, yHat))
    delta3 = [[-(t[0] - p[0]) * p[0] * (1 - p[0])] for t, p in zip(y, yHat)]
    dJdW2 = matmul(transpose(a2), delta3)
    back = matmul(delta3, transpose(W2))
    delta2 = [[d * a * (1 - a) for d, a in zip(dr, ar)] for dr, ar in zip(back, a2)]
    dJdW1 = matmul(transpose(X), delta2)
    return dict(z2=z2, a2=a2, z3=z3, yHat=yHat, J=J, delta3=delta3, dJdW2=dJdW2, delta2=delta2, dJdW1=dJdW1)


SHAPES = {
    "z2": [3, 3], "a2": [3, 3], "z3": [3, 1], "yHat": [3, 1], "J": [],
    "delta3": [3, 1], "dJdW2": [3, 1], "delta2": [3, 3], "dJdW1": [2, 3],
}  # fmt: skip


@pytest.mark.parametrize("seed", [0, 7])
def test_each_step_is_the_series_quantity_in_the_series_order(seed: int) -> None:
    expected = series_pass(seed)
    names = []
    for i in range(9):
        s = stepper.step(i, seed=seed)
        names.append(s["name"])
        assert s["index"] == i and s["count"] == 9
        assert s["shape"] == SHAPES[s["name"]]
        want, got = expected[s["name"]], s["value"]
        if s["name"] == "J":
            assert got == pytest.approx(want, rel=1e-12)
        else:
            assert [len(got), len(got[0])] == s["shape"]
            assert all(
                g == pytest.approx(w, rel=1e-9, abs=1e-15)
                for gr, wr in zip(got, want)
                for g, w in zip(gr, wr)
            )
    assert names == ["z2", "a2", "z3", "yHat", "J", "delta3", "dJdW2", "delta2", "dJdW1"]


def test_each_step_points_at_the_line_of_backprop_that_computes_it() -> None:
    words = {"z2": "matmul_sigmoid", "a2": "matmul_sigmoid", "z3": "matmul_sigmoid", "yHat": "matmul_sigmoid",
             "J": "vdot(error, error)", "delta3": "output_delta", "dJdW2": "dJdW[l - 1]",
             "delta2": "hidden_delta", "dJdW1": "dJdW[l - 1]"}  # fmt: skip
    for i in range(9):
        s = stepper.step(i)
        line = BACKPROP[s["line"]["number"] - 1]
        assert words[s["name"]] in line and line.strip().startswith(s["line"]["text"])
        assert s["equation"].count("(") >= 1 and s["equation"].strip().endswith(")")  # numbered
    assert stepper.step(0)["line"]["when"] == "l = 2" and stepper.step(8)["line"]["when"] == "l = 2"
    assert stepper.step(6)["line"]["when"] == "l = 3"


def test_going_back_gives_the_same_values_again() -> None:
    forward = [stepper.step(i)["value"] for i in range(9)]
    assert [stepper.step(i)["value"] for i in reversed(range(9))] == forward[::-1]
    assert stepper.step(0, seed=1)["value"] != forward[0]


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        ((9,), InvalidValueError, "index: expected an int >= 0 and <= 8, got 9"),
        ((-1,), InvalidValueError, "index: expected an int >= 0"),
        (("2",), InvalidTypeError, "index: expected an int, got str"),
        ((1.0,), InvalidTypeError, "index: expected an int, got float"),
        ((0, None), InvalidTypeError, "seed: expected an int, got NoneType"),
    ],
)
def test_a_bad_step_is_refused_by_name(args, error, words) -> None:
    with pytest.raises(error, match=words):
        stepper.step(*args)
