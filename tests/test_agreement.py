"""Law: every backend computes the same forward pass, cost and gradients as the python backend."""

from __future__ import annotations

import pytest
from helpers import assert_close, network
from hypothesis import given
from strategies import problems

import nnd

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.parametrize("lam", [None, 1e-3])
@given(problem=problems(biases=None))
def test_backends_agree_on_forward_cost_and_gradients(backend: nnd.Backend, problem: dict, lam) -> None:
    reference = network(problem, "python", lam)
    other = network(problem, backend, lam)
    X, y = problem["X"], problem["y"]
    assert_close(other.forward(X), reference.forward(X))
    assert_close(other.cost(X, y), reference.cost(X, y))
    for mine, theirs in zip(other.gradients(X, y), reference.gradients(X, y), strict=True):
        assert_close(mine, theirs)


def test_same_seed_gives_bit_identical_weights_on_every_backend(backend: nnd.Backend) -> None:
    a = nnd.Network((4, 5, 2), seed=123, backend=backend)
    b = nnd.Network((4, 5, 2), seed=123, backend="python")
    assert [backend.tolist(W) for W in a.weights] == [W.tolist() for W in b.weights]
    c = nnd.Network((4, 5, 2), seed=123, backend=backend, bias=True)
    assert [backend.tolist(W) for W in c.weights] == [W.tolist() for W in b.weights]  # biases come after
    d = nnd.Network((4, 5, 2), seed=123, backend="python", bias=True)
    assert [backend.tolist(v) for v in c.biases] == [v.tolist() for v in d.biases]


def test_different_seeds_give_different_weights() -> None:
    assert nnd.Network(seed=1).W1.tolist() != nnd.Network(seed=2).W1.tolist()
