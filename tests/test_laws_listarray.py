"""Every ListArray operator and method agrees with NumPy's on random arrays; every refusal says why.

NumPy is the definition here: the same expression on ``np.array(rows)`` gives the same values
and shape. Elementwise results are single IEEE operations, so they agree exactly.
"""

from __future__ import annotations

import math
import operator

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import matrices, values

from nnd.arrays.python.listarray import ListArray, matmul, matmul_ta, matmul_tb, transpose, vdot

np = pytest.importorskip("numpy")

small = st.integers(1, 4)
nonzero = st.floats(0.25, 4.0) | st.floats(-4.0, -0.25)


@st.composite
def arrays(draw, elements=values):
    """Nested lists of a 1-D or 2-D array."""
    if draw(st.booleans()):
        return draw(st.lists(elements, min_size=1, max_size=5))
    return draw(matrices(draw(small), draw(small), elements))


def same(got, expected) -> None:
    """got (a ListArray or a float) holds exactly NumPy's values, in NumPy's shape."""
    if isinstance(expected, np.ndarray):
        assert isinstance(got, ListArray), type(got)
        assert got.shape == expected.shape and got.tolist() == expected.tolist()
    else:
        assert type(got) is float and got == float(expected)


def close(got, expected) -> None:
    assert isinstance(got, ListArray) and got.shape == expected.shape
    assert np.allclose(np.asarray(got), expected, rtol=1e-13, atol=1e-13)


BINARY = [operator.add, operator.sub, operator.mul, operator.truediv]


@pytest.mark.parametrize("op", BINARY, ids=lambda op: op.__name__)
@given(x=arrays(nonzero), data=st.data())
def test_binary_operators_agree_with_numpy(op, x, data) -> None:
    y = np.vectorize(lambda _: data.draw(nonzero))(np.array(x)).tolist()
    number = data.draw(nonzero)
    a, b = ListArray(x), ListArray(y)
    same(op(a, b), op(np.array(x), np.array(y)))
    same(op(a, number), op(np.array(x), number))
    same(op(number, a), op(number, np.array(x)))  # the reflected operator: number on the left
    same(op(a, 2), op(np.array(x), 2))  # an int


@given(x=arrays())
def test_unary_operators_and_powers_agree_with_numpy(x) -> None:
    a, n = ListArray(x), np.array(x)
    same(-a, -n)
    same(+a, +n)
    same(abs(a), abs(n))
    same(a**2, n**2)
    close(a**3, n**3)
    close(abs(a) ** 0.5, abs(n) ** 0.5)
    assert (+a) is not a and (-a) is not a
    assert all(math.copysign(1.0, v) == -1.0 for v in (-ListArray([0.0])).tolist())  # -0.0, as NumPy


@given(m=small, k=small, n=small, data=st.data())
def test_matrix_products_agree_with_numpy(m, k, n, data) -> None:
    x, y = data.draw(matrices(m, k)), data.draw(matrices(k, n))
    a, b = ListArray(x), ListArray(y)
    close(a @ b, np.array(x) @ np.array(y))
    close(b.__rmatmul__(a), np.array(x) @ np.array(y))  # a @ b computed from b's side
    close(matmul(a, b), np.array(x) @ np.array(y))
    close(matmul_ta(ListArray(np.array(x).T.tolist()), b), np.array(x) @ np.array(y))
    close(matmul_tb(a, ListArray(np.array(y).T.tolist())), np.array(x) @ np.array(y))
    same(transpose(a), np.array(x).T)
    same(a.T, np.array(x).T)
    assert math.isclose(vdot(a, a), float(np.vdot(x, x)), rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("zero_d", [np.array(2.0), np.array(True), np.bool_(True)], ids=repr)
def test_a_numpy_array_of_no_dimensions_is_a_number_not_an_array_and_is_refused(zero_d) -> None:
    """NumPy's 0-d arrays and bools have ``__array__`` but no dimensions: a ListArray on the left
    does not hand them to NumPy (on the right, NumPy's own operator runs first)."""
    for operation in (lambda a: a * zero_d, lambda a: a + zero_d, lambda a: a - zero_d):
        with pytest.raises(TypeError, match="^python backend: arithmetic needs"):
            operation(ListArray([1.0, 2.0]))


def test_a_numpy_array_with_a_listarray_gives_numpy_s_result_on_either_side() -> None:
    a, n = ListArray([[1.0, 2.0], [3.0, 4.0]]), np.array([[0.5, -1.0], [2.0, 0.25]])
    for op in (*BINARY, operator.matmul):
        for left, right in ((a, n), (n, a)):
            got = op(left, right)
            assert isinstance(got, np.ndarray)
            assert got.tolist() == op(np.asarray(left), np.asarray(right)).tolist()


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min"])
@pytest.mark.parametrize("axis", [None, 0, 1, -1, -2])
@pytest.mark.parametrize("keepdims", [False, True])
@given(x=arrays())
def test_reductions_agree_with_numpy(name, axis, keepdims, x) -> None:
    n = np.array(x)
    assume(axis is None or -n.ndim <= axis < n.ndim)
    expected = getattr(n, name)(axis=axis, keepdims=keepdims)
    got = getattr(ListArray(x), name)(axis=axis, keepdims=keepdims)
    if isinstance(expected, np.ndarray):
        close(got, expected)
    else:
        assert type(got) is float and math.isclose(got, float(expected), rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min"])
def test_reductions_refuse_a_bad_axis_and_out(name) -> None:
    a = ListArray([[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"^axis 2 is out of bounds for an array of 2 dimension\(s\)$"):
        getattr(a, name)(axis=2)
    with pytest.raises(ValueError, match=r"^axis -3 is out of bounds"):
        getattr(a, name)(axis=-3)
    with pytest.raises(TypeError, match=r"^axis: expected None or an int, got float$"):
        getattr(a, name)(axis=0.5)
    with pytest.raises(TypeError, match=rf"^{name}: out= is not supported by ListArray; use np.{name}\("):
        getattr(a, name)(out=np.zeros(1))


@pytest.mark.parametrize("dtype", [float, "float64", "f8", np.float64, np.dtype("float64")])
def test_sum_takes_float64_as_dtype_and_refuses_others(dtype) -> None:
    a = ListArray([[1.0, 2.0]])
    assert a.sum(dtype=dtype) == 3.0 and a.mean(dtype=dtype) == 1.5
    with pytest.raises(TypeError, match=r"^sum: ListArrays hold float64 only, got dtype="):
        a.sum(dtype="float32")
    with pytest.raises(TypeError, match=r"^mean: ListArrays hold float64 only, got dtype=<class 'int'>$"):
        a.mean(dtype=int)


@given(x=arrays(), data=st.data())
def test_reshape_flatten_and_ravel_agree_with_numpy(x, data) -> None:
    a, n = ListArray(x), np.array(x)
    size = n.size
    rows = data.draw(st.sampled_from([d for d in range(1, size + 1) if size % d == 0]))
    same(a.reshape(rows, -1), n.reshape(rows, -1))
    same(a.reshape(-1, rows), n.reshape(-1, rows))
    same(a.reshape((rows, size // rows)), n.reshape((rows, size // rows)))
    same(a.reshape([size]), n.reshape([size]))
    same(a.reshape(-1), n.reshape(-1))
    same(a.flatten(), n.flatten())
    same(a.ravel(), n.ravel())
    assert a.size == n.size and a.ndim == n.ndim and len(a) == len(n) and a.dtype == "float64"


@pytest.mark.parametrize(
    ("shape", "error", "message"),
    [
        ((4, 2), ValueError, r"^cannot reshape an array of shape \(2, 3\) \(6 elements\) into \(4, 2\)$"),
        ((4, -1), ValueError, r"^cannot reshape an array of shape \(2, 3\) \(6 elements\) into \(4, -1\)$"),
        (
            (-1, -1),
            ValueError,
            r"^reshape: expected 1 or 2 positive sizes \(one may be -1\), got \(-1, -1\)$",
        ),
        ((0, 6), ValueError, r"^reshape: expected 1 or 2 positive sizes"),
        ((-2, 3), ValueError, r"^reshape: expected 1 or 2 positive sizes"),
        ((1, 2, 3), ValueError, r"^reshape: expected 1 or 2 positive sizes"),
        ((), ValueError, r"^reshape: expected 1 or 2 positive sizes"),
        ((2.0, 3), TypeError, r"^reshape: expected ints, got \(2.0, 3\)$"),
    ],
)
def test_reshape_refuses_what_numpy_refuses_saying_why(shape, error, message) -> None:
    with pytest.raises(error, match=message):
        ListArray([[1.0] * 3] * 2).reshape(*shape)


@given(x=arrays(), data=st.data())
def test_indexing_agrees_with_numpy(x, data) -> None:
    a, n = ListArray(x), np.array(x)
    i = data.draw(st.integers(-n.shape[0], n.shape[0] - 1))
    if n.ndim == 1:
        same(a[i], n[i])
        same(a[i:], n[i:])
        return
    j = data.draw(st.integers(-n.shape[1], n.shape[1] - 1))
    same(a[i, j], n[i, j])
    same(a[i], n[i])
    same(a[:, j], n[:, j])
    same(a[i:, j], n[i:, j])
    same(a[i, ::-1], n[i, ::-1])
    same(a[::-1], n[::-1])
    same(a[i:, ::2], n[i:, ::2])
    same(a[..., j], n[..., j])
    same(a[...], n[...])


@pytest.mark.parametrize(
    ("index", "message"),
    [
        ((0, 0, 0), r"^too many indices: the ListArray has 2 dimension\(s\), got 3 indices$"),
        ((2, 0), r"^index 2 is out of bounds for axis 0 with size 2$"),
        ((0, -4), r"^index -4 is out of bounds for axis 1 with size 3$"),
        ((True, 0), r"^ListArray indices are ints and slices \(a\[i, j\], a\[:, j\], a\[i:k\]\), got bool$"),
        ((0, 1.0), r"^ListArray indices are ints and slices .*, got float$"),
        ((slice(5, None), 0), r"^the slice slice\(5, None, None\) selects nothing along axis 0 \(size 2\); "),
    ],
)
def test_bad_indices_are_refused_saying_why(index, message) -> None:
    a = ListArray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with pytest.raises(IndexError, match=message):
        a[index]
    with pytest.raises(IndexError, match=message):
        a[index] = 0.0


@given(x=arrays(), data=st.data())
def test_item_assignment_agrees_with_numpy(x, data) -> None:
    a, n = ListArray(x), np.array(x)
    i = data.draw(st.integers(0, n.shape[0] - 1))
    v = data.draw(values)
    a[i], n[i] = v, v
    assert_same_values(a, n)
    if n.ndim == 2:
        j = data.draw(st.integers(0, n.shape[1] - 1))
        column = [data.draw(values) for _ in range(n.shape[0])]
        a[:, j], n[:, j] = column, column
        row = [data.draw(values) for _ in range(n.shape[1])]
        a[i], n[i] = row, row
        block = [[data.draw(values)] * n.shape[1] for _ in range(n.shape[0])]
        a[...] = block
        n[...] = block
        a[i, j], n[i, j] = v, v
    else:
        a[...] = v
        n[...] = v
    assert_same_values(a, n)


def assert_same_values(a: ListArray, n) -> None:
    assert a.shape == n.shape and a.tolist() == n.tolist()


def test_item_assignment_refuses_values_of_the_wrong_shape_or_kind() -> None:
    a = ListArray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with pytest.raises(ValueError, match=r"needs a number or values of shape \(2,\), got shape \(3,\)$"):
        a[:, 0] = [1.0, 2.0, 3.0]
    with pytest.raises(ValueError, match=r"^python backend: item assignment needs a finite number, got nan$"):
        a[0, 0] = math.nan
    with pytest.raises(ValueError, match=r"^python backend: item assignment: 1000000000000000000000000"):
        a[0, 0] = 10**400
    assert a.tolist() == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]  # checked before anything changed


def test_arithmetic_refusals_say_why() -> None:
    a = ListArray([[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"needs equal shapes \(or a scalar\), got \(1, 2\) and \(2, 1\)$"):
        a + ListArray([[1.0], [2.0]])
    with pytest.raises(TypeError, match=r"^python backend: arithmetic needs two ListArrays .* got str$"):
        a * "2"
    with pytest.raises(TypeError, match=r"^python backend: arithmetic needs two ListArrays .* got list$"):
        [1.0, 2.0] - a
    with pytest.raises(ValueError, match=r"^python backend: arithmetic: 1000000000000000000000000"):
        a * 10**400
    with pytest.raises(TypeError, match=r"^python backend: @ needs ListArrays, got list; convert it first"):
        a @ [[1.0], [2.0]]
    with pytest.raises(TypeError, match=r"^python backend: @ needs ListArrays, got list"):
        [[1.0, 2.0]] @ ListArray([[1.0], [2.0]])
    with pytest.raises(TypeError, match=r"^python backend: \*\* needs a real number here, got str$"):
        a ** "2"
    with pytest.raises(ValueError, match=r"^python backend: -1.0 \*\* 0.5 is not a real number$"):
        ListArray([-1.0]) ** 0.5


def test_powers_past_the_float_range_are_infinite_with_numpy_s_sign() -> None:
    a = ListArray([1e200, -1e200])
    with np.errstate(over="ignore"):
        for p in (2, 3, 4, 6):
            assert (a**p).tolist() == (np.array([1e200, -1e200]) ** p).tolist()
    assert (ListArray([1e200]) ** 2.5).tolist() == [math.inf]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda a, b: matmul(a, b),
            r"^python backend: matmul shapes \(2, 3\) and \(2, 3\) do not align \(3 != 2\)$",
        ),
        (
            lambda a, b: matmul_ta(a, b.T),
            r"^python backend: matmul_ta needs equal row counts, got \(2, 3\) and \(3, 2\)$",
        ),
        (
            lambda a, b: matmul_tb(a, b.T),
            r"^python backend: matmul_tb needs equal column counts, got \(2, 3\) and \(3, 2\)$",
        ),
        (lambda a, b: vdot(a, b.T), r"^python backend: vdot needs equal shapes, got \(2, 3\) and \(3, 2\)$"),
        (lambda a, b: matmul(a, a[0]), r"^python backend: matmul needs 2-D arrays, got shape \(3,\)$"),
        (lambda a, b: transpose(a[0]), r"^python backend: transpose needs 2-D arrays, got shape \(3,\)$"),
        (lambda a, b: matmul_ta(a[0], b), r"^python backend: matmul_ta needs 2-D arrays, got shape \(3,\)$"),
        (lambda a, b: matmul_tb(a, [[1.0]]), r"^python backend: matmul_tb needs ListArrays, got list"),
        (lambda a, b: vdot(a, [[1.0]]), r"^python backend: vdot needs ListArrays, got list"),
    ],
)
def test_products_refuse_shapes_and_types_that_do_not_fit(call, message) -> None:
    a = ListArray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with pytest.raises((ValueError, TypeError), match=message):
        call(a, a.copy())


def test_vdot_of_an_array_with_itself_forgets_its_sum_of_squares_when_written_to() -> None:
    a = ListArray([[1.0, 2.0], [3.0, 4.0]])
    assert vdot(a, a) == 30.0
    a[0, 0] = 2.0
    assert vdot(a, a) == 33.0
    a[1] = [0.0, 0.0]
    assert vdot(a, a) == 8.0
    row = a[0]  # a view: never keeps Σx², and writing through it makes a forget its own
    assert vdot(row, row) == 8.0
    row[1] = 1.0
    assert vdot(a, a) == 5.0 and vdot(row, row) == 5.0


def test_equality_is_one_answer_for_the_whole_array() -> None:
    a = ListArray([[1.0, 2.0]])
    assert a == ListArray([[1.0, 2.0]]) and not (a == ListArray([[1.0, 3.0]]))
    assert not (a == ListArray([1.0, 2.0])) and not (a == [[1.0, 2.0]])
    with pytest.raises(TypeError, match="unhashable"):
        hash(a)


def test_numpy_reads_a_listarray_as_a_new_float64_array() -> None:
    a = ListArray([[1.0, 2.0]])
    n = np.asarray(a)
    assert n.dtype == np.float64 and n.tolist() == [[1.0, 2.0]]
    n[0, 0] = 5.0
    assert a.tolist() == [[1.0, 2.0]]
    assert np.asarray(a, dtype=np.float32).dtype == np.float32
    assert a.to_numpy().tolist() == [[1.0, 2.0]] and type(a.to_numpy()) is np.ndarray
    with pytest.raises(ValueError, match=r"^a ListArray cannot be viewed as a NumPy array without a copy$"):
        a.__array__(copy=False)
    with pytest.raises(
        TypeError,
        match=r"^np.add: out= cannot be a ListArray; write the result back with a\[\.\.\.\] = result$",
    ):
        np.add(a, a, out=a)


@pytest.mark.parametrize("ufunc", [np.add, np.subtract, np.multiply, np.divide, np.true_divide])
def test_numpy_arithmetic_with_numpy_numbers_stays_a_listarray(ufunc) -> None:
    a = ListArray([[1.0, 2.0]])
    got = ufunc(a, np.float64(4.0))
    assert isinstance(got, ListArray) and got.tolist() == ufunc(np.asarray(a), 4.0).tolist()
    got = ufunc(np.float64(4.0), a)
    assert isinstance(got, ListArray) and got.tolist() == ufunc(4.0, np.asarray(a)).tolist()
    other = ufunc(a, np.asarray(a))  # a NumPy array in it: NumPy's result
    assert isinstance(other, np.ndarray) and other.tolist() == ufunc(np.asarray(a), np.asarray(a)).tolist()
    assert isinstance(np.sqrt(a), np.ndarray)  # any other NumPy function: on np.asarray(a)


# -- the python backend's reductions over ListArrays, and the operator protocol -----------------------
@given(x=arrays())
def test_the_python_backend_sum_is_the_sum_of_the_values(x) -> None:
    import nnd

    B = nnd.get_backend("python")
    a = ListArray(x)
    assert math.isclose(B.sum(a), float(np.sum(x)), rel_tol=1e-12, abs_tol=1e-12)
    assert B.sum(ListArray([0.0])) == 0.0 and B.sum(ListArray([[-2.5]])) == -2.5


def test_operators_hand_another_library_s_array_back_to_it() -> None:
    a, n = ListArray([[1.0, 2.0]]), np.array([[3.0, 4.0]])
    for name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__",
                 "__rtruediv__", "__matmul__", "__rmatmul__"):  # fmt: skip
        assert getattr(a, name)(n) is NotImplemented, name  # so NumPy's own operator runs
    assert isinstance(a.__add__(np.float64(2.0)), ListArray)  # a NumPy number is a number, not an array
    assert isinstance(a.__rmul__(np.float64(2.0)), ListArray)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_dunder_array_gives_the_dtype_asked_for(dtype) -> None:
    a = ListArray([[1.0, 2.0]])
    got = a.__array__(dtype)
    assert type(got) is np.ndarray and got.dtype == dtype and got.tolist() == [[1, 2]]
    assert a.__array__().dtype == np.float64


def test_a_listarray_from_a_listarray_is_a_copy() -> None:
    a = ListArray([[1.0, 2.0], [3.0, 4.0]])
    b = ListArray(a)
    assert b == a and b.shape == (2, 2)
    b[0, 0] = 9.0
    assert a[0, 0] == 1.0


def test_bad_data_and_bad_values_are_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"^ListArray: expected a number at \[0\]\[0\], got str 'a'$"):
        ListArray([["a"]])
    a = ListArray([[1.0, 2.0]])
    with pytest.raises(TypeError, match=r"^item assignment: expected a number at \[0\], got str 'x'$"):
        a[0] = ["x", 1.0]
    with pytest.raises(ValueError, match=r"^python backend: arithmetic: 1000000000000000000000000"):
        10**400 * a
    with pytest.raises(TypeError, match=r"^python backend: matmul_ta needs ListArrays, got list"):
        matmul_ta(a, [[1.0]])
    with pytest.raises(TypeError, match=r"^python backend: vdot needs ListArrays, got list"):
        vdot([[1.0]], a)
    same_list = [[1.0]]
    with pytest.raises(TypeError, match=r"^python backend: vdot needs ListArrays, got list"):
        vdot(same_list, same_list)


def test_vdot_sees_every_write_to_an_array_or_to_a_view_of_it() -> None:
    a = ListArray([[1.0, 2.0], [3.0, 4.0]])
    assert vdot(a, a) == 30.0
    a[0, 0] = 10.0  # 100 + 4 + 9 + 16
    assert vdot(a, a) == 129.0
    row = a[1]  # a view of row 1
    row[0] = 0.0  # written through the view: a sees it
    assert vdot(a, a) == 120.0 and vdot(row, row) == 16.0
    a[1, 1] = 1.0  # written through the array: the view sees it
    assert vdot(row, row) == 1.0
