"""The lab's measurement scripts run and print what the docs and the release notes quote."""

from __future__ import annotations

import importlib.util
import re

import pytest

HAVE_NUMPY = importlib.util.find_spec("numpy") is not None
HAVE_SCIPY = HAVE_NUMPY and importlib.util.find_spec("scipy") is not None
HAVE_TORCH = HAVE_NUMPY and importlib.util.find_spec("torch") is not None


def _has_cuda() -> bool:
    from nnd.arrays.registry import load_backend
    from nnd.util.errors import NNDError

    try:
        type(load_backend("torch"))(device="cuda")
    except (NNDError, ImportError):
        return False
    return True


@pytest.mark.skipif(not HAVE_SCIPY, reason="SciPy is not installed (core-only run)")
def test_bfgs_against_scipy_prints_the_table_and_the_bar(capsys) -> None:
    from benchmarks import bfgs_vs_scipy

    status = bfgs_vs_scipy.main(["--seeds", "3"])
    out = capsys.readouterr().out
    rows = re.findall(r"^(nnd BFGS|SciPy BFGS).*?\s(\d+)\s+(\d+)\s+([\d.]+)", out, flags=re.M)
    assert len(rows) == 4 and all(0 <= int(ok) <= 3 for _, ok, _, _ in rows)
    assert "nnd as good as SciPy: successes" in out and ("NOT met" in out) == (status == 1)


def test_part7_test_cost_prints_medians_with_and_without_lambda(capsys) -> None:
    from benchmarks import part7_test_cost

    assert part7_test_cost.main(["--seeds", "2"]) == 0
    out = capsys.readouterr().out
    lams = re.findall(r"^bfgs\s+(\S+)\s+([\d.e+-]+)\s+([\d.e+-]+)", out, flags=re.M)
    assert [float(lam) for lam, _, _ in lams] == [0.0, 1e-4]
    assert all(float(test_j) > 0 for _, _, test_j in lams)


def test_draw_speed_prints_each_picture_against_its_target(capsys) -> None:
    from benchmarks import draw_speed

    assert draw_speed.main(["--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^network diagram +[\d.]+ ms +\((within|OVER) the target of 5 ms\)$", out, flags=re.M)
    assert re.search(r"^cost surface +[\d.]+ m?s +\((within|OVER) the target of 1 s\)$", out, flags=re.M)


@pytest.mark.parametrize("device", ["no-such-device", *([] if _has_cuda() else ["cuda"])])
def test_gpu_crossover_without_the_device_stops_with_the_reason(device, capsys) -> None:
    from benchmarks import gpu_crossover

    assert gpu_crossover.main(["--device", device]) == 2
    out, err = capsys.readouterr()
    assert out == "" and f"cannot measure torch on {device!r}" in err
    assert f"device {device!r} is not available" in err or "pip install 'nnd[torch]'" in err


@pytest.mark.skipif(not HAVE_TORCH, reason="PyTorch or NumPy is not installed")
def test_gpu_crossover_scans_on_the_cpu_too(capsys) -> None:
    from benchmarks import gpu_crossover

    assert gpu_crossover.main(["--device", "cpu", "--max-examples", "3", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "(3, 2, 3, 1)" in out and ("wins from" in out or "never won" in out)


def test_digits_times_the_plain_reference_nnd_and_each_backend(tmp_path, capsys) -> None:
    import json

    from benchmarks import digits

    out_file = tmp_path / "digits.json"
    argv = ["--epochs", "1", "--repeat", "1", "--images", "30", "--backend", "python"]
    assert digits.main([*argv, "--json", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert "1 epochs on 30 digits" in out
    for name in ("plain lists", "nnd python, loop", "nnd.train on python"):
        assert re.search(rf"^  {re.escape(name)}\s+[\d.]+ s\s+[\d.]+x the plain lists' time$", out, re.M), out
    saved = json.loads(out_file.read_text())
    assert saved["over_plain"]["plain lists"] == 1.0 and set(saved["seconds"]) == set(saved["over_plain"])


def test_instructions_counts_a_call_where_valgrind_is_installed_and_says_so_where_not(
    monkeypatch, capsys
) -> None:
    import shutil

    from benchmarks import instructions

    if shutil.which("valgrind"):
        n = instructions.count("hand-tuned Python", (3, 2, 3, 1), calls=5)
        # twelve exponentials and a few dozen multiplications: tens of thousands of instructions
        assert 20_000 < n < 2_000_000
        events = instructions.counts("hand-tuned Python", (3, 2, 3, 1), calls=5, cache=True)
        assert set(events) == {"Ir", "I1mr"}
        # the same instructions; each miss fetches a 64-byte line of at most 16 instructions
        assert abs(events["Ir"] - n) < 0.01 * n and 0 < events["I1mr"] < events["Ir"] / 16
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert instructions.main([]) == 2
    assert "valgrind is not installed" in capsys.readouterr().out
