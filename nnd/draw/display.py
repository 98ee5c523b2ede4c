"""What a network shows in Jupyter: its diagram and the series' variables table.

The table is the one of the Part 4 video: each variable's name in the code, what it
is, its dimensions and, once a pass has made it, its values.

>>> import nnd
>>> net = nnd.Network(seed=0)
>>> html = network_html(net)
>>> "<svg" in html, "W1" in html, "(2, 3)" in html, "yHat" in html
(True, True, True, True)
"""

from __future__ import annotations

import math
from html import escape

TYPE_CHECKING = False
if TYPE_CHECKING:
    from nnd.network import Network

SHOWN = 24
"""Arrays with at most this many numbers are shown in full in the table; larger ones by shape only."""


def variables(net: Network) -> list[tuple[str, str, tuple[int | None, ...], object]]:
    """``(name, meaning, shape, array or None)`` for every weight (and bias) and every kept value, in
    pass order."""
    B, sizes = net.backend, net.layer_sizes
    L = len(sizes)
    rows: list[tuple[str, str, tuple[int | None, ...], object]] = []
    try:
        weights, biases = net.checked_params()
    except ValueError:  # changed in place to NaN, say: the table shows them as they are
        weights, biases = net.weights, list(getattr(net, "biases", None) or [])
    for l in range(1, L):
        rows.append((f"W{l}", f"weights, layer {l} to {l + 1}", (sizes[l - 1], sizes[l]), weights[l - 1]))
    for l, b in enumerate(biases, start=2):
        rows.append((f"b{l}", f"biases of layer {l}", (1, sizes[l - 1]), b))
    kept = net.last_pass
    m = B.shape(kept["yHat"])[0] if "yHat" in kept else None
    for l in range(2, L + 1):
        output = l == L
        name = "yHat" if output else f"a{l}"
        rows.append(
            (
                f"z{l}",
                (f"layer {l} activation, a{l - 1}·W{l - 1}" + (f" + b{l}" if biases else "")).replace(
                    "a1", "X"
                ),
                (m, sizes[l - 1]),
                kept.get(f"z{l}"),
            )
        )
        rows.append(
            (
                name,
                f"prediction, f(z{l})" if output else f"layer {l} activity, f(z{l})",
                (m, sizes[l - 1]),
                kept.get(name),
            )
        )
    for l in range(L, 1, -1):
        rows.append(
            (f"delta{l}", f"backpropagating error at layer {l}", (m, sizes[l - 1]), kept.get(f"delta{l}"))
        )
    return rows


def network_html(net: Network) -> str:
    """The diagram (from :func:`nnd.draw.network`) and the variables table, as one HTML fragment."""
    from nnd.draw.diagram import network
    from nnd.util.errors import NNDError

    B = net.backend
    try:
        picture = str(network(net))
    except NNDError as exc:  # weights changed in place to NaN, say: say so instead of drawing them
        picture = f"<p><strong>The network cannot be drawn:</strong> {escape(str(exc))}</p>"
    lines = [
        "<div>",
        picture,
        f"<p><code>{escape(repr(net))}</code></p>",
        "<table><thead><tr><th>code</th><th>meaning</th><th>dimensions</th><th>values</th></tr></thead><tbody>",
    ]
    for name, meaning, shape, value in variables(net):
        if value is None:
            dims = f"(m, {shape[1]})" if shape[0] is None else str(shape)
            when = "gradients(X, y)" if name.startswith("delta") else "forward(X)"
            text = f"<em>after net.{when}</em>"
        else:
            dims = str(tuple(B.shape(value)))
            size = math.prod(B.shape(value))
            text = f"<pre>{escape(_text(B, value))}</pre>" if size <= SHOWN else "…"
        lines.append(
            f"<tr><td><code>{name}</code></td><td>{escape(meaning)}</td><td>{dims}</td><td>{text}</td></tr>"
        )
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


def _text(B: object, value: object) -> str:
    """An array as NumPy prints it, whatever the backend."""
    from nnd.arrays.python.format import format_array

    rows = B.tolist(value)  # type: ignore[attr-defined]
    shape = tuple(B.shape(value))  # type: ignore[attr-defined]
    return format_array(rows, shape)
