"""Fixtures of the docs' browser check: the built site, a local web server, headless Chromium.

Run after building the site (``bash docs/build.sh``)::

    python -m pytest docs/tests

``NND_DOCS_HTML`` points at another built site (default ``docs/_build/html``);
``NND_CHROMIUM`` at another Chromium (default ``/usr/bin/chromium``, Debian's package).
Nothing is skipped: a missing site, browser or playwright is a failure with a hint.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mathcheck import CHROMIUM_ARGS

DOCS = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("NND_DOCS_HTML", DOCS / "_build" / "html"))
CHROMIUM = os.environ.get("NND_CHROMIUM", "/usr/bin/chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # a page closed while it was still loading (Python starting in the background) resets
        # its connections: not an error of the site
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def math_pages(site: Path) -> list[str]:
    """Paths (relative to the site) of the built pages that contain math."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith(("_static/", "_images/", "_modules/", "_sources/")):
            continue
        if 'class="math' in html.read_text(encoding="utf-8"):
            pages.append(relative)
    return pages


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}; build it first with: bash docs/build.sh")
    return SITE


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser check needs playwright: pip install '.[docs]'")
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"no Chromium at {CHROMIUM}; install Debian's: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
