"""The live trainer's frames: each iteration is nnd.train's own, and its costs are the series' formulas.

Costs are written out here on plain floats (Part 4's cost, and Part 7's with λ), so a frame that
showed another iteration's weights, the wrong data or the wrong cost fails.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

import nnd
from nnd.explore import trainer
from nnd.util.errors import InvalidTypeError, InvalidValueError


def f(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def series_cost(w: list[float], X: list[list[float]], y: list[list[float]], lam: float | None) -> float:
    """Part 4's cost (lam None), or Part 7's: the mean half squared error plus λ/2 · ΣW²."""
    yHat = [f(sum(f(x[0] * w[j] + x[1] * w[3 + j]) * w[6 + j] for j in range(3))) for x in X]
    squares = sum(0.5 * (t[0] - p) ** 2 for t, p in zip(y, yHat))
    if lam is None:
        return squares
    return squares / len(X) + lam / 2 * sum(v * v for v in w)


SET_UPS = [
    ("bfgs", None, "part6", 0),
    ("gd", None, "part6", 0),
    ("bfgs", 1e-4, "part7", 1),
    ("gd", 0.0, "part7", 1),
]


@pytest.mark.parametrize(("method", "lam", "data", "seed"), SET_UPS)
def test_each_iteration_is_nnd_trains_own(method: str, lam: float | None, data: str, seed: int) -> None:
    recorded = trainer.run(method, lam, data, seed)
    if data == "part6":
        X, y = nnd.data.sleep_study()
        testX = testY = None
    else:
        X, y, testX, testY = nnd.data.train_test()
    net = nnd.Network(seed=seed, lam=lam, backend="python")
    start = net.get_params().tolist()
    result = nnd.train(net, X, y, method, trainer.MAX_ITER[method], testX=testX, testY=testY)
    assert list(recorded.x[0]) == start and list(recorded.x[-1]) == result.x.tolist()
    assert recorded.J[1:] == result.J and len(recorded.x) == result.nit + 1
    assert recorded.message == result.message and recorded.success == result.success
    for k in sorted({0, 1, len(recorded.x) // 2, len(recorded.x) - 1}):
        shown = trainer.frame(method, lam, data, seed, k)
        w = list(recorded.x[k])
        assert shown["iteration"] == k and shown["count"] == len(recorded.x)
        assert shown["J"] == pytest.approx(series_cost(w, X, y, lam), rel=1e-9, abs=1e-15)
        if testX is None:
            assert shown["testJ"] is None
        else:
            assert shown["testJ"] == pytest.approx(series_cost(w, testX, testY, lam), rel=1e-9, abs=1e-15)
        assert len(shown["yHat"]) == len(X)
        for picture in ("network", "map", "curve"):
            ET.fromstring(shown[picture])  # well-formed SVG
        assert f"after {k} iterations" in shown["network"]


def test_bfgs_ends_at_the_series_scores_and_gradient_descent_is_still_on_its_way() -> None:
    last = trainer.frame("bfgs", None, "part6", 0, 10**6)  # past the end: the last iteration
    assert last["success"] and last["J"] < 1e-8
    assert [round(100 * v) for v in last["yHat"]] == [75, 82, 93]
    slow = trainer.frame("gd", None, "part6", 0, 10**6)
    assert slow["iteration"] == trainer.MAX_ITER["gd"] and not slow["success"]
    assert slow["J"] > 1e3 * last["J"]


def test_lambda_keeps_the_part7_test_cost_lower() -> None:  # chapter 7's lesson, seed 1
    plain = trainer.frame("bfgs", 0.0, "part7", 1, 10**6)
    smooth = trainer.frame("bfgs", 1e-4, "part7", 1, 10**6)
    assert plain["J"] < smooth["J"] and smooth["testJ"] < plain["testJ"]


def test_runs_kept_are_bounded() -> None:
    for seed in range(trainer.KEPT + 2):
        trainer.run("bfgs", None, "part6", seed)
    assert len(trainer._RUNS) == trainer.KEPT
    assert ("bfgs", None, "part6", trainer.KEPT + 1) in trainer._RUNS
    assert ("bfgs", None, "part6", 0) not in trainer._RUNS


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        (("sgd",), InvalidValueError, "method: expected one of"),
        (("bfgs", -1.0), InvalidValueError, "lam"),
        (("bfgs", 2.0), InvalidValueError, "lam"),
        (("bfgs", math.nan), InvalidValueError, "lam"),
        (("bfgs", "0.1"), InvalidTypeError, "lam"),
        (("bfgs", None, "part8"), InvalidValueError, "data: expected one of"),
        (("bfgs", None, "part6", "one"), InvalidTypeError, "seed"),
        (("bfgs", None, "part6", 0, -1), InvalidValueError, "iteration"),
        (("bfgs", None, "part6", 0, 1.5), InvalidTypeError, "iteration"),
    ],
)
def test_bad_set_ups_are_refused_by_name(args: tuple, error: type, words: str) -> None:
    with pytest.raises(error, match=re.escape(words)):
        trainer.frame(*args)
    with pytest.raises(nnd.NNDError):
        trainer.frame(*args)
