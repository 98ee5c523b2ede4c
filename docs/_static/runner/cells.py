"""Run a page's cells in one shared namespace, the way doctest runs them (loaded by worker.js).

``run_cell(source, name, emit)`` runs one cell's statements in order; the value of every
expression statement that is not ``None`` is shown, as at the ``>>>`` prompt, together with
anything printed. Each piece of output goes to ``emit(kind, text, html, svg)`` as soon as it
exists (printed text at most every 50 ms, so a loop that prints shows its lines as it goes):
``kind`` is ``"text"`` (printed) or ``"value"`` (a shown value: its repr, and its HTML or
SVG form when it has one). It returns JSON: ``{"outputs": [...], "error": "..." or null}``;
``outputs`` holds the same pieces as dicts when no ``emit`` is given (and is empty when one
is). An error comes back as a short traceback: the frames of the cells, and the frame that
raised.

``call(fn, args, kwargs)`` calls one function for the pages' widgets (see worker.js): ``fn``
is a dotted name under nnd, ``args`` and ``kwargs`` are JSON; it returns JSON
``{"value": ..., "error": null}`` or ``{"value": null, "error": "Type: message"}``.
"""

from __future__ import annotations

import ast
import importlib
import io
import json
import linecache
import re
import sys
import time
import traceback

NAMESPACE: dict = {"__name__": "__main__"}
#: Printed text is sent at most this often (seconds); the first piece goes at once.
FLUSH_EVERY = 0.05
#: Modules a call may name: nnd's, and this one.
CALLABLE_PACKAGES = ("nnd", "nnd_cells")
#: What this page's Python has, said instead of advice to install something (pip cannot run here).
IN_THIS_PAGE = (
    "in the browser nnd runs on its python backend, with Python's standard library and nothing "
    "more. To use {what}, download this chapter's notebook (the link under the title) and run it "
    "on a computer where {it} is installed."
)
_BACKEND = re.compile(r"the (?:nnd )?'([\w.-]+)' backend")  # as the registry and the adapters word it


class _Output:
    """Where a cell's output goes: to ``emit`` as it comes, or into a list."""

    def __init__(self, emit=None) -> None:
        self.emit = emit
        self.items: list[dict] = []
        self.pending = ""
        self.last_flush = float("-inf")

    def text(self, text: str) -> None:
        self.pending += text
        if time.monotonic() - self.last_flush >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        text, self.pending = self.pending, ""
        self.last_flush = time.monotonic()
        if self.emit is not None:
            self.emit("text", text, None, None)
        elif self.items and self.items[-1]["kind"] == "text":
            self.items[-1]["text"] += text
        else:
            self.items.append({"kind": "text", "text": text})

    def value(self, text: str, html: str | None, svg: str | None) -> None:
        self.flush()
        if self.emit is not None:
            self.emit("value", text, html, svg)
        else:
            self.items.append({"kind": "value", "text": text, "html": html, "svg": svg})


_output = _Output()


class _Capture(io.TextIOBase):
    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        _output.text(text)
        return len(text)

    def flush(self) -> None:
        _output.flush()


def _rich(value: object, method: str) -> str | None:
    show = getattr(type(value), method, None)
    if show is None:
        return None
    try:
        result = show(value)
    except Exception:
        return None
    return result if isinstance(result, str) else None


def display(*values: object) -> None:
    """Show each value in the cell's output: its HTML or SVG form if it has one, else its repr."""
    for value in values:
        _output.value(repr(value), _rich(value, "_repr_html_"), _rich(value, "_repr_svg_"))


def _message(exc: BaseException) -> str:
    """The last line of a traceback; in this page's terms where the message asks to install."""
    if isinstance(exc, ImportError) and type(exc).__module__.startswith("nnd"):
        backend = _BACKEND.search(str(exc))
        if backend:  # nnd.Network(backend="numpy"): say it once, without pip
            what = f"the {backend[1]!r} backend cannot run in this page: " + IN_THIS_PAGE.format(
                what="it", it="its library"
            )
        else:
            what = "this cannot run in this page: " + IN_THIS_PAGE.format(what="it", it="what it needs")
        return f"{type(exc).__name__}: {what}\n"
    if isinstance(exc, ModuleNotFoundError) and exc.name and "." not in exc.name:
        # Pyodide's own hint suggests micropip, which needs the internet
        return (
            f"ModuleNotFoundError: No module named {exc.name!r}: "
            + IN_THIS_PAGE.format(what=exc.name, it="it")
            + "\n"
        )
    return "".join(traceback.format_exception_only(type(exc), exc))


def _short_traceback(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    kept = [f for f in frames if f.filename.startswith("<cell")]
    text = _message(exc)
    said_here = text != "".join(traceback.format_exception_only(type(exc), exc))
    if kept and not frames[-1].filename.startswith("<cell") and not said_here:
        kept.append(frames[-1])  # where it was raised, e.g. inside nnd (unless its words were replaced)
    if not kept:
        return text
    return "Traceback (most recent call last):\n" + "".join(traceback.format_list(kept)) + text


def run_cell(source: str, name: str = "<cell>", emit=None) -> str:
    """Run ``source`` in the page's namespace; its output goes to ``emit``; returns JSON (above)."""
    global _output
    _output = _Output(emit)
    NAMESPACE.setdefault("display", display)
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    capture = _Capture()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = capture
    error = None
    try:
        for statement in ast.parse(source, name).body:
            if isinstance(statement, ast.Expr):
                value = eval(compile(ast.Expression(statement.value), name, "eval"), NAMESPACE)
                if value is not None:
                    NAMESPACE["_"] = value
                    display(value)
            else:
                exec(compile(ast.Module([statement], []), name, "exec"), NAMESPACE)
    except BaseException as exc:  # everything the reader's code raises is shown, not re-raised
        error = _short_traceback(exc)
    finally:
        sys.stdout, sys.stderr = saved
        _output.flush()
    return json.dumps({"outputs": _output.items, "error": error})


def _jsonable(value: object) -> object:
    """What ``json.dumps`` cannot write itself: pictures as their SVG, arrays as nested lists."""
    svg = _rich(value, "_repr_svg_")
    if svg is not None:
        return svg
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be sent to the page")


def call(fn: str, args: str = "[]", kwargs: str = "{}") -> str:
    """Call the function named ``fn`` with JSON ``args`` and ``kwargs``; its value (or error) as JSON."""
    try:
        module_name, _, function_name = fn.rpartition(".")
        if module_name.split(".")[0] not in CALLABLE_PACKAGES or not function_name:
            raise ValueError(f"call: expected a function of nnd such as 'nnd.module.function', got {fn!r}")
        function = getattr(importlib.import_module(module_name), function_name)
        value = function(*json.loads(args), **json.loads(kwargs))
        return json.dumps({"value": value, "error": None}, default=_jsonable)
    except Exception as exc:
        return json.dumps({"value": None, "error": _message(exc).strip()})


def warm_up() -> None:
    """Import nnd and the modules the pages and their widgets use, before a snapshot is taken."""
    import nnd
    import nnd.backprop
    import nnd.checker
    import nnd.draw
    import nnd.explore.digit
    import nnd.explore.exercises
    import nnd.explore.playground
    import nnd.explore.sliders
    import nnd.explore.stepper
    import nnd.explore.trainer
    import nnd.gradcheck
    import nnd.network
    import nnd.training
    import nnd.video

    nnd.Network(seed=0).cost([[0.3, 1.0]], [[0.75]])  # the python backend and its kernels


def check_started() -> None:
    """Raise unless nnd works (run after a snapshot is restored)."""
    import nnd

    nnd.Network(seed=0).cost([[0.3, 1.0]], [[0.75]])
