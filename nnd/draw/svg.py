"""Writing SVG by hand: escaping, numbers, elements, the palette, and the :class:`SVG` document.

Everything here is the standard library. An element is built as text by :func:`element`;
a document is an :class:`SVG`, a ``str`` that Jupyter displays (``_repr_svg_``) and that
saves itself (:meth:`SVG.save`).

>>> element("text", {"x": 1.25, "y": 2, "class": "label"}, "a < b")
'<text x="1.2" y="2" class="label">a &lt; b</text>'
>>> doc = document(40, 20, "A dot", [element("circle", {"cx": 20, "cy": 10, "r": 5})])
>>> doc.startswith("<svg xmlns="), "A dot</title>" in doc
(True, True)
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping

#: Plain system fonts only: nothing is fetched.
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

# Okabe & Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/): blue for
# positive, vermillion for negative stay apart for every common kind of colour blindness.
POSITIVE = "#0072B2"
NEGATIVE = "#D55E00"
ZERO = "#999999"
#: Colours for several curves on one plot, in order (Okabe–Ito, black last).
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
INK = "#222222"
GRID = "#e4e4e4"

# viridis, sampled at 9 points: perceptually uniform and readable by colour-blind readers.
_VIRIDIS = (
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
)


def sign_colour(value: float) -> str:
    """The colour of a signed quantity: blue if positive, vermillion if negative, grey if zero.

    >>> sign_colour(0.3), sign_colour(-2.0), sign_colour(0.0)
    ('#0072B2', '#D55E00', '#999999')
    """
    return POSITIVE if value > 0 else NEGATIVE if value < 0 else ZERO


def sequential(t: float) -> str:
    """The viridis colour at ``t`` in [0, 1] (clamped), as ``#rrggbb``.

    >>> sequential(0.0), sequential(1.0)
    ('#440154', '#fde725')
    """
    t = 0.0 if not t > 0 else 1.0 if t > 1 else t  # NaN counts as 0
    x = t * (len(_VIRIDIS) - 1)
    i = min(int(x), len(_VIRIDIS) - 2)
    f = x - i
    a, b = _VIRIDIS[i], _VIRIDIS[i + 1]
    return "#" + "".join(f"{round(p + (q - p) * f):02x}" for p, q in zip(a, b))


def escape(text: object) -> str:
    """Text made safe for XML content and double-quoted attributes.

    >>> escape('J < 1 & "λ"')
    'J &lt; 1 &amp; &quot;λ&quot;'
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def num(value: float) -> str:
    """A coordinate, to one decimal place, without a trailing ``.0`` (SVG files stay small).

    >>> num(3.0), num(2.46), num(-0.04), num(7)
    ('3', '2.5', '0', '7')
    """
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _attribute(value: object) -> str:
    if isinstance(value, float):
        return num(value)
    return escape(value)


def element(tag: str, attrs: Mapping[str, object] | None = None, content: str | Iterable[str] = "") -> str:
    """``<tag attrs>content</tag>``; floats are written by :func:`num`, text content is escaped.

    ``content`` is a string (text, escaped) or an iterable of already built elements
    (inserted as they are). ``None`` attribute values are left out.

    >>> element("g", {"fill": None}, [element("rect", {"width": 2})])
    '<g><rect width="2"/></g>'
    """
    parts = [tag]
    for key, value in (attrs or {}).items():
        if value is not None:
            parts.append(f'{key}="{_attribute(value)}"')
    head = " ".join(parts)
    body = escape(content) if isinstance(content, str) else "".join(content)
    return f"<{head}>{body}</{tag}>" if body else f"<{head}/>"


def text(
    x: float, y: float, content: str, *, size: float = 12, anchor: str = "start", **attrs: object
) -> str:
    """A ``<text>`` element at (x, y): real text, selectable and read by screen readers.

    >>> text(5, 6, "yHat", anchor="middle")
    '<text x="5" y="6" font-size="12" text-anchor="middle">yHat</text>'
    """
    fields: dict[str, object] = {"x": float(x), "y": float(y), "font-size": size}
    if anchor != "start":
        fields["text-anchor"] = anchor
    # class_ -> class (a Python keyword), font_weight -> font-weight
    fields.update({(k[:-1] if k.endswith("_") else k.replace("_", "-")): v for k, v in attrs.items()})
    return element("text", fields, content)


def document(width: float, height: float, title: str, body: Iterable[str], description: str = "") -> SVG:
    """A complete SVG document of ``width × height`` user units, with its ``viewBox`` and ``<title>``.

    The title's id is derived from the content, so that several pictures shown inline on one
    page (a notebook, say) do not share it.
    """
    import zlib

    w, h = num(width), num(height)
    content = list(body)
    key = f"nnd-{zlib.crc32(''.join([title, *content]).encode('utf-8')):08x}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        f'role="img" aria-labelledby="{key}" font-family="{escape(FONT_FAMILY)}" fill="{INK}">'
    )
    parts = [head, f'<title id="{key}">{escape(title)}</title>']
    if description:
        parts.append(f"<desc>{escape(description)}</desc>")
    parts.append(element("rect", {"width": w, "height": h, "fill": "#ffffff"}))
    parts.extend(content)
    parts.append("</svg>")
    return SVG("".join(parts))


class SVG(str):
    """An SVG document: a ``str`` that Jupyter shows as a picture and that saves itself.

    >>> doc = document(10, 10, "Empty", [])
    >>> isinstance(doc, str), doc._repr_svg_() == str(doc)
    (True, True)
    """

    __slots__ = ()

    def _repr_svg_(self) -> str:
        """The markup, for Jupyter's rich display."""
        return str(self)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the document to ``path`` (UTF-8) atomically: all of it or, on failure, nothing.

        The text goes to a temporary file in the same folder, which then replaces ``path``
        in one step (a replaced file keeps its mode). A ``path`` that exists and is not a
        regular file (a folder, a device), or lies in a folder that does not exist, is
        refused with an ``OSError`` (``nnd.util.errors.PathError``) naming it, and nothing is
        written. (:func:`nnd.util.files.write_file` does the writing, as for saved networks.)
        """
        from nnd.util.files import write_file

        write_file(path, str(self) + "\n")


def finite(values: Iterable[float]) -> list[float]:
    """The finite floats among ``values``.

    >>> finite([1.0, math.inf, math.nan, -2])
    [1.0, -2.0]
    """
    return [float(v) for v in values if math.isfinite(v)]
