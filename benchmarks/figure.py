"""The Performance page's figure: time per gradient against problem size, from a ``compare --json`` file.

Run ``python -m benchmarks figure RESULTS.json OUT.png``: it also writes the tables
as Markdown beside the figure (``OUT.md.txt``, which the Performance page includes).
``python -m benchmarks compare --docs`` measures and runs this in one go.
Needs matplotlib (``pip install 'nnd[plot]'``), imported only when drawing.

The x axis is the work in one gradient computation, counted as multiply-adds:
m·(inputs·hidden + hidden·outputs) for the forward pass, about twice that for
backpropagation, so 3·m·(inputs·hidden + hidden·outputs) in all.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TypedDict


class Style(TypedDict, total=False):
    """How one contender's line is drawn (keyword arguments of matplotlib's ``plot``)."""

    color: str
    marker: str
    linestyle: str


STYLES: dict[str, Style] = {
    "nnd python": {"color": "#1f77b4", "marker": "o", "linestyle": "-"},
    "hand-tuned Python": {"color": "#1f77b4", "marker": "o", "linestyle": ":"},
    "unrolled Python": {"color": "#2ca02c", "marker": "^", "linestyle": ":"},
    "nnd numpy": {"color": "#d62728", "marker": "s", "linestyle": "-"},
    "series NumPy": {"color": "#d62728", "marker": "s", "linestyle": ":"},
}


def multiply_adds(size: list[int]) -> int:
    """3·m·(inputs·hidden + hidden·outputs).

    >>> multiply_adds([3, 2, 3, 1])
    81
    """
    m, n_in, hidden, n_out = size
    return 3 * m * (n_in * hidden + hidden * n_out)


def draw(results: dict[str, Any], path: Path) -> None:
    """Write the figure for ``results`` (a dict as ``compare --json`` writes) to ``path``."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError("drawing the benchmark figure needs matplotlib: pip install 'nnd[plot]'") from exc

    rows = results["sizes"]
    xs = [multiply_adds(r["size"]) for r in rows]
    names = [n for n in results["sizes"][0]["seconds"]]
    fig, ax = plt.subplots(figsize=(7.0, 4.4), dpi=110)
    for name in names:
        points = [(x, r["seconds"][name]) for x, r in zip(xs, rows, strict=True) if name in r["seconds"]]
        ax.plot(
            [p[0] for p in points], [p[1] for p in points], label=name, linewidth=1.8, markersize=5,
            **STYLES.get(name, {"marker": "^"}),
        )  # fmt: skip
    for x, r in zip(xs, rows, strict=True):
        ax.annotate(str(tuple(r["size"])), (x, min(r["seconds"].values())), textcoords="offset points",
                    xytext=(0, -14), ha="center", fontsize=7, color="#555555")  # fmt: skip
    ax.margins(x=0.12, y=0.12)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("multiply-adds per gradient, 3·m·(inputs·hidden + hidden·outputs)")
    ax.set_ylabel("seconds per gradient (median)")
    ax.set_title("One forward + backpropagation pass: time against size")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(frameon=False, fontsize=8)
    machine = results.get("machine", {})
    ax.text(0.99, 0.02, f"Python {machine.get('python', '?')}, NumPy {machine.get('numpy', '-')}",
            transform=ax.transAxes, ha="right", fontsize=7, color="#777777")  # fmt: skip
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


def markdown_tables(results: dict[str, Any]) -> str:
    """The time table, the ratios and the speed claims as Markdown, for the docs page."""
    from benchmarks import report

    def md(text_table: str) -> str:
        lines = [
            [cell.strip() for cell in line.split("  ") if cell.strip()] for line in text_table.splitlines()
        ]
        head, *body = lines
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(rows + ["| " + " | ".join(r) + " |" for r in body])

    parts = [
        "Seconds per gradient computation (median of repeats):",
        "",
        md(report.format_times(results)),
        "",
    ]
    parts += ["Ratios (below 1: the first is faster):", "", md(report.format_ratios(results)), ""]
    marks = {True: "pass", False: "**fail**", None: "n/a"}
    parts += ["| speed claim | measured | result |", "|---|---|---|"]
    parts += [f"| {b.name} | {b.detail} | {marks[b.passed]} |" for b in report.bars(results)]
    extra = [report.crossover_text(results), *report.growth_text(results)]
    parts += [""] + [f"- {line}" for line in extra if line]
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks figure RESULTS.json OUT.png``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m benchmarks figure RESULTS.json OUT.png", file=sys.stderr)
        return 2
    results = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    out = Path(args[1])
    draw(results, out)
    out.with_suffix(".md.txt").write_text(markdown_tables(results), encoding="utf-8")
    print(f"figure written to {out}, tables to {out.with_suffix('.md.txt')}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
