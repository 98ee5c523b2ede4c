"""Each chapter's exercise with a Check, driven in Chromium as a learner drives it, offline.

On every chapter: Check the unfinished start (not right), type a right answer and Check (right).
On one chapter, also a usual mistake (named) and Start again. The pages fit a 390 px phone and a
1280 px desktop (screenshots in ``NND_SHOTS``, default ``docs/_build/check-shots``), and nothing
is requested outside 127.0.0.1. The time from a click to the verdict is printed, never a pass mark.
"""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

from conftest import DOCS
from runnercheck import open_page

SHOTS = Path(os.environ.get("NND_SHOTS", DOCS / "_build" / "check-shots"))
CK = "[data-nnd-widget='check']"
PYTHON_START_MS = 180_000
RIGHT = {  # a right answer for each chapter's exercise, written as a learner might
    "data": """
def scale(X):
    top = [max(c) for c in zip(*X)]
    return [[v / t for v, t in zip(r, top)] for r in X]""",
    "forward-pass": """
def forward(X, W1, W2):
    a2 = sigmoid(X @ W1)
    return sigmoid(a2 @ W2)""",
    "cost": """
def costFunction(y, yHat):
    return 0.5 * sum((a - b) ** 2 for a, b in zip(y, yHat))""",
    "backpropagation": """
def costFunctionPrime(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2""",
    "gradient-checking": """
def numerical_derivative(f, x, epsilon=1e-4):
    return (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)""",
    "training": """
def step(W, dJdW, learning_rate):
    return [w - learning_rate * g for w, g in zip(W, dJdW)]""",
    "overfitting": """
def costFunctionPrime(NN, X, y):
    NN.yHat = NN.forward(X)
    m = X.shape[0]
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3 / m + NN.Lambda * NN.W2
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2 / m + NN.Lambda * NN.W1
    return dJdW1, dJdW2""",
    "digits": """
def accuracy(outputs, labels):
    hits = 0
    for row, label in zip(outputs, labels):
        hits += row.index(max(row)) == label
    return hits / len(labels)""",
}
RIGHT = {chapter: text.lstrip("\n") for chapter, text in RIGHT.items()}


def check(page) -> tuple[bool, str, float]:
    """Click Check; the verdict, whether it says right, and the milliseconds it took."""
    root = page.locator(CK)
    root.evaluate("r => { delete r.dataset.ok; }")
    page.locator(f"{CK} [data-nnd-action='check']").click()
    page.wait_for_selector(f"{CK}[data-ok]", state="attached", timeout=30_000)
    verdict = page.locator(f"{CK} [data-nnd-readout='verdict']").inner_text()
    return root.get_attribute("data-ok") == "1", verdict, float(root.get_attribute("data-ms"))


def retype(page, code: str) -> None:
    """Select everything in the editor and type ``code`` over it, key by key."""
    editor = page.locator(f"{CK} [data-nnd-readout='code']")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    editor.press_sequentially(code, delay=0)


def visit(browser, site_url: str, chapter: str, width: int, log: list[str]):
    context, page = open_page(
        browser, f"{site_url}tutorial/{chapter}.html", log, [], viewport={"width": width, "height": 900}
    )
    page.wait_for_selector(f"{CK}[data-ready='1']", state="attached", timeout=PYTHON_START_MS)
    return context, page


def test_every_chapters_exercise_checks_a_start_and_a_right_answer(browser, site_url: str) -> None:
    log: list[str] = []
    times: list[float] = []
    for chapter, code in RIGHT.items():
        context, page = visit(browser, site_url, chapter, 390, log)
        try:
            ok, verdict, ms = check(page)  # the start as the page gives it: unfinished
            assert not ok, (chapter, verdict)
            times.append(ms)
            retype(page, code)
            ok, verdict, ms = check(page)
            assert ok and verdict.startswith("Right"), (chapter, verdict)
            times.append(ms)
            wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 0, f"{chapter}: the page is {wide} px wider than the screen at 390 px"
            if chapter == "backpropagation":
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.locator(CK).scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / "check-backpropagation-390.png"))
        finally:
            context.close()
    print(f"\nexercise checks at 390 px, click to verdict (ms): median {statistics.median(times):.0f}, "
          f"max {max(times):.0f}", json.dumps(times))  # fmt: skip
    assert not log, log


def test_a_mistake_is_named_and_start_again_restores_the_start(browser, site_url: str) -> None:
    log: list[str] = []
    context, page = visit(browser, site_url, "backpropagation", 1280, log)
    try:
        editor = page.locator(f"{CK} [data-nnd-readout='code']")
        start = editor.input_value()
        assert start.startswith("def costFunctionPrime(NN, X, y):")
        retype(page, RIGHT["backpropagation"].replace(" * NN.sigmoidPrime(NN.z2)", ""))
        ok, verdict, _ = check(page)
        assert not ok and "f′(z2) is missing from delta2" in verdict, verdict
        assert "<- differs" in verdict  # entry by entry, beside the numerical gradient
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(CK).scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "check-backpropagation-1280.png"))
        retype(page, "def costFunctionPrime(NN, X, y):\n    return X.T @ y, nothing")
        ok, verdict, _ = check(page)
        assert not ok and "raised NameError" in verdict and "line 2" in verdict, verdict
        page.locator(f"{CK} [data-nnd-action='reset']").click()
        assert editor.input_value() == start
        assert page.locator(f"{CK} [data-nnd-readout='verdict']").inner_text() == ""
    finally:
        context.close()
    assert not log, log
