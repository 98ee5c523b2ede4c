"""``nnd backends``: which backends exist, which is active, and which setting chose it.

The exit status is 1 when the selected backend is unknown or not installed, so a
script can check the setup with ``nnd backends >/dev/null``.
"""

from __future__ import annotations

import argparse

from nnd.arrays.registry import BackendNotInstalledError, active_backend_source, list_backends, load_backend

HELP = "list the array backends, the active one and the setting that chose it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    """Print one line per backend, marking the active one; 1 if the selected one cannot be used."""
    chosen, source = active_backend_source()
    active = chosen if isinstance(chosen, str) else chosen.name
    known = list_backends()
    usable = not isinstance(chosen, str)  # a Backend object given to set_backend() is in use already
    for name in known:
        try:
            load_backend(name)
            status = "installed"
            usable = usable or name == active
        except BackendNotInstalledError as exc:
            status = f"not usable: {exc}"
        mark = "*" if name == active else " "
        print(f"{mark} {name:<10} {status}")
    if active not in known and not usable:
        print(f"! {active!r} is selected but is not a known backend")
    elif not usable:
        print(f"! {active!r} is selected but is not usable (see above)")
    print(f"active: {active} (chosen by {source})")
    return 0 if usable else 1
