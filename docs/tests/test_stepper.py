"""The backprop stepper of chapter 4, driven in Chromium as a learner drives it, offline.

Step through the nine steps and read their names in the series' order, each with the line of
nnd/backprop.py that computes it and a value of the right shape; Back shows the step before
with the same numbers; Reset returns to z2. The page fits a 1280 px desktop and a 390 px phone
(screenshots in ``NND_SHOTS``, default ``docs/_build/stepper-shots``), and nothing is requested
outside 127.0.0.1. The time from a click to the new step is printed, never a pass mark.
"""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

import pytest
from conftest import DOCS
from runnercheck import open_page

SHOTS = Path(os.environ.get("NND_SHOTS", DOCS / "_build" / "stepper-shots"))
PAGE = "tutorial/backpropagation.html"
ST = "[data-nnd-widget='stepper']"
PYTHON_START_MS = 180_000
ORDER = ["z2", "a2", "z3", "yHat", "J", "delta3", "dJdW2", "delta2", "dJdW1"]
SHAPES = {"z2": "(3, 3)", "a2": "(3, 3)", "z3": "(3, 1)", "yHat": "(3, 1)", "delta3": "(3, 1)",
          "dJdW2": "(3, 1)", "delta2": "(3, 3)", "dJdW1": "(2, 3)"}  # fmt: skip


def name(page) -> str:
    return page.locator(f"{ST} [data-nnd-readout='step']").inner_text()


def click_and_wait(page, action: str, expected: str) -> float:
    """Click ``action``; wait for the step ``expected``; the milliseconds the widget measured."""
    page.locator(f"{ST} [data-nnd-action='{action}']").click()
    page.wait_for_function(
        f"() => document.querySelector(\"{ST} [data-nnd-readout='step']\").textContent === {expected!r}"
    )
    return float(page.locator(ST).get_attribute("data-ms"))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_learner_steps_through_one_pass_and_back(browser, site_url: str, width: int) -> None:
    log: list[str] = []
    context, page = open_page(browser, site_url + PAGE, log, [], viewport={"width": width, "height": 900})
    times: list[float] = []
    try:
        page.wait_for_selector(f"{ST}[data-ready='1']", state="attached", timeout=PYTHON_START_MS)
        assert name(page) == "z2"
        assert page.locator(f"{ST} [data-nnd-action='back']").is_disabled()
        values = {"z2": page.locator(f"{ST} [data-nnd-readout='value']").inner_text()}
        for expected in ORDER[1:]:
            times.append(click_and_wait(page, "step", expected))
            line = page.locator(f"{ST} [data-nnd-readout='line']").inner_text()
            assert line.startswith("nnd/backprop.py, line ") and ("B." in line), line
            shape = page.locator(f"{ST} [data-nnd-readout='shape']").inner_text()
            assert (SHAPES[expected] in shape) if expected != "J" else "a number" in shape, shape
            values[expected] = page.locator(f"{ST} [data-nnd-readout='value']").inner_text()
            if expected == "delta3":
                assert "output_delta" in line
        assert page.locator(f"{ST} [data-nnd-action='step']").is_disabled()
        assert float(values["J"]) == pytest.approx(0.3361, abs=1e-4)  # the page's seed-0 network
        assert values["dJdW1"].count("\n") == 1  # two rows
        page.locator(ST).scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"stepper-{width}.png"), full_page=False)
        times.append(click_and_wait(page, "back", "delta2"))
        assert page.locator(f"{ST} [data-nnd-readout='value']").inner_text() == values["delta2"]
        times.append(click_and_wait(page, "reset", "z2"))
        assert page.locator(f"{ST} [data-nnd-readout='value']").inner_text() == values["z2"]
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"the page is {wide} px wider than the screen at {width} px"
    finally:
        context.close()
    print(f"\nstepper at {width} px, click to step shown (ms): median {statistics.median(times):.0f}, "
          f"max {max(times):.0f}", json.dumps(times))  # fmt: skip
    assert not log, log
