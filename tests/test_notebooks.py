"""The seven parts of the series as a learner types them into a notebook, on both backends.

Each scenario is written from the series' facts and the Part 4 text: the data are
built with NumPy (``X = np.array(([3,5], [5,1], [10,2]), dtype=float)``) and scaled
with ``np.amax(X, axis=0)``; ``%pylab inline`` becomes ``import numpy as np`` and
matplotlib's pylab (drawing off screen, with Agg) where a part plots; the cells that
define the classes become ``from nnd.video import *``. Everything else is typed as a
learner would, and each scenario runs on the python and the numpy backend.

Without NumPy (the core-only run) the NumPy scenarios skip, and the same parts run
with plain-list data on the python backend instead (``*_with_lists``).

Every value is checked against an independent computation (plain Python with
``math.fsum``, never nnd's own code): shapes, costs going down, the gradient check
ratio, predictions after training, the sweep's minimum.

``Neural_Network()`` draws random weights, as ``np.random.randn`` did; the tests fix
the seed the way a learner would fix NumPy's, so that the results do not depend on luck.
"""

from __future__ import annotations

import ast
import math
import random
from typing import Any

import pytest
from conftest import needs_numpy
from helpers import assert_close, flat

import nnd

SEED = 0
SWEEP_SEED = 3

DATA_X = [[3, 5], [5, 1], [10, 2]]
DATA_Y = [[75], [82], [93]]
SCALED_X = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
SCALED_Y = [[0.75], [0.82], [0.93]]


@pytest.fixture(params=["python", pytest.param("numpy", marks=needs_numpy)], scope="module")
def backend(request: pytest.FixtureRequest) -> nnd.Backend:
    """The python and the numpy backend, the two the series' notebooks are promised to run on
    (arrays that change in place, NumPy interplay); other backends have their own tests."""
    return nnd.get_backend(request.param)


# -- independent reference: the series' mathematics in plain Python ---------------------------------


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def sig_prime(z: float) -> float:
    return sig(z) * (1.0 - sig(z))


def mm(A: list, B: list) -> list:
    return [[math.fsum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]


def transpose(A: list) -> list:
    return [list(col) for col in zip(*A)]


def rows(a: Any) -> list:
    """Nested lists of floats from lists, ListArrays or NumPy arrays."""
    return [list(map(float, r)) for r in (a.tolist() if hasattr(a, "tolist") else a)]


def ref_forward(X: list, W1: list, W2: list) -> tuple[list, list, list, list]:
    z2 = mm(X, W1)
    a2 = [[sig(v) for v in r] for r in z2]
    z3 = mm(a2, W2)
    return z2, a2, z3, [[sig(v) for v in r] for r in z3]


def ref_cost(X: list, y: list, W1: list, W2: list, lam: float | None = None) -> float:
    yHat = ref_forward(X, W1, W2)[3]
    J = 0.5 * math.fsum((t - p) ** 2 for r, s in zip(y, yHat) for t, p in zip(r, s))
    if lam is None:
        return J
    squares = math.fsum(w * w for W in (W1, W2) for r in W for w in r)
    return J / len(X) + lam / 2 * squares


def ref_gradients(X: list, y: list, W1: list, W2: list) -> tuple[list, list]:
    z2, a2, z3, yHat = ref_forward(X, W1, W2)
    delta3 = [[-(t - p) * sig_prime(z) for t, p, z in zip(r, s, q)] for r, s, q in zip(y, yHat, z3)]
    dJdW2 = mm(transpose(a2), delta3)
    back = mm(delta3, transpose(W2))
    delta2 = [[b * sig_prime(z) for b, z in zip(r, q)] for r, q in zip(back, z2)]
    return mm(transpose(X), delta2), dJdW2


def weights(NN: Any) -> tuple[list, list]:
    return rows(NN.W1), rows(NN.W2)


# -- the notebook ----------------------------------------------------------------------------------------


def seed_weights(monkeypatch: pytest.MonkeyPatch, fixed: int) -> None:
    """Neural_Network() without a seed draws its weights from Random(fixed) instead of the OS."""
    real = random.Random
    monkeypatch.setattr(random, "Random", lambda seed=None: real(fixed if seed is None else seed))


@pytest.fixture
def seeded(monkeypatch: pytest.MonkeyPatch) -> None:
    seed_weights(monkeypatch, SEED)


@pytest.fixture
def seeded_for_the_sweep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Weights whose cost, as W1[0,0] runs from -5 to 5, has its minimum inside that range (as in
    the video's picture); with SEED's it falls all the way to the edge."""
    seed_weights(monkeypatch, SWEEP_SEED)


class Notebook:
    """One namespace, cells run in order on one backend; a cell's last expression is its Out[]."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.ns: dict = {}

    def __call__(self, cell: str) -> Any:
        tree = ast.parse(cell)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with nnd.use_backend(self.backend):
            exec(compile(tree, "<cell>", "exec"), self.ns)
            if last is not None:
                return eval(compile(ast.Expression(last.value), "<cell>", "eval"), self.ns)
        return None

    def __getitem__(self, name: str) -> Any:
        return self.ns[name]


@pytest.fixture
def pylab() -> Any:
    """``%pylab inline``'s plotting, off screen; every figure closed afterwards."""
    pytest.importorskip("matplotlib", reason="the plotting cells need matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def numpy_notebook(backend: nnd.Backend, plots: bool) -> Notebook:
    """``%pylab inline`` (or just NumPy, where a part draws nothing)."""
    nb = Notebook(backend.name)
    nb("import numpy as np\nfrom pylab import *" if plots else "import numpy as np")
    return nb


def lists_notebook() -> Notebook:
    """A notebook without NumPy: plain lists, the python backend."""
    return Notebook("python")


CLASSES = "from nnd.video import *"  # stands for the cells that define Neural_Network, trainer, ...

NUMPY_DATA = (
    "X = np.array(([3,5], [5,1], [10,2]), dtype=float)\ny = np.array(([75], [82], [93]), dtype=float)"
)
NUMPY_SCALING = "X = X/np.amax(X, axis=0)\ny = y/100 #Max test score is 100"
LIST_DATA = "X = [[3,5], [5,1], [10,2]]\ny = [[75], [82], [93]]"
LIST_SCALING = (
    "maxima = [max(column) for column in zip(*X)]\n"
    "X = [[x/m for x, m in zip(row, maxima)] for row in X]\n"
    "y = [[score/100 for score in row] for row in y]"
)


# -- Part 1: data and architecture -------------------------------------------------------------------


@needs_numpy
def test_part1_data_scaling_and_bar_plots(backend, pylab) -> None:
    nb = numpy_notebook(backend, plots=True)
    nb(NUMPY_DATA)
    assert nb("X.shape, y.shape") == ((3, 2), (3, 1))
    nb(NUMPY_SCALING)
    assert rows(nb["X"]) == SCALED_X and rows(nb["y"]) == SCALED_Y
    nb(CLASSES)
    nb("import nnd.video_data as series")  # the series' own data, as arrays of the backend
    assert nb("type(series.X)").__name__ == {"python": "ListArray", "numpy": "ndarray"}[backend.name]
    assert nb("np.array_equal(X, series.X) and np.array_equal(y, series.y)")
    nb("bar([0,1,2], y.flatten(), width=0.35, alpha=0.8)\ngrid(1)")
    nb("bar([0.35,1.35,2.35], series.y.flatten(), width=0.35, color='r', alpha=0.8)")
    nb("scatter(series.X[:,0], series.y.flatten())")
    heights = [p.get_height() for p in pylab.gca().patches]
    assert heights == [0.75, 0.82, 0.93] * 2
    assert pylab.gca().collections[0].get_offsets().tolist() == [[0.3, 0.75], [0.5, 0.82], [1.0, 0.93]]


def test_part1_data_and_scaling_with_lists() -> None:
    nb = lists_notebook()
    nb(LIST_DATA)
    nb(LIST_SCALING)
    nb(CLASSES)
    assert nb["X"] == SCALED_X and nb["y"] == SCALED_Y
    nb("import nnd.video_data as series")
    assert nb("series.X.tolist() == X and series.y.flatten().tolist() == [0.75, 0.82, 0.93]")
    assert nb("series.X[:, 0].tolist(), series.X.shape") == ([0.3, 0.5, 1.0], (3, 2))


# -- Part 2: forward propagation ------------------------------------------------------------------------

PART2 = [
    "NN = Neural_Network()",
    "yHat = NN.forward(X)",
    "yHat",
]


@needs_numpy
def test_part2_forward_bars_and_the_sigmoid(backend, pylab, seeded) -> None:
    nb = numpy_notebook(backend, plots=True)
    nb(NUMPY_DATA)
    nb(NUMPY_SCALING)
    nb(CLASSES)
    yHat = [nb(cell) for cell in PART2][-1]
    assert backend.is_array(yHat) and yHat.shape == (3, 1)
    assert_close(yHat, ref_forward(SCALED_X, *weights(nb["NN"]))[3])
    assert str(yHat) == str(nb("np.asarray(yHat)"))  # the Out[] reads as NumPy's would
    nb(
        "bar([0,1,2], y.flatten(), width = 0.35, alpha=0.8)\n"
        "bar([0.35,1.35,2.35],yHat.flatten(), width = 0.35, color='r', alpha=0.8)\n"
        "grid(1)\nlegend(['y', 'yHat'])"
    )
    heights = [p.get_height() for p in pylab.gca().patches]
    assert heights == [0.75, 0.82, 0.93] + flat(yHat)
    nb("testInput = np.arange(-6,6,0.01)\nplot(testInput, NN.sigmoid(testInput), linewidth= 2)\ngrid(1)")
    line = pylab.gca().lines[-1]
    assert len(line.get_xdata()) == 1200
    assert_close(line.get_ydata(), [sig(t) for t in line.get_xdata()])
    assert nb("NN.sigmoid(1)") == sig(1.0)
    assert_close(nb("NN.sigmoid(np.array([-1,0,1]))"), [sig(-1.0), 0.5, sig(1.0)])
    assert nb("NN.sigmoid(np.random.randn(3,3))").shape == (3, 3)


def test_part2_forward_with_lists(seeded) -> None:
    nb = lists_notebook()
    nb(LIST_DATA)
    nb(LIST_SCALING)
    nb(CLASSES)
    yHat = [nb(cell) for cell in PART2][-1]
    assert yHat.shape == (3, 1) and yHat.flatten().shape == (3,)
    assert_close(yHat, ref_forward(SCALED_X, *weights(nb["NN"]))[3])
    testInput = [i / 100 for i in range(-600, 600)]
    nb.ns["testInput"] = testInput
    assert_close(nb("NN.sigmoid(testInput)"), [sig(t) for t in testInput])
    assert nb("NN.sigmoid(1), NN.sigmoid([-1, 0, 1]).tolist()") == (sig(1.0), [sig(-1.0), 0.5, sig(1.0)])


# -- Part 3: gradient descent (the brute-force sweep of one weight) --------------------------------------

PART3_SWEEP = (
    "weightsToTry = np.linspace(-5,5,1000)\n"
    "costs = np.zeros(1000)\n\n"
    "for i in range(1000):\n"
    "    NN.W1[0,0] = weightsToTry[i]\n"
    "    yHat = NN.forward(X)\n"
    "    costs[i] = 0.5*sum((y-yHat)**2)"
)


def check_sweep(nb: Notebook, W1: list, W2: list, tried: list, costs: list) -> None:
    """The costs are the reference's, the minimum is where the reference has it, and a fresh
    network with that weight has that cost."""
    expected = []
    for w in tried:
        changed = [row[:] for row in W1]
        changed[0][0] = w
        expected.append(ref_cost(SCALED_X, SCALED_Y, changed, W2))
    assert_close(costs, expected, rel=1e-12)
    best = min(range(len(costs)), key=costs.__getitem__)
    assert best == min(range(len(expected)), key=expected.__getitem__)
    assert 0 < best < len(costs) - 1  # a true minimum inside the range tried, not at an edge
    assert rows(nb["NN"].W1)[0][0] == tried[-1]  # the last weight tried stays in place
    assert rows(nb["NN"].W1)[1:] == W1[1:] and rows(nb["NN"].W2) == W2  # the others are untouched
    fresh = nnd.Neural_Network(seed=1, backend=nb.backend)
    fresh.W1 = [[tried[best]] + W1[0][1:]] + W1[1:]
    fresh.W2 = W2
    assert math.isclose(fresh.costFunction(SCALED_X, SCALED_Y), costs[best], rel_tol=1e-12)


@needs_numpy
def test_part3_sweeps_one_weight_by_item_assignment(backend, pylab, seeded_for_the_sweep) -> None:
    nb = numpy_notebook(backend, plots=True)
    nb(NUMPY_DATA)
    nb(NUMPY_SCALING)
    nb(CLASSES)
    nb("NN = Neural_Network()")
    W1, W2 = weights(nb["NN"])
    nb(PART3_SWEEP)
    nb("plot(weightsToTry, costs, linewidth=2)\ngrid(1)\nylabel('Cost')\nxlabel('Weight')")
    costs = nb("costs")
    assert costs.shape == (1000,) and len(pylab.gca().lines[0].get_ydata()) == 1000
    check_sweep(nb, W1, W2, nb("weightsToTry").tolist(), costs.tolist())
    assert nb("weightsToTry[np.argmin(costs)]") == nb("weightsToTry").tolist()[int(costs.argmin())]


def test_part3_sweep_with_lists(seeded_for_the_sweep) -> None:
    nb = lists_notebook()
    nb(LIST_DATA)
    nb(LIST_SCALING)
    nb(CLASSES)
    nb("from nnd.arrays.python.listarray import ListArray\nY = ListArray(y)")
    nb("NN = Neural_Network()")
    W1, W2 = weights(nb["NN"])
    nb(
        "weightsToTry = [-5 + 10*i/999 for i in range(1000)]\ncosts = [0.0]*1000\n"
        "for i in range(1000):\n"
        "    NN.W1[0,0] = weightsToTry[i]\n"
        "    yHat = NN.forward(X)\n"
        "    costs[i] = 0.5*((Y-yHat)**2).sum()"
    )
    check_sweep(nb, W1, W2, nb["weightsToTry"], nb["costs"])


# -- Part 4: backpropagation --------------------------------------------------------------------------

PART4 = [
    "NN = Neural_Network()",
    "cost1 = NN.costFunction(X,y)",
    "dJdW1, dJdW2 = NN.costFunctionPrime(X,y)",
    "scalar = 3\nNN.W1 = NN.W1 + scalar*dJdW1\nNN.W2 = NN.W2 + scalar*dJdW2\ncost2 = NN.costFunction(X,y)",
    "dJdW1, dJdW2 = NN.costFunctionPrime(X,y)\nNN.W1 = NN.W1 - scalar*dJdW1\n"
    "NN.W2 = NN.W2 - scalar*dJdW2\ncost3 = NN.costFunction(X, y)",
]


def check_part4(nb: Notebook, W1: list, W2: list) -> None:
    cost1, cost2, cost3 = nb["cost1"], nb["cost2"], nb["cost3"]
    assert all(type(c) is float for c in (cost1, cost2, cost3))  # numbers, not 1-element arrays
    assert cost2 > cost1 and cost3 < cost2  # the gradient points uphill
    assert math.isclose(cost1, ref_cost(SCALED_X, SCALED_Y, W1, W2), rel_tol=1e-12)
    g1, g2 = ref_gradients(SCALED_X, SCALED_Y, W1, W2)
    up1 = [[w + 3 * g for w, g in zip(r, s)] for r, s in zip(W1, g1)]
    up2 = [[w + 3 * g for w, g in zip(r, s)] for r, s in zip(W2, g2)]
    assert math.isclose(cost2, ref_cost(SCALED_X, SCALED_Y, up1, up2), rel_tol=1e-12)
    assert_close(nb["dJdW1"], ref_gradients(SCALED_X, SCALED_Y, up1, up2)[0])
    assert nb["dJdW1"].shape == (2, 3) and nb["dJdW2"].shape == (3, 1)


@needs_numpy
def test_part4_the_cost_goes_up_then_down(backend, pylab, seeded) -> None:
    nb = numpy_notebook(backend, plots=True)
    nb(NUMPY_DATA)
    nb(NUMPY_SCALING)
    nb(CLASSES)
    nb(PART4[0])
    W1, W2 = weights(nb["NN"])
    nb(
        "testValues = np.arange(-5,5,0.01)\nplot(testValues, NN.sigmoid(testValues), linewidth=2)\n"
        "plot(testValues, NN.sigmoidPrime(testValues), linewidth=2)\ngrid(1)\n"
        "legend(['sigmoid', 'sigmoidPrime'])"
    )
    f, f_prime = pylab.gca().lines
    assert_close(f.get_ydata(), [sig(t) for t in f.get_xdata()])
    assert_close(f_prime.get_ydata(), [sig_prime(t) for t in f_prime.get_xdata()])
    assert max(f_prime.get_ydata()) == pytest.approx(0.25, abs=1e-4)  # steepest at z = 0
    for cell in PART4[1:]:
        nb(cell)
    check_part4(nb, W1, W2)
    assert nb("type(cost1 - cost2)") is float


def test_part4_the_cost_goes_up_then_down_with_lists(seeded) -> None:
    nb = lists_notebook()
    nb(LIST_DATA)
    nb(LIST_SCALING)
    nb(CLASSES)
    nb(PART4[0])
    W1, W2 = weights(nb["NN"])
    for cell in PART4[1:]:
        nb(cell)
    check_part4(nb, W1, W2)


# -- Part 5: numerical gradient checking -----------------------------------------------------------

PART5 = [
    "def f(x):\n    return x**2",
    "epsilon = 1e-4\nx = 1.5",
    "numericalGradient = (f(x+epsilon)- f(x-epsilon))/(2*epsilon)",
    "numericalGradient, 2*x",
    "NN = Neural_Network()",
    "numgrad = computeNumericalGradient(NN, X, y)",
    "grad = NN.computeGradients(X,y)",
    "norm(grad-numgrad)/norm(grad+numgrad)",
]

# The notebook's own computeNumericalGradient, typed out with NumPy (partFive.py's code).
MY_NUMGRAD = """
def myNumericalGradient(N, X, y):
    paramsInitial = N.getParams()
    numgrad = np.zeros(paramsInitial.shape)
    perturb = np.zeros(paramsInitial.shape)
    e = 1e-4
    for p in range(len(paramsInitial)):
        perturb[p] = e
        N.setParams(paramsInitial + perturb)
        loss2 = N.costFunction(X, y)
        N.setParams(paramsInitial - perturb)
        loss1 = N.costFunction(X, y)
        numgrad[p] = (loss2 - loss1) / (2*e)
        perturb[p] = 0
    N.setParams(paramsInitial)
    return numgrad
"""


def check_part5(nb: Notebook, out: list) -> None:
    assert out[3] == (2.9999999999996696, 3.0)  # the notebook's warm-up result
    W1, W2 = weights(nb["NN"])
    g1, g2 = ref_gradients(SCALED_X, SCALED_Y, W1, W2)
    assert_close(nb["grad"], flat(g1) + flat(g2))
    assert nb["numgrad"].shape == nb["grad"].shape == (9,)
    assert_close(nb["numgrad"], nb["grad"], rel=1e-6, abs_=1e-9)
    ratio = out[-1]
    assert type(ratio) is float and 0 < ratio < 1e-8  # "on the order of 1e-8 or less"


@needs_numpy
def test_part5_gradient_check_with_numpys_norm_and_nnds(backend, seeded) -> None:
    nb = numpy_notebook(backend, plots=False)
    nb(NUMPY_DATA)
    nb(NUMPY_SCALING)
    nb(CLASSES)
    out = [nb(cell) for cell in PART5]
    check_part5(nb, out)
    ratio = out[-1]
    assert nb("np.linalg.norm(grad-numgrad)/np.linalg.norm(grad+numgrad)") == pytest.approx(ratio, rel=1e-9)
    nb(MY_NUMGRAD)
    nb("mine = myNumericalGradient(NN, X, y)")
    assert type(nb["mine"]).__name__ == "ndarray"
    assert_close(nb["mine"], nb["numgrad"], rel=1e-9, abs_=1e-13)  # the same central differences
    difference = nb("grad - mine")  # one side NumPy: NumPy's result
    assert type(difference).__name__ == "ndarray" and difference.shape == (9,)
    assert_close(difference, [g - m for g, m in zip(flat(nb["grad"]), flat(nb["mine"]))], abs_=0.0)
    assert_close(nb("mine - grad"), [m - g for g, m in zip(flat(nb["grad"]), flat(nb["mine"]))], abs_=0.0)
    ours = nb("norm(grad-mine)/norm(grad+mine)")
    theirs = nb("np.linalg.norm(grad-mine)/np.linalg.norm(grad+mine)")
    assert ours == pytest.approx(theirs, rel=1e-9) and theirs < 1e-8
    assert nb("NN.computeGradients(X, y)").tolist() == nb["grad"].tolist()  # weights restored


def test_part5_gradient_check_with_lists(seeded) -> None:
    nb = lists_notebook()
    nb(LIST_DATA)
    nb(LIST_SCALING)
    nb(CLASSES)
    out = [nb(cell) for cell in PART5]
    check_part5(nb, out)
    assert nb("(grad - numgrad).shape, type(grad - numgrad).__name__") == ((9,), "ListArray")


# -- Part 6: training -------------------------------------------------------------------------------

PART6 = [
    "NN = Neural_Network()",
    "T = trainer(NN)",
    "T.train(X,y)",
]
GRID = (
    "hoursSleep = linspace(0, 10, 100)\nhoursStudy = linspace(0, 5, 100)\n"
    "hoursSleepNorm = hoursSleep/10.\nhoursStudyNorm = hoursStudy/5.\n"
    "a, b  = meshgrid(hoursSleepNorm, hoursStudyNorm)\n"
    "allInputs = np.zeros((a.size, 2))\nallInputs[:, 0] = a.ravel()\nallInputs[:, 1] = b.ravel()"
)
CONTOUR = (
    "yy = np.dot(hoursStudy.reshape(100,1), np.ones((1,100)))\n"
    "xx = np.dot(hoursSleep.reshape(100,1), np.ones((1,100))).T\n\n"
    "CS = contour(xx,yy,100*allOutputs.reshape(100, 100))\n"
    "clabel(CS, inline=1, fontsize=10)\nxlabel('Hours Sleep')\nylabel('Hours Study')"
)


def check_training(nb: Notebook, X: list, y: list) -> None:
    T, NN = nb["T"], nb["NN"]
    assert T.optimizationResults.success and len(T.J) == T.optimizationResults.nit > 5
    assert all(later < earlier for earlier, later in zip(T.J, T.J[1:]))  # the cost goes down
    W1, W2 = weights(NN)
    assert math.isclose(T.J[-1], ref_cost(X, y, W1, W2), rel_tol=1e-9, abs_tol=1e-15)
    predictions = ref_forward(X, W1, W2)[3]
    assert all(abs(p - t) < 1e-3 for p, t in zip(flat(predictions), flat(y)))  # it has learned the data
    assert_close(nb("NN.forward(X)"), predictions)
    g1, g2 = ref_gradients(X, y, W1, W2)
    assert max(map(abs, flat(g1) + flat(g2))) < 1e-5  # at a minimum


def check_grid(nb: Notebook, outputs: Any, sleep_study: list) -> None:
    """Every grid point's prediction is the reference network's at that (sleep, study)."""
    W1, W2 = weights(nb["NN"])
    assert outputs.shape == (10_000, 1)
    assert_close(outputs, ref_forward(sleep_study, W1, W2)[3])


@needs_numpy
def test_part6_training_and_the_prediction_grid(backend, pylab, seeded) -> None:
    nb = numpy_notebook(backend, plots=True)
    nb(NUMPY_DATA)
    nb(NUMPY_SCALING)
    nb(CLASSES)
    for cell in PART6:
        nb(cell)
    nb("plot(T.J)\ngrid(1)\nxlabel('Iterations')\nylabel('Cost')")
    assert pylab.gca().lines[0].get_ydata().tolist() == nb["T"].J
    check_training(nb, SCALED_X, SCALED_Y)
    nb(GRID)
    outputs = nb("allOutputs = NN.forward(allInputs)\nallOutputs")
    assert backend.is_array(outputs)
    points = [[s / 10, t / 5] for t in nb("hoursStudy").tolist() for s in nb("hoursSleep").tolist()]
    check_grid(nb, outputs, points)
    nb(CONTOUR)
    surface = nb("100*allOutputs.reshape(100, 100)")
    assert surface.shape == (100, 100)
    i, j = 17, 83  # row i is study hoursStudy[i], column j is sleep hoursSleep[j]
    one = ref_forward([[nb("hoursSleep")[j] / 10, nb("hoursStudy")[i] / 5]], *weights(nb["NN"]))[3]
    assert math.isclose(surface[i, j], 100 * one[0][0], rel_tol=1e-9)
    assert len(nb["CS"].levels) > 2 and 0 < surface.min() and surface.max() < 100


def test_part6_training_and_the_grid_with_lists(seeded) -> None:
    nb = lists_notebook()
    nb(LIST_DATA)
    nb(LIST_SCALING)
    nb(CLASSES)
    for cell in PART6:
        nb(cell)
    check_training(nb, SCALED_X, SCALED_Y)
    nb(
        "hoursSleep = [10*i/99 for i in range(100)]\nhoursStudy = [5*i/99 for i in range(100)]\n"
        "allInputs = [[s/10., t/5.] for t in hoursStudy for s in hoursSleep]"
    )
    outputs = nb("allOutputs = NN.forward(allInputs)\nallOutputs")
    check_grid(nb, outputs, nb["allInputs"])
    surface = nb("(100*allOutputs).reshape(100, 100)")
    assert surface.shape == (100, 100) and surface[17, 83] == 100 * outputs[17 * 100 + 83, 0]


# -- Part 7: overfitting, testing and regularization ----------------------------------------------------

PART7_NUMPY_DATA = [
    "X = np.array(([3,5], [5,1], [10,2], [6,1.5]), dtype=float)\n"
    "y = np.array(([75], [82], [93], [70]), dtype=float)",
    "X = X/np.amax(X, axis=0)\ny = y/100",
]
PART7_NUMPY_SPLIT = (
    "trainX = np.array(([3,5], [5,1], [10,2], [6,1.5]), dtype=float)\n"
    "trainY = np.array(([75], [82], [93], [70]), dtype=float)\n"
    "testX = np.array(([4, 5.5], [4.5,1], [9,2.5], [6, 2]), dtype=float)\n"
    "testY = np.array(([70], [89], [85], [75]), dtype=float)\n"
    "testX = testX/np.amax(trainX, axis=0)\ntestY = testY/100\n"  # with the training maxima
    "trainX = trainX/np.amax(trainX, axis=0)\ntrainY = trainY/100"
)
PART7_LIST_DATA = [
    "X = [[3,5], [5,1], [10,2], [6,1.5]]\ny = [[75], [82], [93], [70]]",
    LIST_SCALING,
]
PART7_LIST_SPLIT = (
    "trainX = [[3,5], [5,1], [10,2], [6,1.5]]\ntrainY = [[75], [82], [93], [70]]\n"
    "testX = [[4, 5.5], [4.5,1], [9,2.5], [6, 2]]\ntestY = [[70], [89], [85], [75]]\n"
    "maxima = [max(column) for column in zip(*trainX)]\n"
    "trainX = [[x/m for x, m in zip(row, maxima)] for row in trainX]\n"
    "testX = [[x/m for x, m in zip(row, maxima)] for row in testX]\n"
    "trainY = [[s/100 for s in row] for row in trainY]\ntestY = [[s/100 for s in row] for row in testY]"
)
TRAIN7_X = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4], [0.6, 0.3]]
TRAIN7_Y = [[0.75], [0.82], [0.93], [0.70]]
TEST7_X = [[0.4, 1.1], [0.45, 0.2], [0.9, 0.5], [0.6, 0.4]]
TEST7_Y = [[0.70], [0.89], [0.85], [0.75]]
PART7_TRAIN = [
    "NN = Neural_Network()\nT = trainer(NN)\nT.train(X,y)",
    "NN = Neural_Network()\n\nT = trainer(NN)\nT.train(trainX, trainY, testX, testY)",
]
PART7_REGULARIZED = [
    "NN = Neural_Network(Lambda=0.0001)",
    "numgrad = computeNumericalGradient(NN, X, y)\ngrad = NN.computeGradients(X,y)",
    "norm(grad-numgrad)/norm(grad+numgrad)",
    "T = trainer(NN)\nT.train(trainX, trainY, testX, testY)",
]


def run_part7(nb: Notebook, data: list, split: str, check_data: Any) -> None:
    nb(data[0])
    before = {"X": nb["X"], "y": nb["y"]}
    nb(data[1])
    scaled = {"X": nb["X"], "y": nb["y"]}
    nb(CLASSES)  # the class cell comes after the data cells: it must leave them alone
    assert nb["X"] is scaled["X"] and nb["y"] is scaled["y"] and before["X"] is not scaled["X"]
    assert len(nb["X"]) == 4 and len(nb["y"]) == 4  # still the notebook's 4 examples, not the series' 3
    check_data()
    nb(PART7_TRAIN[0])
    overfit = nb["T"]
    assert overfit.J[-1] < 1e-8 and all(b < a for a, b in zip(overfit.J, overfit.J[1:]))
    nb(split)
    nb(CLASSES)  # once more, after the split: trainX ... stay the notebook's
    for name, expected in (
        ("trainX", TRAIN7_X),
        ("trainY", TRAIN7_Y),
        ("testX", TEST7_X),
        ("testY", TEST7_Y),
    ):
        assert_close(nb[name], expected)
    nb(PART7_TRAIN[1])
    unregularized = nb["T"]
    W1, W2 = weights(nb["NN"])
    assert len(unregularized.testJ) == len(unregularized.J)
    assert math.isclose(unregularized.testJ[-1], ref_cost(TEST7_X, TEST7_Y, W1, W2), rel_tol=1e-9)
    out = [nb(cell) for cell in PART7_REGULARIZED]
    assert nb["NN"].Lambda == 0.0001 and nb["grad"].shape == (9,)
    assert 0 < out[2] < 1e-8  # the notebook: "Should be less than 1e-8"
    regularized = nb["T"]
    W1, W2 = weights(nb["NN"])
    m = len(TRAIN7_X)
    assert math.isclose(regularized.J[-1], ref_cost(TRAIN7_X, TRAIN7_Y, W1, W2, 0.0001), rel_tol=1e-9)
    assert math.isclose(regularized.testJ[-1], ref_cost(TEST7_X, TEST7_Y, W1, W2, 0.0001), rel_tol=1e-9)
    assert m == 4 and len(regularized.testJ) == len(regularized.J)
    assert regularized.J[-1] < regularized.J[0]
    # regularization generalizes better: the plain test error (λ = 0) is smaller than overfitting's
    W1u, W2u = weights(unregularized.N)
    assert ref_cost(TEST7_X, TEST7_Y, W1, W2) < ref_cost(TEST7_X, TEST7_Y, W1u, W2u)


@needs_numpy
def test_part7_overfitting_testing_and_regularization(backend, pylab, seeded) -> None:
    nb = numpy_notebook(backend, plots=True)

    def check_data() -> None:
        assert nb("type(X).__name__, X.shape, y.shape") == ("ndarray", (4, 2), (4, 1))
        nb("fig = figure(0,(8,3))\nsubplot(1,2,1)\nscatter(X[:,0], y)\nsubplot(1,2,2)\nscatter(X[:,1], y)")
        assert pylab.gcf().axes[1].collections[0].get_offsets()[:, 0].tolist() == [1.0, 0.2, 0.4, 0.3]

    run_part7(nb, PART7_NUMPY_DATA, PART7_NUMPY_SPLIT, check_data)
    nb("figure()\nplot(T.J)\nplot(T.testJ)\ngrid(1)\nxlabel('Iterations')\nylabel('Cost')")
    J, testJ = (line.get_ydata().tolist() for line in pylab.gca().lines)
    assert J == nb["T"].J and testJ == nb["T"].testJ
    nb(GRID)
    outputs = nb("allOutputs = NN.forward(allInputs)\nallOutputs")
    points = [[s / 10, t / 5] for t in nb("hoursStudy").tolist() for s in nb("hoursSleep").tolist()]
    check_grid(nb, outputs, points)
    nb(CONTOUR)
    assert len(nb["CS"].levels) > 2


def test_part7_overfitting_testing_and_regularization_with_lists(seeded) -> None:
    nb = lists_notebook()

    def check_data() -> None:
        assert nb["X"] == TRAIN7_X[:3] + [[0.6, 0.3]] and nb["y"] == TRAIN7_Y

    run_part7(nb, PART7_LIST_DATA, PART7_LIST_SPLIT, check_data)
