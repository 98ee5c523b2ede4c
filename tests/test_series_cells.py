"""The series' Part 5, 6 and 7 notebook cells, run as written, with nnd in place of the class definitions.

Each notebook starts with ``%pylab inline`` and ``from partN import *``; here the
class and function definitions come from ``from nnd.video import *`` instead, and the
data that ``partN`` defined (X and y) from ``from nnd.video_data import *``; every other
cell is the notebook's code as it is (comments left out). ``nnd.video`` itself never
defines X or y, so it cannot replace a notebook's own data. Cells that build data with
NumPy run on the NumPy backend here (tests/test_notebooks.py runs them on both); on the
list backend the data cells are replaced by ``nnd.data``, the rest is unchanged.
The 3-D surface cells are left out: they call ``fig.gca(projection='3d')``, which
matplotlib removed in 3.6, so they fail with any library underneath.

``Neural_Network()`` draws fresh random weights, as ``np.random.randn`` did in the
notebook; the tests fix the seed the way a learner would fix NumPy's, so that
what they assert does not depend on luck.
"""

from __future__ import annotations

import ast
import random
from typing import Any

import pytest
from helpers import flat

import nnd

SEED = 0


@pytest.fixture
def seeded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neural_Network() without a seed draws its weights from Random(SEED) instead of the OS."""
    real = random.Random
    monkeypatch.setattr(random, "Random", lambda seed=None: real(SEED if seed is None else seed))


def run(cell: str, ns: dict) -> Any:
    """Run a notebook cell in ``ns``; return the value of a final expression, as the notebook shows it."""
    tree = ast.parse(cell)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), ns)
    if last is not None:
        return eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns)
    return None


def notebook(backend_name: str, pylab: bool = False) -> dict:
    """A fresh namespace: ``%pylab inline`` (if asked), then the stand-ins for ``from partN import *``."""
    ns: dict = {}
    if pylab:
        pytest.importorskip("matplotlib", reason="the plotting cells need matplotlib")
        import matplotlib

        matplotlib.use("Agg")
        run("from pylab import *", ns)
    with nnd.use_backend(backend_name):
        run("from nnd.video import *\nfrom nnd.video_data import *", ns)
    return ns


# -- Part 5: numerical gradient checking -------------------------------------------------------------
PART5 = [
    "def f(x):\n    return x**2",
    "epsilon = 1e-4\nx = 1.5",
    "numericalGradient = (f(x+epsilon)- f(x-epsilon))/(2*epsilon)",
    "numericalGradient, 2*x",
    "NN = Neural_Network()",
    "numgrad = computeNumericalGradient(NN, X, y)\nnumgrad",
    "grad = NN.computeGradients(X,y)\ngrad",
    "norm(grad-numgrad)/norm(grad+numgrad)",
]


def test_part5_cells(backend, seeded) -> None:
    ns = notebook(backend.name)
    with nnd.use_backend(backend):
        out = [run(cell, ns) for cell in PART5]
    assert out[3] == (2.9999999999996696, 3.0)  # the notebook's printed warm-up result
    numgrad, grad, ratio = out[5], out[6], out[7]
    assert backend.is_array(numgrad) and backend.is_array(grad) and len(flat(grad)) == 9
    assert ratio < 1e-8  # the notebook: "on the order of 1e-8 or less"
    assert flat(ns["NN"].computeGradients(ns["X"], ns["y"])) == flat(grad)  # weights restored


def test_part5_cells_without_a_fixed_seed(backend) -> None:
    ns = notebook(backend.name)
    with nnd.use_backend(backend):
        ratio = [run(cell, ns) for cell in PART5][-1]
    assert ratio < 1e-7  # over 1,000 seeds the largest ratio was 1.1e-8


# -- Part 6: training -------------------------------------------------------------------------------------
PART6 = [
    "NN = Neural_Network()",
    "T = trainer(NN)",
    "T.train(X,y)",
    "NN.costFunctionPrime(X,y)",
    "NN.forward(X)",
    "y",
]
PART6_PLOTS = [
    "plot(T.J)\ngrid(1)\nxlabel('Iterations')\nylabel('Cost')",
    "hoursSleep = linspace(0, 10, 100)\nhoursStudy = linspace(0, 5, 100)\n"
    "hoursSleepNorm = hoursSleep/10.\nhoursStudyNorm = hoursStudy/5.\n"
    "a, b  = meshgrid(hoursSleepNorm, hoursStudyNorm)\n"
    "allInputs = np.zeros((a.size, 2))\nallInputs[:, 0] = a.ravel()\nallInputs[:, 1] = b.ravel()",
    "allOutputs = NN.forward(allInputs)",
    "yy = np.dot(hoursStudy.reshape(100,1), np.ones((1,100)))\n"
    "xx = np.dot(hoursSleep.reshape(100,1), np.ones((1,100))).T\n\n"
    "CS = contour(xx,yy,100*allOutputs.reshape(100, 100))\n"
    "clabel(CS, inline=1, fontsize=10)\nxlabel('Hours Sleep')\nylabel('Hours Study')",
]


def test_part6_cells(backend, seeded) -> None:
    ns = notebook(backend.name)
    with nnd.use_backend(backend):
        out = [run(cell, ns) for cell in PART6]
    T = ns["T"]
    assert T.optimizationResults.success and len(T.J) == T.optimizationResults.nit
    assert all(later < earlier for earlier, later in zip(T.J, T.J[1:]))
    dJdW1, dJdW2 = out[3]
    assert max(abs(v) for v in flat(dJdW1) + flat(dJdW2)) < 1e-6  # "very small values" at the minimum
    assert all(abs(p - t) < 1e-3 for p, t in zip(flat(out[4]), flat(out[5])))
    assert flat(out[5]) == [0.75, 0.82, 0.93]


def test_part6_plotting_cells_with_pylab(seeded) -> None:
    pytest.importorskip("numpy", reason="the notebook's grid cells use NumPy")
    ns = notebook("numpy", pylab=True)
    try:
        with nnd.use_backend("numpy"):
            for cell in PART6 + PART6_PLOTS:
                run(cell, ns)
        assert ns["allOutputs"].shape == (10_000, 1)
        scores = 100 * ns["allOutputs"]
        assert 0 < scores.min() and scores.max() < 100
        assert len(ns["CS"].levels) > 2
        assert len(ns["gcf"]().axes[0].lines) == 1  # plot(T.J)
    finally:
        ns["close"]("all")


# -- Part 7: overfitting, testing and regularization ---------------------------------------------------
PART7_DATA_WITH_NUMPY = [
    "X = np.array(([3,5], [5,1], [10,2], [6,1.5]), dtype=float)\n"
    "y = np.array(([75], [82], [93], [70]), dtype=float)",
    "fig = figure(0,(8,3))\n\nsubplot(1,2,1)\nscatter(X[:,0], y)\ngrid(1)\nxlabel('Hours Sleeping')\n"
    "ylabel('Test Score')\n\nsubplot(1,2,2)\nscatter(X[:,1], y)\ngrid(1)\nxlabel('Hours Studying')\n"
    "ylabel('Test Score')",
    "X = X/np.amax(X, axis=0)\ny = y/100",
]
PART7_SPLIT_WITH_NUMPY = [
    "trainX = np.array(([3,5], [5,1], [10,2], [6,1.5]), dtype=float)\n"
    "trainY = np.array(([75], [82], [93], [70]), dtype=float)\n\n"
    "testX = np.array(([4, 5.5], [4.5,1], [9,2.5], [6, 2]), dtype=float)\n"
    "testY = np.array(([70], [89], [85], [75]), dtype=float)\n\n"
    "trainX = trainX/np.amax(trainX, axis=0)\ntrainY = trainY/100\n\n"
    "testX = testX/np.amax(trainX, axis=0)\ntestY = testY/100",
]
PART7_FIRST = ["NN = Neural_Network()"]
PART7_OVERFIT = ["T = trainer(NN)\nT.train(X,y)"]
PART7_SPLIT = [
    "NN = Neural_Network()\n\nT = trainer(NN)\nT.train(trainX, trainY, testX, testY)",
]
PART7_REGULARIZED = [
    "Lambda = 0.0001",
    "NN = Neural_Network(Lambda=0.0001)",
    "numgrad = computeNumericalGradient(NN, X, y)\ngrad = NN.computeGradients(X,y)",
    "norm(grad-numgrad)/norm(grad+numgrad)",
    "T = trainer(NN)",
    "T.train(X,y,testX,testY)",
]
PART7_PLOTS = [
    "plot(T.J)\nplot(T.testJ)\ngrid(1)\nxlabel('Iterations')\nylabel('Cost')",
    PART6_PLOTS[1],
    "allOutputs = NN.forward(allInputs)\n\n" + PART6_PLOTS[3],
]


def test_part7_cells(backend, seeded) -> None:
    """Data cells replaced by nnd.data (test inputs scaled by the training maxima); the rest as written."""
    ns = notebook(backend.name)
    trainX, trainY, testX, testY = (backend.asarray(a) for a in nnd.data.train_test())
    ns.update(X=trainX, y=trainY, trainX=trainX, trainY=trainY, testX=testX, testY=testY)
    with nnd.use_backend(backend):
        for cell in PART7_FIRST + PART7_OVERFIT + PART7_SPLIT:
            run(cell, ns)
        unregularized = ns["T"]
        out = [run(cell, ns) for cell in PART7_REGULARIZED]
    regularized = ns["T"]
    assert out[3] < 1e-8  # the notebook: "Should be less than 1e-8"
    assert ns["NN"].Lambda == 0.0001
    assert len(unregularized.testJ) == len(unregularized.J) and len(regularized.testJ) == len(regularized.J)
    assert unregularized.J[-1] < 1e-8  # the 4 training points fitted exactly ...
    assert regularized.testJ[-1] < unregularized.testJ[-1]  # ... and regularization generalizes better


def test_part7_cells_with_pylab_and_numpy_data(seeded) -> None:
    """Every Part 7 cell as written (bar the 3-D ones), NumPy data and its scaling included."""
    np = pytest.importorskip("numpy", reason="the notebook's data cells use NumPy")
    ns = notebook("numpy", pylab=True)
    try:
        with nnd.use_backend("numpy"):
            cells = PART7_FIRST + PART7_DATA_WITH_NUMPY + PART7_OVERFIT + PART6_PLOTS
            cells += PART7_SPLIT_WITH_NUMPY + PART7_SPLIT + PART7_PLOTS[:1] + PART7_REGULARIZED + PART7_PLOTS
            values = [run(cell, ns) for cell in cells]
        assert values[cells.index(PART7_REGULARIZED[3])] < 1e-8  # the gradient check ratio
        assert len(ns["T"].testJ) == len(ns["T"].J) > 0
        assert ns["allOutputs"].shape == (10_000, 1)
        # The notebook divides testX by the maxima of the *already scaled* trainX (all 1), so its
        # test inputs stay in hours; nnd.data.train_test() scales them with the training maxima.
        assert np.array_equal(ns["testX"], np.array([[4, 5.5], [4.5, 1], [9, 2.5], [6, 2]]))
    finally:
        ns["close"]("all")
