"""The seed notebook's Part 4 cells, typed as they are, with the class definition replaced by one import."""

from __future__ import annotations

import math

import pytest

import nnd

# Cells In [8] to In [16] of Part 4, verbatim (print() calls captured by the test).
PART4_CELLS = """
NN = Neural_Network()
cost1 = NN.costFunction(X,y)
dJdW1, dJdW2 = NN.costFunctionPrime(X,y)
dJdW1
dJdW2
scalar = 3
NN.W1 = NN.W1 + scalar*dJdW1
NN.W2 = NN.W2 + scalar*dJdW2
cost2 = NN.costFunction(X,y)
print(cost1, cost2)
dJdW1, dJdW2 = NN.costFunctionPrime(X,y)
NN.W1 = NN.W1 - scalar*dJdW1
NN.W2 = NN.W2 - scalar*dJdW2
cost3 = NN.costFunction(X, y)
print(cost2, cost3)
"""


def run_cells(backend_name: str) -> dict:
    namespace: dict = {}
    printed: list[tuple] = []
    namespace["print"] = lambda *args: printed.append(args)
    with nnd.use_backend(backend_name):
        exec("from nnd.video import *", namespace)  # the class cell
        exec("from nnd.video_data import *", namespace)  # the data of partFour.py
        exec(PART4_CELLS, namespace)
    namespace["printed"] = printed
    return namespace


def test_part4_cells_run_unchanged_and_show_the_gradient_points_uphill(backend) -> None:
    ns = run_cells(backend.name)
    NN = ns["NN"]
    assert NN.backend.name == backend.name
    assert (NN.inputLayerSize, NN.hiddenLayerSize, NN.outputLayerSize) == (2, 3, 1)
    cost1, cost2, cost3 = ns["cost1"], ns["cost2"], ns["cost3"]
    assert all(isinstance(c, float) and math.isfinite(c) for c in (cost1, cost2, cost3))
    assert cost2 > cost1 and cost3 < cost2
    assert ns["printed"] == [(cost1, cost2), (cost2, cost3)]
    assert backend.shape(ns["dJdW1"]) == (2, 3) and backend.shape(ns["dJdW2"]) == (3, 1)


def test_video_data_is_the_series_scaled_data(backend) -> None:
    with nnd.use_backend(backend.name):
        from nnd.video_data import X, y
    assert backend.is_array(X) and backend.is_array(y)
    assert backend.tolist(X) == [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
    assert backend.tolist(y) == [[0.75], [0.82], [0.93]]


def test_the_class_import_gives_no_data() -> None:
    namespace: dict = {}
    exec("from nnd.video import *", namespace)
    assert sorted(k for k in namespace if not k.startswith("__")) == [
        "Neural_Network", "computeNumericalGradient", "norm", "trainer"
    ]  # fmt: skip
    with pytest.raises(ImportError, match="cannot import name 'X'"):
        exec("from nnd.video import X", namespace)
    import nnd.video

    with pytest.raises(AttributeError, match=r"from nnd\.video_data import y"):
        nnd.video.y  # noqa: B018


def test_video_names_match_the_core_api() -> None:
    X, y = nnd.data.sleep_study()
    NN = nnd.Neural_Network(seed=4)
    net = nnd.Network((2, 3, 1), seed=4)
    assert NN.costFunction(X, y) == net.cost(X, y)
    assert [g.tolist() for g in NN.costFunctionPrime(X, y)] == [g.tolist() for g in net.gradients(X, y)]
    assert NN.getParams().tolist() == net.get_params().tolist()
    assert NN.computeGradients(X, y).tolist() == net.compute_gradients(X, y).tolist()
    assert NN.Lambda is None and nnd.Neural_Network(Lambda=0).lam == 0.0


def test_forward_keeps_the_videos_intermediate_values(backend) -> None:
    NN = nnd.Neural_Network(seed=2, backend=backend)
    yHat = NN.forward([[0.3, 1.0]])
    assert NN.yHat is yHat
    assert backend.tolist(NN.a2) == backend.tolist(NN.sigmoid(NN.z2))
    assert backend.tolist(NN.z3) == backend.tolist(backend.matmul(NN.a2, NN.W2))


def test_params_round_trip_and_layout(backend) -> None:
    net = nnd.Network((2, 3, 2), seed=9, backend=backend)
    params = net.get_params()
    W1, W2 = backend.tolist(net.W1), backend.tolist(net.W2)
    assert backend.tolist(params) == [x for row in W1 for x in row] + [x for row in W2 for x in row]
    other = nnd.Network((2, 3, 2), seed=10, backend=backend)
    other.set_params(params)
    assert [backend.tolist(W) for W in other.weights] == [W1, W2]


def test_a_network_can_be_copied_and_the_copy_is_independent(backend) -> None:
    import copy

    net = nnd.Network(seed=1, backend=backend)
    twin = copy.deepcopy(net)
    twin.W1 = twin.W1 * 2
    assert backend.tolist(twin.W1) == [[2 * x for x in row] for row in backend.tolist(net.W1)]
