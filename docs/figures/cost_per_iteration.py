"""Cost per iteration while BFGS (nnd.train) and gradient descent train the series' network."""

import matplotlib.pyplot as plt

import nnd

X, y = nnd.data.sleep_study()
bfgs = nnd.train(nnd.Network(seed=0), X, y, method="bfgs", max_iter=200)
gd = nnd.train(nnd.Network(seed=0), X, y, method="gd", max_iter=200)

fig, ax = plt.subplots()
ax.semilogy(range(1, len(bfgs.J) + 1), bfgs.J, linewidth=2, label=f"BFGS ({bfgs.nit} iterations)")
ax.semilogy(range(1, len(gd.J) + 1), gd.J, linewidth=2, label="gradient descent, learning rate 1")
ax.set_xlabel("iteration")
ax.set_ylabel("cost J (log scale)")
ax.grid(True, which="both", alpha=0.3)
ax.legend()
ax.set_title("Training the 2-3-1 network from the same initial weights (seed 0)")
