"""The whole comparison: the size table, the crossover and growth scans, training, import time.

``python -m benchmarks compare`` runs it and prints the report. The result is a plain dict
(what ``--json FILE`` writes); :mod:`benchmarks.report` turns it into text and
:mod:`benchmarks.figure` into the Performance page's figure and tables (``--docs`` writes
all three into docs/_static/bench/).

>>> results = run(sizes=[(3, 2, 3, 1)], backends=["python"], repeat=1, min_time=0.001,
...               scans=False, training=False, import_time=False)
>>> row = results["sizes"][0]
>>> row["size"], row["agree"], {"nnd python", "hand-tuned Python"} <= set(row["seconds"])
([3, 2, 3, 1], True, True)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nnd
from benchmarks.contenders import (
    Problem,
    Size,
    contenders,
    flat_gradients,
    have_numpy,
    make_problem,
    usable_backends,
)
from nnd.cli.bench import side_by_side

#: The sizes measured: the series' own, then growing (examples, inputs, hidden, outputs).
SIZES: tuple[Size, ...] = ((3, 2, 3, 1), (64, 2, 16, 1), (256, 8, 32, 1), (1000, 8, 64, 4))
#: Scans: the series' 2-3-1 network with more and more examples (where NumPy starts to win),
#: and time against examples and against hidden units.
CROSSOVER_EXAMPLES = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64)
GROWTH_EXAMPLES = (64, 128, 256, 512)
GROWTH_HIDDEN = (8, 16, 32, 64)


def run(
    sizes: Sequence[Sequence[int]] = SIZES,
    backends: Sequence[str] | None = None,
    repeat: int = 7,
    min_time: float = 0.02,
    *,
    scans: bool = True,
    training: bool = True,
    import_time: bool = True,
) -> dict[str, Any]:
    """Measure everything; ``backends=None`` means every usable backend."""
    names = usable_backends() if backends is None else list(backends)
    results: dict[str, Any] = {
        "machine": machine(),
        "settings": {"repeat": repeat, "min_time": min_time, "backends": names},
        "sizes": [measure_size(make_problem(size), names, repeat, min_time) for size in sizes],
    }
    if scans:
        results["crossover"] = scan(
            [(m, 2, 3, 1) for m in CROSSOVER_EXAMPLES], names, repeat, min_time, references=()
        )
        results["growth_examples"] = scan([(m, 8, 32, 1) for m in GROWTH_EXAMPLES], names, repeat, min_time)
        results["growth_hidden"] = scan([(256, 8, h, 1) for h in GROWTH_HIDDEN], names, repeat, min_time)
    if training:
        from benchmarks.training import measure_training

        results["training"] = measure_training(repeat=repeat)
    if import_time:
        results["import_time"] = measure_import_time()
    return results


def measure_size(
    problem: Problem, backends: Sequence[str], repeat: int, min_time: float, **kw: Any
) -> dict[str, Any]:
    """Seconds per gradient for every contender at one size, after checking they agree."""
    racers = contenders(problem, backends, **kw)
    answers = {name: flat_gradients(fn()) for name, fn in racers.items()}
    first = next(iter(answers.values()))
    agree = all(
        all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in zip(first, other, strict=True))
        for other in answers.values()
    )
    if not agree:
        raise RuntimeError(f"contenders disagree on the gradients at size {problem.size}: {answers}")
    return {"size": list(problem.size), "seconds": side_by_side(racers, repeat, min_time), "agree": agree}


def scan(
    sizes: Sequence[Size], backends: Sequence[str], repeat: int, min_time: float, **kw: Any
) -> list[dict[str, Any]]:
    """:func:`measure_size` over several sizes (fewer repeats: these rows show trends)."""
    return [measure_size(make_problem(s), backends, max(3, repeat // 2), min_time, **kw) for s in sizes]


def growth_exponent(xs: Sequence[float], ts: Sequence[float]) -> float:
    """The slope of log t against log x by least squares: t grows like x to this power.

    >>> round(growth_exponent([1, 2, 4], [3.0, 12.0, 48.0]), 6)
    2.0
    """
    lx, lt = [math.log(x) for x in xs], [math.log(t) for t in ts]
    mx, mt = statistics.fmean(lx), statistics.fmean(lt)
    return sum((a - mx) * (b - mt) for a, b in zip(lx, lt, strict=True)) / sum((a - mx) ** 2 for a in lx)


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    info: dict[str, Any] = {
        "nnd": nnd.__version__,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "env": {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS_", "OMP_", "MKL_"))},
    }
    if have_numpy():
        import numpy as np

        info["numpy"] = np.__version__
        try:
            from threadpoolctl import threadpool_info

            info["blas"] = [
                {k: lib.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                for lib in threadpool_info()
            ]
        except ImportError:
            pass
    return info


def measure_import_time(runs: int = 15) -> dict[str, float]:
    """Speed claim 5: what ``import nnd`` adds to a bare interpreter start, in milliseconds.

    Two measures, medians over ``runs`` fresh interpreters: the wall-clock difference
    between ``python -c "import nnd"`` and ``python -c "pass"``, and the cumulative
    time ``python -X importtime`` reports for ``nnd``. Also checks NumPy stays unloaded.
    """
    import time

    def wall(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare, with_nnd, cumulative = [], [], []
    for _ in range(runs):
        bare.append(wall("pass"))
        with_nnd.append(wall("import nnd"))
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import nnd"],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        line = [row for row in err.splitlines() if row.rstrip().endswith("| nnd")][-1]
        cumulative.append(int(line.split("|")[1]) / 1e6)
    loads_numpy = subprocess.run(
        [sys.executable, "-c", "import sys, nnd; print('numpy' in sys.modules)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip() == "True"  # fmt: skip
    return {
        "added_ms": 1e3 * (statistics.median(with_nnd) - statistics.median(bare)),
        "importtime_ms": 1e3 * statistics.median(cumulative),
        "bare_ms": 1e3 * statistics.median(bare),
        "loads_numpy": loads_numpy,
    }


DOCS = Path(__file__).resolve().parent.parent / "docs" / "_static" / "bench"
"""Where ``--docs`` writes the Performance page's results.json, figure and tables."""


def _size(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or min(values) < 1:
        raise argparse.ArgumentTypeError(
            f"expected examples,inputs,hidden,outputs (four positive ints, like 64,2,16,1), got {text!r}"
        )
    return values


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks compare``: measure, print the report, write the files asked for."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks compare",
        description="nnd's backends beside hand-tuned Python and the series' NumPy code, in one run",
    )
    parser.add_argument(
        "--backend", action="append", dest="backends", metavar="NAME",
        help="a backend to measure (repeat the option for several; default: every installed one)",
    )  # fmt: skip
    parser.add_argument(
        "--sizes", nargs="+", type=_size, metavar="M,IN,HIDDEN,OUT",
        help="sizes to measure (default: 3,2,3,1 64,2,16,1 256,8,32,1 1000,8,64,4)",
    )  # fmt: skip
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results to FILE as JSON")
    parser.add_argument(
        "--docs", action="store_true",
        help=f"write results.json, the figure and its tables into {DOCS.relative_to(DOCS.parents[2])}/",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=7, help="timed rounds per contender (7)")
    parser.add_argument(
        "--min-time", type=float, default=0.02, help="seconds per timed sample, at least (0.02)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a fast, rougher run: --repeat 3 --min-time 0.005"
    )
    parser.add_argument("--no-scans", action="store_true", help="skip the crossover and growth scans")
    parser.add_argument("--no-training", action="store_true", help="skip the BFGS training race")
    parser.add_argument("--no-import-time", action="store_true", help="skip timing `import nnd`")
    args = parser.parse_args(argv)
    repeat, min_time = (3, 0.005) if args.quick else (args.repeat, args.min_time)
    if repeat < 1 or not 0 < min_time < math.inf:
        parser.error(f"--repeat must be >= 1 and --min-time > 0, got {repeat} and {min_time}")
    if args.json is not None and not args.json.parent.is_dir():  # refuse before a long run, not after
        parser.error(f"--json: the folder {str(args.json.parent)!r} does not exist")
    results = run(
        sizes=args.sizes or SIZES,
        backends=args.backends,
        repeat=repeat,
        min_time=min_time,
        scans=not args.no_scans,
        training=not args.no_training,
        import_time=not args.no_import_time,
    )
    from benchmarks import report

    print(report.format_report(results))
    text = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    if args.json is not None:
        args.json.write_text(text, encoding="utf-8")
        print(f"\nresults written to {args.json}")
    if args.docs:
        from benchmarks import figure

        (DOCS / "results.json").write_text(text, encoding="utf-8")
        figure.main([str(DOCS / "results.json"), str(DOCS / "time_vs_size.png")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
