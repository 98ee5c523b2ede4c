"""The network file format: JSON, readable, backend-independent, bit-exact, no pickle.

``net.save(path)`` writes a file and ``nnd.load(path)`` reads it back (into any backend);
this module is the format itself, on plain lists, so that it needs nothing of the rest of
nnd. A file holds a format name and version, the layer sizes, λ and the weights as nested
lists of numbers, one weight row per line::

    {
      "format": "nnd.Network",
      "version": 1,
      "layer_sizes": [2, 3, 1],
      "lam": null,
      "weights": [
        [[-0.1, 0.2, 0.3],
         [0.4, -0.5, 0.6]],
        [[0.7],
         [-0.8],
         [0.9]]
      ]
    }

A network with biases is written as version 2, with one more field, ``"biases"``: one
list of numbers per layer after the input (``[[b2...], [b3...]]``). Files of the series'
network stay version 1, which every nnd reads.

Floats are written with Python's ``repr``, the shortest text that reads back as
the same float, so a round trip is bit-exact. Anything unexpected (bad JSON, a missing
or unknown field, shapes that do not match the layer sizes, NaN, a file over the size
limit) raises a ``ValueError`` (:class:`~nnd.util.errors.FileFormatError`) that names
the file and the problem, and nothing is created. Saving writes to a temporary file and
renames it (:func:`nnd.util.files.write_file`), so a failed save leaves no half file.

>>> text = dumps((1, 2), None, [[[0.5, -0.25]]], [[0.0, 1.5]])
>>> saved = parse(text)
>>> saved.layer_sizes, saved.weights, saved.biases
((1, 2), [[[0.5, -0.25]]], [[0.0, 1.5]])
"""

from __future__ import annotations

import json
import math
from typing import Any, NamedTuple

from nnd.util import checks
from nnd.util.errors import FileFormatError, InvalidValueError
from nnd.util.files import PathLike, read_file, write_file

FORMAT = "nnd.Network"
VERSION = 2
"""The newest version this nnd reads and writes (2: with biases; bias-free files are written as 1)."""
MAX_BYTES = 64 * 2**20
"""Files larger than this (64 MiB, about three million weights) are refused unless ``max_bytes`` says more."""

_FIELDS = ("format", "version", "layer_sizes", "lam", "weights")

Matrix = list[list[float]]


class Saved(NamedTuple):
    """What a network file holds, checked: plain lists, ready to become a network."""

    layer_sizes: tuple[int, ...]
    lam: float | None
    weights: list[Matrix]
    """``[W1, W2, ...]`` as nested lists of floats."""
    biases: list[list[float]] | None
    """``[b2, b3, ...]`` as lists of floats, or ``None`` for a network without biases."""
    source: str
    """Where it was read from: the file's name, or ``"<string>"``."""


def dumps(
    layer_sizes: tuple[int, ...],
    lam: float | None,
    weights: list[Matrix],
    biases: list[list[float]] | None = None,
) -> str:
    """The JSON text of a network file, one weight row per line (``net.to_json()`` calls this).

    Everything is checked first, as a file would be read: at least two positive layer sizes,
    λ ``None`` or a finite number ≥ 0, one matrix of finite numbers per pair of layers in the
    shape the sizes say (and one list per layer after the input for ``biases``). What does
    not fit is an error naming it, and nothing is written.

    >>> dumps((1, 2), None, [[[0.5]]])
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: W1: expected shape (1, 2) for layer sizes (1, 2), got (1, 1)
    """
    layer_sizes, lam, weights, biases = _arguments(layer_sizes, lam, weights, biases)
    matrices = []
    for W in weights:
        rows = [json.dumps([float(v) for v in row], allow_nan=False) for row in W]
        matrices.append("    [" + ",\n     ".join(rows) + "]")
    version = 1 if biases is None else 2
    head = {"format": FORMAT, "version": version, "layer_sizes": list(layer_sizes), "lam": lam}
    lines = [f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in head.items()]
    text = "{\n" + "\n".join(lines) + '\n  "weights": [\n' + ",\n".join(matrices) + "\n  ]"
    if biases is not None:
        rows = [json.dumps([float(v) for v in b], allow_nan=False) for b in biases]
        text += ',\n  "biases": [\n    ' + ",\n    ".join(rows) + "\n  ]"
    return text + "\n}\n"


def _arguments(
    layer_sizes: Any, lam: Any, weights: Any, biases: Any
) -> tuple[tuple[int, ...], float | None, list[Matrix], list[list[float]] | None]:
    """What :func:`dumps` writes, checked: fresh lists of floats in the shapes the layer sizes say."""
    sizes = checks.layer_sizes(layer_sizes)
    lam = checks.optional_number(lam, "lam")
    given = checks.sequence(weights, "weights", "[W1, W2]")
    if len(given) != len(sizes) - 1:
        raise InvalidValueError(
            f"weights: expected {len(sizes) - 1} matrices for layer sizes {sizes}, got {len(given)}"
        )
    matrices = []
    for i, (W, n_in, n_out) in enumerate(zip(given, sizes, sizes[1:]), start=1):
        rows, shape = checks.as_nested(W, f"W{i}")
        if shape != (n_in, n_out):
            raise InvalidValueError(
                f"W{i}: expected shape ({n_in}, {n_out}) for layer sizes {sizes}, got {shape}"
            )
        matrices.append(rows)
    if biases is None:
        return sizes, lam, matrices, None
    rows_b = checks.sequence(biases, "biases", "[b2, b3]")
    if len(rows_b) != len(sizes) - 1:
        raise InvalidValueError(
            f"biases: expected {len(sizes) - 1} lists for layer sizes {sizes}, got {len(rows_b)}"
        )
    checked = []
    for i, (b, n) in enumerate(zip(rows_b, sizes[1:]), start=2):
        values, shape = checks.as_nested(b, f"b{i}")
        if shape not in ((n,), (1, n)):
            raise InvalidValueError(f"b{i}: expected {n} numbers for layer sizes {sizes}, got shape {shape}")
        checked.append(values[0] if len(shape) == 2 else values)
    return sizes, lam, matrices, checked


def save(
    path: PathLike,
    layer_sizes: tuple[int, ...],
    lam: float | None,
    weights: list[Matrix],
    biases: list[list[float]] | None = None,
) -> None:
    """Write a network file to ``path`` atomically (``net.save(path)`` calls this).

    ``path`` must be a regular file or not exist yet; anything else (a folder, a
    device such as ``/dev/null``, a FIFO, a socket) is refused with an error naming
    the path, before anything is written. A symbolic link is followed: the file it
    points to is replaced (atomically, in its own folder) and the link stays as it
    is; a link that points to nothing is refused. A new file gets the mode any new
    file gets (``0o666`` less the umask); a file that is replaced keeps its mode. If
    writing fails (a full disk, no permission) the old file is left as it was, no
    temporary file remains, and the ``OSError`` names ``path``.
    """
    write_file(path, dumps(layer_sizes, lam, weights, biases))


def read(path: PathLike, *, max_bytes: int = MAX_BYTES) -> Saved:
    """A network file's contents, checked; ``nnd.load(path)`` makes a network of them.

    A file that is not a valid network file, or one larger than ``max_bytes`` (any
    positive int; the file is read in pieces, so a huge limit costs nothing), is a
    ``ValueError`` naming the problem. A symbolic link is followed. A path that is not a
    regular file (a folder, a device, a FIFO, a socket) or does not exist is an
    ``OSError`` naming it, raised without reading from it or waiting for a writer.
    """
    max_bytes = checks.integer(max_bytes, "max_bytes", minimum=1)
    raw = read_file(path, max_bytes, what="network file")
    name = path if isinstance(path, str) else str(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(f"{name}: not an nnd network file: not UTF-8 text ({exc})") from None
    return parse(text, source=name)


def parse(text: str, source: str = "<string>") -> Saved:
    """A network file's contents from its JSON text, checked; see :func:`read`."""
    text = checks.text(text, "text")
    source = checks.text(source, "source")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        raise FileFormatError(f"{source}: not an nnd network file: invalid JSON ({_cut(str(exc))})") from None
    return _check(data, source)


# -- checks -----------------------------------------------------------------------------------
def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {_short(key)} appears twice in one object")
        out[key] = value
    return out


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_finite_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an int too large for a float
        return False


def _short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to at most ``limit`` characters: a file's 10 MB string is never echoed."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 180:
        return f"an int of about {int(value.bit_length() * 0.30103)} digits"  # repr may refuse such an int
    if isinstance(value, str):
        value = value[:limit]
    elif isinstance(value, list) and len(value) > limit:
        value = value[:limit]
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        text = f"a {type(value).__name__}"
    return _cut(text, limit)


def _cut(text: str, limit: int = 200) -> str:
    """``text`` itself, or its first ``limit - 3`` characters and "..."."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _check(data: Any, source: str) -> Saved:
    """What a parsed file holds, or a ValueError saying what is wrong."""

    def bad(problem: str) -> ValueError:
        return FileFormatError(f"{source}: not a valid nnd network file: {problem}")

    if not isinstance(data, dict):
        raise bad(f"expected a JSON object at the top, got {type(data).__name__}")
    version = data.get("version")
    fields = (*_FIELDS, "biases") if version == 2 else _FIELDS
    missing = [key for key in fields if key not in data]
    if missing:
        raise bad(f"missing field(s) {', '.join(missing)}")
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise bad(f"unknown field(s) {_cut(', '.join(_short(key) for key in unknown[:5]))}")
    if data["format"] != FORMAT:
        raise bad(f"format is {_short(data['format'])}, expected {FORMAT!r}")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad(f"version: expected a positive int, got {_short(version)}")
    if version > VERSION:
        raise bad(
            f"format version {_short(version)} was written by a newer nnd; this one reads version {VERSION}"
        )

    sizes = data["layer_sizes"]
    if not (isinstance(sizes, list) and len(sizes) >= 2 and all(_is_int(n) and n >= 1 for n in sizes)):
        raise bad(f"layer_sizes: expected a list of at least two positive ints, got {_short(sizes)}")
    lam = data["lam"]
    if lam is not None and not (_is_finite_number(lam) and lam >= 0):
        raise bad(f"lam: expected null or a finite number >= 0, got {_short(lam)}")

    weights = data["weights"]
    if not isinstance(weights, list) or len(weights) != len(sizes) - 1:
        count = len(weights) if isinstance(weights, list) else type(weights).__name__
        raise bad(f"weights: expected {len(sizes) - 1} matrices for layer sizes {_short(sizes)}, got {count}")
    for i, (W, n_in, n_out) in enumerate(zip(weights, sizes, sizes[1:]), start=1):
        if not isinstance(W, list) or len(W) != n_in:
            raise bad(f"W{i}: expected {n_in} rows of {n_out} numbers (layer sizes {_short(sizes)})")
        for r, row in enumerate(W):
            if not isinstance(row, list) or len(row) != n_out:
                raise bad(f"W{i} row {r}: expected {n_out} numbers (layer sizes {_short(sizes)})")
            for c, value in enumerate(row):
                if not _is_finite_number(value):
                    raise bad(f"W{i}[{r}][{c}]: expected a finite number, got {_short(value)}")
    biases = data.get("biases")
    if version == 2:
        if not isinstance(biases, list) or len(biases) != len(sizes) - 1:
            count = len(biases) if isinstance(biases, list) else type(biases).__name__
            raise bad(f"biases: expected {len(sizes) - 1} lists for layer sizes {_short(sizes)}, got {count}")
        for i, (b, n) in enumerate(zip(biases, sizes[1:]), start=2):
            if not isinstance(b, list) or len(b) != n:
                raise bad(f"b{i}: expected {n} numbers (layer sizes {_short(sizes)})")
            for c, value in enumerate(b):
                if not _is_finite_number(value):
                    raise bad(f"b{i}[{c}]: expected a finite number, got {_short(value)}")
    return Saved(tuple(sizes), None if lam is None else float(lam), weights, biases, source)
