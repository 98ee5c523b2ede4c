"""Laws of the sigmoid f and its derivative f′ over every finite float64, on every backend."""

from __future__ import annotations

import math

import pytest
from helpers import assert_close
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import finite_floats

import nnd

pytestmark = pytest.mark.filterwarnings("error")  # a RuntimeWarning (overflow, invalid) fails the test

zs = st.lists(finite_floats, min_size=1, max_size=8)
EXTREMES = [1000.0, -1000.0, 1e308, -1e308, 709.8, -709.8, 745.2, -745.2, 0.0, -0.0]


def apply(B: nnd.Backend, name: str, values: list[float]) -> list[float]:
    return B.tolist(getattr(B, name)(B.asarray([values])))[0]


@given(zs)
@example(EXTREMES)
def test_sigmoid_is_finite_and_within_zero_and_one(backend: nnd.Backend, z: list[float]) -> None:
    for f in apply(backend, "sigmoid", z):
        assert math.isfinite(f) and 0.0 <= f <= 1.0


@given(zs)
@example(EXTREMES)
def test_sigmoid_is_symmetric(backend: nnd.Backend, z: list[float]) -> None:
    """f(−z) = 1 − f(z)."""
    f = apply(backend, "sigmoid", z)
    g = apply(backend, "sigmoid", [-x for x in z])
    for a, b in zip(f, g):
        assert math.isclose(b, 1.0 - a, rel_tol=1e-12, abs_tol=1e-15)


@given(zs)
@example(EXTREMES)
def test_derivative_is_f_times_one_minus_f(backend: nnd.Backend, z: list[float]) -> None:
    """f′ = f(1 − f), finite and in [0, ¼]."""
    f = apply(backend, "sigmoid", z)
    d = apply(backend, "sigmoid_prime", z)
    for x, a, b in zip(z, f, d):
        assert math.isfinite(b) and 0.0 <= b <= 0.25
        assert math.isclose(b, a * (1.0 - a), rel_tol=1e-9, abs_tol=1e-15), x


@given(st.lists(st.floats(min_value=-15, max_value=15), min_size=1, max_size=8))
def test_backprop_step_matches_the_derivative_where_the_sigmoid_is_not_saturated(backend, z) -> None:
    """g ⊙ f′ computed from the output a = f(z) agrees with f′(z) itself to 1e-9 relative for |z| ≤ 15."""
    a = backend.sigmoid(backend.asarray([z]))
    g = backend.asarray([[1.0 + i for i in range(len(z))]])
    step = backend.tolist(backend.multiply_sigmoid_prime(g, a))[0]
    derivative = apply(backend, "sigmoid_prime", z)
    for i, (s, d) in enumerate(zip(step, derivative)):
        assert math.isclose(s, (1.0 + i) * d, rel_tol=1e-9, abs_tol=0.0), z[i]


def test_numpy_sigmoid_never_overflows_or_divides_by_zero_even_when_numpy_would_raise() -> None:
    """Not even a floating-point flag: with overflow, invalid and divide errors raised, all is quiet.

    (Underflow to zero is the right limit in the tails and NumPy ignores it by default.)
    """
    np = pytest.importorskip("numpy", reason="the NumPy backend's error handling")
    B = nnd.get_backend("numpy")
    z = B.asarray([EXTREMES])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert all(math.isfinite(v) for v in B.tolist(B.sigmoid(z))[0] + B.tolist(B.sigmoid_prime(z))[0])


@given(st.floats(min_value=-350, max_value=700))
def test_sigmoid_matches_its_definition_where_exp_does_not_overflow(backend: nnd.Backend, z: float) -> None:
    (f,) = apply(backend, "sigmoid", [z])
    (d,) = apply(backend, "sigmoid_prime", [z])
    assert math.isclose(f, 1.0 / (1.0 + math.exp(-z)), rel_tol=1e-13)
    assert math.isclose(d, math.exp(-z) / (1.0 + math.exp(-z)) ** 2, rel_tol=1e-12, abs_tol=1e-300)


def test_sigmoid_keeps_relative_accuracy_far_in_the_tail(backend: nnd.Backend) -> None:
    (f,) = apply(backend, "sigmoid", [-40.0])
    assert math.isclose(f, math.exp(-40.0) / (1.0 + math.exp(-40.0)), rel_tol=1e-14)


@given(finite_floats)
@example(-1e308)
def test_video_sigmoid_and_its_derivative_on_numbers(z: float) -> None:
    NN = nnd.Neural_Network(seed=0)
    f, d = NN.sigmoid(z), NN.sigmoidPrime(z)
    assert 0.0 <= f <= 1.0 and 0.0 <= d <= 0.25
    assert math.isclose(d, f * (1 - f), rel_tol=1e-9, abs_tol=1e-15)


def test_video_sigmoid_on_arrays_matches_numbers(backend: nnd.Backend) -> None:
    NN = nnd.Neural_Network(seed=0, backend=backend)
    values = [-5.0, -0.5, 0.0, 2.0]
    # NumPy's exp and math.exp may differ in the last bit
    assert_close(NN.sigmoid(values), [NN.sigmoid(v) for v in values], rel=1e-15, abs_=0.0)
    assert_close(NN.sigmoidPrime([values]), [[NN.sigmoidPrime(v) for v in values]], rel=1e-15, abs_=0.0)


# -- nnd's one scalar sigmoid (nnd.arrays.python.kernels), which the pictures and the conformance
# check use: against the textbook formulas, computed here with math.exp where they cannot overflow


@given(st.floats(-700.0, 700.0))
@example(0.0)
@example(-0.0)
@example(1e-300)
def test_the_scalar_sigmoid_and_its_derivative_are_the_textbook_formulas(z: float) -> None:
    from nnd.arrays.python.kernels import sigmoid, sigmoid_prime

    e = math.exp(-z)
    assert math.isclose(sigmoid(z), 1.0 / (1.0 + e), rel_tol=1e-15)
    assert math.isclose(sigmoid_prime(z), e / (1.0 + e) / (1.0 + e), rel_tol=1e-14)


@pytest.mark.parametrize(
    ("z", "f", "f_prime"),
    [(-1e308, 0.0, 0.0), (-745.2, 0.0, 0.0), (-709.8, math.exp(-709.8), math.exp(-709.8)), (1e308, 1.0, 0.0)],
)
def test_the_scalar_sigmoid_does_not_overflow_at_the_ends(z: float, f: float, f_prime: float) -> None:
    from nnd.arrays.python.kernels import sigmoid, sigmoid_prime

    assert math.isclose(sigmoid(z), f, rel_tol=1e-15)
    assert math.isclose(sigmoid_prime(z), f_prime, rel_tol=1e-14)
