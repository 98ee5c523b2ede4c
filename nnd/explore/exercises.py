"""Exercises with a Check: the learner writes one function, nnd says what is right and what is not.

Each chapter of the tutorial has one (:data:`EXERCISES`): scale the data (chapter 1), the
forward pass (2), the cost (3), backpropagation (4), a numerical derivative (5), a step of
gradient descent (6), the regularized gradient (7) and the accuracy on digits (8). The page's
Check button sends the code in its editor to :func:`check`; in Jupyter, hand :func:`check`
the function itself. The function is called on the series' data (and, where a hard-coded
answer could pass, on other numbers too), compared with nnd's own answer, and the verdict
names the likely mistake when the numbers are exactly what that mistake gives:

>>> def costFunction(y, yHat):
...     return sum((t - p) ** 2 for t, p in zip(y, yHat))
>>> report = check("cost", costFunction)
>>> report["ok"], report["mistake"]
(False, 'the ½ is missing')
>>> right = "def costFunction(y, yHat):\\n    return 0.5 * sum((t - p) ** 2 for t, p in zip(y, yHat))"
>>> check("cost", right)["ok"]
True

A report is ``{"ok", "mistake", "verdict"}``: ``mistake`` is ``None`` when right or when no
usual mistake fits, ``verdict`` lines of text for the learner. Code that Python cannot read,
or a function that raises, gets a report that says so with the line it came from.
"""

from __future__ import annotations

import math
import random
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nnd.util import checks
from nnd.util.errors import InvalidTypeError

Rows = list[list[float]]
_FILE = "<your code>"


@dataclass(frozen=True)
class Exercise:
    """One exercise: the function the learner writes, what it should do, and a start."""

    chapter: int
    function: str
    task: str
    starter: str
    judge: Callable[[Callable[..., Any]], dict[str, Any]]


def _report(ok: bool, lines: list[str], mistake: str | None = None) -> dict[str, Any]:
    return {"ok": ok, "mistake": mistake, "verdict": "\n".join(lines)}


def _close(a: Any, b: Any, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    """Equal numbers, or nested lists of them, to within rounding."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y, rel, abs_) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)
    return False


def _plain(value: Any) -> Any:
    """An nnd or NumPy array as nested lists; numbers and lists as they are."""
    tolist = getattr(value, "tolist", None)
    return tolist() if callable(tolist) else value


def _judge_values(
    cases: list[tuple[str, Any, Any]], candidates: Callable[[int], dict[str, Any]], what: str
) -> dict[str, Any]:
    """Compare each case's answer (``name, yours, right``); name the mistake whose answers fit."""
    wrong = [k for k, (_, yours, right) in enumerate(cases) if not _close(_plain(yours), right)]
    lines = []
    for k, (name, yours, right) in enumerate(cases):
        mark = "✗" if k in wrong else "✓"
        lines.append(f"{mark} {name}: yours {_shown(_plain(yours))}, expected {_shown(right)}")
    if not wrong:
        return _report(True, [f"Right: {what} for every case.", *lines])
    for mistake in candidates(0):
        if all(_close(_plain(yours), candidates(k)[mistake]) for k, (_, yours, _) in enumerate(cases)):
            return _report(False, [f"Not right: {mistake}.", *lines], mistake)
    return _report(False, ["Not right, and none of the usual mistakes gives these numbers.", *lines])


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return repr(value)


# -- chapter 1: scaling -------------------------------------------------------------------------
def _scale_right(X: Rows) -> Rows:
    maxima = [max(column) for column in zip(*X)]
    return [[v / m for v, m in zip(row, maxima, strict=True)] for row in X]


def _scale_mistakes(X: Rows) -> dict[str, Any]:
    largest = max(max(row) for row in X)
    sums = [sum(column) for column in zip(*X)]
    return {
        "each value is divided by the largest value of all, not by its own column's maximum": [
            [v / largest for v in row] for row in X
        ],
        "each value is divided by its row's maximum, not its column's (np.amax(X, axis=0) is per column)": [
            [v / max(row) for v in row] for row in X
        ],
        "each value is divided by its column's sum, not its maximum": [
            [v / s for v, s in zip(row, sums, strict=True)] for row in X
        ],
        "nothing is scaled": [list(row) for row in X],
    }


def _judge_scale(scale: Callable[..., Any]) -> dict[str, Any]:
    data = [[[3.0, 5.0], [5.0, 1.0], [10.0, 2.0]], [[4.0, 5.5], [4.5, 1.0], [9.0, 2.5], [6.0, 2.0]]]
    copies = [[list(row) for row in X] for X in data]
    answers = [scale(X) for X in copies]
    changed = any(X != original for X, original in zip(copies, data, strict=True))
    cases = [(f"X = {_shown(X)}", a, _scale_right(X)) for X, a in zip(data, answers, strict=True)]
    what = "every column is divided by its maximum"
    report = _judge_values(cases, lambda k: _scale_mistakes(data[k]), what)
    if changed:
        report["verdict"] += "\nNote: your function changed the X it was given; return new rows instead."
    return report


# -- chapter 2: the forward pass ----------------------------------------------------------------
def _judge_forward(forward: Callable[..., Any]) -> dict[str, Any]:
    from nnd.data import sleep_study
    from nnd.network import Network

    X = sleep_study()[0]
    cases, mistakes = [], []
    for seed in (0, 1):
        net = Network((2, 3, 1), seed=seed, backend="python")
        B = net.backend
        right = net.forward(X).tolist()
        yours = forward(B.asarray(X, "X"), B.asarray(net.W1.tolist(), "W1"), B.asarray(net.W2.tolist(), "W2"))
        cases.append((f"yHat with the weights of seed {seed}", yours, right))
        z2 = (B.asarray(X) @ net.W1).tolist()
        a2 = B.sigmoid(B.asarray(z2)).tolist()
        z3 = net.z3.tolist()
        no_hidden = (B.asarray(z2) @ net.W2).tolist()
        mistakes.append({
            "yHat is z3: the output's sigmoid, equation (4), is missing": z3,
            "the hidden layer's sigmoid, equation (2), is missing": B.sigmoid(B.asarray(no_hidden)).tolist(),
            "both sigmoids are missing": no_hidden,
            "a2 is returned: the second layer, equations (3) and (4), is missing": a2,
        })  # fmt: skip
    return _judge_values(cases, lambda k: mistakes[k], "yHat matches nnd's forward pass")


# -- chapter 3: the cost ------------------------------------------------------------------------
def _judge_cost(costFunction: Callable[..., Any]) -> dict[str, Any]:
    data = [([0.75, 0.82, 0.93], [0.3528, 0.3393, 0.3976]), ([0.7, 0.89, 0.85, 0.75], [0.9, 0.5, 0.6, 0.8])]
    cases, mistakes = [], []
    for y, yHat in data:
        errors = [t - p for t, p in zip(y, yHat, strict=True)]
        J = 0.5 * sum(e * e for e in errors)
        cases.append((f"y = {_shown(y)}, yHat = {_shown(yHat)}", costFunction(list(y), list(yHat)), J))
        mistakes.append({
            "the ½ is missing": 2 * J,
            "the errors are averaged (Part 7's cost), not summed as equation (5) does": J / len(y),
            "the errors are not squared": 0.5 * sum(errors),
            "the sum is squared, not each error": 0.5 * sum(errors) ** 2,
            "the errors' sizes are summed, not their squares": 0.5 * sum(abs(e) for e in errors),
        })  # fmt: skip
    return _judge_values(cases, lambda k: mistakes[k], "J = ½ Σ (y − yHat)², equation (5)")


# -- chapter 4 and 7: backpropagation -----------------------------------------------------------
def _judge_backprop(lam: float | None) -> Callable[[Callable[..., Any]], dict[str, Any]]:
    def judge(costFunctionPrime: Callable[..., Any]) -> dict[str, Any]:
        from nnd.checker import check_backprop

        report = check_backprop(costFunctionPrime, lam=lam, backend="python")
        return _report(report.ok, str(report).splitlines(), report.mistake)

    return judge


# -- chapter 5: a numerical derivative ----------------------------------------------------------
def _judge_derivative(numerical_derivative: Callable[..., Any]) -> dict[str, Any]:
    e = 1e-4
    functions: list[tuple[str, Callable[[float], float], float]] = [
        ("x³", lambda x: x**3, 2.0),
        ("sin x", math.sin, 1.0),
        ("eˣ", math.exp, -0.5),
    ]
    cases, mistakes = [], []
    for name, f, x in functions:
        plus, here, minus = f(x + e), f(x), f(x - e)
        cases.append((f"{name} at x = {x:g}", numerical_derivative(f, x), (plus - minus) / (2 * e)))
        one_sided = "it is a one-sided difference, {}: use f(x + ε) and f(x − ε)"
        mistakes.append({
            one_sided.format("(f(x + ε) − f(x)) / ε"): (plus - here) / e,
            one_sided.format("(f(x) − f(x − ε)) / ε"): (here - minus) / e,
            "the 2 of 2ε is missing: divide by 2ε": (plus - minus) / e,
            "it is divided by 2, then multiplied by ε: write / (2 * epsilon)": (plus - minus) / 2 * e,
            "the sign is flipped: f(x + ε) comes first": (minus - plus) / (2 * e),
        })  # fmt: skip
    # the one-sided differences are off by about ε·f″/2, some 1e-5 here: far beyond rounding
    return _judge_values(cases, lambda k: mistakes[k], "the central difference with ε = 1e-4")


# -- chapter 6: a step of gradient descent ------------------------------------------------------
def _judge_step(step: Callable[..., Any]) -> dict[str, Any]:
    rng = random.Random(6)
    cases, mistakes = [], []
    for eta in (1.0, 0.5):
        W = [rng.uniform(-2, 2) for _ in range(9)]
        g = [rng.uniform(-0.3, 0.3) for _ in range(9)]
        given = list(W)
        yours = step(given, list(g), eta)
        cases.append((f"learning_rate = {eta:g}", yours, [w - eta * d for w, d in zip(W, g, strict=True)]))
        pairs = list(zip(W, g, strict=True))
        mistakes.append({
            "the step goes uphill: subtract learning_rate × dJdW": [w + eta * d for w, d in pairs],
            "the learning rate is missing": [w - d for w, d in pairs],
            "the gradient is divided by the learning rate, not multiplied": [w - d / eta for w, d in pairs],
            "the new weights are the step alone: add it to W": [-eta * d for d in g],
        })  # fmt: skip
    return _judge_values(cases, lambda k: mistakes[k], "W − η·dJdW, each weight")


# -- chapter 8: accuracy ------------------------------------------------------------------------
def _judge_accuracy(accuracy: Callable[..., Any]) -> dict[str, Any]:
    rng = random.Random(8)
    cases, mistakes = [], []
    for n in (20, 7):
        outputs = [[rng.random() for _ in range(10)] for _ in range(n)]
        best = [max(range(10), key=row.__getitem__) for row in outputs]
        labels = [b if rng.random() < 0.6 else rng.randrange(10) for b in best]
        right = sum(b == t for b, t in zip(best, labels, strict=True))
        worst = [min(range(10), key=row.__getitem__) for row in outputs]
        cases.append((f"{n} examples", accuracy([list(r) for r in outputs], list(labels)), right / n))
        mistakes.append(
            {
                "it counts the examples read right: divide by how many there are": right,
                "it is the fraction read wrong": (n - right) / n,
                "the class read is the smallest output, not the largest": sum(
                    w == t for w, t in zip(worst, labels, strict=True)
                )
                / n,
                "it is a percentage: the accuracy is a fraction from 0 to 1": 100 * right / n,
            }
        )
    what = "the fraction of examples whose largest output is the label"
    return _judge_values(cases, lambda k: mistakes[k], what)


EXERCISES: dict[str, Exercise] = {
    "scale": Exercise(1, "scale", "Scale X as Part 1 does: divide each column by its maximum.",
        "def scale(X):\n    # X: rows of [hours of sleep, hours of study]\n"
        "    maxima = [max(column) for column in zip(*X)]\n"
        "    return [[value / ... for value, m in zip(row, maxima)] for row in X]\n", _judge_scale),
    "forward": Exercise(2, "forward", "Write the forward pass, equations (1) to (4); sigmoid is given.",
        "def forward(X, W1, W2):\n    z2 = X @ W1          # (1)\n    a2 = sigmoid(z2)     # (2)\n"
        "    z3 = ...             # (3)\n    yHat = ...           # (4)\n    return yHat\n", _judge_forward),
    "cost": Exercise(3, "costFunction", "Write the cost, equation (5), for lists of scores y and yHat.",
        "def costFunction(y, yHat):\n    J = 0\n    for t, p in zip(y, yHat):\n        J = J + ...\n"
        "    return J\n", _judge_cost),
    "backprop": Exercise(4, "costFunctionPrime", "Write dJdW1 and dJdW2, equations (6) to (7a).",
        "def costFunctionPrime(NN, X, y):\n    NN.yHat = NN.forward(X)\n"
        "    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)\n    dJdW2 = NN.a2.T @ delta3\n"
        "    delta2 = ...\n    dJdW1 = ...\n    return dJdW1, dJdW2\n", _judge_backprop(None)),
    "derivative": Exercise(5, "numerical_derivative", "Estimate f′(x) with a central difference, ε = 1e-4.",
        "def numerical_derivative(f, x, epsilon=1e-4):\n    return (f(x + epsilon) - ...) / ...\n",
        _judge_derivative),
    "step": Exercise(6, "step", "Take one step of gradient descent on the flat list of weights W.",
        "def step(W, dJdW, learning_rate):\n    return [w - ... for w, d in zip(W, dJdW)]\n", _judge_step),
    "regularized": Exercise(7, "costFunctionPrime", "Write Part 7's gradient: averaged over m, plus λ·W.",
        "def costFunctionPrime(NN, X, y):\n    NN.yHat = NN.forward(X)\n    m = X.shape[0]\n"
        "    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)\n"
        "    dJdW2 = NN.a2.T @ delta3 / m + NN.Lambda * NN.W2\n"
        "    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)\n    dJdW1 = ...\n"
        "    return dJdW1, dJdW2\n", _judge_backprop(1e-4)),
    "accuracy": Exercise(8, "accuracy", "The fraction of examples whose largest output is at their label.",
        "def accuracy(outputs, labels):\n    # outputs: rows of 10 numbers; labels: the digits, 0 to 9\n"
        "    read = [row.index(max(row)) for row in outputs]\n"
        "    return ...\n", _judge_accuracy),
}  # fmt: skip
"""The exercises by name, one per chapter."""


def starter(name: str) -> dict[str, Any]:
    """What the page shows before any code is written: ``{"name", "chapter", "function", "task", "starter"}``.

    >>> starter("forward")["function"], starter("forward")["chapter"]
    ('forward', 2)
    """
    exercise = EXERCISES[checks.choice(name, "name", tuple(EXERCISES))]
    return {
        "name": name,
        "chapter": exercise.chapter,
        "function": exercise.function,
        "task": exercise.task,
        "starter": exercise.starter,
    }


def check(name: str, code: str | Callable[..., Any]) -> dict[str, Any]:
    """Check the exercise ``name`` with ``code``: the source defining its function, or the function.

    >>> uphill = "def step(W, dJdW, rate):\\n    return [w + rate * d for w, d in zip(W, dJdW)]"
    >>> check("step", uphill)["mistake"]
    'the step goes uphill: subtract learning_rate × dJdW'
    >>> print(check("forward", "def forward(X, W1, W2)\\n    return X")["verdict"])
    Python cannot read line 1 of your code: expected ':'
    """
    exercise = EXERCISES[checks.choice(name, "name", tuple(EXERCISES))]
    if isinstance(code, str):
        function = _define(code, exercise.function)
        if isinstance(function, dict):
            return function  # the report of code that could not be run
    elif callable(code):
        function = code
    else:
        expected = f"the source of {exercise.function}() or the function"
        raise InvalidTypeError(f"code: expected {expected}, got {type(code).__name__}")
    try:
        return exercise.judge(function)
    except Exception as exc:  # the learner's mistake is the finding, not an error of nnd's
        return _report(False, [f"Your function raised {_raised(exc)}"])


def _define(code: str, name: str) -> Callable[..., Any] | dict[str, Any]:
    """Run the learner's source and return its function ``name`` (or a report saying what went wrong)."""
    from nnd.video import Neural_Network

    namespace: dict[str, Any] = {"__name__": "exercise", "math": math}
    namespace["sigmoid"] = Neural_Network(seed=0, backend="python").sigmoid
    try:
        compiled = compile(code, _FILE, "exec")
    except SyntaxError as exc:
        return _report(False, [f"Python cannot read line {exc.lineno} of your code: {exc.msg}"])
    try:
        exec(compiled, namespace)  # the learner's own code, in the learner's own Python
    except Exception as exc:
        return _report(False, [f"Your code raised {_raised(exc)}"])
    function = namespace.get(name)
    if not callable(function):
        return _report(False, [f"Your code defines no function {name}(): write def {name}(...):"])
    defined: Callable[..., Any] = function
    return defined


def _raised(exc: BaseException) -> str:
    """The exception as ``'TypeError at line 3: ...'``, the line being the learner's own where known."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == _FILE:
            line = frame.lineno
    where = f" at line {line} of your code" if line is not None else ""
    unfinished = "ellipsis" in str(exc)  # the start's ... left in
    hint = ". A ... is still in your code: write your expression in its place" if unfinished else ""
    return f"{type(exc).__name__}{where}: {exc}{hint}"
