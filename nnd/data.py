"""The series' data: hours of sleep and of study, and the test score that followed.

Scaling (Part 2): inputs are divided by their column maxima, scores by 100 (the
largest possible score). Test inputs (Part 7) are divided by the *training* maxima:
a model must see new data on the scale it was trained on. The original notebook
meant to do this but divided by the maxima of the already scaled training data
(all 1), so its test inputs were never scaled; nnd scales them properly.
"""

from __future__ import annotations

Rows = list[list[float]]

_SLEEP_STUDY_X = [[3, 5], [5, 1], [10, 2]]
_SLEEP_STUDY_Y = [[75], [82], [93]]

_TRAIN_X = [[3, 5], [5, 1], [10, 2], [6, 1.5]]
_TRAIN_Y = [[75], [82], [93], [70]]
_TEST_X = [[4, 5.5], [4.5, 1], [9, 2.5], [6, 2]]
_TEST_Y = [[70], [89], [85], [75]]

MAX_SCORE = 100.0


def column_maxima(X: Rows) -> list[float]:
    """The largest value of each column.

    >>> column_maxima([[3, 5], [5, 1], [10, 2]])
    [10.0, 5.0]
    """
    return [float(max(column)) for column in zip(*X)]


def scale(X: Rows, maxima: list[float]) -> Rows:
    """Each column divided by its maximum (new lists; the input is not changed).

    >>> scale([[3, 5], [5, 1]], [10.0, 5.0])
    [[0.3, 1.0], [0.5, 0.2]]
    """
    return [[x / m for x, m in zip(row, maxima)] for row in X]


def _pack(X: Rows, y: Rows, scaled: bool, maxima: list[float]) -> tuple[Rows, Rows]:
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
    return _pack(_SLEEP_STUDY_X, _SLEEP_STUDY_Y, scaled, column_maxima(_SLEEP_STUDY_X))


def train_test(scaled: bool = True) -> tuple[Rows, Rows, Rows, Rows]:
    """Part 7: ``(trainX, trainY, testX, testY)``; test inputs scaled by the training maxima.

    >>> trainX, trainY, testX, testY = train_test()
    >>> testX[0], testY[0]
    ([0.4, 1.1], [0.7])
    """
    maxima = column_maxima(_TRAIN_X)
    trainX, trainY = _pack(_TRAIN_X, _TRAIN_Y, scaled, maxima)
    testX, testY = _pack(_TEST_X, _TEST_Y, scaled, maxima)
    return trainX, trainY, testX, testY
