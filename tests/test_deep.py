"""Deeper networks (1 to 4 hidden layers): the same laws as the series' 2-3-1 network."""

from __future__ import annotations

import math

from helpers import assert_close, flat, network
from hypothesis import given
from hypothesis import strategies as st
from strategies import problems

import nnd

STEP = 1e-6
deep = problems(max_rows=6, max_inputs=4, max_hidden=6, max_outputs=2, hidden_layers=(1, 4))


def central_differences(net: nnd.Network, X, y) -> list[float]:
    """Numerical gradient in get_params order, one weight at a time, through set_params and cost."""
    base = flat(net.get_params())
    out = []
    for k in range(len(base)):
        costs = []
        for sign in (1, -1):
            trial = list(base)
            trial[k] += sign * STEP
            net.set_params(trial)
            costs.append(net.cost(X, y))
        out.append((costs[0] - costs[1]) / (2 * STEP))
    net.set_params(base)
    return out


@given(problem=deep, lam=st.sampled_from([None, 0.0, 1e-3, 0.5]))
def test_deep_gradients_match_central_differences(backend, problem: dict, lam) -> None:
    net = network(problem, backend, lam)
    X, y = problem["X"], problem["y"]
    J = net.cost(X, y)
    analytic = flat(net.compute_gradients(X, y))
    numeric = central_differences(net, X, y)
    excess = [abs(g - n) - (1e-8 * max(1.0, J) + 1e-6 * abs(n)) for g, n in zip(analytic, numeric)]
    assert max(excess) <= 0, f"worst excess over the tolerance: {max(excess):.3g}"


@given(problem=deep, lam=st.sampled_from([None, 1e-2]))
def test_backends_agree_on_deep_networks(backend, problem: dict, lam) -> None:
    reference = network(problem, "python", lam)
    other = network(problem, backend, lam)
    X, y = problem["X"], problem["y"]
    assert_close(other.forward(X), reference.forward(X))
    assert_close(other.cost(X, y), reference.cost(X, y))
    assert_close(other.compute_gradients(X, y), reference.compute_gradients(X, y))


@given(problem=deep)
def test_flat_parameters_are_the_weights_row_major_layer_by_layer(problem: dict) -> None:
    net = network(problem, "python")
    expected = [v for W in problem["weights"] for row in W for v in row]
    assert flat(net.get_params()) == expected
    assert net.n_params == len(expected)
    gradients = net.gradients(problem["X"], problem["y"])
    assert flat(net.compute_gradients(problem["X"], problem["y"])) == [v for g in gradients for v in flat(g)]
    net.set_params([2 * v for v in expected])
    assert [flat(W) for W in net.weights] == [[2 * v for row in W for v in row] for W in problem["weights"]]


def sigmoid(v: float) -> float:
    return 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))


@given(problem=deep)
def test_each_layer_is_the_sigmoid_of_the_previous_times_its_weights(problem: dict) -> None:
    """a(l+1) = f(a(l)·W(l)) layer by layer, written out with plain Python here."""
    net = network(problem, "python")
    a = problem["X"]
    for W in problem["weights"]:
        z = [[sum(x * w for x, w in zip(row, col)) for col in zip(*W)] for row in a]
        a = [[sigmoid(v) for v in row] for row in z]
    assert_close(net.forward(problem["X"]), a)
    layers = len(problem["weights"])
    assert hasattr(net, f"z{layers + 1}") and hasattr(net, f"a{layers + 1}")


def test_video_names_stay_for_the_series_network() -> None:
    net = nnd.Network((2, 5, 5, 1), seed=0)
    assert [net.backend.shape(W) for W in (net.W1, net.W2, net.W3)] == [(2, 5), (5, 5), (5, 1)]
    X, y = nnd.data.sleep_study()
    net.gradients(X, y)
    assert [net.backend.shape(d) for d in (net.delta2, net.delta3, net.delta4)] == [(3, 5), (3, 5), (3, 1)]
    assert net.backend.shape(net.yHat) == (3, 1)


def test_the_series_gradient_check_ratio_is_small_for_deep_networks(backend) -> None:
    X, y = nnd.data.sleep_study()
    for sizes in [(2, 4, 1), (2, 5, 5, 1), (2, 3, 4, 3, 1), (2, 2, 2, 2, 2, 1)]:
        net = nnd.Network(sizes, seed=7, backend=backend)
        assert nnd.gradient_check(net, X, y) < 1e-7, sizes
