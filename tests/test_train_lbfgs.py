"""Limited-memory BFGS (``nnd.train(..., method="lbfgs")``, ``nnd.training.bfgs.minimize_lbfgs``).

The two-loop recursion is held to the dense BFGS recursion it stands for, written out here
with plain lists, and to the finite termination of quasi-Newton steps with exact line searches
on a convex quadratic; the minimizer to the minimum BFGS finds on the series' data; and it
trains a network past the BFGS size limit.
"""

from __future__ import annotations

import math

import pytest
from helpers import flat
from hypothesis import assume, given
from hypothesis import strategies as st

import nnd
from nnd.training import BFGS_MAX_PARAMS, bfgs
from nnd.training.bfgs import _two_loop
from nnd.util.errors import NNDError

X, Y = nnd.data.sleep_study()
TRAIN_X, TRAIN_Y, TEST_X, TEST_Y = nnd.data.train_test()


# -- linear algebra by hand ---------------------------------------------------------------------------
def dot(a: list[float], b: list[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


def matvec(A: list[list[float]], v: list[float]) -> list[float]:
    return [dot(row, v) for row in A]


@st.composite
def spd_matrices(draw: st.DrawFn, n: int) -> list[list[float]]:
    """A = LLᵀ + I/10: symmetric positive definite, smallest eigenvalue at least 0.1."""
    entry = st.floats(-2, 2, allow_nan=False)
    L = [[draw(entry) if j <= i else 0.0 for j in range(n)] for i in range(n)]
    return [[dot(L[i], L[j]) + (0.1 if i == j else 0.0) for j in range(n)] for i in range(n)]


@st.composite
def quadratics(draw: st.DrawFn) -> tuple[list[list[float]], list[float]]:
    """f(x) = ½(x − x*)ᵀA(x − x*): A and its minimizer x*."""
    n = draw(st.integers(1, 6))
    return draw(spd_matrices(n)), [draw(st.floats(-5, 5, allow_nan=False)) for _ in range(n)]


def quadratic(A: list[list[float]], x_star: list[float]):
    def fg(x: list[float]) -> tuple[float, list[float]]:
        Ad = matvec(A, [a - b for a, b in zip(x, x_star)])
        return 0.5 * dot([a - b for a, b in zip(x, x_star)], Ad), Ad

    return fg


def dense_bfgs(pairs: list[tuple[list[float], list[float]]], n: int) -> list[list[float]]:
    """H from γ·I (γ = sᵀy / yᵀy, newest pair), then, oldest pair first, H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ."""
    s, y = pairs[-1]
    gamma = dot(s, y) / dot(y, y)
    H = [[gamma if i == j else 0.0 for j in range(n)] for i in range(n)]
    for s, y in pairs:
        rho = 1.0 / dot(y, s)
        V = [[(1.0 if i == j else 0.0) - rho * y[i] * s[j] for j in range(n)] for i in range(n)]  # I − ρysᵀ
        VtH = [
            [dot([V[k][i] for k in range(n)], [H[k][j] for k in range(n)]) for j in range(n)]
            for i in range(n)
        ]
        H = [
            [dot(VtH[i], [V[k][j] for k in range(n)]) + rho * s[i] * s[j] for j in range(n)] for i in range(n)
        ]
    return H


@st.composite
def curvature_pairs(draw: st.DrawFn) -> tuple[int, list[tuple[list[float], list[float]]]]:
    """Steps s and gradient changes y = A·s of one convex quadratic: each pair has sᵀy > 0."""
    n = draw(st.integers(1, 5))
    A = draw(spd_matrices(n))
    vector = st.lists(st.floats(-3, 3, allow_nan=False), min_size=n, max_size=n)
    steps = draw(st.lists(vector, min_size=1, max_size=6))
    assume(all(dot(s, s) > 1e-3 for s in steps))
    return n, [(s, matvec(A, s)) for s in steps]


def two_loop(g: list[float], pairs: list[tuple[list[float], list[float]]]) -> list[float]:
    return _two_loop(g, [(s, y, 1.0 / dot(y, s)) for s, y in pairs])


# -- the two-loop recursion ---------------------------------------------------------------------------
@given(case=curvature_pairs(), data=st.data())
def test_the_two_loop_recursion_is_the_dense_bfgs_recursion(case, data) -> None:
    n, pairs = case
    g = data.draw(st.lists(st.floats(-3, 3, allow_nan=False), min_size=n, max_size=n))
    expected = matvec(dense_bfgs(pairs, n), g)
    got = two_loop(g, pairs)
    scale = max(1.0, max(map(abs, expected)))
    assert all(math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-7 * scale) for a, b in zip(got, expected))


@given(case=curvature_pairs())
def test_the_two_loop_estimate_maps_the_newest_gradient_change_onto_its_step(case) -> None:
    """The secant equation H·y = s holds for the newest pair, whatever came before."""
    _, pairs = case
    s, y = pairs[-1]
    got = two_loop(y, pairs)
    scale = max(1.0, max(map(abs, s)))
    assert all(math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-7 * scale) for a, b in zip(got, s))


def test_without_pairs_the_estimate_is_the_identity() -> None:
    assert _two_loop([1.5, -2.0, 0.0], []) == [1.5, -2.0, 0.0]


@given(quadratics())
def test_quasi_newton_steps_with_exact_line_searches_end_at_the_minimum_in_n_steps(case) -> None:
    """On a convex quadratic of n variables, n steps along −H·g of exact lengths reach x* (memory ≥ n)."""
    A, x_star = case
    n = len(x_star)
    fg = quadratic(A, x_star)
    x, pairs = [0.0] * n, []
    _, g = fg(x)
    for _ in range(n):
        p = [-v for v in _two_loop(g, pairs)]
        Ap = matvec(A, p)
        assume(dot(p, Ap) > 0.0)  # p = 0: already at the minimum
        alpha = -dot(g, p) / dot(p, Ap)  # the exact minimum along p
        s = [alpha * v for v in p]
        x = [a + b for a, b in zip(x, s)]
        _, g_new = fg(x)
        y = [a - b for a, b in zip(g_new, g)]
        pairs.append((s, y, 1.0 / dot(y, s)))
        g = g_new
    assert math.dist(x, x_star) <= 1e-9 * (1.0 + math.hypot(*x_star))


# -- minimize_lbfgs -----------------------------------------------------------------------------------
@given(quadratics(), st.sampled_from([1, 3, 10]))
def test_lbfgs_finds_the_minimizer_of_a_convex_quadratic(case, memory) -> None:
    A, x_star = case
    out = bfgs.minimize_lbfgs(
        quadratic(A, x_star), [0.0] * len(x_star), gtol=1e-9, max_iter=1000, memory=memory
    )
    assert out.success and out.status == bfgs.CONVERGED, out.message
    assert max(map(abs, out.grad)) <= 1e-9
    # |x − x*| ≤ |A⁻¹|·|g| and A's smallest eigenvalue is at least 0.1
    assert math.dist(out.x, x_star) <= 10 * math.sqrt(len(x_star)) * 1e-9 + 1e-12


def test_lbfgs_minimizes_a_diagonal_quadratic_in_a_handful_of_steps() -> None:
    scales = [1.0, 4.0, 9.0, 0.5]

    def fg(x):
        return 0.5 * dot([c * v * v for c, v in zip(scales, x)], [1.0] * 4), [
            c * v for c, v in zip(scales, x)
        ]

    out = bfgs.minimize_lbfgs(fg, [1.0, -2.0, 0.5, 3.0], gtol=1e-10)
    assert out.success and out.nit <= 12 and max(map(abs, out.x)) <= 1e-9


def test_lbfgs_keeps_at_most_memory_pairs_and_forgets_the_oldest(monkeypatch) -> None:
    seen: list[list[tuple]] = []

    def spy(g, pairs):
        seen.append(list(pairs))
        return _two_loop(g, pairs)

    monkeypatch.setattr(bfgs, "_two_loop", spy)

    def rosenbrock(x):
        a, b = x
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2, [
            -2 * (1 - a) - 400 * a * (b - a * a),
            200 * (b - a * a),
        ]

    out = bfgs.minimize_lbfgs(rosenbrock, [-1.2, 1.0], memory=3, max_iter=500)
    assert out.success and math.dist(out.x, [1.0, 1.0]) < 1e-5
    assert max(len(p) for p in seen) == 3
    for before, after in zip(seen, seen[1:]):  # a full memory drops its oldest pair for the new one
        if len(before) == len(after) == 3:
            assert after[:2] == before[1:] or not after  # (or a restart after a failed search)


@pytest.mark.parametrize(
    ("memory", "error"), [(0, ValueError), (-1, ValueError), (2.5, TypeError), (True, TypeError)]
)
def test_lbfgs_refuses_a_memory_that_is_not_a_positive_int(memory, error) -> None:
    with pytest.raises(error, match="memory") as caught:
        bfgs.minimize_lbfgs(lambda x: (x[0] ** 2, [2 * x[0]]), [1.0], memory=memory)
    assert isinstance(caught.value, NNDError)


# -- nnd.train(..., method="lbfgs") on the series' data ------------------------------------------------
@pytest.mark.parametrize("seed", range(5))
def test_lbfgs_reaches_the_minimum_bfgs_reaches_on_part_7s_data(seed) -> None:
    full = nnd.train(nnd.Network(seed=seed, lam=1e-4), TRAIN_X, TRAIN_Y, method="bfgs")
    net = nnd.Network(seed=seed, lam=1e-4)
    limited = nnd.train(net, TRAIN_X, TRAIN_Y, method="lbfgs")
    assert limited.success and limited.method == "lbfgs" and max(abs(g) for g in flat(limited.jac)) <= 1e-6
    assert math.isclose(limited.fun, full.fun, rel_tol=1e-6)
    assert limited.fun == net.cost(TRAIN_X, TRAIN_Y) == limited.J[-1] and len(limited.J) == limited.nit
    assert all(b < a for a, b in zip(limited.J, limited.J[1:]))  # every accepted step lowers the cost
    # with a tighter gtol both get to the same weights
    tight_full = nnd.train(nnd.Network(seed=seed, lam=1e-4), TRAIN_X, TRAIN_Y, gtol=1e-9)
    tight = nnd.train(nnd.Network(seed=seed, lam=1e-4), TRAIN_X, TRAIN_Y, method="lbfgs", gtol=1e-9)
    assert tight.success and math.isclose(tight.fun, tight_full.fun, rel_tol=1e-10)
    assert max(abs(a - b) for a, b in zip(flat(tight.x), flat(tight_full.x))) < 1e-4


def test_lbfgs_fits_the_series_data_on_every_backend_to_the_same_weights(backend) -> None:
    for seed in range(3):
        result = nnd.train(nnd.Network(seed=seed, backend=backend), X, Y, method="lbfgs")
        reference = nnd.train(nnd.Network(seed=seed), X, Y, method="lbfgs")
        assert result.success and result.fun < 1e-8 and backend.is_array(result.x)
        assert result.nit == reference.nit
        assert all(
            math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9) for a, b in zip(flat(result.x), flat(reference.x))
        )


def test_lbfgs_records_test_costs_and_stops_when_the_callback_says_so() -> None:
    seen = []

    def callback(progress):
        seen.append(progress)
        return progress.nit == 5

    net = nnd.Network(seed=2, lam=1e-4, bias=True)
    result = nnd.train(net, TRAIN_X, TRAIN_Y, method="lbfgs", testX=TEST_X, testY=TEST_Y, callback=callback)
    assert [p.nit for p in seen] == [1, 2, 3, 4, 5] and result.nit == 5 and result.status == bfgs.STOPPED
    assert [p.fun for p in seen] == result.J and [p.test_fun for p in seen] == result.testJ
    assert result.testJ[-1] == net.cost(TEST_X, TEST_Y) and flat(net.get_params()) == flat(result.x)
    assert all(p.grad_max == max(abs(g) for g in flat(result.jac)) for p in seen[-1:])


# -- past the BFGS limit ---------------------------------------------------------------------------------
def test_lbfgs_trains_a_network_too_large_for_bfgs(monkeypatch) -> None:
    trainX, trainY, _, _ = nnd.data.digits()
    trainX, trainY = trainX[:50], trainY[:50]
    net = nnd.Network((64, 30, 10), seed=0, bias=True)
    assert net.n_params == 64 * 30 + 30 * 10 + 30 + 10 > BFGS_MAX_PARAMS
    before = flat(net.get_params())
    with pytest.raises(NNDError, match="use method='lbfgs'"):
        nnd.train(net, trainX, trainY)
    assert flat(net.get_params()) == before

    kept: list[int] = []

    def spy(g, pairs):  # what L-BFGS keeps between steps: pairs of n-vectors, never an n×n matrix
        assert all(len(s) == len(y) == net.n_params for s, y, _ in pairs)
        kept.append(len(pairs))
        return _two_loop(g, pairs)

    monkeypatch.setattr(bfgs, "_two_loop", spy)
    start = net.cost(trainX, trainY)
    result = nnd.train(net, trainX, trainY, method="lbfgs", max_iter=4)
    print(f"64-30-10 with biases on 50 digits: J {start:.4g} -> {result.J}")
    assert result.nit == 4 and result.status == bfgs.MAX_ITER and len(result.J) == 4
    assert result.J[0] < start and all(b < a for a, b in zip(result.J, result.J[1:]))
    assert result.fun == net.cost(trainX, trainY) < start / 2
    assert len(result.accuracy) == 4 and max(kept) <= 10
