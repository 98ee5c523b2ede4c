"""nnd.data.one_hot and labels_of: class numbers to target rows and back, and the series' data checks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnd.data import column_maxima, labels_of, one_hot, scale
from nnd.util.errors import InvalidTypeError, InvalidValueError

classes_and_labels = st.integers(2, 12).flatmap(
    lambda k: st.tuples(st.just(k), st.lists(st.integers(0, k - 1), min_size=1, max_size=30))
)


@given(classes_and_labels)
def test_one_hot_then_labels_of_gives_the_labels_back(case: tuple[int, list[int]]) -> None:
    k, labels = case
    rows = one_hot(labels, k)
    assert all(len(row) == k and row[c] == 1.0 and sum(row) == 1.0 for row, c in zip(rows, labels))
    assert labels_of(rows) == labels


def test_one_hot_rows_are_separate_lists() -> None:
    rows = one_hot([1, 1], 2)
    rows[0][0] = 5.0
    assert rows[1] == [0.0, 1.0]


def test_labels_of_takes_the_first_largest_and_reads_one_column_at_one_half() -> None:
    assert labels_of([[0.2, 0.7, 0.7], [0.9, 0.1, 0.0]]) == [1, 0]
    assert labels_of([[0.49], [0.5], [1.0]]) == [0, 1, 1]
    assert labels_of(((0.0, 1.0),)) == [1]


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: one_hot([0, 2], 2), InvalidValueError, r"labels\[1\]: expected an int >= 0 and <= 1, got 2"),
        (lambda: one_hot([-1], 3), InvalidValueError, r"labels\[0\]"),
        (lambda: one_hot([1.0], 3), InvalidTypeError, r"labels\[0\]: expected an int, got float"),
        (lambda: one_hot([True], 3), InvalidTypeError, r"labels\[0\]: expected an int, got bool"),
        (lambda: one_hot([0], 1), InvalidValueError, "classes: expected an int >= 2"),
        (lambda: one_hot("01", 2), InvalidTypeError, r"labels: expected a list or tuple .* got str"),
        (lambda: one_hot(iter([0]), 2), InvalidTypeError, "labels: .* got list_iterator"),
        (lambda: labels_of([0.2, 0.8]), InvalidValueError, "Y: expected rows"),
        (lambda: labels_of([]), InvalidValueError, "Y: expected at least one row"),
        (lambda: labels_of([[0.1, float("nan")]]), InvalidValueError, "finite"),
    ],
)
def test_bad_labels_are_refused_by_name(call, error, words) -> None:
    with pytest.raises(error, match=words):
        call()


# The series' scaling now checks its data with nnd.util.checks: the same refusals, the vocabulary's words.
@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: column_maxima([1, 2]), InvalidTypeError, "X: expected a list of rows"),
        (
            lambda: column_maxima([[]]),
            InvalidValueError,
            "X: expected at least one row of at least one number",
        ),
        (lambda: column_maxima([[1, 2], [3]]), InvalidValueError, "X: ragged rows: row 0 has 2 values"),
        (lambda: column_maxima([[1, "2"]]), InvalidTypeError, r"X: expected a number at \[0\]\[1\], got str"),
        (lambda: column_maxima([[[1], 2]]), InvalidValueError, "nested too deeply"),
        (lambda: scale([[1, 2]], {1.0, 2.0}), InvalidTypeError, "maxima: expected a list or tuple"),
        (lambda: scale([[1, 2]], [1.0, "2"]), InvalidTypeError, r"maxima\[1\]: expected a number, got str"),
        (lambda: scale([[1, 2]], [1.0, float("inf")]), InvalidValueError, r"maxima\[1\]: expected a finite"),
    ],
)
def test_the_series_scaling_refuses_in_the_shared_words(call, error, words) -> None:
    with pytest.raises(error, match=words):
        call()


def test_the_series_scaling_reads_arrays_with_tolist() -> None:
    class Column:
        def tolist(self) -> list:
            return [[3, 5], [5, 1], [10, 2]]

    assert column_maxima(Column()) == [10.0, 5.0]
    assert scale([[3, 5]], (10, 5)) == [[0.3, 1.0]]
