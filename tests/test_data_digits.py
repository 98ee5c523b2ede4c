"""nnd.data.digits: the shipped UCI digits, their split, and their scaling.

Expected values come from the file itself, read here with the standard library (and a
few copied by hand from its first lines), never from nnd's reader.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

import nnd
from nnd.data import digits, labels_of
from nnd.util.errors import InvalidTypeError

SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"  # of the file scikit-learn ships
PER_DIGIT = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]  # counted in the file with awk
TEST_PER_DIGIT = [35, 36, 35, 36, 36, 36, 36, 35, 34, 36]  # every fifth: PER_DIGIT[d] // 5, by hand


def _file_rows() -> list[list[int]]:
    raw = files("nnd.data").joinpath("digits.csv.gz").read_bytes()
    return [[int(v) for v in row] for row in csv.reader(io.StringIO(gzip.decompress(raw).decode()))]


def test_the_shipped_file_is_the_one_attributed() -> None:
    raw = files("nnd.data").joinpath("digits.csv.gz").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SHA256
    licence = files("nnd.data").joinpath("DIGITS-LICENSE.txt").read_text(encoding="utf-8")
    attribution = ("Alpaydin", "Kaynak", "CC BY 4.0", "creativecommons.org/licenses/by/4.0", "C50P49")
    for words in attribution:
        assert words in licence


def test_there_are_1797_images_of_64_pixels_and_ten_digits() -> None:
    trainX, trainY, testX, testY = digits()
    assert (len(trainX), len(testX)) == (1442, 355)
    assert len(trainX) + len(testX) == 1797 == sum(PER_DIGIT)
    assert {len(row) for row in trainX + testX} == {64}
    assert {len(row) for row in trainY + testY} == {10}
    assert all(sorted(row) == [0.0] * 9 + [1.0] for row in trainY + testY)


def test_pixels_are_sixteenths_in_0_1() -> None:
    trainX, _, testX, _ = digits()
    values = {v for row in trainX + testX for v in row}
    assert values == {k / 16 for k in range(17)}  # 0 and 16 both occur in the file
    assert all(type(v) is float for row in trainX[:5] for v in row)


def test_known_images_by_hand() -> None:
    trainX, trainY, testX, testY = digits()
    # line 1 of the file: 0,0,5,13,9,1,0,0, 0,0,13,15,10,15,5,0, ... label 0
    assert [round(v * 16) for v in trainX[0][:16]] == [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]
    assert trainY[0] == [1.0] + [0.0] * 9
    # lines 2 and 3 are a 1 and a 2
    assert trainY[1].index(1.0) == 1 and trainY[2].index(1.0) == 2
    # the first test image is line 34, the fifth 5 in the file; then line 37, the fifth 0
    assert testY[0].index(1.0) == 5 and testY[1].index(1.0) == 0
    assert [round(v * 16) for v in testX[1][:8]] == [0, 0, 6, 14, 10, 2, 0, 0]
    # the last line, an 8, is the 1,442nd training image
    assert [round(v * 16) for v in trainX[-1][:5]] == [0, 0, 10, 14, 8] and trainY[-1].index(1.0) == 8


def test_the_split_is_every_fifth_image_of_each_digit_in_file_order() -> None:
    rows = _file_rows()
    seen = [0] * 10
    expected_train, expected_test = [], []
    for row in rows:
        seen[row[64]] += 1
        (expected_test if seen[row[64]] % 5 == 0 else expected_train).append(row)
    trainX, train_labels, testX, test_labels = digits(one_hot=False)
    assert trainX == [[v / 16 for v in row[:64]] for row in expected_train]
    assert testX == [[v / 16 for v in row[:64]] for row in expected_test]
    assert train_labels == [row[64] for row in expected_train]
    assert test_labels == [row[64] for row in expected_test]


def test_the_split_is_stratified() -> None:
    _, train_labels, _, test_labels = digits(one_hot=False)
    assert [test_labels.count(d) for d in range(10)] == TEST_PER_DIGIT
    assert [train_labels.count(d) + test_labels.count(d) for d in range(10)] == PER_DIGIT
    for d in range(10):  # each digit's share of the test set is within a point of its share of the file
        assert abs(test_labels.count(d) / 355 - PER_DIGIT[d] / 1797) < 0.01


def test_one_hot_false_gives_the_same_digits_as_ints() -> None:
    _, trainY, _, testY = digits()
    _, train_labels, _, test_labels = digits(one_hot=False)
    assert labels_of(trainY) == train_labels and labels_of(testY) == test_labels
    assert all(type(c) is int for c in train_labels)


def test_every_call_returns_fresh_lists() -> None:
    first = digits()
    first[0][0][2] = 99.0
    first[1][0][0] = -1.0
    first[2].clear()
    second = digits()
    assert second[0][0][2] == 5 / 16 and second[1][0][0] == 1.0 and len(second[2]) == 355
    assert second[0][0] is not digits()[0][0]


def test_the_same_function_under_nnd_data() -> None:
    assert nnd.data.digits is digits


def test_one_hot_must_be_a_bool() -> None:
    with pytest.raises(InvalidTypeError, match="one_hot: expected True or False, got str 'no'"):
        digits(one_hot="no")  # type: ignore[arg-type]


def test_digits_are_read_from_a_zip_file_too(tmp_path: Path) -> None:
    """As from a wheel put on sys.path: the file is found through importlib.resources."""
    package = Path(nnd.__file__).parent
    archive = tmp_path / "nnd.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, Path("nnd") / path.relative_to(package))
    code = (
        f"import sys; sys.path.insert(0, {str(archive)!r}); import nnd.data\n"
        "assert nnd.data.__file__.startswith(sys.path[0]), nnd.data.__file__\n"
        "trainX, trainY, testX, testY = nnd.data.digits()\n"
        "print(len(trainX), len(testX), [round(v * 16) for v in trainX[0][:8]])\n"
    )
    result = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, timeout=600)
    assert result.stdout.strip() == "1442 355 [0, 0, 5, 13, 9, 1, 0, 0]", result.stderr
