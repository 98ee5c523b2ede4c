"""The ``nnd`` command under hostile conditions: bad output paths, Ctrl-C, a closed or full standard
output, encodings that cannot show Σ, nasty option values, and real bugs that must stay visible."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnd
from nnd import cli
from nnd.util.errors import InvalidValueError

posix = pytest.mark.skipif(os.name != "posix", reason="devices, FIFOs and sh redirections are POSIX")


def nnd_command(
    *args: str, env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess:
    """``python -m nnd ARGS`` in a fresh process, output captured as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "nnd", *args], capture_output=True, env=env, timeout=600, **options
    )


def shell(command: str, **options: object) -> subprocess.CompletedProcess:
    """``command`` run by sh, with ``nnd`` standing for this Python's ``python -m nnd``."""
    return subprocess.run(
        ["sh", "-c", command.replace("nnd ", f"'{sys.executable}' -m nnd ", 1)],
        capture_output=True, timeout=600, **options,
    )  # fmt: skip


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# -- conventions ------------------------------------------------------------------------------------
def test_version_is_the_package_version() -> None:
    from importlib.metadata import version

    result = nnd_command("--version")
    assert result.returncode == 0 and result.stdout.decode().split() == ["nnd", nnd.__version__]
    assert version("nnd") == nnd.__version__  # written once: the metadata reads it from the source


def test_bare_nnd_prints_the_help_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    assert "usage: nnd" in out and all(name in out for name in ("demo", "train", "overfit", "backends"))


def test_python_dash_m_nnd_runs_a_command() -> None:
    result = nnd_command("demo")
    assert result.returncode == 0 and b"Part 4" in result.stdout and result.stderr == b""


def test_only_nnds_own_errors_become_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import nnd.cli.demo as demo

    def buggy(args: object) -> int:
        raise ValueError("a bug in nnd, not the user's input")

    monkeypatch.setattr(demo, "run", buggy)
    with pytest.raises(ValueError, match="a bug in nnd"):
        cli.main(["demo"])

    def refused(args: object) -> int:
        raise InvalidValueError("--seed: refused")

    monkeypatch.setattr(demo, "run", refused)
    assert cli.main(["demo"]) == 2
    assert capsys.readouterr().err == "nnd demo: error: --seed: refused\n"
    with pytest.raises(InvalidValueError):  # --debug shows the traceback
        cli.main(["--debug", "demo"])


# -- output paths are checked before training ---------------------------------------------------------
def bad_paths(tmp: Path) -> list[tuple[str, str]]:
    fifo = tmp / "fifo"
    if not fifo.exists() and hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    dangling = tmp / "dangling.json"
    if not dangling.is_symlink():
        dangling.symlink_to(tmp / "nowhere.json")
    paths = [(str(tmp), "folder"), (str(tmp / "missing" / "n.json"), "does not exist"),
             (str(dangling), "does not exist")]  # fmt: skip
    if os.name == "posix":
        paths += [("/dev/null", "character device"), ("/dev/full", "character device"), (str(fifo), "FIFO")]
    return paths


@pytest.mark.parametrize("option", ["--save", "--plot", "--svg"])
def test_an_unwritable_output_path_is_a_usage_error_before_training(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path, words in bad_paths(tmp_path):
        before = sorted(p.name for p in tmp_path.iterdir())
        assert cli.main(["train", option, path]) == 2, path
        captured = capsys.readouterr()
        line = one_error_line(captured.err)
        assert option in line and words in line and ".tmp" not in line, line
        assert "iteration" not in captured.out  # refused before any training
        assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_real_run_that_fails_to_write_at_the_end_says_so_in_one_line(tmp_path: Path) -> None:
    """The path was fine when checked, and then the folder went away while training ran."""
    code = (
        "import shutil, sys, nnd.cli.train as t\n"
        "real = t.train\n"
        "def train(*a, **k):\n"
        "    out = real(*a, **k)\n"
        f"    shutil.rmtree({str(tmp_path / 'gone')!r})\n"
        "    return out\n"
        "t.train = train\n"
        "from nnd.cli import main\n"
        f"sys.exit(main(['train', '--max-iter', '2', '--save', {str(tmp_path / 'gone' / 'n.json')!r}]))\n"
    )
    (tmp_path / "gone").mkdir()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    line = one_error_line(result.stderr)
    assert result.returncode == 1 and "--save" not in line and "n.json" in line and ".tmp" not in line


@pytest.mark.parametrize("name", ["cost.xyz", "cost.json"])
def test_a_figure_format_matplotlib_cannot_write_is_refused_before_training(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib", reason="--plot needs matplotlib")
    assert cli.main(["train", "--plot", str(tmp_path / name)]) == 2
    captured = capsys.readouterr()
    assert "--plot" in one_error_line(captured.err) and "iteration" not in captured.out
    assert list(tmp_path.iterdir()) == []


# -- interruption and standard output ------------------------------------------------------------------
@posix
def test_ctrl_c_prints_one_line_and_exits_130() -> None:
    code = (
        "import sys, time, nnd.cli.train as t\n"
        "def train(*a, **k):\n"
        "    print('training', file=sys.stderr, flush=True)\n"
        # short sleeps: a SIGINT that lands after the print but before a long sleep began
        # would wait for that sleep to end (Python looks at signals between bytecodes)
        "    while True:\n"
        "        time.sleep(0.05)\n"
        "t.train = train\n"
        "from nnd.cli import main\n"
        "sys.exit(main(['train']))\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stderr is not None
    assert process.stderr.readline() == b"training\n"  # now inside training
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 130 and err == b"nnd: interrupted\n"


def test_an_interruption_leaves_no_traceback_in_process(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import nnd.cli.train as train_command

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(train_command, "train", interrupted)
    assert cli.main(["train"]) == 130
    assert capsys.readouterr().err == "nnd: interrupted\n"


@posix
@pytest.mark.parametrize("command", ["train --max-iter 3", "demo", "overfit --max-iter 3", "backends"])
def test_a_closed_standard_output_is_one_line_and_status_1(command: str) -> None:
    result = shell(f"nnd {command} >&-")
    assert result.returncode == 1 and b"standard output" in result.stderr
    one_error_line(result.stderr.decode())


@posix
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command", ["train --max-iter 3", "demo", "overfit --max-iter 3", "--help", "--version", "", "train -h"]
)
def test_a_full_disk_is_one_line_and_status_1(command: str) -> None:
    result = shell(f"nnd {command} > /dev/full")
    assert result.returncode == 1
    assert "No space left on device" in one_error_line(result.stderr.decode())


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize("command", [["demo"], ["train", "--max-iter", "3"], ["overfit", "--max-iter", "3"]])
def test_an_output_encoding_without_the_series_symbols_still_works(encoding: str, command: list[str]) -> None:
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    result = nnd_command(*command, env=env)
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    text = result.stdout.decode(encoding)  # every byte is the encoding's own
    assert "J" in text and "Traceback" not in text
    if encoding == "ascii" and command == ["demo"]:
        assert "1/2sum(y - yHat)^2" in text  # ½Σ(y − yHat)² spelled out, not dropped


# -- nasty option values ---------------------------------------------------------------------------------
NASTY = ["nan", "inf", "-inf", "-1", "0", "1e400", "-0", "1e-400", "9" * 400, "0x10", "", " ", "1,2", "½"]


@settings(max_examples=60)
@given(
    option=st.sampled_from(["--lam", "--learning-rate", "--max-iter", "--hidden", "--seed"]),
    value=st.sampled_from(NASTY),
    command=st.sampled_from(["train", "overfit"]),
)
def test_nasty_option_values_end_in_a_usage_error_or_a_run(option: str, value: str, command: str) -> None:
    if option == "--learning-rate" and command == "overfit":
        option = "--lam"
    argv = [command, option, value, "--max-iter", "2"] if option != "--max-iter" else [command, option, value]
    if command == "train" and option == "--learning-rate":
        argv += ["--method", "gd"]
    try:
        status = cli.main(argv)
    except SystemExit as stop:  # argparse's own usage errors
        status = stop.code
    assert status in (0, 2)


def test_a_layer_so_wide_that_it_saturates_is_not_reported_as_converged(capsys) -> None:
    assert cli.main(["train", "--hidden", "100000", "--method", "gd", "--max-iter", "1"]) == 0
    out = capsys.readouterr().out
    assert "converged" not in out and "saturated" in out


def test_a_network_too_big_for_bfgs_is_refused_before_training(capsys) -> None:
    assert cli.main(["train", "--hidden", "100000"]) == 2
    captured = capsys.readouterr()
    assert "--method lbfgs" in one_error_line(captured.err) and "iteration" not in captured.out


@pytest.mark.parametrize("sizes", ["1000000000000", "9" * 400, "3,10000001", "1e9"])
def test_a_layer_beyond_the_limit_is_a_usage_error_before_anything_is_drawn(sizes: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["train", "--hidden", sizes])
    captured = capsys.readouterr()
    assert stop.value.code == 2 and "--hidden" in captured.err and captured.out == ""


# -- every option checked before any work ------------------------------------------------------------------
def status_of(argv: list[str]) -> int:
    """``nnd ARGV``'s exit status, whether argparse or the command refused it."""
    try:
        return cli.main(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["train", "--save", ""], "--save"),
        (["train", "--svg", ""], "--svg"),
        (["train", "--plot", ""], "--plot"),
        (["overfit", "--svg", ""], "--svg"),
        (["draw", "network", "-o", ""], "-o"),
        (["train", "--save", "out/"], "--save"),
        (["draw", "sigmoid", "-o", "pictures/"], "-o"),
    ],
)
def test_an_empty_output_name_or_one_naming_a_folder_is_a_usage_error(
    argv: list[str], option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    line = one_error_line(captured.err)
    assert line.startswith(f"nnd {argv[0]}: error: {option}: expected a file name, got "), line
    assert captured.out == "" and list(tmp_path.iterdir()) == []


@posix
@pytest.mark.parametrize(
    ("args", "name", "said"),
    [
        (["train", "--max-iter", "2", "--save"], b"\xff.json", "saved the trained network to \ufffd.json"),
        (["train", "--max-iter", "2", "--svg"], b"\xfe.svg", "saved the cost per iteration to \ufffd.svg"),
        (["draw", "sigmoid", "-o"], b"caf\xe9.svg", "saved the sigmoid picture to caf\ufffd.svg"),
    ],
)
def test_an_output_name_that_is_not_utf8_is_written_and_reported_as_saved(
    args: list[str], name: bytes, said: str, tmp_path: Path
) -> None:
    """POSIX names are bytes; Python passes the bytes that are not UTF-8 on as lone surrogates."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")  # a strict UTF-8 output: surrogates cannot be written
    result = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"nnd", *(a.encode() for a in args), name],
        capture_output=True, env=env, cwd=tmp_path, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    assert said in result.stdout.decode("utf-8")
    assert os.listdir(os.fsencode(tmp_path)) == [name] and (tmp_path / os.fsdecode(name)).stat().st_size > 0


def test_text_with_lone_surrogates_reaches_a_strict_output_with_them_replaced() -> None:
    import io

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    out = cli._Output(stream)
    out.write("saved to " + os.fsdecode(b"\xff.json") + "\n")
    out.flush()
    assert raw.getvalue().decode("utf-8") == "saved to \ufffd.json\n"


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["train", "--hidden", "1000000"], "--hidden"),  # 3 M weights: fine for a network, not for BFGS
        (["train", "--hidden", "5000000", "--method", "gd"], "--hidden"),  # 15 M weights > MAX_WEIGHTS
        (["overfit", "--hidden", "1000"], "--hidden"),  # overfit trains with BFGS
    ],
)
def test_layers_too_big_are_refused_before_a_network_is_built(
    argv: list[str], option: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import nnd.cli.overfit
    import nnd.cli.train

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network was built before the sizes were refused")

    monkeypatch.setattr(nnd.cli.train, "Network", no_network)
    monkeypatch.setattr(nnd.cli.overfit, "Network", no_network)
    assert status_of(argv) == 2
    captured = capsys.readouterr()
    assert one_error_line(captured.err).startswith(f"nnd {argv[0]}: error: {option}: ")
    assert captured.out == ""


def test_the_weight_limit_is_the_networks_own(capsys) -> None:
    """(1, n, 1) is the smallest network with n hidden units: 2n weights, refused as the line is read."""
    from nnd.util.checks import MAX_WEIGHTS

    assert status_of(["train", "--hidden", str(MAX_WEIGHTS // 2 + 1), "--method", "gd"]) == 2
    assert f"argument --hidden: '{MAX_WEIGHTS // 2 + 1}' would need more than {MAX_WEIGHTS:,} weights" in (
        capsys.readouterr().err
    )
    with pytest.raises(InvalidValueError, match="weights"):
        nnd.Network((1, MAX_WEIGHTS // 2 + 1, 1))  # the network refuses the same
    assert status_of(["train", "--hidden", str(MAX_WEIGHTS // 2), "--method", "gd", "--max-iter", "0"]) == 2
    assert "argument --max-iter" in capsys.readouterr().err  # the sizes themselves passed


REFUSED_AS_READ = [
    ("train", "--lam", "nan"), ("train", "--lam", "inf"), ("train", "--lam", "-1"),
    ("train", "--lam", "1e400"), ("train", "--lam", "2e30"), ("train", "--lam", ""),
    ("overfit", "--lam", "-inf"), ("train", "--learning-rate", "inf"), ("train", "--learning-rate", "nan"),
    ("train", "--learning-rate", "0"), ("train", "--learning-rate", "-2"), ("train", "--max-iter", "0"),
    ("train", "--max-iter", "2.5"), ("train", "--max-iter", "9" * 400), ("overfit", "--max-iter", "-1"),
    ("train", "--seed", "1.5"), ("train", "--seed", "x"), ("demo", "--seed", "nan"), ("draw", "--seed", ""),
    ("overfit", "--seeds", "0"), ("overfit", "--seeds", "-3"), ("overfit", "--seeds", "100000"),
    ("train", "--hidden", "0"), ("train", "--hidden", ""), ("train", "--hidden", "3,"),
    ("train", "--hidden", "1e9"), ("train", "--hidden", "-3"), ("overfit", "--hidden", "3,,3"),
]  # fmt: skip


@pytest.mark.parametrize(("command", "option", "value"), REFUSED_AS_READ)
def test_a_bad_option_value_is_a_usage_error_naming_the_option_before_any_work(
    command: str, option: str, value: str, capsys
) -> None:
    argv = [command, "network", f"{option}={value}"] if command == "draw" else [command, f"{option}={value}"]
    assert status_of(argv) == 2
    captured = capsys.readouterr()
    assert f"error: argument {option}: expected " in captured.err and "Traceback" not in captured.err
    assert captured.out == ""


# -- options that would change nothing are refused --------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["overfit", "--seeds", "2", "--svg", "o.svg"],
        ["overfit", "--seeds", "3", "--plot", "o.png"],
        ["draw", "sigmoid", "--show", "deltas", "-o", "o.svg"],
        ["draw", "data", "--seed", "3", "-o", "o.svg"],
        ["draw", "secant", "--backend", "python", "-o", "o.svg"],
    ],
)
def test_an_option_that_would_change_nothing_is_refused_and_nothing_is_written(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    option = next(a for a in argv[1:] if a.startswith("--") and a not in ("--seeds",))
    assert option in one_error_line(captured.err) and captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_overfit_svg_with_a_name_in_the_current_folder_writes_it(tmp_path: Path) -> None:
    result = nnd_command("overfit", "--svg", "o.svg", "--max-iter", "20", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == b""
    assert (tmp_path / "o.svg").read_text(encoding="utf-8").startswith("<svg")
    assert b"saved the training and test cost to o.svg" in result.stdout


# -- a missing optional library is one line saying what to install ---------------------------------------
def hide_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "scipy" or m.startswith("scipy.")] + ["scipy"]:
        monkeypatch.setitem(sys.modules, name, None)  # `import scipy` now raises ImportError


def test_scipy_bfgs_without_scipy_says_what_to_install_before_training(monkeypatch, capsys) -> None:
    hide_scipy(monkeypatch)
    assert cli.main(["train", "--method", "scipy-bfgs"]) == 2
    captured = capsys.readouterr()
    line = one_error_line(captured.err)
    assert "--method scipy-bfgs needs SciPy" in line and "pip install 'nnd[scipy]'" in line
    assert captured.out == ""


def test_scipy_bfgs_without_scipy_in_a_fresh_process_is_one_line_and_exit_2() -> None:
    code = (
        "import sys\n"
        "sys.modules['scipy'] = None\n"
        "from nnd.cli import main\n"
        "sys.exit(main(['train', '--method', 'scipy-bfgs']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert result.returncode == 2 and "pip install" in one_error_line(result.stderr)


@pytest.mark.parametrize(
    "error",
    [
        __import__("nnd.util.errors").util.errors.MissingDependencyError("needs X: pip install 'nnd[x]'"),
        ModuleNotFoundError("No module named 'scipy'", name="scipy"),
    ],
)
def test_a_missing_library_found_during_training_is_one_line_and_exit_2(
    error: ImportError, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import nnd.cli.train as train_command

    def train(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(train_command, "train", train)
    assert cli.main(["train"]) == 2
    assert str(error) in one_error_line(capsys.readouterr().err)


def test_a_missing_module_of_nnd_itself_is_a_bug_and_shows_its_traceback(monkeypatch) -> None:
    import nnd.cli.train as train_command

    def train(*args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'nnd.gone'", name="nnd.gone")

    monkeypatch.setattr(train_command, "train", train)
    with pytest.raises(ModuleNotFoundError, match="nnd.gone"):
        cli.main(["train"])
