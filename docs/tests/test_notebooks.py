"""The chapters' notebooks (``notebooks/*.ipynb`` of the built site) run in Jupyter on both backends.

Each notebook is executed top to bottom by nbclient in a fresh IPython kernel, once with
``NND_BACKEND=python`` and once with ``NND_BACKEND=numpy``; any cell that raises fails
the test. Every page with examples must have its notebook, linked from the page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DOCS, SITE

CHAPTERS = sorted(
    p.stem for p in (DOCS / "tutorial").glob("*.md") if "{doctest}" in p.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_a_notebook_linked_from_its_page(site: Path, chapter: str) -> None:
    notebook = json.loads((site / "notebooks" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code, f"{chapter}: no code cells"
    assert all(not c["outputs"] for c in code)
    text = "".join("".join(c["source"]) for c in code)
    assert ">>>" not in text, f"{chapter}: doctest prompts left in the code"
    page = (site / "tutorial" / f"{chapter}.html").read_text(encoding="utf-8")
    assert f'href="../notebooks/{chapter}.ipynb"' in page, f"{chapter}: no link to its notebook"


def test_the_part4_notebook_opens_with_the_variables_table(site: Path) -> None:
    cells = json.loads((site / "notebooks" / "backpropagation.ipynb").read_text(encoding="utf-8"))["cells"]
    first_code = next(c for c in cells if c["cell_type"] == "code")
    assert cells.index(first_code) == 1 and "".join(first_code["source"]).rstrip().split("\n")[-1].startswith(
        "net"
    )


@pytest.mark.parametrize("backend", ["python", "numpy"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_runs(site: Path, chapter: str, backend: str, tmp_path: Path, monkeypatch) -> None:
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:
        pytest.fail("the notebooks' check needs nbclient and ipykernel: pip install nbclient ipykernel")
    monkeypatch.setenv("NND_BACKEND", backend)
    monkeypatch.chdir(tmp_path)
    notebook = nbformat.read(SITE / "notebooks" / f"{chapter}.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import nnd\nprint(nnd.Network().backend.name)"))
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    shown = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in shown if o.get("output_type") == "error"]
    (last,) = notebook.cells[-1].outputs
    assert last["text"].strip() == backend, "the notebook ran on another backend"
