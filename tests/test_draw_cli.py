"""``nnd draw KIND`` and ``--svg`` on ``nnd train`` / ``nnd overfit``, as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from nnd.cli import main
from nnd.cli.draw import KINDS, WITHOUT_NETWORK

SVG_NS = "{http://www.w3.org/2000/svg}"


def is_svg(text: str) -> bool:
    root = ET.fromstring(text)
    return root.tag == SVG_NS + "svg" and root.find(SVG_NS + "title") is not None


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_written_to_a_file(kind: str, tmp_path: Path, capsys) -> None:
    target = tmp_path / f"{kind}.svg"
    seed = [] if kind in WITHOUT_NETWORK else ["--seed", "1"]
    assert main(["draw", kind, *seed, "-o", str(target)]) == 0
    assert is_svg(target.read_text(encoding="utf-8"))
    assert f"saved the {kind} picture to {target}" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_without_o_the_svg_goes_to_standard_output(backend, capsys) -> None:
    assert main(["draw", "network", "--backend", backend.name]) == 0
    out = capsys.readouterr().out
    assert is_svg(out) and "yHat" in out


@pytest.mark.parametrize("show", ["activations", "deltas", "gradients"])
def test_network_shows_what_show_asks_for(show: str, capsys) -> None:
    assert main(["draw", "network", "--show", show]) == 0
    out = capsys.readouterr().out
    assert is_svg(out)
    assert {"deltas": "delta3", "gradients": "dJdW1", "activations": "activations"}[show] in out


def test_a_narrow_terminal_encoding_gets_xml_character_references(monkeypatch) -> None:
    import io

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["draw", "sigmoid"]) == 0
    stream.flush()
    text = raw.getvalue().decode("ascii")
    assert is_svg(text) and "&#8242;" in text  # f′ as a character reference


def test_an_unknown_kind_is_a_usage_error_listing_the_kinds(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["draw", "histogram"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'histogram'" in err and "cost-surface" in err


@pytest.mark.parametrize("bad", ["missing/x.svg", "."])
def test_an_unwritable_output_is_one_line_and_exit_2_before_any_work(bad: str, tmp_path: Path) -> None:
    target = str(tmp_path / bad)
    env = {k: v for k, v in os.environ.items() if k != "NND_BACKEND"}
    done = subprocess.run(
        [sys.executable, "-m", "nnd", "draw", "training", "-o", target],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnd draw: error: -o:"), done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_train_svg_saves_the_cost_curve(tmp_path: Path, capsys) -> None:
    target = tmp_path / "cost.svg"
    assert main(["train", "--svg", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert is_svg(text) and "Cost per iteration (bfgs)" in text
    assert f"saved the cost per iteration to {target}" in capsys.readouterr().out


def test_overfit_svg_saves_training_and_test_cost(tmp_path: Path, capsys) -> None:
    target = tmp_path / "overfit.svg"
    assert main(["overfit", "--svg", str(target), "--max-iter", "50"]) == 0
    text = target.read_text(encoding="utf-8")
    assert is_svg(text) and "λ = 0: test" in text and "λ = 0.0001: test" in text


@pytest.mark.parametrize("command", [["train"], ["overfit"]])
def test_an_unwritable_svg_stops_before_training(command: list[str], tmp_path: Path, capsys) -> None:
    assert main([*command, "--svg", str(tmp_path / "missing" / "x.svg")]) == 2
    out, err = capsys.readouterr()
    assert "iteration" not in out  # no training happened
    assert err.strip().startswith(f"nnd {command[0]}: error: --svg:") and len(err.strip().splitlines()) == 1
