"""The tutorial's chapters as Jupyter notebooks, made from the same Markdown pages.

:func:`page_to_notebook` reads one page of ``docs/tutorial/`` and returns an nbformat-4
notebook (a dict, written as JSON): prose becomes Markdown cells, every doctest becomes
code cells (prompts stripped, expected output dropped; a cell ends after each example that
shows something, so that Jupyter, which shows only a cell's last value, shows everything
the page shows), each ``{literalinclude}`` becomes the lines of nnd's source it shows, and
each ``{nnd-figure}`` becomes a code cell that draws the picture with the figure's own
script; an exercise's Check becomes a cell that checks the function written in it, and
another live widget a link to the page. Links to other chapters point at
their notebooks, links to other pages of the site at their HTML pages (relative to
``notebooks/``, or under ``html_baseurl`` when the site sets one). The Part 4 notebook opens
with the network's variables table.

:func:`execute` runs a notebook in a Jupyter kernel (nbclient), so that the notebooks the
site ships open with their outputs, as the pages show them.

Jupytext reads MyST notebooks (``{code-cell}``), but these pages are doctests for Sphinx;
this step reads them as they are, so the pages stay the one source of truth.
"""

from __future__ import annotations

import doctest
import re
import textwrap
from pathlib import Path

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$")
ROLE = re.compile(r"\{(?:class|func|mod|meth|attr|data|obj|doc|ref)\}`(?:[^`<]*<)?~?([^`>]+)>?`")
LINK = re.compile(r"\[([^\]]*)\]\((?!https?:)([^)#\s]*?)\.md(#[^)\s]*)?\)")
HERE = re.compile(r"\[([^\]]*)\]\(#([^)\s]+)\)")
KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}
PART4_OPENING = """import nnd

X, y = nnd.data.sleep_study()
net = nnd.Network((2, 3, 1), seed=0)
dJdW1, dJdW2 = net.gradients(X, y)
net  # every variable of Part 4: its name, meaning, dimensions and values"""
CHECK = re.compile(r'^\s*<div data-nnd-widget="check" data-exercise="([a-z]+)"')
WIDGET = re.compile(r'^\s*<div data-nnd-widget="([a-z]+)"')
ANSWERS = re.compile(r"^\s*(<details[^>]*>|<summary>[^<]*</summary>|</details>)\s*$")
_DOCTEST_FLAGS = re.compile(r"[ \t]*#\s*doctest:.*$", re.MULTILINE)


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": _source(text.strip("\n"))}


def _code(text: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": _source(text.rstrip("\n")),
    }


def _check_cell(name: str) -> str:
    """The code cell of an exercise with a Check: the start of its function, and the check."""
    from nnd.explore import exercises

    start = exercises.starter(name)["starter"].rstrip("\n")
    return (
        "from nnd.explore import exercises\n\n"
        f'code = """\n{start}\n"""  # finish the function, then run the cell\n'
        f'print(exercises.check("{name}", code)["verdict"])'
    )


def _source(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def notebook_cells(text: str) -> list[str]:
    """The code cells of a doctest block: a cell ends after each example that shows something.

    >>> notebook_cells('''
    ... >>> x = 1
    ... >>> x + 1
    ... 2
    ... >>> y = x
    ... >>> print(y)
    ... 1
    ... ''')
    ['x = 1\\nx + 1\\n', 'y = x\\nprint(y)\\n']
    """
    cells: list[str] = []
    current = ""
    for example in doctest.DocTestParser().get_examples(text):
        current += _DOCTEST_FLAGS.sub("", example.source)
        if example.want or example.exc_msg is not None:
            cells.append(current)
            current = ""
    if current:
        cells.append(current)
    return cells


def jupyter_anchors(page: Path) -> dict[str, str]:
    """``{MyST's anchor: Jupyter's anchor}`` for the headings of a page.

    MyST writes "how-often-training-ends-well"; Jupyter names a heading by its text with
    spaces as hyphens, "How-often-training-ends-well".
    """
    anchors: dict[str, str] = {}
    if not page.is_file():
        return anchors
    for line in page.read_text(encoding="utf-8").split("\n"):
        heading = re.match(r"^#{1,6} +(.+?)\s*$", line)
        if heading:
            text = heading[1]
            slug = re.sub(r"[^\w\- ]", "", text.lower()).strip().replace(" ", "-")
            anchors[slug] = text.replace(" ", "-")
    return anchors


def _links(text: str, chapters: set[str], page: Path, site_root: str) -> str:
    """Links to .md pages: to a chapter's notebook, or to the page of the site (its HTML)."""

    def here(m: re.Match) -> str:  # a heading of this page: Jupyter's anchor
        return f"[{m[1]}](#{jupyter_anchors(page).get(m[2], m[2])})"

    def link(m: re.Match) -> str:
        label, target, anchor = m[1], m[2], m[3] or ""
        if "/" not in target and target in chapters:  # another chapter's notebook
            if anchor:
                anchor = "#" + jupyter_anchors(page.parent / f"{target}.md").get(anchor[1:], anchor[1:])
            return f"[{label}]({target}.ipynb{anchor})"
        # the page of the site: docs/<...>.md is <site>/<...>.html
        resolved = (page.parent / target).resolve()
        docs = page.parent.parent if page.parent.name == "tutorial" else page.parent
        try:
            relative = resolved.relative_to(docs.resolve()).as_posix()
        except ValueError:
            return label
        return f"[{label}]({site_root}{relative}.html{anchor})"

    return HERE.sub(here, LINK.sub(link, text))


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
    base = getattr(config, "html_baseurl", "") or ""
    site_root = base.rstrip("/") + "/" if base else "../"
    cells: list[dict] = []
    prose: list[str] = []
    lines = page.read_text(encoding="utf-8").split("\n")
    i = 0

    def flush() -> None:
        text = "\n".join(prose)
        if text.strip():
            text = _links(ROLE.sub(lambda m: f"`{m[1]}`", text), chapters, page, site_root)
            cells.append(_markdown(text))
        prose.clear()

    while i < len(lines):
        line = lines[i]
        match = FENCE.match(line)
        if not match:
            if line.startswith(":::") or line.startswith(":class:"):
                i += 1  # the end of an admonition, or its class
                continue
            if ANSWERS.match(line):  # folded answers: a heading, since code cells cannot fold
                prose.append("**Answers**" if "<details" in line else "")
                i += 1
                continue
            exercise = CHECK.match(line)
            if exercise:  # an exercise with a Check: its start, checked in the notebook's Python
                flush()
                cells.append(_code(_check_cell(exercise[1])))
                i += 1
                continue
            if WIDGET.match(line):  # a live widget needs the site's page: say where it is
                where = f"{site_root}{page.parent.name}/{page.stem}.html"
                prose.append(f"*This chapter's page on the site has a live widget here: [open it]({where}).*")
                i += 1
                continue
            if line.startswith("## "):
                flush()  # a cell per section
            prose.append(line)
            i += 1
            continue
        indent, fence, name, arg = match["indent"], match["fence"], match["name"], match["arg"].strip()
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
        body = textwrap.dedent("\n".join(body)).split("\n") if indent else body
        options = {}
        while body and re.match(r"^:[\w-]+:", body[0]):
            key, _, value = body.pop(0)[1:].partition(":")
            options[key] = value.strip()
        if name in ("doctest", "testcode"):
            flush()
            if name == "doctest":
                cells.extend(_code(source) for source in notebook_cells("\n".join(body) + "\n"))
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


def execute(notebook: dict, workdir: Path, timeout: int = 300) -> dict:
    """Run ``notebook`` top to bottom in a fresh Python kernel; the notebook with its outputs.

    Raises ``nbclient.exceptions.CellExecutionError`` when a cell fails.
    """
    import json
    import logging

    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    node = nbformat.reads(json.dumps(notebook), as_version=4)
    # the kernel talks over a local socket (not TCP), and nbclient's progress stays out of the log
    kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(workdir / "kernel"))
    client = NotebookClient(
        node,
        km=kernel,
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.log.setLevel(logging.ERROR)  # also "could not destroy zmq context", which is harmless
    try:
        client.execute()
    finally:
        if kernel.has_kernel:
            kernel.shutdown_kernel(now=True)
    return json.loads(nbformat.writes(node))
