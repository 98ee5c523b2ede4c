"""Cost per iteration while BFGS and gradient descent train the series' network from one start (Part 6)."""

import nnd
from nnd import draw

X, y = nnd.data.sleep_study()
bfgs = nnd.train(nnd.Network(seed=0), X, y, method="bfgs", max_iter=200)
gd = nnd.train(nnd.Network(seed=0), X, y, method="gd", max_iter=200)
figure = draw.training(
    {f"BFGS ({bfgs.nit} iterations)": bfgs, "gradient descent, learning rate 1": gd},
    title="Training the 2-3-1 network from the same initial weights (seed 0)",
)
