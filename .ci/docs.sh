#!/usr/bin/env bash
# CI for the docs site, run from the repository root as:   bash .ci/docs.sh
#
# In a fresh virtual environment: install nnd with its docs and numpy extras and the
# example backend plugin, build the site with warnings as errors, run the pages' examples
# as doctests (docs/build.sh does both), then check the built site in headless Chromium
# (Debian's package; installed here if missing) served on 127.0.0.1: every equation
# typeset and visible, every tutorial cell run in the browser (Pyodide, which the build
# fetches with npm) printing what its doctest expects, the cells' controls (Copy, Reset,
# streaming output, keyboard, touch-sized buttons, one's own code, calls for widgets) at
# 1280 and 390 px with no page wider than the screen, the notebooks shipped with their
# outputs and working links, no request leaving the machine, and the checks shown to fail
# on broken copies of a page and of the runner (docs/tests/). The times from the first
# click to the first output are printed and kept in docs/_build/*.json, never judged.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    echo "== installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi

if ! command -v npm >/dev/null; then
    echo "== installing Debian's npm (the docs build fetches Pyodide with npm pack)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq npm >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
venv="$work/venv"
echo "== fresh venv for the docs: $venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet '.[docs,numpy]' 'sphinx-mathjax-offline>=0.0.2' pytest pytest-xdist \
    nbclient==0.11.0 nbformat==5.11.1 ipykernel==7.4.0  # the chapters' notebooks run in Jupyter kernels
"$venv/bin/python" -m pip install --quiet --no-deps ./docs/examples/nnd-arraybackend

NND_DOCS_VENV="$venv" NND_DOCS_INSTALLED=1 bash docs/build.sh

echo "== browser check of the built site (headless Chromium, site served on 127.0.0.1)"
# One browser at a time: with one per core, an equation's screenshot on the slider page once came
# back blank (1 run of 3), a race these checks must not have.
NND_CHROMIUM=/usr/bin/chromium "$venv/bin/python" -m pytest docs/tests -p no:cacheprovider -q

echo "== first click to first output, in seconds (measured here, on this machine's load; not a pass mark)"
cat docs/_build/first-output.json
