"""The tutorial's examples run in the browser (Pyodide, served by the site), offline.

On every tutorial page every cell runs, in order, and prints what the page's doctests
expect (each page in a fresh browser profile, so Python starts from nothing); an error shows
a traceback in its cell, and asking for a backend the browser cannot have says so once, in
the page's terms; Stop ends Python and Run starts it again;
opened as a file the page stays readable and says how to serve it; and a broken copy of the
runner fails the same check. No request may leave 127.0.0.1, from the page or its worker.
The times measured are written to ``docs/_build/runner-times.json``.
"""

from __future__ import annotations

import json
import shutil
import statistics
from pathlib import Path

import pytest
from conftest import DOCS, serve
from runnercheck import check_runner_page, open_page, output_matches, run_cell

# every chapter with examples (the tutorial's index and closing page have none)
TUTORIAL = sorted(
    p.stem for p in (DOCS / "tutorial").glob("*.md") if "{doctest}" in p.read_text(encoding="utf-8")
)
TIMES: dict[str, dict] = {}  # measured, printed and kept; never a pass mark (the machine's load decides them)


@pytest.fixture(scope="module", autouse=True)
def write_times():
    yield
    if TIMES:
        (DOCS / "_build").mkdir(exist_ok=True)
        (DOCS / "_build" / "runner-times.json").write_text(json.dumps(TIMES, indent=1) + "\n")


@pytest.mark.parametrize("chapter", TUTORIAL)
def test_every_cell_runs_and_prints_what_the_page_says(browser, site_url: str, chapter: str) -> None:
    check = check_runner_page(browser, f"{site_url}tutorial/{chapter}.html")
    TIMES[chapter] = {
        "cells": check.cells,
        "snapshot": check.timings.get("snapshot"),
        "ready_s": check.ready_s,
        "first_output_s": check.first_output_s,
        "later_cell_max_s": max(check.later_s, default=None),
        "later_cell_median_s": statistics.median(check.later_s) if check.later_s else None,
        "requests": len(check.requests),
    }
    print(f"{chapter}: {json.dumps(TIMES[chapter])}")
    assert not check.problems, "\n".join(check.problems)
    assert any("/_static/pyodide/pyodide.asm.wasm" in url for url in check.requests), "Pyodide was not loaded"
    assert any("/_static/wheels/nnd-" in url for url in check.requests), "nnd's wheel was not loaded"
    if chapter == "forward-pass":  # `net` on its own line: the network drawn, and its variables
        assert check.pictures >= 1, "the network's picture was not shown"


def test_errors_show_a_traceback_in_their_cell(browser, site_url: str) -> None:
    log: list[str] = []
    requests: list[str] = []
    context, page = open_page(browser, f"{site_url}tutorial/data.html", log, requests)
    try:
        page.wait_for_selector(".nnd-cell[data-state]")
        editor = page.locator(".nnd-cell textarea").nth(1)
        editor.fill("import nnd\ndef scale(x):\n    return x / 0\nscale(1)")
        run_cell(page, 1)
        cell = page.locator(".nnd-cell").nth(1)
        text = cell.get_attribute("data-text")
        assert cell.get_attribute("data-state") == "error"
        assert text.startswith("Traceback (most recent call last):"), text
        assert 'File "<cell 2>", line 3, in scale' in text and text.rstrip().endswith(
            "ZeroDivisionError: division by zero"
        ), text
        assert "cells.py" not in text, "the traceback shows the runner's own frames"
        assert cell.locator(".nnd-error").is_visible()
        # the browser has nnd's python backend only; asking for NumPy fails with nnd's message
        editor.fill('nnd.Network(backend="numpy")')
        run_cell(page, 1)
        text = cell.get_attribute("data-text")
        assert "BackendNotInstalledError" in text and "'numpy' backend cannot run in this page" in text, text
        assert "python backend" in text and "pip" not in text and text.count("install") == 1, text
        editor.fill("import numpy")  # Pyodide's own hint would suggest micropip, which needs the internet
        run_cell(page, 1)
        text = cell.get_attribute("data-text")
        assert "No module named 'numpy'" in text and "micropip" not in text and "pip" not in text, text
        # rich results are shown, but never run script
        editor.fill(
            "class Sneaky:\n"
            "    def _repr_html_(self):\n"
            "        return ('<b>bold</b><svg onload=\"window.pwned = 1\"></svg>'\n"
            "                '<script>window.pwned = 2</script>')\n"
            "Sneaky()"
        )
        run_cell(page, 1)
        page.wait_for_timeout(200)
        assert cell.locator(".nnd-rich b").count() == 1, "the HTML result was not shown"
        assert page.evaluate("() => window.pwned") is None, "a rich result ran script"
        # and the page's first cell still runs after both errors
        run_cell(page, 0)
        first = page.locator(".nnd-cell").nth(0)
        assert first.get_attribute("data-state") == "done"
    finally:
        context.close()
    assert not log, log


def test_stop_ends_python_and_run_starts_it_again(browser, site_url: str) -> None:
    log: list[str] = []
    requests: list[str] = []
    context, page = open_page(browser, f"{site_url}tutorial/data.html", log, requests)
    try:
        page.wait_for_selector(".nnd-cell[data-state]")
        page.locator(".nnd-cell textarea").first.fill("while True:\n    pass")
        page.locator(".nnd-cell .nnd-run").first.click()
        page.wait_for_function("() => document.querySelector('.nnd-cell').dataset.state === 'running'")
        page.wait_for_timeout(300)
        assert page.locator(".nnd-cell .nnd-run").first.is_disabled()
        page.locator(".nnd-cell .nnd-stop").first.click()
        assert "stopped" in page.locator(".nnd-runner-state").text_content()
        assert page.locator(".nnd-cell").first.get_attribute("data-state") == "idle"
        page.locator(".nnd-cell textarea").first.fill("import nnd\nprint(nnd.__name__)")
        run_cell(page, 0)
        assert page.locator(".nnd-cell").first.get_attribute("data-text") == "nnd\n"
    finally:
        context.close()
    assert not log, log


def test_opened_as_a_file_the_page_is_readable_and_says_how_to_serve_it(browser, site: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site / "tutorial" / "data.html").as_uri(), wait_until="load")
        note = page.locator(".nnd-runner-note")
        assert note.is_visible()
        assert "python -m http.server" in note.text_content()
        assert page.locator(".nnd-static").first.is_visible(), "the printed examples are hidden"
        assert not page.locator(".nnd-cell textarea").first.is_visible()
    finally:
        context.close()


BROKEN = {
    # the worker throws away what a cell printed
    "worker drops output": (
        "worker.js",
        'postMessage({ type: "output", id: job.id, item });',
        "void item;",
    ),
    # the runner loses every cell's last line
    "runner cuts code": (
        "runner.js",
        "python.run(cell.editor.value,",
        "python.run(cell.editor.value.replace(/\\n[^\\n]*$/, ''),",
    ),
    # the runner does not load at all
    "runner syntax error": ("runner.js", '"use strict";', '"use strict"; (('),
}


@pytest.mark.parametrize("name", BROKEN)
def test_the_check_fails_on_a_broken_runner(browser, site: Path, tmp_path: Path, name: str) -> None:
    filename, old, new = BROKEN[name]
    copy = tmp_path / "html"
    shutil.copytree(site, copy)
    path = copy / "_static" / "runner" / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{filename} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with serve(copy) as url:
        check = check_runner_page(browser, f"{url}tutorial/data.html")
    assert check.problems, f"the check passed a broken runner ({name})"


def test_output_comparison_is_doctests() -> None:
    assert output_matches("[[0.3, 1.0],\n [0.5, 0.2]]\n", "[[0.3, 1.0], [0.5, 0.2]]\n", False)
    traceback = "Traceback (most recent call last):\n"
    assert output_matches(
        traceback + "...\nValueError: x\n", traceback + '  File "<cell 1>"\nValueError: x\n', True
    )
    assert not output_matches("0.336112\n", "0.336113\n", False)
    assert not output_matches("a...\n", "abc\n", False)


def test_a_request_leaving_the_machine_is_caught(browser, site_url: str) -> None:
    """The worker's requests are watched too: a cell that fetches from outside is reported."""
    log: list[str] = []
    requests: list[str] = []
    context, page = open_page(browser, f"{site_url}tutorial/data.html", log, requests)
    try:
        page.wait_for_selector(".nnd-cell[data-state]")
        page.locator(".nnd-cell textarea").first.fill(
            "import js\njs.fetch('https://example.org/nnd-should-never-fetch-this')\nprint('sent')"
        )
        run_cell(page, 0)
        page.wait_for_timeout(500)
    finally:
        context.close()
    assert any("example.org" in url for url in requests)
    assert any("leaving 127.0.0.1" in line and "example.org" in line for line in log), log
