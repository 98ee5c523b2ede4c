"""Chapter 8: the network the chapter trains (three epochs) reads the test digits: the first 30,
then the first 10 it misreads after them (red frames, label → what it read)."""

import nnd
from nnd import draw

trainX, trainY, testX, testY = nnd.data.digits()  # noqa: N816 - the series' names
net = nnd.Network((64, 30, 10), seed=0, bias=True, lam=0.0)
nnd.train(net, trainX, trainY, method="sgd", epochs=3, batch_size=10, learning_rate=3.0, seed=0)

read = net.predict_class(testX)
truth = [row.index(1.0) for row in testY]
misread = [k for k in range(30, len(testX)) if read[k] != truth[k]]
shown = list(range(30)) + misread[:10]
figure = draw.digits(
    [testX[k] for k in shown],
    [truth[k] for k in shown],
    [read[k] for k in shown],
    columns=10,
    title="Test digits and what the network reads: the first 30, then 10 it misreads",
)
