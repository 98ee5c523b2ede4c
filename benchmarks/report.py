"""Turning benchmark results into text: the time table, the ratios, the speed claims checked, the scans.

>>> results = {"sizes": [{"size": [3, 2, 3, 1], "seconds": {"nnd python": 2e-5, "hand-tuned Python": 1e-5}}]}
>>> print(format_times(results))
size (m, in, hidden, out)  nnd python  hand-tuned Python
(3, 2, 3, 1)                  20.0 µs            10.0 µs
>>> [(b.name, b.passed) for b in bars(results)]
[('2. python backend / hand-tuned Python <= 1.3x', False)]
"""

from __future__ import annotations

from typing import Any, NamedTuple

from benchmarks.contenders import HAND_TUNED, REFERENCE_OF, SERIES_NUMPY, SERIES_SIZE, UNROLLED
from nnd.cli.bench import seconds_text

SERIES = list(SERIES_SIZE)
SERIES_NUMPY_LIMIT = 1.2
"""How much slower than the series' NumPy code the numpy backend may be at the series' size,
where a call is all fixed costs (it checks its inputs; the series' code does not)."""


class Bar(NamedTuple):
    """One of nnd's speed claims, as measured in this run."""

    name: str
    detail: str
    passed: bool | None  # None: could not be measured here


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [header, *rows]
    return "\n".join(
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths)))
        for line in lines
    )


def _names(rows: list[dict[str, Any]]) -> list[str]:
    names: list[str] = []
    for row in rows:
        names += [n for n in row["seconds"] if n not in names]
    return names


def format_times(results: dict[str, Any], key: str = "sizes") -> str:
    """Seconds per gradient computation: one row per size, one column per contender."""
    rows = results[key]
    names = _names(rows)
    body = [
        [str(tuple(r["size"]))] + [seconds_text(r["seconds"][n]) if n in r["seconds"] else "-" for n in names]
        for r in rows
    ]
    return _table(["size (m, in, hidden, out)", *names], body)


def ratio_rows(results: dict[str, Any]) -> list[tuple[list[int], str, float]]:
    """``(size, "a / b", ratio)``: each backend against its reference, python against the unrolled
    Python (the interface's cost), and python against numpy."""
    out = []
    for row in results["sizes"]:
        t = row["seconds"]
        for backend, reference in [*REFERENCE_OF.items(), ("python", UNROLLED)]:
            if f"nnd {backend}" in t and reference in t:
                out.append((row["size"], f"nnd {backend} / {reference}", t[f"nnd {backend}"] / t[reference]))
        if "nnd python" in t and "nnd numpy" in t:
            out.append((row["size"], "nnd python / nnd numpy", t["nnd python"] / t["nnd numpy"]))
    return out


def format_ratios(results: dict[str, Any]) -> str:
    """The ratio table (below 1 means the first is faster)."""
    return _table(
        ["size (m, in, hidden, out)", "ratio", "value"],
        [[str(tuple(size)), what, f"{value:.2f}x"] for size, what, value in ratio_rows(results)],
    )


def bars(results: dict[str, Any]) -> list[Bar]:
    """nnd's five speed claims, each held, not held, or ``None`` where it could not be measured."""
    found: list[Bar] = []
    numpy_rows, python_rows, series = [], [], None
    for size, what, value in ratio_rows(results):
        if what == f"nnd numpy / {SERIES_NUMPY}":
            numpy_rows.append((size, value))
        elif what == f"nnd python / {HAND_TUNED}":
            python_rows.append((size, value))
        elif size == SERIES:
            series = value
    if numpy_rows:
        worst = [f"{tuple(s)}: {v:.2f}x" for s, v in numpy_rows]
        ok = all(v <= (SERIES_NUMPY_LIMIT if s == SERIES else 1.0) for s, v in numpy_rows)
        found.append(
            Bar(
                f"1. numpy backend / series NumPy <= 1.0x ({SERIES_NUMPY_LIMIT}x at the series' size)",
                ", ".join(worst),
                ok,
            )
        )
    if python_rows:
        worst = [f"{tuple(s)}: {v:.2f}x" for s, v in python_rows]
        found.append(
            Bar(
                "2. python backend / hand-tuned Python <= 1.3x",
                ", ".join(worst),
                all(v <= 1.3 for _, v in python_rows),
            )
        )
    if series is not None:
        found.append(
            Bar(
                "3. python backend within 1.15x of numpy at the series' size",
                f"python / numpy = {series:.2f}x",
                series <= 1.15,
            )
        )
    training = results.get("training")
    if training is not None:
        ratio = training["ratio"]
        found.append(
            Bar(
                "4. nnd BFGS (python) no slower than SciPy BFGS on the series' NumPy code",
                "n/a (SciPy not installed)" if ratio is None else f"nnd / SciPy = {ratio:.2f}x, all seeds",
                None if ratio is None else ratio <= 1.0,
            )
        )
    imp = results.get("import_time")
    if imp is not None:
        found.append(
            Bar(
                "5. import nnd adds <= 15 ms, NumPy not loaded",
                f"added {imp['added_ms']:.1f} ms (wall), -X importtime {imp['importtime_ms']:.1f} ms, "
                f"numpy loaded: {imp['loads_numpy']}",
                imp["added_ms"] <= 15.0 and imp["importtime_ms"] <= 15.0 and not imp["loads_numpy"],
            )
        )
    return found


def crossover_text(results: dict[str, Any]) -> str | None:
    """Where NumPy starts to beat plain Python on the series' 2-3-1 network."""
    rows = results.get("crossover")
    if not rows or "nnd numpy" not in rows[0]["seconds"]:
        return None
    wins = [r["size"][0] for r in rows if r["seconds"]["nnd numpy"] < r["seconds"]["nnd python"]]
    if not wins:
        return f"numpy never beats python on the 2-3-1 network up to {rows[-1]['size'][0]} examples"
    scanned = f"scanned 1 to {rows[-1]['size'][0]}"
    return f"numpy beats python on the 2-3-1 network from {min(wins)} examples on ({scanned})"


def growth_text(results: dict[str, Any]) -> list[str]:
    """Time ∝ examples^k and ∝ hidden^k, with k fitted for each contender."""
    from benchmarks.runner import growth_exponent

    lines = []
    for key, axis, index in (("growth_examples", "examples", 0), ("growth_hidden", "hidden units", 2)):
        rows = results.get(key)
        if not rows:
            continue
        xs = [r["size"][index] for r in rows]
        parts = [
            f"{n} ~ {axis}^{growth_exponent(xs, [r['seconds'][n] for r in rows]):.2f}" for n in _names(rows)
        ]
        lines.append(f"time against {axis} ({xs[0]} to {xs[-1]}): " + ", ".join(parts))
    return lines


def format_report(results: dict[str, Any]) -> str:
    """Everything, as ``python -m benchmarks compare`` prints it."""
    parts = ["Seconds per gradient computation (median of repeats):", format_times(results), ""]
    parts += ["Ratios (below 1: the first is faster):", format_ratios(results), ""]
    cross = crossover_text(results)
    if cross:
        parts.append(cross)
    parts += growth_text(results)
    training = results.get("training")
    if training:
        parts += ["", "Training on the series' data (seconds per run, iterations):"]
        for run in training["runs"]:
            cells = [f"{n}: {seconds_text(t)}, {run['nit'][n]} it" for n, t in run["seconds"].items()]
            parts.append(f"  seed {run['seed']}: " + "; ".join(cells))
    parts += ["", "Speed claims, checked in this run:"]
    for bar in bars(results):
        mark = {True: "holds", False: "FAILS", None: "n/a  "}[bar.passed]
        parts.append(f"  [{mark}] {bar.name}: {bar.detail}")
    return "\n".join(parts)
