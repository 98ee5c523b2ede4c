"""Every backend operation equals its definition, written here in plain Python on nested lists.

The draws cover 1-D and 2-D arrays, a float on either side of the elementwise operations, dot
products on both sides of the python backend's unrolling limit (``nnd.arrays.python.kernels.UNROLL``), and
the composites on the arguments their fast paths take and on the ones they hand to the
general definition.
"""

from __future__ import annotations

import math
import operator
import warnings

import pytest
from helpers import assert_close
from hypothesis import given
from hypothesis import strategies as st
from strategies import matrices, values

import nnd
from nnd.arrays.python import kernels

# no subnormal numbers, in the values or in their products: JAX on the CPU flushes them to zero
values = values.filter(lambda v: v == 0.0 or abs(v) >= 1e-100)
lengths = st.integers(1, kernels.UNROLL + 3)
small = st.integers(1, 4)
unit = st.floats(0.0, 1.0)
wide = st.floats(-800.0, 800.0)


def f(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def f_prime(z: float) -> float:
    e = math.exp(-abs(z))
    return e / (1.0 + e) ** 2


def each(fn, x):
    return [each(fn, v) for v in x] if isinstance(x, list) else fn(x)


def both(fn, x, y):
    """fn elementwise over two nested lists of one shape, or a nested list and a float."""
    if isinstance(x, list) and isinstance(y, list):
        return [both(fn, u, v) for u, v in zip(x, y, strict=True)]
    if isinstance(x, list):
        return [both(fn, u, y) for u in x]
    if isinstance(y, list):
        return [both(fn, x, v) for v in y]
    return fn(x, y)


def matmul(A: list, B: list) -> list:
    return [
        [math.fsum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))
    ]


def transpose(A: list) -> list:
    return [list(c) for c in zip(*A)]


def flat(x) -> list[float]:
    return [v for u in x for v in flat(u)] if isinstance(x, list) else [x]


@st.composite
def arrays(draw, elements=values):
    """A 1-D or 2-D nested list."""
    if draw(st.booleans()):
        return draw(st.lists(elements, min_size=1, max_size=5))
    return draw(matrices(draw(small), draw(small), elements))


OPS = {"add": operator.add, "subtract": operator.sub, "multiply": operator.mul}


@pytest.mark.parametrize("name", sorted(OPS))
@given(data=st.data())
def test_elementwise_operations_are_their_definitions(backend, name, data) -> None:
    x = data.draw(arrays())
    y = data.draw(st.one_of(values, st.just(x).map(lambda x: each(lambda _: data.draw(values), x))))
    op = getattr(backend, name)
    B_x = backend.asarray(x)
    B_y = y if isinstance(y, float) else backend.asarray(y)
    assert backend.tolist(op(B_x, B_y)) == both(OPS[name], x, y)  # one IEEE operation each: exact
    if isinstance(y, float):  # a float on the left too
        assert backend.tolist(op(y, B_x)) == both(OPS[name], y, x)


@given(x=arrays(), d=st.floats(0.5, 4.0) | st.floats(-4.0, -0.5))
def test_divide_is_its_definition(backend, x, d) -> None:
    B_x = backend.asarray(x)
    # within an ulp: JAX divides by multiplying with the reciprocal
    assert_close(backend.divide(B_x, d), both(operator.truediv, x, d), rel=3e-16, abs_=0.0)
    divisor = each(lambda v: d + v / 8, x)  # nonzero: |v| <= 3 < 4 |d|
    expected = both(operator.truediv, x, divisor)
    assert_close(backend.divide(B_x, backend.asarray(divisor)), expected, rel=3e-16, abs_=0.0)


@given(m=small, k=lengths, n=small, data=st.data())
def test_products_are_their_definitions(backend, m, k, n, data) -> None:
    a, b = data.draw(matrices(m, k)), data.draw(matrices(k, n))
    B_a, B_b = backend.asarray(a), backend.asarray(b)
    assert_close(backend.matmul(B_a, B_b), matmul(a, b), rel=1e-12, abs_=1e-12)
    at = transpose(a)  # (k, m)
    assert_close(backend.matmul_ta(backend.asarray(at), B_b), matmul(a, b), rel=1e-12, abs_=1e-12)
    bt = transpose(b)  # (n, k)
    assert_close(backend.matmul_tb(B_a, backend.asarray(bt)), matmul(a, b), rel=1e-12, abs_=1e-12)
    assert backend.tolist(backend.transpose(B_a)) == at
    assert backend.shape(backend.matmul(B_a, B_b)) == (m, n)


@given(x=arrays(), data=st.data())
def test_sum_and_vdot_are_their_definitions(backend, x, data) -> None:
    y = each(lambda _: data.draw(values), x)
    B_x, B_y = backend.asarray(x), backend.asarray(y)
    assert math.isclose(backend.sum(B_x), math.fsum(flat(x)), rel_tol=1e-12, abs_tol=1e-12)
    dot = math.fsum(u * v for u, v in zip(flat(x), flat(y)))
    assert math.isclose(backend.vdot(B_x, B_y), dot, rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(
        backend.vdot(B_x, B_x), math.fsum(v * v for v in flat(x)), rel_tol=1e-12, abs_tol=1e-12
    )
    assert type(backend.sum(B_x)) is float and type(backend.vdot(B_x, B_y)) is float


@given(x=arrays(wide))
def test_sigmoid_and_its_derivatives_are_their_definitions(backend, x) -> None:
    B_x = backend.asarray(x)
    assert_close(backend.sigmoid(B_x), each(f, x), rel=1e-14, abs_=1e-300)
    assert_close(backend.sigmoid_prime(B_x), each(f_prime, x), rel=1e-13, abs_=1e-300)
    a = each(f, x)
    got = backend.sigmoid_prime_from_output(backend.asarray(a))
    assert_close(got, each(lambda v: v * (1.0 - v), a), rel=0.0, abs_=2.3e-308)  # (JAX: no subnormals)
    assert backend.shape(backend.sigmoid(B_x)) == backend.shape(B_x)


@pytest.mark.parametrize("z", [0.0, 1e-9, -1e-9, 2e-8, 1e-300, -5e-324])
def test_sigmoid_prime_never_exceeds_its_maximum_a_quarter(backend, z) -> None:
    (value,) = backend.tolist(backend.sigmoid_prime(backend.asarray([z])))
    assert value <= 0.25 and math.isclose(value, 0.25, rel_tol=1e-12)


def test_sigmoid_prime_is_a_quarter_at_zero_and_tiny_far_out(backend) -> None:
    got = backend.tolist(backend.sigmoid_prime(backend.asarray([[0.0, 40.0, -40.0, 800.0]])))
    assert got[0][0] == 0.25 and got[0][3] == 0.0
    assert math.isclose(got[0][1], math.exp(-40.0), rel_tol=1e-12) and got[0][1] == got[0][2]


@given(m=small, k=lengths, n=small, data=st.data())
def test_the_steps_of_backpropagation_are_their_definitions(backend, m, k, n, data) -> None:
    a, W = data.draw(matrices(m, k, wide)), data.draw(matrices(k, n))
    z, out = backend.matmul_sigmoid(backend.asarray(a), backend.asarray(W))
    assert_close(z, matmul(a, W), rel=1e-12, abs_=1e-9)
    assert backend.tolist(out) == backend.tolist(backend.sigmoid(z))
    yHat, y = data.draw(matrices(m, n, unit)), data.draw(matrices(m, n, unit))
    expected = both(operator.mul, both(operator.sub, yHat, y), each(lambda p: p * (1.0 - p), yHat))
    assert_close(
        backend.output_delta(backend.asarray(yHat), backend.asarray(y)), expected, rel=1e-14, abs_=1e-300
    )
    delta, W2, a2 = data.draw(matrices(m, k)), data.draw(matrices(n, k)), data.draw(matrices(m, n, unit))
    expected = both(operator.mul, matmul(delta, transpose(W2)), each(lambda x: x * (1.0 - x), a2))
    got = backend.hidden_delta(backend.asarray(delta), backend.asarray(W2), backend.asarray(a2))
    assert_close(got, expected, rel=1e-12, abs_=1e-12)
    g = data.draw(matrices(m, n))
    expected = both(operator.mul, g, each(lambda x: x * (1.0 - x), a2))
    got = backend.multiply_sigmoid_prime(backend.asarray(g), backend.asarray(a2))
    assert_close(got, expected, rel=1e-14, abs_=1e-300)


def test_the_steps_on_1d_arrays_take_the_general_definition(backend) -> None:
    B = backend
    g, a = B.asarray([0.5, -2.0]), B.asarray([0.25, 0.5])
    assert B.tolist(B.multiply_sigmoid_prime(g, a)) == [0.5 * 0.25 * 0.75, -2.0 * 0.25]
    assert B.tolist(B.output_delta(a, g)) == [(0.25 - 0.5) * 0.25 * 0.75, (0.5 + 2.0) * 0.25]


@pytest.mark.parametrize(
    ("name", "shapes"),
    [
        ("multiply_sigmoid_prime", [(2, 2), (2, 3)]),
        ("output_delta", [(2, 1), (1, 2)]),
        ("hidden_delta", [(2, 2), (2, 3), (2, 2)]),
        ("hidden_delta", [(2, 2), (2, 2), (3, 2)]),
        ("matmul_sigmoid", [(2, 3), (2, 3)]),
    ],
)
def test_the_steps_refuse_shapes_that_do_not_fit_naming_them(backend, name, shapes) -> None:
    args = [backend.asarray([[0.5] * cols for _ in range(rows)]) for rows, cols in shapes]
    with pytest.raises(ValueError, match=r"\(\d, ?\d\).*\(\d, ?\d\)"):
        getattr(backend, name)(*args)


def test_hidden_delta_with_a_1d_delta_takes_the_general_definition_and_says_why() -> None:
    B = nnd.get_backend("python")  # (the numpy backend leaves shapes to NumPy's broadcasting)
    with pytest.raises(ValueError, match=r"\(2,\)"):
        B.hidden_delta(B.asarray([0.5, 0.5]), B.asarray([[1.0, 1.0]]), B.asarray([[0.5]]))


@pytest.mark.parametrize(
    ("rows", "finite"),
    [
        ([[1.0, 2.0]], True),
        ([[1e308, 1e308], [1e308, -1.0]], True),  # the sum overflows, every element is finite
        ([[1e308, 1e308], [math.nan, 1.0]], False),
        ([[1.0, math.inf]], False),
        ([[-math.inf, 1.0]], False),
        ([1e308, 1e308, 1e308], True),
        ([1e308, 1e308, -math.inf], False),
    ],
)
def test_all_finite_is_true_exactly_when_no_element_is_nan_or_infinite(backend, rows, finite) -> None:
    B = backend
    array = B.from_floats(rows, (len(rows), len(rows[0])) if isinstance(rows[0], list) else (len(rows),))
    assert B.all_finite(array) is finite


@pytest.mark.parametrize(
    ("rows", "within"),
    [
        ([[1.0, -2.0]], True),
        ([[1e30]], True),  # the limit itself is within it, the next float is not
        ([[-1e30 * (1 + 2**-52)]], False),
        ([[1e30, -1e30]], False),  # √Σa² past the limit: the caller looks at each element
        ([[1e29, -1e29], [1e29, 0.0]], True),
        ([[1.0, 1e31]], False),
        ([[1e308, 1.0]], False),
        ([[math.nan, 1.0]], False),
        ([[1.0, math.inf]], False),
        ([[-math.inf, math.inf]], False),
        ([0.5, -1e30 * 1.0000001], False),
        ([1e28] * 99, True),  # long arrays, which a backend may test another way than short ones
        ([1e28] * 98 + [math.nan], False),
        ([1e200] * 40, False),  # Σa² overflows
        ([[1e29] * 20, [1e29] * 20], True),
        ([[1e29] * 20, [1e29] * 19 + [1.1e30]], False),
    ],
)
def test_within_limit_is_true_only_when_every_element_is_finite_and_within_the_limit(
    backend, rows, within
) -> None:
    B = backend
    array = B.from_floats(rows, (len(rows), len(rows[0])) if isinstance(rows[0], list) else (len(rows),))
    assert B.within_limit(array) is within


def _with_one_bad_element(backend, x, data):
    """An array of ``x``'s values (a 1-D or 2-D list) with one of them, drawn, made NaN, ±inf or too large."""
    bad = data.draw(st.sampled_from([math.nan, math.inf, -math.inf, 2e30, -1e300]))
    rows = [list(row) for row in x] if isinstance(x[0], list) else [list(x)]
    i, j = data.draw(st.integers(0, len(rows) - 1)), data.draw(st.integers(0, len(rows[0]) - 1))
    rows[i][j] = bad
    shape = (len(rows), len(rows[0])) if isinstance(x[0], list) else (len(rows[0]),)
    return backend.from_floats(rows if isinstance(x[0], list) else rows[0], shape)


@given(x=arrays(st.floats(-1e28, 1e28)), data=st.data())
def test_within_limit_is_true_for_arrays_in_range_and_false_with_one_bad_element(backend, x, data) -> None:
    # at most 25 elements within ±1e28, so √Σa² ≤ 5e28: inside the limit whichever test a backend runs
    assert backend.within_limit(backend.asarray(x)) is True
    assert backend.within_limit(_with_one_bad_element(backend, x, data)) is False


def test_within_limit_is_false_without_a_warning_when_the_sum_of_several_overflows(backend) -> None:
    B = backend
    each = B.from_floats([2e153] * 40, (40,))  # Σa² = 1.6e308: finite; twice that is past the largest float
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert B.within_limit(each) is False
        assert B.within_limit(each, each) is False


def test_within_limit_of_long_arrays_sees_a_bad_number_in_any_of_them(backend) -> None:
    B = backend
    good, bad = B.from_floats([1.0] * 40, (40,)), B.from_floats([1.0] * 39 + [math.nan], (40,))
    assert B.within_limit(good, good, good) is True
    assert B.within_limit(bad, good) is False and B.within_limit(good, bad) is False
    assert B.within_limit(bad, B.asarray([[1.0]])) is False  # a long one among short ones


_in_range = st.floats(-1e28, 1e28)


@given(
    parts=st.lists(arrays(_in_range) | st.lists(_in_range, min_size=26, max_size=60), min_size=1, max_size=4),
    data=st.data(),
)
def test_within_limit_of_several_arrays_is_false_if_one_holds_a_bad_element(backend, parts, data) -> None:
    # a pass asks once for X, y and every weight: one bad number anywhere makes the answer False
    # (short and long arrays mixed: a backend may test a long one another way)
    arrays_ = [backend.asarray(x) for x in parts]
    assert backend.within_limit(*arrays_) is True  # at most 240 numbers within ±1e28: √Σa² < 2e29
    which = data.draw(st.integers(0, len(parts) - 1))
    arrays_[which] = _with_one_bad_element(backend, parts[which], data)
    assert backend.within_limit(*arrays_) is False
    assert backend.within_limit(*arrays_[:which], *arrays_[which + 1 :]) is True  # the others alone


@given(x=arrays())
def test_copy_tolist_shape_and_is_array(backend, x) -> None:
    B = backend
    a = B.asarray(x)
    c = B.copy(a)
    assert B.is_array(a) and B.is_array(c) and c is not a
    assert B.tolist(c) == x and B.shape(c) == (
        (len(x),) if not isinstance(x[0], list) else (len(x), len(x[0]))
    )
    assert not B.is_array(x) and not B.is_array(3.0)
    assert B.tolist(B.from_floats(x, B.shape(a))) == x


@given(x=arrays())
def test_shaped_hands_back_an_array_of_its_own_as_it_is(backend, x) -> None:
    a = backend.asarray(x)
    assert backend.shaped(a, "X") is a  # not a copy: the caller's array, unchanged
    assert backend.tolist(a) == x


@pytest.mark.parametrize("shape", [(0,), (0, 2), (2, 0)])
def test_shaped_refuses_an_empty_array_of_its_own_naming_it(backend, shape) -> None:
    """``from_floats`` can build an array with no numbers; ``shaped`` refuses it, as it refuses
    empty data of any other type."""
    empty = backend.from_floats([[] for _ in range(shape[0])] if len(shape) == 2 else [], shape)
    with pytest.raises(nnd.NNDError, match=r"X: expected a 1-D or 2-D array with at least one number"):
        backend.shaped(empty, "X")


def test_vdot_refuses_arrays_of_different_shapes_naming_them(backend) -> None:
    B = backend
    with pytest.raises(ValueError, match=r"vdot.*\(1, 2\).*\(2, 1\)"):
        B.vdot(B.asarray([[1.0, 2.0]]), B.asarray([[1.0], [2.0]]))


def test_a_network_trains_the_same_on_every_backend(backend) -> None:
    X, y = nnd.data.sleep_study()
    python = nnd.Network(seed=2)
    other = nnd.Network(seed=2, backend=backend)
    assert_close(other.gradients(X, y), python.gradients(X, y), rel=1e-12, abs_=1e-15)


# -- the python backend's one-pass steps --------------------------------------------------------
SIMPLER = ["matmul", "matmul_tb", "transpose", "multiply", "subtract", "sigmoid",
           "sigmoid_prime_from_output", "multiply_sigmoid_prime"]  # fmt: skip


def spying_backend(step: str = "") -> tuple[nnd.Backend, list[str]]:
    """A python backend that records every call of the simpler operations ``step`` is defined by."""
    from nnd.arrays.python import PythonBackend

    calls: list[str] = []
    plain = PythonBackend()

    def spy(name: str):
        original = getattr(plain, name)
        return lambda self, *args: calls.append(name) or original(*args)

    Spy = type("Spy", (PythonBackend,), {name: spy(name) for name in SIMPLER if name != step})
    return Spy(), calls


STEPS_2D = {
    "matmul_sigmoid": [(2, 3), (3, 2)],
    "output_delta": [(2, 3), (2, 3)],
    "hidden_delta": [(2, 3), (4, 3), (2, 4)],
    "multiply_sigmoid_prime": [(2, 3), (2, 3)],
}


@pytest.mark.parametrize("name", sorted(STEPS_2D))
def test_each_step_on_2d_listarrays_is_one_pass_of_its_own(name) -> None:
    B, calls = spying_backend(name)
    args = [B.asarray([[0.25 * (i + j) for j in range(c)] for i in range(r)]) for r, c in STEPS_2D[name]]
    fast = getattr(B, name)(*args)
    assert calls == []  # none of the simpler operations: the step is one pass
    general = getattr(nnd.Backend, name)(B, *args)  # the definition, through the simpler operations
    assert calls != []
    assert_close(fast, general, rel=1e-14, abs_=1e-300)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("matmul_sigmoid", ([1.0, 2.0], [[1.0], [2.0]])),
        ("output_delta", ([0.5, 0.25], [1.0, 0.0])),
        ("multiply_sigmoid_prime", ([0.5, 0.25], [0.5, 0.75])),
        ("hidden_delta", ([0.5, 0.25], [[1.0, 2.0]], [[0.5]])),
    ],
)
def test_a_step_on_1d_arrays_takes_the_general_definition(name, args) -> None:
    B, calls = spying_backend(name)
    arrays = [B.asarray(a) for a in args]
    try:
        getattr(B, name)(*arrays)
    except ValueError:
        pass  # the general definition may refuse the shapes; it was still the one that ran
    assert calls != []


@pytest.mark.parametrize("name", ["sigmoid", "sigmoid_prime", "sigmoid_prime_from_output"])
def test_the_sigmoids_name_themselves_when_given_no_listarray(name) -> None:
    B = nnd.get_backend("python")
    with pytest.raises(
        TypeError, match=rf"^python backend: {name} needs ListArrays, got list; convert it first"
    ):
        getattr(B, name)([[0.5]])


def test_dot_products_up_to_unroll_terms_are_written_out_and_longer_ones_are_not() -> None:
    for table in (kernels.products, kernels.delta_products):
        for k in range(1, kernels.UNROLL + 1):
            assert table[k] is not table.general, k
        for k in range(kernels.UNROLL + 1, kernels.UNROLL + 4):
            assert table[k] is table.general, k
