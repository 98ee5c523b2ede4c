"""Networks as classifiers: ``net.predict_class``, ``nnd.accuracy``, ``nnd.confusion_matrix``.

The rule, as the docs state it: with one output unit the class is 1 when yHat ≥ ½, else 0;
with several, the index of the largest output, and on a tie the first (lowest) index of the
largest. The targets' classes are read the same way. Expected values are worked out by hand
on networks whose outputs are known exactly (sigmoid(0) = ½), and laws hold over random
networks and data.
"""

from __future__ import annotations

import math

import pytest
from helpers import flat, network
from hypothesis import given
from hypothesis import strategies as st
from series_reference import f
from strategies import problems

import nnd
from nnd.util.errors import NNDError

classifiers = problems(max_rows=12, max_inputs=3, max_hidden=4, max_outputs=4, biases=None)


def one_unit(w: float) -> nnd.Network:
    """yHat = f(w·x): class 1 exactly when w·x ≥ 0."""
    net = nnd.Network((1, 1), seed=0)
    net.W1 = [[w]]
    return net


def three_units(weights: list[float]) -> nnd.Network:
    """yHat_k = f(weights[k]·x): no hidden layer, so the outputs are known exactly."""
    net = nnd.Network((1, 3), seed=0)
    net.W1 = [weights]
    return net


# -- one output unit: the threshold ½ ----------------------------------------------------------------
ONE_X = [[0.0], [-1e-9], [2.0], [-2.0], [0.5]]  # yHat = ½ exactly, just below ½, above, below, above
ONE_Y = [[1.0], [1.0], [0.0], [0.0], [1.0]]


def test_one_output_unit_is_class_1_from_one_half_up(backend) -> None:
    net = one_unit(1.0)
    assert flat(net.forward([[0.0]])) == [0.5] and f(-1e-9) < 0.5
    net = nnd.Network((1, 1), seed=0, backend=backend)
    net.W1 = [[1.0]]
    assert net.predict_class(ONE_X) == [1, 0, 1, 0, 1]
    assert nnd.accuracy(net, ONE_X, ONE_Y) == 3 / 5  # right: examples 0, 3 and 4
    # true 0: example 2 taken for a 1, example 3 right; true 1: 0 and 4 right, 1 taken for a 0
    assert nnd.confusion_matrix(net, ONE_X, ONE_Y) == [[1, 1], [1, 2]]


def test_one_column_targets_are_classes_by_the_same_threshold() -> None:
    net = one_unit(1.0)  # predicts 1, 0, 1, 0, 1
    scores = [[0.5], [0.4999], [0.75], [0.2], [1.0]]  # read as 1, 0, 1, 0, 1
    assert nnd.accuracy(net, ONE_X, scores) == 1.0
    assert nnd.confusion_matrix(net, ONE_X, scores) == [[2, 0], [0, 3]]


def test_a_negative_weight_turns_every_class_round_but_the_half() -> None:
    net = one_unit(-1.0)  # yHat = f(−x): ½ at 0 (class 1), then 1, 0, 1, 0
    assert net.predict_class(ONE_X) == [1, 1, 0, 1, 0]
    Y = [[0.0], [0.0], [0.0], [1.0], [1.0]]
    assert nnd.accuracy(net, ONE_X, Y) == 2 / 5  # examples 2 and 3
    # true 0: examples 0 and 1 taken for 1s, 2 right; true 1: 3 right, 4 taken for a 0
    assert nnd.confusion_matrix(net, ONE_X, Y) == [[1, 2], [1, 1]]


# -- several output units: the largest, the first on a tie ---------------------------------------------
def test_several_outputs_take_the_largest() -> None:
    net = three_units([-1.0, 2.0, 1.0])  # x = 1: f(−1) < f(1) < f(2); x = −1: f(−2) < f(−1) < f(1)
    assert net.predict_class([[1.0], [-1.0], [3.0], [-0.5]]) == [1, 0, 1, 0]


def test_a_tie_goes_to_the_first_of_the_largest_outputs() -> None:
    net = three_units([1.0, 1.0, 0.0])  # outputs f(x), f(x), ½: units 0 and 1 always tie
    X = [[2.0], [-2.0], [0.0]]
    yhat = net.forward(X).tolist()
    assert yhat[0][0] == yhat[0][1] > yhat[0][2] and yhat[2] == [0.5, 0.5, 0.5]
    assert net.predict_class(X) == [0, 2, 0]  # the tie of 0 and 1 goes to 0; the three-way tie to 0
    net = three_units([0.0, 1.0, 1.0])  # units 1 and 2 tie above unit 0 for x > 0
    assert net.predict_class([[2.0], [-2.0]]) == [1, 0]


def test_a_tie_in_a_target_row_goes_to_its_first_largest_value_too() -> None:
    net = three_units([-1.0, 2.0, 1.0])  # predicts 1 for x = 1
    X = [[1.0], [1.0], [1.0]]
    Y = [[0.0, 0.5, 0.5], [0.5, 0.5, 0.0], [0.0, 0.0, 0.0]]  # classes 1, 0 and 0
    assert nnd.accuracy(net, X, Y) == 1 / 3
    assert nnd.confusion_matrix(net, X, Y) == [[0, 2, 0], [0, 1, 0], [0, 0, 0]]


def test_one_hot_targets_and_a_hand_made_confusion_matrix() -> None:
    net = three_units([-1.0, 2.0, 1.0])  # x > 0: class 1; x < 0: class 0 (f(−x) is the largest)
    X = [[1.0], [2.0], [-1.0], [-3.0], [0.5], [-0.5]]
    Y = [[0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]]
    # true 0: one, predicted 0; true 1: two predicted 1, one predicted 0; true 2: one each as 1 and 0
    matrix = nnd.confusion_matrix(net, X, Y)
    assert matrix == [[1, 0, 0], [1, 2, 0], [1, 1, 0]]
    assert nnd.accuracy(net, X, Y) == 3 / 6


# -- laws over random networks and data -------------------------------------------------------------------
def classes_by_hand(rows: list[list[float]]) -> list[int]:
    if len(rows[0]) == 1:
        return [1 if row[0] >= 0.5 else 0 for row in rows]
    out = []
    for row in rows:
        best = 0
        for k, v in enumerate(row):
            if v > row[best]:  # only a larger value moves on: a tie keeps the first
                best = k
        out.append(best)
    return out


@given(problem=classifiers, one_hot=st.booleans(), data=st.data())
def test_accuracy_is_the_trace_over_the_total_and_rows_count_each_class(problem, one_hot, data) -> None:
    net = network(problem, "python")
    X, y = problem["X"], problem["y"]
    k = problem["sizes"][-1]
    if one_hot and k > 1:  # targets as classes, not only as numbers in [0, 1]
        labels = data.draw(st.lists(st.integers(0, k - 1), min_size=len(X), max_size=len(X)))
        y = [[1.0 if j == c else 0.0 for j in range(k)] for c in labels]
    predicted = classes_by_hand(net.forward(X).tolist())
    true = classes_by_hand(y)
    assert net.predict_class(X) == predicted
    matrix = nnd.confusion_matrix(net, X, y)
    size = max(2, k)
    assert len(matrix) == size and all(len(row) == size for row in matrix)
    assert [sum(row) for row in matrix] == [true.count(c) for c in range(size)]  # rows: the true classes
    assert [sum(col) for col in zip(*matrix)] == [
        predicted.count(c) for c in range(size)
    ]  # columns: predicted
    assert all(type(v) is int and v >= 0 for row in matrix for v in row)
    trace = sum(matrix[c][c] for c in range(size))
    accuracy = nnd.accuracy(net, X, y)
    assert accuracy == trace / len(X) == sum(p == t for p, t in zip(predicted, true)) / len(X)
    assert 0.0 <= accuracy <= 1.0


@given(problem=classifiers)
def test_the_classes_are_the_same_on_every_backend(problem) -> None:
    X, y = problem["X"], problem["y"]
    expected = network(problem, "python")
    for name in ("numpy", "torch"):
        try:
            net = network(problem, name)
        except nnd.BackendNotInstalledError:
            continue
        outputs = net.forward(X).tolist()
        close_call = any(
            (len(row) > 1 and sorted(row)[-1] - sorted(row)[-2] < 1e-12)
            or (len(row) == 1 and abs(row[0] - 0.5) < 1e-12)
            for row in outputs
        )  # rounding may decide a near tie either way
        if not close_call:
            assert net.predict_class(X) == expected.predict_class(X)
            assert nnd.confusion_matrix(net, X, y) == nnd.confusion_matrix(expected, X, y)


def test_accuracy_after_training_agrees_with_the_networks_own_outputs(backend) -> None:
    X, Y = nnd.data.xor(n=40, seed=1)
    net = nnd.Network((2, 4, 1), seed=0, bias=True, backend=backend)
    result = nnd.train(net, X, Y, method="sgd", epochs=20, batch_size=4, learning_rate=3.0, seed=0)
    by_hand = classes_by_hand(backend.tolist(net.forward(X)))
    right = sum(p == t for p, t in zip(by_hand, classes_by_hand(Y)))
    assert result.accuracy[-1] == nnd.accuracy(net, X, Y) == right / len(X)


# -- refusals -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call", [nnd.accuracy, nnd.confusion_matrix])
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("net", [[1.0]], [[1.0]]), "net: expected an nnd.Network"),
        ((None, [[0.3, 1.0]], [[1.0, 0.0, 0.0]]), "expected shape"),  # Y has 3 columns, the network 1 output
        ((None, [[0.3, 1.0], [0.5, 0.2]], [[1.0]]), "one row per example"),
        ((None, [[0.3]], [[1.0]]), "expected shape"),
        ((None, [[math.nan, 1.0]], [[1.0]]), "X"),
        ((None, [], []), "X"),
    ],
)
def test_bad_arguments_are_nnd_errors_that_change_nothing(call, args, words) -> None:
    net = nnd.Network((2, 3, 1), seed=0)
    before = flat(net.get_params())
    args = tuple(net if a is None else a for a in args)
    with pytest.raises(NNDError, match=words):
        call(*args)
    assert flat(net.get_params()) == before and net.last_pass == {}


def test_predict_class_refuses_inputs_of_the_wrong_width() -> None:
    with pytest.raises(NNDError, match="X"):
        nnd.Network((2, 3, 1), seed=0).predict_class([[1.0, 2.0, 3.0]])
