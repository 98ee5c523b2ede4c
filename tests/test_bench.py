"""The benchmark's code: its references compute nnd's gradients, and its machinery runs on tiny sizes.

No test here times anything against a limit: speed is reported by ``nnd bench``, not asserted.
"""

from __future__ import annotations

import importlib.util
import json
import math

import pytest
from helpers import assert_close, network
from hypothesis import given
from hypothesis import strategies as st
from strategies import problems

from nnd import cli
from nnd.bench import contenders, report, runner, timing
from nnd.bench.reference_python import gradients as hand_tuned_gradients
from nnd.bench.reference_python import gradients_unrolled

HAVE_SCIPY = all(importlib.util.find_spec(m) is not None for m in ("numpy", "scipy"))
HAVE_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None

two_layer = problems(max_rows=8, max_inputs=4, max_hidden=6, max_outputs=3)


@pytest.mark.parametrize("reference", [hand_tuned_gradients, gradients_unrolled])
@given(problem=problems(max_rows=20, max_inputs=4, max_hidden=18, max_outputs=3))
def test_pure_python_references_compute_nnds_gradients(reference, problem: dict) -> None:
    # rows and hidden units up to 20 and 18: dot products on both sides of kernels.UNROLL
    net = network(problem, "python")
    expected = net.gradients(problem["X"], problem["y"])
    got = reference(problem["X"], problem["y"], *problem["weights"])
    for g, e in zip(got, expected, strict=True):
        assert_close(g, e)


@given(two_layer)
def test_series_numpy_reference_computes_nnds_gradients(problem: dict) -> None:
    np = pytest.importorskip("numpy", reason="the series' NumPy reference needs NumPy")
    from nnd.bench.reference_numpy import SeriesNetwork

    net = network(problem, "python")
    expected = net.gradients(problem["X"], problem["y"])
    NN = SeriesNetwork(*(np.array(W) for W in problem["weights"]))
    got = NN.costFunctionPrime(np.array(problem["X"]), np.array(problem["y"]))
    for g, e in zip(got, expected, strict=True):
        assert_close(g, e)
    assert math.isclose(NN.costFunction(np.array(problem["X"]), np.array(problem["y"])),
                        net.cost(problem["X"], problem["y"]), rel_tol=1e-9, abs_tol=1e-12)  # fmt: skip


def test_hand_tuned_reference_on_the_series_data_by_hand() -> None:
    """One example worked by hand: one student, one hidden unit, weights 0 -> every f is 1/2."""
    dJdW1, dJdW2 = hand_tuned_gradients([[0.3, 1.0]], [[0.75]], [[0.0], [0.0]], [[0.0]])
    # yHat = 1/2, delta3 = (1/2 - 3/4)·(1/4) = -1/16, dJdW2 = a2·delta3 = -1/32, delta2 = 0 (W2 = 0)
    assert dJdW2 == [[-1 / 32]]
    assert dJdW1 == [[0.0], [0.0]]


def test_problem_at_the_series_size_is_the_series_data() -> None:
    problem = contenders.make_problem((3, 2, 3, 1))
    assert problem.X == [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
    assert problem.y == [[0.75], [0.82], [0.93]]
    assert [len(problem.W1), len(problem.W1[0]), len(problem.W2), len(problem.W2[0])] == [2, 3, 3, 1]


@pytest.mark.parametrize("bad", [(3, 2, 3), (0, 2, 3, 1), (3, 2.0, 3, 1), (True, 2, 3, 1)])
def test_problem_rejects_bad_sizes(bad) -> None:
    with pytest.raises(ValueError, match="four positive ints"):
        contenders.make_problem(bad)


def test_every_contender_computes_the_same_gradients() -> None:
    problem = contenders.make_problem((5, 3, 4, 2))
    answers = {name: contenders.flat_gradients(fn()) for name, fn in contenders.contenders(problem).items()}
    assert len(answers) >= 2
    first = next(iter(answers.values()))
    assert len(first) == 3 * 4 + 4 * 2
    for values in answers.values():
        assert_close(values, first)


def test_side_by_side_times_every_contender_and_calls_it() -> None:
    calls = {"a": 0, "b": 0}

    def a() -> None:
        calls["a"] += 1

    def b() -> None:
        calls["b"] += 1
        sum(range(1000))

    times = timing.side_by_side({"a": a, "b": b}, repeat=3, min_time=0.0005)
    assert set(times) == {"a", "b"} and all(t > 0 for t in times.values())
    assert calls["a"] >= 3 and calls["b"] >= 3


class _FakeClock:
    """A clock that moves only when the timed function runs: each call lasts ``step`` seconds."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def call(self) -> None:
        self.now += self.step

    def timeit_module(self) -> object:
        """Stands in for ``timeit`` inside nnd.bench.timing: its Timers read this clock."""
        import timeit
        from types import SimpleNamespace

        return SimpleNamespace(Timer=lambda fn: timeit.Timer(fn, timer=lambda: self.now))


# steps and times are binary fractions, so the fake clock adds them up exactly
@pytest.mark.parametrize(
    ("step", "min_time", "expected"), [(2**-10, 5 * 2**-10, 6), (2**-7, 2**-8, 1), (2**-20, 2**-10, 1228)]
)
def test_calls_per_sample_reaches_the_minimum_time(monkeypatch, step, min_time, expected) -> None:
    clock = _FakeClock(step)
    monkeypatch.setattr(timing, "timeit", clock.timeit_module())
    n = timing.calls_per_sample(clock.call, min_time=min_time)
    assert n * step >= min_time  # one sample of n calls lasts at least min_time
    # tries of 1, 10, 100, ... calls (at most 10x more each), the last one aimed 1.2x past min_time
    assert n == expected


@pytest.mark.parametrize("bad", [{"repeat": 0}, {"min_time": 0.0}])
def test_side_by_side_rejects_bad_settings(bad) -> None:
    with pytest.raises(ValueError, match="repeat"):
        timing.side_by_side({"a": lambda: None}, **{"repeat": 3, "min_time": 0.001, **bad})


@given(k=st.floats(-3, 3), c=st.floats(1e-6, 1e3))
def test_growth_exponent_recovers_a_power_law(k: float, c: float) -> None:
    xs = [8, 16, 32, 64]
    assert math.isclose(runner.growth_exponent(xs, [c * x**k for x in xs]), k, abs_tol=1e-9)


def test_run_on_a_tiny_size_gives_times_for_every_contender() -> None:
    results = runner.run(sizes=[(2, 2, 2, 1)], repeat=1, min_time=0.0005, scans=False, training=False,
                         import_time=False)  # fmt: skip
    (row,) = results["sizes"]
    assert row["size"] == [2, 2, 2, 1] and row["agree"] is True
    assert {"nnd python", "hand-tuned Python", "unrolled Python"} <= set(row["seconds"])
    assert all(t > 0 for t in row["seconds"].values())
    json.dumps(results)  # what --json writes


def _results(python: float, numpy: float, hand: float, series: float, size=(64, 2, 16, 1)) -> dict:
    seconds = {"nnd python": python, "nnd numpy": numpy, "hand-tuned Python": hand, "series NumPy": series}
    return {"sizes": [{"size": list(size), "seconds": seconds}]}


def test_speed_claims_apply_their_limits() -> None:
    passed = {b.name[:2]: b.passed for b in report.bars(_results(1.3, 1.0, 1.0, 1.0))}
    assert passed == {"1.": True, "2.": True}
    passed = {b.name[:2]: b.passed for b in report.bars(_results(1.31, 1.01, 1.0, 1.0))}
    assert passed == {"1.": False, "2.": False}
    at_series = {b.name[:2]: b.passed for b in report.bars(_results(1.0, 1.3, 1.0, 1.0, (3, 2, 3, 1)))}
    assert at_series == {"1.": True, "2.": True, "3.": True}  # 1.3x is allowed at the series' size only
    at_series = {b.name[:2]: b.passed for b in report.bars(_results(1.15, 1.0, 1.0, 1.0, (3, 2, 3, 1)))}
    assert at_series["3."] is True  # python within 1.15x of numpy there ...
    at_series = {b.name[:2]: b.passed for b in report.bars(_results(1.16, 1.0, 1.0, 1.0, (3, 2, 3, 1)))}
    assert at_series["3."] is False  # ... and no more


def test_training_bar_is_na_without_scipy_and_import_bar_needs_both_measures() -> None:
    results = {"sizes": [], "training": {"ratio": None},
               "import_time": {"added_ms": 9.0, "importtime_ms": 16.0, "loads_numpy": False}}  # fmt: skip
    passed = {b.name[:2]: b.passed for b in report.bars(results)}
    assert passed == {"4.": None, "5.": False}


def test_training_race_runs_and_every_trainer_fits_the_data() -> None:
    from nnd.bench.training import measure_training

    out = measure_training(seeds=(0,), repeat=1, min_time=0.0005)
    (run,) = out["runs"]
    assert all(cost < 1e-6 for cost in run["cost"].values())
    if HAVE_SCIPY:
        assert set(run["seconds"]) == {"nnd python BFGS", "SciPy BFGS, series NumPy"}
        assert out["ratio"] > 0
    else:  # without SciPy only nnd races, and bar 4 reads n/a
        assert set(run["seconds"]) == {"nnd python BFGS"} and out["ratio"] is None


def test_import_time_measure_sees_that_numpy_stays_unloaded() -> None:
    out = runner.measure_import_time(runs=1)
    assert out["loads_numpy"] is False
    assert out["importtime_ms"] > 0 and out["bare_ms"] > 0


def test_cli_writes_json_and_prints_the_table(tmp_path, capsys) -> None:
    path = tmp_path / "results.json"
    argv = ["bench", "--quick", "--sizes", "3,2,3,1", "--backend", "python", "--no-scans", "--no-training",
            "--no-import-time", "--json", str(path)]  # fmt: skip
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert "(3, 2, 3, 1)" in printed and "nnd python / hand-tuned Python" in printed
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["sizes"][0]["size"] == [3, 2, 3, 1]


def test_cli_refuses_a_json_file_in_a_missing_folder_before_measuring(tmp_path, capsys) -> None:
    path = tmp_path / "missing" / "results.json"
    argv = ["bench", "--quick", "--sizes", "3,2,3,1", "--backend", "python", "--no-scans", "--no-training",
            "--no-import-time", "--json", str(path)]  # fmt: skip
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert "--json" in captured.err and "does not exist" in captured.err
    assert captured.out == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("size", ["3,2", "3,2,x,1", "0,2,3,1"])
def test_cli_rejects_a_bad_size(size, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["bench", "--sizes", size])
    assert exit_.value.code == 2
    assert "examples,inputs,hidden,outputs" in capsys.readouterr().err


def test_figure_is_a_png_or_a_clear_error_without_matplotlib(tmp_path) -> None:
    from nnd.bench import figure

    if not HAVE_MATPLOTLIB:
        with pytest.raises(ImportError, match=r"nnd\[plot\]"):
            figure.draw(_results(2e-5, 1e-5, 1.5e-5, 1e-5), tmp_path / "fig.png")
        return
    results = _results(2e-5, 1e-5, 1.5e-5, 1e-5, (3, 2, 3, 1))
    tenfold = {name: 10 * t for name, t in results["sizes"][0]["seconds"].items()}
    results["sizes"].append({"size": [64, 2, 16, 1], "seconds": tenfold})
    out = tmp_path / "fig.png"
    assert figure.main([str(_write(tmp_path / "r.json", results)), str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _write(path, results):
    path.write_text(json.dumps(results), encoding="utf-8")
    return path


def test_the_pages_tables_in_markdown() -> None:
    from nnd.bench import figure

    table = figure.markdown_tables(_results(2e-5, 1e-5, 1.5e-5, 1e-5, (3, 2, 3, 1)))
    assert "| (3, 2, 3, 1) | 20.0 µs | 10.0 µs | 15.0 µs | 10.0 µs |" in table
    claim = "3. python backend within 1.15x of numpy at the series' size"
    assert f"| {claim} | python / numpy = 2.00x | **fail** |" in table
