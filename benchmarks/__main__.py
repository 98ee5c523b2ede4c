"""``python -m benchmarks COMMAND [OPTIONS]``, run from the repository root.

``python -m benchmarks`` alone lists the commands; ``python -m benchmarks COMMAND --help``
gives each one's options. Each command is the ``main(argv)`` of one module of the lab.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

#: command -> (module, what it measures)
COMMANDS = {
    "compare": (
        "runner",
        "nnd's backends beside hand-tuned Python and the series' NumPy code: times, ratios",
    ),
    "figure": ("figure", "the Performance page's figure and tables, from a compare --json file"),
    "gpu_crossover": ("gpu_crossover", "where an Array-API backend on a GPU starts to beat NumPy on the CPU"),
    "bfgs_vs_scipy": (
        "bfgs_vs_scipy",
        "nnd's pure-Python BFGS against SciPy's on the series' data, per seed",
    ),
    "part7_test_cost": (
        "part7_test_cost",
        "Part 7: training and test cost with and without lambda, per seed",
    ),
    "digits": (
        "digits",
        "training on the handwritten digits: nnd's python backend against plain lists, and the backends",
    ),
    "draw_speed": ("draw_speed", "how fast nnd draws the network diagram and a cost surface"),
    "instructions": (
        "instructions",
        "instructions per gradient (valgrind's callgrind) for the backends and the references",
    ),
}


def usage() -> str:
    """The list of commands."""
    width = max(map(len, COMMANDS))
    lines = ["usage: python -m benchmarks COMMAND [OPTIONS]   (from the repository root)", "", "commands:"]
    lines += [f"  {name:<{width}}  {what}" for name, (_, what) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 2 with the list of commands for an unknown one."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"python -m benchmarks: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"benchmarks.{COMMANDS[command][0]}")
    status: int = module.main(rest)
    return status


if __name__ == "__main__":
    sys.exit(main())
