"""nnd.data.load_csv: written files read back exactly, every kind of bad file refused by line and column."""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnd.data import Dataset, Scaling, load_csv
from nnd.util.errors import FileFormatError, InvalidTypeError, InvalidValueError, NNDError, PathError

finite = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: 0.0 if v == 0 else v)  # -0.0 reads as 0.0
words = st.sampled_from(["cat", "dog", "Zebra", "émeu", "a b", "x,y", 'say "hi"'])


def write(path: Path, rows: list[list[object]], delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def minmax(column: list[float]) -> list[float]:
    low, high = min(column), max(column)
    return [(v - low) / (high - low) if high > low else 0.0 for v in column]


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[float]], list[str]]:
    rows = draw(st.integers(2, 12))
    width = draw(st.integers(1, 5))
    X = [[draw(finite) for _ in range(width)] for _ in range(rows)]
    labels = draw(st.lists(words, min_size=rows, max_size=rows).filter(lambda ls: len(set(ls)) >= 2))
    return X, labels


@given(tables(), st.booleans(), st.sampled_from([",", ";", "\t"]), st.integers(0, 5))
def test_a_written_table_reads_back_scaled_with_its_scaling_reported(
    tmp_path: Path, table: tuple, header: bool, delimiter: str, where: int
) -> None:
    X, labels = table
    width = len(X[0])
    t = where % (width + 1)  # the target column may be anywhere
    names = [f"f{j}" for j in range(width)]
    rows = [[*row[:t], label, *row[t:]] for row, label in zip(X, labels)]
    head = [[*names[:t], "kind", *names[t:]]] if header else []
    path = write(tmp_path / "table.csv", head + rows, delimiter)
    data = load_csv(path, target="kind" if header else t, delimiter=delimiter, header=header)
    columns = [list(c) for c in zip(*X)]
    assert data.X == [list(r) for r in zip(*(minmax(c) for c in columns))]
    assert all(0.0 <= v <= 1.0 for row in data.X for v in row)
    assert data.classes == sorted(set(labels))
    assert data.y == [[1.0 if c == label else 0.0 for c in sorted(set(labels))] for label in labels]
    assert data.scaling == Scaling([min(c) for c in columns], [max(c) for c in columns])
    assert data.target_scaling is None
    assert data.features == (names if header else [f"column {j}" for j in range(width + 1) if j != t])
    raw = load_csv(path, target="kind" if header else t, delimiter=delimiter, header=header, scale=False)
    assert raw.X == X and raw.scaling is None  # the file's numbers, exactly (csv writes repr)


@given(st.lists(st.tuples(finite, finite), min_size=2, max_size=10))
def test_a_numeric_target_is_scaled_and_the_scaling_undoes(tmp_path: Path, pairs: list) -> None:
    path = write(tmp_path / "n.csv", [["hours", "score"], *pairs])
    data = load_csv(path)  # target: the last column; a header, detected
    scores = [s for _, s in pairs]
    assert data.classes is None and data.target == "score" and data.features == ["hours"]
    assert [row[0] for row in data.y] == minmax(scores)
    assert data.target_scaling == Scaling([min(scores)], [max(scores)])
    back = data.target_scaling.undo(data.y)
    assert all(math.isclose(a[0], b, rel_tol=1e-9, abs_tol=1e-6) for a, b in zip(back, scores))


@given(st.lists(finite, min_size=1, max_size=4), st.lists(finite, min_size=1, max_size=4))
def test_scaling_apply_then_undo_gives_the_rows_back(low: list, high: list) -> None:
    n = min(len(low), len(high))
    minima = [min(a, b) for a, b in zip(low[:n], high[:n])]
    maxima = [max(a, b) for a, b in zip(low[:n], high[:n])]
    s = Scaling(minima, maxima)
    rows = [maxima, minima]
    assert s.apply([minima]) == [[0.0] * n]
    assert all(
        math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
        for r, q in zip(s.undo(s.apply(rows)), rows)
        for a, b in zip(r, q)
    )


def test_the_docstring_example_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "pets.csv"
    path.write_text("weight,height,kind\n4,30,cat\n30,60,dog\n6,25,cat\n", encoding="utf-8")
    X, y = load_csv(path, target="kind")
    assert X == [[0.0, 5 / 35], [1.0, 1.0], [2 / 26, 0.0]]
    assert y == [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    data = load_csv(str(path), target=-1)
    assert isinstance(data, Dataset) and data.target == "kind" and data.path == str(path)
    assert "3 examples of 2 inputs" in repr(data) and "2 classes" in repr(data)


# -- reading the file as spreadsheets write it ---------------------------------------------------


def read(tmp_path: Path, text: str | bytes, **options: object) -> Dataset:
    path = tmp_path / "data.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_csv(path, **options)  # type: ignore[arg-type]


def test_a_byte_order_mark_quotes_and_blank_lines_are_read(tmp_path: Path) -> None:
    data = read(tmp_path, '\ufeff"a","b","label"\r\n\r\n"1.5",2,"cat, black"\n,,\n3,"4",dog\n\n')
    assert data.features == ["a", "b"] and data.classes == ["cat, black", "dog"]
    assert data.X == [[0.0, 0.0], [1.0, 1.0]]


def test_header_detection(tmp_path: Path) -> None:
    assert read(tmp_path, "x,y,label\n1,2,a\n3,4,b\n").features == ["x", "y"]  # names above numbers
    assert read(tmp_path, "1,2,a\n3,4,b\n").features == ["column 0", "column 1"]  # labels only are text
    assert read(tmp_path, "0,1,63,digit\n0,0,5,3\n1,2,3,4\n").features == ["0", "1", "63"]
    assert read(tmp_path, "x,a\n1,b\n2,c\n").features == ["x"]  # no number on the first line
    with pytest.raises(FileFormatError, match=r"line 2, column 0 \('x'\): empty cell"):
        read(tmp_path, "x,a\n,b\n3,c\n")  # a header, though the cell below 'x' is not a number
    with pytest.raises(FileFormatError, match=r"line 1, column 0: expected a number, got 'x'"):
        read(tmp_path, "x,y\n1,2\n3,4\n", header=False, classes=True)


def test_numeric_labels_are_classes_when_asked_sorted_by_value(tmp_path: Path) -> None:
    data = read(tmp_path, "1,10\n2,9\n3,10\n4,2\n", classes=True)
    assert data.classes == ["2", "9", "10"]
    assert data.y == [[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]


def test_a_constant_column_becomes_zeros(tmp_path: Path) -> None:
    data = read(tmp_path, "5,1,a\n5,2,b\n")
    assert data.X == [[0.0, 0.0], [0.0, 1.0]] and data.scaling == Scaling([5.0, 1.0], [5.0, 2.0])


def test_negative_numbers_scale_into_0_1(tmp_path: Path) -> None:
    assert read(tmp_path, "-4,a\n-2,b\n0,a\n").X == [[0.0], [0.5], [1.0]]


# -- bad files -------------------------------------------------------------------------------------

BAD = [
    # (file text, options, words that must be in the message, line, column)
    ("a,b,c\n1,2,x\n3,4\n", {}, "2 cells, but the header has 3", 3, None),
    ("1,2,x\n3,4,y,5\n", {}, "4 cells, but the first row has 3", 2, None),
    ("a,b,c\n1,2,x\n3,,y\n", {}, "empty cell", 3, "1 ('b')"),
    ("a,b,c\n1,2,x\n3, ,y\n", {}, "empty cell", 3, "1 ('b')"),
    ("a,b,c\n1,2,x\n3,4,\n", {}, "empty cell; every example needs a target", 3, "2 ('c')"),
    ("a,b,c\n1,2,x\n3,four,y\n", {}, "expected a number, got 'four'", 3, "1 ('b')"),
    ("1;2;x\n3;4,5;y\n", {"delimiter": ";"}, "got '4,5' (numbers are written with a decimal point)", 2, "1"),
    ("a,b,c\n1,2,x\nnan,4,y\n", {}, "expected a finite number", 3, "0 ('a')"),
    ("a,b,c\n1,2,x\n3,-inf,y\n", {}, "expected a finite number", 3, "1 ('b')"),
    ("a,b,c\n1,2,x\n3,1e400,y\n", {}, "expected a finite number", 3, "1 ('b')"),
    ("a,b,c\n1,2,x\n3,1e31,y\n", {}, "between -1e+30 and 1e+30", 3, "1 ('b')"),
    ("a,b,c\n1,2,3\n3,4,5\n", {"classes": False, "target": 0}, None, None, None),  # fine: a control
    ("a,b,c\n1,2,3\n3,4,x\n5,6,7\n", {}, "'x' is text in a column of numbers", 3, "2 ('c')"),
    ("a,b,c\n1,2,x\n3,4,y\n5,6,7\n", {}, "'7' is a number in a column of text", 4, "2 ('c')"),
    ("a,b,c\n1,2,x\n3,4,y\n", {"classes": False}, "expected a number, got 'x'", 2, "2 ('c')"),
    ("a,b,c\n1,2,x\n3,4,x\n", {}, "one class only ('x')", None, "2 ('c')"),
    ("1,2,7\n3,4,7\n", {"classes": True}, "one class only ('7')", None, "2"),
    (
        "a,b,c\n1,2,x\n3,4,y\n",
        {"target": 3},
        "no column 3: target counts from 0 to 2 (or -3 to -1)",
        None,
        None,
    ),
    ("a,b,c\n1,2,x\n3,4,y\n", {"target": -4}, "no column -4", None, None),
    (
        "a,b,c\n1,2,x\n3,4,y\n",
        {"target": "d"},
        "no column named 'd'; the columns are 'a', 'b', 'c'",
        None,
        None,
    ),
    ("a,b,b\n1,2,x\n3,4,y\n", {"target": "b"}, "two columns are named 'b'", None, None),
    ("1,2,x\n3,4,y\n", {"target": "c"}, "names a column, but the file has no header line", None, None),
    ("", {}, "no data: the file is empty", None, None),
    ("\n\n \n", {}, "no data: the file is empty or has only blank lines", None, None),
    ("a,b,c\n", {}, "no data: only a header line (line 1)", None, None),
    ("a\n1\n2\n", {}, "only one column", None, None),
    (
        'a,b\n1,"2\n3,4\n',
        {},
        "not CSV: unexpected end of data (a cell opened with a quote is never closed)",
        2,
        None,
    ),
    ("a,b\n1,2\n\n\n3,x4\n", {"classes": False}, "expected a number, got 'x4'", 5, "1 ('b')"),
]


@pytest.mark.parametrize(("text", "options", "words", "line", "column"), BAD)
def test_each_bad_file_is_refused_naming_file_line_and_column(
    tmp_path: Path, text: str, options: dict, words: str | None, line: int | None, column: str | None
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    if words is None:
        assert load_csv(path, **options).y == [[0.0], [1.0]]
        return
    with pytest.raises(FileFormatError) as caught:
        load_csv(path, **options)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, NNDError)
    assert message.startswith(f"{path}") and words in message, message
    assert (f", line {line}" in message) == (line is not None), message
    if line is not None:
        assert f", line {line}," in message or f", line {line}:" in message, message
    if column is not None:
        assert f", column {column}: " in message, message
    else:
        assert ", column " not in message, message
    assert path.read_text(encoding="utf-8") == text  # nothing changed


def test_text_that_is_not_utf8_is_refused_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match=r"line 3: not UTF-8 text \(byte 0xe9 at offset 15\)"):
        read(tmp_path, b"a,b\n1,cat\n2,caf\xe9\n")


@given(tables(), st.integers(0, 100), st.sampled_from(["", "abc", "nan", "inf", "1e999", "ragged"]))
def test_a_bad_cell_anywhere_is_named_by_its_line_and_column(
    tmp_path: Path, table: tuple, where: int, bad: str
) -> None:
    X, labels = table
    rows: list[list[object]] = [[*row, label] for row, label in zip(X, labels)]
    i, j = where % len(rows), where % len(X[0])
    rows[i] = rows[i][:-1] if bad == "ragged" else [*rows[i][:j], bad, *rows[i][j + 1 :]]
    path = write(tmp_path / "t.csv", [[f"f{k}" for k in range(len(X[0]))] + ["y"], *rows])
    before = path.read_bytes()
    with pytest.raises(FileFormatError) as caught:
        load_csv(path, target="y")
    message = str(caught.value)
    assert message.startswith(f"{path}, line {i + 2}"), message  # line 1 is the header
    if bad != "ragged":
        assert f", column {j} ('f{j}'): " in message, message
    assert path.read_bytes() == before


def test_missing_files_and_folders_are_path_errors(tmp_path: Path) -> None:
    with pytest.raises(PathError, match="no.csv"):
        load_csv(tmp_path / "no.csv")
    with pytest.raises(PathError, match="missing"):
        load_csv(tmp_path / "missing" / "a.csv")
    with pytest.raises(PathError, match="folder"):
        load_csv(tmp_path)
    with pytest.raises(FileNotFoundError):  # and still the OSError Python code expects
        load_csv(tmp_path / "no.csv")


def test_files_over_max_bytes_are_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "big.csv", [[1, "a"], [2, "b"]])
    with pytest.raises(FileFormatError, match="larger than the limit of 7 bytes.*max_bytes"):
        load_csv(path, max_bytes=7)
    assert len(load_csv(path, max_bytes=os.path.getsize(path)).X) == 2


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"target": 1.0}, InvalidTypeError, "target: expected a column's number"),
        ({"target": None}, InvalidTypeError, "target: expected a column's number"),
        ({"target": True}, InvalidTypeError, "target: expected a column's number"),
        ({"header": "yes"}, InvalidTypeError, "header: expected True or False"),
        ({"classes": 1}, InvalidTypeError, "classes: expected True or False"),
        ({"scale": None}, InvalidTypeError, "scale: expected True or False"),
        ({"delimiter": ""}, InvalidValueError, "delimiter: expected one character"),
        ({"delimiter": ",,"}, InvalidValueError, "delimiter: expected one character"),
        ({"delimiter": '"'}, InvalidValueError, "delimiter: expected one character"),
        ({"max_bytes": 0}, InvalidValueError, "max_bytes: expected an int >= 1"),
    ],
)
def test_bad_options_are_refused_by_name(tmp_path: Path, options: dict, error: type, words: str) -> None:
    path = write(tmp_path / "ok.csv", [[1, "a"], [2, "b"]])
    with pytest.raises(error, match=words):
        load_csv(path, **options)


def test_bad_paths_are_refused() -> None:
    with pytest.raises(InvalidTypeError, match="path: expected a str or path-like"):
        load_csv(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="empty"):
        load_csv("")


@pytest.mark.parametrize(
    ("minima", "maxima", "words"),
    [
        ([0.0], [1.0, 2.0], "one maximum per minimum"),
        ([2.0], [1.0], "below minima"),
        ([0.0], [1e31], "between"),
    ],
)
def test_bad_scalings_are_refused(minima: list, maxima: list, words: str) -> None:
    with pytest.raises(InvalidValueError, match=words):
        Scaling(minima, maxima)


def test_scaling_rows_must_fit(tmp_path: Path) -> None:
    s = Scaling([0.0, 0.0], [1.0, 2.0])
    assert s.apply([1.0, 1.0]) == [[1.0, 0.5]]  # one row, given flat
    with pytest.raises(InvalidValueError, match="expected rows of 2 numbers"):
        s.apply([[1.0, 2.0, 3.0]])
    with pytest.raises(InvalidValueError, match="finite"):
        s.undo([[math.nan, 1.0]])


def test_many_different_labels_are_refused(tmp_path: Path) -> None:
    rows = [[i, f"label{i}"] for i in range(10_001)]
    path = write(tmp_path / "ids.csv", rows)
    with pytest.raises(FileFormatError, match="10,001 different labels"):
        load_csv(path)


def test_a_longer_file_with_numeric_labels(tmp_path: Path) -> None:
    rows = [[i / 7, i % 3] for i in range(2000)]
    data = load_csv(write(tmp_path / "long.csv", rows), classes=True)
    assert len(data.X) == 2000 and data.classes == ["0", "1", "2"]
