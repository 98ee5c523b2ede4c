"""The README's pointers into the code stay true, and its first-look example runs."""

from __future__ import annotations

import re
from pathlib import Path

import nnd

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCE = Path(nnd.__file__).resolve().parent.parent  # the nnd being tested: this tree's, or an installed one


def test_equation_table_points_at_the_lines_that_compute_each_equation() -> None:
    rows = re.findall(r"^\| (.+?) \| `(nnd/\S+)` lines? ([\d and]+)", README, flags=re.M)
    assert len(rows) >= 6
    for equation, path, numbers in rows:
        lines = (SOURCE / path).read_text(encoding="utf-8").splitlines()
        for number in re.findall(r"\d+", numbers):
            line, above = lines[int(number) - 1], lines[int(number) - 2]
            names = re.findall(r"\b(z2|z3|a2|yHat|J|delta3|delta2|dJdW2|dJdW1|dJdb2|Part 7)\b", equation)
            code = line.split("#")[0]
            assert "=" in code or "return" in code, f"line {number} of {path} computes nothing: {line!r}"
            assert names and names[0] in line + above, (equation, path, number, line)


def test_first_look_example_runs(capsys) -> None:
    block = README.split("## A first look")[1].split("```python")[1].split("```")[0]
    exec(block, {})
    assert float(capsys.readouterr().out) < 1e-8


def test_video_example_runs() -> None:
    block = README.split("## A first look")[1].split("```python")[2].split("```")[0]
    namespace: dict = {}
    exec(block, namespace)
    assert namespace["cost1"] > 0 and namespace["dJdW1"].shape == (2, 3)


def test_real_data_example_reaches_what_it_says(capsys) -> None:
    block = README.split("## Beyond the series: real data")[1].split("```python")[1].split("```")[0]
    exec(block, {})
    assert round(float(capsys.readouterr().out), 3) == 0.955  # "0.955 after ten epochs", both seeded


def test_backprop_check_example_names_the_mistake_it_says(capsys) -> None:
    block = README.split("To check your own backpropagation")[1].split("```python")[1].split("```")[0]
    exec(block, {})
    assert capsys.readouterr().out == "False f′(z2) is missing from delta2\n"
