"""Bad input gets a clear error, changes nothing, and never mutates the caller's data."""

from __future__ import annotations

import copy
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnd

GOOD_X = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
GOOD_Y = [[0.75], [0.82], [0.93]]

BAD = [
    # (X, y, exception, words the message must contain); the first word says which argument is bad
    ([[0.3, 1.0], [0.5]], GOOD_Y[:2], ValueError, ["X", "ragged", "row 1 has 1"]),
    ([], [], ValueError, ["X", "empty"]),
    ([[0.3, 1.0, 2.0]], [[0.5]], ValueError, ["X", "expected shape (rows, 2)", "(1, 3)"]),
    (GOOD_X, GOOD_Y[:2], ValueError, ["y", "X has 3 rows", "y has 2"]),
    ([0.3, 1.0], [[0.5]], ValueError, ["X", "expected shape (rows, 2)", "(2,)"]),
    ([[[0.3, 1.0]]], [[0.5]], ValueError, ["X", "nested too deeply"]),
    ([["0.3", 1.0]], [[0.5]], TypeError, ["X", "number", "str"]),
    ([[None, 1.0]], [[0.5]], TypeError, ["X", "number", "NoneType"]),
    ([[True, 1.0]], [[0.5]], TypeError, ["X", "number", "bool"]),
    ([[math.nan, 1.0]], [[0.5]], ValueError, ["X", "finite", "nan"]),
    ([[math.inf, 1.0]], [[0.5]], ValueError, ["X", "finite", "inf"]),
    (GOOD_X, [[0.75, 0.1]] * 3, ValueError, ["y", "expected shape (rows, 1)"]),
    (GOOD_X, [[0.75], [math.nan], [0.1]], ValueError, ["y", "finite"]),
    ("not data", GOOD_Y, TypeError, ["X", "str"]),
    ({"a": 1}, GOOD_Y, TypeError, ["X", "dict"]),
]
CASES = [
    (m, *case)
    for case in BAD
    for m in ("cost", "gradients", "forward")
    if m != "forward" or case[3][0] == "X"
]


def snapshot(net: nnd.Network) -> tuple:
    B = net.backend
    names = ("z2", "a2", "z3", "yHat", "delta2", "delta3")
    return [B.tolist(W) for W in net.weights], {
        k: B.tolist(getattr(net, k, None)) for k in names if hasattr(net, k)
    }


@pytest.mark.parametrize("method, X, y, exc, words", CASES)
def test_bad_data_is_a_clear_error_that_changes_nothing(backend, method, X, y, exc, words) -> None:
    net = nnd.Network(seed=0, backend=backend)
    net.forward(GOOD_X)
    before = snapshot(net)
    X_copy, y_copy = copy.deepcopy(X), copy.deepcopy(y)
    with pytest.raises(exc) as info:
        getattr(net, method)(*((X,) if method == "forward" else (X, y)))
    for word in words:
        assert word in str(info.value)
    assert snapshot(net) == before
    assert X == X_copy and y == y_copy


def test_arrays_of_another_backend_are_refused_clearly() -> None:
    np = pytest.importorskip("numpy", reason="needs NumPy to make a foreign array")
    net = nnd.Network(seed=0)
    with pytest.raises(TypeError, match=r"numpy\.ndarray.*'python' backend.*asarray"):
        net.cost(np.array(GOOD_X), GOOD_Y)
    other = nnd.Network(seed=0, backend="numpy")
    with pytest.raises(TypeError, match=r"ListArray.*'numpy' backend"):
        other.W1 = net.W1
    with pytest.raises(TypeError, match="ListArray"):
        net.W1 + other.W1


def test_weights_with_the_wrong_shape_are_refused_and_kept(backend) -> None:
    net = nnd.Network(seed=0, backend=backend)
    before = snapshot(net)
    with pytest.raises(ValueError, match=r"W1: expected shape \(2, 3\), got \(3, 2\)"):
        net.W1 = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    with pytest.raises(ValueError, match="params: expected shape"):
        net.set_params([1.0] * 8)
    assert snapshot(net) == before


def test_setting_weights_copies_the_callers_data(backend) -> None:
    net = nnd.Network(seed=0, backend=backend)
    mine = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    net.W1 = mine
    mine[0][0] = 99.0
    assert backend.tolist(net.W1)[0][0] == 1.0
    array = backend.asarray([[1.0], [2.0], [3.0]])
    net.W2 = array
    assert net.W2 is not array


@pytest.mark.parametrize(
    "sizes, exc", [((2,), ValueError), ((2, 0, 1), ValueError), ((2, 3.5, 1), ValueError), (5, TypeError)]
)
def test_bad_layer_sizes(sizes, exc) -> None:
    with pytest.raises(exc, match="layer_sizes"):
        nnd.Network(sizes)


@pytest.mark.parametrize("lam", [-1.0, math.nan, "0.1", True])
def test_bad_lambda(lam) -> None:
    with pytest.raises(ValueError, match="lam"):
        nnd.Network(lam=lam)


@given(st.lists(st.lists(st.floats(-3, 3), min_size=2, max_size=2), min_size=1, max_size=5))
def test_callers_lists_are_never_mutated(X) -> None:
    y = [[0.5] for _ in X]
    X_copy, y_copy = copy.deepcopy(X), copy.deepcopy(y)
    net = nnd.Network(seed=1)
    net.gradients(X, y)
    net.set_params(net.get_params().tolist())
    nnd.numerical_gradient(net, X, y)
    assert X == X_copy and y == y_copy


def test_trace_needs_a_forward_pass_first() -> None:
    net = nnd.Network(seed=0)
    with pytest.raises(AttributeError, match="forward"):
        net.z2  # noqa: B018
    with pytest.raises(AttributeError, match="gradients"):
        net.delta3  # noqa: B018


def test_elementwise_shape_mismatch_is_an_error_not_broadcasting() -> None:
    B = nnd.get_backend("python")
    with pytest.raises(ValueError, match=r"\(3, 1\) and \(1, 3\)"):
        B.asarray([[1.0], [2.0], [3.0]]) + B.asarray([[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="do not align"):
        B.asarray([[1.0, 2.0]]) @ B.asarray([[1.0, 2.0]])


def test_bad_eps_for_numerical_gradient() -> None:
    with pytest.raises(ValueError, match="eps"):
        nnd.numerical_gradient(nnd.Network(seed=0), GOOD_X, GOOD_Y, eps=0)


def test_bad_test_data_for_training_is_named_as_test_data() -> None:
    net = nnd.Network(seed=0)
    before = snapshot(net)
    with pytest.raises(ValueError, match="testX: expected shape"):
        nnd.train(net, GOOD_X, GOOD_Y, testX=[[1.0, 2.0, 3.0]], testY=[[0.5]])
    assert snapshot(net) == before
