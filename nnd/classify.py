"""Networks as classifiers: the predicted class, accuracy and the confusion matrix.

A network's class for an example is the index of its largest output (with one output
unit: 1 if yHat ≥ ½, else 0); the true class is read the same way from the target row
(one-hot rows, or one column of 0 and 1). :meth:`nnd.Network.predict_class` gives the
predicted classes.

>>> import nnd
>>> net = nnd.Network((2, 3, 1), seed=0)
>>> X, Y = [[0.3, 1.0], [0.5, 0.2]], [[1.0], [0.0]]
>>> net.predict_class(X)  # both outputs are below ½: class 0
[0, 0]
>>> accuracy(net, X, Y)
0.5
>>> confusion_matrix(net, X, Y)  # row 1: the example of class 1, predicted as 0
[[1, 0], [1, 0]]
"""

from __future__ import annotations

from nnd.network import Network, check_network, classes

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from typing import Any


def _predicted_and_true(net: Network, X: Any, Y: Any) -> tuple[list[int], list[int]]:
    net = check_network(net)
    X, Y = net.check_data(X, Y, names=("X", "Y"))
    B = net.backend
    return net.predict_class(X), classes(B.tolist(Y))


def accuracy(net: Network, X: Any, Y: Any) -> float:
    """The fraction of examples whose predicted class is the target's (from 0 to 1)."""
    predicted, true = _predicted_and_true(net, X, Y)
    return sum(p == t for p, t in zip(predicted, true)) / len(true)


def confusion_matrix(net: Network, X: Any, Y: Any) -> list[list[int]]:
    """Counts of (true class, predicted class): row i, column j counts examples of class i predicted as j.

    With k output units there are k rows and k columns (2 for one output unit); the
    diagonal counts the examples classified right.
    """
    predicted, true = _predicted_and_true(net, X, Y)
    k = max(2, net.layer_sizes[-1])
    matrix = [[0] * k for _ in range(k)]
    for t, p in zip(true, predicted):
        matrix[t][p] += 1
    return matrix
