"""Layout checks in the browser: a phone-width screen, search results, copy buttons.

- At 390 px (a phone), no page is wider than the screen: wide equations and tables scroll
  inside their own box instead (a screenshot of each is kept in ``docs/_build/phone/``).
- Search results show page text without the TeX source of equations.
- The copy button of an example copies its code without prompts and outputs.
"""

from __future__ import annotations

import pytest
from conftest import DOCS, math_pages
from mathcheck import RAW_TEX, guard_network

PHONE = {"width": 390, "height": 844}
SHOTS = DOCS / "_build" / "phone"


@pytest.fixture(scope="module")
def phone(browser):
    log: list[str] = []
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    guard_network(context, log)
    yield context
    context.close()
    assert not log, log


@pytest.mark.parametrize("page", ["index.html", "tutorial/backpropagation.html", "tutorial/overfitting.html",
                                  "tutorial/training.html", "internals.html"])  # fmt: skip
def test_pages_fit_a_phone_and_wide_equations_scroll(phone, site, site_url: str, page: str) -> None:
    assert page in math_pages(site) or page == "index.html"
    tab = phone.new_page()
    try:
        tab.goto(site_url + page, wait_until="load")
        if tab.locator(".math").count():
            tab.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            tab.evaluate("() => MathJax.startup.promise")
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SHOTS / (page.replace("/", "-") + ".png")), full_page=True)
        widths = tab.evaluate(
            """() => ({
              page: document.documentElement.scrollWidth,
              wide: Array.from(document.querySelectorAll('div.math'))
                .filter((m) => m.scrollWidth > m.clientWidth + 1)
                .map((m) => getComputedStyle(m).overflowX),
            })"""
        )
        assert widths["page"] <= PHONE["width"], f"{page} is {widths['page']} px wide on a 390 px screen"
        assert all(o in ("auto", "scroll") for o in widths["wide"]), widths
    finally:
        tab.close()


def test_search_snippets_show_no_tex(browser, site_url: str) -> None:
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(site_url + "search.html?q=gradient", wait_until="load")
        tab.wait_for_selector("#search-results li p, #search-results .context", timeout=20_000)
        tab.wait_for_timeout(1500)  # snippets arrive one page at a time
        snippets = tab.locator("#search-results li").all_inner_texts()
        assert snippets, "no search results"
        raw = [s for s in snippets if RAW_TEX.search(s)]
        assert not raw, raw[:3]
    finally:
        context.close()


def test_copy_button_copies_code_without_prompts_or_output(browser, site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        tab.goto(site_url + "index.html", wait_until="load")
        block = tab.locator("div.highlight-pycon").first
        block.hover()
        block.locator("button.copybtn").click()
        copied = tab.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("import nnd\n"), copied
        assert ">>>" not in copied and "[[0.35281385]" not in copied, copied
    finally:
        context.close()
