"""Pictures nnd draws itself, as SVG, with nothing but the standard library.

Each function returns an :class:`SVG`: a ``str`` holding a complete SVG document (valid
XML with a ``viewBox``, a ``<title>``, real ``<text>``, no fonts, scripts or links to
fetch), which Jupyter displays as a picture and which saves itself with ``.save(path)``.
Signs are blue (positive) and vermillion (negative), and maps use viridis: colours that
readers with any common kind of colour blindness can tell apart. Pictures have no
background of their own and turn their ink light on a dark page (``prefers-color-scheme``).

The series' pictures:

- :func:`network`: the network, its weights (and biases), activations, deltas or gradients (Parts 2, 4);
- :func:`data`: the students' hours of sleep and study, coloured by score (Part 1);
- :func:`sigmoid`: f(z) and f′(z) (Parts 2 and 4);
- :func:`cost_sweep`: the cost against one weight (Part 3);
- :func:`cost_surface`: the cost over two weights, with descent paths (Parts 3 and 6);
- :func:`secant`: the numerical derivative's secant beside the tangent (Part 5);
- :func:`training`: cost (and accuracy) per iteration or epoch of training runs, train and test
  (Parts 6, 7);
- :func:`predictions`: the predicted score over sleep × study (Part 6);
- :func:`overfit`: λ = 0 beside a regularized network, with the test points (Part 7).

Beyond the series, for real data:

- :func:`digits`: images in a grid with their labels and predictions, mistakes marked;
- :func:`hidden_units`: each hidden unit's incoming weights as an image;
- :func:`confusion`: a confusion matrix, true class against predicted;
- :func:`decision_regions`: what a network with two inputs predicts over the plane, with the data.

>>> import nnd
>>> from nnd import draw
>>> svg = draw.network(nnd.Network(seed=0))
>>> svg.startswith("<svg"), "yHat" in svg
(True, True)
"""

from nnd.draw.curves import cost_sweep, secant, sigmoid, training
from nnd.draw.diagram import network
from nnd.draw.images import confusion, digits, hidden_units
from nnd.draw.maps import cost_surface, data, decision_regions, overfit, predictions
from nnd.draw.svg import SVG

__all__ = [
    "SVG",
    "confusion",
    "cost_surface",
    "cost_sweep",
    "data",
    "decision_regions",
    "digits",
    "hidden_units",
    "network",
    "overfit",
    "predictions",
    "secant",
    "sigmoid",
    "training",
]
