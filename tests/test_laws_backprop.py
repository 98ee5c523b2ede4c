"""Every value backpropagation keeps (z, a, each delta, each dJdW, J) equals its definition.

The definitions are the series' formulas in plain Python (tests/series_reference.py), on
networks of one to four hidden layers, Part 4's cost and Part 7's.
"""

from __future__ import annotations

import math

import pytest
from helpers import assert_close
from hypothesis import example, given
from hypothesis import strategies as st
from series_reference import reference
from strategies import problems

from nnd import backprop

deep = problems(max_rows=6, max_inputs=4, max_hidden=5, max_outputs=3, hidden_layers=(1, 4), biases=None)
lams = st.sampled_from([None, 0.0, 1e-3, 0.5])

# m = 4 rows, 3 outputs, two hidden layers: every shape differs from the others
RECTANGULAR = {
    "sizes": (2, 3, 2, 3),
    "weights": [
        [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]],
        [[1.0, -2.0], [0.5, 0.3], [-1.2, 2.5]],
        [[0.7, -0.4, 1.1], [-1.3, 0.9, 0.2]],
    ],
    "X": [[1.0, 2.0], [-0.5, 0.3], [2.5, -1.5], [0.0, 1.0]],
    "y": [[0.1, 0.9, 0.5], [1.0, 0.0, 0.25], [0.5, 0.5, 0.75], [0.3, 0.6, 0.0]],
}

RECTANGULAR_WITH_BIASES = {**RECTANGULAR, "biases": [[0.5, -1.0, 2.0], [1.5, 0.25], [-0.75, 1.0, 0.3]]}


def nnd_pass(backend, problem: dict, lam: float | None) -> dict:
    B = backend
    X, y = B.asarray(problem["X"]), B.asarray(problem["y"])
    weights = [B.asarray(w) for w in problem["weights"]]
    biases = [B.asarray([b]) for b in problem.get("biases") or []]
    z, a = backprop.forward(B, X, weights, biases)
    dJdW, dJdb, delta = backprop.backward(B, y, weights, a, lam, bias=bool(biases))
    J = backprop.cost(B, y, a[len(weights) + 1], weights, lam)
    return {"z": z, "a": a, "delta": delta, "dJdW": dJdW, "dJdb": dJdb, "J": J, "X": X}


def expected(problem: dict, lam: float | None) -> dict:
    return reference(problem["weights"], problem["X"], problem["y"], lam, problem.get("biases"))


def assert_layers_equal(got: dict, expected: dict) -> None:
    assert sorted(got) == sorted(expected)  # the same layer numbers, no more, no fewer
    for l in expected:
        assert_close(got[l], expected[l], rel=1e-9, abs_=1e-13)


@example(problem=RECTANGULAR, lam=None)
@example(problem=RECTANGULAR, lam=0.5)
@given(problem=deep, lam=lams)
def test_every_delta_is_its_definition(backend, problem: dict, lam) -> None:
    got = nnd_pass(backend, problem, lam)
    want = expected(problem, lam)
    assert_layers_equal(got["delta"], want["delta"])  # delta(L), ..., delta2: one per layer after X


@example(problem=RECTANGULAR, lam=None)
@example(problem=RECTANGULAR, lam=0.5)
@given(problem=deep, lam=lams)
def test_every_gradient_is_a_transposed_times_the_next_delta(backend, problem: dict, lam) -> None:
    got = nnd_pass(backend, problem, lam)
    want = expected(problem, lam)
    assert_layers_equal(got["dJdW"], want["dJdW"])


@example(problem=RECTANGULAR_WITH_BIASES, lam=None)
@example(problem=RECTANGULAR_WITH_BIASES, lam=0.5)
@given(problem=deep, lam=lams)
def test_every_bias_gradient_is_the_sum_of_its_delta_over_the_examples(backend, problem: dict, lam) -> None:
    got = nnd_pass(backend, problem, lam)
    want = expected(problem, lam)
    assert_layers_equal(got["dJdb"], want["dJdb"])  # empty for a network without biases


@example(problem=RECTANGULAR)
@example(problem=RECTANGULAR_WITH_BIASES)
@given(problem=deep)
def test_forward_keeps_every_z_and_a_by_layer_number(backend, problem: dict) -> None:
    got = nnd_pass(backend, problem, None)
    want = expected(problem, None)
    assert_layers_equal(got["z"], want["z"])  # z2, ..., z(L)
    assert_layers_equal(got["a"], want["a"])  # a1 = X, a2, ..., yHat
    assert got["a"][1] is got["X"]  # a(1) is X itself


@example(problem=RECTANGULAR, lam=None)
@example(problem=RECTANGULAR, lam=0.5)
@given(problem=deep, lam=lams)
def test_the_cost_is_its_definition(backend, problem: dict, lam) -> None:
    got = nnd_pass(backend, problem, lam)
    want = expected(problem, lam)
    assert isinstance(got["J"], float)
    assert math.isclose(got["J"], want["J"], rel_tol=1e-12, abs_tol=1e-15)


@pytest.mark.parametrize("lam", [None, 0.5])
def test_a_one_weight_network_by_hand(backend, lam) -> None:
    """One pass checked against numbers written out by hand from the formulas (m = 1, one weight)."""
    problem = {"sizes": (1, 1), "weights": [[[2.0]]], "X": [[0.5]], "y": [[1.0]]}
    got = nnd_pass(backend, problem, lam)
    yHat = 1.0 / (1.0 + math.exp(-1.0))  # z = 0.5 · 2 = 1
    delta = -(1.0 - yHat) * yHat * (1.0 - yHat)
    assert_close(got["delta"][2], [[delta]])
    grad = 0.5 * delta if lam is None else 0.5 * delta / 1 + lam * 2.0
    assert_close(got["dJdW"][1], [[grad]])
    J = 0.5 * (1.0 - yHat) ** 2 if lam is None else 0.5 * (1.0 - yHat) ** 2 + lam / 2 * 4.0
    assert math.isclose(got["J"], J, rel_tol=1e-12)


def test_run_gives_only_what_it_was_asked_for(backend) -> None:
    """``with_cost=False``: J is NaN; ``with_gradients=False``: no gradients, no deltas, the
    forward values kept; ``backward`` without ``bias=`` gives no bias gradients."""
    B, problem = backend, RECTANGULAR
    X, y = B.asarray(problem["X"]), B.asarray(problem["y"])
    weights = [B.asarray(w) for w in problem["weights"]]
    full = expected(problem, None)
    no_cost = backprop.run(B, X, y, weights, with_cost=False)
    assert math.isnan(no_cost.J) and len(no_cost.gradients) == 3
    forward_only = backprop.run(B, X, y, weights, with_gradients=False)
    assert math.isclose(forward_only.J, full["J"], rel_tol=1e-12)
    assert forward_only.gradients == () and forward_only.delta == {}
    assert_layers_equal(forward_only.z, full["z"])
    assert_layers_equal(forward_only.a, full["a"])
    _, dJdb, _ = backprop.backward(B, y, weights, forward_only.a, None)
    assert dJdb == {}


series_shaped = problems(max_rows=6, max_inputs=4, max_hidden=5, max_outputs=3)  # one hidden layer, no biases
SERIES = {  # the series' sleep/study data and a network of its shape, (2, 3, 1)
    "sizes": (2, 3, 1),
    "weights": [[[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], [[1.0], [-2.0], [0.5]]],
    "X": [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]],
    "y": [[0.75], [0.82], [0.93]],
}


@example(problem=SERIES, lam=None, with_cost=True, with_gradients=True)
@example(problem=SERIES, lam=0.5, with_cost=True, with_gradients=True)
@given(problem=series_shaped, lam=lams, with_cost=st.booleans(), with_gradients=st.booleans())
def test_the_series_network_written_out_is_the_loop_to_the_last_bit(
    backend, problem: dict, lam, with_cost: bool, with_gradients: bool
) -> None:
    """``run`` takes ``series_pass`` for two layers of weights without biases: the same backend
    calls in the same order as ``forward``, ``cost`` and ``backward``, so the same numbers,
    exactly; and the definitions, as every pass must."""
    B = backend
    X, y = B.asarray(problem["X"]), B.asarray(problem["y"])
    weights = [B.asarray(w) for w in problem["weights"]]
    written_out = backprop.run(B, X, y, weights, (), lam, with_cost=with_cost, with_gradients=with_gradients)
    z, a = backprop.forward(B, X, weights)
    dJdW, _, delta = backprop.backward(B, y, weights, a, lam)
    exact = B.tolist
    assert sorted(written_out.z) == [2, 3] and sorted(written_out.a) == [1, 2, 3]
    assert written_out.a[1] is X
    for l in (2, 3):
        assert exact(written_out.z[l]) == exact(z[l]) and exact(written_out.a[l]) == exact(a[l])
    if with_cost:
        assert written_out.J == backprop.cost(B, y, a[3], weights, lam)
    else:
        assert math.isnan(written_out.J)
    if with_gradients:
        assert [exact(g) for g in written_out.gradients] == [exact(dJdW[1]), exact(dJdW[2])]
        assert sorted(written_out.delta) == [2, 3]
        assert all(exact(written_out.delta[l]) == exact(delta[l]) for l in (2, 3))
    else:
        assert written_out.gradients == () and written_out.delta == {}
    want = expected(problem, lam)
    assert_layers_equal({l: written_out.a[l] for l in (2, 3)}, {l: want["a"][l] for l in (2, 3)})
    if with_gradients:
        assert_layers_equal(dict(enumerate(written_out.gradients, start=1)), want["dJdW"])
        assert_layers_equal(written_out.delta, want["delta"])
