"""Part 4: the error flowing back through the network, delta3 then delta2, for the first student."""

import nnd
from nnd import draw

X, y = nnd.data.sleep_study()
figure = draw.network(nnd.Network((2, 3, 1), seed=0), X, y, show="deltas")
