"""The playground: a small network learning a two-dimensional data set, a few epochs at a time.

The docs' playground page calls these functions from the browser (Pyodide); they work the
same in any Python. Each takes JSON-able arguments and returns a JSON-able dict.

A set-up is a dict of **settings** (:data:`DEFAULTS` lists them), which also reads and writes
itself as the query of a web address, so a teacher can share one
(``data=xor&hidden=8&bias=1&rate=3&lam=0&batch=10&seed=0``):

- ``data``: ``"moons"``, ``"circles"``, ``"xor"``, ``"spiral"`` (three classes) or
  ``"custom"`` (no points but those added);
- ``hidden``: the sizes of the hidden layers, 0 to :data:`MAX_LAYERS` of them, each 1 to
  :data:`MAX_UNITS` units;
- ``bias``: biases on or off; ``rate``: the learning rate η; ``lam``: λ of Part 7's cost;
  ``batch``: the minibatch size; ``seed``: the seed of the data and of the first weights;
- ``points``: points the learner added, ``[x1, x2, class]`` each, inputs in [0, 1].

The state of each playground lives here, in this Python, under the widget's ``key`` (a page
may hold several): its settings, its network and its data. At most :data:`MAX_SESSIONS`
are kept; starting one more forgets the one used longest ago. :func:`start` makes (or
re-configures) one, :func:`step` trains it, :func:`add_point` adds a point, :func:`frame`
says what it looks like. Every one of them returns a **frame**:

- ``settings`` and ``query`` (the settings as an address's query);
- ``epoch`` (epochs trained), ``J`` and ``testJ`` (the network's cost on the training and the
  test points; ``None`` without points), ``accuracy`` and ``test_accuracy``, and
  ``diverged`` (True when the last step left the numbers a network takes, so it was undone);
- ``layers`` (units per layer, input first) and ``classes``;
- ``resolution`` (``n``) and the maps over the unit square, as text of two hex digits a value
  (``00`` is 0.0, ``ff`` is 1.0), ``n × n`` values row by row, the top row (x₂ near 1)
  first: ``outputs``, one map per output unit, and ``hidden``, one list per hidden layer
  with one map per unit (its activity, a(l));
- ``points`` and ``test``: the training and test points, ``[x1, x2, class]``.

>>> frame = start("doc", "data=xor&hidden=4&seed=0")
>>> frame["layers"], frame["epoch"], frame["settings"]["rate"]
([2, 4, 1], 0, 3.0)
>>> before = frame["J"]
>>> after = step("doc", epochs=20)
>>> after["epoch"], after["J"] < before
(20, True)
>>> len(after["outputs"][0]) == 2 * after["resolution"] ** 2
True
>>> settings(query(after["settings"])) == after["settings"]
True
"""

from __future__ import annotations

import copy
import math
from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qsl, urlencode

from nnd import backprop
from nnd.arrays.backend import Array
from nnd.network import Network, classes
from nnd.training.sgd import minimize_sgd
from nnd.util import checks
from nnd.util.checks import describe, shown
from nnd.util.errors import InvalidTypeError, InvalidValueError

DATASETS = ("moons", "circles", "xor", "spiral", "custom")
"""The data sets: four of :mod:`nnd.data.shapes`, and ``"custom"``, the learner's own points."""
DEFAULTS: dict[str, Any] = {
    "data": "xor",
    "hidden": [8],
    "bias": True,
    "rate": 3.0,
    "lam": 0.0,
    "batch": 10,
    "seed": 0,
    "points": [],
}
"""Every setting and its value when not given."""
MAX_LAYERS = 4
MAX_UNITS = 8
MAX_RATE = 100.0
MAX_LAM = 1.0
MAX_BATCH = 1000
MAX_SEED = 2**31 - 1
MAX_POINTS = 300
"""Most points a learner may add (they travel in the address)."""
MAX_EPOCHS = 200
"""Most epochs one :func:`step` runs."""
MAX_SESSIONS = 8
"""Most playgrounds kept at once (one per widget key)."""
MAX_KEY = 100
POINTS = 200
"""Points of each generated set (training and test alike)."""
RESOLUTION = 40
"""Each map is RESOLUTION × RESOLUTION values."""

_SESSIONS: OrderedDict[str, _Session] = OrderedDict()


class _Session:
    """One playground: settings, data and network (module-private; reached through ``key``)."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.X, self.y, self.testX, self.testY = _data(config)
        self.net = _network(config)
        self.epoch = 0
        self.diverged = False


def settings(value: str | dict[str, Any] | None = None) -> dict[str, Any]:
    """All the settings, checked: from an address's query (``"data=moons&rate=1"``), a dict, or None.

    What is not given takes its value in :data:`DEFAULTS`. In a query, ``hidden`` is a
    comma-separated list (empty for none), ``bias`` is 1 or 0 and ``points`` is
    ``x1,x2,class`` triples separated by ``;``; other parameters of the address (such as
    ``highlight``) are left alone. A dict must hold settings only.

    >>> settings("data=moons&hidden=8,3&bias=0")["hidden"]
    [8, 3]
    >>> settings({"rate": 0.5, "points": [[0.25, 0.75, 1]]})["points"]
    [[0.25, 0.75, 1]]
    >>> settings("rate=fast")
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: rate: expected a number, got 'fast'
    """
    if value is None:
        given: dict[str, Any] = {}
    elif isinstance(value, str):
        given = _from_query(value)
    elif isinstance(value, dict):
        unknown = [k for k in value if k not in DEFAULTS]
        if unknown:
            raise InvalidValueError(f"settings: expected only {', '.join(DEFAULTS)}, got {shown(unknown[0])}")
        given = dict(value)
    else:
        raise InvalidTypeError(
            f"settings: expected a query string or a dict of settings, got {describe(value)}"
        )
    merged = {**DEFAULTS, **given}
    data = checks.choice(merged["data"], "data", DATASETS)
    sizes = checks.sequence(merged["hidden"], "hidden", "[4, 4]")
    if len(sizes) > MAX_LAYERS:
        raise InvalidValueError(f"hidden: expected at most {MAX_LAYERS} hidden layers, got {len(sizes)}")
    hidden = [checks.integer(n, f"hidden[{i}]", minimum=1, maximum=MAX_UNITS) for i, n in enumerate(sizes)]
    out = {
        "data": data,
        "hidden": hidden,
        "bias": checks.flag(merged["bias"], "bias"),
        "rate": checks.number(merged["rate"], "rate", positive=True, maximum=MAX_RATE),
        "lam": checks.number(merged["lam"], "lam", maximum=MAX_LAM),
        "batch": checks.integer(merged["batch"], "batch", minimum=1, maximum=MAX_BATCH),
        "seed": checks.integer(merged["seed"], "seed", minimum=0, maximum=MAX_SEED),
        "points": _points(merged["points"], _classes_of(data)),
    }
    return out


def query(value: dict[str, Any]) -> str:
    """The settings as an address's query, every setting written; :func:`settings` reads it back.

    >>> query({"data": "moons", "hidden": [3], "points": [[0.5, 0.25, 0]]})
    'data=moons&hidden=3&bias=1&rate=3&lam=0&batch=10&seed=0&points=0.5,0.25,0'
    """
    s = settings(value)
    fields = {
        "data": s["data"],
        "hidden": ",".join(map(str, s["hidden"])),
        "bias": "1" if s["bias"] else "0",
        "rate": f"{s['rate']:g}",
        "lam": f"{s['lam']:g}",
        "batch": str(s["batch"]),
        "seed": str(s["seed"]),
    }
    if s["points"]:
        fields["points"] = ";".join(f"{a:g},{b:g},{c}" for a, b, c in s["points"])
    return urlencode(fields, safe=",;")


def start(key: str, value: str | dict[str, Any] | None = None) -> dict[str, Any]:
    """Start the playground ``key`` with these settings (see :func:`settings`); its first frame.

    If ``key`` already runs with the same data, layers, biases and seed, its network keeps
    learning where it was and only the learning rate, λ and batch size change; otherwise
    it starts again from the seed's weights, at epoch 0.

    >>> start("doc-start", {"data": "moons", "hidden": [3]})["layers"]
    [2, 3, 1]
    >>> start("doc-start", {"data": "stars"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: data: expected one of 'moons', 'circles', ..., got 'stars'
    """
    name = _key(key)
    config = settings(value)
    old = _SESSIONS.get(name)
    same = ("data", "hidden", "bias", "seed", "points")
    if old is not None and all(old.config[k] == config[k] for k in same):
        old.config = config
        old.net.lam = config["lam"]
        session = old
    else:
        session = _Session(config)
    _remember(name, session)
    return _frame(session)


def reset(key: str) -> dict[str, Any]:
    """Start the playground ``key`` again from its seed's weights, at epoch 0; its frame."""
    session = _session(key)
    fresh = _Session(session.config)
    _remember(_key(key), fresh)
    return _frame(fresh)


def step(key: str, epochs: int = 1) -> dict[str, Any]:
    """Train the playground ``key`` for ``epochs`` epochs (1 to :data:`MAX_EPOCHS`); its frame.

    Minibatch gradient descent (:func:`nnd.training.sgd.minimize_sgd`) with the settings'
    learning rate, batch size and λ; the shuffling follows the seed and the epoch, so the
    same steps from the same settings give the same network. A step that would leave the
    numbers a network takes is undone, and the frame says ``diverged``.
    """
    session = _session(key)
    n = checks.integer(epochs, "epochs", minimum=1, maximum=MAX_EPOCHS)
    session.diverged = False
    if session.X:
        config, net = session.config, session.net
        out = minimize_sgd(
            net.backend,
            session.X,
            session.y,
            net.weights,
            net.biases,
            config["lam"],
            epochs=n,
            batch_size=config["batch"],
            learning_rate=config["rate"],
            seed=config["seed"] * 1_000_003 + session.epoch,
        )
        net.__dict__["_weights"], net.__dict__["_biases"] = out.weights, out.biases
        session.epoch += out.epochs
        session.diverged = out.diverged
    return _frame(session)


def add_point(key: str, x1: float, x2: float, label: int) -> dict[str, Any]:
    """Add the point (x1, x2), inputs in [0, 1], of class ``label`` to the playground ``key``.

    The network keeps its weights and goes on learning with the new point among the
    training points; the point joins the settings (and so the address).
    """
    session = _session(key)
    config = session.config
    if len(config["points"]) >= MAX_POINTS:
        raise InvalidValueError(f"points: at most {MAX_POINTS} may be added, and there are {MAX_POINTS}")
    point = _points([[x1, x2, label]], _classes_of(config["data"]))[0]
    columns = session.net.layer_sizes[-1]
    session.config = {**config, "points": [*config["points"], point]}
    session.X.append(point[:2])
    session.y.append([float(point[2])] if columns == 1 else [float(c == point[2]) for c in range(columns)])
    return _frame(session)


def frame(key: str) -> dict[str, Any]:
    """What the playground ``key`` looks like now (see the module's description)."""
    return _frame(_session(key))


def forget(key: str) -> bool:
    """Forget the playground ``key``; True if there was one."""
    return _SESSIONS.pop(_key(key), None) is not None


# -- inside ---------------------------------------------------------------------------------------


def _key(key: Any) -> str:
    name = checks.text(key, "key")
    if not 0 < len(name) <= MAX_KEY:
        raise InvalidValueError(f"key: expected a name of 1 to {MAX_KEY} characters, got {shown(name)}")
    return name


def _session(key: Any) -> _Session:
    name = _key(key)
    session = _SESSIONS.get(name)
    if session is None:
        raise InvalidValueError(f"key: expected a playground made by start(), got {shown(name)}")
    _SESSIONS.move_to_end(name)
    return session


def _remember(name: str, session: _Session) -> None:
    _SESSIONS[name] = session
    _SESSIONS.move_to_end(name)
    while len(_SESSIONS) > MAX_SESSIONS:
        _SESSIONS.popitem(last=False)


def _classes_of(data: str) -> int:
    return 3 if data == "spiral" else 2


def _from_query(text: str) -> dict[str, Any]:
    """The settings a query names, as text turned into values (checked by :func:`settings`)."""
    given: dict[str, Any] = {}
    for name, raw in parse_qsl(text.lstrip("?#"), keep_blank_values=True):
        if name not in DEFAULTS:
            continue
        value: Any = raw
        if name == "hidden":
            value = [_int_of(v, f"hidden[{i}]") for i, v in enumerate(raw.split(","))] if raw else []
        elif name == "bias":
            if raw not in ("0", "1"):
                raise InvalidValueError(f"bias: expected 1 or 0, got {shown(raw)}")
            value = raw == "1"
        elif name in ("rate", "lam"):
            value = _float_of(raw, name)
        elif name in ("batch", "seed"):
            value = _int_of(raw, name)
        elif name == "points":
            value = []
            for i, triple in enumerate(raw.split(";") if raw else []):
                parts = triple.split(",")
                if len(parts) != 3:
                    raise InvalidValueError(f"points[{i}]: expected x1,x2,class, got {shown(triple)}")
                value.append(
                    [_float_of(parts[0], f"points[{i}]"), _float_of(parts[1], f"points[{i}]"),
                     _int_of(parts[2], f"points[{i}]")]
                )  # fmt: skip
        given[name] = value
    return given


def _float_of(text: str, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidValueError(f"{name}: expected a number, got {shown(text)}") from None
    if not math.isfinite(value):
        raise InvalidValueError(f"{name}: expected a finite number, got {shown(text)}")
    return value


def _int_of(text: str, name: str) -> int:
    if not (text.isascii() and text.isdecimal()) or len(text) > 12:
        raise InvalidValueError(f"{name}: expected a whole number, got {shown(text)}")
    return int(text)


def _points(value: Any, count: int) -> list[list[Any]]:
    rows = checks.sequence(value, "points", "[[0.25, 0.75, 1]]")
    if len(rows) > MAX_POINTS:
        raise InvalidValueError(f"points: expected at most {MAX_POINTS} points, got {len(rows)}")
    out: list[list[Any]] = []
    for i, row in enumerate(rows):
        triple = checks.sequence(row, f"points[{i}]", "[0.25, 0.75, 1]")
        if len(triple) != 3:
            raise InvalidValueError(f"points[{i}]: expected [x1, x2, class], got {shown(row)}")
        x1 = checks.number(triple[0], f"points[{i}][0]", maximum=1.0)
        x2 = checks.number(triple[1], f"points[{i}][1]", maximum=1.0)
        c = checks.integer(triple[2], f"points[{i}][2]", minimum=0, maximum=count - 1)
        out.append([round(x1, 3), round(x2, 3), c])
    return out


Rows = list[list[float]]


def _data(config: dict[str, Any]) -> tuple[Rows, Rows, Rows, Rows]:
    """Training rows and targets (the set's and the added points), and the test set's."""
    from nnd.data import shapes

    name, seed, count = config["data"], config["seed"], _classes_of(config["data"])
    X: Rows = []
    y: Rows = []
    testX: Rows = []
    testY: Rows = []
    if name != "custom":
        make = getattr(shapes, name)
        X, y = make(n=POINTS, seed=seed)
        testX, testY = make(n=POINTS, seed=seed + 1)
    for x1, x2, c in config["points"]:
        X.append([float(x1), float(x2)])
        y.append([float(c)] if count == 2 else [float(k == c) for k in range(count)])
    return X, y, testX, testY


def _network(config: dict[str, Any]) -> Network:
    count = _classes_of(config["data"])
    return Network(
        (2, *config["hidden"], 1 if count == 2 else count),
        seed=config["seed"],
        bias=config["bias"],
        lam=config["lam"],
    )


def _hex(values: list[float]) -> str:
    return bytes(min(255, max(0, int(v * 255.0 + 0.5))) for v in values).hex()


def _labels(y: list[list[float]]) -> list[int]:
    return classes(y)


def _frame(session: _Session) -> dict[str, Any]:
    net, config = session.net, session.config
    B = net.backend
    n = RESOLUTION
    centres = [(i + 0.5) / n for i in range(n)]
    grid = [[x1, x2] for x2 in reversed(centres) for x1 in centres]  # the top row first
    weights, biases = net.weights, net.biases
    _, a = backprop.forward(B, B.from_floats(grid, (n * n, 2)), weights, biases)
    L = len(net.layer_sizes)

    def maps(layer: Array) -> list[str]:
        rows = B.tolist(layer)
        return [_hex([row[k] for row in rows]) for k in range(len(rows[0]))]

    def summary(X: list[list[float]], y: list[list[float]]) -> tuple[float | None, float | None]:
        if not X:
            return None, None
        work = copy.copy(net)
        J = work.cost(X, y)
        guessed = classes(B.tolist(work.yHat))
        truth = _labels(y)
        return J, sum(g == t for g, t in zip(guessed, truth)) / len(truth)

    J, accuracy = summary(session.X, session.y)
    testJ, test_accuracy = summary(session.testX, session.testY)
    return {
        "settings": copy.deepcopy(config),
        "query": query(config),
        "epoch": session.epoch,
        "J": J,
        "testJ": testJ,
        "accuracy": accuracy,
        "test_accuracy": test_accuracy,
        "diverged": session.diverged,
        "layers": list(net.layer_sizes),
        "classes": _classes_of(config["data"]),
        "resolution": n,
        "outputs": maps(a[L]),
        "hidden": [maps(a[layer]) for layer in range(2, L)],
        "points": [[x[0], x[1], c] for x, c in zip(session.X, _labels(session.y))] if session.X else [],
        "test": [[x[0], x[1], c] for x, c in zip(session.testX, _labels(session.testY))]
        if session.testX
        else [],
    }
