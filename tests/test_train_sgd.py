"""Minibatch gradient descent, ``nnd.train(..., method="sgd")``, held to the series' formulas.

The expected parameters come from tests/series_reference.py, stepped by a minibatch loop
written out here: each epoch shuffles one list of example numbers with the seed's
``random.Random`` (the list is shuffled again, as it stands, every epoch) and walks it in
batches; each batch moves every parameter against the gradient of Part 7's averaged cost
(λ = 0 for a network without ``lam``), with momentum as a velocity
``v ← μ·v − η·dJdW, W ← W + v``.
"""

from __future__ import annotations

import math
import random

import pytest
from helpers import assert_close, flat, network
from hypothesis import given
from hypothesis import strategies as st
from series_reference import reference
from strategies import problems

import nnd
from nnd.training import bfgs
from nnd.util.errors import NNDError

X, Y = nnd.data.sleep_study()
TRAIN_X, TRAIN_Y, TEST_X, TEST_Y = nnd.data.train_test()

lams = st.sampled_from([None, 0.0, 0.1])


# -- the reference: minibatch descent on the series' formulas ----------------------------------------
def orders(seed: int | None, n: int, epochs: int) -> list[list[int]]:
    """The example numbers of each epoch, in the order they are used."""
    rng = random.Random(seed)
    order = list(range(n))
    out = []
    for _ in range(epochs):
        rng.shuffle(order)  # the same list, shuffled again as it stands
        out.append(list(order))
    return out


def reference_sgd(
    problem: dict,
    lam: float | None,
    *,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    momentum: float = 0.0,
    seed: int | None = 0,
) -> list[list[float]]:
    """The flat parameters (weights row-major, then biases) after each epoch, epoch 0 first."""
    X, y = problem["X"], problem["y"]
    W = [[list(row) for row in w] for w in problem["weights"]]
    b = None if problem.get("biases") is None else [list(v) for v in problem["biases"]]
    averaged = 0.0 if lam is None else lam
    velocity: dict[tuple, float] = {}

    def params() -> list[float]:
        return [v for w in W for row in w for v in row] + [v for row in b or [] for v in row]

    def move(key: tuple, value: float, gradient: float) -> float:
        step = -learning_rate * gradient
        if momentum:
            step += momentum * velocity.get(key, 0.0)
            velocity[key] = step
        return value + step

    history = [params()]
    for order in orders(seed, len(X), epochs):
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            r = reference(W, [X[i] for i in batch], [y[i] for i in batch], averaged, b)
            W = [
                [
                    [move(("W", l, i, j), w, r["dJdW"][l + 1][i][j]) for j, w in enumerate(row)]
                    for i, row in enumerate(Wl)
                ]
                for l, Wl in enumerate(W)
            ]
            if b is not None:
                b = [
                    [move(("b", l, j), v, r["dJdb"][l + 2][0][j]) for j, v in enumerate(row)]
                    for l, row in enumerate(b)
                ]
        history.append(params())
    return history


def unflat(problem: dict, values: list[float]) -> tuple[list, list | None]:
    """(weights, biases) as nested lists, from flat parameters laid out as get_params lays them."""
    sizes, at, weights = problem["sizes"], 0, []
    for n_in, n_out in zip(sizes, sizes[1:]):
        weights.append([values[at + r * n_out : at + (r + 1) * n_out] for r in range(n_in)])
        at += n_in * n_out
    if problem.get("biases") is None:
        return weights, None
    biases = []
    for n in sizes[1:]:
        biases.append(values[at : at + n])
        at += n
    return weights, biases


def sgd(net: nnd.Network, problem: dict, **options) -> nnd.training.TrainResult:
    return nnd.train(net, problem["X"], problem["y"], method="sgd", **options)


problems_either = problems(
    max_rows=6, max_inputs=3, max_hidden=4, max_outputs=2, hidden_layers=(1, 2), biases=None
)
"""With or without biases: hypothesis draws either."""


# -- one epoch of one batch is one gradient-descent step ---------------------------------------------
@given(
    problem=problems_either, lam=lams, learning_rate=st.sampled_from([0.1, 1.0, 3.0]), seed=st.integers(0, 99)
)
def test_one_epoch_of_one_batch_is_one_gradient_descent_step(
    backend, problem, lam, learning_rate, seed
) -> None:
    net = network(problem, backend, lam)
    result = sgd(net, problem, epochs=1, batch_size=len(problem["X"]), learning_rate=learning_rate, seed=seed)
    # the step by hand: W − η·dJdW of the averaged cost, from the reference's gradients
    r = reference(
        problem["weights"], problem["X"], problem["y"], 0.0 if lam is None else lam, problem.get("biases")
    )
    expected = [
        w - learning_rate * g
        for w, g in zip(
            [v for W in problem["weights"] for row in W for v in row]
            + [v for b in problem.get("biases") or [] for v in b],
            [v for l in sorted(r["dJdW"]) for row in r["dJdW"][l] for v in row]
            + [v for l in sorted(r["dJdb"]) for v in r["dJdb"][l][0]],
        )
    ]
    assert_close(result.x, expected, rel=1e-9, abs_=1e-12)
    assert flat(net.get_params()) == flat(result.x) and result.nit == 1 and result.nfev == 1


@given(
    problem=problems_either,
    batch_size=st.integers(1, 7),
    epochs=st.integers(1, 3),
    seed=st.integers(0, 10**6),
    lam=lams,
    learning_rate=st.sampled_from([0.5, 3.0]),
    momentum=st.sampled_from([0.0, 0.5, 0.9]),
)
def test_minibatch_descent_is_the_reference_loop_over_the_seeds_shuffle(
    problem, batch_size, epochs, seed, lam, learning_rate, momentum
) -> None:
    net = network(problem, "python", lam)
    result = sgd(
        net,
        problem,
        epochs=epochs,
        batch_size=batch_size,
        learning_rate=learning_rate,
        momentum=momentum,
        seed=seed,
    )
    history = reference_sgd(
        problem,
        lam,
        epochs=epochs,
        batch_size=batch_size,
        learning_rate=learning_rate,
        momentum=momentum,
        seed=seed,
    )
    assert_close(result.x, history[-1], rel=1e-8, abs_=1e-10)
    batches = -(-len(problem["X"]) // batch_size)
    assert result.nit == epochs and result.nfev == epochs * batches and result.success


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_batches_of_one_are_the_reference_steps_example_by_example_on_every_backend(backend, seed) -> None:
    problem = {
        "sizes": (2, 3, 1),
        "weights": [W.tolist() for W in nnd.Network(seed=seed).weights],
        "X": X,
        "y": Y,
    }
    net = network(problem, backend)
    result = sgd(net, problem, epochs=4, batch_size=1, learning_rate=2.0, seed=seed)
    expected = reference_sgd(problem, None, epochs=4, batch_size=1, learning_rate=2.0, seed=seed)[-1]
    assert_close(result.x, expected, rel=1e-9, abs_=1e-12)
    # the order matters: the same steps in the order 0, 1, 2 every epoch end elsewhere
    W = problem["weights"]
    for _ in range(4):
        for i in range(3):
            r = reference(W, [X[i]], [Y[i]], 0.0)
            W = [
                [[w - 2.0 * g for w, g in zip(row, grow)] for row, grow in zip(Wl, r["dJdW"][l + 1])]
                for l, Wl in enumerate(W)
            ]
    assert max(abs(a - b) for a, b in zip(flat(W), flat(result.x))) > 1e-6


def test_the_shuffle_is_one_list_shuffled_again_each_epoch() -> None:
    """Seed 3, three examples: a fresh range(3) shuffled each epoch would give other orders from epoch 2."""

    def fresh_orders(seed: int, n: int, epochs: int) -> list[list[int]]:
        rng, out = random.Random(seed), []
        for _ in range(epochs):
            order = list(range(n))
            rng.shuffle(order)
            out.append(order)
        return out

    assert orders(3, 3, 1) == fresh_orders(3, 3, 1) and orders(3, 3, 5) != fresh_orders(3, 3, 5)
    problem = {
        "sizes": (2, 3, 1),
        "weights": [W.tolist() for W in nnd.Network(seed=3).weights],
        "X": X,
        "y": Y,
    }
    result = sgd(network(problem, "python"), problem, epochs=5, batch_size=1, learning_rate=2.0, seed=3)
    assert_close(
        result.x, reference_sgd(problem, None, epochs=5, batch_size=1, learning_rate=2.0, seed=3)[-1]
    )
    # the same steps in the other orders end elsewhere
    W = problem["weights"]
    for order in fresh_orders(3, 3, 5):
        for i in order:
            r = reference(W, [X[i]], [Y[i]], 0.0)
            W = [
                [[w - 2.0 * g for w, g in zip(row, grow)] for row, grow in zip(Wl, r["dJdW"][l + 1])]
                for l, Wl in enumerate(W)
            ]
    assert max(abs(a - b) for a, b in zip(flat(W), flat(result.x))) > 1e-6


# -- options: momentum, seeds, batch sizes -----------------------------------------------------------
@given(
    problem=problems_either,
    seed=st.integers(0, 99),
    batch_size=st.integers(1, 4),
    momentum=st.sampled_from([0.3, 0.9]),
)
def test_momentum_zero_is_plain_descent_and_momentum_is_the_velocity_rule(
    problem, seed, batch_size, momentum
) -> None:
    options = {"epochs": 3, "batch_size": batch_size, "learning_rate": 1.0, "seed": seed}
    plain = sgd(network(problem, "python"), problem, **options)
    zero = sgd(network(problem, "python"), problem, momentum=0.0, **options)
    assert flat(plain.x) == flat(zero.x)
    heavy = sgd(network(problem, "python"), problem, momentum=momentum, **options)
    expected = reference_sgd(problem, None, momentum=momentum, **options)[-1]
    assert_close(heavy.x, expected, rel=1e-8, abs_=1e-10)


def test_momentum_carries_the_velocity_across_batches_and_epochs() -> None:
    """Two steps on one example by hand: v1 = −η·g0, v2 = μ·v1 − η·g1 (not −η·g1)."""
    problem = {"sizes": (1, 1), "weights": [[[0.5]]], "X": [[1.0]], "y": [[1.0]]}
    result = sgd(
        network(problem, "python"), problem, epochs=2, batch_size=1, learning_rate=2.0, momentum=0.5, seed=0
    )
    w = 0.5
    g0 = reference([[[w]]], [[1.0]], [[1.0]], 0.0)["dJdW"][1][0][0]
    v1 = -2.0 * g0
    g1 = reference([[[w + v1]]], [[1.0]], [[1.0]], 0.0)["dJdW"][1][0][0]
    v2 = 0.5 * v1 - 2.0 * g1
    assert math.isclose(flat(result.x)[0], w + v1 + v2, rel_tol=1e-12)
    plain = sgd(network(problem, "python"), problem, epochs=2, batch_size=1, learning_rate=2.0, seed=0)
    assert abs(flat(plain.x)[0] - flat(result.x)[0]) > 1e-3


def test_the_same_seed_gives_the_same_result_and_another_seed_another(backend) -> None:
    def run(seed: int) -> list[float]:
        net = nnd.Network((2, 3, 1), seed=0, backend=backend, bias=True)
        return flat(nnd.train(net, X, Y, method="sgd", epochs=3, batch_size=1, seed=seed).x)

    assert orders(0, 3, 3) != orders(1, 3, 3)  # the two seeds walk the examples in other orders
    assert run(0) == run(0)
    assert run(0) != run(1)


def test_without_a_seed_each_run_shuffles_afresh() -> None:
    runs = {
        tuple(flat(nnd.train(nnd.Network(seed=0), X, Y, method="sgd", epochs=6, batch_size=1).x))
        for _ in range(8)
    }
    assert len(runs) > 1  # 6 epochs of 3! orders: eight runs all alike would be a chance of 1 in 6^35


def test_a_batch_larger_than_the_data_is_the_whole_data_each_step() -> None:
    big = nnd.train(nnd.Network(seed=2, bias=True), X, Y, method="sgd", epochs=3, batch_size=100, seed=5)
    whole = nnd.train(nnd.Network(seed=2, bias=True), X, Y, method="sgd", epochs=3, batch_size=3, seed=5)
    assert flat(big.x) == flat(whole.x) and big.nfev == whole.nfev == 3


def test_zero_epochs_train_nothing_and_change_nothing() -> None:
    net = nnd.Network(seed=3, bias=True)
    before = flat(net.get_params())
    result = nnd.train(net, X, Y, method="sgd", epochs=0)
    assert result.nit == 0 and result.J == [] and flat(net.get_params()) == before == flat(result.x)
    assert result.fun == net.cost(X, Y)


def test_the_defaults_are_30_epochs_of_batches_of_10_with_a_learning_rate_of_3() -> None:
    X12, Y12 = (X * 4)[:12], (Y * 4)[:12]
    problem = {
        "sizes": (2, 3, 1),
        "weights": [W.tolist() for W in nnd.Network(seed=1).weights],
        "X": X12,
        "y": Y12,
    }
    result = sgd(network(problem, "python"), problem, seed=4)
    assert result.nit == 30 and result.nfev == 60  # 12 examples: batches of 10 and 2
    expected = reference_sgd(problem, None, epochs=30, batch_size=10, learning_rate=3.0, seed=4)[-1]
    assert_close(result.x, expected, rel=1e-8, abs_=1e-10)


# -- the history: cost and accuracy per epoch ----------------------------------------------------------
XOR = ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [[0.0], [1.0], [1.0], [0.0]])
ONE_HOT_X = [[0.1, 0.9], [0.8, 0.3], [0.5, 0.5], [0.9, 0.1], [0.2, 0.7], [0.6, 0.2]]
ONE_HOT_Y = [
    [0.0, 1.0, 0.0],
    [1.0, 0.0, 0.0],
    [0.0, 0.0, 1.0],
    [1.0, 0.0, 0.0],
    [0.0, 1.0, 0.0],
    [0.0, 0.0, 1.0],
]


def hand_accuracy(rows_hat: list[list[float]], rows: list[list[float]]) -> float:
    """Classes read by hand: argmax of each row (first on ties), or ≥ ½ for one column."""

    def cls(row: list[float]) -> int:
        return int(row[0] >= 0.5) if len(row) == 1 else row.index(max(row))

    return sum(cls(a) == cls(b) for a, b in zip(rows_hat, rows)) / len(rows)


@pytest.mark.parametrize("lam", [None, 1e-3])
def test_the_history_is_each_epochs_cost_and_accuracy_on_train_and_test_data(backend, lam) -> None:
    trainX, trainY, testX, testY = ONE_HOT_X[:4], ONE_HOT_Y[:4], ONE_HOT_X[4:], ONE_HOT_Y[4:]
    net0 = nnd.Network((2, 4, 3), seed=5, bias=True, backend=backend)
    problem = {
        "sizes": (2, 4, 3),
        "weights": [backend.tolist(W) for W in net0.weights],
        "biases": [backend.tolist(b)[0] for b in net0.biases],
        "X": trainX,
        "y": trainY,
    }
    net = network(problem, backend, lam)
    result = nnd.train(
        net,
        trainX,
        trainY,
        method="sgd",
        epochs=5,
        batch_size=3,
        learning_rate=2.0,
        seed=8,
        testX=testX,
        testY=testY,
    )
    history = reference_sgd(problem, lam, epochs=5, batch_size=3, learning_rate=2.0, seed=8)
    assert len(result.J) == len(result.testJ) == len(result.accuracy) == len(result.test_accuracy) == 5
    for epoch, params in enumerate(history[1:]):
        W, b = unflat(problem, params)
        train, test = reference(W, trainX, trainY, lam, b), reference(W, testX, testY, lam, b)
        assert math.isclose(result.J[epoch], train["J"], rel_tol=1e-8, abs_tol=1e-12)
        assert math.isclose(result.testJ[epoch], test["J"], rel_tol=1e-8, abs_tol=1e-12)
        assert result.accuracy[epoch] == hand_accuracy(train["a"][3], trainY)
        assert result.test_accuracy[epoch] == hand_accuracy(test["a"][3], testY)
    # and the last entries are what the trained network itself says
    assert result.J[-1] == result.fun == net.cost(trainX, trainY)
    assert result.testJ[-1] == net.cost(testX, testY)
    assert result.accuracy[-1] == nnd.accuracy(net, trainX, trainY)
    assert result.test_accuracy[-1] == nnd.accuracy(net, testX, testY)


def test_targets_that_are_not_classes_record_no_accuracy() -> None:
    result = nnd.train(
        nnd.Network(seed=0), TRAIN_X, TRAIN_Y, method="sgd", epochs=3, seed=0, testX=TEST_X, testY=TEST_Y
    )
    assert len(result.J) == len(result.testJ) == 3 and result.accuracy == result.test_accuracy == []
    xor = nnd.train(nnd.Network((2, 3, 1), seed=0, bias=True), *XOR, method="sgd", epochs=3, seed=0)
    assert len(xor.accuracy) == 3 and xor.test_accuracy == [] and xor.testJ == []


# -- the callback --------------------------------------------------------------------------------------
def test_the_callback_sees_each_epoch_once_with_its_costs_and_accuracies(backend) -> None:
    seen = []
    net = nnd.Network((2, 4, 3), seed=1, bias=True, backend=backend)
    result = nnd.train(
        net,
        ONE_HOT_X[:4],
        ONE_HOT_Y[:4],
        method="sgd",
        epochs=4,
        batch_size=2,
        seed=2,
        testX=ONE_HOT_X[4:],
        testY=ONE_HOT_Y[4:],
        callback=seen.append,
    )
    assert [p.nit for p in seen] == [1, 2, 3, 4] and result.nit == 4 and result.success
    assert [p.fun for p in seen] == result.J and [p.test_fun for p in seen] == result.testJ
    assert [p.accuracy for p in seen] == result.accuracy
    assert [p.test_accuracy for p in seen] == result.test_accuracy
    assert all(math.isnan(p.grad_max) for p in seen)  # SGD computes no full gradient between epochs
    assert all(type(p.fun) is float and type(p.test_fun) is float for p in seen)


def test_without_test_data_or_classes_the_callback_gets_none_for_them() -> None:
    seen = []
    nnd.train(nnd.Network(seed=0), X, Y, method="sgd", epochs=2, seed=0, callback=seen.append)
    assert [(p.nit, p.test_fun, p.accuracy, p.test_accuracy) for p in seen] == [
        (1, None, None, None),
        (2, None, None, None),
    ]


@pytest.mark.parametrize("stop_at", [1, 3])
def test_a_callback_returning_true_stops_after_that_epoch_with_its_parameters(backend, stop_at) -> None:
    calls = []

    def callback(progress):
        calls.append(progress.nit)
        return progress.nit == stop_at

    net = nnd.Network(seed=4, bias=True, backend=backend)
    result = nnd.train(net, X, Y, method="sgd", epochs=10, batch_size=2, seed=6, callback=callback)
    assert calls == list(range(1, stop_at + 1))
    assert (
        result.status == bfgs.STOPPED and not result.success and result.message == "stopped by the callback"
    )
    assert result.nit == stop_at == len(result.J)
    shorter = nnd.train(
        nnd.Network(seed=4, bias=True, backend=backend),
        X,
        Y,
        method="sgd",
        epochs=stop_at,
        batch_size=2,
        seed=6,
    )
    assert flat(net.get_params()) == flat(result.x) == flat(shorter.x)
    assert result.fun == shorter.fun == net.cost(X, Y)


@pytest.mark.parametrize("answer", [None, False, 1, "yes", [True]])
def test_only_true_stops(answer) -> None:
    calls = []
    result = nnd.train(
        nnd.Network(seed=0),
        X,
        Y,
        method="sgd",
        epochs=3,
        seed=0,
        callback=lambda p: calls.append(p) or answer,
    )
    assert len(calls) == 3 and result.nit == 3 and result.success


def test_an_exception_in_the_callback_leaves_the_network_as_it_was() -> None:
    class StopTrainingError(Exception):
        pass

    def callback(progress):
        if progress.nit == 2:
            raise StopTrainingError

    net = nnd.Network(seed=3, bias=True)
    before = flat(net.get_params())
    with pytest.raises(StopTrainingError):
        nnd.train(net, X, Y, method="sgd", epochs=5, seed=0, callback=callback)
    assert flat(net.get_params()) == before


# -- early stopping on the test cost -------------------------------------------------------------------
# One unit, one weight and a bias: yHat = f(w·x + b) from w = b = 0 (yHat = ½). Training pulls yHat
# toward the training target 1; the test target 0.7 is passed on the way, so the test cost falls, then rises.
ONE_UNIT = {"sizes": (1, 1), "weights": [[[0.0]]], "biases": [[0.0]], "X": [[1.0]], "y": [[1.0]]}
ONE_UNIT_TEST = ([[1.0]], [[0.7]])


def one_unit_cost(params: list[float], X: list, y: list) -> float:
    weights, biases = unflat(ONE_UNIT, params)
    return reference(weights, X, y, None, biases)["J"]


def one_unit_net(backend="python") -> nnd.Network:
    return network(ONE_UNIT, backend)


def test_early_stopping_keeps_the_parameters_of_the_lowest_test_cost(backend) -> None:
    history = reference_sgd(ONE_UNIT, None, epochs=40, batch_size=1, learning_rate=1.0, seed=0)
    test_costs = [one_unit_cost(p, *ONE_UNIT_TEST) for p in history[1:]]
    best = min(range(len(test_costs)), key=test_costs.__getitem__) + 1  # the epoch of the lowest test cost
    assert 1 < best < 30 and all(a < b for a, b in zip(test_costs[best - 1 :], test_costs[best:]))  # the case
    net = one_unit_net(backend)
    result = nnd.train(
        net,
        ONE_UNIT["X"],
        ONE_UNIT["y"],
        method="sgd",
        epochs=40,
        batch_size=1,
        learning_rate=1.0,
        seed=0,
        testX=ONE_UNIT_TEST[0],
        testY=ONE_UNIT_TEST[1],
        patience=3,
    )
    assert result.nit == best + 3 == len(result.J) == len(result.testJ)  # three epochs without a better one
    assert (
        result.success
        and f"parameters of iteration {best}" in result.message
        and "stopped early" in result.message
    )
    assert_close(result.x, history[best], rel=1e-12, abs_=1e-15)
    assert flat(net.get_params()) == flat(result.x)
    # what the result says of those parameters is theirs, not the last epoch's
    assert math.isclose(result.fun, one_unit_cost(history[best], ONE_UNIT["X"], ONE_UNIT["y"]), rel_tol=1e-12)
    assert result.fun == net.cost(ONE_UNIT["X"], ONE_UNIT["y"])
    assert_close(result.jac, net.compute_gradients(ONE_UNIT["X"], ONE_UNIT["y"]), rel=1e-12, abs_=1e-15)
    assert min(result.testJ) == result.testJ[best - 1] == net.cost(*ONE_UNIT_TEST)


def test_early_stopping_works_for_the_full_batch_methods_too() -> None:
    net = one_unit_net()
    result = nnd.train(
        net,
        ONE_UNIT["X"],
        ONE_UNIT["y"],
        method="gd",
        learning_rate=1.0,
        max_iter=40,
        testX=ONE_UNIT_TEST[0],
        testY=ONE_UNIT_TEST[1],
        patience=2,
    )
    history = reference_sgd(
        ONE_UNIT, None, epochs=40, batch_size=1, learning_rate=1.0, seed=0
    )  # one example: GD
    best = result.testJ.index(min(result.testJ)) + 1
    assert result.nit == best + 2 and "stopped early" in result.message
    assert_close(result.x, history[best], rel=1e-12, abs_=1e-15)
    assert result.fun == net.cost(ONE_UNIT["X"], ONE_UNIT["y"])


def test_patience_not_used_up_keeps_the_last_epoch() -> None:
    result = nnd.train(
        one_unit_net(),
        ONE_UNIT["X"],
        ONE_UNIT["y"],
        method="sgd",
        epochs=40,
        batch_size=1,
        learning_rate=1.0,
        seed=0,
        testX=ONE_UNIT_TEST[0],
        testY=ONE_UNIT_TEST[1],
        patience=100,
    )
    history = reference_sgd(ONE_UNIT, None, epochs=40, batch_size=1, learning_rate=1.0, seed=0)
    assert result.nit == 40 and result.message.startswith("finished")
    assert_close(result.x, history[40], rel=1e-12, abs_=1e-15)


# -- divergence ---------------------------------------------------------------------------------------------
def test_a_huge_learning_rate_stops_with_the_starting_parameters_and_nothing_nan(backend) -> None:
    net = nnd.Network(seed=0, bias=True, backend=backend)
    before = flat(net.get_params())
    start = net.cost(X, Y)
    result = nnd.train(net, X, Y, method="sgd", epochs=5, learning_rate=1e300, seed=0)
    assert result.status == bfgs.DIVERGED and not result.success
    assert "learning_rate too large" in result.message and "epoch 1 " in result.message
    assert result.nit == 0 and result.J == [] and flat(net.get_params()) == before == flat(result.x)
    assert result.fun == start and all(math.isfinite(v) for v in flat(result.jac))


def test_divergence_after_good_epochs_keeps_the_last_good_one(backend) -> None:
    """λ = 1, η = 4: each step multiplies the weights by about 1 − ηλ = −3; they pass ±1e30 in some epochs."""
    seen = []
    net = nnd.Network(seed=0, bias=True, lam=1.0, backend=backend)
    result = nnd.train(
        net, X, Y, method="sgd", epochs=100, batch_size=1, learning_rate=4.0, seed=0, callback=seen.append
    )
    assert result.status == bfgs.DIVERGED and f"epoch {result.nit + 1} " in result.message
    assert 5 < result.nit < 100 and len(result.J) == len(seen) == result.nit
    params = flat(net.get_params())
    assert params == flat(result.x) and all(math.isfinite(v) and abs(v) <= 1e30 for v in params)
    assert all(math.isfinite(v) for v in [result.fun, *result.J, *flat(result.jac)])
    good = nnd.train(
        nnd.Network(seed=0, bias=True, lam=1.0, backend=backend),
        X,
        Y,
        method="sgd",
        epochs=result.nit,
        batch_size=1,
        learning_rate=4.0,
        seed=0,
    )
    assert flat(good.x) == params and good.success
    assert max(abs(v) for v in params) > 1e25  # the last good epoch was on its way out


# -- refusals -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"epochs": -1}, "epochs"),
        ({"epochs": 2.0}, "epochs"),
        ({"epochs": True}, "epochs"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": -3}, "batch_size"),
        ({"batch_size": 1.5}, "batch_size"),
        ({"learning_rate": math.nan}, "learning_rate"),
        ({"learning_rate": -1.0}, "learning_rate"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": math.inf}, "learning_rate"),
        ({"learning_rate": "3"}, "learning_rate"),
        ({"momentum": 1.0}, "momentum"),
        ({"momentum": 1.5}, "momentum"),
        ({"momentum": -0.1}, "momentum"),
        ({"momentum": math.nan}, "momentum"),
        ({"momentum": None}, "momentum"),
        ({"seed": 1.5}, "seed"),
        ({"seed": "0"}, "seed"),
        ({"patience": 3}, "testX and testY"),
        ({"patience": 0, "testX": TEST_X, "testY": TEST_Y}, "patience"),
        ({"patience": 2.0, "testX": TEST_X, "testY": TEST_Y}, "patience"),
        ({"testX": TEST_X}, "testY"),
        ({"callback": "print"}, "callback"),
        ({"max_iter": -1}, "max_iter"),
    ],
)
def test_bad_options_are_nnd_errors_that_change_nothing(kwargs, words) -> None:
    net = nnd.Network(seed=0, bias=True)
    before = flat(net.get_params())
    options = {"epochs": 2, "seed": 0, "callback": lambda p: pytest.fail("training started"), **kwargs}
    with pytest.raises(NNDError, match=words):
        nnd.train(net, TRAIN_X, TRAIN_Y, method="sgd", **options)
    assert flat(net.get_params()) == before


@pytest.mark.parametrize("method", ["bfgs", "lbfgs", "gd"])
@pytest.mark.parametrize("option", [{"epochs": 3}, {"batch_size": 2}, {"momentum": 0.5}, {"seed": 1}])
def test_the_sgd_options_are_refused_by_the_other_methods(method, option) -> None:
    net = nnd.Network(seed=0)
    before = flat(net.get_params())
    with pytest.raises(NNDError, match=f"{next(iter(option))} apply to method='sgd' only"):
        nnd.train(net, X, Y, method=method, **option)
    assert flat(net.get_params()) == before


# -- real data ---------------------------------------------------------------------------------------------
def test_a_small_network_learns_digits_in_a_few_epochs_of_a_few_hundred_examples() -> None:
    trainX, trainY, testX, testY = nnd.data.digits()
    net = nnd.Network((64, 16, 10), seed=0, bias=True)
    chance = nnd.accuracy(net, testX[:200], testY[:200])
    result = nnd.train(net, trainX[:600], trainY[:600], method="sgd", epochs=4, seed=0)
    accuracy = nnd.accuracy(net, testX[:200], testY[:200])
    print(f"digits, 600 training images, 4 epochs: test accuracy {chance:.3f} -> {accuracy:.3f}")
    assert chance < 0.3 < 0.6 < accuracy
    assert result.J[-1] < result.J[0] and result.success


@pytest.mark.parametrize(
    ("epochs", "batch_size", "message"),
    [
        (1, 100, "finished: 1 epoch of batches of 12"),  # a batch larger than the data is all of it
        (2, 5, "finished: 2 epochs of batches of 5"),
        (0, 10, "finished: 0 epochs of batches of 10"),
    ],
)
def test_the_message_says_how_many_epochs_of_which_batches_ran(epochs, batch_size, message) -> None:
    X = [[i / 12, 1 - i / 12] for i in range(12)]
    y = [[0.5]] * 12
    result = nnd.train(nnd.Network(seed=0), X, y, method="sgd", epochs=epochs, batch_size=batch_size, seed=0)
    assert result.message == message
