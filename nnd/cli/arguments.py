"""Option values checked as the command line is read, with the checks of :mod:`nnd.util.checks`.

Each function here makes an argparse ``type=`` callable: it turns the text of an option into
the value nnd uses, or raises ``argparse.ArgumentTypeError``, which argparse reports as a usage
error naming the option (exit status 2), before any work starts::

    nnd train: error: argument --lam: expected a finite number >= 0, got nan

The limits are the library's own: a number must be finite (``nan``, ``inf`` and ``1e400`` are
refused), a count is an int within its range, and the hidden layers must fit within
:data:`nnd.util.checks.MAX_WEIGHTS` weights.

>>> epochs = integer(minimum=1)
>>> epochs("30")
30
>>> epochs("0")
Traceback (most recent call last):
argparse.ArgumentTypeError: expected an int >= 1, got 0
>>> number()("nan")
Traceback (most recent call last):
argparse.ArgumentTypeError: expected a finite number >= 0, got nan
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from nnd.util import checks
from nnd.util.errors import NNDError

MAX_DIGITS = 40
"""Longest text read as an int: more digits than any count or seed needs (Python's ``int`` would
read up to 4,300 digits, slowly, and then refuse)."""


def _usage(check: Callable[[str], Any]) -> Any:
    """``check(name)``; what it refuses becomes a usage error without the placeholder name."""
    name = "value"
    try:
        return check(name)
    except NNDError as exc:
        message = str(exc)
        raise argparse.ArgumentTypeError(message.removeprefix(f"{name}: ")) from None


def _int(text: str, expected: str = "an int") -> int:
    stripped = text.strip()
    if len(stripped) > MAX_DIGITS:
        raise argparse.ArgumentTypeError(
            f"expected {expected} of at most {MAX_DIGITS} digits, got {checks.shown(text)}"
        )
    try:
        return int(stripped)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {checks.shown(text)}") from None


def integer(*, minimum: int | None = 1, maximum: int | None = None) -> Callable[[str], int]:
    """A ``type=`` for a count (``--epochs``, ``--max-iter``): an int from ``minimum`` to ``maximum``.

    >>> integer(maximum=10)("11")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: expected an int >= 1 and <= 10, got 11
    """

    bounds = " and ".join(
        f"{op} {bound:,}" for op, bound in ((">=", minimum), ("<=", maximum)) if bound is not None
    )

    def parse(text: str) -> int:
        value = _int(text, f"an int {bounds}".rstrip())
        return int(_usage(lambda name: checks.integer(value, name, minimum=minimum, maximum=maximum)))

    parse.__name__ = "int"
    return parse


def seed(text: str) -> int:
    """A ``type=`` for ``--seed``: any int (negative ones too), as :func:`nnd.util.checks.seed` takes.

    >>> seed("-7")
    -7
    """
    value = _int(text)
    result = _usage(lambda name: checks.seed(value, name))
    assert result is not None
    return int(result)


def number(
    *, positive: bool = False, minimum: float | None = 0.0, maximum: float | None = None
) -> Callable[[str], float]:
    """A ``type=`` for a real option (``--lam``, ``--learning-rate``): finite, within the range.

    >>> number(positive=True)("inf")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: expected a positive finite number, got inf
    """

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {checks.shown(text)}") from None
        return float(
            _usage(
                lambda name: checks.number(value, name, positive=positive, minimum=minimum, maximum=maximum)
            )
        )

    parse.__name__ = "number"
    return parse


def hidden_sizes(text: str) -> tuple[int, ...]:
    """A ``type=`` for ``--hidden``: ``"30"`` -> ``(30,)``, ``"5,5"`` -> ``(5, 5)``.

    Each size is an int of at least 1, and the layers must fit within
    :data:`~nnd.util.checks.MAX_WEIGHTS` weights even with one input and one output; the
    command checks them again with its data's real input and output sizes
    (:func:`layer_sizes`) before it builds anything.

    >>> hidden_sizes("30,20")
    (30, 20)
    >>> hidden_sizes("3,0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: expected sizes like 3 or 5,5, each at least 1, got '3,0'
    >>> hidden_sizes("10000000")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    argparse.ArgumentTypeError: '10000000' would need more than 10,000,000 weights, the most ...
    """
    try:
        sizes = tuple(_int(part) for part in text.split(","))
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected sizes like 3 or 5,5, got {checks.shown(text)}") from None
    if min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            f"expected sizes like 3 or 5,5, each at least 1, got {checks.shown(text)}"
        )
    try:
        checks.layer_sizes((1, *sizes, 1))
    except NNDError:
        raise argparse.ArgumentTypeError(
            f"{checks.shown(text)} would need more than {checks.MAX_WEIGHTS:,} weights, "
            "the most an nnd network may have"
        ) from None
    return sizes


def layer_sizes(inputs: int, hidden: tuple[int, ...], outputs: int) -> tuple[int, ...]:
    """``(inputs, *hidden, outputs)`` if a network of these sizes is allowed, else a usage error.

    The same limit as :func:`nnd.util.checks.layer_sizes`, checked before anything is built.

    >>> layer_sizes(64, (30,), 10)
    (64, 30, 10)
    >>> layer_sizes(2, (5_000_000,), 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    nnd.util.errors.InvalidValueError: --hidden: (2, 5000000, 1) would need 15,000,000 weights; ...
    """
    return checks.layer_sizes((inputs, *hidden, outputs), "--hidden")


def weight_count(sizes: tuple[int, ...], bias: bool = False) -> int:
    """How many parameters a network of ``sizes`` has: each layer's inputs × outputs, and with
    ``bias=True`` one bias per unit beyond the inputs.

    >>> weight_count((2, 3, 1)), weight_count((2, 3, 1), bias=True)
    (9, 13)
    """
    return sum(a * b for a, b in zip(sizes, sizes[1:])) + (sum(sizes[1:]) if bias else 0)
