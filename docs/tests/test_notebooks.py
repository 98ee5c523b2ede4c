"""The chapters' notebooks (``notebooks/*.ipynb`` of the site): with outputs, working links, on both backends.

Every page with examples has its notebook, linked from the page, shipped with the outputs
the page shows (the build runs it once); its links lead to other notebooks or to pages of
the site that exist, never to Markdown sources. Each notebook is also executed top to
bottom by nbclient in a fresh IPython kernel, once with ``NND_BACKEND=python`` and once with
``NND_BACKEND=numpy``; any cell that raises fails the test.
"""

from __future__ import annotations

import doctest
import json
import re
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import DOCS, SITE

sys.path.insert(0, str(DOCS / "_ext"))

CHAPTERS = sorted(
    p.stem for p in (DOCS / "tutorial").glob("*.md") if "{doctest}" in p.read_text(encoding="utf-8")
)
DOCTEST_BLOCK = re.compile(r"^([ \t]*)```\{doctest\}[^\n]*\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _outputs_text(cells: list[dict]) -> str:
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                parts.append("".join(output["text"]))
            elif "data" in output and "text/plain" in output["data"]:
                parts.append("".join(output["data"]["text/plain"]))
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_a_notebook_linked_from_its_page(site: Path, chapter: str) -> None:
    notebook = json.loads((site / "notebooks" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code, f"{chapter}: no code cells"
    text = "".join("".join(c["source"]) for c in code)
    assert ">>>" not in text, f"{chapter}: doctest prompts left in the code"
    page = (site / "tutorial" / f"{chapter}.html").read_text(encoding="utf-8")
    assert f'href="../notebooks/{chapter}.ipynb"' in page, f"{chapter}: no link to its notebook"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebooks_ship_with_the_outputs_the_page_shows(site: Path, chapter: str) -> None:
    cells = json.loads((site / "notebooks" / f"{chapter}.ipynb").read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code), f"{chapter}: cells that never ran"
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, errors[:1]
    shown = _outputs_text(code)
    source = (DOCS / "tutorial" / f"{chapter}.md").read_text(encoding="utf-8")
    blocks = [textwrap.dedent(m[2]) for m in DOCTEST_BLOCK.finditer(source)]
    wants = [
        " ".join(example.want.replace("<BLANKLINE>", "").split())  # doctest's mark for an empty line
        for block in blocks
        for example in doctest.DocTestParser().get_examples(block)
        if example.want.strip() and "..." not in example.want
    ]
    assert wants, f"{chapter}: no expected output on the page"
    missing = [want for want in wants if want not in shown]
    assert not missing, f"{chapter}: the notebook does not show {missing[:3]}"
    pictures = sum("image/svg+xml" in o.get("data", {}) for c in code for o in c["outputs"])
    assert pictures == source.count("{nnd-figure}"), f"{chapter}: {pictures} pictures"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_links_lead_to_notebooks_or_pages_of_the_site(site: Path, chapter: str) -> None:
    cells = json.loads((site / "notebooks" / f"{chapter}.ipynb").read_text(encoding="utf-8"))["cells"]
    prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    prose = re.sub(r"```.*?```", "", prose, flags=re.DOTALL)  # code shown as text holds no links
    targets = [t for t in MARKDOWN_LINK.findall(prose) if not t.startswith(("http://", "https://"))]
    assert targets, f"{chapter}: no links to other chapters or pages"
    for target in targets:
        path, _, anchor = target.partition("#")
        assert not path.endswith(".md"), f"{chapter}: a link to a Markdown source: {target}"
        file = (site / "notebooks" / (path or f"{chapter}.ipynb")).resolve()
        assert file.is_file(), f"{chapter}: a link to nothing: {target}"
        if not anchor:
            continue
        if file.suffix == ".ipynb":  # Jupyter names a heading by its text, spaces as hyphens
            headings = re.findall(r"^#{1,6} +(.+?)\s*$", _markdown(file), re.MULTILINE)
            assert anchor in [h.replace(" ", "-") for h in headings], f"{chapter}: no heading {target}"
        else:
            assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), f"{chapter}: no anchor {target}"


def _markdown(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


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
        import nbclient  # noqa: F401
        import notebooks
    except ImportError:
        pytest.fail("the notebooks' check needs nbclient and ipykernel: pip install nbclient ipykernel")
    monkeypatch.setenv("NND_BACKEND", backend)
    monkeypatch.chdir(tmp_path)
    notebook = json.loads((SITE / "notebooks" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:  # run afresh: no output from the build may count
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    notebook["cells"].append(notebooks._code("import nnd\nprint(nnd.Network().backend.name)"))
    ran = notebooks.execute(notebook, tmp_path, timeout=120)
    shown = [o for c in ran["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert not [o for o in shown if o.get("output_type") == "error"]
    (last,) = ran["cells"][-1]["outputs"]
    assert "".join(last["text"]).strip() == backend, "the notebook ran on another backend"
