"""Part 7: training and test cost per iteration, without and with regularization."""

import nnd
from nnd import draw

trainX, trainY, testX, testY = nnd.data.train_test()  # noqa: N816 - the series' names
runs = {}
for lam in (0.0, 1e-4):
    net = nnd.Network(seed=1, lam=lam)
    runs[f"λ = {lam:g}"] = nnd.train(net, trainX, trainY, testX=testX, testY=testY, max_iter=200)
figure = draw.training(runs, title="Training (solid) and test (dashed) cost, without and with λ")
