"""The series' plots with matplotlib (optional: ``pip install 'nnd[plot]'``).

Each function draws into the matplotlib ``Axes`` it is given, or into a new
figure, and returns the ``Axes`` (its figure is ``ax.figure``; save it with
:func:`save`). Figures are built without ``pyplot``, so nothing here opens a window
or changes matplotlib's global state. matplotlib is imported only when a plot is
drawn; without it the call raises an ``ImportError`` that names the extra.

- :func:`plot_sigmoid`: f(z) and f′(z) (Parts 2 and 4);
- :func:`plot_cost`: the cost per iteration (Part 6);
- :func:`plot_train_test`: training and test cost per iteration (Part 7);
- :func:`plot_predictions`: the predicted score over sleep 0–10 h × study 0–5 h (Parts 6, 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nnd.arrays.python.kernels import sigmoid, sigmoid_prime
from nnd.network import Network
from nnd.util import checks
from nnd.util.errors import InvalidValueError, MissingDependencyError

INSTALL_HINT = "pip install 'nnd[plot]'"


def require_matplotlib() -> Any:
    """The ``matplotlib.figure.Figure`` class, or an ``ImportError`` saying how to install matplotlib."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingDependencyError(
            f"nnd's plots need matplotlib, which is not installed: {INSTALL_HINT}"
        ) from exc
    return Figure


def figure(rows: int = 1, columns: int = 1, size: tuple[float, float] = (6.0, 4.0)) -> list[Any]:
    """A new figure (no window, no ``pyplot``) with ``rows × columns`` Axes, returned as a flat list."""
    fig = require_matplotlib()(figsize=(size[0] * columns, size[1] * rows))
    return [fig.add_subplot(rows, columns, k + 1) for k in range(rows * columns)]


def _new_axes(ax: Any = None, **figure_options: Any) -> Any:
    if ax is not None:
        return ax
    return require_matplotlib()(**figure_options).add_subplot()


def plot_sigmoid(ax: Any = None, z_min: float = -6.0, z_max: float = 6.0) -> Any:
    """The sigmoid f(z) = 1/(1 + e^-z) and its derivative f′(z) = f(z)(1 − f(z))."""
    from nnd.draw.curves import between, window

    z_min, z_max = window(z_min, z_max, "z_min", "z_max")
    ax = _new_axes(ax, figsize=(6, 4))
    zs = [between(z_min, z_max, i / 200) for i in range(201)]
    ax.plot(zs, [sigmoid(z) for z in zs], label="f(z) = 1 / (1 + e^-z)")
    ax.plot(zs, [sigmoid_prime(z) for z in zs], label="f′(z) = e^-z / (1 + e^-z)²")
    ax.set_xlabel("z")
    ax.grid(True)
    ax.legend()
    return ax


def plot_cost(J: Sequence[float], ax: Any = None, log: bool = False) -> Any:
    """Cost per iteration (the video's ``plot(T.J)``); ``log=True`` for a logarithmic axis."""
    from nnd.draw.curves import _floats

    J = _floats(J, "J")
    log = checks.flag(log, "log")
    ax = _new_axes(ax, figsize=(6, 4))
    ax.plot(range(1, len(J) + 1), J, label="J (training)")
    ax.set_xlabel("Iterations")
    ax.set_ylabel("Cost")
    if log:
        ax.set_yscale("log")
    ax.grid(True)
    return ax


def plot_train_test(J: Sequence[float], testJ: Sequence[float], ax: Any = None, log: bool = False) -> Any:
    """Training and test cost per iteration (Part 7's ``plot(T.J); plot(T.testJ)``)."""
    from nnd.draw.curves import _floats

    testJ = _floats(testJ, "testJ")
    ax = plot_cost(J, ax, log)
    ax.plot(range(1, len(testJ) + 1), testJ, label="testJ (test)")
    ax.legend()
    return ax


def plot_predictions(
    net: Network,
    ax: Any = None,
    *,
    sleep: tuple[float, float] = (0.0, 10.0),
    study: tuple[float, float] = (0.0, 5.0),
    maxima: Sequence[float] | None = None,
    points: tuple[Sequence[Sequence[float]], Sequence[Sequence[float]]] | None = None,
    resolution: int = 100,
) -> Any:
    """Contours of the predicted test score (100 · yHat) over hours of sleep × hours of study.

    Inputs are scaled as the network's training data were: divided by ``maxima``
    (default: the column maxima of the series' data, 10 h and 5 h). ``points``:
    ``(X, y)`` in hours and score points, shown as dots (e.g. ``data.sleep_study(scaled=False)``).
    """
    from nnd.draw.maps import _check_predicting, _maxima, _pair, _points, _two, prediction_grid

    _check_predicting(net, "net")
    resolution = checks.integer(resolution, "resolution", minimum=2, maximum=1000)
    sleep, study = _pair(sleep, "sleep"), _pair(study, "study")
    scale = _maxima(maxima)
    shown_points = _points(*_two(points, "points", "(X, y)"), "points") if points is not None else None
    ax = _new_axes(ax, figsize=(6, 4.5))
    xs = [sleep[0] + (sleep[1] - sleep[0]) * i / (resolution - 1) for i in range(resolution)]
    ys = [study[0] + (study[1] - study[0]) * j / (resolution - 1) for j in range(resolution)]
    Z = [[100.0 * out[0] for out in row] for row in prediction_grid(net, xs, ys, scale)]
    contours = ax.contour(xs, ys, Z, levels=10)
    ax.clabel(contours, inline=True, fontsize=8)
    if shown_points is not None:
        X, y = shown_points
        ax.scatter([r[0] for r in X], [r[1] for r in X], c="k", s=20, label="data")
        for row, score in zip(X, y):
            ax.annotate(f"{score:g}", (row[0], row[1]), textcoords="offset points", xytext=(5, -12))
    ax.set_xlabel("Hours Sleep")
    ax.set_ylabel("Hours Study")
    ax.set_title("Predicted test score", pad=14)
    return ax


def image_format(path: Any) -> str:
    """The image format ``path``'s extension names (``"png"`` without one), or a ``ValueError``.

    Needs matplotlib (it knows the formats); the file itself is not looked at.
    """
    import os

    figure_class = require_matplotlib()
    extension = os.path.splitext(os.fsdecode(path))[1].lower().lstrip(".")
    known = figure_class().canvas.get_supported_filetypes()
    if not extension:
        return "png"
    if extension not in known:
        raise InvalidValueError(
            f"cannot save a figure as {os.fsdecode(path)!r}: matplotlib writes "
            f"{', '.join('.' + k for k in sorted(known))}"
        )
    return extension


def save(ax_or_figure: Any, path: Any, dpi: int = 120) -> None:
    """Write the figure of ``ax_or_figure`` to ``path`` (format from the extension: .png, .svg, .pdf).

    The figure is drawn in memory first and then written as :func:`nnd.util.files.write_file`
    writes: atomically, and only to a regular (or new) file.
    """
    from io import BytesIO

    from nnd.util.files import write_file

    figure = getattr(ax_or_figure, "figure", ax_or_figure)
    fmt = image_format(path)
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format=fmt, dpi=dpi)
    write_file(path, buffer.getvalue())
