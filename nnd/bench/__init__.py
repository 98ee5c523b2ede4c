"""``nnd bench``: how fast is one gradient computation, and against what?

Each contender computes (dJdW1, dJdW2) for the same data and weights at sizes
(examples, inputs, hidden, outputs) from the series' (3, 2, 3, 1) up to
(1000, 8, 64, 4):

- ``nnd <backend>``: ``Network.gradients(X, y)`` on each installed backend (with
  its input checks: this is what a user's call costs);
- ``hand-tuned Python``: the same math written for speed on plain lists
  (:mod:`nnd.bench.reference_python`), fused and inlined;
- ``unrolled Python``: the same again with short dot products written out, the
  python backend's own loops called with no interface in between;
- ``series NumPy``: the series' own NumPy code (:mod:`nnd.bench.reference_numpy`),
  imported only if NumPy is installed.

Times are medians of interleaved rounds measured in one run (:mod:`nnd.bench.timing`).
The modules: :mod:`~nnd.bench.contenders` (what races), :mod:`~nnd.bench.runner`
(the whole run, as a dict), :mod:`~nnd.bench.report` (text and the speed claims),
:mod:`~nnd.bench.training` (BFGS against SciPy), :mod:`~nnd.bench.figure` (the plot).
"""
