"""Every page of the built site that has math: all of it typeset, visible, and served locally."""

from __future__ import annotations

import pytest
from conftest import SITE, math_pages
from mathcheck import check_math_page

# Pages that must have math; if one of them loses it (or is renamed), this test says so
# rather than quietly checking fewer pages.
EXPECTED = {
    "tutorial/forward-pass.html",
    "tutorial/cost.html",
    "tutorial/backpropagation.html",
    "tutorial/gradient-checking.html",
    "tutorial/overfitting.html",
}


def test_the_pages_with_math_are_found(site) -> None:
    found = set(math_pages(site))
    assert EXPECTED <= found, f"pages expected to have math but do not: {sorted(EXPECTED - found)}"


@pytest.mark.parametrize("page", math_pages(SITE) if SITE.is_dir() else ["<no site built>"])
def test_every_equation_is_typeset_and_visible_offline(browser, site_url, page) -> None:
    result = check_math_page(browser, site_url + page)
    assert result.equations > 0, f"{page}: no equations found"
    assert not result.problems, f"{page}: " + "\n  ".join(result.problems)
