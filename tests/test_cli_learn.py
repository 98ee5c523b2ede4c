"""``nnd train --data``: real data from the command line, as a user runs it (short runs only)."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import nnd
from nnd.classify import accuracy, confusion_matrix
from nnd.cli import main
from nnd.cli.learn import ProgressBar, confusion_table, split
from nnd.training import Progress

posix = pytest.mark.skipif(os.name != "posix", reason="signals are sent the POSIX way")


def status_of(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as stop:  # refused as the command line is read
        return int(stop.code or 0)


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def printed_matrix(out: str) -> list[list[int]]:
    """The confusion matrix printed after the line 'true\\pred ...'."""
    lines = out.split("true\\pred")[1].splitlines()[1:]
    rows = []
    for line in lines:
        parts = line.split()
        if len(parts) < 2 or not all(p.isdigit() for p in parts[1:]):
            break
        rows.append([int(p) for p in parts[1:]])
    return rows


def printed_accuracy(out: str) -> tuple[float, int, int]:
    match = re.search(r"^test accuracy: ([\d.]+)% \((\d+) of (\d+) test examples right\)$", out, flags=re.M)
    assert match, out
    return float(match.group(1)), int(match.group(2)), int(match.group(3))


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- what is refused, before any data is read or any training starts ----------------------------------------
@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["--data", "digit"],
            "--data: expected digits, moons, circles, xor, spiral or a CSV file, got 'digit'",
        ),
        (["--data", ""], "--data: expected digits"),
        (["--data", "folder/"], "--data: expected a file name, got 'folder/', which names a folder"),
        (["--data", "moons", "--target", "label"], "--target picks a column of a CSV file"),
        (["--target", "label"], "--target picks the column to predict in a CSV file"),
        (["--data", "moons", "--epochs", "3"], "--epochs applies to --method sgd only (the method is lbfgs)"),
        (["--data", "digits", "--max-iter", "3"], "--max-iter applies to the full-batch methods"),
        (
            ["--data", "digits", "--method", "lbfgs", "--batch-size", "5"],
            "--batch-size applies to --method sgd",
        ),
        (["--data", "digits", "--method", "lbfgs", "--learning-rate", "1"], "--learning-rate applies to"),
        (["--epochs", "3"], "--epochs applies to --method sgd only (the method is bfgs)"),
        (["--data", "moons", "--plot", "x.png"], "--plot draws the series' figures"),
        (["--data", "digits", "--method", "bfgs"], "--method lbfgs"),  # 2,260 parameters: too many for BFGS
        (["--data", "moons", "--save", ""], "--save: expected a file name"),
        (["--data", "moons", "--epochs", "0", "--method", "sgd"], "argument --epochs: expected an int >= 1"),
        (["--data", "moons", "--batch-size", "-1"], "argument --batch-size: expected an int >= 1"),
        (["--data", "moons", "--learning-rate", "nan"], "argument --learning-rate: expected a positive"),
        (["--data", "moons", "--hidden", "0"], "argument --hidden"),
        (["--data", "moons", "--hidden", "5000000"], "--hidden: (2, 5000000, 1) would need"),
    ],
)
def test_a_mistake_is_one_line_and_exit_2_before_any_work(
    argv: list[str], words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import nnd.cli.learn as learn

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(learn, "train", lambda *a, **k: pytest.fail("training started"))
    assert status_of(["train", *argv]) == 2
    captured = capsys.readouterr()
    last = captured.err.strip().splitlines()[-1]  # argparse's usage errors come after the usage lines
    assert words in last and last.startswith("nnd train: error: ") and "Traceback" not in captured.err
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("a,b,label\n1,2,x\n3,4\n", "line 3"),  # ragged
        ("a,b,label\n1,,x\n3,4,y\n", "empty cell"),
        ("a,label\n1,x\n2,y\n3,x\n", "at least 5 are needed"),  # too few to keep a fifth for testing
    ],
)
def test_a_bad_csv_file_is_one_line_naming_the_problem(
    content: str, words: str, tmp_path: Path, capsys
) -> None:
    path = write(tmp_path / "bad.csv", content)
    assert main(["train", "--data", path]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith("nnd train: error: --data: ") and words in line


# -- what a run prints when piped ----------------------------------------------------------------------------
def test_a_teaching_set_prints_progress_lines_then_accuracy_and_confusion_matrix(
    tmp_path: Path, capsys
) -> None:
    saved = tmp_path / "moons.json"
    assert main(["train", "--data", "moons", "--max-iter", "30", "--save", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "moons" in out and "160 training and 40 test examples of 2 inputs" in out
    assert "layers (2, 10, 1) with biases" in out and "lbfgs, at most 30 iterations" in out
    steps = [
        int(n) for n in re.findall(r"^iteration +(\d+)/30  J = \S+  accuracy +\S+%  test accuracy", out, re.M)
    ]
    assert steps[0] == 1 and steps == sorted(steps) and len(steps) >= 5 and "\r" not in out
    percent, right, total = printed_accuracy(out)
    matrix = printed_matrix(out)
    assert len(matrix) == 2 and all(len(row) == 2 for row in matrix)
    assert total == 40 and sum(map(sum, matrix)) == 40 and right == matrix[0][0] + matrix[1][1]
    assert percent == pytest.approx(100 * right / total, abs=0.005)
    # the network saved is the one reported on: its own confusion matrix on every fifth point of moons()
    net = nnd.load(saved)
    X, y = nnd.data.moons()
    testX, testY = X[4::5], y[4::5]
    assert net.bias and confusion_matrix(net, testX, testY) == matrix


def test_digits_one_epoch_gives_a_ten_by_ten_matrix_of_the_test_images(capsys) -> None:
    assert main(["train", "--data", "digits", "--epochs", "1", "--backend", "python"]) == 0
    out = capsys.readouterr().out
    assert (
        "1,442 training and 355 test examples of 64 inputs" in out
        and "layers (64, 30, 10) with biases" in out
    )
    assert "sgd, 1 epoch of batches of 10, learning rate 3" in out
    assert re.search(r"^epoch 1/1  J = \S+  accuracy +\S+%  test accuracy +\S+%$", out, flags=re.M)
    assert "finished: 1 epoch" in out
    matrix = printed_matrix(out)
    _, _, _, testY = nnd.data.digits(one_hot=False)
    assert [sum(row) for row in matrix] == [testY.count(d) for d in range(10)]
    _, right, total = printed_accuracy(out)
    assert total == 355 and right == sum(matrix[d][d] for d in range(10))
    assert out.split("true\\pred")[1].split()[:10] == [str(d) for d in range(10)]


def test_sgd_prints_one_line_per_epoch_and_no_bias_leaves_the_biases_out(capsys) -> None:
    argv = ["train", "--data", "xor", "--method", "sgd", "--epochs", "3", "--no-bias", "--hidden", "4,3"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert re.findall(r"^epoch (\d)/3 ", out, flags=re.M) == ["1", "2", "3"]
    assert "layers (2, 4, 3, 1), backend" in out and "with biases" not in out


def test_a_csv_file_of_classes_names_them_in_the_confusion_matrix(tmp_path: Path, capsys) -> None:
    rows = "".join(f"{k % 7},{(3 * k) % 5},{'cat' if k % 2 else 'dog'}\n" for k in range(30))
    path = write(tmp_path / "pets.csv", "weight,height,kind\n" + rows)
    assert main(["train", "--data", path, "--target", "kind", "--epochs", "2"]) == 0
    out = capsys.readouterr().out
    assert "24 training and 6 test examples of 2 inputs" in out and "target column 'kind'" in out
    assert out.split("true\\pred")[1].split()[:2] == ["cat", "dog"]
    assert sum(map(sum, printed_matrix(out))) == 6


def test_a_csv_file_with_a_numeric_target_reports_the_test_cost(tmp_path: Path, capsys) -> None:
    rows = "".join(f"{k},{k % 3},{2 * k + 1}\n" for k in range(20))
    path = write(tmp_path / "numbers.csv", "a,b,c\n" + rows)
    assert main(["train", "--data", path, "--target", "0", "--epochs", "2"]) == 0
    out = capsys.readouterr().out
    assert "target column 'a' (a number)" in out and re.search(
        r"^test cost J = \S+ on 4 test examples", out, re.M
    )
    assert "confusion" not in out


def test_svg_saves_cost_and_accuracy_curves(tmp_path: Path, capsys) -> None:
    target = tmp_path / "curves.svg"
    assert main(["train", "--data", "circles", "--max-iter", "5", "--svg", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<svg") and 'class="curve accuracy test"' in text
    assert f"saved the learning curves to {target}" in capsys.readouterr().out


def test_without_data_the_series_run_is_the_series(capsys) -> None:
    assert main(["train", "--max-iter", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("nnd train: layers (2, 3, 1), backend ") and ", bfgs, Part 4's cost" in out
    assert "with biases" not in out and "sleep (h)" in out
    assert main(["train", "--bias", "--method", "sgd", "--epochs", "4"]) == 0
    out = capsys.readouterr().out
    assert "layers (2, 3, 1) with biases" in out and re.search(r"^epoch +4 +J = ", out, flags=re.M)


def test_split_keeps_every_fifth_example_for_testing() -> None:
    X = [[float(i)] for i in range(12)]
    trainX, trainY, testX, testY = split(X, X)
    assert testX == testY == [[4.0], [9.0]] and trainX == trainY == [x for x in X if x not in testX]


def test_confusion_table_lines_up_the_columns() -> None:
    table = confusion_table([[12, 0, 3], [1, 100, 0], [0, 0, 7]], ["cat", "dog", "a very long class name"])
    lines = table.splitlines()
    assert len({len(line) for line in lines}) == 1 and "a very lo..." in lines[0]
    assert lines[2].split() == ["dog", "1", "100", "0"]


# -- the progress bar ---------------------------------------------------------------------------------------
class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_rewrites_one_line_that_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    out = Terminal()
    bar = ProgressBar(out, 30, "epoch")
    for k in range(1, 31):
        bar.show(Progress(k, 1.0 / k, 2.0 / k, float("nan"), 0.5 + k / 100, 0.4 + k / 100))
    bar.finish()
    text = out.getvalue()
    assert text.count("\r") == 30 and text.count("\n") == 1 and text.endswith("\x1b[K\n")
    shown = [part.removesuffix("\x1b[K\n").removesuffix("\x1b[K") for part in text.split("\r")[1:]]
    assert all(len(part) <= 49 for part in shown) and shown[-1].startswith("[" + "=" * 24 + "] epoch 30/30")


def test_piped_progress_prints_about_thirty_lines() -> None:
    out = io.StringIO()
    bar = ProgressBar(out, 200, "iteration")
    for k in range(1, 201):
        bar.show(Progress(k, 1.0, None, 0.1))
    lines = out.getvalue().splitlines()
    assert 25 <= len(lines) <= 36 and lines[0].startswith("iteration   1/200  J = ")
    assert lines[-1].startswith("iteration 200/200")


# -- Ctrl-C -------------------------------------------------------------------------------------------------
def interrupting_train(monkeypatch: pytest.MonkeyPatch, times: int, at: int = 1) -> None:
    """Make ``nnd train --data`` receive ``times`` SIGINTs right after step ``at``."""
    import nnd.cli.learn as learn

    real = learn.train

    def train(*args: object, callback, **kwargs: object):  # type: ignore[no-untyped-def]
        def step(progress: Progress) -> bool:
            if progress.nit == at:
                for _ in range(times):
                    signal.raise_signal(signal.SIGINT)
            return bool(callback(progress))

        return real(*args, callback=step, **kwargs)

    monkeypatch.setattr(learn, "train", train)


def test_ctrl_c_stops_after_the_step_shows_the_results_and_saves_the_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    interrupting_train(monkeypatch, times=1, at=2)
    saved = tmp_path / "net.json"
    argv = ["train", "--data", "moons", "--method", "sgd", "--epochs", "50", "--save", str(saved)]
    assert main(argv) == 130
    captured = capsys.readouterr()
    assert captured.err == "nnd: interrupted: stopping after this epoch (Ctrl-C again to stop at once)\n"
    assert "interrupted after 2 epochs" in captured.out and "epoch 3/50" not in captured.out
    _, right, total = printed_accuracy(captured.out)
    net = nnd.load(saved)  # what was learned in those 2 epochs
    X, y = nnd.data.moons()
    assert round(accuracy(net, X[4::5], y[4::5]) * total) == right
    fresh = nnd.Network((2, 10, 1), seed=0, bias=True)
    assert net.get_params().tolist() != fresh.get_params().tolist()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Python's own handler is back


def test_a_second_ctrl_c_stops_at_once_and_saves_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    interrupting_train(monkeypatch, times=2)
    saved = tmp_path / "net.json"
    argv = ["train", "--data", "moons", "--method", "sgd", "--epochs", "50", "--save", str(saved)]
    assert main(argv) == 130
    captured = capsys.readouterr()
    assert captured.err.splitlines()[-1] == "nnd: interrupted" and "Traceback" not in captured.err
    assert "test accuracy" not in captured.out and not saved.exists()


@posix
def test_ctrl_c_in_a_real_run_exits_130_with_the_network_saved(tmp_path: Path) -> None:
    saved = tmp_path / "net.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "nnd", "train", "--data", "spiral", "--method", "sgd", "--epochs", "1000000",
         "--save", str(saved)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    watchdog = threading.Timer(300, process.kill)  # a test that cannot find the line must not hang
    watchdog.start()
    try:
        for line in process.stdout:  # piped: the first epoch is always shown, from inside training
            if re.match(rb"epoch +1/1000000 ", line):
                break
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=300)
    finally:
        watchdog.cancel()
    assert process.returncode == 130, err
    assert err.startswith(b"nnd: interrupted: stopping after this epoch") and b"Traceback" not in err
    assert re.search(rb"^interrupted after \d+ epochs? ", out, flags=re.M) and b"test accuracy:" in out
    assert nnd.load(saved).layer_sizes == (2, 10, 3)
