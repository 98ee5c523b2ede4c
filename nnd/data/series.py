"""The series' data: hours of sleep and of study, and the test score that followed.

Scaling (Part 2): inputs are divided by their column maxima, scores by 100 (the
largest possible score). Test inputs (Part 7) are divided by the *training* maxima:
a model must see new data on the scale it was trained on. The original notebook
meant to do this but divided by the maxima of the already scaled training data
(all 1), so its test inputs were never scaled; nnd scales them properly.
"""

from __future__ import annotations

from collections.abc import Sequence

from nnd.util.checks import as_nested, flag, number, sequence
from nnd.util.errors import InvalidTypeError, InvalidValueError

Rows = list[list[float]]
NumberRows = Sequence[Sequence[float]]  # rows of ints or floats, as callers give them

_SLEEP_STUDY_X: NumberRows = [[3, 5], [5, 1], [10, 2]]
_SLEEP_STUDY_Y: NumberRows = [[75], [82], [93]]

_TRAIN_X: NumberRows = [[3, 5], [5, 1], [10, 2], [6, 1.5]]
_TRAIN_Y: NumberRows = [[75], [82], [93], [70]]
_TEST_X: NumberRows = [[4, 5.5], [4.5, 1], [9, 2.5], [6, 2]]
_TEST_Y: NumberRows = [[70], [89], [85], [75]]

MAX_SCORE = 100.0
"""The largest possible test score, by which the series divides the scores."""


def column_maxima(X: NumberRows) -> list[float]:
    """The largest value of each column, for :func:`scale`.

    ``X`` must be a non-empty list of equally long rows of finite numbers; every
    column's maximum must be positive, since it is what the column is divided by
    (the series' data are hours, never negative). Anything else is a ``ValueError``
    (``TypeError`` for something that is not a number) saying where.

    >>> column_maxima([[3, 5], [5, 1], [10, 2]])
    [10.0, 5.0]
    >>> column_maxima([[3, 0], [5, 0]])
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: X: column 1's maximum is 0.0; scaling needs a positive maximum
    """
    rows = _rows(X, "X")
    maxima = [max(column) for column in zip(*rows)]
    _check_maxima(maxima, len(rows[0]), "X")
    return maxima


def scale(X: NumberRows, maxima: Sequence[float]) -> Rows:
    """Each column divided by its maximum (new lists; the input is not changed).

    ``maxima`` needs one positive finite number per column of ``X``; ``X`` as for
    :func:`column_maxima` (values above the maximum are allowed: test data scaled by
    the training maxima can exceed 1).

    >>> scale([[3, 5], [5, 1]], [10.0, 5.0])
    [[0.3, 1.0], [0.5, 0.2]]
    """
    rows = _rows(X, "X")
    given = sequence(maxima, "maxima", "[10.0, 5.0]")
    values = [number(m, f"maxima[{j}]", minimum=None) for j, m in enumerate(given)]
    _check_maxima(values, len(rows[0]), "maxima")
    return [[x / m for x, m in zip(row, values)] for row in rows]


def _rows(X: object, name: str) -> Rows:
    """``X`` as fresh rows of floats (:func:`~nnd.util.checks.as_nested`), or an error saying why not."""
    if isinstance(X, (list, tuple)) and X and isinstance(X[0], (list, tuple)) and not X[0]:
        raise InvalidValueError(f"{name}: expected at least one row of at least one number")
    rows, shape = as_nested(X, name)
    if len(shape) != 2:
        raise InvalidTypeError(f"{name}: expected a list of rows (lists of numbers), got a flat list")
    return rows


def _check_maxima(maxima: list[float], width: int, name: str) -> None:
    if len(maxima) != width:
        raise InvalidValueError(
            f"maxima: expected one maximum per column ({width}), got {len(maxima)}; no column is dropped"
        )
    for j, m in enumerate(maxima):
        if not m > 0:
            raise InvalidValueError(
                f"{name}: column {j}'s maximum is {m!r}; scaling needs a positive maximum"
            )


def _pack(X: NumberRows, y: NumberRows, scaled: bool, maxima: list[float]) -> tuple[Rows, Rows]:
    if not scaled:
        return [[float(v) for v in row] for row in X], [[float(v) for v in row] for row in y]
    return scale(X, maxima), [[v / MAX_SCORE for v in row] for row in y]


def sleep_study(scaled: bool = True) -> tuple[Rows, Rows]:
    """Parts 1–6: three students' (sleep, study) hours X and test scores y, as fresh lists.

    >>> X, y = sleep_study()
    >>> X
    [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
    >>> y
    [[0.75], [0.82], [0.93]]
    >>> sleep_study(scaled=False)[1]
    [[75.0], [82.0], [93.0]]
    """
    scaled = flag(scaled, "scaled")
    return _pack(_SLEEP_STUDY_X, _SLEEP_STUDY_Y, scaled, column_maxima(_SLEEP_STUDY_X))


def train_test(scaled: bool = True) -> tuple[Rows, Rows, Rows, Rows]:
    """Part 7: ``(trainX, trainY, testX, testY)``; test inputs scaled by the training maxima.

    >>> trainX, trainY, testX, testY = train_test()
    >>> testX[0], testY[0]
    ([0.4, 1.1], [0.7])
    """
    scaled = flag(scaled, "scaled")
    maxima = column_maxima(_TRAIN_X)
    trainX, trainY = _pack(_TRAIN_X, _TRAIN_Y, scaled, maxima)
    testX, testY = _pack(_TEST_X, _TEST_Y, scaled, maxima)
    return trainX, trainY, testX, testY
