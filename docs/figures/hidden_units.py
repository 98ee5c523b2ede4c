"""Chapter 8: what each of the 30 hidden units of the trained digits network looks for."""

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

figure = draw.hidden_units(load().net, columns=10)
