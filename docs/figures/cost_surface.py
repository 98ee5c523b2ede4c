"""Parts 3 and 6: the cost over two weights, with the paths of gradient descent and of BFGS."""

import nnd
from nnd import draw

X, y = nnd.data.sleep_study()
figure = draw.cost_surface(nnd.Network((2, 3, 1), seed=0), X, y, (("W1", (0, 0)), ("W2", (0, 0))))
