"""A learner's own data from a CSV file: numbers in, scaled rows and targets out, every problem named.

:func:`load_csv` reads a table of numbers, one example a line, with one column as the
target (what the network should learn to predict) and the others as inputs. It returns a
:class:`Dataset`, which unpacks into ``X, y`` and also says what the columns were, which
classes there are, and how everything was scaled, so that new data can be scaled the same
way and predictions turned back into the file's units (:class:`Scaling`).
"""

from __future__ import annotations

import os

from nnd.data.labels import MAX_CLASSES, rows_of
from nnd.util.checks import LIMIT, as_nested, describe, flag, integer, sequence, shown
from nnd.util.errors import FileFormatError, InvalidTypeError, InvalidValueError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any

    from nnd.util.files import PathLike

Rows = list[list[float]]

MAX_BYTES = 64 * 2**20
"""The largest file :func:`load_csv` reads unless given ``max_bytes=`` (64 MiB). As Python
lists, a CSV file of numbers takes about five times its size in memory."""


class Scaling:
    """How columns were scaled into [0, 1]: each value ``v`` of column ``j`` became
    ``(v - minima[j]) / (maxima[j] - minima[j])``.

    The smallest value of a column becomes 0.0 and the largest 1.0. A column whose values
    are all equal has nothing to scale: its values become 0.0 (its span is taken as 1).

    >>> s = Scaling([0.0, 10.0], [4.0, 20.0])
    >>> s.apply([[2.0, 20.0], [8.0, 10.0]])  # new data, scaled as the file was: may leave [0, 1]
    [[0.5, 1.0], [2.0, 0.0]]
    >>> s.undo([[0.5, 1.0]])  # back to the file's units
    [[2.0, 20.0]]
    """

    __slots__ = {
        "maxima": "The largest value of each column (a tuple of floats).",
        "minima": "The smallest value of each column (a tuple of floats).",
    }

    def __init__(self, minima: Sequence[float], maxima: Sequence[float]) -> None:
        low, _ = as_nested(sequence(minima, "minima", "[0.0, 10.0]"), "minima")  # a generator: unread
        high, _ = as_nested(sequence(maxima, "maxima", "[4.0, 20.0]"), "maxima")
        if len(low) != len(high):
            raise InvalidValueError(f"maxima: expected one maximum per minimum ({len(low)}), got {len(high)}")
        for j, (a, b) in enumerate(zip(low, high)):
            if not (-LIMIT <= a <= LIMIT and -LIMIT <= b <= LIMIT):
                raise InvalidValueError(
                    f"minima[{j}], maxima[{j}]: expected numbers between -{LIMIT:g} and {LIMIT:g}, "
                    f"got {a!r}, {b!r}"
                )
            if b < a:
                raise InvalidValueError(f"maxima[{j}]: {b!r} is below minima[{j}] = {a!r}")
        self.minima: tuple[float, ...] = tuple(low)
        self.maxima: tuple[float, ...] = tuple(high)

    def _spans(self) -> list[float]:
        return [(b - a) if b > a else 1.0 for a, b in zip(self.minima, self.maxima)]

    def _rows(self, rows: Any, name: str) -> Rows:
        values, shape = as_nested(rows, name)
        if len(shape) == 1:
            values = [values]
        if len(values[0]) != len(self.minima):
            raise InvalidValueError(
                f"{name}: expected rows of {len(self.minima)} numbers (one per scaled column), "
                f"got rows of {len(values[0])}"
            )
        return values

    def apply(self, rows: Any) -> Rows:
        """New rows, scaled as the file's columns were (the caller's rows are not changed)."""
        low, spans = self.minima, self._spans()
        return [[(v - a) / s for v, a, s in zip(row, low, spans)] for row in self._rows(rows, "rows")]

    def undo(self, rows: Any) -> Rows:
        """New rows in the file's units: the inverse of :meth:`apply` (for a network's outputs)."""
        checked = self._rows(rows, "rows")
        low, spans = self.minima, self._spans()
        return [[v * s + a for v, a, s in zip(row, low, spans)] for row in checked]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scaling):
            return NotImplemented
        return (self.minima, self.maxima) == (other.minima, other.maxima)

    __hash__ = None  # type: ignore[assignment]  # equal by value, but mutable like other data

    def __repr__(self) -> str:
        return f"Scaling(minima={list(self.minima)!r}, maxima={list(self.maxima)!r})"


class Dataset:
    """What :func:`load_csv` read: inputs ``X``, targets ``y``, and what they mean.

    ``X, y = load_csv(...)`` unpacks the two lists of rows; the attributes say the rest.
    """

    __slots__ = {
        "X": "The inputs, one row per example, the input columns as floats (scaled unless ``scale=False``).",
        "classes": "The class labels as the file writes them, sorted; ``None`` for a numeric target.",
        "features": 'The input columns\' names, from the header line (``"column 0"``, … without one).',
        "path": "The file's name, as given.",
        "scaling": "The :class:`Scaling` of the inputs (``None`` with ``scale=False``).",
        "target": "The target column's name.",
        "target_scaling": (
            "The :class:`Scaling` of a numeric target (``None`` for classes, or with ``scale=False``)."
        ),
        "y": (
            "The targets, one row per example. For class labels, 1.0 at the class's position in "
            "``classes`` and 0.0 elsewhere (one output unit per class); for a numeric target, one "
            "float (scaled unless ``scale=False``)."
        ),
    }

    def __init__(
        self,
        X: Rows,
        y: Rows,
        *,
        features: list[str],
        target: str,
        classes: list[str] | None,
        scaling: Scaling | None,
        target_scaling: Scaling | None,
        path: str,
    ) -> None:
        self.X = X
        self.y = y
        self.features = features
        self.target = target
        self.classes = classes
        self.scaling = scaling
        self.target_scaling = target_scaling
        self.path = path

    def __iter__(self) -> Iterator[Rows]:
        """``X, y = dataset``."""
        return iter((self.X, self.y))

    def __repr__(self) -> str:
        what = f"{len(self.classes)} classes" if self.classes is not None else "a number"
        return (
            f"<Dataset {self.path!r}: {len(self.X)} examples of {len(self.features)} inputs, "
            f"target {self.target!r} ({what})>"
        )


def load_csv(
    path: PathLike,
    target: int | str = -1,
    *,
    header: bool | None = None,
    delimiter: str = ",",
    classes: bool | None = None,
    scale: bool = True,
    max_bytes: int = MAX_BYTES,
) -> Dataset:
    """Read a CSV file of examples: ``X, y = load_csv("pets.csv", target="kind")``.

    The file: UTF-8 text (a spreadsheet's "CSV UTF-8"), one example a line, cells separated
    by ``delimiter`` (a comma unless given; ``";"`` or ``"\\t"`` for other files), every
    line with the same number of cells. Blank lines, and lines of empty cells only, are
    skipped. Cells may be quoted as spreadsheets quote them.

    - ``target``: the column to predict, by number (counting from 0, as Python does;
      ``-1``, the default, is the last column) or by its name in the header line. Every
      other column is an input and must hold numbers.
    - ``header``: whether the first line names the columns. ``None`` (the default) decides
      from the file: the first line is a header when none of its cells is a number, or when
      one of them is not a number but the cell below it is. Pass ``header=False`` if the
      first line is an example (then text in it is reported as an error).
    - ``classes``: whether the target holds class labels. ``None`` (the default) decides
      from the column: text (``cat``, ``dog``) is labels, numbers are a quantity. Pass
      ``True`` for labels written as numbers (digits 0–9), ``False`` to insist on numbers.
      A column of labels must have at least two classes.
    - ``scale``: inputs, and a numeric target, are scaled into [0, 1], column by column,
      from their smallest to their largest value (:class:`Scaling`, reported on the
      result). This is a little different from the series, which divides by the
      maximum: that needs values of 0 or more, and this works for negative values too.
      ``scale=False`` keeps the file's numbers.
    - ``max_bytes``: the largest file read (64 MiB unless given). Reading takes about 0.2 s
      of CPU time per MB of file (measured with CPython 3.11: 1.5 s for 100,000 rows of
      ten numbers and a label, 8 MB).

    A file that cannot be used is refused, and nothing is returned: a missing file or
    folder is an ``OSError`` (:class:`~nnd.util.errors.PathError`); a problem in the file a
    ``ValueError`` (:class:`~nnd.util.errors.FileFormatError`) naming the file, the line
    (counting from 1, as editors do) and the column: a row with more or fewer cells than
    the first, an empty cell, text or NaN or infinity where a number belongs, a target
    column that does not exist, a file with no examples, a target of one class only, text
    that is not UTF-8.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "pets.csv")
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     _ = f.write("weight,height,kind\\n4,30,cat\\n30,60,dog\\n6,25,cat\\n")
    >>> data = load_csv(path, target="kind")
    >>> X, y = data
    >>> X
    [[0.0, 0.14285714285714285], [1.0, 1.0], [0.07692307692307693, 0.0]]
    >>> y, data.classes, data.features
    ([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], ['cat', 'dog'], ['weight', 'height'])
    >>> data.scaling  # the smallest and largest weight and height in the file
    Scaling(minima=[4.0, 25.0], maxima=[30.0, 60.0])
    >>> data.scaling.apply([[17, 42.5]])  # a new pet, scaled as the file was
    [[0.5, 0.5]]
    >>> with open(path, "a", encoding="utf-8") as f:
    ...     _ = f.write("5,,cat\\n")
    >>> load_csv(path, target="kind")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnd.util.errors.FileFormatError: ...pets.csv, line 5, column 1 ('height'): empty cell; ...
    """
    from nnd.util.files import read_file

    if not isinstance(target, str):
        try:
            target = integer(target, "target", minimum=None)
        except InvalidTypeError:
            raise InvalidTypeError(
                f"target: expected a column's number (an int) or name (a str), got {describe(target)} "
                f"{shown(target)}"
            ) from None
    header = None if header is None else flag(header, "header")
    classes = None if classes is None else flag(classes, "classes")
    scale = flag(scale, "scale")
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '\r\n"':
        raise InvalidValueError(
            "delimiter: expected one character such as ',', ';' or '\\t' (not a quote or a line end), "
            f"got {describe(delimiter)} {shown(delimiter)}"
        )
    limit = integer(max_bytes, "max_bytes", minimum=1)
    raw = read_file(path, limit, "CSV file")
    name = os.fsdecode(path)
    table = _Table(name, _lines(raw, name, delimiter))
    return table.dataset(target, header, classes, scale)


def _lines(raw: bytes, name: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The file's non-blank rows, each with the number of the line where it starts."""
    import csv
    import io

    try:
        text = raw.decode("utf-8-sig")  # a spreadsheet's UTF-8 may begin with a byte-order mark
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FileFormatError(
            f"{name}, line {line}: not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start}); "
            'save the file as UTF-8 (a spreadsheet\'s "CSV UTF-8")'
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    start = 1
    try:
        for cells in reader:
            if "".join(cells).strip():  # not a blank line, nor one of empty cells
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        quote = " (a cell opened with a quote is never closed)" if "end of data" in str(exc) else ""
        raise FileFormatError(f"{name}, line {start}: not CSV: {exc}{quote}") from None
    if not rows:
        raise FileFormatError(f"{name}: no data: the file is empty or has only blank lines")
    return rows


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


def _number(cell: str) -> float | None:
    """The cell's number, if it is one nnd accepts (finite, within ±LIMIT), or ``None``."""
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if -LIMIT <= value <= LIMIT else None


class _Table:
    """A file's rows on the way to a :class:`Dataset`; its methods name the file in every error."""

    def __init__(self, name: str, rows: list[tuple[int, list[str]]]) -> None:
        self.name = name
        self.rows = rows
        self.names: list[str] = []
        self.classes: list[str] | None = None
        self.header = False  # whether self.names come from a header line

    def error(self, line: int | None, column: int | None, message: str) -> FileFormatError:
        where = self.name if line is None else f"{self.name}, line {line}"
        if column is not None:
            where += f", column {column}"
            if self.header:
                where += f" ({shown(self.names[column])})"
        return FileFormatError(f"{where}: {message}")

    def has_header(self) -> bool:
        """Whether the first row names the columns: none of its cells is a number, or one of them
        is not a number while the cell below it is."""
        first = self.rows[0][1]
        if all(_number(cell) is None for cell in first):
            return True
        second = self.rows[1][1] if len(self.rows) > 1 else []
        return any(_number(a) is None and _number(b) is not None for a, b in zip(first, second))

    def dataset(self, target: int | str, header: bool | None, classes: bool | None, scale: bool) -> Dataset:
        if header is None:
            header = self.has_header()
        width = len(self.rows[0][1])
        if header:
            line, cells = self.rows.pop(0)
            self.header = True
            self.names = [cell.strip() or f"column {j}" for j, cell in enumerate(cells)]
            if not self.rows:
                raise self.error(None, None, f"no data: only a header line (line {line})")
        else:
            self.names = [f"column {j}" for j in range(width)]
        for line, cells in self.rows:
            if len(cells) != width:
                first = "the header" if header else "the first row"
                raise self.error(
                    line,
                    None,
                    f"{_cells(len(cells))}, but {first} has {width}: every row needs one cell per column",
                )
        if width < 2:
            raise self.error(
                None, None, "only one column: a data set needs input columns and a target column"
            )
        t = self.target_column(target, width, header)
        inputs = [j for j in range(width) if j != t]
        X = [self.numbers(line, cells, t) for line, cells in self.rows]
        labels = [cells[t].strip() for _, cells in self.rows]
        for (line, _), label in zip(self.rows, labels):
            if not label:
                raise self.error(line, t, "empty cell; every example needs a target")
        if classes is None:
            classes = self.holds_labels(labels, t)
        if classes:
            self.classes = self.class_names(labels, t)
            position = {label: c for c, label in enumerate(self.classes)}
            y = rows_of((position[label] for label in labels), len(self.classes))
        else:
            y = [[self.number(line, cells, t)] for line, cells in self.rows]
        return self.finish(X, y, inputs, t, scale, numeric=not classes)

    def holds_labels(self, labels: list[str], t: int) -> bool:
        """Whether the target column is text (labels) rather than numbers; a mix is refused."""
        is_text = {label: _number(label) is None for label in set(labels)}  # few labels, many rows
        text = list(map(is_text.__getitem__, labels))
        count = sum(text)
        if 0 < count < len(labels):
            mostly_text = 2 * count > len(labels)
            odd = text.index(not mostly_text)
            kind, others = ("a number", "text") if mostly_text else ("text", "numbers")
            raise self.error(
                self.rows[odd][0],
                t,
                f"{shown(labels[odd])} is {kind} in a column of {others}: correct the cell, or pass "
                "classes=True if the column holds class labels",
            )
        return count > 0

    def target_column(self, target: int | str, width: int, header: bool) -> int:
        if isinstance(target, str):
            if not header:
                raise self.error(
                    None,
                    None,
                    f"target={shown(target)} names a column, but the file has no header line "
                    "(give the column's number instead, or header=True)",
                )
            found = [j for j, n in enumerate(self.names) if n == target.strip()]
            if not found:
                listed = ", ".join(shown(n) for n in self.names[:20])
                raise self.error(None, None, f"no column named {shown(target)}; the columns are {listed}")
            if len(found) > 1:
                raise self.error(
                    None, None, f"two columns are named {shown(target)} (columns {found[0]} and {found[1]})"
                )
            return found[0]
        if not -width <= target < width:
            raise self.error(
                None,
                None,
                f"no column {target}: target counts from 0 to {width - 1} (or -{width} to -1) "
                f"in a file of {width} columns",
            )
        return target % width

    def number(self, line: int, cells: list[str], j: int) -> float:
        cell = cells[j]
        try:
            value = float(cell)
        except ValueError:
            if not cell.strip():
                raise self.error(line, j, "empty cell; every example needs every value") from None
            hint = " (numbers are written with a decimal point)" if "," in cell else ""
            raise self.error(line, j, f"expected a number, got {shown(cell.strip())}{hint}") from None
        if not -LIMIT <= value <= LIMIT:  # false for NaN too
            raise self.error(
                line,
                j,
                f"expected a finite number between -{LIMIT:g} and {LIMIT:g}, got {shown(cell.strip())}",
            )
        return value

    def numbers(self, line: int, cells: list[str], t: int) -> list[float]:
        """The row's inputs: every cell but the target's ``t``, as numbers."""
        try:
            values = list(map(float, cells[:t] + cells[t + 1 :]))
            total = sum(values)  # NaN or infinite if a value is
            if total - total == 0.0 and max(map(abs, values)) <= LIMIT:
                return values
        except ValueError:
            pass
        return [self.number(line, cells, j) for j in range(len(cells)) if j != t]  # raises, naming the cell

    def class_names(self, labels: list[str], t: int) -> list[str]:
        """The different labels, sorted (by value if they are all numbers)."""
        found = set(labels)
        if all(_number(label) is not None for label in found):
            names = sorted(found, key=lambda label: (float(label), label))
        else:
            names = sorted(found)
        if len(names) < 2:
            raise self.error(
                None,
                t,
                f"one class only ({shown(names[0])}): a network learns to tell at least two "
                "classes apart; is target the right column?",
            )
        if len(names) > MAX_CLASSES:
            raise self.error(
                None,
                t,
                f"{len(names):,} different labels, more than the {MAX_CLASSES:,} classes nnd "
                "handles; is target the right column?",
            )
        return names

    def finish(self, X: Rows, y: Rows, inputs: list[int], t: int, scale: bool, numeric: bool) -> Dataset:
        scaling = target_scaling = None
        if scale:
            scaling, X = _fit(X)
            if numeric:
                target_scaling, y = _fit(y)
        return Dataset(
            X,
            y,
            features=[self.names[j] for j in inputs],
            target=self.names[t],
            classes=None if numeric else self.classes,
            scaling=scaling,
            target_scaling=target_scaling,
            path=self.name,
        )


def _fit(rows: Rows) -> tuple[Scaling, Rows]:
    """The :class:`Scaling` that maps each column of ``rows`` onto [0, 1], and the rows it gives."""
    columns = list(zip(*rows))
    scaling = Scaling([min(c) for c in columns], [max(c) for c in columns])
    scaled = [[(v - a) / s for v in c] for c, a, s in zip(columns, scaling.minima, scaling._spans())]
    return scaling, list(map(list, zip(*scaled)))
