"""Every backend implements every interface operation and passes the conformance suite; broken ones fail."""

from __future__ import annotations

import pytest
from conftest import needs_numpy

import nnd
from nnd.arrays.backend import OPERATIONS, Backend
from nnd.arrays.conformance import check_backend, missing_operations
from nnd.arrays.python import PythonBackend


def test_interface_lists_the_operations_the_network_needs() -> None:
    for name in ("matmul", "transpose", "add", "subtract", "multiply", "sigmoid", "sum", "tolist", "shape"):
        assert name in OPERATIONS
    for name in OPERATIONS:
        assert getattr(Backend, name).__doc__, f"{name} has no one-line specification"


def test_every_backend_implements_every_operation(backend) -> None:
    assert missing_operations(backend) == []


def test_the_interface_has_no_lazy_z_contract(backend) -> None:
    assert not hasattr(Backend, "immutable_arrays") and not hasattr(backend, "immutable_arrays")
    assert not hasattr(Backend, "preactivation") and "preactivation" not in OPERATIONS


def test_every_backend_passes_the_conformance_suite(backend) -> None:
    check_backend(backend)


def test_the_suite_accepts_a_backend_name() -> None:
    check_backend("python")


class WrongTranspose(PythonBackend):
    name = "wrong-transpose"

    def transpose(self, a):  # returns the array unchanged: shapes then fail to align
        return a.copy()


class OverflowingSigmoid(PythonBackend):
    name = "overflowing-sigmoid"

    def sigmoid(self, z):
        import math

        return nnd.get_backend("python").asarray(
            [[1 / (1 + math.exp(-x)) for x in row] for row in z.tolist()]
        )


class ForgetsTheDerivative(PythonBackend):
    name = "forgets-the-derivative"

    def hidden_delta(self, delta, W, a):  # drops the ⊙ a(1 − a) that its definition has
        return self.matmul_tb(delta, W)


class SkipsZ(PythonBackend):
    name = "skips-z"

    def matmul_sigmoid(self, a, W):  # the old lazy contract: None for z (every backend must return z)
        return None, super().matmul_sigmoid(a, W)[1]


class WrongZ(PythonBackend):
    name = "wrong-z"

    def matmul_sigmoid(self, a, W):  # f(z) is right, but the z it returns (kept as z2, z3) is not
        z, out = super().matmul_sigmoid(a, W)
        return self.multiply(z, 2.0), out


@pytest.mark.parametrize(
    "broken, words",
    [
        (WrongTranspose(), ["transpose"]),
        (OverflowingSigmoid(), ["sigmoid: finite and correct at extremes", "OverflowError"]),
        (ForgetsTheDerivative(), ["hidden_delta agrees with its definition", "network agrees"]),
        (SkipsZ(), ["matmul_sigmoid agrees with its definition", "network agrees"]),
        (WrongZ(), ["matmul_sigmoid agrees with its definition", "network agrees"]),
    ],
)
def test_a_broken_backend_fails_the_suite_with_named_checks(broken, words) -> None:
    with pytest.raises(AssertionError) as info:
        check_backend(broken)
    for word in words:
        assert word in str(info.value)


def test_missing_operations_are_named() -> None:
    class HalfDone(PythonBackend):
        pass

    HalfDone.matmul = Backend.matmul  # an abstract stub
    assert missing_operations(HalfDone()) == ["matmul"]
    with pytest.raises(AssertionError, match="missing operation: matmul"):
        check_backend(HalfDone())


@needs_numpy
def test_a_backend_that_reuses_its_results_fails_the_suite() -> None:
    from nnd.numpy_backend import NumpyBackend

    class ReusesOneBuffer(NumpyBackend):
        name = "reuses-one-buffer"

        def matmul_sigmoid(self, a, W):  # writes every z into one scratch array
            z = self.matmul(a, W)
            buffer = self.__dict__.setdefault("buffer", z.copy())
            buffer.resize(z.shape, refcheck=False)
            buffer[...] = z
            return buffer, self.sigmoid(buffer)

    with pytest.raises(AssertionError, match="not overwritten by the next call"):
        check_backend(ReusesOneBuffer())
