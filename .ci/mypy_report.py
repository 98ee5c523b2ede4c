"""Type checks (CI step 7): ``mypy --strict`` on all of nnd/, the adapters in backends/ and the
README's first example, and mypy on the tutorial pages' examples. Any error fails.

The README's "A first look" example is checked as a reader would check their copy of it,
as a file of its own importing this tree's nnd. The tutorial pages' examples (their
``{doctest}`` and ``{testcode}`` blocks, one file per page, with the ``import nnd`` of
conf.py's doctest setup) are checked with ``--check-untyped-defs`` rather than
``--strict``: a learner's code needs no annotations, but what it does with nnd must be
right.
"""

import doctest
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "build" / "typed-examples"  # rewritten each run, in one place: mypy caches by module
BLOCK = re.compile(r"^```\{(doctest|testcode)\}[^\n]*\n(?:[ \t]*:[\w-]+:.*\n)*(.*?)^```", re.M | re.S)


def readme_first_look() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## A first look")[1].split("```python")[1].split("```")[0]


def tutorial_code(page: Path) -> str:
    """The page's code in the order it runs; the output of its doctests left out."""
    parts = ["import nnd  # conf.py's doctest_global_setup\n"]
    for kind, body in BLOCK.findall(page.read_text(encoding="utf-8")):
        if kind == "testcode":
            parts.append(body)
        else:
            parts += [example.source for example in doctest.DocTestParser().get_examples(body)]
    return "".join(parts)


def write(name: str, code: str) -> str:
    path = EXAMPLES / name
    path.write_text(code, encoding="utf-8")
    return str(path.relative_to(ROOT))


def mypy(*args: str) -> int:
    """Run mypy here, where ``import nnd`` finds this tree's nnd; its exit status, 0 or 1."""
    print(f"$ mypy {' '.join(args)}", flush=True)
    code = subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT).returncode
    if code not in (0, 1):
        sys.exit(f"mypy did not run (exit status {code})")
    return code


shutil.rmtree(EXAMPLES, ignore_errors=True)
EXAMPLES.mkdir(parents=True)
readme = write("readme_first_look.py", readme_first_look())
pages = [
    write(f"tutorial_{page.stem.replace('-', '_')}.py", tutorial_code(page))
    for page in sorted((ROOT / "docs" / "tutorial").glob("*.md"))
    if BLOCK.search(page.read_text(encoding="utf-8"))
]
ADAPTERS = ["backends/numpy_backend/__init__.py", "backends/arrayapi_backend/__init__.py"]
failed = mypy("--strict", "nnd/", *ADAPTERS, readme)
failed |= mypy("--check-untyped-defs", *pages)
if failed:
    sys.exit("mypy: errors in nnd/, the README's first example or the tutorial's examples (above)")
