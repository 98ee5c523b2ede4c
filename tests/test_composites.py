"""Laws for the composite operations and the python backend's fast loops.

A composite (``Backend.output_delta`` and the like) is defined by its default,
written with simpler operations; a backend's faster version must compute the same.
The python backend writes short dot products out in full (``nnd.kernels``), up to
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
from nnd import kernels
from nnd.backend import COMPOSITES, Backend
from nnd.listarray import ListArray

pytestmark = pytest.mark.filterwarnings("error")

# dot-product lengths on both sides of the point where the python backend stops unrolling
lengths = st.integers(1, kernels.UNROLL + 3)
small = st.integers(1, 4)
wide = st.floats(min_value=-800.0, max_value=800.0)  # saturates the sigmoid both ways


def _default(name: str, B: Backend, *args):
    """The composite as Backend defines it, run on B's own operations."""
    return getattr(Backend, name)(B, *args)


def test_every_composite_is_covered_here() -> None:
    assert set(COMPOSITES) == {
        "matmul_ta", "matmul_tb", "multiply_sigmoid_prime", "sigmoid_matmul", "output_delta", "hidden_delta"
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
def test_sigmoid_matmul_is_the_sigmoid_of_the_product(backend: nnd.Backend, m, k, n, data) -> None:
    a = backend.asarray(data.draw(matrices(m, k, wide)))
    W = backend.asarray(data.draw(matrices(k, n)))
    fused = backend.tolist(backend.sigmoid_matmul(a, W))
    # bit for bit: net.a2 must equal net.sigmoid(net.z2) exactly, as the video's code has it
    assert fused == backend.tolist(_default("sigmoid_matmul", backend, a, W))
    assert all(0.0 <= v <= 1.0 for row in fused for v in row)


@given(m=small, n=st.integers(1, 5), data=st.data())
def test_output_delta_is_its_definition(backend: nnd.Backend, m, n, data) -> None:
    yHat = backend.asarray(data.draw(matrices(m, n, st.floats(0.0, 1.0))))
    y = backend.asarray(data.draw(matrices(m, n, st.floats(0.0, 1.0))))
    assert_close(backend.output_delta(yHat, y), _default("output_delta", backend, yHat, y))
    g = backend.subtract(yHat, y)
    assert_close(
        backend.multiply_sigmoid_prime(g, yHat), _default("multiply_sigmoid_prime", backend, g, yHat)
    )


@given(m=small, k=lengths, n=small, data=st.data())
def test_hidden_delta_is_its_definition(backend: nnd.Backend, m, k, n, data) -> None:
    delta = backend.asarray(data.draw(matrices(m, k)))
    W = backend.asarray(data.draw(matrices(n, k)))
    a = backend.asarray(data.draw(matrices(m, n, st.floats(0.0, 1.0))))
    assert_close(backend.hidden_delta(delta, W, a), _default("hidden_delta", backend, delta, W, a))


@pytest.mark.parametrize(
    ("name", "shapes"),
    [
        ("sigmoid_matmul", [(2, 3), (2, 1)]),
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
    left, right = data.draw(matrices(2, k)), data.draw(matrices(2, k))
    a = data.draw(matrices(2, 2, st.floats(0.0, 1.0)))
    for table in (kernels.products, kernels.sigmoid_products):
        assert_close(table[k](left, right), table.general(left, right))
    assert_close(kernels.delta_products[k](left, right, a), kernels.delta_products.general(left, right, a))
    assert kernels.products[k] is not kernels.products.general
    assert kernels.products[k + 1] is kernels.products.general


@given(matrices(3, 2), st.integers(0, 2), st.integers(0, 1), values)
def test_vdot_of_an_array_with_itself_follows_writes(rows, i, j, value) -> None:
    a = ListArray(rows)
    before = nnd.get_backend("python").vdot(a, a)
    assert before == math.fsum(x * x for r in rows for x in r) or math.isclose(before, math.fsum(
        x * x for r in rows for x in r), rel_tol=1e-12, abs_tol=1e-300)  # fmt: skip
    a[i, j] = value
    rows[i][j] = value
    after = nnd.get_backend("python").vdot(a, a)
    assert math.isclose(after, math.fsum(x * x for r in rows for x in r), rel_tol=1e-12, abs_tol=1e-300)


def test_a_network_sees_a_write_that_puts_data_out_of_range() -> None:
    net = nnd.Network(seed=0)
    B = net.backend
    X, y = B.asarray([[0.3, 1.0], [0.5, 0.2]]), B.asarray([[0.7], [0.8]])
    net.gradients(X, y)  # checks X, and remembers Σx² on it
    X[0, 1] = 1e200
    with pytest.raises(ValueError, match="X: expected numbers within"):
        net.gradients(X, y)


def test_z_is_computed_from_the_weights_of_the_last_pass(backend: nnd.Backend) -> None:
    net = nnd.Network(seed=1, backend=backend)
    X = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
    net.forward(X)
    W1, W2, a2 = net.W1, net.W2, net.a2
    net.W1 = [[0.0] * 3, [0.0] * 3]  # changing the weights afterwards does not rewrite history
    assert backend.tolist(net.z2) == backend.tolist(backend.matmul(backend.asarray(X), W1))
    assert backend.tolist(net.z3) == backend.tolist(backend.matmul(a2, W2))
    assert backend.tolist(net.a2) == backend.tolist(backend.sigmoid(net.z2))
