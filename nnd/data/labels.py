"""Class labels as a network's targets: one output unit per class ("one-hot" rows).

A network that tells ``k`` classes apart has ``k`` output units and learns, for an
example of class ``c``, the target row that is 1.0 at position ``c`` and 0.0 elsewhere.
The class a trained network picks is the position of its largest output.

>>> one_hot([2, 0], 3)
[[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
>>> labels_of([[0.0, 0.0, 1.0], [0.9, 0.1, 0.3]])
[2, 0]
"""

from __future__ import annotations

from nnd.util.checks import as_nested, integer, sequence
from nnd.util.errors import InvalidValueError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

MAX_CLASSES = 10_000
"""Most classes :func:`one_hot` makes rows for (each row has one number per class)."""


def one_hot(labels: Sequence[int], classes: int) -> list[list[float]]:
    """One fresh row of ``classes`` floats per label: 1.0 at the label's position, 0.0 elsewhere.

    ``labels`` are ints from 0 to ``classes - 1`` (NumPy's ints too); ``classes`` is at least 2.

    >>> one_hot([1], 2)
    [[0.0, 1.0]]
    >>> one_hot([3], 3)
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: labels[0]: expected an int >= 0 and <= 2, got 3
    """
    k = integer(classes, "classes", minimum=2, maximum=MAX_CLASSES)
    labels = sequence(labels, "labels", "[0, 3, 1]")  # a 0-D array, a set or a generator: refused
    checked = [integer(c, f"labels[{i}]", minimum=0, maximum=k - 1) for i, c in enumerate(labels)]
    return rows_of(checked, k)


def rows_of(labels: Iterable[int], k: int) -> list[list[float]]:
    """:func:`one_hot` for labels already known to be in range (no checks: nnd's loaders use it)."""
    rows = [[1.0 if i == c else 0.0 for i in range(k)] for c in range(k)]
    return list(map(list, map(rows.__getitem__, labels)))  # a new list for each label


def labels_of(Y: Any) -> list[int]:
    """The class of each row: the position of its largest value (the first, on a tie).

    ``Y`` holds one-hot target rows or a network's outputs (lists, or an array of any
    backend). A single column is read as two classes, as one sigmoid output unit is:
    1 where the value is at least 0.5, else 0.

    >>> labels_of([[0.2], [0.7]])
    [0, 1]
    """
    rows, shape = as_nested(Y, "Y")
    if len(shape) == 1:
        raise InvalidValueError(
            f"Y: expected rows (one list of outputs per example), got a flat list of {shape[0]} numbers"
        )
    if len(rows[0]) == 1:
        return [1 if row[0] >= 0.5 else 0 for row in rows]
    return [max(range(len(row)), key=row.__getitem__) for row in rows]
