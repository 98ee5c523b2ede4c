"""The digits network the figures of the digits share, trained once per build.

A figure script loads this file with ``load()`` below (copied into each script, as figure
scripts run on their own): the first loads it and trains, the others reuse the same module.
The network is the tutorial's 64-30-10 with biases, trained by minibatch gradient descent for
six epochs on the python backend (about 96% of the test digits read right), so the figures
show a network that reads most digits and misreads some. ``lam=0.0`` makes the cost the
average over examples, so that the training and the test cost can be compared.
"""

import nnd

trainX, trainY, testX, testY = nnd.data.digits()  # noqa: N816 - the series' names
net = nnd.Network((64, 30, 10), seed=0, bias=True, lam=0.0, backend="python")
result = nnd.train(
    net, trainX, trainY, method="sgd", epochs=6, batch_size=10, learning_rate=3.0, seed=0,
    testX=testX, testY=testY,
)  # fmt: skip
