"""Files: writing atomically, reading regular files, and paths checked before any work.

Every file nnd writes (a saved network, a picture, a benchmark's JSON) is written by
:func:`write_file`: to a temporary file in the same folder that then replaces the
target in one step, so a failed write leaves the old file as it was and no half file.
Only regular files are written and read: a folder, a device such as ``/dev/null``, a
FIFO or a socket is refused with an ``OSError`` (:class:`~nnd.util.errors.PathError`)
naming the path. Symbolic links are followed.

>>> check_path("")
Traceback (most recent call last):
nnd.util.errors.InvalidValueError: path: expected a file name, got an empty string
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from nnd.util.checks import describe, integer, shown
from nnd.util.errors import FileFormatError, InvalidTypeError, InvalidValueError, PathError

PathLike = str | os.PathLike[str]


def write_file(path: PathLike, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` atomically, as :func:`save` does.

    The same rules as :func:`save`: only a regular file (or a new one) is written,
    links are followed, a replaced file keeps its mode, a failure leaves the old
    file as it was and names ``path``. nnd's figures are written this way too.
    """
    if not isinstance(data, (str, bytes)):
        raise InvalidTypeError(f"data: expected str or bytes, got {describe(data)}")
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate: no UTF-8 file can hold it
            raise InvalidValueError(
                f"data: the text cannot be written as UTF-8: {exc.reason} at position {exc.start}"
            ) from None
    quoted = _shown(path)
    target = Path(_writable_target(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)  # replacing a file: keep its mode
    except FileNotFoundError:
        mode = None
    try:
        temporary, fd = _create_temporary(target)
    except OSError as exc:
        raise _save_error(
            quoted, exc, f"cannot create a file in {_quoted(os.fspath(target.parent))}"
        ) from None
    try:
        with open(fd, "wb") as handle:
            if mode is not None:
                os.chmod(temporary, mode)
            handle.write(data)
        os.replace(temporary, target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _save_error(quoted, exc) from None
        raise


def _shown(path: Any) -> str:
    """``path`` as error messages show it: quoted, and cut if it is very long."""
    return _quoted(os.fsdecode(check_path(path)))


def _quoted(text: str) -> str:
    """A path quoted for a message, cut to 200 characters: a 10,000-character name is not echoed whole."""
    return shown(text, 200)


def _cut(text: str) -> str:
    """A path for a message, unquoted, cut to 200 characters."""
    return text if len(text) <= 200 else text[:197] + "..."


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def check_writable(path: PathLike) -> str:
    """The file that writing ``path`` would replace (links followed), or an ``OSError`` saying why not.

    Refuses a folder (``IsADirectoryError``), a path in a missing folder
    (``FileNotFoundError``), a device, FIFO or socket, a link that points to nothing,
    and a folder that cannot be written to (``PermissionError``). Nothing is
    created. :func:`save` runs these checks; ``nnd train --save`` runs them before
    training, so that a bad path is reported before the work, not after it.
    """
    target = _writable_target(path)
    folder = os.path.dirname(target) or "."
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _PermissionError(
            f"cannot save to {_shown(path)}: no permission to create files in {_quoted(folder)}"
        )
    return target


def _writable_target(path: Any) -> str:
    quoted = _shown(path)
    given = os.fsdecode(path)
    try:
        is_link = stat.S_ISLNK(os.lstat(given).st_mode)
    except FileNotFoundError:
        is_link = False
    except OSError as exc:
        raise _save_error(quoted, exc) from None
    target = os.path.realpath(given) if is_link else given
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        if is_link:
            raise _NotFoundError(
                f"cannot save to {quoted}: it is a symbolic link to {_quoted(target)}, which does not exist"
            ) from None
        mode = None
    except OSError as exc:
        raise _save_error(quoted, exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise _IsADirectoryError(f"cannot save to {quoted}: it is a folder; give a file name in it")
    if mode is not None and not stat.S_ISREG(mode):
        raise PathError(f"cannot save to {quoted}: it is {_kind(mode)}, not a regular file")
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise _NotFoundError(f"cannot save to {quoted}: the folder {_quoted(folder)} does not exist")
    return target


def _save_error(quoted: str, exc: OSError, context: str = "") -> OSError:
    """An OSError of the same kind as ``exc`` that names the user's path, never a temporary file."""
    reason = exc.strerror or type(exc).__name__
    return _path_error(f"cannot save to {quoted}: {context + ': ' if context else ''}{reason}", exc)


def _path_error(message: str, exc: OSError) -> OSError:
    """A :class:`PathError` with ``message``, of the same kind as ``exc`` (not found, a folder, ...)."""
    kinds: tuple[tuple[type[OSError], type[OSError]], ...] = (
        (PermissionError, _PermissionError),
        (FileNotFoundError, _NotFoundError),
        (IsADirectoryError, _IsADirectoryError),
    )
    error: OSError = next(
        (ours(message) for theirs, ours in kinds if isinstance(exc, theirs)), PathError(message)
    )
    error.errno = exc.errno
    return error


class _IsADirectoryError(PathError, IsADirectoryError):
    pass


class _NotFoundError(PathError, FileNotFoundError):
    pass


class _PermissionError(PathError, PermissionError):
    pass


def _create_temporary(target: Path) -> tuple[Path, int]:
    """A new, empty file next to ``target``, created with mode 0o666 so that the umask applies as usual."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file next to {_quoted(os.fspath(target))}")


def check_path(path: Any, name: str = "path") -> PathLike:
    """``path`` itself if it can name a file: a non-empty str or path-like object not ending in a separator.

    A name with a NUL character in it is refused too: no file system has such names.

    >>> check_path("net/")
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: path: expected a file name, got 'net/', which names a folder
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(f"{name}: expected a str or path-like object, got {describe(path)}")
    try:
        text = os.fsdecode(path)  # a path-like object's __fspath__ may give bytes
    except TypeError:  # __fspath__ gave something else
        raise InvalidTypeError(f"{name}: {describe(path)}.__fspath__() gave neither str nor bytes") from None
    if text == "":
        raise InvalidValueError(f"{name}: expected a file name, got an empty string")
    if "\x00" in text:
        raise InvalidValueError(f"{name}: a file name cannot hold a NUL character, got {_quoted(text)}")
    if text.endswith(("/", os.sep)) or (os.altsep and text.endswith(os.altsep)):
        raise InvalidValueError(f"{name}: expected a file name, got {_quoted(text)}, which names a folder")
    return path


_CHUNK = 2**20


def read_file(path: PathLike, max_bytes: int, what: str = "file") -> bytes:
    """At most ``max_bytes`` bytes of a regular file, or an error naming it; a FIFO or device is never read.

    A missing file, a folder, a device or a file without read permission is an ``OSError``
    (:class:`~nnd.util.errors.PathError`); a file over ``max_bytes`` a ``ValueError``
    (:class:`~nnd.util.errors.FileFormatError`). ``what`` names the kind of file in messages.
    """
    name = os.fsdecode(check_path(path))
    quoted = _quoted(name)
    max_bytes = integer(max_bytes, "max_bytes", minimum=1)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _path_error(f"cannot read {quoted}: {exc.strerror or type(exc).__name__}", exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _IsADirectoryError(f"cannot read {quoted}: it is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise PathError(f"cannot read {quoted}: it is {_kind(info.st_mode)}, not a regular file")
        too_big = FileFormatError(
            f"{_cut(name)}: larger than the limit of {max_bytes} bytes for a {what} "
            f"(pass max_bytes= to read a bigger one)"
        )
        if info.st_size > max_bytes:
            raise too_big
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # the file grew after fstat
                raise too_big
    except OSError as exc:
        if isinstance(exc, PathError):
            raise
        raise _path_error(f"cannot read {quoted}: {exc.strerror or type(exc).__name__}", exc) from None
    finally:
        os.close(fd)
    return b"".join(chunks)
