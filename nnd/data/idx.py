"""MNIST from files you downloaded: 70,000 handwritten digits of 28×28 pixels, in the IDX format.

nnd does not ship MNIST (it is 55 MB unpacked) and never downloads anything. The four
files come from the MNIST database's page (Y. LeCun, C. Cortes and C. J. C. Burges) or any
of its mirrors; libraries such as torchvision and Keras keep copies after their first
download. Put them in one folder, packed (``.gz``) or not, under their usual names::

    train-images-idx3-ubyte   60,000 training images
    train-labels-idx1-ubyte   their digits
    t10k-images-idx3-ubyte    10,000 test images
    t10k-labels-idx1-ubyte    their digits

(``train-images.idx3-ubyte`` and the like, with a dot, are found too.) Fashion-MNIST's
files have the same names and format, and are read the same way.
"""

from __future__ import annotations

import os

from nnd.data.labels import rows_of
from nnd.util.checks import describe, flag, integer
from nnd.util.errors import FileFormatError, InvalidTypeError, PathError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from nnd.util.files import PathLike

Rows = list[list[float]]

SIDE = 28
PIXELS = SIDE * SIDE  # 784, row by row
IMAGES_MAGIC = 0x00000803  # unsigned bytes, 3 dimensions (count, rows, columns)
LABELS_MAGIC = 0x00000801  # unsigned bytes, 1 dimension (count)
MAX_BYTES = 2**28
"""The largest IDX file read, packed or unpacked (256 MiB; MNIST's largest is 47 MB unpacked)."""

NAMES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)

_SCALED = [v / 255 for v in range(256)]  # one float object per pixel value, shared by every row


def mnist(folder: PathLike, *, limit: int | None = None, one_hot: bool = True) -> tuple[Rows, Any, Rows, Any]:
    """``(trainX, trainY, testX, testY)`` from the four MNIST files in ``folder``.

    Each row of ``trainX`` (60,000) and ``testX`` (10,000) is one image: 784 pixels, row by
    row from the top left, scaled from 0–255 to 0.0–1.0 (divided by 255; 0 is the
    background). ``trainY`` and ``testY`` hold one row of 10 floats per image, 1.0 at the
    position of the digit (with ``one_hot=False``: the digits, ints 0–9). ``limit=N`` reads
    only the first ``N`` images of each set (and checks only what it reads).

    Memory and time, measured with CPython 3.11: Python lists hold 8 bytes per pixel (a
    reference to one of 256 shared floats), so all of MNIST takes about 500 MB and about
    3 s of CPU time to read; ``limit=1000`` (1,000 images of each set) about 14 MB and
    0.1 s. A network trained on all of it in pure Python takes minutes per pass over the
    data; a backend such as NumPy is much faster.

    Every file is checked before anything is returned: a missing file is an ``OSError``
    (:class:`~nnd.util.errors.PathError`) naming each one missing; a file that is not what
    its name says is a ``ValueError`` (:class:`~nnd.util.errors.FileFormatError`) naming
    it: a wrong magic number (the first four bytes, which say what an IDX file holds), an
    image size other than 28×28, a file shorter or longer than its header says, a label
    above 9, or images and labels of different counts.
    """
    if not isinstance(folder, (str, os.PathLike)):
        raise InvalidTypeError(f"folder: expected a str or path-like object, got {describe(folder)}")
    count = None if limit is None else integer(limit, "limit", minimum=1)
    one_hot = flag(one_hot, "one_hot")
    where = os.fsdecode(folder)
    if not os.path.isdir(where):
        problem = "is not a folder" if os.path.exists(where) else "does not exist"
        raise PathError(f"cannot read MNIST from {where!r}: it {problem}")
    paths = [_find(where, name) for name in NAMES]
    missing = [name for name, path in zip(NAMES, paths) if path is None]
    if missing:
        raise PathError(
            f"cannot read MNIST from {where!r}: no file {', '.join(missing)} (nor with .gz) in that folder; "
            "nnd does not download MNIST: put the four files there (see help(nnd.data.mnist))"
        )
    found = [path for path in paths if path is not None]
    trainX, train_labels = _pair(found[0], found[1], count)
    testX, test_labels = _pair(found[2], found[3], count)
    if not one_hot:
        return trainX, train_labels, testX, test_labels
    return trainX, rows_of(train_labels, 10), testX, rows_of(test_labels, 10)


def _find(folder: str, name: str) -> str | None:
    """The path of ``name`` in ``folder``: as it is, packed, or spelled with a dot; ``None`` if absent."""
    dotted = name.replace("-idx", ".idx")
    for candidate in (name, name + ".gz", dotted, dotted + ".gz"):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    return None


def _pair(images_path: str, labels_path: str, limit: int | None) -> tuple[Rows, list[int]]:
    """The images and labels of one set, checked against each other."""
    images_count, pixels = _read(images_path, IMAGES_MAGIC, limit)
    labels_count, labels = _read(labels_path, LABELS_MAGIC, limit)
    if images_count != labels_count:
        raise FileFormatError(
            f"{images_path} holds {images_count:,} images but {labels_path} {labels_count:,} labels: "
            "the two files must be of the same set"
        )
    largest = max(labels, default=0)
    if largest > 9:
        raise FileFormatError(
            f"{labels_path}: label {largest} at position {labels.index(largest)} (counting from 0): "
            "expected digits 0-9"
        )
    scaled = _SCALED.__getitem__
    rows = [list(map(scaled, pixels[i : i + PIXELS])) for i in range(0, len(pixels), PIXELS)]
    return rows, list(labels)


def _read(path: str, magic: int, limit: int | None) -> tuple[int, bytes]:
    """The count the file's header declares, and the bytes of its first ``limit`` items (all if None).

    Without a limit the file's length must be exactly what its header declares.
    """
    import gzip
    import io
    import zlib

    from nnd.util.files import read_file

    raw = read_file(path, MAX_BYTES, "MNIST file")
    packed = raw[:2] == b"\x1f\x8b"
    stream = gzip.GzipFile(fileobj=io.BytesIO(raw)) if packed else io.BytesIO(raw)
    what = "images" if magic == IMAGES_MAGIC else "labels"
    try:
        header_size = 16 if magic == IMAGES_MAGIC else 8
        header = stream.read(header_size)
        if len(header) < 4:
            raise FileFormatError(
                f"{path}: not an IDX file of MNIST {what}: {len(header)} bytes, too few for the magic "
                "number (the first 4 bytes, which say what the file holds)"
            )
        found = int.from_bytes(header[:4], "big")
        if found != magic:
            other = LABELS_MAGIC if magic == IMAGES_MAGIC else IMAGES_MAGIC
            swapped = " (that of the other kind of file: are the names swapped?)" if found == other else ""
            raise FileFormatError(
                f"{path}: not an IDX file of MNIST {what}: its magic number (the first 4 bytes) is "
                f"{found:#010x}{swapped}, expected {magic:#010x}"
            )
        if len(header) < header_size:
            raise FileFormatError(f"{path}: truncated: the file ends inside its {header_size}-byte header")
        count = int.from_bytes(header[4:8], "big")
        item = 1
        if magic == IMAGES_MAGIC:
            rows, columns = int.from_bytes(header[8:12], "big"), int.from_bytes(header[12:16], "big")
            if (rows, columns) != (SIDE, SIDE):
                raise FileFormatError(
                    f"{path}: images of {rows}×{columns} pixels, expected MNIST's {SIDE}×{SIDE}"
                )
            item = PIXELS
        if header_size + count * item > MAX_BYTES:
            raise FileFormatError(
                f"{path}: declares {count:,} {what}, more than the {MAX_BYTES:,} bytes nnd reads "
                "from an IDX file"
            )
        wanted = count if limit is None else min(count, limit)
        body = stream.read(wanted * item + (1 if limit is None else 0))
    except EOFError:
        raise FileFormatError(f"{path}: truncated: the packed (gzip) file is cut off") from None
    except (OSError, zlib.error) as exc:  # gzip's BadGzipFile is an OSError
        raise FileFormatError(f"{path}: not a readable gzip file ({exc})") from None
    if len(body) < wanted * item:
        raise FileFormatError(
            f"{path}: truncated: its header declares {count:,} {what} ({count * item:,} bytes after "
            f"the header), but only {len(body):,} follow it"
        )
    if len(body) > wanted * item:
        raise FileFormatError(
            f"{path}: longer than its header says: more bytes follow the {count:,} {what} it declares"
        )
    return count, body
