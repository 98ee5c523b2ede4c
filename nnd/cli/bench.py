"""``nnd bench``: time one gradient computation on every backend beside the two references.

See :mod:`nnd.bench` for what is measured and the docs' Performance page for results.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HELP = "benchmark the backends against hand-tuned Python and the series' NumPy code"


def _size(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or min(values) < 1:
        raise argparse.ArgumentTypeError(
            "expected a size as examples,inputs,hidden,outputs "
            f"(four positive ints, like 64,2,16,1), got {text!r}"
        )
    return values


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--backend``, ``--sizes``, ``--json``, ``--repeat``, ``--min-time``, ``--quick`` and switches."""
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
        "--repeat", type=int, default=7, help="timed rounds per contender; the median is kept (7)"
    )
    parser.add_argument(
        "--min-time", type=float, default=0.02, help="seconds one timed sample lasts at least (0.02)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a fast, rougher run: --repeat 3 --min-time 0.005"
    )
    parser.add_argument("--no-scans", action="store_true", help="skip the crossover and growth scans")
    parser.add_argument("--no-training", action="store_true", help="skip the BFGS training race")
    parser.add_argument("--no-import-time", action="store_true", help="skip timing `import nnd`")


def run(args: argparse.Namespace) -> int:
    """Measure, print the report, and write the JSON file if asked."""
    from nnd.bench import report, runner
    from nnd.cli.train import check_output_path
    from nnd.util.errors import InvalidValueError

    repeat, min_time = (3, 0.005) if args.quick else (args.repeat, args.min_time)
    if repeat < 1 or not 0 < min_time < float("inf"):
        raise InvalidValueError(f"--repeat must be >= 1 and --min-time > 0, got {repeat} and {min_time}")
    check_output_path(args.json, "--json")  # as nnd train does: refuse before a long run, not after
    results = runner.run(
        sizes=args.sizes or runner.SIZES,
        backends=args.backends,
        repeat=repeat,
        min_time=min_time,
        scans=not args.no_scans,
        training=not args.no_training,
        import_time=not args.no_import_time,
    )
    print(report.format_report(results))
    if args.json:
        from nnd.util.files import write_file

        write_file(args.json, json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        print(f"\nresults written to {args.json}")
    return 0
