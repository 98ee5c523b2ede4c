"""Chapter 8: what each of the 30 hidden units of the chapter's network (three epochs) looks for."""

import nnd
from nnd import draw

trainX, trainY, testX, testY = nnd.data.digits()  # noqa: N816 - the series' names
net = nnd.Network((64, 30, 10), seed=0, bias=True, lam=0.0)
nnd.train(net, trainX, trainY, method="sgd", epochs=3, batch_size=10, learning_rate=3.0, seed=0)

figure = draw.hidden_units(net, columns=10)
