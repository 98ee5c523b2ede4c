"""Saving and loading networks as JSON: readable, backend-independent, bit-exact, no pickle.

A file holds a format name and version, the layer sizes, λ and the weights as
nested lists of numbers, one weight row per line::

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

Floats are written with Python's ``repr``, the shortest text that reads back as
the same float, so a round trip is bit-exact. A file loads into any backend.
Anything unexpected (bad JSON, a missing or unknown field, shapes that do not
match the layer sizes, NaN, a file over the size limit) raises a ``ValueError``
that names the file and the problem, and nothing is created. :func:`save`
writes to a temporary file and renames it, so a failed save leaves no half file.
Only regular files are written and read: a folder, a device such as ``/dev/null``,
a FIFO or a socket is refused with an ``OSError`` naming the path. Symbolic links
are followed: saving through a link replaces the file it points to.

>>> import nnd
>>> net = nnd.Network((2, 3, 1), seed=0, lam=1e-4)
>>> same = loads(dumps(net))
>>> same.layer_sizes, same.lam, same.W1.tolist() == net.W1.tolist()
((2, 3, 1), 0.0001, True)
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

from nnd.arrays.registry import BackendLike
from nnd.network import Network
from nnd.util.errors import FileFormatError, InvalidTypeError, InvalidValueError
from nnd.util.files import PathLike, read_file, write_file

FORMAT = "nnd.Network"
VERSION = 1
MAX_BYTES = 64 * 2**20
"""Files larger than this (64 MiB, about three million weights) are refused unless ``max_bytes`` says more."""

_FIELDS = ("format", "version", "layer_sizes", "lam", "weights")


def dumps(net: Network) -> str:
    """The network as JSON text (what :func:`save` writes)."""
    if not isinstance(net, Network):
        raise InvalidTypeError(f"net: expected an nnd.Network, got {type(net).__name__}")
    B = net.backend
    matrices = []
    for W in net.weights:
        rows = [json.dumps([float(v) for v in row], allow_nan=False) for row in B.tolist(W)]
        matrices.append("    [" + ",\n     ".join(rows) + "]")
    head = {"format": FORMAT, "version": VERSION, "layer_sizes": list(net.layer_sizes), "lam": net.lam}
    lines = [f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in head.items()]
    return "{\n" + "\n".join(lines) + '\n  "weights": [\n' + ",\n".join(matrices) + "\n  ]\n}\n"


def save(net: Network, path: PathLike) -> None:
    """Write ``net`` to ``path`` as JSON, replacing the file atomically if it exists.

    ``path`` must be a regular file or not exist yet; anything else (a folder, a
    device such as ``/dev/null``, a FIFO, a socket) is refused with an error naming
    the path, before anything is written. A symbolic link is followed: the file it
    points to is replaced (atomically, in its own folder) and the link stays as it
    is; a link that points to nothing is refused. A new file gets the mode any new
    file gets (``0o666`` less the umask); a file that is replaced keeps its mode. If
    writing fails (a full disk, no permission) the old file is left as it was, no
    temporary file remains, and the ``OSError`` names ``path``.
    """
    write_file(path, dumps(net))


def load(path: PathLike, backend: BackendLike | None = None, *, max_bytes: int = MAX_BYTES) -> Network:
    """Read a network saved by :func:`save` (or ``net.save``) into ``backend`` (default: the active one).

    Raises ``ValueError`` naming the problem for a file that is not a valid network
    file, and for one larger than ``max_bytes`` (any positive int; the file is read
    in pieces, so a huge limit costs nothing). A symbolic link is followed. A path
    that is not a regular file (a folder, a device, a FIFO, a socket) is refused
    with an ``OSError`` naming it, without reading from it or waiting for a writer.
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise InvalidTypeError(
            f"max_bytes: expected a positive int, got {type(max_bytes).__name__} {_short(max_bytes)}"
        )
    if max_bytes < 1:
        raise InvalidValueError(f"max_bytes: expected a positive int, got {_short(max_bytes)}")
    raw = read_file(path, max_bytes, what="network file")
    name = os.fsdecode(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(f"{name}: not an nnd network file: not UTF-8 text ({exc})") from None
    return loads(text, backend, source=name)


def loads(text: str, backend: BackendLike | None = None, *, source: str = "<string>") -> Network:
    """A network from JSON text as :func:`dumps` writes it; see :func:`load` for the checks."""
    if not isinstance(text, str):
        raise InvalidTypeError(f"text: expected a str, got {type(text).__name__}")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        raise FileFormatError(f"{source}: not an nnd network file: invalid JSON ({_cut(str(exc))})") from None
    sizes, lam, weights = _check(data, source)
    net = Network(sizes, backend=backend)  # a bad backend is the caller's error, not the file's
    try:  # the network's own checks too (e.g. numbers beyond nnd.network.LIMIT), naming the file
        net.lam = lam
        for i, W in enumerate(weights, start=1):
            setattr(net, f"W{i}", W)
    except ValueError as exc:
        raise FileFormatError(f"{source}: not a valid nnd network file: {_cut(str(exc))}") from None
    return net


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


def _check(data: Any, source: str) -> tuple[tuple[int, ...], float | None, list[list[list[float]]]]:
    """Layer sizes, λ and weights from a parsed file, or a ValueError saying what is wrong."""

    def bad(problem: str) -> ValueError:
        return FileFormatError(f"{source}: not a valid nnd network file: {problem}")

    if not isinstance(data, dict):
        raise bad(f"expected a JSON object at the top, got {type(data).__name__}")
    missing = [key for key in _FIELDS if key not in data]
    if missing:
        raise bad(f"missing field(s) {', '.join(missing)}")
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise bad(f"unknown field(s) {_cut(', '.join(_short(key) for key in unknown[:5]))}")
    if data["format"] != FORMAT:
        raise bad(f"format is {_short(data['format'])}, expected {FORMAT!r}")
    version = data["version"]
    if not _is_int(version) or version < 1:
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
    return tuple(sizes), (None if lam is None else float(lam)), weights
