"""Part 7's cost: ½Σ(y − yHat)²/m + (λ/2)ΣW², gradients …/m + λW; Part 4's cost stays the default."""

from __future__ import annotations

import math

from helpers import flat, network
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import problems

import nnd
from nnd.video import Neural_Network, computeNumericalGradient, norm

lams = st.floats(0.0, 10.0, allow_nan=False)
any_depth = problems(max_rows=8, hidden_layers=(1, 3))


@settings(max_examples=50)
@given(problem=any_depth, lam=lams)
def test_part7_cost_is_part4_cost_over_m_plus_the_weight_penalty(backend, problem: dict, lam: float) -> None:
    plain = network(problem, backend)  # lam=None: Part 4's cost
    regular = network(problem, backend, lam)
    X, y = problem["X"], problem["y"]
    penalty = 0.5 * lam * sum(w * w for W in problem["weights"] for row in W for w in row)
    expected = plain.cost(X, y) / len(X) + penalty
    assert math.isclose(regular.cost(X, y), expected, rel_tol=1e-12, abs_tol=1e-15)


@settings(max_examples=50)
@given(problem=any_depth, lam=lams)
def test_part7_gradient_is_part4_gradient_over_m_plus_lambda_w(backend, problem: dict, lam: float) -> None:
    plain = network(problem, backend)
    regular = network(problem, backend, lam)
    X, y = problem["X"], problem["y"]
    weights = [w for W in problem["weights"] for row in W for w in row]
    expected = [g / len(X) + lam * w for g, w in zip(flat(plain.compute_gradients(X, y)), weights)]
    got = flat(regular.compute_gradients(X, y))
    assert all(math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15) for a, b in zip(got, expected))


@settings(max_examples=50)
@given(problem=any_depth, lam=lams)
def test_regularized_gradients_match_central_differences(backend, problem: dict, lam: float) -> None:
    net = network(problem, backend, lam)
    X, y = problem["X"], problem["y"]
    J = net.cost(X, y)
    base = flat(net.get_params())
    numeric = []
    for k in range(len(base)):
        costs = []
        for sign in (1, -1):
            trial = list(base)
            trial[k] += sign * 1e-6
            net.set_params(trial)
            costs.append(net.cost(X, y))
        numeric.append((costs[0] - costs[1]) / 2e-6)
    net.set_params(base)
    analytic = flat(net.compute_gradients(X, y))
    assert all(abs(g - n) <= 1e-8 * max(1.0, J) + 1e-6 * abs(n) for g, n in zip(analytic, numeric))


def test_lam_none_is_part4_and_lam_zero_is_part7_without_penalty(backend) -> None:
    X, y = nnd.data.sleep_study()
    part4 = nnd.Network(seed=0, backend=backend)
    part7 = nnd.Network(seed=0, backend=backend, lam=0)
    assert part4.lam is None and part7.lam == 0.0
    assert math.isclose(part7.cost(X, y), part4.cost(X, y) / 3, rel_tol=1e-15)
    assert Neural_Network(seed=0, backend=backend).Lambda is None
    assert Neural_Network(Lambda=1e-4, seed=0, backend=backend).lam == 1e-4


def test_the_series_part7_gradient_check(backend) -> None:
    """Neural_Network(Lambda=0.0001) on the Part 7 training data: the ratio the video shows is tiny."""
    trainX, trainY, _, _ = nnd.data.train_test()
    X, y = backend.asarray(trainX), backend.asarray(trainY)
    for seed in range(10):
        NN = Neural_Network(Lambda=0.0001, seed=seed, backend=backend)
        numgrad = computeNumericalGradient(NN, X, y)
        grad = NN.computeGradients(X, y)
        assert norm(grad - numgrad) / norm(grad + numgrad) < 1e-8


def test_regularization_shrinks_the_trained_weights(backend) -> None:
    trainX, trainY, _, _ = nnd.data.train_test()
    for seed in range(3):
        sizes = {}
        for lam in (0.0, 1e-2):
            net = nnd.Network(seed=seed, backend=backend, lam=lam)
            nnd.train(net, trainX, trainY)
            sizes[lam] = math.hypot(*flat(net.get_params()))
        assert sizes[1e-2] < sizes[0.0]
