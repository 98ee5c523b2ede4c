"""Sphinx configuration of the nnd docs. Build with ``bash docs/build.sh`` (see its header).

Stack: Sphinx + furo + MyST (Markdown pages). Math is typeset by MathJax 3, which the
``sphinx-mathjax-offline`` package (PyPI) ships and copies into ``_static/mathjax`` of the
built site, so a reader's browser never fetches anything from a CDN. (MathJax 4 loads its
fonts from a CDN at run time, which is why it is not used.) Figures are drawn while the
site builds, as SVG, by nnd itself: the scripts in ``figures/`` call :mod:`nnd.draw`
(``_ext/nnd_figures.py`` runs them), and every example on the pages is a doctest run by
``sphinx-build -b doctest``.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import nnd
import nnd.draw

HERE = Path(__file__).resolve().parent

# The example plugin of the Backends page is imported from its folder by the doctests,
# so the page works even where the plugin is not pip-installed.
sys.path.insert(0, str(HERE / "examples" / "nnd-arraybackend" / "src"))
# Extensions of this site: runcells (the tutorial's examples, runnable in the browser).
sys.path.insert(0, str(HERE / "_ext"))
# Figures and doctests must not depend on a backend chosen in the reader's shell.
os.environ.pop("NND_BACKEND", None)
os.environ.setdefault("MPLBACKEND", "Agg")

# The home page's picture, drawn by nnd itself into _build/generated/ (served as _static/).
GENERATED = HERE / "_build" / "generated"
GENERATED.mkdir(parents=True, exist_ok=True)
_X, _y = nnd.data.sleep_study()
_picture = nnd.draw.network(nnd.Network(seed=0), _X, _y, show="activations")
(GENERATED / "network.svg").write_text(str(_picture), encoding="utf-8")

project = "nnd"
author = "nnd developers"
copyright = "nnd developers"
release = version = nnd.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",  # nnd's source as pages (_modules/), linked from the API reference
    "sphinx-mathjax-offline",  # MathJax 3.2.2 served from _static/mathjax (no CDN)
    "nnd_figures",  # _ext/nnd_figures.py: figures drawn by nnd.draw while the site builds (SVG)
    "sphinx_copybutton",
    "runcells",  # _ext/runcells.py: Run buttons on the tutorial's examples (Pyodide, offline)
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "tests", "examples", "figures", "README.md", ".venv*"]

# -- MyST -------------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
myst_dmath_double_inline = True

# -- math ---------------------------------------------------------------------------------
math_number_all = False
math_eqref_format = "({number})"
math_numfig = True
numfig = True
mathjax3_config = {"chtml": {"matchFontHeight": False}}

# -- autodoc --------------------------------------------------------------------------------
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False


# Some NumpyBackend operations are NumPy's functions themselves (matmul = np.dot): show the
# interface's docstring for them, not NumPy's own (which speaks of NumPy, not of nnd).
def _interface_docstring(app, what, name, obj, options, lines):
    module = getattr(obj, "__module__", None) or ""
    if what == "method" and name.startswith("nnd.numpy_backend.") and module.split(".")[0] == "numpy":
        method = name.rsplit(".", 1)[1]
        spec = getattr(nnd.Backend, method, None)
        lines[:] = (spec.__doc__ or "").strip().splitlines() if spec is not None else []
        lines += ["", f"NumPy's own ``numpy.{getattr(obj, '__name__', method)}``, called directly."]


# nnd's docstrings are plain text first (help() in a terminal), so they write an absolute
# value as |z|. reStructuredText reads "|z|" as a substitution and fails the build; escape
# such bars outside ``literals`` and doctest blocks (nnd's docstrings use no substitutions).
_BARS = re.compile(r"(?<![\\|`\w])\|(?=[^\s|])([^|`\n]*?[^\s|\\])\|(?![\w|])")
_LITERAL = re.compile(r"(``.*?``)")


def _plain_text_bars(app, what, name, obj, options, lines):
    in_doctest = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        in_doctest = stripped.startswith(">>>") or (in_doctest and bool(stripped))
        if in_doctest or "|" not in line:
            continue
        parts = _LITERAL.split(line)
        lines[i] = "".join(p if p.startswith("``") else _BARS.sub(r"\\|\1\\|", p) for p in parts)


# The widgets (_static/widgets/): a page that holds <div data-nnd-widget="NAME"></div> gets the
# loader widgets.js, told the wheel and the build the runner made (_ext/runcells.py), then NAME.js.
_WIDGET = re.compile(r'data-nnd-widget="([a-z]+)"')


def _widgets(app, pagename, templatename, context, doctree):
    names = list(dict.fromkeys(_WIDGET.findall(context.get("body", ""))))  # in the page's order
    if not names or app.builder.format != "html":
        return
    for name in names:
        if not (HERE / "_static" / "widgets" / f"{name}.js").is_file():
            raise ValueError(f"{pagename}: no widget {name!r} (expected _static/widgets/{name}.js)")
    app.add_css_file("widgets/widgets.css")
    attributes = {
        "data-wheel": getattr(app.env, "runcells_wheel_name", ""),
        "data-build": getattr(app.env, "runcells_build", ""),
    }
    app.add_js_file("widgets/widgets.js", loading_method="defer", **attributes)
    for name in names:
        app.add_js_file(f"widgets/{name}.js", loading_method="defer")


def setup(app):
    app.connect("autodoc-process-docstring", _interface_docstring)
    app.connect("autodoc-process-docstring", _plain_text_bars)
    app.connect("html-page-context", _widgets)
    app.add_js_file("search-snippets.js", loading_method="defer")


# -- doctest: only the explicit {doctest}/{testcode} blocks of the pages run here; -----------
# the docstrings' examples are run by pytest --doctest-modules in the package test suite.
doctest_test_doctest_blocks = ""
doctest_global_setup = "import os\nos.environ.pop('NND_BACKEND', None)\nimport nnd\nnnd.set_backend(None)"

# -- figures: the {nnd-figure} directive runs a script of figures/ that draws with nnd.draw ------

# -- runnable examples (_ext/runcells.py) ------------------------------------------------------
# Pyodide comes from npm at build time (npm pack), checked against this integrity
# (npm view pyodide@314.0.7 dist.integrity), and is served from _static/pyodide/.
runcells_pyodide_version = "314.0.7"
runcells_pyodide_integrity = (
    "sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A=="
)
runcells_pages = ("tutorial/",)
runcells_notebooks = True  # each chapter also as notebooks/<chapter>.ipynb, linked from its page

# -- copy buttons: copy the code of a doctest without its >>> / ... prompts and its output ------
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos, .gp, .go"

# -- HTML ----------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"nnd {release}"
# _static/ holds files other pages link to (the benchmark results of the Performance page).
html_static_path = ["_static", str(GENERATED)]
html_theme_options = {"navigation_with_keys": True}
html_css_files = ["nnd.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
