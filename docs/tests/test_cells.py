"""The runnable cells as a learner meets them, in headless Chromium at 1280 and 390 px.

- The code is highlighted as Python, and the highlighted copy stays under the text as the
  editor scrolls; a long line scrolls inside its cell, never cut off.
- Copy copies the cell's code; Reset puts back the page's code.
- Run clears the cell's old output at once, and output appears as it is printed.
- The Run button is a touch target (at least 44 x 44 px); Tab indents in an editor and
  Escape then Tab leaves it, so the keyboard is never trapped.
- Every chapter ends with a cell for the reader's own code, which runs in the page's Python.
- No tutorial page scrolls sideways on a 390 px screen.
- Widgets can call Python functions in the page's worker (``nndPython.call``); a newer call
  with the same key replaces one still waiting.
- The time from the first click to the first output is measured on the first chapter opened
  (Python starts from nothing) and on the next one (it starts from the saved snapshot), at
  both widths, printed and written to ``docs/_build/first-output.json``: measured, not judged.

Screenshots of every tutorial page at both widths are kept in ``docs/_build/screens/``.
"""

from __future__ import annotations

import json
import time

import pytest
from conftest import DOCS
from runnercheck import PAGE_CELLS, new_context, open_page, run_cell

CHAPTERS = sorted(
    p.stem for p in (DOCS / "tutorial").glob("*.md") if "{doctest}" in p.read_text(encoding="utf-8")
)
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS = DOCS / "_build" / "screens"
FIRST_OUTPUT: dict[str, dict] = {}
# true once the runner's worker has stored its start-up snapshot (IndexedDB "nnd-runner", worker.js)
SNAPSHOT_STORED = """() => new Promise((resolve) => {
  const request = indexedDB.open("nnd-runner");
  request.onerror = () => resolve(false);
  request.onsuccess = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains("snapshots")) { db.close(); resolve(false); return; }
    const count = db.transaction("snapshots", "readonly").objectStore("snapshots").count();
    count.onsuccess = () => { db.close(); resolve(count.result > 0); };
    count.onerror = () => { db.close(); resolve(false); };
  };
})"""


def _open(browser, url: str, viewport: dict, **context_options):
    log: list[str] = []
    requests: list[str] = []
    context, page = open_page(browser, url, log, requests, viewport=viewport, **context_options)
    page.wait_for_selector(".nnd-cell[data-state]")
    return context, page, log


@pytest.fixture(scope="module", autouse=True)
def write_first_output_times():
    yield
    if FIRST_OUTPUT:
        # merged with what another test process (pytest -n) wrote for the other width
        path = DOCS / "_build" / "first-output.json"
        path.parent.mkdir(exist_ok=True)
        kept = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        path.write_text(json.dumps({**kept, **FIRST_OUTPUT}, indent=1) + "\n", encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
def test_code_is_highlighted_and_long_lines_scroll_in_the_cell(browser, site_url: str, width: str) -> None:
    context, page, log = _open(browser, f"{site_url}tutorial/training.html", WIDTHS[width])
    try:
        cells = page.evaluate(
            """() => Array.from(document.querySelectorAll('.nnd-cell')).map((cell) => {
              const editor = cell.querySelector('textarea'), shown = cell.querySelector('.nnd-highlight');
              const box = cell.querySelector('.nnd-editor-box').getBoundingClientRect();
              const article = document.querySelector('article').getBoundingClientRect();
              return {
                same: shown.textContent === editor.value + '\\n',
                spans: Array.from(shown.querySelectorAll('span')).map((s) => s.className),
                wide: editor.scrollWidth > editor.clientWidth + 1,
                overflow: getComputedStyle(editor).overflowX,
                inside: box.left >= article.left - 1 && box.right <= article.right + 1,
              };
            })"""
        )
        assert cells and all(c["same"] for c in cells), "the highlighted copy differs from the code"
        kinds = {k for c in cells for k in c["spans"]}
        assert {"kn", "k", "mi", "s2", "c1"} <= kinds, kinds  # import, keywords, numbers, strings, comments
        assert all(c["inside"] for c in cells), "an editor sticks out of the page's column"
        wide = [c for c in cells if c["wide"]]
        assert all(c["overflow"] in ("auto", "scroll") for c in wide), wide
        if width == "phone":
            assert wide, "no cell is wider than a phone: this page no longer tests scrolling"
        if wide:  # scrolled to its end, the highlighted copy follows the text
            index = next(i for i, c in enumerate(cells) if c["wide"])
            moved = page.evaluate(
                """(i) => {
                  const cell = document.querySelectorAll('.nnd-cell')[i];
                  const editor = cell.querySelector('textarea');
                  editor.scrollLeft = editor.scrollWidth;
                  editor.dispatchEvent(new Event('scroll'));
                  return [editor.scrollLeft, cell.querySelector('.nnd-highlight').style.transform];
                }""",
                index,
            )
            assert moved[0] > 0 and f"translate(-{moved[0]}px" in moved[1], moved
    finally:
        context.close()
    assert not log, log


def test_copy_copies_the_code_and_reset_puts_it_back(browser, site_url: str) -> None:
    context, page, log = _open(
        browser,
        f"{site_url}tutorial/data.html",
        WIDTHS["desktop"],
        permissions=["clipboard-read", "clipboard-write"],
    )
    try:
        cell = page.locator(".nnd-cell").first
        editor, reset = cell.locator("textarea"), cell.locator(".nnd-reset")
        original = editor.input_value()
        assert reset.is_disabled(), "Reset is offered before anything was changed"
        cell.locator(".nnd-copy").click()
        assert page.evaluate("() => navigator.clipboard.readText()") == original
        assert cell.locator(".nnd-copy").text_content() == "Copied"
        editor.fill("print('mine')")
        assert reset.is_enabled()
        cell.locator(".nnd-copy").click()
        assert page.evaluate("() => navigator.clipboard.readText()") == "print('mine')"
        reset.click()
        assert editor.input_value() == original
        assert cell.locator(".nnd-highlight").text_content() == original + "\n"
        assert reset.is_disabled()
    finally:
        context.close()
    assert not log, log


def test_run_clears_old_output_at_once_and_shows_output_as_it_is_printed(browser, site_url: str) -> None:
    context, page, log = _open(browser, f"{site_url}tutorial/data.html", WIDTHS["desktop"])
    try:
        run_cell(page, 0)
        cell = page.locator(".nnd-cell").first
        assert "[[3.0, 5.0]" in cell.locator(".nnd-output").text_content()
        cell.locator("textarea").fill(
            "import time\n"
            "print('first')\n"
            "start = time.monotonic()\n"
            "while time.monotonic() - start < 1.5:\n"
            "    pass\n"
            "print('last')"
        )
        cell.locator(".nnd-run").click()
        # the old output is gone before Python has answered
        assert "[[3.0, 5.0]" not in cell.locator(".nnd-output").text_content()
        page.wait_for_function(
            "() => (document.querySelector('.nnd-cell').dataset.partial || '').includes('first')",
            timeout=30_000,
        )
        state = cell.get_attribute("data-state")
        shown = cell.locator(".nnd-output").text_content()
        assert state == "running" and "first" in shown and "last" not in shown, (state, shown)
        page.wait_for_function("() => document.querySelector('.nnd-cell').dataset.state === 'done'")
        assert cell.get_attribute("data-text") == "first\nlast\n"
    finally:
        context.close()
    assert not log, log


@pytest.mark.parametrize("width", WIDTHS)
def test_buttons_are_touch_targets(browser, site_url: str, width: str) -> None:
    context, page, log = _open(browser, f"{site_url}tutorial/cost.html", WIDTHS[width])
    try:
        sizes = page.evaluate(
            """() => Array.from(document.querySelectorAll('.nnd-toolbar button')).filter((b) => !b.hidden)
                 .map((b) => [b.className, b.getBoundingClientRect().width,
                              b.getBoundingClientRect().height])"""
        )
        assert {s[0] for s in sizes} == {"nnd-run", "nnd-reset", "nnd-copy"}, sizes
        small = [s for s in sizes if s[1] < 44 or s[2] < 44]
        assert not small, small
    finally:
        context.close()
    assert not log, log


def test_tab_indents_and_escape_then_tab_leaves_the_editor(browser, site_url: str) -> None:
    context, page, log = _open(browser, f"{site_url}tutorial/data.html", WIDTHS["desktop"])
    try:
        editor = page.locator(".nnd-cell textarea").first
        editor.fill("x = 1")
        editor.focus()
        page.keyboard.press("End")
        page.keyboard.press("Home")
        page.keyboard.press("Tab")
        assert editor.input_value() == "    x = 1"
        assert page.evaluate("() => document.activeElement.classList.contains('nnd-editor')")
        page.keyboard.press("Shift+Tab")
        assert editor.input_value() == "x = 1"
        assert "Esc then Tab" in page.locator(".nnd-keys").first.text_content()
        page.keyboard.press("Escape")
        assert "now leaves" in page.locator(".nnd-keys").first.text_content()
        page.keyboard.press("Tab")
        assert editor.input_value() == "x = 1", "Tab after Escape still typed"
        focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.className]")
        assert focused != ["TEXTAREA", "nnd-editor"], focused
        assert focused[0] == "BUTTON", focused  # the cell's Run button comes next
        # and back in: Enter keeps the indentation, and adds a level after a colon
        editor.fill("for i in range(2):")
        editor.focus()
        page.keyboard.press("End")
        page.keyboard.press("Enter")
        page.keyboard.type("print(i)")
        assert editor.input_value() == "for i in range(2):\n    print(i)"
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(
            "() => document.querySelector('.nnd-cell').dataset.state === 'done'", timeout=60_000
        )
        assert page.locator(".nnd-cell").first.get_attribute("data-text") == "0\n1\n"
    finally:
        context.close()
    assert not log, log


def test_every_chapter_ends_with_a_cell_for_ones_own_code(browser, site, site_url: str) -> None:
    for chapter in CHAPTERS:
        page = (site / "tutorial" / f"{chapter}.html").read_text(encoding="utf-8")
        assert page.count('class="nnd-cell-group nnd-scratch"') == 1, chapter
        assert page.rindex("nnd-scratch") > page.rindex("nnd-answer"), f"{chapter}: not at the end"
    context, page, log = _open(browser, f"{site_url}tutorial/cost.html", WIDTHS["desktop"])
    try:
        scratch = page.locator(".nnd-scratch .nnd-cell")
        assert scratch.count() == 1 and scratch.locator("textarea").is_visible()
        index = page.locator(".nnd-cell").count() - 1
        run_cell(page, 0)  # defines J
        scratch.locator("textarea").fill("print(round(J, 3))")
        run_cell(page, index)
        assert scratch.get_attribute("data-text") == "0.336\n"
        # it ran alone: the page's second cell has not run
        assert page.locator(PAGE_CELLS).nth(1).get_attribute("data-state") == "idle"
    finally:
        context.close()
    assert not log, log


@pytest.mark.parametrize("width", WIDTHS)
def test_no_tutorial_page_scrolls_sideways(browser, site_url: str, width: str) -> None:
    pages = ["index", *CHAPTERS, "next-steps"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone = width == "phone"
    log: list[str] = []
    context = new_context(
        browser, log, [], viewport=WIDTHS[width], device_scale_factor=1, is_mobile=phone, has_touch=phone
    )
    try:
        wide = {}
        for name in pages:
            tab = context.new_page()
            tab.goto(f"{site_url}tutorial/{name}.html", wait_until="load")
            tab.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            if tab.locator(".math").count():
                tab.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
                tab.evaluate("() => MathJax.startup.promise")
            sizes = tab.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if sizes[0] > sizes[1]:
                wide[name] = sizes
            tab.screenshot(path=str(SHOTS / f"{name}-{WIDTHS[width]['width']}.png"), full_page=True)
            tab.close()
        assert not wide, f"pages wider than the screen (scrollWidth, clientWidth): {wide}"
    finally:
        context.close()
    assert not [line for line in log if "leaving 127.0.0.1" in line], log


def test_widgets_call_python_and_stale_calls_are_dropped(browser, site_url: str) -> None:
    context, page, log = _open(browser, f"{site_url}tutorial/data.html", WIDTHS["desktop"])
    try:
        answer = page.evaluate(
            """async () => {
              await nndPython.ready();
              const started = performance.now();
              const norm = await nndPython.call('nnd.gradcheck.norm', [[[3, 4]]]);
              const ms = performance.now() - started;
              const svg = await nndPython.call('nnd.draw.sigmoid', []);
              let error = null;
              try { await nndPython.call('os.system', ['true']); } catch (e) { error = e.message; }
              // a cell that keeps the worker busy, then three calls with one key: only the last runs
              const busy = nndPython.run(
                'import time\\ns = time.monotonic()\\nwhile time.monotonic() - s < 0.5: pass', '<busy>');
              const calls = [1, 2, 3].map((n) => nndPython.call('nnd.gradcheck.norm', [[[n]]], {key: 'w'})
                .then((v) => ['value', v],
                      (e) => [e instanceof nndPython.Cancelled ? 'cancelled' : 'error', e.message]));
              await busy;
              return {norm, ms, svg: svg.slice(0, 4), error, calls: await Promise.all(calls)};
            }"""
        )
        print(f"one call to Python from the page: {answer['ms']:.1f} ms")
        assert answer["norm"] == 5.0 and answer["svg"] == "<svg"
        assert answer["error"] and answer["error"].startswith("ValueError: call: expected a function of nnd")
        assert answer["calls"] == [["cancelled", "superseded"], ["cancelled", "superseded"], ["value", 3.0]]
    finally:
        context.close()
    assert not log, log


@pytest.mark.parametrize("width", WIDTHS)
def test_first_output_after_the_first_click_is_measured(browser, site_url: str, width: str) -> None:
    """One profile, two chapters: the first starts Python from nothing, the second from the snapshot.

    The reader is given two seconds on each page before the click, as a reader would take
    to find the first cell. The times are printed and kept, not judged.
    """
    log: list[str] = []
    requests: list[str] = []
    context = new_context(browser, log, requests, viewport=WIDTHS[width])
    try:
        times = {}
        for chapter in ("data", "cost"):
            tab = context.new_page()
            tab.goto(f"{site_url}tutorial/{chapter}.html", wait_until="load")
            tab.wait_for_selector(".nnd-cell[data-state]")
            tab.wait_for_timeout(2000)
            started = time.perf_counter()
            tab.locator(".nnd-cell .nnd-run").first.click()
            tab.wait_for_function(
                "() => ['done', 'error'].includes(document.querySelector('.nnd-cell').dataset.state)",
                timeout=120_000,
            )
            timings = tab.evaluate("() => ({...window.nndRunner.timings})")
            times[chapter] = {
                "click_to_first_output_s": round(time.perf_counter() - started, 3),
                "page_measured_first_output_s": round(timings["firstOutput"] / 1000, 3),
                "python_ready_s": round(timings["ready"] / 1000, 3),
                "python_start": timings["snapshot"],
            }
            assert tab.locator(".nnd-cell").first.get_attribute("data-state") == "done"
            assert timings["bootStarted"] < timings["firstClick"], "Python did not start before the click"
            if timings["snapshot"] == "made":
                # the worker stores its snapshot in the background; a reader who opens the next
                # chapter a moment later finds it stored, so wait for that as a reader would
                for _ in range(240):
                    if tab.evaluate(SNAPSHOT_STORED):
                        break
                    tab.wait_for_timeout(250)
            tab.close()
        FIRST_OUTPUT[width] = times
        print(f"first output after the first click, {WIDTHS[width]['width']} px: {json.dumps(times)}")
        assert times["data"]["python_start"] == "made" and times["cost"]["python_start"] == "used", times
    finally:
        context.close()
    assert not log, log
