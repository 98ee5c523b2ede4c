"""Output files: checked before a command does its work, and named in what it prints.

Every ``nnd`` option that names a file to write (``--save``, ``--svg``, ``--plot``, ``-o``)
goes through :func:`check_output_path` before any training or drawing starts, so that a bad
name is reported first, in one line that names the option, and nothing is written.
"""

from __future__ import annotations

import os
import re

from nnd.util.errors import InvalidValueError, NNDError
from nnd.util.files import check_path, check_writable


def check_output_path(path: str | os.PathLike[str] | None, option: str, *, image: bool = False) -> None:
    """A usage error naming ``option`` unless ``path`` can be written (``None``: the option was not given).

    Refused, with nothing created: an empty name, a name ending in a separator, a
    folder, a path in a missing folder, a device, FIFO or socket, a symbolic link that
    points to nothing, a folder without write permission (the checks of
    :func:`nnd.util.files.check_writable`). ``image=True`` also checks that matplotlib is
    installed and can write the format the extension names (``.png``, ``.svg``, ``.pdf`` ...).

    >>> check_output_path(None, "--save")
    >>> check_output_path("", "--save")
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: --save: expected a file name, got an empty string
    >>> check_output_path("/nope/x.json", "--save")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: --save: cannot save to '/nope/x.json': the folder '/nope' does ...
    """
    if path is None:
        return
    check_path(path, option)  # an empty name, or one that names a folder: the message names the option
    try:
        check_writable(path)
    except OSError as exc:
        raise InvalidValueError(f"{option}: {exc}") from None
    if image:
        from nnd.draw.mpl import image_format

        try:
            image_format(path)
        except NNDError as exc:
            if isinstance(exc, ImportError):  # matplotlib missing: its own message says what to install
                raise
            raise InvalidValueError(f"{option}: {exc}") from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def shown_name(path: str | os.PathLike[str]) -> str:
    """``path`` as printed: bytes that are not UTF-8 in the name (kept as surrogates) shown as U+FFFD.

    A file name need not be valid UTF-8 on POSIX; Python hands such a name to nnd with
    the bad bytes as lone surrogates, which no output encoding can write.

    >>> shown_name(os.fsdecode(b"\\xff.json")) == "\\N{REPLACEMENT CHARACTER}.json"
    True
    """
    return _SURROGATE.sub("\N{REPLACEMENT CHARACTER}", os.fsdecode(path))
