"""Chapter 8: test digits with their labels and what the trained network reads: the first 30 of
the test set, then the first 10 it misreads (in red frames, label → what it read)."""

import importlib.util
import sys
from pathlib import Path


def load():
    """docs/figures/_digits.py as a module, trained once per build (each figure script is run on its own)."""
    name = "nnd_docs_figures_digits"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("_digits.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


from nnd import draw  # noqa: E402

shared = load()
read = shared.net.predict_class(shared.testX)
truth = [row.index(max(row)) for row in shared.testY]
misread = [k for k in range(len(truth)) if read[k] != truth[k]]
shown = list(range(30)) + [k for k in misread if k >= 30][:10]
figure = draw.digits(
    [shared.testX[k] for k in shown],
    [truth[k] for k in shown],
    [read[k] for k in shown],
    columns=10,
    title="Test digits and what the network reads: the first 30, then 10 it misreads",
)
