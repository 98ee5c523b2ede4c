"""Minimizers on flat lists of floats: BFGS with a strong-Wolfe line search, and gradient descent.

Pure Python, nothing to install. Both take an objective ``fg(x) -> (f, gradient)``
on a list of floats, which is what a network's cost and backpropagation give
(:func:`nnd.training.train` builds it). Vectors here are short (a few hundred
numbers at most for the networks of the series), so plain lists are fine.

BFGS keeps an estimate ``H`` of the inverse Hessian, steps along ``p = −H·g`` and
chooses the step length with a line search that satisfies the strong Wolfe
conditions (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithms 3.5
and 3.6), which keeps ``H`` positive definite. Before the first update ``H`` is
scaled by ``yᵀs / yᵀy`` (their eq. 6.20) so that its size matches the problem's
curvature; after that, a step length of 1 is tried first.

Stopping: when the largest gradient component is at most ``gtol`` (the test
SciPy uses), after ``max_iter`` steps, when no step lowers the cost any more, or
when the callback asks to stop. ``Outcome.status`` says which.

>>> def bowl(x):  # f = (x0 − 1)² + 10·(x1 + 2)²
...     return (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2, [2 * (x[0] - 1), 20 * (x[1] + 2)]
>>> out = minimize_bfgs(bowl, [0.0, 0.0])
>>> out.success, [round(v, 6) for v in out.x]
(True, [1.0, -2.0])
>>> gradient_descent(bowl, [0.0, 0.0], learning_rate=0.04, max_iter=500).success
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from nnd.util import checks
from nnd.util.errors import InvalidTypeError, InvalidValueError

Vector = list[float]
Objective = Callable[[Vector], tuple[float, Vector]]
"""``fg(x) -> (f(x), ∇f(x))`` for a list of floats ``x``."""

# status codes, as SciPy numbers them where the meaning is the same
CONVERGED, MAX_ITER, LINE_SEARCH_FAILED, STOPPED, DIVERGED = 0, 1, 2, 3, 4


class Outcome(NamedTuple):
    """What a minimizer returns. ``x`` and ``grad`` are new lists; ``nit`` counts accepted steps."""

    x: Vector
    fun: float
    grad: Vector
    nit: int
    nfev: int
    status: int
    message: str

    @property
    def success(self) -> bool:
        """True if the gradient got below the tolerance."""
        return self.status == CONVERGED


class Step(NamedTuple):
    """Handed to ``callback`` after every accepted step."""

    nit: int
    x: Vector
    fun: float
    grad: Vector


Callback = Callable[[Step], object]
"""Called after each step; returning ``True`` (or raising ``StopIteration``) stops the run."""


# -- small vector helpers -------------------------------------------------------------
def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


def _norm_inf(a: Sequence[float]) -> float:
    return max((abs(v) for v in a), default=0.0)


def _axpy(alpha: float, p: Sequence[float], x: Sequence[float]) -> Vector:
    """x + alpha·p."""
    return [xi + alpha * pi for xi, pi in zip(x, p, strict=True)]


def _matvec(H: list[Vector], v: Sequence[float]) -> Vector:
    return [_dot(row, v) for row in H]


def _finite(values: Sequence[float]) -> bool:
    return all(map(math.isfinite, values))


def check_options(max_iter: object, gtol: object) -> tuple[int, float]:
    """``max_iter`` and ``gtol`` checked the one way every minimizer here (and ``nnd.train``) checks them."""
    return checks.integer(max_iter, "max_iter"), checks.number(gtol, "gtol")


def _vector(values: object, name: str, length: int | None = None) -> Vector:
    """``values`` as a fresh list of finite floats: a list, a tuple or a 1-D array, not empty.

    A generator is refused before it is read; with ``length``, there must be that many numbers.
    """
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):  # a generator is not read
        raise InvalidTypeError(f"{name}: expected a sequence of numbers, got {checks.describe(values)}")
    items = checks.sequence(values, name, "[0.0, 0.0]")  # sets, 0-D arrays
    if not (all(type(v) is float for v in items) and _finite(items)):  # the usual case needs no more
        items = tuple(checks.number(v, f"{name}[{i}]", minimum=None) for i, v in enumerate(items))
    if not items:
        raise InvalidValueError(f"{name}: expected a non-empty sequence of finite numbers")
    if length is not None and len(items) != length:
        raise InvalidValueError(
            f"{name}: expected {length} numbers, one per component of x, got {len(items)}"
        )
    return list(items)


def _start(
    fg: object, x0: object, max_iter: object, gtol: object, callback: object
) -> tuple[Vector, int, float]:
    """The arguments every minimizer takes checked, and x0 as a fresh list of finite floats."""
    max_iter, gtol = check_options(max_iter, gtol)
    checks.function(fg, "fg", optional=False)
    checks.function(callback, "callback")
    return _vector(x0, "x0"), max_iter, gtol


def _first_point(fg: Objective, x: Vector) -> tuple[float, Vector]:
    """f and its gradient at the starting point, which must be finite."""
    f, g = _evaluate(fg, x)
    if not g:
        raise InvalidValueError("the objective is not finite at the starting point")
    return f, g


def _evaluate(fg: Objective, x: Vector) -> tuple[float, Vector]:
    """f and its gradient at x; +inf (and no gradient) where x or the result is not finite.

    ``fg(x)`` must return a pair ``(cost, gradient)``: a number and as many numbers as x has.
    """
    if not _finite(x):
        return math.inf, []
    try:
        answer = fg(x)
    except OverflowError:  # Python's float arithmetic says "too large" by raising
        return math.inf, []
    pair = checks.sequence(answer, "fg(x)", "(cost, gradient)")
    if len(pair) != 2:
        raise InvalidValueError(f"fg(x): expected a pair (cost, gradient), got {checks.shown(answer)}")
    f, g = pair
    g = checks.sequence(g, "fg(x)[1], the gradient", "[0.5, -1.0]")
    if len(g) != len(x):
        raise InvalidValueError(
            f"fg(x)[1], the gradient: expected {len(x)} numbers, one per component of x, got {len(g)}"
        )
    try:  # NaN, an infinity or an int beyond float64: the step went too far
        f = checks.number(f, "fg(x)[0], the cost", minimum=None)
        if not all(type(v) is float for v in g):
            g = [checks.number(v, f"fg(x)[1][{i}]", minimum=None) for i, v in enumerate(g)]
    except InvalidValueError:
        return math.inf, []
    if not _finite(g):
        return math.inf, []
    return f, list(g)


def _report(callback: Callback | None, nit: int, x: Vector, f: float, g: Vector) -> bool:
    """Run the callback; True if it asks to stop."""
    if callback is None:
        return False
    try:
        return callback(Step(nit, list(x), f, list(g))) is True
    except StopIteration:
        return True


# -- line search -------------------------------------------------------------------------
class _Point:
    """A trial step length with φ(α) = f(x + α·p) and φ′(α) = ∇f(x + α·p)·p."""

    __slots__ = ("alpha", "d", "f", "g", "x")

    def __init__(self, alpha: float, f: float, d: float, x: Vector, g: Vector) -> None:
        self.alpha, self.f, self.d, self.x, self.g = alpha, f, d, x, g


def _cubic_min(a: _Point, b: _Point) -> float:
    """Minimizer of the cubic matching f and φ′ at two points (Nocedal & Wright eq. 3.59), or nan."""
    if a.alpha == b.alpha:
        return math.nan
    d1 = a.d + b.d - 3.0 * (a.f - b.f) / (a.alpha - b.alpha)
    radicand = d1 * d1 - a.d * b.d
    if not math.isfinite(radicand) or radicand <= 0.0:  # 0: φ′ of the cubic has a double root, an inflection
        return math.nan
    d2 = math.copysign(math.sqrt(radicand), b.alpha - a.alpha)
    denominator = b.d - a.d + 2.0 * d2
    if denominator == 0.0:
        return math.nan
    return b.alpha - (b.alpha - a.alpha) * (b.d + d2 - d1) / denominator


def _quadratic_min(a: _Point, b: _Point) -> float:
    """Minimizer of the parabola through f(a), f(b) with slope φ′(a), or nan."""
    h = b.alpha - a.alpha
    curvature = b.f - a.f - a.d * h
    if h == 0.0 or not math.isfinite(curvature) or curvature <= 0.0:
        return math.nan
    return a.alpha - a.d * h * h / (2.0 * curvature)


def _trial(lo: _Point, hi: _Point) -> float:
    """A step length inside (lo, hi): cubic, else quadratic interpolation, else bisection."""
    left, right = min(lo.alpha, hi.alpha), max(lo.alpha, hi.alpha)
    width = right - left
    for guess, margin in ((_cubic_min(lo, hi), 0.2), (_quadratic_min(lo, hi), 0.1)):
        if math.isfinite(guess) and left + margin * width <= guess <= right - margin * width:
            return guess
    return left + 0.5 * width


def line_search(
    fg: Objective,
    x: Vector,
    p: Vector,
    f0: float,
    g0: Vector,
    alpha1: float = 1.0,
    *,
    c1: float = 1e-4,
    c2: float = 0.9,
    max_evals: int = 40,
) -> tuple[_Point | None, int]:
    """A step length along ``p`` meeting the strong Wolfe conditions, and the evaluations used.

    Sufficient decrease: ``f(x + αp) ≤ f(x) + c1·α·∇f(x)·p``; curvature:
    ``|∇f(x + αp)·p| ≤ c2·|∇f(x)·p|``. Returns ``(None, evaluations)`` if no such step
    was found (usually: the cost is flat to rounding error near a minimum).

    >>> f = lambda x: (x[0] ** 2, [2 * x[0]])  # from x = 3 along p = −1
    >>> line_search(f, [3.0], [-1.0], 9.0, [6.0])[0].alpha  # 9 → 4: enough for c2 = 0.9
    1.0
    >>> point, evals = line_search(f, [3.0], [-1.0], 9.0, [6.0], c2=0.1)  # near-exact search
    >>> point.alpha, point.x, evals
    (3.0, [0.0], 4)

    ``x``, ``p`` and ``g0`` = ∇f(x) are equally long lists (or tuples, or 1-D arrays) of finite
    numbers, ``f0`` = f(x) a finite number; ``0 < c1 < c2 ≤ 1``.
    """
    checks.function(fg, "fg", optional=False)
    x = _vector(x, "x")
    p, g0 = _vector(p, "p", len(x)), _vector(g0, "g0", len(x))
    f0 = checks.number(f0, "f0", minimum=None)
    alpha1 = checks.number(alpha1, "alpha1", positive=True)
    c1 = checks.number(c1, "c1", positive=True, maximum=1.0)
    c2 = checks.number(c2, "c2", positive=True, maximum=1.0)
    if not c1 < c2:
        raise InvalidValueError(f"c2: expected a number above c1 = {c1:g} (0 < c1 < c2 <= 1), got {c2:g}")
    max_evals = checks.integer(max_evals, "max_evals", minimum=1)
    d0 = _dot(g0, p)
    evals = 0

    def phi(alpha: float) -> _Point:
        nonlocal evals
        evals += 1
        xa = _axpy(alpha, p, x)
        f, g = _evaluate(fg, xa)
        return _Point(alpha, f, _dot(g, p) if g else math.nan, xa, g)

    def sufficient(pt: _Point) -> bool:
        return pt.f <= f0 + c1 * pt.alpha * d0

    def curvature(pt: _Point) -> bool:
        return abs(pt.d) <= -c2 * d0

    def zoom(lo: _Point, hi: _Point) -> _Point | None:
        # Algorithm 3.6: lo satisfies sufficient decrease and has the lowest f so far;
        # φ′(lo)·(hi − lo) < 0, so a Wolfe point lies between them.
        while evals < max_evals:
            alpha = _trial(lo, hi)
            if alpha in (lo.alpha, hi.alpha):
                return None  # the interval has shrunk to rounding error
            pt = phi(alpha)
            if not sufficient(pt) or pt.f >= lo.f:
                hi = pt
            else:
                if curvature(pt):
                    return pt
                if pt.d * (hi.alpha - lo.alpha) >= 0.0:
                    hi = lo
                lo = pt
        return None

    # Algorithm 3.5: grow the step until it brackets a Wolfe point, then zoom in.
    previous = _Point(0.0, f0, d0, x, g0)
    alpha = alpha1
    while evals < max_evals:
        pt = phi(alpha)
        if not sufficient(pt) or (evals > 1 and pt.f >= previous.f):
            return zoom(previous, pt), evals
        if curvature(pt):
            return pt, evals
        if pt.d >= 0.0:
            return zoom(pt, previous), evals
        previous, alpha = pt, 2.0 * alpha
    return None, evals


# -- BFGS ----------------------------------------------------------------------------------
def minimize_bfgs(
    fg: Objective,
    x0: Sequence[float],
    *,
    max_iter: int = 200,
    gtol: float = 1e-6,
    callback: Callback | None = None,
    max_step: float = 4.0,
) -> Outcome:
    """Minimize with BFGS; stops when max|∇f| ≤ ``gtol`` or after ``max_iter`` steps.

    SciPy applies the same test with ``gtol=1e-5``. The default here is 1e-6: the
    series' cost has flat directions where a gradient of 1e-5 can still leave
    J ≈ 1e-7, and the few extra steps it takes to get below 1e-6 are cheap.

    ``max_step`` bounds the *first trial* of each line search: no component of x
    moves by more than that (the search still goes further when the Wolfe
    conditions ask for it). Without it, an early quasi-Newton step can throw a
    sigmoid network's weights far into saturation, where the gradient vanishes and
    training stops on a plateau; with it that did not happen from 300 seeds.

    >>> rosen = lambda x: ((1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2,
    ...     [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])
    >>> out = minimize_bfgs(rosen, [-1.2, 1.0])
    >>> out.message, [round(v, 4) for v in out.x]
    ('converged: max |gradient| <= gtol', [1.0, 1.0])
    """
    x, max_iter, gtol = _start(fg, x0, max_iter, gtol, callback)
    max_step = checks.number(max_step, "max_step", positive=True)
    n = len(x)
    f, g = _first_point(fg, x)
    nfev = 1
    H: list[Vector] | None = None  # None: the identity, until the first update
    nit = 0
    while True:
        if _norm_inf(g) <= gtol:
            return Outcome(x, f, g, nit, nfev, CONVERGED, "converged: max |gradient| <= gtol")
        if nit >= max_iter:
            return Outcome(x, f, g, nit, nfev, MAX_ITER, "stopped: reached max_iter")
        p = [-v for v in g] if H is None else [-v for v in _matvec(H, g)]
        if H is not None and _dot(g, p) >= 0.0:  # rounding made H indefinite: restart
            H, p = None, [-v for v in g]
        point, evals = line_search(fg, x, p, f, g, _first_trial(p, H is None, max_step))
        nfev += evals
        if point is None and H is not None:  # retry once along the steepest descent
            H, p = None, [-v for v in g]
            point, evals = line_search(fg, x, p, f, g, _first_trial(p, True, max_step))
            nfev += evals
        if point is None:
            return Outcome(
                x, f, g, nit, nfev, LINE_SEARCH_FAILED,
                "stopped: the line search found no step that lowers the cost enough "
                "(the cost is flat to rounding error here)",
            )  # fmt: skip
        s = [a - b for a, b in zip(point.x, x, strict=True)]
        dg = [a - b for a, b in zip(point.g, g, strict=True)]  # the change in gradient
        x, f, g = point.x, point.f, point.g
        nit += 1
        dgs, dgdg = _dot(dg, s), _dot(dg, dg)
        if dgdg > 0.0 and dgs > 1e-12 * math.sqrt(dgdg * _dot(s, s)):  # curvature positive: update H
            if H is None:
                scale = dgs / dgdg
                H = [[scale if i == j else 0.0 for j in range(n)] for i in range(n)]
            H = _bfgs_update(H, s, dg, dgs)
            if not all(math.isfinite(h) for row in H for h in row):
                H = None  # steps and gradient changes near underflow: ρ = 1/dgᵀs overflowed H; restart
        if _report(callback, nit, x, f, g):
            return Outcome(x, f, g, nit, nfev, STOPPED, "stopped by the callback")


def _first_trial(p: Vector, steepest: bool, max_step: float) -> float:
    """The first step length to try along ``p``: 1 for a quasi-Newton step; for a steepest-descent
    step, which has no natural length, a move of at most 1 in any component. Either way no
    component moves by more than ``max_step``."""
    size = max(_norm_inf(p), 1e-300)
    alpha = min(1.0, 1.0 / size) if steepest else 1.0
    return min(alpha, max_step / size)


def _bfgs_update(H: list[Vector], s: Vector, dg: Vector, dgs: float) -> list[Vector]:
    """H⁺ = (I − ρ·s·dgᵀ)·H·(I − ρ·dg·sᵀ) + ρ·s·sᵀ with ρ = 1/dgᵀs, expanded for a symmetric H.

    ``s`` is the step taken, ``dg`` the change in gradient along it, ``dgs`` = dgᵀs.
    """
    rho = 1.0 / dgs
    Hdg = _matvec(H, dg)
    c = rho * rho * _dot(dg, Hdg) + rho
    return [
        [h - rho * (Hdg[i] * s[j] + s[i] * Hdg[j]) + c * s[i] * s[j] for j, h in enumerate(row)]
        for i, row in enumerate(H)
    ]


# -- gradient descent ------------------------------------------------------------------------
def gradient_descent(
    fg: Objective,
    x0: Sequence[float],
    *,
    learning_rate: float = 1.0,
    max_iter: int = 200,
    gtol: float = 1e-6,
    callback: Callback | None = None,
) -> Outcome:
    """Plain gradient descent, x ← x − learning_rate·∇f(x): simple, and slow on curved valleys."""
    x, max_iter, gtol = _start(fg, x0, max_iter, gtol, callback)
    learning_rate = checks.number(learning_rate, "learning_rate", positive=True)
    f, g = _first_point(fg, x)
    nfev, nit = 1, 0
    while True:
        if _norm_inf(g) <= gtol:
            return Outcome(x, f, g, nit, nfev, CONVERGED, "converged: max |gradient| <= gtol")
        if nit >= max_iter:
            return Outcome(x, f, g, nit, nfev, MAX_ITER, "stopped: reached max_iter")
        x_new = _axpy(-learning_rate, g, x)
        f_new, g_new = _evaluate(fg, x_new)
        nfev += 1
        if not g_new:
            return Outcome(
                x, f, g, nit, nfev, DIVERGED,
                "stopped: the step left the range of finite numbers (learning_rate too large?)",
            )  # fmt: skip
        x, f, g = x_new, f_new, g_new
        nit += 1
        if _report(callback, nit, x, f, g):
            return Outcome(x, f, g, nit, nfev, STOPPED, "stopped by the callback")


# -- limited-memory BFGS -----------------------------------------------------------------------
def minimize_lbfgs(
    fg: Objective,
    x0: Sequence[float],
    *,
    max_iter: int = 200,
    gtol: float = 1e-6,
    memory: int = 10,
    callback: Callback | None = None,
    max_step: float = 4.0,
) -> Outcome:
    """Minimize with limited-memory BFGS (L-BFGS); stops when max|∇f| ≤ ``gtol`` or after ``max_iter`` steps.

    BFGS keeps an n×n estimate of the inverse Hessian: for a 64-30-10 network with biases
    (2,260 parameters) that is 5.1 million numbers, updated at every step. L-BFGS keeps
    only the last ``memory`` steps s and gradient changes dg, and computes H·g from them
    with two loops over those pairs (Nocedal & Wright, Algorithm 7.4), in O(memory·n)
    memory and time. It shares the strong-Wolfe :func:`line_search` and the first-trial
    bound ``max_step`` with :func:`minimize_bfgs`.

    >>> rosen = lambda x: ((1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2,
    ...     [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])
    >>> out = minimize_lbfgs(rosen, [-1.2, 1.0])
    >>> out.message, [round(v, 4) for v in out.x]
    ('converged: max |gradient| <= gtol', [1.0, 1.0])
    """
    x, max_iter, gtol = _start(fg, x0, max_iter, gtol, callback)
    memory = checks.integer(memory, "memory", minimum=1)
    max_step = checks.number(max_step, "max_step", positive=True)
    f, g = _first_point(fg, x)
    nfev, nit = 1, 0
    pairs: list[tuple[Vector, Vector, float]] = []  # (s, dg, 1/dgᵀs), oldest first
    while True:
        if _norm_inf(g) <= gtol:
            return Outcome(x, f, g, nit, nfev, CONVERGED, "converged: max |gradient| <= gtol")
        if nit >= max_iter:
            return Outcome(x, f, g, nit, nfev, MAX_ITER, "stopped: reached max_iter")
        p = [-v for v in _two_loop(g, pairs)]
        if pairs and not (_finite(p) and _dot(g, p) < 0.0):  # not a descent direction: forget and restart
            pairs, p = [], [-v for v in g]
        point, evals = line_search(fg, x, p, f, g, _first_trial(p, not pairs, max_step))
        nfev += evals
        if point is None and pairs:  # retry once along the steepest descent
            pairs, p = [], [-v for v in g]
            point, evals = line_search(fg, x, p, f, g, _first_trial(p, True, max_step))
            nfev += evals
        if point is None:
            return Outcome(
                x, f, g, nit, nfev, LINE_SEARCH_FAILED,
                "stopped: the line search found no step that lowers the cost enough "
                "(the cost is flat to rounding error here)",
            )  # fmt: skip
        s = [a - b for a, b in zip(point.x, x, strict=True)]
        dg = [a - b for a, b in zip(point.g, g, strict=True)]
        x, f, g = point.x, point.f, point.g
        nit += 1
        dgs, dgdg = _dot(dg, s), _dot(dg, dg)
        if dgdg > 0.0 and dgs > 1e-12 * math.sqrt(dgdg * _dot(s, s)):  # curvature positive: remember it
            pairs.append((s, dg, 1.0 / dgs))
            if len(pairs) > memory:
                pairs.pop(0)
        if _report(callback, nit, x, f, g):
            return Outcome(x, f, g, nit, nfev, STOPPED, "stopped by the callback")


def _two_loop(g: Vector, pairs: list[tuple[Vector, Vector, float]]) -> Vector:
    """H·g for the L-BFGS estimate H built from ``pairs`` (Nocedal & Wright, Algorithm 7.4).

    With no pairs, H is the identity. Otherwise H starts as γ·I with γ = sᵀdg / dgᵀdg of
    the newest pair (their eq. 7.20), the scaling BFGS also uses for its first update.
    """
    q = list(g)
    alphas = []
    for s, dg, rho in reversed(pairs):
        alpha = rho * _dot(s, q)
        alphas.append(alpha)
        q = _axpy(-alpha, dg, q)
    if pairs:
        s, dg, _ = pairs[-1]
        gamma = _dot(s, dg) / _dot(dg, dg)
        q = [gamma * v for v in q]
    for (s, dg, rho), alpha in zip(pairs, reversed(alphas)):
        beta = rho * _dot(dg, q)
        q = _axpy(alpha - beta, s, q)
    return q
