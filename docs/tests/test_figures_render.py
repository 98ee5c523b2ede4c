"""nnd's pictures in a real browser: each kind draws something, at the size it declares.

:func:`check_svg` loads one SVG document as an ``<img>`` (as the site shows its figures)
in headless Chromium and returns what is wrong with it: the browser could not load it
(not well-formed, not SVG), its rendered size is not the size its ``viewBox`` declares, or
its screenshot is blank. The check is shown to fail on broken copies of a real picture,
and every figure of the built site passes it where it appears.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mathcheck import guard_network, ink_pixels

import nnd
from nnd import draw

#: A picture needs at least this share of its pixels to be "ink" (far from the background).
MIN_INK_SHARE = 0.005
_VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="0 0 ([\d.]+) ([\d.]+)"')


def declared_size(svg: str) -> tuple[float, float] | None:
    """The width and height the document's ``viewBox`` declares (``0 0 W H``), or None."""
    found = _VIEWBOX.search(svg)
    return (float(found[1]), float(found[2])) if found else None


def check_svg(browser, svg: str) -> list[str]:
    """Problems with ``svg`` rendered as an image in a fresh browser page (empty: it passes)."""
    problems: list[str] = []
    size = declared_size(svg)
    if size is None:
        problems.append("no viewBox of the form '0 0 W H'")
    context = browser.new_context(device_scale_factor=1)
    guard_network(context, problems)
    try:
        page = context.new_page()
        source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        page.set_content(
            f'<!doctype html><body style="margin:0;background:#fff"><img id="f" src="{source}"></body>'
        )
        page.wait_for_function("document.getElementById('f').complete", timeout=10_000)
        natural = page.evaluate("(() => { const f = document.getElementById('f'); "
                                "return [f.naturalWidth, f.naturalHeight]; })()")  # fmt: skip
        if natural[0] == 0 or natural[1] == 0:
            problems.append("the browser could not draw it (not a well-formed SVG document)")
            return problems
        if size is not None and (abs(natural[0] - size[0]) > 0.5 or abs(natural[1] - size[1]) > 0.5):
            problems.append(
                f"drawn at {natural[0]}×{natural[1]}, but its viewBox declares {size[0]:g}×{size[1]:g}"
            )
        png = page.locator("#f").screenshot(timeout=5_000, animations="disabled")
        ink = ink_pixels(png)
        if ink < MIN_INK_SHARE * natural[0] * natural[1]:
            problems.append(f"blank: {ink} ink pixels in {natural[0]}×{natural[1]}")
    finally:
        context.close()
    return problems


@pytest.fixture(scope="module")
def pictures() -> dict[str, str]:
    """One picture of every kind nnd.draw makes."""
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=0, backend="python")
    trained = nnd.Network(seed=0, backend="python")
    bfgs = nnd.train(trained, X, y)
    trainX, trainY, testX, testY = nnd.data.train_test()
    nets = [nnd.Network(seed=1, lam=lam, backend="python") for lam in (0.0, 1e-4)]
    runs = [nnd.train(each, trainX, trainY, testX=testX, testY=testY) for each in nets]
    return {
        "network": draw.network(net),
        "network-deltas": draw.network(net, X, y, show="deltas"),
        "network-wide": draw.network(nnd.Network((2, 30, 12, 1), seed=2, backend="python")),
        "data": draw.data(),
        "sigmoid": draw.sigmoid(),
        "cost_sweep": draw.cost_sweep(net, X, y),
        "cost_surface": draw.cost_surface(net, X, y),
        "secant": draw.secant(),
        "training": draw.training(bfgs),
        "train-test": draw.training(*runs),
        "predictions": draw.predictions(trained, points=nnd.data.sleep_study(scaled=False)),
        "overfit": draw.overfit(*nets),
    }


KINDS = ["network", "network-deltas", "network-wide", "data", "sigmoid", "cost_sweep", "cost_surface",
         "secant", "training", "train-test", "predictions", "overfit"]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_renders_at_its_declared_size_and_is_not_blank(browser, pictures, kind) -> None:
    problems = check_svg(browser, pictures[kind])
    assert not problems, f"{kind}: " + "; ".join(problems)


def _truncated(svg: str) -> str:
    return svg[: len(svg) // 2]


def _all_white(svg: str) -> str:
    """The same document with every colour made white: valid, the right size, and blank."""
    return re.sub(r"#[0-9a-fA-F]{6}\b", "#ffffff", svg)


def _wrong_size(svg: str) -> str:
    """A width attribute that disagrees with the viewBox."""
    return re.sub(r'(<svg\b[^>]*?\bwidth=")([\d.]+)"', lambda m: f'{m[1]}{float(m[2]) * 2:g}"', svg, count=1)


def _not_svg(svg: str) -> str:
    return svg.replace('xmlns="http://www.w3.org/2000/svg"', 'xmlns="urn:not-svg"', 1)


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (_truncated, "could not draw it"),
        (_not_svg, "could not draw it"),
        (_all_white, "blank"),
        (_wrong_size, "viewBox declares"),
    ],
    ids=["truncated", "not-svg", "all-white", "wrong-size"],
)
def test_the_check_fails_on_a_broken_picture(
    browser, pictures, break_it: Callable[[str], str], expected: str
) -> None:
    original = pictures["network"]
    assert check_svg(browser, original) == []  # the same picture unbroken passes
    problems = check_svg(browser, break_it(original))
    assert any(expected in p for p in problems), problems


def test_every_figure_of_the_site_renders(browser, site: Path) -> None:
    figures = sorted((site / "_images").glob("*.svg"))
    assert len(figures) >= 10, (
        f"expected the tutorial's SVG figures in {site / '_images'}, found {len(figures)}"
    )
    for figure in figures:
        problems = check_svg(browser, figure.read_text(encoding="utf-8"))
        assert not problems, f"{figure.name}: " + "; ".join(problems)
    pages = [p.read_text(encoding="utf-8") for p in (site / "tutorial").glob("*.html")]
    shown = {name for html in pages for name in re.findall(r'src="\.\./_images/([\w-]+\.svg)"', html)}
    assert {"network.svg", "network_deltas.svg", "cost_surface.svg", "secant.svg", "overfit.svg"} <= shown
