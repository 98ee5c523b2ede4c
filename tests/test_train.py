"""Training (Part 6): the optimizers' laws, BFGS on the series' data, the result, the video's trainer."""

from __future__ import annotations

import math
import statistics
import sys

import pytest
from helpers import flat, network
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import problems

import nnd
from nnd.training import Trainer, bfgs

X, Y = nnd.data.sleep_study()
TRAIN_X, TRAIN_Y, TEST_X, TEST_Y = nnd.data.train_test()


def sum_of_squares_by_hand(net: nnd.Network, X, y, lam: float | None) -> float:
    """Part 4's / Part 7's cost from forward() and the weights, written out here."""
    yhat = flat(net.forward(X))
    data = 0.5 * sum((t - p) ** 2 for t, p in zip(flat(y), yhat))
    if lam is None:
        return data
    return data / len(X) + 0.5 * lam * sum(w * w for w in flat(net.get_params()))


# -- the line search and the minimizers on functions whose answers are known ----------------------
@given(problem=problems(max_rows=8))
def test_line_search_steps_satisfy_the_strong_wolfe_conditions(problem: dict) -> None:
    net = network(problem, "python")
    X, y = problem["X"], problem["y"]

    def fg(w):
        net.set_params(w)
        return net.cost(X, y), flat(net.compute_gradients(X, y))

    x0 = flat(net.get_params())
    f0, g0 = fg(x0)
    p = [-v for v in g0]
    slope = sum(a * b for a, b in zip(g0, p))
    assume(slope < -1e-10)
    point, evaluations = bfgs.line_search(fg, x0, p, f0, g0)
    assert evaluations >= 1
    if point is None:
        return  # allowed (flat to rounding error); a returned step must be a Wolfe step
    f, g = fg([x + point.alpha * d for x, d in zip(x0, p)])  # evaluated afresh, not trusted
    assert f <= f0 + 1e-4 * point.alpha * slope
    assert abs(sum(a * b for a, b in zip(g, p))) <= 0.9 * abs(slope)


@st.composite
def quadratics(draw: st.DrawFn) -> tuple[list[list[float]], list[float]]:
    """A positive definite A = LLᵀ + I/10 and a minimizer x*, for f(x) = ½(x − x*)ᵀA(x − x*)."""
    n = draw(st.integers(1, 6))
    entry = st.floats(-2, 2, allow_nan=False)
    L = [[draw(entry) if j <= i else 0.0 for j in range(n)] for i in range(n)]
    A = [
        [sum(L[i][k] * L[j][k] for k in range(n)) + (0.1 if i == j else 0.0) for j in range(n)]
        for i in range(n)
    ]
    return A, [draw(st.floats(-5, 5, allow_nan=False)) for _ in range(n)]


@given(quadratics())
def test_bfgs_finds_the_minimizer_of_a_convex_quadratic(case) -> None:
    A, x_star = case

    def fg(x):
        d = [a - b for a, b in zip(x, x_star)]
        Ad = [sum(a * b for a, b in zip(row, d)) for row in A]
        return 0.5 * sum(a * b for a, b in zip(d, Ad)), Ad

    out = bfgs.minimize_bfgs(fg, [0.0] * len(x_star), gtol=1e-9, max_iter=500)
    assert out.success, out.message
    assert all(abs(g) <= 1e-9 for g in out.grad)
    # |x − x*| ≤ |A⁻¹| · |g| and the smallest eigenvalue of A is at least 0.1
    assert math.dist(out.x, x_star) <= 10 * math.sqrt(len(x_star)) * 1e-9 + 1e-12


def test_bfgs_solves_rosenbrock_from_the_classic_start() -> None:
    def rosen(x):
        a, b = x
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2, [
            -2 * (1 - a) - 400 * a * (b - a * a),
            200 * (b - a * a),
        ]

    out = bfgs.minimize_bfgs(rosen, [-1.2, 1.0])
    assert out.success and math.dist(out.x, [1.0, 1.0]) < 1e-5 and out.nit < 60


def rosenbrock(x: list[float]) -> tuple[float, list[float]]:
    a, b = x
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]


def first_trials(monkeypatch, fail: set[int] = frozenset()) -> list[float]:
    """How far each line search's first trial moves x (largest component); searches in ``fail`` fail."""
    moves: list[float] = []
    real = bfgs.line_search

    def spy(fg, x, p, f0, g0, alpha1=1.0, **kwargs):
        moves.append(alpha1 * max(abs(v) for v in p))
        return (None, 0) if len(moves) in fail else real(fg, x, p, f0, g0, alpha1, **kwargs)

    monkeypatch.setattr(bfgs, "line_search", spy)
    return moves


@pytest.mark.parametrize("max_step", [0.05, 0.3])
def test_the_first_trial_of_every_line_search_moves_no_weight_by_more_than_max_step(
    monkeypatch, max_step
) -> None:
    """Rosenbrock from (−1.2, 1): unbounded, the first trial would move x by 1 (and later ones further)."""
    moves = first_trials(monkeypatch)
    out = bfgs.minimize_bfgs(rosenbrock, [-1.2, 1.0], max_step=max_step, max_iter=500)
    assert out.success and math.dist(out.x, [1.0, 1.0]) < 1e-5
    assert len(moves) == out.nit and max(moves) <= max_step * (1 + 1e-12)


def test_the_steepest_descent_retry_respects_max_step_too(monkeypatch) -> None:
    moves = first_trials(monkeypatch, fail={2})  # the first quasi-Newton search fails: retry along −g
    out = bfgs.minimize_bfgs(rosenbrock, [-1.2, 1.0], max_step=0.05, max_iter=500)
    assert out.success and len(moves) == out.nit + 1 and max(moves) <= 0.05 * (1 + 1e-12)


def test_max_step_keeps_seed_1_off_the_plateau_it_stalled_on(backend) -> None:
    """Unbounded, the second step threw this seed's weights into saturation: 'converged' at J ≈ 0.05."""
    result = nnd.train(nnd.Network(seed=1, backend=backend), X, Y)
    assert result.success and result.fun < 1e-10


def test_gradient_descent_takes_exactly_the_steps_it_is_told_to() -> None:
    out = bfgs.gradient_descent(lambda x: (x[0] ** 2, [2 * x[0]]), [1.0], learning_rate=0.25, max_iter=3)
    assert out.x == [0.125] and out.nit == 3 and out.nfev == 4 and out.status == bfgs.MAX_ITER


def test_gradient_descent_that_overflows_stops_cleanly_at_the_last_finite_point() -> None:
    out = bfgs.gradient_descent(lambda x: (x[0] ** 4, [4 * x[0] ** 3]), [1.0], learning_rate=1e300)
    assert out.status == bfgs.DIVERGED and not out.success and out.x == [1.0] and out.nit == 0


def test_a_huge_learning_rate_leaves_finite_weights_in_the_network(backend) -> None:
    net = nnd.Network(seed=0, backend=backend)
    result = nnd.train(net, X, Y, method="gd", learning_rate=1e308)
    assert all(math.isfinite(v) for v in flat(net.get_params()))
    assert math.isfinite(result.fun) and result.fun == net.cost(X, Y)


# -- BFGS on the series' data ---------------------------------------------------------------------
def test_bfgs_fits_the_series_data_from_most_seeds_on_every_backend(backend) -> None:
    results = [nnd.train(nnd.Network(seed=s, backend=backend), X, Y) for s in range(20)]
    fitted = [r for r in results if r.fun < 1e-8]
    # SciPy's BFGS, as the series calls it, fits 90 of seeds 0-99 (python -m benchmarks bfgs_vs_scipy).
    assert len(fitted) >= 17
    assert statistics.median(r.nit for r in results) <= 56
    for r in fitted:
        assert r.success and max(abs(g) for g in flat(r.jac)) <= 1e-6


def test_trained_network_predicts_the_scores(backend) -> None:
    net = nnd.Network(seed=0, backend=backend)
    nnd.train(net, X, Y)
    scores = [100 * v for v in flat(net.forward(X))]
    assert all(abs(a - b) < 0.01 for a, b in zip(scores, [75, 82, 93]))


def test_cost_history_decreases_every_iteration_and_ends_at_the_result(backend) -> None:
    for seed in range(5):
        net = nnd.Network(seed=seed, backend=backend)
        start = net.cost(X, Y)
        result = nnd.train(net, X, Y)
        assert len(result.J) == result.nit > 0
        assert result.J[0] < start and all(b < a for a, b in zip(result.J, result.J[1:]))
        assert result.J[-1] == result.fun
        assert math.isclose(result.fun, sum_of_squares_by_hand(net, X, Y, None), rel_tol=1e-9, abs_tol=1e-15)


def test_the_result_weights_are_in_the_network_and_are_backend_arrays(backend) -> None:
    net = nnd.Network(seed=4, backend=backend)
    result = nnd.train(net, X, Y)
    assert backend.is_array(result.x) and backend.is_array(result.jac)
    assert flat(result.x) == flat(net.get_params())
    assert result.njev == result.nfev >= result.nit
    assert "fun" in repr(result) and result.method == "bfgs"


def test_backends_train_to_the_same_weights(backend) -> None:
    for seed in range(5):
        mine = nnd.train(nnd.Network(seed=seed, backend=backend), X, Y)
        reference = nnd.train(nnd.Network(seed=seed), X, Y)
        assert mine.nit == reference.nit
        assert all(
            math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9) for a, b in zip(flat(mine.x), flat(reference.x))
        )


def test_bfgs_beats_gradient_descent_in_the_same_number_of_iterations(backend) -> None:
    for seed in (0, 2, 3):  # seed 1 heads for a local minimum (J ≈ 1.2e-3) with either method
        quick = nnd.train(nnd.Network(seed=seed, backend=backend), X, Y, max_iter=50)
        slow = nnd.train(nnd.Network(seed=seed, backend=backend), X, Y, method="gd", max_iter=50)
        assert quick.fun < 1e-3 * slow.fun
        assert slow.nit == 50 and slow.nfev == 51 and slow.J[-1] < slow.J[0]


def test_deep_network_trains_too(backend) -> None:
    net = nnd.Network((2, 5, 5, 1), seed=0, backend=backend)
    result = nnd.train(net, X, Y)
    assert result.success and result.fun < 1e-8 and len(flat(result.x)) == 2 * 5 + 5 * 5 + 5


# -- Part 7: test data ----------------------------------------------------------------------------
def test_test_cost_is_recorded_each_iteration_and_is_the_cost_on_the_test_data(backend) -> None:
    net = nnd.Network(seed=2, backend=backend, lam=1e-4)
    result = nnd.train(net, TRAIN_X, TRAIN_Y, testX=TEST_X, testY=TEST_Y)
    assert len(result.testJ) == len(result.J) == result.nit
    assert math.isclose(result.testJ[-1], sum_of_squares_by_hand(net, TEST_X, TEST_Y, 1e-4), rel_tol=1e-9)
    assert nnd.train(nnd.Network(seed=2, backend=backend), X, Y).testJ == []


def test_regularization_lowers_the_median_test_cost() -> None:
    """Part 7's point: λ = 1e-4 generalizes better than λ = 0 (series-facts: 3.2e-3 against more)."""
    medians = {}
    for lam in (0.0, 1e-4):
        runs = [
            nnd.train(nnd.Network(seed=s, lam=lam), TRAIN_X, TRAIN_Y, testX=TEST_X, testY=TEST_Y)
            for s in range(10)
        ]
        medians[lam] = statistics.median(r.testJ[-1] for r in runs)
    assert medians[1e-4] < 0.5 * medians[0.0]
    assert 2.5e-3 < medians[1e-4] < 4e-3


# -- callbacks and stopping -------------------------------------------------------------------------
def test_callback_sees_every_iteration_and_can_stop_training(backend) -> None:
    seen = []

    def callback(progress):
        seen.append(progress)
        return progress.nit == 4

    net = nnd.Network(seed=1, backend=backend)
    result = nnd.train(net, TRAIN_X, TRAIN_Y, callback=callback, testX=TEST_X, testY=TEST_Y)
    assert [p.nit for p in seen] == [1, 2, 3, 4]
    assert [p.fun for p in seen] == result.J and [p.test_fun for p in seen] == result.testJ
    assert result.status == bfgs.STOPPED and result.nit == 4 and not result.success
    assert flat(net.get_params()) == flat(result.x)


@pytest.mark.parametrize("method", ["bfgs", "gd", "sgd"])
def test_the_callback_sees_the_parameters_each_step_left(method: str) -> None:
    seen = []
    net = nnd.Network(seed=1, backend="python", bias=method == "sgd")
    options = {"epochs": 3, "batch_size": 2} if method == "sgd" else {"max_iter": 5}
    result = nnd.train(net, TRAIN_X, TRAIN_Y, method=method, callback=seen.append, **options)
    for progress in seen:  # the cost the callback is told is that of the parameters it is given
        probe = nnd.Network(seed=1, backend="python", bias=method == "sgd")
        probe.set_params(list(progress.x))
        assert probe.cost(TRAIN_X, TRAIN_Y) == pytest.approx(progress.fun, rel=1e-12)
    assert list(seen[-1].x) == flat(result.x) and len({p.x for p in seen}) == len(seen)


def test_callback_raising_stop_iteration_stops_too() -> None:
    def callback(progress):
        if progress.nit == 2:
            raise StopIteration

    result = nnd.train(nnd.Network(seed=1), X, Y, method="gd", callback=callback)
    assert result.nit == 2 and result.status == bfgs.STOPPED


def test_an_interrupted_run_leaves_the_network_as_it_was(backend) -> None:
    class InterruptError(Exception):
        pass

    def callback(progress):
        if progress.nit == 3:
            raise InterruptError

    net = nnd.Network(seed=3, backend=backend)
    before = flat(net.get_params())
    with pytest.raises(InterruptError):
        nnd.train(net, X, Y, callback=callback)
    assert flat(net.get_params()) == before


def test_zero_iterations_changes_nothing() -> None:
    net = nnd.Network(seed=3)
    before = flat(net.get_params())
    result = nnd.train(net, X, Y, max_iter=0)
    assert result.nit == 0 and result.J == [] and flat(net.get_params()) == before


def test_training_does_not_modify_the_data_lists() -> None:
    Xc, Yc = [list(r) for r in X], [list(r) for r in Y]
    nnd.train(nnd.Network(seed=0), Xc, Yc, max_iter=5)
    assert Xc == X and Yc == Y


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"method": "adam"}, ValueError, "method"),
        ({"method": "bfgs", "learning_rate": 0.1}, ValueError, "learning_rate"),
        ({"method": "gd", "learning_rate": -1.0}, ValueError, "learning_rate"),
        ({"method": "gd", "learning_rate": math.nan}, ValueError, "learning_rate"),
        ({"method": "gd", "learning_rate": "0.1"}, TypeError, "learning_rate"),
        ({"max_iter": -1}, ValueError, "max_iter"),
        ({"max_iter": 2.5}, TypeError, "max_iter"),
        ({"max_iter": True}, TypeError, "max_iter"),
        ({"gtol": math.nan}, ValueError, "gtol"),
        ({"gtol": -1.0}, ValueError, "gtol"),
        ({"gtol": "x"}, TypeError, "gtol"),
        ({"testX": TEST_X}, TypeError, "testY"),
        ({"callback": 3}, TypeError, "callback"),
    ],
)
def test_bad_arguments_are_refused_and_change_nothing(kwargs, error, words) -> None:
    net = nnd.Network(seed=0)
    before = flat(net.get_params())
    with pytest.raises(error, match=words):
        nnd.train(net, X, Y, **kwargs)
    assert flat(net.get_params()) == before


@pytest.mark.parametrize("method", ["bfgs", "gd", "scipy-bfgs"])
@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"gtol": -1}, ValueError), ({"gtol": "x"}, TypeError), ({"gtol": math.inf}, ValueError),
     ({"max_iter": -1}, ValueError), ({"max_iter": "5"}, TypeError)],
)  # fmt: skip
def test_options_are_checked_the_same_way_for_every_method_before_it_runs(method, kwargs, error) -> None:
    """No SciPy needed: the check comes before any method starts (SciPy ran gtol=-1 with overflows)."""
    net = nnd.Network(seed=0)
    before = flat(net.get_params())
    with pytest.raises(error, match=next(iter(kwargs))):
        nnd.train(net, X, Y, method=method, callback=lambda p: pytest.fail("training started"), **kwargs)
    assert flat(net.get_params()) == before


def test_bad_network_and_data_are_refused() -> None:
    with pytest.raises(TypeError, match="nnd.Network"):
        nnd.train("net", X, Y)
    with pytest.raises(ValueError, match="rows"):
        nnd.train(nnd.Network(seed=0), X, Y[:2])
    with pytest.raises(ValueError, match="shape"):
        nnd.train(nnd.Network(seed=0), X, Y, testX=[[1.0, 2.0, 3.0]], testY=[[0.5]])


# -- SciPy for comparison ------------------------------------------------------------------------------
def test_scipy_bfgs_method_gives_the_same_kind_of_result(backend) -> None:
    pytest.importorskip("scipy", reason="method='scipy-bfgs' needs SciPy")
    net = nnd.Network(seed=0, backend=backend, lam=1e-4)
    result = nnd.train(net, TRAIN_X, TRAIN_Y, method="scipy-bfgs", testX=TEST_X, testY=TEST_Y)
    assert result.success and result.method == "scipy-bfgs"
    assert len(result.J) == len(result.testJ) == result.nit and result.J[-1] == result.fun
    assert backend.is_array(result.x) and flat(result.x) == flat(net.get_params())
    ours = nnd.train(nnd.Network(seed=0, backend=backend, lam=1e-4), TRAIN_X, TRAIN_Y)
    # the same minimum; ours is a little lower because it stops at gtol 1e-6, SciPy at 1e-5
    assert math.isclose(ours.fun, result.fun, rel_tol=1e-3) and ours.fun <= result.fun


@pytest.mark.parametrize("how", ["return True", "raise StopIteration"])
def test_scipy_bfgs_stops_when_the_callback_says_so_with_the_same_status_as_bfgs(how) -> None:
    pytest.importorskip("scipy", reason="method='scipy-bfgs' needs SciPy")
    seen = []

    def callback(progress):
        seen.append(progress)
        if progress.nit == 3:
            if how == "raise StopIteration":
                raise StopIteration
            return True
        return False

    net = nnd.Network(seed=0)
    result = nnd.train(net, X, Y, method="scipy-bfgs", callback=callback)
    assert result.nit == 3 and not result.success and [p.nit for p in seen] == [1, 2, 3]
    assert result.status == bfgs.STOPPED and result.message == "stopped by the callback"
    assert result.fun == seen[-1].fun == result.J[-1] and flat(result.x) == flat(net.get_params())
    assert result.nfev >= result.nit + 1  # the start and at least one trial per step


def test_scipy_bfgs_without_scipy_names_the_extra(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)
    net = nnd.Network(seed=0)
    before = flat(net.get_params())
    with pytest.raises(ImportError, match=r"pip install 'nnd\[scipy\]'"):
        nnd.train(net, X, Y, method="scipy-bfgs")
    assert flat(net.get_params()) == before


# -- the video's trainer -------------------------------------------------------------------------------
def test_trainer_records_the_cost_history_and_the_result_like_the_video(backend) -> None:
    NN = nnd.Neural_Network(seed=0, backend=backend)
    T = nnd.Trainer(NN)
    T.train(X, Y)
    assert T.J == T.optimizationResults.J and len(T.J) == T.optimizationResults.nit
    assert T.optimizationResults.success and T.N is NN
    with pytest.raises(AttributeError, match="test data"):
        T.testJ  # noqa: B018
    T.train(TRAIN_X, TRAIN_Y, TEST_X, TEST_Y)
    assert len(T.testJ) == len(T.J)
    T.train(X, Y)
    with pytest.raises(AttributeError, match="test data"):
        T.testJ  # noqa: B018 - a stale testJ from an earlier run must not linger


def test_trainer_before_training_says_what_to_call() -> None:
    T = Trainer(nnd.Network(seed=0))
    with pytest.raises(AttributeError, match=r"T\.train"):
        T.J  # noqa: B018
    with pytest.raises(TypeError, match="Network"):
        Trainer([[1.0]])
    with pytest.raises(ValueError, match="method"):
        Trainer(nnd.Network(seed=0), method="newton")


def test_trainer_cost_function_wrapper_returns_cost_and_flat_gradient(backend) -> None:
    NN = nnd.Neural_Network(seed=0, backend=backend)
    params = NN.getParams()
    cost, grad = Trainer(NN).costFunctionWrapper(params, X, Y)
    assert cost == NN.costFunction(X, Y)
    assert flat(grad) == flat(NN.costFunctionPrime(X, Y))


@given(seed=st.integers(0, 10_000), lam=st.sampled_from([None, 0.0, 1e-3]))
def test_training_never_raises_the_cost(seed: int, lam) -> None:
    net = nnd.Network(seed=seed, lam=lam)
    start = net.cost(TRAIN_X, TRAIN_Y)
    result = nnd.train(net, TRAIN_X, TRAIN_Y, max_iter=30)
    assert result.fun <= start and net.cost(TRAIN_X, TRAIN_Y) == result.fun
