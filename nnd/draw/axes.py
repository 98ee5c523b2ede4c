"""Scales, ticks and the plot frame that every chart of :mod:`nnd.draw` is drawn in.

A :class:`Scale` maps data values to picture coordinates (linear or logarithmic) and
chooses ticks at round numbers; a :class:`Frame` is a rectangle with an x and a y scale
that draws its axes, clips lines to itself, fills heat maps and adds a legend.

>>> s = Scale(0.0, 10.0, 100.0, 300.0)
>>> s(5.0), [label for _, label in s.ticks()]
(200.0, ['0', '2', '4', '6', '8', '10'])
>>> [label for _, label in Scale(1e-6, 1.0, 0, 1, log=True).ticks()][:3]
['10⁻⁶', '10⁻⁵', '10⁻⁴']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from nnd.draw.svg import GRID, ID, INK, PAPER, Raw, element, num, text, text_width
from nnd.util.errors import InvalidValueError

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


_MAX = 1.7976931348623157e308  # the largest float
_TINY = 1e-290  # narrower spans than this cannot be drawn: the scale's factor would overflow


def _nice_step(raw: float) -> float:
    """A step of 1, 2, 2.5 or 5 × 10^k at least ``raw`` (``raw`` itself if that would overflow)."""
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        step = factor * power
        if raw <= step * (1 + 1e-9):
            return step if math.isfinite(step) else raw
    return raw  # pragma: no cover - the loop always returns


def format_number(value: float, step: float | None = None) -> str:
    """A tick label: as many decimals as ``step`` needs, a real minus sign.

    >>> format_number(-0.5, 0.25), format_number(2.0, 1.0), format_number(12500.0)
    ('−0.50', '2', '1.25e+04')
    >>> format_number(-1.5e308, 5e307)
    '−1.5e+308'
    """
    if value == 0:
        return "0"
    if step is not None and 1e-4 <= abs(value) < 1e5 and step >= 1e-6:
        decimals = max(0, -math.floor(math.log10(step) + 1e-9))
        if not math.isclose(step * 10**decimals, round(step * 10**decimals), rel_tol=1e-6):
            decimals += 1
        textual = f"{value:.{decimals}f}"
    elif step is not None and step > 0:  # far from 1: as many significant digits as the step needs
        digits = max(2, math.floor(math.log10(abs(value))) - math.floor(math.log10(step)) + 2)
        textual = f"{value:.{min(digits, 17)}g}"
    else:
        textual = f"{value:.3g}"
    return textual.replace("-", "−")


def _clamp(value: float) -> float:
    return max(-_MAX, min(_MAX, value))


def drawable(lo: float, hi: float) -> bool:
    """Whether a picture can show values from ``lo`` to ``hi`` apart: finite, ``lo < hi``, and the span
    neither below 1e-290 nor below 1e-12 of the values' size (ticks could not tell them apart).

    >>> drawable(-1e308, 1e308), drawable(0.0, 5e-324), drawable(1e300, 1e300 + 1e285)
    (True, False, False)
    """
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        return False
    half = hi / 2 - lo / 2  # halves: hi − lo itself may overflow
    return half > _TINY and half > 0.5e-12 * max(abs(lo), abs(hi))


def nice_range(values: Iterable[float], log: bool = False, pad: float = 0.0) -> tuple[float, float]:
    """A (low, high) that holds every finite value (positive ones only if ``log``), never empty.

    Any finite floats, even ±1.8e308, give finite ends (a range too narrow to draw is
    widened around its middle; padding stops at the largest float).

    >>> nice_range([0.2, 0.9]), nice_range([3.0, 3.0])
    ((0.2, 0.9), (2.5, 3.5))
    >>> nice_range([1e-3, 1.0], log=True)
    (0.001, 1.0)
    >>> nice_range([-1e308, 1e308], pad=0.1), nice_range([-1e308, 1.7e308], pad=0.1)
    ((-1.2e+308, 1.2e+308), (-1.27e+308, 1.7976931348623157e+308))
    """
    finite = [v for v in values if math.isfinite(v) and (v > 0 or not log)]
    if not finite:
        return (0.1, 1.0) if log else (0.0, 1.0)
    lo, hi = min(finite), max(finite)
    if log:
        # within 1e-300..1e300, so that the padded ends stay normal floats (smaller values sit at the edge)
        a, b = max(-300.0, min(300.0, math.log10(lo))), max(-300.0, min(300.0, math.log10(hi)))
        if b - a < 1e-9:
            a, b = a - 0.5, b + 0.5
        extra = (b - a) * pad
        return 10 ** max(-307.0, a - extra), 10 ** min(307.0, b + extra)
    if not drawable(lo, hi):
        middle = lo / 2 + hi / 2
        half = 0.5 if middle == 0 else max(abs(middle) * 0.1, 0.5)
        return _clamp(middle - half), _clamp(middle + half)
    extra = (hi / 2 - lo / 2) * (2 * pad)
    return _clamp(lo - extra), _clamp(hi + extra)


class Scale:
    """Data values ``lo..hi`` onto picture coordinates ``start..end`` (either may be the larger).

    ``log=True`` spaces values by their logarithm (both ends must be positive). Any pair
    of finite floats that :func:`drawable` accepts works, up to ±1.8e308; a value far
    outside the ends maps to at most ±1e9 picture units (still finite).
    """

    __slots__ = ("_a", "_k", "end", "hi", "lo", "log", "start")

    def __init__(self, lo: float, hi: float, start: float, end: float, *, log: bool = False) -> None:
        if log and not (lo > 0 and hi > lo and math.isfinite(hi)):
            raise InvalidValueError(f"a logarithmic scale needs positive values, got {lo!r} and {hi!r}")
        a, b = (math.log10(lo), math.log10(hi)) if log else (lo, hi)
        if not drawable(a, b):
            raise InvalidValueError(
                f"a scale needs finite ends with low < high, far enough apart to draw, got {lo!r} and {hi!r}"
            )
        self.lo, self.hi, self.start, self.end, self.log = float(lo), float(hi), float(start), float(end), log
        self._a = a
        self._k = (end - start) / 2 / (b / 2 - a / 2)  # the span in halves: b − a may overflow

    def __call__(self, value: float) -> float:
        """The picture coordinate of ``value`` (NaN for NaN, an infinity, or a value a log scale
        cannot show)."""
        if not math.isfinite(value):
            return math.nan
        if self.log:
            if not value > 0:
                return math.nan
            value = math.log10(value)
        offset = (value / 2 - self._a / 2) * 2 * self._k  # finite, or ±inf when far outside
        return self.start + max(-1e9, min(1e9, offset))

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies within the scale's ends (with a little rounding slack)."""
        slack = 1e-9 * (self.hi / 2 - self.lo / 2) * 2
        return self.lo - slack <= value <= self.hi + slack

    def ticks(self, count: int = 5, *, whole: bool = False) -> list[tuple[float, str]]:
        """About ``count`` round values within the ends, increasing, each with its label.

        ``whole``: whole numbers only (for counts, such as iterations or epochs).
        """
        if self.log:
            first, last = math.ceil(math.log10(self.lo) - 1e-9), math.floor(math.log10(self.hi) + 1e-9)
            if last - first >= 1:
                every = max(1, math.ceil((last - first + 1) / (count + 2)))
                return [
                    (10.0**k, "10" + str(k).translate(_SUPERSCRIPT)) for k in range(first, last + 1, every)
                ]
            values = [m * 10.0**k for k in range(first - 1, last + 1) for m in (1, 2, 5)]
            picked = [v for v in values if self.contains(v)]
            if len(picked) >= 2:
                return [(v, format_number(v)) for v in picked]
        half = self.hi / 2 - self.lo / 2
        out: list[tuple[float, str]] = []
        for parts in (count, 2 * count, 4 * count):  # at least two ticks
            step = _nice_step(half * (2 / max(parts, 2)))
            if whole:
                step = max(1.0, float(round(step)))  # 2.5 becomes 2: whole numbers only
            k = math.ceil(self.lo / step - 1e-9)
            out = []
            while len(out) < 50:
                value = k * step + 0.0
                if not (math.isfinite(value) and value <= self.hi + 1e-9 * step):
                    break
                out.append((value, format_number(value, step)))
                k += 1
            if len(out) >= 2 and len({label for _, label in out}) == len(out):
                break
        if whole and len(out) == 1:  # a single whole number in range, e.g. one epoch
            return out
        if len(out) < 2 or len({label for _, label in out}) < len(out):  # only the ends can be told apart
            return _ends(self.lo, self.hi)
        return out


def _ends(lo: float, hi: float) -> list[tuple[float, str]]:
    """Ticks at the two ends only, with as many digits as it takes to tell them apart."""
    for digits in range(3, 18):
        a, b = (f"{v:.{digits}g}".replace("-", "−") for v in (lo, hi))
        if a != b:
            break
    return [(lo, a), (hi, b)]


class Frame:
    """A plot area ``left, top, width, height`` with scales for x (across) and y (up)."""

    def __init__(
        self, left: float, top: float, width: float, height: float,
        x: tuple[float, float], y: tuple[float, float], *, xlog: bool = False, ylog: bool = False,
    ) -> None:  # fmt: skip
        self.left, self.top, self.width, self.height = left, top, width, height
        self.right, self.bottom = left + width, top + height
        self.x = Scale(x[0], x[1], left, left + width, log=xlog)
        self.y = Scale(y[0], y[1], top + height, top, log=ylog)
        self.drawn: list[tuple[float, float]] = []  # picture points of the lines drawn so far

    def point(self, x: float, y: float) -> tuple[float, float]:
        """The picture coordinates of the data point (x, y)."""
        return self.x(x), self.y(y)

    def inside(self, px: float, py: float) -> bool:
        """Whether picture coordinates lie in the plot area (edges included, with rounding slack)."""
        e = 0.051  # coordinates are written to one decimal place
        return self.left - e <= px <= self.right + e and self.top - e <= py <= self.bottom + e

    # -- axes --------------------------------------------------------------------------------
    def axes(
        self, xlabel: str, ylabel: str, *, grid: bool = True, xticks: int = 6, yticks: int = 5,
        whole_x: bool = False,
    ) -> list[str]:  # fmt: skip
        """Grid lines, the frame, ticks with their labels and the two axis labels.

        ``whole_x``: ticks at whole numbers only along x (iterations, epochs).
        """
        out: list[str] = []
        lines, marks, labels = [], [], []
        for value, label in self.x.ticks(xticks, whole=whole_x):
            px = self.x(value)
            if grid:
                lines.append(f"M{num(px)} {num(self.top)}V{num(self.bottom)}")
            marks.append(f"M{num(px)} {num(self.bottom)}v5")
            labels.append(text(px, self.bottom + 18, label, size=11, anchor="middle", class_="tick x"))
        for value, label in self.y.ticks(yticks):
            py = self.y(value)
            if grid:
                lines.append(f"M{num(self.left)} {num(py)}H{num(self.right)}")
            marks.append(f"M{num(self.left)} {num(py)}h-5")
            labels.append(text(self.left - 8, py + 4, label, size=11, anchor="end", class_="tick y"))
        if lines:
            out.append(
                element("path", {"d": "".join(lines), "stroke": GRID, "fill": "none", "class": "grid"})
            )
        out.append(
            element(
                "rect",
                {
                    "x": self.left,
                    "y": self.top,
                    "width": self.width,
                    "height": self.height,
                    "fill": "none",
                    "stroke": INK,
                    "stroke-width": 1,
                    "class": "frame",
                },
            )
        )
        out.append(element("path", {"d": "".join(marks), "stroke": INK, "fill": "none"}))
        out.extend(labels)
        out.append(
            text(
                self.left + self.width / 2,
                self.bottom + 38,
                xlabel,
                size=12,
                anchor="middle",
                class_="axis x",
            )
        )
        cx, cy = self.left - 48, self.top + self.height / 2
        out.append(
            text(
                cx,
                cy,
                ylabel,
                size=12,
                anchor="middle",
                transform=f"rotate(-90 {num(cx)} {num(cy)})",
                class_="axis y",
            )
        )
        return out

    # -- lines -------------------------------------------------------------------------------
    def path_data(self, points: Iterable[tuple[float, float]], max_points: int = 800) -> str:
        """SVG path data for the data points joined in order, clipped to the plot area.

        A point that cannot be shown (NaN, or not positive on a log scale) breaks the line.
        Points closer than 0.4 picture units to the last one kept are left out, and more of
        them if need be, so that at most about ``max_points`` are written: a run of 100,000
        iterations makes a file as small as one of a thousand.
        """
        pixels = simplify([self.point(x, y) for x, y in points], max_points)
        self.drawn.extend(p for p in pixels if self.inside(*p))
        d: list[str] = []
        pen: tuple[float, float] | None = None  # where the path currently ends
        for a, b in zip(pixels, pixels[1:]):
            if not all(map(math.isfinite, (*a, *b))):
                continue
            clipped = self._clip(a, b)
            if clipped is None:
                continue
            p, q = clipped
            if pen is None or abs(pen[0] - p[0]) > 1e-9 or abs(pen[1] - p[1]) > 1e-9:
                d.append(f"M{num(p[0])} {num(p[1])}")
            d.append(f"L{num(q[0])} {num(q[1])}")
            pen = q
        if not d and len(pixels) == 1 and all(map(math.isfinite, pixels[0])) and self.inside(*pixels[0]):
            d.append(f"M{num(pixels[0][0])} {num(pixels[0][1])}h0")
        return "".join(d)

    def line(self, points: Iterable[tuple[float, float]], colour: str, width: float = 2.0,
             dash: str | None = None, css: str = "curve", label: str | None = None,
             max_points: int = 800) -> str:  # fmt: skip
        """One curve through the data points, clipped to the plot area."""
        attrs: dict[str, object] = {
            "d": self.path_data(points, max_points),
            "fill": "none",
            "stroke": colour,
            "stroke-width": width,
            "stroke-linejoin": "round",
            "stroke-linecap": "round",
            "stroke-dasharray": dash,
            "class": css,
        }
        if label:
            return element("path", attrs, [element("title", None, label)])
        return element("path", attrs)

    def _clip(
        self, a: tuple[float, float], b: tuple[float, float]
    ) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """The part of segment a→b inside the plot area (Liang–Barsky), or None."""
        (x0, y0), (x1, y1) = a, b
        dx, dy = x1 - x0, y1 - y0
        t0, t1 = 0.0, 1.0
        for p, q in (
            (-dx, x0 - self.left),
            (dx, self.right - x0),
            (-dy, y0 - self.top),
            (dy, self.bottom - y0),
        ):
            if p == 0:
                if q < 0:
                    return None
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return None
        return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)

    # -- filled maps ---------------------------------------------------------------------------
    def heat_map(
        self, Z: Sequence[Sequence[float]], level: Callable[[float], int], colours: Sequence[str],
        budget: int = 60_000, *, smooth: bool = True,
    ) -> str:  # fmt: skip
        """Fill the plot area with ``Z[j][i]`` in ``len(Z[0]) × len(Z)`` equal cells.

        Row 0 is at the bottom (the y scale's low end), column 0 at the left.
        ``level(z)`` picks a colour from ``colours`` for each cell; neighbouring cells of one
        colour in a row become one rectangle, and each colour is one ``<path>``, so a
        100 × 100 map stays a few tens of kilobytes. A map that would still take more than
        ``budget`` characters is drawn with cells twice as large (and again, if need be).
        ``smooth=True`` blurs the cells by about half a cell (an SVG filter inside the
        document, confined to the plot area), so that the map reads as the smooth surface it
        samples rather than as blocks.
        """
        while True:
            cells = self._cells(Z, level, colours)
            if sum(map(len, cells)) <= budget or len(Z) < 4 or len(Z[0]) < 4:
                break
            Z = [row[::2] for row in Z[::2]]  # too detailed for a small file: coarser cells
        attrs: dict[str, object] = {"class": "heat-map", "shape-rendering": "crispEdges"}
        if not smooth:
            return element("g", attrs, cells)
        name = f"{ID}-smooth-{round(self.left)}-{round(self.top)}"
        sigma = 0.5 * max(self.width / len(Z[0]), self.height / len(Z))
        blur = element(
            "filter",
            {"id": Raw(name), "x": 0, "y": 0, "width": 1, "height": 1, "color-interpolation-filters": "sRGB"},
            [
                element("feGaussianBlur", {"stdDeviation": round(sigma, 2)}),
                # the blur fades the edges into the transparent outside: make every pixel opaque again
                element(
                    "feComponentTransfer",
                    None,
                    [element("feFuncA", {"type": "linear", "slope": 0, "intercept": 1})],
                ),
            ],
        )
        attrs["filter"] = Raw(f"url(#{name})")
        return element("g", None, [element("defs", None, [blur]), element("g", attrs, cells)])

    def _cells(
        self, Z: Sequence[Sequence[float]], level: Callable[[float], int], colours: Sequence[str]
    ) -> list[str]:
        rows, columns = len(Z), len(Z[0])
        cw, ch = self.width / columns, self.height / rows
        shapes: dict[int, list[str]] = {}
        for j, row in enumerate(Z):
            y_top = self.bottom - (j + 1) * ch
            y_text, h_text = num(y_top), num(ch + 0.2)  # a hair of overlap hides the seams
            i = 0
            while i < columns:
                k = level(row[i])
                start = i
                while i < columns and level(row[i]) == k:
                    i += 1
                x0 = self.left + start * cw
                w = (i - start) * cw + (0.2 if i < columns else 0.0)
                shapes.setdefault(k, []).append(f"M{num(x0)} {y_text}h{num(w)}v{h_text}h-{num(w)}z")
        return [
            element("path", {"d": "".join(d), "fill": colours[k], "class": "cells"})
            for k, d in sorted(shapes.items())
        ]

    def contours(
        self, Z: Sequence[Sequence[float]], levels: Sequence[float], *, colour: str = "#ffffff",
        budget: int = 30_000, css: str = "contour", width: float = 0.8,
    ) -> str:  # fmt: skip
        """Contour lines of ``Z`` (laid out as for :meth:`heat_map`) at each of ``levels``.

        Marching squares between the cells' centres, so every line lies inside the plot
        area. Lines that would take more than ``budget`` characters are left out (``""``).
        """
        rows, columns = len(Z), len(Z[0])
        cw, ch = self.width / columns, self.height / rows

        def at(i: float, j: float) -> str:
            return f"{num(self.left + (i + 0.5) * cw)} {num(self.bottom - (j + 0.5) * ch)}"

        paths, size = [], 0
        for value in levels:
            d: list[str] = []
            for j in range(rows - 1):
                for i in range(columns - 1):
                    corners = ((i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1))  # counter-clockwise
                    zs = [Z[b][a] for a, b in corners]
                    if not all(map(math.isfinite, zs)):
                        continue
                    crossings = []
                    for k in range(4):
                        (a0, b0), (a1, b1) = corners[k], corners[(k + 1) % 4]
                        z0, z1 = zs[k], zs[(k + 1) % 4]
                        if (z0 < value) != (z1 < value):
                            t = (value - z0) / (z1 - z0)
                            crossings.append(at(a0 + t * (a1 - a0), b0 + t * (b1 - b0)))
                    for p, q in zip(crossings[0::2], crossings[1::2]):
                        d.append(f"M{p}L{q}")
            if d:
                attrs: dict[str, object] = {"d": "".join(d), "fill": "none", "stroke": colour}
                attrs.update({"stroke-width": width, "stroke-opacity": 0.7, "class": css})
                paths.append(element("path", {**attrs, "data-level": repr(value)}))
                size += len(paths[-1])
        if size > budget:
            return ""
        return element("g", {"class": "contours"}, paths)

    def legend(
        self, entries: Sequence[tuple[str, str | None, str | None]], *, corner: str = "auto"
    ) -> list[str]:
        """A boxed key of ``(label, colour, dash)`` entries in a corner of the plot area (an entry
        whose colour is None is a line of text only: a note).

        ``corner="auto"`` picks the corner that hides the fewest points of the lines drawn.
        """
        if not entries:
            return []
        width = 34 + max(text_width(label, 11) for label, _, _ in entries)
        height = 8 + 18 * len(entries)
        if corner == "auto":
            corners = ("top right", "top left", "bottom right", "bottom left")
            corner = min(corners, key=lambda c: self._hidden(c, width, height))
        x = self.right - width - 8 if "right" in corner else self.left + 8
        y = self.top + 8 if "top" in corner else self.bottom - height - 8
        out = [
            element(
                "rect",
                {
                    "x": x,
                    "y": y,
                    "width": width,
                    "height": height,
                    "fill": PAPER,
                    "fill-opacity": 0.9,
                    "stroke": "#bbbbbb",
                    "rx": 3,
                    "class": "legend paper",
                },
            )
        ]
        for k, (label, colour, dash) in enumerate(entries):
            cy = y + 13 + 18 * k
            if colour is None:
                out.append(text(x + 8, cy + 4, label, size=11, class_="legend-label note"))
                continue
            out.append(
                element(
                    "path",
                    {
                        "d": f"M{num(x + 6)} {num(cy)}h18",
                        "stroke": colour,
                        "stroke-width": 2.5,
                        "stroke-dasharray": dash,
                        "fill": "none",
                    },
                )
            )
            out.append(text(x + 28, cy + 4, label, size=11, class_="legend-label"))
        return out

    def labels(
        self, items: Sequence[tuple[float, float, str]], *, size: float = 11, clearance: float = 7.0,
        avoid: Sequence[tuple[float, float, float, float]] = (), **attrs: Any,
    ) -> list[str]:  # fmt: skip
        """Text labels beside markers at picture points ``(px, py, label)``, placed so that no two
        overlap, none covers a marker (a circle of radius ``clearance`` about each point) or a
        box of ``avoid`` (``(left, top, right, bottom)``), and each stays inside the plot area
        where it can: the first free place of eight around its point (right and up first),
        then of eight further out, else the place that overlaps least. The labels with the
        fewest free places (in corners, in crowds) are placed first; they are returned in the
        order of ``items``.
        """
        height = size * 1.15
        area = (self.left, self.top, self.right, self.bottom)
        markers = [(px - clearance, py - clearance, px + clearance, py + clearance) for px, py, _ in items]

        def places(px: float, py: float, width: float) -> list[tuple[float, float, float, float]]:
            out = []
            for reach in (1.0, 1.9, 2.8):
                d = clearance * reach + 2
                for dx, dy in ((1, -1), (-1, -1), (1, 1), (-1, 1), (1, 0), (-1, 0), (0, -1), (0, 1)):
                    x0 = px + dx * d - (width if dx < 0 else width / 2 if dx == 0 else 0)
                    y0 = py + dy * d - (height if dy < 0 else height / 2 if dy == 0 else 0)
                    out.append((x0, y0, x0 + width, y0 + height))
            return out

        def cost(
            box: tuple[float, float, float, float], taken: list[tuple[float, float, float, float]]
        ) -> float:
            roomy = (box[0] - 3, box[1] - 2, box[2] + 3, box[3] + 2)  # labels keep a little apart
            score = sum(_overlap(roomy, other) for other in taken) + sum(_overlap(box, m) for m in markers)
            return score + _outside(box, area)

        options = [places(px, py, text_width(label, size)) for px, py, label in items]
        fixed = [*avoid]
        freedom = [sum(1 for box in boxes if cost(box, fixed) == 0) for boxes in options]
        chosen: dict[int, tuple[float, float, float, float]] = {}
        taken = list(fixed)
        for k in sorted(range(len(items)), key=freedom.__getitem__):
            best = min(options[k], key=lambda box: cost(box, taken))  # the first of the cheapest
            chosen[k] = best
            taken.append(best)
        return [
            text(chosen[k][0], chosen[k][3] - 0.25 * size, label, size=size, **attrs)
            for k, (_, _, label) in enumerate(items)
        ]

    def _hidden(self, corner: str, width: float, height: float) -> int:
        x = self.right - width - 8 if "right" in corner else self.left + 8
        y = self.top + 8 if "top" in corner else self.bottom - height - 8
        return sum(
            1 for px, py in self.drawn if x - 4 <= px <= x + width + 4 and y - 4 <= py <= y + height + 4
        )


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """The area two boxes ``(left, top, right, bottom)`` share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _outside(box: tuple[float, float, float, float], area: tuple[float, float, float, float]) -> float:
    """How much of ``box`` lies outside ``area``: its area, weighted to count more than an overlap."""
    inside = _overlap(box, area)
    return 4.0 * ((box[2] - box[0]) * (box[3] - box[1]) - inside)


def simplify(pixels: list[tuple[float, float]], max_points: int) -> list[tuple[float, float]]:
    """``pixels`` less the points closer than a tolerance to the last one kept (first and last
    always stay, and so do non-finite points, which break a line); the tolerance starts at
    0.4 and doubles until at most ``max_points`` finite points are left.

    >>> simplify([(0.0, 0.0), (0.1, 0.0), (0.2, 0.1), (5.0, 5.0)], 10)
    [(0.0, 0.0), (5.0, 5.0)]
    """
    tolerance = 0.4
    while True:
        kept = pixels[:1]
        for p in pixels[1:-1]:
            last = kept[-1]
            if not all(map(math.isfinite, (*p, *last))):
                kept.append(p)
            elif math.hypot(p[0] - last[0], p[1] - last[1]) >= tolerance:
                kept.append(p)
        if len(pixels) > 1:
            kept.append(pixels[-1])
        finite = sum(1 for p in kept if math.isfinite(p[0]) and math.isfinite(p[1]))
        if finite <= max(max_points, 2) or tolerance > 1e7:
            return kept
        tolerance *= 2


def colour_bar(
    left: float, top: float, height: float, lo: float, hi: float, label: str, *, log: bool = False,
    colour: Callable[[float], str],
) -> list[str]:  # fmt: skip
    """A vertical key of a colour map beside a plot: the colours from low (bottom) to high, ticks."""
    scale = Scale(lo, hi, top + height, top, log=log)
    steps = 48
    out = []
    for k in range(steps):
        y0 = top + height * (steps - 1 - k) / steps
        out.append(
            element(
                "rect",
                {
                    "x": left,
                    "y": y0,
                    "width": 14,
                    "height": height / steps + 0.3,
                    "fill": colour((k + 0.5) / steps),
                },
            )
        )
    out.append(
        element("rect", {"x": left, "y": top, "width": 14, "height": height, "fill": "none", "stroke": INK})
    )
    for value, tick in scale.ticks(5):
        py = scale(value)
        out.append(element("path", {"d": f"M{num(left + 14)} {num(py)}h4", "stroke": INK}))
        out.append(text(left + 21, py + 4, tick, size=11, class_="tick bar"))
    cx, cy = left + 62, top + height / 2
    out.append(
        text(
            cx,
            cy,
            label,
            size=12,
            anchor="middle",
            transform=f"rotate(-90 {num(cx)} {num(cy)})",
            class_="axis bar",
        )
    )
    return [element("g", {"class": "colour-bar", "shape-rendering": "crispEdges"}, out)]
