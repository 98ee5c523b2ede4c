"""Check a backpropagation you wrote yourself: :func:`check_backprop`.

Write the gradient as the series writes it, a function ``costFunctionPrime(NN, X, y)``
that returns ``(dJdW1, dJdW2)``, and hand it over. nnd calls it once, on a fresh copy of
the series' network and data, compares what it returns entry by entry with the numerical
gradient (central differences, ε = 1e-4, as in Part 5), and says what is right and, when
something is not, which mistake gives exactly the numbers it returned:

>>> import nnd
>>> def costFunctionPrime(NN, X, y):
...     NN.yHat = NN.forward(X)
...     delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
...     dJdW2 = NN.a2.T @ delta3
...     delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
...     dJdW1 = X.T @ delta2
...     return dJdW1, dJdW2
>>> report = nnd.check_backprop(costFunctionPrime)
>>> report.ok
True
>>> print(str(report).splitlines()[0])
Right: dJdW1 and dJdW2 match the numerical gradient, entry by entry.

The same function with ``y - NN.yHat`` for ``-(y - NN.yHat)``:

>>> def flipped(NN, X, y):
...     NN.yHat = NN.forward(X)
...     delta3 = (y - NN.yHat) * NN.sigmoidPrime(NN.z3)
...     delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
...     return X.T @ delta2, NN.a2.T @ delta3
>>> report = nnd.check_backprop(flipped)
>>> report.ok, report.mistake
(False, 'the sign is flipped')

How the mistakes are found: for each of the usual mistakes (an f′ factor left out, the
sign flipped, a matrix product where an element-wise one belongs or the reverse, a
transpose in the wrong place, the gradients returned in the wrong order, a 1-D ``y``,
Part 7's λ·W or 1/m left out) and their pairs, nnd computes the gradient that mistake
gives on the same network, and names the mistake whose gradient equals the one returned.
A function that raises an exception gets a report that shows it, with the line it came
from; nnd does not raise it again: a mistake in the function is the finding, not an error.
"""

from __future__ import annotations

import itertools
import linecache
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nnd.arrays.backend import Backend
from nnd.arrays.registry import BackendLike, get_backend
from nnd.gradcheck import numerical_gradient
from nnd.util import checks
from nnd.util.errors import NNDError
from nnd.video import Neural_Network

__all__ = ["BackpropReport", "GradientComparison", "check_backprop"]

EPS = 1e-4
"""The step of the central differences, as in Part 5."""

RTOL, ATOL = 1e-5, 1e-8
"""An entry is right when |yours − numerical| ≤ ATOL + RTOL·|numerical|. Central differences
with ε = 1e-4 are off by about ε² (1e-8) relative to the entry; every mistake recognised
here changes an entry by far more (the least, λ·W with λ = 1e-4, by about 1e-4)."""

_SAME = (1e-6, 1e-10)  # (rtol, atol): two exact computations of one formula agree far closer than this

Rows = list[list[float]]


# -- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradientComparison:
    """One gradient, compared entry by entry with the numerical one."""

    name: str
    """``'dJdW1'`` or ``'dJdW2'``."""
    expected_shape: tuple[int, int]
    """The shape of its weight matrix, which the gradient must have."""
    shape: tuple[int, ...] | None
    """The shape of what the function returned (None if that was not an array)."""
    yours: Rows | None
    """What the function returned, as rows of floats (None if it could not be read as 2-D numbers)."""
    numerical: Rows
    """The numerical gradient: (J(w + ε) − J(w − ε)) / 2ε for each weight w."""
    ok: bool
    """True if every entry is within ``ATOL + RTOL·|numerical|`` of the numerical one."""
    largest_difference: float | None
    """max |yours − numerical| over the entries (None if the shapes differ)."""
    problem: str | None
    """What is wrong with it in words (None if it is right)."""


@dataclass(frozen=True)
class BackpropReport:
    """What :func:`check_backprop` found. ``print(report)`` gives the verdict, entry by entry."""

    ok: bool
    """True if both gradients are right."""
    ratio: float | None
    """The series' check, norm(grad − numgrad) / norm(grad + numgrad): about 1e-8 or less when
    right (None if the gradients could not be compared: wrong shapes, an exception)."""
    gradients: tuple[GradientComparison, GradientComparison]
    """dJdW1's and dJdW2's comparisons."""
    mistake: str | None
    """The likely mistake, named (None if the gradients are right or no usual mistake fits)."""
    advice: tuple[str, ...]
    """What to change, one sentence per mistake or problem found."""
    error: str | None
    """The exception the function raised, as ``'ValueError: ...'`` (None if it returned)."""
    backend: str
    """The backend whose arrays the function was given."""
    lam: float | None
    """λ: None for Part 4's gradient, a number for Part 7's regularized one."""
    seed: int | None
    """The seed of the network's weights (None: weights drawn afresh)."""

    def __str__(self) -> str:
        if self.ok:
            lines = ["Right: dJdW1 and dJdW2 match the numerical gradient, entry by entry."]
        elif self.error is not None:
            lines = [f"Your function raised {self.error}"]
            if self.mistake is not None:
                lines.append(f"Likely mistake: {self.mistake}.")
        elif self.mistake is not None:
            lines = [f"Not right: {self.mistake}."]
        elif all(g.yours is None for g in self.gradients):
            lines = ["Not right: there are no gradients to compare."]
        else:
            lines = ["Not right, and none of the usual mistakes gives these numbers."]
        lines += self.advice
        if self.ratio is not None:
            lines.append(
                f"norm(grad - numgrad)/norm(grad + numgrad) = {self.ratio:.2g} (right: about 1e-8 or less)"
            )
        for g in self.gradients:
            lines.append("")
            lines += _table(g)
        data = (
            "the series' data (3 students)"
            if self.lam is None
            else f"Part 7's data (4 students), λ = {self.lam:g}"
        )
        weights = "random weights" if self.seed is None else f"seed {self.seed}"
        lines += ["", f"Checked on {data}, {weights}, the {self.backend} backend, ε = 1e-4."]
        return "\n".join(lines)

    def __repr__(self) -> str:
        ratio = "None" if self.ratio is None else f"{self.ratio:.2g}"
        return f"<BackpropReport ok={self.ok} ratio={ratio} mistake={self.mistake!r}>"


def _table(g: GradientComparison) -> list[str]:
    """One gradient's entries, yours beside the numerical ones, or why they cannot be compared."""
    if g.yours is None or g.shape != g.expected_shape:
        problem = g.problem or "not compared"
        return [
            problem
            if problem.startswith(f"{g.name} ") or problem.startswith(f"{g.name}:")
            else f"{g.name}: {problem}"
        ]
    verdict = "right" if g.ok else "wrong"
    lines = [f"{g.name} {g.expected_shape}: {verdict}", f"  {'entry':8} {'yours':>13} {'numerical':>13}"]
    for r, (mine, theirs) in enumerate(zip(g.yours, g.numerical)):
        for c, (a, b) in enumerate(zip(mine, theirs)):
            mark = "" if _close(a, b, RTOL, ATOL) else "  <- differs"
            lines.append(f"  {f'[{r}, {c}]':8} {a:>13.6g} {b:>13.6g}{mark}")
    return lines


# -- the check -------------------------------------------------------------------------------


def check_backprop(
    costFunctionPrime: Any,
    *,
    lam: float | None = None,
    backend: BackendLike | None = None,
    seed: int | None = 0,
) -> BackpropReport:
    """Check a gradient function written as in the series against the numerical gradient.

    ``costFunctionPrime(NN, X, y)`` must return ``(dJdW1, dJdW2)``. It is called once, with
    a fresh network ``NN`` and fresh arrays of the series' data; what it does to them stays
    with them.

    - ``NN`` is the series' 2-3-1 :class:`~nnd.video.Neural_Network`: ``W1``, ``W2``,
      ``forward``, ``sigmoid``, ``sigmoidPrime``, ``Lambda``, and after ``forward`` the
      values ``z2``, ``a2``, ``z3``, ``yHat``, which the function may also set itself, as
      the series' ``self.yHat = self.forward(X)`` does. Its weights are drawn with ``seed``
      (``None``: afresh each call).
    - ``X``, ``y``: Part 4's three students with ``lam=None``; with ``lam`` a number, Part 7's
      four training examples, and the gradient checked is the regularized one,
      ``aᵀ·delta/m + λ·W``.

    ``backend``: the kind of arrays it gets. By default NumPy's if the function uses NumPy
    (it names ``np`` or ``numpy``, or a NumPy function or array), as the series' cells do;
    otherwise nnd's current backend (``nnd.get_backend()``: plain Python unless you chose
    another), which is what a notebook without NumPy, or the docs' cells in a browser, has.

    Returns a :class:`BackpropReport`; ``print(report)`` shows the verdict. A function
    that raises or returns something else than two gradients gets a report saying so.

    >>> import nnd
    >>> nnd.check_backprop(nnd.Neural_Network.costFunctionPrime).ok
    True
    >>> nnd.check_backprop("costFunctionPrime")
    Traceback (most recent call last):
    nnd.util.errors.InvalidTypeError: costFunctionPrime: expected a function, got str
    """
    function = checks.function(costFunctionPrime, "costFunctionPrime", optional=False)
    seed = checks.seed(seed)
    B = _backend_for(function) if backend is None else get_backend(backend)
    reference = Neural_Network(lam, seed=seed, backend=B)  # checks λ; never shown to the function
    lam = reference.Lambda
    X, y = _series_data(lam)
    numgrad = tuple(B.tolist(n) for n in numerical_gradient(reference, X, y, EPS))
    candidates = _candidates(reference, X, y)

    NN = _LearnerNetwork(lam, seed=0, backend=B)
    NN.W1, NN.W2 = B.tolist(reference.W1), B.tolist(reference.W2)  # the same weights, arrays of its own
    try:
        result = function(NN, B.asarray(X, "X"), B.asarray(y, "y"))
    except Exception as exc:  # the learner's mistake, reported; nnd's state is untouched
        return _raised(exc, function, candidates, numgrad, B, lam, seed, y)
    return _judge(result, candidates, numgrad, B, lam, seed)


def _series_data(lam: float | None) -> tuple[Rows, Rows]:
    """Part 4's three students, or (with λ) Part 7's four training examples, scaled."""
    from nnd import data

    if lam is None:
        return data.sleep_study()
    trainX, trainY, _, _ = data.train_test()
    return trainX, trainY


def _backend_for(function: Any) -> Backend:
    """NumPy's backend if ``function`` uses NumPy (and it is installed), else the current one."""
    if _uses_numpy(function):
        try:
            return get_backend("numpy")
        except NNDError:  # NumPy without nnd's adapter: nnd's arrays hand NumPy's functions their numbers
            pass
    return get_backend()


def _uses_numpy(function: Any, depth: int = 0, seen: frozenset[int] = frozenset()) -> bool:
    """True if the function's code names NumPy, or a global or closure value of NumPy's.

    The functions it calls by a global name are looked into too (three deep): a learner's
    ``costFunctionPrime`` may hand the work to a helper of their own.
    """
    names = {name for code in _code_objects(function) for name in code.co_names}
    if "numpy" in names:
        return True
    function = getattr(function, "__func__", function)  # a bound method
    spaces = getattr(function, "__globals__", {})
    values = [spaces[n] for n in names if n in spaces]
    values += [cell.cell_contents for cell in getattr(function, "__closure__", None) or () if _filled(cell)]
    if any(_of_numpy(v) for v in values):
        return True
    seen = seen | {id(function)}
    helpers = [v for v in values if hasattr(v, "__code__") and id(v) not in seen]
    return depth < 3 and any(_uses_numpy(v, depth + 1, seen) for v in helpers)


def _filled(cell: Any) -> bool:
    try:
        _ = cell.cell_contents
    except ValueError:  # an empty cell
        return False
    return True


def _of_numpy(value: Any) -> bool:
    home = getattr(value, "__name__", "") if type(value).__name__ == "module" else None
    if home is None:
        home = getattr(value, "__module__", None)
        home = home if isinstance(home, str) else type(value).__module__
    return home == "numpy" or home.startswith("numpy.")


class _LearnerNetwork(Neural_Network):
    """The network a learner's function gets: a Neural_Network on which ``NN.yHat = ...``
    (and z2, a2, z3, delta2, delta3) may also be set, as the series' class sets them.

    A value set so is read back until the next pass, which forgets it.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _KEPT:
            object.__setattr__(self, name, value)
        else:
            super().__setattr__(name, value)

    def _keep(self, z: dict[int, Any], a: dict[int, Any], delta: dict[int, Any]) -> None:
        for name in _KEPT:
            self.__dict__.pop(name, None)
        super()._keep(z, a, delta)


_KEPT = frozenset(("z2", "a2", "z3", "yHat", "delta2", "delta3"))


# -- the usual mistakes, computed ---------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """The gradients (and delta3) one combination of mistakes gives; None where it cannot run."""

    mistakes: tuple[str, ...]
    g1: Rows | None
    """dJdW1 (None after a 1-D y, which makes delta3·W2ᵀ impossible)."""
    g2: Rows
    """dJdW2."""
    delta3: Rows
    g2_other: tuple[tuple[str, Rows], ...]
    """dJdW2 with a mistake in its own line too: ``("mul2", a2ᵀ ⊙ delta3)``, ``("T2", a2·delta3)``."""


_WORDS = {
    "f3": "f′(z3) is missing from delta3",
    "f3a": "delta3 uses f′(yHat) where f′(z3) belongs",
    "f2": "f′(z2) is missing from delta2",
    "f2a": "delta2 uses f′(a2) where f′(z2) belongs",
    "dot2": "a matrix product where the element-wise one belongs, in delta2",
    "sign": "the sign is flipped",
    "y1d": "y is a 1-D vector of shape (m,), not a column (m, 1)",
    "lam": "the λ·W term is missing",
    "m": "the division by m is missing",
    "T1": "a transpose in the wrong place, in dJdW1",
    "T2": "a transpose in the wrong place, in dJdW2",
    "mul2": "an element-wise product where a matrix product belongs, in dJdW2",
    "swap": "dJdW1 and dJdW2 are swapped",
}
_ADVICE = {  # written with operators, which NumPy's arrays and nnd's own both have
    "f3": "delta3 = −(y − yHat) ⊙ f′(z3):  delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)",
    "f3a": "f′ takes z, not the activity: NN.sigmoidPrime(NN.z3), not NN.sigmoidPrime(NN.yHat).",
    "f2": "delta2 = (delta3·W2ᵀ) ⊙ f′(z2):  delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)",
    "f2a": "f′ takes z, not the activity: NN.sigmoidPrime(NN.z2), not NN.sigmoidPrime(NN.a2).",
    "dot2": "(delta3·W2ᵀ) ⊙ f′(z2) multiplies by f′(z2) element by element: * or np.multiply, "
    "not np.dot or @.",
    "sign": "The derivative of ½(y − yHat)² with respect to yHat is −(y − yHat): "
    "delta3 starts with -(y - NN.yHat).",
    "y1d": "y − yHat then broadcasts to an (m, m) table; keep y a column: y.reshape(-1, 1), "
    "or np.array([[75], [82], [93]]).",
    "lam": "Part 7 adds λ·W to each gradient:  dJdW2 = (NN.a2.T @ delta3)/X.shape[0] + NN.Lambda*NN.W2, "
    "and so for dJdW1.",
    "m": "Part 7 averages over the m examples:  dJdW2 = (NN.a2.T @ delta3)/X.shape[0] + NN.Lambda*NN.W2, "
    "and so for dJdW1.",
    "T1": "dJdW1 = Xᵀ·delta2, of W1's shape (2, 3):  np.dot(X.T, delta2) or X.T @ delta2; "
    "delta2ᵀ·X is its transpose.",
    "T2": "dJdW2 = a2ᵀ·delta3, of W2's shape (3, 1):  np.dot(NN.a2.T, delta3) or NN.a2.T @ delta3; "
    "delta3ᵀ·a2 is its transpose, and a2·delta3 is another product.",
    "mul2": "dJdW2 = a2ᵀ·delta3 sums over the examples: np.dot(NN.a2.T, delta3) or NN.a2.T @ delta3, not *.",
    "swap": "Return them in the series' order:  return dJdW1, dJdW2",
}
_ORDER = list(_WORDS)  # the order they are named in


def _candidates(net: Neural_Network, X: Rows, y: Rows) -> list[_Candidate]:
    """The gradients each combination of up to two mistakes gives, on ``net``'s weights.

    Computed here on plain lists, from the forward pass nnd computes on the python backend.
    Ordered from fewest mistakes to most, so the simplest explanation is found first.
    """
    B = net.backend
    W1, W2 = B.tolist(net.W1), B.tolist(net.W2)
    plain = Neural_Network(net.Lambda, seed=0, backend="python")
    plain.W1, plain.W2 = W1, W2
    plain.forward(X)
    a2, yHat = plain.a2.tolist(), plain.yHat.tolist()
    fz3, fz2 = plain.sigmoidPrime(plain.z3).tolist(), plain.sigmoidPrime(plain.z2).tolist()
    fa3, fa2 = plain.sigmoidPrime(yHat).tolist(), plain.sigmoidPrime(a2).tolist()
    lam, m = net.Lambda, float(len(X))
    y_row = [[row[0] for row in y]]  # a 1-D y broadcasts as NumPy broadcasts a row

    choices: list[list[str]] = [["", "f3", "f3a"], ["", "f2", "f2a", "dot2"], ["", "sign"], ["", "y1d"]]
    if lam is not None:
        choices.append(["", "lam", "m", "lam m"])
    found = []
    for combo in itertools.product(*choices):
        mistakes = tuple(word for part in combo for word in part.split())
        if len(mistakes) > 2:
            continue
        target = y_row if "y1d" in mistakes else y
        # delta3 = −(y − yHat) ⊙ f′(z3), with −(y − yHat) = yHat − y
        error = _ew(_sub, target, yHat) if "sign" in mistakes else _ew(_sub, yHat, target)
        f3 = {"f3": None, "f3a": fa3}.get(combo[0], fz3)
        delta3 = error if f3 is None else _ew(_mul, error, f3)
        assert delta3 is not None  # (m, 1) or (m, m): both fit f′(z3)'s (m, 1)
        dJdW2 = _dot(_t(a2), delta3)  # a2ᵀ·delta3
        other = [
            ("mul2", _ew(_mul, _t(a2), delta3)),
            ("T2", _dot(a2, delta3)),
        ]  # np.multiply(a2.T, ·), a2·delta3
        back = _dot(delta3, _t(W2))  # delta3·W2ᵀ
        if "dot2" in mistakes:
            delta2 = _dot(back, fz2)
            if delta2 is None:  # np.dot would raise here: no numbers to compare
                continue
        else:
            f2 = {"f2": None, "f2a": fa2}.get(combo[1], fz2)
            delta2 = back if f2 is None else _ew(_mul, back, f2)
        dJdW1 = _dot(_t(X), delta2)  # Xᵀ·delta2; None after a 1-D y: delta3·W2ᵀ cannot be formed
        if lam is not None:
            dJdW1 = _regularize(dJdW1, W1, lam, m, mistakes)
            dJdW2 = _regularize(dJdW2, W2, lam, m, mistakes)
            other = [(k, _regularize(g, W2, lam, m, mistakes)) for k, g in other]
        assert dJdW2 is not None
        kept = tuple((k, g) for k, g in other if g is not None)
        found.append(_Candidate(mistakes, dJdW1, dJdW2, delta3, kept))
    found.sort(key=lambda c: len(c.mistakes))
    return found


def _regularize(g: Rows | None, W: Rows, lam: float, m: float, mistakes: tuple[str, ...]) -> Rows | None:
    """Part 7's g/m + λ·W, without the parts ``mistakes`` leaves out (broadcast, as NumPy would)."""
    if g is not None and "m" not in mistakes:
        g = [[v / m for v in row] for row in g]
    if g is not None and "lam" not in mistakes:
        g = _ew(lambda a, b: a + lam * b, g, W)
    return g


def _sub(a: float, b: float) -> float:
    return a - b


def _mul(a: float, b: float) -> float:
    return a * b


def _ew(op: Callable[[float, float], float], A: Rows | None, B: Rows | None) -> Rows | None:
    """``op`` element by element, broadcasting length-1 axes as NumPy does (None if shapes do not fit)."""
    if A is None or B is None:
        return None
    (ra, ca), (rb, cb) = (len(A), len(A[0])), (len(B), len(B[0]))
    if (ra != rb and 1 not in (ra, rb)) or (ca != cb and 1 not in (ca, cb)):
        return None
    return [
        [op(A[i % ra][j % ca], B[i % rb][j % cb]) for j in range(max(ca, cb))] for i in range(max(ra, rb))
    ]


def _dot(A: Rows | None, B: Rows | None) -> Rows | None:
    """The matrix product A·B (None if the shapes do not fit)."""
    if A is None or B is None or len(A[0]) != len(B):
        return None
    columns = list(zip(*B))
    return [[math.fsum(a * b for a, b in zip(row, col)) for col in columns] for row in A]


def _t(A: Rows) -> Rows:
    """The transpose Aᵀ."""
    return [list(col) for col in zip(*A)]


# -- judging what came back ------------------------------------------------------------------------


def _close(a: float, b: float, rtol: float, atol: float) -> bool:
    return abs(a - b) <= atol + rtol * abs(b)


def _same(yours: Rows | None, theirs: Rows | None) -> bool:
    """True if the two are equally shaped and agree to rounding."""
    if yours is None or theirs is None or len(yours) != len(theirs):
        return False
    return all(
        len(r) == len(s) and all(_close(a, b, *_SAME) for a, b in zip(r, s)) for r, s in zip(yours, theirs)
    )


def _read(value: Any, name: str) -> tuple[Rows | None, tuple[int, ...] | None, str | None]:
    """(rows of floats, shape, a problem in words) of one returned gradient."""
    try:
        rows, shape = checks.as_nested(value, name)
    except Exception as exc:  # NaN, 3-D, not numbers at all, or an object that breaks when read
        text = str(exc) if isinstance(exc, NNDError) else f"{name}: could not be read: {_message(exc)}"
        return None, _shape_of(value), text
    if len(shape) != 2:
        return None, shape, None
    return rows, shape, None


def _shape_of(value: Any) -> tuple[int, ...] | None:
    try:
        shape = tuple(int(n) for n in value.shape)
    except Exception:  # no shape, or not one of ints
        return None
    return shape


def _message(exc: BaseException) -> str:
    """``'ValueError: message'``, cut to a readable length; never fails."""
    try:
        text = str(exc)
    except Exception:  # an exception whose message itself raises
        text = "(its message could not be read)"
    text = text if len(text) <= 300 else text[:297] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _judge(
    result: Any,
    candidates: list[_Candidate],
    numgrad: tuple[Rows, ...],
    B: Backend,
    lam: float | None,
    seed: int | None,
) -> BackpropReport:
    """The report on what the function returned."""
    shapes = tuple((len(n), len(n[0])) for n in numgrad)
    pair, problem = _pair(result)
    if pair is None:
        empty = tuple(
            _comparison(name, s, n, None, None, "not returned") for name, s, n in zip(_NAMES, shapes, numgrad)
        )
        return BackpropReport(False, None, (empty[0], empty[1]), None, (problem,), None, B.name, lam, seed)
    read = [_read(value, name) for value, name in zip(pair, _NAMES)]
    yours = [r[0] for r in read]
    comparisons = []
    for (name, shape, n), (rows, got, trouble) in zip(zip(_NAMES, shapes, numgrad), read):
        if trouble is None and got != shape:
            what = "not an array" if got is None else f"shape {got}"
            trouble = f"{name} has {what}; it must have its weight's shape, {shape}."
        comparisons.append(_comparison(name, shape, n, rows, got, trouble))
    ok = all(c.ok for c in comparisons)
    ratio = (
        _ratio(yours, numgrad) if all(c.shape == c.expected_shape and c.yours for c in comparisons) else None
    )
    mistake, advice = (None, ()) if ok else _explain(yours, candidates)
    if not ok and mistake is None and ratio is not None:
        advice = (_COMPARE,)
    return BackpropReport(
        ok, ratio, (comparisons[0], comparisons[1]), mistake, advice, None, B.name, lam, seed
    )


_NAMES = ("dJdW1", "dJdW2")
_COMPARE = (
    "Compare each line with the series': delta3 = −(y − yHat) ⊙ f′(z3), dJdW2 = a2ᵀ·delta3, "
    "delta2 = (delta3·W2ᵀ) ⊙ f′(z2), dJdW1 = Xᵀ·delta2."
)


def _pair(result: Any) -> tuple[tuple[Any, Any] | None, str]:
    """The two gradients, or None and what came back instead."""
    if isinstance(result, (tuple, list)) and len(result) == 2:
        return (result[0], result[1]), ""
    if result is None:
        return None, "It returned None: end it with  return dJdW1, dJdW2"
    if isinstance(result, (tuple, list)):
        return None, f"It returned {len(result)} values; it must return two:  return dJdW1, dJdW2"
    shape = _shape_of(result)
    what = f"one array of shape {shape}" if shape is not None else f"a {checks.describe(result)}"
    return None, f"It returned {what}; it must return two arrays:  return dJdW1, dJdW2"


def _comparison(
    name: str,
    shape: tuple[int, int],
    numerical: Rows,
    rows: Rows | None,
    got: tuple[int, ...] | None,
    problem: str | None,
) -> GradientComparison:
    if rows is None or got != shape:
        return GradientComparison(name, shape, got, rows, numerical, False, None, problem or "not compared")
    differences = [abs(a - b) for r, s in zip(rows, numerical) for a, b in zip(r, s)]
    ok = all(_close(a, b, RTOL, ATOL) for r, s in zip(rows, numerical) for a, b in zip(r, s))
    return GradientComparison(
        name, shape, got, rows, numerical, ok, max(differences), None if ok else f"{name} is wrong"
    )


def _ratio(yours: list[Rows | None], numgrad: tuple[Rows, ...]) -> float:
    """The series' norm(grad − numgrad) / norm(grad + numgrad), W1's entries then W2's."""
    g = [v for rows in yours if rows for row in rows for v in row]
    n = [v for rows in numgrad for row in rows for v in row]
    top = math.hypot(*(a - b for a, b in zip(g, n)))
    bottom = math.hypot(*(a + b for a, b in zip(g, n)))
    if bottom == 0.0:
        return 0.0 if top == 0.0 else math.inf
    return top / bottom


def _explain(yours: list[Rows | None], candidates: list[_Candidate]) -> tuple[str | None, tuple[str, ...]]:
    """The simplest combination of mistakes that gives exactly what was returned, named."""
    best: list[str] | None = None
    for c in candidates:
        for swapped in (False, True):
            found = _fit(c, yours, swapped)
            if found is not None and found and (best is None or len(found) < len(best)):
                best = found
    if best is None:
        return None, ()
    named = sorted(set(best), key=_ORDER.index)
    return "; ".join(_WORDS[m] for m in named), tuple(_ADVICE[m] for m in named)


def _fit(c: _Candidate, yours: list[Rows | None], swapped: bool) -> list[str] | None:
    """The mistakes with which ``c`` gives ``yours`` (returned in swapped order if ``swapped``), or None."""
    mistakes = [*c.mistakes, *(["swap"] if swapped else [])]
    returned = [yours[1], yours[0]] if swapped else yours
    # dJdW1: as computed, or transposed; after a 1-D y it cannot be computed: whatever came back fits
    if c.g1 is None:
        pass
    elif _same(returned[0], _t(c.g1)) and not _same(returned[0], c.g1):
        mistakes.append("T1")
    elif not _same(returned[0], c.g1):
        return None
    # dJdW2: as computed, transposed, or with its own product mistaken
    if _same(returned[1], c.g2):
        return mistakes
    if _same(returned[1], _t(c.g2)):
        return [*mistakes, "T2"]
    for word, rows in c.g2_other:
        if _same(returned[1], rows):
            return [*mistakes, word]
    return None


# -- a function that raised ----------------------------------------------------------------------


def _raised(
    exc: Exception,
    function: Any,
    candidates: list[_Candidate],
    numgrad: tuple[Rows, ...],
    B: Backend,
    lam: float | None,
    seed: int | None,
    y: Rows,
) -> BackpropReport:
    """The report on a function that raised ``exc``: where, and what its variables show."""
    error = _message(exc)
    frame, line = _learner_frame(exc, function)
    advice: list[str] = [line] if line else []
    mistake = None
    if frame is not None:
        mistake, notes = _look_at_locals(dict(frame.f_locals), candidates, y)
        advice += notes
    if mistake is None:
        mistake, hint = _shape_error(error)
        advice += hint
    del frame
    shapes = [(len(n), len(n[0])) for n in numgrad]
    why = "not returned: the function raised an exception"
    empty = [_comparison(name, s, n, None, None, why) for name, s, n in zip(_NAMES, shapes, numgrad)]
    return BackpropReport(False, None, (empty[0], empty[1]), mistake, tuple(advice), error, B.name, lam, seed)


def _code_objects(function: Any) -> list[Any]:
    """The code of ``function`` and of the functions, lambdas and comprehensions inside it."""
    function = getattr(function, "__func__", function)
    code = getattr(function, "__code__", None)
    found, stack = [], [code] if code is not None else []
    while stack:
        c = stack.pop()
        found.append(c)
        stack.extend(k for k in c.co_consts if hasattr(k, "co_names"))
    return found


def _learner_frame(exc: BaseException, function: Any) -> tuple[Any, str]:
    """The innermost frame of the function's own code the exception passed through, and its line in words."""
    codes = _code_objects(function)
    frame, lineno = None, 0
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code in codes:
            frame, lineno = tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next
    if frame is None:
        return None, ""
    code = frame.f_code
    source = linecache.getline(code.co_filename, lineno, frame.f_globals).strip()
    where = (
        f"line {lineno - codes[0].co_firstlineno + 1} of {code.co_name}" if code is codes[0] else code.co_name
    )
    return frame, f"It was raised at {where}:  {source}" if source else f"It was raised at {where}."


_SHAPES = {  # the series' variables and their shapes, with m examples
    "X": ("m", 2),
    "y": ("m", 1),
    "z2": ("m", 3),
    "a2": ("m", 3),
    "z3": ("m", 1),
    "yHat": ("m", 1),
    "delta3": ("m", 1),
    "dJdW2": (3, 1),
    "delta2": ("m", 3),
    "dJdW1": (2, 3),
}


def _look_at_locals(
    variables: dict[str, Any], candidates: list[_Candidate], y: Rows
) -> tuple[str | None, list[str]]:
    """A 1-D y, found in the function's variables, and the series' variables whose shapes are wrong."""
    m = len(y)
    notes, mistake = [], None
    for name, value in variables.items():
        shape = _shape_of(value) if not isinstance(value, (list, tuple)) else None
        expected = _SHAPES.get(name)
        if shape is not None and expected is not None:
            want = tuple(m if n == "m" else n for n in expected)
            if shape != want:
                notes.append(f"{name} has shape {shape}; it should have {want}.")
        if mistake is None and m > 1 and shape in ((m,), (m, m)) and _is_1d_y(value, y, candidates):
            mistake = _WORDS["y1d"]
    if mistake is not None:
        notes.append(_ADVICE["y1d"])
    return mistake, notes


def _is_1d_y(value: Any, y: Rows, candidates: list[_Candidate]) -> bool:
    """True if ``value`` is y's numbers in a 1-D vector, or the delta3 such a y gives."""
    try:
        rows, shape = checks.as_nested(value, "value")
    except Exception:  # not numbers: not y
        return False
    if len(shape) == 1:
        return _same([rows], [[row[0] for row in y]])
    return any("y1d" in c.mistakes and _same(rows, c.delta3) for c in candidates)


def _shape_error(error: str) -> tuple[str | None, list[str]]:
    """The kind of product a shape error (NumPy's, nnd's, PyTorch's) came from, and the shapes to aim for."""
    text = error.lower()
    if any(
        w in text for w in ("not aligned", "matmul", "do not align", "cannot be multiplied", "core dimension")
    ):
        mistake = (
            "a matrix product whose shapes do not fit: a matrix product where an element-wise one "
            "belongs, or a transpose in the wrong place"
        )
    elif any(w in text for w in ("broadcast", "elementwise", "must match the size", "equal shapes")):
        mistake = (
            "an element-wise product of arrays of different shapes: an element-wise product where "
            "a matrix product belongs, or a transpose in the wrong place"
        )
    else:
        return None, []
    return mistake, [
        "Each line's shape, with m examples: delta3 (m, 1) = −(y − yHat) ⊙ f′(z3); "
        "dJdW2 (3, 1) = a2ᵀ·delta3; delta2 (m, 3) = (delta3·W2ᵀ) ⊙ f′(z2); dJdW1 (2, 3) = Xᵀ·delta2.",
        "⊙ multiplies element by element (* or np.multiply); · is a matrix product (np.dot or @).",
    ]
