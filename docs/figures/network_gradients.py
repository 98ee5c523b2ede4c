"""Part 4: what backpropagation computes, dJ/dW on every synapse."""

import nnd
from nnd import draw

X, y = nnd.data.sleep_study()
figure = draw.network(nnd.Network((2, 3, 1), seed=0), X, y, show="gradients")
