"""nnd: the "Neural Networks Demystified" network, backpropagation and training in plain Python.

>>> import nnd
>>> X, y = nnd.data.sleep_study()
>>> net = nnd.Network((2, 3, 1), seed=0)
>>> dJdW1, dJdW2 = net.gradients(X, y)
>>> dJdW1.shape, dJdW2.shape
((2, 3), (3, 1))

Where things live: the equations in :mod:`nnd.backprop`; the array-backend
interface in :mod:`nnd.arrays.backend`; choosing a backend in :mod:`nnd.arrays.registry`.
"""

import os as _os

from nnd.arrays.backend import Backend
from nnd.arrays.registry import (
    BackendNotInstalledError,
    UnknownBackendError,
    get_backend,
    list_backends,
    set_backend,
    use_backend,
)
from nnd.network import Network, load
from nnd.util.errors import NNDError

# The optional adapters install as nnd.numpy_backend and nnd.arrayapi_backend, but their
# source lives in backends/, beside this folder. In a source checkout nnd looks for them
# there too, so that code run from the checkout (its tests, its docs) finds them as installed.
_checkout = _os.path.join(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))), "backends")
if _os.path.isfile(_os.path.join(_checkout, "numpy_backend", "__init__.py")):
    __path__.append(_checkout)
del _os, _checkout

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:  # what the lazy names below are, for type checkers; at run time __getattr__ loads them
    from nnd import data, draw
    from nnd.checker import check_backprop
    from nnd.classify import accuracy, confusion_matrix
    from nnd.gradcheck import gradient_check, norm, numerical_gradient
    from nnd.training import Trainer, train
    from nnd.video import Neural_Network, computeNumericalGradient

# Loaded on first use (PEP 562), so `import nnd` stays fast: name -> module that defines it.
_LAZY = {
    "data": "nnd.data",
    "draw": "nnd.draw",
    "check_backprop": "nnd.checker",
    "gradient_check": "nnd.gradcheck",
    "norm": "nnd.gradcheck",
    "numerical_gradient": "nnd.gradcheck",
    "accuracy": "nnd.classify",
    "confusion_matrix": "nnd.classify",
    "train": "nnd.training",
    "Trainer": "nnd.training",
    "Neural_Network": "nnd.video",
    "computeNumericalGradient": "nnd.video",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nnd' has no attribute {name!r}")
    import importlib

    imported = importlib.import_module(module)
    value = imported if module == f"nnd.{name}" else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__version__ = "0.1.0"

__all__ = [
    "Backend",
    "BackendNotInstalledError",
    "NNDError",
    "Network",
    "Neural_Network",
    "Trainer",
    "UnknownBackendError",
    "accuracy",
    "check_backprop",
    "computeNumericalGradient",
    "confusion_matrix",
    "data",
    "draw",
    "get_backend",
    "gradient_check",
    "list_backends",
    "load",
    "norm",
    "numerical_gradient",
    "set_backend",
    "train",
    "use_backend",
]
