"""Data to learn from: the series' own (:mod:`nnd.data.series`).

>>> X, y = sleep_study()
>>> X[0], y[0]
([0.3, 1.0], [0.75])
"""

from nnd.data.series import MAX_SCORE, column_maxima, scale, sleep_study, train_test

__all__ = ["MAX_SCORE", "column_maxima", "scale", "sleep_study", "train_test"]
