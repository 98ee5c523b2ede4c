#!/usr/bin/env bash
# Build the nnd docs site into docs/_build/html:   bash docs/build.sh
#
# On first use this makes a virtual environment, .venv-docs/ at the top of the repository
# (NND_DOCS_VENV overrides), and installs nnd with its docs and numpy extras in editable
# mode, plus the example backend plugin of the Backends page. Then it builds the site with
# every warning an error and runs every example on the pages as a doctest. The html build
# also fetches Pyodide (npm pack, integrity checked; kept in docs/_build/cache) and builds
# nnd's wheel, so the tutorial's examples can run in the reader's browser (docs/_ext/runcells.py),
# and runs each chapter's notebook once in a Jupyter kernel (nbclient), so it ships with outputs.
# NND_DOCS_INSTALLED=1 skips the installation (used by .ci/docs.sh, which installs itself).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${NND_DOCS_VENV:-.venv-docs}
if [ "${NND_DOCS_INSTALLED:-0}" != 1 ]; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -e '.[docs,numpy]' 'sphinx-mathjax-offline>=0.0.2' \
        nbclient==0.11.0 nbformat==5.11.1 ipykernel==7.4.0
    "$venv/bin/python" -m pip install --quiet --no-deps ./docs/examples/nnd-arraybackend
fi

rm -rf docs/_build/html docs/_build/doctest docs/_build/doctrees
echo "== building the site (warnings are errors)"
"$venv/bin/python" -m sphinx -W --keep-going -q -b html docs docs/_build/html
echo "== running the pages' examples (doctest)"
"$venv/bin/python" -m sphinx -W --keep-going -q -b doctest docs docs/_build/doctest
tail -n 4 docs/_build/doctest/output.txt

echo
echo "Built: docs/_build/html/index.html"
echo "Open that file in a browser, or serve the site and open http://127.0.0.1:8000/ :"
echo "    python3 -m http.server --bind 127.0.0.1 --directory docs/_build/html 8000"
