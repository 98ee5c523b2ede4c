"""The browser check of the runnable examples: does every cell of a page run, and print what it should?

:func:`check_runner_page` loads one tutorial page in headless Chromium, runs every cell in
order (Run on the first cell starts Pyodide; then Run on each later cell), and returns the
problems it saw: a cell that printed something other than what the page's doctest expects
(compared as doctest compares, whitespace normalised, ``...`` where the doctest uses it), an
unexpected traceback, a runner that never started, a JavaScript error, a failed local request,
or any request that leaves 127.0.0.1 (from the page or from its worker: playwright reports
both to the browser context). It also returns the times it measured.
"""

from __future__ import annotations

import doctest
import time
from dataclasses import dataclass, field

from mathcheck import guard_network

#: A cell is given this long to finish (the first one includes starting Python).
CELL_TIMEOUT_MS = 60_000
_CHECKER = doctest.OutputChecker()
#: The cells of the page's examples (the last cell of a page, the reader's own code, is not one).
PAGE_CELLS = ".nnd-cell-group:not(.nnd-scratch) .nnd-cell"
_DONE_JS = "(i) => ['done', 'error'].includes(document.querySelectorAll('.nnd-cell')[i].dataset.state)"
_CELLS_JS = """
() => Array.from(document.querySelectorAll('.nnd-cell-group:not(.nnd-scratch) .nnd-cell')).map((el) => ({
  state: el.dataset.state || '',
  text: el.dataset.text === undefined ? null : el.dataset.text,
  expected: el.querySelector('.nnd-expected').textContent,
  ellipsis: el.dataset.ellipsis === '1',
  raises: el.dataset.raises === '1',
  source: el.querySelector('textarea').value,
  ms: Number(el.dataset.ms || 'NaN'),
  editorVisible: el.querySelector('textarea').offsetParent !== null,
  rich: el.querySelectorAll('.nnd-output .nnd-rich').length,
  pictures: el.querySelectorAll('.nnd-output .nnd-rich svg, .nnd-output img.nnd-svg').length,
  scripts: el.querySelectorAll('.nnd-output script, .nnd-output [onload], .nnd-output [onclick]').length,
}))
"""


@dataclass
class RunnerCheck:
    """What :func:`check_runner_page` saw on one page."""

    url: str
    cells: int = 0
    problems: list[str] = field(default_factory=list)
    first_output_s: float | None = None  # first click -> first cell's output (wall clock)
    ready_s: float | None = None  # Pyodide and nnd ready, as the page measured it
    timings: dict = field(default_factory=dict)  # window.nndRunner.timings (ms, page clock)
    later_s: list[float] = field(default_factory=list)  # click -> output, each later cell
    requests: list[str] = field(default_factory=list)
    pictures: int = 0  # rich results drawn as SVG (a network's _repr_html_, nnd.draw)


def output_matches(expected: str, actual: str, ellipsis: bool) -> bool:
    """Compare as doctest does, with NORMALIZE_WHITESPACE (and ELLIPSIS when asked)."""
    flags = doctest.NORMALIZE_WHITESPACE | (doctest.ELLIPSIS if ellipsis else 0)
    return _CHECKER.check_output(expected, actual, flags)


def new_context(browser, log: list[str], requests: list[str], **options):
    """A fresh browser profile with every request recorded and none let out (``options``: playwright's)."""
    context = browser.new_context(**{"service_workers": "block", "color_scheme": "light", **options})
    guard_network(context, log)
    context.on("request", lambda r: requests.append(r.url))
    return context


def open_page(browser, url: str, log: list[str], requests: list[str], **options):
    """A fresh context and page for ``url``, with every request recorded and none let out."""
    context = new_context(browser, log, requests, **options)
    page = context.new_page()
    page.on("requestfailed", lambda r: log.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and log.append(f"HTTP {r.status}: {r.url}"))
    page.on("pageerror", lambda e: log.append(f"JavaScript error: {e}"))
    page.on(
        "worker", lambda w: w.on("console", lambda m: m.type == "error" and log.append(f"worker: {m.text}"))
    )
    page.goto(url, wait_until="load")
    return context, page


def run_cell(page, index: int, timeout_ms: int = CELL_TIMEOUT_MS) -> float:
    """Click Run on cell ``index`` and wait for its output; the seconds it took."""
    started = time.perf_counter()
    page.locator(".nnd-cell .nnd-run").nth(index).click()
    page.wait_for_function(_DONE_JS, arg=index, timeout=timeout_ms)
    return time.perf_counter() - started


def cell_problems(cells: list[dict]) -> list[str]:
    """Compare each cell's output with what the page's doctest expects."""
    problems = []
    for i, cell in enumerate(cells):
        where = f"cell {i + 1} ({cell['source'].splitlines()[0][:50]!r})"
        if cell["text"] is None:
            problems.append(f"{where}: no output (state {cell['state']!r})")
            continue
        if cell["state"] == "error" and not cell["raises"]:
            problems.append(f"{where}: raised\n{cell['text']}")
            continue
        if cell["raises"] and cell["state"] != "error":
            problems.append(f"{where}: should raise, but did not")
        if not output_matches(cell["expected"], cell["text"], cell["ellipsis"]):
            problems.append(f"{where}: expected\n{cell['expected']}got\n{cell['text']}")
    return problems


def check_runner_page(browser, url: str) -> RunnerCheck:
    """Run every cell of ``url`` in order in a fresh context of ``browser``; return what is wrong."""
    result = RunnerCheck(url)
    log: list[str] = []
    context, page = open_page(browser, url, log, result.requests)
    try:
        result.cells = page.locator(PAGE_CELLS).count()
        if result.cells == 0:
            result.problems.append("no runnable cells on the page")
            return result
        # folded answers hold cells too: unfold them, as a reader would, to run them
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        try:
            page.wait_for_selector(".nnd-cell[data-state]", timeout=5_000)
        except Exception:
            result.problems.append("the runner did not start (no cell became runnable)")
            return result
        try:
            result.first_output_s = run_cell(page, 0)
            result.timings = page.evaluate("() => ({...window.nndRunner.timings})")
            result.ready_s = result.timings["ready"] / 1000
            for i in range(1, result.cells):
                result.later_s.append(run_cell(page, i))
        except Exception as exc:  # playwright's TimeoutError
            result.problems.append(f"a cell did not finish: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            result.problems.append("runner says: " + (page.locator(".nnd-runner-state").text_content() or ""))
        cells = page.evaluate(_CELLS_JS)
        if not all(c["editorVisible"] for c in cells):
            result.problems.append("some cells show no editor")
        result.problems.extend(cell_problems(cells))
        result.pictures = sum(c["pictures"] for c in cells)
        if any(c["scripts"] for c in cells):
            result.problems.append("a rich result put script into the page")
    finally:
        context.close()
        result.problems.extend(dict.fromkeys(log))
    return result
