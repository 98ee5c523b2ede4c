"""The comparison harness: problems, contenders, the whole run, the report, the figure, the commands.

No test here times anything against a limit: the lab reports speed, it does not assert it.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks import __main__ as lab
from benchmarks import contenders, report, runner

HAVE_NUMPY = importlib.util.find_spec("numpy") is not None
HAVE_SCIPY = HAVE_NUMPY and importlib.util.find_spec("scipy") is not None
HAVE_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None


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
    assert {"nnd python", "hand-tuned Python", "unrolled Python"} <= set(answers)
    assert ("series NumPy" in answers) == HAVE_NUMPY
    first = answers["hand-tuned Python"]
    assert len(first) == 3 * 4 + 4 * 2
    for values in answers.values():
        assert all(
            math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in zip(values, first, strict=True)
        )


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


def _passed(results: dict) -> dict[str, bool | None]:
    return {b.name[:2]: b.passed for b in report.bars(results)}


def test_speed_claims_apply_their_limits() -> None:
    assert _passed(_results(1.3, 1.0, 1.0, 1.0)) == {"1.": True, "2.": True}
    assert _passed(_results(1.31, 1.01, 1.0, 1.0)) == {"1.": False, "2.": False}
    # at the series' size the numpy backend may take 1.2x the series' code, and no more
    assert _passed(_results(1.0, 1.2, 1.0, 1.0, (3, 2, 3, 1))) == {"1.": True, "2.": True, "3.": True}
    assert _passed(_results(1.0, 1.21, 1.0, 1.0, (3, 2, 3, 1)))["1."] is False
    # and the python backend within 1.15x of the numpy backend there
    assert _passed(_results(1.15, 1.0, 1.0, 1.0, (3, 2, 3, 1)))["3."] is True
    assert _passed(_results(1.16, 1.0, 1.0, 1.0, (3, 2, 3, 1)))["3."] is False


def test_training_bar_is_na_without_scipy_and_import_bar_needs_both_measures() -> None:
    results = {"sizes": [], "training": {"ratio": None},
               "import_time": {"added_ms": 9.0, "importtime_ms": 16.0, "loads_numpy": False}}  # fmt: skip
    assert _passed(results) == {"4.": None, "5.": False}


def test_training_race_runs_and_every_trainer_fits_the_data() -> None:
    from benchmarks.training import measure_training

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


def test_compare_writes_json_and_prints_the_tables(tmp_path, capsys) -> None:
    path = tmp_path / "results.json"
    argv = ["compare", "--quick", "--sizes", "3,2,3,1", "--backend", "python", "--no-scans", "--no-training",
            "--no-import-time", "--json", str(path)]  # fmt: skip
    assert lab.main(argv) == 0
    printed = capsys.readouterr().out
    assert "(3, 2, 3, 1)" in printed and "nnd python / hand-tuned Python" in printed
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["sizes"][0]["size"] == [3, 2, 3, 1]


def test_compare_refuses_a_json_file_in_a_missing_folder_before_measuring(tmp_path, capsys) -> None:
    path = tmp_path / "missing" / "results.json"
    with pytest.raises(SystemExit) as exit_:
        lab.main(["compare", "--quick", "--sizes", "3,2,3,1", "--json", str(path)])
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert "--json" in captured.err and "does not exist" in captured.err
    assert captured.out == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("size", ["3,2", "3,2,x,1", "0,2,3,1"])
def test_compare_rejects_a_bad_size(size, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        lab.main(["compare", "--sizes", size])
    assert exit_.value.code == 2
    assert "examples,inputs,hidden,outputs" in capsys.readouterr().err


def test_the_entry_point_lists_its_commands_and_refuses_others(capsys) -> None:
    assert lab.main([]) == 2
    listed = capsys.readouterr().out
    assert all(f"  {name} " in listed for name in lab.COMMANDS)
    assert lab.main(["no-such-command"]) == 2
    assert "unknown command 'no-such-command'" in capsys.readouterr().err
    assert all(importlib.util.find_spec(f"benchmarks.{module}") for module, _ in lab.COMMANDS.values())


def test_figure_without_matplotlib_is_a_clear_error(tmp_path, monkeypatch) -> None:
    from benchmarks import figure

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    with pytest.raises(ImportError, match=r"nnd\[plot\]"):
        figure.draw(_results(2e-5, 1e-5, 1.5e-5, 1e-5), tmp_path / "fig.png")


@pytest.mark.skipif(not HAVE_MATPLOTLIB, reason="matplotlib is not installed (core-only run)")
def test_figure_is_a_png_with_its_tables_beside_it(tmp_path, capsys) -> None:

    results = _results(2e-5, 1e-5, 1.5e-5, 1e-5, (3, 2, 3, 1))
    tenfold = {name: 10 * t for name, t in results["sizes"][0]["seconds"].items()}
    results["sizes"].append({"size": [64, 2, 16, 1], "seconds": tenfold})
    source = tmp_path / "r.json"
    source.write_text(json.dumps(results), encoding="utf-8")
    out = tmp_path / "fig.png"
    assert lab.main(["figure", str(source), str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "| (64, 2, 16, 1) | 200.0 µs |" in out.with_suffix(".md.txt").read_text(encoding="utf-8")


def test_the_pages_tables_in_markdown() -> None:
    from benchmarks import figure

    table = figure.markdown_tables(_results(2e-5, 1e-5, 1.5e-5, 1e-5, (3, 2, 3, 1)))
    assert "| (3, 2, 3, 1) | 20.0 µs | 10.0 µs | 15.0 µs | 10.0 µs |" in table
    claim = "3. python backend within 1.15x of numpy at the series' size"
    assert f"| {claim} | python / numpy = 2.00x | **fail** |" in table
