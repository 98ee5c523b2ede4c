"""The measurement scripts behind issue 5's figures run and print what the closing notes quote."""

from __future__ import annotations

import re

import pytest


def test_bfgs_against_scipy_prints_the_table_and_the_bar(capsys) -> None:
    pytest.importorskip("scipy", reason="compares with SciPy's BFGS")
    from nnd.bench import bfgs_vs_scipy

    status = bfgs_vs_scipy.main(["--seeds", "3"])
    out = capsys.readouterr().out
    rows = re.findall(r"^(nnd BFGS|SciPy BFGS).*?\s(\d+)\s+(\d+)\s+([\d.]+)", out, flags=re.M)
    assert len(rows) == 4 and all(0 <= int(ok) <= 3 for _, ok, _, _ in rows)
    assert "nnd as good as SciPy: successes" in out and ("NOT met" in out) == (status == 1)


def test_part7_test_cost_prints_medians_with_and_without_lambda(capsys) -> None:
    from nnd.bench import part7_test_cost

    assert part7_test_cost.main(["--seeds", "2"]) == 0
    out = capsys.readouterr().out
    lams = re.findall(r"^bfgs\s+(\S+)\s+([\d.e+-]+)\s+([\d.e+-]+)", out, flags=re.M)
    assert [float(lam) for lam, _, _ in lams] == [0.0, 1e-4]
    assert all(float(test_j) > 0 for _, _, test_j in lams)
