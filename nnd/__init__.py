"""nnd: the "Neural Networks Demystified" network, backpropagation and training in plain Python.

>>> import nnd
>>> X, y = nnd.data.sleep_study()
>>> net = nnd.Network((2, 3, 1), seed=0)
>>> dJdW1, dJdW2 = net.gradients(X, y)
>>> dJdW1.shape, dJdW2.shape
((2, 3), (3, 1))

Where things live: the equations in :mod:`nnd.backprop`; the array-backend
interface in :mod:`nnd.backend`; choosing a backend in :mod:`nnd.config`.
"""

from nnd import data
from nnd.backend import Backend
from nnd.config import (
    BackendNotInstalledError,
    UnknownBackendError,
    get_backend,
    list_backends,
    set_backend,
    use_backend,
)
from nnd.gradcheck import gradient_check, norm, numerical_gradient
from nnd.io import load
from nnd.network import Network
from nnd.train import Trainer, train
from nnd.video import Neural_Network, computeNumericalGradient

__version__ = "0.1.0"

__all__ = [
    "Backend",
    "BackendNotInstalledError",
    "Network",
    "Neural_Network",
    "Trainer",
    "UnknownBackendError",
    "computeNumericalGradient",
    "data",
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
