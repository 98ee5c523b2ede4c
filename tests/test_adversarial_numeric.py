"""Training, gradient checking, norm and the data helpers under hostile input.

Every refusal is a ValueError or TypeError naming the option (an ``nnd.NNDError`` too), never
an OverflowError, and it comes before anything is computed: the network keeps its weights and
the values of its last pass.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnd
from nnd import data
from nnd.util.errors import NNDError

X, y = nnd.data.sleep_study()
OTHER_X = [[0.1, 0.2], [0.3, 0.4]]
OTHER_y = [[0.5], [0.6]]

BAD_REALS = [10**400, -(10**400), math.nan, math.inf, -math.inf, True, False, "1e-4", None, [1e-4], 1j]


def snapshot(net: nnd.Network) -> tuple[list[float], list[list[float]], list[list[float]]]:
    """The weights and the kept yHat and delta2 (of a pass on OTHER_X), as plain lists."""
    return net.get_params().tolist(), net.yHat.tolist(), net.delta2.tolist()


def fresh() -> nnd.Network:
    net = nnd.Network(seed=5)
    net.gradients(OTHER_X, OTHER_y)  # a pass to keep: every failed call below must leave it
    return net


def refused(call, option: str) -> None:
    with pytest.raises((ValueError, TypeError)) as caught:
        call()
    assert not isinstance(caught.value, OverflowError)
    assert isinstance(caught.value, NNDError) and option in str(caught.value), caught.value


# -- training -------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", BAD_REALS + [-1e-3])
@pytest.mark.parametrize("option", ["gtol", "learning_rate"])
def test_bad_scalar_options_are_refused_by_name_before_training(option: str, value: object) -> None:
    if value is None:
        return  # None means "the default" for both
    net = fresh()
    before = snapshot(net)
    method = "gd" if option == "learning_rate" else "bfgs"
    refused(lambda: nnd.train(net, X, y, method=method, **{option: value}), option)
    assert snapshot(net) == before


@pytest.mark.parametrize("value", [-(10**400), -1, True, 2.0, "3", None, Fraction(1, 2)])
def test_bad_max_iter_is_refused_by_name(value: object) -> None:
    net = fresh()
    before = snapshot(net)
    refused(lambda: nnd.train(net, X, y, max_iter=value), "max_iter")
    assert snapshot(net) == before


def test_a_huge_max_iter_is_fine() -> None:
    result = nnd.train(nnd.Network(seed=0), X, y, max_iter=10**400)
    assert result.success and result.nit < 1000


@pytest.mark.parametrize("kind", [float, Fraction, "float32", "float64", "int64"])
def test_any_real_number_type_is_a_number(kind: object) -> None:
    if isinstance(kind, str):
        np = pytest.importorskip("numpy", reason="NumPy scalars")
        kind = getattr(np, kind)
    integral = getattr(kind, "__name__", "") == "int64"
    gtol = kind(1) if integral else Fraction(1, 10**6) if kind is Fraction else kind(1e-6)
    result = nnd.train(nnd.Network(seed=0), X, y, gtol=gtol)
    if integral:  # gtol = 1: the start has converged already
        assert result.success and result.nit == 0
    else:
        assert result.status in (0, 2) and result.fun < 1e-3
    eps = kind(1) if integral else Fraction(1, 10**4) if kind is Fraction else kind(1e-4)
    assert math.isfinite(nnd.gradient_check(nnd.Network(seed=0), X, y, eps=eps))


def test_a_jump_into_saturation_is_not_called_converged() -> None:
    net = nnd.Network(seed=0)
    result = nnd.train(net, X, y, method="gd", learning_rate=1e3)
    assert not result.success and result.status == nnd.training.SATURATED
    assert "converged" not in result.message and "saturated" in result.message
    yHat = [row[0] for row in net.forward(X).tolist()]  # the reason, seen from outside
    assert all(p * (1 - p) <= 1e-10 for p in yHat) and max(abs(t[0] - p) for t, p in zip(y, yHat)) > 0.1


@given(learning_rate=st.floats(1e-3, 1e6), seed=st.integers(0, 50), method=st.sampled_from(["gd", "bfgs"]))
def test_success_is_never_reported_on_a_saturated_plateau(
    learning_rate: float, seed: int, method: str
) -> None:
    net = nnd.Network(seed=seed)
    options = {"learning_rate": learning_rate} if method == "gd" else {}
    result = nnd.train(net, X, y, method=method, max_iter=60, **options)
    yHat = [row[0] for row in net.forward(X).tolist()]
    plateau = all(p * (1 - p) <= 1e-10 for p in yHat) and max(abs(t[0] - p) for t, p in zip(y, yHat)) > 1e-4
    assert not (result.success and plateau)
    if result.success:
        assert max(abs(g) for g in result.jac.tolist()) <= 1e-6


def test_a_minimum_is_still_a_success() -> None:
    result = nnd.train(nnd.Network(seed=0), X, y)
    assert result.success and result.status == 0 and result.fun < 1e-8


def test_bfgs_refuses_a_network_its_matrix_cannot_hold_before_training() -> None:
    net = nnd.Network((2, 1000, 1), seed=0)
    weights = net.get_params().tolist()
    with pytest.raises(ValueError, match="method='lbfgs'"):
        nnd.train(net, X, y)
    assert net.get_params().tolist() == weights


@pytest.mark.parametrize("method", [None, 3, "BFGS", ["gd"], "x" * 10_000])
def test_unknown_methods_are_refused_briefly(method: object) -> None:
    with pytest.raises(ValueError, match="method") as caught:
        nnd.train(nnd.Network(seed=0), X, y, method=method)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 200


def test_the_video_trainer_checks_max_iter_when_made() -> None:
    refused(lambda: nnd.Trainer(nnd.Network(seed=0), max_iter=-(10**400)), "max_iter")
    refused(lambda: nnd.Trainer(nnd.Network(seed=0), max_iter=True), "max_iter")


# -- gradient checking ------------------------------------------------------------------------------
@pytest.mark.parametrize("eps", [-1, 0, -0.0, *BAD_REALS])
@pytest.mark.parametrize("function", ["gradient_check", "numerical_gradient"])
def test_a_bad_eps_is_refused_before_anything_is_computed(function: str, eps: object) -> None:
    net = fresh()
    before = snapshot(net)
    refused(lambda: getattr(nnd, function)(net, X, y, eps=eps), "eps")
    assert snapshot(net) == before


@pytest.mark.parametrize(
    "bad", [([[1.0, 2.0], [3.0]], y), ([[math.nan, 1.0]] * 3, y), (X, [[2e30]] * 3), (X, "y")]
)
def test_bad_data_to_gradient_check_leaves_the_network_as_it_was(bad: tuple[object, object]) -> None:
    net = fresh()
    before = snapshot(net)
    with pytest.raises((ValueError, TypeError)):
        nnd.gradient_check(net, *bad)
    assert snapshot(net) == before


@pytest.mark.parametrize("net", [None, "net", 3, [[1.0]], object()])
@pytest.mark.parametrize("function", ["gradient_check", "numerical_gradient"])
def test_a_non_network_is_a_type_error_naming_it(function: str, net: object) -> None:
    with pytest.raises(TypeError, match="net: expected an nnd.Network"):
        getattr(nnd, function)(net, X, y)


# -- norm ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("values", [[10**400], [[1.0, -(10**400)]], 10**400])
def test_norm_of_an_int_beyond_float_is_a_value_error(values: object) -> None:
    with pytest.raises(ValueError, match="too large for a float") as caught:
        nnd.norm(values)
    assert not isinstance(caught.value, OverflowError)


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=30))
def test_norm_never_overflows_and_lies_between_its_bounds(values: list[float]) -> None:
    result = nnd.norm(values)
    biggest = max(abs(v) for v in values)
    assert result >= biggest
    bound = math.sqrt(len(values)) * biggest  # may itself be inf for values near the float limit
    assert result <= bound * (1 + 1e-15) or math.isinf(bound)


def test_norm_takes_any_real_number_type_and_refuses_others() -> None:
    assert nnd.norm([Fraction(3), 4]) == 5.0
    assert nnd.norm([[3], (4,)]) == 5.0
    for bad in (["3"], [True], [None], [1j]):
        with pytest.raises(TypeError, match="norm"):
            nnd.norm(bad)


def test_norm_of_a_list_inside_itself_is_refused() -> None:
    loop: list[object] = [1.0]
    loop.append(loop)
    with pytest.raises(ValueError, match="nested"):
        nnd.norm(loop)


# -- nnd.data -------------------------------------------------------------------------------------------
rows = st.lists(st.lists(st.floats(0.5, 100), min_size=2, max_size=2), min_size=1, max_size=6)


@given(rows)
def test_scale_divides_each_column_by_its_maximum_and_changes_nothing(X_hours: list[list[float]]) -> None:
    copy = [list(r) for r in X_hours]
    maxima = data.column_maxima(X_hours)
    assert maxima == [max(r[0] for r in copy), max(r[1] for r in copy)]
    assert data.scale(X_hours, maxima) == [[r[0] / maxima[0], r[1] / maxima[1]] for r in copy]
    assert X_hours == copy


@given(rows, st.integers(0, 5), st.sampled_from([math.nan, math.inf, -math.inf]))
def test_nan_and_inf_are_refused_wherever_they_are(
    X_hours: list[list[float]], where: int, bad: float
) -> None:
    X_hours[where % len(X_hours)][where % 2] = bad
    for call in (lambda: data.column_maxima(X_hours), lambda: data.scale(X_hours, [10.0, 5.0])):
        with pytest.raises(ValueError, match="finite"):
            call()


@pytest.mark.parametrize(
    ("X_hours", "maxima", "words"),
    [
        ([[1, 2], [3]], [1, 1], "ragged"),
        ([[1, 2], [3, 4, 5]], [1, 1], "ragged"),
        ([[1, 2]], [1.0], "one maximum per column"),
        ([[1, 2]], [1.0, 2.0, 3.0], "one maximum per column"),
        ([[1, 2]], [1.0, 0.0], "positive"),
        ([[1, 2]], [1.0, -2.0], "positive"),
        ([[1, 2]], [1.0, math.nan], "finite"),
        ([[1, 2]], [1.0, 10**400], "finite"),
        ([], [1.0], "at least one row"),
        ([[]], [], "at least one row"),
    ],
)
def test_scale_refuses_what_it_cannot_scale(X_hours: list, maxima: list, words: str) -> None:
    with pytest.raises(ValueError, match=words) as caught:
        data.scale(X_hours, maxima)
    assert isinstance(caught.value, NNDError)


@pytest.mark.parametrize(
    ("X_hours", "words"),
    [([[0, 1], [0, 2]], "column 0's maximum is 0"), ([[-1, 1], [-2, 2]], "column 0's maximum is -1"),
     ([[1, 2], [3]], "ragged"), ([[1, True]], "number"), ("12", "rows"), ([[1, "2"]], "number")],
)  # fmt: skip
def test_column_maxima_refuses_what_cannot_be_scaled(X_hours: object, words: str) -> None:
    with pytest.raises((ValueError, TypeError), match=words):
        data.column_maxima(X_hours)  # type: ignore[arg-type]
