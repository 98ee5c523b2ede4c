"""nnd's benchmark lab: development tooling, run from a source checkout, never installed.

Run ``python -m benchmarks`` from the repository root for the list of commands
(:mod:`benchmarks.__main__`); ``benchmarks/README.md`` says what each one measures.

The comparison at its heart (``python -m benchmarks compare``) races one gradient
computation (dJdW1, dJdW2) for the same data and weights, at sizes (examples, inputs,
hidden, outputs) from the series' (3, 2, 3, 1) up to (1000, 8, 64, 4):

- ``nnd <backend>``: ``Network.gradients(X, y)`` on each installed backend (with
  its input checks: this is what a user's call costs);
- ``hand-tuned Python``: the same math written for speed on plain lists
  (:mod:`benchmarks.reference_python`, the most readable version of the whole math);
- ``unrolled Python``: the same again with short dot products written out, the
  python backend's own loops called with no interface in between;
- ``series NumPy``: the series' own NumPy code (:mod:`benchmarks.reference_numpy`).

Times are medians of interleaved rounds measured in one run, timed as ``nnd bench``
times them (:func:`nnd.cli.bench.side_by_side`). The modules: :mod:`~benchmarks.contenders`
(what races), :mod:`~benchmarks.runner` (the whole run, as a dict, and the ``compare``
command), :mod:`~benchmarks.report` (text and the speed claims), :mod:`~benchmarks.training`
(BFGS against SciPy), :mod:`~benchmarks.figure` (the Performance page's figure and tables).
"""
