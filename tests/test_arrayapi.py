"""The Array-API backends (torch, jax, cupy, array_api_strict): one adapter, held to nnd's promises.

Tests run on the Array-API backends whose library is installed (the whole suite also runs on
each of them through the ``backend`` fixture). Backends whose library is absent are not
parametrized here, so nothing skips; the error they give is tested by hiding a library.
"""

from __future__ import annotations

import copy
import importlib.util
import math
import pickle
import re
import sys
import types
import warnings

import nnd.arrayapi_backend as nnd_arrayapi
import pytest
from helpers import assert_close, network
from hypothesis import given
from strategies import problems

import nnd
import nnd.arrays.conformance
from nnd.arrays import registry as config

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
IMPORTABLE = [n for n, cls in SUBCLASSES.items() if HAVE_COMPAT and importlib.util.find_spec(cls.library)]


def get(name: str) -> nnd.Backend:
    return ArrayAPIBackend(library="numpy") if name == "array_api_numpy" else nnd.get_backend(name)


def new(B: nnd.Backend, **settings: str) -> nnd.Backend:
    """A new backend of B's class (and library), made now: it reads NND_DEVICE now."""
    if type(B) is ArrayAPIBackend:
        return ArrayAPIBackend(library=B.library, **settings)
    return type(B)(**settings)


# Each library's name for its CPU device, where the tests' backends compute.
CPU = {"torch": "cpu", "jax": "cpu", "array_api_strict": "CPU_DEVICE", "array_api_numpy": "cpu"}


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


def test_every_library_that_is_installed_gives_its_backend() -> None:
    # none taken for missing: what these tests run on depends on it
    assert sorted(set(IMPORTABLE) - set(INSTALLED)) == []


def test_an_unregistered_library_names_what_to_install() -> None:
    with pytest.raises(nnd.NNDError, match="pip install no_such_lib array-api-compat"):
        ArrayAPIBackend(library="no_such_lib")


if HAVE_COMPAT and HAVE_NUMPY:

    def test_the_adapter_on_an_unregistered_library_is_named_after_it() -> None:
        B = ArrayAPIBackend(library="numpy")
        assert (B.name, B.library, B.extra) == ("array_api_numpy", "numpy", "")
        assert repr(B) == "<nnd backend 'array_api_numpy' on cpu>"
        assert (ArrayAPIBackend.name, ArrayAPIBackend.library) == ("", "")  # the class is left as it was


class _FakeCuda:
    """A stand-in for cupy.cuda: ``Device(i)`` is the GPU numbered i."""

    class Device:
        def __init__(self, index: int) -> None:
            assert type(index) is int, index  # CuPy numbers its devices
            self.index = index

        def __eq__(self, other: object) -> bool:
            return isinstance(other, _FakeCuda.Device) and other.index == self.index

        def __hash__(self) -> int:
            return self.index


class _FakeProbe:
    def __init__(self, dtype: object, device: object) -> None:
        self.dtype, self.device = dtype, device


@pytest.fixture
def fake_cupy(monkeypatch):
    """CuPy and its array-api-compat namespace replaced by stand-ins that record the device asked for.

    The stand-in's arrays are on the device asked for, or on GPU 0 (CuPy's current device)
    when none is named. Only the backend's creation is tested with them: no arithmetic.
    """
    asked = []

    def asarray(value, dtype=None, device=None):
        asked.append(device)
        return _FakeProbe(dtype, _FakeCuda.Device(0) if device is None else device)

    monkeypatch.setitem(sys.modules, "cupy", types.SimpleNamespace(cuda=_FakeCuda))
    monkeypatch.setitem(sys.modules, "array_api_compat.cupy",
                        types.SimpleNamespace(asarray=asarray, float64="float64"))  # fmt: skip
    return asked


@pytest.mark.parametrize("spec,index", [("cuda", 0), ("gpu", 0), ("cuda:0", 0), ("cuda:1", 1), ("gpu:2", 2)])
def test_cupy_devices_are_cuda_devices_by_number(fake_cupy, monkeypatch, spec, index) -> None:
    B = nnd_arrayapi.CupyBackend(device=spec)
    assert fake_cupy == [_FakeCuda.Device(index)] and B.device == _FakeCuda.Device(index)
    assert B.float64 == "float64"
    monkeypatch.setenv("NND_DEVICE", spec)
    assert nnd_arrayapi.CupyBackend().device == _FakeCuda.Device(index)


def test_cupy_without_a_device_named_is_on_cupys_current_device(fake_cupy) -> None:
    assert nnd_arrayapi.CupyBackend().device == _FakeCuda.Device(0)
    assert fake_cupy == [None]  # nnd names none: CuPy's choice


@pytest.mark.parametrize("spec", ["cpu", "CUDA", "tpu:0"])
def test_cupy_refuses_devices_that_are_not_cuda_devices_naming_them(fake_cupy, spec) -> None:
    with pytest.raises(ValueError, match=rf"cupy backend: device {spec!r} is not available") as caught:
        nnd_arrayapi.CupyBackend(device=spec)
    assert f"CuPy computes on CUDA devices only (cuda, cuda:N), not {spec!r}" in str(caught.value)
    assert fake_cupy == []  # refused before CuPy is asked


def test_cupy_refuses_a_device_number_that_is_not_a_number(fake_cupy) -> None:
    with pytest.raises(ValueError, match="cupy backend: device 'cuda:x' is not available"):
        nnd_arrayapi.CupyBackend(device="cuda:x")
    assert fake_cupy == []


if INSTALLED:

    @pytest.fixture(params=INSTALLED, scope="module")
    def B(request: pytest.FixtureRequest) -> nnd.Backend:  # noqa: N802 - named as nnd names backends
        return get(request.param)

    def test_check_backend_passes_with_warnings_as_errors(B) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            nnd.arrays.conformance.check_backend(B)

    def test_arrays_are_float64_on_the_backends_device(B) -> None:
        a = B.asarray([[1, 2], [3, 4]])
        assert B.is_array(a) and a.dtype == B.float64 and a.device == B.device
        assert not B.is_array([[1.0]]) and not B.is_array(B.xp.asarray([[1.0]], dtype=B.xp.float32))

    def test_its_own_arrays_of_other_dtypes_are_converted_and_checked(B) -> None:
        xp = B.xp
        assert B.tolist(B.asarray(xp.asarray([[1, 2]], dtype=xp.int32))) == [[1.0, 2.0]]
        assert B.tolist(B.asarray(xp.asarray([1, 2], dtype=xp.int32))) == [1.0, 2.0]  # 1-D too
        with pytest.raises(TypeError, match="real numbers"):
            B.asarray(xp.asarray([[True]]))
        with pytest.raises(ValueError, match="finite"):
            B.asarray(xp.asarray([[float("nan")]], dtype=xp.float32))
        with pytest.raises(ValueError, match="1-D or 2-D"):
            B.asarray(xp.ones((2, 2, 2), dtype=xp.float64))

    @pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide", "vdot"])
    def test_unequal_shapes_are_a_value_error_naming_the_operation_not_broadcasting(B, op) -> None:
        column, row = B.asarray([[1.0], [2.0], [3.0]]), B.asarray([[1.0, 2.0, 3.0]])
        with pytest.raises(ValueError, match=rf"backend: {op} needs equal shapes .*\(3, 1\) and \(1, 3\)"):
            getattr(B, op)(column, row)

    def test_matmul_of_unaligned_shapes_is_a_value_error(B) -> None:
        with pytest.raises(ValueError, match="do not align"):
            B.matmul(B.asarray([[1.0, 2.0]]), B.asarray([[1.0, 2.0]]))
        row, column, vector = B.asarray([[1.0, 2.0]]), B.asarray([[1.0], [2.0]]), B.asarray([1.0, 2.0])
        for a, b in ((vector, column), (row, vector), (vector, vector)):  # matmul is of 2-D arrays only
            with pytest.raises(ValueError, match=r"matmul shapes \(.*\) and \(.*\) do not align"):
                B.matmul(a, b)
        with pytest.raises(ValueError, match="y"):
            nnd.Network(seed=0, backend=B).cost([[0.5, 0.5]], [[1.0, 0.0]])

    @pytest.mark.parametrize("kind", ["lists", pytest.param("numpy", marks=pytest.mark.skipif(
        not HAVE_NUMPY, reason="NumPy is not installed")), "its own"])  # fmt: skip
    def test_asarray_errors_name_the_data_as_what_says(B, kind) -> None:
        nan = float("nan")
        if kind == "lists":
            data = [[1.0, nan]]
        elif kind == "numpy":
            import numpy

            data = numpy.array([[1.0, nan]])
        else:
            data = B.xp.asarray([[1.0, nan]], dtype=B.xp.float32)
        for args, named in (((data, "W1"), "W1"), ((data, ""), f"{B.name} backend: asarray"),
                            ((data,), f"{B.name} backend: asarray")):  # fmt: skip
            with pytest.raises(ValueError, match="finite") as caught:
                B.asarray(*args)
            assert str(caught.value).startswith(f"{named}: expected ")

    @pytest.mark.skipif(not HAVE_NUMPY, reason="NumPy is not installed")
    def test_numpy_arrays_are_read_as_every_backend_reads_them(B) -> None:
        import numpy

        for data, values in ((numpy.array([[1, 2.5]], dtype=object), [[1.0, 2.5]]),  # Python numbers
                             (numpy.array([3, 4], dtype=numpy.int8), [3.0, 4.0])):  # fmt: skip
            got = B.asarray(data)
            assert B.is_array(got) and B.tolist(got) == values
        with pytest.raises(TypeError) as caught:
            B.asarray(numpy.array([[True]]), "X")
        message = "X: expected an array of real numbers, got a NumPy array of booleans (dtype bool)"
        assert str(caught.value) == message

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

    def test_the_error_for_a_missing_device_says_what_the_library_said(B) -> None:
        with pytest.raises(ValueError, match="device 'no-such-device' is not available") as caught:
            new(B, device="no-such-device")
        cause = caught.value.__cause__
        assert cause is not None
        assert f"({type(cause).__name__}: {cause})" in str(caught.value)
        assert "choose another with NND_DEVICE=cpu or device=..." in str(caught.value)

    def test_the_device_argument_wins_over_nnd_device(B, monkeypatch) -> None:
        monkeypatch.setenv("NND_DEVICE", "no-such-device")
        assert new(B, device=CPU[B.name]).device == B.device  # B: made without NND_DEVICE, on the CPU

    @pytest.mark.parametrize("padded", ["{}", "  {}\n"])
    def test_nnd_device_names_the_device_spaces_aside(B, monkeypatch, padded) -> None:
        monkeypatch.setenv("NND_DEVICE", padded.format(CPU[B.name]))
        made = new(B)
        assert made.device == B.device and made.is_array(made.asarray([[1.0]]))

    @pytest.mark.parametrize("blank", ["", "   "])
    def test_a_blank_nnd_device_is_the_librarys_default(B, monkeypatch, blank) -> None:
        monkeypatch.setenv("NND_DEVICE", blank)
        assert new(B).device == B.device

    @pytest.mark.parametrize("how", ["argument", "environment"])
    def test_a_pickled_backend_keeps_its_device_whatever_nnd_device_says_later(B, monkeypatch, how) -> None:
        if how == "argument":
            made = new(B, device=CPU[B.name])
        else:
            monkeypatch.setenv("NND_DEVICE", CPU[B.name])
            made = new(B)
        monkeypatch.setenv("NND_DEVICE", "no-such-device")
        twin = pickle.loads(pickle.dumps(made))
        assert type(twin) is type(made) and twin.name == made.name and twin.device == made.device

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


if "array_api_strict" in INSTALLED:

    def test_array_api_strict_computes_on_the_device_chosen_as_on_its_default(monkeypatch) -> None:
        import array_api_strict

        X, y = nnd.data.sleep_study()
        here = nnd.Network((2, 3, 1), seed=4, backend="array_api_strict")
        for how in ("argument", "environment"):
            if how == "argument":
                B = nnd_arrayapi.ArrayAPIStrictBackend(device="device1")
            else:
                monkeypatch.setenv("NND_DEVICE", "device1")
                B = nnd_arrayapi.ArrayAPIStrictBackend()
            assert B.device == array_api_strict.Device("device1") != here.backend.device
            nnd.arrays.conformance.check_backend(B)
            on_cpu = array_api_strict.asarray([[1, 2]], dtype=array_api_strict.int32)
            made = [B.asarray(on_cpu), B.asarray(on_cpu.to_device(B.device)), B.asarray([[1, 2]])]
            if HAVE_NUMPY:
                import numpy

                made.append(B.asarray(numpy.array([[1, 2]])))
            assert all(B.is_array(a) and B.tolist(a) == [[1.0, 2.0]] for a in made)  # all on device1
            there = nnd.Network((2, 3, 1), seed=4, backend=B)
            assert all(W.device == B.device for W in there.weights)
            assert there.cost(X, y) == here.cost(X, y)
            assert [B.tolist(g) for g in there.gradients(X, y)] == [
                here.backend.tolist(g) for g in here.gradients(X, y)
            ]

    def test_array_api_strict_refuses_a_device_without_float64() -> None:
        with pytest.raises(ValueError, match="device 'no_float64' is not available"):
            nnd_arrayapi.ArrayAPIStrictBackend(device="no_float64")

    def test_array_api_strict_vdot_past_the_largest_float_is_inf_quietly() -> None:
        B = nnd.get_backend("array_api_strict")
        a = B.asarray([[1e200, 1e200]])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert B.vdot(a, a) == math.inf


if "jax" in INSTALLED:

    def test_jax_devices_are_a_platform_and_an_index() -> None:
        import jax

        cpus = jax.devices("cpu")
        assert nnd_arrayapi.JaxBackend().device == jax.devices()[0]  # JAX's default
        for spec in ("cpu", "cpu:0"):
            assert nnd_arrayapi.JaxBackend(device=spec).device == cpus[0]
        assert nnd_arrayapi.JaxBackend(device=f"cpu:{len(cpus) - 1}").device == cpus[-1]
        for spec in (f"cpu:{len(cpus)}", "cpu:x"):
            with pytest.raises(ValueError, match=f"device {spec!r} is not available"):
                nnd_arrayapi.JaxBackend(device=spec)

    def test_jax_backend_computes_in_float64() -> None:
        B = nnd_arrayapi.JaxBackend()  # made now: creating it is what turns on float64
        assert B.float64 == B.xp.float64 and B.asarray([[1]]).dtype == B.xp.float64
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


@pytest.mark.skipif(not _has_cuda(), reason="needs a GPU: PyTorch with a CUDA device")
def test_torch_on_the_gpu_moves_tensors_of_the_cpu_there() -> None:
    import torch

    B = nnd_arrayapi.TorchBackend(device="cuda")
    for data in (torch.tensor([[1, 2]], dtype=torch.int32), torch.tensor([[1.0, 2.0]], dtype=torch.float64)):
        got = B.asarray(data)
        assert B.is_array(got) and got.device == B.device and B.tolist(got) == [[1.0, 2.0]]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"library": 3}, TypeError, "library: expected a module name (str), got int"),
        ({"library": "a b"}, ValueError, "library: expected a module name such as 'numpy', got 'a b'"),
        ({}, ValueError, "library: ArrayAPIBackend needs the library to use, e.g. library='numpy'"),
        (
            {"library": "math", "device": 3},
            TypeError,
            "device: expected a name such as 'cpu' or 'cuda:0', got int",
        ),
    ],
)
def test_a_bad_library_or_device_is_refused_in_words(kwargs, error, message) -> None:
    with pytest.raises(nnd.NNDError, match=f"^{re.escape(message)}$") as caught:
        nnd_arrayapi.ArrayAPIBackend(**kwargs)
    assert isinstance(caught.value, error)


def test_a_missing_library_with_a_long_name_is_named_in_short() -> None:
    """Each part of the message quotes a long name cut to its own length, ending in '...'."""
    lib = "z" + "q" * 250
    with pytest.raises(nnd.NNDError) as caught:
        nnd_arrayapi.ArrayAPIBackend(library=lib)
    message = str(caught.value)
    imported = ("No module named '" + lib)[:197] + "..."
    tail = (
        f" backend needs {lib[:57]}..., which cannot be imported ({imported}); "
        f"install it with: pip install {lib[:57]}... array-api-compat"
    )
    assert message.startswith("the 'array_api_zqq") and message.endswith(tail)
    name = message[len("the ") : -len(tail)]
    assert len(name) == 80 and name.endswith("...")
    assert nnd_arrayapi._cut("x" * 200) == "x" * 200 and nnd_arrayapi._cut("x" * 201) == "x" * 197 + "..."
    assert nnd_arrayapi._cut("y" * 61, 60) == "y" * 57 + "..."


def test_a_dotted_module_name_is_a_module_name() -> None:
    expected = "^the 'array_api_nosuch.module' backend needs nosuch.module, which cannot be imported"
    with pytest.raises(nnd.NNDError, match=expected):
        nnd_arrayapi.ArrayAPIBackend(library="nosuch.module")
