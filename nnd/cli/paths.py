"""Checking an output path before a command does its work, so that a bad path is reported first.

Every ``nnd`` option that names a file to write (``--save``, ``--plot``, ``--json``
and the like) goes through :func:`check_writable` before training starts.
"""

from __future__ import annotations

import os

from nnd.util.errors import InvalidValueError


def check_writable(path: str | os.PathLike[str] | None, option: str, *, image: bool = False) -> None:
    """A usage error naming ``option`` unless ``path`` can be written (``None``: nothing to check).

    Refused, with nothing created: a folder, a path in a missing folder, a device,
    FIFO or socket, a symbolic link that points to nothing, a folder without write
    permission. ``image=True`` also checks that matplotlib is installed and can write
    the format the extension names (``.png``, ``.svg``, ``.pdf`` ...).

    >>> check_writable(None, "--save")
    >>> check_writable("/nope/x.json", "--save")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: --save: cannot save to '/nope/x.json': the folder '/nope' does ...
    """
    if path is None:
        return
    from nnd.util.files import check_writable as check

    try:
        check(path)
    except OSError as exc:
        raise InvalidValueError(f"{option}: {exc}") from None
    if image:
        from nnd.draw.mpl import image_format

        try:
            image_format(path)
        except InvalidValueError as exc:
            raise InvalidValueError(f"{option}: {exc}") from None
