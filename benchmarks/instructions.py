"""Instructions per gradient, counted by valgrind's callgrind: a figure that load cannot move.

Times on a shared machine move by 10 to 30% from run to run at the series' size; the number
of instructions a call executes does not. For each contender (:mod:`benchmarks.contenders`)
a fresh interpreter calls it ``--calls`` times, then three times as often, each inside one
``map()``; callgrind counts only inside ``map_next`` (``--toggle-collect``), so start-up,
imports and building the problem are left out, and the difference of the two counts divided
by the difference of the calls is one call's count. Run with ``python -m benchmarks
instructions``; it needs valgrind (Debian: ``apt install valgrind``).

Instructions are not time: they leave out the caches and the memory and weigh every
instruction alike. At large sizes the data caches decide; at the series' size the instruction
cache does. A call that runs through more of the interpreter (more kinds of calls, dicts,
ranges, comprehensions) misses the 32 KiB first-level instruction cache more often and runs
fewer instructions per cycle, so its time ratio is worse than its instruction ratio. With
``--cache`` callgrind also simulates the caches and each call's first-level instruction-cache
misses are printed beside its instructions: as steady a figure, and the one that explains
the rest of the time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence

from benchmarks.contenders import (
    REFERENCE_OF,
    REFERENCES,
    SERIES_NUMPY,
    UNROLLED,
    Size,
    _check_size,
    usable_backends,
)

# What the child interpreter runs: argv = size, contender name, calls.
_CHILD = """
import collections, sys
from benchmarks.contenders import contenders, make_problem
size = tuple(int(n) for n in sys.argv[1].split(","))
name, calls = sys.argv[2], int(sys.argv[3])
backends = [name[4:]] if name.startswith("nnd ") else []
run = contenders(make_problem(size), backends=backends, references=[] if backends else [name])[name]
for _ in range(50):  # warmed up (CPython's specialising interpreter) before counting
    run()
collections.deque(map(lambda _: run(), range(calls)), 0)
"""


def count(name: str, size: Size, calls: int) -> float:
    """Instructions in one call of contender ``name`` at ``size``, by callgrind."""
    return counts(name, size, calls)["Ir"]


def counts(name: str, size: Size, calls: int, *, cache: bool = False) -> dict[str, float]:
    """One call's events by callgrind's names: ``Ir`` (instructions) and, with ``cache``,
    ``I1mr`` (first-level instruction-cache misses)."""

    def collected(n: int) -> dict[str, int]:
        command = [
            "valgrind", "--tool=callgrind", "--toggle-collect=map_next", "--callgrind-out-file=/dev/null",
            *(["--cache-sim=yes"] if cache else []),
            sys.executable, "-c", _CHILD, ",".join(map(str, size)), name, str(n),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        events = re.search(r"Events +: ([\w ]+)", done.stderr)
        found = re.search(r"Collected : ([\d ]+)", done.stderr)
        if done.returncode != 0 or events is None or found is None:
            raise RuntimeError(f"callgrind failed on {name!r}:\n{done.stderr[-2000:]}")
        return dict(zip(events.group(1).split(), map(int, found.group(1).split())))

    short, long = collected(calls), collected(3 * calls)
    wanted = ("Ir", "I1mr") if cache else ("Ir",)
    return {event: (long[event] - short[event]) / (2 * calls) for event in wanted}


def table(counts: dict[str, float], misses: dict[str, float] | None = None) -> str:
    """The counts in thousands of instructions, then each backend's ratio to its reference;
    with ``misses``, each contender's instruction-cache misses per call too.

    >>> print(table({"nnd python": 235_012.4, "hand-tuned Python": 177_531.0}))
    nnd python                     235.0k instructions per call
    hand-tuned Python              177.5k instructions per call
    nnd python / hand-tuned Python: 1.32
    >>> print(table({"nnd python": 219_000.0, "hand-tuned Python": 178_000.0},
    ...             {"nnd python": 2_379.4, "hand-tuned Python": 333.0}))
    nnd python                     219.0k instructions per call     2379 I1 misses
    hand-tuned Python              178.0k instructions per call      333 I1 misses
    nnd python / hand-tuned Python: 1.23 (I1 misses 7.15)
    """
    lines = []
    for name, n in counts.items():
        extra = f" {misses[name]:>8.0f} I1 misses" if misses else ""
        lines.append(f"{name:<25} {n / 1000:>10.1f}k instructions per call{extra}")
    pairs = [(f"nnd {b}", r) for b, r in REFERENCE_OF.items()]
    pairs += [("nnd python", UNROLLED), ("nnd python", "nnd numpy")]
    for a, b in pairs:
        if a in counts and b in counts:
            extra = f" (I1 misses {misses[a] / misses[b]:.2f})" if misses else ""
            lines.append(f"{a} / {b}: {counts[a] / counts[b]:.2f}{extra}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Count and print each contender's instructions per call; 2 if valgrind is missing."""
    summary = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m benchmarks instructions", description=summary)
    parser.add_argument("--size", default="3,2,3,1", help="examples,inputs,hidden,outputs (default 3,2,3,1)")
    parser.add_argument("--backend", action="append", help="a backend to count (default: python and numpy)")
    parser.add_argument("--calls", type=int, default=0, help="calls in the shorter run (default: by size)")
    parser.add_argument(
        "--cache", action="store_true", help="simulate the caches: instruction-cache misses per call too"
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: this command counts instructions with valgrind's callgrind")
        return 2
    size = _check_size([int(n) for n in args.size.split(",")])
    work = size[0] * (size[1] * size[2] + size[2] * size[3])  # multiplications in one forward pass
    calls = args.calls or max(10, 6000 // work)
    usable = usable_backends()
    names = [f"nnd {b}" for b in (args.backend or ["python", "numpy"]) if b in usable]
    names += [r for r in REFERENCES if r != SERIES_NUMPY or "numpy" in usable]
    events = {name: counts(name, size, calls, cache=args.cache) for name in names}
    print(f"CPython {sys.version.split()[0]}, size {size} (examples, inputs, hidden, outputs)")
    instructions = {name: e["Ir"] for name, e in events.items()}
    print(table(instructions, {name: e["I1mr"] for name, e in events.items()} if args.cache else None))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
