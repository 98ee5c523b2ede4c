"""Refusals that used to escape as Python's own errors, or to change something on the way.

Each test names the entry point, the bad argument and what the message must say; a refused
call must leave the caller's generators unread and the network as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import needs_numpy

import nnd
from nnd.network import classes
from nnd.util.errors import InvalidTypeError, InvalidValueError, NNDError


def halves() -> Iterator[float]:
    """A generator whose first value, read back, shows whether a call used it."""
    yield from (0.5, 0.25)


def untouched(values: Iterator[Any]) -> bool:
    return next(values, None) == 0.5


# -- nnd.network ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "error", "words"),
    [
        (None, InvalidTypeError, ["rows", "NoneType"]),
        ([[]], InvalidValueError, ["rows", "at least one column"]),
        ({"a": 1}, InvalidTypeError, ["rows", "dict"]),
        ([], InvalidValueError, ["rows", "at least one row"]),
        ([[0.2, 0.8], [0.5]], InvalidValueError, ["rows", "ragged"]),
        ([[float("nan"), 0.1]], InvalidValueError, ["rows", "finite", "nan"]),
        ([["a", "b"]], InvalidTypeError, ["rows", "number", "str"]),
        ([0.2, 0.8], InvalidValueError, ["rows", "list of rows", "(2,)"]),
        ((row for row in [[0.2, 0.8]]), InvalidTypeError, ["rows", "generator"]),
    ],
)
def test_classes_refuses_what_is_not_rows_of_numbers(rows: Any, error: type, words: list[str]) -> None:
    with pytest.raises(error) as caught:
        classes(rows)
    assert all(word in str(caught.value) for word in words), str(caught.value)


def test_classes_still_reads_rows_and_arrays_of_any_numbers() -> None:
    assert classes([[0.1, 0.7, 0.2], [0.9, 0.0, 0.1]]) == [1, 0]
    assert classes(((1, 3), (4, 2))) == [1, 0]
    assert classes([[0.2], [0.5]]) == [0, 1]
    assert classes([[1e308, 1.7e308]]) == [1]  # their sum overflows; each is finite


@needs_numpy
def test_classes_reads_a_numpy_array_and_refuses_a_0d_one() -> None:
    import numpy as np

    assert classes(np.array([[0.1, 0.9], [0.6, 0.4]])) == [1, 0]
    with pytest.raises(NNDError, match="rows"):
        classes(np.array(0.5))


@pytest.mark.parametrize(
    ("names", "error", "words"),
    [
        (None, InvalidTypeError, ["names", "('X', 'y')", "NoneType"]),
        (("X",), InvalidValueError, ["names", "two names", "('X',)"]),
        (("X", "y", "z"), InvalidValueError, ["names", "two names"]),
        (("X", 1), InvalidTypeError, ["names[1]", "str", "int"]),
    ],
)
def test_check_data_refuses_names_that_are_not_two_strings(names: Any, error: type, words: list[str]) -> None:
    with pytest.raises(error) as caught:
        nnd.Network().check_data([[0.3, 1.0]], [[0.5]], names=names)
    assert all(word in str(caught.value) for word in words), str(caught.value)


def test_check_data_refuses_a_generator_of_names_without_reading_it() -> None:
    names = (name for name in ["testX", "testY"])
    with pytest.raises(InvalidTypeError, match="names: .*generator"):
        nnd.Network().check_data([[0.3]], [[0.5]], names=names)  # X is bad too: names come first
    assert next(names, None) == "testX"


def test_check_data_names_a_list_of_two_names() -> None:
    with pytest.raises(InvalidValueError, match="testX and testY need one row per example"):
        nnd.Network().check_data([[0.3, 1.0]], [[0.5], [0.7]], names=["testX", "testY"])


def test_flatten_refuses_a_generator_without_reading_it() -> None:
    values = halves()
    with pytest.raises(InvalidTypeError, match="arrays: expected a list or tuple .* got generator"):
        nnd.Network().flatten(values)
    assert untouched(values)


@pytest.mark.parametrize(
    ("arrays", "error", "words"),
    [
        (None, InvalidTypeError, ["arrays", "NoneType"]),
        ([[[1.0]]], InvalidTypeError, ["arrays[0]", "2-D array of the python backend", "list"]),
        ([0.5], InvalidTypeError, ["arrays[0]", "float"]),
    ],
)
def test_flatten_refuses_what_is_not_arrays_of_the_backend(
    arrays: Any, error: type, words: list[str]
) -> None:
    with pytest.raises(error) as caught:
        nnd.Network().flatten(arrays)
    assert all(word in str(caught.value) for word in words), str(caught.value)


def test_flatten_refuses_a_1d_array() -> None:
    B = nnd.get_backend("python")
    with pytest.raises(InvalidValueError, match=r"arrays\[1\]: .* got shape \(2,\)"):
        nnd.Network(backend=B).flatten([B.asarray([[1.0]]), B.asarray([1.0, 2.0])])


def test_flatten_lays_out_arrays_row_by_row(backend: nnd.Backend) -> None:
    net = nnd.Network(backend=backend)
    arrays = (backend.asarray([[1.0, 2.0], [3.0, 4.0]]), backend.asarray([[5.0]]))
    assert net.flatten(arrays) == [1.0, 2.0, 3.0, 4.0, 5.0]


# -- Network.unflatten, the data helpers, the pictures ------------------------------------------------


@pytest.mark.parametrize(
    ("values", "error", "words"),
    [
        (None, InvalidTypeError, ["values", "NoneType"]),
        ([0.5] * 8, InvalidValueError, ["values", "expected 9 numbers", "got 8"]),
        ([0.5] * 8 + ["a"], InvalidTypeError, ["values[8]", "number", "str"]),
        ((v for v in [0.5] * 9), InvalidTypeError, ["values", "generator"]),
    ],
)
def test_unflatten_refuses_what_is_not_one_number_per_parameter(
    backend: nnd.Backend, values: Any, error: type, words: list[str]
) -> None:
    with pytest.raises(error) as caught:
        nnd.Network(backend=backend).unflatten(values)
    assert all(word in str(caught.value) for word in words), str(caught.value)


def test_unflatten_lays_out_weights_then_biases(backend: nnd.Backend) -> None:
    net = nnd.Network((2, 1), backend=backend, bias=True)
    weights, biases = net.unflatten([1, 2.0, 3.0])  # an int is a number too
    assert [backend.tolist(w) for w in weights] == [[[1.0], [2.0]]]
    assert [backend.tolist(b) for b in biases] == [[[3.0]]]


def test_scaling_refuses_a_generator_unread() -> None:
    maxima = halves()
    with pytest.raises(InvalidTypeError, match="maxima: expected a list or tuple"):
        nnd.data.Scaling([0.0, 0.0], maxima)
    assert untouched(maxima)
    with pytest.raises(InvalidTypeError, match="minima: .* got NoneType"):
        nnd.data.Scaling(None, [1.0])


@needs_numpy
def test_data_helpers_refuse_numpy_arrays_where_a_flag_or_labels_belong() -> None:
    import numpy as np

    with pytest.raises(InvalidTypeError, match="labels: .* got a 0-D array"):
        nnd.data.one_hot(np.zeros(()), 3)
    assert nnd.data.one_hot(np.array([2, 0]), 3) == [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    for load in (nnd.data.sleep_study, nnd.data.train_test):
        with pytest.raises(InvalidTypeError, match="scaled: expected True or False"):
            load(scaled=np.zeros((1, 1, 2)))


@needs_numpy
def test_pictures_refuse_arrays_where_a_function_a_flag_or_a_name_belongs() -> None:
    import numpy as np

    X, y = nnd.data.sleep_study()
    with pytest.raises(InvalidTypeError, match="derivative: expected a function"):
        nnd.draw.secant(derivative=np.zeros((1, 1, 2)))
    with pytest.raises(InvalidTypeError, match="log: expected True or False"):
        nnd.draw.training([0.5, 0.1], log=np.zeros((1, 1, 2)))
    with pytest.raises(InvalidTypeError, match="weight: expected a name such as 'W1', got dict"):
        nnd.draw.cost_sweep(nnd.Network(), X, y, {}, values=[0.0, 1.0])
    with pytest.raises(InvalidValueError, match="paths: expected methods from 'gd', 'bfgs'"):
        nnd.draw.cost_surface(nnd.Network(), X, y, resolution=2, paths=[[]], max_iter=1)


def test_the_video_wrapper_checks_the_data_before_it_sets_the_weights() -> None:
    from nnd.training import Trainer

    net = nnd.Network(seed=0)
    before = net.get_params().tolist()
    with pytest.raises(InvalidValueError, match=r"X: expected shape \(rows, 2\), got \(1, 3\)"):
        Trainer(net).costFunctionWrapper([0.25] * 9, [[1.0, 2.0, 3.0]], [[0.5]])
    assert net.get_params().tolist() == before


# -- the minimizers and their line search ---------------------------------------------------------


def _quadratic(x: Any) -> tuple[float, list[float]]:
    return x[0] ** 2, [2.0 * x[0]]


@pytest.mark.parametrize("name", ["minimize_bfgs", "minimize_lbfgs", "gradient_descent"])
def test_minimizers_check_the_objective_the_callback_and_x0(name: str) -> None:
    minimize = getattr(nnd.training.bfgs, name)
    with pytest.raises(InvalidTypeError, match=r"fg\(x\): expected a list or tuple like \(cost, gradient\)"):
        minimize(lambda x: None, [0.0])
    with pytest.raises(InvalidValueError, match=r"fg\(x\)\[1\], the gradient: expected 1 numbers"):
        minimize(lambda x: (1.0, [1.0, 2.0]), [0.0])
    with pytest.raises(InvalidTypeError, match="callback: expected a function or None, got str"):
        minimize(_quadratic, [1.0], callback="print")
    with pytest.raises(InvalidTypeError, match="fg: expected a function, got NoneType"):
        minimize(None, [1.0])
    with pytest.raises(InvalidValueError, match="x0: expected a non-empty sequence"):
        minimize(_quadratic, [])


def test_line_search_checks_each_argument_and_reads_no_generator() -> None:
    search = nnd.training.bfgs.line_search
    with pytest.raises(InvalidTypeError, match="f0: expected a number, got str"):
        search(_quadratic, [1.0], [-1.0], "2", [2.0])
    with pytest.raises(InvalidValueError, match="c2: .* got an int too large for a float"):
        search(_quadratic, [1.0], [-1.0], 1.0, [2.0], c2=10**400)
    with pytest.raises(InvalidValueError, match="c2: expected a number above c1"):
        search(_quadratic, [1.0], [-1.0], 1.0, [2.0], c1=0.5, c2=0.1)
    with pytest.raises(InvalidTypeError, match="x: expected a sequence of numbers, got NoneType"):
        search(_quadratic, None, [-1.0], 1.0, [2.0])
    with pytest.raises(InvalidValueError, match="g0: expected 2 numbers"):
        search(_quadratic, [1.0, 1.0], [-1.0, 0.0], 1.0, [2.0])
    p = halves()
    with pytest.raises(InvalidTypeError, match="p: expected a sequence of numbers, got generator"):
        search(_quadratic, [1.0, 1.0], p, 2.0, [2.0, 2.0])
    assert untouched(p)


@needs_numpy
def test_minimizers_take_a_1d_array_and_refuse_a_0d_one() -> None:
    import numpy as np

    out = nnd.training.bfgs.minimize_bfgs(_quadratic, np.array([1.0]))
    assert abs(out.x[0]) < 1e-5 and isinstance(out.x, list)
    with pytest.raises(InvalidTypeError, match="x0: .* got a 0-D array"):
        nnd.training.bfgs.gradient_descent(_quadratic, np.array(1.0))


@needs_numpy
def test_listarray_reductions_take_float64_dtypes_and_refuse_an_array_as_one() -> None:
    import numpy as np

    from nnd.arrays.python.listarray import ListArray

    a = ListArray([[1.0, 3.0]])
    for dtype in (None, float, "float64", "f8", np.float64, np.dtype("float64")):
        assert a.mean(dtype=dtype) == 2.0
    with pytest.raises(InvalidTypeError, match=r"mean: ListArrays hold float64 only, got dtype=array\("):
        a.mean(dtype=np.zeros((1, 1, 2)))
    with pytest.raises(InvalidTypeError, match="float64 only"):
        a.sum(dtype="int32")


@needs_numpy
def test_train_checks_momentum_before_asking_whether_it_was_given() -> None:
    import numpy as np

    net = nnd.Network(seed=0)
    X, y = nnd.data.sleep_study()
    before = net.to_json()
    with pytest.raises(InvalidTypeError, match=r"momentum: expected a number, got numpy\.ndarray"):
        nnd.train(net, X, y, method="gd", momentum=np.zeros((1, 1, 2)))
    assert net.to_json() == before
