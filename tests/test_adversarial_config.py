"""A broken pyproject.toml in the working directory, and nnd as a package (import cost, typing, metadata)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import nnd
from nnd.arrays import registry as config
from nnd.util.errors import NNDError

BROKEN = {
    "tool is a string": b'tool = "x"\n',
    "tool.nnd is a number": b"[tool]\nnnd = 3\n",
    "backend is a number": b"[tool.nnd]\nbackend = 5\n",
    "not UTF-8": b'[tool.nnd]\nbackend = "\xff\xfe"\n',
    "invalid TOML": b"[[[\n",
    "binary": bytes(range(256)),
}


@pytest.fixture
def broken_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Path:
    (tmp_path / "pyproject.toml").write_bytes(BROKEN[request.param])
    monkeypatch.chdir(tmp_path)
    return tmp_path / "pyproject.toml"


@pytest.mark.parametrize("broken_project", list(BROKEN), indirect=True)
def test_a_broken_pyproject_is_one_clear_error_naming_the_file(broken_project: Path) -> None:
    with pytest.raises(config.ConfigError) as caught:
        nnd.get_backend()
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, NNDError)
    assert str(broken_project) in str(caught.value) and len(str(caught.value)) < 400
    assert nnd.get_backend("python").name == "python"  # a name given outright needs no settings


@pytest.mark.parametrize("broken_project", list(BROKEN), indirect=True)
def test_a_broken_pyproject_breaks_neither_import_nor_the_command(broken_project: Path) -> None:
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, *args], capture_output=True, text=True, cwd=broken_project.parent, timeout=600
    )
    assert run("-c", "import nnd, nnd.video, nnd.io, nnd.training").returncode == 0
    result = run("-m", "nnd", "demo")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "Traceback" not in result.stderr
    assert str(broken_project) in lines[0]
    assert run("-m", "nnd", "demo", "--backend", "python").returncode == 0


def test_a_folder_named_pyproject_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.nnd]\nbackend = "python"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    (inner / "pyproject.toml").mkdir(parents=True)
    monkeypatch.chdir(inner)
    backend, source = config.active_backend_source()
    assert backend == "python" and source == f"[tool.nnd] in {tmp_path / 'pyproject.toml'}"


# -- nnd as a package ----------------------------------------------------------------------------------
def test_import_nnd_loads_none_of_the_lazy_modules() -> None:
    code = (
        "import sys, nnd\n"
        "lazy = ['nnd.training', 'nnd.io', 'nnd.gradcheck', 'nnd.video', 'nnd.cli', 'typing']\n"
        "print([m for m in lazy if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stdout + result.stderr


def test_the_lazy_names_are_the_real_functions() -> None:
    from nnd.gradcheck import gradient_check
    from nnd.network import load
    from nnd.training import train

    assert (nnd.train, nnd.load, nnd.gradient_check) == (train, load, gradient_check)
    assert nnd.NNDError is NNDError and "NNDError" in nnd.__all__


def test_the_package_says_it_is_typed() -> None:
    assert (Path(nnd.__file__).parent / "py.typed").is_file()


def test_the_version_is_written_once() -> None:
    from importlib.metadata import version

    assert version("nnd") == nnd.__version__
    here = Path(nnd.__file__).resolve().parent.parent / "pyproject.toml"
    if here.is_file():  # a source tree (not an installed wheel): pyproject.toml names no version
        text = here.read_text(encoding="utf-8")
        assert 'dynamic = ["version"]' in text and '\nversion = "' not in text


@pytest.mark.skipif(os.name != "posix", reason="POSIX paths")
def test_errors_are_catchable_as_one_family(tmp_path: Path) -> None:
    caught = []
    for call in (
        lambda: nnd.load(tmp_path),
        lambda: nnd.Network().save("/dev/null"),
        lambda: nnd.gradient_check(nnd.Network(), [[1.0, 2.0]], [[0.5]], eps=-1),
        lambda: nnd.train(nnd.Network(), [[1.0, 2.0]], [[0.5]], gtol=10**400),
        lambda: nnd.get_backend("no-such-backend"),
        lambda: nnd.data.scale([[1, 2]], [0, 1]),
        lambda: nnd.norm([10**400]),
    ):
        try:
            call()
        except NNDError as exc:
            caught.append(type(exc).__name__)
    assert len(caught) == 7, caught
