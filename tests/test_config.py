"""Choosing a backend: precedence, isolation across threads and tasks, and clear errors."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from importlib.metadata import EntryPoint

import pytest
from conftest import needs_numpy

import nnd
from nnd.arrays import registry as config
from nnd.arrays.python import PythonBackend
from nnd.cli import main


class Tagged(PythonBackend):
    """A python backend under another name, to tell the settings apart."""

    def __init__(self, name: str) -> None:
        self.name = name


A, B, C = Tagged("a"), Tagged("b"), Tagged("c")


def write_pyproject(path, backend: str) -> None:
    (path / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.nnd]\nbackend = "{backend}"\n')


def test_default_is_python() -> None:
    assert nnd.get_backend().name == "python"
    assert config.active_backend_source() == ("python", "default")


def test_precedence_network_over_scope_over_set_over_env_over_pyproject(tmp_path, monkeypatch) -> None:
    write_pyproject(tmp_path, "nope-from-pyproject")
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    with pytest.raises(nnd.UnknownBackendError, match=r"pyproject\.toml"):
        nnd.get_backend()  # pyproject decides (found two folders up) ...
    monkeypatch.setenv("NND_BACKEND", "python")
    assert config.active_backend_source()[1] == "environment variable NND_BACKEND"  # ... env beats it
    nnd.set_backend(A)
    assert nnd.get_backend() is A  # set_backend beats env
    with nnd.use_backend(B):
        assert nnd.get_backend() is B  # the scope beats set_backend
        assert nnd.Network(backend=C).backend is C  # the network's own argument beats everything
        assert nnd.Network().backend is B
    assert nnd.get_backend() is A
    nnd.set_backend(None)
    assert nnd.get_backend().name == "python"


def test_pyproject_backend_is_used(tmp_path, monkeypatch) -> None:
    write_pyproject(tmp_path, "python")
    monkeypatch.chdir(tmp_path)
    name, source = config.active_backend_source()
    assert name == "python" and source.startswith("[tool.nnd] in ") and source.endswith("pyproject.toml")


def test_nearest_pyproject_without_tool_nnd_stops_the_search(tmp_path, monkeypatch) -> None:
    write_pyproject(tmp_path, "nope")
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "pyproject.toml").write_text('[project]\nname = "inner"\n')
    monkeypatch.chdir(tmp_path / "inner")
    assert config.active_backend_source() == ("python", "default")


def test_malformed_pyproject_is_a_clear_error(tmp_path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.nnd\nbackend = ")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match="pyproject.toml"):
        nnd.get_backend()


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_environment_variable_counts_as_unset(monkeypatch, value: str) -> None:
    monkeypatch.setenv("NND_BACKEND", value)
    assert config.active_backend_source() == ("python", "default")


def test_environment_variable_is_read_at_each_lookup_not_at_import(monkeypatch) -> None:
    assert nnd.get_backend().name == "python"
    monkeypatch.setenv("NND_BACKEND", "no-such-backend")
    with pytest.raises(nnd.UnknownBackendError, match="NND_BACKEND"):
        nnd.get_backend()


def test_unknown_name_lists_available_backends_and_the_entry_point_group() -> None:
    with pytest.raises(nnd.UnknownBackendError) as info:
        nnd.set_backend("pytorch-typo")
    message = str(info.value)
    assert "'pytorch-typo'" in message and "python" in message and "nnd.backends" in message
    assert config._process_default is None  # the failed call changed nothing


def test_unknown_name_in_use_backend_and_network() -> None:
    with pytest.raises(nnd.UnknownBackendError):
        with nnd.use_backend("nope"):
            pass
    with pytest.raises(nnd.UnknownBackendError):
        nnd.Network(backend="nope")


def test_a_backend_must_be_a_name_or_a_backend() -> None:
    with pytest.raises(TypeError, match="expected a name"):
        nnd.Network(backend=3)


def fake_entry_points(monkeypatch, *eps: EntryPoint) -> None:
    monkeypatch.setattr(config, "_entry_points", lambda: list(eps))
    monkeypatch.setattr(config, "_loaded", {})


def test_known_backend_whose_library_is_missing_says_what_to_install(monkeypatch) -> None:
    fake_entry_points(
        monkeypatch, EntryPoint("numpy", "nnd_tests_no_such_module:X", config.ENTRY_POINT_GROUP)
    )
    with pytest.raises(nnd.BackendNotInstalledError, match=r"pip install 'nnd\[numpy\]'") as info:
        nnd.get_backend("numpy")
    assert isinstance(info.value, ImportError)


def test_numpy_backend_not_registered_says_what_to_install(monkeypatch) -> None:
    fake_entry_points(monkeypatch)
    with pytest.raises(ImportError, match=r"pip install 'nnd\[numpy\]'"):
        nnd.set_backend("numpy")


def test_two_plugins_with_one_name_is_an_error_naming_both(monkeypatch) -> None:
    fake_entry_points(
        monkeypatch,
        EntryPoint("dup", "pkg_one:Backend", config.ENTRY_POINT_GROUP),
        EntryPoint("dup", "pkg_two:Backend", config.ENTRY_POINT_GROUP),
    )
    with pytest.raises(nnd.UnknownBackendError, match="pkg_one.*pkg_two"):
        nnd.get_backend("dup")


def test_plugins_cannot_shadow_the_builtin_backend(monkeypatch) -> None:
    fake_entry_points(
        monkeypatch, EntryPoint("python", "nnd_tests_no_such_module:X", config.ENTRY_POINT_GROUP)
    )
    assert isinstance(nnd.get_backend("python"), PythonBackend)
    assert nnd.list_backends().count("python") == 1


def test_a_plugin_that_is_not_a_backend_is_rejected(monkeypatch) -> None:
    fake_entry_points(monkeypatch, EntryPoint("odd", "fractions:Fraction", config.ENTRY_POINT_GROUP))
    with pytest.raises(TypeError, match="not an nnd.arrays.backend.Backend"):
        nnd.get_backend("odd")


@needs_numpy
def test_numpy_is_listed_and_loaded_through_its_entry_point() -> None:
    assert nnd.list_backends()[:1] == ["python"] and "numpy" in nnd.list_backends()
    assert type(nnd.get_backend("numpy")).__module__ == "nnd.numpy_backend"


def test_use_backend_is_isolated_across_threads() -> None:
    seen: dict[str, str] = {}
    inside, release = threading.Event(), threading.Event()

    def worker() -> None:
        with nnd.use_backend(A):
            inside.set()
            release.wait(5)
            seen["worker"] = nnd.get_backend().name

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(5)
    seen["main while worker is inside"] = nnd.get_backend().name
    release.set()
    thread.join(5)
    assert seen == {"worker": "a", "main while worker is inside": "python"}


def test_use_backend_is_isolated_across_asyncio_tasks() -> None:
    async def task(backend: nnd.Backend, gate: asyncio.Event, other: asyncio.Event) -> str:
        with nnd.use_backend(backend):
            gate.set()
            await other.wait()  # both tasks are now inside their blocks at the same time
            await asyncio.sleep(0)
            return nnd.get_backend().name

    async def run() -> list[str]:
        ga, gb = asyncio.Event(), asyncio.Event()
        return list(await asyncio.gather(task(A, ga, gb), task(B, gb, ga)))

    assert asyncio.run(run()) == ["a", "b"]
    assert nnd.get_backend().name == "python"


def test_one_use_backend_object_shared_by_threads_and_tasks() -> None:
    shared = nnd.use_backend(A)
    first_inside, second_inside, first_left = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, str] = {}

    def first() -> None:  # enters first and leaves first, while the second is still inside
        with shared:
            first_inside.set()
            second_inside.wait(5)
        seen["first after"] = nnd.get_backend().name
        first_left.set()

    def second() -> None:
        first_inside.wait(5)
        with shared:
            second_inside.set()
            first_left.wait(5)
            seen["second inside"] = nnd.get_backend().name
        seen["second after"] = nnd.get_backend().name

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert seen == {"first after": "python", "second inside": "a", "second after": "python"}

    async def task(delay: float) -> str:
        with shared:
            await asyncio.sleep(delay)
            inside = nnd.get_backend().name
        return inside + "/" + nnd.get_backend().name

    async def run() -> list[str]:  # the task that enters first leaves first
        return list(await asyncio.gather(task(0.01), task(0.03)))

    assert asyncio.run(run()) == ["a/python", "a/python"]


def test_nested_use_backend_blocks_unwind_in_order() -> None:
    with nnd.use_backend(A):
        with nnd.use_backend(B):
            assert nnd.get_backend() is B
        assert nnd.get_backend() is A
    assert nnd.get_backend().name == "python"


def test_use_backend_restores_after_an_exception() -> None:
    with pytest.raises(RuntimeError):
        with nnd.use_backend(A):
            raise RuntimeError
    assert nnd.get_backend().name == "python"


def test_a_network_keeps_its_backend_after_the_setting_changes() -> None:
    with nnd.use_backend(A):
        net = nnd.Network()
    assert net.backend is A
    with pytest.raises(AttributeError):
        net.backend = B


def test_cli_backends_marks_the_active_one_and_names_the_setting(capsys, monkeypatch) -> None:
    monkeypatch.setenv("NND_BACKEND", "python")
    assert main(["backends"]) == 0
    out = capsys.readouterr().out
    assert "* python" in out and "chosen by environment variable NND_BACKEND" in out


def test_import_nnd_does_not_import_numpy() -> None:
    code = "import sys, nnd; nnd.Network().cost([[1, 2]], [[0.5]]); print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_long_unknown_name_is_not_quoted_whole() -> None:
    with pytest.raises(nnd.UnknownBackendError, match="unknown nnd backend 'xxx") as caught:
        nnd.get_backend("x" * 10_000)
    assert len(str(caught.value)) < 400


def test_threads_asking_for_a_backend_at_once_all_get_the_one_object(monkeypatch) -> None:
    """Each name is loaded once, even when eight threads ask for it at the same moment."""
    import time

    real_load = config._load

    def slow_load(name: str) -> nnd.Backend:  # widens the window in which two threads could both load
        time.sleep(0.05)
        return real_load(name)

    monkeypatch.setattr(config, "_loaded", {})
    monkeypatch.setattr(config, "_load", slow_load)
    barrier = threading.Barrier(8)
    got: list[nnd.Backend] = []

    def ask() -> None:
        barrier.wait()
        got.append(nnd.get_backend("python"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 8 and all(backend is got[0] for backend in got)


@needs_numpy
def test_threads_asking_for_numpy_at_once_all_get_the_one_object(monkeypatch) -> None:
    monkeypatch.setattr(config, "_loaded", {})
    barrier = threading.Barrier(8)
    got: list[nnd.Backend] = []

    def ask() -> None:
        barrier.wait()
        got.append(nnd.get_backend("numpy"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(backend) for backend in got}) == 1


def test_a_plugin_that_is_not_a_backend_is_an_nnd_error(monkeypatch) -> None:
    fake_entry_points(monkeypatch, EntryPoint("odd", "builtins:object", config.ENTRY_POINT_GROUP))
    with pytest.raises(TypeError, match="not an nnd.arrays.backend.Backend") as caught:
        nnd.get_backend("odd")
    assert isinstance(caught.value, nnd.NNDError)
