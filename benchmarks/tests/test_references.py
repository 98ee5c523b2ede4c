"""The lab's references compute nnd's gradients: the hand-tuned, the unrolled, the series' NumPy."""

from __future__ import annotations

import importlib.util
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnd
from benchmarks.reference_python import gradients as hand_tuned_gradients
from benchmarks.reference_python import gradients_unrolled

HAVE_NUMPY = importlib.util.find_spec("numpy") is not None
values = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False, allow_infinity=False)
targets = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)


def matrices(rows: int, cols: int, elements: st.SearchStrategy[float] = values) -> st.SearchStrategy:
    return st.lists(st.lists(elements, min_size=cols, max_size=cols), min_size=rows, max_size=rows)


@st.composite
def problems(draw: st.DrawFn, max_rows: int, max_inputs: int, max_hidden: int, max_outputs: int) -> dict:
    """A 2-layer network's sizes and weights, and data (X, y), all drawn within the bounds."""
    m, n_in = draw(st.integers(1, max_rows)), draw(st.integers(1, max_inputs))
    hidden, n_out = draw(st.integers(1, max_hidden)), draw(st.integers(1, max_outputs))
    return {
        "sizes": (n_in, hidden, n_out),
        "weights": [draw(matrices(n_in, hidden)), draw(matrices(hidden, n_out))],
        "X": draw(matrices(m, n_in)),
        "y": draw(matrices(m, n_out, targets)),
    }


def nnd_gradients(problem: dict) -> list[list[list[float]]]:
    net = nnd.Network(problem["sizes"], backend="python")
    net.W1, net.W2 = problem["weights"]
    return [g.tolist() for g in net.gradients(problem["X"], problem["y"])]


def assert_close(got: object, expected: list[list[list[float]]]) -> None:
    rows = [[list(map(float, row)) for row in (g.tolist() if hasattr(g, "tolist") else g)] for g in got]
    assert [[len(r) for r in g] for g in rows] == [[len(r) for r in g] for g in expected]
    for g, e in zip(rows, expected, strict=True):
        for r, s in zip(g, e, strict=True):
            for u, v in zip(r, s, strict=True):
                assert math.isclose(u, v, rel_tol=1e-9, abs_tol=1e-12), (u, v)


@pytest.mark.parametrize("reference", [hand_tuned_gradients, gradients_unrolled])
@settings(deadline=None)
@given(problem=problems(max_rows=20, max_inputs=4, max_hidden=18, max_outputs=3))
def test_pure_python_references_compute_nnds_gradients(reference, problem: dict) -> None:
    # rows and hidden units up to 20 and 18: dot products on both sides of the kernels' unrolling limit
    got = reference(problem["X"], problem["y"], *problem["weights"])
    assert_close(got, nnd_gradients(problem))


@pytest.mark.skipif(not HAVE_NUMPY, reason="NumPy is not installed (core-only run)")
@settings(deadline=None)
@given(problems(max_rows=8, max_inputs=4, max_hidden=6, max_outputs=3))
def test_series_numpy_reference_computes_nnds_gradients(problem: dict) -> None:
    import numpy as np

    from benchmarks.reference_numpy import SeriesNetwork

    NN = SeriesNetwork(*(np.array(W) for W in problem["weights"]))
    X, y = np.array(problem["X"]), np.array(problem["y"])
    assert_close(NN.costFunctionPrime(X, y), nnd_gradients(problem))
    net = nnd.Network(problem["sizes"], backend="python")
    net.W1, net.W2 = problem["weights"]
    assert math.isclose(
        NN.costFunction(X, y), net.cost(problem["X"], problem["y"]), rel_tol=1e-9, abs_tol=1e-12
    )


def test_hand_tuned_reference_by_hand() -> None:
    """One example worked by hand: one student, one hidden unit, weights 0 -> every f is 1/2."""
    dJdW1, dJdW2 = hand_tuned_gradients([[0.3, 1.0]], [[0.75]], [[0.0], [0.0]], [[0.0]])
    # yHat = 1/2, delta3 = (1/2 - 3/4)·(1/4) = -1/16, dJdW2 = a2·delta3 = -1/32, delta2 = 0 (W2 = 0)
    assert dJdW2 == [[-1 / 32]]
    assert dJdW1 == [[0.0], [0.0]]


def test_the_plain_sgd_reference_ends_where_nnd_sgd_does() -> None:
    """Same batches, same update, same gradient: the two implementations agree to rounding."""
    import nnd
    from benchmarks import reference_sgd
    from nnd.training.sgd import minimize_sgd

    X, Y, _, _ = nnd.data.digits()
    X, Y = X[:45], Y[:45]  # batches of 10, the last one of 5
    net = nnd.Network((64, 5, 10), seed=3, bias=True)
    W = [w.tolist() for w in net.weights]
    b = [row.tolist()[0] for row in net.biases]
    W_plain, b_plain = reference_sgd.train(X, Y, W, b, epochs=2, batch_size=10, learning_rate=3.0, seed=1)
    out = minimize_sgd(
        net.backend, X, Y, list(net.weights), list(net.biases), None,
        epochs=2, batch_size=10, learning_rate=3.0, seed=1,
    )  # fmt: skip
    plain = [v for M in W_plain for row in M for v in row] + [v for row in b_plain for v in row]
    ours = net.flatten([*out.weights, *out.biases])
    assert len(plain) == len(ours) == 64 * 5 + 5 * 10 + 15
    assert max(abs(u - v) for u, v in zip(plain, ours)) < 1e-12
    assert max(abs(u - v) for u, v in zip(plain, net.get_params().tolist())) > 1e-3  # it did train
