"""The chapters' exercises with a Check: right answers pass, each usual mistake is named.

Every answer here is written out by hand as a learner would write it, so a check that
accepted a wrong answer, refused a right one written another way, or named the wrong
mistake fails.
"""

from __future__ import annotations

import re
import textwrap

import pytest

import nnd
from nnd.explore import exercises


def code(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


RIGHT = {
    "scale": code("""
        def scale(X):
            m = [max(c) for c in zip(*X)]
            return [[v / k for v, k in zip(r, m)] for r in X]
        """),
    "forward": code("""
        def forward(X, W1, W2):
            return sigmoid(sigmoid(X @ W1) @ W2)
        """),
    "cost": code("""
        def costFunction(y, yHat):
            J = 0
            for t, p in zip(y, yHat):
                J = J + 0.5 * (t - p) ** 2
            return J
        """),
    "backprop": code("""
        def costFunctionPrime(NN, X, y):
            NN.yHat = NN.forward(X)
            delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
            dJdW2 = NN.a2.T @ delta3
            delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
            return X.T @ delta2, dJdW2
        """),
    "derivative": code("""
        def numerical_derivative(f, x, epsilon=1e-4):
            return (f(x + epsilon) - f(x - epsilon)) / 2 / epsilon
        """),
    "step": code("""
        def step(W, dJdW, learning_rate):
            return [w - learning_rate * d for w, d in zip(W, dJdW)]
        """),
    "regularized": code("""
        def costFunctionPrime(NN, X, y):
            NN.yHat = NN.forward(X)
            m = X.shape[0]
            delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
            dJdW2 = NN.a2.T @ delta3 / m + NN.Lambda * NN.W2
            delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
            return X.T @ delta2 / m + NN.Lambda * NN.W1, dJdW2
        """),
    "accuracy": code("""
        def accuracy(outputs, labels):
            read = [row.index(max(row)) for row in outputs]
            return sum(r == t for r, t in zip(read, labels)) / len(labels)
        """),
}

SCALE, FORWARD, COST = "def scale(X):\n", "def forward(X, W1, W2):\n", "def costFunction(y, yHat):\n"
DERIVATIVE, STEP = "def numerical_derivative(f, x, epsilon=1e-4):\n", "def step(W, dJdW, learning_rate):\n"
NO_LAMBDA = RIGHT["regularized"].replace(" + NN.Lambda * NN.W1", "").replace(" + NN.Lambda * NN.W2", "")
WRONG = [  # (exercise, a learner's wrong answer, words of the mistake named)
    ("scale", SCALE + "    top = max(max(r) for r in X)\n    return [[v / top for v in r] for r in X]\n",
     "largest value of all"),
    ("scale", SCALE + "    return [[v / max(r) for v in r] for r in X]\n", "row's maximum"),
    ("forward", FORWARD + "    return sigmoid(X @ W1) @ W2\n", "output's sigmoid"),
    ("forward", FORWARD + "    return sigmoid((X @ W1) @ W2)\n", "hidden layer's sigmoid"),
    ("cost", COST + "    return sum((t - p) ** 2 for t, p in zip(y, yHat))\n", "½ is missing"),
    ("cost", COST + "    return 0.5 * sum(t - p for t, p in zip(y, yHat)) ** 2\n", "sum is squared"),
    ("cost", COST + "    return 0.5 * sum((t - p) ** 2 for t, p in zip(y, yHat)) / len(y)\n", "averaged"),
    ("backprop", RIGHT["backprop"].replace(" * NN.sigmoidPrime(NN.z2)", ""), "f′(z2) is missing"),
    ("backprop", RIGHT["backprop"].replace("-(y - NN.yHat)", "(y - NN.yHat)"), "sign is flipped"),
    ("derivative", DERIVATIVE + "    return (f(x + epsilon) - f(x)) / epsilon\n", "one-sided"),
    ("derivative", DERIVATIVE + "    return (f(x + epsilon) - f(x - epsilon)) / epsilon\n", "2 of 2ε"),
    ("step", STEP + "    return [w + learning_rate * d for w, d in zip(W, dJdW)]\n", "uphill"),
    ("step", STEP + "    return [w - d for w, d in zip(W, dJdW)]\n", "learning rate is missing"),
    ("regularized", NO_LAMBDA, "λ"),
    ("accuracy", RIGHT["accuracy"].replace(" / len(labels)", ""), "divide by how many"),
    ("accuracy", RIGHT["accuracy"].replace("max(row)", "min(row)"), "smallest output"),
]  # fmt: skip


@pytest.mark.parametrize("name", sorted(exercises.EXERCISES))
def test_a_right_answer_is_right(name: str) -> None:
    report = exercises.check(name, RIGHT[name])
    assert report["ok"] and report["mistake"] is None, report["verdict"]
    assert report["verdict"].startswith("Right")


@pytest.mark.parametrize("name", sorted(exercises.EXERCISES))
def test_the_starter_left_unfinished_is_not_right(name: str) -> None:
    report = exercises.check(name, exercises.starter(name)["starter"])
    assert not report["ok"], report["verdict"]


@pytest.mark.parametrize(("name", "code", "words"), WRONG)
def test_a_usual_mistake_is_named(name: str, code: str, words: str) -> None:
    report = exercises.check(name, code)
    assert not report["ok"]
    assert report["mistake"] is not None and words in report["mistake"], report["verdict"]
    assert "✗" in report["verdict"] or "Not right" in report["verdict"]


def test_a_function_object_is_checked_too() -> None:  # as in Jupyter
    def scale(X):
        maxima = [max(column) for column in zip(*X)]
        return [[v / m for v, m in zip(row, maxima)] for row in X]

    assert exercises.check("scale", scale)["ok"]
    assert not exercises.check("scale", lambda X: [[3 / 10, 5 / 5], [5 / 10, 1 / 5], [10 / 10, 2 / 5]])["ok"]


def test_an_answer_hard_coded_for_the_series_data_is_not_right() -> None:
    code = "def scale(X):\n    return [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]\n"
    report = exercises.check("scale", code)
    assert not report["ok"] and report["verdict"].count("✓") == 1 and report["verdict"].count("✗") == 1


def test_changing_the_callers_data_is_pointed_out() -> None:
    code = (
        "def scale(X):\n    m = [max(c) for c in zip(*X)]\n    for r in X:\n"
        "        for j in range(len(r)):\n            r[j] = r[j] / m[j]\n    return X\n"
    )
    report = exercises.check("scale", code)
    assert report["ok"] and "changed the X it was given" in report["verdict"]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("def forward(X, W1, W2)\n    return X\n", "Python cannot read line 1 of your code"),
        ("x = 1\n\ndef forward(X, W1, W2):\n    return X @ W2\n", "raised"),
        ("y = 1 / 0\n", "Your code raised ZeroDivisionError at line 1 of your code"),
        ("def forwards(X, W1, W2):\n    return X\n", "defines no function forward()"),
    ],
)
def test_code_that_cannot_run_gets_a_report_with_its_line(code: str, words: str) -> None:
    report = exercises.check("forward", code)
    assert not report["ok"] and words in report["verdict"], report["verdict"]


def test_an_unfinished_start_says_the_dots_are_still_there() -> None:
    report = exercises.check("cost", exercises.starter("cost")["starter"])
    assert report["verdict"].startswith("Your function raised TypeError at line 4 of your code: ")
    assert report["verdict"].endswith("A ... is still in your code: write your expression in its place")


def test_an_exception_inside_the_function_names_the_learners_line() -> None:
    code = "def costFunction(y, yHat):\n    J = 0\n    return J + undefined_name\n"
    report = exercises.check("cost", code)
    assert report["verdict"] == (
        "Your function raised NameError at line 3 of your code: name 'undefined_name' is not defined"
    )


BAD = [(("chapter9", "x"), "name: expected one of"), (("cost", 42), "code")]


@pytest.mark.parametrize(("args", "words"), BAD)
def test_bad_requests_are_refused_by_name(args: tuple, words: str) -> None:
    with pytest.raises(nnd.NNDError, match=re.escape(words)):
        exercises.check(*args)
    with pytest.raises(nnd.NNDError, match="name"):
        exercises.starter("chapter9")
