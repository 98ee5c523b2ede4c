"""Live training in chapters 6 and 7, driven in Chromium as a learner drives it, offline.

Step one iteration, Play, Pause (and nothing moves while paused), play BFGS to its end on the
series' three students, switch to gradient descent and to Part 7's data (a test cost appears),
and Reset. The pages fit a 1280 px desktop and a 390 px phone (screenshots in ``NND_SHOTS``,
default ``docs/_build/trainer-shots``), and nothing is requested outside 127.0.0.1. The time
from a click to its frame is printed, never a pass mark.
"""

from __future__ import annotations

import json
import os
import re
import statistics
from pathlib import Path

import pytest
from conftest import DOCS
from runnercheck import open_page

SHOTS = Path(os.environ.get("NND_SHOTS", DOCS / "_build" / "trainer-shots"))
TR = "[data-nnd-widget='trainer']"
PYTHON_START_MS = 180_000


def readout(page, name: str) -> str:
    return page.locator(f"{TR} [data-nnd-readout='{name}']").inner_text()


def iteration(page) -> tuple[int, int]:
    k, n = re.fullmatch(r"iteration (\d+) of (\d+)", readout(page, "iteration")).groups()
    return int(k), int(n)


def wait_for(page, condition: str, timeout: int = 60_000) -> None:
    """Wait until ``condition`` (JavaScript, with ``root`` the trainer) holds."""
    page.wait_for_function(f"() => {{ const root = document.querySelector(\"{TR}\"); return {condition}; }}",
                           timeout=timeout)  # fmt: skip


PAGES = [
    ("tutorial/training.html", 1280),
    ("tutorial/training.html", 390),
    ("tutorial/overfitting.html", 390),
]


@pytest.mark.parametrize(("page_path", "width"), PAGES)
def test_a_learner_plays_pauses_and_steps(browser, site_url: str, page_path: str, width: int) -> None:
    log: list[str] = []
    context, page = open_page(
        browser, site_url + page_path, log, [], viewport={"width": width, "height": 900}
    )
    times: list[float] = []
    part7 = "overfitting" in page_path
    try:
        page.wait_for_selector(f"{TR}[data-ready='1']", state="attached", timeout=PYTHON_START_MS)
        root = page.locator(TR)
        assert iteration(page)[0] == 0
        J0 = float(readout(page, "J"))
        if part7:  # Part 7's data: a test cost beside the training cost
            assert readout(page, "testJ") != "—"
        else:
            assert J0 == pytest.approx(0.3361, abs=1e-4)  # the page's seed-0 network
            assert readout(page, "testJ") == "—"

        page.locator(f"{TR} [data-nnd-action='step']").click()
        wait_for(page, "root.dataset.iteration === '1'")
        times.append(float(root.get_attribute("data-ms")))
        assert float(readout(page, "J")) < J0

        page.locator(f"{TR} [data-nnd-action='play']").click()
        wait_for(page, "Number(root.dataset.iteration) >= 5")
        page.locator(f"{TR} [data-nnd-action='pause']").click()
        page.wait_for_timeout(300)  # a frame already asked for may still arrive
        paused = iteration(page)
        page.wait_for_timeout(700)
        assert iteration(page) == paused, "training moved while paused"
        assert page.locator(f"{TR} [data-nnd-action='pause']").is_disabled()
        times.append(float(root.get_attribute("data-ms")))

        page.locator(f"{TR} [data-nnd-action='play']").click()  # to the end
        wait_for(page, "root.dataset.iteration === root.dataset.count - 1 + ''", timeout=120_000)
        times.append(float(root.get_attribute("data-ms")))
        k, n = iteration(page)
        assert k == n and "Training ended: converged" in readout(page, "message")
        if not part7:
            assert float(readout(page, "J")) < 1e-6
        for picture in ("curve", "map", "network"):
            assert page.locator(f"{TR} [data-nnd-readout='{picture}'] svg").count() == 1, picture
        page.locator(TR).scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"trainer-{page_path.split('/')[-1][:-5]}-{width}.png"))

        page.locator(f"{TR} [data-nnd-control='method']").select_option("gd")
        wait_for(page, "root.dataset.count === '1001' && root.dataset.iteration === '0'")
        times.append(float(root.get_attribute("data-ms")))
        assert float(readout(page, "J")) == pytest.approx(J0, abs=1e-4)  # the same start
        if not part7:
            page.locator(f"{TR} [data-nnd-control='data']").select_option("part7")
            wait_for(page, "document.querySelector(\"[data-nnd-readout='testJ']\").textContent !== '—'")
            times.append(float(root.get_attribute("data-ms")))
        page.locator(f"{TR} [data-nnd-action='step']").click()
        wait_for(page, "root.dataset.iteration === '1'")
        page.locator(f"{TR} [data-nnd-action='reset']").click()
        wait_for(page, "root.dataset.iteration === '0'")
        times.append(float(root.get_attribute("data-ms")))
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"the page is {wide} px wider than the screen at {width} px"
    finally:
        context.close()
    print(f"\ntrainer on {page_path} at {width} px, click to frame shown (ms): "
          f"median {statistics.median(times):.0f}, max {max(times):.0f}", json.dumps(times))  # fmt: skip
    assert not log, log
