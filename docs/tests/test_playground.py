"""The playground page, driven in Chromium as a learner drives it, offline.

- The playground: choose a data set, Play, Pause, see the cost J fall and the pictures of the
  regions and of the hidden units change; Step; click on the picture to add points; change the
  layers, the learning rate and the biases; open the page's address in another browser and
  find the same set-up (and the added points).
- An address with settings nnd refuses says why and starts from the defaults.
- Draw a digit: strokes drawn with the mouse are read, the 8 × 8 picture shows them and a
  prediction appears; Clear empties it; on a phone a finger's stroke is read the same way.
- The page fits a 390 px phone and a 1280 px desktop (screenshots of both are kept in
  ``NND_SHOTS``, default ``docs/_build/playground-shots``), and nothing is requested outside
  127.0.0.1.

The times measured once Python is ready (the first picture, each answer to a click or a
setting, each training call, a digit's reading) are printed and written beside the
screenshots; they are never a pass mark.
"""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DOCS
from mathcheck import guard_network

SHOTS = Path(os.environ.get("NND_SHOTS", DOCS / "_build" / "playground-shots"))
PAGE = "playground.html"
PG = "[data-nnd-widget='playground']"
DIGIT = "[data-nnd-widget='digit']"
PYTHON_START_MS = 180_000  # Pyodide's first start in a fresh profile, on a slow machine
TIMES: dict[str, object] = {}


@pytest.fixture(scope="module", autouse=True)
def write_times():
    yield
    if TIMES:
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "times.json").write_text(json.dumps(TIMES, indent=1) + "\n")
        print("\nplayground times (ms):", json.dumps(TIMES))


def open_context(browser, log: list[str], **options):
    context = browser.new_context(service_workers="block", color_scheme="light", **options)
    guard_network(context, log)
    return context


def watch(page, log: list[str]) -> None:
    page.on("pageerror", lambda e: log.append(f"JavaScript error: {e}"))
    page.on("response", lambda r: r.status >= 400 and log.append(f"HTTP {r.status}: {r.url}"))


def wait_ready(page, widget: str) -> None:
    page.wait_for_selector(f"{widget}[data-ready='1']", state="attached", timeout=PYTHON_START_MS)


def until(page, condition: str, timeout: int = 60_000) -> None:
    """Wait until the JavaScript expression ``condition`` is true."""
    page.wait_for_function(f"() => {condition}", timeout=timeout)


def query(name: str) -> str:
    """JavaScript: the parameter ``name`` of the page's address."""
    return f"new URLSearchParams(location.search).get({name!r})"


def readout(widget: str, name: str) -> str:
    """JavaScript: the readout ``name`` of ``widget``."""
    return f'document.querySelector("{widget} [data-nnd-readout={name}]")'


def cost(page) -> float:
    return float(page.evaluate(f"() => {readout(PG, 'J')}.dataset.value"))


def epoch(page) -> int:
    return int(page.evaluate(f"() => {readout(PG, 'epoch')}.textContent"))


def pictures(page) -> list[str]:
    """The regions' picture and each hidden unit's, as data URLs."""
    return page.locator(f"{PG} canvas.nnd-pg-map, {PG} canvas.nnd-pg-unit").evaluate_all(
        "cs => cs.map(c => c.toDataURL())"
    )


def play_for(page, epochs: int) -> None:
    """Press Play, wait until ``epochs`` more epochs are trained, press Pause."""
    start = epoch(page)
    page.locator(f"{PG} [data-nnd-action='play']").click()
    assert page.get_attribute(PG, "data-playing") == "1"
    until(page, f"Number({readout(PG, 'epoch')}.textContent) >= {start + epochs}")
    page.locator(f"{PG} [data-nnd-action='pause']").click()
    until(page, f"document.querySelector(\"{PG}\").dataset.playing === '0'")


def test_a_learner_trains_the_playground_adds_points_and_shares_it(browser, site_url: str) -> None:
    log: list[str] = []
    context = open_context(browser, log, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch(page, log)
    try:
        page.goto(site_url + PAGE, wait_until="load")
        pg = page.locator(PG)
        wait_ready(page, PG)
        TIMES["python_ready"] = page.evaluate("() => window.nndPython && nndPython.timings.ready")
        TIMES["first_frame_after_ready"] = pg.evaluate("root => root.nndTimings.firstFrame")

        # choose a data set: the picture shows the moons, at epoch 0
        pg.locator("select[data-nnd-setting='data']").select_option("moons")
        until(page, f"{query('data')} === 'moons' && {readout(PG, 'J')}.dataset.value")
        assert epoch(page) == 0
        start_cost, start_pictures = cost(page), pictures(page)
        assert len(start_pictures) == 1 + 8  # the regions, and the 8 units of the hidden layer

        # Play, let it learn, Pause: the cost fell, the regions and every unit's map changed
        play_for(page, 60)
        page.wait_for_timeout(400)  # a call under way when Pause was pressed comes back
        paused_epoch = epoch(page)
        page.wait_for_timeout(600)
        assert epoch(page) == paused_epoch, "training went on after Pause"
        assert cost(page) < start_cost, (start_cost, cost(page))
        changed = [a != b for a, b in zip(start_pictures, pictures(page))]
        assert all(changed), f"pictures that did not change (regions first): {changed}"
        calls = pg.evaluate("root => root.nndTimings.calls.filter(c => c.fn === 'step')")
        TIMES["step_call_median"] = statistics.median(c["ms"] for c in calls)
        TIMES["step_call_max"] = max(c["ms"] for c in calls)
        TIMES["epochs_per_step_call_median"] = statistics.median(c["epochs"] for c in calls)

        # Step: one epoch more
        pg.locator("[data-nnd-action='step']").click()
        until(page, f"Number({readout(PG, 'epoch')}.textContent) === {paused_epoch + 1}")

        # click to add points of class 1 (chosen) on the picture: they join the address
        pg.locator("input[data-nnd-setting='class'][value='1']").check()
        pg.locator("canvas.nnd-pg-map").scroll_into_view_if_needed()
        box = pg.locator("canvas.nnd-pg-map").bounding_box()
        page.mouse.click(box["x"] + 0.1 * box["width"], box["y"] + 0.1 * box["height"])
        until(page, f"({query('points')} || '').length > 0")
        page.mouse.click(box["x"] + 0.2 * box["width"], box["y"] + 0.15 * box["height"])
        until(page, f"({query('points')} || '').split(';').length === 2")
        points = parse_qs(urlsplit(page.url).query)["points"][0].split(";")
        x1, x2, c = map(float, points[0].split(","))
        assert abs(x1 - 0.1) < 0.02 and abs(x2 - 0.9) < 0.02 and c == 1, points
        assert epoch(page) == paused_epoch + 1, "adding a point started the network again"

        # change settings: a second hidden layer, another learning rate, no biases
        pg.locator("[data-nnd-action='add-layer']").click()
        until(page, f"{query('hidden')} === '8,4'")
        pg.locator("select[data-nnd-setting='rate']").select_option("1")
        until(page, f"{query('rate')} === '1'")
        pg.locator("input[data-nnd-setting='bias']").uncheck()
        until(page, f"{query('bias')} === '0'")
        assert pg.locator("canvas.nnd-pg-unit").count() == 12
        answers = pg.evaluate("root => root.nndTimings.calls.filter(c => c.fn !== 'step')")
        TIMES["answer_to_a_setting"] = [round(c["ms"]) for c in answers if c["fn"] == "start"]
        TIMES["answer_to_a_click"] = [round(c["ms"]) for c in answers if c["fn"] == "add_point"]
        shared = page.url
        play_for(page, 20)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / "playground-1280.png"), full_page=True)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= 1280, f"the playground page is {wide} px wide on a 1280 px screen"

        # a colleague opens the address: the same set-up, the same points, from the first weights
        other = open_context(browser, log, viewport={"width": 1280, "height": 900})
        tab = other.new_page()
        watch(tab, log)
        tab.goto(shared, wait_until="load")
        wait_ready(tab, PG)
        restored = tab.locator(PG)
        assert restored.locator("select[data-nnd-setting='data']").input_value() == "moons"
        assert restored.locator("select[data-nnd-setting='rate']").input_value() == "1"
        assert not restored.locator("input[data-nnd-setting='bias']").is_checked()
        sizes = restored.locator("[data-nnd-setting='hidden'] input").evaluate_all(
            "xs => xs.map(x => x.value)"
        )
        assert sizes == ["8", "4"]
        assert tab.url == shared
        assert restored.evaluate("root => root.querySelector('canvas.nnd-pg-map').dataset.epoch") == "0"
        assert restored.evaluate("root => root.querySelector('canvas.nnd-pg-map').dataset.points") == str(
            200 + 2
        )
        other.close()
    finally:
        context.close()
    assert not log, log


def test_an_address_with_bad_settings_says_so_and_starts_from_the_defaults(browser, site_url: str) -> None:
    log: list[str] = []
    context = open_context(browser, log)
    page = context.new_page()
    watch(page, log)
    try:
        page.goto(site_url + PAGE + "?data=stars&rate=3", wait_until="load")
        wait_ready(page, PG)
        status = page.locator(f"{PG} [data-nnd-readout='status']").inner_text()
        assert "stars" in status and "defaults" in status, status
        assert page.locator(f"{PG} select[data-nnd-setting='data']").input_value() == "xor"
    finally:
        context.close()
    assert not log, log


def draw(page, pad, strokes: list[list[tuple[float, float]]]) -> None:
    """Draw ``strokes`` (points as fractions of the pad) with the mouse."""
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    for stroke in strokes:
        x, y = stroke[0]
        page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=6)
        page.mouse.up()


def read_digit(page) -> str:
    """Wait for the digit widget's prediction; the digit it reads."""
    until(page, f"{readout(DIGIT, 'prediction')}.dataset.value !== undefined")
    return page.evaluate(f"() => {readout(DIGIT, 'prediction')}.dataset.value")


def test_a_learner_draws_a_digit_and_the_network_reads_it(browser, site_url: str) -> None:
    log: list[str] = []
    context = open_context(browser, log, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch(page, log)
    try:
        page.goto(site_url + PAGE, wait_until="load")
        digit = page.locator(DIGIT)
        digit.scroll_into_view_if_needed()  # the network is trained when the pad comes into view
        wait_ready(page, DIGIT)
        TIMES["digit_training"] = digit.evaluate("root => root.nndTimings.train")
        prediction = digit.locator("[data-nnd-readout='prediction']")
        pad = digit.locator("canvas.nnd-digit-pad")
        # a "7": the bar across the top, then the long stroke down to the left
        draw(page, pad, [[(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]])
        read = read_digit(page)
        assert read in list("0123456789"), read
        assert f"reads a {read}" in prediction.inner_text()
        TIMES["digit_first_read"] = read
        # the pixels the network saw: ink in the top row of the 8 × 8 picture
        ink = digit.locator("canvas.nnd-digit-seen").evaluate(
            "c => Array.from(c.getContext('2d').getImageData(0, 0, 8, 1).data)"
            ".filter((v, i) => i % 4 === 0 && v < 128).length"
        )
        assert ink >= 3, ink
        widths = digit.locator(".nnd-digit-fill").evaluate_all("xs => xs.map(x => parseFloat(x.style.width))")
        assert len(widths) == 10 and max(widths) > 0
        # Clear, then a "1": a vertical line
        digit.locator("[data-nnd-action='clear']").click()
        assert prediction.get_attribute("data-value") is None
        assert (
            digit.locator(".nnd-digit-fill").evaluate_all("xs => xs.map(x => parseFloat(x.style.width))")
            == [0] * 10
        )
        draw(page, pad, [[(0.5, 0.15), (0.5, 0.85)]])
        TIMES["digit_second_read"] = read_digit(page)
        reads = digit.evaluate("root => root.nndTimings.reads")
        TIMES["digit_answer_to_a_stroke"] = [round(r["ms"]) for r in reads]
        SHOTS.mkdir(parents=True, exist_ok=True)
        digit.screenshot(path=str(SHOTS / "digit-1280.png"))
    finally:
        context.close()
    assert not log, log


def test_the_page_fits_a_phone_and_a_finger_draws(browser, site_url: str) -> None:
    log: list[str] = []
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    context = open_context(browser, log, device_scale_factor=1, **phone)
    page = context.new_page()
    watch(page, log)
    try:
        page.goto(site_url + PAGE + "?data=spiral&hidden=8,8", wait_until="load")
        wait_ready(page, PG)
        pg = page.locator(PG)
        pg.locator("[data-nnd-action='play']").tap()
        until(page, f"Number({readout(PG, 'epoch')}.textContent) > 30")
        pg.locator("[data-nnd-action='pause']").tap()
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= 390, f"the playground page is {wide} px wide on a 390 px screen"
        assert pg.locator("canvas.nnd-pg-unit").count() == 16
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / "playground-390.png"), full_page=True)
        pad = page.locator(f"{DIGIT} canvas.nnd-digit-pad")
        pad.scroll_into_view_if_needed()  # the network is trained when the pad comes into view
        wait_ready(page, DIGIT)
        box = pad.bounding_box()
        # a finger's stroke down the pad: touch input as a phone sends it, not a mouse's
        finger = context.new_cdp_session(page)
        x, top, height = box["x"] + 0.5 * box["width"], box["y"] + 0.15 * box["height"], 0.7 * box["height"]
        scrolled = page.evaluate("() => window.scrollY")
        finger.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": top}]})
        for k in range(1, 11):
            touch = {"x": x, "y": top + height * k / 10}
            finger.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [touch]})
        finger.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        assert read_digit(page) in list("0123456789")
        assert page.evaluate("() => window.scrollY") == scrolled, (
            "the finger scrolled the page instead of drawing"
        )
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= 390, f"the page is {wide} px wide on a 390 px screen after drawing"
        page.locator(DIGIT).screenshot(path=str(SHOTS / "digit-390.png"))
    finally:
        context.close()
    assert not log, log


def test_opened_as_a_file_the_widgets_say_how_to_serve_the_site(browser, site: Path) -> None:
    log: list[str] = []
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.on("pageerror", lambda e: log.append(f"JavaScript error: {e}"))
    try:
        page.goto((site / PAGE).as_uri(), wait_until="load")
        page.locator(DIGIT).scroll_into_view_if_needed()
        for widget in (PG, DIGIT):
            page.wait_for_selector(f"{widget}[data-failed='1']", state="attached")
            status = page.locator(f"{widget} [data-nnd-readout='status']").inner_text()
            assert "http.server" in status, status
    finally:
        context.close()
    assert not log, log
