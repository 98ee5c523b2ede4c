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
             max_outputs: int = 3, hidden_layers: tuple[int, int] = (1, 1)) -> dict:  # fmt: skip
    """A network shape, its weights and a data set (X, y), all drawn within the bounds."""
    rows = draw(st.integers(1, max_rows))
    sizes = [draw(st.integers(1, max_inputs))]
    sizes += [draw(st.integers(1, max_hidden)) for _ in range(draw(st.integers(*hidden_layers)))]
    sizes.append(draw(st.integers(1, max_outputs)))
    weights = [draw(matrices(a, b)) for a, b in pairwise(sizes)]
    X = draw(matrices(rows, sizes[0]))
    y = draw(matrices(rows, sizes[-1], targets))
    return {"sizes": tuple(sizes), "weights": weights, "X": X, "y": y}
