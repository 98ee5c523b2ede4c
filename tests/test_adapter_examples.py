"""The examples in the backend adapters' docstrings, run in the modules users import.

The adapters' source lives in backends/, but they install as nnd.numpy_backend and
nnd.arrayapi_backend. pytest's own doctest collection would import each file a second time,
under its folder's name; here the examples run in the installed modules themselves.
"""

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["nnd.numpy_backend", "nnd.arrayapi_backend"])
def test_the_adapters_examples_run(module: str) -> None:
    if module == "nnd.numpy_backend":
        pytest.importorskip("numpy", reason="the numpy backend's examples need NumPy")
    found = importlib.import_module(module)
    result = doctest.testmod(found, optionflags=doctest.ELLIPSIS, report=True)
    assert result.attempted > 0, f"{module} has no examples"
    assert result.failed == 0, f"{result.failed} of {module}'s {result.attempted} examples failed"
