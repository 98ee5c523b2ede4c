"""Shared fixtures: every test that takes ``backend`` runs once per backend.

The backends are those of ``nnd.list_backends()`` whose library is installed. The NumPy
backend's runs skip, with a reason, where NumPy is not installed (the core-only CI run);
other backends whose library is missing are not run at all, and the report's header lists
them. ``NND_TEST_BACKENDS=python,torch`` runs only the backends named.
"""

from __future__ import annotations

import importlib.util
import os

import pytest
from hypothesis import HealthCheck, settings

import nnd
from nnd.arrays import registry as config

# The autouse fixture below only resets backend settings, which examples never change, so
# reusing it across a test's examples is safe.
_shared = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
settings.register_profile("dev", max_examples=60, **_shared)
settings.register_profile("ci", max_examples=100, print_blob=True, **_shared)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

HAVE_NUMPY = importlib.util.find_spec("numpy") is not None
needs_numpy = pytest.mark.skipif(not HAVE_NUMPY, reason="NumPy is not installed (core-only run)")


def _installed_backends() -> tuple[list, list[str]]:
    """Parameters for the ``backend`` fixture, and the backends left out, each with why."""
    chosen = [n.strip() for n in os.environ.get("NND_TEST_BACKENDS", "").split(",") if n.strip()]
    params, missing = [], []
    for name in nnd.list_backends():
        if chosen and name not in chosen:
            continue
        if name == "numpy" and not HAVE_NUMPY:
            params.append(pytest.param("numpy", marks=needs_numpy))
            continue
        try:
            nnd.get_backend(name)
        except config.BackendNotInstalledError as exc:
            missing.append(f"{name} ({str(exc).rpartition('install it with: ')[2]})")
            continue
        params.append(name)
    return params, missing


BACKENDS, MISSING_BACKENDS = _installed_backends()


def pytest_report_header() -> str:
    names = ", ".join(p if isinstance(p, str) else p.values[0] for p in BACKENDS)
    return f"nnd backends: {names}; not installed: {', '.join(MISSING_BACKENDS) or 'none'}"


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
