"""What norm, numerical_gradient and gradient_check compute, checked against the formulas.

The numerical gradient is compared with central differences of the series' cost written out
in plain Python (tests/series_reference.py), at the default ε and at large ones, where it
visibly differs from the true gradient; the check ratio with norms taken by hand.
"""

from __future__ import annotations

import math

import pytest
from helpers import assert_close, flat, network
from hypothesis import given
from hypothesis import strategies as st
from series_reference import central_differences, reference
from strategies import problems

import nnd
from nnd import gradcheck
from nnd.util.errors import InvalidTypeError, InvalidValueError

small = problems(max_rows=4, max_inputs=3, max_hidden=3, max_outputs=2, hidden_layers=(1, 2))
SERIES_X, SERIES_y = nnd.data.sleep_study()


# -- norm -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([3.0, 4.0], 5.0),
        ([[1, 2], [2]], 3.0),  # ragged nested lists: every number counts once
        ((3, (4,)), 5.0),
        ([], 0.0),
        ([[[]]], 0.0),
        (-2.5, 2.5),
        ([0.0, -12.0, [5.0]], 13.0),
    ],
)
def test_norm_of_plain_lists_is_the_root_of_the_sum_of_squares(value, expected) -> None:
    assert gradcheck.norm(value) == expected


@given(st.lists(st.floats(-1e3, 1e3), max_size=20))
def test_norm_is_the_square_root_of_the_sum_of_squares(values: list[float]) -> None:
    # scaled by the largest |v| first, so that squares of tiny values do not underflow to 0
    s = max((abs(v) for v in values), default=0.0)
    expected = 0.0 if s == 0.0 else s * math.sqrt(sum((v / s) ** 2 for v in values))
    assert math.isclose(gradcheck.norm(values), expected, rel_tol=1e-12)


def test_norm_of_an_array_is_the_norm_of_its_values(backend) -> None:
    assert gradcheck.norm(backend.asarray([[3.0, 0.0], [0.0, -4.0]])) == 5.0


class OnlyToList:
    """An array type that offers nothing but tolist()."""

    def __init__(self, rows: list) -> None:
        self.rows = rows

    def tolist(self) -> list:
        return self.rows


def test_norm_reads_an_array_through_tolist() -> None:
    assert gradcheck.norm(OnlyToList([[3.0], [4.0]])) == 5.0


def test_norm_reads_an_array_without_tolist_through_numpy() -> None:
    np = pytest.importorskip("numpy")

    class OnlyArray:
        def __array__(self, dtype=None, copy=None):
            return np.array([[3.0, 0.0], [0.0, 4.0]])

    assert gradcheck.norm(OnlyArray()) == 5.0


def test_norm_of_numbers_too_big_to_square_is_inf_or_exact() -> None:
    assert gradcheck.norm([1.5e308, 1.5e308]) == math.inf  # √2 · 1.5e308 is beyond the largest float
    assert gradcheck.norm([3e200, 4e200]) == pytest.approx(5e200, rel=1e-15)  # squares would overflow


def test_norm_takes_lists_nested_64_deep_and_no_deeper() -> None:
    def nested(depth: int) -> object:
        value: object = 2.0
        for _ in range(depth):
            value = [value]
        return value

    assert gradcheck.norm(nested(64)) == 2.0
    with pytest.raises(
        InvalidValueError, match=r"^norm: lists nested more than 64 deep \(or a list in itself\)$"
    ):
        gradcheck.norm(nested(65))


@pytest.mark.parametrize(
    ("bad", "what"), [("3", "str$"), ([1.0, True], "bool$"), ([None], "NoneType$"), ({"a": 1.0}, "dict$")]
)
def test_norm_names_what_is_not_a_number(bad, what) -> None:
    with pytest.raises(
        InvalidTypeError, match=r"^norm: expected numbers, \(nested\) lists of numbers or an array, got "
    ):
        gradcheck.norm(bad)
    with pytest.raises(TypeError, match=what):
        gradcheck.norm(bad)


def test_norm_of_an_int_too_large_for_a_float_is_a_value_error_saying_so() -> None:
    with pytest.raises(InvalidValueError, match=r"^norm: got an int too large for a float$"):
        gradcheck.norm([1.0, [2**1100]])


# -- numerical_gradient ----------------------------------------------------------------------------
@pytest.mark.parametrize("eps", [1e-4, 0.05, 0.3])
@pytest.mark.parametrize("lam", [None, 0.1])
def test_numerical_gradient_is_central_differences_of_the_cost_at_its_eps(backend, eps, lam) -> None:
    net = nnd.Network(seed=3, backend=backend, lam=lam)
    weights = [backend.tolist(W) for W in net.weights]
    numeric = gradcheck.numerical_gradient(net, SERIES_X, SERIES_y, eps=eps)
    expected = central_differences(weights, SERIES_X, SERIES_y, lam, eps)
    assert len(numeric) == len(expected)
    for got, want in zip(numeric, expected):
        assert backend.is_array(got) and backend.shape(got) == (len(want), len(want[0]))
        assert_close(got, want, rel=1e-7, abs_=1e-10)
    assert [backend.tolist(W) for W in net.weights] == weights  # the network keeps its weights


def test_numerical_gradient_moves_away_from_the_true_gradient_as_eps_grows() -> None:
    net = nnd.Network(seed=3)
    true = flat(net.gradients(SERIES_X, SERIES_y))
    errors = []
    for eps in (1e-4, 0.1, 0.5):
        numeric = flat(gradcheck.numerical_gradient(net, SERIES_X, SERIES_y, eps=eps))
        errors.append(max(abs(a - b) for a, b in zip(numeric, true)))
    assert errors[0] < 1e-7 < errors[1] < errors[2]  # O(eps²): an ignored eps cannot pass this


@given(problem=small, lam=st.sampled_from([None, 0.0, 0.5]))
def test_numerical_gradient_of_any_network(problem: dict, lam) -> None:
    net = network(problem, "python", lam)
    numeric = gradcheck.numerical_gradient(net, problem["X"], problem["y"], eps=1e-3)
    expected = central_differences(problem["weights"], problem["X"], problem["y"], lam, 1e-3)
    assert_close(numeric, expected, rel=1e-6, abs_=1e-9)


# -- gradient_check ---------------------------------------------------------------------------------
def ratio(g: list[float], n: list[float]) -> float:
    top = math.sqrt(sum((a - b) ** 2 for a, b in zip(g, n)))
    return top / math.sqrt(sum((a + b) ** 2 for a, b in zip(g, n)))


@pytest.mark.parametrize("eps", [0.1, 0.4])  # (at 1e-4 the ratio is a difference of near-equal numbers)
def test_gradient_check_is_the_series_ratio_at_its_eps(backend, eps) -> None:
    net = nnd.Network(seed=7, backend=backend)
    weights = [backend.tolist(W) for W in net.weights]
    g = [v for d in reference(weights, SERIES_X, SERIES_y, None)["dJdW"].values() for v in flat(d)]
    n = flat(central_differences(weights, SERIES_X, SERIES_y, None, eps))
    assert math.isclose(nnd.gradient_check(net, SERIES_X, SERIES_y, eps=eps), ratio(g, n), rel_tol=1e-4)


def test_gradient_check_grows_with_eps() -> None:
    net = nnd.Network(seed=7)
    small_eps, large_eps = (nnd.gradient_check(net, SERIES_X, SERIES_y, eps=e) for e in (1e-4, 0.3))
    assert small_eps < 1e-8 < 1e-4 < large_eps


def fake_gradients(monkeypatch, net: nnd.Network, g: list, n: list) -> None:
    """Make net's analytic gradient g and its numerical one n (each a list of weight matrices)."""
    B = net.backend
    net.__dict__["gradients"] = lambda X, y: tuple(B.asarray(x) for x in g)
    monkeypatch.setattr(
        gradcheck, "numerical_gradient", lambda net, X, y, eps: tuple(B.asarray(x) for x in n)
    )


@pytest.mark.parametrize(
    ("g", "n", "expected"),
    [
        ([[[1.0], [2.0]]], [[[1.0], [1.0]]], 1.0 / math.hypot(2.0, 3.0)),  # top 1, bottom √13
        ([[[3.0], [0.0]]], [[[0.0], [4.0]]], 1.0),  # orthogonal: |g − n| = |g + n|
        ([[[0.0], [0.0]]], [[[0.0], [0.0]]], 0.0),  # both zero: a perfect match
        ([[[1.0], [-2.0]]], [[[-1.0], [2.0]]], math.inf),  # g = −n: no match at all
    ],
)
def test_gradient_check_ratio_and_its_zero_cases(monkeypatch, g, n, expected) -> None:
    net = nnd.Network((2, 1), seed=0)
    fake_gradients(monkeypatch, net, g, n)
    assert nnd.gradient_check(net, [[1.0, 2.0]], [[0.5]]) == expected


def test_gradient_check_passes_its_eps_on(monkeypatch) -> None:
    seen = []
    net = nnd.Network((2, 1), seed=0)
    net.__dict__["gradients"] = lambda X, y: (net.backend.asarray([[1.0], [1.0]]),)

    def numerical(net, X, y, eps):
        seen.append(eps)
        return (net.backend.asarray([[1.0], [1.0]]),)

    monkeypatch.setattr(gradcheck, "numerical_gradient", numerical)
    assert nnd.gradient_check(net, [[1.0, 2.0]], [[0.5]], eps=0.25) == 0.0
    assert nnd.gradient_check(net, [[1.0, 2.0]], [[0.5]]) == 0.0
    assert seen == [0.25, 1e-4]


@pytest.mark.parametrize("function", [gradcheck.gradient_check, gradcheck.numerical_gradient])
def test_eps_and_net_errors_name_them(function) -> None:
    with pytest.raises(InvalidValueError, match=r"^eps: expected a positive finite number, got 0.0$"):
        function(nnd.Network(), SERIES_X, SERIES_y, eps=0.0)
    with pytest.raises(InvalidTypeError, match=r"^eps: expected a number, got str '0.1'$"):
        function(nnd.Network(), SERIES_X, SERIES_y, eps="0.1")
    with pytest.raises(InvalidTypeError, match=r"^eps: expected a number, got NoneType None$"):
        function(nnd.Network(), SERIES_X, SERIES_y, eps=None)
    with pytest.raises(InvalidTypeError, match=r"^net: expected an nnd.Network, got list$"):
        function([[1.0]], SERIES_X, SERIES_y)
