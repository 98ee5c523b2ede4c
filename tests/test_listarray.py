"""Laws of ListArray, the python backend's array: it behaves like NumPy's for the series' operations."""

from __future__ import annotations

import operator
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import matrices, values

import nnd
from nnd.arrays.python.listarray import ListArray

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


def test_print_and_repr_read_like_numpys() -> None:
    a = ListArray([[0.5, -1.25], [3.0, 4.0]])
    assert str(a) == "[[ 0.5  -1.25]\n [ 3.    4.  ]]"  # points aligned down each column
    assert repr(a) == "ListArray([[ 0.5 , -1.25],\n           [ 3.  ,  4.  ]])"
    assert eval(repr(a), {"ListArray": ListArray}) == a
    assert repr(ListArray([1.0, 2.0, 3.0])) == "ListArray([1., 2., 3.])"
    assert str(ListArray([1e-5, 1.0])) == "[1.e-05 1.e+00]"  # magnitudes 1e5 apart: scientific
    assert str(ListArray([0.1 + 0.2])) == "[0.3]"  # 8 digits after the point at most


def test_one_dimensional_arrays_index_change_and_iterate() -> None:
    v = ListArray([1.0, 2.0, 3.0])
    assert v.shape == (3,) and v.ndim == 1 and len(v) == 3 and v[1] == 2.0 and v[-1] == 3.0
    v[1] = 5
    assert v.tolist() == [1.0, 5.0, 3.0] and type(v[1]) is float
    assert list(v) == [1.0, 5.0, 3.0]
    m = ListArray([[1.0, 2.0], [3.0, 4.0]])
    assert m[1, 0] == 3.0 and m[-1, -2] == 3.0 and m[0].tolist() == [1.0, 2.0]
    assert [r.tolist() for r in m] == [[1.0, 2.0], [3.0, 4.0]]
    for r in m:  # rows are views, as NumPy's are
        r[0] = 0.0
    m[1] = [7.0, 8.0]
    assert m.tolist() == [[0.0, 2.0], [7.0, 8.0]]


def test_slices_of_rows_and_columns_are_new_arrays() -> None:
    a = ListArray([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    assert a[0:2].shape == (2, 2) and (a[0:2] + 1).tolist() == [[2.0, 3.0], [4.0, 5.0]]
    assert ListArray([1.0, 2.0, 3.0])[1:].tolist() == [2.0, 3.0]
    assert a[:, 0].tolist() == [1.0, 3.0, 5.0] and a[:, 0].shape == (3,)
    assert a[1:, 1:].tolist() == [[4.0], [6.0]] and a[::-2, 0].tolist() == [5.0, 1.0]
    assert a[0, ::-1].tolist() == [2.0, 1.0] and a[:, ::-1].tolist() == [[2.0, 1.0], [4.0, 3.0], [6.0, 5.0]]
    column = a[:, 1]
    column[0] = 99.0  # a column is a copy: a is unchanged
    assert a[0, 1] == 2.0
    a[:, 1] = [0.0, -1.0, -2.0]
    assert a.tolist() == [[1.0, 0.0], [3.0, -1.0], [5.0, -2.0]]
    with pytest.raises(IndexError, match="too many indices"):
        ListArray([1.0])[0, 0]
    with pytest.raises(IndexError, match="out of bounds"):
        a[3, 0]
    with pytest.raises(IndexError, match="ints and slices"):
        a[0.5]
    with pytest.raises(IndexError, match="selects nothing"):
        a[3:]
    with pytest.raises(IndexError, match="got bool"):
        a[True]  # NumPy reads it as a new axis: never as row 1
    assert a[..., 0].tolist() == [1.0, 3.0, 5.0] and a[1, ...].tolist() == [3.0, -1.0]
    a[...] = 0.5
    assert a.tolist() == [[0.5, 0.5]] * 3


def test_reductions_and_reshapes_by_hand() -> None:
    a = ListArray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert (
        a.sum() == 21.0
        and a.sum(axis=0).tolist() == [5.0, 7.0, 9.0]
        and a.sum(axis=1).tolist() == [6.0, 15.0]
    )
    assert a.mean() == 3.5 and a.max() == 6.0 and a.min(axis=1).tolist() == [1.0, 4.0]
    assert a.sum(axis=0, keepdims=True).tolist() == [[5.0, 7.0, 9.0]]
    assert a.flatten().tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0] and a.ravel().shape == (6,)
    assert a.reshape(3, 2).tolist() == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    assert a.reshape(-1, 1).shape == (6, 1) and a.reshape((6,)).shape == (6,)
    with pytest.raises(ValueError, match="cannot reshape"):
        a.reshape(4, -1)


def test_mixing_with_other_types_is_a_clear_error() -> None:
    a = ListArray([[1.0]])
    with pytest.raises(TypeError, match="ListArray"):
        a + "x"
    with pytest.raises(TypeError, match="ListArray"):
        a + [[1.0]]


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


# -- refusals of the python backend's operations, each an NNDError naming the operation ------------


@pytest.mark.parametrize(
    "op",
    [
        "copy",
        "tolist",
        "shape",
        "all_finite",
        "within_limit",
        "column_sums",
        "sum",
        "sigmoid",
        "sigmoid_prime",
        "sigmoid_prime_from_output",
    ],
)
def test_an_operation_given_something_else_than_a_listarray_names_itself(op: str) -> None:
    with pytest.raises(nnd.NNDError, match=f"^python backend: {op} needs ListArrays, got float"):
        getattr(nnd.get_backend("python"), op)(0.5)


def test_add_row_given_a_number_is_refused_by_name() -> None:
    B = nnd.get_backend("python")
    with pytest.raises(nnd.NNDError, match="add_row needs ListArrays, got float"):
        B.add_row(B.asarray([[1.0, 2.0]]), 0.5)


@pytest.mark.parametrize(
    "divide",
    [
        lambda: nnd.get_backend("python").divide(ListArray([[1.0, 2.0]]), 0),
        lambda: ListArray([[1.0, 2.0]]) / 0.0,
        lambda: 1.0 / ListArray([[1.0, 0.0]]),
        lambda: ListArray([1.0]) / ListArray([0.0]),
    ],
)
def test_division_by_zero_is_refused_not_a_zerodivisionerror(divide) -> None:
    with pytest.raises(nnd.NNDError, match=r"^python backend: division by zero \(") as caught:
        divide()
    assert isinstance(caught.value, ValueError) and not isinstance(caught.value, ZeroDivisionError)


@pytest.mark.parametrize("reduction", ["sum", "mean", "max", "min"])
@pytest.mark.parametrize("keepdims", [1, "yes", None, [True]])
def test_keepdims_must_be_a_flag(reduction: str, keepdims) -> None:
    with pytest.raises(nnd.NNDError, match="keepdims: expected True or False"):
        getattr(ListArray([[1.0, 2.0]]), reduction)(keepdims=keepdims)


def test_finite_checks_look_closer_when_the_quick_sum_overflows() -> None:
    B = nnd.get_backend("python")
    huge = B.asarray([[1e308, 1e308], [-1e308, 1.0]])  # every value finite, their sum is not
    assert B.all_finite(huge) is True
    assert B.all_finite(ListArray([[1.0, 1e308]]) * 10.0) is False  # [[10.0, inf]]
    # within_limit: the limit itself is within it, the next float is not
    assert B.within_limit(B.asarray([[1e30]])) is True and B.within_limit(B.asarray([-1e30])) is True
    assert B.within_limit(B.asarray([[1e30 * (1 + 2**-52)]])) is False


@pytest.mark.parametrize("axis", [True, False])
def test_an_axis_that_is_a_bool_is_refused_as_numpy_refuses_it(axis) -> None:
    a = ListArray([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(nnd.NNDError, match="axis: expected None or an int, got bool"):
        a.sum(axis=axis)


def test_the_one_pass_steps_compute_what_fits_and_refuse_the_rest_as_the_interface_does() -> None:
    """The python backend's fused steps take a fast path only for the shapes backpropagation
    passes; anything else goes to the interface's general definition, which refuses it."""
    B = nnd.get_backend("python")
    a = B.asarray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # (2, 3)
    W = B.asarray([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # (3, 2)
    b = B.asarray([[0.5, -0.5]])  # (1, 2)
    z, f = B.matmul_bias_sigmoid(a, W, b)
    assert z.tolist() == [[4.5, 4.5], [10.5, 10.5]] and f.tolist() == B.sigmoid(z).tolist()
    assert B.add_row(a, B.asarray([[1.0, 0.0, -1.0]])).tolist() == [[2.0, 2.0, 2.0], [5.0, 5.0, 5.0]]
    assert B.column_sums(a).tolist() == [[5.0, 7.0, 9.0]]
    rows = [[1.0, 2.0, 3.0]]
    two_rows = B.asarray([[0.5, -0.5], [1.0, 1.0]])
    refused = [
        lambda: B.matmul_bias_sigmoid(a, a, b),  # (2, 3)·(2, 3) does not align
        lambda: B.matmul_bias_sigmoid(a, a, B.asarray([[0.5, -0.5, 0.0]])),  # nor with a bias that fits
        lambda: B.matmul_bias_sigmoid(a, W, two_rows),  # a bias of two rows
        lambda: B.matmul_bias_sigmoid(B.asarray([1.0, 2.0, 3.0]), W, b),  # 1-D
        lambda: B.matmul_bias_sigmoid(rows, W, b),  # not a ListArray
        lambda: B.matmul_bias_sigmoid(rows, W.tolist(), b),
        lambda: B.matmul_bias_sigmoid(rows, W.tolist(), b.tolist()),
        lambda: B.add_row(rows, b),
        lambda: B.add_row(rows, rows),
        lambda: B.add_row(B.asarray([1.0, 2.0]), b),  # 1-D
        lambda: B.add_row(a, two_rows),
        lambda: B.column_sums(B.asarray([1.0, 2.0])),  # 1-D
        lambda: B.column_sums(rows),
    ]
    for i, call in enumerate(refused):
        with pytest.raises(nnd.NNDError):
            call()
        assert a.tolist() == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], i  # nothing changed
    with pytest.raises(nnd.NNDError, match="^python backend: add_row needs ListArrays, got list"):
        B.add_row(rows, b)
    with pytest.raises(
        nnd.NNDError, match=r"^python backend: matmul shapes \(2, 3\) and \(2, 3\) do not align"
    ):
        B.matmul_bias_sigmoid(a, a, B.asarray([[0.5, -0.5, 0.0]]))


def test_an_object_with_only_array_is_handed_its_own_operator() -> None:
    """Something with ``__array__`` and no ``ndim`` is another library's array: Python's protocol
    asks it for the operator, and with none the error is Python's TypeError."""

    class ArrayOnly:
        def __array__(self, dtype=None, copy=None):  # pragma: no cover - not called
            raise AssertionError("not converted")

        def __radd__(self, other):
            return "its own"

    assert ListArray([1.0]) + ArrayOnly() == "its own"
    with pytest.raises(TypeError, match="unsupported operand"):
        ListArray([1.0]) * ArrayOnly()
