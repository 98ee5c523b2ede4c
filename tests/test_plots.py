"""The optional matplotlib figures (nnd.draw.mpl) and the dependency-free terminal curves."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnd
from nnd.draw import terminal as termplot

BRAILLE = range(0x2800, 0x2900)


# -- nnd.draw.mpl -----------------------------------------------------------------------------------------
def test_importing_nnd_plots_does_not_import_matplotlib() -> None:
    code = "import sys, nnd, nnd.draw.mpl, nnd.training, nnd.io\n"
    code += "print('matplotlib' in sys.modules, 'numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_without_matplotlib_drawing_names_the_extra(monkeypatch) -> None:
    from nnd.draw import mpl as plots

    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    for draw in (plots.plot_sigmoid, lambda: plots.plot_cost([1.0, 0.5])):
        with pytest.raises(ImportError, match=r"pip install 'nnd\[plot\]'"):
            draw()


@pytest.fixture
def plots():
    pytest.importorskip("matplotlib", reason="nnd.draw.mpl draws with matplotlib")
    from nnd.draw import mpl as plots

    return plots


def test_sigmoid_plot_shows_f_and_its_derivative(plots) -> None:
    ax = plots.plot_sigmoid()
    (z, f), (z2, fprime) = ([list(line.get_xdata()), list(line.get_ydata())] for line in ax.lines)
    assert z == z2 and z[0] == -6 and z[-1] == 6
    assert all(0 < v < 1 for v in f) and math.isclose(f[z.index(0.0)], 0.5)
    assert math.isclose(max(fprime), 0.25) and fprime[z.index(0.0)] == max(fprime)


def test_cost_and_train_test_plots_carry_the_histories(plots) -> None:
    J, testJ = [0.3, 0.1, 0.01], [0.3, 0.2, 0.25]
    ax = plots.plot_cost(J, log=True)
    assert list(ax.lines[0].get_ydata()) == J and list(ax.lines[0].get_xdata()) == [1, 2, 3]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "Iterations"
    ax = plots.plot_train_test(J, testJ)
    assert [list(line.get_ydata()) for line in ax.lines] == [J, testJ]


def test_prediction_contours_are_the_networks_scores_over_hours(plots, backend) -> None:
    net = nnd.Network(seed=0, backend=backend)
    nnd.train(net, *nnd.data.sleep_study())
    ax = plots.plot_predictions(net, points=nnd.data.sleep_study(scaled=False), resolution=21)
    levels = list(ax.collections[0].levels) if ax.collections else []
    corners = [100 * v for v in net.backend.tolist(net.forward([[0.0, 0.0], [1.0, 1.0]]))[0]]
    assert levels and min(levels) >= 0 and max(levels) <= 100
    assert ax.get_xlim() == (0.0, 10.0) and ax.get_xlabel() == "Hours Sleep"
    assert 0 <= corners[0] <= 100
    with pytest.raises(ValueError, match="2 inputs"):
        plots.plot_predictions(nnd.Network((3, 2, 1), seed=0))


def test_figures_save_as_png(plots, tmp_path: Path) -> None:
    axes = plots.figure(1, 2)
    plots.plot_cost([1.0, 0.5, 0.25], axes[0])
    plots.plot_sigmoid(axes[1])
    plots.save(axes[0], tmp_path / "f.png")
    assert (tmp_path / "f.png").read_bytes()[:4] == b"\x89PNG"


# -- nnd.draw.terminal ---------------------------------------------------------------------------------------
def braille_rows(text: str) -> list[int]:
    """For each column of the plot area, the first line that has a dot in it (-1 if none)."""
    framed = [line for line in text.splitlines() if "┤" in line or "│" in line]
    lines = [line.split("┤", 1)[-1].split("│", 1)[-1] for line in framed]
    first = []
    for c in range(max(len(line) for line in lines)):
        hits = [r for r, line in enumerate(lines) if c < len(line) and ord(line[c]) in BRAILLE]
        first.append(hits[0] if hits else -1)
    return first


def test_a_falling_cost_is_drawn_falling_from_top_left_to_bottom_right() -> None:
    text = termplot.plot([10.0**-k for k in range(12)], width=30, height=8)
    rows = [r for r in braille_rows(text) if r >= 0]
    assert rows[0] == 0 and rows[-1] == 7 and rows == sorted(rows)
    assert "1.0e+00" in text and "1.0e-11" in text


@given(values=st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=50), log=st.booleans())
def test_any_list_of_floats_plots_without_error(values, log) -> None:
    text = termplot.plot(values, width=20, height=5, log=log, title="J")
    lines = text.splitlines()
    assert lines[0] == "J"
    usable = [v for v in values if math.isfinite(v) and (v > 0 or not log)]
    if not usable:
        assert lines[1] == "(no values to plot)"
    else:
        assert len(lines) == 1 + 5 + 2 and all(len(line) <= 11 + 20 for line in lines[1:6])


def test_two_series_get_markers_and_a_legend() -> None:
    text = termplot.plot({"train": [1.0, 0.1, 0.01], "test": [1.0, 0.5, 0.4]}, width=10, height=4)
    assert "• train" in text and "◦ test" in text and "*" in text.splitlines()[0]  # both start at 1.0


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="width"):
        termplot.plot([1.0], width=1)
    with pytest.raises(TypeError, match="numbers"):
        termplot.plot([1.0, "2"])
    with pytest.raises(ValueError, match="at least one"):
        termplot.plot({})


def test_the_contours_come_from_the_one_prediction_grid_of_nnd_draw(plots, monkeypatch) -> None:
    from nnd.draw import maps

    calls = []
    original = maps.prediction_grid

    def counting(net, xs, ys, maxima=(1.0, 1.0)):
        calls.append((len(xs), len(ys), tuple(maxima)))
        return original(net, xs, ys, maxima)

    monkeypatch.setattr(maps, "prediction_grid", counting)
    net = nnd.Network(seed=0)
    ax = plots.plot_predictions(net, resolution=9, maxima=(10, 5))
    assert calls == [(9, 9, (10.0, 5.0))]
    corner = 100 * net.backend.tolist(net.forward([[1.0, 1.0]]))[0][0]  # (10 h, 5 h), scaled
    levels = list(ax.collections[0].levels)
    assert min(levels) <= corner + 10 and corner - 10 <= max(levels)


def test_refusals_are_nnd_errors(plots) -> None:
    from nnd.util.errors import NNDError

    for call in (
        lambda: plots.plot_predictions(nnd.Network((3, 2, 1), seed=0)),
        lambda: plots.plot_predictions(nnd.Network(seed=0), resolution=1),
        lambda: plots.plot_predictions(nnd.Network(seed=0), sleep=(5, 5)),
        lambda: plots.plot_sigmoid(z_min=3, z_max=1),
        lambda: plots.plot_cost(["a"]),
        lambda: termplot.plot([1.0], width=1),
        lambda: termplot.plot([1.0, "2"]),
        lambda: termplot.plot({}),
        lambda: termplot.plot([1.0], title=5),
    ):
        with pytest.raises(NNDError):
            call()
