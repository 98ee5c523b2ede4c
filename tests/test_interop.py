"""Laws of nnd's arrays next to NumPy's, on random arrays.

- NumPy → ListArray → NumPy is exact, for float64 and for int, uint and float32 arrays
  (converted to float64 as ``astype`` converts them).
- Every ListArray operation gives what NumPy's gives on the same values: reductions for
  each axis, reshapes, every indexing form, item assignment, arithmetic with NumPy arrays
  (a NumPy result) and NumPy numbers (a ListArray), NumPy's functions, ``@``, iteration.
- ``str`` and ``repr`` are NumPy's text, summarised the same way past 1000 elements.
- A network whose weights were changed in place computes what a fresh network with those
  weights computes; the values a pass kept stay those of that pass whatever changes later.
- Bad data are refused with an error naming the argument, and change nothing.
- The sigmoid takes any finite number quietly.

Tests that need NumPy skip without it (the core-only run); the others run everywhere.
"""

from __future__ import annotations

import math
import operator
import random
import struct
import warnings

import pytest
from conftest import HAVE_NUMPY, needs_numpy
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from strategies import problems

import nnd
from nnd.arrays.python.listarray import ListArray

if HAVE_NUMPY:
    import numpy as np
    from hypothesis.extra import numpy as hnp

finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)  # sums cannot overflow


@pytest.fixture(params=["python", pytest.param("numpy", marks=needs_numpy)], scope="module")
def backend(request: pytest.FixtureRequest) -> nnd.Backend:
    """The python and the numpy backend, the two the series' notebooks are promised to run on
    (arrays that change in place, NumPy interplay); other backends have their own tests."""
    return nnd.get_backend(request.param)


def shapes(max_side: int = 6) -> st.SearchStrategy:
    return st.deferred(lambda: hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=max_side))


def float_arrays(elements: st.SearchStrategy = finite, max_side: int = 6) -> st.SearchStrategy:
    """1-D or 2-D float64 NumPy arrays (drawn only where NumPy is installed)."""
    return st.deferred(lambda: hnp.arrays(np.float64, shapes(max_side), elements=elements))


def bits(x: float) -> bytes:
    return struct.pack("<d", x)


def same(got: object, expected: object) -> bool:
    """Equal shapes and values bit for bit (so -0.0 is not 0.0), whatever the array types."""
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    return got.shape == expected.shape and got.tobytes() == expected.tobytes()


def close(got: object, expected: object, scale: float) -> bool:
    """Equal shapes and values within rounding of sums whose terms add up to ``scale`` in magnitude."""
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    return got.shape == expected.shape and bool(np.all(np.abs(got - expected) <= 1e-13 * scale + 1e-300))


# -- round trips -------------------------------------------------------------------------------------


@needs_numpy
@given(float_arrays())
@example(
    np.array([[-0.0, 5e-324], [1.7976931348623157e308, -2.2250738585072014e-308]]) if HAVE_NUMPY else None
)
def test_numpy_to_listarray_to_numpy_is_exact(a) -> None:
    la = ListArray(a)
    assert la.shape == a.shape and la.size == a.size and la.ndim == a.ndim
    back = np.asarray(la)
    assert type(back) is np.ndarray and back.dtype == np.float64 and same(back, a)
    assert same(la.to_numpy(), a) and same(np.array(la), a) and same(ListArray(la.tolist()), a)
    assert same(nnd.get_backend("python").asarray(a), a)
    back[(0,) * a.ndim] = 1.0  # a new array: nothing shared with la
    assert same(la, a)


@needs_numpy
@given(st.data())
def test_int_uint_and_float32_arrays_become_float64_as_astype_makes_them(data) -> None:
    dtype = data.draw(st.sampled_from(["int8", "int32", "int64", "uint8", "uint64", "float32", "float16"]))
    elements = hnp.from_dtype(np.dtype(dtype), allow_nan=False, allow_infinity=False)
    a = data.draw(hnp.arrays(np.dtype(dtype), shapes(), elements=elements))
    expected = a.astype(np.float64)
    for backend in (nnd.get_backend("python"), nnd.get_backend("numpy")):
        converted = backend.asarray(a, "X")
        assert same(converted, expected)
        assert np.asarray(converted).dtype == np.float64
    assert same(ListArray(a), expected)


# -- operations agree with NumPy's --------------------------------------------------------------------


@needs_numpy
@given(float_arrays(moderate), st.sampled_from(["sum", "mean", "max", "min"]), st.booleans(), st.data())
def test_reductions_agree_with_numpy_for_every_axis(a, name, keepdims, data) -> None:
    la = ListArray(a)
    axis = data.draw(st.sampled_from([None, *range(-a.ndim, a.ndim)]))
    got = getattr(la, name)(axis=axis, keepdims=keepdims)
    expected = getattr(a, name)(axis=axis, keepdims=keepdims)
    if np.ndim(expected) == 0:
        assert type(got) is float
    else:
        assert type(got) is ListArray and got.shape == expected.shape
    if name in ("max", "min"):  # of -0.0 and 0.0 NumPy picks the last, Python's max the first
        assert np.shape(got) == np.shape(expected) and np.array_equal(np.asarray(got), expected)
    else:  # NumPy adds pairwise, ListArray left to right: equal to rounding
        assert close(got, expected, float(np.abs(a).sum()) + 1.0)
    with pytest.raises(ValueError):
        getattr(la, name)(axis=a.ndim)
    with pytest.raises(ValueError):
        getattr(a, name)(axis=a.ndim)  # NumPy's AxisError is a ValueError too


@needs_numpy
@given(float_arrays(), st.data())
def test_flatten_ravel_and_reshape_agree_with_numpy(a, data) -> None:
    la = ListArray(a)
    assert same(la.flatten(), a.flatten()) and same(la.ravel(), a.ravel())
    n = a.size
    rows = data.draw(st.sampled_from([d for d in range(1, n + 1) if n % d == 0]))
    for shape in [(n,), (-1,), (rows, n // rows), (rows, -1), (-1, n // rows), (n, 1), (1, -1)]:
        assert same(la.reshape(*shape), a.reshape(*shape)), shape
        assert same(la.reshape(shape), a.reshape(shape)), shape
    result = la.reshape(-1)
    result[0] = 123.0  # a new array: the original is unchanged
    assert same(la, a)
    if n > 1:
        with pytest.raises(ValueError, match="cannot reshape"):
            la.reshape(n + 1, -1)


def index_parts(n: int) -> st.SearchStrategy:
    ends = st.none() | st.integers(-n - 2, n + 2)
    steps = st.none() | st.integers(-3, 3).filter(bool)
    return st.integers(-n, n - 1) | st.builds(slice, ends, ends, steps)


def indices(shape: tuple[int, ...]) -> st.SearchStrategy:
    one, dots = index_parts(shape[0]), st.just(Ellipsis)
    if len(shape) == 1:
        return one | st.tuples(one) | dots | st.tuples(one, dots) | st.tuples(dots, one)
    two = index_parts(shape[1])
    return one | st.tuples(one, two) | dots | st.tuples(one, dots) | st.tuples(dots, two)


def normalized(index: object, ndim: int) -> tuple:
    """The index as one part per axis (Ellipsis and missing axes as ':')."""
    parts = index if isinstance(index, tuple) else (index,)
    out: list = []
    for part in parts:
        out.extend([slice(None)] * (ndim - len(parts) + 1) if part is Ellipsis else [part])
    return tuple(out) + (slice(None),) * (ndim - len(out))


@needs_numpy
@given(float_arrays(), st.data())
def test_every_indexing_form_agrees_with_numpy(a, data) -> None:
    la = ListArray(a)
    index = data.draw(indices(a.shape))
    expected = a[index]
    if np.ndim(expected) and expected.size == 0:  # a ListArray is never empty: an error instead
        with pytest.raises(IndexError, match="selects nothing"):
            la[index]
        return
    got = la[index]
    if np.ndim(expected) == 0:
        assert type(got) is float and bits(got) == bits(float(expected))
        return
    assert type(got) is ListArray and same(got, expected)
    # Rows (whole, in order) are views as in NumPy; anything else is a new array.
    parts = normalized(index, a.ndim)
    whole_rows = a.ndim == 2 and range(a.shape[1])[parts[1]] == range(a.shape[1])
    first = (0,) * got.ndim
    got[first] = 4321.0
    if whole_rows:
        expected[first] = 4321.0  # NumPy's view writes into a
        assert same(la, a)
    else:
        assert same(la, a)  # unchanged: the result was a new array


@needs_numpy
@given(float_arrays(), st.data())
def test_item_assignment_agrees_with_numpy(a, data) -> None:
    la = ListArray(a)
    index = data.draw(indices(a.shape))
    target = a[index]
    assume_nonempty = np.ndim(target) == 0 or target.size > 0
    if not assume_nonempty:
        return
    shape = np.shape(target)
    form = data.draw(st.sampled_from(["number", "list", "ndarray", "ListArray"]))
    if form == "number" or not shape:
        value = data.draw(finite | st.integers(-(10**6), 10**6) | st.just(np.float64(0.25)))
    else:
        values = data.draw(hnp.arrays(np.float64, shape, elements=finite))
        value = {"list": values.tolist(), "ndarray": values, "ListArray": ListArray(values)}[form]
    expected = a.copy()
    expected[index] = value
    la[index] = value
    assert same(la, expected)


@needs_numpy
@given(st.data())
def test_assignment_of_the_wrong_shape_or_a_bad_value_changes_nothing(data) -> None:
    a = data.draw(float_arrays(max_side=4).filter(lambda a: a.ndim == 2 and a.shape[1] > 1))
    la = ListArray(a)
    for index, value, exc in [
        ((slice(None), 0), [1.0] * (a.shape[0] + 1), ValueError),
        ((0, 0), math.nan, ValueError),
        ((0, 0), math.inf, ValueError),
        ((0, 0), "1", TypeError),
        ((0, 0), 10**400, ValueError),
        ((0,), np.ones(a.shape[1] + 1), ValueError),
        ((0,), [1.0] * (a.shape[1] - 1) + [math.nan], ValueError),
    ]:
        with pytest.raises(exc):
            la[index] = value
        assert same(la, a)


nonzero = st.floats(min_value=-1e6, max_value=1e6).filter(lambda x: abs(x) > 1e-3)  # x / 0 is an error


def _elementwise_operands(draw: st.DrawFn) -> tuple:
    a = draw(float_arrays(nonzero))
    b = draw(hnp.arrays(np.float64, a.shape, elements=nonzero))
    return a, b


OPERATORS = [operator.add, operator.sub, operator.mul, operator.truediv]


@needs_numpy
@pytest.mark.parametrize("op", OPERATORS)
@given(st.data())
def test_arithmetic_with_a_numpy_array_on_either_side_is_numpys(op, data) -> None:
    a, b = _elementwise_operands(data.draw)
    la = ListArray(a)
    for got, expected in ((op(la, b), op(a, b)), (op(b, la), op(b, a))):
        assert type(got) is np.ndarray and same(got, expected)
    both = op(la, ListArray(b))  # two ListArrays: a ListArray, with NumPy's values
    assert type(both) is ListArray and same(both, op(a, b))
    assert same(la, a)  # operands unchanged


@needs_numpy
@pytest.mark.parametrize("op", OPERATORS)
@given(float_arrays(nonzero), nonzero)
def test_numpy_numbers_keep_a_listarray(op, a, s) -> None:
    la = ListArray(a)
    values = np.asarray(la)
    for scalar in (np.float64(s), np.float32(s), np.int64(round(s)) or np.int64(1)):
        for got, expected in ((op(la, scalar), op(values, scalar)), (op(scalar, la), op(scalar, values))):
            assert type(got) is ListArray and same(got, expected.astype(np.float64))


@needs_numpy
@given(float_arrays(moderate))
def test_numpy_functions_take_listarrays(a) -> None:
    la = ListArray(a)
    scale = float(np.abs(a).sum()) + 1.0
    assert close(np.sum(la), np.sum(a), scale) and close(np.mean(la), np.mean(a), scale)
    assert same(np.sum(la, axis=0), np.sum(a, axis=0)) or close(np.sum(la, axis=0), np.sum(a, axis=0), scale)
    assert np.array_equal(np.amax(la, axis=0), np.amax(a, axis=0)) and np.amin(la) == np.amin(a)  # ±0.0 alike
    assert math.isclose(np.linalg.norm(la), np.linalg.norm(a), rel_tol=1e-15, abs_tol=0.0)
    assert math.isclose(nnd.norm(la), math.hypot(*a.ravel().tolist()), rel_tol=1e-15)  # no underflow
    with np.errstate(over="ignore"):
        exp = np.exp(la)
        assert type(exp) is np.ndarray and same(exp, np.exp(a))
    assert same(np.abs(la), np.abs(a)) and same(abs(la), np.abs(a))
    assert same(la**2, a**2) and same(-la, -a)
    assert same(la.T, a.T) and same(np.transpose(la), a.T) and np.shape(la) == a.shape
    assert same(np.ravel(la), a.ravel()) and same(np.reshape(la, (-1, 1)), a.reshape(-1, 1))
    assert np.size(la) == a.size and np.ndim(la) == a.ndim and la.dtype == "float64"
    out = np.zeros(a.shape)
    np.multiply(la, 2.0, out=out)  # into a NumPy array: as NumPy does it
    assert same(out, a * 2.0)
    with pytest.raises(TypeError, match="out= cannot be a ListArray"):
        np.multiply(la, 2.0, out=la)  # NumPy would write into a copy and leave la unchanged
    assert same(la, a)


@needs_numpy
@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.data())
def test_matmul_with_an_ndarray_is_numpys(m, k, n, data) -> None:
    a = data.draw(hnp.arrays(np.float64, (m, k), elements=moderate))
    b = data.draw(hnp.arrays(np.float64, (k, n), elements=moderate))
    left, right = ListArray(a) @ b, a @ ListArray(b)
    assert type(left) is np.ndarray and type(right) is np.ndarray
    assert same(left, a @ b) and same(right, a @ b)
    both = ListArray(a) @ ListArray(b)
    assert type(both) is ListArray and close(both, a @ b, float((np.abs(a) @ np.abs(b)).max()) + 1.0)


@needs_numpy
@given(float_arrays())
def test_iteration_and_len_agree_with_numpy(a) -> None:
    la = ListArray(a)
    assert len(la) == len(a)
    items = list(la)
    assert len(items) == len(list(a))
    for got, expected in zip(items, a):
        if a.ndim == 1:
            assert type(got) is float and bits(got) == bits(float(expected))
        else:
            assert type(got) is ListArray and same(got, expected)


# -- text --------------------------------------------------------------------------------------------


def numpy_repr(a) -> str:
    return "ListArray(" + np.array2string(a, separator=", ", prefix="ListArray(", suffix=")") + ")"


magnitudes = st.sampled_from([1e-300, 1e-8, 1e-5, 1e-4, 0.001, 1.0, 1e3, 1e7, 1e8, 1e15, 1e16, 1e300])
texts_elements = st.one_of(
    finite,
    st.just(-0.0),
    st.builds(operator.mul, st.floats(-10, 10), magnitudes),
    st.integers(-(10**6), 10**6).map(float),
    st.builds(lambda n: n / 8, st.integers(-100, 100)),
)


@needs_numpy
@given(float_arrays(texts_elements))
@example(np.array([[0.5, -1.25], [3.0, 4.0]]) if HAVE_NUMPY else None)
@example(np.array([-0.0, 0.0, 1.0]) if HAVE_NUMPY else None)
@example(np.array([1e-5, 1.0, 123456.789]) if HAVE_NUMPY else None)
@example(np.array([[1e16, 1.0], [5e-324, -1e300]]) if HAVE_NUMPY else None)
def test_str_and_repr_are_numpys_text(a) -> None:
    la = ListArray(a)
    assert str(la) == str(a)
    assert repr(la) == numpy_repr(a)


@needs_numpy
@settings(max_examples=12)
@given(
    st.sampled_from([(1001,), (2000,), (1000, 8), (8, 126), (334, 3), (3, 400), (1002, 1)]),
    st.sampled_from(["uniform", "tiny", "huge", "ints", "mixed"]),
    st.integers(0, 2**32),
)
def test_large_arrays_are_summarised_as_numpy_summarises_them(shape, kind, seed) -> None:
    rng = random.Random(seed)
    size = math.prod(shape)
    draw = {
        "uniform": lambda: rng.uniform(-1, 1),
        "tiny": lambda: rng.uniform(-1, 1) * 1e-12,
        "huge": lambda: rng.uniform(-1, 1) * 1e200,
        "ints": lambda: float(rng.randint(-999, 999)),
        "mixed": lambda: rng.choice([-0.0, 1e-7, 3.5, 1e9, -2.0]),
    }[kind]
    a = np.array([draw() for _ in range(size)]).reshape(shape)
    la = ListArray(a)
    assert str(la) == str(a)
    assert repr(la) == numpy_repr(a)
    assert "..." in repr(la) and len(repr(la)) < 2000


# -- networks after in-place changes -------------------------------------------------------------


def with_changes(rows: list, index: tuple, value) -> list:
    """A copy of nested lists with ``rows[index] = value``, index as NumPy's (by hand)."""
    out = [r[:] for r in rows]
    i, j = index
    if isinstance(i, int) and isinstance(j, int):
        out[i][j] = value
    elif isinstance(i, int):  # a row
        out[i] = list(value)
    else:  # a column
        for r, v in zip(out, value):
            r[j] = v
    return out


@given(problems(max_rows=6, max_inputs=3, max_hidden=4, max_outputs=2), st.data())
def test_in_place_changes_compute_as_a_fresh_network_with_those_weights(backend, problem, data) -> None:
    net = nnd.Network(problem["sizes"], seed=0, backend=backend)
    for i, W in enumerate(problem["weights"], start=1):
        setattr(net, f"W{i}", W)
    net.gradients(problem["X"], problem["y"])  # a pass before the change
    weights = [w for w in problem["weights"]]
    layer = data.draw(st.integers(0, len(weights) - 1))
    rows, cols = len(weights[layer]), len(weights[layer][0])
    small = st.floats(-3, 3)
    form = data.draw(st.sampled_from(["item", "row", "column"]))
    if form == "item":
        index = (data.draw(st.integers(-rows, rows - 1)), data.draw(st.integers(-cols, cols - 1)))
        value = data.draw(small)
    elif form == "row":
        index = (data.draw(st.integers(0, rows - 1)), slice(None))
        value = data.draw(st.lists(small, min_size=cols, max_size=cols))
    else:
        index = (slice(None), data.draw(st.integers(0, cols - 1)))
        value = data.draw(st.lists(small, min_size=rows, max_size=rows))
    net.weights[layer][index if form != "row" else index[0]] = value
    weights[layer] = with_changes(weights[layer], index if form != "row" else (index[0], None), value)
    fresh = nnd.Network(problem["sizes"], seed=1, backend=backend)
    for i, W in enumerate(weights, start=1):
        setattr(fresh, f"W{i}", W)
    B = backend
    assert [B.tolist(W) for W in net.weights] == [B.tolist(W) for W in fresh.weights]
    assert B.tolist(net.forward(problem["X"])) == B.tolist(fresh.forward(problem["X"]))
    got = net.cost_and_gradients(problem["X"], problem["y"])
    expected = fresh.cost_and_gradients(problem["X"], problem["y"])
    assert got[0] == expected[0]
    assert [B.tolist(g) for g in got[1]] == [B.tolist(g) for g in expected[1]]
    assert B.tolist(net.get_params()) == B.tolist(fresh.get_params())


KEPT = ("z2", "a2", "z3", "yHat", "delta2", "delta3")


def kept(net: nnd.Network) -> dict:
    return {name: net.backend.tolist(getattr(net, name)) for name in KEPT}


@given(problems(max_rows=6, max_inputs=3, max_hidden=4, max_outputs=2), st.data())
def test_kept_values_stay_those_of_their_pass(backend, problem, data) -> None:
    B = backend
    net = nnd.Network(problem["sizes"], seed=0, backend=B)
    for i, W in enumerate(problem["weights"], start=1):
        setattr(net, f"W{i}", W)
    X, y = B.asarray(problem["X"]), B.asarray(problem["y"])  # data given as arrays of the backend
    net.gradients(X, y)
    before = kept(net)
    # the pass's values, computed by hand from the data and weights it saw
    W1 = problem["weights"][0]
    z2 = [[math.fsum(x * w for x, w in zip(row, col)) for col in zip(*W1)] for row in problem["X"]]
    pairs = [(p, q) for r, s in zip(before["z2"], z2) for p, q in zip(r, s)]
    assert all(math.isclose(p, q, rel_tol=1e-9, abs_tol=1e-12) for p, q in pairs)
    m, n = B.shape(X)
    small = st.floats(-3, 3)
    X[data.draw(st.integers(0, m - 1)), data.draw(st.integers(0, n - 1))] = data.draw(small)
    y[data.draw(st.integers(0, m - 1)), 0] = data.draw(st.floats(0, 1))
    net.W1[0, 0] = data.draw(small)
    net.W2[-1] = [data.draw(small)] * B.shape(net.W2)[1]
    net.W1 = B.multiply(net.W1, 2.0)
    assert kept(net) == before
    for name in ("yHat", "z2"):  # changing a kept array (it is the network's own) changes no weight
        weights = [B.tolist(W) for W in net.weights]
        getattr(net, name)[0, 0] = 0.5
        assert [B.tolist(W) for W in net.weights] == weights


# -- bad input ---------------------------------------------------------------------------------------


def bad_arrays() -> list:
    good = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
    return [
        (np.array([[True, False]] * 3), TypeError),
        (np.array(good, dtype=complex), TypeError),
        (np.array([["0.3", "1"]] * 3), TypeError),
        (np.array([[b"0.3", b"1"]] * 3), TypeError),
        (np.zeros((3, 2, 1)), ValueError),
        (np.array(0.5), ValueError),
        (np.ma.masked_array(good, mask=[[0, 1], [0, 0], [0, 0]]), ValueError),
        (np.array([[0.3, np.nan]] * 3), ValueError),
        (np.array([[0.3, np.inf]] * 3), ValueError),
        (np.array([[0.3, 1e31]] * 3), ValueError),
        (np.array([[1.0, 2.0]] * 3, dtype=np.longdouble) * np.longdouble(1e308) * 10, ValueError),
    ]


@needs_numpy
def test_bad_numpy_data_is_refused_naming_the_argument_and_changes_nothing(backend) -> None:
    X, y = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]], [[0.75], [0.82], [0.93]]
    net = nnd.Neural_Network(seed=0, backend=backend)
    net.gradients(X, y)
    weights, values = [backend.tolist(W) for W in net.weights], kept(net)
    trainer = nnd.Trainer(net)
    for bad, exc in bad_arrays():
        with pytest.raises(exc, match=r"^X: "):
            net.forward(bad)
        with pytest.raises(exc, match=r"^X: "):
            net.gradients(bad, y)
        with pytest.raises(exc, match=r"^X: "):
            trainer.train(bad, y)
        if bad.ndim == 2 and bad.shape[0] == 3:
            column = bad[:, -1:]
            with pytest.raises(exc, match=r"^y: "):
                net.costFunction(X, column)
            with pytest.raises(exc, match=r"^testY: "):
                trainer.train(X, y, X, column)
        with pytest.raises(exc, match=r"^W1: "):
            net.W1 = bad.T if bad.ndim == 2 else bad
        if bad.dtype.kind != "f" or isinstance(bad, np.ma.MaskedArray) or not np.isfinite(bad).all():
            with pytest.raises(exc, match=r"^z: "):  # z has no ±1e30 limit, only these
                net.sigmoid(bad)
        assert [backend.tolist(W) for W in net.weights] == weights and kept(net) == values
    with pytest.raises(ValueError, match=r"^params: "):
        net.setParams(np.full(9, np.nan))
    with pytest.raises(TypeError, match=r"^params: "):
        net.setParams(np.ones(9, dtype=bool))
    assert [backend.tolist(W) for W in net.weights] == weights and kept(net) == values


# -- the sigmoid ---------------------------------------------------------------------------------------


def test_sigmoid_of_the_largest_floats_is_quiet(backend) -> None:
    NN = nnd.Neural_Network(seed=0, backend=backend)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert backend.tolist(NN.sigmoid([1e308])) == [1.0]
        (low, high, middle), *_ = backend.tolist(NN.sigmoid([[-1e308, 1e308, -0.0]]))
        assert 0.0 <= low < 1e-300 and high == 1.0 and middle == 0.5  # numpy's: 3.3e-308 for z < -708
        assert backend.tolist(NN.sigmoidPrime([1e308, -1e308])) == [0.0, 0.0]
        assert NN.sigmoid(10**400) == 1.0 and NN.sigmoid(-(10**400)) == 0.0
        assert NN.sigmoidPrime(10**400) == 0.0 and NN.sigmoid(1e308) == 1.0
    with pytest.raises(ValueError, match="^z: "):
        NN.sigmoid([math.inf])


@needs_numpy
def test_numpy_sigmoid_is_quiet_even_when_numpy_raises_on_every_error() -> None:
    NN = nnd.Neural_Network(seed=0, backend="numpy")
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        assert NN.sigmoid(np.array([1e308])).tolist() == [1.0]
        assert NN.sigmoid([1e308, -1e308]).tolist()[0] == 1.0
        assert NN.sigmoid(np.float64(-1e308)) == 0.0
        assert NN.sigmoidPrime(np.array([1e308, 0.0])).tolist() == [0.0, 0.25]
        f = NN.sigmoid(np.arange(-1000.0, 1000.0, 0.5))
        assert bool(np.all((0.0 <= f) & (f <= 1.0)))


@given(st.lists(finite, min_size=1, max_size=6))
def test_sigmoid_takes_any_finite_float(backend, z) -> None:
    NN = nnd.Neural_Network(seed=0, backend=backend)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = backend.tolist(NN.sigmoid(z))
        d = backend.tolist(NN.sigmoidPrime(z))
    for x, fx, dx in zip(z, f, d):
        exact = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        assert math.isclose(fx, exact, rel_tol=1e-12, abs_tol=1e-300)
        e = math.exp(-abs(x))  # f′ = e^-|z| / (1 + e^-|z|)², with no cancellation
        assert 0.0 <= dx <= 0.25 and math.isclose(dx, e / (1 + e) ** 2, rel_tol=1e-9, abs_tol=1e-300)


# -- the names of nnd.video and nnd.video_data --------------------------------------------------------


def test_the_class_import_never_rebinds_a_learners_data() -> None:
    mine = {name: object() for name in ("X", "y", "trainX", "trainY", "testX", "testY")}
    ns = dict(mine)
    exec("from nnd.video import *", ns)
    assert all(ns[name] is value for name, value in mine.items())
    assert {"Neural_Network", "computeNumericalGradient", "norm", "trainer"} <= set(ns)


def test_video_data_gives_the_series_data_as_new_arrays_of_the_active_backend(backend) -> None:
    import nnd.video_data as video_data

    assert sorted(video_data.__all__) == ["X", "testX", "testY", "trainX", "trainY", "y"]
    shapes = {"X": (3, 2), "y": (3, 1), "trainX": (4, 2), "trainY": (4, 1), "testX": (4, 2), "testY": (4, 1)}
    with nnd.use_backend(backend):
        ns: dict = {}
        exec("from nnd.video_data import *", ns)
        for name, shape in shapes.items():
            assert backend.is_array(ns[name]) and tuple(backend.shape(ns[name])) == shape
        ns["X"][0, 0] = 99.0  # a learner's change stays theirs
        assert backend.tolist(video_data.X)[0][0] == 0.3
    assert backend.tolist(ns["testX"])[0] == [0.4, 1.1]  # test inputs scaled by the training maxima
    assert backend.tolist(ns["trainY"]) == [[0.75], [0.82], [0.93], [0.7]]
    with pytest.raises(AttributeError):
        video_data.W1  # noqa: B018


# -- the network's own checks -----------------------------------------------------------------------


def test_weights_changed_in_place_are_checked_again_on_every_pass(backend) -> None:
    B = backend
    net = nnd.Network(seed=0, backend=B)
    X, y = [[0.3, 1.0], [0.5, 0.2]], [[0.7], [0.8]]
    net.gradients(X, y)
    values = kept(net)
    net.W2[1, 0] = 2e30  # in place, beyond ±1e30
    for call in (lambda: net.forward(X), lambda: net.cost(X, y), lambda: net.gradients(X, y)):
        with pytest.raises(ValueError, match=r"^W2: expected numbers within"):
            call()
    assert kept(net) == values  # the refused passes kept nothing
    net.W2[1, 0] = 1e30  # at the limit: fine again
    assert all(math.isfinite(v) for v in B.tolist(net.forward(X))[0])
    if B.name == "python":
        with pytest.raises(ValueError, match="finite"):  # a ListArray refuses NaN at once
            net.W1[0, 0] = math.nan
    else:
        net.W1[0, 0] = math.nan  # NumPy takes it; the next pass does not
        with pytest.raises(ValueError, match=r"^W1: expected finite numbers"):
            net.forward(X)


def test_a_network_of_more_than_max_weights_is_refused_before_anything_is_built(monkeypatch) -> None:
    from nnd.util import checks

    assert checks.MAX_WEIGHTS == 10_000_000
    with pytest.raises(ValueError, match=r"^layer_sizes: .*15,000,000 weights.*at most 10,000,000"):
        nnd.Network((2, 5_000_000, 1))  # refused at once, not after filling the memory
    monkeypatch.setattr(checks, "MAX_WEIGHTS", 9)
    assert nnd.Network((2, 3, 1), seed=0).n_params == 9  # exactly the limit: allowed
    with pytest.raises(ValueError, match="12 weights"):
        nnd.Network((2, 3, 2))


signs = st.sampled_from([1.0, -1.0])
large_weights = st.builds(operator.mul, signs, st.sampled_from([0.5, 3.0, 1e10, 1e25, 1e29, 1e30, 1e30]))


@settings(max_examples=max(10, settings().max_examples // 3))
@given(st.data())
def test_deep_backpropagation_is_either_refused_or_finite(backend, data) -> None:
    """A deep network with large weights either refuses backpropagation (the error could
    outgrow float64) or gives finite gradients; the series' network never refuses."""
    depth = data.draw(st.integers(2, 3) | st.integers(9, 13))  # weight layers: the series', or deep
    sizes = [data.draw(st.integers(1, 3)) for _ in range(depth + 1)]
    net = nnd.Network(sizes, seed=0, backend=backend)
    for i in range(1, depth + 1):
        W = [[data.draw(large_weights) for _ in range(sizes[i])] for _ in range(sizes[i - 1])]
        setattr(net, f"W{i}", W)
    m = data.draw(st.integers(1, 3))
    X = [[data.draw(st.floats(-1, 1)) for _ in range(sizes[0])] for _ in range(m)]
    y = [[data.draw(st.floats(0, 1)) for _ in range(sizes[-1])] for _ in range(m)]
    net.forward(X)
    before = {name: backend.tolist(getattr(net, name)) for name in ("z2", "yHat")}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow on the way, not even a warning
        try:
            J, grads = net.cost_and_gradients(X, y)
        except ValueError as exc:
            assert depth > 2 and "weights too large for a network of" in str(exc)
            event("refused")
            assert {name: backend.tolist(getattr(net, name)) for name in ("z2", "yHat")} == before
            return
    event("accepted")
    assert math.isfinite(J)
    assert all(math.isfinite(v) for g in grads for r in backend.tolist(g) for v in r)


@needs_numpy
@pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")  # building np.matrix
def test_every_array_like_is_data_on_both_backends(backend) -> None:
    """np.matrix, masked arrays without masked values, array.array, objects with only
    __array__ or only tolist(): each is converted, and the network computes the same."""
    import array

    X, y = [[0.3, 1.0], [0.5, 0.2]], [[0.7], [0.8]]

    class OnlyArray:  # e.g. a library's array that NumPy can read
        def __init__(self, rows: list) -> None:
            self.rows = rows

        def __array__(self, dtype=None, copy=None):
            return np.array(self.rows, dtype=dtype)

    class OnlyToList:
        def __init__(self, rows: list) -> None:
            self.rows = rows

        def tolist(self) -> list:
            return self.rows

    net = nnd.Network(seed=0, backend=backend)
    expected = net.cost(X, y)
    forms = [np.matrix(X), np.ma.masked_array(X), OnlyArray(X), OnlyToList(X), np.array(X, dtype=np.float32)]
    for Xs in forms:
        got = net.cost(Xs, y)
        if isinstance(Xs, np.ndarray) and Xs.dtype == np.float32:
            assert math.isclose(got, expected, rel_tol=1e-6)
        else:
            assert got == expected, type(Xs)
    assert backend.tolist(backend.asarray(array.array("d", [0.5, 2.0]))) == [0.5, 2.0]
    net.set_params(array.array("d", [0.25] * 9))
    assert backend.tolist(net.W1) == [[0.25] * 3] * 2
