"""The tutorial's chapters as Jupyter notebooks, made from the same Markdown pages.

:func:`page_to_notebook` reads one page of ``docs/tutorial/`` and returns an nbformat-4
notebook (a dict, written as JSON): prose becomes Markdown cells, every doctest becomes
code cells (prompts stripped, expected output dropped, split as the browser's cells are),
each ``{literalinclude}`` becomes the lines of nnd's source it shows, and each
``{nnd-figure}`` becomes a code cell that draws the picture with the figure's own script.
Links to other chapters point at their notebooks. The Part 4 notebook opens with the
network's variables table.

Jupytext reads MyST notebooks (``{code-cell}``), but these pages are doctests for Sphinx;
this step reads them as they are, so the pages stay the one source of truth.
"""

from __future__ import annotations

import re
from pathlib import Path

from runcells import doctest_cells

FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$")
ROLE = re.compile(r"\{(?:class|func|mod|meth|attr|data|obj|doc|ref)\}`(?:[^`<]*<)?~?([^`>]+)>?`")
LINK = re.compile(r"\[([^\]]*)\]\((?!https?:)([^)#]*?)\.md(#[^)]*)?\)")
KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}
PART4_OPENING = """import nnd

X, y = nnd.data.sleep_study()
net = nnd.Network((2, 3, 1), seed=0)
dJdW1, dJdW2 = net.gradients(X, y)
net  # every variable of Part 4: its name, meaning, dimensions and values"""


def _markdown(lines: list[str]) -> dict:
    text = "\n".join(lines).strip("\n")
    return {"cell_type": "markdown", "metadata": {}, "source": _source(text)}


def _code(text: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": _source(text.rstrip("\n")),
    }


def _source(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def _prose(line: str, chapters: set[str]) -> str:
    line = ROLE.sub(lambda m: f"`{m[1]}`", line)

    def link(m: re.Match) -> str:
        text, target, anchor = m[1], m[2], m[3] or ""
        if "/" not in target and target in chapters:
            return f"[{text}]({target}.ipynb{anchor})"  # another chapter's notebook
        return text  # a page of the site: no notebook to point at

    return LINK.sub(link, line)


def _included(arg: str, options: dict[str, str], page: Path, config) -> str:
    from sphinx.directives.code import LiteralIncludeReader

    path = (page.parent / arg).resolve()
    reader_options = {k: v.strip('"') for k, v in options.items() if k not in ("language", "caption")}
    if "dedent" in reader_options and not reader_options["dedent"]:
        reader_options["dedent"] = None
    text, _ = LiteralIncludeReader(str(path), reader_options, config).read()
    return text


def page_to_notebook(page: Path, chapters: set[str], config=None, figures: Path | None = None) -> dict:
    """The notebook of one tutorial page (see the module's docstring)."""
    cells: list[dict] = []
    prose: list[str] = []
    lines = page.read_text(encoding="utf-8").split("\n")
    i = 0

    def flush() -> None:
        if any(line.strip() for line in prose):
            cells.append(_markdown(prose))
        prose.clear()

    while i < len(lines):
        line = lines[i]
        match = FENCE.match(line)
        if not match:
            if line.startswith(":::") or line.startswith(":class:"):
                i += 1  # the end of an admonition, or its class
                continue
            if line.startswith("## "):
                flush()  # a cell per section
            prose.append(_prose(line, chapters))
            i += 1
            continue
        fence, name, arg = match["fence"], match["name"], match["arg"].strip()
        if name == "admonition" or name in ("note", "important"):
            prose.append(f"**{arg}**" if arg else "")
            i += 1
            continue
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i])
            i += 1
        i += 1  # the closing fence
        options = {}
        while body and re.match(r"^:[\w-]+:", body[0]):
            key, _, value = body.pop(0)[1:].partition(":")
            options[key] = value.strip()
        if name in ("doctest", "testcode"):
            flush()
            if name == "doctest":
                cells.extend(_code(cell.source) for cell in doctest_cells("\n".join(body) + "\n"))
            elif "hide" not in options:
                cells.append(_code("\n".join(body)))
        elif name == "literalinclude" and config is not None:
            prose += ["```python", _included(arg, options, page, config).rstrip("\n"), "```"]
        elif name == "nnd-figure" and figures is not None:
            flush()
            script = (figures / f"{arg}.py").read_text(encoding="utf-8")
            script = re.sub(r'^""".*?"""\n+', "", script, flags=re.DOTALL)
            cells.append(_code(script.rstrip("\n") + "\nfigure"))
        # other directives (toctree, eval-rst, testoutput) have no place in a notebook
    flush()
    if page.stem == "backpropagation" and len(cells) > 1:
        cells.insert(1, _code(PART4_OPENING))
    return {
        "cells": cells,
        "metadata": {"kernelspec": KERNEL, "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 4,
    }
