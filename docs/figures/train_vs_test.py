"""Part 7: training and test cost per iteration, without and with regularization."""

import matplotlib.pyplot as plt

import nnd

trainX, trainY, testX, testY = nnd.data.train_test()  # noqa: N816 - the series names
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
for ax, lam in zip(axes, (0.0, 1e-4)):
    net = nnd.Network(seed=1, lam=lam)
    result = nnd.train(net, trainX, trainY, testX=testX, testY=testY, max_iter=200)
    steps = range(1, result.nit + 1)
    ax.semilogy(steps, result.J, linewidth=2, label="training data (J)")
    ax.semilogy(steps, result.testJ, linewidth=2, label="test data (testJ)")
    ax.set_title(f"λ = {lam:g}: final test cost {result.testJ[-1]:.2g}")
    ax.set_xlabel("iteration")
    ax.grid(True, which="both", alpha=0.3)
axes[0].set_ylabel("cost (log scale)")
axes[0].legend()
