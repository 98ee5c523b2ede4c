"""What every chapter gives a learner, read from the built pages (no browser needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DOCS

VIDEOS = {  # Welch Labs' "Neural Networks Demystified", one video per part
    "data": "bxe2T-V8XRs",
    "forward-pass": "UJwK6jAStmg",
    "cost": "5u0jaA3qAGk",
    "backpropagation": "GlcnxUlrtek",
    "gradient-checking": "pHMzNW8Agq4",
    "training": "9KM9Td6RVgQ",
    "overfitting": "S4ZUwgesjS8",
}


@pytest.mark.parametrize("chapter", VIDEOS)
def test_each_chapter_links_its_video_and_the_series_notebooks(site: Path, chapter: str) -> None:
    page = (site / "tutorial" / f"{chapter}.html").read_text(encoding="utf-8")
    assert f"https://www.youtube.com/watch?v={VIDEOS[chapter]}" in page
    assert "https://github.com/stephencwelch/Neural-Networks-Demystified" in page
    assert "Welch Labs" in page
    assert "Exercises" in page and '<details class="nnd-answer">' in page


def test_next_after_part_7_is_the_closing_page(site: Path) -> None:
    page = (site / "tutorial" / "overfitting.html").read_text(encoding="utf-8")
    nexts = re.findall(r'<a class="next-page" href="([^"]+)"', page)
    assert nexts and nexts[0].startswith("next-steps.html"), nexts


def test_the_home_page_link_to_backprop_py_opens_the_source(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"]+)"><code>nnd/backprop.py</code></a>', page)
    assert link and link[1] == "_modules/nnd/backprop.html"
    assert (site / link[1]).is_file()


def test_no_user_facing_text_speaks_of_issues_or_bars(site: Path) -> None:
    words = re.compile(r"\b(issue|acceptance criteri|the (?:issue's|five) bars)\w*", re.IGNORECASE)
    for md in [*DOCS.glob("*.md"), *(DOCS / "tutorial").glob("*.md"), *(DOCS / "api").glob("*.md")]:
        found = words.findall(md.read_text(encoding="utf-8"))
        assert not found, f"{md.name}: {found}"
