"""nnd's own exceptions: one base class, :class:`NNDError`, for everything nnd refuses on purpose.

Each one also inherits the built-in exception it has always been, so code that
catches ``ValueError``, ``TypeError``, ``ImportError`` or ``OSError`` keeps working:

>>> issubclass(InvalidValueError, ValueError) and issubclass(InvalidValueError, NNDError)
True

``except nnd.NNDError`` catches what nnd raises about bad input, a bad file or a
missing optional library, and nothing else: a bug still shows its traceback. The
``nnd`` command reports these as one line (exit status 2, or 1 for an output file
that could not be written) and shows a traceback with ``--debug``.
"""

from __future__ import annotations


class NNDError(Exception):
    """Base class of the errors nnd raises on purpose (bad input, bad files, missing libraries)."""


class InvalidValueError(NNDError, ValueError):
    """An argument or option has the right type but a value nnd cannot use."""


class InvalidTypeError(NNDError, TypeError, ValueError):
    """An argument or option has a type nnd cannot use.

    It is a ``TypeError`` and also a ``ValueError`` (as NumPy's ``AxisError`` is both a
    ``ValueError`` and an ``IndexError``): ``except ValueError`` catches every argument nnd
    refuses, whether its value or its type is wrong, and code that expected either keeps working.
    """


class InvalidIndexError(NNDError, IndexError):
    """An index into an array is out of range or of a kind the array does not take."""


class FileFormatError(InvalidValueError):
    """A file is not a valid nnd network file (or ``pyproject.toml`` is not valid)."""


class PathError(NNDError, OSError):
    """A path nnd was asked to read or write cannot be used: a folder, a device, a missing folder."""


class MissingDependencyError(NNDError, ImportError):
    """An optional library that a feature needs is not installed; the message says what to install."""


__all__ = [
    "FileFormatError",
    "InvalidIndexError",
    "InvalidTypeError",
    "InvalidValueError",
    "MissingDependencyError",
    "NNDError",
    "PathError",
]
