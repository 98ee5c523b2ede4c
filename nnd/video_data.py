"""The series' data under the notebooks' names, for a notebook without data cells of its own.

``from nnd.video_data import *`` gives, as arrays of the backend active at that moment:

- ``X``, ``y``: Parts 1–6, hours of (sleep, study) and test scores, scaled as the series
  scales them (X by its column maxima, y by 100);
- ``trainX``, ``trainY``, ``testX``, ``testY``: Part 7's four training and four test
  examples, the test inputs scaled with the *training* data's maxima.

It is separate from :mod:`nnd.video` (the classes), so that standing in for a notebook's
class cell never replaces the notebook's own data.

>>> from nnd.video_data import *
>>> X.shape, y.shape, trainX.shape, testY.shape
((3, 2), (3, 1), (4, 2), (4, 1))
>>> X.tolist()
[[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["X", "testX", "testY", "trainX", "trainY", "y"]  # made on first use, by __getattr__

if TYPE_CHECKING:  # the names __getattr__ makes, declared for type checkers (`import *` included)
    from nnd.arrays.backend import Array

    X: Array
    y: Array
    trainX: Array  # noqa: N816 - the series' names
    trainY: Array  # noqa: N816
    testX: Array  # noqa: N816
    testY: Array  # noqa: N816


def __getattr__(name: str) -> Any:
    """Each name, as a new array of the backend active now (so that a learner's changes stay theirs)."""
    from nnd import data
    from nnd.arrays.registry import get_backend

    if name in ("X", "y"):
        values = dict(zip(("X", "y"), data.sleep_study()))
    elif name in ("trainX", "trainY", "testX", "testY"):
        values = dict(zip(("trainX", "trainY", "testX", "testY"), data.train_test()))
    else:
        raise AttributeError(f"module 'nnd.video_data' has no attribute {name!r}")
    return get_backend().asarray(values[name], name)
