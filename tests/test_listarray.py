"""Laws of ListArray, the python backend's array: it behaves like NumPy's for the series' operations."""

from __future__ import annotations

import operator
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import matrices, values

import nnd
from nnd.listarray import ListArray

shapes = st.tuples(st.integers(1, 4), st.integers(1, 4))


@st.composite
def pairs(draw: st.DrawFn) -> tuple[list, list]:
    rows, cols = draw(shapes)
    return draw(matrices(rows, cols)), draw(matrices(rows, cols))


OPS = [operator.add, operator.sub, operator.mul]


@pytest.mark.parametrize("op", OPS)
@given(pair=pairs(), scalar=values)
def test_arithmetic_is_elementwise_like_numpy(op, pair, scalar) -> None:
    A, B = pair
    a, b = ListArray(A), ListArray(B)
    assert op(a, b).tolist() == [[op(x, y) for x, y in zip(r, s)] for r, s in zip(A, B)]
    assert op(a, scalar).tolist() == [[op(x, scalar) for x in r] for r in A]
    assert op(scalar, a).tolist() == [[op(scalar, x) for x in r] for r in A]
    assert a.tolist() == A and b.tolist() == B  # operands unchanged


@given(pair=pairs())
def test_transpose_twice_is_identity_and_shape_swaps(pair) -> None:
    a = ListArray(pair[0])
    assert a.T.T.tolist() == pair[0]
    assert a.T.shape == a.shape[::-1]


@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.data())
def test_matmul_matches_the_definition(m, k, n, data) -> None:
    A, B = data.draw(matrices(m, k)), data.draw(matrices(k, n))
    product = (ListArray(A) @ ListArray(B)).tolist()
    for i in range(m):
        for j in range(n):
            expected = sum(A[i][t] * B[t][j] for t in range(k))
            assert abs(product[i][j] - expected) <= 1e-12 * (
                1 + sum(abs(A[i][t] * B[t][j]) for t in range(k))
            )


def test_plus_does_not_concatenate_as_lists_would() -> None:
    a = ListArray([[1.0, 2.0]])
    assert (a + a).tolist() == [[2.0, 4.0]]  # raw lists: [[1.0, 2.0], [1.0, 2.0]]
    assert (a + a).shape == a.shape


def test_square_of_huge_numbers_is_inf_not_overflow_error() -> None:
    assert (ListArray([[1e200]]) ** 2).tolist() == [[float("inf")]]
    assert (ListArray([[1e200]]) ** 3).tolist() == [[float("inf")]]


def test_readable_print_and_repr() -> None:
    a = ListArray([[0.5, -1.25], [3.0, 4.0]])
    assert str(a) == "[[ 0.5  -1.25]\n [ 3.    4.  ]]"
    assert repr(a) == "ListArray([[0.5, -1.25], [3.0, 4.0]])"
    assert eval(repr(a), {"ListArray": ListArray}) == a


def test_one_dimensional_arrays_index_and_iterate() -> None:
    v = ListArray([1.0, 2.0, 3.0])
    assert v.shape == (3,) and v.ndim == 1 and len(v) == 3 and v[1] == 2.0
    with pytest.raises(TypeError, match="cannot be changed"):
        v[1] = 5
    assert list(v) == [1.0, 2.0, 3.0]
    m = ListArray([[1.0, 2.0], [3.0, 4.0]])
    assert (
        m[1, 0] == 3.0 and m[0].tolist() == [1.0, 2.0] and [r.tolist() for r in m] == [[1.0, 2.0], [3.0, 4.0]]
    )


def test_mixing_with_other_types_is_a_clear_error() -> None:
    a = ListArray([[1.0]])
    with pytest.raises(TypeError, match="ListArray"):
        a + "x"
    with pytest.raises(TypeError, match="ListArray"):
        a + [[1.0]]


def test_slices_of_rows_are_2d_arrays_and_column_slices_are_refused() -> None:
    a = ListArray([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    assert a[0:2].shape == (2, 2) and (a[0:2] + 1).tolist() == [[2.0, 3.0], [4.0, 5.0]]
    assert ListArray([1.0, 2.0, 3.0])[1:].tolist() == [2.0, 3.0]
    with pytest.raises(IndexError, match=r"a\[i, j\]"):
        a[:, 0]
    with pytest.raises(IndexError, match=r"a\[i, j\]"):
        ListArray([1.0])[0, 0]


def test_powers_stay_real_and_scalars_stay_float64() -> None:
    with pytest.raises(ValueError, match="not a real number"):
        ListArray([[-2.0]]) ** 0.5
    assert (ListArray([[-1e200]]) ** 3).tolist() == [[float("-inf")]]
    with pytest.raises(ValueError, match="too large for float64"):
        ListArray([[1.0]]) * 10**400
    with pytest.raises(ValueError, match="too large for float64"):
        ListArray([[10**400]])


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_arrays_and_networks_survive_pickling_with_every_protocol(protocol) -> None:
    net = nnd.Network(seed=3)
    X = [[0.3, 1.0], [0.5, 0.2]]
    net.forward(X)
    restored = pickle.loads(pickle.dumps(net, protocol))
    assert restored.W1 == net.W1 and restored.W2 == net.W2 and restored.forward(X) == net.forward(X)
    one_d = ListArray([1.0, -2.5])
    assert pickle.loads(pickle.dumps(one_d, protocol)) == one_d
