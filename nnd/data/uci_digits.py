"""Handwritten digits: 1,797 images of 8×8 pixels, shipped with nnd, split 80/20 for training and testing.

The data is the test part of the "Optical Recognition of Handwritten Digits" data set by
E. Alpaydin and C. Kaynak (Bogazici University, 1998), from the UCI Machine Learning
Repository (https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits,
DOI https://doi.org/10.24432/C50P49), as scikit-learn distributes it. Each image is a
32×32 bitmap of a digit written by one of 13 people, cut into 4×4 blocks: a pixel is the
number of inked bits in its block, 0 to 16.

Licence: Creative Commons Attribution 4.0 International (CC BY 4.0,
https://creativecommons.org/licenses/by/4.0/), under which the UCI repository distributes
it. nnd ships the file unchanged, with this attribution beside it in
``nnd/data/DIGITS-LICENSE.txt``; reading it, nnd divides each pixel by 16, writes each digit
as ten numbers and splits the images into a training and a test set. nnd's own code is
under the MIT licence; the data is not.

>>> trainX, trainY, testX, testY = digits()
>>> len(trainX), len(testX), len(trainX[0]), len(trainY[0])
(1442, 355, 64, 10)
"""

from __future__ import annotations

from nnd.data.labels import rows_of
from nnd.util.checks import flag
from nnd.util.errors import FileFormatError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Rows = list[list[float]]

FILE = "digits.csv.gz"
"""The file's name in the package (a resource of :mod:`nnd.data`)."""

IMAGES = 1797
PIXELS = 64  # 8 × 8, row by row
CLASSES = 10
TEST_EVERY = 5  # the 5th, 10th, 15th, … image of each digit is a test image

_PIXEL = {str(v): v / 16 for v in range(17)}  # the file's text -> the scaled pixel, one float object each
_LABEL = {str(v): v for v in range(CLASSES)}
_parsed: tuple[tuple[tuple[float, ...], ...], tuple[int, ...]] | None = None


def digits(one_hot: bool = True) -> tuple[Rows, Any, Rows, Any]:
    """``(trainX, trainY, testX, testY)``: 1,442 training and 355 test images, as fresh lists.

    Each row of ``trainX`` and ``testX`` is one image: 64 pixels, row by row from the top
    left, scaled from 0–16 to 0.0–1.0 (divided by 16). ``trainY`` and ``testY`` hold one
    row of 10 floats per image, 1.0 at the position of the digit and 0.0 elsewhere (a
    network with 10 output units learns them); with ``one_hot=False`` they are the digits
    themselves, a list of ints 0–9.

    The split is fixed and the same on every machine: within each digit, taking the images
    in the file's order, every fifth one (the 5th, 10th, 15th, …) is a test image and the
    others are training images. So each digit has the same share of the test set as of the
    file (a stratified split: 355 test images, 34 to 36 of each digit). Both sets keep the
    file's order, in which the digits are mixed.

    It is quick: measured with CPython 3.11, about 20 ms of CPU time for the first call in a
    process (which unpacks and reads the file) and about 2 ms for each call after it (which
    copies the images read into new lists, so that changing what one call returned never
    changes what another returns).

    >>> trainX, trainY, testX, testY = digits()
    >>> trainX[0][:8]  # the top row of pixels of the first image, a 0
    [0.0, 0.0, 0.3125, 0.8125, 0.5625, 0.0625, 0.0, 0.0]
    >>> trainY[0]
    [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    >>> digits(one_hot=False)[1][:12]
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]
    """
    flag(one_hot, "one_hot")
    images, labels = _read()
    seen = [0] * CLASSES
    trainX: Rows = []
    testX: Rows = []
    train_labels: list[int] = []
    test_labels: list[int] = []
    for image, label in zip(images, labels):
        seen[label] += 1
        if seen[label] % TEST_EVERY == 0:
            testX.append(list(image))
            test_labels.append(label)
        else:
            trainX.append(list(image))
            train_labels.append(label)
    if not one_hot:
        return trainX, train_labels, testX, test_labels
    return trainX, rows_of(train_labels, CLASSES), testX, rows_of(test_labels, CLASSES)


def _read() -> tuple[tuple[tuple[float, ...], ...], tuple[int, ...]]:
    """The images (scaled pixels) and labels, read from the package file once per process."""
    global _parsed
    if _parsed is None:
        import gzip

        where = f"nnd's digits file ({FILE})"
        try:
            text = gzip.decompress(_package_file(FILE)).decode("ascii")  # gzip checks its CRC-32
        except (OSError, EOFError, ValueError) as exc:  # missing, or not gzip (BadGzipFile is an OSError)
            raise FileFormatError(f"{where} cannot be read ({exc}); reinstall nnd") from None
        _parsed = _parse(text, where)
    return _parsed


def _package_file(name: str) -> bytes:
    """The bytes of a file shipped in this package, wherever nnd is installed.

    A plain folder (a wheel installed by pip, a source checkout, Pyodide's file system) is
    read directly; anything else, such as a zip file on ``sys.path``, through
    ``importlib.resources``, which works everywhere but costs about 40 ms to load the
    first time.
    """
    import os

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    if os.path.isfile(path):
        with open(path, "rb") as handle:
            return handle.read()
    from importlib.resources import files

    return files(__package__ or "nnd.data").joinpath(name).read_bytes()


def _parse(text: str, where: str) -> tuple[tuple[tuple[float, ...], ...], tuple[int, ...]]:
    """Lines of 64 pixels (0–16) and a label (0–9), separated by commas; anything else is refused."""
    images = []
    labels = []
    pixel = _PIXEL
    for number, line in enumerate(text.splitlines(), 1):
        cells = line.split(",")
        try:
            if len(cells) != PIXELS + 1:
                raise KeyError
            images.append(tuple([pixel[c] for c in cells[:PIXELS]]))
            labels.append(_LABEL[cells[PIXELS]])
        except KeyError:
            raise FileFormatError(
                f"{where}, line {number}: expected 64 pixels 0-16 and a digit 0-9; reinstall nnd"
            ) from None
    if len(images) != IMAGES:
        raise FileFormatError(f"{where}: expected {IMAGES} images, found {len(images)}; reinstall nnd")
    return tuple(images), tuple(labels)
