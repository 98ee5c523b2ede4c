"""``nnd bench``: it times every backend asked for, compares them, and refuses what it cannot measure.

No test here times anything against a limit: speed is reported by ``nnd bench``, not asserted.
The benchmark lab of the source repository (``benchmarks/``) has tests of its own.
"""

from __future__ import annotations

import re

import pytest
from conftest import needs_numpy
from hypothesis import given
from hypothesis import strategies as st

from nnd import cli
from nnd.cli import bench


def test_side_by_side_times_every_contender_and_calls_it() -> None:
    calls = {"a": 0, "b": 0}

    def a() -> None:
        calls["a"] += 1

    def b() -> None:
        calls["b"] += 1
        sum(range(1000))

    times = bench.side_by_side({"a": a, "b": b}, repeat=3, min_time=0.0005)
    assert set(times) == {"a", "b"} and all(t > 0 for t in times.values())
    assert calls["a"] >= 3 and calls["b"] >= 3


class _FakeClock:
    """A clock that moves only when the timed function runs: each call lasts ``step`` seconds."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def call(self) -> None:
        self.now += self.step

    def timeit_module(self) -> object:
        """Stands in for ``timeit`` inside nnd.cli.bench: its Timers read this clock."""
        import timeit
        from types import SimpleNamespace

        return SimpleNamespace(Timer=lambda fn: timeit.Timer(fn, timer=lambda: self.now))


# steps and times are binary fractions, so the fake clock adds them up exactly
@pytest.mark.parametrize(
    ("step", "min_time", "expected"), [(2**-10, 5 * 2**-10, 6), (2**-7, 2**-8, 1), (2**-20, 2**-10, 1228)]
)
def test_calls_per_sample_reaches_the_minimum_time(monkeypatch, step, min_time, expected) -> None:
    clock = _FakeClock(step)
    monkeypatch.setattr(bench, "timeit", clock.timeit_module())
    n = bench.calls_per_sample(clock.call, min_time=min_time)
    assert n * step >= min_time  # one sample of n calls lasts at least min_time
    # tries of 1, 10, 100, ... calls (at most 10x more each), the last one aimed 1.2x past min_time
    assert n == expected


def test_side_by_side_takes_the_median_of_the_rounds(monkeypatch) -> None:
    clock = _FakeClock(0.0)
    steps = iter([2**-10] * 1 + [2**-10, 2**-6, 2**-9])  # calibration (1 call), then three rounds

    def call() -> None:
        clock.now += next(steps)

    monkeypatch.setattr(bench, "timeit", clock.timeit_module())
    assert bench.side_by_side({"f": call}, repeat=3, min_time=2**-10) == {"f": 2**-9}


@pytest.mark.parametrize("bad", [{"repeat": 0}, {"min_time": 0.0}, {"min_time": float("nan")}])
def test_side_by_side_rejects_bad_settings(bad) -> None:
    with pytest.raises(ValueError, match="repeat"):
        bench.side_by_side({"a": lambda: None}, **{"repeat": 3, "min_time": 0.001, **bad})


def test_numbers_counts_the_data_the_hidden_values_and_the_weights() -> None:
    # 1000 examples: X 1000x8, hidden values 1000x64, y 1000x4; W1 8x64, W2 64x4
    assert bench.numbers((1000, 8, 64, 4)) == 8000 + 64000 + 4000 + 512 + 256


@given(st.tuples(*[st.integers(1, 10**5)] * 4))
def test_a_size_is_taken_exactly_when_it_fits_the_limit(size) -> None:
    text = ",".join(map(str, size))
    m, n_in, hidden, n_out = size
    count = m * (n_in + hidden + n_out) + n_in * hidden + hidden * n_out
    if count <= bench.MAX_NUMBERS:
        assert bench.parse_size(text) == size
    else:
        with pytest.raises(ValueError, match=f"needs {count:,} numbers; nnd bench takes at most 2,000,000"):
            bench.parse_size(text)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(["bench", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_one_backend_one_size_prints_its_time(capsys) -> None:
    status, out, err = _run(capsys, "--quick", "--sizes", "3,2,3,1", "--backend", "python")
    assert status == 0 and err == ""
    row = next(line for line in out.splitlines() if line.startswith("(3, 2, 3, 1)"))
    assert re.fullmatch(r"\(3, 2, 3, 1\) +[\d.]+ (µs|ms|s) +python", row), row
    assert "one gradient computation, net.gradients(X, y)" in out
    assert "time over the fastest" not in out  # one backend: nothing to compare it with


@needs_numpy
def test_two_backends_get_their_ratios_to_the_fastest(capsys) -> None:
    status, out, _ = _run(capsys, "--quick", "--sizes", "3,2,3,1", "64,2,16,1", "--backend", "python",
                          "--backend", "numpy", "--backend", "python")  # fmt: skip
    assert status == 0
    header, *rows = [
        line.split() for line in out.split("time over the fastest backend's:")[1].strip().splitlines()
    ]
    assert header[-2:] == ["python", "numpy"]  # a backend named twice is measured once
    assert len(rows) == 2
    for row in rows:
        ratios = [float(cell.rstrip("x")) for cell in row[-2:]]
        assert min(ratios) == 1.0 and max(ratios) >= 1.0


def test_epoch_is_timed_when_minibatch_training_exists(capsys) -> None:
    from nnd.training import METHODS

    status, out, err = _run(capsys, "--quick", "--sizes", "12,2,3,1", "--backend", "python", "--epoch")
    if "sgd" in METHODS:
        assert status == 0 and "one epoch of minibatch training, batches of 10" in out
        assert sum(line.startswith("(12, 2, 3, 1)") for line in out.splitlines()) == 2
    else:
        assert status == 2 and out == ""
        assert (
            err == "nnd bench: error: --epoch: this version of nnd has no minibatch training (method 'sgd')\n"
        )


def test_digits_time_one_epoch_of_the_readme_network_on_each_backend(monkeypatch, capsys) -> None:
    X, Y, params = bench.digits_problem()
    assert (len(X), len(X[0]), len(Y[0])) == (1442, 64, 10)
    assert len(params) == 64 * 30 + 30 * 10 + 30 + 10  # weights, then biases
    trained: list[int] = []

    def few_images() -> tuple[list[list[float]], list[list[float]], list[float]]:
        trained.append(1)
        return X[:25], Y[:25], params  # three batches: quick, and the same code

    monkeypatch.setattr(bench, "digits_problem", few_images)
    status, out, err = _run(capsys, "--quick", "--data", "digits", "--backend", "python")
    assert status == 0 and err == "" and trained == [1]
    assert "one epoch of minibatch training on the digits (64-30-10 with biases, batches of 10):" in out
    row = next(line for line in out.splitlines() if line.startswith("digits"))
    assert re.fullmatch(r"digits \(1442, 64, 30, 10\) +[\d.]+ (µs|ms|s) +python", row), row


def test_digits_epoch_trains_from_the_same_start_each_time() -> None:
    import nnd

    X, Y, params = bench.digits_problem()
    epoch = bench.digits_epoch_timer("python", (X[:20], Y[:20], params))
    first, second = epoch(), epoch()
    assert first.x == second.x and first.x != params  # a step was taken, the same one both times
    assert nnd.Network((64, 30, 10), seed=0, bias=True).get_params().tolist() == params


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--data", "digits", "--sizes", "3,2,3,1"], "--data digits: it times its own network"),
        (["--data", "digits", "--epoch"], "leave out --sizes and --epoch"),
        (["--sizes", "100000,100000,100000,1"], "needs 30,000,200,000 numbers; nnd bench takes at most"),
        (["--sizes", "3,2,3,1", "1" + "0" * 4000 + ",1,1,1"], "needs about 10^4000 numbers"),
        (["--sizes", "3,2"], "expected examples,inputs,hidden,outputs (four positive ints"),
        (["--sizes", "3,2,x,1"], "four positive ints, like 64,2,16,1), got '3,2,x,1'"),
        (["--sizes", "0,2,3,1"], "four positive ints"),
        (["--repeat", "0"], "--repeat: expected an int from 1 to 1000, got '0'"),
        (["--repeat", "seven"], "--repeat: expected an int from 1 to 1000"),
        (["--repeat", "1001"], "--repeat: expected an int from 1 to 1000"),
        (["--min-time", "0"], "--min-time: expected seconds above 0 and at most 10"),
        (["--min-time", "nan"], "--min-time: expected seconds above 0 and at most 10"),
        (["--min-time", "inf"], "--min-time: expected seconds above 0 and at most 10"),
        (["--backend", "no-such-backend"], "no-such-backend"),
    ],
)
def test_a_refusal_is_one_line_and_exit_2_before_anything_is_measured(monkeypatch, capsys, argv, message):
    def must_not_run(*args: object) -> None:
        raise AssertionError("the data were built before the options were checked")

    monkeypatch.setattr(bench, "problem", must_not_run)
    status, out, err = _run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.startswith("nnd bench: error: ") and err.count("\n") == 1
    assert message in err


def test_the_size_limit_is_two_million_numbers() -> None:
    assert bench.parse_size("666666,1,1,1") == (666666, 1, 1, 1)  # 3 * 666666 + 1 + 1 = 2,000,000
    with pytest.raises(ValueError, match="needs 2,000,003 numbers; nnd bench takes at most 2,000,000"):
        bench.parse_size("666667,1,1,1")
