"""The trained network's predicted test score over 0–10 h of sleep × 0–5 h of study (Part 6)."""

import nnd
from nnd import draw

X, y = nnd.data.sleep_study()
net = nnd.Network(seed=0)
nnd.train(net, X, y)
figure = draw.predictions(net, points=nnd.data.sleep_study(scaled=False))
