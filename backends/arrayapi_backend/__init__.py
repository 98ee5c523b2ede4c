"""One nnd backend for every library that follows the Python Array API standard.

PyTorch, JAX, CuPy and array-api-strict (and NumPy) each get a backend from one class,
written against the standard through ``array-api-compat``. A library is imported only
when its backend is created. Arrays are float64 on one device: the library's default, or
``NND_DEVICE`` (read when the backend is created), or the ``device=`` argument:

>>> from nnd.arrayapi_backend import TorchBackend
>>> TorchBackend.name, TorchBackend.extra
('torch', 'torch')
>>> ArrayAPIBackend(library="no_such_library")  # doctest: +ELLIPSIS
Traceback (most recent call last):
nnd.arrays.registry.BackendNotInstalledError: the 'array_api_no_such_library' backend needs ...

``TorchBackend(device="cuda")`` (or ``NND_DEVICE=cuda``) computes on the GPU, and a device
that is not there is an error naming it. Unlike NumPy, the standard broadcasts; nnd promises
a ``ValueError`` for unequal shapes, so the shapes are checked here.
"""

from __future__ import annotations

import importlib
import os
import sys
from numbers import Real
from typing import Any

from nnd.arrays.backend import Backend
from nnd.arrays.registry import BackendNotInstalledError
from nnd.util.checks import describe, float64_array, shown
from nnd.util.errors import InvalidTypeError, InvalidValueError

DEVICE_VAR = "NND_DEVICE"


class ArrayAPIBackend(Backend):
    """float64 arrays of any Array-API library: ``ArrayAPIBackend(device=None, library="numpy")``."""

    name = library = extra = ""  # set by each registered subclass below

    def __init__(self, device: str | None = None, library: str | None = None) -> None:
        if library is not None:  # a library without a subclass here, e.g. "numpy" (its own backend is faster)
            if not isinstance(library, str):
                raise InvalidTypeError(f"library: expected a module name (str), got {describe(library)}")
            if not all(part.isidentifier() for part in library.split(".")):
                raise InvalidValueError(
                    f"library: expected a module name such as 'numpy', got {shown(library)}"
                )
            self.name, self.library, self.extra = f"array_api_{library}", library, ""
        elif not self.library:
            raise InvalidValueError("library: ArrayAPIBackend needs the library to use, e.g. library='numpy'")
        if device is None:
            device = os.environ.get(DEVICE_VAR, "").strip() or None
        elif not isinstance(device, str):
            raise InvalidTypeError(
                f"device: expected a name such as 'cpu' or 'cuda:0', got {describe(device)}"
            )
        self.device_spec = device
        try:
            self.module = importlib.import_module(self.library)
            self.xp = self._namespace()
        except ImportError as exc:
            raise BackendNotInstalledError(
                f"the {shown(self.name, 80)} backend needs {_cut(self.library, 60)}, which cannot be "
                f"imported ({_cut(str(exc))}); install it with: pip install "
                + (f"'nnd[{self.extra}]'" if self.extra else f"{_cut(self.library, 60)} array-api-compat")
            ) from exc
        try:
            probe = self.xp.asarray(0.0, dtype=self.xp.float64, device=self._device(device))
        except Exception as exc:  # each library says it differently: CUDA absent, no such device...
            raise InvalidValueError(
                f"{self.name} backend: device {shown(device)} is not available ({type(exc).__name__}: "
                f"{_cut(str(exc))}); choose another with {DEVICE_VAR}=cpu or device=..."
            ) from exc
        self.device, self.type, self.float64 = probe.device, type(probe), probe.dtype

    def _namespace(self) -> Any:
        return importlib.import_module(f"array_api_compat.{self.library}")

    def _device(self, spec: str | None) -> Any:
        return spec  # a name the library's asarray(device=) takes ("cpu", "cuda:0", ...)

    def __reduce__(self) -> tuple[Any, ...]:  # holds modules: rebuilt from its settings instead
        return type(self), (self.device_spec, self.library if type(self) is ArrayAPIBackend else None)

    def __repr__(self) -> str:
        return f"<nnd backend {self.name!r} on {self.device}>"

    # -- creation and inspection ------------------------------------------------------

    def asarray(self, data: Any, what: str = "") -> Any:
        what = what or f"{self.name} backend: asarray"
        np = sys.modules.get("numpy")
        if np is not None and isinstance(data, np.ndarray):  # any real dtype: checked once, no lists
            return self.xp.asarray(float64_array(np, data, what), device=self.device)
        if type(data) is self.type:  # the library's own array, of another dtype or device
            xp = self.xp
            if data.ndim not in (1, 2) or 0 in data.shape:
                raise InvalidValueError(f"{what}: expected a 1-D or 2-D array, got shape {tuple(data.shape)}")
            if not xp.isdtype(data.dtype, ("integral", "real floating")):
                raise InvalidTypeError(f"{what}: expected an array of real numbers, got dtype {data.dtype}")
            out = xp.asarray(xp.astype(data, xp.float64), copy=True, device=self.device)
            if not self.all_finite(out):
                raise InvalidValueError(f"{what}: expected finite numbers, got NaN or infinity")
            return out
        return super().asarray(data, what)  # nested lists, tolist(), __array__

    def from_floats(self, rows: list[Any], shape: tuple[int, ...]) -> Any:
        return self.xp.asarray(rows, dtype=self.xp.float64, device=self.device)

    def is_array(self, obj: Any) -> bool:
        return type(obj) is self.type and obj.dtype == self.float64 and obj.device == self.device

    def copy(self, a: Any) -> Any:
        return self.xp.asarray(a, copy=True)

    def tolist(self, a: Any) -> list[Any]:
        return a.tolist()

    def shape(self, a: Any) -> tuple[int, ...]:
        return tuple(a.shape)

    def all_finite(self, a: Any) -> bool:
        return bool(self.xp.all(self.xp.isfinite(a)))

    # -- arithmetic: the standard's operators, shapes checked (it would broadcast) --------

    def _pair(self, a: Any, b: Any, op: str) -> tuple[Any, Any]:
        if isinstance(b, Real):
            return a, float(b)
        if isinstance(a, Real):
            return float(a), b
        if a.shape != b.shape:
            raise InvalidValueError(
                f"{self.name} backend: {op} needs equal shapes (or a scalar), "
                f"got {tuple(a.shape)} and {tuple(b.shape)}"
            )
        return a, b

    def matmul(self, a: Any, b: Any) -> Any:
        if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
            raise InvalidValueError(
                f"{self.name} backend: matmul shapes {tuple(a.shape)} and {tuple(b.shape)} do not align"
            )
        return a @ b  # the standard's operator: fewer layers than xp.matmul (measured on PyTorch)

    def transpose(self, a: Any) -> Any:
        return a.mT

    def add(self, a: Any, b: Any) -> Any:
        a, b = self._pair(a, b, "add")
        return a + b

    def subtract(self, a: Any, b: Any) -> Any:
        a, b = self._pair(a, b, "subtract")
        return a - b

    def multiply(self, a: Any, b: Any) -> Any:
        a, b = self._pair(a, b, "multiply")
        return a * b

    def divide(self, a: Any, b: Any) -> Any:
        a, b = self._pair(a, b, "divide")
        return a / b

    # -- the sigmoid: -z kept within ±708, so e^-z neither overflows nor underflows -------

    def sigmoid(self, z: Any) -> Any:
        return 1.0 / (1.0 + self.xp.exp(self.xp.clip(-z, -708.0, 708.0)))

    def sigmoid_prime(self, z: Any) -> Any:
        e = self.xp.exp(-self.xp.abs(z))  # f' is even: e = e^-|z| <= 1 (0 beyond |z| = 745: the limit)
        return self.xp.clip(e / ((1.0 + e) * (1.0 + e)), 0.0, 0.25)  # rounding can pass 1/4

    def sigmoid_prime_from_output(self, a: Any) -> Any:
        return a * (1.0 - a)

    # -- reductions --------------------------------------------------------------------

    def sum(self, a: Any) -> float:
        return float(self.xp.sum(a))

    def vdot(self, a: Any, b: Any) -> float:
        if a is not b:
            self._pair(a, b, "vdot")
        xp = self.xp
        return float(xp.vecdot(xp.reshape(a, (-1,)), xp.reshape(b, (-1,))))


def _cut(text: str, limit: int = 200) -> str:
    """``text``, cut to ``limit`` characters: a library's message may quote a long name whole."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class TorchBackend(ArrayAPIBackend):
    """PyTorch tensors (``device="cuda"`` for a GPU)."""

    name = library = extra = "torch"

    def vdot(self, a: Any, b: Any) -> float:  # torch.vdot: a tenth of the compat layer's vecdot
        if a is not b:
            self._pair(a, b, "vdot")
        return float(self.module.vdot(a.reshape(-1), b.reshape(-1)))


class JaxBackend(ArrayAPIBackend):
    """JAX arrays. Creating it turns on JAX's x64 mode for the process (float64 needs it)."""

    name = library = extra = "jax"

    def _namespace(self) -> Any:
        self.module.config.update("jax_enable_x64", True)  # as JAX_ENABLE_X64=1 would
        return importlib.import_module("jax.numpy")

    def _device(self, spec: str | None) -> Any:  # "cpu", "gpu", "cuda:1": a platform and an index
        platform, _, index = (spec or "").partition(":")
        return self.module.devices(platform)[int(index or 0)] if spec else None


class CupyBackend(ArrayAPIBackend):
    """CuPy arrays, on the GPU (``device="cuda:1"`` picks the second one)."""

    name = library = extra = "cupy"

    def _device(self, spec: str | None) -> Any:
        if spec is None:
            return None
        kind, _, index = spec.partition(":")
        if kind not in ("cuda", "gpu"):
            raise InvalidValueError(f"CuPy computes on CUDA devices only (cuda, cuda:N), not {spec!r}")
        return self.module.cuda.Device(int(index or 0))


class ArrayAPIStrictBackend(ArrayAPIBackend):
    """array-api-strict: the standard and nothing more, to check code against it."""

    name = library = "array_api_strict"
    extra = "array-api-strict"

    def _namespace(self) -> Any:
        return self.module  # the standard itself: no compat layer needed

    def _device(self, spec: str | None) -> Any:
        return self.module.Device(spec) if spec else None

    def tolist(self, a: Any) -> list[Any]:  # its arrays have no tolist(); NumPy reads them, on the CPU
        import numpy

        return numpy.asarray(a.to_device(self.module.Device("CPU_DEVICE"))).tolist()

    def vdot(self, a: Any, b: Any) -> float:
        import numpy  # computes it: a sum past 1e308 is inf (what the network checks for), quietly

        with numpy.errstate(over="ignore"):
            return super().vdot(a, b)
