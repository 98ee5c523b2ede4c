"""Laws of the gradient: it matches central differences, has the weights' shapes, and points uphill."""

from __future__ import annotations

import math

import pytest
from helpers import flat, network
from hypothesis import assume, given
from strategies import problems

import nnd

STEP = 1e-6


def central_differences(net: nnd.Network, X, y) -> list[float]:
    """An independent numerical gradient: perturb one weight (then bias) at a time through the public API."""
    B = net.backend
    names = [f"W{i}" for i in range(1, len(net.weights) + 1)] + [
        f"b{i}" for i in range(2, len(net.biases) + 2)
    ]
    out = []
    for name in names:
        base = B.tolist(getattr(net, name))
        for r, row in enumerate(base):
            for c in range(len(row)):
                costs = []
                for sign in (1, -1):
                    trial = [list(x) for x in base]
                    trial[r][c] += sign * STEP
                    setattr(net, name, trial)
                    costs.append(net.cost(X, y))
                setattr(net, name, base)
                out.append((costs[0] - costs[1]) / (2 * STEP))
    return out


@pytest.mark.parametrize("lam", [None, 0.0, 1e-2])
@given(problem=problems(max_rows=10, biases=None))
def test_gradients_match_central_differences(backend: nnd.Backend, problem: dict, lam) -> None:
    net = network(problem, backend, lam)
    X, y = problem["X"], problem["y"]
    J = net.cost(X, y)
    analytic = flat(net.gradients(X, y))
    numeric = central_differences(net, X, y)
    tolerance = [1e-8 * max(1.0, J) + 1e-6 * abs(n) for n in numeric]
    worst = max(abs(g - n) - t for g, n, t in zip(analytic, numeric, tolerance))
    assert worst <= 0, f"gradient differs from central differences by {worst:.3g} beyond tolerance"


@given(problem=problems(biases=None))
def test_each_gradient_has_its_parameters_shape(backend: nnd.Backend, problem: dict) -> None:
    net = network(problem, backend)
    grads = net.gradients(problem["X"], problem["y"])
    assert [backend.shape(g) for g in grads] == [backend.shape(P) for P in [*net.weights, *net.biases]]
    sizes = problem["sizes"]
    expected = [(a, b) for a, b in zip(sizes, sizes[1:])]
    if "biases" in problem:
        expected += [(1, n) for n in sizes[1:]]
    assert [backend.shape(g) for g in grads] == expected


@given(problem=problems(max_rows=10, biases=None))
def test_small_step_against_the_gradient_lowers_cost_and_along_it_raises(backend, problem) -> None:
    net = network(problem, backend)
    X, y = problem["X"], problem["y"]
    J, grads = net.cost_and_gradients(X, y)
    norm2 = sum(backend.vdot(g, g) for g in grads)
    assume(norm2 > 1e-6)  # at a stationary point there is no direction to test
    step = 1e-4 / math.sqrt(norm2)
    costs = {}
    for sign in (+1, -1):
        trial = network(problem, backend)
        names = [f"W{i}" for i in range(1, len(trial.weights) + 1)]
        names += [f"b{i}" for i in range(2, len(trial.biases) + 2)]
        for name, g in zip(names, grads, strict=True):
            setattr(trial, name, getattr(trial, name) + sign * step * g)
        costs[sign] = trial.cost(X, y)
    assert costs[-1] < J < costs[+1]


def test_the_series_demonstration_on_both_backends(backend: nnd.Backend) -> None:
    """Part 4: W + 3·dJdW raises the cost, then W − 3·dJdW lowers it."""
    X, y = nnd.data.sleep_study()
    for seed in range(10):
        net = nnd.Network(seed=seed, backend=backend)
        cost1 = net.cost(X, y)
        dJdW1, dJdW2 = net.gradients(X, y)
        net.W1, net.W2 = net.W1 + 3 * dJdW1, net.W2 + 3 * dJdW2
        cost2 = net.cost(X, y)
        dJdW1, dJdW2 = net.gradients(X, y)
        net.W1, net.W2 = net.W1 - 3 * dJdW1, net.W2 - 3 * dJdW2
        cost3 = net.cost(X, y)
        assert cost2 > cost1 and cost3 < cost2, (seed, cost1, cost2, cost3)


def test_cost_is_half_the_sum_of_squared_errors_computed_by_hand(backend: nnd.Backend) -> None:
    X, y = [[0.3, 1.0], [0.5, 0.2]], [[0.75], [0.82]]
    net = nnd.Network(seed=3, backend=backend)
    W1, W2 = backend.tolist(net.W1), backend.tolist(net.W2)
    f = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    yhat = [f(sum(f(sum(x[k] * W1[k][j] for k in range(2))) * W2[j][0] for j in range(3))) for x in X]
    expected = 0.5 * sum((t[0] - p) ** 2 for t, p in zip(y, yhat))
    assert math.isclose(net.cost(X, y), expected, rel_tol=1e-12)
    assert isinstance(net.cost(X, y), float)


def test_gradient_check_ratio_is_small_for_backprop_and_large_for_a_wrong_gradient(
    backend, monkeypatch
) -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=0, backend=backend)
    assert nnd.gradient_check(net, X, y) < 1e-8
    assert [backend.shape(a) for a in nnd.numerical_gradient(net, X, y)] == [(2, 3), (3, 1)]
    # The classic bugs must show: a sign flip, and a factor ½.
    right = net.gradients(X, y)
    for wrong in ([-1.0 * g for g in right], [0.5 * g for g in right]):
        monkeypatch.setattr(net, "gradients", lambda X, y, wrong=wrong: tuple(wrong), raising=False)
        assert nnd.gradient_check(net, X, y) > 0.1


def test_gradient_check_is_infinite_when_the_gradients_cancel_exactly() -> None:
    net = nnd.Network(seed=0)
    X, y = nnd.data.sleep_study()
    numeric = nnd.numerical_gradient(net, X, y)
    net.__dict__["gradients"] = lambda X, y: tuple(-1.0 * n for n in numeric)
    assert nnd.gradient_check(net, X, y) == math.inf


def test_backward_uses_the_series_equations() -> None:
    """dJdW2 = a2ᵀ·delta3 and dJdW1 = Xᵀ·delta2, checked by hand on the series' data."""
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=5)
    dJdW1, dJdW2 = net.gradients(X, y)
    a2, yHat, W2 = net.a2.tolist(), net.yHat.tolist(), net.W2.tolist()
    delta3 = [[-(t[0] - p[0]) * p[0] * (1 - p[0])] for t, p in zip(y, yHat)]
    expect_W2 = [[sum(a2[i][j] * delta3[i][0] for i in range(3))] for j in range(3)]
    delta2 = [[delta3[i][0] * W2[j][0] * a2[i][j] * (1 - a2[i][j]) for j in range(3)] for i in range(3)]
    expect_W1 = [[sum(X[i][k] * delta2[i][j] for i in range(3)) for j in range(3)] for k in range(2)]
    assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(flat(dJdW2), flat(expect_W2)))
    assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(flat(dJdW1), flat(expect_W1)))
