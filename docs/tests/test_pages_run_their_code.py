"""Every piece of Python on the tutorial and home pages runs when the docs build.

Code on these pages must be a ``{doctest}`` / ``{testcode}`` block (run by
``sphinx-build -b doctest``), an included slice of nnd's own source (``{literalinclude}``,
which fails the build if its markers disappear) or a figure script (``plot``, run by the
html build). A plain ```` ```python ```` block would never run and could go stale, so it
is refused here. Shell (``console``) and TOML blocks are allowed: they are not Python.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1]
TOP = [DOCS / "index.md", DOCS / "backends.md", DOCS / "internals.md"]
PAGES = sorted([*TOP, *(DOCS / "tutorial").glob("*.md")])
FENCE = re.compile(r"^(`{3,}|:{3,})[ \t]*(\{[\w-]+\}|[\w-]*)", re.MULTILINE)
ALLOWED = {"{doctest}", "{testcode}", "{testoutput}", "{literalinclude}", "{eval-rst}", "{toctree}",
           "{admonition}", "{note}", "{important}", "{nnd-figure}", "console", "toml", ""}  # fmt: skip


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_code_that_does_not_run(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    kinds = [m[2] for m in FENCE.finditer(text)]
    refused = [k for k in kinds if k not in ALLOWED]
    assert not refused, f"{page.name}: code blocks that never run: {refused}"
    assert "```python" not in text and "```pycon" not in text


def test_tutorial_pages_run_code() -> None:
    for page in (DOCS / "tutorial").glob("*.md"):
        if page.name in ("index.md", "next-steps.md"):
            continue
        assert "{doctest}" in page.read_text(encoding="utf-8"), f"{page.name} runs no example"


def test_eval_rst_blocks_only_hold_plots() -> None:
    for page in PAGES:
        for block in re.findall(r"```\{eval-rst\}\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL):
            assert block.lstrip().startswith(".. plot::"), f"{page.name}: unexpected eval-rst block"
