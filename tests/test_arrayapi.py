"""The Array-API backends (torch, jax, cupy, array_api_strict): one adapter, held to nnd's promises.

Tests run on the Array-API backends whose library is installed (the whole suite also runs on
each of them through the ``backend`` fixture). Backends whose library is absent are not
parametrized here, so nothing skips; the error they give is tested by hiding a library.
"""

from __future__ import annotations

import copy
import importlib.util
import pickle
import sys
import warnings

import nnd.arrayapi_backend as nnd_arrayapi
import pytest
from helpers import assert_close, network
from hypothesis import given
from strategies import problems

import nnd
import nnd.testing
from nnd import config

ArrayAPIBackend = nnd_arrayapi.ArrayAPIBackend

SUBCLASSES = {
    "torch": nnd_arrayapi.TorchBackend,
    "jax": nnd_arrayapi.JaxBackend,
    "cupy": nnd_arrayapi.CupyBackend,
    "array_api_strict": nnd_arrayapi.ArrayAPIStrictBackend,
}
HAVE_COMPAT = importlib.util.find_spec("array_api_compat") is not None
HAVE_NUMPY = importlib.util.find_spec("numpy") is not None


def _installed() -> list[str]:
    names = []
    for name in SUBCLASSES:
        try:
            nnd.get_backend(name)
        except config.BackendNotInstalledError:
            continue
        names.append(name)
    if HAVE_COMPAT and HAVE_NUMPY:
        names.append("array_api_numpy")  # the adapter on NumPy: tested here, not registered
    return names


INSTALLED = _installed()


def get(name: str) -> nnd.Backend:
    return ArrayAPIBackend(library="numpy") if name == "array_api_numpy" else nnd.get_backend(name)


def test_every_array_api_backend_is_registered() -> None:
    assert set(SUBCLASSES) <= set(nnd.list_backends())


@pytest.mark.parametrize("name,extra", [("torch", "torch"), ("jax", "jax"), ("cupy", "cupy"),
                                        ("array_api_strict", "array-api-strict")])  # fmt: skip
def test_a_missing_library_is_backend_not_installed_naming_the_extra(monkeypatch, name, extra) -> None:
    monkeypatch.setitem(sys.modules, SUBCLASSES[name].library, None)  # import fails, as if absent
    monkeypatch.delitem(config._loaded, name, raising=False)
    with pytest.raises(config.BackendNotInstalledError, match=rf"pip install 'nnd\[{extra}\]'"):
        nnd.get_backend(name)
    with pytest.raises(ImportError, match=name):
        nnd.Network(backend=name)


def test_an_unregistered_library_names_what_to_install() -> None:
    with pytest.raises(nnd.NNDError, match="pip install no_such_lib array-api-compat"):
        ArrayAPIBackend(library="no_such_lib")


if INSTALLED:

    @pytest.fixture(params=INSTALLED, scope="module")
    def B(request: pytest.FixtureRequest) -> nnd.Backend:  # noqa: N802 - named as nnd names backends
        return get(request.param)

    def test_check_backend_passes_with_warnings_as_errors(B) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            nnd.testing.check_backend(B)

    def test_arrays_are_float64_on_the_backends_device(B) -> None:
        a = B.asarray([[1, 2], [3, 4]])
        assert B.is_array(a) and a.dtype == B.float64 and a.device == B.device
        assert not B.is_array([[1.0]]) and not B.is_array(B.xp.asarray([[1.0]], dtype=B.xp.float32))

    def test_its_own_arrays_of_other_dtypes_are_converted_and_checked(B) -> None:
        xp = B.xp
        assert B.tolist(B.asarray(xp.asarray([[1, 2]], dtype=xp.int32))) == [[1.0, 2.0]]
        with pytest.raises(TypeError, match="real numbers"):
            B.asarray(xp.asarray([[True]]))
        with pytest.raises(ValueError, match="finite"):
            B.asarray(xp.asarray([[float("nan")]], dtype=xp.float32))
        with pytest.raises(ValueError, match="1-D or 2-D"):
            B.asarray(xp.ones((2, 2, 2), dtype=xp.float64))

    @pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide", "vdot"])
    def test_unequal_shapes_are_a_value_error_not_broadcasting(B, op) -> None:
        column, row = B.asarray([[1.0], [2.0], [3.0]]), B.asarray([[1.0, 2.0, 3.0]])
        with pytest.raises(ValueError, match=r"\(3, 1\) and \(1, 3\)"):
            getattr(B, op)(column, row)

    def test_matmul_of_unaligned_shapes_is_a_value_error(B) -> None:
        with pytest.raises(ValueError, match="do not align"):
            B.matmul(B.asarray([[1.0, 2.0]]), B.asarray([[1.0, 2.0]]))
        with pytest.raises(ValueError, match="y"):
            nnd.Network(seed=0, backend=B).cost([[0.5, 0.5]], [[1.0, 0.0]])

    def test_networks_copy_and_pickle(B) -> None:
        X, y = nnd.data.sleep_study()
        net = nnd.Network((2, 4, 1), seed=3, backend=B)
        J = net.cost(X, y)
        for twin in (copy.copy(net), copy.deepcopy(net), pickle.loads(pickle.dumps(net))):
            assert twin.backend.name == B.name and twin.backend.device == B.device
            assert twin.cost(X, y) == J
            twin.W1 = twin.W1 * 2.0
            assert net.cost(X, y) == J  # the twin's weights are its own
        assert pickle.loads(pickle.dumps(B)).name == B.name

    @pytest.mark.parametrize("other", ["python", pytest.param("numpy", marks=pytest.mark.skipif(
        not HAVE_NUMPY, reason="NumPy is not installed"))])  # fmt: skip
    def test_save_and_load_across_backends(B, other, tmp_path) -> None:
        X, _ = nnd.data.sleep_study()
        net = nnd.Network((2, 3, 1), seed=5, backend=B)
        net.save(tmp_path / "net.json")
        there = nnd.load(tmp_path / "net.json", backend=other)
        assert_close(there.forward(X), net.forward(X))
        there.save(tmp_path / "back.json")
        back = nnd.load(tmp_path / "back.json", backend=B)
        assert [B.tolist(W) for W in back.weights] == [B.tolist(W) for W in net.weights]  # bit-exact
        assert back.backend.name == B.name

    def test_weights_of_another_backend_are_converted(B) -> None:
        net = nnd.Network(seed=0, backend=B)
        python_net = nnd.Network(seed=1, backend="python")
        net.W1 = python_net.W1
        assert B.is_array(net.W1) and B.tolist(net.W1) == python_net.W1.tolist()
        assert nnd.norm(net.W1) == nnd.norm(python_net.W1)

    def test_an_unknown_device_is_an_error_naming_it(B, monkeypatch) -> None:
        cls = type(B)
        args = {"library": "numpy"} if cls is ArrayAPIBackend else {}
        with pytest.raises(ValueError, match="device 'no-such-device' is not available"):
            cls(device="no-such-device", **args)
        monkeypatch.setenv("NND_DEVICE", "no-such-device")
        with pytest.raises(nnd.NNDError, match="NND_DEVICE"):
            cls(**args)

    def test_the_gradient_check_passes(B) -> None:
        X, y = nnd.data.sleep_study()
        assert nnd.gradient_check(nnd.Network(seed=0, backend=B), X, y) < 1e-8


if "torch" in INSTALLED:

    def test_torch_device_from_the_environment_or_the_argument(monkeypatch) -> None:
        import torch

        monkeypatch.setenv("NND_DEVICE", "cpu")
        assert nnd_arrayapi.TorchBackend().device == torch.device("cpu")
        if not torch.cuda.is_available():
            with pytest.raises(nnd.NNDError, match="device 'cuda' is not available"):
                nnd_arrayapi.TorchBackend(device="cuda")


if "jax" in INSTALLED:

    def test_jax_backend_computes_in_float64() -> None:
        B = nnd.get_backend("jax")
        net = nnd.Network(seed=0, backend=B)
        X, y = nnd.data.sleep_study()
        assert all(str(g.dtype) == "float64" for g in net.gradients(X, y))


if "array_api_numpy" in INSTALLED:

    @given(problem=problems())
    def test_the_adapter_on_numpy_agrees_with_the_numpy_backend(problem: dict) -> None:
        adapter = ArrayAPIBackend(library="numpy")
        mine, theirs = network(problem, adapter), network(problem, "numpy")
        X, y = problem["X"], problem["y"]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            J, grads = mine.cost_and_gradients(X, y)
        J_numpy, grads_numpy = theirs.cost_and_gradients(X, y)
        assert_close(J, J_numpy)
        for name in ("z2", "a2", "z3", "yHat", "delta2", "delta3"):
            assert_close(getattr(mine, name), getattr(theirs, name))
        for g, h in zip(grads, grads_numpy, strict=True):
            assert_close(g, h)


def _has_cuda() -> bool:
    try:
        nnd_arrayapi.TorchBackend(device="cuda")
    except (nnd.NNDError, ImportError):
        return False
    return True


@pytest.mark.parametrize("device", ["no-such-device", *([] if _has_cuda() else ["cuda"])])
def test_gpu_crossover_without_the_device_stops_with_the_reason(device, capsys) -> None:
    from nnd.bench import gpu_crossover

    assert gpu_crossover.main(["--device", device]) == 2
    out, err = capsys.readouterr()
    assert out == "" and f"cannot measure torch on {device!r}" in err
    assert f"device {device!r} is not available" in err or "pip install 'nnd[torch]'" in err


if "torch" in INSTALLED and HAVE_NUMPY:

    def test_gpu_crossover_scans_on_the_cpu_too(capsys) -> None:
        from nnd.bench import gpu_crossover

        assert gpu_crossover.main(["--device", "cpu", "--max-examples", "3", "--repeat", "1"]) == 0
        out = capsys.readouterr().out
        assert "(3, 2, 3, 1)" in out and ("wins from" in out or "never won" in out)
