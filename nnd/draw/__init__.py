"""Pictures nnd draws itself, as SVG, with nothing but the standard library.

Each function returns an :class:`SVG`: a ``str`` holding a complete SVG document (valid
XML with a ``viewBox``, a ``<title>``, real ``<text>``, no fonts, scripts or links to
fetch), which Jupyter displays as a picture and which saves itself with ``.save(path)``.
Signs are blue (positive) and vermillion (negative), and maps use viridis: colours that
readers with any common kind of colour blindness can tell apart.

- :func:`network`: the network, its weights, activations, deltas or gradients (Parts 2, 4);
- :func:`data`: the students' hours of sleep and study, coloured by score (Part 1);
- :func:`sigmoid`: f(z) and f′(z) (Parts 2 and 4);
- :func:`cost_sweep`: the cost against one weight (Part 3);
- :func:`cost_surface`: the cost over two weights, with descent paths (Parts 3 and 6);
- :func:`secant`: the numerical derivative's secant beside the tangent (Part 5);
- :func:`training`: cost per iteration of one or more runs, train and test (Parts 6, 7);
- :func:`predictions`: the predicted score over sleep × study (Part 6);
- :func:`overfit`: λ = 0 beside a regularized network, with the test points (Part 7).

>>> import nnd
>>> from nnd import draw
>>> svg = draw.network(nnd.Network(seed=0))
>>> svg.startswith("<svg"), "yHat" in svg
(True, True)
"""

from nnd.draw.curves import cost_sweep, secant, sigmoid, training
from nnd.draw.diagram import network
from nnd.draw.maps import cost_surface, data, overfit, predictions
from nnd.draw.svg import SVG

__all__ = [
    "SVG",
    "cost_surface",
    "cost_sweep",
    "data",
    "network",
    "overfit",
    "predictions",
    "secant",
    "sigmoid",
    "training",
]
