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
