"""check_backprop: a learner's costFunctionPrime against the numerical gradient, mistakes named.

Each mistake is written as a learner writes it, in the series' style; the verdict must name it.
The functions in plain-array style (``@``, ``*``, ``.T``) run on every backend; those that use
NumPy's own functions or its broadcasting need NumPy. The expected numbers come from the
independent reference in tests/series_reference.py, never from the checker.
"""

from __future__ import annotations

import time

import pytest
from conftest import HAVE_NUMPY, needs_numpy
from series_reference import central_differences, reference

import nnd
from nnd.util.errors import InvalidTypeError, InvalidValueError, NNDError

if HAVE_NUMPY:
    import numpy as np


# -- learners' functions: right ---------------------------------------------------------------------


def series_style(NN, X, y):
    """The series' costFunctionPrime, written with NumPy as the video writes it."""
    NN.yHat = NN.forward(X)
    delta3 = np.multiply(-(y - NN.yHat), NN.sigmoidPrime(NN.z3))
    dJdW2 = np.dot(NN.a2.T, delta3)
    delta2 = np.dot(delta3, NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = np.dot(X.T, delta2)
    return dJdW1, dJdW2


def plain_style(NN, X, y):
    """The same with the operators every backend's arrays have (what a browser cell can run)."""
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


def part7_style(NN, X, y):
    """Part 7's regularized gradient, as the series writes it."""
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = (NN.a2.T @ delta3) / X.shape[0] + NN.Lambda * NN.W2
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = (X.T @ delta2) / X.shape[0] + NN.Lambda * NN.W1
    return dJdW1, dJdW2


@needs_numpy
def test_the_series_function_passes_on_numpy_arrays() -> None:
    report = nnd.check_backprop(series_style)
    assert report.ok and report.mistake is None and report.error is None
    assert report.backend == "numpy"  # chosen because the function uses NumPy
    assert report.ratio is not None and report.ratio < 1e-8
    assert str(report).startswith("Right: dJdW1 and dJdW2 match the numerical gradient")


@pytest.mark.parametrize("name", ["python", pytest.param("numpy", marks=needs_numpy)])
def test_a_right_function_passes_on_python_and_numpy(name: str) -> None:
    report = nnd.check_backprop(plain_style, backend=name)
    assert report.ok, str(report)
    assert report.backend == name and report.ratio is not None and report.ratio < 1e-8
    assert [g.ok for g in report.gradients] == [True, True]
    assert "wrong" not in str(report) and "differs" not in str(report)


def test_a_right_function_passes_on_every_backend(backend: nnd.Backend) -> None:
    assert nnd.check_backprop(plain_style, backend=backend).ok
    assert nnd.check_backprop(part7_style, backend=backend, lam=1e-4).ok


def test_nnds_own_method_passes() -> None:
    assert nnd.check_backprop(nnd.Neural_Network.costFunctionPrime).ok
    assert nnd.check_backprop(nnd.Neural_Network.costFunctionPrime, lam=1e-4).ok


def test_the_numbers_shown_are_the_series_numerical_gradient() -> None:
    X, y = nnd.data.sleep_study()
    W = nnd.Network(seed=0).weights
    weights = [w.tolist() for w in W]
    expected = [v for g in central_differences(weights, X, y, None, 1e-4) for row in g for v in row]
    report = nnd.check_backprop(plain_style)
    shown = [v for g in report.gradients for row in g.numerical for v in row]
    assert shown == pytest.approx(expected, rel=1e-9, abs=1e-13)
    yours = [v for g in report.gradients for row in g.yours for v in row]
    exact = reference(weights, X, y, None)
    assert yours == pytest.approx([v for g in (exact["dJdW"][1], exact["dJdW"][2]) for row in g for v in row])


def test_part_7_uses_the_four_training_examples_and_lambda() -> None:
    report = nnd.check_backprop(part7_style, lam=1e-4)
    assert report.ok and report.lam == 1e-4
    assert "Part 7's data (4 students), λ = 0.0001" in str(report)
    trainX, trainY, _, _ = nnd.data.train_test()
    weights = [w.tolist() for w in nnd.Network(seed=0).weights]
    expected = [v for g in central_differences(weights, trainX, trainY, 1e-4, 1e-4) for row in g for v in row]
    shown = [v for g in report.gradients for row in g.numerical for v in row]
    assert shown == pytest.approx(expected, rel=1e-9, abs=1e-13)


def test_the_default_backend_follows_the_function_and_nnds_setting() -> None:
    assert nnd.check_backprop(plain_style).backend == "python"
    with nnd.use_backend("numpy" if HAVE_NUMPY else "python"):
        assert nnd.check_backprop(plain_style).backend == ("numpy" if HAVE_NUMPY else "python")
    if HAVE_NUMPY:
        assert nnd.check_backprop(series_style).backend == "numpy"

        def imports_numpy_itself(NN, X, y):
            import numpy

            return numpy.dot(X.T, X), None

        assert nnd.check_backprop(imports_numpy_itself).backend == "numpy"


def test_another_seed_checks_other_weights() -> None:
    a, b = nnd.check_backprop(plain_style, seed=0), nnd.check_backprop(plain_style, seed=5)
    assert a.ok and b.ok and a.seed == 0 and b.seed == 5
    assert a.gradients[1].numerical != b.gradients[1].numerical
    fresh = nnd.check_backprop(plain_style, seed=None)  # weights drawn afresh: the function gets them too
    assert fresh.ok and fresh.seed is None and "random weights" in str(fresh)


# -- learners' functions: the usual mistakes ---------------------------------------------------------


def no_fprime_in_delta3(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat)
    dJdW2 = NN.a2.T @ delta3
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


def no_fprime_in_delta2(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3
    delta2 = delta3 @ NN.W2.T
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


def sign_flipped(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = (y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


def fprime_of_yhat(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.yHat)
    dJdW2 = NN.a2.T @ delta3
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


def matrix_product_in_delta2(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3
    delta2 = (delta3 @ NN.W2.T) @ NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


def transposed_dJdW2(NN, X, y):  # noqa: N802 - the series' names
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = delta3.T @ NN.a2
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


def transposed_dJdW1(NN, X, y):  # noqa: N802 - the series' names
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = delta2.T @ X
    return dJdW1, dJdW2


def transpose_missing(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2 @ delta3
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW1, dJdW2


def swapped(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2
    return dJdW2, dJdW1


def part7_without_lambda(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = (NN.a2.T @ delta3) / X.shape[0]
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = (X.T @ delta2) / X.shape[0]
    return dJdW1, dJdW2


def part7_without_m(NN, X, y):
    NN.yHat = NN.forward(X)
    delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
    dJdW2 = NN.a2.T @ delta3 + NN.Lambda * NN.W2
    delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
    dJdW1 = X.T @ delta2 + NN.Lambda * NN.W1
    return dJdW1, dJdW2


MISTAKES = [
    (no_fprime_in_delta3, None, ["f′(z3) is missing from delta3"], "NN.sigmoidPrime(NN.z3)"),
    (no_fprime_in_delta2, None, ["f′(z2) is missing from delta2"], "NN.sigmoidPrime(NN.z2)"),
    (sign_flipped, None, ["the sign is flipped"], "-(y - NN.yHat)"),
    (fprime_of_yhat, None, ["f′(yHat) where f′(z3) belongs"], "f′ takes z"),
    (matrix_product_in_delta2, None, ["a matrix product where the element-wise one belongs"], "np.multiply"),
    (transposed_dJdW2, None, ["a transpose in the wrong place, in dJdW2"], "W2's shape (3, 1)"),
    (transposed_dJdW1, None, ["a transpose in the wrong place, in dJdW1"], "W1's shape (2, 3)"),
    (transpose_missing, None, ["a transpose in the wrong place, in dJdW2"], "NN.a2.T @ delta3"),
    (swapped, None, ["dJdW1 and dJdW2 are swapped"], "return dJdW1, dJdW2"),
    (part7_without_lambda, 1e-4, ["the λ·W term is missing"], "NN.Lambda*NN.W2"),
    (part7_without_m, 1e-4, ["the division by m is missing"], "/X.shape[0]"),
    (plain_style, 1e-4, ["the λ·W term is missing", "the division by m is missing"], "Part 7"),
]


@pytest.mark.parametrize("name", ["python", pytest.param("numpy", marks=needs_numpy)])
@pytest.mark.parametrize(
    ("function", "lam", "words", "advice"), MISTAKES, ids=lambda v: getattr(v, "__name__", None)
)
def test_each_usual_mistake_is_named(function, lam, words, advice, name) -> None:
    report = nnd.check_backprop(function, lam=lam, backend=name)
    text = str(report)
    assert not report.ok and report.error is None
    assert text.startswith("Not right: ")
    for word in words:
        assert word in report.mistake and word in text.splitlines()[0]
    assert advice in text
    assert report.mistake.count(";") == len(words) - 1  # nothing else named


def test_a_wrong_shape_says_which_shape_was_expected_and_which_arrived() -> None:
    report = nnd.check_backprop(transposed_dJdW2)
    dJdW1, dJdW2 = report.gradients
    assert dJdW1.ok and not dJdW2.ok
    assert dJdW2.shape == (1, 3) and dJdW2.expected_shape == (3, 1)
    assert "dJdW2 has shape (1, 3); it must have its weight's shape, (3, 1)." in str(report)
    assert report.ratio is None  # the series' ratio needs both gradients in their shapes


def test_each_gradient_is_judged_on_its_own() -> None:
    report = nnd.check_backprop(no_fprime_in_delta2)
    dJdW1, dJdW2 = report.gradients
    assert dJdW2.ok and not dJdW1.ok
    assert "dJdW2 (3, 1): right" in str(report) and "dJdW1 (2, 3): wrong" in str(report)
    assert report.ratio is not None and report.ratio > 0.01


def test_a_mistake_nobody_makes_is_not_named_but_shown_entry_by_entry() -> None:
    def doubled(NN, X, y):
        dJdW1, dJdW2 = plain_style(NN, X, y)
        return 2.5 * dJdW1, dJdW2 + 0.125

    report = nnd.check_backprop(doubled)
    assert not report.ok and report.mistake is None
    assert str(report).startswith("Not right, and none of the usual mistakes gives these numbers.")
    assert str(report).count("<- differs") == 9
    assert "Compare each line with the series'" in str(report)


# -- NumPy's own mistakes: broadcasting ------------------------------------------------------------------


@needs_numpy
def test_an_elementwise_product_where_the_matrix_product_belongs_is_named() -> None:
    def multiply_in_dJdW2(NN, X, y):  # noqa: N802 - the series' names
        NN.yHat = NN.forward(X)
        delta3 = np.multiply(-(y - NN.yHat), NN.sigmoidPrime(NN.z3))
        dJdW2 = np.multiply(NN.a2.T, delta3)  # broadcasts (3, 3) with (3, 1)
        delta2 = np.dot(delta3, NN.W2.T) * NN.sigmoidPrime(NN.z2)
        dJdW1 = np.dot(X.T, delta2)
        return dJdW1, dJdW2

    report = nnd.check_backprop(multiply_in_dJdW2)
    assert "an element-wise product where a matrix product belongs, in dJdW2" in report.mistake
    assert "dJdW2 has shape (3, 3); it must have its weight's shape, (3, 1)." in str(report)


@needs_numpy
def test_a_matrix_product_where_the_elementwise_one_belongs_raises_and_is_named() -> None:
    def dot_in_delta3(NN, X, y):
        NN.yHat = NN.forward(X)
        delta3 = np.dot(-(y - NN.yHat), NN.sigmoidPrime(NN.z3))
        dJdW2 = np.dot(NN.a2.T, delta3)
        delta2 = np.dot(delta3, NN.W2.T) * NN.sigmoidPrime(NN.z2)
        dJdW1 = np.dot(X.T, delta2)
        return dJdW1, dJdW2

    report = nnd.check_backprop(dot_in_delta3)
    text = str(report)
    assert report.error.startswith("ValueError: shapes (3,1) and (3,1) not aligned")
    assert "a matrix product where an element-wise one belongs" in report.mistake
    assert "delta3 = np.dot(-(y - NN.yHat), NN.sigmoidPrime(NN.z3))" in text  # the line it came from
    assert "line 3 of dot_in_delta3" in text


def test_an_elementwise_product_of_misfit_shapes_raises_and_is_named() -> None:
    def star_in_dJdW1(NN, X, y):  # noqa: N802 - the series' names
        NN.yHat = NN.forward(X)
        delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)
        dJdW2 = NN.a2.T @ delta3
        delta2 = (delta3 @ NN.W2.T) * NN.sigmoidPrime(NN.z2)
        dJdW1 = X.T * delta2
        return dJdW1, dJdW2

    for name in ["python", *(["numpy"] if HAVE_NUMPY else [])]:
        report = nnd.check_backprop(star_in_dJdW1, backend=name)
        assert "an element-wise product where a matrix product belongs" in report.mistake
        assert "dJdW1 = X.T * delta2" in str(report)


@needs_numpy
def test_y_as_a_1d_vector_is_named_when_it_broadcasts() -> None:
    scores = np.array([75, 82, 93]) / 100  # the learner's own data cell: one pair of brackets, shape (3,)

    def global_y(NN, X, y):
        NN.yHat = NN.forward(X)
        delta3 = np.multiply(-(scores - NN.yHat), NN.sigmoidPrime(NN.z3))
        dJdW2 = np.dot(NN.a2.T, delta3)
        delta2 = np.dot(delta3, NN.W2.T) * NN.sigmoidPrime(NN.z2)
        dJdW1 = np.dot(X.T, delta2)
        return dJdW1, dJdW2

    report = nnd.check_backprop(global_y)  # np.dot((3, 3), (1, 3)) raises
    assert report.error.startswith("ValueError")
    assert report.mistake == "y is a 1-D vector of shape (m,), not a column (m, 1)"
    assert "delta3 has shape (3, 3); it should have (3, 1)." in str(report)
    assert "y.reshape(-1, 1)" in str(report)

    def returns_the_broadcast(NN, X, y):
        dJdW1, _ = series_style(NN, X, y)
        delta3 = np.multiply(-(scores - NN.yHat), NN.sigmoidPrime(NN.z3))
        return dJdW1, np.dot(NN.a2.T, delta3)

    report = nnd.check_backprop(returns_the_broadcast)
    assert report.error is None
    assert report.mistake == "y is a 1-D vector of shape (m,), not a column (m, 1)"
    assert "dJdW2 has shape (3, 3)" in str(report)


@needs_numpy
def test_y_made_1d_inside_the_function_is_named() -> None:
    def ravelled(NN, X, y):
        y = y.ravel()
        return series_style(NN, X, y)

    report = nnd.check_backprop(ravelled)
    assert report.mistake == "y is a 1-D vector of shape (m,), not a column (m, 1)"


# -- what else may come back ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "words"),
    [
        (None, "It returned None: end it with  return dJdW1, dJdW2"),
        ((1, 2, 3), "It returned 3 values; it must return two:  return dJdW1, dJdW2"),
        ("ab", "It returned a str; it must return two arrays"),
        (0.5, "It returned a float; it must return two arrays"),
    ],
)
def test_what_is_not_two_gradients_is_reported(result, words) -> None:
    report = nnd.check_backprop(lambda NN, X, y: result)
    assert not report.ok and words in str(report) and report.ratio is None
    assert str(report).count(words) == 1 and "dJdW1: not returned" in str(report)
    assert str(report).startswith("Not right: there are no gradients to compare.")


def test_one_array_instead_of_two_is_reported_with_its_shape() -> None:
    report = nnd.check_backprop(lambda NN, X, y: NN.W1)
    assert "It returned one array of shape (2, 3); it must return two arrays" in str(report)


@pytest.mark.parametrize(
    ("dJdW1", "words"),
    [
        ([[float("nan")] * 3] * 2, "dJdW1: expected a finite number at [0][0], got nan"),
        ([0.1, 0.2, 0.3], "dJdW1 has shape (3,); it must have its weight's shape, (2, 3)."),
        ("abc", "dJdW1: expected a list of rows"),
    ],
)
def test_a_gradient_that_is_not_a_matrix_of_numbers_is_reported(dJdW1, words) -> None:
    def f(NN, X, y):
        return dJdW1, plain_style(NN, X, y)[1]

    report = nnd.check_backprop(f)
    assert not report.ok and words in str(report)
    assert report.gradients[1].ok


def test_gradients_as_plain_lists_are_read() -> None:
    def f(NN, X, y):
        return tuple(g.tolist() for g in plain_style(NN, X, y))

    assert nnd.check_backprop(f).ok


def test_an_exception_in_the_function_is_reported_not_raised() -> None:
    def typo(NN, X, y):
        NN.yHat = NN.forward(X)
        delta3 = -(y - NN.yHat) * NN.sigmoidprime(NN.z3)
        return delta3, delta3

    report = nnd.check_backprop(typo)
    assert not report.ok and report.error.startswith("AttributeError: ")
    assert "sigmoidprime" in report.error
    text = str(report)
    assert text.startswith("Your function raised AttributeError")
    assert "line 3 of typo:  delta3 = -(y - NN.yHat) * NN.sigmoidprime(NN.z3)" in text
    assert all(not g.ok and g.yours is None for g in report.gradients)


def test_an_nnd_error_inside_the_function_is_the_learners_too() -> None:
    def bad_z(NN, X, y):
        return NN.sigmoidPrime([[float("nan")]]), None

    report = nnd.check_backprop(bad_z)
    assert report.error == "InvalidValueError: z: expected a finite number at [0][0], got nan"


def test_an_exception_whose_message_raises_is_still_reported() -> None:
    class Odd(Exception):  # noqa: N818 - a learner's own exception
        def __str__(self):
            raise RuntimeError("no message")

    def f(NN, X, y):
        raise Odd

    assert nnd.check_backprop(f).error == "Odd: (its message could not be read)"


def test_keyboard_interrupt_is_not_swallowed() -> None:
    def f(NN, X, y):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        nnd.check_backprop(f)


# -- refusals ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["costFunctionPrime", None, 3, [plain_style]])
def test_what_is_not_a_function_is_refused_by_name(value) -> None:
    with pytest.raises(InvalidTypeError, match="^costFunctionPrime: expected a function, got ") as caught:
        nnd.check_backprop(value)
    assert isinstance(caught.value, NNDError)


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"lam": -1.0}, InvalidValueError, "lam: expected a finite number >= 0"),
        ({"lam": "0.1"}, InvalidTypeError, "lam: expected a number"),
        ({"seed": 1.5}, InvalidTypeError, "seed: expected an int"),
        ({"backend": "nope"}, nnd.UnknownBackendError, "unknown nnd backend 'nope'"),
    ],
)
def test_bad_options_are_refused_by_name_before_the_function_runs(options, error, words) -> None:
    calls = []
    with pytest.raises(error, match=words):
        nnd.check_backprop(lambda *a: calls.append(a), **options)
    assert calls == []


# -- a fresh network for each call --------------------------------------------------------------------------


def test_the_function_gets_a_fresh_network_and_data_and_its_changes_do_not_leak() -> None:
    seen = []

    def vandal(NN, X, y):
        seen.append((NN, X, y, NN.W1.tolist(), X.tolist(), y.tolist()))
        dJdW1, dJdW2 = plain_style(NN, X, y)
        NN.W1 = NN.W1 * 0 + 5.0  # replaced
        NN.W2[0, 0] = 9.0  # changed in place
        X[0, 0] = 7.0
        y[0, 0] = 7.0
        NN.Lambda = 3.0
        return dJdW1, dJdW2

    first, second = nnd.check_backprop(vandal), nnd.check_backprop(vandal)
    assert first.ok and second.ok
    assert first.gradients == second.gradients and first.ratio == second.ratio
    (nn1, X1, y1, w1, x1, t1), (nn2, X2, y2, w2, x2, t2) = seen
    assert nn1 is not nn2 and X1 is not X2 and y1 is not y2
    assert w1 == w2 == nnd.Network(seed=0).W1.tolist()
    assert x1 == x2 == nnd.data.sleep_study()[0] and t1 == t2 == nnd.data.sleep_study()[1]
    assert str(first) == str(nnd.check_backprop(plain_style))


def test_the_network_may_set_the_series_values_itself_until_the_next_pass() -> None:
    values = {}

    def f(NN, X, y):
        NN.yHat = "mine"
        values["set"] = NN.yHat
        NN.forward(X)
        values["after"] = NN.yHat.tolist()
        return plain_style(NN, X, y)

    assert nnd.check_backprop(f, backend="python").ok
    assert values["set"] == "mine"
    assert values["after"] == nnd.Network(seed=0).forward(nnd.data.sleep_study()[0]).tolist()


def test_the_verdict_of_a_wrong_function_is_stable_text() -> None:
    text = str(nnd.check_backprop(no_fprime_in_delta3, backend="python"))
    assert text.splitlines()[:3] == [
        "Not right: f′(z3) is missing from delta3.",
        "delta3 = −(y − yHat) ⊙ f′(z3):  delta3 = -(y - NN.yHat) * NN.sigmoidPrime(NN.z3)",
        "norm(grad - numgrad)/norm(grad + numgrad) = 0.62 (right: about 1e-8 or less)",
    ]
    assert "  [0, 0]      -0.0327776   -0.00764368  <- differs" in text


def test_how_long_a_check_takes() -> None:
    """Printed, never judged (run with -s to see it)."""
    for name in ["python", *(["numpy"] if HAVE_NUMPY else [])]:
        nnd.check_backprop(plain_style, backend=name)  # imports out of the way
        start = time.perf_counter()
        for _ in range(20):
            report = nnd.check_backprop(plain_style, backend=name)
        print(f"check_backprop on {name}: {(time.perf_counter() - start) / 20 * 1e3:.1f} ms")
        assert report.ok
