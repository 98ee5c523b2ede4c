"""``nnd demo``: the Part 4 walkthrough, on each backend, as a user runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from nnd.cli import main


def numbers_after(label: str, text: str) -> list[float]:
    line = next(line for line in text.splitlines() if label in line)
    return [float(x) for x in re.findall(r"-?\d+\.\d+(?:e-?\d+)?", line)]


def test_demo_prints_every_variable_with_its_shape_and_the_uphill_demonstration(backend, capsys) -> None:
    assert main(["demo", "--backend", backend.name, "--seed", "3"]) == 0
    out = capsys.readouterr().out
    shapes = dict(re.findall(r"^(\w+)\s+(\(\d+, \d+\)|scalar)", out, flags=re.M))
    assert shapes == {
        "X": "(3, 2)", "y": "(3, 1)", "W1": "(2, 3)", "W2": "(3, 1)", "z2": "(3, 3)", "a2": "(3, 3)",
        "z3": "(3, 1)", "yHat": "(3, 1)", "J": "scalar", "delta3": "(3, 1)", "dJdW2": "(3, 1)",
        "delta2": "(3, 3)", "dJdW1": "(2, 3)",
    }  # fmt: skip
    up = numbers_after("W + 3·dJdW", out)
    down = numbers_after("W - 3·dJdW", out)
    assert up[1] > up[0] and down[1] < down[0] and up[1] == down[0]
    ratio = float(re.search(r"= ([0-9.e+-]+)", out.split("Gradient check")[1]).group(1))
    assert ratio < 1e-8


def test_demo_prints_the_same_numbers_on_every_backend(capsys) -> None:
    pytest.importorskip("numpy", reason="needs the NumPy backend to compare with")
    main(["demo", "--backend", "python"])
    python_out = capsys.readouterr().out
    main(["demo", "--backend", "numpy"])
    numpy_out = capsys.readouterr().out
    assert numbers_after("W - 3·dJdW", python_out) == numbers_after("W - 3·dJdW", numpy_out)
    assert numbers_after("cost J", python_out) == numbers_after("cost J", numpy_out)


def test_unknown_backend_is_a_clear_cli_error(capsys) -> None:
    assert main(["demo", "--backend", "nope"]) == 2
    assert "unknown nnd backend 'nope'" in capsys.readouterr().err


def test_the_installed_nnd_command_runs_with_the_env_var() -> None:
    env = dict(os.environ, NND_BACKEND="python")
    result = subprocess.run(
        [sys.executable, "-m", "nnd", "demo"], capture_output=True, text=True, env=env, check=True
    )
    assert "backend 'python'" in result.stdout
