"""The weight sliders of chapters 2 and 3, driven in Chromium as a learner drives them, offline.

Drag a weight's slider with the mouse and nudge another with the arrow keys: the cost J and yHat
shown must be the series' equations (1)–(5) computed here for the weights the widget reports,
the cost curve must follow the weight in hand, and Reset must bring back the page's seed-0
network (J = 0.3361). The pages fit a 1280 px desktop and a 390 px phone (screenshots in
``NND_SHOTS``, default ``docs/_build/sliders-shots``), and nothing is requested outside
127.0.0.1. The time from a move to its numbers is printed, never a pass mark.
"""

from __future__ import annotations

import json
import math
import os
import statistics
from pathlib import Path

import pytest
from conftest import DOCS
from runnercheck import open_page

SHOTS = Path(os.environ.get("NND_SHOTS", DOCS / "_build" / "sliders-shots"))
SL = "[data-nnd-widget='sliders']"
PYTHON_START_MS = 180_000
X = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]  # the series' data, scaled as Part 1 does
Y = [0.75, 0.82, 0.93]


def series(w: list[float]) -> tuple[list[float], float]:
    """yHat and J by the series' equations (1)–(5)."""
    f = lambda z: 1.0 / (1.0 + math.exp(-z))  # noqa: E731
    a2 = [[f(x[0] * w[j] + x[1] * w[3 + j]) for j in range(3)] for x in X]
    yHat = [f(sum(a * v for a, v in zip(row, w[6:9]))) for row in a2]
    return yHat, sum(0.5 * (t - p) ** 2 for t, p in zip(Y, yHat))


def shown(page) -> tuple[list[float], float, list[float], str]:
    """The weights the widget computed with, its J, its yHat and the weight in hand."""
    root = page.locator(SL)
    weights = json.loads(root.get_attribute("data-weights"))
    J = float(page.locator(f"{SL} [data-nnd-readout='J']").inner_text())
    row = page.locator(f"{SL} [data-nnd-readout='yHat'] tr").nth(2).locator("td").all_inner_texts()
    return weights, J, [float(v) for v in row], root.get_attribute("data-moving")


def settled(page, before: str) -> None:
    """Wait until the widget shows numbers for other weights than ``before``."""
    page.wait_for_function(
        f'b => document.querySelector("{SL}").dataset.weights !== b', arg=before, timeout=20_000
    )


def caught_up(page, name: str) -> None:
    """Wait until the numbers shown are those for the slider ``name`` where it now stands."""
    page.wait_for_function(
        """name => {
          const root = document.querySelector("[data-nnd-widget='sliders']");
          const input = root.querySelector(`[data-nnd-weight='${name}']`);
          const k = Array.from(root.querySelectorAll("input[type='range']")).indexOf(input);
          return JSON.parse(root.dataset.weights)[k] === Number(input.value);
        }""",
        arg=name,
        timeout=20_000,
    )


def agrees(page) -> list[float]:
    weights, J, yHat, _ = shown(page)
    by_hand, J_by_hand = series(weights)
    assert J == pytest.approx(J_by_hand, abs=6e-5), (weights, J, J_by_hand)
    assert yHat == pytest.approx(by_hand, abs=6e-4)
    return weights


@pytest.mark.parametrize(("page_path", "width"), [("tutorial/cost.html", 1280), ("tutorial/cost.html", 390),
                                                  ("tutorial/forward-pass.html", 390)])  # fmt: skip
def test_a_learner_drags_the_weights(browser, site_url: str, page_path: str, width: int) -> None:
    log: list[str] = []
    context, page = open_page(
        browser, site_url + page_path, log, [], viewport={"width": width, "height": 900}
    )
    times: list[float] = []
    try:
        page.wait_for_selector(f"{SL}[data-ready='1']", state="attached", timeout=PYTHON_START_MS)
        start = agrees(page)
        J = float(page.locator(f"{SL} [data-nnd-readout='J']").inner_text())
        assert J == pytest.approx(0.3361, abs=1e-4)  # the page's seed-0 network
        assert page.locator(f"{SL} input[type='range']").count() == 9

        # drag W1[0, 0] with the mouse, from its place to near the right end, in small moves
        slider = page.locator(f"{SL} [data-nnd-weight='W1[0, 0]']")
        slider.scroll_into_view_if_needed()
        box = slider.bounding_box()
        y = box["y"] + box["height"] / 2
        x0 = box["x"] + box["width"] * (start[0] + 5) / 10
        page.mouse.move(x0, y)
        page.mouse.down()
        for k in range(1, 11):
            before = page.locator(SL).get_attribute("data-weights")
            page.mouse.move(x0 + (box["x"] + box["width"] * 0.95 - x0) * k / 10, y)
            settled(page, before)
            times.append(float(page.locator(SL).get_attribute("data-ms")))
        page.mouse.up()
        caught_up(page, "W1[0, 0]")
        dragged = agrees(page)
        assert dragged[0] > start[0] + 1.0 and dragged[1:] == start[1:], (start, dragged)
        assert shown(page)[3] == "W1[0, 0]"
        assert "as W1[0, 0] varies" in page.locator(f"{SL} [data-nnd-readout='sweep']").inner_html()
        assert page.locator(f"{SL} [data-nnd-readout='network'] svg circle").count() == 6
        assert "z⁽²⁾₁ = 0.300 × " in page.locator(f"{SL} [data-nnd-readout='sums']").inner_text()

        # nudge W2[2, 0] with the keyboard: each arrow press is one step of 0.01
        key_slider = page.locator(f"{SL} [data-nnd-weight='W2[2, 0]']")
        key_slider.focus()
        for _ in range(3):
            before = page.locator(SL).get_attribute("data-weights")
            page.keyboard.press("ArrowRight")
            settled(page, before)
            times.append(float(page.locator(SL).get_attribute("data-ms")))
        caught_up(page, "W2[2, 0]")
        nudged = agrees(page)
        assert nudged[8] == pytest.approx(round(start[8], 2) + 0.03, abs=1e-9) and nudged[:8] == dragged[:8]
        assert shown(page)[3] == "W2[2, 0]"
        assert "as W2[2, 0] varies" in page.locator(f"{SL} [data-nnd-readout='sweep']").inner_html()

        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(SL).scroll_into_view_if_needed()
        shot = SHOTS / f"sliders-{page_path.split('/')[-1][:-5]}-{width}.png"
        page.screenshot(path=str(shot), full_page=False)
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"the page is {wide} px wider than the screen at {width} px"

        before = page.locator(SL).get_attribute("data-weights")
        page.locator(f"{SL} [data-nnd-action='reset']").click()
        settled(page, before)
        assert agrees(page) == start
    finally:
        context.close()
    print(f"\nsliders on {page_path} at {width} px, move to numbers shown (ms): "
          f"median {statistics.median(times):.0f}, max {max(times):.0f}", json.dumps(times))  # fmt: skip
    assert not log, log
