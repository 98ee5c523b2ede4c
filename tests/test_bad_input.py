"""Bad input gets a clear error, changes nothing, and never mutates the caller's data."""

from __future__ import annotations

import copy
import math

import pytest
from conftest import needs_numpy
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


def test_arrays_of_another_backend_are_converted_and_bad_ones_refused() -> None:
    """A NumPy array on the python backend, or a ListArray on the numpy backend, is converted.

    Arrays that cannot be a network's data (booleans, complex numbers, strings, 3-D, masked
    values) are refused with an error naming the argument, and the network is left as it was.
    """
    np = pytest.importorskip("numpy", reason="needs NumPy to make a foreign array")
    net = nnd.Network(seed=0)
    assert net.cost(np.array(GOOD_X), np.array(GOOD_Y)) == net.cost(GOOD_X, GOOD_Y)
    assert net.forward(np.array(GOOD_X, dtype=np.float32)).shape == (3, 1)
    other = nnd.Network(seed=0, backend="numpy")
    other.W1 = net.W1  # a ListArray, converted to a float64 ndarray (a copy)
    assert type(other.W1) is np.ndarray and other.W1.dtype == np.float64
    assert other.W1.tolist() == net.W1.tolist()
    other.W1[0, 0] = 42.0
    assert net.W1[0, 0] != 42.0
    total = net.W1 + other.W1  # NumPy's operator runs: the result is NumPy's
    assert type(total) is np.ndarray and total.tolist() == (np.array(net.W1.tolist()) + other.W1).tolist()
    bad = [
        (np.array([[True, False]] * 3), TypeError, "booleans"),
        (np.array(GOOD_X, dtype=complex), TypeError, "complex"),
        (np.array([["a", "b"]] * 3), TypeError, "strings"),
        (np.zeros((3, 2, 1)), ValueError, r"(3-D|\(3, 2, 1\))"),
        (np.array(0.5), ValueError, r"(0-D|got \(\))"),
        (np.float64(0.5), TypeError, "float64"),
        (np.ma.masked_array(GOOD_X, mask=[[0, 1], [0, 0], [0, 0]]), ValueError, "masked"),
        (np.array([[np.nan, 1.0]] * 3), ValueError, "finite"),
    ]
    for owner in (net, other):
        owner.forward(GOOD_X)
        before = snapshot(owner)
        for X, exc, word in bad:
            with pytest.raises(exc, match=rf"^X: .*{word}"):
                owner.cost(X, GOOD_Y)
            with pytest.raises(exc, match=rf"^W1: .*{word}"):
                owner.W1 = X
        assert snapshot(owner) == before


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


@pytest.mark.parametrize(
    "X, y, words",
    [
        ([[1e31, 0.5]], [[0.5]], ["X", "within ±1e+30"]),
        ([[1e308, 1e308]], [[0.5]], ["X", "within ±1e+30"]),
        ([[0.3, 1.0]], [[1e200]], ["y", "within ±1e+30"]),
        ([[10**400, 1.0]], [[0.5]], ["X", "too large for float64"]),
    ],
)
def test_values_that_could_overflow_the_network_are_refused(backend, X, y, words) -> None:
    net = nnd.Network(seed=0, backend=backend)
    before = snapshot(net)
    for method in (net.cost, net.gradients):
        with pytest.raises(ValueError) as info:
            method(X, y)
        assert all(word in str(info.value) for word in words), str(info.value)
    assert snapshot(net) == before


@pytest.mark.filterwarnings("error")
def test_the_largest_accepted_values_give_finite_cost_and_gradients(backend) -> None:
    """At the limit, nothing overflows: J and every gradient stay finite, with no warning."""
    big = 1e30
    net = nnd.Network((2, 3, 1), seed=0, backend=backend, lam=big)
    net.W1 = [[big, -big, big], [-big, big, big]]
    net.W2 = [[big], [-big], [big]]
    X, y = [[big, -big], [-big, big]], [[big], [-big]]
    J, grads = net.cost_and_gradients(X, y)
    assert math.isfinite(J)
    assert all(math.isfinite(v) for g in grads for row in backend.tolist(g) for v in row)


@pytest.mark.parametrize("lam", [1e31, 10**400])
def test_lambda_beyond_the_limit_is_refused(lam) -> None:
    with pytest.raises(ValueError, match=r"lam: expected a finite number >= 0 and <= 1e\+30"):
        nnd.Network(lam=lam)


def test_lambda_and_sizes_accept_other_real_and_integer_types() -> None:
    from fractions import Fraction

    assert nnd.Network(lam=Fraction(1, 10000)).lam == 1e-4
    np = pytest.importorskip("numpy", reason="NumPy scalars")
    net = nnd.Network((np.int64(2), 3, 1), lam=np.float32(0.5))
    assert net.layer_sizes == (2, 3, 1) and type(net.layer_sizes[0]) is int and net.lam == 0.5


def test_a_shallow_copy_keeps_its_own_weights(backend) -> None:
    net = nnd.Network(seed=0, backend=backend)
    twin = copy.copy(net)
    twin.W1 = twin.W1 * 0
    twin.set_params([0.0] * net.n_params)
    assert backend.tolist(net.W1) != [[0.0] * 3] * 2 and backend.tolist(net.W2) != [[0.0]] * 3


@needs_numpy
def test_a_shallow_copy_shares_no_weight_array_even_with_numpys_in_place_updates() -> None:
    net = nnd.Network(seed=0, backend="numpy")
    before = net.W1.tolist()
    twin = copy.copy(net)
    twin.W1 -= 1.0  # in place on the array twin.W1 returns
    assert net.W1.tolist() == before and twin.W1.tolist() != before


@pytest.mark.parametrize("name", ["W3", "z2", "a2", "yHat", "delta3"])
def test_layer_names_cannot_be_set_by_mistake(name) -> None:
    net = nnd.Network(seed=0)
    with pytest.raises(AttributeError, match=f"cannot set {name}"):
        setattr(net, name, 0)


def test_numpy_arrays_of_the_wrong_kind_are_named() -> None:
    np = pytest.importorskip("numpy", reason="needs NumPy arrays")
    net = nnd.Network(seed=0, backend="numpy")
    with pytest.raises(TypeError, match="dtype complex128"):
        net.cost(np.array([[0.3 + 1j, 1.0]]), [[0.5]])
