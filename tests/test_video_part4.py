"""The seed notebook's Part 4 cells, typed as they are, with the class definition replaced by one import."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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


# -- refusals and the sigmoid of any finite real ------------------------------------------------------


def test_compute_numerical_gradient_names_n_when_it_is_not_a_network() -> None:
    from nnd.video import computeNumericalGradient

    X, y = nnd.data.sleep_study()
    with pytest.raises(TypeError, match=r"^N: expected an nnd\.Network, got str") as caught:
        computeNumericalGradient("net", X, y)
    assert isinstance(caught.value, nnd.NNDError) and isinstance(caught.value, ValueError)


@given(z=st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
@example(z=10**400)
@example(z=-(10**400))
@example(z=2**1024 - 2**970)  # the smallest int that float() refuses
def test_the_videos_sigmoid_of_any_finite_real_is_the_same_alone_or_in_a_list(z) -> None:
    NN = nnd.Neural_Network(seed=0)
    alone = NN.sigmoid(z)
    assert 0.0 <= alone <= 1.0
    assert NN.sigmoid([z]).tolist() == [alone]
    assert NN.sigmoid([[z, z]]).tolist() == [[alone, alone]]
    assert NN.sigmoidPrime([z]).tolist() == [NN.sigmoidPrime(z)]


@pytest.mark.parametrize("z", [math.nan, math.inf, -math.inf, [math.nan], [[0.5, math.inf]]])
def test_the_videos_sigmoid_refuses_nan_and_infinity_with_an_nnd_error(z) -> None:
    NN = nnd.Neural_Network(seed=0)
    for f in (NN.sigmoid, NN.sigmoidPrime):
        with pytest.raises(ValueError, match="z: expected a finite number") as caught:
            f(z)
        assert isinstance(caught.value, nnd.NNDError)


def _native_zeros(backend, shape: tuple[int, ...]):
    """A float64 array of ``backend``'s own type of any shape, or None where there is none (ListArray)."""
    if backend.name == "numpy":
        import numpy

        return numpy.zeros(shape)
    if backend.name == "torch":
        import torch

        return torch.zeros(shape, dtype=torch.float64)
    if backend.name == "array_api_strict":
        import array_api_strict

        return array_api_strict.zeros(shape, dtype=array_api_strict.float64)
    return None


@pytest.mark.parametrize("shape", [(), (0, 2), (1, 1, 2)])
def test_the_videos_sigmoid_refuses_arrays_of_its_backend_that_are_0_d_empty_or_3_d(backend, shape) -> None:
    z = _native_zeros(backend, shape)
    if z is None:
        z = [] if shape == (0, 2) else [[[0.0]]]  # a ListArray cannot have these shapes: lists instead
    NN = nnd.Neural_Network(seed=0, backend=backend)
    for f in (NN.sigmoid, NN.sigmoidPrime):
        with pytest.raises(ValueError, match="^z: ") as caught:
            f(z)
        assert isinstance(caught.value, nnd.NNDError)
