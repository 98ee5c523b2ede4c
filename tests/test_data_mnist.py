"""nnd.data.mnist on small IDX files written here with struct: round trips, and each corruption refused."""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnd.data import labels_of, mnist
from nnd.util.errors import FileFormatError, InvalidTypeError, InvalidValueError, NNDError, PathError

TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)


def images_file(pixels: list[bytes], rows: int = 28, columns: int = 28, magic: int = 0x803) -> bytes:
    return struct.pack(">IIII", magic, len(pixels), rows, columns) + b"".join(pixels)


def labels_file(labels: list[int], magic: int = 0x801) -> bytes:
    return struct.pack(">II", magic, len(labels)) + bytes(labels)


def folder_with(
    folder: Path,
    train: tuple[list[bytes], list[int]],
    test: tuple[list[bytes], list[int]],
    packed: bool = False,
    dotted: bool = False,
) -> Path:
    folder.mkdir(exist_ok=True)
    for path in folder.iterdir():
        path.unlink()
    contents = {
        TRAIN_IMAGES: images_file(train[0]),
        TRAIN_LABELS: labels_file(train[1]),
        TEST_IMAGES: images_file(test[0]),
        TEST_LABELS: labels_file(test[1]),
    }
    for name, data in contents.items():
        name = name.replace("-idx", ".idx") if dotted else name
        (folder / (name + ".gz" if packed else name)).write_bytes(gzip.compress(data) if packed else data)
    return folder


image = st.binary(min_size=784, max_size=784)
sets = st.integers(1, 4).flatmap(
    lambda n: st.tuples(
        st.lists(image, min_size=n, max_size=n), st.lists(st.integers(0, 9), min_size=n, max_size=n)
    )
)


@given(sets, sets, st.booleans(), st.booleans())
def test_written_files_read_back_scaled_and_one_hot(
    tmp_path: Path, train: tuple, test: tuple, packed: bool, dotted: bool
) -> None:
    folder = folder_with(tmp_path / "mnist", train, test, packed, dotted)
    trainX, trainY, testX, testY = mnist(folder)
    assert trainX == [[b / 255 for b in pixels] for pixels in train[0]]
    assert testX == [[b / 255 for b in pixels] for pixels in test[0]]
    assert trainY == [[1.0 if d == c else 0.0 for d in range(10)] for c in train[1]]
    assert testY == [[1.0 if d == c else 0.0 for d in range(10)] for c in test[1]]
    assert labels_of(trainY) == train[1]
    _, train_labels, _, test_labels = mnist(str(folder), one_hot=False)
    assert (train_labels, test_labels) == (train[1], test[1])


@given(sets, st.integers(1, 6), st.booleans())
def test_limit_reads_the_first_examples(tmp_path: Path, train: tuple, limit: int, packed: bool) -> None:
    folder = folder_with(tmp_path / "m", train, train, packed)
    trainX, trainY, testX, _ = mnist(folder, limit=limit)
    n = min(limit, len(train[0]))
    assert trainX == [[b / 255 for b in p] for p in train[0][:n]] and len(testX) == n
    assert labels_of(trainY) == train[1][:n]


def test_a_pixel_of_255_is_1_and_0_is_0(tmp_path: Path) -> None:
    pixels = bytes([0, 255, 51] + [0] * 781)
    trainX, *_ = mnist(folder_with(tmp_path / "m", ([pixels], [3]), ([pixels], [9])))
    assert trainX[0][:3] == [0.0, 1.0, 0.2]


def test_every_call_returns_fresh_lists(tmp_path: Path) -> None:
    folder = folder_with(tmp_path / "m", ([bytes(784)], [1]), ([bytes(784)], [2]))
    first = mnist(folder)
    first[0][0][0] = 5.0
    first[1][0][1] = 7.0
    assert mnist(folder)[0][0][0] == 0.0 and mnist(folder)[1][0][1] == 1.0


GOOD = ([bytes(784)] * 3, [1, 2, 3])


def corrupt(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = folder_with(tmp_path / "m", GOOD, GOOD)
    (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        (
            TRAIN_IMAGES,
            images_file(GOOD[0], magic=0x804),
            "magic number (the first 4 bytes) is 0x00000804, expected 0x00000803",
        ),
        (
            TRAIN_IMAGES,
            labels_file(GOOD[1]),
            "is 0x00000801 (that of the other kind of file: are the names swapped?)",
        ),
        (TEST_LABELS, images_file(GOOD[0]), "not an IDX file of MNIST labels"),
        (TRAIN_LABELS, b"\x00\x00", "2 bytes, too few for the magic number"),
        (TRAIN_IMAGES, b"", "0 bytes, too few for the magic number"),
        (TRAIN_IMAGES, b"PK\x03\x04" + bytes(100), "not an IDX file of MNIST images"),
        (TRAIN_IMAGES, images_file([bytes(28 * 27)] * 3, rows=28, columns=27), "images of 28×27 pixels"),
        (TRAIN_IMAGES, images_file(GOOD[0])[:-1], "truncated: its header declares 3 images"),
        (TRAIN_IMAGES, images_file(GOOD[0])[:12], "truncated: the file ends inside its 16-byte header"),
        (TEST_LABELS, labels_file(GOOD[1])[:-2], "truncated: its header declares 3 labels"),
        (TRAIN_IMAGES, images_file(GOOD[0]) + b"\x00", "longer than its header says"),
        (
            TRAIN_LABELS,
            labels_file([1, 2, 10]),
            "label 10 at position 2 (counting from 0): expected digits 0-9",
        ),
        (TRAIN_LABELS, labels_file([1, 2]), "holds 3 images but"),
        (TEST_IMAGES, images_file([bytes(784)] * 4), "holds 4 images but"),
        (
            TRAIN_IMAGES,
            struct.pack(">IIII", 0x803, 10**9, 28, 28),
            "declares 1,000,000,000 images, more than",
        ),
        (TRAIN_IMAGES, b"\x1f\x8b" + bytes(30), "not a readable gzip file"),
        (
            TRAIN_IMAGES,
            gzip.compress(images_file(GOOD[0]), mtime=0)[:-12],
            "truncated: the packed (gzip) file is cut off",
        ),
    ],
)
def test_each_corruption_is_refused_naming_the_file(
    tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    folder = corrupt(tmp_path, name, data)
    with pytest.raises(FileFormatError) as caught:
        mnist(folder)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, NNDError)
    assert str(folder / name) in message and words in message, message
    assert (folder / name).read_bytes() == data  # nothing changed


def test_a_packed_truncated_file_is_refused_too(tmp_path: Path) -> None:
    folder = folder_with(tmp_path / "m", GOOD, GOOD, packed=True)
    (folder / (TEST_IMAGES + ".gz")).write_bytes(gzip.compress(images_file(GOOD[0])[:-5]))
    with pytest.raises(
        FileFormatError, match=r"t10k-images-idx3-ubyte\.gz: truncated: its header declares 3"
    ):
        mnist(folder)


def test_limit_reads_past_nothing_it_does_not_need(tmp_path: Path) -> None:
    folder = corrupt(tmp_path, TRAIN_IMAGES, images_file(GOOD[0])[:-1])  # the last image is cut short
    assert len(mnist(folder, limit=2)[0]) == 2  # only what is read is checked, as documented
    with pytest.raises(FileFormatError, match="truncated"):
        mnist(folder, limit=3)


def test_missing_files_are_named_each(tmp_path: Path) -> None:
    folder = folder_with(tmp_path / "m", GOOD, GOOD)
    (folder / TRAIN_LABELS).unlink()
    (folder / TEST_IMAGES).unlink()
    with pytest.raises(PathError) as caught:
        mnist(folder)
    message = str(caught.value)
    assert (
        f"no file {TRAIN_LABELS}, {TEST_IMAGES} (nor with .gz)" in message and "does not download" in message
    )
    assert TRAIN_IMAGES not in message


def test_a_missing_folder_or_a_file_is_a_path_error(tmp_path: Path) -> None:
    with pytest.raises(PathError, match="does not exist"):
        mnist(tmp_path / "nowhere")
    (tmp_path / "f").write_bytes(b"")
    with pytest.raises(PathError, match="is not a folder"):
        mnist(tmp_path / "f")
    with pytest.raises(OSError):
        mnist(str(tmp_path / "nowhere") + os.sep)


def test_a_folder_under_a_file_name_is_a_path_error(tmp_path: Path) -> None:
    folder = folder_with(tmp_path / "m", GOOD, GOOD)
    (folder / TRAIN_IMAGES).unlink()
    (folder / TRAIN_IMAGES).mkdir()
    with pytest.raises(PathError, match="folder"):
        mnist(folder)


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"folder": 3}, InvalidTypeError, "folder: expected a str or path-like object, got int"),
        ({"limit": 0}, InvalidValueError, "limit: expected an int >= 1"),
        ({"limit": 2.0}, InvalidTypeError, "limit: expected an int"),
        ({"one_hot": None}, InvalidTypeError, "one_hot: expected True or False"),
    ],
)
def test_bad_options_are_refused_by_name(tmp_path: Path, options: dict, error: type, words: str) -> None:
    options = {"folder": folder_with(tmp_path / "m", GOOD, GOOD), **options}
    with pytest.raises(error, match=words):
        mnist(**options)
