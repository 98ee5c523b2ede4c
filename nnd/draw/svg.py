"""Writing SVG by hand: escaping, numbers, elements, the palette, and the :class:`SVG` document.

Everything here is the standard library. An element is built as text by :func:`element`;
a document is an :class:`SVG`, a ``str`` that Jupyter displays (``_repr_svg_``) and that
saves itself (:meth:`SVG.save`).

Text is always valid XML: characters XML 1.0 forbids (NUL and other control characters,
U+FFFE, U+FFFF) and lone surrogates are written as U+FFFD, the replacement character.
Numbers are always finite: :func:`num` refuses NaN and infinities rather than write them.

A document has no background of its own (it sits on the page's), and it carries a small
style sheet with a ``prefers-color-scheme: dark`` rule that turns its ink light, its grid
dark and its paper-coloured parts (legend boxes, empty neurons) dark: the same picture reads
on a light page and on a dark one. Colours that carry data (the palette, viridis) stay.

>>> element("text", {"x": 1.25, "y": 2, "class": "label"}, "a < b")
'<text x="1.2" y="2" class="label">a &lt; b</text>'
>>> doc = document(40, 20, "A dot", [element("circle", {"cx": 20, "cy": 10, "r": 5})])
>>> doc.startswith("<svg xmlns="), "A dot</title>" in doc
(True, True)
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping

from nnd.util.errors import InvalidValueError

#: Plain system fonts only: nothing is fetched.
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

# Okabe & Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/): blue for
# positive, vermillion for negative stay apart for every common kind of colour blindness.
POSITIVE = "#0072B2"
NEGATIVE = "#D55E00"
ZERO = "#999999"
#: Colours for several curves on one plot, or for classes, in order (Okabe–Ito, black last).
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Text and lines; light on a dark page (see :data:`DARK`).
INK = "#222222"
#: Secondary text (keys, notes); lighter on a dark page.
MUTED = "#555555"
#: Grid lines; dark on a dark page.
GRID = "#e4e4e4"
#: The colour of paper-coloured parts (empty neurons, legend boxes, outlines of markers): they
#: carry the class ``paper`` (fill) or ``paper-edge`` (stroke) and turn dark on a dark page.
PAPER = "#ffffff"
#: Dark text on light data colours (a yellow viridis cell): stays dark on a dark page too.
ON_LIGHT = "#1a1a1a"

#: The dark page's colours: ink, muted text, grid and paper.
DARK = {INK: "#e6e6e6", MUTED: "#b3b3b3", GRID: "#3d3d3d", PAPER: "#1c1c1e"}

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

# What XML 1.0 forbids in a document (control characters but tab, newline and carriage return;
# U+FFFE and U+FFFF), and lone surrogates, which UTF-8 cannot encode.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Stands for the document's id inside its content until the id is known (ids of filters, clip
# paths). It holds U+FFFF, which no text of the user's can keep (clean() replaces it).
ID = "\uffffid\uffff"


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


def mix(colour: str, other: str, t: float) -> str:
    """``colour`` moved a share ``t`` (0 to 1, clamped) of the way to ``other``, as ``#rrggbb``.

    >>> mix("#000000", "#ffffff", 0.5), mix("#0072B2", "#ffffff", 0.0)
    ('#808080', '#0072b2')
    """
    t = 0.0 if not t > 0 else 1.0 if t > 1 else t
    a = [int(colour[k : k + 2], 16) for k in (1, 3, 5)]
    b = [int(other[k : k + 2], 16) for k in (1, 3, 5)]
    return "#" + "".join(f"{round(p + (q - p) * t):02x}" for p, q in zip(a, b))


def clean(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold, and every lone surrogate, made U+FFFD.

    >>> clean("a\\x00b\\ud800c\\ufffe")
    'a�b�c�'
    """
    return _NOT_XML.sub("\ufffd", text)


def escape(text: object) -> str:
    """Text made safe for XML content and double-quoted attributes (and :func:`clean`).

    >>> escape('J < 1 & "λ"')
    'J &lt; 1 &amp; &quot;λ&quot;'
    """
    return (
        clean(str(text))
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def num(value: float) -> str:
    """A coordinate, to one decimal place, without a trailing ``.0`` (SVG files stay small).

    NaN and infinities are refused (an ``InvalidValueError``): a picture never holds them.

    >>> num(3.0), num(2.46), num(-0.04), num(7)
    ('3', '2.5', '0', '7')
    """
    if not math.isfinite(value):
        raise InvalidValueError(f"cannot draw the coordinate {value!r}: coordinates must be finite")
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


class Raw(str):
    """Attribute text written as it is, not escaped: for values nnd builds itself that name the
    document's :data:`ID` (``url(#…)``), which escaping would spoil. Never for a user's text."""

    __slots__ = ()


def _attribute(value: object) -> str:
    if isinstance(value, float):
        return num(value)
    if isinstance(value, Raw):
        return str(value)
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


# Widths of characters in em, a little wider than common sans-serif fonts draw them (DejaVu
# Sans, the widest usual fallback for system-ui, draws digits 0.64 em wide and the minus sign
# 0.84), so that a label measured with them fits where it is put whatever font is picked.
_NARROW = set(".,:;!|'ijlIft()[] ")
_WIDE = set("mwMW@%—−×→")


def text_width(content: str, size: float, *, bold: bool = False) -> float:
    """An upper estimate of the width of ``content`` drawn at font ``size`` (in picture units).

    >>> text_width("0.25", 10) < text_width("−0.25", 10) < text_width("−0.255", 10)
    True
    """
    em = sum(0.34 if c in _NARROW else 0.92 if c in _WIDE else 0.66 for c in content)
    return em * size * (1.1 if bold else 1.0)


def heading(title: str, width: float) -> str:
    """The picture's title, written at its top left in bold, at 14 units or smaller so that it fits
    in ``width``.

    >>> 'font-size="14"' in heading("Short", 600), 'font-size="14"' in heading("Long " * 40, 600)
    (True, False)
    """
    need = text_width(title, 1.0, bold=True)
    size = max(8.0, min(14.0, round((width - 24) / need - 0.05, 1))) if need else 14.0
    return text(12, 24, title, size=size, font_weight="600", class_="title")


def style(key: str) -> str:
    """The document's style sheet: on a dark page, light ink and dark paper (rules scoped to ``#key``)."""
    rules = [f"#{key}{{fill:{DARK[INK]}}}"]
    for light, dark in DARK.items():
        if light == PAPER:
            continue
        rules.append(f'#{key} [fill="{light}"]{{fill:{dark}}}')
        rules.append(f'#{key} [stroke="{light}"]{{stroke:{dark}}}')
    rules.append(f"#{key} .paper{{fill:{DARK[PAPER]}}}")
    rules.append(f"#{key} .paper-edge{{stroke:{DARK[PAPER]}}}")
    return f"<style>@media (prefers-color-scheme: dark){{{''.join(rules)}}}</style>"


def document(width: float, height: float, title: str, body: Iterable[str], description: str = "") -> SVG:
    """A complete SVG document of ``width × height`` user units, with its ``viewBox`` and ``<title>``.

    The document's id (``nnd-`` and eight hex digits) is derived from the content, so that
    several pictures shown inline on one page (a notebook, say) do not share it; its
    style sheet's rules apply inside it only. Content may name the id as :data:`ID` (for a
    filter's id, say): it is replaced here.
    """
    import zlib

    w, h = num(width), num(height)
    title = clean(title)
    content = list(body)
    key = f"nnd-{zlib.crc32(''.join([title, *content]).encode('utf-8')):08x}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{key}" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-labelledby="{key}-title" '
        f'font-family="{escape(FONT_FAMILY)}" fill="{INK}">'
    )
    parts = [head, f'<title id="{key}-title">{escape(title)}</title>']
    if description:
        parts.append(f"<desc>{escape(description)}</desc>")
    parts.append(style(key))
    parts.extend(content)
    parts.append("</svg>")
    return SVG("".join(parts).replace(ID, key))


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
