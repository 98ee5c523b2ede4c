"""Part 7: what a network trained without λ and one trained with λ predict, beside the test students."""

import nnd
from nnd import draw

trainX, trainY, testX, testY = nnd.data.train_test()  # noqa: N816 - the series' names
nets = [nnd.Network(seed=1, lam=lam) for lam in (0.0, 1e-4)]
for net in nets:
    nnd.train(net, trainX, trainY, max_iter=200)
figure = draw.overfit(*nets)
