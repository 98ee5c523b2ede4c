"""What a network and its arrays show in a terminal and in Jupyter.

``repr(net)`` names the layer sizes, the backend and λ; a ListArray's repr is short
and summarised for large arrays, as NumPy's is; ``net._repr_html_()`` is the network's
picture and the video's variables table, with each value once a pass has made it.
"""

from __future__ import annotations

import math
import re

import pytest
from conftest import needs_numpy

import nnd
from nnd.arrays.python.listarray import ListArray

X = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
Y = [[0.75], [0.82], [0.93]]
NUMBER = re.compile(r"-?\d+\.?\d*(?:e[+-]\d+)?")


@pytest.fixture(params=["python", pytest.param("numpy", marks=needs_numpy)], scope="module")
def backend(request: pytest.FixtureRequest) -> nnd.Backend:
    """The python and the numpy backend, the two the series' notebooks are promised to run on
    (arrays that change in place, NumPy interplay); other backends have their own tests."""
    return nnd.get_backend(request.param)


def test_repr_of_a_network_names_sizes_backend_and_lambda(backend) -> None:
    name = backend.name
    assert repr(nnd.Network(seed=0, backend=backend)) == f"Network((2, 3, 1), backend='{name}', lam=None)"
    deep = nnd.Network((4, 5, 3, 2), seed=0, backend=backend, lam=0)
    assert repr(deep) == f"Network((4, 5, 3, 2), backend='{name}', lam=0.0)"
    NN = nnd.Neural_Network(Lambda=0.0001, backend=backend)
    assert repr(NN) == f"Neural_Network((2, 3, 1), backend='{name}', lam=0.0001)"
    NN.Lambda = None
    assert repr(NN).endswith("lam=None)")


def test_a_large_list_array_has_a_short_summarised_repr() -> None:
    a = ListArray([[1 + i / 1000 + j / 8 for j in range(8)] for i in range(1000)])
    text = repr(a)
    lines = text.split("\n")
    assert len(text) < 2000  # not 167 KB
    assert len(lines) == 7 and lines[3].strip() == "...,"  # three rows, "...", three rows
    assert lines[0].startswith("ListArray([[") and text.endswith("]])")
    assert all("..." in line for line in lines)  # and three columns, "...", three columns per row
    first = [float(x) for x in NUMBER.findall(lines[0])]
    last = [float(x) for x in NUMBER.findall(lines[-1])]
    assert first == [1.0, 1.125, 1.25, 1.625, 1.75, 1.875]
    expected = [1.999 + j / 8 for j in (0, 1, 2, 5, 6, 7)]
    assert all(math.isclose(x, e, rel_tol=1e-8) for x, e in zip(last, expected, strict=True))
    assert len(str(a)) < 2000 and str(a).count("\n") == 6
    small = ListArray([float(i) for i in range(1000)])  # 1000 elements: in full, as NumPy
    assert "..." not in repr(small) and len(NUMBER.findall(repr(small))) == 1000


def row(html: str, name: str) -> tuple[str, str]:
    """The (dimensions, values) cells of the table row for ``name``."""
    match = re.search(
        rf"<tr><td><code>{name}</code></td><td>[^<]*</td><td>([^<]*)</td><td>(.*?)</td></tr>", html, re.S
    )
    assert match, f"no row for {name}"
    return match.group(1), match.group(2)


def shown_values(cell: str) -> list[float]:
    match = re.fullmatch(r"<pre>(.*)</pre>", cell, re.S)
    assert match, cell
    return [float(x) for x in NUMBER.findall(match.group(1))]


def assert_shown(html: str, name: str, values: list[list[float]]) -> None:
    dims, cell = row(html, name)
    assert dims == str((len(values), len(values[0])))
    shown = shown_values(cell)
    expected = [x for r in values for x in r]
    assert len(shown) == len(expected)
    assert all(math.isclose(s, e, rel_tol=1e-7, abs_tol=1e-8) for s, e in zip(shown, expected))  # 8 digits


NAMES = ("W1", "W2", "z2", "a2", "z3", "yHat", "delta3", "delta2")


def test_the_html_view_is_the_picture_and_the_variables_table(backend) -> None:
    B = backend
    net = nnd.Neural_Network(seed=3, backend=B)
    html = net._repr_html_()
    assert "<svg" in html and "</svg>" in html and "<table>" in html
    assert "Neural_Network((2, 3, 1), backend=&#x27;" in html  # the repr, escaped
    for name in NAMES:
        row(html, name)
    assert [m for m in re.findall(r"<tr><td><code>(\w+)</code>", html)] == list(NAMES)  # pass order
    assert_shown(html, "W1", B.tolist(net.W1))
    assert_shown(html, "W2", B.tolist(net.W2))
    assert row(html, "z2") == ("(m, 3)", "<em>after net.forward(X)</em>")
    assert row(html, "delta2") == ("(m, 3)", "<em>after net.gradients(X, y)</em>")
    yHat = net.forward(X)
    html = net._repr_html_()
    a2 = [
        [1 / (1 + math.exp(-sum(x * w for x, w in zip(r, col)))) for col in zip(*B.tolist(net.W1))] for r in X
    ]
    assert_shown(html, "a2", a2)  # computed here by hand from X and W1
    assert_shown(html, "yHat", B.tolist(yHat))
    assert row(html, "delta3")[1] == "<em>after net.gradients(X, y)</em>"
    net.gradients(X, Y)
    html = net._repr_html_()
    for name in NAMES:
        assert_shown(html, name, B.tolist(getattr(net, name)))
    delta3 = [[(p - t) * p * (1 - p) for p, t in zip(r, s)] for r, s in zip(B.tolist(net.yHat), Y)]
    assert_shown(html, "delta3", delta3)


def test_large_values_are_shown_by_shape_only(backend) -> None:
    net = nnd.Network((2, 4, 3, 1), seed=0, backend=backend)
    net.gradients([[0.1, 0.2]] * 50, [[0.5]] * 50)
    html = net._repr_html_()
    names = re.findall(r"<tr><td><code>(\w+)</code>", html)
    assert names == ["W1", "W2", "W3", "z2", "a2", "z3", "a3", "z4", "yHat", "delta4", "delta3", "delta2"]
    assert row(html, "z2") == ("(50, 4)", "…") and row(html, "yHat") == ("(50, 1)", "…")
    assert row(html, "W3")[0] == "(3, 1)" and row(html, "W3")[1].startswith("<pre>")
    assert len(html) < 40_000


@pytest.mark.parametrize("lam", [None, 0.5])
def test_the_table_says_what_each_variable_is(lam) -> None:
    html = nnd.Network(seed=0, lam=lam)._repr_html_()
    for name, words in [
        ("W1", "weights, layer 1 to 2"),
        ("z2", "X·W1"),
        ("a2", "f(z2)"),
        ("z3", "a2·W2"),
        ("yHat", "prediction, f(z3)"),
        ("delta3", "error at layer 3"),
    ]:
        assert re.search(rf"<code>{name}</code></td><td>[^<]*{re.escape(words)}", html), name
    assert f"lam={lam!r}" in html
