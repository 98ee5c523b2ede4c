"""The ``nnd`` command. Each subcommand lives in its own module under :mod:`nnd.cli`.

A command module provides ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``.

Exit status: 0 success; 1 the work ran but its output could not be written (a
closed standard output, a full disk, a file that could not be saved), or
``nnd backends`` found the selected backend unusable; 2 a usage error or input
nnd refuses (a bad option, an output path that cannot be written, found before
any work starts; a missing optional library, named with what to install); 130
interrupted (Ctrl-C). Every error nnd reports on purpose (an
:class:`~nnd.util.errors.NNDError`) is one line on standard error, never a
traceback; ``nnd --debug COMMAND`` shows the traceback instead.
``nnd`` alone prints the help and exits 0. Output that the terminal's encoding
cannot show (``Σ``, ``½``, ``⊙`` on a cp1252 console, say) is spelled in ASCII.
"""

from __future__ import annotations

import argparse
import codecs
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

COMMANDS = ("demo", "backends", "train", "overfit", "bench", "draw")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    from nnd import __version__

    parser = argparse.ArgumentParser(
        prog="nnd", description="Neural Networks Demystified, runnable: nnd <command> --help"
    )
    parser.add_argument("--version", action="version", version=f"nnd {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback of an error instead of one line"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"nnd.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"nnd.cli.{name}":
                raise
            continue
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the module's docstring).

    If the reader of the output goes away (``nnd train | head``), the command ends
    quietly with status 1 instead of a ``BrokenPipeError`` traceback.
    """
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is None:  # started with standard output closed (nnd train >&-)
        _say("nnd: error: standard output is closed; nothing can be shown")
        return EXIT_FAILED
    sys.stdout = _Output(stdout)
    if stderr is not None:
        sys.stderr = _Output(stderr, quiet=True)
    try:
        try:
            return _main(argv)  # argparse's --help, --version and usage errors raise SystemExit
        finally:
            sys.stdout.flush()  # a closed pipe or a full disk shows up here, not at interpreter exit
    except _OutputError as exc:
        _discard_stdout()
        if not isinstance(exc.__cause__, BrokenPipeError):
            _say(f"nnd: error: cannot write the output: {exc}")
        return EXIT_FAILED
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    from nnd.util.errors import NNDError

    try:
        parser = build_parser()
        args = parser.parse_args(argv)
    except KeyboardInterrupt:
        _say("nnd: interrupted")
        return EXIT_INTERRUPTED
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        if args.debug:
            raise
        _say("nnd: interrupted")
        return EXIT_INTERRUPTED
    except NNDError as exc:
        if args.debug:
            raise
        _say(f"nnd {args.command}: error: {exc}")
        return EXIT_FAILED if isinstance(exc, OSError) else EXIT_USAGE
    except ImportError as exc:
        if args.debug or (exc.name or "nnd").partition(".")[0] == "nnd":
            raise  # nnd's own module missing is a bug: show it
        _say(f"nnd {args.command}: error: {exc}: an optional library this needs is not installed")
        return EXIT_USAGE


def _say(line: str) -> None:
    """Write one line to standard error, if there is one that works."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass


class _OutputError(Exception):
    """Writing to standard output failed (closed, full, reader gone); the cause is the OSError."""


_ASCII = {
    "Σ": "sum", "½": "1/2", "⊙": "*", "·": "*", "−": "-", "×": "x", "λ": "lambda", "²": "^2",
    "ᵀ": "^T", "′": "'", "≤": "<=", "≥": ">=", "…": "...", "–": "-", "—": "-", "→": "->",
    "ε": "eps", "∂": "d", "│": "|", "─": "-", "┤": "|", "┼": "+", "└": "+", "┌": "+",
}  # fmt: skip


def _ascii_spelling(error: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: what the output's encoding cannot show, in ASCII (else "?").

    Braille dots (the terminal plots' curves) become ``*``, the empty Braille cell a space.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_ASCII.get(ch) or _braille(ch) for ch in bad), error.end


_SURROGATE = re.compile("[\ud800-\udfff]")


def _braille(ch: str) -> str:
    if ch == "\u2800":
        return " "
    return "*" if "\u2800" < ch <= "\u28ff" else "?"


codecs.register_error("nnd-ascii", _ascii_spelling)


class _Output:
    """Standard output (or error) for the length of a command.

    Text the stream's encoding cannot hold is spelled in ASCII, and the bytes of a file
    name that are not UTF-8 are shown as U+FFFD; a failed write raises
    :class:`_OutputError` (``quiet``: is ignored, for standard error).
    """

    def __init__(self, stream: TextIO, quiet: bool = False) -> None:
        self._stream, self._quiet = stream, quiet
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            self._lossless = codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32", "gb18030")
        except LookupError:
            self._lossless = False
        self._encoding = encoding

    def write(self, text: str) -> int:
        if not self._lossless:
            text = text.encode(self._encoding, "nnd-ascii").decode(self._encoding, "replace")
        elif _SURROGATE.search(text):  # a file name that is not UTF-8, as Python hands it over
            text = _SURROGATE.sub("\N{REPLACEMENT CHARACTER}", text)
        written: int = self._attempt(self._stream.write, text)
        return written

    def flush(self) -> None:
        self._attempt(self._stream.flush)

    def _attempt(self, operation: Any, *args: Any) -> Any:
        try:
            return operation(*args)
        except (OSError, ValueError) as exc:  # ValueError: the stream was closed
            if self._quiet:
                return 0
            raise _OutputError(getattr(exc, "strerror", None) or str(exc)) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _discard_stdout() -> None:
    """Point stdout at the null device, so that Python's final flush at exit cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (e.g. captured in tests)
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
