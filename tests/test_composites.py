"""Laws for the composite operations and the python backend's fast loops.

A composite (``Backend.output_delta`` and the like) is defined by its default,
written with simpler operations; a backend's faster version must compute the same.
The python backend writes short dot products out in full (``nnd.arrays.python.kernels``), up to
``UNROLL`` terms, so the draws cross that boundary.
"""

from __future__ import annotations

import math

import pytest
from helpers import assert_close
from hypothesis import given
from hypothesis import strategies as st
from strategies import matrices, values

import nnd
from nnd.arrays.backend import COMPOSITES, Backend
from nnd.arrays.python import kernels
from nnd.arrays.python.listarray import ListArray

pytestmark = pytest.mark.filterwarnings("error")

# dot-product lengths on both sides of the point where the python backend stops unrolling
lengths = st.integers(1, kernels.UNROLL + 3)
small = st.integers(1, 4)
wide = st.floats(min_value=-800.0, max_value=800.0)  # saturates the sigmoid both ways
# no subnormal numbers where a sum is compared bit for bit: JAX on the CPU flushes them to zero
normal = values.filter(lambda v: v == 0.0 or abs(v) >= 1e-100)


def _default(name: str, B: Backend, *args):
    """The composite as Backend defines it, run on B's own operations."""
    return getattr(Backend, name)(B, *args)


def test_every_composite_is_covered_here() -> None:
    assert set(COMPOSITES) == {
        "matmul_ta", "matmul_tb", "multiply_sigmoid_prime", "matmul_sigmoid", "output_delta", "hidden_delta",
        "matmul_bias_sigmoid", "add_row", "column_sums",
    }  # fmt: skip


@given(m=small, k=lengths, n=small, data=st.data())
def test_products_agree_with_their_definitions(backend: nnd.Backend, m, k, n, data) -> None:
    a = backend.asarray(data.draw(matrices(k, m)))
    b = backend.asarray(data.draw(matrices(k, n)))
    assert_close(backend.matmul_ta(a, b), _default("matmul_ta", backend, a, b))  # aᵀ·b, k-term sums
    c = backend.asarray(data.draw(matrices(m, k)))
    d = backend.asarray(data.draw(matrices(n, k)))
    assert_close(backend.matmul_tb(c, d), _default("matmul_tb", backend, c, d))  # c·dᵀ, k-term sums


@given(m=small, k=lengths, n=small, data=st.data())
def test_matmul_sigmoid_gives_z_and_its_sigmoid(backend: nnd.Backend, m, k, n, data) -> None:
    a = backend.asarray(data.draw(matrices(m, k, wide)))
    W = backend.asarray(data.draw(matrices(k, n)))
    z, out = backend.matmul_sigmoid(a, W)
    z_def, out_def = _default("matmul_sigmoid", backend, a, W)
    assert backend.is_array(z) and backend.is_array(out)  # every backend returns z itself
    assert backend.tolist(z) == backend.tolist(z_def)
    # bit for bit: net.a2 must equal net.sigmoid(net.z2) exactly, as the video's code has it
    assert backend.tolist(out) == backend.tolist(out_def)
    assert all(0.0 <= v <= 1.0 for row in backend.tolist(out) for v in row)


@given(m=small, n=st.integers(1, 5), data=st.data())
def test_output_delta_is_its_definition(backend: nnd.Backend, m, n, data) -> None:
    yHat = backend.asarray(data.draw(matrices(m, n, st.floats(0.0, 1.0))))
    y = backend.asarray(data.draw(matrices(m, n, st.floats(0.0, 1.0))))
    # bit for bit: the one-pass versions round exactly as the definitions do
    g, f_prime = backend.subtract(yHat, y), backend.sigmoid_prime_from_output(yHat)
    expected = backend.tolist(backend.multiply(g, f_prime))
    assert backend.tolist(backend.output_delta(yHat, y)) == expected
    assert backend.tolist(_default("output_delta", backend, yHat, y)) == expected
    assert backend.tolist(backend.multiply_sigmoid_prime(g, yHat)) == expected


@given(m=small, k=lengths, n=small, data=st.data())
def test_hidden_delta_is_its_definition(backend: nnd.Backend, m, k, n, data) -> None:
    delta = backend.asarray(data.draw(matrices(m, k)))
    W = backend.asarray(data.draw(matrices(n, k)))
    a = backend.asarray(data.draw(matrices(m, n, st.floats(0.0, 1.0))))
    expected = backend.multiply(backend.matmul_tb(delta, W), backend.sigmoid_prime_from_output(a))
    assert backend.tolist(backend.hidden_delta(delta, W, a)) == backend.tolist(expected)  # bit for bit
    assert_close(_default("hidden_delta", backend, delta, W, a), expected)


@given(m=small, k=lengths, n=small, data=st.data())
def test_matmul_bias_sigmoid_adds_the_bias_row_to_every_row(backend: nnd.Backend, m, k, n, data) -> None:
    a = backend.asarray(data.draw(matrices(m, k, wide)))
    W = backend.asarray(data.draw(matrices(k, n)))
    b = data.draw(matrices(1, n, normal))
    z, out = backend.matmul_bias_sigmoid(a, W, backend.asarray(b))
    product = backend.tolist(backend.matmul(a, W))
    expected = [[x + c for x, c in zip(row, b[0])] for row in product]  # a·W, then b added to each row
    assert backend.tolist(z) == expected
    assert backend.tolist(out) == backend.tolist(backend.sigmoid(z))  # a2 is f(z2), bit for bit


@given(m=small, n=small, data=st.data())
def test_add_row_and_column_sums_are_their_definitions(backend: nnd.Backend, m, n, data) -> None:
    rows = data.draw(matrices(m, n, normal))
    row = data.draw(matrices(1, n, normal))
    a = backend.asarray(rows)
    added = backend.add_row(a, backend.asarray(row))
    assert backend.tolist(added) == [[x + c for x, c in zip(r, row[0])] for r in rows]
    sums = [math.fsum(column) for column in zip(*rows)]
    assert_close(backend.column_sums(a), [sums], rel=1e-12, abs_=1e-12)
    assert backend.shape(backend.column_sums(a)) == (1, n)
    assert_close(_default("add_row", backend, a, backend.asarray(row)), added)
    assert_close(_default("column_sums", backend, a), [sums], rel=1e-12, abs_=1e-12)


@pytest.mark.parametrize(
    ("name", "shapes"),
    [
        ("matmul_sigmoid", [(2, 3), (2, 1)]),
        ("matmul_bias_sigmoid", [(2, 3), (3, 1), (1, 2)]),
        ("add_row", [(2, 3), (1, 2)]),
        ("add_row", [(2, 3), (2, 3)]),
        ("matmul_ta", [(2, 3), (3, 1)]),
        ("matmul_tb", [(2, 3), (2, 2)]),
        ("output_delta", [(3, 1), (3, 2)]),
        ("hidden_delta", [(3, 1), (2, 2), (3, 2)]),
        ("hidden_delta", [(3, 1), (2, 1), (2, 2)]),
    ],
)
def test_composites_refuse_shapes_that_do_not_fit(backend: nnd.Backend, name, shapes) -> None:
    args = [backend.asarray([[0.5] * cols for _ in range(rows)]) for rows, cols in shapes]
    with pytest.raises(ValueError, match=r"\(\d+, ?\d+\)"):  # names a shape
        getattr(backend, name)(*args)


@given(k=lengths, data=st.data())
def test_kernels_compute_dot_products(k, data) -> None:
    left = data.draw(matrices(2, k))
    right = [tuple(row) for row in data.draw(matrices(3, k))]
    got = kernels.products[k](left, right)
    for u, row in zip(left, got, strict=True):
        for v, value in zip(right, row, strict=True):
            exact = math.fsum(x * y for x, y in zip(u, v))
            assert math.isclose(value, exact, rel_tol=1e-12, abs_tol=1e-12 * k)


@given(data=st.data())
def test_unrolled_and_general_kernels_agree(data) -> None:
    k = kernels.UNROLL
    left, right = data.draw(matrices(2, k, wide)), data.draw(matrices(2, k))
    a = data.draw(matrices(2, 2, st.floats(0.0, 1.0)))
    assert_close(kernels.products[k](left, right), kernels.products.general(left, right))
    assert_close(kernels.delta_products[k](left, right, a), kernels.delta_products.general(left, right, a))
    assert not hasattr(kernels, "sigmoid_products")  # z is always computed, so f(u·v) needs no kernel
    assert kernels.products[k] is not kernels.products.general
    assert kernels.products[k + 1] is kernels.products.general


@given(matrices(3, 2))
def test_vdot_of_an_array_with_itself_is_its_sum_of_squares_every_time(rows) -> None:
    B, a = nnd.get_backend("python"), ListArray(rows)
    exact = math.fsum(x * x for r in rows for x in r)
    for _ in range(2):
        assert math.isclose(B.vdot(a, a), exact, rel_tol=1e-12, abs_tol=1e-300)
    b = B.add(a, 1.0)  # a new array: its own sum
    assert math.isclose(B.vdot(b, b), math.fsum((x + 1.0) ** 2 for r in rows for x in r), rel_tol=1e-12)
    a[0, 0] = 2.5  # changed in place: the sum follows the change
    exact = math.fsum(x * x for x in [2.5, *rows[0][1:], *(x for r in rows[1:] for x in r)])
    assert math.isclose(B.vdot(a, a), exact, rel_tol=1e-12, abs_tol=1e-300)


def test_a_network_checks_every_new_array_even_after_a_good_one() -> None:
    net = nnd.Network(seed=0)
    B = net.backend
    X, y = B.asarray([[0.3, 1.0], [0.5, 0.2]]), B.asarray([[0.7], [0.8]])
    net.gradients(X, y)
    with pytest.raises(ValueError, match="X: expected numbers within"):
        net.gradients(B.multiply(X, 1e200), y)
    X[1, 0] = 1e200  # the same array, changed in place after a good pass: checked again
    with pytest.raises(ValueError, match="X: expected numbers within"):
        net.gradients(X, y)
    net.W2[2, 0] = 1e31  # a weight changed in place beyond ±1e30
    with pytest.raises(ValueError, match="W2: expected numbers within"):
        net.forward([[0.3, 1.0]])


def test_the_trace_keeps_the_values_of_its_pass(backend: nnd.Backend) -> None:
    net = nnd.Network(seed=1, backend=backend)
    X = backend.asarray([[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]])
    net.gradients(X, backend.asarray([[0.75], [0.82], [0.93]]))
    W1, W2 = net.W1, net.W2
    expected_z2, expected_z3 = backend.matmul(X, W1), backend.matmul(net.a2, W2)
    try:
        W1[0, 0] = W1[0, 0] - 1.0  # in place: the array the pass used
        X[0, 1] = 7.0  # the data, in place
    except TypeError:  # JAX's arrays never change in place: there is nothing to guard against
        assert backend.name == "jax"
    net.W2 = [[0.0], [0.0], [0.0]]
    assert backend.tolist(net.z2) == backend.tolist(expected_z2)
    assert backend.tolist(net.z3) == backend.tolist(expected_z3)
    assert backend.tolist(net.a2) == backend.tolist(backend.sigmoid(net.z2))
    assert backend.tolist(net.yHat) == backend.tolist(backend.sigmoid(net.z3))


def test_a_list_array_can_be_changed_in_place_and_its_copies_cannot_see_it() -> None:
    a = ListArray([[1.0, 2.0], [3.0, 4.0]])
    row, column, copy, transposed = a[0], a[:, 0], a.copy(), a.T
    a[0, 0] = 5.0
    assert a.tolist() == [[5.0, 2.0], [3.0, 4.0]]
    assert row.tolist() == [5.0, 2.0]  # a row is a view, as in NumPy
    assert column.tolist() == [1.0, 3.0] and copy.tolist() == [[1.0, 2.0], [3.0, 4.0]]  # new arrays
    assert transposed.tolist() == [[1.0, 3.0], [2.0, 4.0]]
    row[1] = -1.0  # writing into the view writes into a
    assert a.tolist() == [[5.0, -1.0], [3.0, 4.0]]
    rows = a.tolist()  # a copy: changing it leaves a alone
    rows[0][0] = 9.0
    assert a[0, 0] == 5.0
    with pytest.raises(ValueError, match="finite"):
        a[1, 1] = math.nan
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        a[:, 1] = [1.0, 2.0, 3.0]
    with pytest.raises(TypeError, match="number"):
        a[0, 0] = "1"
    assert a.tolist() == [[5.0, -1.0], [3.0, 4.0]]  # refused assignments change nothing


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("matmul", ([[1.0]], "W")),
        ("matmul_ta", ("W", None)),
        ("vdot", ([1.0], [1.0])),
        ("sigmoid", ([[1.0]],)),
        ("matmul_sigmoid", ([[1.0]], "W")),
        ("hidden_delta", ("W", "W", [[0.5]])),
        ("output_delta", ([[0.5]], "W")),
    ],
)
def test_python_backend_names_what_arrived_instead_of_an_array(name, args) -> None:
    B = nnd.get_backend("python")
    W = B.asarray([[1.0]])
    args = [W if arg == "W" else arg for arg in args]
    with pytest.raises(TypeError, match=r"needs (ListArrays|two ListArrays).*got (list|NoneType)"):
        getattr(B, name)(*args)
