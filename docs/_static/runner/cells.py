"""Run a page's cells in one shared namespace, the way doctest runs them (loaded by worker.js).

``run_cell(source, name)`` runs one cell's statements in order; the value of every
expression statement that is not ``None`` is shown, as at the ``>>>`` prompt, together with
anything printed. It returns JSON: ``{"outputs": [...], "error": "..." or null}``, where each
output is ``{"kind": "text", "text": ...}`` (printed) or ``{"kind": "value", "text": repr,
"html": ..., "svg": ...}`` (a shown value, with its rich forms when it has them). An error
comes back as a short traceback: the frames of the cells, and the frame that raised.
"""

from __future__ import annotations

import ast
import io
import json
import linecache
import sys
import traceback

NAMESPACE: dict = {"__name__": "__main__"}
_outputs: list[dict] = []


class _Capture(io.TextIOBase):
    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if _outputs and _outputs[-1]["kind"] == "text":
            _outputs[-1]["text"] += text
        else:
            _outputs.append({"kind": "text", "text": text})
        return len(text)


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
        _outputs.append(
            {
                "kind": "value",
                "text": repr(value),
                "html": _rich(value, "_repr_html_"),
                "svg": _rich(value, "_repr_svg_"),
            }
        )


def _short_traceback(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    kept = [f for f in frames if f.filename.startswith("<cell")]
    if kept and not frames[-1].filename.startswith("<cell"):
        kept.append(frames[-1])  # where it was raised, e.g. inside nnd
    text = "".join(traceback.format_exception_only(type(exc), exc))
    if not kept:
        return text
    return "Traceback (most recent call last):\n" + "".join(traceback.format_list(kept)) + text


def run_cell(source: str, name: str = "<cell>") -> str:
    """Run ``source`` in the page's namespace; return what it showed, as JSON."""
    _outputs.clear()
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
    return json.dumps({"outputs": list(_outputs), "error": error})
