"""The numpy backend's promises beyond its values: float64 in, one new array per step, no warnings.

Its module docstring promises that the elementwise functions build their result in one new
array and work in it in place; tracemalloc, which sees NumPy's allocations, counts the bytes.
Its sigmoids promise no warning, even under ``np.errstate(all="raise")``, for every float.
"""

from __future__ import annotations

import math
import tracemalloc

import pytest

import nnd

np = pytest.importorskip("numpy")
B = nnd.get_backend("numpy")

N = 200_000  # elements: large enough that the arrays dwarf any bookkeeping
z = np.linspace(-20.0, 20.0, N)
a = np.linspace(0.0, 1.0, N)
square = np.linspace(-1.0, 1.0, 250_000).reshape(500, 500)


def peak_arrays(fn, *args) -> float:
    """The peak memory fn(*args) allocates, in arrays of N float64 values."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = fn(*args)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    return peak / result.nbytes


@pytest.mark.parametrize(
    ("name", "args", "arrays"),
    [
        ("sigmoid", (z,), 1),
        ("sigmoid_prime_from_output", (a,), 1),
        ("multiply_sigmoid_prime", (z, a), 1),
        ("sigmoid_prime", (z,), 2),  # e and (1 + e)²
        ("output_delta", (a, a[::-1].copy()), 2),  # the result and yHat − y
        ("hidden_delta", (square, square, square), 2),  # the result and delta·Wᵀ
    ],
)
def test_each_elementwise_step_allocates_its_result_and_no_more(name, args, arrays) -> None:
    assert peak_arrays(getattr(B, name), *args) < arrays + 0.1


EXTREMES = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    707.9,
    -707.9,
    708.5,
    -708.5,
    709.5,
    -709.5,
    745.2,
    -745.2,
    1e4,
    -1e4,
    1e308,
    -1e308,
]


def test_the_sigmoid_raises_no_floating_point_error_for_any_float_and_is_exact_in_its_range() -> None:
    with np.errstate(all="raise"):
        got = B.sigmoid(np.array(EXTREMES)).tolist()
    for x, value in zip(EXTREMES, got, strict=True):
        if x > 708:
            assert value == 1.0
        elif x < -708:  # f(x) < 3.3e-308: zero or a subnormal number, never negative
            assert 0.0 <= value <= 1.0 / (1.0 + math.exp(708.0))
        else:
            assert math.isclose(value, 1.0 / (1.0 + math.exp(-x)), rel_tol=1e-15)


def test_sigmoid_prime_raises_no_floating_point_error_for_any_float() -> None:
    with np.errstate(all="raise"):
        got = B.sigmoid_prime(np.array(EXTREMES)).tolist()
    for x, value in zip(EXTREMES, got, strict=True):
        e = math.exp(-abs(x))
        assert math.isclose(value, e / (1.0 + e) ** 2, rel_tol=1e-14, abs_tol=0.0) or value == 0.0 == e
        assert 0.0 <= value <= 0.25


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.float32, np.float64, np.uint8])
def test_asarray_of_a_numpy_array_is_a_new_float64_array(dtype) -> None:
    data = np.array([[1, 2], [3, 4]], dtype=dtype)
    got = B.asarray(data)
    assert type(got) is np.ndarray and got.dtype == np.float64 and got.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert got is not data and not np.shares_memory(got, data)
    assert B.is_array(got) and B.is_array(data) == (dtype is np.float64)  # float64 arrays are taken as is


@pytest.mark.parametrize("data", [np.array([[np.nan, 1.0]]), [[math.nan, 1.0]]], ids=["ndarray", "list"])
def test_asarray_names_what_it_was_given_or_itself(data) -> None:
    with pytest.raises(ValueError, match=r"^W1: expected (finite numbers|a finite number)"):
        B.asarray(data, "W1")
    with pytest.raises(
        ValueError, match=r"^numpy backend: asarray: expected (finite numbers|a finite number)"
    ):
        B.asarray(data)


def test_copy_and_from_floats_give_float64_arrays_of_their_own() -> None:
    x = B.asarray([[1.0, 2.0], [3.0, 4.0]])
    c = B.copy(x)
    assert c.dtype == np.float64 and c.tolist() == x.tolist() and not np.shares_memory(c, x)
    built = B.from_floats([[1.0, 2.0, 3.0]], (1, 3))
    assert type(built) is np.ndarray and built.dtype == np.float64 and built.shape == (1, 3)
    assert B.from_floats([1.0, 2.0], (2,)).shape == (2,)


def test_add_row_and_column_sums_refuse_shapes_numpy_would_broadcast_naming_themselves() -> None:
    expected = r"^numpy backend: add_row needs an \(m, n\) array and a \(1, n\) row, got \(2, 3\) and"
    with pytest.raises(nnd.NNDError, match=expected):
        B.add_row(np.ones((2, 3)), np.ones((2, 3)))  # NumPy would add them elementwise
    expected = r"^numpy backend: column_sums needs a 2-D array, got shape \(3,\)$"
    with pytest.raises(nnd.NNDError, match=expected):
        B.column_sums(np.ones(3))
