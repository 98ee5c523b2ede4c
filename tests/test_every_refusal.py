"""The law of refusals: whatever nnd refuses, it refuses with an ``nnd.NNDError``, and changes nothing.

For every public entry point of nnd (the walk in :func:`test_every_public_entry_point_is_fuzzed`
finds them; a new public function without an entry here fails that test), hypothesis draws
arguments that mix valid values with bad ones: wrong types, huge ints, NaN and infinities,
empty, ragged, 0-D and 3-D data, arrays of another backend, objects whose ``__len__``,
``__iter__`` or ``__float__`` raise, long strings, paths that cannot be files. Then:

1. what the call raises is an ``nnd.NNDError`` that is also one of ``ValueError``,
   ``TypeError``, ``OSError``, ``ImportError`` or ``IndexError`` -- never a bare ``TypeError``,
   ``AttributeError``, ``KeyError``, ``OverflowError``, ``ZeroDivisionError``,
   ``RecursionError`` or ``UnicodeError`` from deep inside. The one other exception that may
   come out is the caller's own (:class:`EvilError` here), raised by a function or an object
   the caller passed in, unchanged;
2. a call that raised changed nothing: the network's parameters, λ and last pass, the
   caller's lists and arrays (and generators, left unread), the files in the folder, the
   backend settings;
3. a call made of valid values only is not refused (so the valid values are valid, and each
   bad value gets past the checks of the others).

Entry points that take arrays run once per installed backend (the ``backend`` fixture).
"""

from __future__ import annotations

import copy
import importlib
import inspect
import math
import operator
import os
import pathlib
import shutil
import struct
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nnd
import nnd.draw
import nnd.network
import nnd.training.bfgs
from nnd.arrays import registry
from nnd.arrays.python.listarray import ListArray
from nnd.util.errors import NNDError

try:
    import numpy as np
except ImportError:  # the core-only run: no NumPy values
    np = None  # type: ignore[assignment]
try:
    import torch
except ImportError:
    torch = None  # type: ignore[assignment]
try:
    import array_api_strict as xps
except ImportError:
    xps = None  # type: ignore[assignment]

ALLOWED = (ValueError, TypeError, OSError, ImportError, IndexError)
ROOT = pathlib.Path(nnd.__file__).resolve().parent.parent  # the checkout: nnd/ and backends/
EXAMPLES = 20  # per entry point (and backend): about 7,500 calls, half a minute of CPU on a laptop


class EvilError(Exception):
    """Raised by the caller's own objects and functions; nnd may let it through unchanged."""


class Evil:
    """An object whose every protocol raises the caller's own error."""

    def __len__(self) -> int:
        raise EvilError("__len__")

    def __iter__(self) -> Any:
        raise EvilError("__iter__")

    def __float__(self) -> float:
        raise EvilError("__float__")

    def __index__(self) -> int:
        raise EvilError("__index__")

    def __getitem__(self, i: Any) -> Any:
        raise EvilError("__getitem__")

    def __fspath__(self) -> str:
        raise EvilError("__fspath__")

    def __repr__(self) -> str:
        raise EvilError("__repr__")

    def __bool__(self) -> bool:
        raise EvilError("__bool__")


class EvilReal(float):
    """A float (so, a Real number) whose conversions raise the caller's own error."""

    def __float__(self) -> float:
        raise EvilError("__float__")

    def __repr__(self) -> str:
        raise EvilError("__repr__")


def _raises(*_: Any, **__: Any) -> Any:
    raise EvilError("the caller's function")


# -- values: recipes made afresh for each call --------------------------------------------------


class V:
    """A value to pass: made by ``make(ctx)`` for each call (networks, files, generators are fresh)."""

    __slots__ = ("label", "make")

    def __init__(self, label: str, make: Callable[[Ctx], Any]) -> None:
        self.label, self.make = label, make

    def __repr__(self) -> str:
        return self.label


def k(value: Any, label: str | None = None) -> V:
    """A constant, deep-copied for each call."""
    if label is None:
        text = repr(value)
        label = text if len(text) <= 60 else text[:57] + "..."
    return V(label, lambda c: copy.deepcopy(value))


def f(label: str, make: Callable[[Ctx], Any]) -> V:
    return V(label, make)


def _self_containing() -> list[Any]:
    a: list[Any] = [0.5]
    a.append(a)
    return a


def _generator() -> Any:
    return (x for x in [0.5, 0.5])


class Ctx:
    """What one call works on: a backend, a fresh folder, a network with a last pass."""

    def __init__(self, B: nnd.Backend, folder: str, m: int, bias: bool, lam: float | None) -> None:
        self.B, self.folder, self.m = B, folder, m
        self.net = nnd.Network((2, 3, 1), seed=1, backend=B, bias=bias, lam=lam)
        self.net.forward(self.X())

    def X(self, width: int = 2) -> list[list[float]]:  # noqa: N802
        return [[((3 * i + 7 * j) % 10 + 1) / 10 for j in range(width)] for i in range(self.m)]

    def y(self, width: int = 1) -> list[list[float]]:
        return [[float((i + j) % 2) for j in range(width)] for i in range(self.m)]

    def path(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def file(self, name: str) -> str:
        """A file of the folder, written when first asked for."""
        path = self.path(name)
        if not os.path.lexists(path):
            FILES[name](self, path)
        return path


def _mnist(c: Ctx, path: str) -> None:
    os.mkdir(path)
    for name, magic, body in (
        ("train-images-idx3-ubyte", 0x803, struct.pack(">III", 1, 28, 28) + bytes(784)),
        ("train-labels-idx1-ubyte", 0x801, struct.pack(">I", 1) + b"\x03"),
        ("t10k-images-idx3-ubyte", 0x803, struct.pack(">III", 1, 28, 28) + bytes(784)),
        ("t10k-labels-idx1-ubyte", 0x801, struct.pack(">I", 1) + b"\x07"),
    ):
        pathlib.Path(path, name).write_bytes(struct.pack(">I", magic) + body)


def _write(data: bytes) -> Callable[[Ctx, str], None]:
    return lambda c, path: pathlib.Path(path).write_bytes(data)


FILES: dict[str, Callable[[Ctx, str], None]] = {
    "net.json": lambda c, path: c.net.save(path),
    "data.csv": _write(b"a,b,label\n1,2,x\n3,4,y\n5,1,x\n"),
    "numbers.csv": _write(b"1,2,0.5\n3,4,0.25\n"),
    "garbage": _write(b"\xff\xfe\x00junk{[" * 20),
    "empty": _write(b""),
    "folder": lambda c, path: os.mkdir(path),
    "mnist": _mnist,
    "dangling": lambda c, path: os.symlink(os.path.join(c.folder, "nowhere"), path),
    "fifo": lambda c, path: os.mkfifo(path),
}


# -- pools of bad values --------------------------------------------------------------------


def _np(label: str, make: Callable[[], Any]) -> list[V]:
    return [] if np is None else [f(label, lambda c: make())]


def _torch(label: str, make: Callable[[], Any]) -> list[V]:
    return [] if torch is None else [f(label, lambda c: make())]


JUNK: list[V] = [
    k(None),
    k("abc"),
    k("x" * 10_000, "'x' * 10000"),
    k(""),
    k(b"bytes"),
    k(True),
    k(False),
    k(1j),
    k({}),
    k({"a": 1}),
    k({1, 2}),
    f("a generator", lambda c: _generator()),
    f("Evil()", lambda c: Evil()),
    f("EvilReal(1.0)", lambda c: EvilReal(1.0)),
    f("object()", lambda c: object()),
    k(10**400, "10**400"),
    k(-(10**400), "-10**400"),
    k(2**63, "2**63"),
    k(-1),
    k(0),
    k(math.nan),
    k(math.inf),
    k(-math.inf),
    k(1e308),
    k(5e-324),
    k(Decimal("1.5")),
    k(Fraction(1, 3)),
    k([]),
    k([[]]),
    k([[1.0, 2.0], [3.0]]),
    k([[[1.0]]]),
    f("a list that contains itself", lambda c: _self_containing()),
    k(print, "print"),
    k(int, "int"),
    k(slice(None), "slice(None)"),
    k(Ellipsis, "..."),
    f("a function raising EvilError", lambda c: _raises),
    *_np("np.float64(nan)", lambda: np.float64("nan")),
    *_np("np.int64(-5)", lambda: np.int64(-5)),
    *_np("np.bool_(True)", lambda: np.bool_(True)),
    *_np("np.array(1.0)", lambda: np.array(1.0)),
    *_np("np.zeros((1, 1, 2))", lambda: np.zeros((1, 1, 2))),
    *_np("np.zeros((0, 2))", lambda: np.zeros((0, 2))),
    *_np("np.array(['a'])", lambda: np.array(["a"])),
    *_np("np.array([1j])", lambda: np.array([1j])),
    *_torch("torch.tensor(1.0)", lambda: torch.tensor(1.0)),
    *_torch("torch.zeros(1, 1, 2)", lambda: torch.zeros(1, 1, 2)),
    *_torch("torch.zeros(0, 2)", lambda: torch.zeros(0, 2)),
    f("ListArray([[1.0, 2.0, 3.0]])", lambda c: ListArray([[1.0, 2.0, 3.0]])),
]


def _forms() -> list[tuple[str, Callable[[Ctx, list[Any]], Any]]]:
    """Ways a user may hand over valid data: lists, tuples, other libraries' arrays, the backend's own."""
    forms: list[tuple[str, Callable[[Ctx, list[Any]], Any]]] = [
        ("lists", lambda c, rows: rows),
        ("tuples", lambda c, rows: tuple(tuple(r) for r in rows)),
        ("Fractions", lambda c, rows: [[Fraction(x).limit_denominator(100) for x in r] for r in rows]),
        ("ListArray", lambda c, rows: ListArray(rows)),
        ("the backend's array", lambda c, rows: c.B.asarray(rows)),
    ]
    if np is not None:
        forms += [
            ("np.float64", lambda c, rows: np.array(rows)),
            ("np.float32", lambda c, rows: np.array(rows, dtype=np.float32)),
            ("np.float64 items", lambda c, rows: [[np.float64(x) for x in r] for r in rows]),
        ]
    if torch is not None:
        forms.append(("torch.float64", lambda c, rows: torch.tensor(rows, dtype=torch.float64)))
    if xps is not None:
        forms.append(("array_api_strict", lambda c, rows: xps.asarray(rows, dtype=xps.float64)))
    return forms


FORMS = _forms()


def data(width: int, target: bool = False) -> list[V]:
    """Valid data of ``ctx.m`` rows and ``width`` columns, in every form."""
    rows = (lambda c: c.y(width)) if target else (lambda c: c.X(width))
    name = "y" if target else "X"
    return [
        f(f"{name}({width} columns) as {label}", lambda c, m=make: m(c, rows(c))) for label, make in FORMS
    ]


def _matrix(values: Any) -> Any:
    """``np.matrix(values)``, without NumPy's warning that the class is not recommended."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.asmatrix(values)


def bad_data(width: int) -> list[V]:
    """Data that cannot be a network's: wrong shapes, bad numbers, bad arrays."""

    def cell(value: Any) -> Callable[[Ctx], Any]:
        def make(c: Ctx) -> Any:
            rows = c.X(width)
            rows[-1][-1] = copy.deepcopy(value)
            return rows

        return make

    out = [
        f(f"rows of {width + 1}", lambda c: c.X(width + 1)),
        f("one row more than X", lambda c: [*c.X(width), [0.5] * width]),
        f("a flat row", lambda c: c.X(width)[0]),
        f("ragged rows", lambda c: [[0.5] * width, [0.5] * (width + 1)]),
        f("rows nested in lists", lambda c: [[[0.5] * width]]),
        f("a generator of rows", lambda c: (row for row in c.X(width))),
        f("rows of a dict", lambda c: [dict.fromkeys(range(width), 0.5)]),
        f("rows that are strings", lambda c: ["ab"[:width]]),
        *[
            f(f"a cell {shown}", cell(value))
            for shown, value in (
                ("nan", math.nan),
                ("inf", math.inf),
                ("1e31", 1e31),
                ("10**400", 10**400),
                ("'0.5'", "0.5"),
                ("None", None),
                ("True", True),
                ("1j", 1j),
                ("Decimal", Decimal("0.5")),
            )
        ],
        f("a cell that is Evil", cell(Evil())),
    ]
    if np is not None:
        out += [
            f("np rows with nan", lambda c: np.array(cell(math.nan)(c))),
            f("np 1e300 in float32 out of range", lambda c: np.full((1, width), 1e300)),
            f("np bool rows", lambda c: np.ones((1, width), dtype=bool)),
            f("np complex rows", lambda c: np.ones((1, width), dtype=complex)),
            f("np object rows with a str", lambda c: np.array([["a"] * width], dtype=object)),
            f("np masked rows with a mask", lambda c: np.ma.masked_array(np.ones((1, width)), mask=True)),
            f("np.matrix of the wrong width", lambda c: _matrix(np.ones((1, width + 1)))),
            f("np 0-D", lambda c: np.array(0.5)),
            f("np 3-D", lambda c: np.ones((1, 1, width))),
            f("np empty rows", lambda c: np.ones((0, width))),
            f("np datetime rows", lambda c: np.array([["2020-01-01"] * width], dtype="datetime64[D]")),
        ]
    if torch is not None:
        out += [
            f("torch rows with nan", lambda c: torch.full((1, width), math.nan)),
            f("torch 0-D", lambda c: torch.tensor(0.5)),
            f("torch 3-D", lambda c: torch.ones(1, 1, width)),
            f("torch empty rows", lambda c: torch.ones(0, width)),
            f("torch bool rows", lambda c: torch.ones(1, width, dtype=torch.bool)),
            f("torch complex rows", lambda c: torch.ones(1, width, dtype=torch.complex128)),
        ]
    if xps is not None:
        out += [
            f("array_api_strict 0-D", lambda c: xps.asarray(0.5)),
            f("array_api_strict rows with inf", lambda c: xps.full((1, width), math.inf)),
        ]
    out.append(f("the backend's 1-D array", lambda c: c.B.asarray([0.5] * width)))
    return out


INTS_BAD = [k(3.0), k(2.5), k("3"), k(-1), k(0), k(10**400, "10**400"), k(2**63, "2**63"), k(True)]
ITERATIONS_BAD = INTS_BAD[:5] + INTS_BAD[7:]  # a huge count of iterations is valid, and runs for ever
FLOATS_BAD = [k(math.nan), k(math.inf), k(-1.0), k(0.0), k("1.0"), k(10**400, "10**400"), k(1e308)]
SEEDS = [k(None), k(0), k(7), k(-3), *_np("np.int64(3)", lambda: np.int64(3))]
SEEDS_BAD = [k(1.5), k("1"), k(True), *_np("np.float64(1.0)", lambda: np.float64(1.0))]
FLAGS = [k(True), k(False), *_np("np.bool_(False)", lambda: np.bool_(False))]
FLAGS_BAD = [k(1), k(0), k("yes"), k(None)]
TEXTS = [k("a title"), k("x" * 10_000, "'x' * 10000"), k("NUL \x00 and \ud800 and \ufffe")]
SIZES_BAD = [
    f("a generator of sizes", lambda c: (n for n in (2, 3, 1))),
    k({2, 3, 1}),
    k((2,)),
    k(()),
    k((0, 3)),
    k((2, -1)),
    k((2.0, 3)),
    k(("2", 3)),
    k((True, 3)),
    k((10**400, 1), "(10**400, 1)"),
    k((100_000, 100_000)),
    k((2, None, 1)),
    *_np("np.array(3)", lambda: np.array(3)),
    *_np("np.array([2.5, 1])", lambda: np.array([2.5, 1.0])),
]
SIZES = [k((2, 3, 1)), k([2, 1]), k(range(2, 4)), *_np("np.array([2, 3, 1])", lambda: np.array([2, 3, 1]))]
BACKEND_NAMES_BAD = [k("nope"), k("x" * 10_000, "'x' * 10000"), k(" numpy"), k("NUMPY"), k(b"python")]


def _read_paths() -> list[V]:
    return [f("net.json", lambda c: c.file("net.json"))]


PATHS_BAD = [
    k(""),
    k("dir/"),
    f("a folder", lambda c: c.file("folder")),
    k("/dev/null"),
    f("a FIFO", lambda c: c.file("fifo")),
    f("a dangling link", lambda c: c.file("dangling")),
    f("a missing folder's file", lambda c: c.path("missing/x.json")),
    f("a name of 300 characters", lambda c: c.path("x" * 300)),
    f("a name with NUL", lambda c: c.path("a\x00b.json")),
    f("a non-UTF-8 name (surrogate escape)", lambda c: c.path("\udcff.json")),
    f("a bytes path", lambda c: os.fsencode(c.path("b.json"))),
    f("a file of garbage", lambda c: c.file("garbage")),
    f("an empty file", lambda c: c.file("empty")),
    f("a Path to a folder", lambda c: pathlib.Path(c.file("folder"))),
]
WRITE_PATHS = [
    f("out.json", lambda c: c.path("out.json")),
    f("Path(out.json)", lambda c: pathlib.Path(c.path("out.json"))),
    f("an existing file", lambda c: c.file("empty")),
]
CALLBACKS = [k(None), f("a callback", lambda c: lambda *a: None)]
CALLBACKS_BAD = [f("a callback raising EvilError", lambda c: _raises), k("print"), k(1)]


HUGE = ("10**400", "2**63")


def junk(p: P) -> list[V]:
    """The values of JUNK tried on ``p``."""
    return [v for v in JUNK if p.huge or v.label not in HUGE] if p.junk else []


# -- entry points -----------------------------------------------------------------------------


@dataclass
class P:
    """A parameter: valid values, bad ones (besides JUNK), and how it is passed."""

    name: str
    good: list[V]
    bad: list[V]
    keyword: bool = False
    optional: bool = False  # may be left out (its default is quick)
    junk: bool = True  # also try every value of JUNK
    huge: bool = True  # and its huge ints (not for counts of iterations: those are valid, and run for ever)


@dataclass
class Entry:
    name: str
    target: Callable[[Ctx], Callable[..., Any]]
    params: list[P]
    arrays: bool = True  # runs on every installed backend
    accepts: bool = True  # a call of valid values only must succeed


ENTRIES: list[Entry] = []


def entry(name: str, target: Callable[[Ctx], Callable[..., Any]], *params: P, **options: Any) -> None:
    ENTRIES.append(Entry(name, target, list(params), **options))


def fn(path: str) -> Callable[[Ctx], Callable[..., Any]]:
    """The function named by ``path`` (``module:attribute``), looked up at call time."""
    module, _, attr = path.partition(":")
    return lambda c: operator.attrgetter(attr)(importlib.import_module(module))


NET = f("the network", lambda c: c.net)
NETS_BAD = [
    k("net"),
    f("a network with NaN (or 1e31) in W1", lambda c: _nan_network(c)),
    f("a (3, 2, 1) network", lambda c: nnd.Network((3, 2, 1), seed=0, backend=c.B)),
    f("a (2, 3, 2) network", lambda c: nnd.Network((2, 3, 2), seed=0, backend=c.B)),
]


def _nan_network(c: Ctx) -> nnd.Network:
    """A network whose W1 was changed in place: NaN where the array takes it, else 1e31 (beyond ±1e30).

    JAX's arrays cannot be changed in place: there the network is handed JAX's own updated copy
    behind the setter's back, the nearest a JAX user can come.
    """
    net = nnd.Network((2, 3, 1), seed=0, backend=c.B)
    W1 = net.W1
    try:
        W1[0, 0] = math.nan
    except ValueError:  # a ListArray takes finite numbers only
        W1[0, 0] = 1e31
    except TypeError:  # JAX: immutable arrays
        net._weights[0] = W1.at[0, 0].set(math.nan)
    return net


X, Y = data(2), data(1, target=True)
XB, YB = bad_data(2), bad_data(1)
EPS = P("eps", [k(1e-4), k(0.5)], FLOATS_BAD, optional=True)


def net_xy(*more: P) -> list[P]:
    return [P("net", [NET], NETS_BAD), P("X", X, XB), P("y", Y, YB), *more]


def method(name: str) -> Callable[[Ctx], Callable[..., Any]]:
    """``self.name(...)``, with the receiver as the first parameter, ``self``."""
    return lambda c: lambda self, *args, **kwargs: getattr(self, name)(*args, **kwargs)


def matrix(rows: int, cols: int, start: float = 0.1) -> list[V]:
    """A valid rows × cols matrix in every form."""
    values = [[round(start + 0.1 * (i * cols + j), 2) for j in range(cols)] for i in range(rows)]
    return [
        f(f"{rows}x{cols} {label}", lambda c, m=make: m(c, copy.deepcopy(values))) for label, make in FORMS
    ]


def me(*values: Any) -> list[V]:
    return [k(v) for v in values]


LAMS = [k(None), k(0), k(1e-4), k(Fraction(1, 1000))]
LAMS_BAD = [k(-1e-4), k(1e31), k(math.nan), k("0.1")]
BACKENDS_GOOD = [f("the backend", lambda c: c.B), f("its name", lambda c: c.B.name), k(None)]
SELF_NET = P("self", [NET], NETS_BAD[1:], junk=False)
PARAMS = [
    f("get_params()", lambda c: c.net.get_params()),
    f("params as a list", lambda c: [0.25] * c.net.n_params),
]
PARAMS_BAD = [
    f("params one short", lambda c: [0.25] * (c.net.n_params - 1)),
    f("params as a row", lambda c: [[0.25] * c.net.n_params]),
    f("params with nan", lambda c: [math.nan] * c.net.n_params),
    f("params of 1e31", lambda c: [1e31] * c.net.n_params),
    f("params of 10**400", lambda c: [10**400] * c.net.n_params),
]
METHODS = ["bfgs", "lbfgs", "gd", "sgd", *(["scipy-bfgs"] if importlib.util.find_spec("scipy") else [])]


def _trainer(c: Ctx) -> Any:
    from nnd.training import Trainer

    return Trainer(c.net, max_iter=2)


def _nn(c: Ctx) -> Any:
    from nnd.video import Neural_Network

    return Neural_Network(seed=0, backend=c.B)


# nnd.Network and its methods
entry(
    "nnd.network:Network",
    fn("nnd.network:Network"),
    P("layer_sizes", SIZES, SIZES_BAD),
    P("seed", SEEDS, SEEDS_BAD, keyword=True, optional=True),
    P("backend", BACKENDS_GOOD, BACKEND_NAMES_BAD, keyword=True, optional=True),
    P("lam", LAMS, LAMS_BAD, keyword=True, optional=True),
    P("bias", FLAGS, FLAGS_BAD, keyword=True, optional=True),
)
for _name in ("forward", "predict_class"):
    entry(f"nnd.network:Network.{_name}", method(_name), SELF_NET, P("X", X, XB))
for _name in ("cost", "gradients", "cost_and_gradients", "compute_gradients"):
    entry(f"nnd.network:Network.{_name}", method(_name), SELF_NET, P("X", X, XB), P("y", Y, YB))
for _name in ("get_params", "to_json", "checked_params", "__copy__", "__repr__", "_repr_html_"):
    entry(f"nnd.network:Network.{_name}", method(_name), SELF_NET)
entry("nnd.network:Network.set_params", method("set_params"), SELF_NET, P("params", PARAMS, PARAMS_BAD))
entry("nnd.network:Network.unflatten", method("unflatten"), SELF_NET, P("values", PARAMS, PARAMS_BAD))
entry(
    "nnd.network:Network.flatten",
    method("flatten"),
    SELF_NET,
    P(
        "arrays",
        [
            f("net.weights", lambda c: c.net.weights),
            f("its gradients", lambda c: c.net.gradients(c.X(), c.y())),
        ],
        [f("[W1] of lists", lambda c: [c.B.tolist(c.net.W1)])],
    ),
)
entry("nnd.network:Network.save", method("save"), SELF_NET, P("path", WRITE_PATHS, PATHS_BAD))
entry(
    "nnd.network:Network.check_data",
    method("check_data"),
    SELF_NET,
    P("X", X, XB),
    P("y", Y, YB),
    P("names", me(("testX", "testY")), me(("X",), ("X", "y", "z")), optional=True, keyword=True),
)
for _attr, _good, _bad in (
    ("W1", matrix(2, 3), [*bad_data(3), *matrix(3, 2)]),
    ("W2", matrix(3, 1), [*bad_data(1), *matrix(1, 3)]),
    ("b2", matrix(1, 3), [*bad_data(3), *matrix(3, 1)]),
    ("b3", matrix(1, 1), bad_data(1)),
    ("lam", LAMS, LAMS_BAD),
):
    entry(
        f"nnd.network:Network.{_attr} =",
        lambda c, a=_attr: lambda self, value: setattr(self, a, value),
        P(
            "self",
            [f("a network with biases", lambda c: nnd.Network(seed=2, backend=c.B, bias=True))],
            [],
            junk=False,
        ),
        P("value", _good, _bad),
    )
entry(
    "nnd.network:load",
    fn("nnd.network:load"),
    P("path", _read_paths(), PATHS_BAD),
    P("backend", BACKENDS_GOOD, BACKEND_NAMES_BAD, optional=True, keyword=True),
    P("max_bytes", me(10**6, 2**80), INTS_BAD, optional=True, keyword=True),
)
JSON_BAD = me("{", '{"format": "nnd.Network"}', "[1, 2]", '{"a": NaN}', "[" * 100_000, '"\ud800"')
entry(
    "nnd.network:loads",
    fn("nnd.network:loads"),
    P("text", [f("net.to_json()", lambda c: c.net.to_json())], JSON_BAD),
    P("backend", BACKENDS_GOOD, BACKEND_NAMES_BAD, optional=True, keyword=True),
    P("source", me("a.json"), [], optional=True, keyword=True, junk=False),
)
entry("nnd.network:check_network", fn("nnd.network:check_network"), P("value", [NET], NETS_BAD))
entry("nnd.network:classes", fn("nnd.network:classes"), P("rows", me([[0.2, 0.8]], [[0.5]]), []))

# classify, gradcheck
entry("nnd.classify:accuracy", fn("nnd.classify:accuracy"), *net_xy())
entry("nnd.classify:confusion_matrix", fn("nnd.classify:confusion_matrix"), *net_xy())
entry("nnd.gradcheck:numerical_gradient", fn("nnd.gradcheck:numerical_gradient"), *net_xy(EPS))
entry("nnd.gradcheck:gradient_check", fn("nnd.gradcheck:gradient_check"), *net_xy(EPS))
entry("nnd.gradcheck:norm", fn("nnd.gradcheck:norm"), P("v", [*X, k([3.0, 4.0]), k(-2.0)], XB))
entry(
    "nnd.checker:check_backprop",
    fn("nnd.checker:check_backprop"),
    P(
        "costFunctionPrime",
        [
            f("NN.costFunctionPrime", lambda c: lambda NN, X, y: NN.costFunctionPrime(X, y)),
            f("a function returning None", lambda c: lambda NN, X, y: None),
            f("a function raising EvilError (reported, not raised)", lambda c: _raises),
        ],
        me("costFunctionPrime", b"f"),
    ),
    P("lam", LAMS, LAMS_BAD, keyword=True, optional=True),
    P("backend", BACKENDS_GOOD, BACKEND_NAMES_BAD, keyword=True, optional=True),
    P("seed", SEEDS, SEEDS_BAD, keyword=True, optional=True),
)

# training
TRAIN_OPTIONS = [
    P("method", me(*METHODS), me("BFGS", "adam", "")),
    P("max_iter", me(0, 1, 3), ITERATIONS_BAD, huge=False),
    P("callback", CALLBACKS, CALLBACKS_BAD),
]
entry(
    "nnd.training:train",
    fn("nnd.training:train"),
    *net_xy(*TRAIN_OPTIONS),
    P("testX", X, XB, keyword=True, optional=True),
    P("testY", Y, YB, keyword=True, optional=True),
    P("learning_rate", me(0.5), FLOATS_BAD, keyword=True, optional=True),
    P("gtol", me(1e-3, 0.0), FLOATS_BAD, keyword=True, optional=True),
    P("epochs", me(1, 2), ITERATIONS_BAD, huge=False, keyword=True, optional=True),
    P("batch_size", me(1, 10**6), INTS_BAD, keyword=True, optional=True),
    P("momentum", me(0.0, 0.5), [*FLOATS_BAD, k(1.0)], keyword=True, optional=True),
    P("seed", SEEDS, SEEDS_BAD, keyword=True, optional=True),
    P("patience", me(1, 3), INTS_BAD, keyword=True, optional=True),
    accepts=False,  # some options go with some methods only
)
entry(
    "nnd.training:Trainer",
    fn("nnd.training:Trainer"),
    P("N", [NET], NETS_BAD),
    P("method", me(*METHODS), me("BFGS", "adam"), optional=True, keyword=True),
    P("max_iter", me(0, 2), ITERATIONS_BAD, huge=False, optional=True, keyword=True),
)
entry(
    "nnd.training:Trainer.train",
    method("train"),
    P("self", [f("Trainer(net, max_iter=2)", _trainer)], [], junk=False),
    P("X", X, XB),
    P("y", Y, YB),
    P("testX", X, XB, optional=True, keyword=True),
    P("testY", Y, YB, optional=True, keyword=True),
    accepts=False,  # testX without testY
)
entry(
    "nnd.training:Trainer.costFunctionWrapper",
    method("costFunctionWrapper"),
    P("self", [f("Trainer(net, max_iter=2)", _trainer)], [], junk=False),
    P("params", PARAMS, PARAMS_BAD),
    P("X", X, XB),
    P("y", Y, YB),
)


def bowl(x: Any) -> tuple[float, list[float]]:
    """f = Σ (x_i − 1)², in any number of dimensions."""
    return sum((v - 1.0) ** 2 for v in x), [2.0 * (v - 1.0) for v in x]


def _objective(label: str, answer: Callable[[list[float]], Any]) -> V:
    return f(f"fg returning {label}", lambda c: answer)


FG_BAD = [
    _objective("'abc'", lambda x: "abc"),
    _objective("None", lambda x: None),
    _objective("(1.0,)", lambda x: (1.0,)),
    _objective("(nan, [nan]*n)", lambda x: (math.nan, [math.nan] * len(x))),
    _objective("a short gradient", lambda x: (1.0, [1.0])),
    _objective("('1', g)", lambda x: ("1", [0.0] * len(x))),
    _objective("(1j, g)", lambda x: (1j, [0.0] * len(x))),
    _objective("(10**400, g)", lambda x: (10**400, [0.0] * len(x))),
    _objective("(1.0, 'ab')", lambda x: (1.0, "ab")),
    _objective("(1.0, None)", lambda x: (1.0, None)),
    _objective("(f, [10**400]*n)", lambda x: (1.0, [10**400] * len(x))),
    _objective("(f, ['a']*n)", lambda x: (1.0, ["a"] * len(x))),
    _objective("(Evil(), g)", lambda x: (Evil(), [0.0] * len(x))),
    f("fg raising EvilError", lambda c: _raises),
]
FG = P("fg", [k(bowl, "bowl")], FG_BAD)
X0 = P(
    "x0",
    [*me([0.0, 0.0], (1.0, 2.0), [3]), *_np("np.zeros(2)", lambda: np.zeros(2))],
    [*me([], [math.nan, 0.0], ["a", 0.0], [10**400], [[0.0, 0.0]]), f("a generator", lambda c: _generator())],
)
MINIMIZER_OPTIONS = [
    P("max_iter", me(0, 3), ITERATIONS_BAD, huge=False, keyword=True, optional=True),
    P("gtol", me(1e-6, 0), FLOATS_BAD, keyword=True, optional=True),
    P(
        "callback",
        [k(None), f("a callback", lambda c: lambda step: False)],
        CALLBACKS_BAD,
        keyword=True,
        optional=True,
    ),
]
MAX_STEP = P("max_step", me(4.0, 0.1), FLOATS_BAD, keyword=True, optional=True)
entry(
    "nnd.training.bfgs:minimize_bfgs",
    fn("nnd.training.bfgs:minimize_bfgs"),
    FG,
    X0,
    *MINIMIZER_OPTIONS,
    MAX_STEP,
    arrays=False,
)
entry(
    "nnd.training.bfgs:minimize_lbfgs",
    fn("nnd.training.bfgs:minimize_lbfgs"),
    FG,
    X0,
    *MINIMIZER_OPTIONS,
    MAX_STEP,
    P("memory", me(1, 5), INTS_BAD, keyword=True, optional=True),
    arrays=False,
)
entry(
    "nnd.training.bfgs:gradient_descent",
    fn("nnd.training.bfgs:gradient_descent"),
    FG,
    X0,
    *MINIMIZER_OPTIONS,
    P("learning_rate", me(0.1), FLOATS_BAD, keyword=True, optional=True),
    arrays=False,
)
entry(
    "nnd.training.bfgs:line_search",
    fn("nnd.training.bfgs:line_search"),
    FG,
    P("x", me([0.0, 0.0]), me([], [math.nan, 0.0], ["a", "b"], [0.0])),
    P("p", me([1.0, 1.0]), me([], [math.nan, 0.0], ["a", "b"], [1.0])),
    P("f0", me(2.0), FLOATS_BAD),
    P("g0", me([-2.0, -2.0]), me([], [math.nan, 0.0], ["a", "b"], [1.0])),
    P("alpha1", me(1.0, 0.5), FLOATS_BAD, optional=True),
    P("c1", me(1e-4), FLOATS_BAD, keyword=True, optional=True),
    P("c2", me(0.9), [*FLOATS_BAD, k(1e-5)], keyword=True, optional=True),
    P("max_evals", me(1, 40), INTS_BAD, keyword=True, optional=True),
    arrays=False,
    accepts=False,  # x, p, f0 and g0 must agree
)
entry(
    "nnd.training.bfgs:check_options",
    fn("nnd.training.bfgs:check_options"),
    P("max_iter", me(0, 7), INTS_BAD),
    P("gtol", me(0.0, 1e-6), FLOATS_BAD),
    arrays=False,
)

# the video's names
entry(
    "nnd.video:Neural_Network",
    fn("nnd.video:Neural_Network"),
    P("Lambda", LAMS, LAMS_BAD, optional=True),
    P("inputLayerSize", me(2, np.int64(3) if np is not None else 3), INTS_BAD, keyword=True, optional=True),
    P("hiddenLayerSize", me(3), INTS_BAD, keyword=True, optional=True),
    P("outputLayerSize", me(1), INTS_BAD, keyword=True, optional=True),
    P("seed", SEEDS, SEEDS_BAD, keyword=True, optional=True),
    P("backend", BACKENDS_GOOD, BACKEND_NAMES_BAD, keyword=True, optional=True),
)
SELF_NN = P("self", [f("Neural_Network(seed=0)", _nn)], [], junk=False)
Z_GOOD = [*me(0, -1e308, 10**400, -(10**400), [10**400, 0.5], [[1e308, -1e308]], Fraction(1, 3)), *X]
Z_BAD = me(math.nan, math.inf, [math.nan], [[math.inf]], "0.5", ["0.5"], None, [[]])
for _name in ("sigmoid", "sigmoidPrime"):
    entry(f"nnd.video:Neural_Network.{_name}", method(_name), SELF_NN, P("z", Z_GOOD, Z_BAD))
for _name in ("costFunction", "costFunctionPrime", "computeGradients"):
    entry(f"nnd.video:Neural_Network.{_name}", method(_name), SELF_NN, P("X", X, XB), P("y", Y, YB))
entry("nnd.video:Neural_Network.getParams", method("getParams"), SELF_NN)
entry(
    "nnd.video:Neural_Network.setParams",
    method("setParams"),
    SELF_NN,
    P("params", me([0.25] * 9), me([0.25] * 8, [[0.25] * 9], [math.nan] * 9, [10**400] * 9)),
)
entry(
    "nnd.video:Neural_Network.Lambda =",
    lambda c: lambda self, v: setattr(self, "Lambda", v),
    SELF_NN,
    P("value", LAMS, LAMS_BAD),
)
entry(
    "nnd.video:computeNumericalGradient",
    fn("nnd.video:computeNumericalGradient"),
    P("N", [NET], NETS_BAD),
    P("X", X, XB),
    P("y", Y, YB),
)
entry("nnd.video:trainer", fn("nnd.video:trainer"), P("N", [NET], NETS_BAD))
entry("nnd.video:norm", fn("nnd.video:norm"), P("v", [k([3.0, 4.0]), *X], XB))

# choosing a backend
NAMES_GOOD = [k("python"), f("the python backend", lambda c: nnd.get_backend("python"))]
for _name in ("get_backend", "set_backend", "load_backend", "use_backend"):
    entry(
        f"nnd.arrays.registry:{_name}",
        fn(f"nnd.arrays.registry:{_name}"),
        P(
            "backend",
            [*NAMES_GOOD, *([k(None)] if _name in ("get_backend", "set_backend") else [])],
            BACKEND_NAMES_BAD,
        ),
        arrays=False,
    )


def _enter(backend: Any) -> None:
    with registry.use_backend(backend) as B:
        assert isinstance(B, nnd.Backend)


entry(
    "nnd.arrays.registry:use_backend.__enter__",
    lambda c: _enter,
    P("backend", NAMES_GOOD, BACKEND_NAMES_BAD),
    arrays=False,
)
entry("nnd.arrays.registry:list_backends", fn("nnd.arrays.registry:list_backends"), arrays=False)
entry(
    "nnd.arrays.registry:active_backend_source", fn("nnd.arrays.registry:active_backend_source"), arrays=False
)
entry(
    "nnd.arrays.conformance:check_backend",
    fn("nnd.arrays.conformance:check_backend"),
    P("backend", NAMES_GOOD, BACKEND_NAMES_BAD),
    arrays=False,
)
entry(
    "nnd.arrays.conformance:missing_operations",
    fn("nnd.arrays.conformance:missing_operations"),
    P("backend", NAMES_GOOD[1:], []),
    arrays=False,
)

# the Array-API adapter's backends
_COMPAT = importlib.util.find_spec("array_api_compat") is not None
for _cls, _devices, _installed in (
    ("ArrayAPIBackend", ["cpu"], _COMPAT and np is not None),
    ("TorchBackend", ["cpu"], _COMPAT and torch is not None),
    ("ArrayAPIStrictBackend", ["CPU_DEVICE"], xps is not None),
):
    _library = [P("library", me("numpy"), me("no_such_library", "os", "x" * 10_000), keyword=True)]
    entry(
        f"nnd.arrayapi_backend:{_cls}",
        fn(f"nnd.arrayapi_backend:{_cls}"),
        P(
            "device",
            me(None, *_devices),
            me("cuda:7", "nope", "x" * 10_000, -1, 99),
            keyword=True,
            optional=True,
        ),
        *(_library if _cls == "ArrayAPIBackend" else []),
        arrays=False,
        accepts=_installed,  # without its library, every call is refused (BackendNotInstalledError)
    )

# the backends' doors for data, on every backend
SHAPES = me(None, (None, 2))
# (``what``, ``name`` and ``shape`` are nnd's own words for what it checks, not a user's input)
entry(
    "nnd.arrays.backend:Backend.asarray",
    lambda c: c.B.asarray,
    P("data", X, XB),
    P("what", me("X"), [], optional=True, junk=False),
)
# Backend.shaped is the type-and-rank half of checked: data of any width, 1-D data and numbers
# beyond ±1e30 pass it, and so does an array of the backend's own whatever numbers it holds
# (within_limit looks at those); empty data, in any form, does not.
SHAPED_PASSES = {
    "rows of 3",
    "one row more than X",
    "a flat row",
    "a cell 1e31",
    "np 1e300 in float32 out of range",
    "np.matrix of the wrong width",
    "the backend's 1-D array",
    "np rows with nan",
    "array_api_strict rows with inf",
}
entry(
    "nnd.arrays.backend:Backend.shaped",
    lambda c: c.B.shaped,
    P(
        "value",
        X,
        [
            *(v for v in XB if v.label not in SHAPED_PASSES),
            *me([], [[]]),
            f("an empty array of its own", lambda c: c.B.from_floats([], (0,))),
        ],
    ),
    P("name", me("X"), [], junk=False),
)
entry(
    "nnd.arrays.backend:Backend.checked",
    lambda c: c.B.checked,
    P("value", X, XB),
    P("name", me("X"), [], junk=False),
    P("shape", SHAPES, me((2, 2, 2), (-1, 2), (None,)), junk=False),
)

# the python backend's operations, and ListArray
LA_GOOD = [
    f("ListArray 2x2", lambda c: ListArray([[0.1, 0.2], [0.3, 0.4]])),
    f("ListArray (1, 2)", lambda c: ListArray([[0.5, -0.5]])),
    f("ListArray (3,)", lambda c: ListArray([0.5, 1.5, 2.5])),
]
LA_BAD = [
    *me(0.5, [[0.1, 0.2], [0.3, 0.4]]),
    *_np("np 2x2", lambda: np.array([[0.1, 0.2], [0.3, 0.4]])),
    *_torch("torch 2x2", lambda: torch.tensor([[0.1, 0.2], [0.3, 0.4]], dtype=torch.float64)),
]


def _python_operations() -> list[tuple[str, int]]:
    from nnd.arrays.backend import COMPOSITES, OPERATIONS

    B = nnd.get_backend("python")
    return [
        (name, len(inspect.signature(getattr(B, name)).parameters))
        for name in (*OPERATIONS, *COMPOSITES, "within_limit")
    ]


for _name, _arity in _python_operations():
    entry(
        f"nnd.arrays.python:PythonBackend.{_name}",
        lambda c, n=_name: getattr(nnd.get_backend("python"), n),
        *[P(f"arg{i}", LA_GOOD, LA_BAD) for i in range(_arity)],
        arrays=False,
        accepts=False,  # which shapes go together depends on the operation
    )
entry("nnd.arrays.python:PythonBackend", fn("nnd.arrays.python:PythonBackend"), arrays=False)
SELF_LA = P("self", LA_GOOD, [], junk=False)
entry(
    "nnd.arrays.python.listarray:ListArray",
    fn("nnd.arrays.python.listarray:ListArray"),
    P("data", X, XB),
    arrays=False,
)
for _name in (
    "tolist",
    "copy",
    "flatten",
    "ravel",
    "to_numpy",
    "__len__",
    "__iter__",
    "__repr__",
    "__str__",
    "__reduce__",
    "__neg__",
    "__pos__",
    "__abs__",
):
    if _name == "to_numpy" and np is None:
        continue
    entry(f"nnd.arrays.python.listarray:ListArray.{_name}", method(_name), SELF_LA, arrays=False)
AXES = me(None, 0, 1, -1)
for _name in ("sum", "mean", "max", "min"):
    entry(
        f"nnd.arrays.python.listarray:ListArray.{_name}",
        method(_name),
        SELF_LA,
        P("axis", AXES, me(2, -3, 1.0, True, "0", (0, 1)), optional=True, keyword=True),
        P("keepdims", FLAGS, [], optional=True, keyword=True),
        *(
            [P("dtype", me(None, float, "float64"), me(int, "int64", "nope"), optional=True, keyword=True)]
            if _name in ("sum", "mean")
            else []
        ),
        P("out", me(None), [f("a ListArray", lambda c: ListArray([1.0]))], optional=True, keyword=True),
        arrays=False,
        accepts=False,  # axis 1 of a 1-D array
    )
entry(
    "nnd.arrays.python.listarray:ListArray.reshape",
    method("reshape"),
    SELF_LA,
    P("shape", me((-1,), (1, -1)), me((0,), (4,), (-1, -1), (2.0,), ("2",), (1, 1, -1), (10**400,), (True,))),
    arrays=False,
    accepts=False,
)
INDICES = me(0, -1, (0, 0), slice(None), (slice(None), 0), Ellipsis, (Ellipsis, 0))
INDICES_BAD = me(5, -9, (0, 0, 0), 1.0, "0", True, (0, 9), slice(5, 9), [0, 1], (None,), 10**400)
entry(
    "nnd.arrays.python.listarray:ListArray.__getitem__",
    method("__getitem__"),
    SELF_LA,
    P("index", INDICES, INDICES_BAD),
    arrays=False,
    accepts=False,
)
entry(
    "nnd.arrays.python.listarray:ListArray.__setitem__",
    method("__setitem__"),
    SELF_LA,
    P("index", INDICES, INDICES_BAD),
    P("value", me(0.5, 1, Fraction(1, 2)), me(math.nan, [math.nan], [[1.0, 2.0, 3.0]], 10**400)),
    arrays=False,
    accepts=False,
)
if np is not None:
    entry(
        "nnd.arrays.python.listarray:ListArray.__array__",
        method("__array__"),
        SELF_LA,
        P("dtype", me(None, "float64", "float32"), me("nope", "complex"), optional=True),
        P("copy", me(None, True), me(False), optional=True, keyword=True),
        arrays=False,
    )
    entry(
        "nnd.arrays.python.listarray:ListArray.__array_ufunc__",
        lambda c: lambda self, other: np.multiply(self, other),
        SELF_LA,
        P("other", me(2.0), LA_BAD),
        arrays=False,
        accepts=False,
    )
for _op in ("add", "sub", "mul", "truediv", "pow", "matmul", "eq"):
    for _side in ("left", "right"):
        _call = getattr(operator, _op)
        entry(
            f"nnd.arrays.python.listarray:ListArray.__{'r' if _side == 'right' else ''}{_op}__",
            (lambda c, g=_call: lambda self, other: g(self, other))
            if _side == "left"
            else (lambda c, g=_call: lambda self, other: g(other, self)),
            SELF_LA,
            P(
                "other",
                [*me(2.0, 2, Fraction(1, 2)), *LA_GOOD, *_np("np.float64(2)", lambda: np.float64(2.0))],
                [*me(10**400, math.nan), *_np("np.bool_(True)", lambda: np.bool_(True))],
            ),
            arrays=False,
            accepts=False,  # shapes must agree
        )

# data
COUNTS_BAD = [*INTS_BAD, k(1), k(10**7)]
NOISE = P("noise", me(0.0, 0.1, 10), [*FLOATS_BAD, k(10.5)], optional=True)
SEED = P("seed", SEEDS, SEEDS_BAD, optional=True)
entry(
    "nnd.data.series:sleep_study",
    fn("nnd.data:sleep_study"),
    P("scaled", FLAGS, FLAGS_BAD, optional=True),
    arrays=False,
)
entry(
    "nnd.data.series:train_test",
    fn("nnd.data:train_test"),
    P("scaled", FLAGS, FLAGS_BAD, optional=True),
    arrays=False,
)
entry("nnd.data.series:column_maxima", fn("nnd.data:column_maxima"), P("X", X, XB))
entry(
    "nnd.data.series:scale",
    fn("nnd.data:scale"),
    P("X", X, XB),
    P(
        "maxima",
        me([10, 5], (1.0, 2.0)),
        me([0, 1], [-1, 2], [1], [1, 2, 3], [math.nan, 1], [1e31, 1], [10**400, 1]),
    ),
    accepts=False,
)
entry(
    "nnd.data.uci_digits:digits",
    fn("nnd.data:digits"),
    P("one_hot", FLAGS, FLAGS_BAD, optional=True),
    arrays=False,
)
for _name in ("moons", "xor"):
    entry(
        f"nnd.data.shapes:{_name}",
        fn(f"nnd.data:{_name}"),
        P("n", me(2, 5, 17), COUNTS_BAD, optional=True),
        NOISE,
        SEED,
        arrays=False,
    )
entry(
    "nnd.data.shapes:circles",
    fn("nnd.data:circles"),
    P("n", me(2, 5), COUNTS_BAD, optional=True),
    NOISE,
    SEED,
    P("factor", me(0.5, 0.9), [*FLOATS_BAD, k(1.0)], optional=True),
    arrays=False,
)
entry(
    "nnd.data.shapes:spiral",
    fn("nnd.data:spiral"),
    P("n", me(6, 9), COUNTS_BAD, optional=True),
    P("classes", me(2, 3), [*INTS_BAD, k(1), k(10**4)], optional=True),
    NOISE,
    SEED,
    arrays=False,
)
entry(
    "nnd.data.csvfile:load_csv",
    fn("nnd.data:load_csv"),
    P(
        "path",
        [f("data.csv", lambda c: c.file("data.csv")), f("numbers.csv", lambda c: c.file("numbers.csv"))],
        PATHS_BAD,
    ),
    P("target", me(-1, 0), me(5, -9, "nope", 1.5, 10**400), optional=True),
    P("header", me(None, True, False), FLAGS_BAD, keyword=True, optional=True),
    P("delimiter", me(","), me("", ",,", "\n", '"', 1), keyword=True, optional=True),
    P("classes", me(None, True, False), FLAGS_BAD, keyword=True, optional=True),
    P("scale", FLAGS, FLAGS_BAD, keyword=True, optional=True),
    P("max_bytes", me(10**6), INTS_BAD, keyword=True, optional=True),
    arrays=False,
    accepts=False,  # a header with a numbers-only file, classes of numbers...
)
entry(
    "nnd.data.idx:mnist",
    fn("nnd.data:mnist"),
    P("folder", [f("a folder of MNIST files", lambda c: c.file("mnist"))], PATHS_BAD),
    P("limit", me(None, 1, 5), INTS_BAD, keyword=True, optional=True),
    P("one_hot", FLAGS, FLAGS_BAD, keyword=True, optional=True),
    arrays=False,
)
LABELS = me([0, 1, 1], (2, 0))
entry(
    "nnd.data.labels:one_hot",
    fn("nnd.data:one_hot"),
    P("labels", LABELS, me([3], [-1], [1.0], ["1"], [True], [10**400])),
    P("classes", me(3, 10), [*INTS_BAD, k(1), k(10**5)]),
    arrays=False,
)
entry(
    "nnd.data.labels:labels_of",
    fn("nnd.data:labels_of"),
    P("Y", [*me([[1.0, 0.0], [0.0, 1.0]], [[0.0], [1.0]]), *Y], XB),
    arrays=False,
)
entry(
    "nnd.data.csvfile:Scaling",
    fn("nnd.data:Scaling"),
    P("minima", me([0, 1], (0.0, -1.0)), me([2, 0], [1e31, 0], [0], [math.nan, 0])),
    P("maxima", me([1, 2], [5, 5]), me([-1, 0], [1], [math.inf, 1])),
    arrays=False,
)
for _name in ("apply", "undo", "__eq__", "__repr__"):
    entry(
        f"nnd.data.csvfile:Scaling.{_name}",
        method(_name),
        P("self", [f("Scaling([0, 1], [1, 3])", lambda c: nnd.data.Scaling([0, 1], [1, 3]))], [], junk=False),
        *(
            [P("rows", X, XB)]
            if _name in ("apply", "undo")
            else [P("other", me(1.0), [])]
            if _name == "__eq__"
            else []
        ),
    )

# pictures
TITLE = P("title", [k(None), *TEXTS], [], keyword=True, optional=True)
RESOLUTION = P("resolution", me(2, 3), [*INTS_BAD, k(10**6)], keyword=True)
SERIES_X = me([[3, 5], [5, 1], [10, 2]], [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]])
SERIES_Y = me([[75], [82], [93]], [[0.75], [0.82], [0.93]])
entry(
    "nnd.draw.diagram:network",
    fn("nnd.draw:network"),
    *net_xy(),
    P("show", me("weights", "activations", "deltas", "gradients"), me("W", "")),
    P("example", me(0, -1), me(5, 1.0, 10**400), keyword=True, optional=True),
    P("max_neurons", me(3, 9), [*INTS_BAD, k(2), k(10**4)], keyword=True, optional=True),
    TITLE,
)
entry(
    "nnd.draw.maps:data",
    fn("nnd.draw:data"),
    P("X", SERIES_X, XB, optional=True),
    P("y", SERIES_Y, YB, optional=True),
    P("scaled", FLAGS, FLAGS_BAD, keyword=True, optional=True),
    P("test", me(None), me((1, 2), ([[1, 2]],)), keyword=True, optional=True),
    arrays=False,
    accepts=False,
)
entry(
    "nnd.draw.curves:sigmoid",
    fn("nnd.draw:sigmoid"),
    P("z_min", me(-6, -1e308), FLOATS_BAD[:2], optional=True),
    P("z_max", me(6, 1e308), FLOATS_BAD[:2], optional=True),
    P("points", me(2, 9), [*INTS_BAD, k(10**5)], keyword=True, optional=True),
    arrays=False,
)
entry(
    "nnd.draw.curves:cost_sweep",
    fn("nnd.draw:cost_sweep"),
    *net_xy(),
    P("weight", me("W1", "W2"), me("W3", "b2", "z2", "")),
    P("index", me((0, 0), (1, 0)), me((5, 5), (0,), (0.0, 0), ("0", 0), (-9, 0), (10**400, 0))),
    P("values", me([0.0, 1.0], (-1, 1, 2)), me([], [math.nan], [1e31], ["a"], [10**400]), keyword=True),
    accepts=False,  # the index must be inside the weight
)
entry(
    "nnd.draw.maps:cost_surface",
    fn("nnd.draw:cost_surface"),
    *net_xy(),
    P(
        "weights",
        me((("W1", (0, 1)), ("W2", (2, 0)))),
        me(
            (("W1", (0, 0)),),
            (("W9", (0, 0)), ("W1", (0, 0))),
            (("W1", (0, 0)), ("W1", (0, 0))),
            (("W1", (9, 9)), ("W2", (0, 0))),
        ),
    ),
    P(
        "window",
        me(None, ((-1, 1), (-1, 1))),
        me(
            ((1, -1), (0, 1)),
            ((0, 0), (0, 1)),
            ((math.nan, 1), (0, 1)),
            ((0, 1),),
            ((-1e308, 1e308), (-1e308, 1e308)),
        ),
        keyword=True,
        optional=True,
    ),
    RESOLUTION,
    P(
        "paths",
        me((), ("gd",), {"mine": [[0.1, 0.2], [0.3, 0.4]]}),
        me(("adam",), {"a": [[math.nan, 0]]}, {"a": [[0.1]]}, {1: [[0.1, 0.2]]}),
        keyword=True,
    ),
    P("learning_rate", me(0.5), FLOATS_BAD, keyword=True, optional=True),
    P("max_iter", me(1, 2), ITERATIONS_BAD, huge=False, keyword=True),
    P("log", me(None, True, False), FLAGS_BAD, keyword=True, optional=True),
    accepts=False,  # a log scale needs positive costs
)
_F = [k(math.sin, "math.sin"), f("x ** 3", lambda c: lambda x: x**3)]
entry(
    "nnd.draw.curves:secant",
    fn("nnd.draw:secant"),
    P(
        "f",
        [k(None), *_F],
        [
            f("f returning nan", lambda c: lambda x: math.nan),
            f("f returning 'a'", lambda c: lambda x: "a"),
            f("f returning None", lambda c: lambda x: None),
            f("f returning 10**400", lambda c: lambda x: 10**400),
            f("f returning 1j", lambda c: lambda x: 1j),
        ],
        optional=True,
    ),
    P("x", me(1.0, -5), [*FLOATS_BAD[:2], k(1e308)], optional=True),
    P("epsilon", me(0.75, 1e-3), [*FLOATS_BAD, k(1e308)], optional=True),
    P(
        "derivative",
        [k(None), *_F],
        [f("derivative returning 'a'", lambda c: lambda x: "a")],
        keyword=True,
        optional=True,
    ),
    P("label", [k(None), *TEXTS], [], keyword=True, optional=True),
    arrays=False,
)
RUNS = [
    *me([0.5, 0.2, 0.1], {"a": [0.5, 0.1], "b": [1.0]}),
    f("a TrainResult", lambda c: nnd.train(nnd.Network(seed=0), c.X(), c.y(), max_iter=2)),
]
entry(
    "nnd.draw.curves:training",
    lambda c: lambda run, **kw: nnd.draw.training(run, **kw),
    P("run", RUNS, me([], [math.nan], ["a"], [10**400], {"a": "abc"}, {"a": []})),
    P("labels", me(None, ["one"]), me(["a", "b", "c"], "abc", [1]), keyword=True, optional=True),
    P("log", me(None, True, False), FLAGS_BAD, keyword=True, optional=True),
    TITLE,
    P("xlabel", [k(None), *TEXTS], [], keyword=True, optional=True),
    arrays=False,
    accepts=False,  # labels for a dict of runs
)
MAXIMA = P("maxima", me(None, [10, 5]), me([0, 5], [1], [math.nan, 1], [-1, 1]), keyword=True, optional=True)
entry(
    "nnd.draw.maps:predictions",
    fn("nnd.draw:predictions"),
    P("net", [NET], NETS_BAD),
    P(
        "points",
        me(None, ([[3, 5], [5, 1]], [[75], [82]])),
        me(([[3, 5]],), ([[3, 5]], [[75], [82]]), "ab"),
        keyword=True,
        optional=True,
    ),
    MAXIMA,
    P(
        "sleep",
        me((0, 10), (2, 8)),
        me((10, 0), (0, 0), (0, math.nan), (0,), (-1e308, 1e308)),
        keyword=True,
        optional=True,
    ),
    P("study", me((0, 5)), me((5, 0), ("0", 5)), keyword=True, optional=True),
    RESOLUTION,
    TITLE,
)
entry(
    "nnd.draw.maps:overfit",
    fn("nnd.draw:overfit"),
    P("plain", [NET], NETS_BAD),
    P(
        "regularized",
        [f("a regularized network", lambda c: nnd.Network(seed=3, backend=c.B, lam=1e-4))],
        NETS_BAD,
    ),
    P(
        "train",
        me(None, ([[3, 5], [5, 1]], [[75], [82]])),
        me(([[3, 5]],), "ab"),
        keyword=True,
        optional=True,
    ),
    P(
        "test",
        me(None, ([[3, 5]], [[75]])),
        me(
            ([[3, 5]], [[75], [1]]),
        ),
        keyword=True,
        optional=True,
    ),
    MAXIMA,
    RESOLUTION,
)
entry(
    "nnd.draw.maps:decision_regions",
    fn("nnd.draw:decision_regions"),
    *net_xy(),
    RESOLUTION,
    P("labels", me(None, ["no", "yes"]), me(["a"], "ab", [1, 2]), keyword=True, optional=True),
    TITLE,
)
PIXELS = [*me([[0.5] * 4, [0.1] * 4], [[1.0] * 9]), *matrix(2, 4)]
entry(
    "nnd.draw.images:digits",
    fn("nnd.draw:digits"),
    P("X", PIXELS, [*XB, *me([[0.5] * 3], [[-1.0] * 4], [[2.0] * 4])]),
    P("labels", me(None), me([0], ["a"], [0.5], [-1], [0, 0, 0]), optional=True),
    P("predictions", me(None), me([0], ["a"], [0, 0, 0]), optional=True),
    P("columns", me(None, 1, 3), [*INTS_BAD, k(10**6)], keyword=True, optional=True),
    P("size", me(None, 10, 2.5), [*FLOATS_BAD, k(1e308)], keyword=True, optional=True),
    TITLE,
    accepts=False,  # labels must be as many as the images
)
entry(
    "nnd.draw.images:hidden_units",
    fn("nnd.draw:hidden_units"),
    P("net", [f("a (4, 2, 1) network", lambda c: nnd.Network((4, 2, 1), seed=0, backend=c.B))], NETS_BAD),
    P("layer", me(2), [*INTS_BAD, k(3), k(9)], keyword=True, optional=True),
    P("columns", me(None, 1), [*INTS_BAD, k(10**6)], keyword=True, optional=True),
    P("size", me(None, 8.0, 20), [*FLOATS_BAD, k(1e308), k(3.0)], keyword=True, optional=True),
    TITLE,
)
entry(
    "nnd.draw.images:confusion",
    fn("nnd.draw:confusion"),
    P(
        "matrix",
        [*me([[1, 0], [2, 3]], [[0, 0], [0, 0]]), *_np("np int matrix", lambda: np.array([[1, 2], [3, 4]]))],
        me(
            [[1, 0]],
            [[1.5, 0], [0, 1]],
            [[-1, 0], [0, 1]],
            [[10**400, 0], [0, 1]],
            [["a", 0], [0, 1]],
            [[True, 0], [0, 1]],
        ),
    ),
    P("labels", me(None, ["a", "b"]), me(["a"], "ab", [1, 2]), optional=True),
    TITLE,
    arrays=False,
)
entry(
    "nnd.draw.svg:SVG.save",
    method("save"),
    P("self", [f("draw.sigmoid(points=3)", lambda c: nnd.draw.sigmoid(points=3))], [], junk=False),
    P("path", WRITE_PATHS, PATHS_BAD),
    arrays=False,
)

# files
WEIGHTS = P(
    "weights",
    [f("the network's weights", lambda c: [c.B.tolist(W) for W in c.net.weights])],
    me(
        [[[0.1, 0.2, 0.3]], [[0.1]]],
        [[[math.nan] * 3] * 2, [[0.1]] * 3],
        [[["a"] * 3] * 2, [[0.1]] * 3],
        [[[10**400] * 3] * 2, [[0.1]] * 3],
    ),
)
IO_SIZES = P("layer_sizes", me((2, 3, 1), [2, 3, 1]), SIZES_BAD)
IO_LAM = P("lam", LAMS, LAMS_BAD)
IO_BIASES = P(
    "biases",
    me(None, [[0.1, 0.2, 0.3], [0.5]]),
    me([[0.1]], [[math.nan] * 3, [0.5]], [0.1, 0.5]),
    optional=True,
)
entry("nnd.io:dumps", fn("nnd.io:dumps"), IO_SIZES, IO_LAM, WEIGHTS, IO_BIASES, arrays=False)
entry(
    "nnd.io:save",
    fn("nnd.io:save"),
    P("path", WRITE_PATHS, PATHS_BAD),
    IO_SIZES,
    IO_LAM,
    WEIGHTS,
    IO_BIASES,
    arrays=False,
)
entry(
    "nnd.io:read",
    fn("nnd.io:read"),
    P("path", _read_paths(), PATHS_BAD),
    P("max_bytes", me(10**6, 2**80), INTS_BAD, keyword=True, optional=True),
    arrays=False,
)
entry(
    "nnd.io:parse",
    fn("nnd.io:parse"),
    P("text", [f("net.to_json()", lambda c: c.net.to_json())], JSON_BAD),
    P("source", me("a.json"), [], optional=True, junk=False),
    arrays=False,
)
entry(
    "nnd.util.files:write_file",
    fn("nnd.util.files:write_file"),
    P("path", WRITE_PATHS, PATHS_BAD),
    P("data", me("text", b"bytes"), me(1, None, bytearray(b"x"), ["a"], "\ud800")),
    arrays=False,
)
entry(
    "nnd.util.files:check_writable",
    fn("nnd.util.files:check_writable"),
    P("path", WRITE_PATHS, PATHS_BAD),
    arrays=False,
)
entry(
    "nnd.util.files:check_path",
    fn("nnd.util.files:check_path"),
    P("path", WRITE_PATHS, PATHS_BAD),
    arrays=False,
)
entry(
    "nnd.util.files:read_file",
    fn("nnd.util.files:read_file"),
    P("path", _read_paths(), PATHS_BAD),
    P("max_bytes", me(10**6, 2**80), INTS_BAD),
    P("what", me("network file"), [], junk=False),
    arrays=False,
)

# the validation vocabulary, on what a user passes in
_ANY = [*me(0.5, 3, "abc"), *X]
for _name, _extra in (
    ("number", ("x",)),
    ("optional_number", ("x",)),
    ("integer", ("x",)),
    ("seed", ()),
    ("flag", ("x",)),
    ("function", ("x",)),
    ("text", ("x",)),
    ("sequence", ("x", "(2, 3, 1)")),
    ("layer_sizes", ()),
    ("clean_nested", ()),
    ("as_nested", ()),
    ("describe", ()),
    ("shown", ()),
    ("choice", ("x", ("a", "b"))),
):
    entry(
        f"nnd.util.checks:{_name}",
        lambda c, n=_name, e=_extra: lambda v: getattr(importlib.import_module("nnd.util.checks"), n)(v, *e),
        P("value", _ANY, []),
        arrays=False,
        accepts=False,
    )
if np is not None:
    entry(
        "nnd.util.checks:float64_array",
        lambda c: lambda v: nnd.util.checks.float64_array(np, v, "X"),
        P("data", _np("np.ones((2, 2))", lambda: np.ones((2, 2))), XB),
        arrays=False,
    )


# -- what "changed nothing" compares -------------------------------------------------------------


def fingerprint(obj: Any, seen: frozenset[int] = frozenset()) -> Any:
    """A comparable picture of ``obj``'s contents (NaN-safe, cycles cut), read without changing it."""
    if id(obj) in seen:
        return ("cycle",)
    seen = seen | {id(obj)}
    if isinstance(obj, float):
        return ("float", struct.pack("<d", float.__float__(obj)))
    if isinstance(obj, complex):
        return ("complex", struct.pack("<dd", obj.real, obj.imag))
    if obj is None or isinstance(obj, (bool, int, str, bytes, Fraction)):
        return (type(obj).__name__, obj)
    if isinstance(obj, Decimal):
        return ("Decimal", str(obj))
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, tuple(fingerprint(x, seen) for x in obj))
    if isinstance(obj, dict):
        return ("dict", tuple((fingerprint(a, seen), fingerprint(b, seen)) for a, b in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return (type(obj).__name__, frozenset(fingerprint(x, seen) for x in obj))
    if isinstance(obj, ListArray):
        return ("ListArray", obj.shape, fingerprint(obj.tolist(), seen))
    if isinstance(obj, nnd.Network):
        B = obj.backend
        arrays = [fingerprint(B.tolist(a)) for a in (*obj.weights, *obj.biases)]
        kept = {name: fingerprint(B.tolist(a)) for name, a in obj.last_pass.items()}
        return ("Network", obj.layer_sizes, obj.lam, obj.bias, B.name, arrays, sorted(kept.items()))
    if inspect.isgenerator(obj):
        return ("generator", inspect.getgeneratorstate(obj))
    if np is not None and isinstance(obj, np.ndarray):
        mask = np.ma.getmaskarray(obj).tobytes() if isinstance(obj, np.ma.MaskedArray) else b""
        return ("ndarray", type(obj).__name__, obj.dtype.str, obj.shape, obj.tobytes(), mask)
    if np is not None and isinstance(obj, np.generic):
        return ("numpy scalar", obj.dtype.str, obj.tobytes())
    if torch is not None and isinstance(obj, torch.Tensor):
        return ("tensor", str(obj.dtype), tuple(obj.shape), obj.detach().cpu().numpy().tobytes())
    if type(obj).__module__.startswith("array_api_strict"):
        return ("array_api_strict", str(obj.dtype), obj.shape, np.asarray(obj).tobytes())
    if type(obj).__name__ in ("Trainer", "Scaling"):
        state = vars(obj) if hasattr(obj, "__dict__") else {s: getattr(obj, s) for s in type(obj).__slots__}
        return (type(obj).__name__, fingerprint(dict(state), seen))
    return ("object", type(obj).__qualname__, id(obj))


def files(folder: str) -> list[tuple[str, Any]]:
    """Every entry below ``folder``: its kind, and a regular file's bytes."""
    out = []
    for top, dirs, names in os.walk(folder):
        for name in sorted(dirs + names):
            path = os.path.join(top, name)
            info = os.lstat(path)
            body = (
                pathlib.Path(path).read_bytes() if os.path.isfile(path) and not os.path.islink(path) else None
            )
            out.append((os.path.relpath(path, folder), info.st_mode, body))
    return out


def state(c: Ctx, args: list[Any], kwargs: dict[str, Any]) -> Any:
    settings_ = (registry._process_default, registry._scoped.get(), registry._undo.get())
    return (fingerprint(c.net), fingerprint(args), fingerprint(kwargs), files(c.folder), settings_)


def where(exc: BaseException) -> str:
    """``file:function`` of the innermost frame of nnd (or its adapters) the exception passed through."""
    inside = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if pathlib.Path(frame.filename).resolve().is_relative_to(ROOT / "nnd")
        or pathlib.Path(frame.filename).resolve().is_relative_to(ROOT / "backends")
    ]
    if not inside:
        return ""
    frame = inside[-1]
    return f"{pathlib.Path(frame.filename).resolve().relative_to(ROOT)}:{frame.name}"


def obeys_the_law(exc: BaseException, entry_name: str) -> str | None:
    """None if ``exc`` is a refusal as the law says (or the caller's own error); else what is wrong."""
    if isinstance(exc, EvilError):
        return None
    if isinstance(exc, NNDError) and isinstance(exc, ALLOWED):
        return None
    place = where(exc)
    if not place:  # raised before nnd ran: Python's own dispatch (say, 2 ** a ListArray)
        return None
    if place.endswith((":__array_ufunc__", ":__array__")):
        return None  # NumPy's own: a ListArray hands arithmetic with NumPy's arrays to NumPy, as it documents
    return f"{type(exc).__module__}.{type(exc).__qualname__} at {place}: {str(exc)[:300]}"


# -- the law ------------------------------------------------------------------------------------


def _call(entry: Entry, data: st.DataObject, B: nnd.Backend) -> None:
    folder = tempfile.mkdtemp(prefix="nnd-law-")
    here = os.getcwd()
    os.chdir(folder)  # relative names land in the folder whose files are compared
    try:
        m = data.draw(st.integers(1, 3), label="rows")
        bias = data.draw(st.booleans(), label="bias")
        lam = data.draw(st.sampled_from([None, 1e-4]), label="lam")
        c = Ctx(B, folder, m, bias, lam)
        n = len(entry.params)
        bad = data.draw(
            st.one_of(st.just(frozenset()), st.frozensets(st.integers(0, n - 1), min_size=1, max_size=2))
            if n
            else st.just(frozenset()),
            label="bad parameters",
        )
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        by_keyword = False  # once an optional positional parameter is left out, the rest go by name
        for i, p in enumerate(entry.params):
            if i in bad:
                pool = p.bad + junk(p)
                if not pool:
                    continue
                recipe = data.draw(st.sampled_from(pool), label=p.name)
            elif p.optional and data.draw(st.booleans(), label=f"leave out {p.name}"):
                by_keyword = by_keyword or not p.keyword
                continue
            else:
                recipe = data.draw(st.sampled_from(p.good), label=p.name)
            value = recipe.make(c)
            if p.keyword or by_keyword:
                kwargs[p.name] = value
            else:
                args.append(value)
        target = entry.target(c)
        before = state(c, args, kwargs)
        try:
            target(*args, **kwargs)
        except Exception as exc:
            problem = obeys_the_law(exc, entry.name)
            assert problem is None, f"{entry.name} raised {problem}"
            assert state(c, args, kwargs) == before, f"{entry.name} refused, but changed something"
            if not bad and entry.accepts and not isinstance(exc, EvilError):
                raise AssertionError(f"{entry.name} refused valid arguments: {exc}") from exc
    finally:
        registry.set_backend(None)
        os.chdir(here)
        shutil.rmtree(folder, ignore_errors=True)


_fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
# NumPy's own warning when it hands a ListArray's product with a tensor back to PyTorch: not nnd's
_quiet = pytest.mark.filterwarnings("ignore:__array_wrap__ must accept context:DeprecationWarning")


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.arrays], ids=lambda e: e.name)
@_quiet
@_fuzz
@given(data=st.data())
def test_every_refusal_of_an_entry_point_taking_arrays(entry: Entry, backend: nnd.Backend, data: Any) -> None:
    _call(entry, data, backend)


@pytest.mark.parametrize("entry", [e for e in ENTRIES if not e.arrays], ids=lambda e: e.name)
@_quiet
@_fuzz
@given(data=st.data())
def test_every_refusal_of_an_entry_point(entry: Entry, data: Any) -> None:
    _call(entry, data, nnd.get_backend("python"))


# -- every public entry point has an entry ----------------------------------------------------------

MODULES = [
    "nnd",
    "nnd.data",
    "nnd.draw",
    "nnd.io",
    "nnd.gradcheck",
    "nnd.classify",
    "nnd.video",
    "nnd.network",
    "nnd.training",
    "nnd.training.bfgs",
    "nnd.arrays.registry",
    "nnd.arrays.conformance",
    "nnd.util.checks",
    "nnd.util.files",
    "nnd.arrays.python",
    "nnd.arrays.python.listarray",
    "nnd.arrayapi_backend",
]
OPERATORS = {
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__rtruediv__",
    "__pow__",
    "__matmul__",
    "__rmatmul__",
    "__eq__",
    "__getitem__",
    "__setitem__",
    "__len__",
    "__iter__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__array__",
    "__array_ufunc__",
    "__repr__",
    "__str__",
    "__reduce__",
    "__copy__",
}
EXEMPT = {
    # exceptions, records and abstract classes: nothing to refuse
    "nnd.arrays.backend:Backend",
    "nnd.util.errors:NNDError",
    "nnd.arrays.registry:UnknownBackendError",
    "nnd.arrays.registry:BackendNotInstalledError",
    "nnd.arrays.registry:ConfigError",
    "nnd.arrays.registry:Backend",
    "nnd.data.csvfile:Dataset",
    "nnd.draw.svg:SVG",
    "nnd.io:Saved",
    "nnd.training:TrainResult",
    "nnd.training:Progress",
    "nnd.training.bfgs:Outcome",
    "nnd.training.bfgs:Step",
    "nnd.arrays.python.listarray:ListArray.T",
    # the jax and cupy adapters need libraries that are not installed here
    "nnd.arrayapi_backend:JaxBackend",
    "nnd.arrayapi_backend:CupyBackend",
}
if np is None:  # the core-only run: these need NumPy, and have no entry then
    EXEMPT |= {
        "nnd.arrays.python.listarray:ListArray.__array__",
        "nnd.arrays.python.listarray:ListArray.to_numpy",
        "nnd.arrays.python.listarray:ListArray.__array_ufunc__",
        "nnd.util.checks:float64_array",
    }
ONLY = {"nnd.arrays.python.listarray": ["ListArray"]}  # its functions are the python backend's operations


MUTANT = "__mutmut_"  # in the names of mutmut's copies of each function, there only under mutation testing


def public_entry_points() -> set[str]:
    """``module:qualname`` of every public function, class and method the modules above offer."""
    found: set[str] = set()

    def add(obj: Any, module: str, qualname: str) -> None:
        home = getattr(obj, "__module__", None) or module
        if home.startswith("nnd.numpy_backend") or not home.startswith("nnd") or MUTANT in qualname:
            return
        name = f"{home}:{qualname}"
        found.add(name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException) and name not in EXEMPT:
            for attr, member in vars(obj).items():
                if (attr.startswith("_") and attr not in OPERATORS) or not callable(member) or MUTANT in attr:
                    continue
                if isinstance(member, (staticmethod, classmethod)) or inspect.isfunction(member):
                    found.add(f"{home}:{obj.__qualname__}.{attr}")

    for module_name in MODULES:
        module = importlib.import_module(module_name)
        names = (
            ONLY.get(module_name)
            or getattr(module, "__all__", None)
            or [n for n in vars(module) if not n.startswith("_")]
        )
        for attr in names:
            obj = getattr(module, attr)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            if (
                module_name != "nnd"
                and getattr(obj, "__module__", "") not in (module_name, None)
                and not hasattr(module, "__all__")
            ):  # imported from elsewhere: its own module lists it
                continue
            add(obj, module_name, getattr(obj, "__qualname__", attr))
    return found


def test_every_public_entry_point_is_fuzzed() -> None:
    found = public_entry_points()
    assert {
        "nnd.network:Network.forward",
        "nnd.io:dumps",
        "nnd.draw.maps:overfit",
        "nnd.data.shapes:spiral",
        "nnd.arrays.python.listarray:ListArray.__add__",
        "nnd.training.bfgs:line_search",
    } <= found
    covered = {e.name.split(" ")[0] for e in ENTRIES}
    covered |= {
        name.replace("nnd.arrays.backend:Backend.", "nnd.arrays.python:PythonBackend.") for name in covered
    }
    missing = sorted(
        name
        for name in found - covered - EXEMPT
        if "Backend." not in name or name.startswith("nnd.arrays.python:")
    )
    assert not missing, f"public entry points without an entry in this file's law: {missing}"


# -- regressions: each failed before its fix --------------------------------------------------------


def test_numpy_booleans_are_flags_under_numpy_2_too() -> None:
    """NumPy 2 names its boolean type ``numpy.bool`` (no longer ``bool_``): still a flag."""
    if np is None:
        pytest.skip("needs NumPy")
    assert nnd.Network(seed=0, bias=np.True_).bias is True
    assert nnd.util.checks.flag(np.bool_(False), "bias") is False


def test_float64_array_refuses_what_is_not_a_numpy_array_by_name() -> None:
    if np is None:
        pytest.skip("needs NumPy")
    for data in ([[1.0, 2.0], [3.0]], "ab", None):
        with pytest.raises(TypeError, match="^X: expected a NumPy array") as caught:
            nnd.util.checks.float64_array(np, data, "X")
        assert isinstance(caught.value, NNDError)


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"library": 1}, TypeError, "library: expected a module name (str), got int"),
        ({"library": ""}, ValueError, "library: expected a module name"),
        ({"library": None}, ValueError, "library: ArrayAPIBackend needs the library"),
        ({"library": "numpy", "device": 3}, TypeError, "device: expected a name"),
        ({"library": "x" * 10_000}, ImportError, "array_api_xxx"),
    ],
)
def test_the_array_api_adapter_refuses_a_library_or_device_it_cannot_use(options, error, words) -> None:
    from nnd.arrayapi_backend import ArrayAPIBackend

    with pytest.raises(error) as caught:
        ArrayAPIBackend(**options)
    assert isinstance(caught.value, NNDError)
    assert words in str(caught.value) and len(str(caught.value)) < 800


def _seeded_calls(seed: Any) -> list[Any]:
    X, y = nnd.data.sleep_study()
    result = nnd.train(nnd.Network(seed=seed), X, y, method="sgd", epochs=2, batch_size=2, seed=seed)
    return [
        nnd.Network(seed=seed).get_params().tolist(),
        nnd.Network(seed=seed, bias=True).get_params().tolist(),
        nnd.Neural_Network(seed=seed).getParams().tolist(),
        nnd.data.moons(n=6, seed=seed),
        nnd.data.circles(n=6, seed=seed),
        nnd.data.xor(n=6, seed=seed),
        nnd.data.spiral(n=6, seed=seed),
        result.x.tolist(),
    ]


def test_a_numpy_int_is_a_seed_wherever_a_seed_is_taken() -> None:
    if np is None:
        pytest.skip("needs NumPy")
    assert _seeded_calls(np.int64(3)) == _seeded_calls(3)
    assert _seeded_calls(np.uint8(3)) == _seeded_calls(3)


@pytest.mark.parametrize("make", [nnd.Network, lambda sizes: nnd.Network(sizes, seed=0, bias=True)])
def test_layer_sizes_from_a_generator_or_a_set_are_refused_and_the_generator_is_not_read(make) -> None:
    sizes = (n for n in (2, 3, 1))
    with pytest.raises(
        TypeError, match=r"layer_sizes: expected a list or tuple like \(2, 3, 1\), got generator"
    ):
        make(sizes)
    assert list(sizes) == [2, 3, 1]  # left as it was: not read
    with pytest.raises(TypeError, match="layer_sizes: expected a list or tuple like .*, got set") as caught:
        make({2, 3, 1})
    assert isinstance(caught.value, NNDError)
