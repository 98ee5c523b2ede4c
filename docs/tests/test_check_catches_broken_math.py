"""The browser check must be able to fail: break a copy of a built page and watch it report.

Each case copies one page of the real site, breaks its math in one way, serves the copy on
127.0.0.1 and runs the same :func:`check_math_page` as ``test_math_pages.py``. The
unbroken copy, served from the same place, must pass: the only difference is the break.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import math_pages, serve
from mathcheck import check_math_page

MATHJAX_SRC = "_static/mathjax/tex-chtml.js"
PREFERRED = "tutorial/data.html"  # few equations: each case checks every one of them, screenshots included


def _first(pattern: str, replacement: str) -> Callable[[str], str]:
    def edit(html: str) -> str:
        new, n = re.subn(pattern, lambda m: m[0] + replacement, html, count=1)
        assert n == 1, f"the page has no {pattern!r} to break"
        return new

    return edit


def _style(css: str) -> Callable[[str], str]:
    return lambda html: html.replace("</head>", f"<style>{css}</style></head>", 1)


def _script(src: str) -> Callable[[str], str]:
    """Point the page's MathJax <script> at ``src`` instead of the copy in _static."""

    def edit(html: str) -> str:
        new, n = re.subn(r'src="[^"]*' + re.escape(MATHJAX_SRC) + '"', f'src="{src}"', html)
        assert n == 1, "the page does not load MathJax from _static"
        return new

    return edit


# name: (how to break the page, a fragment every failing report must contain)
BREAKS: dict[str, tuple[Callable[[str], str], str]] = {
    "mathjax-missing": (_script("_static/mathjax/no-such-file.js"), "not typeset"),
    "mathjax-from-a-cdn": (
        _script("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"),
        "request leaving 127.0.0.1",
    ),
    "tex-syntax-error": (_first(r"(?s)<div class=\"math[^\"]*\"[^>]*>.*?\\\[", r"x^2^3 "), "mjx-merror"),
    "undefined-macro": (
        _first(r'<span class="math[^"]*"[^>]*>\\\(', r"\nosuchmacro "),
        "left in the typeset",
    ),
    "transparent-ink": (_style("mjx-container { color: transparent !important; }"), "blank"),
    "hidden-math": (_style("mjx-container { visibility: hidden !important; }"), "not visible"),
}


@pytest.fixture(scope="module")
def broken_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A copy of the site with one broken variant of a math page per case; (base URL, folder)."""
    pages = math_pages(site)
    page = PREFERRED if PREFERRED in pages else pages[0]
    copy = tmp_path_factory.mktemp("broken") / "html"
    shutil.copytree(site, copy)
    original = (copy / page).read_text(encoding="utf-8")
    folder = (copy / page).parent
    for name, (edit, _) in BREAKS.items():
        (folder / f"_broken-{name}.html").write_text(edit(original), encoding="utf-8")
    (folder / "_unbroken.html").write_text(original, encoding="utf-8")
    with serve(copy) as url:
        parent = Path(page).parent.as_posix()
        yield url, "" if parent == "." else parent + "/"


def _url(broken_site: tuple[str, str], name: str) -> str:
    base, folder = broken_site
    return base + folder + name


def test_the_unbroken_copy_passes(browser, broken_site) -> None:
    result = check_math_page(browser, _url(broken_site, "_unbroken.html"))
    assert result.equations > 0
    assert result.problems == []


@pytest.mark.parametrize("name", BREAKS)
def test_the_check_reports_broken_math(browser, broken_site, name) -> None:
    result = check_math_page(browser, _url(broken_site, f"_broken-{name}.html"))
    expected = BREAKS[name][1]
    assert result.problems, f"{name}: the check passed a page whose math is broken"
    assert any(expected in p for p in result.problems), (
        f"{name}: expected a problem mentioning {expected!r}, got:\n  " + "\n  ".join(result.problems)
    )
