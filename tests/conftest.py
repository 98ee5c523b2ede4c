"""Shared fixtures: every test that takes ``backend`` runs once per backend.

The NumPy backend's runs skip, with a reason, where NumPy is not installed (the
core-only CI run); where it is installed nothing skips.
"""

from __future__ import annotations

import importlib.util
import os

import pytest
from hypothesis import HealthCheck, settings

import nnd
from nnd import config

# The autouse fixture below only resets backend settings, which examples never change, so
# reusing it across a test's examples is safe.
_shared = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
settings.register_profile("dev", max_examples=60, **_shared)
settings.register_profile("ci", max_examples=100, print_blob=True, **_shared)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

HAVE_NUMPY = importlib.util.find_spec("numpy") is not None
needs_numpy = pytest.mark.skipif(not HAVE_NUMPY, reason="NumPy is not installed (core-only run)")

BACKENDS = ["python", pytest.param("numpy", marks=needs_numpy)]


@pytest.fixture(params=BACKENDS, scope="session")
def backend(request: pytest.FixtureRequest) -> nnd.Backend:
    """Each backend in turn."""
    return nnd.get_backend(request.param)


@pytest.fixture(autouse=True)
def _clean_backend_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    """Every test starts with no backend setting: no env var, no set_backend, no pyproject above cwd."""
    monkeypatch.delenv(config.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    config.set_backend(None)
    yield
    config.set_backend(None)
