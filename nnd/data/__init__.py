"""Data to learn from: the series' own, handwritten digits, 2-D teaching sets, and your files.

Every function returns fresh lists of floats, inputs scaled into [0, 1] as a sigmoid
network wants them, ready for ``nnd.train``:

- :func:`sleep_study`, :func:`train_test`: the series' three students (Parts 1–6) and its
  training and test data (Part 7); :func:`column_maxima` and :func:`scale`, the series'
  scaling (:mod:`nnd.data.series`).
- :func:`digits`: 1,797 handwritten digits of 8×8 pixels, shipped with nnd (UCI data by
  E. Alpaydin and C. Kaynak, CC BY 4.0), split into 1,442 training and 355 test images
  (:mod:`nnd.data.uci_digits`).
- :func:`moons`, :func:`circles`, :func:`xor`, :func:`spiral`: two-dimensional teaching
  sets drawn from a seed, the same on every machine (:mod:`nnd.data.shapes`).
- :func:`load_csv`: your own table of numbers, with every problem in the file named by
  line and column; it returns a :class:`Dataset` whose :class:`Scaling` says how the
  columns were scaled (:mod:`nnd.data.csvfile`).
- :func:`mnist`: the 70,000 MNIST digits of 28×28 pixels, from the four files you
  downloaded; nnd never downloads (:mod:`nnd.data.idx`).
- :func:`one_hot`, :func:`labels_of`: class numbers to target rows and back
  (:mod:`nnd.data.labels`).

>>> X, y = sleep_study()
>>> X[0], y[0]
([0.3, 1.0], [0.75])
>>> trainX, trainY, testX, testY = digits()
>>> len(trainX), len(trainX[0]), labels_of(trainY[:3])
(1442, 64, [0, 1, 2])
>>> X, y = moons(n=100, seed=0)
>>> len(X), y[:2]
(100, [[0.0], [1.0]])
"""

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:  # what the lazy names below are, for type checkers
    from nnd.data.csvfile import Dataset, Scaling, load_csv
    from nnd.data.idx import mnist
    from nnd.data.labels import labels_of, one_hot
    from nnd.data.series import MAX_SCORE, column_maxima, scale, sleep_study, train_test
    from nnd.data.shapes import circles, moons, spiral, xor
    from nnd.data.uci_digits import digits

# Each module is imported on first use (PEP 562): the series' data alone needs none of the others.
_LAZY = {
    "Dataset": "csvfile",
    "Scaling": "csvfile",
    "load_csv": "csvfile",
    "mnist": "idx",
    "labels_of": "labels",
    "one_hot": "labels",
    "MAX_SCORE": "series",
    "column_maxima": "series",
    "scale": "series",
    "sleep_study": "series",
    "train_test": "series",
    "circles": "shapes",
    "moons": "shapes",
    "spiral": "shapes",
    "xor": "shapes",
    "digits": "uci_digits",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nnd.data' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"nnd.data.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "MAX_SCORE",
    "Dataset",
    "Scaling",
    "circles",
    "column_maxima",
    "digits",
    "labels_of",
    "load_csv",
    "mnist",
    "moons",
    "one_hot",
    "scale",
    "sleep_study",
    "spiral",
    "train_test",
    "xor",
]
