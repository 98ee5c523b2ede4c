"""Part 3: the cost as one weight is swept from −5 to 5, the others held."""

import nnd
from nnd import draw

X, y = nnd.data.sleep_study()
figure = draw.cost_sweep(nnd.Network((2, 3, 1), seed=0), X, y, "W1", (0, 0))
