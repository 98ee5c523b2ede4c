"""The browser check of the docs' math: is every equation really typeset and visible, offline?

:func:`check_math_page` loads one page in a real browser (headless Chromium driven by
playwright) and returns the list of problems it saw; an empty list means the page passes.
It looks for five ways math goes wrong:

- MathJax never finished loading (missing, blocked or broken script);
- an equation left as TeX: no ``mjx-container`` inside a ``.math`` element, TeX delimiters
  or macros (``\\frac``, ``$$``, ``\\(``) visible in the page's text, or a backslash macro
  left in the typeset formula (what MathJax shows for an undefined macro);
- a MathJax error node (``mjx-merror``);
- an equation whose screenshot is blank (typeset in the DOM but invisible, e.g. missing
  fonts or CSS that hides it; a DOM-only check passes on such pages);
- any request that leaves 127.0.0.1 (a CDN, web fonts), and any local request that fails.

Requests to other hosts are aborted, never sent, so the check itself stays offline.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1"}

# TeX that must never be visible as text once MathJax has run.
RAW_TEX = re.compile(
    r"\$\$|\\\(|\\\)|\\\[|\\\]|\\(?:frac|partial|sum|delta|hat|left|right|begin|end|mathrm"
    r"|cdot|odot|top|lambda|sigma|sqrt|tag|quad|text)\b"
)
# A backslash macro inside the typeset formula (MathJax shows undefined macros in red).
MACRO_LEFT = re.compile(r"\\[A-Za-z]+")

_PAGE_TIMEOUT_MS = 20_000
_MATHJAX_TIMEOUT_MS = 10_000
_SHOT_TIMEOUT_MS = 5_000
#: A screenshot needs at least this many "ink" pixels (far from the background colour).
MIN_INK_PIXELS = 6
INK_CONTRAST = 80

_VISIBLE_TEXT_JS = """
() => {
  const skip = new Set(['PRE', 'CODE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'MJX-ASSISTIVE-MML', 'TEXTAREA']);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let el = node.parentElement, hidden = false;
    for (let e = el; e; e = e.parentElement) {
      if (skip.has(e.tagName)) { hidden = true; break; }
    }
    if (hidden || !el || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    out.push(node.textContent);
  }
  return out.join(' ');
}
"""

_EQUATIONS_JS = """
() => Array.from(document.querySelectorAll('.math')).map((el) => {
  const mml = el.querySelector('mjx-assistive-mml');
  return {
    typeset: el.querySelector('mjx-container') !== null,
    errors: el.querySelectorAll('mjx-merror, [data-mjx-error]').length,
    mathml: mml ? mml.textContent : '',
    source: el.textContent.trim().slice(0, 60),
  };
})
"""


@dataclass
class PageCheck:
    """What :func:`check_math_page` saw on one page."""

    url: str
    equations: int = 0
    problems: list[str] = field(default_factory=list)


def ink_pixels(png: bytes) -> int:
    """How many pixels of a PNG differ clearly from its most common colour (the background).

    >>> from PIL import Image
    >>> blank = io.BytesIO(); Image.new("RGB", (40, 20), "white").save(blank, "PNG")
    >>> ink_pixels(blank.getvalue())
    0
    """
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    background = max(range(256), key=histogram.__getitem__)
    return sum(n for level, n in enumerate(histogram) if abs(level - background) >= INK_CONTRAST)


def guard_network(context, page_check_log: list[str]) -> None:
    """Abort (and log) every request of ``context`` that would leave 127.0.0.1."""

    def route(route, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            page_check_log.append(f"request leaving 127.0.0.1 (blocked): {request.url}")
            route.abort()

    context.route("**/*", route)


def check_math_page(browser, url: str) -> PageCheck:
    """Load ``url`` in a fresh context of the playwright ``browser``; return what is wrong."""
    result = PageCheck(url)
    log: list[str] = []
    context = browser.new_context(service_workers="block", color_scheme="light")
    guard_network(context, log)
    page = context.new_page()
    page.on("requestfailed", lambda r: log.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and log.append(f"HTTP {r.status}: {r.url}"))
    page.on("pageerror", lambda e: log.append(f"JavaScript error: {e}"))
    try:
        page.goto(url, wait_until="load", timeout=_PAGE_TIMEOUT_MS)
        # folded answers hold math too: unfold them, so that their equations are checked
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        _wait_for_mathjax(page, result)
        equations = page.evaluate(_EQUATIONS_JS)
        result.equations = len(equations)
        if not equations:
            result.problems.append("no .math elements on the page")
        for i, eq in enumerate(equations):
            where = f"equation {i + 1} ({eq['source']!r})"
            if not eq["typeset"]:
                result.problems.append(f"{where}: not typeset (no mjx-container)")
            if eq["errors"]:
                result.problems.append(f"{where}: MathJax error node (mjx-merror)")
            left = MACRO_LEFT.search(eq["mathml"])
            if left:
                result.problems.append(f"{where}: TeX macro {left[0]!r} left in the typeset math")
        text = page.evaluate(_VISIBLE_TEXT_JS)
        for match in list(RAW_TEX.finditer(text))[:5]:
            start = max(0, match.start() - 30)
            result.problems.append(f"raw TeX visible: {text[start : match.end() + 30]!r}")
        _check_screenshots(page, result)
    finally:
        context.close()
    result.problems.extend(dict.fromkeys(log))  # unique, in order
    return result


def _wait_for_mathjax(page, result: PageCheck) -> None:
    try:
        page.wait_for_function(
            "() => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise",
            timeout=_MATHJAX_TIMEOUT_MS,
        )
        page.evaluate("() => MathJax.startup.promise.then(() => document.fonts.ready).then(() => true)")
    except Exception as exc:  # playwright's TimeoutError or an error thrown by MathJax
        result.problems.append(f"MathJax did not finish loading: {type(exc).__name__}")


def _check_screenshots(page, result: PageCheck) -> None:
    maths = page.locator(".math")
    for i in range(maths.count()):
        element = maths.nth(i)
        target = element.locator("mjx-container").first
        if target.count() == 0:
            continue  # already reported as not typeset
        if not target.is_visible():  # hidden by CSS, or of zero size
            result.problems.append(f"equation {i + 1}: typeset but not visible")
            continue
        try:
            ink = ink_pixels(target.screenshot(timeout=_SHOT_TIMEOUT_MS, animations="disabled"))
            if ink < MIN_INK_PIXELS:
                # A widget that starts beside the equation (the weight sliders) can move the page
                # between the moment the shot is placed and the moment it is taken, leaving it
                # blank; a second shot, once the page has settled, tells that from a blank equation.
                page.wait_for_timeout(500)
                ink = ink_pixels(target.screenshot(timeout=_SHOT_TIMEOUT_MS, animations="disabled"))
        except Exception as exc:  # playwright's TimeoutError and kin
            result.problems.append(f"equation {i + 1}: no screenshot ({type(exc).__name__})")
            continue
        if ink < MIN_INK_PIXELS:
            result.problems.append(f"equation {i + 1}: screenshot is blank ({ink} ink pixels)")
