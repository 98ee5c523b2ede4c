"""Run the tutorial's examples in the reader's browser, offline: a small Sphinx extension.

Every ``{doctest}`` / ``{testcode}`` block of a page under ``tutorial/`` becomes one or more
*cells*: the block as printed (prompts and outputs, readable with no JavaScript at all)
plus the same code as runnable source (prompts stripped, expected output dropped), which
``_static/runner/runner.js`` turns into an editable cell with a Run button. Python itself
is Pyodide (npm's ``pyodide`` package), running in a Web Worker (``worker.js``); the nnd it
imports is the wheel built from this checkout when the site is built.

At build time (html builders only) this extension

- fetches the pinned Pyodide with ``npm pack pyodide@VERSION`` into ``docs/_build/cache``
  (kept between builds), checks the tarball against the pinned sha512 integrity and copies
  its runtime files to ``_static/pyodide/`` of the site;
- builds nnd's wheel (``pip wheel --no-deps``) and copies it to ``_static/wheels/``;
- writes each cell's expected output next to it, so the browser check in ``docs/tests``
  can compare what the browser printed with what the doctests expect.

Nothing is fetched by a reader's browser from outside the site.

Configuration (``conf.py``): ``runcells_pyodide_version``, ``runcells_pyodide_integrity``
(``npm view pyodide@VERSION dist.integrity``) and ``runcells_pages`` (docname prefixes).
"""

from __future__ import annotations

import base64
import doctest
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().parents[1] / "_static" / "runner"
#: The files of npm's ``pyodide`` package that a browser needs (no source maps, no consoles).
PYODIDE_RUNTIME = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)
_DOCTEST_FLAGS = re.compile(r"[ \t]*#\s*doctest:.*$", re.MULTILINE)
_ELLIPSIS = doctest.OPTIONFLAGS_BY_NAME["ELLIPSIS"]


# -- cells ------------------------------------------------------------------------------------


@dataclass
class Cell:
    """One runnable piece of a page: source for the editor, and what it should print."""

    source: str
    expected: str = ""
    ellipsis: bool = False
    raises: bool = False


def doctest_cells(text: str, ellipsis: bool = False) -> list[Cell]:
    """Split a doctest block into runnable cells.

    Prompts are stripped and expected output dropped from the source; the expected output
    (what doctest would compare) is kept beside it. A cell ends after an example that
    raises, so the examples after it still run when the reader runs the page in order.

    >>> [(c.source, c.raises) for c in doctest_cells('''
    ... >>> x = 1 / 0
    ... Traceback (most recent call last):
    ...   ...
    ... ZeroDivisionError: division by zero
    ... >>> for i in range(2):   # doctest: +ELLIPSIS
    ... ...     print(i)
    ... 0
    ... 1
    ... ''')]  # doctest: +NORMALIZE_WHITESPACE
    [('x = 1 / 0\\n', True), ('for i in range(2):\\n    print(i)\\n', False)]
    """
    cells: list[Cell] = []
    current = Cell("", ellipsis=ellipsis)
    for example in doctest.DocTestParser().get_examples(text):
        current.source += _DOCTEST_FLAGS.sub("", example.source)
        if example.options.get(_ELLIPSIS):
            current.ellipsis = True
        if example.exc_msg is not None:
            current.expected += "Traceback (most recent call last):\n...\n" + example.exc_msg
            current.raises = current.ellipsis = True
            cells.append(current)
            current = Cell("", ellipsis=ellipsis)
        else:
            current.expected += example.want
    if current.source:
        cells.append(current)
    return cells


class runcell(nodes.General, nodes.Element):  # noqa: N801 (docutils' node naming)
    """A printed code block and the cells that run it."""


#: The last cell of every page: the reader's own code.
SCRATCH = """\
# Your own code: it runs in this page's
# Python, with what the cells you ran made.
import nnd
X, y = nnd.data.sleep_study()
print(nnd.Network(seed=0).cost(X, y))
"""
SCRATCH_TITLE = (
    '<p class="nnd-scratch-title">Your own code</p>\n'
    "<p>Write any Python here: it runs in this page's Python after the cells you have run, "
    "with their variables.</p>\n"
)


def _visit_runcell_html(self, node: runcell) -> None:
    if node.get("scratch"):
        self.body.append(f'<div class="nnd-cell-group nnd-scratch">\n{SCRATCH_TITLE}')
        self.body.append('<div class="nnd-static">\n')
    else:
        self.body.append('<div class="nnd-cell-group">\n<div class="nnd-static">\n')


def _depart_runcell_html(self, node: runcell) -> None:
    self.body.append("</div>\n")  # closes .nnd-static
    for cell in node["cells"]:
        attributes = ' data-ellipsis="1"' if cell["ellipsis"] else ""
        attributes += ' data-raises="1"' if cell["raises"] else ""
        self.body.append(
            f'<div class="nnd-cell"{attributes}>'
            '<textarea class="nnd-source" hidden aria-label="Python code">'
            f"{html.escape(cell['source'])}</textarea>"
            f'<pre class="nnd-expected" hidden>{html.escape(cell["expected"])}</pre>'
            "</div>\n"
        )
    self.body.append("</div>\n")


def _skip(self, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _is_runner_page(app: Sphinx, docname: str) -> bool:
    return any(docname.startswith(prefix) for prefix in app.config.runcells_pages) and not docname.endswith(
        "index"
    )


def _cells_of_block(block: nodes.literal_block, following: nodes.Node | None) -> list[Cell]:
    kind = block.get("testnodetype")
    if kind == "doctest":
        ellipsis = bool(block.get("options", {}).get(_ELLIPSIS))
        return doctest_cells(block.get("test", block.astext()), ellipsis)
    # testcode: its output is the {testoutput} block right after it, if any
    expected, ellipsis = "", False
    if isinstance(following, nodes.literal_block) and following.get("testnodetype") == "testoutput":
        expected = following.astext() + "\n"
        ellipsis = bool(following.get("options", {}).get(_ELLIPSIS))
    return [Cell(block.astext() + "\n", expected, ellipsis)]


def make_cells(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Wrap the page's doctest/testcode blocks in runnable cells (html builders only)."""
    if app.builder.format != "html" or not _is_runner_page(app, docname):
        return
    blocks = [
        n
        for n in doctree.findall(nodes.literal_block)
        if n.get("testnodetype") in ("doctest", "testcode") and not isinstance(n.parent, runcell)
    ]
    if not blocks:
        return
    for block in blocks:
        following = block.next_node(descend=False, siblings=True, ascend=False)
        cells = _cells_of_block(block, following)
        wrapper = runcell(cells=[asdict(c) for c in cells])
        block.replace_self(wrapper)
        wrapper += block
    _add_page_note(app, doctree, docname)
    section = doctree.next_node(nodes.section)
    if section is not None:  # the reader's own code, at the end of the page
        section += runcell(cells=[asdict(Cell(SCRATCH))], scratch=True)


def _add_page_note(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under the page's title: where the examples run, and the chapter's notebook."""
    section = doctree.next_node(nodes.section)
    if section is None:
        return
    depth = docname.count("/")
    root = "../" * depth
    wheel = getattr(app.env, "runcells_wheel_name", "")
    build = getattr(app.env, "runcells_build", "")
    notebook = f"{root}notebooks/{docname.rsplit('/', 1)[-1]}.ipynb"
    note = (
        f'<div class="nnd-runner-note" data-pyodide="{root}_static/pyodide/" '
        f'data-wheel="{root}_static/wheels/{html.escape(wheel)}" data-build="{build}">\n'
        '<p class="nnd-runner-status">The examples on this page can run in your browser: '
        "Python (Pyodide) and nnd, served by this site, with nothing to install. "
        "To use them, serve the site over HTTP, for example with "
        "<code>python -m http.server --directory docs/_build/html</code>, and open "
        "<code>http://127.0.0.1:8000/</code>.</p>\n"
    )
    if app.config.runcells_notebooks:
        note += (
            f'<p class="nnd-notebook-link"><a href="{notebook}" download>Download this chapter as a '
            "Jupyter notebook</a> (runs on either backend).</p>\n"
        )
    note += "</div>\n"
    title = section.next_node(nodes.title)
    index = section.index(title) + 1 if title is not None else 0
    section.insert(index, nodes.raw("", note, format="html"))


# -- Pyodide and the wheel --------------------------------------------------------------------


def sri_sha512(data: bytes) -> str:
    """The Subresource-Integrity form of sha512 that npm reports as ``dist.integrity``."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def fetch_pyodide(version: str, integrity: str, cache: Path) -> Path:
    """The path of npm's ``pyodide@version`` tarball in ``cache``, fetched if missing, verified."""
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / f"pyodide-{version}.tgz"
    if tarball.is_file() and sri_sha512(tarball.read_bytes()) != integrity:
        logger.warning("runcells: cached %s does not match its integrity; fetching it again", tarball.name)
        tarball.unlink()
    if not tarball.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise ExtensionError("runcells: the docs need npm to fetch Pyodide (apt-get install npm)")
        logger.info("runcells: npm pack pyodide@%s", version)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [npm, "pack", f"pyodide@{version}", "--pack-destination", tmp, "--silent"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            (packed,) = Path(tmp).glob("pyodide-*.tgz")
            shutil.move(str(packed), tarball)
    actual = sri_sha512(tarball.read_bytes())
    if actual != integrity:
        tarball.unlink()
        raise ExtensionError(f"runcells: pyodide@{version} has integrity {actual}, expected {integrity}")
    return tarball


def build_wheel(destination: Path) -> Path:
    """Build nnd's wheel from this checkout into ``destination``; return its path."""
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    logger.info("runcells: pip wheel --no-deps %s", REPO)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(destination),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = destination.glob("nnd-*.whl")
    missing = missing_packages(wheel, REPO / "nnd")
    if missing:
        raise ExtensionError(
            f"runcells: nnd's wheel lacks the packages {', '.join(missing)}, so nnd cannot be imported "
            "in the browser; list them under [tool.setuptools] packages in pyproject.toml"
        )
    return wheel


def missing_packages(wheel: Path, package: Path) -> list[str]:
    """The packages of the source folder ``package`` (folders with an ``__init__.py``) not in ``wheel``."""
    import zipfile

    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    wanted = [init.parent.relative_to(package.parent) for init in sorted(package.rglob("__init__.py"))]
    return [str(p).replace("/", ".") for p in wanted if f"{p.as_posix()}/__init__.py" not in shipped]


def prepare(app: Sphinx) -> None:
    """builder-inited: fetch Pyodide and build the wheel before any page is written."""
    if app.builder.format != "html":
        return
    cache = Path(app.outdir).parent / "cache"
    app.runcells_tarball = fetch_pyodide(
        app.config.runcells_pyodide_version, app.config.runcells_pyodide_integrity, cache
    )
    app.runcells_wheel = build_wheel(cache / "wheel")
    app.env.runcells_wheel_name = app.runcells_wheel.name
    app.env.runcells_build = build_fingerprint(app.config.runcells_pyodide_version, app.runcells_wheel)


def build_fingerprint(pyodide_version: str, wheel: Path) -> str:
    """What a browser's saved start of Python depends on: Pyodide, nnd's wheel and the runner.

    The worker keeps a memory snapshot of Python with nnd imported under this key, and
    starts from it only while the key is the same (see ``_static/runner/worker.js``).
    """
    digest = hashlib.sha256(pyodide_version.encode())
    for part in (wheel, RUNNER / "cells.py", RUNNER / "worker.js"):
        digest.update(part.read_bytes())
    return digest.hexdigest()[:20]


def install(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: copy Pyodide's runtime and the wheel into the site."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    target = static / "pyodide"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(app.runcells_tarball) as tar:
        for name in PYODIDE_RUNTIME:
            member = tar.getmember(f"package/{name}")
            source = tar.extractfile(member)
            if source is None:
                raise ExtensionError(f"runcells: {name} missing from {app.runcells_tarball.name}")
            (target / name).write_bytes(source.read())
    wheels = static / "wheels"
    if wheels.exists():
        shutil.rmtree(wheels)
    wheels.mkdir()
    shutil.copy2(app.runcells_wheel, wheels / app.runcells_wheel.name)
    if app.config.runcells_notebooks:
        write_notebooks(app)
    (static / "pyodide" / "VERSION.json").write_text(
        json.dumps({"pyodide": app.config.runcells_pyodide_version, "wheel": app.runcells_wheel.name}) + "\n"
    )


def write_notebooks(app: Sphinx) -> None:
    """One notebook per chapter (a page with doctests), in ``notebooks/`` of the site, with outputs.

    Each notebook is run once in a Jupyter kernel (``nbclient``), on nnd's default backend,
    so that a reader who opens it sees what the page shows before running anything.
    """
    from notebooks import execute, page_to_notebook

    source = Path(app.srcdir)
    pages = [
        name
        for name in sorted(app.env.found_docs)
        if _is_runner_page(app, name) and "{doctest}" in (source / f"{name}.md").read_text(encoding="utf-8")
    ]
    chapters = {name.rsplit("/", 1)[-1] for name in pages}
    target = Path(app.outdir) / "notebooks"
    target.mkdir(exist_ok=True)
    for name in pages:
        notebook = page_to_notebook(source / f"{name}.md", chapters, app.config, source / "figures")
        if app.config.runcells_execute_notebooks:
            logger.info("runcells: running the notebook of %s", name)
            with tempfile.TemporaryDirectory() as workdir:
                try:
                    notebook = execute(notebook, Path(workdir))
                except ImportError as exc:
                    raise ExtensionError(
                        f"runcells: running the notebooks needs nbclient and ipykernel ({exc}); "
                        "pip install nbclient ipykernel, or set runcells_execute_notebooks = False"
                    ) from exc
                except Exception as exc:  # nbclient's CellExecutionError, a dead kernel, a timeout
                    raise ExtensionError(f"runcells: the notebook of {name} failed: {exc}") from exc
        path = target / f"{name.rsplit('/', 1)[-1]}.ipynb"
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_config_value("runcells_pyodide_version", "", "html")
    app.add_config_value("runcells_pyodide_integrity", "", "html")
    app.add_config_value("runcells_pages", ("tutorial/",), "html")
    app.add_config_value("runcells_notebooks", False, "html")
    app.add_config_value("runcells_execute_notebooks", True, "html")
    app.add_node(
        runcell,
        html=(_visit_runcell_html, _depart_runcell_html),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.connect("builder-inited", prepare)
    app.connect("doctree-resolved", make_cells)
    app.connect("build-finished", install)
    app.add_css_file("runner/runner.css")
    app.add_js_file("runner/runner.js", loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
