"""How fast nnd draws: the 2-3-1 diagram and a 50 × 50 cost surface on the python backend.

Run it with ``python -m benchmarks draw_speed`` (``--repeat N`` for more rounds). It prints
the median time per picture next to the target it aims for: the diagram in 5 ms or less
(it is drawn every time Jupyter shows a network), the surface in 1 s or less (2,500 costs,
plus gradient descent's and BFGS's paths). This is a measurement, not a test: the
numbers depend on the machine.

>>> times = measure(repeat=1, min_time=0.001, resolution=5)
>>> sorted(times), all(t > 0 for t in times.values())
(['cost surface', 'network diagram'], True)
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from nnd.cli.bench import side_by_side

TARGETS = {"network diagram": 0.005, "cost surface": 1.0}


def measure(repeat: int = 5, min_time: float = 0.05, resolution: int = 50) -> dict[str, float]:
    """``{picture: seconds}``, the median over ``repeat`` interleaved rounds."""
    import nnd
    from nnd import draw

    X, y = nnd.data.sleep_study()
    net = nnd.Network((2, 3, 1), seed=0, backend="python")
    contenders: dict[str, Callable[[], object]] = {
        "network diagram": lambda: draw.network(net),
        "cost surface": lambda: draw.cost_surface(net, X, y, resolution=resolution),
    }
    return side_by_side(contenders, repeat=repeat, min_time=min_time)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print each picture's time against its target."""
    summary = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m benchmarks draw_speed", description=summary)
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds (default 5)")
    args = parser.parse_args(argv)
    times = measure(repeat=max(1, args.repeat))
    for name, seconds in times.items():
        target = TARGETS[name]
        verdict = "within" if seconds <= target else "OVER"
        shown = f"{seconds * 1e3:.2f} ms" if seconds < 0.5 else f"{seconds:.3f} s"
        limit = f"{target * 1e3:g} ms" if target < 0.5 else f"{target:g} s"
        print(f"{name:<16} {shown:>10}   ({verdict} the target of {limit})")
    print("(python backend; the surface is 50 × 50 costs plus gradient descent's and BFGS's paths)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
