"""The array layer: what the lesson computes with.

- :mod:`nnd.arrays.backend`: the interface every backend implements (the specification);
- :mod:`nnd.arrays.registry`: choosing a backend (by name, setting or scope) and finding plugins;
- :mod:`nnd.arrays.python`: the built-in backend of plain Python lists, with its array type
  (:mod:`~nnd.arrays.python.listarray`) and inner loops (:mod:`~nnd.arrays.python.kernels`);
- :mod:`nnd.arrays.conformance`: the checks a new backend must pass.

The NumPy and Array-API adapters are plugins, installed as ``nnd.numpy_backend`` and
``nnd.arrayapi_backend`` (their sources are in the repository's ``backends/``).
"""
