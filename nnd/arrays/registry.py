"""Choosing a backend: names, plugins and the settings that pick one.

Highest precedence first:

1. ``Network(..., backend="numpy")`` (handled by the network itself),
2. ``with use_backend("numpy"):`` (a context variable: threads and asyncio tasks
   each see their own),
3. ``set_backend("numpy")`` (the process default),
4. the ``NND_BACKEND`` environment variable, read at every lookup (empty = unset),
5. ``[tool.nnd] backend = "numpy"`` in the nearest ``pyproject.toml`` from the
   working directory upward (the search stops at the first ``pyproject.toml``),
6. ``"python"``.

Backends other than the built-in ``"python"`` are found through the entry-point
group ``nnd.backends``. Entry points are read only when a name is not built in or
the list is asked for, and only the chosen backend is imported.
"""

from __future__ import annotations

import os
import threading
from contextvars import ContextVar

from nnd.arrays.backend import Backend
from nnd.util.checks import describe, shown
from nnd.util.errors import FileFormatError, InvalidTypeError, NNDError

TYPE_CHECKING = False  # typing is not imported at run time: it would slow `import nnd`
if TYPE_CHECKING:
    from contextvars import Token
    from typing import Any

ENTRY_POINT_GROUP = "nnd.backends"
ENV_VAR = "NND_BACKEND"
DEFAULT = "python"

BackendLike = str | Backend

_BUILTIN = {"python": ("nnd.arrays.python", "PythonBackend")}
_INSTALL_HINTS = {"numpy": "pip install 'nnd[numpy]'"}

_scoped: ContextVar[Backend | None] = ContextVar("nnd_backend", default=None)
_undo: ContextVar[tuple[Token[Backend | None], ...]] = ContextVar("nnd_backend_undo", default=())
_process_default: Backend | None = None
_loaded: dict[str, Backend] = {}
_loading = threading.RLock()  # one thread loads a backend; the others wait for it and get the same object
_pyproject_cache: dict[str, tuple[int, str | None]] = {}


class UnknownBackendError(NNDError, ValueError):
    """No backend is registered under the name asked for."""


class BackendNotInstalledError(NNDError, ImportError):
    """The backend is registered but the library it needs cannot be imported."""


class ConfigError(FileFormatError):
    """A ``pyproject.toml`` that nnd reads its ``[tool.nnd]`` setting from cannot be read."""


def _entry_points() -> list[Any]:
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def list_backends() -> list[str]:
    """Names of every available backend, built-in first; imports none of them.

    >>> "python" in list_backends()
    True
    """
    names = list(_BUILTIN)
    for ep in _entry_points():
        if ep.name not in names:
            names.append(ep.name)
    return names


def _load(name: str) -> Backend:
    if name in _BUILTIN:
        import importlib

        module, attr = _BUILTIN[name]
        builtin: Backend = getattr(importlib.import_module(module), attr)()
        return builtin
    matches = [ep for ep in _entry_points() if ep.name == name]
    if not matches:
        hint = _INSTALL_HINTS.get(name)
        if hint:
            raise BackendNotInstalledError(f"the {name!r} backend is not installed; install it with: {hint}")
        raise UnknownBackendError(
            f"unknown nnd backend {shown(name)}; available: {', '.join(list_backends())}. "
            f"Third-party backends register under the entry-point group {ENTRY_POINT_GROUP!r}."
        )
    if len({ep.value for ep in matches}) > 1:
        sources = " and ".join(f"{ep.value!r}" for ep in matches)
        raise UnknownBackendError(f"two plugins register the nnd backend {name!r}: {sources}; uninstall one")
    try:
        factory = matches[0].load()
    except ImportError as exc:
        if isinstance(exc, NNDError):  # the adapter said itself what is missing and how to install it
            raise BackendNotInstalledError(str(exc)) from exc
        hint = _INSTALL_HINTS.get(name, f"the library that {matches[0].value!r} needs")
        raise BackendNotInstalledError(
            f"the {name!r} backend cannot be imported ({exc}); install it with: {hint}"
        ) from exc
    backend = factory() if isinstance(factory, type) else factory
    if not isinstance(backend, Backend):
        raise InvalidTypeError(
            f"entry point {name!r} ({matches[0].value}) gave {type(backend).__name__}, "
            "not an nnd.arrays.backend.Backend"
        )
    return backend


def load_backend(backend: BackendLike) -> Backend:
    """The Backend for a name (imported once, then cached) or a Backend object itself.

    Each name is loaded once, by one thread, whatever the number of threads asking at the
    same time: they all get the same Backend object.

    >>> load_backend("python").name
    'python'
    """
    if isinstance(backend, Backend):
        return backend
    if not isinstance(backend, str):
        raise InvalidTypeError(
            f"backend: expected a name (str) or an nnd.arrays.backend.Backend, got {describe(backend)}"
        )
    loaded = _loaded.get(backend)
    if loaded is None:
        with _loading:
            loaded = _loaded.get(backend)  # another thread may have loaded it while this one waited
            if loaded is None:
                loaded = _loaded[backend] = _load(backend)
    return loaded


def _from_pyproject(start: str) -> tuple[str, str] | None:
    """The ``[tool.nnd] backend`` of the nearest ``pyproject.toml`` file, and its path.

    Something named ``pyproject.toml`` that is not a regular file (a folder, say) is
    passed over. A file that cannot be read, is not UTF-8 TOML, or holds ``tool`` or
    ``tool.nnd`` as something other than a table raises :class:`ConfigError` naming
    the file: nnd cannot tell which backend it asks for, and guessing would hide it.
    """
    import stat

    folder = start
    while True:
        path = os.path.join(folder, "pyproject.toml")
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            parent = os.path.dirname(folder)
            if parent == folder:
                return None
            folder = parent
            continue
        mtime = info.st_mtime_ns
        cached = _pyproject_cache.get(path)
        if cached is None or cached[0] != mtime:
            cached = _pyproject_cache[path] = (mtime, _read_pyproject(path))
        return (cached[1], path) if cached[1] else None


def _read_pyproject(path: str) -> str | None:
    import tomllib

    def bad(problem: str) -> ConfigError:
        return ConfigError(f"cannot read the [tool.nnd] setting from {path}: {problem}")

    try:
        with open(path, "rb") as handle:
            raw = handle.read(2**24 + 1)
    except OSError as exc:
        raise bad(exc.strerror or type(exc).__name__) from None
    if len(raw) > 2**24:
        raise bad("the file is larger than 16 MiB")
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise bad(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise bad(f"not valid TOML ({exc})") from None
    tool = table.get("tool", {})
    if not isinstance(tool, dict):
        raise bad(f"'tool' should be a table, got {type(tool).__name__}")
    settings = tool.get("nnd", {})
    if not isinstance(settings, dict):
        raise bad(f"'tool.nnd' should be a table, got {type(settings).__name__}")
    value = settings.get("backend")
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f"[tool.nnd] backend should be a string, got {type(value).__name__} {value!r:.40}")
    return value.strip() or None


def active_backend_source() -> tuple[BackendLike, str]:
    """The active backend (name or object) and the setting that decided it.

    >>> with use_backend("python"):
    ...     active_backend_source()[1]
    'use_backend() block'
    """
    scoped = _scoped.get()
    if scoped is not None:
        return scoped, "use_backend() block"
    if _process_default is not None:
        return _process_default, "set_backend()"
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env, f"environment variable {ENV_VAR}"
    found = _from_pyproject(os.getcwd())
    if found:
        return found[0], f"[tool.nnd] in {found[1]}"
    return DEFAULT, "default"


def get_backend(backend: BackendLike | None = None) -> Backend:
    """The Backend named (or given), or the active one if ``backend`` is None.

    >>> get_backend("python").name
    'python'
    """
    if backend is not None:
        return load_backend(backend)
    chosen, source = active_backend_source()
    try:
        return load_backend(chosen)
    except (UnknownBackendError, BackendNotInstalledError) as exc:
        raise type(exc)(f"{exc} (chosen by {source})") from exc


def set_backend(backend: BackendLike | None) -> Backend | None:
    """Make ``backend`` the process-wide default; ``None`` clears it. Returns the Backend.

    The name is checked (and the backend imported) now, so a typo fails here.
    Networks already built keep their backend.
    """
    global _process_default
    _process_default = None if backend is None else load_backend(backend)
    return _process_default


class use_backend:  # noqa: N801 - used like a function: with use_backend("numpy"): ...
    """Within the ``with`` block, in this thread or task only, use ``backend``.

    One object may be entered by several threads or tasks at once: what each ``with``
    must undo is kept in the running context, not on the object.

    >>> with use_backend("python") as B:
    ...     B.name
    'python'
    """

    def __init__(self, backend: BackendLike) -> None:
        self._backend = load_backend(backend)  # a typo fails here, before the block

    def __enter__(self) -> Backend:
        _undo.set((*_undo.get(), _scoped.set(self._backend)))
        return self._backend

    def __exit__(self, *exc_info: object) -> None:
        *rest, token = _undo.get()  # blocks nest, so the innermost one exits first
        _scoped.reset(token)
        _undo.set(tuple(rest))
