"""The docs' figures, drawn by nnd itself while the site builds: a small Sphinx extension.

A page asks for a figure by the name of its script in ``docs/figures/``::

    ```{nnd-figure} sigmoid
    :alt: What the figure shows, for readers who cannot see it.

    The caption (optional).
    ```

The script (``docs/figures/sigmoid.py``) computes the picture with :mod:`nnd.draw` and leaves
it in a variable named ``figure``: an SVG document, so what the site shows is exactly what a
user gets from ``nnd.draw`` or ``nnd draw``. The extension runs each script once per build,
writes the SVG to ``docs/_build/figures/`` and hands it to Sphinx as the figure's image
(copied into the site's ``_images/``). A script that fails, or leaves no SVG, fails the
build with its name. Editing a script rebuilds the pages that show it.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path
from typing import Any

from docutils.parsers.rst.directives.images import Figure

HERE = Path(__file__).resolve().parent
FIGURES = HERE.parent / "figures"
OUT = HERE.parent / "_build" / "figures"  # inside the source folder: Sphinx copies images from there

_drawn: dict[str, str] = {}  # name -> SVG text, once per build process


def draw(name: str) -> str:
    """The SVG of ``docs/figures/<name>.py`` (run once per build), written to ``OUT``."""
    if name not in _drawn:
        script = FIGURES / f"{name}.py"
        if not script.is_file():
            raise ValueError(f"nnd-figure: no script {script} for the figure {name!r}")
        previous = os.environ.pop("NND_BACKEND", None)  # figures must not depend on the reader's shell
        try:
            figure = runpy.run_path(str(script), run_name=f"figure_{name}").get("figure")
        finally:
            if previous is not None:
                os.environ["NND_BACKEND"] = previous
        if not (isinstance(figure, str) and figure.startswith("<svg")):
            raise ValueError(f"nnd-figure: {script} must leave an SVG document in a variable named 'figure'")
        OUT.mkdir(parents=True, exist_ok=True)
        target = OUT / f"{name}.svg"
        if not target.is_file() or target.read_text(encoding="utf-8") != str(figure):
            target.write_text(str(figure), encoding="utf-8")
        _drawn[name] = str(figure)
    return _drawn[name]


class NndFigure(Figure):
    """``{nnd-figure} NAME``: the figure drawn by ``docs/figures/NAME.py``, with a caption."""

    def run(self) -> list[Any]:
        name = self.arguments[0].strip()
        env = self.state.document.settings.env
        try:
            draw(name)
        except Exception as exc:  # the build stops and names the figure
            raise self.error(f"nnd-figure {name!r}: {type(exc).__name__}: {exc}") from exc
        env.note_dependency(str(FIGURES / f"{name}.py"))
        self.arguments[0] = f"/_build/figures/{name}.svg"  # relative to the source folder
        self.options.setdefault("figclass", []).append("nnd-figure")
        return super().run()


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("nnd-figure", NndFigure)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
