"""Networks with biases (``nnd.Network(sizes, bias=True)``): gradients, parameters, attributes, files.

Expected values come from tests/series_reference.py (the formulas with a bias row added to
every layer after the input) and from the file format written out by hand.
"""

from __future__ import annotations

import json
import math

import pytest
from helpers import assert_close, flat, network
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from series_reference import reference
from strategies import matrices, problems, values

import nnd
from nnd.network import loads
from nnd.util.errors import NNDError

with_biases = problems(
    max_rows=5, max_inputs=3, max_hidden=4, max_outputs=2, hidden_layers=(1, 2), biases=True
)
lams = st.sampled_from([None, 0.0, 0.1])
tiny_with_biases = problems(
    max_rows=4, max_inputs=2, max_hidden=3, max_outputs=2, hidden_layers=(1, 2), biases=True
)  # every parameter costs two passes of the numerical gradient, on every backend
X, Y = nnd.data.sleep_study()


def reference_gradients(problem: dict, lam: float | None) -> list[float]:
    """dJdW1, dJdW2, ... row-major, then dJdb2, dJdb3, ..., from the series' formulas."""
    r = reference(problem["weights"], problem["X"], problem["y"], lam, problem["biases"])
    return [v for l in sorted(r["dJdW"]) for v in flat(r["dJdW"][l])] + [
        v for l in sorted(r["dJdb"]) for v in flat(r["dJdb"][l])
    ]


# -- gradients ----------------------------------------------------------------------------------------
@settings(max_examples=15)
@given(problem=tiny_with_biases, lam=lams)
def test_the_gradient_check_passes_with_biases_on_every_backend(backend, problem, lam) -> None:
    net = network(problem, backend, lam)
    J = net.cost(problem["X"], problem["y"])
    analytic = flat(net.compute_gradients(problem["X"], problem["y"]))
    # the ratio measures rounding, not the gradient, where a saturated network's gradient vanishes
    assume(math.hypot(*analytic) >= 1e-3 * (1.0 + J))
    assert nnd.gradient_check(net, problem["X"], problem["y"]) <= 1e-7
    numeric = flat(nnd.numerical_gradient(net, problem["X"], problem["y"]))
    assert len(numeric) == len(analytic) == net.n_params
    assert all(abs(a - n) <= 1e-6 * max(1.0, abs(a)) for a, n in zip(analytic, numeric))


@given(problem=with_biases, lam=lams)
def test_the_gradients_are_the_series_formulas_weights_first_then_biases(problem, lam) -> None:
    net = network(problem, "python", lam)
    grads = net.gradients(problem["X"], problem["y"])
    sizes = problem["sizes"]
    L = len(sizes)
    assert len(grads) == 2 * (L - 1)
    assert [g.shape for g in grads] == [(a, b) for a, b in zip(sizes, sizes[1:])] + [
        (1, n) for n in sizes[1:]
    ]
    expected = reference_gradients(problem, lam)
    assert_close(net.flatten(grads), expected, rel=1e-9, abs_=1e-13)
    assert_close(net.compute_gradients(problem["X"], problem["y"]), expected, rel=1e-9, abs_=1e-13)


def test_a_bias_moves_the_output_as_an_input_of_one_would() -> None:
    """A 1-1 network: yHat = f(x·w + b) by hand, and dJ/db = dJ/dw at x = 1."""
    net = nnd.Network((1, 1), seed=0, bias=True)
    net.W1, net.b2 = [[0.5]], [[-0.25]]
    (yhat,) = flat(net.forward([[2.0]]))
    assert yhat == 1.0 / (1.0 + math.exp(-(2.0 * 0.5 - 0.25)))
    dJdW1, dJdb2 = net.gradients([[1.0]], [[0.9]])
    assert flat(dJdW1) == flat(dJdb2)


# -- parameters: order, flattening, counting ----------------------------------------------------------
@given(problem=with_biases)
def test_get_params_lists_the_weights_row_by_row_then_the_biases(problem) -> None:
    net = network(problem, "python")
    expected = [v for W in problem["weights"] for row in W for v in row] + [
        v for b in problem["biases"] for v in b
    ]
    assert flat(net.get_params()) == expected
    assert net.flatten([*net.weights, *net.biases]) == expected
    sizes = problem["sizes"]
    assert net.n_params == len(expected) == sum(a * b for a, b in zip(sizes, sizes[1:])) + sum(sizes[1:])


@given(problem=with_biases, data=st.data())
def test_set_params_puts_each_number_where_get_params_read_it(problem, data) -> None:
    net = network(problem, "python")
    params = data.draw(st.lists(values, min_size=net.n_params, max_size=net.n_params))
    net.set_params(params)
    assert flat(net.get_params()) == params
    sizes, at = problem["sizes"], 0
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
        assert flat(getattr(net, f"W{i}")) == params[at : at + n_in * n_out]
        at += n_in * n_out
    for l, n in enumerate(sizes[1:], start=2):
        assert flat(getattr(net, f"b{l}")) == params[at : at + n]
        at += n
    weights, biases = net.unflatten(params)
    assert [flat(w) for w in weights] == [flat(w) for w in net.weights]
    assert [flat(b) for b in biases] == [flat(b) for b in net.biases]


def test_set_params_refuses_the_count_without_biases_and_changes_nothing(backend) -> None:
    net = nnd.Network((2, 3, 1), seed=0, bias=True, backend=backend)
    before = flat(net.get_params())
    with pytest.raises(NNDError, match="params"):
        net.set_params([0.5] * 9)  # the weights alone: 4 numbers short
    assert flat(net.get_params()) == before


# -- the attributes -----------------------------------------------------------------------------------
def test_a_network_with_biases_has_rows_b2_to_b_last(backend) -> None:
    net = nnd.Network((4, 5, 3, 2), seed=1, bias=True, backend=backend)
    assert net.bias is True and "bias=True" in repr(net)
    assert [backend.shape(getattr(net, f"b{l}")) for l in (2, 3, 4)] == [(1, 5), (1, 3), (1, 2)]
    assert [backend.shape(b) for b in net.biases] == [(1, 5), (1, 3), (1, 2)]
    with pytest.raises(AttributeError, match="b2 to b4"):
        net.b5  # noqa: B018
    with pytest.raises(AttributeError, match="b1"):
        net.b1  # noqa: B018 - the input layer has no bias
    net.b3 = [[1.0, 2.0, 3.0]]
    assert flat(net.b3) == [1.0, 2.0, 3.0] and flat(net.biases[1]) == [1.0, 2.0, 3.0]
    with pytest.raises(NNDError, match="b3"):
        net.b3 = [[1.0, 2.0]]
    assert flat(net.b3) == [1.0, 2.0, 3.0]


def test_the_biases_are_drawn_after_the_weights_of_the_same_seed() -> None:
    import random

    rng = random.Random(11)
    draws = [rng.gauss(0.0, 1.0) for _ in range(2 * 3 + 3 * 1 + 3 + 1)]
    net = nnd.Network((2, 3, 1), seed=11, bias=True)
    assert flat(net.get_params()) == draws
    assert flat(nnd.Network((2, 3, 1), seed=11).get_params()) == draws[:9]


def test_a_network_without_biases_has_none(backend) -> None:
    net = nnd.Network((2, 3, 1), seed=0, backend=backend)
    assert net.bias is False and net.biases == [] and net.n_params == 9 and "bias" not in repr(net)
    for name in ("b2", "b3"):
        with pytest.raises(AttributeError, match=r"no biases \(Network\(..., bias=True\) has them\)"):
            getattr(net, name)
        with pytest.raises(AttributeError, match=f"cannot set {name}"):
            setattr(net, name, [[0.0]])
    assert len(net.gradients(X, Y)) == 2
    with pytest.raises(AttributeError, match="fixed"):
        net.bias = True
    assert net.bias is False and net.n_params == 9


# -- files -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lam", [None, 1e-4])
def test_a_network_with_biases_saves_as_version_2_and_loads_back_bit_for_bit(backend, tmp_path, lam) -> None:
    net = nnd.Network((3, 4, 2), seed=5, bias=True, backend=backend, lam=lam)
    net.b2 = [[0.1, -1e-300, 2.5e17, -0.0]]  # numbers a decimal round trip could lose
    path = tmp_path / "net.json"
    net.save(path)
    data = json.loads(path.read_text())
    assert data["version"] == 2 and data["lam"] == lam
    assert data["biases"] == [flat(net.b2), flat(net.b3)]
    assert data["weights"] == [backend.tolist(W) for W in net.weights]
    for target in (backend, "python"):
        same = nnd.load(path, backend=target)
        assert same.bias and same.layer_sizes == (3, 4, 2) and same.lam == lam
        assert flat(same.get_params()) == flat(net.get_params())
        assert math.copysign(1.0, flat(same.b2)[3]) == -1.0  # -0.0 stays -0.0
    assert loads(net.to_json(), backend=backend).n_params == net.n_params
    assert path.read_text() == net.to_json()


def test_a_network_without_biases_stays_version_1_without_a_biases_field(backend, tmp_path) -> None:
    net = nnd.Network((2, 3, 1), seed=0, backend=backend)
    path = tmp_path / "net.json"
    net.save(path)
    data = json.loads(path.read_text())
    assert data["version"] == 1 and "biases" not in data
    same = nnd.load(path, backend=backend)
    assert same.bias is False and flat(same.get_params()) == flat(net.get_params())


@given(problem=with_biases, lam=st.sampled_from([None, 0.0, 0.5]))
def test_any_network_with_biases_survives_a_round_trip_through_text(problem, lam) -> None:
    net = network(problem, "python", lam)
    same = loads(net.to_json())
    assert same.bias and same.lam == lam and same.layer_sizes == problem["sizes"]
    assert flat(same.get_params()) == flat(net.get_params())
    assert same.cost(problem["X"], problem["y"]) == net.cost(problem["X"], problem["y"])


def hand_written(version: int, biases: object = None, with_biases: bool = True) -> str:
    data = {"format": "nnd.Network", "version": version, "layer_sizes": [1, 2], "lam": None,
            "weights": [[[0.5, -0.25]]]}  # fmt: skip
    if with_biases:
        data["biases"] = biases
    return json.dumps(data)


def test_a_hand_written_version_2_file_gives_its_biases() -> None:
    net = loads(hand_written(2, [[1.5, -2]]))
    assert net.bias and flat(net.b2) == [1.5, -2.0] and flat(net.W1) == [0.5, -0.25]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (hand_written(1, [[1.5, -2.0]]), "unknown field"),  # version 1 has no biases
        (hand_written(2, with_biases=False), "missing field"),
        (hand_written(2, [[1.5]]), "b2: expected 2 numbers"),
        (hand_written(2, [[1.5, "x"]]), r"b2\[1\]: expected a finite number"),
        (hand_written(2, [[1.5, -2.0], [0.0]]), "biases: expected 1 lists"),
        (hand_written(2, None), "biases"),
        (hand_written(2, [[1e31, 0.0]]), "1e"),  # beyond what a network holds
    ],
)
def test_a_file_with_wrong_biases_is_refused_naming_them(text, words) -> None:
    with pytest.raises(NNDError, match=words):
        loads(text)


def test_dumps_refuses_biases_of_the_wrong_shape_and_writes_nothing(tmp_path) -> None:
    from nnd import io

    path = tmp_path / "net.json"
    with pytest.raises(NNDError, match="b2"):
        io.save(path, (1, 2), None, [[[0.5, -0.25]]], [[1.0]])
    assert not path.exists()


@given(problem=with_biases, bias=matrices(1, 1))
def test_biases_change_the_output(problem, bias) -> None:
    """The same weights with other biases give the reference's other outputs."""
    net = network(problem, "python")
    last = len(problem["sizes"])
    moved = [list(b) for b in problem["biases"]]
    moved[-1] = [v + 1.0 + abs(bias[0][0]) for v in moved[-1]]
    setattr(net, f"b{last}", [moved[-1]])
    expected = reference(problem["weights"], problem["X"], problem["y"], None, moved)["a"][last]
    assert_close(net.forward(problem["X"]), expected, rel=1e-12, abs_=1e-15)
