"""Chapter 8: cost and accuracy per epoch, training (solid) and test (dashed), for 15 epochs of
minibatch gradient descent from the chapter's starting weights."""

import nnd
from nnd import draw

trainX, trainY, testX, testY = nnd.data.digits()  # noqa: N816 - the series' names
longer = nnd.Network((64, 30, 10), seed=0, bias=True, lam=0.0)
history = nnd.train(
    longer, trainX, trainY, method="sgd", epochs=15, batch_size=10, learning_rate=3.0, seed=0,
    testX=testX, testY=testY,
)  # fmt: skip
figure = draw.training(history, title="Cost and accuracy per epoch: training (solid) and test (dashed)")
