"""The docs' figure scripts (docs/figures/*.py) run, as the docs build runs them, and each leaves
a small, clean SVG; every figure a page asks for has its script.

They belong with the docs' own checks: an installed nnd's tests have no docs/ to read. The docs
build (docs/_ext/nnd_figures.py) runs each script with ``runpy.run_path`` and takes the
SVG it leaves in ``figure``; this does the same, in one process, as the build does.
"""

from __future__ import annotations

import re
import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import DOCS

SCRIPTS = sorted(p for p in (DOCS / "figures").glob("*.py") if not p.name.startswith("_"))


def test_every_figure_a_page_asks_for_has_a_script() -> None:
    pages = [p for p in DOCS.rglob("*.md") if "_build" not in p.parts]
    wanted = {
        name for page in pages for name in re.findall(r"```\{nnd-figure\} ([\w-]+)", page.read_text("utf-8"))
    }
    assert wanted, "no page shows a figure"
    assert wanted <= {p.stem for p in SCRIPTS}, wanted - {p.stem for p in SCRIPTS}
    shown = set(re.findall(r"```\{nnd-figure\} ([\w-]+)", (DOCS / "pictures.md").read_text("utf-8")))
    assert {"digits", "hidden_units", "confusion", "learning_curves", "decision_regions"} <= shown


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_each_figure_script_leaves_a_small_clean_svg(script: Path, monkeypatch) -> None:
    monkeypatch.delenv("NND_BACKEND", raising=False)  # as the docs build runs them
    figure = runpy.run_path(str(script), run_name=f"figure_{script.stem}").get("figure")
    assert isinstance(figure, str) and figure.startswith("<svg"), script.name
    root = ET.fromstring(figure)
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and (title.text or "").strip()
    assert not re.search(r"(?i)(?<![a-z])(nan|inf)(?![a-z])", figure)
    assert len(figure.encode("utf-8")) < 100_000, (script.name, len(figure))
