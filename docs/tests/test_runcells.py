"""The pieces of the browser runner that need no browser: cells from doctests, and cells.py."""

from __future__ import annotations

import doctest
import json
import sys

from conftest import DOCS

sys.path[:0] = [str(DOCS / "_ext"), str(DOCS / "_static" / "runner")]
import cells  # noqa: E402
import runcells  # noqa: E402


def test_runcells_doctests() -> None:
    assert doctest.testmod(runcells).failed == 0


def test_a_doctest_becomes_source_without_prompts_and_its_expected_output() -> None:
    (cell,) = runcells.doctest_cells(">>> x = [1,\n...      2]\n>>> x   # doctest: +ELLIPSIS\n[1, ...]\n")
    assert cell.source == "x = [1,\n     2]\nx\n"
    assert cell.expected == "[1, ...]\n" and cell.ellipsis and not cell.raises


def test_cells_show_every_expression_like_doctest() -> None:
    shown = json.loads(cells.run_cell("a = 2\na\nprint('hi')\nNone\na * 3\n", "<cell 1>"))
    assert shown == {
        "outputs": [
            {"kind": "value", "text": "2", "html": None, "svg": None},
            {"kind": "text", "text": "hi\n"},
            {"kind": "value", "text": "6", "html": None, "svg": None},
        ],
        "error": None,
    }
    # one namespace for the page
    assert json.loads(cells.run_cell("a + 1", "<cell 2>"))["outputs"][0]["text"] == "3"


def test_rich_results_and_short_tracebacks() -> None:
    source = "class P:\n    def _repr_svg_(self):\n        return '<svg/>'\nP()\n"
    (shown,) = json.loads(cells.run_cell(source, "<cell 3>"))["outputs"]
    assert shown["svg"] == "<svg/>" and shown["html"] is None
    error = json.loads(cells.run_cell("import json\njson.loads('{')", "<cell 4>"))["error"]
    assert error.startswith("Traceback (most recent call last):\n")
    assert error.count('File "<cell 4>"') == 1 and error.count("File ") == 2  # the cell, and the raise
    assert "JSONDecodeError" in error
    assert json.loads(cells.run_cell("x = (", "<cell 5>"))["error"].rstrip().endswith("was never closed")


def test_a_page_becomes_a_notebook(tmp_path) -> None:
    import notebooks

    tutorial = tmp_path / "tutorial"
    tutorial.mkdir()
    page = tutorial / "cost.md"
    page.write_text(
        "# 3. The cost\n\nSee {func}`nnd.train`, [the data](data.md#scaling) and "
        "[How\nnnd is built](../internals.md#a-sigmoid).\n\n"
        ":::{admonition} Careful\n:class: important\n\nScale it.\n\n"
        "```{doctest}\n>>> x = 1\n>>> x + 1\n2\n>>> x + 2\n3\n```\n:::\n\n"
        "## Next\n\nMore.\n\n"
        '<div data-nnd-widget="sliders" data-seed="0"><p>Needs JavaScript.</p></div>\n\n'
        '<div data-nnd-widget="check" data-exercise="cost"><p>Needs JavaScript.</p></div>\n\n'
        '<details class="nnd-answer">\n<summary>Answers</summary>\n\n'
        "1. Like this:\n\n   ```{doctest}\n   >>> print(x)\n   1\n   ```\n\n</details>\n",
        encoding="utf-8",
    )
    notebook = notebooks.page_to_notebook(page, {"data", "cost"})
    kinds = [c["cell_type"] for c in notebook["cells"]]
    assert kinds == ["markdown", "code", "code", "markdown", "code", "markdown", "code"], kinds
    first = "".join(notebook["cells"][0]["source"])
    assert "`nnd.train`" in first and "[the data](data.ipynb#scaling)" in first
    assert "[How\nnnd is built](../internals.html#a-sigmoid)" in first  # a link across lines
    assert "**Careful**" in first and ":::" not in first and ":class:" not in first
    # Jupyter shows a cell's last value only: a cell ends after each value the page shows
    assert "".join(notebook["cells"][1]["source"]) == "x = 1\nx + 1"
    assert "".join(notebook["cells"][2]["source"]) == "x + 2"
    section = "".join(notebook["cells"][3]["source"])
    assert section.startswith("## Next") and "data-nnd-widget" not in section
    assert "[open it](../tutorial/cost.html)" in section
    check = "".join(notebook["cells"][4]["source"])  # the exercise's Check, as a cell that checks
    assert "def costFunction(y, yHat):" in check and 'exercises.check("cost", code)' in check
    answers = "".join(notebook["cells"][5]["source"])
    assert "**Answers**" in answers and "<details" not in answers
    assert "".join(notebook["cells"][6]["source"]) == "print(x)"  # a doctest inside a list item


def test_a_notebook_runs_and_keeps_its_outputs(tmp_path) -> None:
    import notebooks

    notebook = {
        "cells": [notebooks._code("x = 6 * 7\nx"), notebooks._code("print('printed')")],
        "metadata": {"kernelspec": notebooks.KERNEL},
        "nbformat": 4,
        "nbformat_minor": 4,
    }
    ran = notebooks.execute(notebook, tmp_path)
    first, second = ran["cells"]
    assert "".join(first["outputs"][0]["data"]["text/plain"]) == "42"
    assert "".join(second["outputs"][0]["text"]) == "printed\n"
    assert not notebook["cells"][0]["outputs"], "the notebook given was changed"
