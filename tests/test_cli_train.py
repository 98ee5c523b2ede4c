"""``nnd train`` and ``nnd overfit`` as a user runs them."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import nnd
from nnd.cli import main
from nnd.cli.train import progress_printer
from nnd.training import Progress


def table(out: str) -> list[list[float]]:
    """Rows of the predictions table that follows the header 'sleep (h) ...'."""
    lines = out.split("sleep (h)")[1].splitlines()[1:]
    rows = []
    for line in lines:
        parts = line.split()
        if len(parts) != 5:
            break
        rows.append([float(p) for p in parts])
    return rows


def test_train_shows_progress_predictions_in_score_points_and_a_cost_curve(backend, capsys) -> None:
    assert main(["train", "--backend", backend.name, "--seed", "0"]) == 0
    out = capsys.readouterr().out
    assert f"backend {backend.name!r}" in out and "Part 4's cost" in out
    iterations = [int(n) for n in re.findall(r"^iteration +(\d+) +J = ", out, flags=re.M)]
    assert iterations[0] == 1 and iterations == sorted(iterations) and len(iterations) >= 2
    assert "converged" in out
    rows = table(out)
    assert [r[:2] for r in rows] == [[3, 5], [5, 1], [10, 2]]  # hours, not scaled inputs
    assert [r[3] for r in rows] == [75, 82, 93]  # actual scores out of 100
    assert all(abs(r[2] - r[3]) < 0.05 for r in rows)
    curve = out.split("cost J per iteration")[1]
    assert "┤" in curve and "└" in curve and re.search("[\u2801-\u28ff]", curve)


def test_train_with_gradient_descent_stops_at_max_iter(capsys) -> None:
    assert main(["train", "--method", "gd", "--max-iter", "40", "--learning-rate", "2"]) == 0
    out = capsys.readouterr().out
    assert "reached max_iter" in out and "40 iterations" in out
    assert re.search(r"^iteration +40 +J = ", out, flags=re.M)


def test_train_with_lambda_and_deeper_layers(capsys) -> None:
    assert main(["train", "--lam", "1e-4", "--hidden", "4,4", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "layers (2, 4, 4, 1)" in out and "Part 7's cost with λ = 0.0001" in out


def test_train_saves_a_network_that_loads_and_predicts_the_same(tmp_path: Path, capsys) -> None:
    path = tmp_path / "trained.json"
    assert main(["train", "--seed", "3", "--save", str(path)]) == 0
    printed = table(capsys.readouterr().out)
    net = nnd.load(path)
    X, _ = nnd.data.sleep_study()
    assert [round(100 * row[0], 2) for row in net.forward(X).tolist()] == [r[2] for r in printed]


def test_train_plot_writes_a_png(tmp_path: Path, capsys) -> None:
    pytest.importorskip("matplotlib", reason="--plot needs matplotlib")
    path = tmp_path / "training.png"
    assert main(["train", "--plot", str(path)]) == 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(path) in capsys.readouterr().out


def test_train_plot_without_matplotlib_fails_before_training_and_names_the_extra(
    monkeypatch, tmp_path: Path, capsys
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    assert main(["train", "--plot", str(tmp_path / "x.png")]) == 2
    captured = capsys.readouterr()
    assert "pip install 'nnd[plot]'" in captured.err and "iteration" not in captured.out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["train", "--learning-rate", "0.5"], "--method gd"),
        (["train", "--plot", "/no/such/folder/x.png"], "does not exist"),
        (["train", "--save", "/no/such/folder/x.json"], "does not exist"),
        (["train", "--save", "."], "is a folder"),
        (["overfit", "--plot", "."], "is a folder"),
        (["train", "--backend", "no-such-backend"], "no-such-backend"),
        (["overfit", "--lam", "0"], "--lam"),
        (["overfit", "--seeds", "0"], "argument --seeds"),
        (["overfit", "--seeds", "10001"], "argument --seeds"),
    ],
)
def test_bad_options_exit_2_with_a_message(argv, words, capsys) -> None:
    try:
        status = main(argv)
    except SystemExit as stop:  # refused as the command line is read
        status = stop.code
    assert status == 2
    assert words in capsys.readouterr().err


@pytest.mark.parametrize("command", [["train"], ["overfit"], ["overfit", "--seeds", "2"]])
@pytest.mark.parametrize("value", ["0", "-3", "x"])
def test_max_iter_below_one_is_a_usage_error(command, value, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--max-iter", value])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and "argument --max-iter: expected an int >= 1, got" in err


def test_overfit_with_no_steps_reports_the_starting_test_cost(monkeypatch, capsys) -> None:
    """Training can end before its first step (here: gtol so large that the start has converged)."""
    import nnd.cli.overfit as overfit

    monkeypatch.setattr(overfit, "train", lambda *a, **k: nnd.train(*a, **k, gtol=1e9))
    assert main(["overfit", "--seed", "0", "--hidden", "2"]) == 0
    out = capsys.readouterr().out
    _, _, testX, testY = nnd.data.train_test()
    start = nnd.Network((2, 2, 1), seed=0, lam=0.0).cost(testX, testY)
    assert "0 iterations" in out and f"test cost {start:.4e}" in out
    assert main(["overfit", "--seeds", "2", "--hidden", "2"]) == 0
    assert "median test J" in capsys.readouterr().out


def test_malformed_hidden_sizes_are_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--hidden", "3,x"])
    assert exit_info.value.code == 2 and "--hidden" in capsys.readouterr().err


def test_overfit_compares_training_and_test_cost_with_and_without_lambda(backend, capsys) -> None:
    assert main(["overfit", "--backend", backend.name, "--seed", "0"]) == 0
    out = capsys.readouterr().out
    assert "λ = 0:" in out and "λ = 0.0001:" in out and "scaled by the training maxima" in out
    plain, regular = (
        float(v) for v in re.search(r"Test cost: (\S+) without regularization, (\S+) with", out).groups()
    )
    assert regular < plain
    assert out.count("• training J") == 2 and out.count("sleep (h)") == 2
    assert "Predictions for the test students" in out
    assert table(out)[0][:2] == [4, 5.5] and [r[3] for r in table(out)] == [70, 89, 85, 75]
    assert "test J includes (λ/2)ΣW²" in out


def test_overfit_reports_the_test_data_term_without_the_penalty(capsys) -> None:
    """½Σ(y − yHat)²/m, checked against the printed predictions (score points, to 0.01)."""
    assert main(["overfit", "--seed", "0"]) == 0
    out = capsys.readouterr().out
    runs = re.split(r"\n\nλ = ", out)[1:]
    assert len(runs) == 2
    for run in runs:
        data_term = float(re.search(r"½Σ\(y − yHat\)²/m alone: (\S+)", run).group(1))
        errors = [row[4] / 100 for row in table(run)]
        assert data_term == pytest.approx(0.5 * sum(e * e for e in errors) / len(errors), rel=2e-3)
    test_cost = [float(re.search(r"test cost (\S+)", run).group(1)) for run in runs]
    data_terms = [float(re.search(r"alone: (\S+)", run).group(1)) for run in runs]
    assert test_cost[0] == data_terms[0] and test_cost[1] > data_terms[1]  # λ = 0, then λ > 0


def test_overfit_over_several_seeds_prints_medians(capsys) -> None:
    assert main(["overfit", "--seeds", "6"]) == 0
    out = capsys.readouterr().out
    rows = re.findall(r"^\s+(\S+)\s+(\S+e\S+)\s+(\S+e\S+)\s+(\S+e\S+)\s+(\S+)$", out, flags=re.M)
    medians = {float(lam): (float(test), float(data)) for lam, _, test, data, _ in rows}
    assert set(medians) == {0.0, 1e-4} and medians[1e-4][0] < medians[0.0][0]
    assert medians[0.0][0] == medians[0.0][1] and medians[1e-4][1] < medians[1e-4][0]
    assert "test J includes (λ/2)ΣW²" in out


def test_overfit_plot_writes_a_png(tmp_path: Path, capsys) -> None:
    pytest.importorskip("matplotlib", reason="--plot needs matplotlib")
    path = tmp_path / "overfit.png"
    assert main(["overfit", "--plot", str(path), "--max-iter", "50"]) == 0
    assert path.read_bytes()[:4] == b"\x89PNG"


def test_progress_rewrites_one_line_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    show = progress_printer(out, max_iter=200)
    for k in range(1, 4):
        show(Progress(k, 1.0 / k, None, 0.1))
    text = out.getvalue()
    assert text.count("\r") == 3 and "\n" not in text and "iteration    3" in text


def test_progress_prints_about_twenty_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    show = progress_printer(out, max_iter=200)
    for k in range(1, 201):
        show(Progress(k, 1.0 / k, 2.0 / k, 0.1))
    lines = out.getvalue().splitlines()
    assert 15 <= len(lines) <= 25 and "test J" in lines[0]


def test_the_nnd_command_runs_in_a_fresh_process() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "nnd", "train", "--max-iter", "5"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "iteration    5" in done.stdout and "reached max_iter" in done.stdout


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    """``nnd train | head``: the reader goes away; no BrokenPipeError traceback, exit status 1."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to the pipe now fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "nnd", "train", "--max-iter", "5"],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert done.returncode == 1 and done.stderr == ""


@pytest.mark.parametrize("name", ["nump", "no-such-backend"])
def test_backends_exits_1_when_the_selected_backend_is_unknown(monkeypatch, name, capsys) -> None:
    monkeypatch.setenv("NND_BACKEND", name)
    assert main(["backends"]) == 1
    out = capsys.readouterr().out
    assert f"{name!r} is selected but is not a known backend" in out


def test_backends_exits_1_when_the_selected_backend_is_not_installed(monkeypatch, capsys) -> None:
    import nnd.cli.backends as command
    from nnd.arrays.registry import BackendNotInstalledError

    def load(name):
        if name == "python":
            raise BackendNotInstalledError("pretend it is missing")
        return nnd.get_backend(name)

    monkeypatch.setattr(command, "load_backend", load)
    assert main(["backends"]) == 1
    assert "pretend it is missing" in capsys.readouterr().out


def test_backends_exits_0_when_the_selected_backend_works(monkeypatch, capsys) -> None:
    monkeypatch.setenv("NND_BACKEND", "python")
    assert main(["backends"]) == 0
    assert "active: python (chosen by environment variable NND_BACKEND)" in capsys.readouterr().out
