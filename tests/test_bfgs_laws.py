"""Laws of nnd.training.bfgs: exact interpolation on the curves it models, Wolfe steps, and honest results.

The line search's minimizers are exact on the curves they interpolate (a cubic for
``_cubic_min``, a parabola for both); the line search returns points meeting the strong Wolfe
conditions; every field of an ``Outcome`` (and of nnd.train's ``TrainResult``) means what its
docstring says, on every way out of BFGS and of gradient descent.
"""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import nnd
from nnd.training import bfgs
from nnd.training.bfgs import _cubic_min, _Point, _quadratic_min, _trial

coefficient = st.floats(-5.0, 5.0).filter(lambda c: abs(c) > 0.05)
position = st.floats(-5.0, 5.0)


def point(alpha: float, f, d) -> _Point:
    return _Point(alpha, f(alpha), d(alpha), [alpha], [d(alpha)])


# -- the interpolating minimizers -------------------------------------------------------------
@given(c3=coefficient, r1=position, gap=st.floats(0.2, 5.0), c0=position, a=position, b=position)
def test_cubic_min_is_exact_on_a_cubic(c3, r1, gap, c0, a, b) -> None:
    """φ′ = 3·c3·(α − r1)(α − r2): the local minimizer is r2 if c3 > 0, r1 if c3 < 0."""
    r2 = r1 + gap
    assume(abs(a - b) > 0.1)

    def f(x):
        return c3 * (x**3 - 1.5 * (r1 + r2) * x**2 + 3 * r1 * r2 * x) + c0

    def d(x):
        return 3 * c3 * (x - r1) * (x - r2)

    expected = r2 if c3 > 0 else r1
    got = _cubic_min(point(a, f, d), point(b, f, d))
    assert math.isclose(got, expected, rel_tol=1e-6, abs_tol=1e-6)


@given(q=st.floats(0.05, 5.0), m=position, c=position, a=position, b=position)
def test_both_minimizers_are_exact_on_a_parabola(q, m, c, a, b) -> None:
    assume(abs(a - b) > 0.1)

    def f(x):
        return q * (x - m) ** 2 + c

    def d(x):
        return 2 * q * (x - m)

    pa, pb = point(a, f, d), point(b, f, d)
    assert math.isclose(_quadratic_min(pa, pb), m, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(_quadratic_min(pb, pa), m, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(_cubic_min(pa, pb), m, rel_tol=1e-6, abs_tol=1e-6)


def test_the_minimizers_give_nan_where_there_is_no_minimum() -> None:
    def line(x):  # no curvature
        return 2.0 * x + 1.0

    def concave(x):
        return -(x**2)

    flat_a, flat_b = _Point(0.0, line(0.0), 2.0, [0.0], [2.0]), _Point(1.0, line(1.0), 2.0, [1.0], [2.0])
    assert math.isnan(_quadratic_min(flat_a, flat_b))
    top_a, top_b = _Point(-1.0, concave(-1.0), 2.0, [], []), _Point(2.0, concave(2.0), -4.0, [], [])
    assert math.isnan(_quadratic_min(top_a, top_b))
    same = _Point(1.0, 1.0, 1.0, [], [])
    assert math.isnan(_quadratic_min(same, same)) and math.isnan(_cubic_min(same, same))
    # φ = α³ + α: φ′ = 3α² + 1 > 0 has no root, so the cubic has no local minimum
    rising_a, rising_b = _Point(0.0, 0.0, 1.0, [], []), _Point(1.0, 2.0, 4.0, [], [])
    assert math.isnan(_cubic_min(rising_a, rising_b))
    # φ = α³ from α = 1 to 2: φ′ = 3α² has a double root at 0, an inflection and not a minimum
    # (the radicand d1² − φ′(1)φ′(2) is exactly 0 there; eq. 3.59 itself would give 0)
    cube_a, cube_b = _Point(1.0, 1.0, 3.0, [], []), _Point(2.0, 8.0, 12.0, [], [])
    assert math.isnan(_cubic_min(cube_a, cube_b)) and math.isnan(_cubic_min(cube_b, cube_a))
    overflow_a, overflow_b = _Point(0.0, 0.0, 1e300, [], []), _Point(1.0, 0.0, -1e300, [], [])
    assert math.isnan(_cubic_min(overflow_a, overflow_b))  # d1² overflows: no trustworthy answer
    beyond = _Point(1.0, math.inf, math.nan, [1.0], [])  # a step to where the objective is not finite
    assert math.isnan(_quadratic_min(_Point(0.0, 1.0, -1.0, [0.0], [-1.0]), beyond))


def test_cubic_min_gives_nan_where_its_denominator_vanishes() -> None:
    # f equal at both ends with φ′ = 1 then −1: d1 = 0, d2 = 1 and b.d − a.d + 2·d2 = 0 (a maximum
    # between them, no minimum); with φ′ = −1 then 1 the same cubic upside down has its minimum at ½.
    assert math.isnan(_cubic_min(_Point(0.0, 0.0, 1.0, [], []), _Point(1.0, 0.0, -1.0, [], [])))
    assert _cubic_min(_Point(0.0, 0.0, -1.0, [], []), _Point(1.0, 0.0, 1.0, [], [])) == 0.5


@given(q=st.floats(0.05, 5.0), m=st.floats(0.25, 0.75), lo=st.booleans())
def test_trial_takes_the_interpolated_minimum_when_it_is_well_inside(q, m, lo) -> None:
    def f(x):
        return q * (x - m) ** 2

    def d(x):
        return 2 * q * (x - m)

    a, b = point(0.0, f, d), point(1.0, f, d)
    assert math.isclose(_trial(a, b) if lo else _trial(b, a), m, rel_tol=1e-9, abs_tol=1e-9)


def test_trial_prefers_the_cubic_and_bisects_where_neither_model_has_a_minimum() -> None:
    def f(x):  # φ = α³ − 3α: its minimum is at 1; the parabola through φ(0), φ′(0), φ(2) has it at ¾
        return x**3 - 3 * x

    def d(x):
        return 3 * x * x - 3

    assert _trial(point(0.0, f, d), point(2.0, f, d)) == 1.0
    on_a_line = [_Point(alpha, -alpha, -1.0, [alpha], [-1.0]) for alpha in (2.0, 6.0)]
    assert _trial(*on_a_line) == _trial(*reversed(on_a_line)) == 4.0  # the middle of [2, 6]


@pytest.mark.parametrize("width", [1.0, 4.0])
@pytest.mark.parametrize("m", [0.01, 0.15, 0.85, 0.99, 1.5, -3.0])
def test_trial_stays_away_from_the_ends_of_the_interval(m, width) -> None:
    """The margins are fractions of the interval [0, width], whatever its width."""

    def f(x):
        return (x - m * width) ** 2

    def d(x):
        return 2 * (x - m * width)

    a, b = point(0.0, f, d), point(width, f, d)
    got = _trial(a, b)
    if 0.1 <= m <= 0.9:  # the cubic is kept only in the middle 60 %, the parabola in the middle 80 %
        assert math.isclose(got, m * width, rel_tol=1e-9, abs_tol=1e-12)
    else:
        assert got == 0.5 * width  # bisection
    assert math.isclose(_trial(b, a), got, rel_tol=1e-12)


# -- the line search -----------------------------------------------------------------------------
def counting(fg):
    calls = []

    def wrapped(x):
        calls.append(list(x))
        return fg(x)

    return wrapped, calls


def quartic(x):
    return sum(v**4 + v * v for v in x), [4 * v**3 + 2 * v for v in x]


@given(x0=st.lists(st.floats(-3.0, 3.0).filter(lambda v: abs(v) > 0.1), min_size=1, max_size=4),
       c2=st.sampled_from([0.1, 0.5, 0.9]), alpha1=st.sampled_from([0.01, 1.0, 5.0]))  # fmt: skip
def test_line_search_returns_a_strong_wolfe_point_and_counts_its_evaluations(x0, c2, alpha1) -> None:
    f0, g0 = quartic(x0)
    p = [-v for v in g0]
    fg, calls = counting(quartic)
    pt, evals = bfgs.line_search(fg, x0, p, f0, g0, alpha1, c2=c2)
    assert evals == len(calls)
    assert pt is not None
    d0 = sum(a * b for a, b in zip(g0, p))
    assert pt.f <= f0 + 1e-4 * pt.alpha * d0  # sufficient decrease
    assert abs(pt.d) <= c2 * abs(d0)  # curvature
    assert pt.x == [a + pt.alpha * b for a, b in zip(x0, p)] and (pt.f, pt.g) == quartic(pt.x)


def test_line_search_gives_up_within_its_evaluations_when_no_step_lowers_the_cost() -> None:
    def lying(x):  # the gradient points the wrong way: along −g the cost only rises
        return x[0] ** 2, [-2.0 * x[0]]

    fg, calls = counting(lying)
    pt, evals = bfgs.line_search(fg, [1.0], [2.0], 1.0, [-2.0], max_evals=12)
    assert pt is None and evals == len(calls) and 0 < evals <= 12


def test_line_search_grows_the_step_until_it_brackets_the_minimum() -> None:
    fg, calls = counting(lambda x: ((x[0] - 100.0) ** 2, [2.0 * (x[0] - 100.0)]))
    pt, _ = bfgs.line_search(fg, [0.0], [1.0], 1e4, [-200.0], 1.0, c2=0.1)
    assert [c[0] for c in calls[:4]] == [1.0, 2.0, 4.0, 8.0]  # doubling
    assert pt is not None and abs(pt.x[0] - 100.0) <= 0.1 * 100.0


def test_line_search_takes_a_step_to_where_the_objective_is_not_finite_as_too_long() -> None:
    def walled(x):  # x² inside |x| <= 10, not finite beyond
        return (x[0] ** 2, [2.0 * x[0]]) if abs(x[0]) <= 10.0 else (math.inf, [math.nan])

    fg, calls = counting(walled)
    pt, evals = bfgs.line_search(fg, [3.0], [-1.0], 9.0, [6.0], 100.0)  # the first trial is at x = −97
    assert calls[0] == [-97.0] and evals == len(calls)
    assert pt is not None and abs(pt.x[0]) <= 10.0 and pt.f <= 9.0 + 1e-4 * pt.alpha * -6.0


def test_line_search_evaluates_at_most_max_evals_while_it_grows_the_step() -> None:
    fg, calls = counting(lambda x: (-x[0], [-1.0]))  # a slope without end: each step is too short
    assert bfgs.line_search(fg, [0.0], [1.0], 0.0, [-1.0], 1.0, max_evals=5) == (None, 5)
    assert [c[0] for c in calls] == [1.0, 2.0, 4.0, 8.0, 16.0]


def test_line_search_refuses_a_gradient_of_another_length_than_the_direction() -> None:
    with pytest.raises(ValueError):
        bfgs.line_search(lambda x: (0.0, [0.0, 0.0]), [1.0, 2.0], [-1.0, -1.0], 0.0, [1.0])


def test_line_search_takes_sufficient_decrease_with_the_c1_it_is_given() -> None:
    """φ(t) = −9t³ + 18.5t² − 10t + 1: φ(1) = 0.5 with φ′(1) = 0, less than the 1 − 0.1·10 = 0 asked."""

    def fg(x):
        t = x[0]
        return -9 * t**3 + 18.5 * t**2 - 10 * t + 1, [-27 * t * t + 37 * t - 10]

    pt, _ = bfgs.line_search(fg, [0.0], [1.0], 1.0, [-10.0], 1.0, c1=0.1, c2=0.5)
    assert pt is not None and pt.alpha < 1.0
    assert pt.f <= 1.0 + 0.1 * pt.alpha * -10.0 and abs(pt.d) <= 0.5 * 10.0


def test_line_search_takes_a_first_step_meeting_the_wolfe_conditions_with_equality() -> None:
    """φ(t) = −t³ + 2t² − 2t + 1: at t = 1, |φ′| = 1 = c2·|φ′(0)| exactly (the conditions say ≤)."""

    def fg(x):
        t = x[0]
        return -(t**3) + 2 * t**2 - 2 * t + 1, [-3 * t * t + 4 * t - 2]

    pt, evals = bfgs.line_search(fg, [0.0], [1.0], 1.0, [-2.0], 1.0, c2=0.5)
    assert pt is not None and (pt.alpha, pt.d, evals) == (1.0, -1.0, 1)


# -- BFGS and gradient descent: what an Outcome says ------------------------------------------------
def rosen(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2, [
        -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2),
        200 * (x[1] - x[0] ** 2),
    ]


def bowl(x):
    return (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2, [2 * (x[0] - 1), 20 * (x[1] + 2)]


MINIMIZERS = {
    "bfgs": lambda fg, x0, **kw: bfgs.minimize_bfgs(fg, x0, **kw),
    "gd": lambda fg, x0, **kw: bfgs.gradient_descent(fg, x0, learning_rate=0.04, **kw),
    "lbfgs": lambda fg, x0, **kw: bfgs.minimize_lbfgs(fg, x0, **kw),
}


def check_outcome(out, fg_calls, steps, fg) -> None:
    """The fields every Outcome must get right whatever the way out."""
    assert out.nfev == len(fg_calls)  # every evaluation counted, no more
    assert out.nit == len(steps)  # one callback per accepted step
    assert [s.nit for s in steps] == list(range(1, out.nit + 1))
    assert (out.fun, out.grad) == fg(out.x)  # fun and grad are those at x
    assert out.success is (out.status == bfgs.CONVERGED)
    for s in steps:
        assert (s.fun, s.grad) == fg(s.x)
    if steps:
        assert steps[-1].x == out.x


@pytest.mark.parametrize("name", sorted(MINIMIZERS))
@pytest.mark.parametrize(
    ("fg", "x0", "options", "status", "message"),
    [
        (bowl, [0.0, 0.0], {}, bfgs.CONVERGED, "converged: max |gradient| <= gtol"),
        (rosen, [-1.2, 1.0], {"max_iter": 3}, bfgs.MAX_ITER, "stopped: reached max_iter"),
        (rosen, [-1.2, 1.0], {"max_iter": 0}, bfgs.MAX_ITER, "stopped: reached max_iter"),
        (bowl, [1.0, -2.0], {"max_iter": 0}, bfgs.CONVERGED, "converged: max |gradient| <= gtol"),
        (bowl, [0.0, 0.0], {"gtol": 1e30}, bfgs.CONVERGED, "converged: max |gradient| <= gtol"),
    ],
)
def test_every_outcome_field_means_what_it_says(name, fg, x0, options, status, message) -> None:
    counted, calls = counting(fg)
    steps = []
    out = MINIMIZERS[name](counted, x0, callback=steps.append, **options)
    assert (out.status, out.message) == (status, message)
    check_outcome(out, calls, steps, fg)
    if status == bfgs.MAX_ITER:
        assert out.nit == options["max_iter"] and max(abs(v) for v in out.grad) > 1e-6
    if status == bfgs.CONVERGED:
        assert max(abs(v) for v in out.grad) <= options.get("gtol", 1e-6)
    if options.get("max_iter") == 0 or options.get("gtol") == 1e30:
        assert out.nit == 0 and out.nfev == 1 and out.x == [float(v) for v in x0]


@pytest.mark.parametrize("name", sorted(MINIMIZERS))
@pytest.mark.parametrize("stop_at", [1, 3])
@pytest.mark.parametrize("how", ["true", "stop_iteration"])
def test_a_callback_stops_the_run_after_that_step(name, stop_at, how) -> None:
    counted, calls = counting(rosen)
    steps = []

    def callback(step):
        steps.append(step)
        if step.nit == stop_at:
            if how == "true":
                return True
            raise StopIteration
        return 1  # truthy but not True: carries on

    out = MINIMIZERS[name](counted, [-1.2, 1.0], callback=callback)
    assert (out.status, out.message, out.nit) == (bfgs.STOPPED, "stopped by the callback", stop_at)
    check_outcome(out, calls, steps, rosen)


def test_gradient_descent_takes_exactly_its_steps() -> None:
    steps = []
    out = bfgs.gradient_descent(bowl, [0.0, 0.0], learning_rate=0.04, max_iter=5, callback=steps.append)
    x = [0.0, 0.0]
    for s in steps:
        g = bowl(x)[1]
        x = [a - 0.04 * b for a, b in zip(x, g)]
        assert s.x == x
    assert out.x == x and out.nfev == 6


@pytest.mark.parametrize(
    ("fg", "x0", "rate"),
    [
        (lambda x: (x[0] ** 4, [4.0 * x[0] ** 3]), [10.0], 1.0),  # OverflowError past 1e308
        (lambda x: (math.exp(x[0]) if x[0] < 700 else math.inf, [-1e200]), [0.0], 1e200),  # f = inf
        (lambda x: (x[0] ** 2, [2.0 * x[0] * 1e290]), [1e10], 1e10),  # x itself leaves the floats
    ],
)
def test_gradient_descent_stops_when_a_step_diverges_keeping_the_last_finite_point(fg, x0, rate) -> None:
    counted, calls = counting(fg)
    steps = []
    out = bfgs.gradient_descent(counted, x0, learning_rate=rate, max_iter=1000, callback=steps.append)
    assert out.status == bfgs.DIVERGED and not out.success
    assert out.message == "stopped: the step left the range of finite numbers (learning_rate too large?)"
    assert out.nfev == out.nit + 2  # the start, each accepted step, the one that diverged
    assert len(calls) == out.nfev - (
        not math.isfinite(out.x[0] - rate * out.grad[0])
    )  # (not called off the floats)
    assert all(math.isfinite(v) for v in out.x) and out.x == (steps[-1].x if steps else x0)


def lying_after(n_good: int):
    """The quartic, but after n_good evaluations its gradient points uphill: no step is found."""
    calls = []

    def fg(x):
        calls.append(list(x))
        f, g = quartic(x)
        return (f, g) if len(calls) <= n_good else (f, [-v for v in g])

    return fg, calls


@pytest.mark.parametrize("name", ["bfgs", "lbfgs"])
@pytest.mark.parametrize("n_good", [1, 5])  # 5: H or pairs exist when the search fails: retried downhill
def test_bfgs_reports_a_failed_line_search(name, n_good) -> None:
    fg, calls = lying_after(n_good)
    steps = []
    out = MINIMIZERS[name](fg, [1.5, -0.5], callback=steps.append)
    assert out.status == bfgs.LINE_SEARCH_FAILED and not out.success
    assert out.message == (
        "stopped: the line search found no step that lowers the cost enough"
        " (the cost is flat to rounding error here)"
    )
    assert out.nfev == len(calls) and out.nit == len(steps) == n_good
    assert out.fun == quartic(out.x)[0] and len(out.grad) == 2  # the last point accepted


def test_bfgs_first_step_moves_no_weight_by_more_than_max_step_or_one() -> None:
    def steep(x):
        return sum(1e3 * v * v for v in x), [2e3 * v for v in x]

    for max_step, bound in ((4.0, 1.0), (0.25, 0.25)):
        fg, calls = counting(steep)
        bfgs.minimize_bfgs(fg, [3.0, -2.0], max_step=max_step, max_iter=1)
        first = calls[1]  # calls[0] is the starting point
        assert max(abs(a - b) for a, b in zip(first, [3.0, -2.0])) == pytest.approx(bound, rel=1e-12)


@pytest.mark.parametrize("c", [0.01, 1.0, 250.0])
def test_bfgs_finds_the_minimum_of_a_one_dimensional_parabola(c) -> None:
    out = bfgs.minimize_bfgs(lambda x: (0.5 * c * (x[0] - 3.0) ** 2, [c * (x[0] - 3.0)]), [-7.0], gtol=1e-9)
    assert out.success and math.isclose(out.x[0], 3.0, abs_tol=1e-9 / c)


# gtol 1e-8 for L-BFGS, not BFGS's 1e-10: the cost is then within ~1e-17 of its minimum, which is rounding
@pytest.mark.parametrize(("minimize", "gtol"), [(bfgs.minimize_bfgs, 1e-10), (bfgs.minimize_lbfgs, 1e-8)])
@pytest.mark.parametrize("n", [2, 5])
def test_bfgs_finds_the_minimum_of_a_convex_quadratic_in_few_steps(n, minimize, gtol) -> None:
    A = [[(i + 1.0) * 3 if i == j else 0.5 for j in range(n)] for i in range(n)]
    b = [float(i) - 1.0 for i in range(n)]

    def fg(x):
        Ax = [sum(a * v for a, v in zip(row, x)) for row in A]
        return 0.5 * sum(u * v for u, v in zip(x, Ax)) - sum(u * v for u, v in zip(b, x)), [
            u - v for u, v in zip(Ax, b)
        ]

    out = minimize(fg, [0.0] * n, gtol=gtol)
    assert out.success and out.nit <= 3 * n
    residual = fg(out.x)[1]
    assert max(abs(r) for r in residual) <= gtol


vectors = st.integers(1, 4).flatmap(
    lambda n: st.lists(st.lists(st.floats(-2.0, 2.0), min_size=n, max_size=n), min_size=n + 2, max_size=n + 6)
)


@given(rows=vectors)
def test_two_loop_gives_what_the_bfgs_update_of_gamma_times_identity_gives(rows) -> None:
    """L-BFGS's two loops (Algorithm 7.4) compute H·g without H: H must be the dense BFGS update,
    applied pair by pair, oldest first, to γ·I with γ = sᵀdg / dgᵀdg of the newest pair."""
    n = len(rows[0])
    M, g, steps = rows[:n], rows[n], rows[n + 1 :]
    # an SPD curvature A = MᵀM + I, so dg = A·s has dgᵀs > 0 for every step s ≠ 0
    A = [[sum(M[k][i] * M[k][j] for k in range(n)) + (i == j) for j in range(n)] for i in range(n)]
    pairs = []
    for s in steps:
        assume(max(map(abs, s)) > 0.1)
        dg = [sum(a * v for a, v in zip(row, s)) for row in A]
        pairs.append((s, dg, 1.0 / sum(a * b for a, b in zip(dg, s))))
    s, dg, _ = pairs[-1]
    gamma = sum(a * b for a, b in zip(s, dg)) / sum(v * v for v in dg)
    H = [[gamma * (i == j) for j in range(n)] for i in range(n)]
    for s, dg, rho in pairs:
        H = bfgs._bfgs_update(H, s, dg, 1.0 / rho)
    expected = [sum(h * v for h, v in zip(row, g)) for row in H]
    got = bfgs._two_loop(g, pairs)
    scale = max(1.0, *map(abs, expected))
    assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * scale) for a, b in zip(got, expected))
    assert bfgs._two_loop(g, []) == g  # no pairs: H is the identity


# -- refusals ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(MINIMIZERS))
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"max_iter": -1}, ValueError, r"^max_iter: expected an int >= 0, got -1$"),
        ({"max_iter": True}, TypeError, r"^max_iter: expected an int, got bool True$"),
        ({"max_iter": 2.0}, TypeError, r"^max_iter: expected an int, got float 2.0$"),
        ({"gtol": -1e-3}, ValueError, r"^gtol: expected a finite number >= 0, got -0.001$"),
        ({"gtol": True}, TypeError, r"^gtol: expected a number, got bool True$"),
        ({"gtol": "1"}, TypeError, r"^gtol: expected a number, got str '1'$"),
        ({"x0": "ab"}, TypeError, r"^x0: expected a sequence of numbers, got str$"),
        ({"x0": [1.0, None]}, TypeError, r"^x0\[1\]: expected a number, got NoneType None$"),
        ({"x0": []}, ValueError, r"^x0: expected a non-empty sequence of finite numbers$"),
        ({"x0": [1.0, math.nan]}, ValueError, r"^x0\[1\]: expected a finite number, got nan$"),
        (
            {"x0": [800.0, 0.0], "fg": "exp"},
            ValueError,
            r"^the objective is not finite at the starting point$",
        ),
    ],
)
def test_bad_options_are_refused_saying_which(name, kwargs, error, message) -> None:
    kwargs = dict(kwargs)
    x0 = kwargs.pop("x0", [0.0, 0.0])
    fg = kwargs.pop("fg", None)
    objective = (lambda x: (math.exp(x[0]), [math.exp(x[0]), 0.0])) if fg else bowl
    with pytest.raises(error, match=message):
        MINIMIZERS[name](objective, x0, **kwargs)


@pytest.mark.parametrize("bad", [0, -1.0, True, "1", math.inf, math.nan])
def test_bad_learning_rate_and_max_step_are_refused(bad) -> None:
    with pytest.raises(ValueError, match=r"^learning_rate: expected a (positive finite )?number, got "):
        bfgs.gradient_descent(bowl, [0.0, 0.0], learning_rate=bad)
    for minimize in (bfgs.minimize_bfgs, bfgs.minimize_lbfgs):
        with pytest.raises(ValueError, match=r"^max_step: expected a (positive finite )?number, got "):
            minimize(bowl, [0.0, 0.0], max_step=bad)


def test_an_objective_that_overflows_counts_as_not_finite() -> None:
    def overflowing(x):
        return 10.0 ** (400 * x[0]), [1.0]  # float ** float raises OverflowError

    with pytest.raises(ValueError, match="not finite at the starting point"):
        bfgs.minimize_bfgs(overflowing, [2.0])


# -- nnd.train's TrainResult ---------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["bfgs", "gd"])
@pytest.mark.parametrize("max_iter", [0, 7])
def test_train_result_fields_mean_what_its_docstring_says(method, max_iter) -> None:
    X, y = nnd.data.sleep_study()
    testX, testY = [[0.4, 0.9]], [[0.7]]
    net = nnd.Network(seed=1)
    result = nnd.train(net, X, y, method=method, max_iter=max_iter, testX=testX, testY=testY)
    assert result.method == method
    assert (result.status, result.success, result.message) == (1, False, "stopped: reached max_iter")
    assert result.nit == len(result.J) == len(result.testJ) == max_iter  # one cost per iteration
    assert result.njev == result.nfev >= result.nit + 1  # the start, then at least one per step
    assert math.isclose(result.fun, net.cost(X, y), rel_tol=1e-12)  # the final cost, of the final weights
    assert result.x.tolist() == net.get_params().tolist()
    expected_jac = nnd.Network.flatten(net, net.gradients(X, y))
    assert list(result.jac.tolist()) == pytest.approx(list(expected_jac), rel=1e-9, abs=1e-15)
    if max_iter:
        assert math.isclose(result.J[-1], result.fun, rel_tol=1e-12)
        assert math.isclose(result.testJ[-1], net.cost(testX, testY), rel_tol=1e-12)
        assert all(a >= b for a, b in zip(result.J, result.J[1:])) or method == "gd"  # BFGS never goes up


def test_train_without_test_data_has_no_test_costs() -> None:
    X, y = nnd.data.sleep_study()
    result = nnd.train(nnd.Network(seed=1), X, y, max_iter=3)
    assert result.testJ == [] and len(result.J) == result.nit == 3


def test_a_train_result_that_converged_says_so() -> None:
    X, y = nnd.data.sleep_study()
    net = nnd.Network(seed=1)
    result = nnd.train(net, X, y, gtol=1e-4)
    assert (result.status, result.success, result.message) == (0, True, "converged: max |gradient| <= gtol")
    assert max(abs(v) for v in result.jac.tolist()) <= 1e-4 and result.nit == len(result.J) > 0


# -- defaults and edges ------------------------------------------------------------------------------
def half_square(x):
    return 0.5 * x[0] ** 2, [x[0]]


def test_gradient_descent_defaults_to_steps_of_one_gradient_and_200_iterations() -> None:
    out = bfgs.gradient_descent(half_square, [3.0], gtol=0)  # x − 1·x = 0 exactly, where g = 0 ≤ gtol
    assert (out.x, out.nit, out.status) == ([0.0], 1, bfgs.CONVERGED)
    slow = bfgs.gradient_descent(lambda x: (0.005 * x[0] ** 2, [0.01 * x[0]]), [3.0])
    assert (slow.nit, slow.status) == (200, bfgs.MAX_ITER)


@pytest.mark.parametrize("minimize", [bfgs.minimize_bfgs, bfgs.minimize_lbfgs])
def test_bfgs_defaults_to_200_iterations(minimize) -> None:
    def flat_bottom(x):  # x⁴: no curvature at the minimum, so BFGS closes in only linearly
        return x[0] ** 4, [4.0 * x[0] ** 3]

    out = minimize(flat_bottom, [0.7], gtol=0)
    assert (out.nit, out.status) == (200, bfgs.MAX_ITER) and out.grad[0] != 0.0


@pytest.mark.parametrize("name", sorted(MINIMIZERS))
def test_a_gradient_exactly_at_gtol_has_converged(name) -> None:
    out = MINIMIZERS[name](lambda x: (x[0] ** 2, [2.0 * x[0]]), [0.5], gtol=1.0)  # max |g| = 1.0
    assert (out.status, out.nit, out.x) == (bfgs.CONVERGED, 0, [0.5])


def test_a_gradient_that_is_not_finite_at_the_start_is_refused() -> None:
    for name in MINIMIZERS:
        with pytest.raises(ValueError, match="not finite at the starting point"):
            MINIMIZERS[name](lambda x: (1.0, [math.nan]), [1.0])


def test_bfgs_takes_gtol_zero_and_stops_only_at_a_zero_gradient() -> None:
    out = bfgs.minimize_bfgs(half_square, [3.0], gtol=0)
    assert out.success and out.grad == [0.0]


def test_line_search_defaults_to_a_first_step_of_one_and_40_evaluations() -> None:
    fg, calls = counting(lambda x: (x[0] ** 2, [2 * x[0]]))
    bfgs.line_search(fg, [3.0], [-1.0], 9.0, [6.0])
    assert calls[0] == [2.0]  # 3 + 1·(−1)
    lying, calls = counting(lambda x: (x[0] ** 2, [-2.0 * x[0]]))
    pt, evals = bfgs.line_search(lying, [1.0], [2.0], 1.0, [-2.0])
    assert pt is None and evals == len(calls) <= 40


def test_a_steepest_descent_first_step_moves_at_most_one_and_at_most_max_step() -> None:
    def gentle(x):
        return 0.05 * x[0] ** 2, [0.1 * x[0]]

    fg, calls = counting(gentle)
    bfgs.minimize_bfgs(fg, [1.0], max_iter=1)
    assert calls[1] == [0.9]  # a step of length 1 along p = −0.1: small gradients are not stretched
    fg, calls = counting(gentle)
    bfgs.minimize_bfgs(fg, [1.0], max_iter=1, max_step=0.05)
    assert calls[1] == [0.95]


def test_a_gradient_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError):
        bfgs.minimize_bfgs(lambda x: (sum(v * v for v in x), [1.0]), [1.0, 2.0])
    with pytest.raises(ValueError):
        bfgs.gradient_descent(lambda x: (sum(v * v for v in x), [1.0]), [1.0, 2.0])


@given(st.lists(st.floats(0.5, 5.0), min_size=1, max_size=4))
@example([0.5000000000000001])  # the first step lands on x = −2.2e−16, where the next step rounds to nothing
@example([3.5, 0.5, 0.5000000000000001])
def test_bfgs_stops_cleanly_when_steps_reach_underflow(x0: list[float]) -> None:
    """On Σx⁴ with gtol=0, BFGS runs on until its steps and gradient changes are near underflow,
    where 1/dgᵀs overflows the inverse-Hessian estimate: it must restart there, not crash or
    return non-finite numbers (it ends at a gradient of exactly 0, a failed line search or
    max_iter)."""

    def quartic(x: list[float]) -> tuple[float, list[float]]:
        return math.fsum(v**4 for v in x), [4.0 * v**3 for v in x]

    result = bfgs.minimize_bfgs(quartic, x0, gtol=0.0, max_iter=2000)
    assert result.status in (bfgs.CONVERGED, bfgs.LINE_SEARCH_FAILED, bfgs.MAX_ITER)
    assert all(math.isfinite(v) for v in [result.fun, *result.x, *result.grad])
    # it got near the minimum at 0 (from |x| ≥ 0.5): there |g| = 4|x|³ is so small that the steps
    # −H·g barely change x or f in float64, and the line search rightly gives up
    assert max(abs(v) for v in result.x) < 1e-12


def _square(x):
    return sum(v * v for v in x), [2 * v for v in x]


def _minimize(fg):
    return lambda: bfgs.minimize_bfgs(fg, [1.0, 2.0])


def _search(**kw):
    """A call of line_search with one argument bad (a new call each time: the test may run twice)."""
    args = {"fg": _square, "x": [1.0], "p": [-1.0], "f0": 1.0, "g0": [2.0], **kw}
    positional = [args[k] for k in ("fg", "x", "p", "f0", "g0")]
    options = {k: v for k, v in args.items() if k not in ("fg", "x", "p", "f0", "g0")}
    return lambda: bfgs.line_search(*positional, **options)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            _minimize(lambda x: 3.0),
            TypeError,
            "fg(x): expected a list or tuple like (cost, gradient), got float",
        ),
        (_minimize(lambda x: (1.0,)), ValueError, "fg(x): expected a pair (cost, gradient), got (1.0,)"),
        (
            _minimize(lambda x: (1.0, 2.0)),
            TypeError,
            "fg(x)[1], the gradient: expected a list or tuple like [0.5, -1.0], got float",
        ),
        (
            _minimize(lambda x: (1.0, [1.0])),
            ValueError,
            "fg(x)[1], the gradient: expected 2 numbers, one per component of x, got 1",
        ),
        (
            _minimize(lambda x: ("a", [1.0, 1.0])),
            TypeError,
            "fg(x)[0], the cost: expected a number, got str 'a'",
        ),
        (_minimize(lambda x: (1.0, [1.0, "b"])), TypeError, "fg(x)[1][1]: expected a number, got str 'b'"),
        (lambda: bfgs.minimize_bfgs(3, [1.0]), TypeError, "fg: expected a function, got int"),
        (lambda: bfgs.minimize_bfgs(None, [1.0]), TypeError, "fg: expected a function, got NoneType"),
        (
            lambda: bfgs.minimize_bfgs(_square, [1.0], callback=3),
            TypeError,
            "callback: expected a function or None, got int",
        ),
        (
            lambda: bfgs.minimize_lbfgs(_square, [1.0], callback=3),
            TypeError,
            "callback: expected a function or None, got int",
        ),
        (
            lambda: bfgs.gradient_descent(_square, [1.0], callback=3),
            TypeError,
            "callback: expected a function or None, got int",
        ),
        (
            lambda: bfgs.minimize_bfgs(_square, {1.0}),
            TypeError,
            "x0: expected a list or tuple like [0.0, 0.0], got set",
        ),
        (
            lambda: bfgs.minimize_lbfgs(_square, [1.0], memory=0),
            ValueError,
            "memory: expected an int >= 1, got 0",
        ),
        (_search(fg=None), TypeError, "fg: expected a function, got NoneType"),
        (_search(x={1.0}), TypeError, "x: expected a list or tuple like [0.0, 0.0], got set"),
        (_search(p=[1.0, 2.0]), ValueError, "p: expected 1 numbers, one per component of x, got 2"),
        (_search(g0=[1.0, 2.0]), ValueError, "g0: expected 1 numbers, one per component of x, got 2"),
        (_search(f0="a"), TypeError, "f0: expected a number, got str 'a'"),
        (_search(alpha1=0.0), ValueError, "alpha1: expected a positive finite number, got 0.0"),
        (_search(c1=0.0), ValueError, "c1: expected a positive finite number and <= 1, got 0.0"),
        (_search(c2=1.5), ValueError, "c2: expected a positive finite number and <= 1, got 1.5"),
        (_search(c2=0.0), ValueError, "c2: expected a positive finite number and <= 1, got 0.0"),
        (
            _search(c1=0.5, c2=0.5),
            ValueError,
            "c2: expected a number above c1 = 0.5 (0 < c1 < c2 <= 1), got 0.5",
        ),
        (_search(max_evals=0), ValueError, "max_evals: expected an int >= 1, got 0"),
    ],
)
def test_a_bad_objective_or_argument_is_refused_naming_it(call, error, message) -> None:
    with pytest.raises(nnd.NNDError, match=f"^{re.escape(message)}$") as caught:
        call()
    assert isinstance(caught.value, error)


def test_ints_from_the_objective_and_in_x0_become_floats() -> None:
    out = bfgs.minimize_bfgs(lambda x: (1, [-1, 0]), [1, 2], max_iter=0)
    assert out.x == [1.0, 2.0] and out.grad == [-1.0, 0.0] and out.fun == 1.0
    assert all(type(v) is float for v in [*out.x, *out.grad, out.fun])


def test_line_search_takes_one_evaluation_when_allowed_one() -> None:
    pt, evals = bfgs.line_search(_square, [1.0], [-1.0], 1.0, [2.0], max_evals=1)
    assert evals == 1 and pt is not None and pt.alpha == 1.0 and pt.x == [0.0]
