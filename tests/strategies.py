"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import strategies as st

# Bounded draws, as in the gradient-check criterion of design-notes.md: |v| <= 3, targets in [0, 1].
values = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False, allow_infinity=False)
targets = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)
finite_floats = st.floats(allow_nan=False, allow_infinity=False)


def matrices(rows: int, cols: int, elements: st.SearchStrategy[float] = values) -> st.SearchStrategy:
    """A rows × cols nested list of floats."""
    return st.lists(st.lists(elements, min_size=cols, max_size=cols), min_size=rows, max_size=rows)


@st.composite
def problems(draw: st.DrawFn, max_rows: int = 20, max_inputs: int = 6, max_hidden: int = 8,
             max_outputs: int = 3, hidden_layers: tuple[int, int] = (1, 1),
             biases: bool | None = False) -> dict:  # fmt: skip
    """A network shape, its weights and a data set (X, y), all drawn within the bounds.

    ``biases``: False for the series' network without biases, True for one with them
    (``problem["biases"]`` is ``[b2, b3, ...]``, each a list of numbers), None to draw either.
    """
    rows = draw(st.integers(1, max_rows))
    sizes = [draw(st.integers(1, max_inputs))]
    sizes += [draw(st.integers(1, max_hidden)) for _ in range(draw(st.integers(*hidden_layers)))]
    sizes.append(draw(st.integers(1, max_outputs)))
    weights = [draw(matrices(a, b)) for a, b in pairwise(sizes)]
    X = draw(matrices(rows, sizes[0]))
    y = draw(matrices(rows, sizes[-1], targets))
    problem = {"sizes": tuple(sizes), "weights": weights, "X": X, "y": y}
    if biases or (biases is None and draw(st.booleans())):
        problem["biases"] = [draw(st.lists(values, min_size=n, max_size=n)) for n in sizes[1:]]
    return problem
